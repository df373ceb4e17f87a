//! Reading articles: files, directories, standard input; decoding; HTML and JSON Lines.
//!
//! `sources` expands what the command line names into readable units; `read` turns one unit into
//! articles. Nothing here panics on bad input: every problem is a `ReadError` value whose message
//! is one line naming the path (and the line, for JSON Lines).
//!
//! Where the text changes form: bytes are decoded (`decode`), line breaks become `\n` and a BOM
//! goes; plain text is otherwise kept whole, HTML is reduced to its article's lines
//! (`html`). Every offset later computed indexes `Article::text` as returned here.

pub mod date;
mod decode;
mod html;
mod jsonl;
mod plain;
mod walk;

pub use date::parse_date;

use crate::model::{Article, Origin};
use std::fs;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

/// One thing named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    Stdin,
}

impl Input {
    /// A command-line argument: `-` is standard input, anything else a path.
    pub fn from_arg(arg: impl Into<PathBuf>) -> Input {
        let path = arg.into();
        if path.as_os_str() == "-" {
            Input::Stdin
        } else {
            Input::Path(path)
        }
    }
}

/// Options that change how bytes become text.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Forces this encoding instead of detecting one.
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

/// A readable unit found among the inputs: a file of a known kind, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Stdin,
}

/// What the inputs expand to.
#[derive(Debug, Default)]
pub struct Sources {
    pub sources: Vec<Source>,
    /// Files inside directories that are not of a known kind (counted in the summary).
    pub passed_over: Vec<PathBuf>,
    /// Inputs that could not be listed at all.
    pub errors: Vec<ReadError>,
}

/// The kinds of article file, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `.txt`, `.md`
    Text,
    /// `.html`, `.htm`
    Html,
    /// `.jsonl`
    JsonLines,
}

/// The kind of article file `path` is, from its extension (case-insensitive).
pub fn kind_of(path: &Path) -> Option<Kind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "md" => Some(Kind::Text),
        "html" | "htm" => Some(Kind::Html),
        "jsonl" => Some(Kind::JsonLines),
        _ => None,
    }
}

/// Everything that can go wrong reading; each message is one line naming the path.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// A path that could not be listed, opened or read (missing, permission denied, …).
    #[error("{}: {message}", path.display())]
    Io {
        path: PathBuf,
        message: String,
        #[source]
        source: io::Error,
    },
    /// A file named on the command line that is not of a known kind.
    #[error("{}: not an article file (known kinds: .txt, .md, .html, .htm, .jsonl)", path.display())]
    UnknownKind { path: PathBuf },
    /// A directory (named on the command line) holding no article file at any depth.
    #[error("{}: no article files in this directory ({passed_over} other files passed over)", path.display())]
    NoArticles { path: PathBuf, passed_over: usize },
    #[error("{origin}: binary file ({detail})")]
    Binary { origin: Origin, detail: String },
    #[error("{origin}: not text in any known encoding")]
    NotText { origin: Origin },
    /// The forced encoding (`--encoding`) does not fit the bytes.
    #[error("{origin}: not valid {encoding} text ({errors} undecodable byte sequences)")]
    BadEncoding {
        origin: Origin,
        encoding: &'static str,
        errors: usize,
    },
    #[error("{origin}: empty article")]
    Empty { origin: Origin },
    /// A JSON Lines line that is not JSON; `detail` is serde_json's message (`expected value at
    /// column 1`).
    #[error("{origin}: invalid JSON: {detail}")]
    InvalidJson { origin: Origin, detail: String },
    /// A JSON Lines line that is JSON but not an article (`missing "text"`, not an object, …).
    #[error("{origin}: {detail}")]
    BadRecord { origin: Origin, detail: String },
}

impl ReadError {
    /// The article the error is about, when it is about one.
    pub fn origin(&self) -> Option<&Origin> {
        match self {
            ReadError::Binary { origin, .. }
            | ReadError::NotText { origin }
            | ReadError::BadEncoding { origin, .. }
            | ReadError::Empty { origin }
            | ReadError::InvalidJson { origin, .. }
            | ReadError::BadRecord { origin, .. } => Some(origin),
            ReadError::Io { .. } | ReadError::UnknownKind { .. } | ReadError::NoArticles { .. } => {
                None
            }
        }
    }

    /// The file or directory the error names (`None` for standard input).
    pub fn path(&self) -> Option<&Path> {
        match self {
            ReadError::Io { path, .. }
            | ReadError::UnknownKind { path }
            | ReadError::NoArticles { path, .. } => Some(path),
            _ => match self.origin()? {
                Origin::File(path)
                | Origin::JsonLine {
                    path: Some(path), ..
                } => Some(path),
                Origin::JsonLine { path: None, .. } | Origin::Stdin => None,
            },
        }
    }
}

/// A short message for an I/O error, without the `(os error N)` tail.
pub(crate) fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_owned(),
                None => s,
            }
        }
    }
}

pub(crate) fn io_error(path: &Path, e: io::Error) -> ReadError {
    ReadError::Io {
        path: path.to_owned(),
        message: io_message(&e),
        source: e,
    }
}

/// Expands the inputs: files of a known kind, directories (recursively, sorted by path, hidden
/// entries skipped, files of other kinds passed over), standard input (once). Problems with an
/// input (missing, unreadable, of an unknown kind, a directory without articles) land in
/// `errors`; the other inputs still count.
pub fn sources(inputs: &[Input]) -> Sources {
    walk::sources(inputs)
}

