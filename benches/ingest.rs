//! The ingest benchmark: `scripts/bench.sh` (sets up the Python peer, then runs this), or
//! `cargo bench --bench ingest [-- --sizes 1000,10000,100000 --python-up-to 10000 --keep DIR]`
//! (`--keep DIR` writes corpora and stores there and leaves them; `--zhkg PATH` times another build).
//!
//! One run, one deterministic generated corpus (`support/corpus.rs`: news-like articles about
//! fictional companies, names drawn from syllables so that no dictionary knows them), at each
//! size, side by side:
//! - `zhkg ingest` end to end (process start, dictionary, extraction, store) into a fresh store:
//!   wall and CPU time, MB/s, articles/s, peak RSS (wait4), store size;
//! - bare jieba-rs over the same texts, in this process: `Jieba::tag` and `Jieba::cut`
//!   (dictionary already loaded; its load is timed apart), the ceiling for any extractor on it;
//! - the Python peer a user would write (`benches/python_peer.py`: jieba.posseg + rdflib), up to
//!   `--python-up-to` articles, with the interpreter `$ZHKG_BENCH_PYTHON` (else `python3`);
//! - five typical SPARQL queries on the largest store, p50 and p99;
//! - `zhkg query` wall time on the smallest store (a process that must not load the dictionary);
//! - the ratios the targets are about, so that a busy machine cannot mislead: both sides of
//!   each ratio are measured in the same run.
//!
//! Figures, not assertions: the machine's noise must not fail a build.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

#[path = "support/corpus.rs"]
mod corpus;

use zhkg::store::query::ResultFormat;
use zhkg::store::{Access, KgStore};

/// What a finished child process cost.
struct Usage {
    wall: f64,
    /// User + system CPU seconds.
    cpu: f64,
    peak_rss_mb: f64,
    success: bool,
}

/// Runs a command to its end and reads its peak RSS and CPU time with wait4.
fn measure(command: &mut Command) -> Usage {
    let started = Instant::now();
    let child = command.stdin(Stdio::null()).spawn().expect("the command starts");
    let mut status = 0;
    // SAFETY: rusage is plain old data; wait4 fills it for the child we just spawned (and reaps it,
    // so the Child handle is never waited on again).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let wall = started.elapsed().as_secs_f64();
    assert_eq!(pid, child.id() as libc::pid_t, "wait4 failed");
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Usage {
        wall,
        cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
        peak_rss_mb: usage.ru_maxrss as f64 / 1024.0,
        success: libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
    }
}

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

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" ")).unwrap_or_default()
}

struct Options {
    sizes: Vec<usize>,
    python_up_to: usize,
    python: String,
    query_runs: usize,
    keep: Option<PathBuf>,
    /// The zhkg binary timed (`--zhkg PATH`, to compare builds); default the one cargo built.
    zhkg: PathBuf,
}

fn options() -> Options {
    let mut o = Options {
        sizes: vec![1_000, 10_000, 100_000],
        python_up_to: 10_000,
        python: std::env::var("ZHKG_BENCH_PYTHON").unwrap_or_else(|_| String::from("python3")),
        query_runs: 200,
        keep: None,
        zhkg: PathBuf::from(env!("CARGO_BIN_EXE_zhkg")),
    };
    // cargo bench adds `--bench`; anything unknown is passed over.
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--sizes" => o.sizes = value.split(',').filter_map(|s| s.trim().parse().ok()).collect(),
            "--python-up-to" => o.python_up_to = value.parse().unwrap_or(0),
            "--python" => o.python = value,
            "--query-runs" => o.query_runs = value.parse().unwrap_or(200),
            "--keep" => o.keep = Some(PathBuf::from(value)),
            "--zhkg" => o.zhkg = PathBuf::from(value),
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    o.sizes.sort_unstable();
    o.sizes.dedup();
    assert!(!o.sizes.is_empty(), "--sizes names no size");
    o
}

/// Runs `pass` until at least a second has gone by (at least once) and returns seconds per pass:
/// a small corpus is tagged many times so that its figure is not a timer's noise.
fn per_pass(mut pass: impl FnMut() -> usize) -> (f64, usize) {
    let started = Instant::now();
    let mut passes = 0;
    let mut tokens = 0;
    while passes == 0 || started.elapsed().as_secs_f64() < 1.0 {
        tokens = pass();
        passes += 1;
    }
    (started.elapsed().as_secs_f64() / passes as f64, tokens)
}

struct SizeResult {
    count: usize,
    megabytes: f64,
    ingest: Usage,
    store_mb: f64,
    quads: usize,
    tag: f64,
    cut: f64,
    python: Option<(Usage, String)>,
}

