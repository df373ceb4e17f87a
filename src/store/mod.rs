//! The embedded Oxigraph store: opening and locking it, keeping its ontology current, writing
//! each article's graph atomically, finding and removing articles. Only `store/` talks to
//! Oxigraph.

pub mod explain;
pub mod graph;
pub mod query;
pub mod remote;
pub mod snapshot;
pub mod stats;
pub mod vocab;

use graph::ArticleGraph;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphNameRef, Literal, NamedNode, Quad, QuadRef, Term};
use oxigraph::store::{StorageError, Store, Transaction};
use std::collections::HashSet;
use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

/// The ontology every store carries, in the graph `vocab::ONTOLOGY_GRAPH`.
pub const ONTOLOGY: &str = include_str!("../../ontology/zhkg.ttl");

/// The layout version this zhkg writes. A store with a higher one was written by a newer zhkg;
/// one with a lower one is upgraded by the next writer (1: entities' classes and names in every
/// article graph; 2: once, in the entity graph).
pub const STORE_FORMAT: i64 = 2;

/// The file writers hold an exclusive lock on, beside RocksDB's own files.
const LOCK_FILE: &str = "zhkg.lock";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store {}: the path is a file, not a store directory", .0.display())]
    NotADirectory(PathBuf),
    #[error("no store at {} (create one with `zhkg ingest --store {} FILES`)", .0.display(), .0.display())]
    Missing(PathBuf),
    #[error("store {} is in use by another zhkg process that is writing to it; try again when it has finished", .0.display())]
    Locked(PathBuf),
    #[error("store {}: written by a newer zhkg (store format {found}, this zhkg knows {STORE_FORMAT}); upgrade zhkg", .path.display())]
    NewerFormat { path: PathBuf, found: i64 },
    #[error("store {}: written by an older zhkg (store format {found}, this zhkg writes {STORE_FORMAT}); the next `zhkg ingest --store {}` of any article upgrades it", .path.display(), .path.display())]
    OlderFormat { path: PathBuf, found: i64 },
    #[error("store {}: {source}", .path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("store {}: {source}", .path.display())]
    Storage { path: PathBuf, source: StorageError },
    #[error("store {}: upgrading its layout failed: {message}", .path.display())]
    Upgrade { path: PathBuf, message: String },
    #[error("the bundled ontology does not parse: {0}")]
    Ontology(String),
}

/// How a command means to use the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Ingest and remove: create the store if needed, and hold its lock.
    Write,
    /// Query, stats, export, explain: the store must exist; opened read-only, without the lock.
    Read,
}

/// An open zhkg store.
pub struct KgStore {
    store: Store,
    path: PathBuf,
    /// Held for as long as the store is open for writing.
    _lock: Option<File>,
}

