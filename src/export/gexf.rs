//! GEXF 1.3 (`http://gexf.net/1.3`), as Gephi reads it and its RelaxNG schema accepts: node and
//! edge attributes declared once, `viz:color`, `viz:position` and `viz:size` on every node, typed
//! parallel edges (`kind` = the property), and with `timeline` a dynamic graph whose nodes and
//! edges start on the first publication date that supports them.

use super::graph::KgGraph;
use super::layout::Layout;
use super::style::{class_style, node_size};
use super::xml::{escape, escape_token};
use crate::store::snapshot::date_key;
use petgraph::visit::EdgeRef;
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GexfOptions {
    /// Dynamic mode: `start` dates on nodes and edges, for Gephi's timeline.
    pub timeline: bool,
}

/// Node attributes: (id and title, GEXF type).
const NODE_ATTRIBUTES: &[(&str, &str)] = &[
    ("class", "string"),
    ("finer_class", "string"),
    ("labels", "string"),
    ("english", "string"),
    ("articles", "integer"),
    ("mentions", "integer"),
    ("first_date", "string"),
    ("last_date", "string"),
    ("founded", "string"),
    ("degree", "integer"),
];

/// Edge attributes: (id, title, GEXF type). Ids differ from the node ones so that no reader
/// confuses them.
const EDGE_ATTRIBUTES: &[(&str, &str, &str)] = &[
    ("property", "property", "string"),
    ("confidence", "confidence", "double"),
    ("edge_articles", "articles", "integer"),
    ("edge_first_date", "first_date", "string"),
    ("edge_last_date", "last_date", "string"),
];

/// The separator between names in the `labels` attribute.
pub const LABEL_SEPARATOR: &str = " | ";

fn attvalue<W: Write + ?Sized>(out: &mut W, id: &str, value: &str) -> io::Result<()> {
    out.write_all(b"        <attvalue for=\"")?;
    out.write_all(id.as_bytes())?;
    out.write_all(b"\" value=\"")?;
    escape(out, value)?;
    out.write_all(b"\"/>\n")
}

fn attvalue_number<W: Write + ?Sized>(out: &mut W, id: &str, value: impl std::fmt::Display) -> io::Result<()> {
    writeln!(out, "        <attvalue for=\"{id}\" value=\"{value}\"/>")
}

/// Writes the graph as GEXF. `out` should be buffered; nothing is held in memory but the graph.
pub fn write<W: Write + ?Sized>(graph: &KgGraph, layout: &Layout, options: &GexfOptions, out: &mut W) -> io::Result<()> {
    let degrees = graph.degrees();
    out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
    out.write_all(b"<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n")?;
    writeln!(out, "  <meta>")?;
    writeln!(out, "    <creator>zhkg {}</creator>", env!("CARGO_PKG_VERSION"))?;
    writeln!(
        out,
        "    <description>Entities and facts from Chinese technology news: {} nodes, {} edges. Colours by top class: Organization #0072B2, Person #E69F00, Place #009E73, Product #CC79A7.</description>",
        graph.node_count(),
        graph.edge_count()
    )?;
    writeln!(out, "  </meta>")?;
    if options.timeline {
        writeln!(out, "  <graph defaultedgetype=\"directed\" idtype=\"string\" mode=\"dynamic\" timeformat=\"date\">")?;
    } else {
        writeln!(out, "  <graph defaultedgetype=\"directed\" idtype=\"string\" mode=\"static\">")?;
    }
    writeln!(out, "    <attributes class=\"node\">")?;
    for (id, kind) in NODE_ATTRIBUTES {
        writeln!(out, "      <attribute id=\"{id}\" title=\"{id}\" type=\"{kind}\"/>")?;
    }
    writeln!(out, "    </attributes>")?;
    writeln!(out, "    <attributes class=\"edge\">")?;
    for (id, title, kind) in EDGE_ATTRIBUTES {
        writeln!(out, "      <attribute id=\"{id}\" title=\"{title}\" type=\"{kind}\"/>")?;
    }
    writeln!(out, "    </attributes>")?;

    writeln!(out, "    <nodes count=\"{}\">", graph.node_count())?;
    for index in graph.graph.node_indices() {
        let node = &graph.graph[index];
        let i = index.index();
        out.write_all(b"      <node id=\"")?;
        escape(out, &node.iri)?;
        out.write_all(b"\" label=\"")?;
        escape_token(out, &node.label)?;
        out.write_all(b"\"")?;
        if options.timeline {
            if let Some(start) = node.first_date.as_deref().and_then(date_key) {
                write!(out, " start=\"{start}\"")?;
            }
        }
        out.write_all(b">\n      <attvalues>\n")?;
        attvalue(out, "class", node.top.local_name())?;
        attvalue(out, "finer_class", &node.class)?;
        attvalue(out, "labels", &node.labels.join(LABEL_SEPARATOR))?;
        if let Some(english) = &node.english {
            attvalue(out, "english", english)?;
        }
        attvalue_number(out, "articles", node.articles)?;
        attvalue_number(out, "mentions", node.mentions)?;
        for (id, value) in [("first_date", &node.first_date), ("last_date", &node.last_date), ("founded", &node.founded)] {
            if let Some(value) = value {
                attvalue(out, id, value)?;
            }
        }
        attvalue_number(out, "degree", degrees[i])?;
        out.write_all(b"      </attvalues>\n")?;
        let style = class_style(node.top);
        let (r, g, b) = style.rgb;
        writeln!(out, "      <viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\"/>")?;
        writeln!(out, "      <viz:position x=\"{:.3}\" y=\"{:.3}\" z=\"0.0\"/>", layout.x[i], layout.y[i])?;
        writeln!(out, "      <viz:size value=\"{:.2}\"/>", node_size(degrees[i]))?;
        out.write_all(b"      </node>\n")?;
    }
    writeln!(out, "    </nodes>")?;

    writeln!(out, "    <edges count=\"{}\">", graph.edge_count())?;
    for edge in graph.graph.edge_references() {
        let e = edge.weight();
        write!(out, "      <edge id=\"{}\" source=\"", edge.id().index())?;
        escape(out, &graph.graph[edge.source()].iri)?;
        out.write_all(b"\" target=\"")?;
        escape(out, &graph.graph[edge.target()].iri)?;
        out.write_all(b"\" label=\"")?;
        escape_token(out, graph.property_name(e.property))?;
        write!(out, "\" kind=\"{}\" weight=\"{}\"", e.property.local_name(), e.weight)?;
        if options.timeline {
            if let Some(start) = e.first_date.as_deref().and_then(date_key) {
                write!(out, " start=\"{start}\"")?;
            }
        }
        out.write_all(b">\n        <attvalues>\n")?;
        attvalue(out, "property", e.property.local_name())?;
        attvalue_number(out, "confidence", format_args!("{:.2}", e.confidence))?;
        attvalue_number(out, "edge_articles", e.articles)?;
        if let Some(date) = &e.first_date {
            attvalue(out, "edge_first_date", date)?;
        }
        if let Some(date) = &e.last_date {
            attvalue(out, "edge_last_date", date)?;
        }
        out.write_all(b"        </attvalues>\n      </edge>\n")?;
    }
    writeln!(out, "    </edges>")?;
    writeln!(out, "  </graph>")?;
    writeln!(out, "</gexf>")?;
    Ok(())
}
