//! What `zhkg export` needs out of the store, as plain typed values: every typed entity with its
//! classes, names, article and mention counts and publication dates, and every fact between
//! entities with its weight (supporting sentences), confidence and dates. Also the CONSTRUCT query
//! that selects a subgraph (`export --query`). No graph file format is known here; `export/` turns
//! a `Snapshot` into one.
//!
//! Definitions, as the export documents them:
//! - an entity is an IRI typed (in some article graph) with a class that is `rdfs:subClassOf*` one
//!   of the four top classes;
//! - its articles are the article graphs that type it; its mentions are the evidence sentences
//!   naming it as subject or object;
//! - a fact's weight is its number of `kg:Evidence` nodes (supporting sentences), its confidence
//!   the highest of theirs, its dates those of the articles of its evidence;
//! - with a `DateRange`, only articles published inside it count, and an undated article never does.

use super::query::QueryError;
use super::{vocab, KgStore};
use crate::model::{Class, Property};
use oxigraph::model::{NamedOrBlankNode, Term};
use oxigraph::sparql::QueryResults;
use std::collections::{HashMap, HashSet};

/// The top classes, in the order the palette and ties follow.
pub const TOP_CLASSES: [Class; 4] = [Class::Organization, Class::Person, Class::Place, Class::Product];

/// An entity as the export sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityRecord {
    pub iri: String,
    /// The top class it falls under (the most often stated one when articles disagree).
    pub top: Class,
    /// Its most specific class under `top`, as a `kg:` local name (the top class's own name when
    /// no finer class is stated).
    pub class: String,
    /// Every class stated for it, as local names, the most often stated first.
    pub classes: Vec<String>,
    /// The preferred name: the `rdfs:label` most articles give.
    pub label: String,
    /// Every name, preferred first, then the other labels and the alternative labels.
    pub labels: Vec<String>,
    /// An English name, when it has one.
    pub english: Option<String>,
    /// Number of articles that name it.
    pub articles: u32,
    /// Number of evidence sentences that name it (as subject or object of a fact).
    pub mentions: u32,
    /// Earliest and latest publication date (as stored: `2025-03-02`, `2025-03` or `2025`) of the
    /// articles that name it; `None` when none is dated.
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// `kg:foundingDate`, the value most sentences support.
    pub founded: Option<String>,
}

/// A fact between two entities.
#[derive(Debug, Clone, PartialEq)]
pub struct FactRecord {
    pub subject: String,
    pub property: Property,
    pub object: String,
    /// Number of supporting sentences (evidence nodes).
    pub evidence: u32,
    /// Number of distinct supporting articles.
    pub articles: u32,
    /// The highest confidence among its evidence.
    pub confidence: f32,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// Everything `export` draws.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub entities: Vec<EntityRecord>,
    pub facts: Vec<FactRecord>,
    /// The ontology's zh-Hans name of each property (创始人, 总部…).
    pub property_names: HashMap<Property, String>,
}

/// Publication dates to keep, both ends inclusive. Bounds are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`;
/// `since 2025` starts on 2025-01-01 and `until 2025-03` ends on the last day of March.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateRange {
    since: Option<String>,
    until: Option<String>,
}

impl DateRange {
    /// Parses the bounds; the error names the first one that is not a date.
    pub fn new(since: Option<&str>, until: Option<&str>) -> Result<DateRange, String> {
        let parse = |bound: Option<&str>, pad: &str| -> Result<Option<String>, String> {
            bound
                .map(|b| {
                    date_key(b.trim())
                        .map(|_| pad_date(b.trim(), pad))
                        .ok_or_else(|| format!("'{b}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"))
                })
                .transpose()
        };
        Ok(DateRange { since: parse(since, "01")?, until: parse(until, "99")? })
    }

    pub fn is_all(&self) -> bool {
        self.since.is_none() && self.until.is_none()
    }

