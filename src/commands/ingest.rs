//! `zhkg ingest`: read → extract → store, with a progress bar and a one-line summary.
//!
//! Three kinds of thread: this one reads articles and skips those stored unchanged; `--jobs N`
//! threads extract; one writer stores, in the order the articles were read, a batch at a time,
//! into the embedded store or, with `--update-endpoint`, a remote SPARQL store.

use super::query::remote_store;
use super::{inputs, show_progress, Pipeline, Status};
use crate::cli::IngestArgs;
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use oxigraph::model::NamedNode;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Instant;
use zhkg::model::Article;
use zhkg::read::{self, ReadOptions};
use zhkg::store::graph::{ArticleGraph, ArticleId};
use zhkg::store::remote::RemoteStore;
use zhkg::store::KgStore;

/// A batch is written when it holds this many articles or quads, whichever comes first: large
/// enough that the bulk loader's fixed cost is spread thin, small enough to bound memory and
/// the work a crash can undo.
const BATCH_ARTICLES: usize = 1000;
const BATCH_QUADS: usize = 300_000;
/// A remote batch is one HTTP request: a few megabytes at most, which every store accepts.
const REMOTE_BATCH_ARTICLES: usize = 50;
const REMOTE_BATCH_QUADS: usize = 20_000;
/// Articles whose stored state is looked up together (one query, for a remote store).
const LOOKUP_CHUNK: usize = 64;

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

/// Where the articles go.
enum Sink {
    Local(KgStore),
    Remote(RemoteStore),
}

impl Sink {
    fn name(&self) -> String {
        match self {
            Sink::Local(store) => store.path().display().to_string(),
            Sink::Remote(remote) => remote.update_url().unwrap_or(remote.query_url()).to_owned(),
        }
    }

    /// The content hash and extractor version each graph was stored with, if stored.
    fn states(&self, graphs: &[NamedNode]) -> anyhow::Result<Vec<Option<(String, String)>>> {
        match self {
            Sink::Local(store) => Ok(graphs.iter().map(|g| store.article_state(g)).collect::<Result<_, _>>()?),
            Sink::Remote(remote) => Ok(remote.article_states(graphs)?),
        }
    }

    fn batch_limits(&self) -> (usize, usize) {
        match self {
            Sink::Local(_) => (BATCH_ARTICLES, BATCH_QUADS),
            Sink::Remote(_) => (REMOTE_BATCH_ARTICLES, REMOTE_BATCH_QUADS),
        }
    }
}

/// An article on its way to extraction; `seq` orders the writes.
struct Work {
    seq: usize,
    id: ArticleId,
    article: Article,
}

/// An extracted article on its way to the writer.
struct Extracted {
    seq: usize,
    origin: String,
    graph: ArticleGraph,
}

pub fn run(args: IngestArgs, quiet: bool) -> anyhow::Result<Status> {
    let started = Instant::now();
    let sources = read::sources(&inputs(&args.paths));
    // The rules and jieba's dictionary (about 0.3 s of CPU) load on a thread of their own while
    // the store opens (files, fsyncs, the ontology check): a small ingest from cron waits for the
    // longer of the two, not for both.
    let (sink, pipeline) = std::thread::scope(|scope| -> anyhow::Result<(Sink, Pipeline)> {
        let loading = scope.spawn(|| Pipeline::load(&args.extraction));
        let sink = match &args.update_endpoint {
            Some(update_url) => {
                let query_url = args.endpoint.clone().unwrap_or_else(|| RemoteStore::query_url_for(update_url));
                let remote = remote_store(&query_url, Some(update_url), &args.remote)?;
                remote.ensure_ontology().context("putting the ontology into the remote store")?;
                Sink::Remote(remote)
            }
            None => Sink::Local(super::open_for_writing(&args.store, &args.lock, quiet)?),
        };
        let pipeline = loading.join().map_err(|_| anyhow::anyhow!("loading the rules failed"))??;
        Ok((sink, pipeline))
    })?;
    let options = ReadOptions { encoding: args.extraction.encoding, max_article_bytes: args.extraction.max_article_size };
    let jobs = args.jobs.max(1);

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

    let tally = Mutex::new(Tally { passed_over: sources.passed_over.len(), ..Tally::default() });
    for error in &sources.errors {
        report(error.to_string());
        tally.lock().unwrap().failed += 1;
    }
    for notice in &sources.notices {
        report(notice.to_string());
    }

    // Set when the writer has failed: the reader stops reading.
    let stop = AtomicBool::new(false);
    let (work_tx, work_rx) = mpsc::sync_channel::<Work>(jobs * 8);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let (done_tx, done_rx) = mpsc::sync_channel::<Extracted>(jobs * 8);

    let fatal: Option<anyhow::Error> = std::thread::scope(|scope| {
        for n in 0..jobs {
            let work_rx = Arc::clone(&work_rx);
            let done_tx = done_tx.clone();
            let pipeline = &pipeline;
            std::thread::Builder::new()
                .name(format!("zhkg-extract-{n}"))
                .spawn_scoped(scope, move || loop {
                    // The lock is held only while waiting for the next article.
                    let work = work_rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                    let Ok(work) = work else { break };
                    let origin = work.article.origin.to_string();
                    let graph = pipeline.graph(work.id, &work.article);
                    if done_tx.send(Extracted { seq: work.seq, origin, graph }).is_err() {
                        break;
                    }
                })
                .expect("an extraction thread starts");
        }
        // The workers hold the only receivers and senders now: when they end, both ends close.
        drop(work_rx);
        drop(done_tx);

        let writer = scope.spawn(|| write_all(&sink, done_rx, &stop, &tally, &progress, &report));
        let read_error = read_all(&sources.sources, &options, &sink, &pipeline, args.force, work_tx, &stop, &tally, &progress, &report);
        let write_error = writer.join().unwrap_or_else(|_| Some(anyhow::anyhow!("the writer thread failed")));
        write_error.or(read_error)
    });
    progress.finish_and_clear();

    let tally = tally.into_inner().unwrap_or_else(|e| e.into_inner());
    if !quiet {
        eprintln!("{}", summary(&tally, &sink.name(), started.elapsed().as_secs_f64()));
    }
    if let Some(error) = fatal {
        return Err(error);
    }
    Ok(if tally.failed == 0 { Status::Success } else { Status::PartialFailure })
}