impl KgStore {
    pub fn open(path: &Path, access: Access) -> Result<KgStore, StoreError> {
        if path.is_file() {
            return Err(StoreError::NotADirectory(path.to_path_buf()));
        }
        if access == Access::Read && !path.join("CURRENT").exists() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        let storage = |source| StoreError::Storage { path: path.to_path_buf(), source };
        if access == Access::Read {
            // Readers never take the writers' lock, so a query never holds up an ingest: they see
            // the store as it was when they opened it. A writer may be swapping files
            // (compaction, a bulk load) just then; a moment later the set is consistent again.
            let mut attempt = 0;
            let store = loop {
                match Store::open_read_only(path) {
                    Err(_) if attempt < 5 => {
                        attempt += 1;
                        std::thread::sleep(std::time::Duration::from_millis(100));
                    }
                    result => break result.map_err(storage)?,
                }
            };
            let kg = KgStore { store, path: path.to_path_buf(), _lock: None };
            if let Some(found) = kg.check_format()?.filter(|&found| found < STORE_FORMAT) {
                return Err(StoreError::OlderFormat { path: path.to_path_buf(), found });
            }
            return Ok(kg);
        }
        let io = |source| StoreError::Io { path: path.to_path_buf(), source };
        std::fs::create_dir_all(path).map_err(io)?;
        let lock = File::options().create(true).truncate(false).write(true).open(path.join(LOCK_FILE)).map_err(io)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(StoreError::Locked(path.to_path_buf())),
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        let store = Store::open(path).map_err(|e| classify_open_error(path, e))?;
        let kg = KgStore { store, path: path.to_path_buf(), _lock: Some(lock) };
        if kg.check_format()?.is_some_and(|found| found < STORE_FORMAT) {
            kg.upgrade_layout()?;
        }
        kg.ensure_ontology()?;
        Ok(kg)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn oxigraph(&self) -> &Store {
        &self.store
    }

    fn storage_error(&self, source: StorageError) -> StoreError {
        StoreError::Storage { path: self.path.clone(), source }
    }

    fn meta_value(&self, property: &str) -> Result<Option<Term>, StoreError> {
        let meta = NamedNode::new_unchecked(vocab::META_GRAPH);
        let predicate = vocab::kg(property);
        let mut quads = self.store.quads_for_pattern(Some(meta.as_ref().into()), Some(predicate.as_ref()), None, Some(meta.as_ref().into()));
        quads.next().transpose().map(|q| q.map(|q| q.object)).map_err(|e| self.storage_error(e))
    }

    /// Refuses a store written by a newer zhkg; returns the store's format (none for a new store).
    fn check_format(&self) -> Result<Option<i64>, StoreError> {
        let Some(Term::Literal(found)) = self.meta_value("storeFormat")? else { return Ok(None) };
        let found: i64 = found.value().parse().unwrap_or(i64::MAX);
        if found > STORE_FORMAT {
            return Err(StoreError::NewerFormat { path: self.path.clone(), found });
        }
        Ok(Some(found))
    }

    /// Format 1 → 2, in one transaction: each article graph's classes and names of entities move
    /// to the entity graph, and the article graph says instead which entities it mentions.
    fn upgrade_layout(&self) -> Result<(), StoreError> {
        let update = format!(
            "INSERT {{ GRAPH <{entities}> {{ ?e ?p ?o }} GRAPH ?g {{ ?g kg:mentions ?e }} }}
             WHERE {{ GRAPH ?g {{ ?e ?p ?o }} VALUES ?p {{ rdf:type rdfs:label skos:altLabel }}
                      FILTER(STRSTARTS(STR(?g), \"{articles}\") && STRSTARTS(STR(?e), \"{ids}\")) }} ;
             DELETE {{ GRAPH ?g {{ ?e ?p ?o }} }}
             WHERE {{ GRAPH ?g {{ ?e ?p ?o }} VALUES ?p {{ rdf:type rdfs:label skos:altLabel }}
                      FILTER(STRSTARTS(STR(?g), \"{articles}\") && STRSTARTS(STR(?e), \"{ids}\")) }} ;
             DELETE WHERE {{ GRAPH <{meta}> {{ <{meta}> kg:storeFormat ?f }} }} ;
             INSERT DATA {{ GRAPH <{meta}> {{ <{meta}> kg:storeFormat {STORE_FORMAT} }} }}",
            entities = vocab::ENTITY_GRAPH,
            articles = vocab::ARTICLE_BASE,
            ids = vocab::ENTITY_BASE,
            meta = vocab::META_GRAPH,
        );
        // One update, one transaction: a store is upgraded whole or not at all.
        self.update(&update).map_err(|e| StoreError::Upgrade { path: self.path.clone(), message: e.to_string() })
    }

    /// Loads the bundled ontology when the store has none or an older copy, in one transaction
    /// together with the store's bookkeeping.
    fn ensure_ontology(&self) -> Result<(), StoreError> {
        let hash = vocab::content_hash(ONTOLOGY);
        let current = self.meta_value("ontologyHash")?;
        if matches!(&current, Some(Term::Literal(l)) if l.value() == hash) {
            return Ok(());
        }
        let ontology_graph = NamedNode::new_unchecked(vocab::ONTOLOGY_GRAPH);
        let meta = NamedNode::new_unchecked(vocab::META_GRAPH);
        let quads = ontology_quads()?;
        let mut transaction = self.store.start_transaction().map_err(|e| self.storage_error(e))?;
        transaction.clear_graph(ontology_graph.as_ref()).map_err(|e| self.storage_error(e))?;
        transaction.clear_graph(meta.as_ref()).map_err(|e| self.storage_error(e))?;
        transaction.extend(quads.iter());
        transaction.commit().map_err(|e| self.storage_error(e))
    }

    /// The content hash and extractor version an article graph was written with, if it exists.
    pub fn article_state(&self, graph: &NamedNode) -> Result<Option<(String, String)>, StoreError> {
        let value = |property: &str| -> Result<Option<String>, StoreError> {
            let predicate = vocab::kg(property);
            let g: GraphNameRef<'_> = graph.as_ref().into();
            let quad = self
                .store
                .quads_for_pattern(Some(graph.as_ref().into()), Some(predicate.as_ref()), None, Some(g))
                .next()
                .transpose()
                .map_err(|e| self.storage_error(e))?;
            Ok(quad.and_then(|q| match q.object {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            }))
        };
        Ok(match (value("contentHash")?, value("extractorVersion")?) {
            (Some(hash), Some(version)) => Some((hash, version)),
            _ => None,
        })
    }

    /// Writes articles, each replacing any earlier graph of the same article. Articles new to
    /// the store go in through one bulk load (atomic as a whole); an article that replaces an
    /// earlier version goes in through its own transaction (clear and insert together). Either
    /// way no article is ever half-written, and the entity graph changes with it.
    pub fn write_articles(&self, mut articles: Vec<ArticleGraph>) -> Result<(), StoreError> {
        // The same article twice in one batch: the later reading wins, as it would one by one.
        let mut seen = HashSet::new();
        articles.reverse();
        articles.retain(|a| seen.insert(a.graph.clone()));
        articles.reverse();

        let mut fresh = Vec::new();
        for article in articles {
            let exists = self.store.contains_named_graph(article.graph.as_ref()).map_err(|e| self.storage_error(e))?;
            if exists {
                let mut transaction = self.store.start_transaction().map_err(|e| self.storage_error(e))?;
                // The entities only the earlier version named leave with it; the new version's
                // entities then come in with its names and classes.
                let before = mentioned(&transaction, &article.graph).map_err(|e| self.storage_error(e))?;
                transaction.clear_graph(article.graph.as_ref()).map_err(|e| self.storage_error(e))?;
                forget_unmentioned(&mut transaction, before).map_err(|e| self.storage_error(e))?;
                transaction.extend(article.quads.iter().chain(&article.entity_quads));
                transaction.commit().map_err(|e| self.storage_error(e))?;
            } else {
                fresh.push(article);
            }
        }
        if fresh.is_empty() {
            return Ok(());
        }
        let entity_quads: Vec<Quad> = graph::distinct_entity_quads(&fresh).into_iter().cloned().collect();
        let mut loader = self.store.bulk_loader().with_num_threads(1).with_max_memory_size_in_megabytes(512);
        loader
            .load_quads(fresh.into_iter().flat_map(|a| a.quads.into_iter()).chain(entity_quads))
            .map_err(|e| self.storage_error(e))?;
        loader.commit().map_err(|e| self.storage_error(e))
    }

    /// The article graphs a user's words name: the article IRI itself, its URL, or the path it
    /// was read from (a JSON Lines file names all of its lines, a directory everything below it).
    pub fn find_articles(&self, selector: &str) -> Result<Vec<NamedNode>, StoreError> {
        let mut found = Vec::new();
        if let Ok(iri) = NamedNode::new(selector) {
            if self.store.contains_named_graph(iri.as_ref()).map_err(|e| self.storage_error(e))? {
                found.push(iri);
            }
        }
        let path = vocab::absolute(Path::new(selector));
        // A path names its own article, the lines of a JSON Lines file (PATH:N) and, for a
        // directory, everything below it.
        let names_path = |v: &str| {
            v == path
                || v.strip_prefix(path.as_str()).is_some_and(|rest| {
                    rest.starts_with('/') || (rest.starts_with(':') && rest[1..].bytes().all(|b| b.is_ascii_digit()))
                })
        };
        let by_url = vocab::kg("url");
        let by_path = vocab::kg("sourcePath");
        let selections: [(&NamedNode, &dyn Fn(&str) -> bool); 2] = [(&by_url, &|v| v == selector), (&by_path, &names_path)];
        for (predicate, matches) in selections {
            for quad in self.store.quads_for_pattern(None, Some(predicate.as_ref()), None, None) {
                let quad = quad.map_err(|e| self.storage_error(e))?;
                if let (Term::Literal(value), oxigraph::model::GraphName::NamedNode(graph)) = (&quad.object, &quad.graph_name) {
                    if matches(value.value()) && !found.contains(graph) {
                        found.push(graph.clone());
                    }
                }
            }
        }
        Ok(found)
    }

    /// Removes article graphs, and the entities no other article mentions, in one transaction.
    pub fn remove_articles(&self, graphs: &[NamedNode]) -> Result<(), StoreError> {
        let mut transaction = self.store.start_transaction().map_err(|e| self.storage_error(e))?;
        let mut before = HashSet::new();
        for graph in graphs {
            before.extend(mentioned(&transaction, graph).map_err(|e| self.storage_error(e))?);
            transaction.remove_named_graph(graph.as_ref()).map_err(|e| self.storage_error(e))?;
        }
        forget_unmentioned(&mut transaction, before).map_err(|e| self.storage_error(e))?;
        transaction.commit().map_err(|e| self.storage_error(e))
    }

    /// How many quads the store holds, ontology and bookkeeping included.
    pub fn len(&self) -> Result<usize, StoreError> {
        self.store.len().map_err(|e| self.storage_error(e))
    }
}

/// The quads of the ontology graph and of the bookkeeping graph (store format, ontology hash), as
/// every store carries them: the embedded one, and a remote one written by `ingest
/// --update-endpoint`.
pub fn ontology_quads() -> Result<Vec<Quad>, StoreError> {
    let ontology_graph = NamedNode::new_unchecked(vocab::ONTOLOGY_GRAPH);
    let meta = NamedNode::new_unchecked(vocab::META_GRAPH);
    let parser = RdfParser::from_format(RdfFormat::Turtle)
        .without_named_graphs()
        .with_default_graph(ontology_graph);
    let mut quads = Vec::new();
    for quad in parser.for_slice(ONTOLOGY.as_bytes()) {
        quads.push(quad.map_err(|e| StoreError::Ontology(e.to_string()))?);
    }
    let hash = vocab::content_hash(ONTOLOGY);
    quads.push(QuadRef::new(&meta, &vocab::kg("storeFormat"), &Literal::from(STORE_FORMAT), &meta).into_owned());
    quads.push(QuadRef::new(&meta, &vocab::kg("ontologyHash"), &Literal::new_simple_literal(&hash), &meta).into_owned());
    Ok(quads)
}

/// The entities an article graph mentions.
fn mentioned(transaction: &Transaction<'_>, graph: &NamedNode) -> Result<HashSet<NamedNode>, StorageError> {
    let mentions = vocab::kg("mentions");
    let mut entities = HashSet::new();
    for quad in transaction.quads_for_pattern(Some(graph.as_ref().into()), Some(mentions.as_ref()), None, Some(graph.as_ref().into())) {
        if let Term::NamedNode(entity) = quad?.object {
            entities.insert(entity);
        }
    }
    Ok(entities)
}

/// Takes out of the entity graph the classes and names of those `entities` that no article
/// mentions any more (the transaction's own changes included).
fn forget_unmentioned(transaction: &mut Transaction<'_>, entities: HashSet<NamedNode>) -> Result<(), StorageError> {
    let mentions = vocab::kg("mentions");
    let entity_graph = NamedNode::new_unchecked(vocab::ENTITY_GRAPH);
    for entity in entities {
        if transaction.quads_for_pattern(None, Some(mentions.as_ref()), Some(entity.as_ref().into()), None).next().transpose()?.is_some() {
            continue;
        }
        let description: Vec<Quad> = transaction
            .quads_for_pattern(Some(entity.as_ref().into()), None, None, Some(entity_graph.as_ref().into()))
            .collect::<Result<_, _>>()?;
        for quad in &description {
            transaction.remove(quad);
        }
    }
    Ok(())
}

/// RocksDB reports its own lock held by a process that bypassed ours (an older zhkg, or another
/// Oxigraph program) as an I/O error; name it as what it is.
fn classify_open_error(path: &Path, error: StorageError) -> StoreError {
    let message = error.to_string();
    if message.contains("lock") || message.contains("LOCK") {
        StoreError::Locked(path.to_path_buf())
    } else {
        StoreError::Storage { path: path.to_path_buf(), source: error }
    }
}
