//! The serving benchmark: `cargo bench --bench serve [-- SHORT [LONG]]`.
//!
//! 1. Parallel ingest: two generated corpora (see `support/corpus.rs`), ingested by the release
//!    binary with `--jobs 1` and with `--jobs 2` into fresh stores (best of two runs each); prints
//!    both rates and the speed-up. The short articles of the ingest benchmark (default 2,000)
//!    leave little to extract per quad stored, so the one writer bounds them; news-length
//!    articles (default 3,000, ~2.5 KB) are mostly extraction, which is what the threads share.
//!    The machine's load average is printed beside: other work on the cores shrinks the speed-up.
//! 2. Queries per second: `zhkg serve` on the `--jobs 2` store, 8 concurrent clients on
//!    keep-alive loopback connections, each sending one typical query after another for a
//!    fixed time; prints requests/s and latency percentiles per query.
//!
//! Figures, not assertions: the machine's noise must not fail a build. Every request goes to
//! 127.0.0.1 and the loops are bounded in time and count.

#[path = "support/corpus.rs"]
mod corpus;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const CLIENTS: usize = 8;
const SECONDS_PER_QUERY: f64 = 3.0;
const MAX_REQUESTS_PER_CLIENT: usize = 200_000;

/// Typical questions: a property scan, one entity's facts, a join through labels, a grouped count,
/// and the provenance of facts.
const QUERIES: &[(&str, &str)] = &[
    ("health (HTTP only)", ""),
    ("founders (property scan)", "SELECT ?org ?person WHERE { ?org kg:foundedBy ?person }"),
    (
        "companies in 杭州 with names",
        "SELECT DISTINCT ?c ?name WHERE { ?c kg:headquarteredIn ?city . ?city rdfs:label \"杭州\"@zh-hans . ?c rdfs:label ?name }",
    ),
    ("one entity's facts", "SELECT ?p ?o WHERE { ?s rdfs:label \"星云科技\"@zh-hans . ?s ?p ?o } LIMIT 100"),
    ("entities per class", "SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?c } GROUP BY ?c"),
    (
        "facts in >1 article",
        "SELECT ?s ?p ?o (COUNT(DISTINCT ?a) AS ?n) WHERE { ?e a kg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:article ?a } GROUP BY ?s ?p ?o HAVING (COUNT(DISTINCT ?a) > 1) LIMIT 50",
    ),
];

/// The best time of two ingests into fresh stores.
fn best_ingest(corpus: &Path, work: &Path, jobs: &str) -> f64 {
    (0..2)
        .map(|n| {
            let store = work.join(format!("store-{}-{jobs}-{n}", corpus.file_name().unwrap().to_string_lossy()));
            ingest(corpus, &store, jobs)
        })
        .fold(f64::INFINITY, f64::min)
}

fn ingest(corpus: &Path, store: &Path, jobs: &str) -> f64 {
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_zhkg"))
        .args(["ingest", "--quiet", "--jobs", jobs, "--store"])
        .arg(store)
        .arg(corpus)
        .output()
        .expect("zhkg runs");
    assert!(output.status.success(), "ingest failed: {}", String::from_utf8_lossy(&output.stderr));
    started.elapsed().as_secs_f64()
}

/// `zhkg serve`, killed on drop.
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(store: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhkg"))
        .args(["serve", "--bind", "127.0.0.1:0", "--max-queries", "16", "--store"])
        .arg(store)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("zhkg serve starts");
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    let addr = loop {
        line.clear();
        assert!(stderr.read_line(&mut line).unwrap_or(0) > 0, "zhkg serve ended before listening");
        if let Some(start) = line.find("http://") {
            let rest = &line[start + 7..];
            break rest[..rest.find('/').unwrap()].to_owned();
        }
    };
    // The request log goes on; read it so that the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in stderr.lines() {});
    Server { child, addr }
}

/// A keep-alive HTTP/1.1 connection that sends one request after another.
struct Connection {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Connection {
    fn open(addr: &str) -> Connection {
        let stream = TcpStream::connect(addr).expect("connects");
        stream.set_nodelay(true).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        Connection { reader: BufReader::new(stream.try_clone().unwrap()), writer: stream }
    }

