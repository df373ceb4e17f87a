//! `zhkg query`: SPARQL from the command line, a file or standard input.

use super::{Status, UsageError};
use crate::cli::QueryArgs;
use anyhow::Context;
use std::io::{Read, Write};
use zhkg::store::query::check_syntax;
use zhkg::store::{Access, KgStore};

pub fn run(args: QueryArgs) -> anyhow::Result<Status> {
    let query = match (&args.file, &args.query) {
        (Some(path), _) if path.as_os_str() == "-" => read_stdin()?,
        (Some(path), _) => std::fs::read_to_string(path)
            .map_err(|e| UsageError(format!("cannot read the query file {}: {e}", path.display())))?,
        (None, Some(query)) if query == "-" => read_stdin()?,
        (None, Some(query)) => query.clone(),
        (None, None) => return Err(UsageError(String::from("give a query, --file FILE, or - to read standard input")).into()),
    };
    // A syntax error is the user's to fix whether or not the store exists: say it first.
    check_syntax(&query)?;
    let store = KgStore::open(&args.store.store, Access::Read)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    store.query(&query, args.format, &mut out)?;
    out.flush().context("writing the results")?;
    Ok(Status::Success)
}

fn read_stdin() -> anyhow::Result<String> {
    let mut query = String::new();
    std::io::stdin().read_to_string(&mut query).context("reading the query from standard input")?;
    Ok(query)
}
