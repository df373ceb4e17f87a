//! Relation rules (data/relations.tsv) matched over each sentence, where recognised names stand
//! as single units; then the checks that keep what must not become a fact out: negation, ended
//! roles, contract manufacturing, speculation.

use super::data::{domain_range, Elem, Rule, RuleProp, SlotClass, SlotRole, WordList};
use super::{Doc, Extractor, Mention, NONE};
use crate::model::{Class, Date, Property};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RawObject {
    Mention(usize),
    Date(Date),
}

/// A fact between mentions, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct RawFact {
    pub subject: usize,
    pub property: Property,
    pub object: RawObject,
    pub rule: usize,
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub confidence: f32,
}

#[derive(Clone, Copy)]
struct Unit {
    /// The mention this unit is, or NONE for a character.
    m: u32,
    /// A place inside the name that follows (深圳 of 深圳曜石资本): only a place slot sees it.
    side: bool,
    start: usize,
    end: usize,
}

struct Sent<'a> {
    units: Vec<Unit>,
    /// The folded character of each unit; '\0' for a mention.
    chars: Vec<char>,
    mentions: &'a [Mention],
    /// The document's folded text.
    fl: &'a [char],
}

#[derive(Default)]
struct Binding {
    slots: Vec<(SlotRole, usize, usize)>, // role, index into `found`, count
    found: Vec<usize>,
    roles: Vec<(Option<Property>, usize)>,
}

fn is_break(c: char) -> bool {
    matches!(c, ',' | '。' | ';' | '!' | '?' | ':' | '\n' | '(' | ')')
}

fn slot_accepts(classes: &[SlotClass], m: &Mention) -> bool {
    if m.is_date() {
        classes.contains(&SlotClass::Date)
    } else {
        classes.iter().any(|c| c.accepts(m.class))
    }
}

struct Matcher<'a> {
    ex: &'a Extractor,
    rule: &'a Rule,
    s: &'a Sent<'a>,
    /// A match must end after this unit.
    min_end: usize,
}

/// Whether a gap may step over a name.
enum Blocked {
    Yes,
    No,
    /// Only if a comma follows within the gap: the name stands in an earlier clause.
    UnlessClauseEnds,
}

/// The longest bracket after an organisation that a pattern steps over.
const ASIDE_MAX: usize = 24;

/// How many matches, each ending further on, one start may give.
const MATCHES_PER_START: usize = 4;

