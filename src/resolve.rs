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
use crate::extract::data::Data;
use crate::model::{Class, Entity, Evidence, Extraction, Fact, Label, Lang, Merge, MergeReason, Object};
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
    names: Vec<(String, MergeReason)>,
    has_fact: bool,
}

/// Whether a user's `Distinct` line separates the name with key `name_key` from dictionary entry `id`.
fn distinct_from_entry(d: &Data, folder: &Folder, name_key: &str, id: u32) -> bool {
    if d.distinct.is_empty() {
        return false;
    }
    let e = &d.entries[id as usize];
    std::iter::once(&e.canonical).chain(e.aliases.iter()).any(|x| {
        let k = key_of(folder, x);
        k != name_key && d.distinct.contains(&(name_key.to_string(), k))
    })
}

fn distinct(d: &Data, a: &str, b: &str) -> bool {
    !d.distinct.is_empty() && d.distinct.contains(&(a.to_string(), b.to_string()))
}

fn dictionary_reason(d: &Data, id: u32) -> MergeReason {
    if d.entries[id as usize].user {
        MergeReason::UserAlias
    } else {
        MergeReason::Dictionary
    }
}

/// Why recognition gave mention `m` the other name `alt`.
fn alt_reason(d: &Data, folder: &Folder, folded_text: &str, m: &Mention, alt: &str) -> MergeReason {
    let af: String = folder.fold(alt).into_iter().collect();
    if !af.is_empty() {
        // 以下简称“X”, 原名X: a naming word (words.tsv alias-cues) shortly before the name
        let cues = d.list("alias-cues");
        for (i, _) in folded_text.match_indices(af.as_str()) {
            let before: Vec<char> = folded_text[..i].chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
            if (0..before.len()).any(|j| cues.at(&before, j).is_some()) {
                return MergeReason::DeclaredShortName;
            }
        }
    }
    let (ka, kn) = (key_of(folder, alt), key_of(folder, &m.name));
    if !kn.is_empty() && (ka.contains(&kn) || kn.contains(&ka)) {
        match m.class.top() {
            Class::Product => MergeReason::NounPhrase,
            Class::Place => MergeReason::PlaceNesting,
            _ => MergeReason::LegalName,
        }
    } else {
        MergeReason::BracketAlias
    }
}

