//! A remote SPARQL 1.1 store: the SPARQL 1.1 Protocol client that `ingest --update-endpoint`,
//! `query --endpoint` and `stats --endpoint` use against any standard store (Oxigraph server,
//! Apache Jena Fuseki, Virtuoso, GraphDB…).
//!
//! Queries and updates are POSTed as HTML forms (`query=` / `update=`), the one encoding every
//! store accepts. Connection failures and the answers that mean "try again later" (429, 502,
//! 503, 504, and other 5xx) are retried with exponential backoff; every error names the endpoint,
//! and an HTTP error carries the status and the start of the store's answer.
//!
//! Articles go in as one SPARQL Update request per batch: for each article
//! `DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { … } }`, its quads exactly those
//! `graph::article_graph` gives the embedded store, written as N-Triples terms. The ontology and
//! the bookkeeping graph go in the same way, so a remote store holds the same quads as an
//! embedded one.

use super::graph::ArticleGraph;
use super::query::{write_results, QueryError, ResultFormat};
use super::stats::{self, Stats};
use super::vocab;
use oxhttp::model::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use oxhttp::model::{Body, Method, Request, Response, StatusCode};
use oxhttp::Client;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNode, Quad, Term, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, QueryTripleIter, Variable};
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::time::Duration;

/// What a query asks a remote store for: any results format for SELECT and ASK, any graph format
/// for CONSTRUCT and DESCRIBE; the answer is parsed by its Content-Type.
const QUERY_ACCEPT: &str = "application/sparql-results+json, application/sparql-results+xml;q=0.9, \
text/tab-separated-values;q=0.8, application/n-triples, text/turtle;q=0.9, application/n-quads;q=0.8, \
application/rdf+xml;q=0.7";

/// How much of an error answer is quoted in the error message.
const ERROR_BODY_CHARS: usize = 600;

/// Credentials for stores that need them.
#[derive(Clone, Default)]
pub enum Auth {
    #[default]
    None,
    /// HTTP basic authentication.
    Basic { user: String, password: String },
    /// `Authorization: Bearer TOKEN`.
    Bearer(String),
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print a secret.
        match self {
            Auth::None => f.write_str("Auth::None"),
            Auth::Basic { user, .. } => write!(f, "Auth::Basic({user}, ***)"),
            Auth::Bearer(_) => f.write_str("Auth::Bearer(***)"),
        }
    }
}

