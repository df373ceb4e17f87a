//! An article and its extraction as RDF: the quads of the article's named graph. This is the
//! one place that decides the store layout of an article (ARCHITECTURE.md shows it).

use super::vocab;
use crate::model::{Article, Extraction, Object};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term, TripleRef};

/// An article ready to be written: its graph IRI, every quad of that graph, and the classes and
/// names of the entities it mentions, which go into the shared entity graph.
#[derive(Debug, Clone)]
pub struct ArticleGraph {
    pub graph: NamedNode,
    pub content_hash: String,
    pub quads: Vec<Quad>,
    /// `rdf:type`, `rdfs:label` and `skos:altLabel` of each mentioned entity, in
    /// `vocab::ENTITY_GRAPH`.
    pub entity_quads: Vec<Quad>,
    /// How many entity-to-entity or date facts (distinct triples) the graph asserts.
    pub facts: usize,
}

impl ArticleGraph {
    /// The article's triples as Turtle (its graph, then its entities' classes and names), with the
    /// usual prefixes.
    pub fn write_turtle(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut serializer = RdfSerializer::from_format(RdfFormat::Turtle);
        for (prefix, iri) in vocab::PREFIXES {
            serializer = serializer.with_prefix(*prefix, *iri).expect("the predeclared prefixes are valid IRIs");
        }
        let mut writer = serializer.for_writer(out);
        for quad in self.quads.iter().chain(&self.entity_quads) {
            writer.serialize_triple(TripleRef::new(&quad.subject, &quad.predicate, &quad.object))?;
        }
        writer.finish()?;
        Ok(())
    }
}

/// The entity quads of `articles`, each once: articles written together mostly mention the same
/// entities, whose classes and names need writing only once.
pub fn distinct_entity_quads<'a>(articles: impl IntoIterator<Item = &'a ArticleGraph>) -> Vec<&'a Quad> {
    let mut seen = std::collections::HashSet::new();
    articles.into_iter().flat_map(|a| &a.entity_quads).filter(|q| seen.insert(*q)).collect()
}

/// The identity, hash and graph IRI of an article, computed once before extraction so that an
/// unchanged article can be skipped without extracting it.
#[derive(Debug, Clone)]
pub struct ArticleId {
    pub graph: NamedNode,
    pub content_hash: String,
}

impl ArticleId {
    pub fn of(article: &Article) -> ArticleId {
        let content_hash = vocab::content_hash(&article.text);
        let graph = vocab::article_graph(&vocab::article_identity(article, &content_hash));
        ArticleId { graph, content_hash }
    }
}