    /// Whether an article published on `date` (as stored) falls inside; undated articles fall
    /// inside only when there are no bounds.
    pub fn contains(&self, date: Option<&str>) -> bool {
        if self.is_all() {
            return true;
        }
        let Some(key) = date.and_then(date_key) else { return false };
        self.since.as_deref().is_none_or(|s| key.as_str() >= s) && self.until.as_deref().is_none_or(|u| key.as_str() <= u)
    }
}

/// A stored date (`2025`, `2025-03`, `2025-03-02`) as the first day it can mean, `YYYY-MM-DD`, for
/// ordering and for formats that need a full date; `None` for anything else.
pub fn date_key(date: &str) -> Option<String> {
    let shape: String = date.chars().map(|c| if c.is_ascii_digit() { 'd' } else { c }).collect();
    match shape.as_str() {
        "dddd" | "dddd-dd" | "dddd-dd-dd" => Some(pad_date(date, "01")),
        _ => None,
    }
}

fn pad_date(date: &str, pad: &str) -> String {
    match date.len() {
        4 => format!("{date}-{pad}-{pad}"),
        7 => format!("{date}-{pad}"),
        _ => date.to_owned(),
    }
}

/// One triple of a CONSTRUCT result, as IRIs; `object` is `None` for a literal or blank node.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SelectedTriple {
    pub subject: String,
    pub predicate: String,
    pub object: Option<String>,
}

fn iri(term: Option<&Option<Term>>) -> Option<&str> {
    match term {
        Some(Some(Term::NamedNode(n))) => Some(n.as_str()),
        _ => None,
    }
}

fn literal(term: Option<&Option<Term>>) -> Option<(&str, Option<&str>)> {
    match term {
        Some(Some(Term::Literal(l))) => Some((l.value(), l.language())),
        _ => None,
    }
}

/// The local name of a `kg:` IRI, else the IRI as people read it.
fn local(iri: &str) -> String {
    iri.strip_prefix(vocab::KG).map(str::to_owned).unwrap_or_else(|| vocab::compact(iri))
}

/// What is gathered per entity before it becomes a record.
#[derive(Default)]
struct EntityAcc {
    /// (class IRI, top) → number of in-range graphs stating it.
    classes: HashMap<(String, usize), u32>,
    graphs: HashSet<String>,
    first: Option<(String, String)>,
    last: Option<(String, String)>,
    mentions: u32,
    founded: HashMap<String, u32>,
}

#[derive(Default)]
struct FactAcc {
    evidence: u32,
    articles: HashSet<String>,
    confidence: f32,
    first: Option<(String, String)>,
    last: Option<(String, String)>,
}

/// Widens a (key, lexical) first/last pair with one more date.
fn widen(first: &mut Option<(String, String)>, last: &mut Option<(String, String)>, date: Option<&str>) {
    let Some(date) = date else { return };
    let Some(key) = date_key(date) else { return };
    if first.as_ref().is_none_or(|(k, _)| key < *k) {
        *first = Some((key.clone(), date.to_owned()));
    }
    if last.as_ref().is_none_or(|(k, _)| key > *k) {
        *last = Some((key, date.to_owned()));
    }
}

/// The rows of a SELECT query, as `KgStore::select` and `RemoteStore::select` give them.
type Rows = Vec<Vec<Option<Term>>>;

impl KgStore {
    /// Reads every typed entity and every fact between entities, counting only the articles
    /// inside `range`. Entities and facts come out sorted by IRI, so that exports are
    /// reproducible.
    pub fn snapshot(&self, range: &DateRange) -> Result<Snapshot, QueryError> {
        snapshot_through(&|query: &str| self.select(query), range)
    }
}

