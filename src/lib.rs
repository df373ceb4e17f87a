//! zhkg: Chinese technology news in, RDF facts out.
//!
//! The pipeline, one module a step (ARCHITECTURE.md has the map and its invariants):
//! read → decode → normalise → segment → recognise → relate → resolve → store → export.

pub mod export;
pub mod extract;
pub mod model;
pub mod read;
pub mod resolve;
pub mod serve;
pub mod store;
pub mod text;
