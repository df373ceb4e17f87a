//! Extraction as data: every `tests/extraction/*.tsv` file holds our own sentences (fictional
//! names) with the facts that must and must not come out of them; one runner feeds each file
//! through `zhkg extract --format jsonl` and reports every failing row at once.
//!
//! Format of a data file (UTF-8, one item a line; the format is also described at the top of
//! tests/extraction/README.md):
//!
//! ```text
//! # a comment
//! 星河智能由李明远创立。                 a sentence (or a few): one article; \n in it breaks the line
//! +	星河智能	foundedBy	李明远        a fact that must come out of the article above
//! +	星河智能	foundedBy	李明远	<0.6  … with a confidence below 0.6 (or >=0.8)
//! -	星河智能	ceo	李明远                 a fact that must not come out of it
//! ```
//!
//! Names compare after the key fold (NFKC, traditional → simplified, case, spaces and dots), so
//! a traditional sentence may list its facts in either script. The object of `foundingDate` is a
//! year or date as written in `xsd` (2019, 2019-03-01).
//!
//! Also here: all dev articles ingested into one store leave no gold entity split over two nodes.

use super::{shared_corpus, Zhkg};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use zhkg::text::fold::{key_of, Folder};

struct Expect {
    line: usize,
    positive: bool,
    subject: String,
    property: String,
    object: String,
    confidence: Option<(bool, f64)>, // (below?, bound)
}

struct Case {
    line: usize,
    text: String,
    expects: Vec<Expect>,
}

fn parse(path: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut cases: Vec<Case> = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        if cols[0] == "+" || cols[0] == "-" {
            assert!(cols.len() >= 4, "{}:{}: a fact line needs 4 columns", path.display(), n + 1);
            let confidence = cols.get(4).map(|c| {
                if let Some(v) = c.strip_prefix('<') {
                    (true, v.parse().expect("a confidence bound"))
                } else {
                    (false, c.trim_start_matches(">=").parse().expect("a confidence bound"))
                }
            });
            let case = cases.last_mut().unwrap_or_else(|| panic!("{}:{}: a fact line before any sentence", path.display(), n + 1));
            case.expects.push(Expect {
                line: n + 1,
                positive: cols[0] == "+",
                subject: cols[1].to_owned(),
                property: cols[2].to_owned(),
                object: cols[3].to_owned(),
                confidence,
            });
        } else {
            cases.push(Case { line: n + 1, text: line.replace("\\n", "\n"), expects: Vec::new() });
        }
    }
    cases
}

/// (subject key, property, object key or date) → highest confidence, per article line.
type Facts = BTreeMap<usize, Vec<(BTreeSet<String>, String, BTreeSet<String>, f64)>>;

fn names(folder: &Folder, v: &serde_json::Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    if let Some(d) = v["date"].as_str() {
        // the expected object is compared after the key fold, which drops a date's dashes
        out.insert(key_of(folder, d));
    }
    if let Some(l) = v["label"].as_str() {
        out.insert(key_of(folder, l));
    }
    if let Some(iri) = v["iri"].as_str() {
        let tail = iri.rsplit('/').next().unwrap_or("");
        let decoded = percent_decode(tail);
        out.insert(key_of(folder, &decoded));
    }
    out
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn run_file(z: &Zhkg, folder: &Folder, path: &Path) -> Vec<String> {
    let cases = parse(path);
    let name = path.file_stem().unwrap().to_string_lossy().into_owned();
    let jsonl: String = cases.iter().map(|c| serde_json::json!({ "text": c.text }).to_string() + "\n").collect();
    let input = z.write(&format!("{name}.jsonl"), jsonl);
    let run = z.run(&["extract", "-q", "--format", "jsonl", input.to_str().unwrap()]).expect(0);
    let mut facts: Facts = BTreeMap::new();
    for line in run.stdout.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON fact line");
        let source = v["source"].as_str().unwrap_or("");
        let n: usize = source.rsplit(':').next().and_then(|n| n.parse().ok()).expect("source FILE:LINE");
        facts.entry(n).or_default().push((
            names(folder, &v["subject"]),
            v["property"].as_str().unwrap_or("").to_owned(),
            names(folder, &v["object"]),
            v["confidence"].as_f64().unwrap_or(0.0),
        ));
    }
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let got = facts.get(&(i + 1)).map(Vec::as_slice).unwrap_or(&[]);
        for e in &case.expects {
            let (s, o) = (key_of(folder, &e.subject), key_of(folder, &e.object));
            let best = got
                .iter()
                .filter(|(gs, p, go, _)| gs.contains(&s) && *p == e.property && go.contains(&o))
                .map(|f| f.3)
                .fold(None, |m: Option<f64>, c| Some(m.map_or(c, |m| m.max(c))));
            let ok = match (e.positive, best, e.confidence) {
                (true, Some(c), Some((true, bound))) => c < bound,
                (true, Some(c), Some((false, bound))) => c >= bound,
                (true, Some(_), None) => true,
                (true, None, _) => false,
                (false, found, _) => found.is_none(),
            };
            if !ok {
                let shown: Vec<String> = got
                    .iter()
                    .map(|(s, p, o, c)| format!("{} {p} {} ({c:.2})", s.iter().next().cloned().unwrap_or_default(), o.iter().next().cloned().unwrap_or_default()))
                    .collect();
                failures.push(format!(
                    "{}:{}: {} {} {} {}{}\n    sentence (line {}): {}\n    got: {}",
                    path.display(),
                    e.line,
                    if e.positive { "missing" } else { "unwanted" },
                    e.subject,
                    e.property,
                    e.object,
                    match (e.confidence, best) {
                        (Some((below, b)), Some(c)) => format!(" (confidence {c:.2}, wanted {}{b})", if below { "<" } else { ">=" }),
                        _ => String::new(),
                    },
                    case.line,
                    case.text,
                    if shown.is_empty() { "nothing".to_owned() } else { shown.join("; ") }
                ));
            }
        }
    }
    failures
}

