//! Entity resolution: one key per real entity across scripts, languages and articles
//! (stub: being written).
