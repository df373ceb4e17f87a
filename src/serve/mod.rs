//! `zhkg serve`: the store over HTTP. The SPARQL 1.1 Protocol at `/sparql` (queries by GET, POST
//! form or `application/sparql-query`, results chosen by Accept, the dataset by
//! `default-graph-uri`/`named-graph-uri`, the union default graph otherwise), SPARQL Update at
//! `/update` and article ingest at `/articles` behind a bearer token, a query page at `/`, an
//! entity's explain page at `/explain`, and `/health`.
//!
//! Built on oxhttp's threaded server (a thread per connection, no async runtime). Every request is
//! answered, never panicked on: a bad request gets a 4xx with a one-line message, and one log line
//! per request goes to stderr.

mod explain;
pub mod protocol;

use crate::model::{Article, Origin};
use crate::read::{self, ReadOptions, Source};
use crate::store::graph::{ArticleGraph, ArticleId};
use crate::store::query::{ProtocolQuery, QueryError};
use crate::store::KgStore;
use oxhttp::model::header::{
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_MAX_AGE, ALLOW,
    AUTHORIZATION, CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE, HOST, WWW_AUTHENTICATE,
};
use oxhttp::model::{Body, HeaderName, HeaderValue, Method, Request, Response, StatusCode};
use oxhttp::{ListeningServer, Server};
use oxigraph::model::NamedNode;
use oxigraph::sparql::{CancellationToken, QueryEvaluationError};
use std::io::Read;
use std::net::{SocketAddr, TcpListener};
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The query page, embedded in the binary; `__PREFIXES__` becomes the predeclared prefixes.
const PAGE: &str = include_str!("page.html");

fn page() -> String {
    let prefixes: Vec<[&str; 2]> = crate::store::vocab::PREFIXES.iter().map(|(p, iri)| [*p, *iri]).collect();
    PAGE.replace("__PREFIXES__", &serde_json::to_string(&prefixes).expect("prefixes serialise"))
}

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    pub bind: SocketAddr,
    /// Enables `/update` and `/articles` for requests with `Authorization: Bearer TOKEN`.
    pub update_token: Option<String>,
    /// The largest request body accepted, in bytes (413 beyond).
    pub max_body: u64,
    /// How long a query may run before it is cancelled (503).
    pub timeout: Duration,
    /// How many queries run at once; more wait up to `timeout` for a turn, then get 503.
    pub max_queries: usize,
    /// One line per request on stderr.
    pub log: bool,
}

/// How `POST /articles` turns an article into its graph: the steps of `zhkg ingest`.
pub trait ArticlePipeline: Send + Sync {
    fn graph(&self, id: ArticleId, article: &Article) -> Result<ArticleGraph, String>;
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
}

/// A server answering in its own threads.
pub struct Running {
    addr: SocketAddr,
    server: ListeningServer,
}

impl Running {
    /// The address the server listens on (the port chosen when port 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Blocks for as long as the server runs.
    pub fn join(self) -> std::io::Result<()> {
        self.server.join()
    }
}

/// Starts the server on `config.bind`. Port 0 picks a free port; `Running::addr` tells which.
pub fn start(store: KgStore, config: Config, pipeline: Option<Arc<dyn ArticlePipeline>>) -> Result<Running, ServeError> {
    let bind_error = |source| ServeError::Bind { addr: config.bind, source };
    // Bind first ourselves: the error comes early and names the address, and port 0 resolves.
    let addr = TcpListener::bind(config.bind).and_then(|l| l.local_addr()).map_err(bind_error)?;
    let state = Arc::new(State {
        store: Arc::new(store),
        slots: Arc::new(Slots::new(config.max_queries.max(1))),
        writes: Mutex::new(()),
        pipeline,
        page: page(),
        requests: AtomicU64::new(0),
        config,
    });
    let handler = Arc::clone(&state);
    let server = Server::new(move |request| handler.handle(request))
        .bind(addr)
        .with_global_timeout(Duration::from_secs(120).max(state.config.timeout + Duration::from_secs(30)))
        .with_max_concurrent_connections(256)
        .with_server_name(concat!("zhkg/", env!("CARGO_PKG_VERSION")))
        .expect("the server name is a valid header value")
        .spawn()
        .map_err(|source| ServeError::Bind { addr, source })?;
    Ok(Running { addr, server })
}

