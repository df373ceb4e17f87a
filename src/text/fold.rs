//! The matching fold: one character out for one character in.

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;

/// Folds text for matching. Built once per extractor (OpenCC's tables cost a few milliseconds).
pub struct Folder {
    t2s: OpenCC,
}

/// Full-width ASCII → half-width; ideographic, no-break and other spaces → space; dot variants → `·`;
/// the bar 丨 → `|`.
pub fn width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => ' ',
        '・' | '•' | '‧' | '∙' | '･' | '⋅' => '·',
        // 格隆汇9月27日丨X发布公告: the ideograph 丨 stands as a separator bar
        '丨' => '|',
        _ => c,
    }
}

/// True for CJK ideographs (the characters names are written in).
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}

impl Folder {
    pub fn new() -> Result<Folder, String> {
        let t2s = OpenCC::from_config(BuiltinConfig::T2s).map_err(|e| format!("OpenCC t2s: {e}"))?;
        Ok(Folder { t2s })
    }

    /// Traditional → simplified for a short string (names, keys); may change the length.
    pub fn simplify(&self, s: &str) -> String {
        self.t2s.convert(s)
    }

    /// The fold of `text`: exactly one char per char of `text`.
    pub fn fold(&self, text: &str) -> Vec<char> {
        let mut out: Vec<char> = text.chars().map(width).collect();
        // A '.' between two ideographs is a broken middle dot (肯.威廉姆斯).
        for i in 1..out.len().saturating_sub(1) {
            if out[i] == '.' && is_cjk(out[i - 1]) && is_cjk(out[i + 1]) {
                out[i] = '·';
            }
        }
        self.simplify_in_place(&mut out);
        out
    }

    /// Runs t2s over the chars; where a line changes length, falls back to char-by-char conversion
    /// keeping only one-to-one results.
    fn simplify_in_place(&self, chars: &mut [char]) {
        if chars.iter().all(|c| c.is_ascii()) {
            return;
        }
        let mut start = 0;
        let mut buf = String::new();
        while start < chars.len() {
            let end = chars[start..].iter().position(|&c| c == '\n').map_or(chars.len(), |p| start + p + 1);
            let line = &mut chars[start..end];
            if line.iter().any(|&c| !c.is_ascii()) {
                buf.clear();
                buf.extend(line.iter());
                let conv = self.t2s.convert(&buf);
                if conv.chars().count() == line.len() {
                    for (slot, c) in line.iter_mut().zip(conv.chars()) {
                        *slot = c;
                    }
                } else {
                    let mut one = String::new();
                    for slot in line.iter_mut().filter(|c| !c.is_ascii()) {
                        one.clear();
                        one.push(*slot);
                        let conv = self.t2s.convert(&one);
                        let mut it = conv.chars();
                        if let (Some(c), None) = (it.next(), it.next()) {
                            *slot = c;
                        }
                    }
                }
            }
            start = end;
        }
    }
}

/// A key fold of a name: NFKC, simplified, lowercase, without spaces, dots and hyphen-like marks.
pub fn key_of(folder: &Folder, name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let nfkc: String = name.nfkc().collect();
    let simp = folder.simplify(&nfkc);
    simp.chars()
        .flat_map(|c| c.to_lowercase())
        .filter(|c| !c.is_whitespace() && !matches!(c, '·' | '・' | '•' | '‧' | '.' | '-' | '‐' | '–' | '—' | '_' | ':' | '：' | '"' | '\'' | '“' | '”' | '「' | '」' | '《' | '》' | '(' | ')' | '（' | '）'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_keeps_offsets_and_simplifies() {
        let f = Folder::new().unwrap();
        let cases = [
            ("ＡＢＣ１２３　x", "ABC123 x"),
            ("總部位於新竹科學園區的台積電", "总部位于新竹科学园区的台积电"),
            ("薩姆・奧爾特曼（SamAltman）", "萨姆·奥尔特曼(SamAltman)"),
            ("肯.威廉姆斯 and v1.5", "肯·威廉姆斯 and v1.5"),
            ("輝達執行長黃仁勳\n鴻海精密", "辉达执行长黄仁勋\n鸿海精密"),
        ];
        for (input, want) in cases {
            let got: String = f.fold(input).into_iter().collect();
            assert_eq!(got, want, "fold of {input}");
            assert_eq!(got.chars().count(), input.chars().count());
        }
    }

    #[test]
    fn key_folds_script_case_and_dots() {
        let f = Folder::new().unwrap();
        assert_eq!(key_of(&f, "薩姆·奧爾特曼"), key_of(&f, "萨姆 奥尔特曼"));
        assert_eq!(key_of(&f, "Moonshot AI"), "moonshotai");
        assert_eq!(key_of(&f, "ＧＬＭ-４"), "glm4");
    }
}