impl Matcher<'_> {
    fn skip_spaces(&self, mut p: usize) -> usize {
        while p < self.s.units.len() && self.s.chars[p] == ' ' {
            p += 1;
        }
        p
    }

    fn mention_at(&self, p: usize) -> Option<&Mention> {
        self.s.units.get(p).filter(|u| u.m != NONE).map(|u| &self.s.mentions[u.m as usize])
    }

    /// Whether gap element `ei` may step over the name `m`. Names of the classes of the slots
    /// right beside the gap may not be skipped (only those: in {person}~40@serve{org} an
    /// organisation may stand before the verb that introduces the one meant), except that in a gap
    /// that crosses commas another organisation may stand in an earlier clause (张三，毕业于江南
    /// 大学，现任远帆集团董事长); an earlier date or person still stops it. And a person or an organisation right before a
    /// role word holds it: the gap of {org}…<role> stops there (苏州银行王兰凤董事长、赵琨行长;
    /// 远帆集团旗下青峰智能董事长). A gap in the noun that closes the clause (…12公司$) describes
    /// the subject, so it holds no organisation (是香港上市公司星河控股的子公司: the noun is its).
    /// A person after 与 (`partner`) shares the subject's clause without being its subject
    /// (杜立于2008年进入X，与王崇梅共同控制X，并任X董事长): a gap after a person steps over it.
    fn blocked(&self, ei: usize, m: &Mention, partner: bool) -> Blocked {
        let elems = &self.rule.elems;
        let slot = |k: Option<usize>| match k.and_then(|k| elems.get(k)) {
            Some(Elem::Slot { classes, .. }) => Some(classes),
            _ => None,
        };
        let (prev, next) = (slot(ei.checked_sub(1)), slot(Some(ei + 1)));
        let person = SlotClass::Person.accepts(m.class);
        let org = !m.is_date() && SlotClass::Org.accepts(m.class);
        let crosses_commas = matches!(elems[ei], Elem::Gap(_, true));
        let role_next = matches!(elems[ei + 1..].iter().find(|e| !matches!(e, Elem::Lit { optional: true, .. })), Some(Elem::Role { .. }));
        let closing_noun = matches!(elems[ei + 1..].split_last(), Some((Elem::End, lits)) if lits.iter().any(|e| matches!(e, Elem::Lit { optional: false, .. })) && lits.iter().all(|e| matches!(e, Elem::Lit { .. })));
        if prev.is_some_and(|c| slot_accepts(c, m)) && !(partner && person) || (role_next && (person || org)) || (closing_noun && org && !crosses_commas) {
            Blocked::Yes
        } else if next.is_some_and(|c| slot_accepts(c, m)) {
            if crosses_commas && org {
                Blocked::UnlessClauseEnds
            } else {
                Blocked::Yes
            }
        } else {
            Blocked::No
        }
    }

    /// 中国四大直辖市之一的重庆市: the end of the words (@among-places) that make the place after
    /// them one of a group the place before names, so the chain goes on to it
    fn past_among_places(&self, p: usize) -> Option<usize> {
        let among = self.ex.data.list("@among-places");
        (p..(p + 10).min(self.s.units.len()))
            .take_while(|&q| self.s.units[q].m == NONE && !is_break(self.s.chars[q]))
            .find_map(|q| among.at(&self.s.chars, q).map(|n| q + n))
    }

    /// 天翼航空被远峰集团收购 创始人蒋一鸣出任CTO: a space between ideographs parts a headline's
    /// clauses.
    fn headline_space(&self, q: usize) -> bool {
        let cjk = |k: usize| self.s.chars.get(k).is_some_and(|&c| crate::text::fold::is_cjk(c));
        self.s.chars[q] == ' ' && q > 0 && cjk(q - 1) && cjk(q + 1)
    }

    /// The unit after a bracket that opens at `q` and closes within `ASIDE_MAX` units, unless the
    /// pattern reads the bracket itself.
    fn aside_after(&self, q: usize) -> Option<usize> {
        if self.s.chars.get(q) != Some(&'(') {
            return None;
        }
        let len = self.s.chars[q + 1..].iter().take(ASIDE_MAX).position(|&c| matches!(c, ')' | '(' | '。' | ';' | '!' | '?' | '\n'))?;
        (self.s.chars[q + 1 + len] == ')').then_some(q + len + 2)
    }

    fn run(&self, ei: usize, p: usize, b: &mut Binding) -> Option<usize> {
        let elems = &self.rule.elems;
        if ei == elems.len() {
            return (p > self.min_end).then_some(p);
        }
        let p0 = p;
        // a headline's clauses part at a space between ideographs; a place may still follow one
        // (位于江苏 镇江市)
        let wants_place = matches!(&elems[ei], Elem::Slot { classes, star: false, .. } if classes.contains(&SlotClass::Place));
        let mut p = if self.s.chars.get(p) == Some(&' ') && self.headline_space(p) && !wants_place { p } else { self.skip_spaces(p) };
        while !wants_place && self.s.units.get(p).is_some_and(|u| u.side) {
            p += 1;
        }
        match &elems[ei] {
            Elem::Lit { alts, optional } => {
                for alt in alts {
                    if self.s.chars.get(p..p + alt.len()) == Some(alt.as_slice()) {
                        if let Some(e) = self.run(ei + 1, p + alt.len(), b) {
                            return Some(e);
                        }
                    }
                }
                if *optional {
                    return self.run(ei + 1, p, b);
                }
                None
            }
            Elem::Not(alts) => {
                // opening the pattern it looks back: no word of the list stands right before
                let here = |alt: &Vec<char>| if ei == 0 { p >= alt.len() && self.s.chars[p - alt.len()..p] == alt[..] } else { self.s.chars.get(p..p + alt.len()) == Some(alt.as_slice()) };
                if alts.iter().any(here) {
                    return None;
                }
                self.run(ei + 1, p, b)
            }
            Elem::End => {
                let spaced = p > p0 || self.s.chars.get(p) == Some(&' ');
                match self.s.units.get(p) {
                    None => self.run(ei + 1, p, b),
                    Some(u) if u.m == NONE && (is_break(self.s.chars[p]) || matches!(self.s.chars[p], '、' | '等' | '。')) => self.run(ei + 1, p, b),
                    Some(u) if spaced && (u.m == NONE || !SlotClass::Person.accepts(self.s.mentions[u.m as usize].class)) => self.run(ei + 1, p, b),
                    _ => None,
                }
            }
            Elem::Gap(max, commas) => {
                let mut q = p;
                // a name skipped in what must be an earlier clause: the gap may not end before a comma
                let mut owes_comma = false;
                for k in 0..=*max {
                    while self.s.units.get(q).is_some_and(|u| u.side) {
                        q += 1;
                    }
                    if k > 0 {
                        let u = self.s.units.get(q)?;
                        if u.m == NONE {
                            let c = self.s.chars[q];
                            if if *commas { matches!(c, '。' | ';' | '!' | '?' | '\n') } else { is_break(c) || self.headline_space(q) } {
                                return None;
                            }
                            if matches!(c, ',' | ':') {
                                owes_comma = false;
                            }
                        } else {
                            let m = &self.s.mentions[u.m as usize];
                            match self.blocked(ei, m, partner(self.s.fl, self.s.mentions, m.start)) {
                                Blocked::Yes => return None,
                                Blocked::UnlessClauseEnds => owes_comma = true,
                                Blocked::No => {}
                            }
                        }
                        q += 1;
                    }
                    if !owes_comma {
                        if let Some(e) = self.run(ei + 1, q, b) {
                            return Some(e);
                        }
                    }
                }
                None
            }
            Elem::Role { named } => {
                let roles = &self.ex.data.roles;
                let mark = b.roles.len();
                let mut q = p;
                loop {
                    let Some((len, id)) = roles.longest_at(&self.s.chars, q) else { break };
                    b.roles.push((self.ex.data.role_props[id as usize].filter(|_| *named), self.s.units[q].start));
                    q += len;
                    let r = self.skip_spaces(q);
                    if self.s.chars.get(r).is_some_and(|c| super::ROLE_JOINERS.contains(c)) && roles.longest_at(&self.s.chars, r + 1).is_some() {
                        q = r + 1;
                        continue;
                    }
                    // 创始人总经理: role words also run on without a joiner
                    if roles.longest_at(&self.s.chars, q).is_some() {
                        continue;
                    }
                    break;
                }
                if b.roles.len() == mark {
                    return None;
                }
                if let Some(e) = self.run(ei + 1, q, b) {
                    return Some(e);
                }
                b.roles.truncate(mark);
                None
            }
            Elem::Slot { classes, role, star, strong } => {
                let fmark = b.found.len();
                let smark = b.slots.len();
                if *star {
                    let mut q = p;
                    while q < self.s.units.len() && q - p < 40 {
                        let u = self.s.units[q];
                        if u.m == NONE {
                            if is_break(self.s.chars[q]) {
                                break;
                            }
                        } else {
                            let m = &self.s.mentions[u.m as usize];
                            if slot_accepts(classes, m) && !b.found[fmark..].contains(&(u.m as usize)) {
                                b.found.push(u.m as usize);
                            }
                        }
                        q += 1;
                        if b.found.len() > fmark {
                            b.slots.push((*role, fmark, b.found.len() - fmark));
                            if let Some(e) = self.run(ei + 1, q, b) {
                                return Some(e);
                            }
                            b.slots.truncate(smark);
                        }
                    }
                    b.found.truncate(fmark);
                    return None;
                }
                // an x: name anchors the pattern in the text: a clause's unstated subject is no anchor
                let fits = |m: &Mention| slot_accepts(classes, m) && !(*strong && m.tier < 2) && !(*role == SlotRole::Ignore && m.start == m.end);
                // 创建了“阳光工作室”: an opening quote mark may stand before the name
                let p = if matches!(self.s.chars.get(p), Some('“' | '"' | '「' | '『')) && self.mention_at(p + 1).is_some() { p + 1 } else { p };
                let m = self.mention_at(p)?;
                if !fits(m) {
                    return None;
                }
                b.found.push(self.s.units[p].m as usize);
                let mut q = p + 1;
                // a list: A、B和C (products may carry a descriptor: 四足机器人Go2和人形机器人H1)
                let product = classes.contains(&SlotClass::Product);
                loop {
                    let r = self.skip_spaces(q);
                    let sep = match self.s.chars.get(r..(r + 3).min(self.s.chars.len())) {
                        Some([',', '以', '及', ..]) | Some(['、', '以', '及', ..]) => 3,
                        Some(['以', '及', ..]) => 2,
                        Some(['、', ..]) | Some(['和', ..]) | Some(['与', ..]) | Some(['及', ..]) | Some(['或', ..]) => 1,
                        _ => 0,
                    };
                    // 阿里巴巴、字节跳动(TikTok的母公司): a bracket speaks of the last name only
                    let paren_next = matches!(self.rule.elems.get(ei + 1), Some(Elem::Lit { alts, .. }) if alts.iter().all(|a| a.first() == Some(&'(')));
                    if sep == 0 || paren_next {
                        break;
                    }
                    let mut t = self.skip_spaces(r + sep);
                    let lim = if product { 8 } else { 0 };
                    let mut k = 0;
                    while k < lim && t < self.s.units.len() && self.s.units[t].m == NONE && !is_break(self.s.chars[t]) {
                        t += 1;
                        k += 1;
                    }
                    // 品牌「净客」及智慧家电品牌「悠居」: an organisation noun may describe the next name
                    if !product && SlotClass::Org.accepts(m.class) {
                        let nouns = self.ex.data.list("org-nouns");
                        if let Some(e) = (t + 1..(t + 9).min(self.s.units.len())).take_while(|&e| self.s.units[e - 1].m == NONE && !is_break(self.s.chars[e - 1])).filter(|&e| nouns.ends_at(&self.s.chars[..e], e).is_some()).last() {
                            if self.mention_at(e).is_some_and(|m2| SlotClass::Org.accepts(m2.class)) {
                                t = e;
                            }
                        }
                    }
                    match self.mention_at(t) {
                        Some(m2) if fits(m2) && !m2.is_date() == !m.is_date() => {
                            b.found.push(self.s.units[t].m as usize);
                            q = t + 1;
                        }
                        _ => break,
                    }
                }
                // 中国浙江省杭州市: a chain of places stands for its innermost one
                // (not right after another place slot: 浙江省|杭州市|余杭区 nests pair by pair)
                let chain_ok = classes.as_slice() == [SlotClass::Place] && !matches!(self.rule.elems.get(ei + 1), Some(Elem::Slot { .. })) && !(ei > 0 && matches!(self.rule.elems.get(ei - 1), Some(Elem::Slot { .. })));
                if chain_ok && b.found.len() == fmark + 1 {
                    let mut city = None;
                    loop {
                        // 意大利北部都灵, 江苏 镇江市, 广东·佛山: a direction word, a space or a dot inside the chain
                        let r = self.skip_spaces(q);
                        let r = if self.s.chars.get(r) == Some(&'·') { r + 1 } else { r };
                        let r = r + self.ex.data.list("@inside-place").at(&self.s.chars, r).unwrap_or(0);
                        let r = if self.mention_at(r).is_some() { r } else { self.past_among_places(r).unwrap_or(r) };
                        match self.mention_at(r) {
                            Some(m2) if !m2.is_date() && SlotClass::Place.accepts(m2.class) => {
                                if city_level(self.ex, &self.s.mentions[b.found[fmark]]) {
                                    city = Some(b.found[fmark]);
                                }
                                b.found[fmark] = self.s.units[r].m as usize;
                                q = r + 1;
                            }
                            _ => break,
                        }
                    }
                    // 杭州市滨江区, 青岛莱西市: a district's (or a county-level city's) city is the base too
                    if let Some(city) = city.filter(|_| matches!(self.s.mentions[b.found[fmark]].class, Class::District | Class::Park | Class::City)) {
                        b.found.insert(fmark, city);
                    }
                }
                // longest list first, then shorter ones
                let full = b.found.len();
                for cnt in (1..=full - fmark).rev() {
                    b.found.truncate(fmark + cnt);
                    b.slots.push((*role, fmark, cnt));
                    let last = b.found[fmark + cnt - 1];
                    let q = self.s.units.iter().position(|u| u.m as usize == last).map_or(q, |x| x + 1);
                    if let Some(e) = self.run(ei + 1, q, b) {
                        return Some(e);
                    }
                    // 万通地产(4.19,-0.09,-2.10%)董事长冯仑: a bracket after an organisation is an
                    // aside the rest of the pattern may step over
                    if let Some(after) = self.aside_after(q).filter(|_| classes.as_slice() == [SlotClass::Org]) {
                        if let Some(e) = self.run(ei + 1, after, b) {
                            return Some(e);
                        }
                    }
                    b.slots.truncate(smark);
                }
                b.found.truncate(fmark);
                None
            }
        }
    }
}

