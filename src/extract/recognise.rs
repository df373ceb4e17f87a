//! Recognition of mentions: dictionary names, organisations by their endings, people by role
//! context and shape, places, products by quotes and product nouns, Latin model names, dates.
//!
//! Two phases: first the strong evidence (dictionary, name endings, quotes, transliterated names,
//! dates), then contextual evidence that may look at what the first phase found (a role word
//! before a name, a product noun beside a Latin name, a brand before a model number). Each phase
//! keeps the longest, strongest non-overlapping candidates. A last pass finds repeats of the names
//! found (a short name learnt from a legal name, an alias from 以下简称).

use super::data::{Data, SuffixKind};
use super::trie::Trie;
use super::{Doc, Extractor, Mention, NONE};
use crate::model::{Class, Date};
use crate::text::fold::is_cjk;
use crate::text::Pos;

fn alnum(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

fn is_punct(c: char) -> bool {
    !(alnum(c) || is_cjk(c) || c == '·' || c == '-' || c == '.' || c == ' ')
}

fn cand(start: usize, end: usize, class: Class, name: String, tier: u8) -> Mention {
    Mention { start, end, class, date: None, name, alts: Vec::new(), gaz: None, tier, refers: None, side: false }
}

/// Keeps candidates by tier, then length, that overlap nothing kept (nor `covered`).
fn select(mut cands: Vec<Mention>, covered: &mut [bool], out: &mut Vec<Mention>) {
    cands.sort_by(|a, b| b.tier.cmp(&a.tier).then((b.end - b.start).cmp(&(a.end - a.start))).then(a.start.cmp(&b.start)));
    for c in cands {
        if c.end <= c.start || covered[c.start..c.end].iter().any(|&x| x) {
            continue;
        }
        covered[c.start..c.end].iter_mut().for_each(|x| *x = true);
        out.push(c);
    }
}

pub fn recognise(ex: &Extractor, doc: &Doc) -> Vec<Mention> {
    let d = &ex.data;
    let n = doc.fl.len();
    let mut covered = vec![false; n + 1];
    let mut out = Vec::new();

    // Phase A: strong evidence.
    let mut cands = Vec::new();
    let mut side = Vec::new();
    dictionary(d, doc, &mut cands);
    org_suffixes(d, doc, &mut cands, &mut side);
    quotes(d, doc, &mut cands);
    transliterated(d, doc, &mut cands);
    dates(doc, &mut cands);
    people_over_places(d, doc, &mut cands);
    select(cands, &mut covered, &mut out);
    universities_of_departments(d, doc, &mut out, &mut covered);
    extend_models(d, doc, &mut out, &mut covered);
    // side places of the organisations kept
    let kept: Vec<(usize, usize)> = out.iter().map(|m| (m.start, m.end)).collect();
    let mut side: Vec<Mention> = side.into_iter().filter(|p| kept.iter().any(|&(a, b)| a <= p.start && p.end <= b)).collect();

    // Phase B: context.
    out.sort_by_key(|m| m.start);
    // 云栖智造成立于 (jieba: 云栖智|造成): repeats of the strong names keep their place from
    // contextual guesses; the last pass below claims them
    // (a stem is not reserved: 晶宇|智联 may be a sister firm that only context finds)
    let strong_repeats = repeat_spans(ex, doc, &out, &covered);
    let reserved: Vec<(usize, usize)> = strong_repeats.iter().filter(|&&(_, _, idx, stem)| out[idx].tier >= 3 && !stem).map(|&(a, b, _, _)| (a, b)).collect();
    for &(a, b) in &reserved {
        covered[a..b].iter_mut().for_each(|x| *x = true);
    }
    let mut cands = Vec::new();
    latin_names(d, doc, &out, &strong_repeats, &covered, &mut cands);
    noun_products(d, doc, &out, &covered, &mut cands);
    people_in_context(d, doc, &out, &covered, &mut cands);
    tagged(d, doc, &out, &covered, &mut cands);
    // 创为智能董事长周|勇为…, 林泽祎/x离开星辰后创办云舟360: people this phase found count
    let people_so_far: Vec<Mention> = out.iter().chain(cands.iter()).filter(|m| m.class == Class::Person).cloned().collect();
    let mut absorbed = Vec::new();
    orgs_by_role(d, doc, &out, &people_so_far, &covered, &mut cands, &mut absorbed);
    orgs_by_context(d, doc, &out, &people_so_far, &covered, &mut cands, &mut absorbed);
    // 辽宁成大董事长: the place that opens an organisation's name becomes a side place of it
    for (a, b) in absorbed {
        if let Some(k) = out.iter().position(|m| m.start == a && m.end == b && m.class.top() == Class::Place && !m.side) {
            let mut p = out.remove(k);
            covered[a..b].iter_mut().for_each(|x| *x = false);
            p.side = true;
            side.push(p);
        }
    }
    orgs_after_founding(d, doc, &people_so_far, &covered, &mut cands);
    orgs_after_org_noun(d, doc, &covered, &mut cands);
    places_after_hq(d, doc, &covered, &mut cands);
    orgs_in_lists(d, doc, &out, &covered, &mut cands);
    latin_founders(d, doc, &covered, &mut cands);
    card_headings(d, doc, &covered, &mut cands);
    districts_after_cities(doc, &out, &covered, &mut cands);
    // list continuations (黄晓煌、陈航和朱皓) from the people found so far
    let people: Vec<Mention> = out.iter().chain(cands.iter()).filter(|m| m.class == Class::Person).cloned().collect();
    people_in_lists(d, doc, &people, &covered, &mut cands);
    select(cands, &mut covered, &mut out);
    out.sort_by_key(|m| m.start);
    for &(a, b) in &reserved {
        covered[a..b].iter_mut().for_each(|x| *x = false);
    }

    lengthen_people(doc, &mut out, &mut covered);
    shorten_people(d, doc, &mut out, &mut covered);
    footnotes_of_people(doc, &mut out, &mut covered);
    names_before_bracket(d, doc, &mut out, &covered);
    brackets(d, doc, &mut out, &mut covered);
    // Repeats are appended, not sorted in: they refer to earlier mentions by index.
    repeats(ex, doc, &mut out, &mut covered);
    brand_models(d, doc, &mut out, &mut covered);
    out.extend(side);
    out
}

/// 浙江大学计算机学院教授, 国立交通大学电子研究所: a school or department of a university
/// (words.tsv `department-endings`) is named as its university: that is the organisation people
/// work for and study at.
fn universities_of_departments(d: &Data, doc: &Doc, out: &mut [Mention], covered: &mut [bool]) {
    let fl = &doc.fl;
    let endings = d.list("department-endings");
    for m in out.iter_mut().filter(|m| matches!(m.class, Class::University | Class::ResearchInstitute) && m.gaz.is_none()) {
        let Some(cut) = (m.start + 2..m.end.saturating_sub(2)).rev().find(|&k| fl[k - 2..k] == ['大', '学']) else { continue };
        if endings.ends_at(fl, m.end).is_none() || all_generic(d, fl, m.start, cut) {
            continue;
        }
        covered[cut..m.end].iter_mut().for_each(|x| *x = false);
        m.end = cut;
        m.class = Class::University;
        m.name = doc.text(m.start, cut);
        m.alts.clear();
        m.gaz = d.names.get(&fl[m.start..cut]);
    }
}

/// 柯允|中于2019年创立 (jieba glued the name's last character to the next word) in an article that
/// also writes 柯允中: a person's name runs on into a longer person's name found elsewhere.
fn lengthen_people(doc: &Doc, out: &mut [Mention], covered: &mut [bool]) {
    let fl = &doc.fl;
    let names: Vec<&[char]> = out.iter().filter(|m| m.class == Class::Person).map(|m| &fl[m.start..m.end]).collect();
    let mut longer = Vec::new();
    for (k, m) in out.iter().enumerate().filter(|(_, m)| m.class == Class::Person) {
        let len = m.end - m.start;
        let Some(best) = names.iter().filter(|n| n.len() > len && n.len() <= 4 && fl[m.start..].starts_with(n)).map(|n| n.len()).max() else { continue };
        let end = m.start + best;
        if fl[m.end..end].iter().all(|&c| is_cjk(c)) && !covered[m.end..end].iter().any(|&x| x) {
            longer.push((k, end));
        }
    }
    for (k, end) in longer {
        let m = &mut out[k];
        covered[m.end..end].iter_mut().for_each(|x| *x = true);
        m.end = end;
        m.name = doc.text(m.start, end);
    }
}

/// 田宁|早在公司成立之初 (jieba: 田宁早/nr) in an article that also writes 田宁: a name whose last
/// character starts a word that follows names (words.tsv `after-name`: 早在) is the shorter name.
fn shorten_people(d: &Data, doc: &Doc, out: &mut [Mention], covered: &mut [bool]) {
    let fl = &doc.fl;
    let names: Vec<Vec<char>> = out.iter().filter(|m| m.class == Class::Person).map(|m| fl[m.start..m.end].to_vec()).collect();
    for m in out.iter_mut().filter(|m| m.class == Class::Person && m.end - m.start == 3) {
        let short = &fl[m.start..m.end - 1];
        if d.list("after-name").at(fl, m.end - 1).is_some_and(|l| l >= 2) && names.iter().any(|n| n.as_slice() == short) {
            covered[m.end - 1] = false;
            m.end -= 1;
            m.name = doc.text(m.start, m.end);
        }
    }
}

/// 黄立忠789，男，…: the end of a footnote mark (one to three digits glued to a name, then a
/// mark) at `e`, else `e`.
fn footnote_end(fl: &[char], e: usize) -> usize {
    let digits = fl[e..].iter().take(4).take_while(|c| c.is_ascii_digit()).count();
    let glued = e > 0 && is_cjk(fl[e - 1]);
    if (1..=3).contains(&digits) && glued && fl.get(e + digits).is_some_and(|&c| matches!(c, ',' | '、' | ';' | ':' | '。' | '(')) {
        e + digits
    } else {
        e
    }
}

/// A person's mention takes in the footnote mark glued to it (its name does not), so that what
/// follows the mark reads as following the name.
fn footnotes_of_people(doc: &Doc, out: &mut [Mention], covered: &mut [bool]) {
    for m in out.iter_mut().filter(|m| m.class == Class::Person) {
        let e = footnote_end(&doc.fl, m.end);
        if e > m.end && !covered[m.end..e].iter().any(|&x| x) {
            covered[m.end..e].iter_mut().for_each(|x| *x = true);
            m.end = e;
        }
    }
}

/// Boundaries for a dictionary or learnt name at `[i, e)`.
fn name_bounds_ok(doc: &Doc, i: usize, e: usize) -> bool {
    let fl = &doc.fl;
    let first = fl[i];
    let last = fl[e - 1];
    if alnum(first) && i > 0 && (alnum(fl[i - 1]) || (i > 1 && matches!(fl[i - 1], '-' | '.') && alnum(fl[i - 2]))) {
        return false;
    }
    if alnum(last) && e < fl.len() && (alnum(fl[e]) || (matches!(fl[e], '-' | '.') && fl.get(e + 1).is_some_and(|&c| alnum(c)))) {
        return false;
    }
    // 由驰|远汽车: jieba may glue a preposition to a long name's first character
    let glued_prep = e - i >= 3 && i > 0 && matches!(fl[i - 1], '由' | '在' | '与' | '和' | '为' | '被' | '对' | '从' | '向' | '将' | '把') && doc.tok_start[i - 1] != NONE;
    if is_cjk(first) && doc.tok_start[i] == NONE && i > 0 && is_cjk(fl[i - 1]) && !glued_prep {
        return false;
    }
    if is_cjk(last) && e - i <= 2 && doc.tok_end[e] == NONE && e < fl.len() && is_cjk(fl[e]) {
        return false;
    }
    true
}

fn dictionary(d: &Data, doc: &Doc, cands: &mut Vec<Mention>) {
    let fl = &doc.fl;
    // a token made of several known names (美国硅谷), or of names and words that stand inside a
    // chain of places (首都北京, 北部都灵: @inside-place), opens boundaries inside it
    let mut inner = vec![false; fl.len() + 1];
    let inside_place = d.list("@inside-place");
    for tk in &doc.tokens {
        if tk.end - tk.start < 4 {
            continue;
        }
        let mut i = tk.start;
        let mut cuts = Vec::new();
        let mut names = 0;
        while i < tk.end {
            let len = match d.names.longest_at(&fl[..tk.end], i) {
                Some((len, _)) => {
                    names += 1;
                    len
                }
                None => match inside_place.at(&fl[..tk.end], i) {
                    Some(len) => len,
                    None => break,
                },
            };
            i += len;
            cuts.push(i);
        }
        if i == tk.end && cuts.len() >= 2 && names >= 1 {
            for c in cuts {
                inner[c] = true;
            }
        }
    }
    for i in 0..fl.len() {
        if alnum(fl[i]) && i > 0 && alnum(fl[i - 1]) {
            continue;
        }
        let mut best = None;
        d.names.each_at(fl, i, |len, id| {
            // 中国电子|商务, 北京大学|生: a long name ending inside jieba's word is the start of another word
            let e = i + len;
            let cut_word = len >= 3 && is_cjk(fl[e - 1]) && e < fl.len() && is_cjk(fl[e]) && !inner[e] && doc.tok_end[e] == NONE;
            if !cut_word && (name_bounds_ok(doc, i, e) || (inner[i] || doc.tok_start[i] != NONE) && (inner[e] || doc.tok_end[e] != NONE)) {
                best = Some((len, id));
            }
        });
        if let Some((len, id)) = best {
            let e = &d.entries[id as usize];
            // 徐立|明: a known two-character name before a lone character jieba left is part of a
            // longer name
            let lone_next = tok_starting(doc, i + len).map(|t| doc.tokens[t]).is_some_and(|t| t.end == t.start + 1 && is_cjk(fl[t.start]) && !NOT_IN_NAMES.contains(&fl[t.start]) && matches!(t.pos, Pos::Adj | Pos::Noun | Pos::Person | Pos::Misc));
            if e.class == Class::Person && len == 2 && lone_next {
                continue;
            }
            // 明镜|R1: a short Latin model code glued to a word before it is that word's model,
            // not the known model of the same code (DeepSeek's R1)
            let glued_code = len <= 3 && alnum(fl[i]) && i > 0 && is_cjk(fl[i - 1]) && !NOT_IN_NAMES.contains(&fl[i - 1]) && !matches!(fl[i - 1], '出' | '款' | '版' | '型' | '代');
            if glued_code && e.class.top() == Class::Product {
                continue;
            }
            // 张江|科学城: a known park or district and a park ending name a park of their own
            if let Some(pl) = d.list("park-suffixes").at(fl, i + len).filter(|_| matches!(e.class, Class::Park | Class::District)) {
                cands.push(cand(i, i + len + pl, Class::Park, doc.text(i, i + len + pl), 3));
                continue;
            }
            let mut m = cand(i, i + len, e.class, doc.text(i, i + len), 3);
            m.gaz = Some(id);
            cands.push(m);
        }
    }
}

/// The token index ending exactly at `i`.
fn tok_ending(doc: &Doc, i: usize) -> Option<usize> {
    doc.tok_end.get(i).copied().filter(|&t| t != NONE).map(|t| t as usize)
}

fn tok_starting(doc: &Doc, i: usize) -> Option<usize> {
    doc.tok_start.get(i).copied().filter(|&t| t != NONE).map(|t| t as usize)
}

fn is_generic(d: &Data, s: &[char]) -> bool {
    d.list("generic").contains_chars(s)
}

/// Whether `fl[a..b]` is made only of generic words (greedy longest-first cover).
fn all_generic(d: &Data, fl: &[char], a: usize, b: usize) -> bool {
    let g = d.list("generic");
    let mut i = a;
    while i < b {
        let mut best = 0;
        g.trie.each_at(&fl[..b], i, |len, _| best = len);
        if best == 0 {
            return false;
        }
        i += best;
    }
    true
}

/// 广饶县, 观山湖区: a word from `a` (ending by `b`) that jieba tags as a place and that has a
/// place ending; its end and class.
fn suffixed_place(d: &Data, doc: &Doc, a: usize, b: usize) -> Option<(usize, Class)> {
    let tk = doc.tokens[tok_starting(doc, a)?];
    let e = tk.end;
    if tk.pos != Pos::Place || e - a < 3 || e > b {
        return None;
    }
    let l = d.list("place-suffixes").ends_at(&doc.fl, e)?;
    Some((e, place_class(&doc.fl[e - l..e])))
}

/// The class a place ending (words.tsv `place-suffixes`) gives.
fn place_class(suffix: &[char]) -> Class {
    match suffix {
        ['省'] => Class::Province,
        ['市'] | ['州'] => Class::City,
        ['区'] | ['县'] | ['镇'] | ['乡'] | ['新', '区'] => Class::District,
        _ => Class::Park,
    }
}

/// Leading place names of `fl[a..b]` (known, or jieba's places with a place ending): the offset
/// after them.
fn strip_places(d: &Data, doc: &Doc, a: usize, b: usize) -> usize {
    let mut i = a;
    loop {
        let mut next = None;
        d.names.each_at(&doc.fl[..b], i, |len, id| {
            if d.entries[id as usize].class.top() == Class::Place && i + len <= b && (i + len == b || doc.tok_start[i + len] != NONE || !is_cjk(doc.fl[i + len - 1])) {
                next = Some(i + len);
            }
        });
        match next.or_else(|| suffixed_place(d, doc, i, b).map(|x| x.0).filter(|&j| j < b)) {
            Some(j) => i = j,
            None => return i,
        }
    }
}

/// 海康威视数字技术 → 海康威视数字 → 海康威视: the ends left by peeling off, one word at a time,
/// the trade words that close a firm's name (name endings, generic words, words.tsv `trades`),
/// while what stays is neither generic nor a place nor a person's name, of three characters or
/// more: two are often a stem that sister firms share (恒远集团, 恒远存储).
fn trade_peels(d: &Data, doc: &Doc, a: usize, b: usize) -> Vec<usize> {
    let fl = &doc.fl;
    let mut ends = Vec::new();
    let mut e = b;
    loop {
        let trade = [d.suffixes.longest_ending_at(&fl[..e], e).map(|x| x.0), d.list("generic").ends_at(fl, e), d.list("trades").ends_at(fl, e)].into_iter().flatten().max();
        let Some(l) = trade else { break };
        let ne = e - l;
        // 李宁体育用品: a person's name that names the firm is not the firm's short name
        let person = ne - a <= 4 && surname_len(d, fl, a).is_some() && doc.tokens.iter().filter(|t| a <= t.start && t.end <= ne).all(|t| t.pos == Pos::Person);
        // 物美/nz|商业: two characters stand alone when jieba reads them as one proper name
        let proper_pair = ne == a + 2 && tok_starting(doc, a).is_some_and(|t| doc.tokens[t].end == ne && matches!(doc.tokens[t].pos, Pos::Proper | Pos::Other));
        if ne < a + 3 && !proper_pair || all_generic(d, fl, a, ne) || is_place_word(d, doc, a, ne) || person {
            break;
        }
        ends.push(ne);
        e = ne;
    }
    ends
}

fn add_alt(m: &mut Mention, alt: String) {
    if !m.alts.contains(&alt) && alt != m.name {
        m.alts.push(alt);
    }
}

/// Whether `fl[a..b]` is a place: a gazetteer name or one word jieba tags as a place.
fn is_place_word(d: &Data, doc: &Doc, a: usize, b: usize) -> bool {
    d.names.get(&doc.fl[a..b]).is_some_and(|id| d.entries[id as usize].class.top() == Class::Place) || tok_starting(doc, a).is_some_and(|t| doc.tokens[t].end == b && doc.tokens[t].pos == Pos::Place)
}

/// 企业介绍|韩泰轮胎…: a section heading glued to the text opens a clause.
fn after_header(d: &Data, fl: &[char], i: usize) -> bool {
    d.list("headers").ends_at(fl, i).is_some()
}

/// Words that end any name, even a legal one (which may hold verbs and function words): posts,
/// anaphors, titles, speech and clause verbs, section headings.
fn ends_any_name(d: &Data, w: &[char]) -> bool {
    // 副会长|安徽文达集团: a word ending in a post is a post
    d.roles.longest_ending_at(w, w.len()).is_some_and(|(l, _)| l >= 2 || l == w.len())
        || d.list("@anaphor-org").contains_chars(w)
        || d.list("titles").contains_chars(w)
        || d.list("speech").contains_chars(w)
        || d.list("clause-verbs").contains_chars(w)
        || d.list("headers").contains_chars(w)
}

/// Nova| |Labs: a space inside a Latin name.
fn latin_space(doc: &Doc, tk: crate::text::Token) -> bool {
    doc.fl[tk.start..tk.end] == [' '] && tok_ending(doc, tk.start).is_some_and(|p| doc.tokens[p].pos == Pos::Eng) && tok_starting(doc, tk.end).is_some_and(|n| doc.tokens[n].pos == Pos::Eng)
}

fn is_stop_token(d: &Data, fl: &[char], a: usize, b: usize) -> bool {
    let w = &fl[a..b];
    ends_any_name(d, w)
        || matches!(w, ['的'] | ['和'] | ['与'] | ['及'] | ['由'] | ['是'] | ['在'] | ['为'] | ['被'] | ['将'] | ['对'] | ['向'] | ['从'] | ['等'] | ['了'] | ['前'] | ['原'] | ['该'] | ['这'] | ['其'] | ['旗'] | ['下'] | ['任'])
        || d.list("@found").contains_chars(w)
        || d.list("@parent").contains_chars(w)
        || d.list("@subsidiary").contains_chars(w)
        || d.list("@launch").contains_chars(w)
        || d.list("after-name").contains_chars(w)
}

fn org_suffixes(d: &Data, doc: &Doc, cands: &mut Vec<Mention>, side: &mut Vec<Mention>) {
    let fl = &doc.fl;
    // the token covering each offset, to read 公司|总部 inside one word (公司总部)
    let mut tok_at = vec![NONE; fl.len() + 1];
    for (k, tk) in doc.tokens.iter().enumerate() {
        for x in &mut tok_at[tk.start..tk.end] {
            *x = k as u32;
        }
    }
    for e in 1..=fl.len() {
        if doc.tok_end[e] == NONE {
            let inside = tok_at[e] != NONE && tok_at[e - 1] == tok_at[e] && {
                let tk = doc.tokens[tok_at[e] as usize];
                d.list("after-org").contains_chars(&fl[e..tk.end])
            };
            if !inside {
                continue;
            }
        }
        // the longest ending that starts on a word boundary (浪潮集团|有限公司: 有限公司), or
        // inside one word (横店集团 as one word: the name is the word's beginning)
        let mut pick = None;
        for (slen, sid) in d.suffixes.all_ending_at(fl, e) {
            let s = e - slen;
            let whole = tok_ending(doc, e).map(|t| doc.tokens[t]).filter(|tk| tk.start < s && fl[tk.start..s].iter().all(|c| is_cjk(*c)));
            if doc.tok_start[s] != NONE || whole.is_some() {
                pick = Some((slen, sid, whole));
                break;
            }
        }
        let Some((slen, sid, whole)) = pick else { continue };
        let s = e - slen;
        // a suffix followed by more of a name is not an ending (科技巨头 is fine, 公司法 is not)
        let (class, kind) = d.suffix_info[sid as usize];
        let legal = kind == SuffixKind::Legal;
        // 汇丰亚太区|科技主管: after a region of a firm the ending word names a department
        if d.list("@subsidiary").ends_at(fl, e).is_some() || d.list("@parent").ends_at(fl, e).is_some() || d.list("@anaphor-org").ends_at(fl, e).is_some_and(|l| l > slen) || !legal && d.list("org-regions").ends_at(fl, s).is_some() {
            continue;
        }
        // a name ending is not followed by a noun that continues the phrase (科技指数, 科技创业者)
        if !legal {
            if let Some(nt) = tok_starting(doc, e) {
                let tk = doc.tokens[nt];
                let w = &fl[tk.start..tk.end];
                // 恒远银行原董事长: a word dating the post (原, 时任) stands before the role
                let dated_post = d.list("post-prefix").contains_chars(w) && d.roles.longest_at(fl, tk.end).is_some();
                if matches!(tk.pos, Pos::Noun | Pos::VerbNoun) && d.roles.longest_at(fl, tk.start).is_none() && !dated_post && !d.list("after-org").contains_chars(w) && d.suffixes.get(w).is_none() {
                    continue;
                }
                // 电源厂|恒昇科技: a firm noun before a name describes it
                if d.list("firm-chars").contains_chars(&fl[s..e]) && matches!(tk.pos, Pos::Proper | Pos::Person | Pos::Org | Pos::Other | Pos::Eng) {
                    continue;
                }
            }
        }
        // 澜舟数据成立于…, 极光动力董事长…: what follows vouches for the name
        let after_e = if fl.get(e) == Some(&'的') { e + 1 } else { e };
        let vouched = d.list("@datefound").at(fl, e).is_some() || fl.get(e) == Some(&'由') || d.list("@hq").at(fl, after_e).is_some() || d.roles.longest_at(fl, after_e).is_some_and(|(_, id)| d.role_props[id as usize].is_some()) || fl.get(e..e + 2) == Some(&['旗', '下'][..]);
        let max = if legal { 20 } else { 8 };
        let sent_start = doc.sentence_start(s);
        let mut left = s;
        let mut t = tok_ending(doc, s);
        let mut has_odd = false; // a token that is not an ordinary dictionary word
        // the leftmost word taken is, or opens with, a known organisation's name
        let mut known_taken = false;
        if let Some(tk) = whole.filter(|_| doc.tok_start[s] == NONE) {
            // 集团|公司 as one word: an ending before the ending, the name goes on leftwards
            let inner_suffix = d.suffixes.get(&fl[tk.start..s]).is_some() && kind != SuffixKind::Weak;
            // (上海)永昌|机器厂: after a weak ending an ordinary word may go on into a name, which then
            // needs an odd word before it
            if !inner_suffix && (is_stop_token(d, fl, tk.start, s) || is_generic(d, &fl[tk.start..s]) && kind != SuffixKind::Weak) {
                continue;
            }
            left = tk.start;
            // 尖端技术, 发电厂: one ordinary word with a weak ending is a noun, not a name
            has_odd = !inner_suffix && !(kind == SuffixKind::Weak && matches!(tk.pos, Pos::Noun | Pos::VerbNoun));
            known_taken = d.names.longest_at(&fl[..s], tk.start).is_some_and(|(_, id)| d.entries[id as usize].class.top() == Class::Organization);
            t = tok_ending(doc, tk.start);
        }
        let mut bracket: Option<usize> = None; // 天津港(集团)有限公司, 聚光科技(杭州)股份有限公司
        let mut after_place = false; // 请到|上海海晏…有限公司: a legal name starts at its place
        let mut dating = false; // the leftmost word taken is a time that dates the clause
        let mut place_taken = false; // the leftmost word taken is a place
        let mut counted = false; // a counting word stands before the name (是一家…有限公司)
        while let Some(ti) = t {
            let tk = doc.tokens[ti];
            // Latin letters are narrow: a Latin word counts as one character of the limit
            let latin_width: usize = doc.tokens[ti..].iter().take_while(|t| t.start < s).filter(|t| t.pos == Pos::Eng).map(|t| t.end - t.start - 1).sum();
            // 西岭|文化产业投资集团: a place opening the name may take it past the usual length
            if tk.start < sent_start || s - tk.start - latin_width > max && !(s - tk.end <= max && is_place_word(d, doc, tk.start, tk.end)) {
                break;
            }
            let w = &fl[tk.start..tk.end];
            // 企业|浙江远帆集团: an organisation noun before the place that opens a name describes it
            if place_taken && d.list("org-nouns").contains_chars(w) {
                break;
            }
            // 路由器|华为|技术有限公司, 路由器|华为技术有限公司: a known organisation's name opens the
            // name; only a place may stand before it
            if known_taken && !is_place_word(d, doc, tk.start, tk.end) {
                break;
            }
            if legal && w == [')'] && bracket.is_none() {
                let open = (tk.start.saturating_sub(7).max(sent_start)..tk.start).rev().find(|&j| fl[j] == '(');
                // (李源)郑州煤电股份有限公司: a bracket in the name holds a place or an ending, or
                // stands right before the legal form
                let inner_ok = |o: usize| tk.end == s || is_place_word(d, doc, o + 1, tk.start) || d.suffixes.get(&fl[o + 1..tk.start]).is_some();
                if let Some(o) = open.filter(|&o| o + 1 < tk.start && fl[o + 1..tk.start].iter().all(|c| is_cjk(*c)) && inner_ok(o)) {
                    bracket = Some(o);
                    left = o;
                    has_odd = true;
                    t = if o > 0 { tok_ending(doc, o) } else { None };
                    continue;
                }
            }
            // 苏明哲任|宁川港…: a word ending in a function character ends the name
            // (任命)周晓明为/nr|临港…: jieba glued a function character to a person's name
            let last = w[w.len() - 1];
            if legal && w.len() >= 2 && tk.pos != Pos::Place && matches!(last, '的' | '是' | '在' | '了' | '于' | '将' | '由' | '被' | '对' | '从' | '向' | '也' | '都' | '就' | '说' | '称' | '曾' | '已' | '并' | '兼' | '任')
                || tk.pos == Pos::Person && w.len() >= 3 && (NOT_IN_NAMES.contains(&last) || last == '为')
            {
                break;
            }
            // 苏州|茶|在|山…有限公司, 广州|和|蕊…: a function character inside a legal name that a
            // place opens, right after the place or after one character of the name; 新希望六|和|…:
            // 和 after a character jieba left alone (六和, 永和) is part of a word
            let place_before = |j: usize| tok_ending(doc, j).is_some_and(|p| is_place_word(d, doc, doc.tokens[p].start, j));
            let lone_before = tok_ending(doc, tk.start).map(|p| doc.tokens[p]).filter(|p| p.end - p.start == 1 && is_cjk(fl[p.start]));
            let inner_function = legal
                && w.len() == 1
                && matches!(tk.pos, Pos::Prep | Pos::Conj)
                && (place_before(tk.start) || lone_before.is_some_and(|p| place_before(p.start) || w == ['和'] && !matches!(p.pos, Pos::Pronoun | Pos::Prep | Pos::Conj | Pos::Particle)));
            // 上海|仲远/nr|虹桥…有限公司: a word jieba reads as a name between two places is in the name
            let between_places = tk.pos == Pos::Person && tk.end - tk.start == 2 && tok_ending(doc, tk.start).is_some_and(|p| is_place_word(d, doc, doc.tokens[p].start, tk.start));
            if legal && after_place && !matches!(tk.pos, Pos::Place | Pos::Org | Pos::Proper | Pos::Other | Pos::Eng) && !between_places {
                break;
            }
            // 嘉宾有|青松置业…: a light verb is not part of a name
            if tk.pos == Pos::Verb && d.list("light-verbs").contains_chars(w) {
                break;
            }
            let single = tk.end - tk.start == 1 && is_cjk(fl[tk.start]) && !matches!(tk.pos, Pos::Punct | Pos::Particle | Pos::Prep | Pos::Conj | Pos::Pronoun);
            // 2002年|创立…, 如|浙商创投, 上市公司|广东南洋电缆…: a date, a function word or a
            // generic firm noun before the name is not part of it
            let date_unit = single && tk.start > 0 && fl[tk.start - 1].is_ascii_digit();
            // 无人机制造商|天翼航空科技…有限公司: a noun describing the firm stands before its name
            let firm_noun = w.len() >= 3 && w.ends_with(&['公', '司']) && all_generic(d, fl, tk.start, tk.end - 2) || d.list("firm-descriptors").ends_at(fl, tk.end).is_some() || !legal && d.list("firm-chars").contains_chars(w);
            // 人形机器人|离|进厂: a one-character verb before a weak ending is a clause, not a name;
            // 建设|第二|工厂: nor does an ordinal open one
            let verb_clause = single && tk.pos == Pos::Verb && kind == SuffixKind::Weak || !legal && w.len() >= 2 && w[0] == '第' && "一二三四五六七八九十".contains(w[1]);
            if date_unit || firm_noun || verb_clause || single && d.list("never-name-initial").contains_chars(w) {
                break;
            }
            if counting_word(fl, tk) {
                counted = true;
                break;
            }
            // 晋唐|投资集团, 微学|明日|网络科技: a word jieba reads as a time may be in a name, unless
            // it dates the clause (今日, 去年) and nothing of the name stands before it
            let time_ok = tk.pos == Pos::Time && w.len() >= 2 && w.iter().all(|c| is_cjk(*c));
            // 东方|证券: before a strong ending a word jieba could not place may name it
            let misc_ok = kind == SuffixKind::Strong && tk.pos == Pos::Misc && tk.end - tk.start == 2 && w.iter().all(|c| is_cjk(*c));
            let numeral_ok = numeral_word(fl, tk);
            // 大连/d|佳林…有限公司: a known place opens a legal name whatever jieba tags it
            let place_ok = (legal || kind == SuffixKind::Strong) && is_place_word(d, doc, tk.start, tk.end);
            // 宏碁/v|集团: a known organisation's name, whatever jieba tags it
            let known_org = d.names.get(w).is_some_and(|id| d.entries[id as usize].class.top() == Class::Organization);
            // 美好|集团 opening its clause, 上海|新新|公司: an adjective that is no generic word
            let adj_ok = kind == SuffixKind::Strong && tk.pos == Pos::Adj && tk.end == s && w.len() == 2 && !is_generic(d, w) && d.list("degree-chars").at(fl, tk.start).is_none() && (tk.start == sent_start || is_punct(fl[tk.start - 1]) || place_before(tk.start));
            // 远航/v|汽车总裁…: a two-character verb right before an ending a post vouches for
            let verb_vouched = vouched && tk.pos == Pos::Verb && w.len() == 2 && tk.end == s && !is_stop_token(d, fl, tk.start, tk.end) && !d.list("@launch").contains_chars(w) && !d.list("@found").contains_chars(w);
            let ok_pos = single || known_org || verb_vouched || inner_function || adj_ok || misc_ok || time_ok || numeral_ok || place_ok || (tk.pos.nameish() && (legal || tk.pos != Pos::Adj)) || (legal && matches!(tk.pos, Pos::Verb | Pos::Num | Pos::Adj | Pos::Misc) && w.iter().all(|c| is_cjk(*c))) || verb_in_name(d, doc, tk);
            // 房地产开发有限公司: a legal name may hold verbs that elsewhere trigger rules
            // (于2002年)创立|齐界国际制作有限公司: but not a founding
            // 中衡|设计|集团: a trade word right before the ending is the firm's trade, not a verb
            let stop = if legal && w.len() >= 2 {
                ends_any_name(d, w) || d.list("@found").contains_chars(w)
            } else if tk.end == s && is_generic(d, w) {
                ends_any_name(d, w)
            } else {
                is_stop_token(d, fl, tk.start, tk.end)
            };
            let latin_space = latin_space(doc, tk);
            if !latin_space && (!ok_pos || w.iter().any(|&c| is_punct(c) || c == ' ') || stop && !inner_function) {
                break;
            }
            dating = time_ok && w.iter().any(|c| d.list("time-chars").contains_chars(&[*c]));
            if !is_generic(d, w) && (matches!(tk.pos, Pos::Other | Pos::Proper | Pos::Person | Pos::Org | Pos::Eng | Pos::Place) || tk.end - tk.start == 1 || known_org) {
                has_odd = true;
            }
            after_place = d.names.get(w).is_some_and(|id| d.entries[id as usize].class.top() == Class::Place);
            place_taken = is_place_word(d, doc, tk.start, tk.end);
            known_taken = known_org;
            left = tk.start;
            t = if tk.start > 0 { tok_ending(doc, tk.start) } else { None };
            // 由星衡/nr|设计集团: jieba glued a preposition to the name it guessed; the name starts after
            // it; IC设计厂晶宇|半导体: likewise a firm character (words.tsv `firm-chars`), but not
            // the first of a word jieba reads as an organisation's (商业银行)
            // (设计|厂晶|钜微电子: a two-character word too, between a trade word and a word jieba
            // could not read; 盈科|商贸|有限公司 keeps its trade)
            let trade_before = tok_ending(doc, tk.start).is_some_and(|p| matches!(doc.tokens[p].pos, Pos::Noun | Pos::VerbNoun | Pos::Verb) && doc.tokens[p].end - doc.tokens[p].start >= 2);
            let odd_after = tok_starting(doc, tk.end).is_some_and(|n| matches!(doc.tokens[n].pos, Pos::Misc | Pos::Other | Pos::Proper | Pos::Person | Pos::Eng));
            let firm_char_first = tk.pos != Pos::Org && d.list("firm-chars").contains_chars(&w[..1]) && (w.len() >= 3 || w.len() == 2 && trade_before && odd_after);
            if w.len() >= 3 && matches!(tk.pos, Pos::Person | Pos::Adj | Pos::Other) && d.list("never-name-initial").contains_chars(&w[..1]) || firm_char_first {
                left += 1;
                break;
            }
        }
        if dating {
            left = tok_starting(doc, left).map_or(left, |t| doc.tokens[t].end);
        }
        // 一家|商务咨询有限公司: ordinary words after a counting word describe a kind of firm
        if left == s || counted && !has_odd {
            continue;
        }
        // 江苏银行, 浙江大学: endings that a place alone may name (words.tsv `place-named`)
        let named_by_place = matches!(class, Class::University | Class::ResearchInstitute) || legal || d.list("place-named").contains_chars(&fl[s..e]);
        let mut core = strip_places(d, doc, left, s);
        let mut place_named = false; // 天津航空: the place is the name, and wins over the place alone
        if core == s || all_generic(d, fl, core, s) {
            // 中国|建筑|集团有限公司: a place and a trade before a legal form name a firm
            if !named_by_place || all_generic(d, fl, left, s) && !(legal && left < core && core < s) {
                continue;
            }
            // 成都医疗AI公司|安澜医疗: a place and generic words before 公司 describe the name that
            // follows, they are not one
            if legal && tok_starting(doc, e).is_some_and(|t| matches!(doc.tokens[t].pos, Pos::Person | Pos::Org | Pos::Proper | Pos::Other | Pos::Eng)) {
                continue;
            }
            core = left;
            place_named = true;
        }
        // 位于成都的星穹数据: a place and 的 before the name vouch for it
        let placed = left >= 2 && fl[left - 1] == '的' && tok_ending(doc, left - 1).is_some_and(|t| doc.tokens[t].pos == Pos::Place || d.names.get(&fl[doc.tokens[t].start..doc.tokens[t].end]).is_some_and(|id| d.entries[id as usize].class.top() == Class::Place));
        if kind == SuffixKind::Weak && !has_odd && !placed && !vouched {
            continue;
        }
        if s - core < 2 && !legal && !alnum(fl[core]) {
            continue;
        }
        // names (宁波|戈兰斯电采暖厂: a weak ending after a place is as sure as the place)
        let full = doc.text(left, e);
        let (short_a, short_b) = if legal {
            let mut b = match bracket {
                Some(o) if o >= core + 2 => o,
                _ => s,
            };
            // 政和科技股份|有限公司: 股份 belongs to the legal form
            if b >= core + 4 && fl[b - 2..b] == ['股', '份'] {
                b -= 2;
            }
            if let Some((l2, id2)) = d.suffixes.longest_ending_at(&fl[..b], b) {
                // 中原|证券: not when what is left is a place's name; 中国建设|银行: nor an ending
                // the short name keeps (words.tsv kept-endings)
                if d.suffix_info[id2 as usize].1 != SuffixKind::Legal && b - l2 >= core + 4 && !is_place_word(d, doc, core, b - l2) && !d.list("kept-endings").contains_chars(&fl[b - l2..b]) {
                    b -= l2;
                }
            }
            (core, b)
        } else if matches!(class, Class::University | Class::ResearchInstitute) {
            (left, e)
        } else {
            (core, e)
        };
        // 谷歌X实验室: a known firm's name opening a longer name outweighs the firm's own name
        let opens_known = tok_starting(doc, left).is_some_and(|t| doc.tokens[t].end < s && d.names.get(&fl[left..doc.tokens[t].end]).is_some_and(|id| d.entries[id as usize].class.top() == Class::Organization));
        let tier = if kind == SuffixKind::Weak && !place_named && core == left && !opens_known { 2 } else { 3 };
        let mut m = cand(left, e, if legal { Class::Company } else { class }, doc.text(short_a, short_b), tier);
        for (a, b) in [(left, e), (core, e), (core, s), (short_a, short_b)] {
            if let Some(id) = d.names.get(&fl[a..b]) {
                // 广汽|资本: a known firm's name before an investor's ending names its investment arm
                let other_kind = b == s && class == Class::Investor && d.entries[id as usize].class != Class::Investor;
                if d.entries[id as usize].class.top() == Class::Organization && !other_kind {
                    m.gaz = Some(id);
                    m.class = d.entries[id as usize].class;
                    break;
                }
            }
        }
        if full != m.name {
            m.alts.push(full);
        }
        // the place a name starts with is a place of its own (深圳曜石资本 → 深圳)
        if core > left && !matches!(class, Class::University | Class::ResearchInstitute) {
            let mut i = left;
            while i < core {
                let mut best = None;
                d.names.each_at(&fl[..core], i, |len, id| best = Some((len, id)));
                let mut pm = match (best, suffixed_place(d, doc, i, core)) {
                    (Some((len, id)), _) => {
                        let mut pm = cand(i, i + len, d.entries[id as usize].class, doc.text(i, i + len), 3);
                        pm.gaz = Some(id);
                        pm
                    }
                    (None, Some((pe, class))) => cand(i, pe, class, doc.text(i, pe), 3),
                    (None, None) => break,
                };
                pm.side = true;
                i = pm.end;
                side.push(pm);
            }
        }
        let mid = doc.text(core, e);
        add_alt(&mut m, mid);
        // 摩托罗拉公司 is also 摩托罗拉: a bare 公司 adds nothing to the name
        if legal || (fl[s..e] == ['公', '司'] && s >= core + 2) {
            let mid2 = doc.text(core, s);
            add_alt(&mut m, mid2);
            // 赛特斯信息科技股份|有限公司: the name without its legal form
            if legal && s >= core + 4 && fl[s - 2..s] == ['股', '份'] {
                let mid3 = doc.text(core, s - 2);
                add_alt(&mut m, mid3);
            }
            // 中国华电集团|有限公司 is also 华电集团: the group keeps its 集团
            if legal && fl[s..e].starts_with(&['集', '团']) && e > s + 2 {
                add_alt(&mut m, doc.text(core, s + 2));
            }
        }
        // 新疆天业(集团)有限公司 is also 新疆天业: its places and its short name
        if legal && core > left && short_a == core && short_b > core {
            let form = doc.text(left, short_b);
            add_alt(&mut m, form);
        }
        // 杭州海康威视数字技术股份有限公司 is also 海康威视 and 杭州海康威视: its name without its
        // trade words, with and without its places (and 广东植物龙生物技术: without its legal form)
        if !matches!(class, Class::University | Class::ResearchInstitute) {
            let b = if legal { short_b } else { e };
            for a in if core > left { vec![core, left] } else { vec![core] } {
                for pe in trade_peels(d, doc, a, b) {
                    add_alt(&mut m, doc.text(a, pe));
                }
            }
            if legal && core > left {
                add_alt(&mut m, doc.text(left, s));
                // 济南同智…科技股份|有限公司 is also 济南同智…科技
                if s >= core + 4 && fl[s - 2..s] == ['股', '份'] {
                    add_alt(&mut m, doc.text(left, s - 2));
                }
            }
        }
        // 山东省泰安市恒远…有限公司 is also 泰安市恒远…有限公司: drop the leading places one by one
        if core > left + 1 {
            let mut i = left;
            while i < core {
                let mut best = None;
                d.names.each_at(&fl[..core], i, |len, _| best = Some(len));
                let Some(len) = best else { break };
                i += len;
                if i < core {
                    let form = doc.text(i, e);
                    add_alt(&mut m, form);
                }
            }
        }
        cands.push(m);
    }
}

fn product_noun_before(d: &Data, fl: &[char], end: usize, lo: usize) -> Option<(usize, Class)> {
    // the longest product noun ending at `end` (skipping a space), starting at or after `lo`
    let end = if end > 0 && fl[end - 1] == ' ' { end - 1 } else { end };
    d.product_nouns.longest_ending_at(fl, end).filter(|(l, _)| end - l >= lo).map(|(l, id)| (end - l, d.product_noun_class[id as usize]))
}

fn product_noun_after(d: &Data, fl: &[char], start: usize) -> Option<(usize, Class)> {
    let s = if fl.get(start) == Some(&' ') { start + 1 } else { start };
    d.product_nouns.longest_at(fl, s).map(|(l, id)| (s + l, d.product_noun_class[id as usize]))
}

fn quotes(d: &Data, doc: &Doc, cands: &mut Vec<Mention>) {
    let fl = &doc.fl;
    for a in 0..fl.len() {
        let close = match fl[a] {
            '“' => '”',
            '「' => '」',
            '『' => '』',
            '《' => '》',
            '"' => '"',
            _ => continue,
        };
        let lim = (a + 22).min(doc.sentence_end(a));
        let Some(b) = (a + 1..lim).find(|&j| fl[j] == close) else { continue };
        if b == a + 1 || fl[a + 1..b].iter().any(|&c| matches!(c, ',' | '。' | ';' | '!' | '?' | '，')) {
            continue;
        }
        let inner = &fl[a + 1..b];
        let s0 = doc.sentence_start(a);
        let after = b + 1;
        let series = fl.get(after..after + 2) == Some(&['系', '列'][..]);
        let noun_after = product_noun_after(d, fl, if series { after + 2 } else { after });
        // “云雀X3”测绘无人机: a word of use between the quote and its product noun
        let noun_near = noun_after.or_else(|| (1..=3).take_while(|&k| fl.get(after + k - 1).is_some_and(|&c| is_cjk(c) && !NOT_IN_NAMES.contains(&c))).find_map(|k| product_noun_after(d, fl, after + k)));
        let noun_before = product_noun_before(d, fl, a, s0);
        // context before: product noun, launch verb, 产品 within 6 chars of the clause
        let lo = (s0..a).rev().take_while(|&j| !matches!(fl[j], ',' | '。' | ';' | ':')).last().unwrap_or(a);
        let launch_before = (a.saturating_sub(5).max(s0)..a).any(|j| d.list("@launch").at(&fl[..a], j).is_some_and(|l| j + l == a || (j + l + 1 == a && matches!(fl[a - 1], '了' | '出' | '的'))));
        // 创立了“阳光工作室”: what is founded is an organisation
        let org_noun_before = d.list("org-nouns").ends_at(fl, a).is_some() || d.list("@foundverb").ends_at(fl, a).or_else(|| (a > 0 && fl[a - 1] == '了').then(|| d.list("@foundverb").ends_at(fl, a - 1)).flatten()).is_some();
        let next = fl.get(after).copied().unwrap_or('。');
        // 创立了“原野壁纸”品牌: an organisation noun after the quote closes it too
        let boundary_after = !is_cjk(next) || matches!(next, '和' | '与' | '及' | '等' | '的' | '已' | '在' | '以' | '于' | '将' | '也' | '是' | '为' | '、' | '作' | '成' | '获' | '上' | '正' | '由') || noun_after.is_some() || series || org_noun_before && d.list("org-nouns").at(fl, after).is_some();
        // “亚都加湿器”的董事长…: a post right after the quote makes it an organisation
        let post_after = d.roles.longest_at(fl, if next == '的' { after + 1 } else { after }).is_some_and(|(_, id)| d.role_props[id as usize].is_some_and(|p| p != crate::model::Property::WorksFor));
        let mut class = None;
        // 旗下品牌「山野茶舍」目前…: after an organisation noun the quote itself bounds the name
        if (org_noun_before && (boundary_after || matches!(close, '」' | '”')) || post_after) && close != '》' {
            class = Some(Class::Company);
        } else if close == '》' {
            if noun_before.is_some() || launch_before {
                class = Some(noun_before.map_or(Class::Product, |x| x.1));
            }
        } else if let Some((_, c)) = noun_near {
            class = Some(c);
        } else if let Some((_, c)) = noun_before {
            // 支付平台「汇付通」服务…: the product noun before the quote vouches for it
            class = Some(c);
        } else if boundary_after {
            // 推出了面向电池产线的检测设备“慧眼X3”。: a launch earlier in the clause names what
            // closes it
            let launch_in_clause = (lo..a).any(|j| d.list("@launch").at(&fl[..a], j).is_some()) && !is_cjk(next);
            // 主要产品包括…及控制器「越衡Core」: so does a list of products
            let products_in_clause = (lo..a).any(|j| d.list("@products").at(&fl[..a], j).is_some_and(|l| l >= 2)) && !is_cjk(next);
            if launch_before || series || launch_in_clause || products_in_clause {
                class = Some(Class::Product);
            }
        }
        let Some(class) = class else { continue };
        // 大模型“六小虎”, “四小龙”: a nickname for a group of firms, not a product
        let group_nickname = inner.len() >= 3 && "一二三四五六七八九十两".contains(inner[0]) && matches!(inner[1], '小' | '大');
        if all_generic(d, fl, a + 1, b) || group_nickname && class.top() == Class::Product {
            continue;
        }
        let name = doc.text(a + 1, b);
        let mut start = a;
        let mut end = b + 1;
        let mut alts = Vec::new();
        if let Some((ne, _)) = noun_near {
            end = ne;
            alts.push(format!("{name}{}", doc.text(b + 1, ne)));
        } else if let Some((ns, _)) = noun_before {
            if class.top() == Class::Product {
                start = ns;
            }
        }
        // 成立了“北京可追科技有限公司”: a quoted name its ending made a name keeps what the ending
        // made of it (its short name and other forms), and takes the quotes
        if class.top() == Class::Organization && alts.is_empty() {
            if let Some(named) = cands.iter_mut().find(|c| c.start == a + 1 && c.end == b && c.class.top() == Class::Organization) {
                named.start = a;
                named.end = b + 1;
                continue;
            }
        }
        // 发布“曜石”: a launch alone says less than a noun (子品牌“曜石”, 芯片“曜影100”)
        let launch_only = class == Class::Product && noun_near.is_none() && noun_before.is_none() && !series;
        let mut m = cand(start, end, class, name, if launch_only { 2 } else { 3 });
        m.alts = alts;
        if let Some(id) = d.names.get(inner) {
            m.gaz = Some(id);
            m.class = d.entries[id as usize].class;
        }
        cands.push(m);
    }
}

/// 萨姆·奥尔特曼, 伊隆·马斯克: ideographs around a middle dot.
fn transliterated(d: &Data, doc: &Doc, cands: &mut Vec<Mention>) {
    let fl = &doc.fl;
    let after = d.list("after-name");
    let mut i = 0;
    while i < fl.len() {
        if fl[i] != '·' || i == 0 || !is_cjk(fl[i - 1]) || !fl.get(i + 1).is_some_and(|&c| is_cjk(c)) {
            i += 1;
            continue;
        }
        let s0 = doc.sentence_start(i);
        let mut left = i;
        while left > s0 && is_cjk(fl[left - 1]) && i - left < 5 {
            if d.roles.longest_ending_at(fl, left).is_some() || after.ends_at(fl, left).is_some() || d.list("titles").ends_at(fl, left).is_some() || d.product_nouns.longest_ending_at(fl, left).is_some() {
                break;
            }
            // 当|马库斯, 由|费鲁吉欧, 药剂师|爱拔: a function word or a longer common noun before
            // (the word right before the dot is part of the name whatever its tag: 盖/v·拉利伯特)
            let word_before = left < i && tok_ending(doc, left).map(|t| doc.tokens[t]).is_some_and(|tk| matches!(tk.pos, Pos::Time | Pos::Prep | Pos::Conj | Pos::Particle | Pos::Pronoun | Pos::Adverb | Pos::Verb) || tk.pos == Pos::Noun && tk.end - tk.start >= 3);
            if word_before || NOT_IN_NAMES.contains(&fl[left - 1]) {
                break;
            }
            left -= 1;
        }
        // 意大|利圣亚加塔: a name cut by the length limit does not start inside a word
        if i - left == 5 {
            while left < i && doc.tok_start[left] == NONE {
                left += 1;
            }
        }
        if left == i {
            i += 1;
            continue;
        }
        let mut right = i + 1;
        loop {
            let part_start = right;
            while right < fl.len() && is_cjk(fl[right]) && right - part_start < 6 && (right == part_start || after.at(fl, right).is_none()) {
                // a dictionary verb or adverb starting here ends the name (沃兹尼亚克一起, 标致偏爱)
                if right > part_start {
                    if let Some(t) = tok_starting(doc, right) {
                        let tk = doc.tokens[t];
                        if tk.end - tk.start >= 2 && matches!(tk.pos, Pos::Verb | Pos::Adverb | Pos::Misc | Pos::Prep | Pos::Conj | Pos::Num) {
                            break;
                        }
                    }
                }
                right += 1;
            }
            if right + 1 < fl.len() && fl[right] == '·' && is_cjk(fl[right + 1]) {
                right += 1;
                continue;
            }
            break;
        }
        // 路易斯·雷诺|三兄弟: a count of people is not part of the name
        if right > i + 2 && "一二三四五六七八九十两几".contains(fl[right - 1]) && fl.get(right).is_some_and(|c| "兄弟姐妹人位名个".contains(*c)) {
            right -= 1;
        }
        // 广东·佛山: places joined by a dot are no person
        let places = is_place_word(d, doc, left, i) && is_place_word(d, doc, i + 1, right);
        if right > i + 1 && !places {
            cands.push(cand(left, right, Class::Person, doc.text(left, right), 3));
        }
        i = right.max(i + 1);
    }
}

fn digits(fl: &[char], i: usize, max: usize) -> Option<(u32, usize)> {
    let mut v = 0u32;
    let mut j = i;
    while j < fl.len() && j - i < max && fl[j].is_ascii_digit() {
        v = v * 10 + fl[j].to_digit(10).unwrap_or(0);
        j += 1;
    }
    (j > i).then_some((v, j))
}

fn dates(doc: &Doc, cands: &mut Vec<Mention>) {
    let fl = &doc.fl;
    let mut i = 0;
    while i < fl.len() {
        if !fl[i].is_ascii_digit() || (i > 0 && fl[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        // 1999 年 10 月: a space may stand around the figures
        let sp = |k: usize| if fl.get(k) == Some(&' ') { k + 1 } else { k };
        match digits(fl, i, 5) {
            Some((y, j)) if j - i == 4 && (1800..=2100).contains(&y) && fl.get(sp(j)) == Some(&'年') => {
                let mut end = sp(j) + 1;
                let mut date = Date::Year(y as i32);
                if let Some((mo, k)) = digits(fl, sp(end), 2) {
                    if fl.get(sp(k)) == Some(&'月') && (1..=12).contains(&mo) {
                        end = sp(k) + 1;
                        if let Some((dd, l)) = digits(fl, sp(end), 2) {
                            if matches!(fl.get(sp(l)), Some('日') | Some('号')) && (1..=31).contains(&dd) {
                                end = sp(l) + 1;
                                date = Date::Day(y as i32, mo as u8, dd as u8);
                            }
                        }
                    }
                }
                let mut m = cand(i, end, Class::Organization, doc.text(i, end), 3);
                m.date = Some(date);
                cands.push(m);
                i = end;
            }
            Some((_, j)) => match numeric_date(fl, i) {
                Some((date, end)) => {
                    let mut m = cand(i, end, Class::Organization, doc.text(i, end), 3);
                    m.date = Some(date);
                    cands.push(m);
                    i = end;
                }
                None => i = j,
            },
            None => i += 1,
        }
    }
}

/// A date in figures only, as registers print it: 2015-07-29, 2015/07/29, 20150729. Not inside a
/// longer run of figures (a phone or licence number).
fn numeric_date(fl: &[char], i: usize) -> Option<(Date, usize)> {
    let (y, j) = digits(fl, i, 4)?;
    let (mo, dd, end) = match fl.get(j) {
        Some('-' | '/') if j - i == 4 => {
            let (mo, k) = digits(fl, j + 1, 2).filter(|&(_, k)| k == j + 3)?;
            let (dd, l) = digits(fl, k + 1, 2).filter(|&(_, l)| fl.get(k) == Some(&fl[j]) && l == k + 3)?;
            (mo, dd, l)
        }
        _ => {
            let (md, k) = digits(fl, j, 4).filter(|&(_, k)| k == j + 4 && j == i + 4)?;
            (md / 100, md % 100, k)
        }
    };
    let valid = (1800..=2100).contains(&y) && (1..=12).contains(&mo) && (1..=31).contains(&dd);
    (valid && !fl.get(end).is_some_and(|c| c.is_ascii_alphanumeric())).then_some((Date::Day(y as i32, mo as u8, dd as u8), end))
}

/// 昇腾 + 910B → 昇腾910B; 思元 + 590: a known product name followed by a model number.
fn extend_models(d: &Data, doc: &Doc, out: &mut [Mention], covered: &mut [bool]) {
    let fl = &doc.fl;
    for m in out.iter_mut() {
        if m.class.top() != Class::Product || m.is_date() || m.end >= fl.len() || !fl[m.end].is_ascii_digit() || alnum(fl[m.end - 1]) {
            continue;
        }
        let mut e = m.end;
        while e < fl.len() && (alnum(fl[e]) || (fl[e] == '.' && fl.get(e + 1).is_some_and(|c| c.is_ascii_digit()))) && !covered[e] {
            e += 1;
        }
        let e = model_tail(d, fl, covered, e);
        covered[m.end..e].iter_mut().for_each(|x| *x = true);
        let old = m.name.clone();
        m.name = doc.text(m.start, e);
        m.alts.retain(|a| *a != old);
        let of = super::data::fold_lower_chars(&doc.fl[m.start..m.start + old.chars().count()]);
        if d.product_nouns.longest_ending_at(&of, of.len()).is_some() {
            m.alts.push(old);
        }
        m.gaz = None;
        m.end = e;
    }
}

/// Fold| 2, 骁龙8| Gen 4, Mate 60| Pro: the end of a model name after `e`, taking a space and
/// then a number, a model word (words.tsv `model-suffixes`), or a word and a number.
fn model_tail(d: &Data, fl: &[char], covered: &[bool], mut e: usize) -> usize {
    let run_end = |k: usize| (k..fl.len()).find(|&j| !alnum(fl[j])).unwrap_or(fl.len());
    while fl.get(e) == Some(&' ') && fl.get(e + 1).is_some_and(|&c| alnum(c)) && !covered[e + 1] {
        let k = run_end(e + 1);
        let w = &fl[e + 1..k];
        let number = w.iter().all(|c| c.is_ascii_digit()) && w.len() <= 4 && !matches!(fl.get(k), Some('日' | '月' | '年' | '号'));
        let word_number = w.iter().all(|c| c.is_ascii_alphabetic()) && w.len() <= 4 && fl.get(k) == Some(&' ') && fl.get(k + 1).is_some_and(|c| c.is_ascii_digit()) && run_end(k + 1) - (k + 1) <= 3;
        if number || d.list("model-suffixes").contains_chars(w) {
            e = k;
        } else if word_number {
            e = run_end(k + 1);
        } else {
            break;
        }
    }
    e
}

/// Latin runs: R1, GLM-4, MTT S4000, Baichuan-M1, SU7 Ultra, DGA-Albright Stonebridge Group.
fn latin_runs(fl: &[char]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < fl.len() {
        if !fl[i].is_ascii_alphabetic() && !fl[i].is_ascii_digit() || (i > 0 && alnum(fl[i - 1])) {
            i += 1;
            continue;
        }
        let mut j = i;
        loop {
            while j < fl.len() && alnum(fl[j]) {
                j += 1;
            }
            if j + 1 < fl.len() && matches!(fl[j], '-' | '.') && alnum(fl[j + 1]) {
                j += 1;
                continue;
            }
            break;
        }
        runs.push((i, j));
        i = j;
    }
    runs
}

fn has_letter(fl: &[char], a: usize, b: usize) -> bool {
    fl[a..b].iter().any(|c| c.is_ascii_alphabetic())
}

fn latin_names(d: &Data, doc: &Doc, out: &[Mention], repeats: &[(usize, usize, usize, bool)], covered: &[bool], cands: &mut Vec<Mention>) {
    let fl = &doc.fl;
    let runs = latin_runs(fl);
    let stop = d.list("latin-stop");
    let mut k = 0;
    while k < runs.len() {
        let (a, mut b) = runs[k];
        let mut next = k + 1;
        // join "MTT S4000", "SU7 Ultra", "1.5 Pro": a space then a capital or digit word
        while next < runs.len()
            && runs[next].0 == b + 1
            && fl[b] == ' '
            && !covered[runs[next].0]
            && (crate::text::fold::width(doc.orig[runs[next].0]).is_ascii_uppercase() || fl[runs[next].0].is_ascii_digit() && !matches!(fl.get(runs[next].1), Some('日' | '月' | '年' | '号')))
            && d.roles.get(&fl[runs[next].0..runs[next].1]).is_none()
            && d.names.get(&fl[a..b]).is_none()
        {
            b = runs[next].1;
            next += 1;
        }
        k = next;
        if covered[a..b].iter().any(|&x| x) || !has_letter(fl, a, b) && !fl[a].is_ascii_digit() {
            continue;
        }
        if stop.contains_chars(&fl[a..b]) || b - a < 2 && !fl[a].is_ascii_uppercase() && !doc.orig[a].is_ascii_uppercase() {
            continue;
        }
        if b - a == 1 {
            continue;
        }
        // 清源智能20日发布: a day, month or year, not a model number
        // (机器人51%的股份: a share, an amount or an age neither)
        if fl[a..b].iter().all(|c| c.is_ascii_digit() || *c == '.') && matches!(fl.get(b), Some('日' | '月' | '年' | '号' | '%' | '万' | '亿' | '元' | '岁' | '倍')) {
            continue;
        }
        let s0 = doc.sentence_start(a);
        let name = doc.text(a, b);
        let digit = fl[a..b].iter().any(|c| c.is_ascii_digit());
        // 明镜R2 … 明镜R1: a model code after the word that opens a product's name the article
        // gives is another model of that line
        // (the characters opening that name, however jieba cut them: 曜|影100 … 曜|影200)
        let line = out.iter().filter(|m| m.class.top() == Class::Product && !m.is_date()).find_map(|p| {
            // 芯片“曜影100”: the code that ends the name, and the characters right before it
            let span = &fl[p.start..p.end];
            let code_end = span.iter().rposition(|c| c.is_ascii_alphanumeric())? + 1;
            let code_start = span[..code_end].iter().rposition(|c| !c.is_ascii_alphanumeric())? + 1;
            let len = span[..code_start].iter().rev().take_while(|c| is_cjk(**c)).count().min(4);
            let stem = &span[code_start - len..code_start];
            let other_code = span[code_start..code_end] != fl[a..b];
            (len >= 2 && a >= len && fl[a - len..a] == *stem && !covered[a - len..a].iter().any(|&x| x) && other_code).then_some((a - len, p.class))
        });
        if let Some((ls, class)) = line {
            cands.push(cand(ls, b, class, doc.text(ls, b), 2));
            continue;
        }
        // Helios-2 … 上一代Helios-1: a Latin stem (three letters or more) the article gave a
        // product, with another number
        let stem_len = fl[a..b].iter().take_while(|c| c.is_ascii_alphabetic() || **c == '-' || **c == ' ').count();
        let latin_line = (stem_len >= 3 && stem_len < b - a).then(|| {
            out.iter().chain(cands.iter()).find(|p| {
                let known: Vec<char> = p.name.to_lowercase().chars().collect();
                p.class.top() == Class::Product && !p.is_date() && known.len() > stem_len && known.starts_with(&fl[a..a + stem_len]) && known[stem_len].is_ascii_digit() && known[..] != fl[a..b]
            })
        }).flatten();
        if let Some(class) = latin_line.map(|p| p.class) {
            cands.push(cand(a, b, class, name, 2));
            continue;
        }
        // brand + model (小米SU7): left to `brand_models`, once every firm's name is known
        if out.iter().chain(cands.iter()).any(|m| m.end == a && m.class.top() == Class::Organization && !m.is_date()) || repeats.iter().any(|r| r.1 == a) {
            continue;
        }
        if let Some((ns, class)) = product_noun_before(d, fl, a, s0) {
            let mut m = cand(ns, b, class, name.clone(), 2);
            m.alts.push(doc.text(ns, b).trim().to_string());
            cands.push(m);
            continue;
        }
        // 车规级芯片曜驰A1: two or three characters between a product noun and the code open the name
        let named = (2..=3).filter(|&k| a >= k + s0).find_map(|k| {
            let w = &fl[a - k..a];
            let ok = w.iter().all(|c| is_cjk(*c) && !NOT_IN_NAMES.contains(c)) && !covered[a - k..a].iter().any(|&x| x) && !is_generic(d, w);
            ok.then(|| product_noun_before(d, fl, a - k, s0).filter(|&(ns, _)| ns + 2 <= a - k).map(|(_, class)| (a - k, class))).flatten()
        });
        if let Some((ns, class)) = named {
            let mut m = cand(ns, b, class, doc.text(ns, b), 2);
            m.alts.push(name.clone());
            cands.push(m);
            continue;
        }
        // a product noun within four chars after (BR100通用GPU, Blackwell系列GPU, Yi系列大模型)
        let mut found = None;
        for j in b..(b + 5).min(doc.sentence_end(a)) {
            if j > b && (is_punct(fl[j - 1]) || covered[j - 1]) {
                break;
            }
            if let Some((l, id)) = d.product_nouns.longest_at(fl, j) {
                found = Some((j + l, d.product_noun_class[id as usize]));
                break;
            }
        }
        if let Some((ne, class)) = found {
            // 山海910芯片: a model number takes the word before it
            let mut a = a;
            let mut name = name.clone();
            if fl[a].is_ascii_digit() {
                if let Some(t) = tok_ending(doc, a) {
                    let tk = doc.tokens[t];
                    let w = &fl[tk.start..tk.end];
                    if !covered[tk.start] && w.len() >= 2 && w.iter().all(|c| is_cjk(*c)) && tk.pos.nameish() && !is_generic(d, w) && !is_stop_token(d, fl, tk.start, tk.end) {
                        a = tk.start;
                        name = doc.text(a, b);
                    }
                }
            }
            let mut m = cand(a, ne, class, name.clone(), 2);
            m.alts.push(doc.text(a, ne));
            cands.push(m);
            continue;
        }
        // (公司21.4%的股份: a number after the noun is no name)
        if has_letter(fl, a, b) && d.list("org-nouns").ends_at(fl, if a > 0 && fl[a - 1] == ' ' { a - 1 } else { a }).is_some() {
            cands.push(cand(a, b, Class::Company, name, 2));
            continue;
        }
        let after_de = if fl.get(b) == Some(&'的') { b + 1 } else { b };
        if d.roles.longest_at(fl, after_de).is_some_and(|(_, id)| d.role_props[id as usize].is_some()) {
            cands.push(cand(a, b, Class::Company, name, 2));
            continue;
        }
        // 英伟达的Orin-X: a capitalised name after a firm and 的 is the firm's product
        let firm_de = a >= 2 && fl[a - 1] == '的' && out.iter().any(|m| m.end == a - 1 && m.class.top() == Class::Organization && !m.is_date());
        if firm_de && crate::text::fold::width(doc.orig[a]).is_ascii_uppercase() && d.roles.get(&fl[a..b]).is_none() {
            cands.push(cand(a, b, Class::Product, name, 1));
            continue;
        }
        let launch = (a.saturating_sub(3).max(s0)..a).any(|j| d.list("@launch").at(&fl[..a], j).is_some_and(|l| j + l + 2 >= a));
        if launch && (digit || doc.orig[a].is_ascii_uppercase()) || model_code(d, doc, a, b) {
            cands.push(cand(a, b, Class::Product, name, 1));
        }
    }
}

/// 小米SU7 Ultra, 青鸟X9, 拓海M7手机, 朗玥Ultra: a model code (with a digit, or a model word)
/// right after a firm's name or its repeat is that firm's product, named as written; the firm's
/// mention stays, so the name itself says who makes it.
fn brand_models(d: &Data, doc: &Doc, out: &mut Vec<Mention>, covered: &mut [bool]) {
    let fl = &doc.fl;
    let runs = latin_runs(fl);
    let (model_words, stop) = (d.list("model-suffixes"), d.list("latin-stop"));
    let firms: Vec<(usize, usize)> = out.iter().filter(|m| m.class.top() == Class::Organization && !m.is_date() && !m.side).map(|m| (m.start, m.end)).collect();
    for (fs, a) in firms {
        let Some(&(_, mut b)) = runs.iter().find(|r| r.0 == a) else { continue };
        if !fl[fs..a].iter().all(|c| is_cjk(*c)) {
            continue;
        }
        // SU7 Ultra: a model word after a space belongs to the model
        if fl.get(b) == Some(&' ') {
            if let Some(&(_, e)) = runs.iter().find(|r| r.0 == b + 1 && model_words.contains_chars(&fl[b + 1..r.1])) {
                b = e;
            }
        }
        let code = doc.text(a, b);
        let name = format!("{}{}", doc.text(fs, a), code);
        if let Some(p) = out.iter_mut().find(|m| m.start == a && m.class.top() == Class::Product) {
            if p.name != name {
                let old = std::mem::replace(&mut p.name, name);
                p.alts.push(old);
            }
            continue;
        }
        // (华为5G: a stop word is no model, but Ultra alone is a model word, and so is a word in
        // capitals, 远航FREE)
        let stopped = stop.contains_chars(&fl[a..b]);
        let capitals = b - a >= 3 && doc.orig[a..b].iter().all(|c| crate::text::fold::width(*c).is_ascii_uppercase()) && !stopped;
        let model_word = model_words.contains_chars(&fl[a..b]) || capitals;
        // 小米17手机 is a model, 腾跃互娱9月 a date: bare digits need a product noun (or 系列) after
        let noun_after = d.product_nouns.longest_at(fl, b);
        let bare_digits = fl[a..b].iter().all(|c| c.is_ascii_digit() || *c == '.');
        let model = model_word || fl[a..b].iter().any(|c| c.is_ascii_digit()) && !stopped && (!bare_digits || noun_after.is_some());
        if !model || covered[a..b].iter().any(|&x| x) {
            continue;
        }
        let class = noun_after.map_or(Class::Product, |(_, id)| d.product_noun_class[id as usize]);
        let mut m = cand(a, b, class, name, 2);
        m.alts.push(code);
        covered[a..b].iter_mut().for_each(|x| *x = true);
        out.push(m);
    }
}

/// PS-3200, QX-100: two to four capitals, a hyphen and a number name a model by their shape
/// (K-12 and COVID-19 do not have it), unless a standard's noun follows (GB-2099标准).
fn model_code(d: &Data, doc: &Doc, a: usize, b: usize) -> bool {
    let w: Vec<char> = doc.orig[a..b].iter().map(|&c| crate::text::fold::width(c)).collect();
    let letters = w.iter().take_while(|c| c.is_ascii_uppercase()).count();
    let digits = w.iter().skip(letters + 1).take_while(|c| c.is_ascii_digit()).count();
    let standard = d.list("standard-nouns").at(&doc.fl, b).is_some();
    (2..=4).contains(&letters) && w.get(letters) == Some(&'-') && digits >= 2 && w[letters + 1 + digits..].iter().all(|c| c.is_ascii_uppercase()) && !standard
}

/// Product names beside product nouns: 室内设计平台酷家乐, 其混元大模型, 思元590芯片.
fn noun_products(d: &Data, doc: &Doc, out: &[Mention], covered: &[bool], cands: &mut Vec<Mention>) {
    let fl = &doc.fl;
    let after = d.list("after-name");
    for p in 0..fl.len() {
        if covered[p] || doc.tok_start[p] == NONE {
            continue;
        }
        let Some((len, id)) = d.product_nouns.longest_at(fl, p) else { continue };
        let q = p + len;
        if doc.tok_end[q] == NONE || covered[q - 1] {
            continue;
        }
        let class = d.product_noun_class[id as usize];
        // a name after the noun
        let mut e = q;
        let mut t = tok_starting(doc, q);
        while let Some(ti) = t {
            let tk = doc.tokens[ti];
            if tk.end > doc.sentence_end(q) || covered[tk.start] || e - q >= 6 {
                break;
            }
            let w = &fl[tk.start..tk.end];
            if !tk.pos.nameish() || w.iter().any(|&c| is_punct(c) || c == ' ') || after.contains_chars(w) || is_generic(d, w) || d.product_nouns.get(w).is_some() || d.roles.get(w).is_some() || d.roles.longest_at(fl, tk.start).is_some() {
                break;
            }
            if matches!(tk.pos, Pos::Verb | Pos::VerbNoun) {
                break;
            }
            e = tk.end;
            t = tok_starting(doc, e);
        }
        if e > q && alnum(fl[e - 1]) {
            e = model_tail(d, fl, covered, e);
        }
        let next = fl.get(e).copied().unwrap_or('。');
        let boundary = !is_cjk(next) || after.at(fl, e).is_some() || matches!(next, '、' | '以' | '等');
        if e - q >= 2 && boundary && fl[q..e].iter().any(|c| is_cjk(*c)) && !all_generic(d, fl, q, e) && odd_words(doc, q, e) {
            let name = doc.text(q, e);
            let mut m = cand(p, e, class, name, 2);
            m.alts.push(doc.text(p, e));
            cands.push(m);
            continue;
        }
        // a name before the noun, after 其 / 的 / an organisation
        let Some(ti) = tok_ending(doc, p) else { continue };
        let tk = doc.tokens[ti];
        if covered[tk.start] || !tk.pos.nameish() || tk.end - tk.start < 2 || is_generic(d, &fl[tk.start..tk.end]) || matches!(tk.pos, Pos::Verb | Pos::VerbNoun | Pos::Adj | Pos::Noun) || d.list("latin-stop").contains_chars(&fl[tk.start..tk.end]) {
            continue;
        }
        let before = tk.start;
        let possessive = before > 0 && (matches!(fl[before - 1], '其' | '的' | '之' | '“') || out.iter().any(|m| m.end == before && m.class.top() == Class::Organization));
        if possessive {
            let name = doc.text(tk.start, tk.end);
            let mut m = cand(tk.start, q, class, name, 2);
            m.alts.push(doc.text(tk.start, q));
            cands.push(m);
        }
    }
}

/// Whether `[a, b)` holds a word that is not an ordinary dictionary word: an unknown word, a
/// proper noun, a foreign word, or characters jieba left single.
fn odd_words(doc: &Doc, a: usize, b: usize) -> bool {
    let mut i = a;
    while i < b {
        let Some(t) = tok_starting(doc, i) else { return true };
        let tk = doc.tokens[t];
        if matches!(tk.pos, Pos::Other | Pos::Proper | Pos::Person | Pos::Place | Pos::Org | Pos::Eng) || tk.end - tk.start == 1 {
            return true;
        }
        i = tk.end;
    }
    false
}

fn surname_len(d: &Data, fl: &[char], i: usize) -> Option<usize> {
    if i + 1 < fl.len() && d.compound_surnames.contains(&(fl[i], fl[i + 1])) {
        return Some(2);
    }
    d.surnames.contains(fl.get(i)?).then_some(1)
}

const NOT_IN_NAMES: &[char] = &['的', '是', '在', '了', '和', '与', '及', '于', '等', '将', '由', '被', '对', '从', '向', '也', '都', '就', '说', '称', '年', '月', '日', '曾', '已', '并', '兼', '任', '则'];

/// 周|勇为: whether the character before `i` starts a word that runs on into a function word
/// (a name ending at `i` that jieba glued to what follows).
fn tail_glued(d: &Data, doc: &Doc, i: usize) -> bool {
    tok_starting(doc, i - 1).is_some_and(|t| doc.tokens[t].end > i && d.list("function-tail").contains_chars(&doc.fl[i..doc.tokens[t].end]))
}

/// A Chinese personal name starting at `i` (surname + one or two chars) ending at a boundary.
fn person_at(d: &Data, doc: &Doc, covered: &[bool], i: usize) -> Option<usize> {
    let fl = &doc.fl;
    let sl = surname_len(d, fl, i)?;
    let end_lim = doc.sentence_end(i);
    for l in [sl + 2, sl + 1] {
        let e = i + l;
        // 任晓琳: a surname that is also a function word, when jieba reads the whole as a name
        let tagged_name = tok_starting(doc, i).is_some_and(|t| doc.tokens[t].end == e && doc.tokens[t].pos == Pos::Person);
        // 齐|向海: jieba reads the given name as a name of its own
        let given_tagged = l == sl + 2 && tok_starting(doc, i + sl).is_some_and(|t| doc.tokens[t].end == e && doc.tokens[t].pos == Pos::Person);
        let from = if given_tagged { e } else if tagged_name { i + sl } else { i };
        if e > end_lim || fl[i..e].iter().any(|c| !is_cjk(*c)) || fl[from..e].iter().any(|c| NOT_IN_NAMES.contains(c)) || covered[i..e].iter().any(|&x| x) {
            continue;
        }
        // 王立|三人: a count of people is not part of a name
        if l == sl + 2 && "一二三四五六七八九十两几".contains(fl[e - 1]) && matches!(fl.get(e), Some('人' | '位' | '名')) {
            continue;
        }
        // 陈家|榕: a name does not end inside a word, unless jieba glued a function word to it
        // (韩松于|2018年: 于 ends the word)
        let count_follows = e + 1 < end_lim && "一二三四五六七八九十两几".contains(fl[e]) && matches!(fl[e + 1], '人' | '位' | '名');
        // (王希则持/nr: jieba's name swallowed the function word and more)
        let swallowed = tok_starting(doc, i).is_some_and(|t| doc.tokens[t].pos == Pos::Person && doc.tokens[t].end > e + 1);
        let glued = e < end_lim && NOT_IN_NAMES.contains(&fl[e]) && (doc.tok_end[e + 1] != NONE || swallowed);
        if l == sl + 1 && e < end_lim && is_cjk(fl[e]) && doc.tok_start[e] == NONE && doc.tok_end[e] == NONE && !count_follows && !glued {
            continue;
        }
        let ok_end = e == end_lim
            || count_follows
            || !is_cjk(fl[e])
            || d.list("after-name").at(fl, e).is_some()
            || d.roles.longest_at(fl, e).is_some()
            || tok_starting(doc, e).is_some_and(|t| matches!(doc.tokens[t].pos, Pos::Verb | Pos::Prep | Pos::Conj | Pos::Adverb | Pos::Particle | Pos::Time));
        // 朱皓共同创办: the last char starts the next word
        let splits_word = l == sl + 2 && d.list("after-name").at(fl, e - 1).is_some_and(|k| k >= 2);
        // 常常被: a dictionary word that is not a name
        let word = tok_starting(doc, i).is_some_and(|t| doc.tokens[t].end == e && (matches!(doc.tokens[t].pos, Pos::Adverb | Pos::Verb | Pos::Adj | Pos::Conj | Pos::Pronoun | Pos::Time | Pos::Num | Pos::Noun | Pos::VerbNoun) || doc.tokens[t].pos == Pos::Misc && l == 2));
        // 彭纯|上任: a three-char name would cut a verb that starts at its last char
        let cuts_verb = l == sl + 2 && e < end_lim && doc.tok_start[e - 1] != NONE && doc.tok_start[e] == NONE && tok_starting(doc, e - 1).is_some_and(|t| doc.tokens[t].end == e + 1 && matches!(doc.tokens[t].pos, Pos::Verb | Pos::Adverb));
        if cuts_verb {
            continue;
        }
        if ok_end && !splits_word && !word && !is_generic(d, &fl[i..e]) {
            return Some(e);
        }
    }
    None
}

/// A name right after a role word: jieba's two-character name and a third character it glued to
/// the next word (韩元|富再 → 韩元富, 王宝|申为 → 王宝申) or left alone (陈家|榕); else the
/// ordinary readings.
fn person_after_role(d: &Data, doc: &Doc, covered: &[bool], i: usize) -> Option<usize> {
    let fl = &doc.fl;
    let third = tok_starting(doc, i).filter(|&t| doc.tokens[t].end == i + 2 && doc.tokens[t].pos == Pos::Person && surname_len(d, fl, i) == Some(1)).and_then(|_| {
        let e = i + 3;
        let next = tok_starting(doc, i + 2).map(|t| doc.tokens[t])?;
        let c = fl[i + 2];
        if !is_cjk(c) || NOT_IN_NAMES.contains(&c) || covered[i + 2] || e > doc.sentence_end(i) {
            return None;
        }
        let glued = next.end > e && d.list("function-tail").contains_chars(&fl[e..next.end]) && !matches!(next.pos, Pos::Prep | Pos::Conj) && !d.list("clause-verbs").contains_chars(&fl[i + 2..next.end]);
        let alone = next.end == e && matches!(next.pos, Pos::Noun | Pos::Misc) && (e == doc.sentence_end(i) || tok_starting(doc, e).is_some_and(|t| doc.tokens[t].end - e >= 2));
        (glued || alone).then_some(e)
    });
    third.or_else(|| person_at(d, doc, covered, i)).or_else(|| transliterated_at(doc, covered, i)).or_else(|| latin_person_at(doc, covered, i)).or_else(|| person_to_boundary(d, doc, covered, i)).or_else(|| japanese_name_at(d, doc, covered, i)).or_else(|| surname_then_word(d, doc, covered, i))
}

/// 董事长刘|江山|身价, 乔|保平: right after a post, a surname jieba reads as a word of its own and
/// the two-character word after it (a place, a noun) make a name when a word starts after them.
fn surname_then_word(d: &Data, doc: &Doc, covered: &[bool], i: usize) -> Option<usize> {
    let fl = &doc.fl;
    let e = i + 3;
    let sur = tok_starting(doc, i).filter(|&t| doc.tokens[t].end == i + 1 && surname_len(d, fl, i) == Some(1))?;
    let given = tok_starting(doc, i + 1).filter(|&t| doc.tokens[t].end == e && matches!(doc.tokens[t].pos, Pos::Noun | Pos::Place | Pos::Time | Pos::Proper | Pos::Person | Pos::Other))?;
    let plain = !matches!(doc.tokens[sur].pos, Pos::Verb | Pos::Prep | Pos::Conj | Pos::Pronoun | Pos::Num | Pos::Adverb) && doc.tokens[given].pos != Pos::Verb;
    let word_after = e <= doc.sentence_end(i) && (e == doc.sentence_end(i) || doc.tok_start[e] != NONE);
    (plain
        && word_after
        && fl[i..e].iter().all(|c| is_cjk(*c) && !NOT_IN_NAMES.contains(c))
        && !covered[i..e].iter().any(|&x| x)
        && !is_generic(d, &fl[i + 1..e])
        && d.roles.longest_at(fl, i + 1).is_none()
        && d.list("after-name").at(fl, i + 1).is_none()
        && d.list("address").at(fl, i + 1).is_none())
    .then_some(e)
}

/// 松田|重次郎, 田中义|雄: a family name jieba tags as a name (with what follows), then a given
/// name with a Japanese ending (words.tsv `japanese-given-endings`) up to a boundary.
fn japanese_name_at(d: &Data, doc: &Doc, covered: &[bool], i: usize) -> Option<usize> {
    let fl = &doc.fl;
    let t = tok_starting(doc, i)?;
    let te = doc.tokens[t].end;
    if doc.tokens[t].pos != Pos::Person || !(i + 2..=i + 3).contains(&te) {
        return None;
    }
    let send = doc.sentence_end(i);
    (te + 1..=(i + 5).min(send)).find(|&e| {
        fl[i..e].iter().all(|c| is_cjk(*c) && !NOT_IN_NAMES.contains(c))
            && !covered[i..e].iter().any(|&x| x)
            && d.list("japanese-given-endings").ends_at(fl, e).is_some()
            && (e == send || is_punct(fl[e]) || d.list("after-name").at(fl, e).is_some())
    })
}

/// 董事长郑任发、: right after a role word, a surname and one or two characters that run to a
/// boundary are a name even when they hold characters that elsewhere end one (任, 于, 曾), or
/// when jieba reads them as one common noun (董事长温枢刚主持) or glues their last character to
/// a function word (董事长周|勇为).
fn person_to_boundary(d: &Data, doc: &Doc, covered: &[bool], i: usize) -> Option<usize> {
    let fl = &doc.fl;
    let sl = surname_len(d, fl, i)?;
    let end_lim = doc.sentence_end(i);
    [sl + 2, sl + 1].into_iter().map(|l| i + l).find(|&e| {
        if !(e <= end_lim
            && fl[i..e].iter().all(|c| is_cjk(*c))
            && !covered[i..e].iter().any(|&x| x)
            && !is_generic(d, &fl[i..e])
            && !(NOT_IN_NAMES.contains(&fl[e - 1]) && !matches!(fl[e - 1], '年' | '月' | '日'))
            && !matches!(fl[e - 1], '被' | '把' | '对')
            // 常常|被: an ordinary word at the start is not a surname (a verb of three that is the
            // whole name is left to the reading below)
            && !tok_starting(doc, i).is_some_and(|t| doc.tokens[t].end <= e && matches!(doc.tokens[t].pos, Pos::Adverb | Pos::Verb | Pos::Adj | Pos::Conj | Pos::Pronoun | Pos::Time | Pos::Num) && !(doc.tokens[t].pos == Pos::Verb && doc.tokens[t].end - i == 3 && doc.tokens[t].end == e && sl == 1))
            // 高度评价: nor a word that runs on past the name's end
            && !tok_starting(doc, i).is_some_and(|t| doc.tokens[t].end > e && doc.tokens[t].pos != Pos::Person))
        {
            return false;
        }
        // 说, 表示, 主持: a verb whose subject is a person
        let verb = doc.tok_start[e] != NONE && (d.list("speech").at(fl, e).is_some() || d.list("clause-verbs").at(fl, e).is_some());
        // a mark, 先生: what follows can only end a name
        let hard = verb || e == end_lim || is_punct(fl[e]) || d.list("after-name").at(fl, e).is_some_and(|l| l >= 2);
        // 以及, 因, 出席: a word that starts at the name's end and may follow one
        let soft = tok_starting(doc, e).is_some_and(|t| matches!(doc.tokens[t].pos, Pos::Verb | Pos::Conj | Pos::Prep) || d.list("after-name").at(fl, e).is_some());
        // 周|勇为: the last character glued to a function word (and then not 周勇为)
        let glued = tail_glued(d, doc, e);
        if e == i + sl + 2 && tail_glued(d, doc, e - 1) {
            return false;
        }
        // 博士|毕业: one ordinary word is not a name, unless a common noun that a hard boundary
        // ends (温枢刚, 主持) or, of two characters, a verb of speech or of a person (范力|说)
        let one_word = tok_starting(doc, i).filter(|&t| doc.tokens[t].end == e).map(|t| doc.tokens[t].pos);
        match one_word {
            Some(Pos::Person | Pos::Other | Pos::Proper) | None => hard || soft || glued,
            // 董事长陆知行/v曾: three characters jieba reads as one verb after a post
            Some(Pos::Verb) if e - i == 3 && sl == 1 => hard || soft,
            Some(Pos::Noun) => if e - i >= 3 { hard } else { verb },
            _ => false,
        }
    })
}

/// Characters that spell foreign names in Chinese (阿道夫达斯勒, 英格瓦坎普拉德).
const TRANSLIT: &str = "阿埃艾爱安奥巴拜班鲍贝本比彼毕波伯勃布查达戴丹道德迪蒂丁杜多厄恩尔法范菲费芬丰弗福盖冈戈格贡古哈海汉豪赫亨胡华霍基吉加贾杰金卡凯坎康柯科克肯库奎拉莱赖兰朗劳勒雷蕾里利莉列林琳卢鲁伦罗洛马玛麦曼梅门蒙米姆莫默穆纳娜奈南内尼妮宁纽努诺欧帕潘佩皮珀普奇乔切琼萨塞桑瑟森沙莎尚舍什史舒斯索塔泰坦汤特提图托瓦万威韦维温沃乌西希谢辛雅亚扬耶伊因英尤约泽扎詹兹佐";

/// A foreign name without a middle dot right after a role word (创始人英格瓦坎普拉德): a run of
/// 4 to 10 transliteration characters (2 before a bracket with the Latin name) that ends the
/// clause or meets a non-transliteration one.
fn transliterated_at(doc: &Doc, covered: &[bool], i: usize) -> Option<usize> {
    let fl = &doc.fl;
    let lim = doc.sentence_end(i).min(i + 10);
    let mut e = i;
    while e < lim && !covered[e] && TRANSLIT.contains(fl[e]) {
        e += 1;
    }
    // 默多克（Rupert Murdoch）: a shorter rendering that a bracket glosses with the Latin name
    let glossed = fl.get(e) == Some(&'(') && latin_person_at(doc, covered, e + 1).is_some();
    if e - i < if glossed { 2 } else { 4 } || (e < fl.len() && TRANSLIT.contains(fl[e])) {
        return None;
    }
    // ends at a word boundary
    if e < doc.sentence_end(i) && doc.tok_start[e] == NONE {
        return None;
    }
    Some(e)
}

/// Kevin Wu, Sam Altman: two or three capitalised Latin words, each of two letters or more, where
/// the context (a post before, a list of people) says a person follows.
fn latin_person_at(doc: &Doc, covered: &[bool], i: usize) -> Option<usize> {
    let fl = &doc.fl;
    let capital = |k: usize| fl.get(k).is_some_and(|c| c.is_ascii_alphabetic()) && crate::text::fold::width(doc.orig[k]).is_ascii_uppercase();
    let (mut e, mut words) = (i, 0);
    while capital(e) {
        let s = e;
        while e < fl.len() && fl[e].is_ascii_alphabetic() && !covered[e] {
            e += 1;
        }
        if e - s < 2 || fl.get(e).is_some_and(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        words += 1;
        if words == 3 || fl.get(e) != Some(&' ') || !capital(e + 1) {
            break;
        }
        e += 1;
    }
    (words >= 2).then_some(e)
}

/// 董事长刘|永康主持, 董事长宁德|刚, (，)王|柏林任…: right after a post, or opening a clause before
/// a verb of a person, a three-character name that holds a two-character city or district of the
/// gazetteer outweighs the place.
fn people_over_places(d: &Data, doc: &Doc, cands: &mut Vec<Mention>) {
    let fl = &doc.fl;
    let open = vec![false; fl.len() + 1];
    let mut people = Vec::new();
    for i in 0..fl.len() {
        let after_role = d.roles.longest_at(fl, i).map(|(len, _)| i + len).and_then(|e| person_after_role(d, doc, &open, e).filter(|&pe| pe == e + 3).map(|pe| (e, pe)));
        let opening = (i == 0 || matches!(fl[i - 1], ',' | ';' | ':' | '。'))
            .then(|| person_at(d, doc, &open, i).filter(|&pe| pe == i + 3 && d.list("person-verb").at(fl, pe).is_some()).map(|pe| (i, pe)))
            .flatten();
        let Some((e, pe)) = after_role.or(opening) else { continue };
        let holds_place = cands.iter().any(|m| m.gaz.is_some() && matches!(m.class, Class::City | Class::District) && m.end - m.start == 2 && e <= m.start && m.end <= pe);
        if holds_place && d.names.get(&fl[e..pe]).is_none() && d.list("place-suffixes").ends_at(fl, pe).is_none() {
            people.push(cand(e, pe, Class::Person, doc.text(e, pe), 3));
        }
    }
    cands.extend(people);
}

fn people_in_context(d: &Data, doc: &Doc, out: &[Mention], covered: &[bool], cands: &mut Vec<Mention>) {
    let fl = &doc.fl;
    // after role words and titles
    for i in 0..fl.len() {
        // a post, a title, or a verb of appointing (任命张宗言为…)
        let role = d.roles.longest_at(fl, i).map(|x| x.0).or_else(|| d.list("titles").at(fl, i)).or_else(|| d.list("@appoint").at(fl, i));
        let Some(len) = role else { continue };
        if covered[i] && !out.iter().any(|m| m.start <= i && i < m.end && m.class.top() == Class::Organization && false) {
            // a role word inside a name is not a role
            continue;
        }
        let mut e = i + len;
        // 董事长 王立, 董事长：王立, “厅长”王立
        while matches!(fl.get(e), Some(' ' | ':' | '”')) && e < i + len + 2 {
            e += 1;
        }
        // 董事长——张航
        if fl.get(e..e + 2) == Some(&['—', '—'][..]) {
            e += 2;
        }
        // 创始人是林志远, 董事长为王立
        if matches!(fl.get(e), Some('是' | '为')) && e == i + len {
            e += 1;
        }
        // 主席的黄建业: after 的 only the strict reading of a name
        let possessive = fl.get(e) == Some(&'的') && e == i + len;
        if possessive {
            e += 1;
        }
        if e < fl.len() && !covered[e] {
            let read = if possessive { person_at(d, doc, covered, e) } else { person_after_role(d, doc, covered, e) };
            if let Some(pe) = read {
                cands.push(cand(e, pe, Class::Person, doc.text(e, pe), 2));
            }
        }
    }
    // 喻明远是…的董事长, 林晓同志任…, 陈立（1962年生）: a name opening a clause, then a verb of
    // office with a post or a founding later in the clause, or a form of address
    let mut date_end = vec![false; fl.len() + 1];
    for m in out.iter().filter(|m| m.is_date()) {
        date_end[m.end] = true;
    }
    for a in 0..fl.len() {
        // (2008年3月)侯景山创办了…: a date may open the clause before the name
        let opens = a == 0 || matches!(fl[a - 1], ',' | ';' | ':' | '。' | '、' | ' ' | '“' | '"' | '\n') || date_end[a];
        if !opens || covered[a] {
            continue;
        }
        let Some(pe) = person_at(d, doc, covered, a) else { continue };
        let send = doc.sentence_end(a);
        let lim = (pe + 40).min(send);
        let later = |from: usize| {
            (from..lim).any(|j| {
                d.roles.longest_at(fl, j).is_some_and(|(_, id)| matches!(d.role_props[id as usize], Some(p) if p != crate::model::Property::WorksFor))
                    || d.list("@found").at(fl, j).is_some_and(|l| l >= 2)
            })
        };
        // 林晓同志…, 吕冬青职务：…董事长
        let addressed = d.list("address").at(fl, pe).or_else(|| d.list("post-cue").at(fl, pe)).is_some();
        let born = fl.get(pe) == Some(&'(') && fl.get(pe + 1).is_some_and(|c| c.is_ascii_digit());
        let serves = d.list("@serve").at(fl, pe).or_else(|| d.list("person-verb").at(fl, pe)).is_some_and(|l| later(pe + l));
        // 周明与林立共同创办了…: a partner, then a founding in the same clause
        let with_partner = matches!(fl.get(pe), Some('与' | '和' | '、')) && (pe..lim).take_while(|&j| !is_punct(fl[j]) || fl[j] == '、').any(|j| d.list("@found").at(fl, j).is_some_and(|l| l >= 2));
        // 顾|楚南决定创办了…: a founding within a few characters, the name in more than one
        // word (one word that jieba does not tag a name may name the organisation founded)
        let one_word = tok_starting(doc, a).is_some_and(|t| doc.tokens[t].end >= pe && doc.tokens[t].pos != Pos::Person);
        // (1916年)由|张謇创办: a function word before a tagged name is no surname
        let function_first = NOT_IN_NAMES.contains(&fl[a]) && !tok_starting(doc, a).is_some_and(|t| doc.tokens[t].end == pe && doc.tokens[t].pos == Pos::Person);
        let founds = !one_word && !function_first && (pe..(pe + 5).min(lim)).take_while(|&j| !is_punct(fl[j])).any(|j| d.list("@found").at(fl, j).is_some_and(|l| l >= 2));
        // 乔立平因退休辞任…董事长, 高立平刚满60岁，…担任…董事长: a cause or an age, then a post
        // that a verb of office (or of leaving it) takes, anywhere in the sentence
        let office_verb_before = |j: usize| {
            let cs = (pe..j).rev().find(|&k| matches!(fl[k], ',' | ';' | ':' | '。')).map_or(pe, |k| k + 1);
            (cs..j).any(|k| d.list("@serve").at(fl, k).is_some_and(|l| l >= 2) || d.list("@ended").at(fl, k).is_some())
        };
        let cued = d.list("person-cue").at(fl, pe).is_some()
            && !function_first
            && (pe..send).any(|j| d.roles.longest_at(fl, j).is_some_and(|(_, id)| d.role_props[id as usize].is_some_and(|p| p != crate::model::Property::WorksFor)) && office_verb_before(j));
        if addressed && later(pe) || born || serves || with_partner || founds || cued {
            cands.push(cand(a, pe, Class::Person, doc.text(a, pe), 2));
        }
    }
    // 韩立新，男，1970年出生…: a name opening a sentence, then a comma and a biography word
    for si in 0..doc.sentences.len() {
        let s = doc.sentences[si].start;
        let mut a = s;
        while a < fl.len() && matches!(fl[a], ' ' | '"' | '“' | '\n') {
            a += 1;
        }
        if a >= fl.len() || covered[a] {
            continue;
        }
        if let Some(pe) = person_at(d, doc, covered, a) {
            let mut q = footnote_end(fl, pe);
            while matches!(fl.get(q), Some(' ')) {
                q += 1;
            }
            let send = doc.sentence_end(a);
            let role_later = (q..send).any(|j| d.roles.longest_at(fl, j).is_some_and(|(_, id)| d.role_props[id as usize].is_some_and(|p| p != crate::model::Property::WorksFor)));
            if matches!(fl.get(q), Some(',' | ':')) && fl.get(q + 1).is_some_and(|&c| c.is_ascii_digit() || d.list("bio-cue").at(fl, q + 1).is_some() || role_later) {
                cands.push(cand(a, pe, Class::Person, doc.text(a, pe), 2));
            }
        }
    }
    // “厅长”徐立福，是…: a name right after a short quoted epithet, closed by a mark
    for q in (1..fl.len()).filter(|&q| fl[q - 1] == '”' && !covered[q]) {
        let Some(open) = fl[..q - 1].iter().rposition(|&c| c == '“') else { continue };
        if !(2..=8).contains(&(q - 1 - open - 1)) || !fl[open + 1..q - 1].iter().all(|c| is_cjk(*c)) {
            continue;
        }
        if let Some(pe) = person_at(d, doc, covered, q).filter(|&pe| fl.get(pe).is_some_and(|&c| is_punct(c))) {
            cands.push(cand(q, pe, Class::Person, doc.text(q, pe), 2));
        }
    }
    // 北京禾川软件有限公司龚明远董事长: a name between an organisation and a role word
    for m in out.iter().filter(|m| m.class.top() == Class::Organization && !m.is_date()) {
        let s = m.end;
        if s >= fl.len() || covered[s] {
            continue;
        }
        if let Some(pe) = person_at(d, doc, covered, s) {
            // 微软|全球副总裁: no role word may start inside the name
            let role_inside = (s..pe).any(|j| d.roles.longest_at(fl, j).is_some_and(|(l, _)| j + l >= pe));
            if !role_inside && !is_generic(d, &fl[s..s + 2]) && d.roles.longest_at(fl, pe).is_some_and(|(_, id)| d.role_props[id as usize].is_some()) {
                cands.push(cand(s, pe, Class::Person, doc.text(s, pe), 2));
            }
        }
    }
    // after 由 (由王兴兴于2016年创立), between 以 and 为 a post (以王立为董事长的董事会), and
    // before speech verbs (陈志远表示)
    for i in 0..fl.len() {
        if matches!(fl[i], '由' | '以') && i + 1 < fl.len() && !covered[i + 1] {
            let pe = person_at(d, doc, covered, i + 1);
            if let Some(pe) = pe.filter(|&pe| fl[i] == '由' || fl.get(pe) == Some(&'为') && d.roles.longest_at(fl, pe + 1).is_some()) {
                cands.push(cand(i + 1, pe, Class::Person, doc.text(i + 1, pe), 2));
            }
        }
        // 吴欣鸿在厦门创办了…: a name before 在 PLACE and a founding verb
        let at_then_found = fl[i] == '在' && (i + 2..(i + 9).min(doc.sentence_end(i))).take_while(|&j| !is_punct(fl[j])).any(|j| d.list("person-verb").at(fl, j).is_some_and(|l| l >= 2));
        if d.list("speech").at(fl, i).or_else(|| d.list("person-verb").at(fl, i)).is_some() || at_then_found {
            // 施建祥先生创办: a form of address may stand between the name and the verb
            let i = i - d.list("address").ends_at(fl, i).unwrap_or(0);
            for l in [3usize, 2] {
                // the name lies inside the sentence (a name of 3 at the text's start is i - 3 = 0)
                if i < l || i - l < doc.sentence_start(i) {
                    continue;
                }
                let s = i - l;
                // 齐向|海共同创办: a name starts where a word starts, unless a post stands before it
                let prev_ok = s == doc.sentence_start(i) || !is_cjk(fl[s - 1]) || fl[s - 1] == '由' || matches!(fl[s - 1], '年' | '月' | '日') || d.roles.longest_ending_at(fl, s).is_some() || d.list("after-name").ends_at(fl, s).is_some() && doc.tok_start[s] != NONE;
                if prev_ok && person_at(d, doc, covered, s) == Some(i) {
                    cands.push(cand(s, i, Class::Person, doc.text(s, i), 1));
                    break;
                }
            }
        }
    }
}

fn people_in_lists(d: &Data, doc: &Doc, out: &[Mention], covered: &[bool], cands: &mut Vec<Mention>) {
    let fl = &doc.fl;
    for m in out.iter().filter(|m| m.class == Class::Person) {
        let mut e = m.end;
        loop {
            // 柯文女士与多米尼克先生: a form of address may end each name
            e += d.list("address").at(fl, e).unwrap_or(0);
            let sep = match fl.get(e) {
                Some('、') | Some('和') | Some('与') | Some('及') => 1,
                _ => 0,
            };
            if sep == 0 || e + 1 >= fl.len() || covered[e + 1] {
                break;
            }
            // …与多米尼克: a transliterated name may continue the list
            match person_at(d, doc, covered, e + 1).or_else(|| transliterated_at(doc, covered, e + 1)).or_else(|| latin_person_at(doc, covered, e + 1)).or_else(|| person_before_comma_at(d, doc, covered, e + 1)) {
                Some(pe) => {
                    cands.push(cand(e + 1, pe, Class::Person, doc.text(e + 1, pe), 2));
                    e = pe;
                }
                None => break,
            }
        }
    }
}

/// 黄百鸣、石|天、麦嘉: inside a list of people, a surname and one or two characters that run
/// exactly to the next enumeration comma are a name, whatever jieba reads them as.
fn person_before_comma_at(d: &Data, doc: &Doc, covered: &[bool], i: usize) -> Option<usize> {
    let fl = &doc.fl;
    let sl = surname_len(d, fl, i)?;
    [sl + 1, sl + 2].into_iter().map(|l| i + l).find(|&e| {
        fl.get(e) == Some(&'、')
            && fl[i..e].iter().all(|c| is_cjk(*c) && !NOT_IN_NAMES.contains(c))
            && !covered[i..e].iter().any(|&x| x)
            && !is_generic(d, &fl[i..e])
    })
}

/// 追一|科技, 三一|重工: a numeral word in a name, not a count (三家, 两个).
fn numeral_word(fl: &[char], tk: crate::text::Token) -> bool {
    two_cjk_number(fl, tk) && !COUNTED.contains(fl[tk.start + 1]) && !"次年月日号".contains(fl[tk.start + 1])
}

/// Measure words of things counted (一家, 两位, 两座); not 号, which may name (中网一号).
const COUNTED: &str = "家个位名款种项批台所间座条";

fn two_cjk_number(fl: &[char], tk: crate::text::Token) -> bool {
    tk.pos == Pos::Num && tk.end - tk.start == 2 && fl[tk.start..tk.end].iter().all(|c| is_cjk(*c))
}

/// 一家, 两位: a number and a measure word count things and name none (是一家|商务咨询有限公司).
fn counting_word(fl: &[char], tk: crate::text::Token) -> bool {
    two_cjk_number(fl, tk) && COUNTED.contains(fl[tk.start + 1])
}

/// 苏宁|易购|集团, 中通|快递: a two-character verb right after a proper name or a place is
/// part of the name.
fn verb_in_name(d: &Data, doc: &Doc, tk: crate::text::Token) -> bool {
    let fl = &doc.fl;
    tk.pos == Pos::Verb
        && tk.end - tk.start == 2
        && fl[tk.start..tk.end].iter().all(|c| is_cjk(*c))
        && !is_stop_token(d, fl, tk.start, tk.end)
        && !d.lists.iter().any(|(k, l)| (k.starts_with('@') || k == "person-verb" || k == "speech") && l.contains_chars(&fl[tk.start..tk.end]))
        && tok_ending(doc, tk.start).is_some_and(|t| {
            let p = doc.tokens[t];
            matches!(p.pos, Pos::Place | Pos::Proper | Pos::Org | Pos::Other) && p.end - p.start >= 2 && !is_stop_token(d, fl, p.start, p.end)
        })
}

/// 摩根士丹利成立于1935年, 欧司朗总部设在慕尼黑, Avazu于2009年成立: the words that open a clause
/// and are followed by a founding or headquarters phrase (words.tsv `org-cue`) name an organisation.
fn orgs_by_context(d: &Data, doc: &Doc, out: &[Mention], people: &[Mention], covered: &[bool], cands: &mut Vec<Mention>, absorbed: &mut Vec<(usize, usize)>) {
    let fl = &doc.fl;
    let cue = d.list("org-cue");
    let found = d.list("@foundverb");
    for e in 2..fl.len() {
        if covered[e - 1] || doc.tok_end[e] == NONE {
            continue;
        }
        // 缤特力(Plantronics)成立于…: a foreign name in brackets may stand between
        // 绿岚（LVLAN），是由…创立: and a comma after it
        let close = if fl[e] != '(' {
            None
        } else {
            (e + 2..(e + 40).min(fl.len())).find(|&j| fl[j] == ')').filter(|&c| fl[e + 1..c].iter().all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, ' ' | '.' | '-' | '&' | '\'' | ',')))
        };
        let after = close.map_or(e, |c| if fl.get(c + 1) == Some(&',') { c + 2 } else { c + 1 });
        // 菲亚特，意大利著名汽车制造公司: a name, a comma or colon, then a place and an
        // organisation noun describing it
        let described = matches!(fl[e], ',' | ':') && out.iter().any(|m| m.start == e + 1 && m.class.top() == Class::Place) && (e + 2..(e + 18).min(doc.sentence_end(e))).take_while(|&j| !matches!(fl[j], ',' | '。' | ';')).any(|j| d.list("org-nouns").ends_at(fl, j + 1).is_some() || d.list("describing-nouns").ends_at(fl, j + 1).is_some());
        // 南京医药（600713）, 好当家（600467.SH）: a stock code in brackets names a listed company
        let coded = close.is_some_and(|c| stock_code(&fl[e + 1..c]));
        let direct = cue.at(fl, after).is_some() || described || coded;
        // X于2009年成立 / X于2009年在北京成立 / X是2009年诞生于丹麦的品牌
        // X：1991年在香港成立，: after a colon or comma the founding verb closes the clause
        let dated = !direct && matches!(fl[e], '于' | '是' | ':' | ',') && out.iter().any(|m| m.is_date() && m.start == e + 1) && {
            let de = out.iter().find(|m| m.is_date() && m.start == e + 1).map_or(e + 1, |m| m.end);
            let se = doc.sentence_end(e);
            match fl[e] {
                '是' => d.list("@datefound").at(fl, de).is_some(),
                '于' => (de..(de + 10).min(se)).take_while(|&j| !is_punct(fl[j])).any(|j| found.at(fl, j).is_some()),
                _ => (de..(de + 10).min(se)).take_while(|&j| !is_punct(fl[j])).any(|j| found.at(fl, j).is_some_and(|l| j + l == se || is_punct(fl[j + l]))),
            }
        };
        // X(是)由Y…创立: a founding by people later in the clause
        let by = !direct && !dated && {
            let b = if fl.get(after) == Some(&'由') { Some(after + 1) } else if fl.get(after..after + 2) == Some(&['是', '由'][..]) { Some(after + 2) } else { None };
            b.is_some_and(|b| {
                let lim = (b + 30).min(doc.sentence_end(e));
                let founders = d.list("@found");
                // 由韩松…创立, or 由原网易游戏制作人韩松…创立: a person, or a post naming one
                let clause = || (b..lim).take_while(|&j| !matches!(fl[j], '。' | ';'));
                let founded_at = clause().find(|&j| founders.at(fl, j).is_some());
                let post_later = || clause().any(|j| d.roles.longest_at(fl, j).is_some());
                // 由温州商人陈贵明创立: a person found before the founding verb
                let person_later = |f: usize| people.iter().any(|m| m.start >= b && m.end <= f);
                // 由Coco Chanel…创立: a capitalised Latin name (latin_founders finds it later)
                people.iter().any(|m| m.start == b) || founded_at.is_some_and(|f| person_at(d, doc, covered, b).is_some() || latin_person_at(doc, covered, b).is_some() || post_later() || person_later(f))
            })
        };
        if !direct && !dated && !by {
            continue;
        }
        let s0 = doc.sentence_start(e);
        let mut left = e;
        let mut t = tok_ending(doc, e);
        let mut odd = false;
        let mut places = Vec::new(); // the places found before that open the name
        while let Some(ti) = t {
            let tk = doc.tokens[ti];
            if tk.start < s0 || e - tk.start > 10 || covered[tk.start] {
                // 杭州|卓远召开…, 法国|巴黎|远东文化中心由…: places found before open the name
                while let Some(p) = out.iter().find(|m| m.end == left && left < e && m.class.top() == Class::Place && !m.side && !m.is_date() && m.start >= s0) {
                    places.push((p.start, p.end));
                    left = p.start;
                    odd = true;
                }
                break;
            }
            let w = &fl[tk.start..tk.end];
            let single = tk.end - tk.start == 1 && is_cjk(w[0]);
            // 东方文化|传播/vn|中心由…: a trade word inside the name, before its last word
            let trade_inside = left < e && d.list("trades").contains_chars(w);
            if latin_space(doc, tk) {
                left = tk.start;
                t = tok_ending(doc, tk.start);
                continue;
            }
            if !(tk.pos.nameish() || single || tk.pos == Pos::Eng) || matches!(tk.pos, Pos::VerbNoun) && !trade_inside || w.iter().any(|&c| is_punct(c)) || is_stop_token(d, fl, tk.start, tk.end) || d.list("latin-stop").contains_chars(w) {
                break;
            }
            if matches!(tk.pos, Pos::Other | Pos::Proper | Pos::Org | Pos::Eng | Pos::Place | Pos::Person) || single {
                odd = true;
            }
            left = tk.start;
            t = if tk.start > 0 { tok_ending(doc, tk.start) } else { None };
        }
        // the name opens its clause
        // (8.)索纳：…: a numbered item opens a clause too
        let numbered = left >= 2 && fl[left - 1] == '.' && fl[left - 2].is_ascii_digit();
        let opens = left == s0 || matches!(fl[left - 1], ',' | ':' | ';' | '。' | ' ' | '\n' | ')' | '、' | '“' | '”' | '"' | '|') || numbered || after_header(d, fl, left);
        // 木子造型创建于…: opening its sentence, four characters need no odd word
        let odd = odd || left == s0 && e - left >= 4;
        if left == e || !opens || !odd || e - left < 2 || all_generic(d, fl, left, e) || fl[left..e].iter().all(|c| c.is_ascii_digit()) {
            continue;
        }
        // a person (张文成立于…) is not an organisation: a surname and a person tag (but a name
        // with a Latin name in brackets before the cue is one: 青丹兰/nr（QINGDANLAN）由…创立)
        if !described && after == e && tok_starting(doc, left).is_some_and(|t| doc.tokens[t].pos == Pos::Person && doc.tokens[t].end == e) {
            continue;
        }
        if d.names.get(&fl[left..e]).is_some_and(|id| d.entries[id as usize].class.top() != Class::Organization) {
            continue;
        }
        let mut m = cand(left, e, Class::Organization, doc.text(left, e), 2);
        if let Some(&(_, pe)) = places.first().filter(|&&(_, pe)| e >= pe + 3) {
            m.alts.push(doc.text(pe, e));
        }
        cands.push(m);
        absorbed.extend(places);
    }
}

/// 600713, 00569.HK, 601860.SH: a stock exchange's code of a listed company.
fn stock_code(w: &[char]) -> bool {
    let n = w.iter().take_while(|c| c.is_ascii_digit()).count();
    (4..=6).contains(&n) && (n == w.len() || n + 3 == w.len() && matches!(w[n], '.' | '-') && w[n + 1..].iter().all(|c| c.is_ascii_alphabetic()))
}

/// 周鸿祎共同创办了奇虎360, 张永标创立了丰业种植合作社: what a person founded, when it fills
/// the rest of the clause.
fn orgs_after_founding(d: &Data, doc: &Doc, people: &[Mention], covered: &[bool], cands: &mut Vec<Mention>) {
    let fl = &doc.fl;
    let found = d.list("@found");
    let mut cs = 0; // where the clause holding `i` starts
    for i in 1..fl.len() {
        if i == doc.sentence_start(i) || matches!(fl[i - 1], ',' | '。' | ';' | ':' | '!' | '?') {
            cs = i;
        }
        let Some(len) = found.at(fl, i).filter(|&l| l >= 2) else { continue };
        let mut a = i + len;
        // 1999年成立的蒙牛，: what a dated clause says was founded, closing the clause
        let year_at = |j: usize| fl[j] == '年' && fl[cs..j].iter().rev().find(|c| **c != ' ').is_some_and(|c| c.is_ascii_digit());
        let dated = fl.get(a) == Some(&'的') && (cs..i).any(year_at);
        if fl.get(a) == Some(&'了') || dated {
            a += 1;
        }
        if a >= fl.len() || covered[a] || doc.tok_start[a] == NONE {
            continue;
        }
        let person_before = people.iter().any(|m| m.start >= cs && m.end <= i) || (cs..i).filter_map(|j| tok_starting(doc, j)).any(|t| doc.tokens[t].end <= i && doc.tokens[t].pos == Pos::Person);
        if !person_before && !dated {
            continue;
        }
        let mut e = a;
        let mut odd = false;
        while let Some(ti) = tok_starting(doc, e) {
            let tk = doc.tokens[ti];
            let w = &fl[tk.start..tk.end];
            let single = tk.end - tk.start == 1 && is_cjk(w[0]);
            // 锐能|电源: a two-character verb that is not a clause's verb may open the name
            let verb_ok = tk.pos == Pos::Verb && tk.end - tk.start == 2 && e == a && tok_starting(doc, tk.end).is_some_and(|n| doc.tokens[n].pos.nameish());
            if covered[tk.start] || tk.end - a > 12 || w.iter().any(|&c| is_punct(c) || c == ' ') || is_stop_token(d, fl, tk.start, tk.end) || matches!(w, ['并'] | ['后'] | ['以'] | ['于']) || !(tk.pos.nameish() || single || tk.pos == Pos::Num || verb_in_name(d, doc, tk) || verb_ok) {
                break;
            }
            if matches!(tk.pos, Pos::Other | Pos::Proper | Pos::Org | Pos::Eng | Pos::Place | Pos::Person | Pos::Num) || single {
                odd = true;
            }
            e = tk.end;
        }
        let closes = e == doc.sentence_end(a) || is_punct(fl[e]) || matches!(fl[e], '并' | '后' | ',');
        // 创立了极岸|机器人: ordinary words before a name ending name the firm too
        let ending = d.suffixes.longest_ending_at(&fl[..e], e).is_some_and(|(l, _)| e - l > a && !all_generic(d, fl, a, e - l));
        // 新成立的初创型|企业: a generic noun closing it names a kind of firm
        let kind = dated && tok_ending(doc, e).is_some_and(|t| is_generic(d, &fl[doc.tokens[t].start..e]));
        if e - a >= 2 && (odd || ending) && closes && !kind && !all_generic(d, fl, a, e) && !fl[a..e].iter().all(|c| c.is_ascii_digit()) {
            cands.push(cand(a, e, Class::Organization, doc.text(a, e), 1));
        }
    }
}

/// 游戏公司腾跃互娱9日宣布, 芯片初创企业深蓝芯擎（以下简称…）, 收购了东莞的电池企业锐能电源: the
/// name right after an organisation noun, when what follows closes it: a word that opens what
/// the organisation does (`org-name-end`), a bracket, a day, or, in a clause about a deal, the
/// clause's end.
fn orgs_after_org_noun(d: &Data, doc: &Doc, covered: &[bool], cands: &mut Vec<Mention>) {
    let fl = &doc.fl;
    let nouns = d.list("org-nouns");
    let closers = d.list("org-name-end");
    let mut cs = 0; // where the clause holding `i` starts
    for i in 1..fl.len() {
        if i == doc.sentence_start(i) || matches!(fl[i - 1], ',' | '。' | ';' | ':' | '!' | '?') {
            cs = i;
        }
        let Some(mut len) = nouns.ends_at(fl, i) else { continue };
        // 一家子|公司恒远存储: a shorter noun when the longest one does not start a word
        if doc.tok_end[i - len] == NONE && i >= 2 && nouns.contains_chars(&fl[i - 2..i]) {
            len = 2;
        }
        // 新创|企业墨蓝芯擎: the noun goes on
        if nouns.at(fl, i).is_some() {
            continue;
        }
        // 该公司, 这家企业: an anaphor, not a description of a name to come
        let noun_start = i - len;
        let anaphor = noun_start > 0 && matches!(fl[noun_start - 1], '该' | '此' | '本' | '其' | '我' | '贵') || fl[..noun_start].ends_with(&['这', '家']);
        // 公司拟以自有资金…: a word of plan or speculation opens what the organisation does, no name
        if anaphor || i >= fl.len() || covered[i] || doc.tok_start[i] == NONE || doc.tok_end[noun_start] == NONE || d.list("@speculation").at(fl, i).is_some() {
            continue;
        }
        let mut e = i;
        let (mut odd, mut strong) = (false, false);
        while let Some(ti) = tok_starting(doc, e) {
            let tk = doc.tokens[ti];
            let w = &fl[tk.start..tk.end];
            // (a date, or a share: 企业星图导航|100%股权)
            let date_number = tk.pos == Pos::Num && (matches!(fl.get(tk.end), Some('日' | '月' | '年' | '号')) || share_at(fl, tk.start));
            // (子公司鸿硕/a|云端: a two-character word jieba reads as an adjective may open the name)
            let adj_first = tk.pos == Pos::Adj && w.len() == 2 && e == i && d.list("degree-chars").at(fl, e).is_none();
            let allowed = tk.pos.nameish() && tk.pos != Pos::VerbNoun || matches!(tk.pos, Pos::Verb) || tk.pos == Pos::Misc && w.len() >= 2 || tk.pos == Pos::Adverb && w.len() >= 2 && e > i || tk.pos == Pos::Num && !date_number || adj_first;
            if covered[tk.start] || closers.at(fl, e).is_some() || !allowed || w.iter().any(|&c| is_punct(c) || c == ' ') || is_stop_token(d, fl, tk.start, tk.end) || tk.end - i > 8 {
                break;
            }
            let single = w.len() == 1 && is_cjk(w[0]);
            odd |= single || adj_first || matches!(tk.pos, Pos::Person | Pos::Place | Pos::Org | Pos::Proper | Pos::Eng | Pos::Other | Pos::Verb | Pos::Misc | Pos::Adverb);
            strong |= matches!(tk.pos, Pos::Person | Pos::Org | Pos::Proper | Pos::Eng | Pos::Other);
            e = tk.end;
        }
        if e == i || e >= fl.len() {
            continue;
        }
        let day = tok_starting(doc, e).is_some_and(|t| doc.tokens[t].pos == Pos::Num) && fl[e..].iter().skip_while(|c| c.is_ascii_digit()).next() == Some(&'日');
        // 收购了…公司X，/ 创办了…初创公司X。/ 加入…软件公司X，: a deal, a founding or a joining
        // names what it is about; a deal word inside the words taken is no deal ((公司)控股股东、)
        let deal_ends = (is_punct(fl[e]) || matches!(fl[e], '并' | '后')) && (cs..doc.sentence_end(i)).filter(|&j| j < noun_start || j >= e).any(|j| ["@acquire", "@found", "@join"].iter().any(|l| d.list(l).at(fl, j).is_some()));
        // 收购…企业星图导航100%股权: a share of it closes the name
        let closed = closers.at(fl, e).is_some() || fl[e] == '(' || day || deal_ends || share_at(fl, e);
        // in a deal the organisation noun vouches for the name (电池企业|锐安电源)
        let odd = odd || deal_ends;
        // 旗下品牌青鸟推出: after 品牌 a word of two that launches something names the brand
        let brand_launches = fl[..i].ends_with(&['品', '牌']) && d.list("@launch").at(fl, e).is_some();
        let long_enough = e - i >= 3 || e - i == 2 && (strong || brand_launches);
        let odd = odd || brand_launches;
        // 新能源汽车企业极光|汽车12日发布: common nouns alone name it when the last is a name ending
        let odd = odd || e - i >= 4 && closed && tok_ending(doc, e).is_some_and(|t| d.suffixes.get(&fl[doc.tokens[t].start..e]).is_some());
        if closed && odd && long_enough && !all_generic(d, fl, i, e) && !fl[i..e].iter().all(|c| c.is_ascii_digit()) {
            cands.push(cand(i, e, Class::Organization, doc.text(i, e), 1));
        }
    }
}

/// 新北市土城区, 台中市西屯区: after a city of the gazetteer, two or three characters and 区, 县 or
/// 镇 name a district of it, whatever jieba made of them (新北|市土|城区).
fn districts_after_cities(doc: &Doc, out: &[Mention], covered: &[bool], cands: &mut Vec<Mention>) {
    let fl = &doc.fl;
    for m in out.iter().filter(|m| matches!(m.class, Class::City | Class::Province) && !m.is_date()) {
        let p = if fl.get(m.end) == Some(&'市') { m.end + 1 } else { m.end };
        if p == m.end && !fl[m.start..m.end].ends_with(&['市']) {
            continue;
        }
        let Some(e) = (p + 2..=p + 3).find(|&e| matches!(fl.get(e), Some('区' | '县' | '镇'))) else { continue };
        if fl[p..e].iter().all(|c| is_cjk(*c) && !NOT_IN_NAMES.contains(c)) && !covered[p..=e].iter().any(|&x| x) {
            cands.push(cand(p, e + 1, Class::District, doc.text(p, e + 1), 2));
        }
    }
}

/// 【灵枢动力】 on a line of its own, then 成立时间：…, 总部：…: a card of key-value lines
/// (relations.tsv `@card-keys`) whose heading names the organisation it describes.
fn card_headings(d: &Data, doc: &Doc, covered: &[bool], cands: &mut Vec<Mention>) {
    let fl = &doc.fl;
    let keys = d.list("@card-keys");
    for a in 1..fl.len() {
        if fl[a - 1] != '【' || !(a == 1 || fl[a - 2] == '\n') {
            continue;
        }
        let Some(e) = (a + 2..(a + 20).min(fl.len())).find(|&k| fl[k] == '】') else { continue };
        let next_line = fl[e + 1..].iter().position(|&c| c != '\n' && c != ' ').map(|k| e + 1 + k);
        let keyed = fl.get(e + 1) == Some(&'\n') && next_line.is_some_and(|k| keys.at(fl, k).is_some());
        if keyed && fl[a..e].iter().all(|&c| !is_punct(c)) && !covered[a..e].iter().any(|&x| x) {
            cands.push(cand(a, e, Class::Organization, doc.text(a, e), 2));
        }
    }
}

/// 100%, 21.4%: a share starts at `i`.
fn share_at(fl: &[char], i: usize) -> bool {
    let figures = fl[i..].iter().take_while(|c| c.is_ascii_digit() || **c == '.').count();
    figures > 0 && fl.get(i + figures) == Some(&'%')
}

/// Nova Labs由Daniel Park和Priya Raman…创立: a capitalised Latin name right after 由 in a clause
/// that founds something is a founder (the rest of the list follows from it).
fn latin_founders(d: &Data, doc: &Doc, covered: &[bool], cands: &mut Vec<Mention>) {
    let fl = &doc.fl;
    for i in 1..fl.len() {
        if fl[i - 1] != '由' {
            continue;
        }
        let Some(e) = latin_person_at(doc, covered, i) else { continue };
        let clause_end = (e..doc.sentence_end(i)).find(|&k| matches!(fl[k], ',' | '。' | ';')).unwrap_or(doc.sentence_end(i));
        if (e..clause_end).any(|k| d.list("@found").at(fl, k).is_some()) {
            cands.push(cand(i, e, Class::Person, doc.text(i, e), 2));
        }
    }
}

/// 国发基金与台杉|投资共同领投: after an organisation and a list mark, a few words closed by a
/// name ending, even a weak one (投资, 智能), name another organisation of the list.
fn orgs_in_lists(d: &Data, doc: &Doc, out: &[Mention], covered: &[bool], cands: &mut Vec<Mention>) {
    let fl = &doc.fl;
    for m in out.iter().filter(|m| m.class.top() == Class::Organization && !m.is_date() && !m.side) {
        if !matches!(fl.get(m.end), Some('、' | '与' | '和' | '及')) {
            continue;
        }
        // 杭州的云禾数据、宁波的甬江智造: each item may be a place's firm
        let mut a = m.end + 1;
        if let Some(t) = tok_starting(doc, a).filter(|&t| is_place_word(d, doc, doc.tokens[t].start, doc.tokens[t].end) && fl.get(doc.tokens[t].end) == Some(&'的')) {
            a = doc.tokens[t].end + 1;
        }
        let mut e = a;
        while let Some(t) = tok_starting(doc, e) {
            let tk = doc.tokens[t];
            let w = &fl[tk.start..tk.end];
            if covered[tk.start] || tk.end - a > 8 || !(tk.pos.nameish() || tk.pos == Pos::VerbNoun) || w.iter().any(|&c| is_punct(c) || c == ' ') || is_stop_token(d, fl, tk.start, tk.end) && d.suffixes.get(w).is_none() {
                break;
            }
            e = tk.end;
            if let Some((_, sid)) = d.suffixes.longest_ending_at(&fl[..e], e).filter(|&(l, _)| e - l > a && !all_generic(d, fl, a, e - l)) {
                cands.push(cand(a, e, d.suffix_info[sid as usize].0, doc.text(a, e), 2));
                break;
            }
            // …甬江智造和…: a trade word closes an item the list goes on after
            let goes_on = matches!(fl.get(e), Some('、' | '和' | '与' | '及'));
            if goes_on && d.list("trades").ends_at(fl, e).is_some_and(|l| e - l > a && !all_generic(d, fl, a, e - l)) {
                cands.push(cand(a, e, Class::Company, doc.text(a, e), 2));
                break;
            }
        }
    }
}

/// 完美时空董事长池宇峰: the words before a role word followed by a person name an organisation.
fn orgs_by_role(d: &Data, doc: &Doc, out: &[Mention], people: &[Mention], covered: &[bool], cands: &mut Vec<Mention>, absorbed: &mut Vec<(usize, usize)>) {
    let fl = &doc.fl;
    for r in 1..fl.len() {
        if covered[r] || doc.tok_start[r] == NONE {
            continue;
        }
        let Some((len, id)) = d.roles.longest_at(fl, r) else { continue };
        if !matches!(d.role_props[id as usize], Some(crate::model::Property::FoundedBy | crate::model::Property::Ceo | crate::model::Property::Chairperson)) {
            continue;
        }
        // 董事局|主席: the end of a longer role word is no role of its own
        if (r.saturating_sub(6)..r).any(|k| d.roles.longest_at(fl, k).is_some_and(|(l, _)| k + l > r)) {
            continue;
        }
        let mut e = r + len;
        // 创始人兼CEO 孙浩然, 董事长、总裁王立, 创始人及总经理: posts joined
        while fl.get(e).is_some_and(|c| super::ROLE_JOINERS.contains(c)) {
            match d.roles.longest_at(fl, e + 1) {
                Some((l2, _)) => e += 1 + l2,
                None => break,
            }
        }
        let e2 = if fl.get(e) == Some(&' ') { e + 1 } else { e };
        let person_follows = e2 < fl.len() && (person_at(d, doc, covered, e2).is_some() || fl[e2] == '、' || people.iter().any(|m| m.start == e2) || transliterated_at(doc, covered, e2).is_some());
        // …是X的创始人: the role closes a clause whose subject is a person
        let closes_bracket = fl.get(e) == Some(&')');
        let closes_clause = e >= doc.sentence_end(r) || is_punct(fl[e]) || fl[e] == ' ';
        if !person_follows && fl[r - 1] != '的' && !closes_bracket && !closes_clause {
            continue;
        }
        let mut end = if fl[r - 1] == '的' { r - 1 } else { r };
        // 幻岛工作室—创始人李立: a dash between a heading name and the post
        let dashed = person_follows && end > 1 && matches!(fl[end - 1], '—' | '-');
        while end > 1 && dashed && matches!(fl[end - 1], '—' | '-') {
            end -= 1;
        }
        // 广发银行时任董事长: a word dating the post stands between
        if let Some(l) = d.list("post-prefix").ends_at(fl, end) {
            end -= l;
        }
        // 辽宁成大(600739)董事长: a stock code between
        if end > 2 && fl[end - 1] == ')' {
            if let Some(o) = (end.saturating_sub(20)..end - 1).rev().find(|&j| fl[j] == '(') {
                if fl[o + 1..end - 1].iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ',' | '%' | ' ')) {
                    end = o;
                }
            }
        }
        // 中原证券党委书记、董事长: the name stands before the first of the posts listed
        while end > 1 && super::ROLE_JOINERS.contains(&fl[end - 1]) {
            match d.roles.longest_ending_at(fl, end - 1).map(|x| x.0).or_else(|| d.list("titles").ends_at(fl, end - 1)) {
                Some(l) => end -= 1 + l,
                None => break,
            }
        }
        let s0 = doc.sentence_start(r);
        let mut left = end;
        let mut t = tok_ending(doc, end);
        let mut odd = false;
        let mut place_at_left = None;
        while let Some(ti) = t {
            let tk = doc.tokens[ti];
            if tk.start < s0 || end - tk.start > 10 {
                break;
            }
            if covered[tk.start] {
                // 辽宁|成大, 中国|铁建: a place found before opens the name
                if let Some(p) = out.iter().find(|m| m.end == left && m.class.top() == Class::Place && !m.side && !m.is_date() && m.start >= s0) {
                    // SOHO|中国董事长: a Latin name before the place opens the name (微软中国)
                    let latin = tok_ending(doc, p.start).map(|k| doc.tokens[k]).filter(|k| left == end && k.pos == Pos::Eng && k.start >= s0 && !covered[k.start]);
                    if left < end || latin.is_some() {
                        place_at_left = Some((p.start, p.end));
                        left = latin.map_or(p.start, |k| k.start);
                        odd = true;
                    }
                }
                break;
            }
            let w = &fl[tk.start..tk.end];
            // 到|欧派家居: a light verb ends the name; 新|希望|集团: a two-character verb may be in it
            let light = tk.pos == Pos::Verb && d.list("light-verbs").contains_chars(w);
            let single = tk.end - tk.start == 1 && is_cjk(w[0]) && !light;
            // (金谷)网盈董事长: the last word may be a verb when a name word stands before it
            let verb_ok = tk.pos == Pos::Verb
                && tk.end - tk.start == 2
                && !d.list("clause-verbs").contains_chars(w)
                && !d.list("speech").contains_chars(w)
                && (left < end || tok_ending(doc, tk.start).is_some_and(|p| doc.tokens[p].pos.nameish() && doc.tokens[p].pos != Pos::VerbNoun));
            // 投资集团: a generic verb-noun may stand in the name's generic tail
            let tail_verb_noun = tk.pos == Pos::VerbNoun && all_generic(d, fl, tk.start, end);
            let numeral = numeral_word(fl, tk);
            // 最大|集团: a grading adjective names no firm
            let grading = tk.pos == Pos::Adj && d.list("degree-chars").at(fl, tk.start).is_some();
            if grading || !(tk.pos.nameish() || single || verb_in_name(d, doc, tk) || verb_ok || numeral) || (matches!(tk.pos, Pos::VerbNoun) && !tail_verb_noun) || w.iter().any(|&c| is_punct(c) || c == ' ') || is_stop_token(d, fl, tk.start, tk.end) || (is_generic(d, w) && !all_generic(d, fl, tk.start, end)) || d.list("latin-stop").contains_chars(w) {
                break;
            }
            if matches!(tk.pos, Pos::Other | Pos::Proper | Pos::Org | Pos::Eng | Pos::Place | Pos::Adj) || single || numeral {
                odd = true;
            }
            left = tk.start;
            t = tok_ending(doc, tk.start);
        }
        // 曲美家具董事长赵瑞海 opening its clause or list item: ordinary words may name it too
        // (a place may stand between: 是加拿大|太阳马戏团的创始人)
        let subj_end = out.iter().find(|m| m.end == left && m.class.top() == Class::Place).map_or(left, |m| m.start);
        // 阿道夫·达斯勒，阿迪达斯的创始人: a person, a comma, then the post closing the clause
        let appositive = subj_end > s0 && fl[subj_end - 1] == ',' && out.iter().any(|m| m.class == Class::Person && m.end + 1 == subj_end) && (e >= doc.sentence_end(r) || is_punct(fl[e]));
        // 周远（易达用车创始人）: a bracket after a person's name that the post closes
        let person_before = |j: usize| out.iter().any(|m| m.class == Class::Person && m.end == j) || tok_ending(doc, j).is_some_and(|t| doc.tokens[t].pos == Pos::Person);
        let post_in_bracket = closes_bracket && left > s0 && fl[left - 1] == '(' && person_before(left - 1);
        // 王立担任格澜深瞳董事长。: a post taken, closing the clause
        let post_taken = closes_clause && d.list("post-verbs").ends_at(fl, left).is_some();
        if !person_follows && !appositive && !post_in_bracket && !post_taken && !(subj_end > s0 && fl[subj_end - 1] == '是' && out.iter().any(|m| m.class == Class::Person && m.end + 1 == subj_end)) {
            continue;
        }
        // 对|金洲慈航, 如|浙商创投: a function word before the name is not part of it
        while left + 2 < end && place_at_left.is_none() && (d.list("light-verbs").contains_chars(&fl[left..left + 1]) && doc.tok_end[left + 1] != NONE || d.list("never-name-initial").contains_chars(&fl[left..left + 1])) {
            left += 1;
        }
        // (汪小菲)是|俏江南的创始人张兰: after 是 the words before 的 and a post name the organisation
        // 采访|小马奔腾董事长李明: a clause verb before the name opens it too
        let mut opens = left == s0 || is_punct(fl[left - 1]) || fl[left - 1] == ' ' || after_header(d, fl, left) || d.list("clause-verbs").ends_at(fl, left).is_some();
        // 是瑞典|北极星马戏团的创始人: inside a clause the place stays a place of its own
        if let Some((_, pe)) = place_at_left.filter(|_| !opens) {
            place_at_left = None;
            left = pe;
            opens = false;
        }
        // (汪小菲)是|俏江南的创始人张兰: after 是 the words before 的 and a post name the organisation
        opens = opens || fl[r - 1] == '的' && matches!(fl[left - 1], '是' | '为');
        if end - left >= 2 && (odd || opens && end - left >= 3) && (opens || !dashed) && !all_generic(d, fl, left, end) && !(left > 0 && fl[left - 1] == '的') {
            let mut m = cand(left, end, Class::Organization, doc.text(left, end), 2);
            // 加拿大太阳马戏团 is also 太阳马戏团 (辽宁|成大: two characters are too few to stand alone)
            if let Some((_, pe)) = place_at_left.filter(|&(_, pe)| end >= pe + 3) {
                m.alts.push(doc.text(pe, end));
            }
            cands.push(m);
            absorbed.extend(place_at_left);
        }
    }
}

