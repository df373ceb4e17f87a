//! What the store knows about one entity: its names, classes, and every fact about it with the
//! sentences and articles that support it. `zhkg explain` prints it; the server's explain page
//! renders it.

use super::query::{display_term, QueryError};
use super::KgStore;
use oxigraph::model::{NamedNode, Term};
use std::collections::{BTreeMap, HashMap};

/// How many supporting sentences are read at most (a hub such as a big city can have thousands).
pub const MAX_EVIDENCE: usize = 2000;

/// One sentence supporting a fact.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Support {
    pub sentence: String,
    /// The article's IRI.
    pub article: String,
    pub title: Option<String>,
    /// Where the article was read from (path or `-`), when recorded.
    pub source: Option<String>,
    pub date: Option<String>,
    pub rule: Option<String>,
    pub confidence: Option<f64>,
}

/// A fact about the entity, seen from the entity: outgoing (it is the subject) or incoming.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ExplainedFact {
    #[serde(serialize_with = "term_as_text")]
    pub subject: Term,
    pub subject_name: String,
    #[serde(serialize_with = "iri_as_text")]
    pub property: NamedNode,
    #[serde(serialize_with = "term_as_text")]
    pub object: Term,
    pub object_name: String,
    pub incoming: bool,
    pub supports: Vec<Support>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Explanation {
    #[serde(serialize_with = "iri_as_text")]
    pub entity: NamedNode,
    pub label: String,
    pub labels: Vec<String>,
    pub alt_labels: Vec<String>,
    pub classes: Vec<String>,
    pub facts: Vec<ExplainedFact>,
}

/// An IRI as its plain text in JSON.
fn iri_as_text<S: serde::Serializer>(iri: &NamedNode, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(iri.as_str())
}

/// An IRI or literal as its plain text (the IRI itself, the literal's value) in JSON.
fn term_as_text<S: serde::Serializer>(term: &Term, serializer: S) -> Result<S::Ok, S::Error> {
    match term {
        Term::NamedNode(iri) => serializer.serialize_str(iri.as_str()),
        Term::Literal(literal) => serializer.serialize_str(literal.value()),
        other => serializer.serialize_str(&other.to_string()),
    }
}

fn literal(row: &[Option<Term>], i: usize) -> Option<String> {
    match row.get(i) {
        Some(Some(Term::Literal(l))) => Some(l.value().to_owned()),
        _ => None,
    }
}

fn term(row: &[Option<Term>], i: usize) -> Option<&Term> {
    row.get(i).and_then(Option::as_ref)
}

/// A string as a SPARQL literal.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

