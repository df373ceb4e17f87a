//! Export: every format read back by a parser that is not ours (quick-xml here; lxml, networkx and
//! igraph through scripts/validate_export.py when python3 has them), subsets, errors.

use crate::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const PROPERTIES: &[(&str, &str)] = &[
    ("foundedBy", "创始人"),
    ("headquarteredIn", "总部"),
    ("develops", "产品"),
    ("parentOrganization", "母公司"),
    ("ceo", "首席执行官"),
    ("chairperson", "董事长"),
    ("worksFor", "任职"),
    ("locatedIn", "位于"),
];

const TYPED_ENTITIES: &str = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?c . ?c rdfs:subClassOf* ?top . \
     VALUES ?top { kg:Organization kg:Person kg:Place kg:Product } FILTER(isIRI(?e)) }";

fn facts_query(properties: &str) -> String {
    format!("SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o VALUES ?p {{ {properties} }} }} }}")
}

fn all_facts() -> String {
    facts_query(&PROPERTIES.iter().map(|(p, _)| format!("kg:{p}")).collect::<Vec<_>>().join(" "))
}

/// Every row of a SELECT query, values as text.
fn rows(z: &Zhkg, query: &str) -> Vec<Vec<String>> {
    z.rows_in(&z.store(), query)
}

/// Every entity's names (rdfs:label and skos:altLabel) in the store.
fn store_labels(z: &Zhkg) -> HashMap<String, HashSet<String>> {
    let mut labels: HashMap<String, HashSet<String>> = HashMap::new();
    for row in rows(z, "SELECT ?e ?l WHERE { ?e rdfs:label|skos:altLabel ?l }") {
        labels.entry(row[0].clone()).or_default().insert(row[1].clone());
    }
    labels
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// The node with the most edges (ties: the first id).
fn hub(g: &Gexf) -> &BTreeMap<String, String> {
    g.nodes.iter().max_by_key(|n| (n["@degree"].parse::<u32>().unwrap(), std::cmp::Reverse(n["id"].clone()))).unwrap()
}

/// A workspace with the sample articles ingested.
fn sample() -> Zhkg {
    let z = Zhkg::new();
    z.ingest(&[&sample_dir()]).expect(0);
    z
}

// ------------------------------------------------------------------ reading XML with quick-xml

/// One element: its name, attributes, parent's name and direct text.
#[derive(Debug, Clone)]
struct El {
    name: String,
    attrs: BTreeMap<String, String>,
    parent: Option<usize>,
    text: String,
}

/// Every element of a document, in document order; panics unless the document is well-formed.
fn elements(xml: &str) -> Vec<El> {
    use quick_xml::events::{BytesStart, Event};
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out: Vec<El> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut roots = 0;
    let start = |e: &BytesStart<'_>, parent: Option<usize>| El {
        name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("a well-formed attribute");
                (String::from_utf8(a.key.as_ref().to_vec()).unwrap(), a.unescape_value().expect("valid escapes").into_owned())
            })
            .collect(),
        parent,
        text: String::new(),
    };
    loop {
        match reader.read_event().unwrap_or_else(|e| panic!("not well-formed at {}: {e}", reader.buffer_position())) {
            Event::Start(e) => {
                if stack.is_empty() {
                    roots += 1;
                }
                out.push(start(&e, stack.last().copied()));
                stack.push(out.len() - 1);
            }
            Event::Empty(e) => {
                if stack.is_empty() {
                    roots += 1;
                }
                out.push(start(&e, stack.last().copied()));
            }
            Event::End(_) => {
                stack.pop().expect("an end tag closes an open element");
            }
            Event::Text(t) => {
                if let Some(&i) = stack.last() {
                    out[i].text.push_str(&t.unescape().expect("valid text"));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty(), "unclosed elements");
    assert_eq!(roots, 1, "one root element");
    out
}

fn children<'a>(els: &'a [El], parent: usize, name: &'a str) -> impl Iterator<Item = &'a El> + 'a {
    els.iter().filter(move |e| e.parent == Some(parent) && e.name == name)
}

fn named<'a>(els: &'a [El], name: &'a str) -> impl Iterator<Item = (usize, &'a El)> + 'a {
    els.iter().enumerate().filter(move |(_, e)| e.name == name)
}