/// The reader: every article of every source, in order; those stored unchanged are counted and
/// skipped, the others go to extraction. Returns the error that stopped it, if any.
#[allow(clippy::too_many_arguments)]
fn read_all(
    sources: &[read::Source],
    options: &ReadOptions,
    sink: &Sink,
    pipeline: &Pipeline,
    force: bool,
    work: mpsc::SyncSender<Work>,
    stop: &AtomicBool,
    tally: &Mutex<Tally>,
    progress: &ProgressBar,
    report: &(dyn Fn(String) + Sync),
) -> Option<anyhow::Error> {
    let mut seq = 0;
    let mut chunk: Vec<(ArticleId, Article)> = Vec::with_capacity(LOOKUP_CHUNK);
    // Sends a chunk on to extraction; false when extraction has stopped taking work.
    let mut flush = |chunk: &mut Vec<(ArticleId, Article)>| -> Result<bool, anyhow::Error> {
        let states = if force {
            vec![None; chunk.len()]
        } else {
            let graphs: Vec<NamedNode> = chunk.iter().map(|(id, _)| id.graph.clone()).collect();
            sink.states(&graphs).context("reading the store")?
        };
        for ((id, article), state) in chunk.drain(..).zip(states) {
            if matches!(&state, Some((hash, version)) if *hash == id.content_hash && version == pipeline.version()) {
                tally.lock().unwrap().unchanged += 1;
                continue;
            }
            if stop.load(Ordering::Relaxed) || work.send(Work { seq, id, article }).is_err() {
                return Ok(false);
            }
            seq += 1;
        }
        Ok(true)
    };
    for (index, article) in read::articles(sources, options) {
        if stop.load(Ordering::Relaxed) {
            return None;
        }
        progress.set_position(index as u64 + 1);
        match article {
            Ok(article) => {
                tally.lock().unwrap().read += 1;
                chunk.push((ArticleId::of(&article), article));
            }
            Err(error) => {
                report(error.to_string());
                tally.lock().unwrap().failed += 1;
            }
        }
        if chunk.len() >= LOOKUP_CHUNK {
            match flush(&mut chunk) {
                Ok(true) => {}
                Ok(false) => return None,
                Err(error) => return Some(error),
            }
        }
    }
    flush(&mut chunk).err()
}

