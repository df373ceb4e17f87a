//! `zhkg serve`, remote stores and parallel ingest: the SPARQL Protocol as curl and SPARQLWrapper
//! speak it, updates behind a token, limits, and articles pushed into a real Oxigraph server.
//!
//! Servers listen on free loopback ports and are killed when their guard drops. What needs an
//! outside program (curl, python3 with SPARQLWrapper, Oxigraph's `oxigraph` binary) is skipped
//! with a message when the program is missing; `.ci/run` installs them.

use crate::*;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const FOUNDERS: &str = "SELECT ?org ?person ?name WHERE { ?org kg:foundedBy ?person . ?person rdfs:label ?name } ORDER BY ?org ?person";
const ALL_QUADS: &str = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }";

/// A running `zhkg serve`, killed on drop.
struct Server {
    child: Child,
    base: String,
    log: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }
}

/// Starts `zhkg serve` on the workspace's store, on a port the system picks, and waits for the
/// line that names it.
fn serve(z: &Zhkg, extra: &[&str]) -> Server {
    let mut args = vec!["serve", "--bind", "127.0.0.1:0"];
    args.extend_from_slice(extra);
    let mut child = z.command(&args).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("zhkg serve starts");
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    let base = loop {
        let mut line = String::new();
        if stderr.read_line(&mut line).unwrap_or(0) == 0 {
            let _ = child.kill();
            panic!("zhkg serve ended before listening:\n{seen}");
        }
        seen.push_str(&line);
        if let Some(start) = line.find("http://127.0.0.1:") {
            let rest = &line[start + "http://".len()..];
            break format!("http://{}", &rest[..rest.find('/').unwrap()]);
        }
    };
    let log = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&log);
    std::thread::spawn(move || {
        for line in stderr.lines() {
            let Ok(line) = line else { break };
            let mut log = sink.lock().unwrap();
            log.push_str(&line);
            log.push('\n');
        }
    });
    Server { child, base, log }
}

