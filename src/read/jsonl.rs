//! JSON Lines: one article an object a line, read lazily line by line. A bad line is an error
//! value naming the file and the line; the others still count. A line longer than its limit
//! (`JSON_LINE_FACTOR` times the article limit) is passed over without being kept in memory.

use super::date::{date_from_timestamp, parse_date};
use super::decode::{decode, normalize_newlines};
use super::{check_size, ReadError, ReadOptions, DEFAULT_MAX_ARTICLE_BYTES, JSON_LINE_FACTOR};
use crate::model::{Article, Origin};
use encoding_rs::Encoding;
use serde_json::{Map, Value};
use std::io::{self, BufRead};
use std::path::PathBuf;

/// An iterator over the articles of a JSON Lines stream.
pub struct JsonLines<R> {
    reader: R,
    /// `None` for standard input.
    path: Option<PathBuf>,
    forced: Option<&'static Encoding>,
    /// The 1-based number of the last line read.
    line: usize,
    buf: Vec<u8>,
    /// Whether a non-blank line was seen: a stream without one is an empty article.
    any: bool,
    done: bool,
    /// The largest article text, in bytes.
    max_article_bytes: u64,
}

impl<R: BufRead> JsonLines<R> {
    pub fn new(reader: R, path: Option<PathBuf>, forced: Option<&'static Encoding>) -> Self {
        JsonLines {
            reader,
            path,
            forced,
            line: 0,
            buf: Vec::new(),
            any: false,
            done: false,
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
        }
    }

    /// Refuses articles whose text is over `max_article_bytes`, and lines over
    /// `JSON_LINE_FACTOR` times that.
    pub fn with_limit(mut self, max_article_bytes: u64) -> Self {
        self.max_article_bytes = max_article_bytes;
        self
    }

    fn origin(&self) -> Origin {
        Origin::JsonLine {
            path: self.path.clone(),
            line: self.line,
        }
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<Article, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            self.buf.clear();
            let cap = self.max_article_bytes.saturating_mul(JSON_LINE_FACTOR);
            match read_line_capped(&mut self.reader, &mut self.buf, cap) {
                Ok(Line::TooLong(size)) => {
                    self.line += 1;
                    self.any = true;
                    return Some(Err(ReadError::TooLarge { origin: self.origin(), what: "JSON line", size: Some(size), limit: cap }));
                }
                Ok(Line::Read(0)) => {
                    self.done = true;
                    if self.any {
                        return None;
                    }
                    let origin = match &self.path {
                        Some(path) => Origin::File(path.clone()),
                        None => Origin::Stdin,
                    };
                    return Some(Err(ReadError::Empty { origin }));
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    let path = self
                        .path
                        .clone()
                        .unwrap_or_else(|| PathBuf::from("<stdin>"));
                    let message = format!(
                        "read error after line {}: {}",
                        self.line,
                        super::io_message(&e)
                    );
                    return Some(Err(ReadError::Io {
                        path,
                        message,
                        source: e,
                    }));
                }
            }
            self.line += 1;
            let mut bytes: &[u8] = &self.buf;
            if self.line == 1 {
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.any = true;
            let bytes = bytes.trim_ascii_end();
            let origin = self.origin();
            let options = ReadOptions { encoding: self.forced, max_article_bytes: self.max_article_bytes };
            return Some(parse_line(bytes, origin, &options));
        }
    }
}

enum Line {
    /// A line of this many bytes (0 at the end of the stream) is in the buffer.
    Read(usize),
    /// A line of this many bytes, over the cap, was passed over; the buffer holds its start.
    TooLong(u64),
}

/// Reads up to and including the next `\n` into `buf`, keeping at most `cap` bytes of it.
fn read_line_capped<R: BufRead>(reader: &mut R, buf: &mut Vec<u8>, cap: u64) -> io::Result<Line> {
    let mut total: u64 = 0;
    let mut newline = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let (used, ended) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if used == 0 {
            break;
        }
        let room = usize::try_from(cap.saturating_add(1)).unwrap_or(usize::MAX).saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..used.min(room)]);
        total += used as u64;
        reader.consume(used);
        if ended {
            newline = true;
            break;
        }
    }
    let content = total - u64::from(newline);
    if content > cap {
        Ok(Line::TooLong(content))
    } else {
        Ok(Line::Read(total as usize))
    }
}

/// One line to an article.
fn parse_line(bytes: &[u8], origin: Origin, options: &ReadOptions) -> Result<Article, ReadError> {
    let forced: Option<&'static Encoding> = options.encoding;
    let (line, encoding) = match (forced, std::str::from_utf8(bytes)) {
        (None, Ok(s)) => (s.to_owned(), "UTF-8"),
        _ => {
            let d = decode(bytes, forced, None, &origin)?;
            (d.text, d.encoding)
        }
    };
    let value: Value = serde_json::from_str(&line).map_err(|e| ReadError::InvalidJson {
        origin: origin.clone(),
        detail: json_error(&e),
    })?;
    let map = match value {
        Value::Object(map) => map,
        other => {
            return Err(ReadError::BadRecord {
                origin,
                detail: format!("expected a JSON object, found {}", kind_of_value(&other)),
            });
        }
    };
    let text = match map.get("text") {
        None | Some(Value::Null) => {
            return Err(ReadError::BadRecord {
                origin,
                detail: "missing \"text\"".into(),
            });
        }
        Some(Value::String(s)) => normalize_newlines(s.clone()),
        Some(other) => {
            return Err(ReadError::BadRecord {
                origin,
                detail: format!("\"text\" is {}, not a string", kind_of_value(other)),
            });
        }
    };
    if text.trim().is_empty() {
        return Err(ReadError::Empty { origin });
    }
    check_size(&text, &origin, options)?;
    let published = ["date", "published"]
        .iter()
        .find_map(|k| match map.get(*k) {
            Some(Value::String(s)) => parse_date(s),
            Some(Value::Number(n)) => n.as_i64().and_then(date_from_timestamp),
            _ => None,
        });
    Ok(Article {
        origin,
        title: string_field(&map, "title"),
        published,
        url: string_field(&map, "url"),
        source: string_field(&map, "source"),
        text,
        encoding,
    })
}

