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
pub(crate) mod decode;
pub mod html;
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

/// The largest article text read by default, in bytes of UTF-8 (`--max-article-size`): 1 MiB,
/// some 350,000 Chinese characters, far beyond any news article; larger inputs are dumps or
/// mistakes, refused with a message before they cost memory or time.
pub const DEFAULT_MAX_ARTICLE_BYTES: u64 = 1 << 20;
/// An HTML file may be this many times the article limit: markup, scripts and styles included.
pub const HTML_FACTOR: u64 = 8;
/// A JSON Lines line may be this many times the limit: escapes (`\u6d59`, six bytes for one
/// character of three) and the other fields included.
pub const JSON_LINE_FACTOR: u64 = 4;

/// Options that change how bytes become text.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Forces this encoding instead of detecting one.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The largest article text accepted, in bytes of UTF-8. A text file, an HTML file (times
    /// `HTML_FACTOR`) or a JSON Lines line (times `JSON_LINE_FACTOR`) larger than its share is
    /// refused before it is read into memory.
    pub max_article_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { encoding: None, max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES }
    }
}

/// A size for people: `512 bytes`, `64 KiB`, `1.5 MiB`, `200 MiB`, `2 GiB`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (unit, name) in UNITS {
        if bytes >= unit {
            let value = bytes as f64 / unit as f64;
            return if bytes % unit == 0 || value >= 10.0 {
                format!("{value:.0} {name}")
            } else {
                format!("{value:.1} {name}")
            };
        }
    }
    format!("{bytes} bytes")
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
    /// Worth saying, but no input failed: symbolic-link loops, not followed.
    pub notices: Vec<ReadError>,
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
    /// A symbolic link to a directory that holds it (not followed: the walk would never end).
    #[error("{}: symbolic link loop (back to {}); not followed", path.display(), target.display())]
    LinkLoop { path: PathBuf, target: PathBuf },
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
    /// More than the article limit (`--max-article-size`): `size` is `None` when reading stopped
    /// at the limit.
    #[error("{origin}: {} of {what} is too large for an article (the limit is {}; --max-article-size changes it)", size.map_or_else(|| format!("more than {}", human_size(*limit)), human_size), human_size(*limit))]
    TooLarge {
        origin: Origin,
        /// `text`, `HTML`, `JSON line`.
        what: &'static str,
        size: Option<u64>,
        limit: u64,
    },
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
            | ReadError::TooLarge { origin, .. }
            | ReadError::InvalidJson { origin, .. }
            | ReadError::BadRecord { origin, .. } => Some(origin),
            ReadError::Io { .. }
            | ReadError::UnknownKind { .. }
            | ReadError::NoArticles { .. }
            | ReadError::LinkLoop { .. } => None,
        }
    }

    /// The file or directory the error names (`None` for standard input).
    pub fn path(&self) -> Option<&Path> {
        match self {
            ReadError::Io { path, .. }
            | ReadError::UnknownKind { path }
            | ReadError::NoArticles { path, .. }
            | ReadError::LinkLoop { path, .. } => Some(path),
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
            let file = fs::File::open(path).map_err(|e| io_error(path, e))?;
            let reader = BufReader::with_capacity(64 * 1024, file);
            read_stream(reader, Some(kind), Some(path.clone()), options)
                .map_err(|e| io_error(path, e))
        }
        Source::Stdin => read_stream(BufReader::with_capacity(64 * 1024, io::stdin()), None, None, options)
            .map_err(|e| io_error(Path::new("<stdin>"), e)),
    }
}