pub fn resolve(ex: &Extractor, doc: &Doc, mentions: &[Mention], raw: Vec<RawFact>) -> Extraction {
    let d = &ex.data;
    let folder = &ex.folder;
    let mut group_of_key: HashMap<String, usize> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut group_of: Vec<usize> = vec![usize::MAX; mentions.len()];
    let mut extra_names: Vec<(usize, String)> = Vec::new();
    let mut declared: HashMap<String, String> = HashMap::new(); // a declared short name's key → its entity's key
    let mut org_names: HashMap<String, (String, MergeReason)> = HashMap::new(); // an organisation's other name's key → its entity's key
    let folded_text: String = doc.fl.iter().collect();
    // roots first, in text order, so labels come from first mentions
    let mut order: Vec<usize> = (0..mentions.len()).filter(|&i| mentions[i].refers.is_none() && !mentions[i].is_date()).collect();
    order.sort_by_key(|&i| mentions[i].start);
    for &i in &order {
        let m = &mentions[i];
        let name_key = key_of(folder, &m.name);
        // a user's Distinct line detaches the name from a dictionary entry naming the other
        let gaz = m.gaz.filter(|&id| !distinct_from_entry(d, folder, &name_key, id));
        // 星河马戏团 after 加拿大星河马戏团: an organisation named by another's other name joins it
        let other = (gaz.is_none() && m.class.top() == Class::Organization && !group_of_key.contains_key(&name_key)).then(|| org_names.get(&name_key)).flatten();
        let key = match gaz {
            Some(id) => d.entries[id as usize].key.clone(),
            // 力帆股份 after 力帆实业（集团）股份有限公司（下称“力帆股份”）: the declared name's entity
            None => declared.get(&name_key).or(other.map(|(k, _)| k)).cloned().unwrap_or_else(|| name_key.clone()),
        };
        if key.is_empty() {
            continue;
        }
        let g = *group_of_key.entry(key.clone()).or_insert_with(|| {
            groups.push(Group { key: key.clone(), class: m.class, tier: m.tier, gaz, label: m.name.clone(), names: Vec::new(), has_fact: false });
            groups.len() - 1
        });
        let gr = &mut groups[g];
        if m.tier > gr.tier || (gaz.is_some() && gr.gaz.is_none()) {
            gr.tier = gr.tier.max(m.tier);
            gr.class = m.class;
        } else if m.tier == gr.tier && m.class.top() == gr.class.top() && !m.class.is_top() && gr.class.is_top() {
            gr.class = m.class;
        }
        if gr.gaz.is_none() {
            gr.gaz = gaz;
        }
        let name_reason = match (gaz, other) {
            (Some(id), _) => dictionary_reason(d, id),
            (None, Some(&(_, reason))) if !declared.contains_key(&name_key) => reason,
            _ => MergeReason::SameKey,
        };
        gr.names.push((m.name.clone(), name_reason));
        for alt in &m.alts {
            let ka = key_of(folder, alt);
            if distinct(d, &ka, &key) || distinct(d, &ka, &name_key) {
                continue;
            }
            let reason = alt_reason(d, folder, &folded_text, m, alt);
            if reason == MergeReason::DeclaredShortName {
                declared.entry(ka.clone()).or_insert_with(|| key.clone());
            }
            if m.class.top() == Class::Organization {
                org_names.entry(ka).or_insert_with(|| (key.clone(), reason));
            }
            gr.names.push((alt.clone(), reason));
        }
        group_of[i] = g;
    }
    for i in 0..mentions.len() {
        if group_of[i] == usize::MAX && !mentions[i].is_date() {
            let r = root(mentions, i);
            group_of[i] = group_of[r];
            // a name the user keeps distinct from the one it was linked to gets its own entity
            let g = group_of[i];
            let m = &mentions[i];
            let own = key_of(folder, &m.name);
            if g != usize::MAX && distinct(d, &own, &groups[g].key) {
                let ng = *group_of_key.entry(own.clone()).or_insert_with(|| {
                    groups.push(Group { key: own.clone(), class: m.class, tier: m.tier.max(2), gaz: None, label: m.name.clone(), names: Vec::new(), has_fact: false });
                    groups.len() - 1
                });
                group_of[i] = ng;
            }
        }
    }
    // 中国|广东省|深圳市: each place's mention and the place mention it nests in
    let nesting = |f: &RawFact| f.property == crate::model::Property::LocatedIn && d.rules[f.rule].name == "place-nesting";
    let outer_of: std::collections::HashMap<usize, usize> = raw.iter().filter(|f| nesting(f)).filter_map(|f| match f.object {
        RawObject::Mention(o) => Some((f.subject, o)),
        RawObject::Date(_) => None,
    }).collect();
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
        if nesting(f) {
            // 河南省郑州市: the whole phrase is also a name of the inner place, and so is a longer
            // chain it ends (中国广东省深圳市)
            if let RawObject::Mention(o) = f.object {
                let (a, b) = (mentions[o].start.min(mentions[f.subject].start), mentions[o].end.max(mentions[f.subject].end));
                extra_names.push((s, doc.text(a, b)));
                let (mut outer, mut start) = (o, a);
                while let Some(&o2) = outer_of.get(&outer).filter(|&&o2| mentions[o2].end == mentions[outer].start && mentions[o2].start < start) {
                    (outer, start) = (o2, mentions[o2].start);
                    extra_names.push((s, doc.text(start, b)));
                }
            }
        }
        facts_g.push((s, f.property, o, f));
    }
    for (g, name) in extra_names {
        groups[g].names.push((name, MergeReason::PlaceNesting));
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
        let mut merges: Vec<Merge> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        seen.insert(label_text.clone());
        let gaz_names: Vec<(String, MergeReason)> = g
            .gaz
            .map(|id| {
                let e = &d.entries[id as usize];
                std::iter::once(&e.canonical).chain(e.aliases.iter()).filter(|a| !distinct(d, &key_of(folder, a), &g.key)).map(|a| (a.clone(), dictionary_reason(d, id))).collect()
            })
            .unwrap_or_default();
        for (n, reason) in g.names.iter().chain(gaz_names.iter()) {
            let n = n.trim();
            if n.is_empty() || !seen.insert(n.to_string()) {
                continue;
            }
            let label = Label { text: n.to_string(), lang: lang_of(folder, n) };
            // the same key as the preferred name: another spelling, whatever linked it
            let reason = if *reason != MergeReason::Dictionary && *reason != MergeReason::UserAlias && key_of(folder, n) == key_of(folder, &label_text) { MergeReason::SameKey } else { *reason };
            merges.push(Merge { name: label.clone(), reason });
            alts.push(label);
        }
        index[gi] = entities.len();
        entities.push(Entity { key: g.key.clone(), class: g.class, label: Label { lang: lang_of(folder, &label_text), text: label_text }, alt_labels: alts, merges });
    }
    let mut facts: Vec<Fact> = Vec::new();
    for (s, p, o, f) in facts_g {
        let s = index[s];
        if s == usize::MAX {
            continue;
        }
        // a name whose mentions disagree takes one class (发布“曜石” … 子品牌“曜石”): a fact whose
        // object was read as the other class no longer fits it (subjects may be of either class
        // where a rule says so: TikTok的母公司)
        let (_, range) = crate::extract::data::domain_range(p);
        let object = match o {
            Ok(o) => {
                if index[o] == usize::MAX || !range.accepts(entities[index[o]].class) {
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