/// Builds the article's graph: the article's metadata, the entities it mentions, its facts as
/// plain triples, and one `kg:Evidence` node per supporting sentence; and beside it the
/// entities' classes and names for the entity graph.
pub fn article_graph(
    id: ArticleId,
    article: &Article,
    extraction: &Extraction,
    extractor_version: &str,
) -> ArticleGraph {
    let graph = GraphName::NamedNode(id.graph.clone());
    let mut quads = Vec::with_capacity(16 + extraction.entities.len() * 4 + extraction.facts.len() * 10);
    let mut add = |s: &NamedNode, p: NamedNode, o: Term| {
        quads.push(Quad::new(s.clone(), p, o, graph.clone()));
    };
    let a = &id.graph;
    let rdf_type = vocab::rdf("type");

    add(a, rdf_type.clone(), vocab::kg("Article").into());
    if let Some(title) = &article.title {
        add(a, vocab::dcterms("title"), Literal::new_simple_literal(title).into());
    }
    if let Some(date) = &article.published {
        add(a, vocab::dcterms("date"), date_literal(date).into());
    }
    if let Some(url) = &article.url {
        add(a, vocab::kg("url"), Literal::new_typed_literal(url, vocab::xsd("anyURI")).into());
    }
    if let Some(source) = &article.source {
        add(a, vocab::dcterms("source"), Literal::new_simple_literal(source).into());
    }
    add(a, vocab::kg("sourcePath"), Literal::new_simple_literal(vocab::source_path(&article.origin)).into());
    add(a, vocab::kg("contentHash"), Literal::new_simple_literal(&id.content_hash).into());
    add(a, vocab::kg("encoding"), Literal::new_simple_literal(article.encoding).into());
    add(a, vocab::kg("extractorVersion"), Literal::new_simple_literal(extractor_version).into());

    let iris: Vec<NamedNode> = extraction.entities.iter().map(|e| vocab::entity(&e.key)).collect();
    let entity_graph = GraphName::NamedNode(NamedNode::new_unchecked(vocab::ENTITY_GRAPH));
    let mut entity_quads = Vec::with_capacity(extraction.entities.len() * 3);
    let mut merge_n = 0usize;
    for (entity, iri) in extraction.entities.iter().zip(&iris) {
        add(a, vocab::kg("mentions"), iri.clone().into());
        let mut describe = |p: NamedNode, o: Term| entity_quads.push(Quad::new(iri.clone(), p, o, entity_graph.clone()));
        describe(rdf_type.clone(), vocab::class(entity.class).into());
        describe(vocab::rdfs("label"), label_literal(&entity.label).into());
        for alt in &entity.alt_labels {
            if alt != &entity.label {
                describe(vocab::skos("altLabel"), label_literal(alt).into());
            }
        }
        // merges, for review: <entity> kg:merged <ARTICLE#merge-N>, numbered in entity order so
        // the same article gives the same graph
        for merge in &entity.merges {
            let node = NamedNode::new_unchecked(format!("{}#merge-{merge_n}", a.as_str()));
            merge_n += 1;
            add(iri, vocab::kg("merged"), node.clone().into());
            add(&node, vocab::kg("mergedName"), label_literal(&merge.name).into());
            add(&node, vocab::kg("mergeReason"), Literal::new_simple_literal(merge.reason.as_str()).into());
        }
    }

    let chars: Vec<(usize, char)> = article.text.char_indices().collect();
    let slice = |start: usize, end: usize| -> &str {
        let byte = |i: usize| chars.get(i).map_or(article.text.len(), |&(b, _)| b);
        &article.text[byte(start.min(end))..byte(end)]
    };
    let mut triples = std::collections::HashSet::new();
    for (n, fact) in extraction.facts.iter().enumerate() {
        let subject = &iris[fact.subject];
        let predicate = vocab::property(fact.property);
        let object: Term = match fact.object {
            Object::Entity(i) => iris[i].clone().into(),
            Object::Date(date) => {
                let (lexical, datatype) = date.lexical();
                Literal::new_typed_literal(lexical, vocab::xsd(datatype)).into()
            }
        };
        add(subject, predicate.clone(), object.clone());
        triples.insert((fact.subject, fact.property, fact.object));

        let evidence = &fact.evidence;
        let sentence = extraction.sentences.get(evidence.sentence);
        let node = NamedNode::new_unchecked(format!("{}#evidence-{n}", a.as_str()));
        add(&node, rdf_type.clone(), vocab::kg("Evidence").into());
        add(&node, vocab::rdf("subject"), subject.clone().into());
        add(&node, vocab::rdf("predicate"), predicate.into());
        add(&node, vocab::rdf("object"), object);
        add(&node, vocab::kg("article"), a.clone().into());
        if let Some(sentence) = sentence {
            add(&node, vocab::kg("sentence"), Literal::new_simple_literal(slice(sentence.start, sentence.end)).into());
            add(&node, vocab::kg("sentenceStart"), Literal::from(sentence.start as i64).into());
        }
        add(&node, vocab::kg("start"), Literal::from(evidence.start as i64).into());
        add(&node, vocab::kg("end"), Literal::from(evidence.end as i64).into());
        add(&node, vocab::kg("rule"), Literal::new_simple_literal(&evidence.rule).into());
        add(&node, vocab::kg("confidence"), confidence_literal(evidence.confidence).into());
    }

    ArticleGraph { graph: id.graph, content_hash: id.content_hash, quads, entity_quads, facts: triples.len() }
}

fn label_literal(label: &crate::model::Label) -> Literal {
    Literal::new_language_tagged_literal_unchecked(&label.text, label.lang.tag().to_ascii_lowercase())
}

/// A confidence as an `xsd:decimal` with two places, so equal confidences compare equal.
fn confidence_literal(confidence: f32) -> Literal {
    let hundredths = (confidence.clamp(0.0, 1.0) * 100.0).round() as u32;
    Literal::new_typed_literal(format!("{}.{:02}", hundredths / 100, hundredths % 100), vocab::xsd("decimal"))
}

/// `2025-03-02` as `xsd:date`, `2025-03` as `xsd:gYearMonth`, `2025` as `xsd:gYear`; anything
/// else as a plain string rather than a wrongly typed literal.
fn date_literal(date: &str) -> Literal {
    let shape: String = date.chars().map(|c| if c.is_ascii_digit() { 'd' } else { c }).collect();
    let datatype = match shape.as_str() {
        "dddd-dd-dd" => "date",
        "dddd-dd" => "gYearMonth",
        "dddd" => "gYear",
        _ => return Literal::new_simple_literal(date),
    };
    Literal::new_typed_literal(date, vocab::xsd(datatype))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_get_the_narrowest_fitting_type() {
        assert_eq!(date_literal("2025-03-02").datatype().as_str(), format!("{}date", vocab::XSD));
        assert_eq!(date_literal("2025-03").datatype().as_str(), format!("{}gYearMonth", vocab::XSD));
        assert_eq!(date_literal("2025").datatype().as_str(), format!("{}gYear", vocab::XSD));
        assert_eq!(date_literal("spring").datatype().as_str(), format!("{}string", vocab::XSD));
    }

    #[test]
    fn confidences_have_two_places() {
        assert_eq!(confidence_literal(0.9).value(), "0.90");
        assert_eq!(confidence_literal(1.0).value(), "1.00");
        assert_eq!(confidence_literal(0.555).value(), "0.56");
    }
}
