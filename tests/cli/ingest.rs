//! Ingest, query, extract, stats and remove: inputs of every kind, bad inputs, idempotence,
//! provenance.

use crate::*;
use std::fs;
use std::path::{Path, PathBuf};

#[test]
fn text_file_yields_entities_facts_and_metadata() {
    let z = Zhkg::new();
    let file = z.write("news/a.txt", SIMPLIFIED);
    let run = z.ingest(&[&file]).expect(0);
    assert!(run.stderr.contains("1 stored"), "summary: {}", run.stderr);
    assert!(z.labels_of_class("Organization").iter().any(|l| l == "星河智能科技"));
    assert!(z.labels_of_class("Person").iter().any(|l| l == "李明远"));
    let founders = z.column("SELECT ?p WHERE { ?o kg:foundedBy ?x . ?x rdfs:label ?p }");
    assert_eq!(founders, vec!["李明远"]);
    assert_eq!(z.column("SELECT ?d WHERE { ?a a kg:Article ; dcterms:date ?d }"), vec!["2025-05-06"]);
}

#[test]
fn every_input_kind_and_encoding_is_read() {
    let z = Zhkg::new();
    let gbk = encoding_rs::GBK.encode(SIMPLIFIED).0;
    let big5 = encoding_rs::BIG5.encode(TRADITIONAL).0;
    let files = [
        z.write("in/gbk.txt", &gbk[..]),
        z.write("in/big5.txt", &big5[..]),
        z.write("in/bom.md", [&b"\xEF\xBB\xBF"[..], TRADITIONAL.as_bytes()].concat()),
        z.write("in/page.html", format!("<html><head><title>t</title></head><body><article><p>{TRADITIONAL}</p></article></body></html>")),
        z.write("in/wire.jsonl", format!("{}\n", serde_json::json!({"text": SIMPLIFIED, "url": "https://example.com/a"}))),
    ];
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    z.ingest(&paths).expect(0);
    assert_eq!(z.count("SELECT (COUNT(?a) AS ?n) WHERE { ?a a kg:Article }"), 5);
    let encodings = z.column("SELECT DISTINCT ?e WHERE { ?a kg:encoding ?e } ORDER BY ?e");
    assert!(encodings.iter().any(|e| e.eq_ignore_ascii_case("gbk") || e.eq_ignore_ascii_case("gb18030")), "{encodings:?}");
    assert!(encodings.iter().any(|e| e.eq_ignore_ascii_case("big5")), "{encodings:?}");
    // The traditional text keeps its own script in labels.
    assert!(z.labels_of_class("Organization").iter().any(|l| l == "晨光半導體"), "{:?}", z.labels_of_class("Organization"));
}

#[test]
fn html_body_counts_and_page_furniture_does_not() {
    let z = Zhkg::new();
    let page = z.write(
        "page.html",
        "<html><head><title>晨光</title><script>var s = '腾讯公司的创始人是马化腾';</script>\
         <meta property=\"article:published_time\" content=\"2025-04-01T08:00:00+08:00\"></head>\
         <body><nav><a href=\"/\">阿里巴巴集团</a></nav><header>字节跳动科技有限公司</header>\
         <article><h1>晨光半導體</h1><p>晨光半導體的創始人是陳嘉怡。</p></article>\
         <footer>百度公司 版权所有</footer></body></html>",
    );
    z.ingest(&[&page]).expect(0);
    let orgs = z.labels_of_class("Organization").join(" ");
    assert!(orgs.contains("晨光半導體"), "{orgs}");
    for furniture in ["腾讯", "阿里巴巴", "字节跳动", "百度"] {
        assert!(!orgs.contains(furniture), "{furniture} came from outside the article: {orgs}");
    }
    assert_eq!(z.column("SELECT ?d WHERE { ?a a kg:Article ; dcterms:date ?d }"), vec!["2025-04-01"]);
}

#[test]
fn jsonl_on_stdin_reports_a_bad_line_by_number_and_keeps_the_rest() {
    let z = Zhkg::new();
    let lines = format!(
        "{}\n{{not json\n{}\n",
        serde_json::json!({"text": SIMPLIFIED, "url": "https://example.com/1"}),
        serde_json::json!({"text": TRADITIONAL, "url": "https://example.com/3"})
    );
    let run = z.run_with_stdin(&["ingest", "-"], lines.as_bytes()).expect(1);
    assert!(run.stderr.contains(":2"), "the bad line is named by number: {}", run.stderr);
    assert_eq!(z.count("SELECT (COUNT(?a) AS ?n) WHERE { ?a a kg:Article }"), 2);
}