/// 总部设在哈博罗内: an unknown place after a headquarters phrase.
fn places_after_hq(d: &Data, doc: &Doc, covered: &[bool], cands: &mut Vec<Mention>) {
    let fl = &doc.fl;
    for i in 0..fl.len() {
        let Some(len) = d.list("@hq").at(fl, i) else { continue };
        let mut a = i + len + usize::from(fl.get(i + len) == Some(&'于'));
        // 总部位于美国|亚特兰大: past the known places that open the phrase
        while a < fl.len() && covered[a] {
            match tok_starting(doc, a).map(|t| doc.tokens[t]) {
                Some(tk) if tk.pos == Pos::Place && covered[tk.start..tk.end].iter().all(|&x| x) => a = tk.end,
                _ => break,
            }
        }
        if a >= fl.len() || covered[a] {
            continue;
        }
        let mut e = a;
        let mut t = tok_starting(doc, a);
        while let Some(ti) = t {
            let tk = doc.tokens[ti];
            if covered[tk.start] || tk.end - a > 8 || !fl[tk.start..tk.end].iter().all(|c| is_cjk(*c)) || !(tk.pos.nameish() || tk.end - tk.start == 1) || d.list("after-name").contains_chars(&fl[tk.start..tk.end]) || matches!(tk.pos, Pos::Verb | Pos::Adj) {
                break;
            }
            e = tk.end;
            t = tok_starting(doc, e);
        }
        let next = fl.get(e).copied().unwrap_or('。');
        // 总部位于国际花园城市——江苏省…: a description before a dash is no place's name
        if e - a >= 2 && (!is_cjk(next) && next != '—' || next == '的' || next == '和' || next == '、') && !all_generic(d, fl, a, e) {
            cands.push(cand(a, e, Class::Place, doc.text(a, e), 1));
        }
    }
}