/// The writer: extracted articles in the order they were read, a batch at a time. It collects
/// the next batch while a thread of its own stores the last one, so that extraction goes on
/// during writes. Returns the error that stopped it, if any (and sets `stop`).
fn write_all(
    sink: &Sink,
    done: mpsc::Receiver<Extracted>,
    stop: &AtomicBool,
    tally: &Mutex<Tally>,
    progress: &ProgressBar,
    report: &(dyn Fn(String) + Sync),
) -> Option<anyhow::Error> {
    let (max_articles, max_quads) = sink.batch_limits();
    // A rendezvous: at most one batch being stored and one complete batch waiting.
    let (batches, to_store) = mpsc::sync_channel::<Vec<Extracted>>(0);
    std::thread::scope(|scope| {
        let storer = std::thread::Builder::new()
            .name(String::from("zhkg-write"))
            .spawn_scoped(scope, move || {
                for batch in to_store {
                    if let Err(error) = write_batch(sink, batch, tally, report) {
                        stop.store(true, Ordering::Relaxed);
                        return Some(error);
                    }
                    progress.set_message(format!("{} articles stored", tally.lock().unwrap().stored));
                }
                None
            })
            .expect("the writer thread starts");
        let mut pending: BTreeMap<usize, Extracted> = BTreeMap::new();
        let mut next = 0;
        let mut batch: Vec<Extracted> = Vec::new();
        let mut batch_quads = 0;
        'receive: for extracted in done {
            pending.insert(extracted.seq, extracted);
            while let Some(extracted) = pending.remove(&next) {
                next += 1;
                tally.lock().unwrap().facts += extracted.graph.facts;
                batch_quads += extracted.graph.quads.len();
                batch.push(extracted);
                if batch.len() >= max_articles || batch_quads >= max_quads {
                    // Fails only when the storer has stopped on an error.
                    if batches.send(std::mem::take(&mut batch)).is_err() {
                        break 'receive;
                    }
                    batch_quads = 0;
                }
            }
        }
        if !batch.is_empty() {
            let _ = batches.send(batch);
        }
        drop(batches);
        storer.join().unwrap_or_else(|_| Some(anyhow::anyhow!("the writer thread failed")))
    })
}

/// Writes one batch. An error returned stops the ingest; an article a remote store refuses is
/// reported by name and counted as failed, and the others go on.
fn write_batch(sink: &Sink, batch: Vec<Extracted>, tally: &Mutex<Tally>, report: &(dyn Fn(String) + Sync)) -> anyhow::Result<()> {
    let written = batch.len();
    match sink {
        Sink::Local(store) => {
            store.write_articles(batch.into_iter().map(|e| e.graph).collect()).map_err(|error| {
                // Articles already written stay; the batch in flight was not written at all.
                if let Some(what) = out_of_space(&error) {
                    // RocksDB's message repeats itself and names its temporary file: say it plainly.
                    return anyhow::anyhow!(
                        "writing to the store failed: {what} {}; articles stored before this point are kept: free some space and rerun to add the rest",
                        store.path().display()
                    );
                }
                anyhow::Error::new(error).context("writing to the store failed; articles stored before this point are kept, rerun to add the rest")
            })?;
            tally.lock().unwrap().stored += written;
        }
        Sink::Remote(remote) => {
            let graphs: Vec<ArticleGraph> = batch.iter().map(|e| e.graph.clone()).collect();
            match remote.write_articles(&graphs) {
                Ok(()) => tally.lock().unwrap().stored += written,
                Err(error) if error.is_refusal() => {
                    // Find the article at fault: each on its own.
                    for (extracted, graph) in batch.iter().zip(&graphs) {
                        match remote.write_articles(std::slice::from_ref(graph)) {
                            Ok(()) => tally.lock().unwrap().stored += 1,
                            Err(error) if error.is_refusal() => {
                                report(format!("{}: the store refused the article ({}): {error}", extracted.origin, graph.graph.as_str()));
                                tally.lock().unwrap().failed += 1;
                            }
                            Err(error) => return Err(remote_failure(error, std::slice::from_ref(extracted))),
                        }
                    }
                }
                Err(error) => return Err(remote_failure(error, &batch)),
            }
        }
    }
    Ok(())
}

/// What ran out, when a store error comes from a full disk (ENOSPC) or a file size limit (EFBIG).
fn out_of_space(error: &(dyn std::error::Error + 'static)) -> Option<&'static str> {
    const FULL: &str = "no space left on the device holding";
    const TOO_LARGE: &str = "a file grew past the file size limit (ulimit -f) in";
    let mut next = Some(error);
    while let Some(error) = next {
        match error.downcast_ref::<std::io::Error>().map(std::io::Error::kind) {
            Some(std::io::ErrorKind::StorageFull) => return Some(FULL),
            Some(std::io::ErrorKind::FileTooLarge) => return Some(TOO_LARGE),
            _ => {}
        }
        // RocksDB's errors reach us as text.
        let text = error.to_string();
        if text.contains("No space left on device") {
            return Some(FULL);
        }
        if text.contains("File too large") {
            return Some(TOO_LARGE);
        }
        next = error.source();
    }
    None
}

fn remote_failure(error: zhkg::store::remote::RemoteError, batch: &[Extracted]) -> anyhow::Error {
    let which = match batch {
        [one] => one.origin.clone(),
        [first, .., last] => format!("{} articles, {} to {}", batch.len(), first.origin, last.origin),
        [] => String::from("no article"),
    };
    anyhow::Error::new(error).context(format!(
        "writing {which} failed; articles written before are kept, rerun to add the rest (stored articles are skipped)"
    ))
}

fn summary(tally: &Tally, store: &str, seconds: f64) -> String {
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
        store,
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
