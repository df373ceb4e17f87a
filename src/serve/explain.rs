//! `/explain?iri=…`: one entity on a page: its names, its classes, and every fact about it with the
//! sentences that support it and the articles they come from.

use crate::store::query::{display_term, QueryError};
use crate::store::{vocab, KgStore};
use oxigraph::model::{NamedNode, Term};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// How many evidence rows a page shows at most (a hub such as a big city can have thousands).
const MAX_EVIDENCE: usize = 2000;

/// A fact about the entity and what supports it.
#[derive(Default)]
struct Support {
    /// (sentence, article, article title, confidence)
    sentences: Vec<(String, Option<NamedNode>, Option<String>, Option<String>)>,
}

/// The explain page of `iri`, or `None` when the store says nothing about it.
pub fn page(store: &KgStore, iri: &NamedNode) -> Result<Option<String>, QueryError> {
    let labels = store.select(&format!(
        "SELECT DISTINCT ?l ?alt WHERE {{ {{ {iri} rdfs:label ?l BIND(false AS ?alt) }} UNION {{ {iri} skos:altLabel ?l BIND(true AS ?alt) }} }}"
    ))?;
    let classes = store.select(&format!("SELECT DISTINCT ?c WHERE {{ {iri} a ?c }}"))?;
    let evidence = store.select(&format!(
        "SELECT ?s ?p ?o ?sentence ?article ?title ?confidence WHERE {{
            {{ ?ev rdf:subject {iri} }} UNION {{ ?ev rdf:object {iri} }}
            ?ev a kg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:article ?article .
            OPTIONAL {{ ?ev kg:sentence ?sentence }}
            OPTIONAL {{ ?ev kg:confidence ?confidence }}
            OPTIONAL {{ ?article dcterms:title ?title }}
        }} LIMIT {MAX_EVIDENCE}"
    ))?;
    if labels.is_empty() && classes.is_empty() && evidence.is_empty() {
        return Ok(None);
    }

    // Facts in a stable order: the entity's own first (as subject), then those pointing at it.
    let mut facts: BTreeMap<(bool, String, String, String), (Term, Term, Term, Support)> = BTreeMap::new();
    let mut others: Vec<Term> = Vec::new();
    for row in &evidence {
        let (Some(s), Some(p), Some(o)) = (cell(row, 0), cell(row, 1), cell(row, 2)) else { continue };
        let incoming = s != &Term::NamedNode(iri.clone());
        let key = (incoming, p.to_string(), s.to_string(), o.to_string());
        let entry = facts.entry(key).or_insert_with(|| (s.clone(), p.clone(), o.clone(), Support::default()));
        let text = |i: usize| match cell(row, i) {
            Some(Term::Literal(l)) => Some(l.value().to_owned()),
            _ => None,
        };
        let article = match cell(row, 4) {
            Some(Term::NamedNode(n)) => Some(n.clone()),
            _ => None,
        };
        entry.3.sentences.push((text(3).unwrap_or_default(), article, text(5), text(6)));
        others.extend([s.clone(), p.clone(), o.clone()]);
    }
    others.extend(classes.iter().filter_map(|r| cell(r, 0).cloned()));
    let names = names_of(store, &others)?;
    let name = |term: &Term| -> String {
        names.get(term).cloned().unwrap_or_else(|| display_term(term))
    };

    let title = labels
        .iter()
        .find(|r| matches!(cell(r, 1), Some(Term::Literal(l)) if l.value() == "false"))
        .or(labels.first())
        .and_then(|r| cell(r, 0))
        .map(display_term)
        .unwrap_or_else(|| vocab::compact(iri.as_str()));

    let mut html = String::new();
    let _ = write!(
        html,
        "<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>{t} · zhkg</title>\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>{STYLE}</style></head><body>\
<header><a href=\"/\">zhkg</a> › explain</header><main><h1>{t}</h1><p class=\"iri\">{i}</p>",
        t = escape(&title),
        i = escape(iri.as_str()),
    );

    html.push_str("<section><h2>Names</h2><ul class=\"names\">");
    for row in &labels {
        if let Some(Term::Literal(l)) = cell(row, 0) {
            let alt = matches!(cell(row, 1), Some(Term::Literal(b)) if b.value() == "true");
            let _ = write!(
                html,
                "<li class=\"{}\">{} <span class=\"lang\">{}</span></li>",
                if alt { "alt" } else { "pref" },
                escape(l.value()),
                escape(l.language().unwrap_or("")),
            );
        }
    }
    html.push_str("</ul></section><section><h2>Classes</h2><ul class=\"classes\">");
    for row in &classes {
        if let Some(class) = cell(row, 0) {
            let _ = write!(html, "<li>{} <span class=\"lang\">{}</span></li>", escape(&name(class)), escape(&display_term(class)));
        }
    }
    let _ = write!(html, "</ul></section><section><h2>Facts <span class=\"count\">{}</span></h2>", facts.len());
    if facts.is_empty() {
        html.push_str("<p>No fact names this entity.</p>");
    }
    for (s, p, o, support) in facts.values() {
        let _ = write!(
            html,
            "<div class=\"fact\"><div class=\"triple\">{} <span class=\"property\" title=\"{}\">{}</span> {}</div><ol>",
            link(s, &name(s), iri),
            escape(&display_term(p)),
            escape(&name(p)),
            link(o, &name(o), iri),
        );
        for (sentence, article, title, confidence) in &support.sentences {
            let source = match article {
                Some(a) => format!(
                    "<a class=\"article\" href=\"/explain?iri={}\">{}</a>",
                    percent(a.as_str()),
                    escape(title.as_deref().unwrap_or(&vocab::compact(a.as_str())))
                ),
                None => String::new(),
            };
            let _ = write!(
                html,
                "<li><q>{}</q> <span class=\"source\">{}{}</span></li>",
                escape(sentence),
                source,
                confidence.as_deref().map(|c| format!(" · {}", escape(c))).unwrap_or_default(),
            );
        }
        html.push_str("</ol></div>");
    }
    if evidence.len() >= MAX_EVIDENCE {
        let _ = write!(html, "<p class=\"note\">Only the first {MAX_EVIDENCE} supporting sentences are shown.</p>");
    }
    html.push_str("</section></main></body></html>");
    Ok(Some(html))
}