/// Words jieba tags as people (nr), places (ns with a place ending) or organisations (nt).
fn tagged(d: &Data, doc: &Doc, _out: &[Mention], covered: &[bool], cands: &mut Vec<Mention>) {
    let fl = &doc.fl;
    let noun_end = |c: usize| d.list("noun-endings").contains_chars(&fl[c..c + 1]);
    for (k, tk) in doc.tokens.iter().enumerate() {
        let (a, mut b) = (tk.start, tk.end);
        if covered[a..b].iter().any(|&x| x) || !fl[a..b].iter().all(|c| is_cjk(*c)) || is_generic(d, &fl[a..b]) {
            continue;
        }
        if tk.pos == Pos::Person && surname_len(d, fl, a) == Some(1) {
            // 戴晓明案, 吴佩珊现(为): a name and a noun's last character or a function word read
            // as one word
            if b - a == 4 && (noun_end(b - 1) || d.list("function-tail").contains_chars(&fl[b - 1..b])) {
                b -= 1;
            }
            // 陈方于/nr 2008年: a two-character name and the function character after it
            if b - a == 3 && matches!(fl[b - 1], '于' | '在' | '为' | '和' | '与' | '是' | '将' | '曾' | '已' | '任') {
                b -= 1;
            }
            // 林易|初/x、林少飞, 叶茂|菁/x出任: a given name's last character jieba left alone before
            // a list mark, a space or a verb of office (not a localiser: 王明|后|加入)
            let verb_after = |c: usize| tok_starting(doc, c).is_some_and(|t| doc.tokens[t].pos == Pos::Verb && doc.tokens[t].end - c >= 2 && d.list("clause-verbs").at(fl, c).is_some());
            if b - a == 2 && doc.tokens.get(k + 1).is_some_and(|n| n.start == b && n.end == b + 1 && n.pos == Pos::Misc && is_cjk(fl[b]) && !NOT_IN_NAMES.contains(&fl[b]) && (matches!(fl.get(b + 1), Some('、' | ',' | '。' | ' ')) || verb_after(b + 1) && !"前后中内外上下里间时".contains(fl[b]))) && !covered[b] {
                b += 1;
            }
            // 靳|海涛: a surname tagged alone, then a given name tagged as a name
            if b - a == 1 {
                if let Some(next) = doc.tokens.get(k + 1).filter(|n| n.start == b && n.pos == Pos::Person && n.end - n.start == 2 && !covered[n.start..n.end].iter().any(|&x| x)) {
                    b = next.end;
                }
            }
        }
        match tk.pos {
            // 齐向东: jieba's reading of a whole word as a name stands, unless it swallowed a function word
            // (永久)居留权: not after an adverb, nor ending in a common noun's last character; 荣获
            // (a verb jieba tags nr) is no name
            // 创办云栖智造: four characters after a one-character surname are rarely a name
            // 由其子(公司): the pronoun 其 is no part of a name; 由锐(能科技): nor does a function
            // word make a two-character name's surname
            Pos::Person if (2..=4).contains(&(b - a)) && !fl[a..b].contains(&'其') && !(b - a == 2 && d.list("never-name-initial").contains_chars(&fl[a..a + 1])) && surname_len(d, fl, a).is_some_and(|s| b - a - s <= 2) && !d.list("clause-verbs").contains_chars(&fl[a..b]) && !matches!(fl[b - 1], '的' | '了' | '是' | '在' | '说' | '称' | '和' | '与' | '等' | '将' | '被' | '对' | '向' | '从' | '为' | '则' | '任' | '于' | '也' | '都' | '就' | '曾' | '已' | '并') && !noun_end(b - 1) && !tok_ending(doc, a).is_some_and(|t| doc.tokens[t].pos == Pos::Adverb) => {
                cands.push(cand(a, b, Class::Person, doc.text(a, b), 1));
            }
            // 周鸿祎/x: a rare-character name jieba could not read, by its surname and length
            Pos::Other if b - a == 3 && surname_len(d, fl, a) == Some(1) && !fl[a..b].iter().any(|c| NOT_IN_NAMES.contains(c)) && !noun_end(b - 1) && d.names.get(&fl[a..b]).is_none() => {
                cands.push(cand(a, b, Class::Person, doc.text(a, b), 1));
            }
            Pos::Place => {
                if let Some((_, class)) = suffixed_place(d, doc, a, b) {
                    cands.push(cand(a, b, class, doc.text(a, b), 1));
                }
            }
            // 景芝/nz|镇: a proper name and a one-character place ending jieba left alone name a place
            Pos::Proper if b - a == 2 && doc.tokens.get(k + 1).is_some_and(|n| n.start == b && n.end == b + 1 && !covered[b] && d.list("place-suffixes").contains_chars(&fl[b..b + 1])) => {
                cands.push(cand(a, b + 1, place_class(&fl[b..b + 1]), doc.text(a, b + 1), 1));
            }
            // 潍坊市|国资委: an office named after the place before it is that place's, not one
            // body shared by every city; without a name of its own it is left out
            // 国际化/nt: a generic word and 化 name a process, not a body
            Pos::Org if b - a >= 3 && !fl[a..b].ends_with(&['政', '府']) && !(fl[b - 1] == '化' && is_generic(d, &fl[a..b - 1])) && !(k > 0 && doc.tokens[k - 1].end == a && doc.tokens[k - 1].pos == Pos::Place) && !d.list("org-regions").contains_chars(&fl[a..b]) => {
                cands.push(cand(a, b, Class::Organization, doc.text(a, b), 1));
            }
            _ => {}
        }
    }
}

