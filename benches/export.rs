//! The export benchmark: `cargo bench --bench export [-- NODES EDGES] [--svg FILE]`.
//!
//! Builds a graph of the export module's own type in memory (no store; default 100,000 nodes and
//! 300,000 edges, in communities with a few hubs, like news graphs), lays it out with the built-in
//! ForceAtlas2 and writes it as GEXF to a temporary file through a buffered writer, as `zhkg
//! export` does. Prints the time of each step and the process's peak memory (VmHWM). Figures, not
//! assertions: the machine's noise must not fail a build; the target is under 10 s in all.

use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::time::Instant;
use zhkg::export::{self, Edge, Format, KgGraph, LayoutOptions, Node, WriteOptions};
use zhkg::model::{Class, Property};

#[path = "support/corpus.rs"]
mod corpus;
use corpus::Rng;

const SYLLABLES: &[&str] = &["星", "云", "澜", "启", "明", "芯", "极", "元", "灵", "曜", "睿", "智", "光", "深", "远", "融", "拓", "峰"];
const SUFFIXES: &[(&str, Class, &str)] = &[
    ("科技", Class::Organization, "Company"),
    ("资本", Class::Organization, "Investor"),
    ("", Class::Person, "Person"),
    ("市", Class::Place, "City"),
    ("大模型", Class::Product, "AIModel"),
    ("芯片", Class::Product, "Chip"),
];

/// Peak resident memory of this process, from /proc (Linux).
fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l["VmHWM:".len()..].trim().to_owned()))
        .unwrap_or_else(|| String::from("unknown"))
}

fn generate(nodes: usize, edges: usize) -> KgGraph {
    let mut rng = Rng(42);
    let names = HashMap::from([(Property::FoundedBy, String::from("创始人")), (Property::Develops, String::from("产品"))]);
    let mut graph = KgGraph::with_capacity(nodes, edges, names);
    let mut ids = Vec::with_capacity(nodes);
    for i in 0..nodes {
        let (suffix, top, class) = SUFFIXES[rng.index(SUFFIXES.len())];
        let label = format!("{}{}{}{}", SYLLABLES[rng.index(SYLLABLES.len())], SYLLABLES[rng.index(SYLLABLES.len())], suffix, i);
        let month = 1 + rng.index(12);
        ids.push(graph.add_node(Node {
            iri: format!("https://w3id.org/zhkg/id/{label}"),
            labels: vec![label.clone(), format!("Entity {i}")],
            label,
            top,
            class: class.to_owned(),
            classes: vec![class.to_owned()],
            english: Some(format!("Entity {i}")),
            articles: 1 + rng.index(20) as u32,
            mentions: 1 + rng.index(50) as u32,
            first_date: Some(format!("2024-{month:02}-01")),
            last_date: Some(format!("2025-{month:02}-15")),
            founded: (top == Class::Organization).then(|| format!("{}", 1990 + rng.index(35))),
        }));
    }
    // Communities of about 100 nodes; most edges stay inside, a fifth go anywhere, and one in
    // twenty lands on one of a few hundred hubs.
    let community = 100.min(nodes.max(1));
    let properties = [Property::FoundedBy, Property::Develops, Property::WorksFor, Property::HeadquarteredIn, Property::Ceo];
    for _ in 0..edges {
        let s = rng.index(nodes);
        let t = match rng.index(20) {
            0 => rng.index(300.min(nodes)),
            1..=4 => rng.index(nodes),
            _ => (s / community) * community + rng.index(community),
        }
        .min(nodes - 1);
        let weight = 1 + (rng.index(8) == 0) as u32 * rng.index(5) as u32;
        graph.add_edge(
            ids[s],
            ids[t],
            Edge {
                property: properties[rng.index(properties.len())],
                weight,
                articles: weight,
                confidence: 0.5 + rng.index(50) as f32 / 100.0,
                first_date: Some(String::from("2024-06-01")),
                last_date: Some(String::from("2025-06-01")),
            },
        );
    }
    graph
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let numbers: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    // `--svg FILE` also draws the graph, to look at (at 1,000 nodes, say).
    let svg = args.iter().position(|a| a == "--svg").and_then(|i| args.get(i + 1)).map(std::path::PathBuf::from);
    let nodes = numbers.first().copied().unwrap_or(100_000);
    let edges = numbers.get(1).copied().unwrap_or(nodes * 3);

    let started = Instant::now();
    let graph = generate(nodes, edges);
    let generated = started.elapsed();

    let started = Instant::now();
    let options = LayoutOptions::default();
    let layout = export::force_atlas2(&graph, &options);
    let laid_out = started.elapsed();

    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("bench.gexf");
    let started = Instant::now();
    let file = std::fs::File::create(&path).expect("the output file");
    let mut out = BufWriter::with_capacity(1 << 17, file);
    export::write_to(&graph, &layout, Format::Gexf, &WriteOptions::default(), &mut out).expect("GEXF written");
    out.flush().expect("GEXF flushed");
    drop(out);
    let written = started.elapsed();
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);

    let iterations = export::layout::default_iterations(nodes, edges);
    println!("export benchmark: {nodes} nodes, {edges} edges, {} threads", std::thread::available_parallelism().map(|p| p.get()).unwrap_or(1));
    println!("  generate graph     {:>8.2} s   (not part of an export)", generated.as_secs_f64());
    println!("  layout             {:>8.2} s   ({iterations} ForceAtlas2 iterations, Barnes–Hut)", laid_out.as_secs_f64());
    println!("  write GEXF         {:>8.2} s   ({:.1} MB, {:.0} MB/s)", written.as_secs_f64(), size as f64 / 1e6, size as f64 / 1e6 / written.as_secs_f64());
    println!("  layout + GEXF      {:>8.2} s   (target: under 10 s)", (laid_out + written).as_secs_f64());
    println!("  peak memory        {:>11}", peak_memory());
    if let Some(path) = svg {
        export::write(&graph, &layout, Format::Svg, &WriteOptions::default(), &export::Target::Path(path.clone())).expect("SVG written");
        println!("  picture            {}", path.display());
    }
}