fn have(program: &str, probe: &[&str]) -> bool {
    Command::new(program).args(probe).stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

fn have_curl() -> bool {
    let ok = have("curl", &["--version"]);
    if !ok {
        eprintln!("skipped: curl is not installed");
    }
    ok
}

/// What curl got: the status, the Content-Type and the body.
struct Answer {
    status: u16,
    content_type: String,
    body: String,
}

fn curl(args: &[&str]) -> Answer {
    let output = Command::new("curl")
        .args(["-s", "-w", "\n@@%{http_code} %{content_type}"])
        .args(args)
        .output()
        .expect("curl runs");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let (body, tail) = text.rsplit_once("\n@@").expect("curl's status line");
    let (status, content_type) = tail.split_once(' ').unwrap_or((tail, ""));
    Answer { status: status.parse().unwrap_or(0), content_type: content_type.to_owned(), body: body.to_owned() }
}

/// The rows of SPARQL JSON results as a set of canonical strings (variable, kind, value,
/// datatype, language), so that results from different servers compare equal.
fn rows(json: &str) -> BTreeSet<String> {
    let json: serde_json::Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("SPARQL JSON results ({e}): {json}"));
    let mut vars: Vec<String> = json["head"]["vars"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect();
    vars.sort();
    json["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|binding| {
            vars.iter()
                .map(|v| {
                    let term = &binding[v];
                    format!(
                        "{v}={}|{}|{}|{}",
                        term["type"].as_str().unwrap_or("").replace("typed-literal", "literal"),
                        term["value"].as_str().unwrap_or(""),
                        term["datatype"].as_str().unwrap_or(""),
                        term["xml:lang"].as_str().unwrap_or("").to_ascii_lowercase()
                    )
                })
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect()
}

/// The first column of a SELECT query, asked of the server (while it runs, the server is the
/// store's writer: ask it, not the store).
fn server_column(server: &Server, query: &str) -> Vec<String> {
    let answer = curl(&["-H", "Accept: application/sparql-results+json", "--data-urlencode", &format!("query={query}"), &server.url("/sparql")]);
    assert_eq!(answer.status, 200, "{}", answer.body);
    let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    let variable = json["head"]["vars"][0].as_str().unwrap().to_owned();
    json["results"]["bindings"].as_array().unwrap().iter().filter_map(|b| b[&variable]["value"].as_str().map(str::to_owned)).collect()
}

fn server_quads(server: &Server) -> usize {
    server_column(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0].parse().unwrap()
}

fn sample_store() -> Zhkg {
    let z = Zhkg::new();
    z.ingest(&[&sample_dir()]).expect(0);
    z
}

fn query_json(z: &Zhkg, query: &str) -> String {
    z.run(&["query", "--format", "json", query]).expect(0).stdout
}

#[test]
fn curl_gets_the_rows_zhkg_query_gets_in_every_format() {
    if !have_curl() {
        return;
    }
    let z = sample_store();
    // What zhkg query says, asked before the server takes the store.
    let expected = rows(&query_json(&z, FOUNDERS));
    assert!(!expected.is_empty());
    let cli_csv = z.run(&["query", "--format", "csv", FOUNDERS]).expect(0).stdout;
    let founded = z.column("SELECT DISTINCT ?o ?p WHERE { ?o kg:foundedBy ?p }").len();
    let graph_of = z.column("SELECT ?a WHERE { ?a a kg:Article ; kg:sourcePath ?p FILTER(CONTAINS(?p, '01-hangzhou')) }");
    let server = serve(&z, &[]);

    let get = curl(&["-G", "--data-urlencode", &format!("query={FOUNDERS}"), &server.url("/sparql")]);
    assert_eq!(get.status, 200, "{}", get.body);
    assert!(get.content_type.starts_with("application/sparql-results+json"), "{}", get.content_type);
    assert_eq!(rows(&get.body), expected);

    let form = curl(&["-H", "Accept: application/sparql-results+json", "--data-urlencode", &format!("query={FOUNDERS}"), &server.url("/sparql")]);
    assert_eq!(rows(&form.body), expected);

    let direct = curl(&["-H", "Content-Type: application/sparql-query", "--data-binary", FOUNDERS, &server.url("/sparql")]);
    assert_eq!(rows(&direct.body), expected);

    let csv = curl(&["-H", "Accept: text/csv", "--data-urlencode", &format!("query={FOUNDERS}"), &server.url("/sparql")]);
    assert_eq!(csv.status, 200);
    assert!(csv.content_type.starts_with("text/csv"), "{}", csv.content_type);
    assert_eq!(csv.body.lines().next(), Some("org,person,name"));
    assert_eq!(csv.body.lines().count(), expected.len() + 1);
    assert_eq!(csv.body, cli_csv, "the same CSV as zhkg query --format csv");

    for (accept, start) in [("application/sparql-results+xml", "<?xml"), ("text/tab-separated-values", "?org\t?person\t?name")] {
        let answer = curl(&["-H", &format!("Accept: {accept}"), "--data-urlencode", &format!("query={FOUNDERS}"), &server.url("/sparql")]);
        assert!(answer.body.starts_with(start), "{accept}: {}", answer.body);
    }
    let graph = curl(&[
        "-H",
        "Accept: application/n-triples",
        "--data-urlencode",
        "query=CONSTRUCT { ?o kg:foundedBy ?p } WHERE { ?o kg:foundedBy ?p }",
        &server.url("/sparql"),
    ]);
    assert!(graph.content_type.starts_with("application/n-triples"), "{}", graph.content_type);
    let triples: BTreeSet<&str> = graph.body.lines().filter(|l| l.contains("/ontology#foundedBy>")).collect();
    assert_eq!(triples.len(), founded, "{}", graph.body);
    let refused = curl(&["-H", "Accept: text/turtle", "--data-urlencode", &format!("query={FOUNDERS}"), &server.url("/sparql")]);
    assert_eq!(refused.status, 406, "{}", refused.body);

    // The dataset of the request replaces the union default graph.
    let one = curl(&[
        "-G",
        "--data-urlencode",
        "query=SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article }",
        "--data-urlencode",
        &format!("default-graph-uri={}", graph_of[0]),
        &server.url("/sparql"),
    ]);
    assert!(one.body.contains("\"value\":\"1\""), "{}", one.body);

    // CORS, the service description, health, the log.
    let preflight = Command::new("curl")
        .args(["-s", "-i", "-X", "OPTIONS", "-H", "Origin: http://example.org", &server.url("/sparql")])
        .output()
        .unwrap();
    let headers = String::from_utf8_lossy(&preflight.stdout).to_ascii_lowercase();
    assert!(headers.contains("access-control-allow-origin: *") && headers.contains("access-control-allow-headers: accept, authorization, content-type"), "{headers}");
    let description = curl(&[&server.url("/sparql")]);
    assert!(description.content_type.starts_with("text/turtle") && description.body.contains("sd:Service"), "{}", description.body);
    let health = curl(&[&server.url("/health")]);
    assert_eq!((health.status, health.body.contains("ok")), (200, true));
    std::thread::sleep(Duration::from_millis(100));
    assert!(server.log().contains("GET /health 200"), "one log line per request: {}", server.log());
}

#[test]
fn bad_requests_get_4xx_with_a_message_and_slow_queries_503() {
    if !have_curl() {
        return;
    }
    let z = sample_store();
    let server = serve(&z, &["--max-body", "2K", "--timeout", "0.5"]);
    let malformed = curl(&["-G", "--data-urlencode", "query=SELECT ?x WHERE { ?x", &server.url("/sparql")]);
    assert_eq!(malformed.status, 400);
    assert!(malformed.body.contains("syntax error"), "the parser's message: {}", malformed.body);
    assert_eq!(curl(&[&server.url("/no/such/route")]).status, 404);
    assert_eq!(curl(&["-X", "DELETE", &server.url("/sparql")]).status, 405);
    assert_eq!(curl(&["-H", "Content-Type: application/pdf", "--data", "x", &server.url("/sparql")]).status, 415);
    let big = format!("query=SELECT * WHERE {{ ?s ?p \"{}\" }}", "长".repeat(2000));
    let too_large = curl(&["--data-binary", &big, "-H", "Content-Type: application/x-www-form-urlencoded", &server.url("/sparql")]);
    assert_eq!(too_large.status, 413, "{}", too_large.body);
    let slow = curl(&[
        "--data-urlencode",
        "query=SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        &server.url("/sparql"),
    ]);
    assert_eq!(slow.status, 503, "{}", slow.body);
    assert!(slow.body.contains("time limit"), "{}", slow.body);
    assert_eq!(curl(&["-G", "--data-urlencode", "iri=not an iri", &server.url("/explain")]).status, 400);
    // Still answering after all that.
    assert_eq!(curl(&[&server.url("/health")]).status, 200);
}

#[test]
fn updates_need_the_token_and_refused_ones_change_nothing() {
    if !have_curl() {
        return;
    }
    let z = sample_store();
    let before = z.quads();
    let insert = "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }";
    {
        let read_only = serve(&z, &[]);
        let refused = curl(&["-H", "Content-Type: application/sparql-update", "--data-binary", insert, &read_only.url("/update")]);
        assert_eq!(refused.status, 403, "{}", refused.body);
        let refused = curl(&["-H", "Authorization: Bearer anything", "-H", "Content-Type: text/plain", "--data", "文章", &read_only.url("/articles")]);
        assert_eq!(refused.status, 403);
        let via_query = curl(&["--data-urlencode", &format!("update={insert}"), &read_only.url("/sparql")]);
        assert_eq!(via_query.status, 400, "no updates through /sparql");
    }
    assert_eq!(z.quads(), before, "the store is unchanged");

    let server = serve(&z, &["--update-token", "s3cret-token"]);
    let missing = curl(&["-H", "Content-Type: application/sparql-update", "--data-binary", insert, &server.url("/update")]);
    assert_eq!(missing.status, 401);
    let wrong = curl(&["-H", "Authorization: Bearer nope", "-H", "Content-Type: application/sparql-update", "--data-binary", insert, &server.url("/update")]);
    assert_eq!(wrong.status, 401);
    assert_eq!(server_quads(&server), before, "the store is unchanged");

    let auth = "Authorization: Bearer s3cret-token";
    let bad = curl(&["-H", auth, "-H", "Content-Type: application/sparql-update", "--data-binary", "INSERT DATA {", &server.url("/update")]);
    assert_eq!(bad.status, 400);
    let done = curl(&["-H", auth, "-H", "Content-Type: application/sparql-update", "--data-binary", insert, &server.url("/update")]);
    assert_eq!(done.status, 204, "{}", done.body);
    assert_eq!(server_quads(&server), before + 1);

    // An article over HTTP goes through the ingest pipeline.
    let posted = curl(&["-H", auth, "-H", "Content-Type: text/plain; charset=utf-8", "--data-binary", SIMPLIFIED, &server.url("/articles")]);
    assert_eq!(posted.status, 201, "{}", posted.body);
    let json: serde_json::Value = serde_json::from_str(&posted.body).unwrap();
    assert!(json["articles"][0]["facts"].as_u64().unwrap() > 0, "{json}");
    assert!(server_column(&server, "SELECT ?n WHERE { ?o kg:foundedBy ?p . ?p rdfs:label ?n }").iter().any(|n| n == "李明远"));
    let again = curl(&["-H", auth, "-H", "Content-Type: text/plain", "--data-binary", SIMPLIFIED, &server.url("/articles")]);
    assert_eq!(again.status, 200, "the same article replaces its graph: {}", again.body);
    let record = serde_json::json!({"text": TRADITIONAL, "url": "https://example.com/chenguang", "title": "晨光"}).to_string();
    let as_json = curl(&["-H", auth, "-H", "Content-Type: application/json", "--data-binary", &record, &server.url("/articles")]);
    assert_eq!(as_json.status, 201, "{}", as_json.body);
    assert_eq!(
        server_column(&server, "SELECT ?u WHERE { ?a kg:url ?u FILTER(CONTAINS(STR(?u), 'chenguang')) }"),
        vec!["https://example.com/chenguang"]
    );

    // The explain page of an entity lists its facts with their sentences.
    let company = server_column(&server, "SELECT ?o WHERE { ?o kg:foundedBy ?p . ?p rdfs:label \"李明远\"@zh-hans }");
    let page = curl(&["-G", "--data-urlencode", &format!("iri={}", company[0]), &server.url("/explain")]);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("星河智能科技") && page.body.contains("由李明远于2018年创立"), "{}", page.body);
    let home = curl(&[&server.url("/")]);
    assert!(home.content_type.starts_with("text/html") && home.body.contains("sparql"), "the query page");
}

#[test]
fn sparqlwrapper_gets_the_rows_zhkg_query_gets() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/sparqlwrapper_check.py");
    let z = sample_store();
    let expected = rows(&query_json(&z, FOUNDERS));
    let server = serve(&z, &[]);
    for method in ["GET", "POST"] {
        let output = match Command::new("python3").arg(&script).args([&server.url("/sparql"), method, FOUNDERS]).output() {
            Ok(output) => output,
            Err(_) => {
                eprintln!("skipped: python3 is not installed");
                return;
            }
        };
        if output.status.code() == Some(3) {
            eprintln!("skipped: {}", String::from_utf8_lossy(&output.stderr).trim());
            return;
        }
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        assert_eq!(rows(&String::from_utf8_lossy(&output.stdout)), expected, "SPARQLWrapper by {method}");
    }
}

