//! SPARQL over the store, and the result formats: the W3C ones (JSON, XML, CSV, TSV; Turtle,
//! N-Triples, N-Quads for graphs) and a table for people.

use super::{vocab, KgStore};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, SparqlEvaluator, Variable};
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
}

/// Parses a query with the usual prefixes predeclared (`kg:`, `rdfs:`, `skos:`…), so short
/// queries need no PREFIX lines.
fn prepare(query: &str) -> Result<oxigraph::sparql::PreparedSparqlQuery, QueryError> {
    let mut evaluator = SparqlEvaluator::new();
    for (prefix, iri) in vocab::PREFIXES {
        evaluator = evaluator.with_prefix(*prefix, *iri).expect("the predeclared prefixes are valid IRIs");
    }
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

fn write_results(results: QueryResults<'_>, format: ResultFormat, out: &mut dyn Write) -> Result<(), QueryError> {
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