impl Auth {
    fn header(&self) -> Option<String> {
        match self {
            Auth::None => None,
            Auth::Basic { user, password } => Some(format!("Basic {}", base64(format!("{user}:{password}").as_bytes()))),
            Auth::Bearer(token) => Some(format!("Bearer {token}")),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    #[error("{url}: not a usable endpoint URL: {reason}")]
    BadUrl { url: String, reason: String },
    #[error("{url} cannot be reached: {message} (tried {tries} time{})", if *.tries == 1 { "" } else { "s" })]
    Unreachable { url: String, message: String, tries: u32 },
    #[error("{url} answered HTTP {status}{}", if .body.is_empty() { String::new() } else { format!(": {}", .body) })]
    Status { url: String, status: u16, body: String },
    #[error("{url}: unexpected answer: {message}")]
    BadAnswer { url: String, message: String },
    #[error(transparent)]
    Query(#[from] QueryError),
}

impl RemoteError {
    /// Whether the store refused what was sent (a bad request, a body too large), as opposed to
    /// being unreachable, failing, or refusing us (authentication, a wrong URL): a refused batch is
    /// worth sending again one article at a time to find the article at fault.
    pub fn is_refusal(&self) -> bool {
        matches!(self, RemoteError::Status { status, .. } if matches!(status, 400 | 413 | 415 | 422 | 500))
    }
}

/// A remote SPARQL store: where queries go, where updates go, and how to authenticate.
pub struct RemoteStore {
    query_url: String,
    update_url: Option<String>,
    auth: Auth,
    client: Client,
    tries: u32,
    backoff: Duration,
}

impl RemoteStore {
    /// A store answering queries at `query_url` and, when given, updates at `update_url`.
    pub fn new(query_url: &str, update_url: Option<&str>, auth: Auth) -> Result<RemoteStore, RemoteError> {
        check_url(query_url)?;
        if let Some(url) = update_url {
            check_url(url)?;
        }
        let client = Client::new()
            .with_global_timeout(Duration::from_secs(300))
            .with_redirection_limit(3)
            .with_user_agent(concat!("zhkg/", env!("CARGO_PKG_VERSION")))
            .expect("the user agent is a valid header value");
        Ok(RemoteStore {
            query_url: query_url.to_owned(),
            update_url: update_url.map(str::to_owned),
            auth,
            client,
            tries: 4,
            backoff: Duration::from_millis(250),
        })
    }

    /// How many times a request is tried in all, and the first pause between tries (doubled after
    /// each one).
    pub fn with_retries(mut self, tries: u32, backoff: Duration) -> RemoteStore {
        self.tries = tries.max(1);
        self.backoff = backoff;
        self
    }

    /// The query endpoint a store's update endpoint most likely has beside it: Oxigraph server
    /// and Fuseki answer queries at `…/query` beside `…/update`; Virtuoso and zhkg serve one URL
    /// for both (`…/sparql`).
    pub fn query_url_for(update_url: &str) -> String {
        match update_url.strip_suffix("/update") {
            Some(base) => format!("{base}/query"),
            None => update_url.to_owned(),
        }
    }

    pub fn query_url(&self) -> &str {
        &self.query_url
    }

    pub fn update_url(&self) -> Option<&str> {
        self.update_url.as_deref()
    }

    /// Runs a query (the usual prefixes predeclared, as in the embedded store) and writes its
    /// results in `format`, as `KgStore::query` does.
    pub fn query(&self, query: &str, format: ResultFormat, out: &mut dyn Write) -> Result<(), RemoteError> {
        let results = self.results(query)?;
        write_results(results, format, out)?;
        Ok(())
    }

    /// Runs a SELECT query and returns its rows as terms.
    pub fn select(&self, query: &str) -> Result<Vec<Vec<Option<Term>>>, RemoteError> {
        match self.results(query)? {
            QueryResults::Solutions(solutions) => {
                let variables: Vec<Variable> = solutions.variables().to_vec();
                let mut rows = Vec::new();
                for solution in solutions {
                    let solution = solution.map_err(|e| self.bad_answer(e))?;
                    rows.push(variables.iter().map(|v| solution.get(v).cloned()).collect());
                }
                Ok(rows)
            }
            _ => Err(self.bad_answer("expected solutions to a SELECT query")),
        }
    }

    /// Runs an ASK query.
    pub fn ask(&self, query: &str) -> Result<bool, RemoteError> {
        match self.results(query)? {
            QueryResults::Boolean(value) => Ok(value),
            _ => Err(self.bad_answer("expected the boolean answer to an ASK query")),
        }
    }

    fn results(&self, query: &str) -> Result<QueryResults<'static>, RemoteError> {
        let text = with_prologue(query);
        let response = self.post(&self.query_url, "query", &text, QUERY_ACCEPT)?;
        let media_type = media_type(&response);
        let body = response.into_body();
        if let Some(format) = QueryResultsFormat::from_media_type(&media_type) {
            let parsed = QueryResultsParser::from_format(format).for_reader(body).map_err(|e| self.bad_answer(e))?;
            return Ok(QueryResults::from(parsed));
        }
        if let Some(format) = RdfFormat::from_media_type(&media_type) {
            let triples = RdfParser::from_format(format)
                .for_reader(body)
                .map(|quad| quad.map(|q| Triple::from(q)).map_err(|e| QueryEvaluationError::Dataset(Box::new(e))));
            return Ok(QueryResults::Graph(QueryTripleIter::new(triples)));
        }
        Err(self.bad_answer(format!("answer of type '{media_type}', which is neither SPARQL results nor RDF")))
    }

    /// Runs a SPARQL update (the usual prefixes predeclared) at the update endpoint.
    pub fn update(&self, update: &str) -> Result<(), RemoteError> {
        let url = self.update_url.as_deref().ok_or_else(|| RemoteError::BadUrl {
            url: self.query_url.clone(),
            reason: String::from("no update endpoint was given"),
        })?;
        self.post(url, "update", &with_prologue(update), "*/*").map(|_| ())
    }

    /// Writes article graphs in one update request: each article's graph is dropped and filled
    /// again, so a rerun replaces rather than duplicates; the entities no other article names
    /// leave the entity graph with the earlier version, and the new version's entities' classes
    /// and names are added to it (a set: nothing doubles). Whether the request is atomic is the
    /// store's business (Oxigraph and Fuseki run one request in one transaction).
    pub fn write_articles(&self, articles: &[ArticleGraph]) -> Result<(), RemoteError> {
        if articles.is_empty() {
            return Ok(());
        }
        let mut update = String::new();
        let mentions = vocab::kg("mentions");
        let entities = vocab::ENTITY_GRAPH;
        for article in articles {
            // As in the embedded store: the entities only the earlier version named leave with it.
            let graph = &article.graph;
            let _ = writeln!(
                update,
                "DELETE {{ GRAPH <{entities}> {{ ?e ?p ?o }} }} WHERE {{ GRAPH {graph} {{ {graph} {mentions} ?e }} GRAPH <{entities}> {{ ?e ?p ?o }} \
                 FILTER NOT EXISTS {{ GRAPH ?h {{ ?h {mentions} ?e }} FILTER(?h != {graph}) }} }} ;"
            );
            replace_graph(&mut update, graph, &article.quads);
        }
        let _ = writeln!(update, "INSERT DATA {{ GRAPH <{}> {{", vocab::ENTITY_GRAPH);
        for quad in super::graph::distinct_entity_quads(articles) {
            let _ = writeln!(update, "{} {} {} .", quad.subject, quad.predicate, quad.object);
        }
        let _ = writeln!(update, "}} }} ;");
        self.update(&update)
    }

    /// The content hash and extractor version each of these article graphs was written with,
    /// for those the store holds (one query for all of them).
    pub fn article_states(&self, graphs: &[NamedNode]) -> Result<Vec<Option<(String, String)>>, RemoteError> {
        let mut states = vec![None; graphs.len()];
        if graphs.is_empty() {
            return Ok(states);
        }
        let values: Vec<String> = graphs.iter().map(|g| g.to_string()).collect();
        let query = format!(
            "SELECT ?g ?hash ?version WHERE {{ VALUES ?g {{ {} }} GRAPH ?g {{ ?g {} ?hash ; {} ?version }} }}",
            values.join(" "),
            vocab::kg("contentHash"),
            vocab::kg("extractorVersion"),
        );
        for row in self.select(&query)? {
            if let [Some(Term::NamedNode(g)), Some(Term::Literal(hash)), Some(Term::Literal(version))] = row.as_slice() {
                for (state, graph) in states.iter_mut().zip(graphs) {
                    if graph == g {
                        *state = Some((hash.value().to_owned(), version.value().to_owned()));
                    }
                }
            }
        }
        Ok(states)
    }

    /// Puts the bundled ontology and the store's bookkeeping into the remote store, unless the
    /// same ontology is there already: the same two graphs an embedded store carries.
    pub fn ensure_ontology(&self) -> Result<(), RemoteError> {
        let hash = vocab::content_hash(super::ONTOLOGY);
        let meta = NamedNode::new_unchecked(vocab::META_GRAPH);
        let current = format!(
            "ASK {{ GRAPH {meta} {{ {meta} {} \"{hash}\" ; {} {} }} }}",
            vocab::kg("ontologyHash"),
            vocab::kg("storeFormat"),
            oxigraph::model::Literal::from(super::STORE_FORMAT),
        );
        if self.ask(&current)? {
            return Ok(());
        }
        let quads = super::ontology_quads().map_err(|e| self.bad_answer(e))?;
        let mut update = String::new();
        for graph in [vocab::ONTOLOGY_GRAPH, vocab::META_GRAPH] {
            let graph = NamedNode::new_unchecked(graph);
            let of_graph: Vec<Quad> = quads.iter().filter(|q| q.graph_name == graph.as_ref().into()).cloned().collect();
            replace_graph(&mut update, &graph, &of_graph);
        }
        self.update(&update)
    }

    /// The counts of `zhkg stats`, from the same queries as the embedded store's. `quads` counts
    /// the quads of all named graphs.
    pub fn stats(&self) -> Result<Stats, RemoteError> {
        let mut stats = stats::compute(&|query: &str| self.select(query))?;
        let quads = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")?;
        stats.quads = stats::count(quads.first().and_then(|r| r.first()));
        Ok(stats)
    }

    fn bad_answer(&self, message: impl std::fmt::Display) -> RemoteError {
        RemoteError::BadAnswer { url: self.query_url.clone(), message: message.to_string() }
    }

    /// POSTs `field=text` as a form, with retries for failures that may pass.
    fn post(&self, url: &str, field: &str, text: &str, accept: &str) -> Result<Response<Body>, RemoteError> {
        let body = form_urlencoded::Serializer::new(String::new()).append_pair(field, text).finish().into_bytes();
        let mut pause = self.backoff;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut request = Request::builder()
                .method(Method::POST)
                .uri(url)
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(ACCEPT, accept)
                .header(USER_AGENT, concat!("zhkg/", env!("CARGO_PKG_VERSION")));
            if let Some(auth) = self.auth.header() {
                request = request.header(AUTHORIZATION, auth);
            }
            let request = request
                .body(Body::from(body.clone()))
                .map_err(|e| RemoteError::BadUrl { url: url.to_owned(), reason: e.to_string() })?;
            let outcome = match self.client.request(request) {
                Ok(response) if response.status().is_success() => return Ok(response),
                Ok(response) => {
                    let status = response.status();
                    let error = RemoteError::Status { url: url.to_owned(), status: status.as_u16(), body: error_body(response) };
                    if retryable(status) {
                        error
                    } else {
                        return Err(error);
                    }
                }
                Err(e) => RemoteError::Unreachable { url: url.to_owned(), message: e.to_string(), tries: attempt },
            };
            if attempt >= self.tries {
                return Err(outcome);
            }
            std::thread::sleep(pause);
            pause = pause.saturating_mul(2);
        }
    }
}

fn retryable(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 429 | 502 | 503 | 504)
}

