//! `zhkg stats`: what the store (or, with `--endpoint`, a remote store) holds, for people (table)
//! or scripts (JSON).

use super::query::remote_store;
use super::Status;
use crate::cli::{StatsArgs, StatsFormat};
use zhkg::store::{Access, KgStore};

pub fn run(args: StatsArgs) -> anyhow::Result<Status> {
    let (stats, name) = match &args.source.endpoint {
        Some(url) => (remote_store(url, None, &args.source.remote)?.stats()?, url.clone()),
        None => {
            let store = KgStore::open(&args.store.store, Access::Read)?;
            (store.stats()?, store.path().display().to_string())
        }
    };
    match args.format {
        StatsFormat::Json => println!("{}", serde_json::to_string_pretty(&stats)?),
        StatsFormat::Table => {
            println!("store     {name}");
            println!("articles  {}", stats.articles);
            println!("entities  {}", stats.entities);
            for (class, n) in &stats.entities_by_class {
                println!("  {class:<22} {n:>8}");
            }
            println!("facts     {}  (from {} supporting sentences)", stats.facts, stats.evidence);
            for (property, n) in &stats.facts_by_property {
                println!("  {property:<22} {n:>8}");
            }
            println!("quads     {}", stats.quads);
        }
    }
    Ok(Status::Success)
}