/// Every article of every source, in order, each with the index of the source it came from. A
/// source that cannot be read at all gives one error in its place; every source gives at least
/// one item.
pub fn articles<'a>(
    sources: &'a [Source],
    options: &'a ReadOptions,
) -> impl Iterator<Item = (usize, Result<Article, ReadError>)> + 'a {
    sources.iter().enumerate().flat_map(move |(index, source)| {
        let items: Box<dyn Iterator<Item = Result<Article, ReadError>>> = match read(source, options) {
            Ok(articles) => articles,
            Err(error) => Box::new(std::iter::once(Err(error))),
        };
        items.map(move |item| (index, item))
    })
}

/// Reads one source: a text or HTML file gives one article, a JSON Lines file one per line.
///
/// The outer error is for a source that cannot be opened or read at all; a problem with the
/// content (binary, undecodable, empty, a bad JSON line) is an error item of the iterator, after
/// which JSON Lines goes on with its next line.
pub fn read(
    source: &Source,
    options: &ReadOptions,
) -> Result<Box<dyn Iterator<Item = Result<Article, ReadError>>>, ReadError> {
    match source {
        Source::File(path) => {
            let kind =
                kind_of(path).ok_or_else(|| ReadError::UnknownKind { path: path.clone() })?;
            match kind {
                Kind::JsonLines => {
                    let file = fs::File::open(path).map_err(|e| io_error(path, e))?;
                    let mut reader = BufReader::with_capacity(64 * 1024, file);
                    let head = reader.fill_buf().map_err(|e| io_error(path, e))?;
                    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
                        // UTF-16 cannot be split at byte 0x0A: transcode the whole file first.
                        let mut bytes = Vec::new();
                        reader
                            .read_to_end(&mut bytes)
                            .map_err(|e| io_error(path, e))?;
                        let utf8 = utf16_to_utf8(&bytes);
                        return Ok(Box::new(jsonl::JsonLines::new(
                            Cursor::new(utf8),
                            Some(path.clone()),
                            None,
                        )));
                    }
                    Ok(Box::new(jsonl::JsonLines::new(
                        reader,
                        Some(path.clone()),
                        options.encoding,
                    )))
                }
                Kind::Text | Kind::Html => {
                    let bytes = fs::read(path).map_err(|e| io_error(path, e))?;
                    let article = from_bytes(&bytes, kind, Origin::File(path.clone()), options);
                    Ok(Box::new(std::iter::once(article)))
                }
            }
        }
        Source::Stdin => {
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| io_error(Path::new("<stdin>"), e))?;
            Ok(read_stdin_bytes(bytes, options))
        }
    }
}

/// Standard input's bytes: JSON Lines when the first non-blank character is `{`, HTML when it is
/// `<` or the bytes hold `<html`/`<body`, plain text otherwise.
fn read_stdin_bytes(
    bytes: Vec<u8>,
    options: &ReadOptions,
) -> Box<dyn Iterator<Item = Result<Article, ReadError>>> {
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    let sniffable = if utf16 {
        utf16_to_utf8(&bytes)
    } else {
        bytes.clone()
    };
    match sniff(&sniffable) {
        Kind::JsonLines => {
            let (data, forced) = if utf16 {
                (sniffable, None)
            } else {
                (bytes, options.encoding)
            };
            Box::new(jsonl::JsonLines::new(Cursor::new(data), None, forced))
        }
        kind => Box::new(std::iter::once(from_bytes(
            &bytes,
            kind,
            Origin::Stdin,
            options,
        ))),
    }
}

fn sniff(bytes: &[u8]) -> Kind {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => return Kind::JsonLines,
        Some(b'<') => return Kind::Html,
        _ => {}
    }
    let head = body[..body.len().min(64 * 1024)].to_ascii_lowercase();
    if head.windows(5).any(|w| w == b"<html" || w == b"<body") {
        Kind::Html
    } else {
        Kind::Text
    }
}

fn utf16_to_utf8(bytes: &[u8]) -> Vec<u8> {
    let (text, _, _) = encoding_rs::UTF_8.decode(bytes); // BOM sniffing picks UTF-16LE/BE.
    text.into_owned().into_bytes()
}

/// One text or HTML article from its bytes.
fn from_bytes(
    bytes: &[u8],
    kind: Kind,
    origin: Origin,
    options: &ReadOptions,
) -> Result<Article, ReadError> {
    match kind {
        Kind::Html => {
            let declared = decode::html_declared_encoding(bytes);
            let d = decode::decode(bytes, options.encoding, declared, &origin)?;
            let page = html::extract(&d.text);
            if page.text.trim().is_empty() {
                return Err(ReadError::Empty { origin });
            }
            Ok(Article {
                origin,
                text: page.text,
                title: page.title,
                published: page.published,
                url: page.url,
                source: page.source,
                encoding: d.encoding,
            })
        }
        Kind::Text | Kind::JsonLines => {
            let d = decode::decode(bytes, options.encoding, None, &origin)?;
            if d.text.trim().is_empty() {
                return Err(ReadError::Empty { origin });
            }
            let meta = plain::top_meta(&d.text);
            Ok(Article {
                origin,
                text: d.text,
                title: meta.title,
                published: meta.published,
                url: None,
                source: meta.source,
                encoding: d.encoding,
            })
        }
    }
}

#[cfg(test)]
mod tests;
