//! `zhkg export`: the store as a graph file (GEXF, GraphML, CSV, DOT) or a picture (SVG).

use super::{Status, UsageError};
use crate::cli::ExportArgs;
use std::time::Instant;
use zhkg::export::{self, ExportError, Format, KgGraph, LayoutOptions, Subset, Target, WriteOptions};
use zhkg::store::query::check_syntax;
use zhkg::store::snapshot::{snapshot_through, DateRange};
use zhkg::store::{Access, KgStore};

/// Mistakes in the user's words become usage errors (exit status 2); the rest stay as they are.
fn classify(error: ExportError) -> anyhow::Error {
    if error.is_usage() {
        UsageError(error.to_string()).into()
    } else {
        error.into()
    }
}

pub fn run(args: ExportArgs, quiet: bool) -> anyhow::Result<Status> {
    let started = Instant::now();
    let target = Target::from_arg(&args.output);
    let format = match (args.format, &target) {
        (Some(format), _) => format,
        (None, Target::Path(path)) => Format::from_path(path).ok_or_else(|| {
            UsageError(format!(
                "cannot tell the format from '{}'; give --format ({})",
                path.display(),
                Format::NAMES.join(", ")
            ))
        })?,
        (None, Target::Stdout) => {
            return Err(UsageError(format!("give --format ({}) to write to standard output", Format::NAMES.join(", "))).into())
        }
    };
    if target == Target::Stdout && format == Format::Csv {
        return Err(classify(ExportError::NotForStdout(format)));
    }
    if args.timeline && format != Format::Gexf && !quiet {
        eprintln!("zhkg: note: --timeline applies to GEXF only; the {format} output carries first_date attributes instead");
    }
    let range = DateRange::new(args.since.as_deref(), args.until.as_deref()).map_err(UsageError)?;
    let query = match &args.query {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| UsageError(format!("cannot read the query file {}: {e}", path.display())))?;
            check_syntax(&text)?;
            Some(text)
        }
        None => None,
    };
    let mut subset = Subset {
        classes: args.classes.clone(),
        properties: args.properties.clone(),
        min_weight: args.min_weight,
        ego: args.ego.clone().map(|name| (name, args.depth)),
        selection: None,
    };
    subset.check().map_err(classify)?;

    let (snapshot, selection) = match &args.source.endpoint {
        Some(url) => {
            if query.is_some() {
                return Err(UsageError(String::from("--query selects from the embedded store; it cannot be combined with --endpoint")).into());
            }
            let remote = super::query::remote_store(url, None, &args.source.remote)?;
            (snapshot_through(&|q: &str| remote.select(q), &range)?, None)
        }
        None => {
            let store = KgStore::open(&args.store.store, Access::Read)?;
            let snapshot = store.snapshot(&range)?;
            let selection = query.as_deref().map(|q| store.construct(q)).transpose()?;
            (snapshot, selection)
        }
    };
    subset.selection = selection;
    let graph = subset.apply(KgGraph::from_snapshot(snapshot)).map_err(classify)?;
    let layout = export::force_atlas2(&graph, &LayoutOptions { seed: args.seed, iterations: args.iterations, threads: None });
    let written = export::write(&graph, &layout, format, &WriteOptions { timeline: args.timeline }, &target).map_err(classify)?;

    if !quiet && !written.is_empty() {
        let files: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
        eprintln!(
            "zhkg: exported {} entities and {} facts as {format} to {}; {:.1} s",
            graph.node_count(),
            graph.edge_count(),
            files.join(" and "),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(Status::Success)
}