#[test]
fn reingest_changes_nothing_and_a_changed_article_replaces_its_graph() {
    let z = Zhkg::new();
    let file = z.write("a.txt", SIMPLIFIED);
    z.ingest(&[&file]).expect(0);
    let before = z.quads();
    let run = z.ingest(&[&file]).expect(0);
    assert!(run.stderr.contains("unchanged"), "{}", run.stderr);
    assert_eq!(z.quads(), before);
    z.run(&["ingest", "--force", file.to_str().unwrap()]).expect(0);
    assert_eq!(z.quads(), before, "forced re-extraction writes the same graph");

    z.write("a.txt", TRADITIONAL);
    z.ingest(&[&file]).expect(0);
    assert_eq!(z.count("SELECT (COUNT(?a) AS ?n) WHERE { ?a a kg:Article }"), 1);
    assert!(!z.labels_of_class("Person").contains(&String::from("李明远")), "nothing of the old version is left");
}

#[test]
fn provenance_says_which_sentence_supports_a_fact() {
    let z = Zhkg::new();
    let file = z.write("a.txt", SIMPLIFIED);
    z.ingest(&[&file]).expect(0);
    let query = "SELECT ?sentence ?rule ?confidence ?start ?end WHERE {
        ?org rdfs:label \"星河智能科技\"@zh-hans . ?place rdfs:label \"杭州\"@zh-hans .
        ?e a kg:Evidence ; rdf:subject ?org ; rdf:predicate kg:headquarteredIn ; rdf:object ?place ;
           kg:sentence ?sentence ; kg:rule ?rule ; kg:confidence ?confidence ; kg:start ?start ; kg:end ?end ;
           kg:article ?article . ?article kg:sourcePath ?path }";
    let sentences = z.column(query);
    assert_eq!(sentences.len(), 1, "{sentences:?}");
    assert!(sentences[0].contains("总部位于杭州"), "{sentences:?}");
}

#[test]
fn remove_by_path_url_and_iri_leaves_other_articles_alone() {
    let z = Zhkg::new();
    let a = z.write("a.txt", SIMPLIFIED);
    let b = z.write("b.txt", TRADITIONAL);
    let wire = z.write("w.jsonl", format!("{}\n", serde_json::json!({"text": "雲起科技總部位於台北。", "url": "https://example.com/w"})));
    z.ingest(&[&a, &b, &wire]).expect(0);
    let articles = |z: &Zhkg| z.count("SELECT (COUNT(?a) AS ?n) WHERE { ?a a kg:Article }");
    assert_eq!(articles(&z), 3);

    z.run(&["remove", a.to_str().unwrap()]).expect(0);
    assert_eq!(articles(&z), 2);
    assert!(!z.labels_of_class("Person").contains(&String::from("李明远")));
    z.run(&["remove", "https://example.com/w"]).expect(0);
    assert_eq!(articles(&z), 1);
    let iri = z.column("SELECT ?a WHERE { ?a a kg:Article }").remove(0);
    z.run(&["remove", &iri]).expect(0);
    assert_eq!(articles(&z), 0);
    z.run(&["remove", "nothing-here.txt"]).expect(1);
    // The ontology stays for the next ingest.
    assert!(z.count("SELECT (COUNT(*) AS ?n) WHERE { kg:Company rdfs:subClassOf kg:Organization }") == 1);
}

/// Bad inputs: each is named in a one-line message, the other inputs go in, exit status 1.
#[test]
fn bad_inputs_are_named_and_the_rest_is_stored() {
    let z = Zhkg::new();
    let good = z.write("good.txt", SIMPLIFIED);
    let cases: &[(&str, Option<&[u8]>, &str)] = &[
        ("missing.txt", None, "missing.txt"),
        ("binary.txt", Some(b"\x00\x01\x02\x03\x00\x00PK\x03\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00"), "binary"),
        ("empty.txt", Some(b"  \n\n"), "empty"),
        ("nodecode.txt", Some(&[0x81, 0x30, 0xff, 0xff, 0x80, 0x80, 0xff, 0xc0, 0xc1, 0xf5, 0xff, 0xfe, 0x90, 0xff, 0xfd, 0xa0]), "nodecode.txt"),
        ("unknown.pdf", Some(b"%PDF-1.4"), "unknown.pdf"),
        ("empty-dir/notes.gold.tsv", Some(b"E\tPerson\tx\tx\n"), "empty-dir"),
    ];
    for (name, bytes, expected) in cases {
        let path = match bytes {
            Some(bytes) => z.write(name, bytes),
            None => z.path(name),
        };
        let target = if name.starts_with("empty-dir/") { path.parent().unwrap().to_path_buf() } else { path };
        let run = z.ingest(&[&target, &good]).expect(1);
        let messages: Vec<&str> = run.stderr.lines().filter(|l| l.contains(expected)).collect();
        assert!(!messages.is_empty(), "{name}: no message naming it in {}", run.stderr);
        assert_eq!(z.count("SELECT (COUNT(?a) AS ?n) WHERE { ?a a kg:Article }"), 1, "{name}: the good file is stored");
    }
}