/// A running `oxigraph serve`, killed on drop.
struct Oxigraph {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Drop for Oxigraph {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Oxigraph's own server (`pip install oxigraph`), its default graph the union of its graphs as
/// zhkg's is; `None`, with a message, when the binary is missing.
fn oxigraph_server() -> Option<Oxigraph> {
    if !have("oxigraph", &["--version"]) {
        eprintln!("skipped: the oxigraph server binary is not installed (pip install oxigraph)");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let child = Command::new("oxigraph")
        .args(["serve", "--union-default-graph", "--bind", &format!("127.0.0.1:{port}"), "--location"])
        .arg(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("oxigraph serve starts");
    let server = Oxigraph { child, port, _dir: dir };
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(20), "oxigraph serve did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(server)
}

#[test]
fn articles_pushed_into_oxigraph_server_are_exactly_the_embedded_quads() {
    let Some(oxigraph) = oxigraph_server() else { return };
    let update = format!("http://127.0.0.1:{}/update", oxigraph.port);
    let query = format!("http://127.0.0.1:{}/query", oxigraph.port);
    let z = sample_store();

    let run = z.run(&["ingest", "--update-endpoint", &update, &sample_dir().display().to_string()]).expect(0);
    assert!(run.stderr.contains("8 stored"), "{}", run.stderr);
    let remote = rows(&z.run(&["query", "--endpoint", &query, "--format", "json", ALL_QUADS]).expect(0).stdout);
    let local = rows(&query_json(&z, ALL_QUADS));
    assert!(local.len() > 500, "{}", local.len());
    // Every quad: the article graphs, the ontology and the bookkeeping graph.
    let only_local: Vec<_> = local.difference(&remote).take(5).collect();
    let only_remote: Vec<_> = remote.difference(&local).take(5).collect();
    assert!(only_local.is_empty() && only_remote.is_empty(), "only embedded: {only_local:?}\nonly remote: {only_remote:?}");

    // The same questions get the same answers, prefixes and union default graph included.
    assert_eq!(rows(&z.run(&["query", "--endpoint", &query, "--format", "json", FOUNDERS]).expect(0).stdout), rows(&query_json(&z, FOUNDERS)));
    let remote_stats: serde_json::Value = serde_json::from_str(&z.run(&["stats", "--endpoint", &query, "--format", "json"]).expect(0).stdout).unwrap();
    let local_stats: serde_json::Value = serde_json::from_str(&z.run(&["stats", "--format", "json"]).expect(0).stdout).unwrap();
    assert_eq!(remote_stats, local_stats);
    // And the same graph exports from either.
    let (remote_gexf, local_gexf) = (z.path("remote.gexf"), z.path("local.gexf"));
    z.run(&["export", "--endpoint", &query, "-o", remote_gexf.to_str().unwrap()]).expect(0);
    z.run(&["export", "-o", local_gexf.to_str().unwrap()]).expect(0);
    assert_eq!(std::fs::read(&remote_gexf).unwrap(), std::fs::read(&local_gexf).unwrap(), "the GEXF files differ");

    // A rerun skips what is there.
    let rerun = z.run(&["ingest", "--update-endpoint", &update, &sample_dir().display().to_string()]).expect(0);
    assert!(rerun.stderr.contains("0 stored, 8 unchanged"), "{}", rerun.stderr);
    // A changed article replaces its graph, remotely as in the embedded store.
    let file = z.write("news/a.txt", SIMPLIFIED);
    z.run(&["ingest", "--update-endpoint", &update, file.to_str().unwrap()]).expect(0);
    z.write("news/a.txt", TRADITIONAL);
    z.run(&["ingest", "--update-endpoint", &update, file.to_str().unwrap()]).expect(0);
    z.ingest(&[&file]).expect(0);
    let remote = rows(&z.run(&["query", "--endpoint", &query, "--format", "json", ALL_QUADS]).expect(0).stdout);
    assert_eq!(remote, rows(&query_json(&z, ALL_QUADS)));
}

#[test]
fn a_store_that_is_down_or_refuses_is_named_and_a_rerun_completes_the_ingest() {
    if !have_curl() {
        return;
    }
    let z = Zhkg::new();
    let port = free_port();
    let down = z.run(&["ingest", "--update-endpoint", &format!("http://127.0.0.1:{port}/update"), &sample_dir().display().to_string()]).expect(1);
    assert!(down.stderr.contains(&format!("127.0.0.1:{port}")) && down.stderr.contains("cannot be reached"), "{}", down.stderr);

    // zhkg serve is a SPARQL Update endpoint too; with a small body limit it refuses the larger
    // articles (413), which the ingest names, and stores the rest.
    let target = Zhkg::new();
    let token = ["--token", "tok-123"];
    let samples = sample_dir().display().to_string();
    let stored_first: usize;
    {
        let small = serve(&target, &["--update-token", "tok-123", "--max-body", "40K"]);
        let update = small.url("/update");
        let wrong = z.run(&["ingest", "--update-endpoint", &update, "--token", "wrong", &samples]).expect(1);
        assert!(wrong.stderr.contains("HTTP 401"), "{}", wrong.stderr);
        let partial = z.run(&["ingest", "--update-endpoint", &update, token[0], token[1], &samples]).expect(1);
        assert!(partial.stderr.contains("refused the article") && partial.stderr.contains("HTTP 413"), "{}", partial.stderr);
        assert!(partial.stderr.contains("data/samples/"), "the article is named: {}", partial.stderr);
        stored_first = server_column(&small, "SELECT (COUNT(?a) AS ?n) WHERE { ?a a kg:Article }")[0].parse().unwrap();
        assert!(stored_first > 0 && stored_first < 8, "{stored_first}\n{}", partial.stderr);
    }
    let large = serve(&target, &["--update-token", "tok-123"]);
    let rest = z.run(&["ingest", "--update-endpoint", &large.url("/update"), token[0], token[1], &samples]).expect(0);
    assert!(rest.stderr.contains(&format!("{} stored, {stored_first} unchanged", 8 - stored_first)), "{}", rest.stderr);
    drop(large);
    z.ingest(&[&sample_dir()]).expect(0);
    assert_eq!(rows(&target.run(&["query", "--format", "json", ALL_QUADS]).expect(0).stdout), rows(&query_json(&z, ALL_QUADS)));
}

#[test]
fn jobs_extract_in_parallel_and_store_the_same_quads() {
    let one = Zhkg::new();
    let two = Zhkg::new();
    let inputs: Vec<PathBuf> = match shared_corpus() {
        Some(corpus) => vec![sample_dir(), corpus.join("seed"), corpus.join("dev")].into_iter().filter(|p| p.is_dir()).collect(),
        None => vec![sample_dir()],
    };
    let paths: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
    let mut args = vec!["ingest", "--jobs", "1"];
    args.extend(paths.iter().map(String::as_str));
    let first = one.run(&args).expect(0);
    args[2] = "3";
    let second = two.run(&args).expect(0);
    assert_eq!(first.stderr.split(';').next(), second.stderr.split(';').next().map(|s| s.replace(two.store().to_str().unwrap(), one.store().to_str().unwrap())).as_deref());
    assert_eq!(rows(&query_json(&one, ALL_QUADS)), rows(&query_json(&two, ALL_QUADS)));
    assert_eq!(one.run(&["ingest", "--jobs", "0", "x"]).status, 2);
}