fn build_sentence<'a>(doc: &'a Doc, mentions: &'a [Mention], order: &[usize], sides: &[usize], start: usize, end: usize) -> Sent<'a> {
    let mut units = Vec::with_capacity(end - start);
    let mut chars = Vec::with_capacity(end - start);
    let first = order.partition_point(|&k| mentions[k].start < start);
    let mut k = first;
    let mut i = start;
    while i < end {
        let mut took = false;
        while k < order.len() && mentions[order[k]].start <= i {
            let m = &mentions[order[k]];
            if m.start == i && (m.end > i || m.end == m.start) && m.end <= end.max(m.end) {
                for &sd in sides.iter().filter(|&&sd| mentions[sd].start >= m.start && mentions[sd].end <= m.end && m.end > m.start) {
                    units.push(Unit { m: sd as u32, side: true, start: mentions[sd].start, end: mentions[sd].end });
                    chars.push('\0');
                }
                units.push(Unit { m: order[k] as u32, side: false, start: m.start, end: m.end });
                chars.push('\0');
                if m.end > i {
                    i = m.end;
                    took = true;
                    k += 1;
                    break;
                }
            }
            k += 1;
        }
        if took {
            continue;
        }
        if i < end {
            units.push(Unit { m: NONE, side: false, start: i, end: i + 1 });
            chars.push(doc.fl[i]);
            i += 1;
        }
    }
    Sent { units, chars, mentions, fl: &doc.fl }
}

