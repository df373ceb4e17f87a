//! Recognising entities and relating them: the pure heart of the pipeline (no I/O).
//!
//! Steps, one submodule each, data flowing one way:
//! - [`data`]: the rules and vocabularies of `data/`, parsed and checked at start;
//! - [`recognise`]: mentions of organisations, people, places, products and dates;
//! - [`discourse`]: coreference (该公司, 其, 他, a clause without a subject) as virtual mentions;
//! - [`relate`]: relation rules matched over each sentence, then negation, ended roles,
//!   contract manufacturing and speculation;
//! - `crate::resolve`: mentions → entities with keys and labels.

pub mod data;
pub mod discourse;
pub mod recognise;
pub mod relate;
pub mod trie;

#[cfg(test)]
mod tests;

use sha2::{Digest, Sha256};

use crate::model::{Article, Class, Date, Extraction};
use crate::text::{fold::Folder, Segmenter, Token};
use data::Data;

/// Rules and vocabularies loaded from `data/`, ready to extract.
pub struct Extractor {
    pub(crate) data: Data,
    pub(crate) folder: Folder,
    pub(crate) seg: Segmenter,
    digest: Sha256,
}

#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("{file}:{line}: {message}")]
    Invalid { file: String, line: usize, message: String },
}

/// A name (or date, or pronoun) found in the text.
#[derive(Debug, Clone)]
pub struct Mention {
    /// The span relation rules see, in chars: may include a product noun (混元大模型) or a
    /// bracketed alias (深度求索(DeepSeek)) beside the name.
    pub start: usize,
    pub end: usize,
    pub class: Class,
    pub date: Option<Date>,
    /// The preferred surface name, in the original script.
    pub name: String,
    /// Other surface names: legal names, bracketed aliases, name + product noun.
    pub alts: Vec<String>,
    /// The dictionary entry the name matched.
    pub gaz: Option<u32>,
    /// How strong the evidence for the class is (0 weakest).
    pub tier: u8,
    /// A pronoun, a repeated short name or a clause's unstated subject: the mention it stands for.
    pub refers: Option<usize>,
    /// A name inside another name (深圳 in 深圳曜石资本): an entity, but no relation sees it.
    pub side: bool,
}

impl Mention {
    pub fn is_date(&self) -> bool {
        self.date.is_some()
    }
}

/// One article in the forms every step reads.
pub struct Doc {
    pub orig: Vec<char>,
    /// The fold (width, script, dots) with ASCII lowercased: what all matching reads.
    pub fl: Vec<char>,
    pub sentences: Vec<crate::model::Sentence>,
    pub tokens: Vec<Token>,
    /// Index of the token starting / ending at each char offset (`NONE` when none).
    pub tok_start: Vec<u32>,
    pub tok_end: Vec<u32>,
    /// Index of the sentence each char belongs to.
    pub sent_of: Vec<u32>,
}

pub const NONE: u32 = u32::MAX;

/// Marks that join posts held together (创始人兼CEO, 董事长、总裁, 创始人及总经理).
pub const ROLE_JOINERS: &[char] = &['兼', '暨', '、', '和', '及', '与', '/', '&'];

impl Doc {
    pub fn text(&self, a: usize, b: usize) -> String {
        self.orig[a..b].iter().collect()
    }
    pub fn sentence_end(&self, i: usize) -> usize {
        match self.sent_of.get(i) {
            Some(&s) if s != NONE => self.sentences[s as usize].end,
            _ => self.fl.len(),
        }
    }
    pub fn sentence_start(&self, i: usize) -> usize {
        match self.sent_of.get(i) {
            Some(&s) if s != NONE => self.sentences[s as usize].start,
            _ => 0,
        }
    }
}

impl Extractor {
    /// Loads and checks the bundled rules and vocabularies.
    pub fn new() -> Result<Extractor, DataError> {
        let folder = Folder::new().map_err(|m| DataError::Invalid { file: "ferrous-opencc".into(), line: 0, message: m })?;
        let data = Data::load(&folder)?;
        let mut digest = Sha256::new();
        digest.update(env!("CARGO_PKG_VERSION").as_bytes());
        for (name, text) in data::ALL_FILES {
            digest.update(name.as_bytes());
            digest.update(text.as_bytes());
        }
        let mut ex = Extractor { data, folder, seg: Segmenter::new(), digest };
        ex.rebuild_segmenter();
        Ok(ex)
    }

    /// Adds a user alias file in the format of `data/entities.tsv`; its names win over the
    /// bundled ones. `file_name` names the file in errors.
    pub fn with_aliases(mut self, text: &str, file_name: &str) -> Result<Extractor, DataError> {
        self.data.load_entities(&self.folder, file_name, text)?;
        self.digest.update(file_name.as_bytes());
        self.digest.update(text.as_bytes());
        self.rebuild_segmenter();
        Ok(self)
    }

    fn rebuild_segmenter(&mut self) {
        let mut seg = Segmenter::new();
        for e in &self.data.entries {
            let tag = match e.class.top() {
                Class::Organization => "nt",
                Class::Person => "nr",
                Class::Place => "ns",
                _ => "nz",
            };
            for name in std::iter::once(&e.canonical).chain(e.aliases.iter()) {
                let folded: String = self.folder.fold(name).into_iter().collect();
                seg.add_word(&folded, tag);
            }
        }
        self.seg = seg;
    }

    /// Identifies the rules and vocabularies, so a store knows which articles to re-extract.
    pub fn version(&self) -> String {
        let hash = self.digest.clone().finalize();
        let hex: String = hash.iter().take(6).map(|b| format!("{b:02x}")).collect();
        format!("{}-{hex}", env!("CARGO_PKG_VERSION"))
    }

    /// Reads an article into its folded, split and segmented forms.
    pub fn prepare(&self, text: &str) -> Doc {
        let orig: Vec<char> = text.chars().collect();
        let mut fl = self.folder.fold(text);
        let sentences = crate::text::sentences(&fl);
        let n = fl.len();
        let mut tokens = Vec::with_capacity(n / 2 + 1);
        let mut sent_of = vec![NONE; n + 1];
        let mut buf = String::new();
        for (si, s) in sentences.iter().enumerate() {
            buf.clear();
            buf.extend(&fl[s.start..s.end]);
            self.seg.tag_into(&buf, s.start, &mut tokens);
            for x in &mut sent_of[s.start..s.end] {
                *x = si as u32;
            }
        }
        let mut tok_start = vec![NONE; n + 1];
        let mut tok_end = vec![NONE; n + 1];
        for (i, t) in tokens.iter().enumerate() {
            tok_start[t.start] = i as u32;
            tok_end[t.end] = i as u32;
        }
        for c in fl.iter_mut() {
            c.make_ascii_lowercase();
        }
        Doc { orig, fl, sentences, tokens, tok_start, tok_end, sent_of }
    }

    /// Everything this article says, resolved to entities. Pure: no I/O.
    pub fn extract(&self, article: &Article) -> Extraction {
        let doc = self.prepare(&article.text);
        let mut mentions = recognise::recognise(self, &doc);
        discourse::link(self, &doc, &mut mentions);
        let raw = relate::relate(self, &doc, &mentions);
        let mut extraction = crate::resolve::resolve(self, &doc, &mentions, raw);
        extraction.keep_strongest_evidence();
        extraction.drop_headquarters_guesses();
        extraction
    }
}
