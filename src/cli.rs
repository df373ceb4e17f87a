//! The command line: every verb and flag, and the help that teaches them. Each verb's work lives
//! in `commands/`; this module only defines and dispatches.

use crate::commands;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use zhkg::store::query::ResultFormat;

const AFTER_HELP: &str = "\
Examples:
  zhkg ingest data/samples                       read the bundled articles into ./zhkg-store
  zhkg query 'SELECT ?org ?person WHERE { ?org kg:foundedBy ?person }'
  zhkg query --format json --file question.rq    W3C SPARQL JSON results for scripts
  zhkg extract --format jsonl article.txt        facts of one article, nothing stored
  zhkg stats                                     what the store holds
  zhkg serve                                     SPARQL endpoint and query page on http://127.0.0.1:7878/
  zhkg remove data/samples/02-shenzhen-drones.txt

The store is ./zhkg-store unless --store or $ZHKG_STORE says otherwise. Queries see the union of
all article graphs as their default graph, and know the prefixes kg:, rdf:, rdfs:, skos:, xsd:,
dcterms:, owl:, schema:, zid: (entities) and article: without PREFIX lines.

Exit status: 0 when everything went in, 1 when some input failed (the rest is stored), 2 for
usage errors and SPARQL syntax errors.";

#[derive(Debug, Parser)]
#[command(
    name = "zhkg",
    version,
    about = "Knowledge graphs from Chinese technology news: who founded, runs, owns and makes what, and where",
    long_about = "zhkg reads Chinese news articles (simplified or traditional; UTF-8, GBK, GB18030 or Big5; \
text, HTML or JSON Lines), finds companies, people, places and products and the facts between them, \
and stores them as RDF in an embedded Oxigraph store that answers SPARQL.",
    after_help = AFTER_HELP
)]
pub struct Cli {
    /// Print nothing but errors and results.
    #[arg(short, long, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles, extract their facts and store each article as a named graph.
    ///
    /// PATH is a file, a directory (read recursively, in sorted order) or - for standard input.
    /// Known kinds: .txt and .md (text), .html and .htm (the article body only), .jsonl (one
    /// article a line: text, and optionally title, url, date, source). Other files inside a
    /// directory are passed over and counted. Ingesting an article again replaces its graph; an
    /// article whose text and rules have not changed is skipped.
    Ingest(IngestArgs),
    /// Run a SPARQL 1.1 query over the store (the default graph is the union of all graphs).
    Query(QueryArgs),
    /// Print the facts of articles without storing them: Turtle, or JSON Lines for piping.
    Extract(ExtractArgs),
    /// Count the articles, the entities of each class and the facts of each property.
    Stats(StatsArgs),
    /// Remove articles, by file path, URL or article IRI, with everything only they asserted.
    Remove(RemoveArgs),
    /// What the graph knows about an entity: its names, classes, and each fact with the
    /// sentences and articles that support it.
    Explain(ExplainArgs),
    /// Write the graph for Gephi, networkx, igraph, yEd, Graphviz or a browser: GEXF, GraphML,
    /// CSV, DOT or an SVG picture.
    ///
    /// Nodes are the typed entities (colour by top class, size by degree), edges the facts between
    /// them: one per property between a pair, labelled with the property's Chinese name, weighted
    /// by the number of supporting sentences. Positions come from a built-in ForceAtlas2 layout, so
    /// the file opens laid out. The format comes from --format or the output's extension.
    Export(ExportArgs),
    /// Serve the store over HTTP: a SPARQL 1.1 Protocol endpoint at /sparql for any client
    /// (YASGUI, SPARQLWrapper, rdflib, Gephi), and a query page for people at /.
    ///
    /// Results follow the Accept header (JSON, XML, CSV, TSV; Turtle, N-Triples, N-Quads for
    /// graphs). Read-only unless started with --update-token, which opens /update (SPARQL Update)
    /// and /articles (POST an article to ingest it) to requests carrying
    /// `Authorization: Bearer TOKEN`. The server holds the store as its writer: stop it before
    /// running `zhkg ingest` on the same store, or ingest through /articles.
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct StoreArgs {
    /// The store directory (created on first ingest).
    #[arg(long, env = "ZHKG_STORE", default_value = "zhkg-store", value_name = "DIR")]
    pub store: PathBuf,
}

/// What a command that writes does when another zhkg process is writing to the same store.
#[derive(Debug, Args)]
pub struct LockArgs {
    /// Wait up to this many seconds for another zhkg process writing to the store to finish
    /// (0: fail at once with a message).
    #[arg(long, default_value_t = 0, value_name = "SECONDS")]
    pub wait: u64,
}

/// How articles are read and what extraction keeps: shared by `ingest` and `extract`.
#[derive(Debug, Args)]
pub struct ExtractionArgs {
    /// Decode every input with this encoding instead of detecting it (utf-8, gbk, gb18030, big5…).
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    pub encoding: Option<&'static encoding_rs::Encoding>,

