//! SPARQL over the store, and the result formats: the W3C ones (JSON, XML, CSV, TSV; Turtle,
//! N-Triples, N-Quads for graphs) and a table for people.

use super::{vocab, KgStore};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Term};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator, UpdateEvaluationError, Variable};
use std::io::Write;
use std::str::FromStr;
use unicode_width::UnicodeWidthStr;

/// How query results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultFormat {
    Json,
    Csv,
    Tsv,
    Xml,
    Table,
    Turtle,
    NTriples,
    NQuads,
}

impl ResultFormat {
    pub const NAMES: &'static [&'static str] = &["json", "csv", "tsv", "xml", "table", "turtle", "ntriples", "nquads"];
}

impl FromStr for ResultFormat {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        Ok(match name.to_ascii_lowercase().as_str() {
            "json" => ResultFormat::Json,
            "csv" => ResultFormat::Csv,
            "tsv" => ResultFormat::Tsv,
            "xml" => ResultFormat::Xml,
            "table" => ResultFormat::Table,
            "turtle" | "ttl" => ResultFormat::Turtle,
            "ntriples" | "nt" => ResultFormat::NTriples,
            "nquads" | "nq" => ResultFormat::NQuads,
            _ => return Err(format!("unknown format '{name}' (known: {})", ResultFormat::NAMES.join(", "))),
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// The query does not parse; the message gives the line and column.
    #[error("SPARQL syntax error: {0}")]
    Syntax(String),
    #[error("query failed: {0}")]
    Evaluation(#[from] QueryEvaluationError),
    #[error("cannot write the results: {0}")]
    Output(#[from] std::io::Error),
    /// None of the formats a client accepts fits the query's kind of result.
    #[error("no acceptable format for {0}")]
    NotAcceptable(ResultKind),
    #[error("update failed: {0}")]
    Update(#[from] UpdateEvaluationError),
}

/// What kind of result a query gives, which decides the formats it can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultKind {
    /// SELECT: json, xml, csv, tsv (or table).
    Solutions,
    /// ASK: json, xml, csv, tsv.
    Boolean,
    /// CONSTRUCT, DESCRIBE: turtle, ntriples, nquads.
    Graph,
}

impl std::fmt::Display for ResultKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ResultKind::Solutions => "SELECT results",
            ResultKind::Boolean => "an ASK result",
            ResultKind::Graph => "a graph (CONSTRUCT or DESCRIBE result)",
        })
    }
}

/// How a query arrives over the SPARQL Protocol: the dataset the request names (which replaces
/// the query's own FROM and FROM NAMED), and a token that cancels it when its time is up.
#[derive(Default, Clone)]
pub struct ProtocolQuery {
    /// `default-graph-uri`: the graphs whose union is the default graph.
    pub default_graphs: Vec<NamedNode>,
    /// `named-graph-uri`: the graphs GRAPH may see.
    pub named_graphs: Vec<NamedNode>,
    pub cancel: Option<CancellationToken>,
}

/// Parses a query with the usual prefixes predeclared (`kg:`, `rdfs:`, `skos:`…), so short
/// queries need no PREFIX lines.
pub(crate) fn prepare(query: &str) -> Result<oxigraph::sparql::PreparedSparqlQuery, QueryError> {
    prepare_with(query, None)
}

/// The evaluator every query and update runs with: the predeclared prefixes, and a cancellation
/// token when one is given.
fn evaluator(cancel: Option<CancellationToken>) -> SparqlEvaluator {
    let mut evaluator = SparqlEvaluator::new();
    for (prefix, iri) in vocab::PREFIXES {
        evaluator = evaluator.with_prefix(*prefix, *iri).expect("the predeclared prefixes are valid IRIs");
    }
    match cancel {
        Some(token) => evaluator.with_cancellation_token(token),
        None => evaluator,
    }
}

fn prepare_with(query: &str, cancel: Option<CancellationToken>) -> Result<oxigraph::sparql::PreparedSparqlQuery, QueryError> {
    let evaluator = evaluator(cancel);
    let mut prepared = evaluator.parse_query(query).map_err(|e| QueryError::Syntax(e.to_string()))?;
    // The union of all graphs is the default graph unless the query names its own dataset.
    if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    Ok(prepared)
}

/// Checks a query's syntax without running it.
pub fn check_syntax(query: &str) -> Result<(), QueryError> {
    prepare(query).map(|_| ())
}

impl KgStore {
    /// Runs a SPARQL query and writes its results in `format`. A graph result asked for in a
    /// solutions format (json, table…) is written as Turtle (N-Triples for csv/tsv); solutions
    /// asked for in a graph format are an error.
    pub fn query(&self, query: &str, format: ResultFormat, out: &mut dyn Write) -> Result<(), QueryError> {
        let results = prepare(query)?.on_store(self.oxigraph()).execute()?;
        write_results(results, format, out)
    }

    /// Runs a query as the SPARQL Protocol asks: over the dataset the request names, or the union
    /// default graph as on the command line when it names none, cancelled by the request's token.
    /// `choose` picks the format once the kind of result is known (content negotiation); the
    /// format written is returned.
    pub fn protocol_query(
        &self,
        query: &str,
        request: ProtocolQuery,
        choose: impl FnOnce(ResultKind) -> Option<ResultFormat>,
        out: &mut dyn Write,
    ) -> Result<ResultFormat, QueryError> {
        let mut prepared = prepare_with(query, request.cancel)?;
        if !request.default_graphs.is_empty() || !request.named_graphs.is_empty() {
            let dataset = prepared.dataset_mut();
            dataset.set_default_graph(request.default_graphs.iter().cloned().map(GraphName::from).collect());
            dataset.set_available_named_graphs(request.named_graphs.iter().cloned().map(NamedOrBlankNode::from).collect());
        }
        let results = prepared.on_store(self.oxigraph()).execute()?;
        let kind = match &results {
            QueryResults::Solutions(_) => ResultKind::Solutions,
            QueryResults::Boolean(_) => ResultKind::Boolean,
            QueryResults::Graph(_) => ResultKind::Graph,
        };
        let format = choose(kind).ok_or(QueryError::NotAcceptable(kind))?;
        write_results(results, format, out)?;
        Ok(format)
    }

