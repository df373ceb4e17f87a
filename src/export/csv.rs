//! CSV in Gephi's spreadsheet import form: a nodes table (`Id`, `Label`, attributes) and an edges
//! table (`Source`, `Target`, `Type`, `Id`, `Label`, `Weight`, attributes), UTF-8, RFC 4180
//! quoting. `-o` names a directory (`DIR/nodes.csv`, `DIR/edges.csv`) or a prefix
//! (`PREFIX-nodes.csv`, `PREFIX-edges.csv`; a `.csv` extension on the prefix is dropped).

use super::graph::KgGraph;
use super::gexf::LABEL_SEPARATOR;
use super::layout::Layout;
use super::style::{class_style, node_size};
use petgraph::visit::EdgeRef;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub const NODE_HEADER: &[&str] = &[
    "Id", "Label", "Class", "FinerClass", "Labels", "English", "Articles", "Mentions", "FirstDate", "LastDate", "Founded", "Degree",
    "Color", "X", "Y", "Size",
];

pub const EDGE_HEADER: &[&str] =
    &["Source", "Target", "Type", "Id", "Label", "Weight", "Kind", "Confidence", "Articles", "FirstDate", "LastDate"];

/// The two files an output names: a directory (existing, or written with a trailing slash) holds
/// `nodes.csv` and `edges.csv`; anything else is a prefix.
pub fn output_paths(output: &Path) -> (PathBuf, PathBuf) {
    let text = output.as_os_str().to_string_lossy();
    if output.is_dir() || text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR) {
        return (output.join("nodes.csv"), output.join("edges.csv"));
    }
    let prefix = match output.extension() {
        Some(ext) if ext.eq_ignore_ascii_case("csv") => output.with_extension(""),
        _ => output.to_path_buf(),
    };
    let name = prefix.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    (prefix.with_file_name(format!("{name}-nodes.csv")), prefix.with_file_name(format!("{name}-edges.csv")))
}

/// Writes one field, quoted when it holds a separator, a quote or a line break.
fn field<W: Write + ?Sized>(out: &mut W, value: &str) -> io::Result<()> {
    if value.contains([',', '"', '\n', '\r']) || value.starts_with(' ') || value.ends_with(' ') {
        out.write_all(b"\"")?;
        out.write_all(value.replace('"', "\"\"").as_bytes())?;
        out.write_all(b"\"")
    } else {
        out.write_all(value.as_bytes())
    }
}

fn row<W: Write + ?Sized>(out: &mut W, fields: &[&str]) -> io::Result<()> {
    for (k, value) in fields.iter().enumerate() {
        if k > 0 {
            out.write_all(b",")?;
        }
        field(out, value)?;
    }
    out.write_all(b"\n")
}

/// Writes the nodes table.
pub fn write_nodes<W: Write + ?Sized>(graph: &KgGraph, layout: &Layout, out: &mut W) -> io::Result<()> {
    let degrees = graph.degrees();
    row(out, NODE_HEADER)?;
    for index in graph.graph.node_indices() {
        let n = &graph.graph[index];
        let i = index.index();
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        row(
            out,
            &[
                &n.iri,
                &n.label,
                n.top.local_name(),
                &n.class,
                &n.labels.join(LABEL_SEPARATOR),
                &opt(&n.english),
                &n.articles.to_string(),
                &n.mentions.to_string(),
                &opt(&n.first_date),
                &opt(&n.last_date),
                &opt(&n.founded),
                &degrees[i].to_string(),
                class_style(n.top).hex,
                &format!("{:.3}", layout.x[i]),
                &format!("{:.3}", layout.y[i]),
                &format!("{:.2}", node_size(degrees[i])),
            ],
        )?;
    }
    Ok(())
}

/// Writes the edges table.
pub fn write_edges<W: Write + ?Sized>(graph: &KgGraph, out: &mut W) -> io::Result<()> {
    row(out, EDGE_HEADER)?;
    for edge in graph.graph.edge_references() {
        let e = edge.weight();
        row(
            out,
            &[
                &graph.graph[edge.source()].iri,
                &graph.graph[edge.target()].iri,
                "Directed",
                &edge.id().index().to_string(),
                graph.property_name(e.property),
                &e.weight.to_string(),
                e.property.local_name(),
                &format!("{:.2}", e.confidence),
                &e.articles.to_string(),
                e.first_date.as_deref().unwrap_or(""),
                e.last_date.as_deref().unwrap_or(""),
            ],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_and_prefixes() {
        let dir = std::env::temp_dir();
        assert_eq!(output_paths(&dir), (dir.join("nodes.csv"), dir.join("edges.csv")));
        assert_eq!(output_paths(Path::new("out/graph.csv")), (PathBuf::from("out/graph-nodes.csv"), PathBuf::from("out/graph-edges.csv")));
        assert_eq!(output_paths(Path::new("g")), (PathBuf::from("g-nodes.csv"), PathBuf::from("g-edges.csv")));
        assert_eq!(output_paths(Path::new("new-dir/")).0, PathBuf::from("new-dir/nodes.csv"));
    }

    #[test]
    fn quoting() {
        let mut out = Vec::new();
        row(&mut out, &["a,b", "say \"hi\"", "深度求索", "x\ny"]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "\"a,b\",\"say \"\"hi\"\"\",深度求索,\"x\ny\"\n");
    }
}