/// 舞泡网（上海舞泡网络科技有限公司简称）: the words opening a clause before a bracket that holds
/// an organisation's name and a naming word (简称, 原名…) are another name of it.
fn names_before_bracket(d: &Data, doc: &Doc, out: &mut [Mention], covered: &[bool]) {
    let fl = &doc.fl;
    for m in out.iter_mut().filter(|m| m.class.top() == Class::Organization && !m.is_date() && m.start >= 3) {
        let o = m.start - 1;
        let k = if fl.get(m.end) == Some(&'的') { m.end + 1 } else { m.end };
        if fl[o] != '(' || d.list("alias-cues").at(fl, k).is_none_or(|l| fl.get(k + l) != Some(&')')) {
            continue;
        }
        let s0 = doc.sentence_start(o);
        let mut a = o;
        while a > s0 && o - a < 10 && !covered[a - 1] && (is_cjk(fl[a - 1]) || alnum(fl[a - 1])) {
            a -= 1;
        }
        if o - a >= 2 && (a == s0 || is_punct(fl[a - 1]) || fl[a - 1] == ' ') && !all_generic(d, fl, a, o) {
            add_alt(m, doc.text(a, o));
        }
    }
}

/// `名称(Alias)`, `名称（以下简称“短名”）`: the bracket joins the name's mention.
fn brackets(d: &Data, doc: &Doc, out: &mut Vec<Mention>, covered: &mut [bool]) {
    let fl = &doc.fl;
    let mut i = 0;
    while i < out.len() {
        let m_end = out[i].end;
        if out[i].is_date() || fl.get(m_end) != Some(&'(') {
            i += 1;
            continue;
        }
        let lim = (m_end + 40).min(doc.sentence_end(m_end));
        let Some(close) = (m_end + 1..lim).find(|&j| fl[j] == ')') else {
            i += 1;
            continue;
        };
        let (mut a, mut b) = (m_end + 1, close);
        let declared = d.list("alias-cues").at(&fl[..b], a).inspect(|l| a += l).is_some();
        while a < b && matches!(fl[a], '“' | '"' | '「' | ':' | ' ') {
            a += 1;
        }
        // (下称“力帆股份”，股票代码…): the declared name ends at its closing mark
        if declared {
            if let Some(c) = (a..b).find(|&j| matches!(fl[j], ',' | ';' | '”' | '"' | '」' | '、')) {
                b = c;
            }
        }
        while b > a && matches!(fl[b - 1], '”' | '"' | '」' | ' ') {
            b -= 1;
        }
        let inner = &fl[a..b];
        let latin = inner.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '.' | '&' | '\''));
        let cjk_name = inner.len() <= 8 && inner.iter().all(|c| is_cjk(*c) || alnum(*c)) && !inner.contains(&'的');
        // (CEO), (董事长徐明): a post, or a post and its holder, is no other name; 吴立（微澜创投创始人）:
        // a bracket ending in a post tells the person's post, not a name
        let stop = d.list("latin-stop").contains_chars(inner) || d.roles.longest_at(fl, a).is_some_and(|(l, _)| a + l <= b) || d.roles.longest_ending_at(inner, inner.len()).is_some_and(|(l, _)| l >= 2 || l == inner.len());
        if b <= a || stop || !(latin || cjk_name || declared) || b - a > 30 {
            i += 1;
            continue;
        }
        // an inner mention of another class is not an alias (字节跳动(TikTok的母公司) is caught
        // above by 的; 英伟达(Nvidia) is the same entity)
        let inner_m = out.iter().position(|x| x.start >= m_end && x.end <= close + 1 && !x.is_date());
        if let Some(j) = inner_m {
            // 腾讯（深圳）: a place that fills the bracket is no alias of an organisation
            let (c1, c2) = (out[i].class.top(), out[j].class.top());
            let fills = out[j].start <= a && b <= out[j].end;
            if c1 != c2 && (out[j].gaz.is_some() && out[i].gaz.is_some() || fills) {
                i += 1;
                continue;
            }
        }
        let alias = doc.text(a, b);
        let m = &mut out[i];
        if m.gaz.is_none() {
            if let Some(id) = d.names.get(inner) {
                if d.entries[id as usize].class.top() == m.class.top() {
                    m.gaz = Some(id);
                }
            }
        }
        add_alt(m, alias);
        m.end = close + 1;
        covered[m_end..close + 1].iter_mut().for_each(|x| *x = true);
        if let Some(j) = inner_m {
            let inner = out.remove(j);
            let m = &mut out[if j < i { i - 1 } else { i }];
            // (简称“中国太平”): a place inside the alias lends the name neither its entry nor its names
            if inner.class.top() == m.class.top() {
                if m.gaz.is_none() {
                    m.gaz = inner.gaz;
                }
                for a in std::iter::once(inner.name).chain(inner.alts) {
                    add_alt(m, a);
                }
            }
            if j < i {
                i -= 1;
            }
        }
        i += 1;
    }
}

