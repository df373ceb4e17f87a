//! What a store holds: articles, entities per class, facts per property.

use super::query::QueryError;
use super::{vocab, KgStore};
use crate::model::{Class, Property};
use oxigraph::model::Term;

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    pub articles: u64,
    /// Distinct entities.
    pub entities: u64,
    /// Distinct entities by their most specific stated class (an entity typed differently in two
    /// articles counts under both).
    pub entities_by_class: Vec<(String, u64)>,
    /// Distinct facts (subject, property, object) across all articles.
    pub facts: u64,
    pub facts_by_property: Vec<(String, u64)>,
    /// Evidence nodes: one per supporting sentence of a fact in an article.
    pub evidence: u64,
    /// All quads, ontology and bookkeeping included.
    pub quads: u64,
}

/// A count from a result cell: the integer a `COUNT` gives, 0 when unbound.
pub(crate) fn count(term: Option<&Option<Term>>) -> u64 {
    match term {
        Some(Some(Term::Literal(l))) => l.value().parse().unwrap_or(0),
        _ => 0,
    }
}

/// Rows of a SELECT query, from whichever store answers it.
type Rows = Vec<Vec<Option<Term>>>;

/// The counts, from the counting queries run through `select`: the embedded store's and a remote
/// endpoint's share the same query text. `quads` is left for the caller, which knows how its store
/// counts them.
pub fn compute<E>(select: &dyn Fn(&str) -> Result<Rows, E>) -> Result<Stats, E> {
    let classes: Vec<String> = Class::ALL.iter().map(|c| format!("kg:{}", c.local_name())).collect();
    let properties: Vec<String> = Property::ALL.iter().map(|p| format!("kg:{}", p.local_name())).collect();
    let single = |query: &str| -> Result<u64, E> { Ok(count(select(query)?.first().and_then(|r| r.first()))) };
    let grouped = |query: &str| -> Result<Vec<(String, u64)>, E> {
        let mut rows: Vec<(String, u64)> = select(query)?
            .into_iter()
            .filter_map(|row| match row.first() {
                Some(Some(Term::NamedNode(n))) => Some((vocab::compact(n.as_str()), count(row.get(1)))),
                _ => None,
            })
            .collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Ok(rows)
    };
    Ok(Stats {
        articles: single("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article }")?,
        entities: single(&format!(
            "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a ?c VALUES ?c {{ {} }} }}",
            classes.join(" ")
        ))?,
        entities_by_class: grouped(&format!(
            "SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a ?c VALUES ?c {{ {} }} }} GROUP BY ?c",
            classes.join(" ")
        ))?,
        facts: single(&format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o VALUES ?p {{ {} }} }} }}",
            properties.join(" ")
        ))?,
        facts_by_property: grouped(&format!(
            "SELECT ?p (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o VALUES ?p {{ {} }} }} }} GROUP BY ?p",
            properties.join(" ")
        ))?,
        evidence: single("SELECT (COUNT(?e) AS ?n) WHERE { ?e a kg:Evidence }")?,
        quads: 0,
    })
}

impl KgStore {
    pub fn stats(&self) -> Result<Stats, QueryError> {
        let mut stats = compute(&|query: &str| self.select(query))?;
        stats.quads = self.len().map(|n| n as u64).unwrap_or(0);
        Ok(stats)
    }
}
