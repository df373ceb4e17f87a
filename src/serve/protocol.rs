//! The SPARQL 1.1 Protocol's small print: content negotiation, form and URL parameters, media
//! types of the formats, the service description.

use crate::store::query::{ResultFormat, ResultKind};

/// The formats each kind of result can be written in, with the media types that ask for them; the
/// first is the default (for no Accept header, or `*/*`).
fn candidates(kind: ResultKind) -> &'static [(&'static str, ResultFormat)] {
    match kind {
        ResultKind::Solutions | ResultKind::Boolean => &[
            ("application/sparql-results+json", ResultFormat::Json),
            ("application/json", ResultFormat::Json),
            ("application/sparql-results+xml", ResultFormat::Xml),
            ("application/xml", ResultFormat::Xml),
            ("text/xml", ResultFormat::Xml),
            ("text/csv", ResultFormat::Csv),
            ("text/tab-separated-values", ResultFormat::Tsv),
        ],
        ResultKind::Graph => &[
            ("text/turtle", ResultFormat::Turtle),
            ("application/x-turtle", ResultFormat::Turtle),
            ("application/n-triples", ResultFormat::NTriples),
            ("text/plain", ResultFormat::NTriples),
            ("application/n-quads", ResultFormat::NQuads),
        ],
    }
}

/// The format for a result of `kind` that the client's Accept header prefers: highest q first, in
/// the header's order among equals; `type/*` and `*/*` take the first format of that type. `None`
/// when the client accepts none of them (406).
pub fn negotiate(accept: Option<&str>, kind: ResultKind) -> Option<ResultFormat> {
    let candidates = candidates(kind);
    let default = candidates[0].1;
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else { return Some(default) };
    let mut ranges: Vec<(String, f32)> = Vec::new();
    for range in accept.split(',') {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        if media.is_empty() {
            continue;
        }
        let mut q = 1.0;
        for parameter in parts {
            if let Some((name, value)) = parameter.split_once('=') {
                if name.trim().eq_ignore_ascii_case("q") {
                    q = value.trim().parse().unwrap_or(0.0);
                }
            }
        }
        if q > 0.0 {
            ranges.push((media, q));
        }
    }
    // A stable sort keeps the header's order among equal weights.
    ranges.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal));
    for (media, _) in &ranges {
        if media == "*/*" {
            return Some(default);
        }
        if let Some(kind) = media.strip_suffix("/*") {
            if let Some((_, format)) = candidates.iter().find(|(m, _)| m.split('/').next() == Some(kind)) {
                return Some(*format);
            }
            continue;
        }
        if let Some((_, format)) = candidates.iter().find(|(m, _)| m == media) {
            return Some(*format);
        }
    }
    None
}

/// The Content-Type of a response in `format`.
pub fn content_type(format: ResultFormat) -> &'static str {
    match format {
        ResultFormat::Json => "application/sparql-results+json",
        ResultFormat::Xml => "application/sparql-results+xml",
        ResultFormat::Csv => "text/csv; charset=utf-8",
        ResultFormat::Tsv => "text/tab-separated-values; charset=utf-8",
        ResultFormat::Table => "text/plain; charset=utf-8",
        ResultFormat::Turtle => "text/turtle; charset=utf-8",
        ResultFormat::NTriples => "application/n-triples",
        ResultFormat::NQuads => "application/n-quads",
    }
}

/// The media type of a Content-Type header, without parameters, in lower case.
pub fn media_type(value: Option<&str>) -> String {
    value.map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase()).unwrap_or_default()
}

/// The parameters of a query string or form body, in order (names may repeat).
pub fn parameters(encoded: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(encoded).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

/// The first value of a parameter.
pub fn first<'a>(parameters: &'a [(String, String)], name: &str) -> Option<&'a str> {
    parameters.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// Every value of a parameter.
pub fn all<'a>(parameters: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    parameters.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
}

/// The SPARQL 1.1 Service Description of the endpoint, in Turtle.
pub fn service_description(endpoint: &str, updates: bool) -> String {
    let languages = if updates { "sd:SPARQL11Query, sd:SPARQL11Update" } else { "sd:SPARQL11Query" };
    format!(
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n\
@prefix formats: <http://www.w3.org/ns/formats/> .\n\
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\
\n\
<{endpoint}#service> a sd:Service ;\n\
    rdfs:label \"zhkg\" ;\n\
    rdfs:comment \"Facts from Chinese technology news: one named graph per article; the default graph is the union of all graphs.\"@en ;\n\
    sd:endpoint <{endpoint}> ;\n\
    sd:supportedLanguage {languages} ;\n\
    sd:feature sd:UnionDefaultGraph ;\n\
    sd:resultFormat formats:SPARQL_Results_JSON, formats:SPARQL_Results_XML, formats:SPARQL_Results_CSV,\n\
        formats:SPARQL_Results_TSV, formats:Turtle, formats:N-Triples, formats:N-Quads ;\n\
    sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_follows_weights_and_wildcards() {
        let s = ResultKind::Solutions;
        assert_eq!(negotiate(None, s), Some(ResultFormat::Json));
        assert_eq!(negotiate(Some("*/*"), s), Some(ResultFormat::Json));
        assert_eq!(negotiate(Some("text/csv"), s), Some(ResultFormat::Csv));
        assert_eq!(negotiate(Some("text/csv;q=0.5, application/sparql-results+xml"), s), Some(ResultFormat::Xml));
        assert_eq!(negotiate(Some("text/html,application/xhtml+xml,*/*;q=0.8"), s), Some(ResultFormat::Json));
        assert_eq!(negotiate(Some("text/turtle"), s), None);
        assert_eq!(negotiate(Some("text/*"), ResultKind::Graph), Some(ResultFormat::Turtle));
        assert_eq!(negotiate(Some("application/n-quads"), ResultKind::Graph), Some(ResultFormat::NQuads));
        assert_eq!(
            negotiate(Some("application/sparql-results+json,application/json,text/javascript,application/javascript"), s),
            Some(ResultFormat::Json)
        );
        assert_eq!(negotiate(Some("text/csv;q=0"), s), None);
    }

    #[test]
    fn parameters_decode_forms() {
        let p = parameters(b"query=SELECT%20*%20WHERE+%7B%7D&default-graph-uri=a&default-graph-uri=b");
        assert_eq!(first(&p, "query"), Some("SELECT * WHERE {}"));
        assert_eq!(all(&p, "default-graph-uri"), vec!["a", "b"]);
    }
}