fn check_url(url: &str) -> Result<(), RemoteError> {
    let bad = |reason: &str| RemoteError::BadUrl { url: url.to_owned(), reason: reason.to_owned() };
    let uri: oxhttp::model::Uri = url.parse().map_err(|e: oxhttp::model::uri::InvalidUri| bad(&e.to_string()))?;
    match uri.scheme_str() {
        Some("http") => {}
        Some("https") => return Err(bad("https is not supported by this build of zhkg; reach the store over http (on a trusted network or through a local TLS proxy)")),
        _ => return Err(bad("give a full http:// URL, such as http://127.0.0.1:7878/query")),
    }
    if uri.host().is_none() {
        return Err(bad("the URL has no host"));
    }
    Ok(())
}

/// The media type of a response, without parameters, in lower case.
fn media_type(response: &Response<Body>) -> String {
    response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
        .unwrap_or_default()
}

/// The start of an error answer, on one line, with markup stripped (Fuseki and Virtuoso answer
/// errors with HTML pages).
fn error_body(response: Response<Body>) -> String {
    let mut bytes = Vec::new();
    let _ = response.into_body().take(64 * 1024).read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes);
    let mut plain = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                plain.push(' ');
            }
            _ if in_tag => {}
            _ => plain.push(c),
        }
    }
    let line = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > ERROR_BODY_CHARS {
        format!("{}…", line.chars().take(ERROR_BODY_CHARS).collect::<String>())
    } else {
        line
    }
}