    /// Sends the request and reads the whole answer; returns the status.
    fn send(&mut self, request: &[u8]) -> u16 {
        self.writer.write_all(request).expect("sends");
        let mut status = 0;
        let mut length = 0usize;
        let mut line = String::new();
        loop {
            line.clear();
            assert!(self.reader.read_line(&mut line).expect("reads") > 0, "the server closed the connection");
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some(code) = header.strip_prefix("HTTP/1.1 ") {
                status = code[..3].parse().unwrap_or(0);
            } else if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).expect("reads the body");
        status
    }
}

fn request(addr: &str, query: &str) -> Vec<u8> {
    if query.is_empty() {
        return format!("GET /health HTTP/1.1\r\nHost: {addr}\r\n\r\n").into_bytes();
    }
    let body: String = form_urlencoded::Serializer::new(String::new()).append_pair("query", query).finish();
    format!(
        "POST /sparql HTTP/1.1\r\nHost: {addr}\r\nAccept: application/sparql-results+json\r\n\
Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// 8 clients sending `query` for a fixed time: requests per second and latency percentiles (ms).
fn load(addr: &str, query: &str) -> (f64, f64, f64, u64) {
    let request = Arc::new(request(addr, query));
    let done = Arc::new(AtomicBool::new(false));
    let failures = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (request, done, failures, addr) = (Arc::clone(&request), Arc::clone(&done), Arc::clone(&failures), addr.to_owned());
            std::thread::spawn(move || {
                let mut connection = Connection::open(&addr);
                let mut latencies = Vec::new();
                while !done.load(Ordering::Relaxed) && latencies.len() < MAX_REQUESTS_PER_CLIENT {
                    let sent = Instant::now();
                    if connection.send(&request) != 200 {
                        failures.fetch_add(1, Ordering::Relaxed);
                    }
                    latencies.push(sent.elapsed().as_secs_f64() * 1000.0);
                }
                latencies
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs_f64(SECONDS_PER_QUERY));
    done.store(true, Ordering::Relaxed);
    let mut latencies: Vec<f64> = clients.into_iter().flat_map(|c| c.join().expect("a client")).collect();
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort_by(|a, b| a.total_cmp(b));
    let percentile = |p: f64| latencies.get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1))).copied().unwrap_or(0.0);
    (latencies.len() as f64 / elapsed, percentile(0.5), percentile(0.99), failures.load(Ordering::Relaxed))
}

fn main() {
    let numbers: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let count = numbers.first().copied().unwrap_or(2000);
    let long_count = numbers.get(1).copied().unwrap_or(3000).max(1);
    let work = tempfile::tempdir().expect("a temporary directory");
    let corpus = work.path().join("corpus");
    let texts = corpus::write(&corpus, count);
    let megabytes = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);

    let long = work.path().join("long");
    let long_megabytes = corpus::write_long(&long, long_count, 12).iter().map(String::len).sum::<usize>() as f64 / 1e6;

    let load_average = || std::fs::read_to_string("/proc/loadavg").ok().and_then(|l| l.split_whitespace().next().map(str::to_owned)).unwrap_or_default();
    println!("{cores} cores (load average {} at the start); end to end: process start and the dictionary load are not parallel", load_average());
    for (name, dir, n, mb) in [("short", &corpus, count, megabytes), ("news-length", &long, long_count, long_megabytes)] {
        let one = best_ingest(dir, work.path(), "1");
        let two = best_ingest(dir, work.path(), "2");
        println!("{name} articles: {n}, {mb:.2} MB (generated, fictional names)");
        println!("  ingest --jobs 1  {one:.2} s   {:.0} articles/s   {:.2} MB/s", n as f64 / one, mb / one);
        println!("  ingest --jobs 2  {two:.2} s   {:.0} articles/s   {:.2} MB/s", n as f64 / two, mb / two);
        println!("  speed-up         {:.2}x   (load average {})", one / two, load_average());
    }

    let store = work.path().join("served");
    ingest(&corpus, &store, "2");
    let server = serve(&store);
    println!();
    println!("zhkg serve, {CLIENTS} concurrent keep-alive clients, {SECONDS_PER_QUERY} s per query:");
    println!("  {:<32} {:>10} {:>9} {:>9} {:>7}", "query", "req/s", "p50 ms", "p99 ms", "errors");
    for (name, query) in QUERIES {
        let (rate, p50, p99, failures) = load(&server.addr, query);
        println!("  {name:<32} {rate:>10.0} {p50:>9.2} {p99:>9.2} {failures:>7}");
    }
}