fn has_word(list: &WordList, fl: &[char], a: usize, b: usize) -> bool {
    (a..b).any(|i| list.trie.longest_at(&fl[..b], i).is_some())
}

/// An ended-role word before the role (前CEO, 原董事长, 曾任…), but not 目前 / 此前 / 之前, nor
/// inside a name (中原证券, 前海方舟), nor before a word of a current post (前CEO、现任X董事长) or
/// a person's name, which closes another's post (X原董事长张某、董事长李某).
fn ended_before(list: &WordList, current: &WordList, fl: &[char], mentions: &[Mention], a: usize, b: usize) -> bool {
    let a = (a..b).rev().find_map(|i| current.trie.longest_at(&fl[..b], i).map(|(len, _)| i + len)).unwrap_or(a);
    let a = mentions.iter().filter(|m| !m.side && m.class.top() == Class::Person && a <= m.start && m.end <= b).map(|m| m.end).max().unwrap_or(a);
    (a..b).any(|i| {
        list.trie.longest_at(&fl[..b], i).is_some_and(|(len, _)| {
            let single = len == 1;
            !(single && i > 0 && matches!(fl[i - 1], '目' | '之' | '此' | '以' | '提' | '当' | '日' | '年' | '面' | '眼' | '空' | '从' | '向' | '事' | '超' | '领' | '史' | '还'))
        }) && !mentions.iter().any(|m| !m.side && m.start <= i && i < m.end)
    })
}

