//! Reading articles: files, directories, standard input; decoding; HTML and JSON Lines.
//! (stub: being written)

use crate::model::Article;
use std::path::PathBuf;

/// One thing named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    Stdin,
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

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Todo(String),
}

pub fn sources(_inputs: &[Input]) -> Sources {
    unimplemented!()
}

/// Reads one source: a text or HTML file gives one article, a JSON Lines file one per line.
pub fn read(
    _source: &Source,
    _options: &ReadOptions,
) -> Result<Box<dyn Iterator<Item = Result<Article, ReadError>>>, ReadError> {
    unimplemented!()
}