struct State {
    store: Arc<KgStore>,
    config: Config,
    slots: Arc<Slots>,
    /// Writes (`/update`, `/articles`) one at a time.
    writes: Mutex<()>,
    pipeline: Option<Arc<dyn ArticlePipeline>>,
    /// The query page, prefixes filled in.
    page: String,
    requests: AtomicU64,
}

/// An answer that is not a success: the status and a one-line message for the client.
#[derive(Debug)]
struct HttpError {
    status: StatusCode,
    message: String,
    headers: Vec<(HeaderName, String)>,
}

impl HttpError {
    fn new(status: StatusCode, message: impl Into<String>) -> HttpError {
        HttpError { status, message: message.into(), headers: Vec::new() }
    }

    fn with_header(mut self, name: HeaderName, value: impl Into<String>) -> HttpError {
        self.headers.push((name, value.into()));
        self
    }

    fn into_response(self) -> Response<Body> {
        let mut message = self.message;
        message.push('\n');
        let mut response = text_response(self.status, "text/plain; charset=utf-8", message);
        for (name, value) in self.headers {
            if let Ok(value) = HeaderValue::try_from(value) {
                response.headers_mut().insert(name, value);
            }
        }
        response
    }
}

fn text_response(status: StatusCode, content_type: &str, body: impl Into<Body>) -> Response<Body> {
    let mut response = Response::new(body.into());
    *response.status_mut() = status;
    if let Ok(value) = HeaderValue::try_from(content_type) {
        response.headers_mut().insert(CONTENT_TYPE, value);
    }
    response
}

fn method_not_allowed(allowed: &str) -> HttpError {
    HttpError::new(StatusCode::METHOD_NOT_ALLOWED, format!("this route answers {allowed}")).with_header(ALLOW, allowed)
}

type Handled = Result<Response<Body>, HttpError>;