/// GEXF nodes and edges with their attvalues folded into the attributes.
fn gexf_items(els: &[El], name: &str) -> Vec<BTreeMap<String, String>> {
    named(els, name)
        .map(|(i, e)| {
            let mut attrs = e.attrs.clone();
            for values in children(els, i, "attvalues") {
                let vi = els.iter().position(|x| std::ptr::eq(x, values)).unwrap();
                for v in children(els, vi, "attvalue") {
                    attrs.insert(format!("@{}", v.attrs["for"]), v.attrs["value"].clone());
                }
            }
            for viz in ["viz:color", "viz:position", "viz:size"] {
                if let Some(v) = children(els, i, viz).next() {
                    for (k, value) in &v.attrs {
                        attrs.insert(format!("{viz}.{k}"), value.clone());
                    }
                }
            }
            attrs
        })
        .collect()
}

struct Gexf {
    root: BTreeMap<String, String>,
    graph: BTreeMap<String, String>,
    nodes: Vec<BTreeMap<String, String>>,
    edges: Vec<BTreeMap<String, String>>,
}

fn read_gexf(path: &Path) -> Gexf {
    let text = fs::read_to_string(path).unwrap();
    let els = elements(&text);
    let graph = named(&els, "graph").next().unwrap().1.attrs.clone();
    Gexf { root: els[0].attrs.clone(), graph, nodes: gexf_items(&els, "node"), edges: gexf_items(&els, "edge") }
}

fn export(z: &Zhkg, args: &[&str]) -> Run {
    let mut all = vec!["export"];
    all.extend(args);
    z.run(&all)
}

/// A GEXF export of the samples with extra arguments.
fn gexf_of(z: &Zhkg, name: &str, args: &[&str]) -> Gexf {
    let path = z.path(name);
    let mut all = vec!["-o", path.to_str().unwrap()];
    all.extend(args);
    export(z, &all).expect(0);
    read_gexf(&path)
}