/// Articles from a stream: a file of kind `kind` at `path`, or, with `kind` `None`, standard
/// input, whose kind is sniffed from its first bytes (JSON Lines when the first non-blank
/// character is `{`, HTML when it is `<` or the head holds `<html`/`<body`, plain text
/// otherwise). JSON Lines is read a line at a time; a text or HTML article is read only up to its
/// limit (`ReadOptions::max_article_bytes`). This is the path every input takes, and the one the
/// fuzz targets drive with a byte slice.
pub fn read_stream<R: BufRead + 'static>(
    mut reader: R,
    kind: Option<Kind>,
    path: Option<PathBuf>,
    options: &ReadOptions,
) -> io::Result<Box<dyn Iterator<Item = Result<Article, ReadError>>>> {
    let head = fill_head(&mut reader, 64 * 1024)?;
    let utf16 = head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF");
    let kind = match kind {
        Some(kind) => kind,
        None if utf16 => sniff(&utf16_to_utf8(&head)),
        None => sniff(&head),
    };
    let origin = match &path {
        Some(path) => Origin::File(path.clone()),
        None => Origin::Stdin,
    };
    let limit = options.max_article_bytes;
    let item = |result| -> Box<dyn Iterator<Item = Result<Article, ReadError>>> { Box::new(std::iter::once(result)) };
    match kind {
        Kind::JsonLines if utf16 => {
            // UTF-16 cannot be split at byte 0x0A: transcode (as much as a line may hold) first.
            let cap = limit.saturating_mul(JSON_LINE_FACTOR).saturating_mul(2);
            let Some(bytes) = read_capped(reader, cap)? else {
                return Ok(item(Err(ReadError::TooLarge { origin, what: "UTF-16 JSON Lines", size: None, limit: cap })));
            };
            let lines = jsonl::JsonLines::new(Cursor::new(utf16_to_utf8(&bytes)), path, None);
            Ok(Box::new(lines.with_limit(limit)))
        }
        Kind::JsonLines => Ok(Box::new(jsonl::JsonLines::new(reader, path, options.encoding).with_limit(limit))),
        Kind::Text | Kind::Html => {
            let (cap, what) = if kind == Kind::Html { (limit.saturating_mul(HTML_FACTOR), "HTML") } else { (limit, "text") };
            Ok(item(match read_capped(reader, cap)? {
                Some(bytes) => from_bytes(&bytes, kind, origin, options),
                None => Err(ReadError::TooLarge { origin, what, size: path.as_deref().and_then(file_size), limit: cap }),
            }))
        }
    }
}

/// The first bytes of the stream (up to `want`, fewer at its end), left unread.
fn fill_head<R: BufRead>(reader: &mut R, want: usize) -> io::Result<Vec<u8>> {
    // A BufReader's fill_buf returns what one read gave: a pipe may give less than is coming.
    loop {
        match reader.fill_buf() {
            Ok(head) => return Ok(head[..head.len().min(want)].to_vec()),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
}

/// The whole stream, or `None` when it holds more than `cap` bytes (reading stops there).
fn read_capped<R: Read>(reader: R, cap: u64) -> io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= cap).then_some(bytes))
}

fn file_size(path: &Path) -> Option<u64> {
    fs::metadata(path).ok().map(|m| m.len())
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
            check_size(&page.text, &origin, options)?;
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
            check_size(&d.text, &origin, options)?;
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

/// Refuses an article text over the limit (a file within its limit may still decode to more:
/// GBK's two bytes a character become UTF-8's three).
pub(crate) fn check_size(text: &str, origin: &Origin, options: &ReadOptions) -> Result<(), ReadError> {
    if text.len() as u64 > options.max_article_bytes {
        return Err(ReadError::TooLarge { origin: origin.clone(), what: "text", size: Some(text.len() as u64), limit: options.max_article_bytes });
    }
    Ok(())
}

/// Standard input's bytes, read as `read` reads standard input.
#[cfg(test)]
fn read_stdin_bytes(bytes: Vec<u8>, options: &ReadOptions) -> Box<dyn Iterator<Item = Result<Article, ReadError>>> {
    read_stream(Cursor::new(bytes), None, None, options).expect("reading memory does not fail")
}

#[cfg(test)]
mod tests;