fn cell(row: &[Option<Term>], i: usize) -> Option<&Term> {
    row.get(i).and_then(Option::as_ref)
}

/// A name for each IRI among `terms`: its zh-Hans label when it has one (the ontology's
/// properties and classes), else any label.
fn names_of(store: &KgStore, terms: &[Term]) -> Result<HashMap<Term, String>, QueryError> {
    let mut iris: Vec<String> = terms
        .iter()
        .filter_map(|t| match t {
            Term::NamedNode(n) => Some(n.to_string()),
            _ => None,
        })
        .collect();
    iris.sort();
    iris.dedup();
    let mut names = HashMap::new();
    for chunk in iris.chunks(500) {
        let rows = store.select(&format!(
            "SELECT ?x (SAMPLE(COALESCE(?zh, ?any)) AS ?name) WHERE {{ VALUES ?x {{ {} }}
                OPTIONAL {{ ?x rdfs:label ?zh FILTER(LANGMATCHES(LANG(?zh), \"zh-hans\")) }}
                OPTIONAL {{ ?x rdfs:label ?any }} }} GROUP BY ?x",
            chunk.join(" ")
        ))?;
        for row in rows {
            if let (Some(x), Some(Term::Literal(l))) = (cell(&row, 0), cell(&row, 1)) {
                names.insert(x.clone(), l.value().to_owned());
            }
        }
    }
    Ok(names)
}

/// An entity as a link to its own explain page; the page's entity and literals as plain text.
fn link(term: &Term, name: &str, this: &NamedNode) -> String {
    match term {
        Term::NamedNode(n) if n == this => format!("<strong>{}</strong>", escape(name)),
        Term::NamedNode(n) => format!("<a href=\"/explain?iri={}\">{}</a>", percent(n.as_str()), escape(name)),
        _ => format!("<span class=\"literal\">{}</span>", escape(name)),
    }
}

/// Text for HTML (element content and quoted attribute values).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A value for a URL's query string.
fn percent(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

const STYLE: &str = "
body { font: 15px/1.55 system-ui, 'Noto Sans CJK SC', 'PingFang SC', sans-serif; margin: 0; color: #1d2330; background: #f6f7f9; }
header { background: #1d2330; color: #c9d1e0; padding: 10px 24px; }
header a { color: #fff; font-weight: 600; text-decoration: none; }
main { max-width: 960px; margin: 0 auto; padding: 8px 24px 40px; }
h1 { margin: 18px 0 0; font-size: 28px; }
h2 { font-size: 17px; margin: 24px 0 8px; border-bottom: 1px solid #dde1e8; padding-bottom: 4px; }
.iri { color: #6b7485; font-family: ui-monospace, monospace; font-size: 13px; margin: 2px 0 0; word-break: break-all; }
ul.names, ul.classes { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; margin: 0; }
ul.names li, ul.classes li { background: #fff; border: 1px solid #dde1e8; border-radius: 4px; padding: 2px 8px; }
ul.names li.pref { border-color: #3a6fd8; font-weight: 600; }
.lang { color: #8a93a3; font-size: 12px; font-weight: normal; }
.count { color: #8a93a3; font-weight: normal; }
.fact { background: #fff; border: 1px solid #dde1e8; border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
.triple { font-weight: 600; }
.property { color: #a4501a; margin: 0 6px; }
.fact ol { margin: 6px 0 0; padding-left: 22px; color: #3b4354; }
.source { color: #6b7485; font-size: 13px; }
a { color: #2456c4; text-decoration: none; }
a:hover { text-decoration: underline; }
.note { color: #6b7485; }
";
