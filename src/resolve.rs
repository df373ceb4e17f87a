//! Entity resolution: one `Entity` per real entity of an article, with a key that is the same
//! across scripts, languages, articles and runs.
//!
//! - A name the dictionary knows (any alias, in any script) gets the dictionary entry's key: the
//!   fold of its canonical name (深度求索 = DeepSeek; 輝达 = 英偉達 = NVIDIA).
//! - Any other name gets the fold of the name alone (NFKC, simplified, lowercase, no spaces or
//!   dots), so the same unknown name gets the same key in every article.
//! - Within an article, mentions linked by recognition (a legal name and its short name, a
//!   bracketed alias, a pronoun) and mentions with equal keys are one entity.

use std::collections::HashMap;

use crate::extract::relate::{RawFact, RawObject};
use crate::extract::{Doc, Extractor, Mention};
use crate::model::{Class, Entity, Evidence, Extraction, Fact, Label, Lang, Object};
use crate::text::fold::{is_cjk, key_of, Folder};

/// The language tag of a name: Latin → en; Chinese → zh-Hant when simplifying changes it.
pub fn lang_of(folder: &Folder, name: &str) -> Lang {
    if !name.chars().any(is_cjk) {
        Lang::En
    } else if folder.simplify(name) != name {
        Lang::Hant
    } else {
        Lang::Hans
    }
}

fn root(mentions: &[Mention], mut i: usize) -> usize {
    for _ in 0..16 {
        match mentions[i].refers {
            Some(r) => i = r,
            None => break,
        }
    }
    i
}

struct Group {
    key: String,
    class: Class,
    tier: u8,
    gaz: Option<u32>,
    label: String,
    names: Vec<String>,
    has_fact: bool,
}

pub fn resolve(ex: &Extractor, doc: &Doc, mentions: &[Mention], raw: Vec<RawFact>) -> Extraction {
    let d = &ex.data;
    let folder = &ex.folder;
    let mut group_of_key: HashMap<String, usize> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut group_of: Vec<usize> = vec![usize::MAX; mentions.len()];
    let mut extra_names: Vec<(usize, String)> = Vec::new();
    // roots first, in text order, so labels come from first mentions
    let mut order: Vec<usize> = (0..mentions.len()).filter(|&i| mentions[i].refers.is_none() && !mentions[i].is_date()).collect();
    order.sort_by_key(|&i| mentions[i].start);
    for &i in &order {
        let m = &mentions[i];
        let key = match m.gaz {
            Some(id) => d.entries[id as usize].key.clone(),
            None => key_of(folder, &m.name),
        };
        if key.is_empty() {
            continue;
        }
        let g = *group_of_key.entry(key.clone()).or_insert_with(|| {
            groups.push(Group { key: key.clone(), class: m.class, tier: m.tier, gaz: m.gaz, label: m.name.clone(), names: Vec::new(), has_fact: false });
            groups.len() - 1
        });
        let gr = &mut groups[g];
        if m.tier > gr.tier || (m.gaz.is_some() && gr.gaz.is_none()) {
            gr.tier = gr.tier.max(m.tier);
            gr.class = m.class;
        } else if m.tier == gr.tier && m.class.top() == gr.class.top() && !m.class.is_top() && gr.class.is_top() {
            gr.class = m.class;
        }
        if gr.gaz.is_none() {
            gr.gaz = m.gaz;
        }
        gr.names.push(m.name.clone());
        gr.names.extend(m.alts.iter().cloned());
        group_of[i] = g;
    }
    for i in 0..mentions.len() {
        if group_of[i] == usize::MAX && !mentions[i].is_date() {
            let r = root(mentions, i);
            group_of[i] = group_of[r];
        }
    }
    // facts
    let mut facts_g: Vec<(usize, crate::model::Property, Result<usize, crate::model::Date>, &RawFact)> = Vec::new();
    for f in &raw {
        let s = group_of[f.subject];
        if s == usize::MAX {
            continue;
        }
        let o = match f.object {
            RawObject::Mention(o) => {
                let g = group_of[o];
                if g == usize::MAX || g == s {
                    continue;
                }
                Ok(g)
            }
            RawObject::Date(dt) => Err(dt),
        };
        if f.property == crate::model::Property::LocatedIn && d.rules[f.rule].name == "place-nesting" {
            // 河南省郑州市: the whole phrase is also a name of the inner place
            if let RawObject::Mention(o) = f.object {
                let (a, b) = (mentions[o].start.min(mentions[f.subject].start), mentions[o].end.max(mentions[f.subject].end));
                extra_names.push((s, doc.text(a, b)));
            }
        }
        facts_g.push((s, f.property, o, f));
    }
    for (g, name) in extra_names {
        groups[g].names.push(name);
    }
    for (s, _, o, _) in &facts_g {
        groups[*s].has_fact = true;
        if let Ok(o) = o {
            groups[*o].has_fact = true;
        }
    }
    // entities: drop weak unlinked guesses
    let mut index: Vec<usize> = vec![usize::MAX; groups.len()];
    let mut entities = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        if g.tier < 2 && g.gaz.is_none() && !g.has_fact {
            continue;
        }
        let label_text = match g.gaz {
            Some(id) => d.entries[id as usize].canonical.clone(),
            None => g.label.clone(),
        };
        let mut alts: Vec<Label> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        seen.insert(label_text.clone());
        let gaz_names = g.gaz.map(|id| d.entries[id as usize].aliases.clone()).unwrap_or_default();
        for n in g.names.iter().chain(gaz_names.iter()) {
            let n = n.trim();
            if n.is_empty() || !seen.insert(n.to_string()) {
                continue;
            }
            alts.push(Label { text: n.to_string(), lang: lang_of(folder, n) });
        }
        index[gi] = entities.len();
        entities.push(Entity { key: g.key.clone(), class: g.class, label: Label { lang: lang_of(folder, &label_text), text: label_text }, alt_labels: alts });
    }
    let mut facts: Vec<Fact> = Vec::new();
    for (s, p, o, f) in facts_g {
        let s = index[s];
        if s == usize::MAX {
            continue;
        }
        let object = match o {
            Ok(o) => {
                if index[o] == usize::MAX {
                    continue;
                }
                Object::Entity(index[o])
            }
            Err(dt) => Object::Date(dt),
        };
        let fact = Fact {
            subject: s,
            property: p,
            object,
            evidence: Evidence { sentence: f.sentence, start: f.start, end: f.end, rule: d.rules[f.rule].name.clone(), confidence: f.confidence },
        };
        if !facts.iter().any(|g: &Fact| g.subject == fact.subject && g.property == fact.property && g.object == fact.object && g.evidence.rule == fact.evidence.rule && g.evidence.sentence == fact.evidence.sentence) {
            facts.push(fact);
        }
    }
    Extraction { sentences: doc.sentences.clone(), entities, facts }
}
