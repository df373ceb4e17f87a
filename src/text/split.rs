//! Sentence splitting on 。！？；!? and line breaks, keeping closing quotes with their sentence.

use crate::model::Sentence;

fn is_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n' | '\r')
}

fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '"' | '\'' | ')' | '）' | '》')
}

/// Sentences of `chars` (the original or the fold: same offsets), without surrounding blanks;
/// empty sentences are dropped.
pub fn sentences(chars: &[char]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        if is_end(chars[i]) {
            let mut end = i + 1;
            if chars[i] != '\n' && chars[i] != '\r' {
                while end < chars.len() && (is_end(chars[end]) && chars[end] != '\n' || is_closer(chars[end])) {
                    end += 1;
                }
            }
            push(&mut out, chars, start, end);
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    push(&mut out, chars, start, chars.len());
    out
}

fn push(out: &mut Vec<Sentence>, chars: &[char], mut start: usize, mut end: usize) {
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    if end > start {
        out.push(Sentence { start, end });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        sentences(&chars).iter().map(|x| chars[x.start..x.end].iter().collect()).collect()
    }

    #[test]
    fn splits_on_marks_and_lines_keeping_quotes() {
        assert_eq!(
            split("他说：“好。”然后走了！真的？是的；\n\n第二段\r\n最后"),
            vec!["他说：“好。”", "然后走了！", "真的？", "是的；", "第二段", "最后"]
        );
        assert_eq!(split("Wait?! Yes."), vec!["Wait?!", "Yes."]);
        assert!(split("  \n ").is_empty());
    }

    #[test]
    fn offsets_are_char_offsets() {
        let text = "甲公司。乙";
        let chars: Vec<char> = text.chars().collect();
        let s = sentences(&chars);
        assert_eq!(s, vec![Sentence { start: 0, end: 4 }, Sentence { start: 4, end: 5 }]);
    }
}