#[test]
fn store_problems_are_named_and_change_nothing() {
    let z = Zhkg::new();
    let good = z.write("good.txt", SIMPLIFIED);
    let file_store = z.write("a-file", "not a store");
    let run = z.run(&["ingest", "--store", file_store.to_str().unwrap(), good.to_str().unwrap()]).expect(1);
    assert!(run.stderr.contains("not a store directory"), "{}", run.stderr);

    z.ingest(&[&good]).expect(0);
    let before = z.quads();
    // Another zhkg process writing: it holds the store's lock file.
    let lock = fs::File::options().write(true).open(z.store().join("zhkg.lock")).unwrap();
    lock.lock().unwrap();
    let other = z.write("other.txt", TRADITIONAL);
    let run = z.ingest(&[&other]).expect(1);
    assert!(run.stderr.contains("in use by another zhkg process"), "{}", run.stderr);
    assert_eq!(z.quads(), before, "queries still work while the store is locked, and see no change");
    lock.unlock().unwrap();

    let run = z.run(&["query", "--store", z.path("nowhere").to_str().unwrap(), "ASK {}"]).expect(1);
    assert!(run.stderr.contains("no store at"), "{}", run.stderr);
}

#[test]
fn query_errors_are_usage_errors_with_a_position() {
    let z = Zhkg::new();
    z.ingest(&[&z.write("a.txt", SIMPLIFIED)]).expect(0);
    let run = z.run(&["query", "SELECT ?x WHERE { ?x ?y }"]).expect(2);
    assert!(run.stderr.contains("syntax error") && run.stderr.contains("1:"), "{}", run.stderr);
    let run = z.run(&["query", "--format", "yaml", "ASK {}"]).expect(2);
    assert!(run.stderr.contains("yaml"), "{}", run.stderr);
}

#[test]
fn query_formats() {
    let z = Zhkg::new();
    z.ingest(&[&z.write("a.txt", SIMPLIFIED)]).expect(0);
    let select = "SELECT ?o ?p WHERE { ?o kg:foundedBy ?p }";
    let cases: &[(&str, &str, &str)] = &[
        ("json", select, "\"bindings\""),
        ("xml", select, "<sparql"),
        ("csv", select, "o,p"),
        ("tsv", select, "?o\t?p"),
        ("table", select, "(1 row)"),
        ("turtle", "CONSTRUCT { ?o kg:foundedBy ?p } WHERE { ?o kg:foundedBy ?p }", "kg:foundedBy"),
        ("ntriples", "CONSTRUCT { ?o kg:foundedBy ?p } WHERE { ?o kg:foundedBy ?p }", "<https://w3id.org/zhkg/ontology#foundedBy>"),
        ("json", "ASK { ?o kg:foundedBy ?p }", "\"boolean\":true"),
    ];
    for (format, query, expected) in cases {
        let run = z.run(&["query", "--format", format, query]).expect(0);
        assert!(run.stdout.contains(expected), "{format}: {}", run.stdout);
    }
    let run = z.run_with_stdin(&["query", "-"], select.as_bytes()).expect(0);
    assert!(run.stdout.contains("李明远"), "{}", run.stdout);
}

#[test]
fn extract_prints_facts_without_a_store() {
    let z = Zhkg::new();
    let file = z.write("a.txt", SIMPLIFIED);
    let run = z.run(&["extract", "--format", "jsonl", file.to_str().unwrap()]).expect(0);
    let facts: Vec<serde_json::Value> = run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(facts.iter().any(|f| f["property"] == "foundedBy" && f["object"]["label"] == "李明远"), "{}", run.stdout);
    assert!(facts.iter().all(|f| f["rule"].as_str().is_some_and(|r| !r.is_empty())));
    let run = z.run(&["extract", file.to_str().unwrap()]).expect(0);
    assert!(run.stdout.contains("kg:foundedBy"), "{}", run.stdout);
    assert!(!z.store().exists(), "extract stores nothing");
}