// ------------------------------------------------------------------ the python checker

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs scripts/validate_export.py; `None` (with a message) when python3 or its modules are
/// missing.
fn python_check(args: &[&str]) -> Option<serde_json::Value> {
    let script = manifest().join("scripts/validate_export.py");
    let output = match Command::new("python3").arg(&script).args(args).output() {
        Ok(output) => output,
        Err(e) => {
            eprintln!("skipping the python checks: cannot run python3 ({e})");
            return None;
        }
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    if output.status.code() == Some(3) {
        eprintln!("skipping the python checks: {stdout} (.ci/run installs them)");
        return None;
    }
    assert!(output.status.success(), "validate_export.py failed:\n{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    Some(serde_json::from_str(&stdout).expect("the checker prints JSON"))
}

fn gexf_schema() -> Option<PathBuf> {
    let path = manifest().join("../shared/schemas/gexf-1.3/gexf.rng");
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipping the RelaxNG check: {} is absent", path.display());
        None
    }
}

fn check_gexf_with_python(path: &Path, nodes: usize, edges: usize) {
    let schema = gexf_schema();
    let mut args = vec!["--gexf", path.to_str().unwrap()];
    if let Some(schema) = &schema {
        args.extend(["--schema", schema.to_str().unwrap()]);
    }
    let Some(report) = python_check(&args) else { return };
    let gexf = &report["gexf"];
    if schema.is_some() {
        assert_eq!(gexf["valid"], true, "GEXF against Gephi's RelaxNG: {}", gexf["errors"]);
    }
    assert_eq!(gexf["networkx_nodes"], nodes, "{report}");
    assert_eq!(gexf["networkx_edges"], edges, "{report}");
    assert_eq!(gexf["nodes_without_viz"], 0, "{report}");
}

// ------------------------------------------------------------------ GEXF

#[test]
fn gexf_holds_every_typed_entity_laid_out_and_coloured() {
    let z = sample();
    let path = z.path("graph.gexf");
    let run = export(&z, &["-o", path.to_str().unwrap()]).expect(0);
    assert!(run.stderr.contains("exported"), "{}", run.stderr);
    let text = fs::read_to_string(&path).unwrap();
    assert!(!text.contains("schemaLocation"), "no xsi:schemaLocation");
    let g = read_gexf(&path);
    assert_eq!(g.root["xmlns"], "http://gexf.net/1.3");
    assert_eq!(g.root["xmlns:viz"], "http://gexf.net/1.3/viz");
    assert_eq!(g.root["version"], "1.3");
    assert_eq!(g.graph["defaultedgetype"], "directed");

    let entities = z.count(TYPED_ENTITIES);
    let facts = z.count(&all_facts());
    assert!(entities > 50 && facts > 30, "the samples hold a real graph: {entities} entities, {facts} facts");
    assert_eq!(g.nodes.len(), entities);
    assert_eq!(g.edges.len(), facts);

    let ids: HashSet<&str> = g.nodes.iter().map(|n| n["id"].as_str()).collect();
    assert_eq!(ids.len(), entities, "node ids are unique");
    let palette = HashMap::from([
        ("Organization", ("0", "114", "178")),
        ("Person", ("230", "159", "0")),
        ("Place", ("0", "158", "115")),
        ("Product", ("204", "121", "167")),
    ]);
    for node in &g.nodes {
        assert!(node["id"].starts_with("https://w3id.org/zhkg/id/"), "{node:?}");
        assert!(!node["label"].is_empty(), "{node:?}");
        for key in ["viz:color.r", "viz:position.x", "viz:position.y", "viz:size.value"] {
            assert!(node.contains_key(key), "{key} missing: {node:?}");
        }
        let (r, gr, b) = palette[node["@class"].as_str()];
        assert_eq!((node["viz:color.r"].as_str(), node["viz:color.g"].as_str(), node["viz:color.b"].as_str()), (r, gr, b));
        assert!(node["@articles"].parse::<u32>().unwrap() >= 1, "{node:?}");
        assert!(node["@labels"].contains(node["label"].as_str()), "{node:?}");
    }
    // Laid out: positions spread, not all at one point.
    let xs: HashSet<&str> = g.nodes.iter().map(|n| n["viz:position.x"].as_str()).collect();
    assert!(xs.len() > entities / 2, "positions are spread");

    let names: HashMap<&str, &str> = PROPERTIES.iter().copied().collect();
    for edge in &g.edges {
        assert!(ids.contains(edge["source"].as_str()) && ids.contains(edge["target"].as_str()), "{edge:?}");
        assert_eq!(names[edge["kind"].as_str()], edge["label"], "{edge:?}");
        assert!(edge["weight"].parse::<u32>().unwrap() >= 1);
        let confidence: f64 = edge["@confidence"].parse().unwrap();
        assert!((0.0..=1.0).contains(&confidence), "{edge:?}");
    }

    // Names: each node's label is one of its names in the store, CJK intact.
    let labels = store_labels(&z);
    for node in &g.nodes {
        assert!(labels[&node["id"]].contains(&node["label"]), "{node:?}");
    }
    assert!(g.nodes.iter().filter(|n| n["label"].chars().any(is_cjk)).count() > entities / 2);

    // Founding dates are node attributes, not edges.
    let founded = rows(&z, "SELECT ?o ?d WHERE { ?o kg:foundingDate ?d }");
    assert!(!founded.is_empty(), "the samples state founding dates");
    for row in &founded {
        let node = g.nodes.iter().find(|n| n["id"] == row[0]).expect("a founded organisation is a node");
        assert!(founded.iter().any(|r| r[0] == row[0] && r[1] == node["@founded"]), "{node:?}");
    }

    // Parallel typed edges survive: a pair joined by several properties has one edge for each.
    let parallel = rows(
        &z,
        &format!(
            "SELECT ?s ?o (COUNT(DISTINCT ?p) AS ?n) WHERE {{ ?s ?p ?o VALUES ?p {{ {} }} }} GROUP BY ?s ?o HAVING (COUNT(DISTINCT ?p) > 1)",
            PROPERTIES.iter().map(|(p, _)| format!("kg:{p}")).collect::<Vec<_>>().join(" ")
        ),
    );
    if parallel.is_empty() {
        eprintln!("note: no pair of sample entities is joined by two properties; parallel edges unchecked here");
    }
    for row in &parallel {
        let edges: HashSet<&str> =
            g.edges.iter().filter(|e| e["source"] == row[0] && e["target"] == row[1]).map(|e| e["kind"].as_str()).collect();
        assert_eq!(edges.len().to_string(), row[2], "{row:?}");
    }

    check_gexf_with_python(&path, entities, facts);
}

#[test]
fn gexf_timeline_is_dynamic_and_starts_with_the_first_article() {
    let z = sample();
    let path = z.path("timeline.gexf");
    export(&z, &["--timeline", "-o", path.to_str().unwrap()]).expect(0);
    let g = read_gexf(&path);
    assert_eq!(g.graph["mode"], "dynamic");
    assert_eq!(g.graph["timeformat"], "date");
    let dates = z.column("SELECT ?d WHERE { ?a a kg:Article ; dcterms:date ?d } ORDER BY ?d");
    let start: HashMap<&str, &str> = g.nodes.iter().map(|n| (n["id"].as_str(), n["start"].as_str())).collect();
    for node in &g.nodes {
        let s = node["start"].as_str();
        assert!(dates.iter().any(|d| d == s), "node start {s} is an article date: {node:?}");
        assert_eq!(node["@first_date"], s);
    }
    for edge in &g.edges {
        let s = edge["start"].as_str();
        assert!(s >= start[edge["source"].as_str()] && s >= start[edge["target"].as_str()], "edge starts before its ends: {edge:?}");
    }
    // The graph grows: not everything starts on the first day.
    assert!(g.nodes.iter().any(|n| n["start"] != dates[0]));
    check_gexf_with_python(&path, g.nodes.len(), g.edges.len());
}

// ------------------------------------------------------------------ GraphML

#[test]
fn graphml_has_named_keys_and_reads_in_networkx_and_igraph() {
    let z = sample();
    let path = z.path("graph.graphml");
    export(&z, &["-o", path.to_str().unwrap()]).expect(0);
    let text = fs::read_to_string(&path).unwrap();
    let els = elements(&text);
    assert_eq!(els[0].name, "graphml");
    let keys: HashMap<(String, String), String> =
        named(&els, "key").map(|(_, k)| ((k.attrs["for"].clone(), k.attrs["attr.name"].clone()), k.attrs["id"].clone())).collect();
    for (domain, name) in [("node", "label"), ("node", "class"), ("node", "x"), ("node", "size"), ("edge", "label"), ("edge", "weight"), ("edge", "kind")] {
        assert!(keys.contains_key(&(domain.to_owned(), name.to_owned())), "key {domain}/{name}: {keys:?}");
    }
    let label_key = &keys[&("node".to_owned(), "label".to_owned())];
    let nodes: Vec<usize> = named(&els, "node").map(|(i, _)| i).collect();
    let entities = z.count(TYPED_ENTITIES);
    let facts = z.count(&all_facts());
    assert_eq!(nodes.len(), entities);
    assert_eq!(named(&els, "edge").count(), facts);
    let labels: Vec<String> = nodes
        .iter()
        .map(|&i| children(&els, i, "data").find(|d| &d.attrs["key"] == label_key).expect("every node has a label").text.clone())
        .collect();
    let names = store_labels(&z);
    for (&i, label) in nodes.iter().zip(&labels) {
        assert!(names[&els[i].attrs["id"]].contains(label), "{label}");
    }

    let Some(report) = python_check(&["--graphml", path.to_str().unwrap()]) else { return };
    let graphml = &report["graphml"];
    assert_eq!(graphml["networkx_nodes"], entities, "{report}");
    assert_eq!(graphml["networkx_edges"], facts, "{report}");
    assert_eq!(graphml["igraph_nodes"], entities, "{report}");
    assert_eq!(graphml["igraph_edges"], facts, "{report}");
    assert_eq!(graphml["igraph_has_label"], true);
    assert_eq!(graphml["igraph_has_weight"], true);
}

// ------------------------------------------------------------------ CSV

/// RFC 4180 rows.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quote");
    assert!(field.is_empty() && row.is_empty(), "the last row ends with a line break");
    rows
}

