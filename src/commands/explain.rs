//! `zhkg explain NAME`: the command a user runs to trust or doubt a fact.

use super::Status;
use crate::cli::{ExplainArgs, StatsFormat};
use oxigraph::model::NamedNode;
use zhkg::store::explain::Explanation;
use zhkg::store::{vocab, Access, KgStore};

pub fn run(args: ExplainArgs) -> anyhow::Result<Status> {
    let store = KgStore::open(&args.store.store, Access::Read)?;
    let entities = match NamedNode::new(&args.name) {
        Ok(iri) if args.name.contains("://") => vec![iri],
        _ => store.entities_named(&args.name)?,
    };
    let mut explanations = Vec::new();
    for entity in &entities {
        explanations.extend(store.explain(entity)?);
    }
    if explanations.is_empty() {
        eprintln!("zhkg: nothing in {} is named {}", store.path().display(), args.name);
        return Ok(Status::PartialFailure);
    }
    match args.format {
        StatsFormat::Json => println!("{}", serde_json::to_string_pretty(&explanations)?),
        StatsFormat::Table => {
            for explanation in &explanations {
                print_explanation(explanation);
            }
        }
    }
    Ok(Status::Success)
}

fn print_explanation(e: &Explanation) {
    println!("{}  {}  {}", e.label, vocab::compact(e.entity.as_str()), e.classes.join(" "));
    let others: Vec<&str> = e.labels.iter().chain(&e.alt_labels).map(String::as_str).filter(|l| *l != e.label).collect();
    if !others.is_empty() {
        println!("  also named: {}", others.join(", "));
    }
    for fact in &e.facts {
        let property = vocab::compact(fact.property.as_str());
        if fact.incoming {
            println!("  ← {} {property}", fact.subject_name);
        } else {
            println!("  {property} → {}", fact.object_name);
        }
        for support in &fact.supports {
            println!("      「{}」", support.sentence.trim());
            let mut source: Vec<String> = Vec::new();
            source.extend(support.title.clone().or(support.source.clone()));
            source.extend(support.date.clone());
            source.extend(support.rule.as_ref().map(|r| format!("rule {r}")));
            source.extend(support.confidence.map(|c| format!("confidence {c:.2}")));
            println!("        {}", source.join(" · "));
        }
    }
    println!();
}
