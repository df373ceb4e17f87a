//! `zhkg extract`: an article's facts on standard output, nothing stored.

use super::{inputs, Pipeline, Status};
use crate::cli::{ExtractArgs, ExtractFormat};
use serde_json::json;
use std::io::Write;
use zhkg::model::{Article, Extraction, Object};
use zhkg::read::{self, ReadOptions};
use zhkg::store::graph::ArticleId;
use zhkg::store::vocab;

pub fn run(args: ExtractArgs, _quiet: bool) -> anyhow::Result<Status> {
    let sources = read::sources(&inputs(&args.paths));
    let pipeline = Pipeline::load(&args.extraction)?;
    let options = ReadOptions { encoding: args.extraction.encoding, max_article_bytes: args.extraction.max_article_size };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = sources.errors.len();
    for error in sources.errors.iter().chain(&sources.notices) {
        eprintln!("zhkg: {error}");
    }
    for (_, article) in read::articles(&sources.sources, &options) {
        let article = match article {
            Ok(article) => article,
            Err(error) => {
                eprintln!("zhkg: {error}");
                failed += 1;
                continue;
            }
        };
        let id = ArticleId::of(&article);
        match args.format {
            ExtractFormat::Turtle => {
                writeln!(out, "# {} — article graph <{}>", article.origin, id.graph.as_str())?;
                pipeline.graph(id, &article).write_turtle(&mut out)?;
                writeln!(out)?;
            }
            ExtractFormat::Jsonl => write_fact_lines(&mut out, &article, &id, &pipeline.extract(&article))?,
        }
    }
    out.flush()?;
    Ok(if failed == 0 { Status::Success } else { Status::PartialFailure })
}

/// One JSON object a fact: the article, both ends with IRI, name and class, and the evidence.
fn write_fact_lines(out: &mut dyn Write, article: &Article, id: &ArticleId, extraction: &Extraction) -> anyhow::Result<()> {
    let entity = |i: usize| {
        let e = &extraction.entities[i];
        json!({"iri": vocab::entity(&e.key).as_str(), "label": e.label.text, "class": e.class.local_name()})
    };
    for fact in &extraction.facts {
        let object = match fact.object {
            Object::Entity(i) => entity(i),
            Object::Date(date) => json!({"date": date.lexical().0}),
        };
        let sentence = extraction
            .sentences
            .get(fact.evidence.sentence)
            .map(|s| article.text.chars().skip(s.start).take(s.end - s.start).collect::<String>());
        let line = json!({
            "article": id.graph.as_str(),
            "source": article.origin.to_string(),
            "subject": entity(fact.subject),
            "property": fact.property.local_name(),
            "object": object,
            "sentence": sentence,
            "start": fact.evidence.start,
            "end": fact.evidence.end,
            "rule": fact.evidence.rule,
            "confidence": fact.evidence.confidence,
        });
        writeln!(out, "{line}")?;
    }
    Ok(())
}