#[test]
fn csv_tables_in_gephi_spreadsheet_form() {
    let z = sample();
    let dir = z.path("tables/");
    export(&z, &["-o", dir.to_str().unwrap(), "--format", "csv"]).expect(0);
    let nodes = csv_rows(&fs::read_to_string(dir.join("nodes.csv")).unwrap());
    let edges = csv_rows(&fs::read_to_string(dir.join("edges.csv")).unwrap());
    assert_eq!(&nodes[0][..2], ["Id", "Label"]);
    assert_eq!(&edges[0][..6], ["Source", "Target", "Type", "Id", "Label", "Weight"]);
    assert!(nodes.iter().all(|r| r.len() == nodes[0].len()), "every node row has every column");
    assert!(edges.iter().all(|r| r.len() == edges[0].len()), "every edge row has every column");
    assert_eq!(nodes.len() - 1, z.count(TYPED_ENTITIES));
    assert_eq!(edges.len() - 1, z.count(&all_facts()));
    let ids: HashSet<&str> = nodes[1..].iter().map(|r| r[0].as_str()).collect();
    for edge in &edges[1..] {
        assert!(ids.contains(edge[0].as_str()) && ids.contains(edge[1].as_str()), "{edge:?}");
        assert_eq!(edge[2], "Directed");
        assert!(PROPERTIES.iter().any(|(_, zh)| *zh == edge[4]), "{edge:?}");
    }
    let names = store_labels(&z);
    assert!(nodes[1..].iter().all(|r| names[&r[0]].contains(&r[1])), "labels are names from the store");
    assert!(nodes[1..].iter().any(|r| r[1].chars().any(is_cjk)));

    // A prefix: the .csv extension names the format and is dropped from the file names.
    let prefix = z.path("out/graph.csv");
    fs::create_dir_all(z.path("out")).unwrap();
    export(&z, &["-o", prefix.to_str().unwrap()]).expect(0);
    assert_eq!(fs::read(z.path("out/graph-nodes.csv")).unwrap(), fs::read(dir.join("nodes.csv")).unwrap());
    assert!(z.path("out/graph-edges.csv").exists());
}