fn contract(fl: &[char], a: usize, b: usize) -> bool {
    let s = &fl[a..b];
    let has = |w: &[char]| s.windows(w.len()).any(|x| x == w);
    if has(&['代', '工']) || has(&['代', '加', '工']) || has(&['o', 'e', 'm']) || has(&['代', '为', '生', '产']) {
        return true;
    }
    // 为X生产 / 为X制造
    s.iter().enumerate().any(|(i, &c)| c == '为' && s[i + 1..(i + 12).min(s.len())].windows(2).any(|w| w == ['生', '产'] || w == ['制', '造']))
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

pub fn relate(ex: &Extractor, doc: &Doc, mentions: &[Mention]) -> Vec<RawFact> {
    let d = &ex.data;
    let mut order: Vec<usize> = (0..mentions.len()).filter(|&k| !mentions[k].side).collect();
    order.sort_by_key(|&k| (mentions[k].start, mentions[k].end));
    let sides: Vec<usize> = (0..mentions.len()).filter(|&k| mentions[k].side).collect();
    let mut out: Vec<RawFact> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let sent = build_sentence(doc, mentions, &order, &sides, s.start, s.end);
        for (ri, rule) in d.rules.iter().enumerate() {
            let first_lit = match rule.elems.first() {
                Some(Elem::Lit { alts, optional: false }) => Some(alts),
                _ => None,
            };
            let first_slot = matches!(rule.elems.first(), Some(Elem::Slot { star: false, .. }));
            for p in 0..sent.units.len() {
                if first_slot && sent.units[p].m == NONE {
                    continue;
                }
                if let Some(alts) = first_lit {
                    if !alts.iter().any(|a| a.first() == Some(&sent.chars[p])) {
                        continue;
                    }
                }
                // a repeating rule: after a match, one ending further on from the same start
                // (殷金宝担任A党委书记，自2017年起任B董事长 / 现担任A院长、B董事长)
                let mut min_end = p;
                for _ in 0..if rule.repeats { MATCHES_PER_START } else { 1 } {
                    let m = Matcher { ex, rule, s: &sent, min_end };
                    let mut b = Binding::default();
                    let Some(e) = m.run(0, p, &mut b) else { break };
                    let start = sent.units[p].start;
                    let end = sent.units.get(e.saturating_sub(1)).map_or(start, |u| u.end).max(start);
                    emit(ex, doc, mentions, rule, ri, si, start, end, &b, &mut out);
                    min_end = e;
                }
            }
        }
    }
    out
}


