//! `zhkg ingest`: read → extract → store, with a progress bar and a one-line summary.

use super::{inputs, load_extractor, show_progress, Status};
use crate::cli::IngestArgs;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::time::Instant;
use zhkg::model::Extraction;
use zhkg::read::{self, ReadOptions};
use zhkg::store::graph::{article_graph, ArticleGraph, ArticleId};
use zhkg::store::{Access, KgStore};

/// A batch is written when it holds this many articles or quads, whichever comes first: large
/// enough that the bulk loader's fixed cost is spread thin, small enough to bound memory and
/// the work a crash can undo.
const BATCH_ARTICLES: usize = 1000;
const BATCH_QUADS: usize = 300_000;

/// What one ingest did, for the summary line.
#[derive(Debug, Default)]
struct Tally {
    read: usize,
    stored: usize,
    unchanged: usize,
    failed: usize,
    passed_over: usize,
    facts: usize,
}

pub fn run(args: IngestArgs, quiet: bool) -> anyhow::Result<Status> {
    let started = Instant::now();
    let sources = read::sources(&inputs(&args.paths));
    let store = KgStore::open(&args.store.store, Access::Write)?;
    let extractor = load_extractor(&args.extraction)?;
    // Facts depend on the rules and on the confidence threshold: either changing means re-extracting.
    let version = format!("{}+min{}", extractor.version(), args.extraction.min_confidence);
    let options = ReadOptions { encoding: args.extraction.encoding };

    let progress = if show_progress(quiet) && sources.sources.len() > 1 {
        let bar = ProgressBar::with_draw_target(Some(sources.sources.len() as u64), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} files {msg}")
                .expect("the template is valid"),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let report = |message: String| progress.suspend(|| eprintln!("zhkg: {message}"));

    let mut tally = Tally { passed_over: sources.passed_over.len(), ..Tally::default() };
    for error in &sources.errors {
        report(error.to_string());
        tally.failed += 1;
    }

    let mut batch: Vec<ArticleGraph> = Vec::new();
    let mut batch_quads = 0;
    let mut write_error = None;
    'sources: for source in &sources.sources {
        progress.inc(1);
        let articles = match read::read(source, &options) {
            Ok(articles) => articles,
            Err(error) => {
                report(error.to_string());
                tally.failed += 1;
                continue;
            }
        };
        for article in articles {
            let article = match article {
                Ok(article) => article,
                Err(error) => {
                    report(error.to_string());
                    tally.failed += 1;
                    continue;
                }
            };
            tally.read += 1;
            let id = ArticleId::of(&article);
            if !args.force {
                match store.article_state(&id.graph) {
                    Ok(Some((hash, stored_version))) if hash == id.content_hash && stored_version == version => {
                        tally.unchanged += 1;
                        continue;
                    }
                    Ok(_) => {}
                    Err(error) => {
                        write_error = Some(error);
                        break 'sources;
                    }
                }
            }
            let mut extraction = extractor.extract(&article);
            keep_confident(&mut extraction, args.extraction.min_confidence);
            let graph = article_graph(id, &article, &extraction, &version);
            tally.facts += graph.facts;
            batch_quads += graph.quads.len();
            batch.push(graph);
            if batch.len() >= BATCH_ARTICLES || batch_quads >= BATCH_QUADS {
                let written = batch.len();
                if let Err(error) = store.write_articles(std::mem::take(&mut batch)) {
                    write_error = Some(error);
                    break 'sources;
                }
                tally.stored += written;
                batch_quads = 0;
                progress.set_message(format!("{} articles stored", tally.stored));
            }
        }
    }
    if write_error.is_none() && !batch.is_empty() {
        let written = batch.len();
        match store.write_articles(batch) {
            Ok(()) => tally.stored += written,
            Err(error) => write_error = Some(error),
        }
    }
    progress.finish_and_clear();

    if !quiet {
        eprintln!("{}", summary(&tally, &args.store.store, started.elapsed().as_secs_f64()));
    }
    if let Some(error) = write_error {
        // Articles already written stay; the batch in flight was not written at all.
        return Err(anyhow::Error::new(error).context("writing to the store failed; articles stored before this point are kept, rerun to add the rest"));
    }
    Ok(if tally.failed == 0 { Status::Success } else { Status::PartialFailure })
}

/// Drops facts below the threshold; their entities stay, since they were still recognised.
fn keep_confident(extraction: &mut Extraction, min_confidence: f32) {
    if min_confidence > 0.0 {
        extraction.facts.retain(|f| f.evidence.confidence >= min_confidence);
    }
}

fn summary(tally: &Tally, store: &std::path::Path, seconds: f64) -> String {
    let mut parts = vec![format!("{} stored", tally.stored)];
    if tally.unchanged > 0 {
        parts.push(format!("{} unchanged", tally.unchanged));
    }
    if tally.failed > 0 {
        parts.push(format!("{} failed", tally.failed));
    }
    let mut line = format!(
        "zhkg: read {} article{} into {}: {}; {} fact{}",
        tally.read,
        if tally.read == 1 { "" } else { "s" },
        store.display(),
        parts.join(", "),
        tally.facts,
        if tally.facts == 1 { "" } else { "s" },
    );
    if tally.passed_over > 0 {
        line.push_str(&format!("; {} other file{} passed over", tally.passed_over, if tally.passed_over == 1 { "" } else { "s" }));
    }
    line.push_str(&format!("; {seconds:.1} s"));
    line
}
