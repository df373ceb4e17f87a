//! The Oxigraph store (stub: being written).
