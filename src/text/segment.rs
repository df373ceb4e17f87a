//! Segmentation: one shared `Jieba` with our dictionary words added, run on the folded text.

use jieba_rs::Jieba;

/// Jieba's part-of-speech tags, coarsened to what recognition asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    /// nr, nrfg, nrt: a person's name.
    Person,
    /// ns: a place.
    Place,
    /// nt: an organisation.
    Org,
    /// nz: another proper noun.
    Proper,
    /// n and other nouns.
    Noun,
    /// vn, an: nouns made of verbs/adjectives.
    VerbNoun,
    Verb,
    Adj,
    Eng,
    Num,
    Quant,
    Time,
    Prep,
    Conj,
    Particle,
    Adverb,
    Pronoun,
    Punct,
    /// f, s, b, i, l, …: direction and place words, idioms, set phrases: never part of a name.
    Misc,
    Other,
}

impl Pos {
    pub fn of(tag: &str) -> Pos {
        match tag {
            "nr" | "nrfg" | "nrt" => Pos::Person,
            "ns" => Pos::Place,
            "nt" => Pos::Org,
            "nz" => Pos::Proper,
            "vn" | "an" => Pos::VerbNoun,
            "eng" => Pos::Eng,
            "m" | "mq" => Pos::Num,
            "q" => Pos::Quant,
            "t" | "tg" => Pos::Time,
            "p" => Pos::Prep,
            "c" => Pos::Conj,
            "r" | "rr" | "rz" => Pos::Pronoun,
            "x" | "w" => Pos::Punct,
            "f" | "s" | "b" | "z" | "e" | "y" | "o" | "h" | "k" | "i" | "l" | "g" | "ul" | "uj" | "zg" => Pos::Misc,
            _ => match tag.as_bytes().first() {
                Some(b'n') => Pos::Noun,
                Some(b'v') => Pos::Verb,
                Some(b'a') => Pos::Adj,
                Some(b'u') => Pos::Particle,
                Some(b'd') => Pos::Adverb,
                Some(b'r') => Pos::Pronoun,
                _ => Pos::Other,
            },
        }
    }

    /// A word that can be part of a name: nouns, proper nouns, foreign words, unknowns.
    pub fn nameish(self) -> bool {
        matches!(self, Pos::Person | Pos::Place | Pos::Org | Pos::Proper | Pos::Noun | Pos::Eng | Pos::Other | Pos::Adj | Pos::VerbNoun)
    }
}

/// A word of the folded text: char offsets into the article, and its part of speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub pos: Pos,
}

pub struct Segmenter {
    jieba: Jieba,
}

impl Segmenter {
    pub fn new() -> Segmenter {
        Segmenter { jieba: Jieba::new() }
    }

    /// Adds a word with a tag (`nt` organisation, `nr` person, `ns` place, `nz` product).
    pub fn add_word(&mut self, word: &str, tag: &str) {
        if word.chars().count() >= 2 && !word.is_ascii() {
            // A frequency that keeps the word whole without swallowing its neighbours.
            let freq = self.jieba.suggest_freq(word).max(300);
            self.jieba.add_word(word, Some(freq), Some(tag));
        }
    }

    /// Tags `sentence` (a slice of the folded text starting at char `offset`), appending tokens
    /// with article offsets to `out`.
    pub fn tag_into(&self, sentence: &str, offset: usize, out: &mut Vec<Token>) {
        for t in self.jieba.tag(sentence, true) {
            let mut pos = Pos::of(t.tag);
            // jieba tags words of rare characters x (韵芸, 周鸿祎): ideographs are no punctuation
            if pos == Pos::Punct && t.word.chars().all(crate::text::fold::is_cjk) {
                pos = Pos::Other;
            }
            out.push(Token { start: offset + t.start, end: offset + t.end, pos });
        }
    }
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter::new()
    }
}