/// The snapshot, from queries run through `select`: the embedded store's or a remote one's.
pub fn snapshot_through<E>(select: &dyn Fn(&str) -> Result<Rows, E>, range: &DateRange) -> Result<Snapshot, E> {
    // Classes under each top class, through rdfs:subClassOf*.
    let tops: Vec<String> = TOP_CLASSES.iter().map(|c| format!("<{}>", vocab::class(*c).as_str())).collect();
    let mut class_top: HashMap<String, usize> = HashMap::new();
    for row in select(&format!(
        "SELECT ?c ?top WHERE {{ VALUES ?top {{ {} }} ?c rdfs:subClassOf* ?top }}",
        tops.join(" ")
    ))? {
        if let (Some(class), Some(top)) = (iri(row.first()), iri(row.get(1))) {
            if let Some(t) = TOP_CLASSES.iter().position(|c| vocab::class(*c).as_str() == top) {
                let entry = class_top.entry(class.to_owned()).or_insert(t);
                *entry = (*entry).min(t);
            }
        }
    }
    if class_top.is_empty() {
        return Ok(Snapshot::default());
    }

    // Articles and their publication dates.
    let mut article_dates: HashMap<String, Option<String>> = HashMap::new();
    for row in select("SELECT ?a ?d WHERE { ?a a kg:Article OPTIONAL { ?a dcterms:date ?d } }")? {
        if let Some(article) = iri(row.first()) {
            let date = literal(row.get(1)).map(|(v, _)| v.to_owned());
            let entry = article_dates.entry(article.to_owned()).or_default();
            if entry.is_none() {
                *entry = date;
            }
        }
    }
    // A graph that is not a known article counts as an undated one.
    let date_of = |graph: &str| -> Option<&str> { article_dates.get(graph).and_then(|d| d.as_deref()) };
    let in_range = |graph: &str| range.contains(date_of(graph));

    // Typings, once per article graph that mentions the entity.
    let mut classes: Vec<&String> = class_top.keys().collect();
    classes.sort();
    let values: Vec<String> = classes.iter().map(|c| format!("<{c}>")).collect();
    let mut entities: HashMap<String, EntityAcc> = HashMap::new();
    for row in select(&format!(
        "SELECT ?e ?c ?g WHERE {{ VALUES ?c {{ {} }} GRAPH ?g {{ ?g kg:mentions ?e }} GRAPH <{}> {{ ?e a ?c }} }}",
        values.join(" "),
        vocab::ENTITY_GRAPH
    ))? {
        let (Some(entity), Some(class), Some(graph)) = (iri(row.first()), iri(row.get(1)), iri(row.get(2))) else { continue };
        if !in_range(graph) {
            continue;
        }
        let acc = entities.entry(entity.to_owned()).or_default();
        *acc.classes.entry((class.to_owned(), class_top[class])).or_default() += 1;
        if acc.graphs.insert(graph.to_owned()) {
            widen(&mut acc.first, &mut acc.last, date_of(graph));
        }
    }

    // Evidence: facts, mentions and founding dates.
    let mut facts: HashMap<(String, Property, String), FactAcc> = HashMap::new();
    let mut mentions: HashMap<String, u32> = HashMap::new();
    let mut founded: HashMap<String, HashMap<String, u32>> = HashMap::new();
    for row in select(
        "SELECT ?s ?p ?o ?g ?c WHERE { ?ev a kg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:article ?g . OPTIONAL { ?ev kg:confidence ?c } }",
    )? {
        let (Some(subject), Some(predicate), Some(graph)) = (iri(row.first()), iri(row.get(1)), iri(row.get(3))) else { continue };
        if !in_range(graph) {
            continue;
        }
        let Some(property) = predicate.strip_prefix(vocab::KG).and_then(Property::from_local_name) else { continue };
        if property == Property::FoundingDate {
            if let Some((date, _)) = literal(row.get(2)) {
                *founded.entry(subject.to_owned()).or_default().entry(date.to_owned()).or_default() += 1;
            }
            *mentions.entry(subject.to_owned()).or_default() += 1;
            continue;
        }
        let Some(object) = iri(row.get(2)) else { continue };
        *mentions.entry(subject.to_owned()).or_default() += 1;
        if object != subject {
            *mentions.entry(object.to_owned()).or_default() += 1;
        }
        let confidence = literal(row.get(4)).and_then(|(v, _)| v.parse::<f32>().ok()).unwrap_or(1.0);
        let acc = facts.entry((subject.to_owned(), property, object.to_owned())).or_default();
        acc.evidence += 1;
        acc.confidence = acc.confidence.max(confidence);
        if acc.articles.insert(graph.to_owned()) {
            widen(&mut acc.first, &mut acc.last, date_of(graph));
        }
    }
    for (entity, n) in mentions {
        if let Some(acc) = entities.get_mut(&entity) {
            acc.mentions = n;
        }
    }
    for (entity, dates) in founded {
        if let Some(acc) = entities.get_mut(&entity) {
            acc.founded = dates;
        }
    }

    // Names: preferred labels (an entity has one per script or language it was named in), then
    // the alternative labels.
    let mut labels: HashMap<&str, Vec<(String, String)>> = HashMap::new();
    for row in select("SELECT DISTINCT ?e ?l WHERE { ?e rdfs:label ?l }")? {
        let (Some(entity), Some((text, lang))) = (iri(row.first()), literal(row.get(1))) else { continue };
        if let Some((key, _)) = entities.get_key_value(entity) {
            labels.entry(key.as_str()).or_default().push((text.to_owned(), lang.unwrap_or("").to_owned()));
        }
    }
    let mut alt_labels: HashMap<&str, Vec<(String, String)>> = HashMap::new();
    for row in select("SELECT DISTINCT ?e ?l WHERE { ?e skos:altLabel ?l }")? {
        let (Some(entity), Some((text, lang))) = (iri(row.first()), literal(row.get(1))) else { continue };
        if let Some((key, _)) = entities.get_key_value(entity) {
            alt_labels.entry(key.as_str()).or_default().push((text.to_owned(), lang.unwrap_or("").to_owned()));
        }
    }

    let mut records: Vec<EntityRecord> = entities
        .iter()
        .map(|(iri, acc)| entity_record(iri, acc, labels.get(iri.as_str()), alt_labels.get(iri.as_str())))
        .collect();
    records.sort_by(|a, b| a.iri.cmp(&b.iri));

    let mut fact_records: Vec<FactRecord> = facts
        .into_iter()
        .filter(|((s, _, o), _)| entities.contains_key(s) && entities.contains_key(o))
        .map(|((subject, property, object), acc)| FactRecord {
            subject,
            property,
            object,
            evidence: acc.evidence,
            articles: acc.articles.len() as u32,
            confidence: acc.confidence,
            first_date: acc.first.map(|(_, d)| d),
            last_date: acc.last.map(|(_, d)| d),
        })
        .collect();
    fact_records.sort_by(|a, b| (&a.subject, a.property, &a.object).cmp(&(&b.subject, b.property, &b.object)));

    let mut property_names = HashMap::new();
    for row in select("SELECT ?p ?l WHERE { ?p rdfs:label ?l FILTER(LANGMATCHES(LANG(?l), \"zh-Hans\")) }")? {
        if let (Some(p), Some((name, _))) = (iri(row.first()), literal(row.get(1))) {
            if let Some(property) = p.strip_prefix(vocab::KG).and_then(Property::from_local_name) {
                property_names.insert(property, name.to_owned());
            }
        }
    }
    Ok(Snapshot { entities: records, facts: fact_records, property_names })
}