#[test]
fn stats_count_what_was_stored() {
    let z = Zhkg::new();
    z.ingest(&[&z.write("a.txt", SIMPLIFIED)]).expect(0);
    let run = z.run(&["stats", "--format", "json"]).expect(0);
    let stats: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(stats["articles"], 1);
    assert!(stats["facts"].as_u64().unwrap() >= 2, "{stats}");
    assert!(stats["facts_by_property"].to_string().contains("kg:foundedBy"), "{stats}");
}

#[test]
fn bundled_samples_ingest_cleanly() {
    let z = Zhkg::new();
    let run = z.ingest(&[&sample_dir()]).expect(0);
    assert!(!run.stderr.contains("failed"), "{}", run.stderr);
    assert!(z.count("SELECT (COUNT(?a) AS ?n) WHERE { ?a a kg:Article }") >= 6);
    assert!(z.count("SELECT (COUNT(*) AS ?n) WHERE { ?s kg:foundedBy ?o }") >= 3);
}

/// The shared seed and dev articles (one in GBK) go in, and a second ingest adds nothing.
#[test]
fn shared_corpus_ingests_idempotently() {
    let Some(corpus) = shared_corpus() else {
        eprintln!("../shared/corpus is absent: skipped");
        return;
    };
    let z = Zhkg::new();
    let dirs = [corpus.join("seed"), corpus.join("dev")];
    let paths: Vec<&Path> = dirs.iter().map(PathBuf::as_path).collect();
    let run = z.ingest(&paths).expect(0);
    assert!(run.stderr.contains("7 stored"), "{}", run.stderr);
    let before = z.quads();
    z.run(&["ingest", "--force", dirs[0].to_str().unwrap(), dirs[1].to_str().unwrap()]).expect(0);
    assert_eq!(z.quads(), before);
}

#[test]
fn a_writer_waits_for_the_lock_when_asked() {
    let z = Zhkg::new();
    let good = z.write("good.txt", SIMPLIFIED);
    z.ingest(&[&good]).expect(0);
    let lock = fs::File::options().write(true).open(z.store().join("zhkg.lock")).unwrap();
    lock.lock().unwrap();
    let releaser = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(700));
        lock.unlock().unwrap();
    });
    let other = z.write("other.txt", TRADITIONAL);
    let run = z.run(&["ingest", "--wait", "30", other.to_str().unwrap()]).expect(0);
    assert!(run.stderr.contains("waiting up to 30 s"), "{}", run.stderr);
    releaser.join().unwrap();
    assert_eq!(z.count("SELECT (COUNT(?a) AS ?n) WHERE { ?a a kg:Article }"), 2);
}

/// Entities' classes and names are stated once, in the entity graph, however many articles name
/// them; they leave with the last article that names them.
#[test]
fn entities_are_described_once_and_leave_with_their_last_article() {
    let z = Zhkg::new();
    let (a, b) = (z.write("a.txt", SIMPLIFIED), z.write("b.txt", SIMPLIFIED));
    z.ingest(&[&a, &b]).expect(0);
    let labels = |z: &Zhkg| z.count("SELECT (COUNT(*) AS ?n) WHERE { ?e rdfs:label \"星河智能科技\"@zh-hans }");
    assert_eq!(z.count("SELECT (COUNT(?a) AS ?n) WHERE { ?a kg:mentions ?e . ?e rdfs:label \"星河智能科技\"@zh-hans }"), 2);
    assert_eq!(labels(&z), 1);
    z.run(&["remove", a.to_str().unwrap()]).expect(0);
    assert_eq!(labels(&z), 1, "b still names it");
    // b, rewritten, no longer names it
    z.write("b.txt", "云帆机器人总部位于深圳。");
    z.ingest(&[&b]).expect(0);
    assert_eq!(labels(&z), 0);
    assert!(z.labels_of_class("Organization").contains(&String::from("云帆机器人")));
}