impl State {
    fn handle(&self, request: &mut Request<Body>) -> Response<Body> {
        let started = Instant::now();
        let method = request.method().clone();
        let path = request.uri().path().to_owned();
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| self.route(request)));
        let mut response = match outcome {
            Ok(Ok(response)) => response,
            Ok(Err(error)) => error.into_response(),
            Err(_) => HttpError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal error (a bug in zhkg: please report it)").into_response(),
        };
        let headers = response.headers_mut();
        headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
        if self.config.log {
            let n = self.requests.fetch_add(1, Ordering::Relaxed) + 1;
            let bytes = response.body().len().map(|n| n.to_string()).unwrap_or_else(|| String::from("-"));
            eprintln!(
                "{} #{n} {method} {path} {} {bytes} B {:.1} ms",
                timestamp(),
                response.status().as_u16(),
                started.elapsed().as_secs_f64() * 1000.0,
            );
        }
        response
    }

    fn route(&self, request: &mut Request<Body>) -> Handled {
        let method = request.method().clone();
        if method == Method::OPTIONS {
            // CORS preflight: browsers ask before a POST with a JSON or SPARQL body.
            let mut response = text_response(StatusCode::NO_CONTENT, "text/plain", Body::empty());
            let headers = response.headers_mut();
            // No Access-Control-Allow-Methods: oxhttp drops that header, and without it browsers
            // allow GET and POST, the only methods served here.
            headers.insert(ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("Accept, Authorization, Content-Type"));
            headers.insert(ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("86400"));
            return Ok(response);
        }
        let path = request.uri().path().to_owned();
        match (path.as_str(), method) {
            ("/" | "/index.html", Method::GET) => {
                let mut response = text_response(StatusCode::OK, "text/html; charset=utf-8", self.page.clone());
                response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
                Ok(response)
            }
            ("/sparql" | "/query", Method::GET) => self.sparql_get(request),
            ("/sparql" | "/query", Method::POST) => self.sparql_post(request),
            ("/sparql" | "/query", _) => Err(method_not_allowed("GET, POST")),
            ("/update", Method::POST) => self.update(request),
            ("/update", _) => Err(method_not_allowed("POST")),
            ("/articles", Method::POST) => self.articles(request),
            ("/articles", _) => Err(method_not_allowed("POST")),
            ("/health", Method::GET) => Ok(text_response(
                StatusCode::OK,
                "application/json",
                format!(
                    "{{\"status\":\"ok\",\"updates\":{},\"version\":\"{}\"}}\n",
                    self.config.update_token.is_some(),
                    env!("CARGO_PKG_VERSION")
                ),
            )),
            ("/explain", Method::GET) => self.explain(request),
            ("/" | "/index.html" | "/health" | "/explain", _) => Err(method_not_allowed("GET")),
            _ => Err(HttpError::new(
                StatusCode::NOT_FOUND,
                format!("no route {path}: try /sparql, /update, /articles, /explain?iri=…, /health or /"),
            )),
        }
    }

    // ---- SPARQL queries ------------------------------------------------------------------

    fn sparql_get(&self, request: &mut Request<Body>) -> Handled {
        let parameters = protocol::parameters(request.uri().query().unwrap_or("").as_bytes());
        if protocol::first(&parameters, "update").is_some() {
            return Err(HttpError::new(StatusCode::BAD_REQUEST, "updates are POSTed to /update, not sent to /sparql"));
        }
        match protocol::first(&parameters, "query") {
            Some(query) => self.query(request, query, &parameters),
            None => Ok(self.service_description(request)),
        }
    }

    fn sparql_post(&self, request: &mut Request<Body>) -> Handled {
        let content_type = protocol::media_type(request.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()));
        let mut parameters = protocol::parameters(request.uri().query().unwrap_or("").as_bytes());
        match content_type.as_str() {
            "application/x-www-form-urlencoded" => {
                let body = self.body(request)?;
                parameters.extend(protocol::parameters(&body));
                if protocol::first(&parameters, "update").is_some() {
                    return Err(HttpError::new(StatusCode::BAD_REQUEST, "updates are POSTed to /update, not sent to /sparql"));
                }
                let query = protocol::first(&parameters, "query")
                    .ok_or_else(|| HttpError::new(StatusCode::BAD_REQUEST, "the form has no 'query' field"))?
                    .to_owned();
                self.query(request, &query, &parameters)
            }
            "application/sparql-query" => {
                let body = self.body(request)?;
                let query = String::from_utf8(body)
                    .map_err(|_| HttpError::new(StatusCode::BAD_REQUEST, "the query is not UTF-8"))?;
                self.query(request, &query, &parameters)
            }
            other => Err(HttpError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "POST a query as application/sparql-query or application/x-www-form-urlencoded, not '{}'",
                    if other.is_empty() { "no Content-Type" } else { other }
                ),
            )),
        }
    }

    fn query(&self, request: &Request<Body>, query: &str, parameters: &[(String, String)]) -> Handled {
        let iris = |name: &str| -> Result<Vec<NamedNode>, HttpError> {
            protocol::all(parameters, name)
                .into_iter()
                .map(|iri| {
                    NamedNode::new(iri).map_err(|e| HttpError::new(StatusCode::BAD_REQUEST, format!("{name} '{iri}' is not an IRI: {e}")))
                })
                .collect()
        };
        let default_graphs = iris("default-graph-uri")?;
        let named_graphs = iris("named-graph-uri")?;
        let accept = request.headers().get(oxhttp::model::header::ACCEPT).and_then(|v| v.to_str().ok()).map(str::to_owned);

        let timeout = self.config.timeout;
        let slot = self.slots.acquire(timeout).ok_or_else(|| {
            HttpError::new(StatusCode::SERVICE_UNAVAILABLE, format!("too many queries are running ({} at once); try again", self.config.max_queries))
                .with_header(HeaderName::from_static("retry-after"), "1")
        })?;
        // The query runs in a thread of its own, so that the answer goes out when the time is up
        // even if the evaluation notices its cancellation late; it keeps its slot until it ends.
        let token = CancellationToken::new();
        let request = ProtocolQuery { default_graphs, named_graphs, cancel: Some(token.clone()) };
        let (sender, receiver) = mpsc::channel();
        let store = Arc::clone(&self.store);
        let query = query.to_owned();
        std::thread::Builder::new()
            .name(String::from("zhkg-query"))
            .spawn(move || {
                let _slot = slot;
                let mut out = Vec::new();
                let outcome = store
                    .protocol_query(&query, request, |kind| protocol::negotiate(accept.as_deref(), kind), &mut out)
                    .map(|format| (format, out));
                let _ = sender.send(outcome);
            })
            .map_err(|e| HttpError::new(StatusCode::SERVICE_UNAVAILABLE, format!("cannot start the query: {e}")))?;
        match receiver.recv_timeout(timeout) {
            Ok(Ok((format, out))) => Ok(text_response(StatusCode::OK, protocol::content_type(format), out)),
            Ok(Err(error)) => Err(query_error(error, timeout)),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                token.cancel();
                Err(query_error(QueryError::Evaluation(QueryEvaluationError::Cancelled), timeout))
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                Err(HttpError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal error while evaluating the query (a bug in zhkg: please report it)"))
            }
        }
    }

    fn service_description(&self, request: &Request<Body>) -> Response<Body> {
        let host = request
            .headers()
            .get(HOST)
            .and_then(|v| v.to_str().ok())
            .filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b)))
            .map(str::to_owned)
            .unwrap_or_else(|| self.config.bind.to_string());
        let endpoint = format!("http://{host}{}", request.uri().path());
        text_response(
            StatusCode::OK,
            "text/turtle; charset=utf-8",
            protocol::service_description(&endpoint, self.config.update_token.is_some()),
        )
    }

    // ---- Writes ----------------------------------------------------------------------------

    /// Checks the bearer token: 403 when updates are off, 401 when the token is missing or wrong.
    fn authorize(&self, request: &Request<Body>) -> Result<(), HttpError> {
        let Some(expected) = &self.config.update_token else {
            return Err(HttpError::new(
                StatusCode::FORBIDDEN,
                "this server is read-only: start zhkg serve with --update-token (or ZHKG_UPDATE_TOKEN) to allow updates",
            ));
        };
        let given = request
            .headers()
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(str::trim);
        match given {
            Some(token) if constant_time_eq(token.as_bytes(), expected.as_bytes()) => Ok(()),
            Some(_) => Err(HttpError::new(StatusCode::UNAUTHORIZED, "wrong bearer token").with_header(WWW_AUTHENTICATE, "Bearer realm=\"zhkg\"")),
            None => Err(HttpError::new(StatusCode::UNAUTHORIZED, "send Authorization: Bearer TOKEN to update")
                .with_header(WWW_AUTHENTICATE, "Bearer realm=\"zhkg\"")),
        }
    }

    fn update(&self, request: &mut Request<Body>) -> Handled {
        self.authorize(request)?;
        let parameters = protocol::parameters(request.uri().query().unwrap_or("").as_bytes());
        if protocol::first(&parameters, "using-graph-uri").is_some() || protocol::first(&parameters, "using-named-graph-uri").is_some() {
            return Err(HttpError::new(StatusCode::BAD_REQUEST, "using-graph-uri and using-named-graph-uri are not supported; use USING in the update"));
        }
        let content_type = protocol::media_type(request.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()));
        let update = match content_type.as_str() {
            "application/sparql-update" => String::from_utf8(self.body(request)?)
                .map_err(|_| HttpError::new(StatusCode::BAD_REQUEST, "the update is not UTF-8"))?,
            "application/x-www-form-urlencoded" => {
                let form = protocol::parameters(&self.body(request)?);
                protocol::first(&form, "update")
                    .ok_or_else(|| HttpError::new(StatusCode::BAD_REQUEST, "the form has no 'update' field"))?
                    .to_owned()
            }
            other => {
                return Err(HttpError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    format!("POST an update as application/sparql-update or application/x-www-form-urlencoded, not '{other}'"),
                ))
            }
        };
        let _write = self.writes.lock().unwrap_or_else(|e| e.into_inner());
        match self.store.update(&update) {
            Ok(()) => Ok(text_response(StatusCode::NO_CONTENT, "text/plain", Body::empty())),
            Err(error @ QueryError::Syntax(_)) => Err(HttpError::new(StatusCode::BAD_REQUEST, error.to_string())),
            Err(QueryError::Update(oxigraph::sparql::UpdateEvaluationError::Storage(e))) => {
                Err(HttpError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("the store failed: {e}")))
            }
            Err(error) => Err(HttpError::new(StatusCode::BAD_REQUEST, error.to_string())),
        }
    }

    /// `POST /articles`: one article as text/plain, text/html or a JSON object (text, title, url,
    /// date, source), or several as JSON Lines (application/x-ndjson) or a JSON array.
    fn articles(&self, request: &mut Request<Body>) -> Handled {
        self.authorize(request)?;
        let Some(pipeline) = &self.pipeline else {
            return Err(HttpError::new(StatusCode::NOT_IMPLEMENTED, "this server does not ingest articles"));
        };
        let content_type = protocol::media_type(request.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()));
        let kind = match content_type.as_str() {
            "text/plain" | "text/markdown" => Posted::Text,
            "text/html" => Posted::Html,
            "application/json" => Posted::Json,
            "application/x-ndjson" | "application/jsonl" | "application/jsonlines" => Posted::JsonLines,
            other => {
                return Err(HttpError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    format!("POST an article as text/plain, text/html, application/json or application/x-ndjson, not '{other}'"),
                ))
            }
        };
        let body = self.body(request)?;
        let articles = read_posted(body, kind).map_err(|message| HttpError::new(StatusCode::BAD_REQUEST, message))?;
        let mut graphs = Vec::with_capacity(articles.len());
        let mut replaced = Vec::with_capacity(articles.len());
        for article in &articles {
            let id = ArticleId::of(article);
            let existed = self.store.article_state(&id.graph).map_err(|e| HttpError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
            replaced.push(existed.is_some());
            let graph = pipeline
                .graph(id, article)
                .map_err(|message| HttpError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("extraction failed: {message}")))?;
            graphs.push(graph);
        }
        let summary: Vec<serde_json::Value> = graphs
            .iter()
            .zip(&replaced)
            .map(|(g, replaced)| {
                serde_json::json!({ "graph": g.graph.as_str(), "facts": g.facts, "quads": g.quads.len(), "replaced": replaced })
            })
            .collect();
        {
            let _write = self.writes.lock().unwrap_or_else(|e| e.into_inner());
            self.store
                .write_articles(graphs)
                .map_err(|e| HttpError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("writing failed: {e}")))?;
        }
        let status = if replaced.iter().all(|r| *r) { StatusCode::OK } else { StatusCode::CREATED };
        let body = serde_json::json!({ "articles": summary }).to_string();
        Ok(text_response(status, "application/json", body + "\n"))
    }

    fn explain(&self, request: &Request<Body>) -> Handled {
        let parameters = protocol::parameters(request.uri().query().unwrap_or("").as_bytes());
        let iri = protocol::first(&parameters, "iri")
            .ok_or_else(|| HttpError::new(StatusCode::BAD_REQUEST, "give the entity as /explain?iri=IRI"))?;
        let iri = NamedNode::new(iri).map_err(|e| HttpError::new(StatusCode::BAD_REQUEST, format!("'{iri}' is not an IRI: {e}")))?;
        let _slot = self.slots.acquire(self.config.timeout).ok_or_else(|| {
            HttpError::new(StatusCode::SERVICE_UNAVAILABLE, "too many queries are running; try again")
        })?;
        match explain::page(&self.store, &iri) {
            Ok(Some(html)) => Ok(text_response(StatusCode::OK, "text/html; charset=utf-8", html)),
            Ok(None) => Err(HttpError::new(StatusCode::NOT_FOUND, format!("the store says nothing about {iri}"))),
            Err(error) => Err(query_error(error, self.config.timeout)),
        }
    }

    /// The request body, at most `max_body` bytes (413 beyond).
    fn body(&self, request: &mut Request<Body>) -> Result<Vec<u8>, HttpError> {
        let limit = self.config.max_body;
        let too_large = || HttpError::new(StatusCode::PAYLOAD_TOO_LARGE, format!("the request body is over the limit of {limit} bytes (--max-body)"));
        let declared = request.headers().get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse::<u64>().ok());
        if declared.is_some_and(|n| n > limit) {
            return Err(too_large());
        }
        let mut body = Vec::new();
        request
            .body_mut()
            .take(limit + 1)
            .read_to_end(&mut body)
            .map_err(|e| HttpError::new(StatusCode::BAD_REQUEST, format!("cannot read the request body: {e}")))?;
        if body.len() as u64 > limit {
            return Err(too_large());
        }
        Ok(body)
    }
}

