//! Bytes to text: byte-order marks, a fast path for valid UTF-8, an encoding declared by the
//! document (HTML `<meta charset>`), detection with chardetng among the encodings zhkg knows
//! (UTF-8, GBK/GB18030, Big5; UTF-16 only with a BOM), and the refusals: binary data, and bytes
//! that are not text in any of them.

use super::ReadError;
use crate::model::Origin;
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

/// Text decoded from bytes, with `\n` line breaks and no BOM.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding's name as encoding_rs spells it (`UTF-8`, `GBK`, `gb18030`, `Big5`, `UTF-16LE`).
    pub encoding: &'static str,
}

/// Decodes `bytes`. `forced` (from `--encoding`) wins over everything; `declared` (the document's
/// own `<meta charset>`) is honoured when the bytes are not valid UTF-8 and decode cleanly with it.
pub fn decode(
    bytes: &[u8],
    forced: Option<&'static Encoding>,
    declared: Option<&'static Encoding>,
    origin: &Origin,
) -> Result<Decoded, ReadError> {
    if let Some(enc) = forced {
        if !is_utf16(enc) {
            check_binary(bytes, origin)?;
        }
        let (text, _) = enc.decode_with_bom_removal(bytes);
        let errors = count_replacements(&text);
        if !tolerable(errors, text.chars().count()) {
            return Err(ReadError::BadEncoding {
                origin: origin.clone(),
                encoding: enc.name(),
                errors,
            });
        }
        return Ok(finish(text.into_owned(), enc));
    }

    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        if !is_utf16(enc) {
            check_binary(bytes, origin)?;
        }
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(finish(text.into_owned(), enc));
    }

    check_binary(bytes, origin)?;

    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(finish(text.to_owned(), UTF_8));
    }

    // A declared legacy CJK encoding is trusted when it decodes cleanly. Other declarations
    // (`iso-8859-1` on a page that is really GBK is common) fall through to detection.
    if let Some(enc) = declared.filter(|&e| is_known_legacy(e)) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        if tolerable(count_replacements(&text), text.chars().count()) {
            return Ok(finish(text.into_owned(), enc));
        }
    }

    detect(bytes, origin)
}

/// The best of chardetng's guess and the known candidates, or an error when none is text.
fn detect(bytes: &[u8], origin: &Origin) -> Result<Decoded, ReadError> {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, Utf8Detection::Allow);
    // Only the encodings zhkg knows are candidates (GB18030's decoder is GBK's).

    let mut best: Option<(usize, usize, &'static Encoding, String)> = None;
    let mut candidates: Vec<&'static Encoding> = Vec::new();
    if is_known_legacy(guess) {
        candidates.push(guess);
    }
    for enc in [GBK, BIG5, UTF_8] {
        if !candidates.contains(&enc) {
            candidates.push(enc);
        }
    }
    for enc in candidates {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        let errors = count_replacements(&text);
        let chars = text.chars().count();
        if errors == 0 {
            return Ok(finish(text.into_owned(), enc));
        }
        if best.as_ref().is_none_or(|(e, _, _, _)| errors < *e) {
            best = Some((errors, chars, enc, text.into_owned()));
        }
    }
    match best {
        Some((errors, chars, enc, text)) if tolerable(errors, chars) => Ok(finish(text, enc)),
        _ => Err(ReadError::NotText {
            origin: origin.clone(),
        }),
    }
}

/// The non-Unicode encodings zhkg reads.
fn is_known_legacy(enc: &'static Encoding) -> bool {
    enc == GBK || enc == GB18030 || enc == BIG5
}

fn is_utf16(enc: &'static Encoding) -> bool {
    enc == UTF_16LE || enc == UTF_16BE
}

fn count_replacements(text: &str) -> usize {
    text.chars().filter(|&c| c == '\u{FFFD}').count()
}

/// A few undecodable sequences (a truncated last character, a stray byte) are accepted: at most
/// one per hundred characters, and at least one.
fn tolerable(errors: usize, chars: usize) -> bool {
    errors <= (chars / 100).max(1)
}

fn finish(text: String, enc: &'static Encoding) -> Decoded {
    Decoded {
        text: normalize_newlines(text),
        encoding: enc.name(),
    }
}

/// Refuses binary data: any NUL byte, or more than one byte in ten (of the first 64 KiB) a
/// control character other than tab, line feed, carriage return, form feed and escape.
pub fn check_binary(bytes: &[u8], origin: &Origin) -> Result<(), ReadError> {
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(ReadError::Binary {
            origin: origin.clone(),
            detail: format!("NUL bytes at offset {pos}"),
        });
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let controls = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f)
        .count();
    if controls * 10 > sample.len() {
        return Err(ReadError::Binary {
            origin: origin.clone(),
            detail: format!(
                "{controls} control characters in the first {} bytes",
                sample.len()
            ),
        });
    }
    Ok(())
}

/// `\r\n`, lone `\r`, NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR become `\n`; a leading BOM
/// character goes.
pub fn normalize_newlines(text: String) -> String {
    let text = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    if !text.contains(['\r', '\u{85}', '\u{2028}', '\u{2029}']) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            c => out.push(c),
        }
    }
    out
}

