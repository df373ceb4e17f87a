//! Discourse: pronouns and phrases that stand for an earlier name (该公司, 这家初创企业, 其, 他),
//! and clauses without a stated subject (…，总部位于苏州) whose subject is the sentence's topic,
//! or in a biography the person it opens with (张三，男，…，现任X董事长).
//! Each becomes a virtual mention that refers to its antecedent, so relation rules see a name.

use super::{Doc, Extractor, Mention};
use crate::model::Class;
use crate::text::fold::is_cjk;
use crate::text::Pos;

fn root(mentions: &[Mention], mut i: usize) -> usize {
    let mut guard = 0;
    while let Some(r) = mentions[i].refers {
        i = r;
        guard += 1;
        if guard > 16 {
            break;
        }
    }
    i
}

/// A mention of `mentions[a]` by the pronoun or anaphor at `i..i + len`.
fn reference_to(mentions: &[Mention], a: usize, doc: &Doc, i: usize, len: usize) -> Mention {
    let mut m = mentions[a].clone();
    m.start = i;
    m.end = i + len;
    m.refers = Some(a);
    m.alts.clear();
    m.name = doc.text(i, i + len);
    m
}

/// The unstated subject of the clause at `i`: an empty mention of `mentions[a]`.
fn unstated(mentions: &[Mention], a: usize, i: usize) -> Mention {
    let mut m = mentions[a].clone();
    m.start = i;
    m.end = i;
    m.refers = Some(a);
    m.alts.clear();
    m
}

/// A university or an institute: where people study and research, no company a bare 公司 names.
fn academic(class: Class) -> bool {
    matches!(class, Class::University | Class::ResearchInstitute)
}

fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | '。' | ';' | '!' | '?' | ':' | '\n')
}

