//! Normalising and segmenting text: the first step after reading.
//!
//! - [`fold`]: a matching fold of the text, ONE CHARACTER OUT FOR ONE CHARACTER IN (full-width →
//!   half-width, traditional → simplified, middle-dot variants → `·`), so every offset in the fold
//!   is the same offset in the original text. Labels are always cut from the original.
//! - [`split`]: sentences as character offsets (`model::Sentence`).
//! - [`segment`]: one shared `Jieba` with our dictionary words added, run on the folded text.

pub mod fold;
pub mod segment;
pub mod split;

pub use fold::Folder;
pub use segment::{Pos, Segmenter, Token};
pub use split::sentences;