#[allow(clippy::too_many_arguments)]
fn emit(ex: &Extractor, doc: &Doc, mentions: &[Mention], rule: &Rule, ri: usize, si: usize, start: usize, end: usize, b: &Binding, out: &mut Vec<RawFact>) {
    let d = &ex.data;
    let fl = &doc.fl;
    let get = |r: SlotRole| -> Vec<usize> {
        b.slots.iter().filter(|s| s.0 == r).flat_map(|&(_, a, n)| b.found[a..a + n].iter().copied()).collect()
    };
    let subs = get(SlotRole::Subject);
    let objs = get(SlotRole::Object);
    // the clause around the match
    let sent = doc.sentences[si];
    let cs = clause_start_before(fl, sent.start, start);
    let mut ce = end;
    while ce < sent.end && !is_break(fl[ce]) {
        ce += 1;
    }
    // 华锡封测并非由政府设立，而是由林建宏创办: a negation holds in the clause of the match's end
    if has_word(d.list("@negation"), fl, clause_start_before(fl, cs, end), end) {
        return;
    }
    let speculative = has_word(d.list("@speculation"), fl, cs, ce);
    // …，与王崇梅共同控制X，并任X董事长: a partner that opens the match is not who holds the post
    if rule.prop == RuleProp::Role && objs.iter().any(|&o| mentions[o].start == start) && partner(fl, mentions, start) {
        return;
    }
    let mut props: Vec<(Property, bool, usize)> = Vec::new(); // property, swapped, role start
    match rule.prop {
        RuleProp::Fixed(p) => props.push((p, false, start)),
        RuleProp::Role => {
            for &(p, rs) in &b.roles {
                if let Some(p) = p {
                    props.push((p, false, rs));
                }
            }
        }
    }
    for (mut p, _, rs) in props {
        let mut swap = false;
        if matches!(p, Property::Ceo | Property::Chairperson) {
            // an ended-role word counts in the role's own clause (由前辉达工程师…创立，林哲宇现任董事长;
            // 陈立仁卸下执行长职务，转任董事长)
            let lo = clause_start_before(fl, cs.max(start.saturating_sub(3)), rs);
            let role_clause_end = (rs..ce).find(|&k| is_break(fl[k])).unwrap_or(ce);
            let ended_clause = has_word(d.list("@ended"), fl, lo, role_clause_end);
            // 梁立接替余森，出任…董事长: the person a successor replaces held the post before
            let replaced = objs.iter().any(|&o| {
                let at = mentions[o].start - usize::from(mentions[o].start > 0 && fl[mentions[o].start - 1] == '了');
                d.list("@predecessor").ends_at(fl, at).is_some()
            });
            if ended_clause || replaced || ended_before(d.list("@ended-before"), d.list("@current"), fl, mentions, lo, rs) {
                p = Property::WorksFor;
            }
        }
        if rule.prop == RuleProp::Role && p == Property::WorksFor {
            swap = true;
        }
        if p == Property::Develops && contract(fl, start, end) {
            continue;
        }
        let mut conf = rule.confidence;
        if speculative {
            conf *= 0.5;
        }
        let (ss, os) = if swap { (&objs, &subs) } else { (&subs, &objs) };
        for &s in ss.iter() {
            for &o in os.iter() {
                let (rs_, ro) = (root(mentions, s), root(mentions, o));
                if rs_ == ro {
                    continue;
                }
                let object = match mentions[o].date {
                    Some(dt) => RawObject::Date(dt),
                    None => RawObject::Mention(o),
                };
                if mentions[s].is_date() {
                    continue;
                }
                let (dom, ran) = domain_range(p);
                let brand = p == Property::ParentOrganization && SlotClass::Product.accepts(mentions[s].class);
                if !(dom.accepts(mentions[s].class) || brand) || (ran != SlotClass::Date && (mentions[o].is_date() || !ran.accepts(mentions[o].class))) || (ran == SlotClass::Date && !mentions[o].is_date()) {
                    continue;
                }
                if p == Property::LocatedIn && !place_rank_ok(&mentions[s], &mentions[o]) {
                    continue;
                }
                if p == Property::FoundingDate && in_agent_phrase(d.list("@found"), fl, cs, mentions[s].start) {
                    continue;
                }
                let f = RawFact { subject: s, property: p, object, rule: ri, sentence: si, start, end, confidence: conf };
                if !out.iter().any(|g| g.subject == f.subject && g.property == f.property && g.object == f.object && g.rule == f.rule) {
                    out.push(f);
                }
            }
        }
    }
}

