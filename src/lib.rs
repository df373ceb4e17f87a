//! zhkg: Chinese technology news in, RDF facts out.
//!
//! The pipeline, one module a step (ARCHITECTURE.md has the map and its invariants):
//! read → decode → normalise → segment → recognise → relate → resolve → store → export.
//!
//! Without the default `store` feature the crate is the pure half (reading, text, extraction,
//! resolution, the model): no Oxigraph, no RocksDB, no server. `fuzz/` builds it that way.

#[cfg(feature = "store")]
pub mod export;
pub mod extract;
pub mod model;
pub mod read;
pub mod resolve;
#[cfg(feature = "store")]
pub mod serve;
#[cfg(feature = "store")]
pub mod store;
pub mod text;
