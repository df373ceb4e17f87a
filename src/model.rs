//! The typed values every pipeline step exchanges: what was read (`Article`), what was found
//! (`Extraction`: sentences, entities, facts with their evidence). No step passes strings or JSON
//! where one of these types fits.

use std::fmt;
use std::path::PathBuf;

/// Where an article was read from; part of its identity when it has no URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A `.txt`, `.md`, `.html` or `.htm` file.
    File(PathBuf),
    /// Line `line` (1-based) of a JSON Lines file, or of standard input when `path` is `None`.
    JsonLine { path: Option<PathBuf>, line: usize },
    /// Plain text or HTML read from standard input.
    Stdin,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::File(path) => write!(f, "{}", path.display()),
            Origin::JsonLine { path: Some(path), line } => write!(f, "{}:{line}", path.display()),
            Origin::JsonLine { path: None, line } => write!(f, "<stdin>:{line}"),
            Origin::Stdin => f.write_str("<stdin>"),
        }
    }
}

/// One news article after reading and decoding: its text in the script it was written in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub origin: Origin,
    /// The text extraction runs on, with `\n` line breaks. Every offset in an `Extraction` is a
    /// character (not byte) offset into this string.
    pub text: String,
    pub title: Option<String>,
    /// Publication date as ISO 8601: `2025-03-02`, or `2025-03` / `2025` when that is all we know.
    pub published: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    /// The encoding the bytes were decoded from (`UTF-8`, `GBK`, `gb18030`, `Big5`).
    pub encoding: &'static str,
}

/// The script or language of a name, as an RDF language tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    Hans,
    Hant,
    En,
}

impl Lang {
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Hans => "zh-Hans",
            Lang::Hant => "zh-Hant",
            Lang::En => "en",
        }
    }
}

/// A name with its language tag.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Label {
    pub text: String,
    pub lang: Lang,
}

macro_rules! classes {
    ($($class:ident => $top:ident),* $(,)?) => {
        /// An entity class: the four top classes of the contract and the finer classes under them.
        /// Each is declared in `ontology/zhkg.ttl` under the same local name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Class { $($class),* }

        impl Class {
            pub const ALL: &'static [Class] = &[$(Class::$class),*];

            /// The contract's top class this class falls under (itself for a top class).
            pub fn top(self) -> Class {
                match self { $(Class::$class => Class::$top),* }
            }

            /// The local name in the `kg:` namespace.
            pub fn local_name(self) -> &'static str {
                match self { $(Class::$class => stringify!($class)),* }
            }

            pub fn from_local_name(name: &str) -> Option<Class> {
                match name { $(stringify!($class) => Some(Class::$class),)* _ => None }
            }
        }
    };
}

classes! {
    Organization => Organization,
    Company => Organization,
    University => Organization,
    ResearchInstitute => Organization,
    Investor => Organization,
    Person => Person,
    Place => Place,
    Country => Place,
    Province => Place,
    City => Place,
    District => Place,
    Park => Place,
    Product => Product,
    AIModel => Product,
    Chip => Product,
    App => Product,
    Vehicle => Product,
    Game => Product,
    Robot => Product,
    Device => Product,
}

impl Class {
    pub fn is_top(self) -> bool {
        self.top() == self
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.local_name())
    }
}

macro_rules! properties {
    ($($prop:ident = $local:literal),* $(,)?) => {
        /// A property of the contract's table.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Property { $($prop),* }

        impl Property {
            pub const ALL: &'static [Property] = &[$(Property::$prop),*];

            /// The local name in the `kg:` namespace.
            pub fn local_name(self) -> &'static str {
                match self { $(Property::$prop => $local),* }
            }

            pub fn from_local_name(name: &str) -> Option<Property> {
                match name { $($local => Some(Property::$prop),)* _ => None }
            }
        }
    };
}

properties! {
    FoundedBy = "foundedBy",
    HeadquarteredIn = "headquarteredIn",
    Develops = "develops",
    ParentOrganization = "parentOrganization",
    Ceo = "ceo",
    Chairperson = "chairperson",
    WorksFor = "worksFor",
    LocatedIn = "locatedIn",
    FoundingDate = "foundingDate",
}

impl fmt::Display for Property {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.local_name())
    }
}

/// A founding date as precise as the text gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Date {
    Year(i32),
    Day(i32, u8, u8),
}

impl Date {
    /// The lexical form and the XSD datatype's local name (`gYear` or `date`).
    pub fn lexical(self) -> (String, &'static str) {
        match self {
            Date::Year(y) => (format!("{y:04}"), "gYear"),
            Date::Day(y, m, d) => (format!("{y:04}-{m:02}-{d:02}"), "date"),
        }
    }
}

/// One sentence of the article: character offsets into `Article::text`, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

/// An entity of one article after resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// The resolution key: equal keys are the same real entity, across articles and runs. The
    /// store mints the entity IRI from it alone.
    pub key: String,
    pub class: Class,
    /// The preferred name.
    pub label: Label,
    /// Every other name: the other script, English, short and legal forms.
    pub alt_labels: Vec<Label>,
    /// The names merged into this entity and why, so that merges can be reviewed (and undone
    /// with a `Distinct` line in a user alias file). The preferred label is not listed.
    pub merges: Vec<Merge>,
}

/// One name merged into an entity by resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    pub name: Label,
    pub reason: MergeReason,
}

