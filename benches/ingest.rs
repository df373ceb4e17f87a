//! The ingest benchmark: `cargo bench --bench ingest [-- ARTICLES]`.
//!
//! Generates a deterministic corpus of news-like articles about fictional companies (default
//! 1,000; names drawn from syllables so that no dictionary knows them), ingests it with the
//! release binary into a fresh store, and prints MB/s and articles/s beside the ceiling any
//! extractor built on jieba has: bare `Jieba::tag` over the same text. Figures, not assertions:
//! the machine's noise must not fail a build.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

#[path = "support/corpus.rs"]
mod corpus;

fn directory_size(path: &Path) -> u64 {
    std::fs::read_dir(path)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => directory_size(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

fn main() {
    let count: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(1000);
    let work = tempfile::tempdir().expect("a temporary directory");
    let corpus = work.path().join("corpus");
    let texts = corpus::write(&corpus, count);
    let bytes: usize = texts.iter().map(String::len).sum();
    let megabytes = bytes as f64 / 1e6;

    let store = work.path().join("store");
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_zhkg"))
        .args(["ingest", "--quiet", "--store"])
        .arg(&store)
        .arg(&corpus)
        .output()
        .expect("zhkg runs");
    let ingest = started.elapsed().as_secs_f64();
    assert!(output.status.success(), "ingest failed: {}", String::from_utf8_lossy(&output.stderr));

    let jieba = jieba_rs::Jieba::new();
    let started = Instant::now();
    let mut tags = 0;
    for text in &texts {
        tags += jieba.tag(text, true).len();
    }
    let tag = started.elapsed().as_secs_f64();

    println!("corpus         {count} articles, {megabytes:.2} MB (generated, fictional names)");
    println!(
        "zhkg ingest    {ingest:.2} s   {:.3} MB/s   {:.0} articles/s   (end to end: process start, dictionary, extraction, store)",
        megabytes / ingest,
        count as f64 / ingest
    );
    println!(
        "Jieba::tag     {tag:.2} s   {:.3} MB/s   {:.0} articles/s   ({tags} tokens; the ceiling for a jieba-based extractor)",
        megabytes / tag,
        count as f64 / tag
    );
    println!("ratio          ingest / bare tagging throughput = {:.2}", tag / ingest);
    println!("store size     {:.1} MB", directory_size(&store) as f64 / 1e6);
}
