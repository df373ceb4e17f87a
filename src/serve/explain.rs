//! `/explain?iri=…`: one entity on a page: its names, its classes, and every fact about it with the
//! sentences that support it and the articles they come from.

use crate::store::explain::MAX_EVIDENCE;
use crate::store::query::{display_term, QueryError};
use crate::store::{vocab, KgStore};
use oxigraph::model::{NamedNode, Term};
use std::fmt::Write as _;

/// The explain page of `iri`, or `None` when the store says nothing about it.
pub fn page(store: &KgStore, iri: &NamedNode) -> Result<Option<String>, QueryError> {
    let Some(explanation) = store.explain(iri)? else { return Ok(None) };
    // Properties by their Chinese names (the ontology's zh-Hans labels).
    let properties: Vec<Term> = explanation.facts.iter().map(|f| f.property.clone().into()).collect();
    let property_names = store.preferred_labels(&properties)?;

    let mut html = String::new();
    let _ = write!(
        html,
        "<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>{t} · zhkg</title>\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>{STYLE}</style></head><body>\
<header><a href=\"/\">zhkg</a> › explain</header><main><h1>{t}</h1><p class=\"iri\">{i}</p>",
        t = escape(&explanation.label),
        i = escape(iri.as_str()),
    );

    html.push_str("<section><h2>Names</h2><ul class=\"names\">");
    for label in &explanation.labels {
        let _ = write!(html, "<li class=\"pref\">{}</li>", escape(label));
    }
    for label in &explanation.alt_labels {
        let _ = write!(html, "<li class=\"alt\">{}</li>", escape(label));
    }
    html.push_str("</ul></section><section><h2>Classes</h2><ul class=\"classes\">");
    for class in &explanation.classes {
        let _ = write!(html, "<li>{}</li>", escape(class));
    }
    let _ = write!(html, "</ul></section><section><h2>Facts <span class=\"count\">{}</span></h2>", explanation.facts.len());
    if explanation.facts.is_empty() {
        html.push_str("<p>No fact names this entity.</p>");
    }
    let mut shown = 0;
    for fact in &explanation.facts {
        let property: Term = fact.property.clone().into();
        let _ = write!(
            html,
            "<div class=\"fact\"><div class=\"triple\">{} <span class=\"property\" title=\"{}\">{}</span> {}</div><ol>",
            link(&fact.subject, &fact.subject_name, iri),
            escape(&display_term(&property)),
            escape(property_names.get(&property).map_or(fact.property.as_str(), String::as_str)),
            link(&fact.object, &fact.object_name, iri),
        );
        for support in &fact.supports {
            shown += 1;
            let source = if support.article.is_empty() {
                String::new()
            } else {
                format!(
                    "<a class=\"article\" href=\"/explain?iri={}\">{}</a>",
                    percent(&support.article),
                    escape(support.title.as_deref().unwrap_or(&vocab::compact(&support.article)))
                )
            };
            let _ = write!(
                html,
                "<li><q>{}</q> <span class=\"source\">{}{}</span></li>",
                escape(&support.sentence),
                source,
                support.confidence.map(|c| format!(" · {c:.2}")).unwrap_or_default(),
            );
        }
        html.push_str("</ol></div>");
    }
    if shown >= MAX_EVIDENCE {
        let _ = write!(html, "<p class=\"note\">Only the first {MAX_EVIDENCE} supporting sentences are shown.</p>");
    }
    html.push_str("</section></main></body></html>");
    Ok(Some(html))
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
