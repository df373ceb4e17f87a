//! DOT for Graphviz: every identifier and label quoted and escaped, colours by class, positions
//! from the layout as `pos` (in points, twice the layout's units) so that `neato -n2` keeps them while `dot` or `sfdp` lay the
//! graph out afresh. Fonts: one CJK family; Graphviz's fontconfig falls back to any installed CJK
//! font.

use super::graph::KgGraph;
use super::layout::Layout;
use super::style::{class_style, node_size, text_on};
use petgraph::visit::EdgeRef;
use std::io::{self, Write};

/// Writes a DOT quoted string: backslashes and quotes escaped, line breaks as `\n`.
fn quoted<W: Write + ?Sized>(out: &mut W, text: &str) -> io::Result<()> {
    out.write_all(b"\"")?;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let replacement: &[u8] = match c {
            '"' => b"\\\"",
            '\\' => b"\\\\",
            '\n' => b"\\n",
            '\r' => b"",
            c if c.is_control() => b"",
            _ => continue,
        };
        out.write_all(&text.as_bytes()[start..i])?;
        out.write_all(replacement)?;
        start = i + c.len_utf8();
    }
    out.write_all(&text.as_bytes()[start..])?;
    out.write_all(b"\"")
}

const FONT: &str = "Noto Sans CJK SC";

/// Points per layout unit in `pos`: Graphviz draws the labels inside the nodes, which need more
/// room than the layout's discs.
const POSITION_SCALE: f64 = 2.0;

/// Writes the graph as DOT. `out` should be buffered.
pub fn write<W: Write + ?Sized>(graph: &KgGraph, layout: &Layout, out: &mut W) -> io::Result<()> {
    let degrees = graph.degrees();
    writeln!(out, "// zhkg {}: {} entities, {} facts.", env!("CARGO_PKG_VERSION"), graph.node_count(), graph.edge_count())?;
    writeln!(out, "// Laid out already: neato -n2 -Tsvg keeps the positions; dot -Tsvg or sfdp -Tsvg lays it out anew.")?;
    writeln!(out, "digraph \"zhkg\" {{")?;
    writeln!(out, "  graph [charset=\"UTF-8\", outputorder=\"edgesfirst\", overlap=\"false\", splines=\"true\", fontname=\"{FONT}\"];")?;
    writeln!(out, "  node [shape=\"ellipse\", style=\"filled\", color=\"#ffffff\", fontname=\"{FONT}\", fontsize=\"11\"];")?;
    writeln!(out, "  edge [color=\"#888888\", fontcolor=\"#555555\", fontname=\"{FONT}\", fontsize=\"9\", arrowsize=\"0.6\"];")?;
    for index in graph.graph.node_indices() {
        let node = &graph.graph[index];
        let i = index.index();
        let style = class_style(node.top);
        out.write_all(b"  ")?;
        quoted(out, &node.iri)?;
        out.write_all(b" [label=")?;
        quoted(out, &node.label)?;
        write!(out, ", fillcolor=\"{}\", fontcolor=\"{}\", class=", style.hex, text_on(style))?;
        quoted(out, &format!("{} {}", node.top.local_name(), node.class))?;
        out.write_all(b", tooltip=")?;
        quoted(out, &node.labels.join(" | "))?;
        writeln!(
            out,
            ", pos=\"{:.1},{:.1}\", width=\"{:.2}\"];",
            layout.x[i] * POSITION_SCALE,
            layout.y[i] * POSITION_SCALE,
            node_size(degrees[i]) / 36.0
        )?;
    }
    for edge in graph.graph.edge_references() {
        let e = edge.weight();
        out.write_all(b"  ")?;
        quoted(out, &graph.graph[edge.source()].iri)?;
        out.write_all(b" -> ")?;
        quoted(out, &graph.graph[edge.target()].iri)?;
        out.write_all(b" [label=")?;
        quoted(out, graph.property_name(e.property))?;
        writeln!(
            out,
            ", kind=\"{}\", weight=\"{}\", penwidth=\"{:.2}\", tooltip=\"{} sentence(s), confidence {:.2}\"];",
            e.property.local_name(),
            e.weight,
            1.0 + (e.weight as f64).ln(),
            e.weight,
            e.confidence
        )?;
    }
    writeln!(out, "}}")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn quoting_escapes_quotes_and_backslashes() {
        let mut out = Vec::new();
        super::quoted(&mut out, "a\"b\\c\n深度").unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "\"a\\\"b\\\\c\\n深度\"");
    }
}