impl KgStore {
    /// Runs a CONSTRUCT (or DESCRIBE) query, with the usual prefixes and the union default graph,
    /// and returns its triples.
    pub fn construct(&self, query: &str) -> Result<Vec<SelectedTriple>, QueryError> {
        let prepared = super::query::prepare(query)?;
        match prepared.on_store(self.oxigraph()).execute()? {
            QueryResults::Graph(triples) => {
                let mut selected = Vec::new();
                for triple in triples {
                    let triple = triple?;
                    let NamedOrBlankNode::NamedNode(subject) = triple.subject else { continue };
                    let object = match triple.object {
                        Term::NamedNode(n) => Some(n.into_string()),
                        _ => None,
                    };
                    selected.push(SelectedTriple { subject: subject.into_string(), predicate: triple.predicate.into_string(), object });
                }
                Ok(selected)
            }
            _ => Err(QueryError::Syntax(String::from("expected a CONSTRUCT query (it selects the subgraph to export)"))),
        }
    }
}

fn entity_record(
    iri: &str,
    acc: &EntityAcc,
    labels: Option<&Vec<(String, String)>>,
    alt_labels: Option<&Vec<(String, String)>>,
) -> EntityRecord {
    // Top class: the one stated most often; ties go to the palette's order.
    let mut per_top = [0u32; 4];
    for ((_, top), n) in &acc.classes {
        per_top[*top] += n;
    }
    let top_index = (0..4).max_by_key(|&t| (per_top[t], std::cmp::Reverse(t))).unwrap_or(0);
    let top = TOP_CLASSES[top_index];
    let mut classes: Vec<(&String, usize, u32)> = acc.classes.iter().map(|((c, t), n)| (c, *t, *n)).collect();
    classes.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
    let top_iri = vocab::class(top);
    let class = classes
        .iter()
        .find(|(c, t, _)| *t == top_index && c.as_str() != top_iri.as_str())
        .map(|(c, _, _)| local(c))
        .unwrap_or_else(|| top.local_name().to_owned());

    // Preferred label: simplified Chinese first, then traditional, then the shorter, then the
    // first in code point order.
    let lang_rank = |lang: &str| match lang.to_ascii_lowercase().as_str() {
        "zh-hans" => 0,
        "zh-hant" => 1,
        "en" => 3,
        _ => 2,
    };
    let mut all: Vec<(String, String)> = labels.cloned().unwrap_or_default();
    all.sort_by(|a, b| {
        lang_rank(&a.1)
            .cmp(&lang_rank(&b.1))
            .then(a.0.chars().count().cmp(&b.0.chars().count()))
            .then(a.0.cmp(&b.0))
    });
    if let Some(alts) = alt_labels {
        let mut alts = alts.clone();
        alts.sort();
        all.extend(alts);
    }
    let mut seen = HashSet::new();
    let mut texts = Vec::new();
    let mut english = None;
    for (text, lang) in &all {
        if english.is_none() && lang.to_ascii_lowercase().starts_with("en") {
            english = Some(text.clone());
        }
        if seen.insert(text.as_str()) {
            texts.push(text.clone());
        }
    }
    let label = texts.first().cloned().unwrap_or_else(|| local(iri.strip_prefix(vocab::ENTITY_BASE).unwrap_or(iri)));
    if texts.is_empty() {
        texts.push(label.clone());
    }
    let mut founded: Vec<(&String, &u32)> = acc.founded.iter().collect();
    founded.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));

    EntityRecord {
        iri: iri.to_owned(),
        top,
        class,
        classes: classes.iter().map(|(c, _, _)| local(c)).collect(),
        label,
        labels: texts,
        english,
        articles: acc.graphs.len() as u32,
        mentions: acc.mentions,
        first_date: acc.first.as_ref().map(|(_, d)| d.clone()),
        last_date: acc.last.as_ref().map(|(_, d)| d.clone()),
        founded: founded.first().map(|(d, _)| (*d).clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_order_by_their_first_day() {
        assert_eq!(date_key("2025").as_deref(), Some("2025-01-01"));
        assert_eq!(date_key("2025-03").as_deref(), Some("2025-03-01"));
        assert_eq!(date_key("2025-03-02").as_deref(), Some("2025-03-02"));
        assert_eq!(date_key("spring"), None);
    }

    #[test]
    fn date_ranges_include_both_ends() {
        let range = DateRange::new(Some("2025-03"), Some("2025-04")).unwrap();
        assert!(range.contains(Some("2025-03-01")));
        assert!(range.contains(Some("2025-04-30")));
        assert!(range.contains(Some("2025-04")));
        assert!(!range.contains(Some("2025-02-28")));
        assert!(!range.contains(Some("2025-05-01")));
        assert!(!range.contains(None));
        assert!(DateRange::default().contains(None));
        assert!(DateRange::new(Some("March"), None).is_err());
    }
}
