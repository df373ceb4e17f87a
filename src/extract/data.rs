//! The bundled data files (`data/`), parsed and checked. A malformed line is a
//! `DataError::Invalid` naming `file:line`.

use std::collections::{HashMap, HashSet};

use super::trie::Trie;
use super::DataError;
use crate::model::{Class, Property};
use crate::text::fold::{key_of, Folder};

pub const ENTITIES: (&str, &str) = ("data/entities.tsv", include_str!("../../data/entities.tsv"));
pub const PLACES: (&str, &str) = ("data/places.tsv", include_str!("../../data/places.tsv"));
pub const SUFFIXES: (&str, &str) = ("data/org-suffixes.txt", include_str!("../../data/org-suffixes.txt"));
pub const PRODUCT_NOUNS: (&str, &str) = ("data/product-nouns.tsv", include_str!("../../data/product-nouns.tsv"));
pub const ROLES: (&str, &str) = ("data/roles.tsv", include_str!("../../data/roles.tsv"));
pub const RELATIONS: (&str, &str) = ("data/relations.tsv", include_str!("../../data/relations.tsv"));
pub const WORDS: (&str, &str) = ("data/words.tsv", include_str!("../../data/words.tsv"));
pub const SURNAMES: (&str, &str) = ("data/surnames.txt", include_str!("../../data/surnames.txt"));

pub const ALL_FILES: [(&str, &str); 8] = [ENTITIES, PLACES, SUFFIXES, PRODUCT_NOUNS, ROLES, RELATIONS, WORDS, SURNAMES];

/// A known entity: from the entity dictionary or the places gazetteer.
#[derive(Debug, Clone)]
pub struct Entry {
    pub class: Class,
    pub canonical: String,
    pub aliases: Vec<String>,
    /// The place this place lies in (an index into `Data::entries`).
    pub parent: Option<u32>,
    pub key: String,
    /// From a user's alias file (`--aliases`), not the bundled data.
    pub user: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuffixKind {
    Legal,
    Strong,
    Weak,
}

/// A set of words: exact membership and longest match at a position.
#[derive(Default, Clone)]
pub struct WordList {
    pub trie: Trie,
    pub set: HashSet<String>,
    pub words: Vec<Vec<char>>,
}

impl WordList {
    fn add(&mut self, w: Vec<char>) {
        if w.is_empty() {
            return;
        }
        let id = self.words.len() as u32;
        self.set.insert(w.iter().collect());
        self.trie.insert(&w, id);
        self.words.push(w);
    }
    /// Length of the longest word at `text[at..]`.
    pub fn at(&self, text: &[char], at: usize) -> Option<usize> {
        self.trie.longest_at(text, at).map(|(l, _)| l)
    }
    pub fn ends_at(&self, text: &[char], end: usize) -> Option<usize> {
        self.trie.longest_ending_at(text, end).map(|(l, _)| l)
    }
    pub fn contains(&self, s: &str) -> bool {
        self.set.contains(s)
    }
    pub fn contains_chars(&self, s: &[char]) -> bool {
        self.trie.get(s).is_some()
    }
}

/// Classes a pattern slot accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SlotClass {
    Org,
    Person,
    Place,
    Product,
    Date,
}

