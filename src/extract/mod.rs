//! Recognising entities and relating them (stub: being written).

use crate::model::{Article, Extraction};

/// Rules and vocabularies loaded from `data/`, ready to extract.
pub struct Extractor {}

#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("{file}:{line}: {message}")]
    Invalid { file: String, line: usize, message: String },
}

impl Extractor {
    /// Loads and checks the bundled rules and vocabularies.
    pub fn new() -> Result<Extractor, DataError> {
        Ok(Extractor {})
    }

    /// Identifies the rules and vocabularies, so a store knows which articles to re-extract.
    pub fn version(&self) -> String {
        String::from("0")
    }

    /// Everything this article says, resolved to entities. Pure: no I/O.
    pub fn extract(&self, _article: &Article) -> Extraction {
        Extraction::default()
    }
}
