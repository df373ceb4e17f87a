//! GraphML with named keys, as Gephi, networkx, igraph and yEd read it. Keys whose names Gephi
//! knows carry the drawing: `label`, `x`, `y`, `size`, `r`, `g`, `b` on nodes, `label` and
//! `weight` on edges; the rest are plain attributes.

use super::graph::KgGraph;
use super::gexf::LABEL_SEPARATOR;
use super::layout::Layout;
use super::style::{class_style, node_size};
use super::xml::escape;
use petgraph::visit::EdgeRef;
use std::io::{self, Write};

/// (key id, for, attr.name, attr.type)
const KEYS: &[(&str, &str, &str, &str)] = &[
    ("label", "node", "label", "string"),
    ("class", "node", "class", "string"),
    ("finer_class", "node", "finer_class", "string"),
    ("labels", "node", "labels", "string"),
    ("english", "node", "english", "string"),
    ("articles", "node", "articles", "int"),
    ("mentions", "node", "mentions", "int"),
    ("first_date", "node", "first_date", "string"),
    ("last_date", "node", "last_date", "string"),
    ("founded", "node", "founded", "string"),
    ("degree", "node", "degree", "int"),
    ("color", "node", "color", "string"),
    ("r", "node", "r", "int"),
    ("g", "node", "g", "int"),
    ("b", "node", "b", "int"),
    ("x", "node", "x", "double"),
    ("y", "node", "y", "double"),
    ("size", "node", "size", "double"),
    ("edgelabel", "edge", "label", "string"),
    ("weight", "edge", "weight", "double"),
    ("kind", "edge", "kind", "string"),
    ("confidence", "edge", "confidence", "double"),
    ("edge_articles", "edge", "articles", "int"),
    ("edge_first_date", "edge", "first_date", "string"),
    ("edge_last_date", "edge", "last_date", "string"),
];

fn data<W: Write + ?Sized>(out: &mut W, key: &str, value: &str) -> io::Result<()> {
    write!(out, "      <data key=\"{key}\">")?;
    escape(out, value)?;
    out.write_all(b"</data>\n")
}

fn data_number<W: Write + ?Sized>(out: &mut W, key: &str, value: impl std::fmt::Display) -> io::Result<()> {
    writeln!(out, "      <data key=\"{key}\">{value}</data>")
}

/// Writes the graph as GraphML. `out` should be buffered.
pub fn write<W: Write + ?Sized>(graph: &KgGraph, layout: &Layout, out: &mut W) -> io::Result<()> {
    let degrees = graph.degrees();
    out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
    out.write_all(
        b"<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    )?;
    for (id, domain, name, kind) in KEYS {
        writeln!(out, "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"{kind}\"/>")?;
    }
    writeln!(out, "  <graph id=\"zhkg\" edgedefault=\"directed\">")?;
    for index in graph.graph.node_indices() {
        let node = &graph.graph[index];
        let i = index.index();
        out.write_all(b"    <node id=\"")?;
        escape(out, &node.iri)?;
        out.write_all(b"\">\n")?;
        data(out, "label", &node.label)?;
        data(out, "class", node.top.local_name())?;
        data(out, "finer_class", &node.class)?;
        data(out, "labels", &node.labels.join(LABEL_SEPARATOR))?;
        if let Some(english) = &node.english {
            data(out, "english", english)?;
        }
        data_number(out, "articles", node.articles)?;
        data_number(out, "mentions", node.mentions)?;
        for (key, value) in [("first_date", &node.first_date), ("last_date", &node.last_date), ("founded", &node.founded)] {
            if let Some(value) = value {
                data(out, key, value)?;
            }
        }
        data_number(out, "degree", degrees[i])?;
        let style = class_style(node.top);
        data(out, "color", style.hex)?;
        let (r, g, b) = style.rgb;
        data_number(out, "r", r)?;
        data_number(out, "g", g)?;
        data_number(out, "b", b)?;
        data_number(out, "x", format_args!("{:.3}", layout.x[i]))?;
        data_number(out, "y", format_args!("{:.3}", layout.y[i]))?;
        data_number(out, "size", format_args!("{:.2}", node_size(degrees[i])))?;
        out.write_all(b"    </node>\n")?;
    }
    for edge in graph.graph.edge_references() {
        let e = edge.weight();
        write!(out, "    <edge id=\"e{}\" source=\"", edge.id().index())?;
        escape(out, &graph.graph[edge.source()].iri)?;
        out.write_all(b"\" target=\"")?;
        escape(out, &graph.graph[edge.target()].iri)?;
        out.write_all(b"\">\n")?;
        data(out, "edgelabel", graph.property_name(e.property))?;
        data_number(out, "weight", e.weight)?;
        data(out, "kind", e.property.local_name())?;
        data_number(out, "confidence", format_args!("{:.2}", e.confidence))?;
        data_number(out, "edge_articles", e.articles)?;
        if let Some(date) = &e.first_date {
            data(out, "edge_first_date", date)?;
        }
        if let Some(date) = &e.last_date {
            data(out, "edge_last_date", date)?;
        }
        out.write_all(b"    </edge>\n")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")?;
    Ok(())
}