impl KgStore {
    /// The entities any of whose names is `name` (ignoring case), best known first.
    pub fn entities_named(&self, name: &str) -> Result<Vec<NamedNode>, QueryError> {
        let rows = self.select(&format!(
            "SELECT ?e (COUNT(DISTINCT ?ev) AS ?n) WHERE {{
                ?e rdfs:label|skos:altLabel ?l . FILTER(LCASE(STR(?l)) = LCASE({}))
                OPTIONAL {{ {{ ?ev rdf:subject ?e }} UNION {{ ?ev rdf:object ?e }} }}
            }} GROUP BY ?e ORDER BY DESC(?n) ?e",
            quoted(name)
        ))?;
        Ok(rows
            .into_iter()
            .filter_map(|row| match term(&row, 0) {
                Some(Term::NamedNode(n)) => Some(n.clone()),
                _ => None,
            })
            .collect())
    }

    /// Everything the store says about `entity`, or `None` when it says nothing.
    pub fn explain(&self, entity: &NamedNode) -> Result<Option<Explanation>, QueryError> {
        let names = self.select(&format!(
            "SELECT DISTINCT ?l ?alt WHERE {{ {{ {entity} rdfs:label ?l BIND(false AS ?alt) }} UNION {{ {entity} skos:altLabel ?l BIND(true AS ?alt) }} }} ORDER BY ?l"
        ))?;
        let classes: Vec<String> = self
            .select(&format!("SELECT DISTINCT ?c WHERE {{ {entity} a ?c }} ORDER BY ?c"))?
            .iter()
            .filter_map(|row| term(row, 0).map(display_term))
            .collect();
        let evidence = self.select(&format!(
            "SELECT ?s ?p ?o ?sentence ?article ?title ?source ?date ?rule ?confidence WHERE {{
                {{ ?ev rdf:subject {entity} }} UNION {{ ?ev rdf:object {entity} }}
                ?ev a kg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:article ?article .
                OPTIONAL {{ ?ev kg:sentence ?sentence }}
                OPTIONAL {{ ?ev kg:rule ?rule }}
                OPTIONAL {{ ?ev kg:confidence ?confidence }}
                OPTIONAL {{ ?article dcterms:title ?title }}
                OPTIONAL {{ ?article kg:sourcePath ?source }}
                OPTIONAL {{ ?article dcterms:date ?date }}
            }} ORDER BY ?p ?s ?o ?date ?article LIMIT {MAX_EVIDENCE}"
        ))?;
        if names.is_empty() && classes.is_empty() && evidence.is_empty() {
            return Ok(None);
        }
        let (mut labels, mut alt_labels) = (Vec::new(), Vec::new());
        for row in &names {
            let Some(name) = literal(row, 0) else { continue };
            if literal(row, 1).as_deref() == Some("true") {
                alt_labels.push(name);
            } else {
                labels.push(name);
            }
        }
        let label = labels.first().or(alt_labels.first()).cloned().unwrap_or_else(|| display_term(&entity.clone().into()));

        // The other ends of the facts are named by their preferred labels.
        let others: Vec<Term> = evidence.iter().flat_map(|row| [term(row, 0), term(row, 2)]).flatten().cloned().collect();
        let names_of_others = self.preferred_labels(&others)?;
        let name = |t: &Term| names_of_others.get(t).cloned().unwrap_or_else(|| display_term(t));

        let own: Term = entity.clone().into();
        let mut facts: BTreeMap<(bool, String, String, String), ExplainedFact> = BTreeMap::new();
        for row in &evidence {
            let (Some(s), Some(Term::NamedNode(p)), Some(o)) = (term(row, 0), term(row, 1), term(row, 2)) else { continue };
            let incoming = s != &own;
            let fact = facts.entry((incoming, p.to_string(), s.to_string(), o.to_string())).or_insert_with(|| ExplainedFact {
                subject: s.clone(),
                subject_name: name(s),
                property: p.clone(),
                object: o.clone(),
                object_name: name(o),
                incoming,
                supports: Vec::new(),
            });
            fact.supports.push(Support {
                sentence: literal(row, 3).unwrap_or_default(),
                article: match term(row, 4) {
                    Some(Term::NamedNode(article)) => article.as_str().to_owned(),
                    _ => String::new(),
                },
                title: literal(row, 5),
                source: literal(row, 6),
                date: literal(row, 7),
                rule: literal(row, 8),
                confidence: literal(row, 9).and_then(|c| c.parse().ok()),
            });
        }
        Ok(Some(Explanation { entity: entity.clone(), label, labels, alt_labels, classes, facts: facts.into_values().collect() }))
    }

    /// A name for each IRI among `terms` that has a label: its zh-Hans label when it has one
    /// (the ontology's classes and properties have several languages), else any label.
    pub fn preferred_labels(&self, terms: &[Term]) -> Result<HashMap<Term, String>, QueryError> {
        let mut iris: Vec<String> = terms.iter().filter(|t| matches!(t, Term::NamedNode(_))).map(Term::to_string).collect();
        iris.sort();
        iris.dedup();
        let mut names = HashMap::new();
        for chunk in iris.chunks(200) {
            for row in self.select(&format!(
                "SELECT ?e (SAMPLE(COALESCE(?zh, ?any)) AS ?l) WHERE {{ VALUES ?e {{ {} }}
                    OPTIONAL {{ ?e rdfs:label ?zh FILTER(LANGMATCHES(LANG(?zh), \"zh-hans\")) }}
                    ?e rdfs:label ?any }} GROUP BY ?e",
                chunk.join(" ")
            ))? {
                if let (Some(e), Some(l)) = (term(&row, 0), literal(&row, 1)) {
                    names.insert(e.clone(), l);
                }
            }
        }
        Ok(names)
    }
}