/// Why resolution merged a name into an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MergeReason {
    /// An alias of the bundled entity dictionary (data/entities.tsv, data/places.tsv).
    Dictionary,
    /// An alias of the user's alias file (`--aliases`).
    UserAlias,
    /// The registered legal name and its short form (苏州灵犀动力科技有限公司 → 灵犀动力).
    LegalName,
    /// A name in brackets beside another (深度求索(DeepSeek)).
    BracketAlias,
    /// A short name the text declares (以下简称“灵犀”).
    DeclaredShortName,
    /// Another spelling with the same key (script, width, case, spaces, dots).
    SameKey,
    /// A place written with the places it lies in (浙江省杭州市 → 杭州).
    PlaceNesting,
    /// A name written with its product noun (混元大模型 → 混元).
    NounPhrase,
}

impl MergeReason {
    /// The value of `kg:mergeReason`.
    pub fn as_str(self) -> &'static str {
        match self {
            MergeReason::Dictionary => "dictionary",
            MergeReason::UserAlias => "user-alias",
            MergeReason::LegalName => "legal-name",
            MergeReason::BracketAlias => "bracket-alias",
            MergeReason::DeclaredShortName => "declared-short-name",
            MergeReason::SameKey => "same-key",
            MergeReason::PlaceNesting => "place-nesting",
            MergeReason::NounPhrase => "noun-phrase",
        }
    }
}

/// What a fact points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Object {
    /// An index into `Extraction::entities`.
    Entity(usize),
    Date(Date),
}

/// Why a fact is believed: where it was read and which rule read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Index into `Extraction::sentences`.
    pub sentence: usize,
    /// Character offsets into `Article::text` of the span the rule matched, end exclusive.
    pub start: usize,
    pub end: usize,
    /// The rule's name, as written in its data file.
    pub rule: String,
    /// 0.0 to 1.0.
    pub confidence: f32,
}

/// One fact: subject (an index into `Extraction::entities`), property, object, evidence. The same
/// triple may appear more than once with different evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub subject: usize,
    pub property: Property,
    pub object: Object,
    pub evidence: Evidence,
}

/// Everything extraction found in one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    pub sentences: Vec<Sentence>,
    pub entities: Vec<Entity>,
    pub facts: Vec<Fact>,
}

impl Extraction {
    /// Keeps one fact per triple and sentence: the one with the most confident evidence (the
    /// earliest among equals). Several rules often read the same fact in the same sentence;
    /// provenance records that the sentence supports it, once.
    pub fn keep_strongest_evidence(&mut self) {
        let mut best: std::collections::HashMap<(usize, Property, Object, usize), usize> = std::collections::HashMap::new();
        for (i, fact) in self.facts.iter().enumerate() {
            let key = (fact.subject, fact.property, fact.object, fact.evidence.sentence);
            let slot = best.entry(key).or_insert(i);
            if fact.evidence.confidence > self.facts[*slot].evidence.confidence {
                *slot = i;
            }
        }
        let mut keep = vec![false; self.facts.len()];
        for &i in best.values() {
            keep[i] = true;
        }
        let mut index = 0;
        self.facts.retain(|_| {
            index += 1;
            keep[index - 1]
        });
    }

    /// Drops a weak headquarters guess (from a name's leading place, below `WEAK_HQ`) when the
    /// article states the same organisation's headquarters outright (广东森鼎…坐落于东莞市).
    pub fn drop_headquarters_guesses(&mut self) {
        const WEAK_HQ: f32 = 0.65;
        let stated: std::collections::HashSet<usize> = self.facts.iter().filter(|f| f.property == Property::HeadquarteredIn && f.evidence.confidence >= WEAK_HQ).map(|f| f.subject).collect();
        self.facts.retain(|f| !(f.property == Property::HeadquarteredIn && f.evidence.confidence < WEAK_HQ && stated.contains(&f.subject)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(object: usize, sentence: usize, rule: &str, confidence: f32) -> Fact {
        Fact {
            subject: 0,
            property: Property::HeadquarteredIn,
            object: Object::Entity(object),
            evidence: Evidence { sentence, start: 0, end: 1, rule: rule.into(), confidence },
        }
    }

    #[test]
    fn one_fact_per_triple_and_sentence_with_the_strongest_evidence() {
        let mut extraction = Extraction {
            facts: vec![
                fact(1, 0, "weak", 0.75),
                fact(1, 0, "strong", 0.9),
                fact(1, 0, "also-strong", 0.9),
                fact(1, 1, "other-sentence", 0.5),
                fact(2, 0, "other-object", 0.6),
            ],
            ..Extraction::default()
        };
        extraction.keep_strongest_evidence();
        let rules: Vec<&str> = extraction.facts.iter().map(|f| f.evidence.rule.as_str()).collect();
        assert_eq!(rules, ["strong", "other-sentence", "other-object"]);
    }

    #[test]
    fn a_stated_headquarters_outweighs_a_guess_from_the_name() {
        let mut stated = Extraction { facts: vec![fact(1, 0, "org-name-place", 0.6), fact(2, 1, "org-at-place", 0.75)], ..Extraction::default() };
        stated.drop_headquarters_guesses();
        assert_eq!(stated.facts.len(), 1);
        assert_eq!(stated.facts[0].evidence.rule, "org-at-place");
        let mut alone = Extraction { facts: vec![fact(1, 0, "org-name-place", 0.6)], ..Extraction::default() };
        alone.drop_headquarters_guesses();
        assert_eq!(alone.facts.len(), 1);
    }
}