    /// The largest article accepted, as text (1M = 1 MiB, some 350,000 Chinese characters): a
    /// larger file or JSON line is refused with a message and the rest of the batch goes on. An
    /// HTML file may be 8 times this, a JSON Lines line 4 times.
    #[arg(long, default_value = "1M", value_name = "SIZE", value_parser = parse_size)]
    pub max_article_size: u64,

    /// Keep only facts with at least this confidence (0 to 1).
    #[arg(long, default_value_t = 0.0, value_name = "C", value_parser = parse_confidence)]
    pub min_confidence: f32,

    /// Your own entities and aliases, in the format of data/entities.tsv (CLASS, CANONICAL,
    /// ALIASES): names to merge into one entity, or to recognise; they win over the bundled ones.
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    #[command(flatten)]
    pub store: StoreArgs,

    #[command(flatten)]
    pub lock: LockArgs,

    #[command(flatten)]
    pub extraction: ExtractionArgs,

    /// Extract and write every article again, even those unchanged since they were stored.
    #[arg(long)]
    pub force: bool,

    /// Extract on N threads while one writer stores (the writes keep the order of the inputs).
    #[arg(long, short = 'j', default_value_t = 1, value_name = "N", value_parser = parse_jobs)]
    pub jobs: usize,

    /// Write into this SPARQL 1.1 Update endpoint (Oxigraph server, Fuseki, Virtuoso…) instead of
    /// the local store: the same named graphs, plus the ontology, a batch of articles a request.
    #[arg(long, value_name = "URL")]
    pub update_endpoint: Option<String>,

    /// With --update-endpoint: the query endpoint used to skip articles stored unchanged (default:
    /// the update URL with /update replaced by /query, else the same URL).
    #[arg(long, value_name = "URL", requires = "update_endpoint")]
    pub endpoint: Option<String>,

    #[command(flatten)]
    pub remote: RemoteArgs,

    /// Files, directories, or - for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    #[command(flatten)]
    pub store: StoreArgs,

    #[command(flatten)]
    pub source: EndpointArgs,

    /// Result format: json, csv, tsv, xml or table for SELECT and ASK; turtle, ntriples or
    /// nquads for CONSTRUCT and DESCRIBE.
    #[arg(long, short = 'f', default_value = "table", value_name = "FORMAT", value_parser = parse_result_format)]
    pub format: ResultFormat,

    /// Read the query from this file (- for standard input).
    #[arg(long, value_name = "FILE", conflicts_with = "query")]
    pub file: Option<PathBuf>,

    /// Stop a query still running after this many seconds (exit status 1, with a message).
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,