fn string_field(map: &Map<String, Value>, key: &str) -> Option<String> {
    match map.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => None,
    }
}

fn kind_of_value(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde_json's message without its `at line 1`: the line is already in the origin.
fn json_error(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match full.strip_suffix(&suffix) {
        Some(msg) => format!("{msg} at column {}", e.column()),
        None => full,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn lines(input: &str) -> Vec<Result<Article, String>> {
        JsonLines::new(
            Cursor::new(input.as_bytes().to_vec()),
            Some(PathBuf::from("data.jsonl")),
            None,
        )
        .map(|r| r.map_err(|e| e.to_string()))
        .collect()
    }

    #[test]
    fn good_and_bad_lines() {
        let input = concat!(
            "{\"text\":\"宇树科技总部位于杭州。\",\"title\":\"宇树\",\"url\":\"https://e.com/1\",\"date\":\"2025年3月2日\",\"source\":\"示例\"}\n",
            "\n",
            "?? not json\n",
            "{\"title\":\"no text\"}\r\n",
            "[1,2]\n",
            "{\"text\": 42}\n",
            "{\"text\":\"   \"}\n",
            "{\"text\":\"第二篇\\r\\n第二行\",\"date\":1740873600}\n",
            "{\"text\":\"末行没有换行\"}",
        );
        let got = lines(input);
        assert_eq!(got.len(), 8);
        let first = got[0].as_ref().unwrap();
        assert_eq!(first.text, "宇树科技总部位于杭州。");
        assert_eq!(first.title.as_deref(), Some("宇树"));
        assert_eq!(first.url.as_deref(), Some("https://e.com/1"));
        assert_eq!(first.published.as_deref(), Some("2025-03-02"));
        assert_eq!(first.source.as_deref(), Some("示例"));
        assert_eq!(
            first.origin,
            Origin::JsonLine {
                path: Some(PathBuf::from("data.jsonl")),
                line: 1
            }
        );
        let errors: Vec<&str> = got[1..6]
            .iter()
            .map(|r| r.as_ref().unwrap_err().as_str())
            .collect();
        assert_eq!(
            errors,
            [
                "data.jsonl:3: invalid JSON: expected value at column 1",
                "data.jsonl:4: missing \"text\"",
                "data.jsonl:5: expected a JSON object, found an array",
                "data.jsonl:6: \"text\" is a number, not a string",
                "data.jsonl:7: empty article",
            ]
        );
        let eighth = got[6].as_ref().unwrap();
        assert_eq!(eighth.text, "第二篇\n第二行");
        assert_eq!(eighth.published.as_deref(), Some("2025-03-02"));
        assert_eq!(
            eighth.origin,
            Origin::JsonLine {
                path: Some(PathBuf::from("data.jsonl")),
                line: 8
            }
        );
        let last = got[7].as_ref().unwrap();
        assert_eq!(last.text, "末行没有换行");
        assert_eq!(last.title, None);
    }

    #[test]
    fn a_stream_without_lines_is_an_empty_article() {
        for input in ["", "\n  \n\r\n"] {
            assert_eq!(
                lines(input),
                vec![Err("data.jsonl: empty article".to_string())],
                "{input:?}"
            );
        }
    }

    #[test]
    fn a_very_long_line() {
        let body = "很长的文本。".repeat(200_000); // 3.6 MB on one line
        let input = format!("{{\"text\":\"{body}\"}}\n{{\"text\":\"短\"}}\n");
        // Over the default limit (1 MiB of text): refused, and the next line still read.
        let got = lines(&input);
        assert_eq!(got.len(), 2);
        assert!(got[0].as_ref().is_err_and(|e| e.contains("3.4 MiB of text is too large")), "{:?}", got[0].as_ref().err());
        assert_eq!(got[1].as_ref().unwrap().text, "短");
        // Within a raised limit: read whole.
        let raised = JsonLines::new(Cursor::new(input.into_bytes()), None, None).with_limit(4 << 20);
        let got: Vec<Result<Article, ReadError>> = raised.collect();
        assert_eq!(got[0].as_ref().unwrap().text.chars().count(), body.chars().count());
        assert_eq!(got[1].as_ref().unwrap().text, "短");
    }

    #[test]
    fn a_gbk_line_and_a_bom() {
        let (gbk, _, _) = encoding_rs::GBK
            .encode("{\"text\":\"小米集团总部位于北京市海淀区，创始人是雷军。\"}\n");
        let mut input = b"\xEF\xBB\xBF{\"text\":\"first\"}\n".to_vec();
        input.extend_from_slice(&gbk);
        let got: Vec<_> = JsonLines::new(Cursor::new(input), None, None).collect();
        assert_eq!(got[0].as_ref().unwrap().text, "first");
        let second = got[1].as_ref().unwrap();
        assert_eq!(second.text, "小米集团总部位于北京市海淀区，创始人是雷军。");
        assert_eq!(second.encoding, "GBK");
        assert_eq!(
            second.origin,
            Origin::JsonLine {
                path: None,
                line: 2
            }
        );
    }
}
