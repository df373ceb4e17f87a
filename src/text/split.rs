//! Sentence splitting on 。！？；!?, bullets and line breaks, keeping closing quotes with their
//! sentence.
//! A run longer than [`MAX_SENTENCE`] characters without any of them (a page without punctuation,
//! a scraper's one-line dump) is cut into pieces of at most that length, at a comma or a space
//! when there is one in the piece's second half: relation rules look within a sentence, so a
//! bounded sentence keeps extraction linear in the length of the text.

use crate::model::Sentence;

/// The longest sentence extraction sees, in characters. News sentences stay far below it (the
/// longest among the evaluation corpora and DuIE's 1,285 sentences has 259).
pub const MAX_SENTENCE: usize = 512;

/// Where an over-long run is best cut: after a comma, an enumeration comma, a colon or a blank.
fn is_soft_break(c: char) -> bool {
    matches!(c, '，' | ',' | '、' | '：' | ':' | ' ' | '\t' | '\u{3000}' | ')' | '）')
}

/// A bullet (●, ■, ◆) ends the item before it.
fn is_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n' | '\r' | '●' | '■' | '◆')
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

/// Pushes `chars[start..end]` as sentences of at most `MAX_SENTENCE` characters.
fn push(out: &mut Vec<Sentence>, chars: &[char], mut start: usize, end: usize) {
    while end - start > MAX_SENTENCE {
        let limit = start + MAX_SENTENCE;
        let cut = (start + MAX_SENTENCE / 2..limit).rev().find(|&i| is_soft_break(chars[i])).map_or(limit, |i| i + 1);
        push_one(out, chars, start, cut);
        start = cut;
    }
    push_one(out, chars, start, end);
}

fn push_one(out: &mut Vec<Sentence>, chars: &[char], mut start: usize, mut end: usize) {
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
    fn long_runs_are_cut_at_a_comma_or_at_the_limit() {
        // No punctuation at all: pieces of exactly MAX_SENTENCE characters, nothing lost.
        let text: String = "星河智能科技发布了机器人".chars().cycle().take(MAX_SENTENCE * 3 + 7).collect();
        let chars: Vec<char> = text.chars().collect();
        let s = sentences(&chars);
        assert_eq!(s.len(), 4);
        assert!(s.iter().all(|x| x.end - x.start <= MAX_SENTENCE));
        assert_eq!((s[0].start, s[3].end), (0, chars.len()));
        assert!(s.windows(2).all(|w| w[0].end == w[1].start));
        // Commas: the cut falls just after the last one within the limit.
        let clause = "该公司总部位于杭州，";
        let text = clause.repeat(MAX_SENTENCE / clause.chars().count() + 3);
        let split = split(&text);
        assert!(split.len() >= 2 && split.iter().all(|x| x.ends_with('，') && x.chars().count() <= MAX_SENTENCE), "{split:?}");
        assert_eq!(split.concat(), text);
    }

    #[test]
    fn offsets_are_char_offsets() {
        let text = "甲公司。乙";
        let chars: Vec<char> = text.chars().collect();
        let s = sentences(&chars);
        assert_eq!(s, vec![Sentence { start: 0, end: 4 }, Sentence { start: 4, end: 5 }]);
    }
}