/// Whether the name at `start` follows a preposition of company (与, 同, 跟), itself or as a later
/// name of a list after one (与王崇海、李安): a partner's name.
fn partner(fl: &[char], mentions: &[Mention], start: usize) -> bool {
    let mut k = start;
    while k >= 2 && fl[k - 1] == '、' {
        match mentions.iter().filter(|m| !m.side && m.end == k - 1 && m.start < m.end).map(|m| m.start).min() {
            Some(s) => k = s,
            None => break,
        }
    }
    k > 0 && matches!(fl[k - 1], '与' | '同' | '跟')
}

/// Where the clause holding `at` starts, searching no further back than `lo`.
fn clause_start_before(fl: &[char], lo: usize, at: usize) -> usize {
    (lo..at).rev().find(|&k| is_break(fl[k])).map_or(lo, |k| k + 1)
}

/// 芯曜科技由前辉达工程师…于2021年创立: a name after 由 in its clause is one of the founders, not
/// what was founded, unless 的 or a founding verb closed the phrase before it (由…组建成立X).
fn in_agent_phrase(found: &WordList, fl: &[char], clause_start: usize, at: usize) -> bool {
    (clause_start..at).rev().take_while(|&k| fl[k] != '的').find(|&k| fl[k] == '由').is_some_and(|k| !has_word(found, fl, k, at))
}

/// A city, or a province that is one (a municipality: places.tsv lists it with 市, 北京市).
fn city_level(ex: &Extractor, m: &Mention) -> bool {
    m.class == Class::City
        || m.class == Class::Province
            && m.gaz.is_some_and(|g| {
                let e = &ex.data.entries[g as usize];
                e.aliases.iter().any(|a| a.strip_suffix('市') == Some(e.canonical.as_str()))
            })
}

fn place_rank(c: crate::model::Class) -> u8 {
    use crate::model::Class::*;
    match c {
        Country => 5,
        Province => 4,
        City => 3,
        District => 2,
        Park => 1,
        _ => 0,
    }
}

/// A place lies in a larger one: 杭州 in 浙江, not 浙江 in 杭州.
fn place_rank_ok(inner: &Mention, outer: &Mention) -> bool {
    let (a, b) = (place_rank(inner.class), place_rank(outer.class));
    a == 0 || b == 0 || b > a
}