impl SlotClass {
    pub fn accepts(self, class: Class) -> bool {
        matches!(
            (self, class.top()),
            (SlotClass::Org, Class::Organization)
                | (SlotClass::Person, Class::Person)
                | (SlotClass::Place, Class::Place)
                | (SlotClass::Product, Class::Product)
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotRole {
    Subject,
    Object,
    /// x: a name that must be there but is not part of the fact.
    Ignore,
    /// No prefix: decided from the property's domain and range at load.
    Unmarked,
}

#[derive(Debug, Clone)]
pub enum Elem {
    /// `strong` (`{org!}`): not a guess from context alone (tier 2 or more).
    Slot { classes: Vec<SlotClass>, role: SlotRole, star: bool, strong: bool },
    Lit { alts: Vec<Vec<char>>, optional: bool },
    /// `<x:role>` (`named: false`): a role word that must be there but names no fact.
    Role { named: bool },
    /// `…N`: up to N characters within the clause; `~N`: up to N characters that may cross
    /// commas (not a sentence-ending mark).
    Gap(usize, bool),
    /// `$`: the clause ends here (a break mark, 、, 等 or the sentence's end follows).
    End,
    /// `!@LIST`: no word of the list follows here (位于P!@facility: not 位于P的工厂); opening the
    /// pattern, none stands right before the match (!@agent{org}…: not 由X…).
    Not(Vec<Vec<char>>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleProp {
    Fixed(Property),
    /// The property each matched role word names.
    Role,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub name: String,
    pub prop: RuleProp,
    pub elems: Vec<Elem>,
    pub confidence: f32,
    /// `+` before the pattern: every match from one start counts, each ending further on.
    pub repeats: bool,
}

/// Everything loaded from `data/`.
pub struct Data {
    pub entries: Vec<Entry>,
    /// Folded, ASCII-lowercased names → entry.
    pub names: Trie,
    pub suffixes: Trie,
    pub suffix_info: Vec<(Class, SuffixKind)>,
    pub product_nouns: Trie,
    pub product_noun_class: Vec<Class>,
    pub roles: Trie,
    pub role_props: Vec<Option<Property>>,
    pub surnames: HashSet<char>,
    pub compound_surnames: HashSet<(char, char)>,
    /// words.tsv and the @lists of relations.tsv.
    pub lists: HashMap<String, WordList>,
    pub rules: Vec<Rule>,
    /// `Distinct  NAME_A  NAME_B` lines of an entity file: pairs of keys that name different
    /// entities, both orders.
    pub distinct: HashSet<(String, String)>,
    empty: WordList,
}

/// Folds a data string the way the text is folded for matching: width, script, ASCII case.
pub fn fold_lower(folder: &Folder, s: &str) -> Vec<char> {
    let mut v = folder.fold(s);
    for c in v.iter_mut() {
        c.make_ascii_lowercase();
    }
    v
}

/// ASCII-lowercases already folded chars.
pub fn fold_lower_chars(s: &[char]) -> Vec<char> {
    s.iter().map(|c| c.to_ascii_lowercase()).collect()
}

fn err(file: &str, line: usize, message: impl Into<String>) -> DataError {
    DataError::Invalid { file: file.to_string(), line, message: message.into() }
}

/// Non-comment, non-blank lines with their 1-based numbers.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

fn class_of(file: &str, line: usize, s: &str) -> Result<Class, DataError> {
    Class::from_local_name(s).ok_or_else(|| err(file, line, format!("unknown class {s:?}")))
}

fn aliases(s: &str) -> Vec<String> {
    if s == "-" {
        return Vec::new();
    }
    s.split('|').map(str::trim).filter(|a| !a.is_empty()).map(String::from).collect()
}

impl Data {
    pub fn load(folder: &Folder) -> Result<Data, DataError> {
        let mut data = Data {
            entries: Vec::new(),
            names: Trie::new(),
            suffixes: Trie::new(),
            suffix_info: Vec::new(),
            product_nouns: Trie::new(),
            product_noun_class: Vec::new(),
            roles: Trie::new(),
            role_props: Vec::new(),
            surnames: HashSet::new(),
            compound_surnames: HashSet::new(),
            lists: HashMap::new(),
            rules: Vec::new(),
            distinct: HashSet::new(),
            empty: WordList::default(),
        };
        data.load_places(folder, PLACES.0, PLACES.1)?;
        data.load_entities(folder, ENTITIES.0, ENTITIES.1)?;
        data.load_suffixes(folder)?;
        data.load_product_nouns(folder)?;
        data.load_roles(folder)?;
        data.load_surnames()?;
        data.load_words(folder, WORDS.0, WORDS.1)?;
        data.load_relations(folder, RELATIONS.0, RELATIONS.1)?;
        Ok(data)
    }

    pub fn list(&self, name: &str) -> &WordList {
        self.lists.get(name).unwrap_or(&self.empty)
    }

    fn add_names(&mut self, folder: &Folder, id: u32) {
        let e = &self.entries[id as usize];
        let mut forms: Vec<String> = vec![e.canonical.clone()];
        forms.extend(e.aliases.iter().cloned());
        match e.class {
            Class::Province => {
                if !e.canonical.ends_with('省') && !e.canonical.ends_with('市') && !e.canonical.ends_with("区") && !e.canonical.ends_with('州') {
                    forms.push(format!("{}省", e.canonical));
                }
            }
            Class::City => forms.push(format!("{}市", e.canonical)),
            _ => {}
        }
        for f in forms {
            let k = fold_lower(folder, &f);
            if k.len() >= 2 {
                self.names.insert(&k, id);
            }
            // also without spaces for Latin names (Hugging Face → huggingface)
            if f.contains(' ') {
                let k2: Vec<char> = k.iter().copied().filter(|c| *c != ' ').collect();
                self.names.insert(&k2, id);
            }
        }
    }

    /// Adds the lines of an entity file (bundled or a user's) to the dictionary.
    pub fn load_entities(&mut self, folder: &Folder, file: &str, text: &str) -> Result<(), DataError> {
        for (n, line) in lines(text) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 3 {
                return Err(err(file, n, format!("expected 3 tab-separated columns (CLASS, CANONICAL, ALIASES), found {}", cols.len())));
            }
            if cols[0].trim() == "Distinct" {
                let (a, b) = (key_of(folder, cols[1].trim()), key_of(folder, cols[2].trim()));
                if a.is_empty() || b.is_empty() || a == b {
                    return Err(err(file, n, "Distinct needs two names with different keys"));
                }
                self.distinct.insert((a.clone(), b.clone()));
                self.distinct.insert((b, a));
                continue;
            }
            let class = class_of(file, n, cols[0].trim())?;
            let canonical = cols[1].trim();
            if canonical.is_empty() || canonical == "-" {
                return Err(err(file, n, "empty canonical name"));
            }
            let id = self.entries.len() as u32;
            self.entries.push(Entry {
                class,
                canonical: canonical.to_string(),
                aliases: aliases(cols[2]),
                parent: None,
                key: key_of(folder, canonical),
                user: file != ENTITIES.0,
            });
            self.add_names(folder, id);
        }
        Ok(())
    }

    fn load_places(&mut self, folder: &Folder, file: &str, text: &str) -> Result<(), DataError> {
        let mut by_name: HashMap<String, u32> = HashMap::new();
        for (n, line) in lines(text) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 4 {
                return Err(err(file, n, format!("expected 4 tab-separated columns (CLASS, NAME, PARENT, ALIASES), found {}", cols.len())));
            }
            let class = class_of(file, n, cols[0].trim())?;
            if class.top() != Class::Place {
                return Err(err(file, n, format!("{class} is not a kind of Place")));
            }
            let name = cols[1].trim();
            let parent = match cols[2].trim() {
                "-" => None,
                p => Some(*by_name.get(p).ok_or_else(|| err(file, n, format!("parent {p:?} is not defined on an earlier line")))?),
            };
            let id = self.entries.len() as u32;
            self.entries.push(Entry { class, canonical: name.to_string(), aliases: aliases(cols[3]), parent, key: key_of(folder, name), user: false });
            by_name.insert(name.to_string(), id);
            self.add_names(folder, id);
        }
        Ok(())
    }

    fn load_suffixes(&mut self, folder: &Folder) -> Result<(), DataError> {
        let (file, text) = SUFFIXES;
        for (n, line) in lines(text) {
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols.len() != 3 {
                return Err(err(file, n, "expected SUFFIX, CLASS, KIND"));
            }
            let class = class_of(file, n, cols[1])?;
            if class.top() != Class::Organization {
                return Err(err(file, n, format!("{class} is not a kind of Organization")));
            }
            let kind = match cols[2] {
                "legal" => SuffixKind::Legal,
                "strong" => SuffixKind::Strong,
                "weak" => SuffixKind::Weak,
                k => return Err(err(file, n, format!("kind must be legal, strong or weak, not {k:?}"))),
            };
            let id = self.suffix_info.len() as u32;
            self.suffix_info.push((class, kind));
            self.suffixes.insert(&fold_lower(folder, cols[0]), id);
        }
        Ok(())
    }

    fn load_product_nouns(&mut self, folder: &Folder) -> Result<(), DataError> {
        let (file, text) = PRODUCT_NOUNS;
        for (n, line) in lines(text) {
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols.len() != 2 {
                return Err(err(file, n, "expected NOUN, CLASS"));
            }
            let class = class_of(file, n, cols[1])?;
            if class.top() != Class::Product {
                return Err(err(file, n, format!("{class} is not a kind of Product")));
            }
            let id = self.product_noun_class.len() as u32;
            self.product_noun_class.push(class);
            self.product_nouns.insert(&fold_lower(folder, cols[0]), id);
        }
        Ok(())
    }

    fn load_roles(&mut self, folder: &Folder) -> Result<(), DataError> {
        let (file, text) = ROLES;
        for (n, line) in lines(text) {
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols.len() != 2 {
                return Err(err(file, n, "expected WORD, PROPERTY"));
            }
            let prop = match cols[1] {
                "none" => None,
                p => match Property::from_local_name(p) {
                    Some(p @ (Property::FoundedBy | Property::Ceo | Property::Chairperson | Property::WorksFor)) => Some(p),
                    _ => return Err(err(file, n, format!("property must be foundedBy, ceo, chairperson, worksFor or none, not {p:?}"))),
                },
            };
            let id = self.role_props.len() as u32;
            self.role_props.push(prop);
            self.roles.insert(&fold_lower(folder, cols[0]), id);
        }
        Ok(())
    }

    fn load_surnames(&mut self) -> Result<(), DataError> {
        let (file, text) = SURNAMES;
        for (n, line) in lines(text) {
            for w in line.split_whitespace() {
                let cs: Vec<char> = w.chars().collect();
                match cs.as_slice() {
                    [a] => {
                        self.surnames.insert(*a);
                    }
                    [a, b] => {
                        self.compound_surnames.insert((*a, *b));
                    }
                    _ => return Err(err(file, n, format!("a surname has one or two characters: {w:?}"))),
                }
            }
        }
        Ok(())
    }

    fn add_list(&mut self, folder: &Folder, name: &str, words: &str) {
        let list = self.lists.entry(name.to_string()).or_default();
        for w in words.split('|').map(str::trim).filter(|w| !w.is_empty()) {
            list.add(fold_lower(folder, w));
        }
    }

    fn load_words(&mut self, folder: &Folder, file: &str, text: &str) -> Result<(), DataError> {
        for (n, line) in lines(text) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 2 || cols[0].trim().is_empty() {
                return Err(err(file, n, "expected LIST, WORD|WORD|..."));
            }
            self.add_list(folder, cols[0].trim(), cols[1]);
        }
        Ok(())
    }

    pub fn load_relations(&mut self, folder: &Folder, file: &str, text: &str) -> Result<(), DataError> {
        let mut names = HashSet::new();
        for (n, line) in lines(text) {
            let cols: Vec<&str> = line.split('\t').collect();
            if let Some(list) = cols[0].strip_prefix('@') {
                if cols.len() != 2 || list.is_empty() {
                    return Err(err(file, n, "expected @LIST, WORD|WORD|..."));
                }
                self.add_list(folder, &format!("@{list}"), cols[1]);
                continue;
            }
            if cols.len() != 4 {
                return Err(err(file, n, format!("expected 4 tab-separated columns (RULE, PROPERTY, PATTERN, CONFIDENCE), found {}", cols.len())));
            }
            let name = cols[0].trim().to_string();
            if !names.insert(name.clone()) {
                return Err(err(file, n, format!("rule {name:?} is defined twice")));
            }
            let prop = match cols[1].trim() {
                "role" => RuleProp::Role,
                p => RuleProp::Fixed(Property::from_local_name(p).ok_or_else(|| err(file, n, format!("unknown property {p:?}")))?),
            };
            let confidence: f32 = cols[3].trim().parse().map_err(|_| err(file, n, format!("confidence {:?} is not a number", cols[3])))?;
            if !(0.0..=1.0).contains(&confidence) {
                return Err(err(file, n, "confidence must lie between 0 and 1"));
            }
            let pattern = cols[2].trim();
            let (repeats, pattern) = match pattern.strip_prefix('+') {
                Some(p) => (true, p),
                None => (false, pattern),
            };
            let mut elems = self.parse_pattern(folder, pattern).map_err(|m| err(file, n, m))?;
            assign_roles(prop, &mut elems).map_err(|m| err(file, n, m))?;
            self.rules.push(Rule { name, prop, elems, confidence, repeats });
        }
        Ok(())
    }

    fn list_alts(&self, name: &str) -> Result<Vec<Vec<char>>, String> {
        self.lists.get(name).map(|l| l.words.clone()).ok_or_else(|| format!("unknown word list {name} (define it with a line `{name}<TAB>WORD|WORD` above)"))
    }

    fn alts(&self, folder: &Folder, body: &str) -> Result<Vec<Vec<char>>, String> {
        let mut out = Vec::new();
        for a in body.split('|') {
            let a = a.trim();
            if a.starts_with('@') {
                out.extend(self.list_alts(a)?);
            } else if !a.is_empty() {
                out.push(fold_lower(folder, &a.replace('\\', "")));
            }
        }
        // Longest first: the matcher takes the first alternative that fits.
        out.sort_by_key(|a| std::cmp::Reverse(a.len()));
        Ok(out)
    }

    fn parse_pattern(&self, folder: &Folder, p: &str) -> Result<Vec<Elem>, String> {
        let cs: Vec<char> = p.chars().collect();
        let mut elems = Vec::new();
        let mut lit = String::new();
        let mut i = 0;
        let flush = |lit: &mut String, elems: &mut Vec<Elem>| {
            if !lit.is_empty() {
                elems.push(Elem::Lit { alts: vec![fold_lower(folder, lit)], optional: false });
                lit.clear();
            }
        };
        let close = |from: usize, c: char| -> Result<usize, String> {
            cs[from..].iter().position(|&x| x == c).map(|k| from + k).ok_or_else(|| format!("unclosed bracket: missing {c:?}"))
        };
        while i < cs.len() {
            let c = cs[i];
            match c {
                '\\' if i + 1 < cs.len() => {
                    lit.push(cs[i + 1]);
                    i += 2;
                }
                ' ' => i += 1,
                '{' => {
                    flush(&mut lit, &mut elems);
                    let j = close(i, '}')?;
                    let body: String = cs[i + 1..j].iter().collect();
                    elems.push(parse_slot(&body)?);
                    i = j + 1;
                }
                '<' => {
                    flush(&mut lit, &mut elems);
                    let j = close(i, '>')?;
                    let body: String = cs[i + 1..j].iter().collect();
                    let named = match body.as_str() {
                        "role" => true,
                        "x:role" => false,
                        _ => return Err(format!("unknown element <{body}> (<role> or <x:role>)")),
                    };
                    elems.push(Elem::Role { named });
                    i = j + 1;
                }
                '(' | '[' => {
                    flush(&mut lit, &mut elems);
                    let j = close(i, if c == '(' { ')' } else { ']' })?;
                    let body: String = cs[i + 1..j].iter().collect();
                    if c == '[' && body.starts_with('…') {
                        elems.push(Elem::Gap(gap_len(&body[3..])?, false));
                    } else {
                        let alts = self.alts(folder, &body)?;
                        if alts.is_empty() {
                            return Err(format!("empty alternatives {c}{body}"));
                        }
                        elems.push(Elem::Lit { alts, optional: c == '[' });
                    }
                    i = j + 1;
                }
                '@' => {
                    flush(&mut lit, &mut elems);
                    let mut j = i + 1;
                    while j < cs.len() && (cs[j].is_ascii_alphanumeric() || cs[j] == '-') {
                        j += 1;
                    }
                    let name: String = cs[i..j].iter().collect();
                    elems.push(Elem::Lit { alts: self.list_alts(&name)?, optional: false });
                    i = j;
                }
                '…' => {
                    flush(&mut lit, &mut elems);
                    let mut j = i + 1;
                    while j < cs.len() && cs[j].is_ascii_digit() {
                        j += 1;
                    }
                    let digits: String = cs[i + 1..j].iter().collect();
                    elems.push(Elem::Gap(gap_len(&digits)?, false));
                    i = j;
                }
                '~' => {
                    flush(&mut lit, &mut elems);
                    let mut j = i + 1;
                    while j < cs.len() && cs[j].is_ascii_digit() {
                        j += 1;
                    }
                    let digits: String = cs[i + 1..j].iter().collect();
                    elems.push(Elem::Gap(if digits.is_empty() { 40 } else { gap_len(&digits)? }, true));
                    i = j;
                }
                '$' => {
                    flush(&mut lit, &mut elems);
                    elems.push(Elem::End);
                    i += 1;
                }
                '!' if cs.get(i + 1) == Some(&'@') => {
                    flush(&mut lit, &mut elems);
                    let mut j = i + 2;
                    while j < cs.len() && (cs[j].is_ascii_alphanumeric() || cs[j] == '-') {
                        j += 1;
                    }
                    let name: String = cs[i + 1..j].iter().collect();
                    elems.push(Elem::Not(self.list_alts(&name)?));
                    i = j;
                }
                ')' | ']' | '}' | '>' => return Err(format!("unmatched {c:?} (write \\{c} for a literal)")),
                _ => {
                    lit.push(c);
                    i += 1;
                }
            }
        }
        flush(&mut lit, &mut elems);
        if elems.is_empty() {
            return Err("empty pattern".into());
        }
        Ok(elems)
    }
}

fn gap_len(digits: &str) -> Result<usize, String> {
    if digits.is_empty() {
        Ok(8)
    } else {
        digits.parse().map_err(|_| format!("bad gap length {digits:?}"))
    }
}

fn parse_slot(body: &str) -> Result<Elem, String> {
    let (role, rest) = match body.split_once(':') {
        Some(("s", r)) => (SlotRole::Subject, r),
        Some(("o", r)) => (SlotRole::Object, r),
        Some(("x", r)) => (SlotRole::Ignore, r),
        Some((p, _)) => return Err(format!("unknown slot prefix {p:?} (s:, o: or x:)")),
        None => (SlotRole::Unmarked, body),
    };
    let (rest, strong) = match rest.strip_suffix('!') {
        Some(r) => (r, true),
        None => (rest, false),
    };
    let (rest, star) = match rest.strip_suffix('*') {
        Some(r) => (r, true),
        None => (rest, false),
    };
    let mut classes = Vec::new();
    for c in rest.split('|') {
        classes.push(match c.trim() {
            "org" => SlotClass::Org,
            "person" => SlotClass::Person,
            "place" => SlotClass::Place,
            "product" => SlotClass::Product,
            "date" => SlotClass::Date,
            other => return Err(format!("unknown slot class {other:?} (org, person, place, product, date)")),
        });
    }
    Ok(Elem::Slot { classes, role, star, strong })
}

/// The classes of subject and object a property takes.
pub fn domain_range(p: Property) -> (SlotClass, SlotClass) {
    match p {
        Property::FoundedBy | Property::Ceo | Property::Chairperson => (SlotClass::Org, SlotClass::Person),
        Property::WorksFor => (SlotClass::Person, SlotClass::Org),
        Property::HeadquarteredIn => (SlotClass::Org, SlotClass::Place),
        Property::Develops => (SlotClass::Org, SlotClass::Product),
        Property::ParentOrganization => (SlotClass::Org, SlotClass::Org),
        Property::LocatedIn => (SlotClass::Place, SlotClass::Place),
        Property::FoundingDate => (SlotClass::Org, SlotClass::Date),
    }
}

fn assign_roles(prop: RuleProp, elems: &mut [Elem]) -> Result<(), String> {
    let (dom, ran) = match prop {
        RuleProp::Fixed(p) => domain_range(p),
        RuleProp::Role => (SlotClass::Org, SlotClass::Person),
    };
    let count = |elems: &[Elem], r: SlotRole| elems.iter().filter(|e| matches!(e, Elem::Slot { role, .. } if *role == r)).count();
    let mut have_s = count(elems, SlotRole::Subject);
    let mut have_o = count(elems, SlotRole::Object);
    for e in elems.iter_mut() {
        if let Elem::Slot { classes, role, .. } = e {
            if *role != SlotRole::Unmarked {
                continue;
            }
            if dom == ran {
                return Err("subject and object have the same class: mark the slots s: and o:".into());
            }
            if have_s == 0 && classes.contains(&dom) {
                *role = SlotRole::Subject;
                have_s += 1;
            } else if have_o == 0 && classes.contains(&ran) {
                *role = SlotRole::Object;
                have_o += 1;
            } else {
                return Err("a slot that is neither the subject nor the object: mark it x:".into());
            }
        }
    }
    if have_s != 1 || have_o != 1 {
        return Err(format!("a rule needs exactly one subject and one object slot (found {have_s} and {have_o})"));
    }
    Ok(())
}