// ------------------------------------------------------------------ DOT

#[derive(Debug, PartialEq)]
enum Tok {
    Id(String),
    Punct(char),
    Arrow,
}

/// DOT tokens: identifiers, quoted strings (with their escapes undone), punctuation, `->`.
fn dot_tokens(text: &str) -> Vec<Tok> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '"' => {
                let mut s = String::new();
                loop {
                    match chars.next().expect("an unterminated string") {
                        '\\' => match chars.next().expect("an escape") {
                            '"' => s.push('"'),
                            '\\' => s.push('\\'),
                            other => {
                                s.push('\\');
                                s.push(other)
                            }
                        },
                        '"' => break,
                        '\n' => panic!("a line break inside a string"),
                        c => s.push(c),
                    }
                }
                tokens.push(Tok::Id(s));
            }
            '-' if chars.peek() == Some(&'>') => {
                chars.next();
                tokens.push(Tok::Arrow);
            }
            '{' | '}' | '[' | ']' | '=' | ',' | ';' => tokens.push(Tok::Punct(c)),
            c if c.is_alphanumeric() || c == '_' || c == '.' || c == '-' => {
                let mut s = String::from(c);
                while let Some(&d) = chars.peek() {
                    if d.is_alphanumeric() || d == '_' || d == '.' {
                        s.push(d);
                        chars.next();
                    } else {
                        break;
                    }
                }
                tokens.push(Tok::Id(s));
            }
            other => panic!("unexpected character {other:?} in DOT"),
        }
    }
    tokens
}

type DotStatement = (Vec<String>, BTreeMap<String, String>);