/// A failed query as an answer: the user's mistakes are 4xx, a query past its time 503, the
/// store's own failures 500.
fn query_error(error: QueryError, timeout: Duration) -> HttpError {
    match error {
        error @ QueryError::Syntax(_) => HttpError::new(StatusCode::BAD_REQUEST, error.to_string()),
        QueryError::NotAcceptable(kind) => HttpError::new(
            StatusCode::NOT_ACCEPTABLE,
            format!("none of the media types in Accept can carry {kind}; ask for JSON, XML, CSV or TSV results, or Turtle, N-Triples or N-Quads graphs"),
        ),
        QueryError::Evaluation(QueryEvaluationError::Cancelled) => HttpError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("the query ran past the time limit of {} s (--timeout) and was stopped", timeout.as_secs_f64()),
        ),
        QueryError::Evaluation(QueryEvaluationError::Dataset(e)) => {
            HttpError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("the store failed: {e}"))
        }
        QueryError::Evaluation(e) => HttpError::new(StatusCode::BAD_REQUEST, format!("query failed: {e}")),
        other => HttpError::new(StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
    }
}

#[derive(Debug, Clone, Copy)]
enum Posted {
    Text,
    Html,
    Json,
    JsonLines,
}

/// Articles from a request body, read by `read::read` exactly as files are, then made to look as
/// if they came from standard input: their identity is their URL, else their text.
fn read_posted(body: Vec<u8>, kind: Posted) -> Result<Vec<Article>, String> {
    let (extension, bytes) = match kind {
        Posted::Text => ("txt", body),
        Posted::Html => ("html", body),
        Posted::JsonLines => ("jsonl", body),
        Posted::Json => {
            let value: serde_json::Value = serde_json::from_slice(&body).map_err(|e| format!("the body is not JSON: {e}"))?;
            let records = match value {
                serde_json::Value::Array(records) => records,
                record => vec![record],
            };
            let mut lines = Vec::new();
            for record in records {
                lines.extend(record.to_string().into_bytes());
                lines.push(b'\n');
            }
            ("jsonl", lines)
        }
    };
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let path = std::env::temp_dir().join(format!(
        "zhkg-serve-{}-{}.{extension}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(&path, &bytes).map_err(|e| format!("cannot buffer the article: {e}"))?;
    let outcome = (|| {
        let mut articles = Vec::new();
        for article in read::read(&Source::File(path.clone()), &ReadOptions::default()).map_err(|e| e.to_string())? {
            let mut article = article.map_err(|e| e.to_string().replace(&path.display().to_string(), "the request body"))?;
            article.origin = match article.origin {
                Origin::JsonLine { line, .. } => Origin::JsonLine { path: None, line },
                _ => Origin::Stdin,
            };
            articles.push(article);
        }
        Ok(articles)
    })();
    let _ = std::fs::remove_file(&path);
    outcome
}

/// Bounds the queries running at once.
struct Slots {
    free: Mutex<usize>,
    freed: Condvar,
}

struct Slot(Arc<Slots>);

impl Slots {
    fn new(n: usize) -> Slots {
        Slots { free: Mutex::new(n), freed: Condvar::new() }
    }

    /// A turn to run a query, waiting at most `wait` for one.
    fn acquire(self: &Arc<Self>, wait: Duration) -> Option<Slot> {
        let deadline = Instant::now() + wait;
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        while *free == 0 {
            let left = deadline.checked_duration_since(Instant::now())?;
            free = self.freed.wait_timeout(free, left).unwrap_or_else(|e| e.into_inner()).0;
        }
        *free -= 1;
        Some(Slot(Arc::clone(self)))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        *self.0.free.lock().unwrap_or_else(|e| e.into_inner()) += 1;
        self.0.freed.notify_one();
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The time now as `2025-05-06T08:09:10Z`, for the request log.
fn timestamp() -> String {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let date = crate::read::date::date_from_unix_days(days);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        date.year,
        date.month.unwrap_or(1),
        date.day.unwrap_or(1),
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_whole() {
        assert!(constant_time_eq(b"secret", b"secret"));
        assert!(!constant_time_eq(b"secret", b"secreT"));
        assert!(!constant_time_eq(b"secret", b"secret2"));
    }

    #[test]
    fn timestamps_are_iso() {
        let t = timestamp();
        assert_eq!(t.len(), 20, "{t}");
        assert!(t.starts_with("20") && t.ends_with('Z'), "{t}");
    }

    #[test]
    fn slots_bound_and_release() {
        let slots = Arc::new(Slots::new(1));
        let first = slots.acquire(Duration::from_millis(1)).unwrap();
        assert!(slots.acquire(Duration::from_millis(20)).is_none());
        drop(first);
        assert!(slots.acquire(Duration::from_millis(1)).is_some());
    }
}
