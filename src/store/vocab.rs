//! The vocabulary IRIs, and how entity and article IRIs are minted. Only this module spells
//! them; everything else asks it.

use crate::model::{Article, Class, Origin, Property};
use oxigraph::model::NamedNode;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::path::Path;

pub const KG: &str = "https://w3id.org/zhkg/ontology#";
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/zhkg/ontology";
/// The graph holding the store's own bookkeeping (format version, ontology hash).
pub const META_GRAPH: &str = "https://w3id.org/zhkg/store";
/// The graph holding every entity's classes and names once for the whole store (an article's
/// graph says which entities it mentions), so that a join through a label or a class meets each
/// entity once, however many articles name it.
pub const ENTITY_GRAPH: &str = "https://w3id.org/zhkg/entities";
pub const ENTITY_BASE: &str = "https://w3id.org/zhkg/id/";
pub const ARTICLE_BASE: &str = "https://w3id.org/zhkg/article/";

pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const DCTERMS: &str = "http://purl.org/dc/terms/";

/// Prefixes known to every query (so `kg:` and friends need no PREFIX line) and used to shorten
/// IRIs for people.
pub const PREFIXES: &[(&str, &str)] = &[
    ("kg", KG),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("skos", SKOS),
    ("xsd", XSD),
    ("dcterms", DCTERMS),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("schema", "https://schema.org/"),
    ("zid", ENTITY_BASE),
    ("article", ARTICLE_BASE),
];

pub fn kg(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{KG}{local}"))
}

pub fn rdf(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{RDF}{local}"))
}

pub fn rdfs(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{RDFS}{local}"))
}

pub fn skos(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SKOS}{local}"))
}

pub fn xsd(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{XSD}{local}"))
}

pub fn dcterms(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{DCTERMS}{local}"))
}

pub fn class(class: Class) -> NamedNode {
    kg(class.local_name())
}

pub fn property(property: Property) -> NamedNode {
    kg(property.local_name())
}

/// The IRI of an entity, from its resolution key alone, so it is the same in every article and
/// run. Letters and digits of any script stay readable (IRIs allow them); the rest is
/// percent-encoded.
pub fn entity(key: &str) -> NamedNode {
    let mut iri = String::with_capacity(ENTITY_BASE.len() + key.len() * 2);
    iri.push_str(ENTITY_BASE);
    for c in key.chars() {
        if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '~') {
            iri.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(iri, "%{b:02X}");
            }
        }
    }
    NamedNode::new_unchecked(iri)
}

/// SHA-256 of the text in hexadecimal.
pub fn content_hash(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// What makes an article the same article when it is ingested again: its URL when it has one,
/// else the absolute path of its file, else (standard input, JSON Lines without a URL) its text.
pub fn article_identity(article: &Article, content_hash: &str) -> String {
    if let Some(url) = &article.url {
        return format!("url:{url}");
    }
    match &article.origin {
        Origin::File(path) => format!("file:{}", absolute(path)),
        Origin::JsonLine { .. } | Origin::Stdin => format!("text:{content_hash}"),
    }
}

/// The article's graph IRI (also the article's own IRI).
pub fn article_graph(identity: &str) -> NamedNode {
    let digest = Sha256::digest(identity.as_bytes());
    NamedNode::new_unchecked(format!("{ARTICLE_BASE}{}", hex(&digest[..10])))
}

/// Where an article was read from, as stored in `kg:sourcePath`: an absolute path, with `:LINE`
/// for a JSON Lines line.
pub fn source_path(origin: &Origin) -> String {
    match origin {
        Origin::File(path) => absolute(path),
        Origin::JsonLine { path: Some(path), line } => format!("{}:{line}", absolute(path)),
        Origin::JsonLine { path: None, line } => format!("-:{line}"),
        Origin::Stdin => String::from("-"),
    }
}

pub fn absolute(path: &Path) -> String {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// The shortest readable form of an IRI: `kg:Company`, `zid:深度求索`, or `<…>`.
pub fn compact(iri: &str) -> String {
    for (prefix, namespace) in PREFIXES {
        if let Some(local) = iri.strip_prefix(namespace) {
            if !local.is_empty() && !local.contains(['/', '#', '%']) {
                return format!("{prefix}:{local}");
            }
        }
    }
    format!("<{iri}>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_iris_keep_letters_and_escape_the_rest() {
        assert_eq!(entity("深度求索").as_str(), "https://w3id.org/zhkg/id/深度求索");
        assert_eq!(entity("sam altman").as_str(), "https://w3id.org/zhkg/id/sam%20altman");
        assert_eq!(entity("a/b#c").as_str(), "https://w3id.org/zhkg/id/a%2Fb%23c");
        assert!(oxigraph::model::NamedNode::new(entity("黑神话:悟空 <x>").as_str()).is_ok());
    }

    #[test]
    fn article_graphs_are_stable_and_distinct() {
        assert_eq!(article_graph("url:https://a"), article_graph("url:https://a"));
        assert_ne!(article_graph("url:https://a"), article_graph("url:https://b"));
    }

    #[test]
    fn compact_uses_known_prefixes() {
        assert_eq!(compact("https://w3id.org/zhkg/ontology#Company"), "kg:Company");
        assert_eq!(compact("http://example.com/x"), "<http://example.com/x>");
    }
}