    /// The SPARQL query (- for standard input).
    #[arg(value_name = "QUERY", required_unless_present = "file")]
    pub query: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExtractFormat {
    Turtle,
    Jsonl,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub extraction: ExtractionArgs,

    /// Output: turtle (each article's graph) or jsonl (one fact a line, with its evidence).
    #[arg(long, short = 'f', value_enum, default_value = "turtle")]
    pub format: ExtractFormat,

    /// Files, directories, or - for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub store: StoreArgs,

    #[arg(long, short = 'f', value_enum, default_value = "table")]
    pub format: StatsFormat,

    #[command(flatten)]
    pub source: EndpointArgs,
}

/// Where a command that reads finds the graph: the store, or a remote SPARQL endpoint.
#[derive(Debug, Args)]
pub struct EndpointArgs {
    /// Read from this remote SPARQL endpoint instead of the store. PREFIX lines for kg: and the
    /// other predeclared prefixes are added; its default graph should be the union of its graphs
    /// (Oxigraph server: --union-default-graph).
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,

    #[command(flatten)]
    pub remote: RemoteArgs,
}

/// Credentials for a remote SPARQL store.
#[derive(Debug, Args)]
pub struct RemoteArgs {
    /// User for HTTP basic authentication at the endpoint.
    #[arg(long, value_name = "NAME", env = "ZHKG_ENDPOINT_USER")]
    pub user: Option<String>,

    /// Password for basic authentication (prefer $ZHKG_ENDPOINT_PASSWORD: arguments are visible
    /// to other users of the machine).
    #[arg(long, value_name = "PASSWORD", env = "ZHKG_ENDPOINT_PASSWORD", hide_env_values = true)]
    pub password: Option<String>,

    /// Bearer token for the endpoint (or $ZHKG_ENDPOINT_TOKEN).
    #[arg(long, value_name = "TOKEN", env = "ZHKG_ENDPOINT_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub store: StoreArgs,

    /// Where to listen. Loopback by default; another address lets other machines query.
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "HOST:PORT")]
    pub bind: String,

    /// Enable /update and /articles for requests with `Authorization: Bearer TOKEN`. Without
    /// it the server is read-only and /update answers 403.
    #[arg(long, value_name = "TOKEN", env = "ZHKG_UPDATE_TOKEN", hide_env_values = true)]
    pub update_token: Option<String>,

    /// The largest request body accepted (bytes, or with K or M); larger ones get 413.
    #[arg(long, default_value = "16M", value_name = "SIZE", value_parser = parse_size)]
    pub max_body: u64,

    /// Stop a query after this many seconds (503).
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS", value_parser = parse_seconds)]
    pub timeout: f64,

    /// How many queries run at once; others wait their turn (503 after --timeout).
    #[arg(long, default_value_t = 8, value_name = "N", value_parser = parse_positive)]
    pub max_queries: usize,

    /// How articles POSTed to /articles are read and extracted (as for `zhkg ingest`).
    #[command(flatten)]
    pub extraction: ExtractionArgs,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    #[command(flatten)]
    pub store: StoreArgs,

    #[command(flatten)]
    pub lock: LockArgs,

    /// A file or directory path as it was ingested, an article URL, or an article IRI.
    #[arg(required = true, value_name = "ARTICLE")]
    pub articles: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub store: StoreArgs,

    #[command(flatten)]
    pub source: EndpointArgs,

    /// gexf, graphml, csv, dot or svg (default: from the output's extension).
    #[arg(long, short = 'f', value_name = "FORMAT", value_parser = parse_export_format)]
    pub format: Option<zhkg::export::Format>,

    /// The output file, or - for standard output. For csv: a directory (DIR/nodes.csv and
    /// DIR/edges.csv) or a prefix (PREFIX-nodes.csv and PREFIX-edges.csv).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: PathBuf,

    /// GEXF in dynamic mode, for Gephi's timeline: each node and edge starts on the publication
    /// date of the first article that supports it.
    #[arg(long)]
    pub timeline: bool,

    /// Keep the entities of this class, top or finer (Organization, Company, Person, City…).
    /// Repeatable.
    #[arg(long = "class", value_name = "CLASS")]
    pub classes: Vec<String>,

    /// Keep the facts of this property (foundedBy, ceo… or 创始人, 董事长…) and the entities they
    /// join. Repeatable.
    #[arg(long = "property", value_name = "PROPERTY")]
    pub properties: Vec<String>,

