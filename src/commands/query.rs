//! `zhkg query`: SPARQL from the command line, a file or standard input, over the store or, with
//! `--endpoint`, a remote SPARQL endpoint.

use super::{Status, UsageError};
use crate::cli::{QueryArgs, RemoteArgs};
use anyhow::Context;
use std::io::{Read, Write};
use zhkg::store::query::check_syntax;
use zhkg::store::remote::{Auth, RemoteStore};
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
    if let Some(seconds) = args.timeout {
        stop_after(seconds);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match &args.source.endpoint {
        Some(url) => remote_store(url, None, &args.source.remote)?.query(&query, args.format, &mut out)?,
        None => KgStore::open(&args.store.store, Access::Read)?.query(&query, args.format, &mut out)?,
    }
    out.flush().context("writing the results")?;
    Ok(Status::Success)
}

/// Ends the process once `seconds` have passed. A query only reads, so stopping it anywhere is
/// safe, and the process ends at once, however long the evaluator would take to notice a
/// cancellation.
fn stop_after(seconds: f64) {
    let limit = std::time::Duration::from_secs_f64(seconds.max(0.0));
    std::thread::spawn(move || {
        std::thread::sleep(limit);
        eprintln!("zhkg: error: the query ran past --timeout {seconds} s and was stopped");
        std::process::exit(1);
    });
}

/// The remote store the command line names, with its credentials.
pub fn remote_store(query_url: &str, update_url: Option<&str>, args: &RemoteArgs) -> anyhow::Result<RemoteStore> {
    let auth = match (&args.user, &args.password, &args.token) {
        (Some(_), _, Some(_)) => return Err(UsageError(String::from("give either --user and --password or --token, not both")).into()),
        (Some(user), Some(password), None) => Auth::Basic { user: user.clone(), password: password.clone() },
        (Some(_), None, None) => return Err(UsageError(String::from("--user needs --password (or $ZHKG_ENDPOINT_PASSWORD)")).into()),
        (None, _, Some(token)) => Auth::Bearer(token.clone()),
        (None, _, None) => Auth::None,
    };
    RemoteStore::new(query_url, update_url, auth).map_err(|e| UsageError(e.to_string()).into())
}

fn read_stdin() -> anyhow::Result<String> {
    let mut query = String::new();
    std::io::stdin().read_to_string(&mut query).context("reading the query from standard input")?;
    Ok(query)
}