impl SizeResult {
    fn rate(&self, seconds: f64) -> f64 {
        self.megabytes / seconds
    }
}

fn main() {
    let o = options();
    let temporary = tempfile::tempdir().expect("a temporary directory");
    let work = o.keep.clone().unwrap_or_else(|| temporary.path().to_path_buf());
    std::fs::create_dir_all(&work).expect("the work directory");
    let zhkg = o.zhkg.clone();
    let python_peer = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/python_peer.py");
    let python_ok = Command::new(&o.python)
        .args(["-c", "import jieba, rdflib"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());

    println!("zhkg ingest benchmark: {}, sizes {:?}; load average at start {}", zhkg.display(), o.sizes, load_average());
    let started = Instant::now();
    let jieba = jieba_rs::Jieba::new();
    let jieba_load = started.elapsed().as_secs_f64();

    let largest = *o.sizes.last().unwrap();
    let mut results = Vec::new();
    for &count in &o.sizes {
        let corpus_dir = work.join(format!("corpus-{count}"));
        let _ = std::fs::remove_dir_all(&corpus_dir);
        let texts = corpus::write(&corpus_dir, count);
        let bytes: usize = texts.iter().map(String::len).sum();
        let megabytes = bytes as f64 / 1e6;

        let store = work.join(format!("store-{count}"));
        let _ = std::fs::remove_dir_all(&store);
        eprintln!("  ingesting {count} articles…");
        let ingest = measure(Command::new(&zhkg).args(["ingest", "--quiet", "--store"]).arg(&store).arg(&corpus_dir));
        assert!(ingest.success, "zhkg ingest of {count} articles failed");
        let store_mb = directory_size(&store) as f64 / 1e6;
        let quads = KgStore::open(&store, Access::Read).and_then(|s| s.len()).unwrap_or(0);

        // warm caches and jieba's lazily built parts before timing
        for text in texts.iter().take(200) {
            jieba.tag(text, true);
        }
        let (tag, _) = per_pass(|| texts.iter().map(|t| jieba.tag(t, true).len()).sum());
        let (cut, _) = per_pass(|| texts.iter().map(|t| jieba.cut(t, true).len()).sum());

        let python = if count <= o.python_up_to && python_ok {
            eprintln!("  Python peer on {count} articles…");
            let out = work.join(format!("python-{count}.nq"));
            let log = work.join(format!("python-{count}.out"));
            let usage = measure(
                Command::new(&o.python)
                    .arg(&python_peer)
                    .arg(&corpus_dir)
                    .arg(&out)
                    .stdout(std::fs::File::create(&log).expect("the log file")),
            );
            let said = std::fs::read_to_string(&log).unwrap_or_default().trim().to_owned();
            let _ = std::fs::remove_file(&out);
            assert!(usage.success, "the Python peer failed on {count} articles: {said}");
            Some((usage, said))
        } else {
            None
        };
        // --keep keeps everything; otherwise only the stores the queries below read
        if o.keep.is_none() {
            if count != largest && count != o.sizes[0] {
                let _ = std::fs::remove_dir_all(&store);
            }
            let _ = std::fs::remove_dir_all(&corpus_dir);
        }
        results.push(SizeResult { count, megabytes, ingest, store_mb, quads, tag, cut, python });
    }

    println!();
    println!("jieba-rs Jieba::new (dictionary load) {:.2} s; Python peer: {}", jieba_load, if python_ok {
        format!("{} (jieba.posseg + rdflib)", o.python)
    } else {
        format!("skipped: {} lacks jieba or rdflib (scripts/bench.sh installs them)", o.python)
    });
    println!();
    println!(
        "{:>8} {:>7} | {:>8} {:>8} {:>7} {:>8} {:>7} {:>8} {:>7} | {:>8} {:>8} | {:>9} {:>8} {:>7}",
        "articles", "MB", "ingest s", "cpu s", "MB/s", "art/s", "RSS MB", "store MB", "quads/a", "tag MB/s", "cut MB/s", "python s", "py art/s", "py RSS"
    );
    for r in &results {
        let (py_s, py_rate, py_rss) = match &r.python {
            Some((u, _)) => (format!("{:.1}", u.wall), format!("{:.0}", r.count as f64 / u.wall), format!("{:.0}", u.peak_rss_mb)),
            None => (String::from("-"), String::from("-"), String::from("-")),
        };
        println!(
            "{:>8} {:>7.2} | {:>8.2} {:>8.2} {:>7.3} {:>8.0} {:>7.0} {:>8.1} {:>7.1} | {:>8.2} {:>8.2} | {:>9} {:>8} {:>7}",
            r.count,
            r.megabytes,
            r.ingest.wall,
            r.ingest.cpu,
            r.rate(r.ingest.wall),
            r.count as f64 / r.ingest.wall,
            r.ingest.peak_rss_mb,
            r.store_mb,
            r.quads as f64 / r.count as f64,
            r.rate(r.tag),
            r.rate(r.cut),
            py_s,
            py_rate,
            py_rss
        );
    }
    for r in &results {
        if let Some((_, said)) = &r.python {
            println!("  Python peer at {}: {said}", r.count);
        }
    }

    // Queries on the largest store.
    let big = work.join(format!("store-{largest}"));
    let samples = corpus_samples(50);
    println!();
    println!("SPARQL on the {largest}-article store (in process, CSV results counted; names rotate over 50 articles; {QUERY_BUDGET} s a query at most):");
    println!("{:<34} {:>7} {:>9} {:>9} {:>6}", "query", "rows", "p50 ms", "p99 ms", "runs");
    let mut one_hop_p50 = f64::NAN;
    match KgStore::open(&big, Access::Read) {
        Ok(store) => {
            for (n, (name, template)) in QUERIES.iter().enumerate() {
                let timing = time_query(&store, template, &samples, o.query_runs, QUERY_BUDGET);
                if n == 0 {
                    one_hop_p50 = timing.p50;
                }
                let note = if timing.cut_short { format!("stopped: over {QUERY_BUDGET} s") } else { String::new() };
                let shown = |ms: f64| if ms.is_nan() { String::from("-") } else { format!("{ms:.2}") };
                println!(
                    "{name:<34} {:>7} {:>9} {:>9} {:>6} {note}",
                    timing.rows,
                    shown(timing.p50),
                    shown(timing.p99),
                    timing.runs
                );
            }
        }
        Err(e) => println!("cannot open {}: {e}", big.display()),
    }

    // `zhkg query` as a process on the smallest store.
    let small = work.join(format!("store-{}", o.sizes[0]));
    let query = fill(QUERIES[0].1, &samples[0]);
    let mut times = Vec::new();
    let mut rss: f64 = 0.0;
    for _ in 0..20 {
        let u = measure(
            Command::new(&zhkg).args(["query", "--format", "json", "--store"]).arg(&small).arg(&query).stdout(Stdio::null()),
        );
        assert!(u.success, "zhkg query failed");
        times.push(u.wall * 1e3);
        rss = rss.max(u.peak_rss_mb);
    }
    let (query_p50, query_p99) = percentiles(&mut times);
    println!();
    println!(
        "zhkg query (one-hop, new process, {}-article store): p50 {query_p50:.0} ms, max {query_p99:.0} ms of 20 runs, peak RSS {rss:.0} MB",
        o.sizes[0]
    );

    println!();
    println!("Ratios (both sides measured in this run; load average now {}):", load_average());
    for r in &results {
        let vs_python = match &r.python {
            Some((u, _)) => format!("{:.1}x (target >= 30)", u.wall / r.ingest.wall),
            None => String::from("-"),
        };
        println!(
            "  {:>6} articles: ingest / Jieba::tag = {:.3} (target >= 1.0), ingest / Jieba::cut = {:.3}, ingest / Python peer = {}",
            r.count,
            r.tag / r.ingest.wall,
            r.cut / r.ingest.wall,
            vs_python
        );
    }
    let (first, last) = (&results[0], results.last().unwrap());
    if results.len() > 1 {
        let per = |r: &SizeResult, t: f64| t / r.count as f64;
        println!(
            "  cost per article at {} / at {}: {:.2} wall (target <= 1.2), {:.2} CPU",
            last.count,
            first.count,
            per(last, last.ingest.wall) / per(first, first.ingest.wall),
            per(last, last.ingest.cpu) / per(first, first.ingest.cpu)
        );
    }
    println!("  peak RSS at {}: {:.0} MB (target < 1024)", last.count, last.ingest.peak_rss_mb);
    println!("  one-hop query p50 on {} articles: {one_hop_p50:.2} ms (target < 10)", last.count);
    println!("  zhkg query on a small store: {query_p50:.0} ms (target < 150)");
    let _ = std::io::stdout().flush();
}

/// Five typical questions; `{org}`, `{city}` and `{parent}` are filled in from an article.
const QUERIES: &[(&str, &str)] = &[
    ("one hop by label", "SELECT DISTINCT ?p ?o WHERE { ?c rdfs:label \"{org}\"@zh-hans ; ?p ?o }"),
    (
        "founders of all companies",
        "SELECT DISTINCT ?org ?founder WHERE { ?o kg:foundedBy ?f . ?o rdfs:label ?org . ?f rdfs:label ?founder }",
    ),
    (
        "headquarters count per city",
        "SELECT ?city (COUNT(DISTINCT ?o) AS ?companies) WHERE { ?o kg:headquarteredIn ?c . ?c rdfs:label ?city } GROUP BY ?city ORDER BY DESC(?companies)",
    ),
    (
        "evidence lookup (X in Y: sentences)",
        "SELECT ?sentence ?title ?rule ?confidence WHERE { ?x rdfs:label \"{org}\"@zh-hans . ?y rdfs:label \"{city}\"@zh-hans . ?e a kg:Evidence ; rdf:subject ?x ; rdf:predicate kg:headquarteredIn ; rdf:object ?y ; kg:sentence ?sentence ; kg:rule ?rule ; kg:confidence ?confidence ; kg:article ?a . OPTIONAL { ?a dcterms:title ?title } }",
    ),
    (
        "2-hop path (parent's city)",
        "SELECT DISTINCT ?parent ?city WHERE { ?c rdfs:label \"{org}\"@zh-hans ; kg:parentOrganization ?p . ?p rdfs:label ?parent ; kg:headquarteredIn/rdfs:label ?city }",
    ),
];

/// Seconds each query may take in all, its runs together; a run still going then is cancelled.
const QUERY_BUDGET: u64 = 60;

struct QueryTiming {
    rows: usize,
    p50: f64,
    p99: f64,
    runs: usize,
    cut_short: bool,
}

/// Runs a query up to `runs` times (names rotating over the samples) within `budget` seconds,
/// its results written as CSV to a line counter, and returns its latency percentiles in ms.
fn time_query(store: &KgStore, template: &str, samples: &[Sample], runs: usize, budget: u64) -> QueryTiming {
    use std::sync::atomic::{AtomicBool, Ordering};
    let token = oxigraph::sparql::CancellationToken::new();
    let done = std::sync::Arc::new(AtomicBool::new(false));
    let watchdog = {
        let (token, done) = (token.clone(), std::sync::Arc::clone(&done));
        std::thread::spawn(move || {
            let deadline = Instant::now() + std::time::Duration::from_secs(budget);
            while !done.load(Ordering::Relaxed) && Instant::now() < deadline {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            token.cancel();
        })
    };
    let mut times = Vec::new();
    let mut rows = 0;
    let mut cut_short = false;
    for run in 0..runs {
        let query = fill(template, &samples[run % samples.len()]);
        let request = zhkg::store::query::ProtocolQuery { cancel: Some(token.clone()), ..Default::default() };
        let mut lines = LineCounter(0);
        let t = Instant::now();
        if store.protocol_query(&query, request, |_| Some(ResultFormat::Csv), &mut lines).is_err() {
            cut_short = true;
            break;
        }
        times.push(t.elapsed().as_secs_f64() * 1e3);
        if run == 0 {
            rows = lines.0.saturating_sub(1);
        }
    }
    done.store(true, Ordering::Relaxed);
    let _ = watchdog.join();
    let (p50, p99) = if times.is_empty() { (f64::NAN, f64::NAN) } else { percentiles(&mut times) };
    QueryTiming { rows, p50, p99, runs: times.len(), cut_short }
}

/// Counts the lines written to it.
struct LineCounter(usize);

impl std::io::Write for LineCounter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.iter().filter(|&&b| b == b'\n').count();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct Sample {
    org: String,
    city: String,
    parent: String,
}

/// The names of the first `n` generated articles, read back from their text.
fn corpus_samples(n: usize) -> Vec<Sample> {
    let mut rng = corpus::Rng(2025);
    (0..n)
        .map(|i| {
            let text = corpus::article(&mut rng, i);
            let between = |before: &str, after: &str| -> String {
                let start = text.find(before).map(|p| p + before.len()).unwrap_or(0);
                let rest = &text[start..];
                rest[..rest.find(after).unwrap_or(0)].to_owned()
            };
            let org = text[..text.find("发布新一代").unwrap_or(0)].to_owned();
            Sample { city: between("总部位于", "。"), parent: between(&format!("{org}是"), "的子公司"), org }
        })
        .collect()
}

fn fill(template: &str, s: &Sample) -> String {
    template.replace("{org}", &s.org).replace("{city}", &s.city).replace("{parent}", &s.parent)
}

fn percentiles(times: &mut [f64]) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.99))
}