/// The encoding a `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…; charset=…">`
/// in the first 4 KiB declares.
pub fn html_declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos + 5;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(cs) = find(tag, b"charset") {
            let mut i = cs + 7;
            while i < tag.len() && matches!(tag[i], b' ' | b'\t' | b'\n' | b'\r') {
                i += 1;
            }
            if tag.get(i) == Some(&b'=') {
                i += 1;
                while i < tag.len() && matches!(tag[i], b' ' | b'\t' | b'\n' | b'\r' | b'"' | b'\'')
                {
                    i += 1;
                }
                let label_end = tag[i..]
                    .iter()
                    .position(|b| {
                        !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
                    })
                    .map_or(tag.len(), |p| i + p);
                if let Some(enc) = Encoding::for_label(&tag[i..label_end]) {
                    return Some(enc);
                }
            }
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn origin() -> Origin {
        Origin::File(PathBuf::from("t.txt"))
    }

    const SIMPLIFIED: &str =
        "宇树科技总部位于浙江省杭州市，由王兴兴于2016年创立，旗下产品包括四足机器人。";
    const TRADITIONAL: &str =
        "台積電總部設在新竹科學園區，由張忠謀於1987年創辦，是全球最大的晶圓代工廠。";

    #[test]
    fn encodings_are_detected() {
        let (gbk, _, bad) = GBK.encode(SIMPLIFIED);
        assert!(!bad);
        assert!(std::str::from_utf8(&gbk).is_err());
        let (big5, _, bad) = BIG5.encode(TRADITIONAL);
        assert!(!bad);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(SIMPLIFIED.as_bytes());
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in SIMPLIFIED.encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
            ("utf-8", SIMPLIFIED.as_bytes().to_vec(), SIMPLIFIED, "UTF-8"),
            ("utf-8 bom", bom, SIMPLIFIED, "UTF-8"),
            ("gbk", gbk.into_owned(), SIMPLIFIED, "GBK"),
            ("big5", big5.into_owned(), TRADITIONAL, "Big5"),
            ("utf-16le bom", utf16, SIMPLIFIED, "UTF-16LE"),
        ];
        for (name, bytes, want, enc) in cases {
            let d = decode(&bytes, None, None, &origin()).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(d.text, want, "{name}");
            assert_eq!(d.encoding, enc, "{name}");
        }
    }

    #[test]
    fn forced_encoding_wins_and_can_fail() {
        let (gbk, _, _) = GBK.encode(SIMPLIFIED);
        let d = decode(&gbk, Some(GBK), None, &origin()).unwrap();
        assert_eq!(d.text, SIMPLIFIED);
        // GBK bytes are not UTF-8: forcing UTF-8 must fail, naming the encoding.
        let err = decode(&gbk, Some(UTF_8), None, &origin()).unwrap_err();
        assert!(matches!(err, ReadError::BadEncoding { .. }), "{err}");
        assert!(
            err.to_string().starts_with("t.txt: not valid UTF-8"),
            "{err}"
        );
    }

    #[test]
    fn declared_charset_is_honoured() {
        let html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>中文</body></html>";
        let (bytes, _, _) = GBK.encode(html);
        assert_eq!(html_declared_encoding(&bytes), Some(GBK));
        assert_eq!(html_declared_encoding(b"<meta charset='big5'>"), Some(BIG5));
        assert_eq!(html_declared_encoding(b"<meta name=x content=y>"), None);
        let d = decode(&bytes, None, Some(GBK), &origin()).unwrap();
        assert!(d.text.contains("中文"));
        assert_eq!(d.encoding, "GBK");
        // A page mislabelled as Latin-1 is detected instead.
        let (gbk, _, _) = GBK.encode(SIMPLIFIED);
        let latin1 = Encoding::for_label(b"iso-8859-1");
        let d = decode(&gbk, None, latin1, &origin()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SIMPLIFIED, "GBK"));
    }

    #[test]
    fn binary_and_non_text_are_refused() {
        let mut nul = b"hello world ".repeat(10);
        nul[120 - 1] = 0;
        let err = decode(&nul, None, None, &origin()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.txt: binary file (NUL bytes at offset 119)"
        );

        let controls: Vec<u8> = (0..200u8)
            .map(|i| if i % 3 == 0 { 0x01 } else { b'a' })
            .collect();
        let err = decode(&controls, None, None, &origin()).unwrap_err();
        assert!(matches!(err, ReadError::Binary { .. }), "{err}");

        let junk: Vec<u8> = (0..400)
            .map(|i| if i % 2 == 0 { 0xFF } else { 0x80 })
            .collect();
        let err = decode(&junk, None, None, &origin()).unwrap_err();
        assert_eq!(err.to_string(), "t.txt: not text in any known encoding");
    }

    #[test]
    fn a_truncated_gbk_file_still_decodes() {
        let (gbk, _, _) = GBK.encode(SIMPLIFIED);
        let cut = &gbk[..gbk.len() - 1];
        let d = decode(cut, None, None, &origin()).unwrap();
        assert_eq!(d.encoding, "GBK");
        assert!(d.text.starts_with("宇树科技总部位于"));
    }

    #[test]
    fn newlines_are_normalised() {
        assert_eq!(
            normalize_newlines("a\r\nb\rc\n\u{2028}d".into()),
            "a\nb\nc\n\nd"
        );
        assert_eq!(normalize_newlines("\u{FEFF}x".into()), "x");
        let d = decode(b"one\r\ntwo\r\n", None, None, &origin()).unwrap();
        assert_eq!(d.text, "one\ntwo\n");
    }
}
