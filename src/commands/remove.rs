//! `zhkg remove`: drop articles' graphs, by path, URL or IRI.

use super::{open_for_writing, Status};
use crate::cli::RemoveArgs;

pub fn run(args: RemoveArgs, quiet: bool) -> anyhow::Result<Status> {
    let store = open_for_writing(&args.store, &args.lock, quiet)?;
    let mut graphs = Vec::new();
    let mut status = Status::Success;
    for selector in &args.articles {
        let found = store.find_articles(selector)?;
        if found.is_empty() {
            eprintln!("zhkg: no stored article matches {selector}");
            status = Status::PartialFailure;
        }
        for graph in found {
            if !graphs.contains(&graph) {
                graphs.push(graph);
            }
        }
    }
    store.remove_articles(&graphs)?;
    if !quiet {
        eprintln!(
            "zhkg: removed {} article{} from {}",
            graphs.len(),
            if graphs.len() == 1 { "" } else { "s" },
            store.path().display()
        );
    }
    Ok(status)
}