    /// Runs a SPARQL 1.1 Update, with the predeclared prefixes, in one transaction.
    pub fn update(&self, update: &str) -> Result<(), QueryError> {
        let prepared = evaluator(None).parse_update(update).map_err(|e| QueryError::Syntax(e.to_string()))?;
        prepared.on_store(self.oxigraph()).execute()?;
        Ok(())
    }

    /// Runs a SELECT query and returns its rows as terms, for commands that compute on results.
    pub fn select(&self, query: &str) -> Result<Vec<Vec<Option<Term>>>, QueryError> {
        match prepare(query)?.on_store(self.oxigraph()).execute()? {
            QueryResults::Solutions(solutions) => {
                let variables: Vec<Variable> = solutions.variables().to_vec();
                let mut rows = Vec::new();
                for solution in solutions {
                    let solution = solution?;
                    rows.push(variables.iter().map(|v| solution.get(v).cloned()).collect());
                }
                Ok(rows)
            }
            _ => Err(QueryError::Syntax(String::from("expected a SELECT query"))),
        }
    }
}

/// Writes query results in `format` (see `KgStore::query` for the fallbacks): shared by the
/// embedded store, remote endpoints and the server.
pub fn write_results(results: QueryResults<'_>, format: ResultFormat, out: &mut dyn Write) -> Result<(), QueryError> {
    let solutions_format = match format {
        ResultFormat::Json => Some(QueryResultsFormat::Json),
        ResultFormat::Csv => Some(QueryResultsFormat::Csv),
        ResultFormat::Tsv => Some(QueryResultsFormat::Tsv),
        ResultFormat::Xml => Some(QueryResultsFormat::Xml),
        _ => None,
    };
    match results {
        QueryResults::Solutions(solutions) => {
            if let Some(results_format) = solutions_format {
                let mut serializer = QueryResultsSerializer::from_format(results_format)
                    .serialize_solutions_to_writer(out, solutions.variables().to_vec())?;
                for solution in solutions {
                    serializer.serialize(&solution?)?;
                }
                serializer.finish()?;
            } else if format == ResultFormat::Table {
                write_table(solutions, out)?;
            } else {
                return Err(QueryError::Syntax(format!(
                    "{format:?} is a format for CONSTRUCT and DESCRIBE results; a SELECT query takes json, csv, tsv, xml or table"
                )));
            }
        }
        QueryResults::Boolean(value) => {
            if let Some(results_format) = solutions_format {
                QueryResultsSerializer::from_format(results_format).serialize_boolean_to_writer(out, value)?;
            } else {
                writeln!(out, "{value}")?;
            }
        }
        QueryResults::Graph(triples) => {
            let rdf_format = match format {
                ResultFormat::NTriples | ResultFormat::Csv | ResultFormat::Tsv => RdfFormat::NTriples,
                ResultFormat::NQuads => RdfFormat::NQuads,
                _ => RdfFormat::Turtle,
            };
            let mut serializer = RdfSerializer::from_format(rdf_format);
            if rdf_format == RdfFormat::Turtle {
                for (prefix, iri) in vocab::PREFIXES {
                    serializer = serializer.with_prefix(*prefix, *iri).expect("the predeclared prefixes are valid IRIs");
                }
            }
            let mut writer = serializer.for_writer(out);
            for triple in triples {
                writer.serialize_triple(&triple?)?;
            }
            writer.finish()?;
        }
    }
    Ok(())
}

/// A table for people: IRIs shortened with the known prefixes, literals as their text,
/// columns aligned by display width (a CJK character takes two columns).
fn write_table(solutions: oxigraph::sparql::QuerySolutionIter<'_>, out: &mut dyn Write) -> Result<(), QueryError> {
    let variables: Vec<Variable> = solutions.variables().to_vec();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for solution in solutions {
        let solution = solution?;
        rows.push(variables.iter().map(|v| solution.get(v).map(display_term).unwrap_or_default()).collect());
    }
    let header: Vec<String> = variables.iter().map(|v| v.as_str().to_owned()).collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let line = |cells: &[String]| -> String {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, &w)| format!("{cell}{}", " ".repeat(w.saturating_sub(cell.width()))))
            .collect();
        padded.join("  ").trim_end().to_owned()
    };
    writeln!(out, "{}", line(&header))?;
    let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
    writeln!(out, "{}", line(&rule))?;
    for row in &rows {
        writeln!(out, "{}", line(row))?;
    }
    writeln!(out, "({} row{})", rows.len(), if rows.len() == 1 { "" } else { "s" })?;
    Ok(())
}

/// A term as a person reads it: IRIs compacted with the known prefixes, literals as their text
/// on one line.
pub fn display_term(term: &Term) -> String {
    match term {
        Term::NamedNode(node) => vocab::compact(node.as_str()),
        Term::BlankNode(node) => format!("_:{}", node.as_str()),
        Term::Literal(literal) => literal.value().replace(['\n', '\r', '\t'], " "),
    }
}
