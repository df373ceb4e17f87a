//! Normalising and segmenting text (stub: being written).
