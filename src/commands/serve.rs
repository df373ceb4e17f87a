//! `zhkg serve`: the store over the SPARQL 1.1 Protocol, with a query page for people.

use super::Pipeline;
use super::{Status, UsageError};
use crate::cli::ServeArgs;
use std::net::{SocketAddr, ToSocketAddrs};
use std::sync::Arc;
use std::time::Duration;
use zhkg::model::Article;
use zhkg::serve::{ArticlePipeline, Config};
use zhkg::store::graph::{ArticleGraph, ArticleId};
use zhkg::store::{Access, KgStore};

/// `POST /articles` runs the steps of `zhkg ingest`.
impl ArticlePipeline for Pipeline {
    fn graph(&self, id: ArticleId, article: &Article) -> Result<ArticleGraph, String> {
        Ok(Pipeline::graph(self, id, article))
    }
}

pub fn run(args: ServeArgs, quiet: bool) -> anyhow::Result<Status> {
    let bind = resolve(&args.bind)?;
    let token = args.update_token.clone().filter(|t| !t.trim().is_empty());
    // The server is the store's writer: an ingest into the same store meanwhile gets "in use".
    let store = KgStore::open(&args.store.store, Access::Write)?;
    let path = store.path().display().to_string();
    // Only a server that takes articles builds the extractor (jieba's dictionary costs time).
    let pipeline: Option<Arc<dyn ArticlePipeline>> = match &token {
        Some(_) => Some(Arc::new(Pipeline::load(&args.extraction)?)),
        None => None,
    };
    let config = Config {
        bind,
        update_token: token.clone(),
        max_body: args.max_body,
        timeout: Duration::from_secs_f64(args.timeout),
        max_queries: args.max_queries,
        log: !quiet,
    };
    let running = zhkg::serve::start(store, config, pipeline)?;
    let addr = running.addr();
    if !addr.ip().is_loopback() {
        eprintln!("zhkg: warning: listening on {addr}, which other machines can reach");
    }
    if !quiet {
        eprintln!(
            "zhkg: serving {path} at http://{addr}/ (SPARQL endpoint http://{addr}/sparql; {}); Ctrl-C stops",
            if token.is_some() { "updates at /update and /articles with the bearer token" } else { "read-only" }
        );
    }
    running.join()?;
    Ok(Status::Success)
}

fn resolve(bind: &str) -> anyhow::Result<SocketAddr> {
    bind.to_socket_addrs()
        .map_err(|e| UsageError(format!("--bind {bind}: {e} (give HOST:PORT, such as 127.0.0.1:7878)")))?
        .next()
        .ok_or_else(|| UsageError(format!("--bind {bind}: no address")).into())
}
