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
}

#[derive(Debug, Args)]
pub struct StoreArgs {
    /// The store directory (created on first ingest).
    #[arg(long, env = "ZHKG_STORE", default_value = "zhkg-store", value_name = "DIR")]
    pub store: PathBuf,
}

/// How articles are read and what extraction keeps: shared by `ingest` and `extract`.
#[derive(Debug, Args)]
pub struct ExtractionArgs {
    /// Decode every input with this encoding instead of detecting it (utf-8, gbk, gb18030, big5…).
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    pub encoding: Option<&'static encoding_rs::Encoding>,

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
    pub extraction: ExtractionArgs,

    /// Extract and write every article again, even those unchanged since they were stored.
    #[arg(long)]
    pub force: bool,

    /// Files, directories, or - for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    #[command(flatten)]
    pub store: StoreArgs,

    /// Result format: json, csv, tsv, xml or table for SELECT and ASK; turtle, ntriples or
    /// nquads for CONSTRUCT and DESCRIBE.
    #[arg(long, short = 'f', default_value = "table", value_name = "FORMAT", value_parser = parse_result_format)]
    pub format: ResultFormat,

    /// Read the query from this file (- for standard input).
    #[arg(long, value_name = "FILE", conflicts_with = "query")]
    pub file: Option<PathBuf>,

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
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    #[command(flatten)]
    pub store: StoreArgs,

    /// A file or directory path as it was ingested, an article URL, or an article IRI.
    #[arg(required = true, value_name = "ARTICLE")]
    pub articles: Vec<String>,
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

fn parse_result_format(name: &str) -> Result<ResultFormat, String> {
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
    };
    match outcome {
        Ok(status) => status.into(),
        Err(error) => {
            eprintln!("zhkg: error: {error:#}");
            commands::Status::exit_code_of(&error).into()
        }
    }
}