/// A store of format 1 (classes and names in every article graph) is refused by readers with a
/// message saying how to upgrade it, and upgraded whole by the next writer.
#[test]
fn a_store_from_an_older_zhkg_is_upgraded_by_the_next_ingest() {
    let z = Zhkg::new();
    z.ingest(&[&z.write("a.txt", SIMPLIFIED)]).expect(0);
    let current = z.count("SELECT (COUNT(*) AS ?n) WHERE { ?e a ?c ; rdfs:label ?l }");
    {
        let store = oxigraph::store::Store::open(z.store()).unwrap();
        let downgrade = format!(
            "PREFIX kg: <https://w3id.org/zhkg/ontology#>
             INSERT {{ GRAPH ?g {{ ?e ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?g kg:mentions ?e }} GRAPH <https://w3id.org/zhkg/entities> {{ ?e ?p ?o }} }} ;
             DROP GRAPH <https://w3id.org/zhkg/entities> ;
             DELETE WHERE {{ GRAPH ?g {{ ?g kg:mentions ?e }} }} ;
             DELETE WHERE {{ GRAPH <https://w3id.org/zhkg/store> {{ ?m kg:storeFormat ?f }} }} ;
             INSERT DATA {{ GRAPH <https://w3id.org/zhkg/store> {{ <https://w3id.org/zhkg/store> kg:storeFormat {} }} }}",
            zhkg::store::STORE_FORMAT - 1
        );
        oxigraph::sparql::SparqlEvaluator::new().parse_update(&downgrade).unwrap().on_store(&store).execute().unwrap();
    }
    let run = z.run(&["stats"]).expect(1);
    assert!(run.stderr.contains("older zhkg") && run.stderr.contains("zhkg ingest"), "{}", run.stderr);
    z.ingest(&[&z.write("b.txt", "云帆机器人总部位于深圳。")]).expect(0);
    assert_eq!(z.count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?e rdfs:label ?l } FILTER(STRSTARTS(STR(?g), \"https://w3id.org/zhkg/article/\")) }"), 0);
    // every name and class of before, once, and those of 云帆机器人 and 深圳
    assert_eq!(z.count("SELECT (COUNT(*) AS ?n) WHERE { ?e a ?c ; rdfs:label ?l }"), current + 2);
    assert!(z.labels_of_class("Person").contains(&String::from("李明远")));
}

/// A store written by a newer zhkg is refused, not misread.
#[test]
fn a_store_from_a_newer_zhkg_is_refused() {
    let z = Zhkg::new();
    z.ingest(&[&z.write("a.txt", SIMPLIFIED)]).expect(0);
    {
        use oxigraph::model::{Literal, NamedNodeRef, QuadRef};
        let store = oxigraph::store::Store::open(z.store()).unwrap();
        let meta = NamedNodeRef::new_unchecked("https://w3id.org/zhkg/store");
        let format = NamedNodeRef::new_unchecked("https://w3id.org/zhkg/ontology#storeFormat");
        store.remove(QuadRef::new(meta, format, &Literal::from(zhkg::store::STORE_FORMAT), meta)).unwrap();
        store.insert(QuadRef::new(meta, format, &Literal::from(99), meta)).unwrap();
    }
    for args in [&["stats"][..], &["ingest", "a.txt"][..]] {
        let run = z.run(args).expect(1);
        assert!(run.stderr.contains("newer zhkg"), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn explain_shows_names_facts_and_their_sentences() {
    let z = Zhkg::new();
    z.ingest(&[&z.write("a.txt", SIMPLIFIED)]).expect(0);
    let run = z.run(&["explain", "星河智能科技"]).expect(0);
    assert!(run.stdout.contains("kg:foundedBy → 李明远"), "{}", run.stdout);
    assert!(run.stdout.contains("总部位于杭州"), "the supporting sentence is shown: {}", run.stdout);
    let run = z.run(&["explain", "--format", "json", "李明远"]).expect(0);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json[0]["facts"][0]["incoming"], true, "{json}");
    z.run(&["explain", "无名之辈"]).expect(1);
}

#[test]
fn a_query_past_its_timeout_is_stopped() {
    let z = Zhkg::new();
    z.ingest(&[&z.write("a.txt", SIMPLIFIED)]).expect(0);
    // A cross join of every quad with every quad, three times over: hours of work.
    let run = z.run(&["query", "--timeout", "1", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g1 { ?a ?b ?c } GRAPH ?g2 { ?d ?e ?f } GRAPH ?g3 { ?h ?i ?j } }"]).expect(1);
    assert!(run.stderr.contains("--timeout 1 s"), "{}", run.stderr);
}