    /// Count only articles published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Count only articles published on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    /// Keep the facts supported by at least N sentences, and the entities they join.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_weight: u32,

    /// Keep the neighbourhood of the entity with this name (any of its names).
    #[arg(long, value_name = "NAME")]
    pub ego: Option<String>,

    /// With --ego: how many edges away from the entity to go.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "ego")]
    pub depth: usize,

    /// Keep what this SPARQL CONSTRUCT query returns: its entities, and those of its triples that
    /// are facts.
    #[arg(long, value_name = "FILE")]
    pub query: Option<PathBuf>,

    /// Seed of the layout's starting positions (the same seed draws the same picture).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub seed: u64,

    /// Layout iterations (default: fewer as the graph grows, from 1,500 down to 40).
    #[arg(long, value_name = "N")]
    pub iterations: Option<usize>,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    pub store: StoreArgs,

    #[arg(long, short = 'f', value_enum, default_value = "table")]
    pub format: StatsFormat,

    /// Any name of the entity (深度求索, DeepSeek…), or its IRI.
    #[arg(value_name = "NAME")]
    pub name: String,
}

fn parse_encoding(name: &str) -> Result<&'static encoding_rs::Encoding, String> {
    encoding_rs::Encoding::for_label(name.as_bytes())
        .ok_or_else(|| format!("unknown encoding '{name}' (try utf-8, gbk, gb18030 or big5)"))
}

fn parse_confidence(value: &str) -> Result<f32, String> {
    match value.parse::<f32>() {
        Ok(c) if (0.0..=1.0).contains(&c) => Ok(c),
        _ => Err(format!("'{value}' is not a confidence between 0 and 1")),
    }
}

fn parse_size(value: &str) -> Result<u64, String> {
    let upper = value.trim().to_ascii_uppercase();
    let (digits, unit) = match upper.trim_end_matches('B').strip_suffix(['K', 'M', 'G']) {
        Some(digits) => (digits.to_owned(), upper.trim_end_matches('B').chars().last()),
        None => (upper.trim_end_matches('B').to_owned(), None),
    };
    let n: u64 = digits.trim().parse().map_err(|_| format!("'{value}' is not a size (such as 1048576, 512K or 16M)"))?;
    Ok(n * match unit {
        Some('K') => 1 << 10,
        Some('M') => 1 << 20,
        Some('G') => 1 << 30,
        _ => 1,
    })
}

fn parse_positive(value: &str) -> Result<usize, String> {
    match value.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!("'{value}' is not a whole number of 1 or more")),
    }
}

fn parse_jobs(value: &str) -> Result<usize, String> {
    match parse_positive(value)? {
        n if n <= 256 => Ok(n),
        _ => Err(format!("'{value}' threads is more than 256")),
    }
}

fn parse_seconds(value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(s) if s > 0.0 && s.is_finite() && s < 1e7 => Ok(s),
        _ => Err(format!("'{value}' is not a number of seconds above 0")),
    }
}

fn parse_result_format(name: &str) -> Result<ResultFormat, String> {
    name.parse()
}

fn parse_export_format(name: &str) -> Result<zhkg::export::Format, String> {
    name.parse()
}

/// Parses the command line and runs the command; returns the process's exit status.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let quiet = cli.quiet;
    let outcome = match cli.command {
        Command::Ingest(args) => commands::ingest::run(args, quiet),
        Command::Query(args) => commands::query::run(args),
        Command::Extract(args) => commands::extract::run(args, quiet),
        Command::Stats(args) => commands::stats::run(args),
        Command::Remove(args) => commands::remove::run(args, quiet),
        Command::Explain(args) => commands::explain::run(args),
        Command::Export(args) => commands::export::run(args, quiet),
        Command::Serve(args) => commands::serve::run(args, quiet),
    };
    match outcome {
        Ok(status) => status.into(),
        Err(error) => {
            eprintln!("zhkg: error: {error:#}");
            commands::Status::exit_code_of(&error).into()
        }
    }
}