/// Later occurrences of names learnt in this article (灵犀动力 after 苏州灵犀动力科技有限公司,
/// 奥尔特曼 after 萨姆·奥尔特曼).
/// Where the names of `out` (and their other forms) occur again in uncovered text: (start, end,
/// index of the mention repeated).
/// Spans repeating a name found: (start, end, the mention repeated, whether by its stem).
fn repeat_spans(ex: &Extractor, doc: &Doc, out: &[Mention], covered: &[bool]) -> Vec<(usize, usize, usize, bool)> {
    let fl = &doc.fl;
    let d = &ex.data;
    let mut trie = Trie::new();
    let mut stems: Vec<Vec<char>> = Vec::new();
    let mut any = false;
    for (idx, m) in out.iter().enumerate() {
        if m.is_date() || m.refers.is_some() {
            continue;
        }
        let mut forms: Vec<String> = std::iter::once(m.name.clone()).chain(m.alts.iter().cloned()).collect();
        if m.class == Class::Person {
            if let Some(last) = m.name.rsplit('·').next().filter(|l| l.chars().count() >= 2 && m.name.contains('·')) {
                forms.push(last.to_string());
            }
        }
        if let Some(stem) = short_stem(ex, fl, out, m) {
            if trie.get(&stem).is_none() {
                stems.push(stem.clone());
            }
            forms.push(stem.iter().collect());
        }
        for f in forms {
            let k = super::data::fold_lower(&ex.folder, &f);
            // the strongest mention of a name is what its repeats are (子品牌“曜石” over 发布“曜石”)
            let weaker = trie.get(&k).is_some_and(|old| out[old as usize].tier < m.tier);
            if k.len() >= 2 && !(k.len() == 2 && k.iter().all(|c| c.is_ascii())) && (trie.get(&k).is_none() || weaker) {
                trie.insert(&k, idx as u32);
                any = true;
            }
        }
    }
    let mut spans = Vec::new();
    if !any {
        return spans;
    }
    let mut i = 0;
    while i < fl.len() {
        if covered[i] {
            i += 1;
            continue;
        }
        let mut best = None;
        trie.each_at(fl, i, |len, idx| {
            // 恒远|存储: a stem before a noun (not a post) opens a sister firm's name
            let noun_next = tok_starting(doc, i + 2).is_some_and(|t| matches!(doc.tokens[t].pos, Pos::Noun | Pos::VerbNoun | Pos::Other | Pos::Proper | Pos::Org)) && d.roles.longest_at(fl, i + 2).is_none() && d.list("org-name-end").at(fl, i + 2).is_none();
            let sister = len == 2 && stems.iter().any(|k| k[..] == fl[i..i + 2]) && (noun_next || [d.suffixes.longest_at(fl, i + 2).map(|x| x.0), d.list("generic").at(fl, i + 2), d.list("trades").at(fl, i + 2)].iter().any(Option::is_some));
            let glued = len >= 4 && i > 0 && doc.tok_start[i - 1] != NONE && d.list("firm-chars").contains_chars(&fl[i - 1..i]);
            if !covered[i..i + len].iter().any(|&x| x) && (name_bounds_ok(doc, i, i + len) || glued) && !sister {
                best = Some((len, idx));
            }
        });
        if let Some((len, idx)) = best {
            spans.push((i, i + len, idx as usize, len == 2 && stems.iter().any(|k| k[..] == fl[i..i + 2])));
            i += len;
        } else {
            i += 1;
        }
    }
    spans
}