/// Parses `digraph NAME { statements }`: each statement is `ID [-> ID] [attrs] ;`.
fn parse_dot(text: &str) -> Vec<DotStatement> {
    let tokens = dot_tokens(text);
    let mut t = tokens.iter().peekable();
    assert_eq!(t.next(), Some(&Tok::Id("digraph".into())));
    assert!(matches!(t.next(), Some(Tok::Id(_))));
    assert_eq!(t.next(), Some(&Tok::Punct('{')));
    let mut statements = Vec::new();
    loop {
        match t.next() {
            Some(Tok::Punct('}')) => break,
            Some(Tok::Id(first)) => {
                let mut ids = vec![first.clone()];
                while t.peek() == Some(&&Tok::Arrow) {
                    t.next();
                    match t.next() {
                        Some(Tok::Id(id)) => ids.push(id.clone()),
                        other => panic!("expected a node after ->, got {other:?}"),
                    }
                }
                let mut attrs = BTreeMap::new();
                if t.peek() == Some(&&Tok::Punct('[')) {
                    t.next();
                    loop {
                        match t.next() {
                            Some(Tok::Punct(']')) => break,
                            Some(Tok::Punct(',')) => {}
                            Some(Tok::Id(key)) => {
                                assert_eq!(t.next(), Some(&Tok::Punct('=')), "attribute {key} needs a value");
                                let Some(Tok::Id(value)) = t.next() else { panic!("attribute {key} needs a value") };
                                attrs.insert(key.clone(), value.clone());
                            }
                            other => panic!("unexpected {other:?} in an attribute list"),
                        }
                    }
                }
                assert_eq!(t.next(), Some(&Tok::Punct(';')), "statements end with ;");
                statements.push((ids, attrs));
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(t.next(), None, "nothing after the closing brace");
    statements
}

#[test]
fn dot_is_well_formed_with_quoted_cjk_labels() {
    let z = sample();
    let path = z.path("graph.dot");
    export(&z, &["-o", path.to_str().unwrap()]).expect(0);
    let text = fs::read_to_string(&path).unwrap();
    let statements = parse_dot(&text);
    let nodes: Vec<&DotStatement> = statements.iter().filter(|(ids, _)| ids.len() == 1 && !["graph", "node", "edge"].contains(&ids[0].as_str())).collect();
    let edges: Vec<&DotStatement> = statements.iter().filter(|(ids, _)| ids.len() == 2).collect();
    assert_eq!(nodes.len(), z.count(TYPED_ENTITIES));
    assert_eq!(edges.len(), z.count(&all_facts()));
    let names = store_labels(&z);
    assert!(nodes.iter().all(|(ids, a)| names[&ids[0]].contains(&a["label"])), "labels are names from the store");
    assert!(nodes.iter().any(|(_, a)| a["label"].chars().any(is_cjk)));
    let ids: HashSet<&str> = nodes.iter().map(|(ids, _)| ids[0].as_str()).collect();
    for (ids_, attrs) in &edges {
        assert!(ids.contains(ids_[0].as_str()) && ids.contains(ids_[1].as_str()));
        assert!(PROPERTIES.iter().any(|(kind, zh)| attrs["label"] == *zh && attrs["kind"] == *kind), "{attrs:?}");
    }
    // Graphviz itself, when installed.
    if let Ok(output) = Command::new("dot").args(["-Tsvg", path.to_str().unwrap()]).output() {
        assert!(output.status.success(), "dot rejects the file: {}", String::from_utf8_lossy(&output.stderr));
    }
}

// ------------------------------------------------------------------ SVG

#[test]
fn svg_is_a_standalone_picture_with_legend_and_labels() {
    let z = sample();
    let path = z.path("graph.svg");
    export(&z, &["-o", path.to_str().unwrap()]).expect(0);
    let text = fs::read_to_string(&path).unwrap();
    let els = elements(&text);
    assert_eq!(els[0].name, "svg");
    assert_eq!(els[0].attrs["xmlns"], "http://www.w3.org/2000/svg");
    assert!(els[0].attrs["font-family"].contains("Noto Sans CJK SC"));
    let entities = z.count(TYPED_ENTITIES);
    let circles = named(&els, "circle").count();
    assert_eq!(circles, entities + 4, "one circle per entity and four in the legend");
    let texts: Vec<&str> = named(&els, "text").map(|(_, e)| e.text.as_str()).collect();
    for class in ["组织 Organization", "人物 Person", "地点 Place", "产品 Product"] {
        assert!(texts.iter().any(|t| t.starts_with(class)), "legend lacks {class}");
    }
    // Above 60 nodes: labels for the best-connected only, no edge labels.
    assert!(entities > 60);
    assert!(!named(&els, "text").any(|(_, e)| e.attrs.get("class").is_some_and(|c| c == "el")));
    let in_group = |els: &[El], class: &str| -> usize {
        els.iter().filter(|e| e.name == "text" && e.parent.is_some_and(|p| els[p].attrs.get("class").is_some_and(|c| c == class))).count()
    };
    let node_labels = in_group(&els, "nl");
    assert!(node_labels >= entities / 2 && node_labels <= entities, "{node_labels} labels");

    // A small subset: every node labelled, edge labels shown.
    let small = z.path("small.svg");
    export(&z, &["-o", small.to_str().unwrap(), "--class", "Organization", "--class", "Person"]).expect(0);
    let els = elements(&fs::read_to_string(&small).unwrap());
    let nodes = named(&els, "circle").count() - 4;
    assert!(nodes > 0 && nodes <= 60, "{nodes}");
    let edge_labels: Vec<&str> = els.iter().filter(|e| e.name == "text" && e.parent.is_some_and(|p| els[p].attrs.get("text-anchor").is_some_and(|a| a == "middle"))).map(|e| e.text.as_str()).collect();
    assert!(edge_labels.contains(&"创始人"), "{edge_labels:?}");
    let labelled = in_group(&els, "nl");
    assert_eq!(labelled, nodes, "every node labelled");
    if let Some(report) = python_check(&["--svg", small.to_str().unwrap()]) {
        assert_eq!(report["svg"]["circles"], nodes + 4);
    }
}

// ------------------------------------------------------------------ subsets

#[test]
fn subsets_by_class_property_weight_date_and_name() {
    let z = sample();
    let full = gexf_of(&z, "full.gexf", &[]);

    let people = gexf_of(&z, "people.gexf", &["--class", "person"]);
    assert_eq!(people.nodes.len(), z.count("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kg:Person }"));
    assert!(people.nodes.iter().all(|n| n["@class"] == "Person"));

    let cities = gexf_of(&z, "cities.gexf", &["--class", "kg:City"]);
    assert!(!cities.nodes.is_empty());
    assert!(cities.nodes.iter().all(|n| n["@finer_class"] == "City"), "{:?}", cities.nodes);
    assert!(cities.nodes.len() < full.nodes.iter().filter(|n| n["@class"] == "Place").count());

    let founders = gexf_of(&z, "founders.gexf", &["--property", "foundedBy"]);
    assert_eq!(founders.edges.len(), z.count(&facts_query("kg:foundedBy")));
    assert!(founders.edges.iter().all(|e| e["kind"] == "foundedBy"));
    let ends: HashSet<&str> = founders.edges.iter().flat_map(|e| [e["source"].as_str(), e["target"].as_str()]).collect();
    assert_eq!(founders.nodes.len(), ends.len(), "only the entities the facts join");
    let by_chinese_name = gexf_of(&z, "founders-zh.gexf", &["--property", "创始人"]);
    assert_eq!(by_chinese_name.edges.len(), founders.edges.len());

    let strong = gexf_of(&z, "strong.gexf", &["--min-weight", "2"]);
    let expected = full.edges.iter().filter(|e| e["weight"].parse::<u32>().unwrap() >= 2).count();
    assert_eq!(strong.edges.len(), expected);
    assert!(strong.edges.iter().all(|e| e["weight"].parse::<u32>().unwrap() >= 2));

    // The neighbourhood of a company, one and zero steps out.
    let hub = hub(&full);
    let (seed, name) = (hub["id"].clone(), hub["label"].clone());
    let mut expected: HashSet<&str> = HashSet::from([seed.as_str()]);
    for e in &full.edges {
        if e["source"] == seed {
            expected.insert(&e["target"]);
        }
        if e["target"] == seed {
            expected.insert(&e["source"]);
        }
    }
    let ego = gexf_of(&z, "ego.gexf", &["--ego", &name, "--depth", "1"]);
    let got: HashSet<&str> = ego.nodes.iter().map(|n| n["id"].as_str()).collect();
    assert_eq!(got, expected);
    assert!(expected.len() >= 4);
    let alone = gexf_of(&z, "alone.gexf", &["--ego", &name, "--depth", "0"]);
    assert_eq!(alone.nodes.len(), 1);
    assert!(alone.edges.is_empty());

    // Dates: only what articles of the period support.
    let dates = z.column("SELECT ?d WHERE { ?a a kg:Article ; dcterms:date ?d } ORDER BY ?d");
    let cut = &dates[dates.len() / 2];
    let late = gexf_of(&z, "late.gexf", &["--since", cut]);
    assert!(!late.nodes.is_empty() && late.nodes.len() < full.nodes.len());
    assert!(late.nodes.iter().all(|n| n["@first_date"].as_str() >= cut.as_str()), "{cut}");
    let early = gexf_of(&z, "early.gexf", &["--until", &dates[0]]);
    assert!(early.nodes.iter().all(|n| n["@last_date"] == dates[0]));
    let expected_early = z.count(&format!(
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?a dcterms:date ?d FILTER(STR(?d) <= \"{}\") ?a kg:mentions ?e . ?e a ?c . ?c rdfs:subClassOf* ?top VALUES ?top {{ kg:Organization kg:Person kg:Place kg:Product }} }}",
        dates[0]
    ));
    assert_eq!(early.nodes.len(), expected_early);

    // A CONSTRUCT query selects the subgraph.
    let query = z.write("founders.rq", "CONSTRUCT { ?o kg:foundedBy ?p } WHERE { ?o kg:foundedBy ?p }");
    let selected = gexf_of(&z, "selected.gexf", &["--query", query.to_str().unwrap()]);
    assert_eq!(selected.edges.len(), founders.edges.len());
    assert_eq!(selected.nodes.len(), founders.nodes.len());
}

// ------------------------------------------------------------------ errors and reproducibility

#[test]
fn errors_name_the_problem_with_the_right_status() {
    let z = sample();
    let unwritable = z.path("no/such/dir/graph.gexf");
    let run = export(&z, &["-o", unwritable.to_str().unwrap()]).expect(1);
    assert_eq!(run.stderr.trim().lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains(unwritable.to_str().unwrap()), "{}", run.stderr);

    export(&z, &["--format", "png", "-o", "x.png"]).expect(2);
    let run = export(&z, &["-o", "graph.png"]).expect(2);
    assert!(run.stderr.contains("--format"), "{}", run.stderr);
    export(&z, &["-f", "csv", "-o", "-"]).expect(2);
    export(&z, &["--class", "Spaceship", "-o", "g.gexf"]).expect(2);
    export(&z, &["--property", "foundingDate", "-o", "g.gexf"]).expect(2);
    export(&z, &["--since", "last spring", "-o", "g.gexf"]).expect(2);
    let bad_query = z.write("bad.rq", "CONSTRUCT { ?s ?p } WHERE {");
    export(&z, &["--query", bad_query.to_str().unwrap(), "-o", "g.gexf"]).expect(2);
    let run = export(&z, &["--ego", "不存在的公司", "-o", "g.gexf"]).expect(1);
    assert!(run.stderr.contains("不存在的公司"), "{}", run.stderr);
    let nowhere = z.path("nowhere");
    export(&z, &["--store", nowhere.to_str().unwrap(), "-o", "g.gexf"]).expect(1);
}

#[test]
fn exports_are_reproducible_and_go_to_stdout() {
    let z = sample();
    let (a, b) = (z.path("a.gexf"), z.path("b.gexf"));
    export(&z, &["-o", a.to_str().unwrap()]).expect(0);
    export(&z, &["-o", b.to_str().unwrap()]).expect(0);
    assert!(fs::read(&a).unwrap() == fs::read(&b).unwrap(), "the same store gives the same file");
    let other_seed = z.path("c.gexf");
    export(&z, &["--seed", "7", "-o", other_seed.to_str().unwrap()]).expect(0);
    assert!(fs::read(&a).unwrap() != fs::read(&other_seed).unwrap(), "the seed moves the layout");

    let file = z.path("g.dot");
    export(&z, &["-o", file.to_str().unwrap()]).expect(0);
    let run = export(&z, &["--format", "dot", "-o", "-"]).expect(0);
    assert_eq!(run.stdout, fs::read_to_string(&file).unwrap());
}
