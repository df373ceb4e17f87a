//! Escaping for the XML formats (GEXF, GraphML, SVG): written straight into the output, no
//! intermediate strings.

use std::io::{self, Write};

/// Whether XML 1.0 allows the character at all.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
}

/// Writes text for an attribute value or element content: markup characters as entities, tabs
/// and line breaks as character references (so attribute normalisation keeps them), characters
/// XML cannot hold dropped.
pub fn escape<W: Write + ?Sized>(out: &mut W, text: &str) -> io::Result<()> {
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&apos;",
            '\t' => "&#9;",
            '\n' => "&#10;",
            '\r' => "&#13;",
            c if !allowed(c) => "",
            _ => continue,
        };
        out.write_all(&text.as_bytes()[start..i])?;
        out.write_all(replacement.as_bytes())?;
        start = i + c.len_utf8();
    }
    out.write_all(&text.as_bytes()[start..])
}

/// Writes text as an XML Schema `token`: runs of white space (and characters XML cannot hold)
/// become one space, none at either end; then escaped.
pub fn escape_token<W: Write + ?Sized>(out: &mut W, text: &str) -> io::Result<()> {
    if text.chars().all(|c| c != ' ' && allowed(c) && !c.is_whitespace()) {
        return escape(out, text);
    }
    let collapsed: Vec<&str> = text.split(|c: char| c.is_whitespace() || !allowed(c)).filter(|w| !w.is_empty()).collect();
    escape(out, &collapsed.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut out = Vec::new();
        escape(&mut out, text).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn markup_and_control_characters() {
        assert_eq!(escaped("A&B <c> \"d\" 'e'"), "A&amp;B &lt;c&gt; &quot;d&quot; &apos;e&apos;");
        assert_eq!(escaped("深度\u{0}求索\u{1b}"), "深度求索");
        assert_eq!(escaped("a\nb"), "a&#10;b");
        let mut out = Vec::new();
        escape_token(&mut out, "  星河\n 智能\t ").unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "星河 智能");
    }
}