#[test]
fn extraction_rows_hold() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/extraction");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no data files in {}", dir.display());
    let folder = Folder::new().unwrap();
    let z = Zhkg::new();
    let mut failures = Vec::new();
    let mut rows = 0;
    for file in &files {
        rows += parse(file).iter().map(|c| c.expects.len()).sum::<usize>();
        failures.extend(run_file(&z, &folder, file));
    }
    assert!(failures.is_empty(), "{} of {rows} rows failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn extraction_dev_entities_are_not_split() {
    let Some(corpus) = shared_corpus() else { return };
    let dev = corpus.join("dev");
    if !dev.is_dir() {
        return;
    }
    let folder = Folder::new().unwrap();
    let z = Zhkg::new();
    z.ingest(&[dev.as_path()]).expect(0);
    // every (entity, name) pair of the store, names folded
    let run = z
        .run(&["query", "--format", "json", "SELECT ?e ?l WHERE { ?e a ?c ; rdfs:label|skos:altLabel ?l }"])
        .expect(0);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut by_name: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for b in json["results"]["bindings"].as_array().unwrap() {
        let (e, l) = (b["e"]["value"].as_str().unwrap(), b["l"]["value"].as_str().unwrap());
        by_name.entry(key_of(&folder, l)).or_default().insert(e.to_owned());
    }
    let mut gold_files: Vec<_> = std::fs::read_dir(&dev)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.tsv"))
        .collect();
    gold_files.sort();
    let mut splits = Vec::new();
    for gold in gold_files {
        for line in std::fs::read_to_string(&gold).unwrap().lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.first() != Some(&"E") || cols.len() < 3 {
                continue;
            }
            let mut aliases: Vec<&str> = vec![cols[2]];
            if let Some(a) = cols.get(3) {
                aliases.extend(a.split('|').filter(|a| !a.trim().is_empty() && *a != "-"));
            }
            let nodes: BTreeSet<&String> =
                aliases.iter().filter_map(|a| by_name.get(&key_of(&folder, a))).flatten().collect();
            if nodes.len() > 1 {
                splits.push(format!("{}: {} over {:?}", gold.file_name().unwrap().to_string_lossy(), cols[2], nodes));
            }
        }
    }
    assert!(splits.is_empty(), "gold entities split over several nodes:\n{}", splits.join("\n"));
}

#[test]
fn extraction_merges_are_recorded_and_distinct_lines_split() {
    let z = Zhkg::new();
    let article = z.write("a.txt", "苏州灵犀动力科技有限公司（以下简称“灵犀”）成立于2019年。小米集团发布了财报，小米的新手机也已上市。\n");
    z.ingest(&[article.as_path()]).expect(0);
    let reasons = z.column(
        "SELECT ?r WHERE { ?e rdfs:label \"灵犀动力\"@zh-hans ; kg:merged ?m . ?m kg:mergedName ?n ; kg:mergeReason ?r } ORDER BY ?r",
    );
    assert!(reasons.contains(&"legal-name".to_owned()) && reasons.contains(&"declared-short-name".to_owned()), "{reasons:?}");
    let xiaomi = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a/rdfs:subClassOf* kg:Organization ; rdfs:label|skos:altLabel ?l FILTER(?l IN (\"小米\"@zh-hans, \"小米集团\"@zh-hans)) }";
    assert_eq!(z.count(xiaomi), 1);
    // the same article with a user's Distinct line: two entities
    let z2 = Zhkg::new();
    let article = z2.write("a.txt", "小米集团发布了财报，小米的新手机也已上市。\n");
    let aliases = z2.write("aliases.tsv", "Distinct\t小米\t小米集团\n");
    z2.run(&["ingest", "--aliases", aliases.to_str().unwrap(), article.to_str().unwrap()]).expect(0);
    assert_eq!(z2.count(xiaomi), 2);
}