/// 芯曜科技 … 芯曜的全资子公司: the two-character stem of a firm's four- or five-character name,
/// when the rest is a name ending or trade word (科技, 资讯, 半导体) and no other name in the article shares the
/// stem (恒远集团, 恒远存储 are sister firms, neither is 恒远), unless that name is introduced as a
/// subsidiary (旗下子公司晶碩科技: 晶碩 is still the parent). Only a repeat at jieba's word bounds
/// counts.
fn short_stem(ex: &Extractor, fl: &[char], out: &[Mention], m: &Mention) -> Option<Vec<char>> {
    let d = &ex.data;
    let name = super::data::fold_lower(&ex.folder, &m.name);
    if m.class.top() != Class::Organization || m.gaz.is_some() || !(4..=5).contains(&name.len()) || !name.iter().all(|&c| is_cjk(c)) {
        return None;
    }
    let (stem, end) = name.split_at(2);
    // a name found by context alone (创立了极岸机器人) gives a stem only with a name ending
    if m.tier < 2 && d.suffixes.get(end).is_none() {
        return None;
    }
    let ending = d.suffixes.get(end).is_some() || is_generic(d, end) || d.list("trades").contains_chars(end);
    // (a product named after the firm, 拓海M7, is no sister firm)
    let subsidiary = |o: &Mention| d.list("@subsidiary").ends_at(fl, o.start).is_some();
    let shared = out.iter().any(|o| o.name != m.name && o.class.top() == Class::Organization && !subsidiary(o) && super::data::fold_lower(&ex.folder, &o.name).starts_with(stem));
    (ending && !shared && !is_generic(d, stem) && d.names.get(stem).is_none()).then(|| stem.to_vec())
}

fn repeats(ex: &Extractor, doc: &Doc, out: &mut Vec<Mention>, covered: &mut [bool]) {
    let spans = repeat_spans(ex, doc, out, covered);
    for (a, b, idx, _) in spans {
        let src = &out[idx];
        let mut m = cand(a, b, src.class, doc.text(a, b), src.tier);
        m.refers = Some(idx);
        m.gaz = src.gaz;
        covered[a..b].iter_mut().for_each(|x| *x = true);
        out.push(m);
    }
}