pub fn link(ex: &Extractor, doc: &Doc, mentions: &mut Vec<Mention>) {
    let d = &ex.data;
    let fl = &doc.fl;
    let n = fl.len();
    let mut covered = vec![false; n + 1];
    for m in mentions.iter() {
        covered[m.start..m.end].iter_mut().for_each(|x| *x = true);
    }
    let mut order: Vec<usize> = (0..mentions.len()).filter(|&k| !mentions[k].side).collect();
    order.sort_by_key(|&k| (mentions[k].start, mentions[k].end));
    let org_words = d.list("@anaphor-org");
    let bare_org_words = d.list("@anaphor-org-bare");
    let person_words = d.list("@anaphor-person");
    let speaker_words = d.list("@anaphor-speaker");
    let card_keys = d.list("@card-keys");
    let office_verbs = d.list("@zero-possessor-verbs");
    let zero = d.list("@zero-subject");
    let person_zero = d.list("@zero-subject-person");
    let sentence_zero_words = d.list("@zero-subject-sentence");
    let serve = d.list("@serve");
    let found = d.list("@found");
    let ended_before = d.list("@ended-before");
    let subsidiary = d.list("@subsidiary");
    let parent = d.list("@parent");
    let org_nouns = d.list("org-nouns");
    let mut added: Vec<Mention> = Vec::new();
    // Scan in text order, keeping the most recent names and the topic.
    let mut mi = 0; // next real mention
    let mut last_org: Option<usize> = None;
    let mut last_company: Option<usize> = None;
    let mut last_company_sent: u32 = u32::MAX;
    let mut last_person: Option<usize> = None;
    // the person whose name and a colon open the paragraph (an interview's 林书远：我…): 我 is them
    let mut speaker: Option<usize> = None;
    // the organisation a card's heading names (【灵枢动力】): the subject of its key-value lines
    let mut card: Option<usize> = None;
    // this sentence named a firm no mention holds (于洪林担任中超公司董事长): a later post with
    // no organisation may be its, so it is not the topic's
    let mut unknown_firm = false;
    // the organisation a post was last given to in this sentence (担任中超公司董事长，X出任总经理:
    // parallel appointments share it)
    let mut post_org: Option<(usize, u32)> = None;
    // the most recent company stood in an agent phrase (由华西医院医生…创立): a poor antecedent
    // while the sentence has a topic
    let mut last_company_in_agent = false;
    // the most recent organisation of this sentence written with a name ending in 公司: what a
    // bare 公司 names after a group (郑煤集团董事长、党委书记，公司董事长X: the company, not the group)
    let mut last_gongsi: Option<(usize, u32)> = None;
    let mut in_agent = false;
    // the organisation opening the current clause: 其 in its clause is another one (X成为其子公司)
    let mut clause_subject: Option<usize> = None;
    let mut earlier_org: Option<usize> = None; // the organisation named before `last_org`
    let mut topic: Option<(usize, u32)> = None; // (mention, sentence)
    // the person a biography opens with (张三，男，…): the subject of its clauses that state none,
    // until another name opens a sentence
    let mut person_topic: Option<usize> = None;
    let mut clause_start = true;
    // a person named earlier in this sentence
    let mut sentence_person = false;
    let mut clause_first_sentence = true;
    // no organisation yet in this clause / a preposition before it (由华为…, 与英伟达…)
    let mut clause_org_free = true;
    let mut after_prep = false;
    let mut i = 0;
    while i < n {
        let sent = doc.sent_of[i];
        if i > 0 && doc.sent_of[i - 1] != sent {
            clause_start = true;
            sentence_person = false;
            // …副院长；联合创始人兼CTO孙悦…: after a semicolon the sentence's topic goes on
            let semicolon = fl[..i].iter().rev().find(|c| !c.is_whitespace()) == Some(&';');
            clause_first_sentence = !semicolon;
            if semicolon {
                topic = topic.map(|(t, _)| (t, sent));
            }
            clause_org_free = true;
            after_prep = false;
            in_agent = false;
            clause_subject = None;
            unknown_firm = false;
        }
        // real mentions starting here
        if mi < order.len() && mentions[order[mi]].start <= i {
            let m = &mentions[order[mi]];
            let r = root(mentions, order[mi]);
            if !m.is_date() {
                match mentions[r].class.top() {
                    Class::Organization => {
                        if m.start > 0 && fl[m.start - 1] == '【' && fl.get(m.end) == Some(&'】') {
                            card = Some(r);
                        }
                        let role_at = if fl.get(m.end) == Some(&'的') { m.end + 1 } else { m.end };
                        // (not a former employer, 前英伟达工程师, nor one in an agent phrase)
                        let former = ended_before.ends_at(fl, m.start).is_some();
                        if !former && !in_agent && d.roles.longest_at(fl, role_at).is_some_and(|(_, id)| d.role_props[id as usize].is_some()) {
                            post_org = Some((r, sent));
                        }
                        if last_org.is_some_and(|l| l != r) {
                            earlier_org = last_org;
                        }
                        last_org = Some(r);
                        if !academic(mentions[r].class) {
                            last_company = Some(r);
                            last_company_sent = sent;
                            // 创始人为前中芯国际工程师范启航: a person's former employer is no antecedent either
                            last_company_in_agent = in_agent || m.start > 0 && matches!(fl[m.start - 1], '前' | '原');
                            if fl[m.start..m.end].ends_with(&['公', '司']) {
                                last_gongsi = Some((r, sent));
                            }
                        }
                        // 曾任优必选研究院副院长: an organisation after a verb of office is no topic;
                        // 沈立衡与顾文博共同创办云栖智造。公司总部…: what a person founded is what follows
                        // speaks of
                        let after_serve = serve.ends_at(fl, m.start).is_some_and(|l| l >= 2);
                        let before = if m.start > 0 && fl[m.start - 1] == '了' { m.start - 1 } else { m.start };
                        let founded = found.ends_at(fl, before).is_some_and(|l| l >= 2);
                        // 本轮由红杉中国领投，深创投跟投: an investor does not take over a topic
                        let investor_aside = mentions[r].class == Class::Investor && topic.is_some();
                        if (clause_org_free && !after_prep && !after_serve && !investor_aside) || founded {
                            topic = Some((r, sent));
                            clause_subject = Some(r);
                        }
                        clause_org_free = false;
                    }
                    Class::Person => {
                        last_person = Some(r);
                        let line_start = fl[..m.start].iter().rev().find(|c| **c != ' ').is_none_or(|&c| c == '\n');
                        if line_start && fl.get(m.end) == Some(&':') {
                            speaker = Some(r);
                        }
                    }
                    _ => {}
                }
                let person = mentions[r].class.top() == Class::Person;
                // 百度百科：冯立，1959年出生…: a short heading and a colon may stand before a biography
                let after_heading = m.start > 0 && fl[m.start - 1] == ':' && m.start - 1 - doc.sentences[sent as usize].start <= 6;
                if clause_start && (clause_first_sentence || after_heading) {
                    let bio = person && matches!(fl.get(m.end), Some(',' | '('));
                    person_topic = bio.then_some(r);
                } else if person && !sentence_person && m.start > 0 && fl[m.start - 1] == '的' {
                    // 1993年，创业初成的王立，移居香港，…，于当年8月创立X: the first person of the
                    // sentence, described and the last name of its clause, is who the clauses after it
                    // speak of
                    let clause_end = (m.end..n).find(|&k| is_clause_break(fl[k])).unwrap_or(n);
                    if order.get(mi + 1).is_none_or(|&k| mentions[k].start >= clause_end) {
                        person_topic = Some(r);
                    }
                }
                sentence_person |= person;
            }
            // 中国台湾资深导演, 2002年创立: a place or a date opening a clause leaves it open
            if !((m.class.top() == Class::Place || m.is_date()) && clause_start) {
                clause_start = false;
            }
            i = i.max(m.end);
            mi += 1;
            continue;
        }
        let c = fl[i];
        // 5、巨人教育…: a numbered item opens a clause
        if c == '、' && i > 0 && fl[i - 1].is_ascii_digit() {
            clause_start = true;
            i += 1;
            continue;
        }
        // 他先后在华为和阿里巴巴担任…: a place of work is no subject either
        if matches!(c, '由' | '前' | '被' | '为' | '向' | '与' | '和' | '对' | '从' | '给' | '替' | '、' | '在') {
            after_prep = true;
        }
        // 总部设在厦门的茶饮企业X: 的 closes the phrase; what follows it may be the subject
        if c == '的' && matches!(fl[..i].iter().rev().find(|&&x| x == '在' || is_clause_break(x)), Some('在')) {
            after_prep = false;
        }
        if matches!(c, '由' | '被') {
            in_agent = true;
        }
        if c == '\n' {
            speaker = None;
            // 总部：上海 on a card's line
            if let Some(o) = card.filter(|_| card_keys.at(fl, i + 1).is_some()) {
                added.push(unstated(mentions, o, i + 1));
            }
        }
        if is_clause_break(c) {
            clause_start = true;
            clause_org_free = true;
            after_prep = false;
            in_agent = false;
            clause_subject = None;
            if c != ',' && c != ':' {
                clause_first_sentence = true;
            } else {
                clause_first_sentence = false;
            }
            i += 1;
            continue;
        }
        if c == ' ' || c == '“' || c == '”' {
            i += 1;
            continue;
        }
        // pronouns and anaphoric phrases
        // 由其子|公司: jieba may glue 其 to the words around it before a word of kinship
        let kin_follows = fl[i] == '其' && (subsidiary.at(fl, i + 1).is_some() || parent.at(fl, i + 1).is_some());
        let tok_ok = |len: usize| kin_follows || doc.tok_start[i] != super::NONE && (len >= 2 || doc.tok_end[i + len] != super::NONE);
        // 这家游戏开发公司, 该初创企业: a demonstrative, a few words, an organisation noun
        let demonstrative = if matches!(fl.get(i..i + 2), Some(['这', '家']) | Some(['该', _]) | Some(['此', '家'])) {
            (i + 2..(i + 10).min(n)).take_while(|&j| is_cjk(fl[j]) && !covered[j]).filter_map(|j| org_nouns.ends_at(fl, j + 1).map(|_| j + 1 - i)).last()
        } else {
            None
        };
        let free = |l: usize| !covered[i..i + l].iter().any(|&x| x) && tok_ok(l);
        let bare_len = bare_org_words.at(fl, i).filter(|&l| free(l));
        if let Some(len) = org_words.at(fl, i).filter(|&l| free(l)).or(bare_len).or(demonstrative) {
            let w = &fl[i..i + len];
            // a bare 公司 / 集团 is an ordinary noun unless it opens a clause, follows a verb of
            // office or stands before a role word (在人大代表、集团董事长某某的带领下)
            let bare_company = bare_org_words.contains_chars(w);
            // …only after a mark or a function word: after any other word it may end an unknown
            // firm's name (担任中超|公司董事长)
            // (目前公司CEO: a time word too)
            let after_function_word = doc.tok_end[i] == super::NONE || matches!(doc.tokens[doc.tok_end[i] as usize].pos, Pos::Punct | Pos::Prep | Pos::Particle | Pos::Conj | Pos::Adverb | Pos::Misc | Pos::Time);
            let role_follows = d.roles.longest_at(fl, i + len).is_some() && after_function_word;
            // (区志恒为公司创办人: after a verb of office jieba glued to a name, before a post)
            let serves_post = serve.ends_at(fl, i).is_some() && d.roles.longest_at(fl, i + len).is_some();
            let bare_ok = !bare_company || clause_start || role_follows || serves_post || serve.ends_at(fl, i).is_some_and(|l| l >= 2) || (i > 0 && !is_cjk(fl[i - 1]));
            let wants_company = w.contains(&'公') || w.contains(&'企') || w.contains(&'集');
            // the most recent organisation of this sentence, else the topic, else the most recent
            let recent = if wants_company { last_company.or(last_org) } else { last_org };
            let same_sentence = last_company_sent == sent && last_company.is_some() && !(wants_company && last_company_in_agent);
            let topic_ok = topic.map(|(t, _)| t).filter(|&t| !wants_company || !academic(mentions[t].class));
            let ante = if same_sentence { recent } else { topic_ok.or(recent) };
            let group = |a: usize| fl[mentions[a].start..mentions[a].end].ends_with(&['集', '团']);
            let ante = match last_gongsi {
                Some((g, gs)) if w == ['公', '司'] && gs == sent && ante.is_some_and(|a| a != g && group(a)) => Some(g),
                _ => ante,
            };
            // 恒昇能源成为其全资子公司: 其 is not its own clause's subject, unless it opens the
            // agent (华为的芯片由其子公司海思设计)
            let ante = if w == ['其'] && ante.is_some() && ante == clause_subject && !in_agent { earlier_org } else { ante };
            if bare_company && !bare_ok {
                unknown_firm = true;
            }
            if let (true, Some(a)) = (bare_ok, ante) {
                last_org = Some(a);
                last_company_sent = sent;
                if clause_start {
                    topic = Some((a, sent));
                    clause_org_free = false;
                }
                if !academic(mentions[a].class) {
                    last_company = Some(a);
                }
                added.push(reference_to(mentions, a, doc, i, len));
                clause_start = false;
                i += len;
                continue;
            }
        }
        if let (Some(len), Some(a)) = (speaker_words.at(fl, i).filter(|&l| tok_ok(l) && !covered[i]), speaker) {
            added.push(reference_to(mentions, a, doc, i, len));
            clause_start = false;
            i += len;
            continue;
        }
        if let Some(len) = person_words.at(fl, i).filter(|&l| tok_ok(l) && !covered[i]) {
            if let Some(a) = last_person {
                added.push(reference_to(mentions, a, doc, i, len));
                clause_start = false;
                i += len;
                continue;
            }
        }
        // a biography's clause with no subject: 张三，男，…，现任X董事长 / …。于2002年创立X
        if let Some(p) = person_topic.filter(|_| clause_start && person_zero.at(fl, i).is_some()) {
            added.push(unstated(mentions, p, i));
            clause_start = false;
            i += 1;
            continue;
        }
        // 何知远担任CEO: a post right after a verb of office, in a clause naming no organisation, is
        // a post at the organisation this sentence last gave a post to, else at the topic of this
        // sentence or the one before
        // (a university the topic is where someone studied: 毕业于浙江大学)
        if clause_org_free && !unknown_firm && !covered[i] && office_verbs.ends_at(fl, i).is_some() && d.roles.longest_at(fl, i).is_some_and(|(_, id)| d.role_props[id as usize].is_some()) {
            let firm_topic = topic.filter(|&(t, ts)| (ts == sent || ts + 1 == sent) && !academic(mentions[t].class));
            if let Some((t, _)) = post_org.filter(|&(_, ps)| ps == sent).or(firm_topic) {
                added.push(unstated(mentions, t, i));
            }
        }
        // a clause with no subject: …，由王兴兴创立 / …，总部位于苏州 / …，创始人张文
        let sentence_zero = clause_start && clause_first_sentence && i > 0 && sentence_zero_words.at(fl, i).is_some();
        if clause_start && (!clause_first_sentence && zero.at(fl, i).is_some() || sentence_zero) {
            if let Some((t, ts)) = topic {
                // …，联合创始人兼CTO苏明川则来自百度: a founder's post opening a clause speaks of the
                // previous sentence's topic when this sentence has none of its own
                let founder_post = d.roles.longest_at(fl, i).is_some_and(|(_, id)| d.role_props[id as usize] == Some(crate::model::Property::FoundedBy));
                if ts == sent || (sentence_zero || founder_post) && ts + 1 == sent {
                    added.push(unstated(mentions, t, i));
                }
            }
        }
        clause_start = false;
        i += 1;
    }
    // Appended, not sorted in: `refers` holds indices.
    mentions.extend(added);
}