/// `DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { … } } ;` for one graph.
fn replace_graph(update: &mut String, graph: &NamedNode, quads: &[Quad]) {
    let _ = writeln!(update, "DROP SILENT GRAPH {graph} ;");
    let _ = writeln!(update, "INSERT DATA {{ GRAPH {graph} {{");
    for quad in quads {
        let _ = writeln!(update, "{} {} {} .", quad.subject, quad.predicate, quad.object);
    }
    let _ = writeln!(update, "}} }} ;");
}

/// The predeclared prefixes as PREFIX lines, so that a query written for the embedded store (which
/// knows `kg:` and friends without them) runs unchanged on any store. A PREFIX line of the query's
/// own comes later and wins.
pub fn with_prologue(query: &str) -> String {
    let mut text = String::new();
    for (prefix, iri) in vocab::PREFIXES {
        let _ = writeln!(text, "PREFIX {prefix}: <{iri}>");
    }
    text.push_str(query);
    text
}

/// Standard base64 with padding, for basic authentication.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16) | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8) | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_examples() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64("用户:密码".as_bytes()), "55So5oi3OuWvhueggQ==");
    }

    #[test]
    fn query_endpoint_is_guessed_from_the_update_endpoint() {
        assert_eq!(RemoteStore::query_url_for("http://h:7878/update"), "http://h:7878/query");
        assert_eq!(RemoteStore::query_url_for("http://h:3030/ds/update"), "http://h:3030/ds/query");
        assert_eq!(RemoteStore::query_url_for("http://h:8890/sparql"), "http://h:8890/sparql");
    }

    #[test]
    fn urls_are_checked() {
        assert!(RemoteStore::new("http://127.0.0.1:7878/query", None, Auth::None).is_ok());
        assert!(matches!(RemoteStore::new("https://example.org/sparql", None, Auth::None), Err(RemoteError::BadUrl { .. })));
        assert!(matches!(RemoteStore::new("example.org/sparql", None, Auth::None), Err(RemoteError::BadUrl { .. })));
    }

    #[test]
    fn updates_spell_terms_as_ntriples() {
        let g = NamedNode::new_unchecked("https://w3id.org/zhkg/article/x");
        let quad = Quad::new(
            g.clone(),
            NamedNode::new_unchecked("http://www.w3.org/2000/01/rdf-schema#label"),
            oxigraph::model::Literal::new_language_tagged_literal_unchecked("引号\"与\\换行\n", "zh-hans"),
            g.clone(),
        );
        let mut update = String::new();
        replace_graph(&mut update, &g, &[quad]);
        assert!(update.contains(r#""引号\"与\\换行\n"@zh-hans ."#), "{update}");
        assert!(update.starts_with("DROP SILENT GRAPH <https://w3id.org/zhkg/article/x> ;"));
        // The text parses as SPARQL Update.
        assert!(oxigraph::sparql::SparqlEvaluator::new().parse_update(&update).is_ok(), "{update}");
    }
}
