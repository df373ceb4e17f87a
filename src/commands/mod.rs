//! The glue of each command: it calls the library's steps in order and reports to people.
//! Errors become `anyhow` here, at the binary's edge, and nowhere in the library.

pub mod export;
pub mod explain;
pub mod extract;
pub mod ingest;
pub mod query;
pub mod remove;
pub mod serve;
pub mod stats;

use std::io::IsTerminal;
use crate::cli::ExtractionArgs;
use std::process::ExitCode;
use zhkg::extract::Extractor;
use zhkg::model::{Article, Extraction};
use zhkg::store::graph::{article_graph, ArticleGraph, ArticleId};

/// How a command ended, as the exit status scripts rely on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Everything went in.
    Success,
    /// Some input failed; the rest was done.
    PartialFailure,
    /// The command line or the query was wrong; nothing was done.
    Usage,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(match status {
            Status::Success => 0,
            Status::PartialFailure => 1,
            Status::Usage => 2,
        })
    }
}

impl Status {
    /// The exit status of a command that failed as a whole: 2 when the user's words were wrong,
    /// else 1.
    pub fn exit_code_of(error: &anyhow::Error) -> Status {
        if error.downcast_ref::<UsageError>().is_some()
            || matches!(error.downcast_ref::<zhkg::store::query::QueryError>(), Some(zhkg::store::query::QueryError::Syntax(_)))
        {
            Status::Usage
        } else {
            Status::PartialFailure
        }
    }
}

/// A mistake in what the user asked for (exit status 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Turns the command line's PATH words into inputs.
pub fn inputs(paths: &[String]) -> Vec<zhkg::read::Input> {
    paths.iter().map(zhkg::read::Input::from_arg).collect()
}

/// The extraction half of ingest: the rules, the confidence threshold, and the version stored
/// with each article. `zhkg extract` and `zhkg serve` (for `POST /articles`) use the same.
pub struct Pipeline {
    extractor: Extractor,
    min_confidence: f32,
    version: String,
}

impl Pipeline {
    pub fn load(args: &ExtractionArgs) -> anyhow::Result<Pipeline> {
        let extractor = load_extractor(args)?;
        // Facts depend on the rules and on the confidence threshold: either changing means re-extracting.
        let version = format!("{}+min{}", extractor.version(), args.min_confidence);
        Ok(Pipeline { extractor, min_confidence: args.min_confidence, version })
    }

    pub fn version(&self) -> &str {
        &self.version
    }

    /// The article's facts above the confidence threshold.
    pub fn extract(&self, article: &Article) -> Extraction {
        let mut extraction = self.extractor.extract(article);
        keep_confident(&mut extraction, self.min_confidence);
        extraction
    }

    /// The article's graph, as it is stored.
    pub fn graph(&self, id: ArticleId, article: &Article) -> ArticleGraph {
        article_graph(id, article, &self.extract(article), &self.version)
    }
}

/// Drops facts below the threshold; their entities stay, since they were still recognised.
fn keep_confident(extraction: &mut Extraction, min_confidence: f32) {
    if min_confidence > 0.0 {
        extraction.facts.retain(|f| f.evidence.confidence >= min_confidence);
    }
}

/// The extractor with the bundled rules and the user's alias file, if any.
fn load_extractor(args: &crate::cli::ExtractionArgs) -> anyhow::Result<zhkg::extract::Extractor> {
    use anyhow::Context;
    let extractor = zhkg::extract::Extractor::new().context("loading the bundled rules")?;
    let Some(path) = &args.aliases else { return Ok(extractor) };
    let text = std::fs::read_to_string(path).map_err(|e| UsageError(format!("cannot read the alias file {}: {e}", path.display())))?;
    Ok(extractor.with_aliases(&text, &path.display().to_string()).map_err(|e| UsageError(e.to_string()))?)
}

/// Opens the store for writing, waiting up to `--wait` seconds while another process writes
/// to it (and saying so once).
pub fn open_for_writing(store: &crate::cli::StoreArgs, lock: &crate::cli::LockArgs, quiet: bool) -> anyhow::Result<zhkg::store::KgStore> {
    use zhkg::store::{Access, KgStore, StoreError};
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(lock.wait);
    let mut said = false;
    loop {
        match KgStore::open(&store.store, Access::Write) {
            Err(StoreError::Locked(_)) if std::time::Instant::now() < deadline => {
                if !said && !quiet {
                    eprintln!("zhkg: {} is in use by another zhkg process; waiting up to {} s", store.store.display(), lock.wait);
                    said = true;
                }
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            result => return Ok(result?),
        }
    }
}

/// Whether progress bars may be drawn: stderr is a terminal and the user did not ask for quiet.
pub fn show_progress(quiet: bool) -> bool {
    !quiet && std::io::stderr().is_terminal()
}
