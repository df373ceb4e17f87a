//! A standalone SVG picture of the laid-out graph: nodes coloured by top class and sized by degree,
//! directed edges, a legend of classes, labels in a CJK font stack. Small graphs (up to 60 nodes)
//! get every node label and the edge labels; larger ones label only their best-connected nodes,
//! placed so that labels do not cover one another.

use super::graph::KgGraph;
use super::layout::Layout;
use super::style::{node_size, palette_index, PALETTE};
use super::xml::escape;
use petgraph::visit::EdgeRef;
use std::collections::HashMap;
use std::io::{self, Write};
use unicode_width::UnicodeWidthChar;

/// Fonts that carry Chinese on Linux, macOS and Windows, then the browser's default.
pub const FONT_STACK: &str = "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Microsoft YaHei\", \"PingFang SC\", \"Hiragino Sans GB\", \"WenQuanYi Micro Hei\", sans-serif";

/// Graphs up to this size get every label and edge labels.
pub const SMALL: usize = 60;
/// Graphs up to this size get arrowheads and curved parallel edges.
const MEDIUM: usize = 300;
const LEGEND_HEIGHT: f64 = 44.0;

/// Approximate width of a label in pixels: full width for CJK, a bit over half for the rest.
fn text_width(text: &str, font_size: f64) -> f64 {
    text.chars().map(|c| if c.width().unwrap_or(1) >= 2 { 1.0 } else { 0.6 }).sum::<f64>() * font_size
}

#[derive(Debug, Clone, Copy)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn overlap(&self, other: &Rect) -> f64 {
        let w = self.x1.min(other.x1) - self.x0.max(other.x0);
        let h = self.y1.min(other.y1) - self.y0.max(other.y0);
        if w > 0.0 && h > 0.0 {
            w * h
        } else {
            0.0
        }
    }
}

/// Writes the picture. `out` should be buffered.
pub fn write<W: Write + ?Sized>(graph: &KgGraph, layout: &Layout, out: &mut W) -> io::Result<()> {
    let n = graph.node_count();
    let degrees = graph.degrees();
    let small = n <= SMALL;
    let medium = n <= MEDIUM;

    // The frame: width by size, height by the layout's aspect.
    let width: f64 = if n <= 100 {
        1200.0
    } else if n <= 2000 {
        1600.0
    } else {
        2400.0
    };
    let margin = if small { 90.0 } else { 50.0 };
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for i in 0..n {
        x0 = x0.min(layout.x[i]);
        x1 = x1.max(layout.x[i]);
        y0 = y0.min(-layout.y[i]);
        y1 = y1.max(-layout.y[i]);
    }
    if n == 0 {
        (x0, y0, x1, y1) = (0.0, 0.0, 1.0, 1.0);
    }
    let (bw, bh) = ((x1 - x0).max(1e-6), (y1 - y0).max(1e-6));
    let aspect = (bh / bw).clamp(0.55, 1.0);
    let drawing_height = ((width - 2.0 * margin) * aspect + 2.0 * margin).round();
    let height = drawing_height + LEGEND_HEIGHT;
    let scale = ((width - 2.0 * margin) / bw).min((drawing_height - 2.0 * margin) / bh);
    let (ox, oy) = (
        (width - bw * scale) / 2.0 - x0 * scale,
        (drawing_height - bh * scale) / 2.0 - y0 * scale,
    );
    let px: Vec<f64> = (0..n).map(|i| ox + layout.x[i] * scale).collect();
    let py: Vec<f64> = (0..n).map(|i| oy - layout.y[i] * scale).collect();
    // Circles keep the layout's proportions (its sizes kept nodes apart), within readable bounds.
    let (smallest, largest) = if medium { (3.0, 24.0) } else { (2.0, 16.0) };
    let radius: Vec<f64> = degrees.iter().map(|&d| (node_size(d) / 2.0 * scale).clamp(smallest, largest)).collect();

    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"{}\">",
        FONT_STACK.replace('"', "'")
    )?;
    writeln!(out, "<title>zhkg: {} entities, {} facts</title>", n, graph.edge_count())?;
    writeln!(out, "<style>")?;
    writeln!(out, "text {{ font-family: {FONT_STACK}; }}")?;
    writeln!(out, ".e {{ fill: none; stroke: #8c8c8c; stroke-opacity: {}; }}", if medium { 0.7 } else { 0.3 })?;
    writeln!(out, ".n {{ stroke: #ffffff; stroke-width: {}; }}", if medium { 1.5 } else { 0.5 })?;
    writeln!(out, ".nl {{ fill: #1a1a1a; stroke: #ffffff; stroke-width: 3px; stroke-linejoin: round; paint-order: stroke; }}")?;
    writeln!(out, ".el {{ fill: #6b6b6b; font-size: 11px; stroke: #ffffff; stroke-width: 3px; stroke-linejoin: round; paint-order: stroke; }}")?;
    writeln!(out, ".lg {{ fill: #333333; font-size: 13px; }}")?;
    for (i, style) in PALETTE.iter().enumerate() {
        writeln!(out, ".c{i} {{ fill: {}; }}", style.hex)?;
    }
    writeln!(out, "</style>")?;
    writeln!(
        out,
        "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#8c8c8c\"/></marker></defs>"
    )?;
    writeln!(out, "<rect x=\"0\" y=\"0\" width=\"{width:.0}\" height=\"{height:.0}\" fill=\"#ffffff\"/>")?;

    // Edges, parallel ones (either direction) bent apart.
    let mut bundles: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    if medium {
        for edge in graph.graph.edge_references() {
            let (s, t) = (edge.source().index(), edge.target().index());
            bundles.entry((s.min(t), s.max(t))).or_default().push(edge.id().index());
        }
    }
    let mut edge_labels: Vec<(f64, f64, &str)> = Vec::new();
    writeln!(out, "<g>")?;
    for edge in graph.graph.edge_references() {
        let (s, t) = (edge.source().index(), edge.target().index());
        let e = edge.weight();
        let stroke = if medium { 0.9 + 0.8 * (e.weight as f64).ln() } else { 0.6 };
        if s == t {
            if medium {
                let (x, y, r) = (px[s], py[s], radius[s]);
                writeln!(
                    out,
                    "<path class=\"e\" stroke-width=\"{stroke:.2}\" d=\"M{:.1},{:.1} C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\"/>",
                    x + r * 0.7,
                    y - r * 0.7,
                    x + r * 3.0,
                    y - r * 3.0,
                    x - r * 3.0,
                    y - r * 3.0,
                    x - r * 0.7,
                    y - r * 0.7
                )?;
            }
            continue;
        }
        let (ax, ay, bx, by) = (px[s], py[s], px[t], py[t]);
        let (dx, dy) = (bx - ax, by - ay);
        let d = (dx * dx + dy * dy).sqrt().max(1e-6);
        // The bend: parallel edges spread around the straight line, on a normal taken from the
        // pair's canonical direction so that opposite edges bend to opposite sides.
        let mut bend = 0.0;
        if let Some(bundle) = bundles.get(&(s.min(t), s.max(t))) {
            if bundle.len() > 1 {
                let k = bundle.iter().position(|&id| id == edge.id().index()).unwrap_or(0) as f64;
                bend = (k - (bundle.len() - 1) as f64 / 2.0) * 28.0;
                if s > t {
                    bend = -bend;
                }
            }
        }
        let (nx, ny) = (-dy / d, dx / d);
        let (cx, cy) = ((ax + bx) / 2.0 + nx * bend * 2.0, (ay + by) / 2.0 + ny * bend * 2.0);
        // Start and end on the circles, heading towards the control point.
        let toward = |fx: f64, fy: f64, gx: f64, gy: f64, r: f64| {
            let (vx, vy) = (gx - fx, gy - fy);
            let l = (vx * vx + vy * vy).sqrt().max(1e-6);
            (fx + vx / l * r, fy + vy / l * r)
        };
        let (sx, sy) = toward(ax, ay, cx, cy, radius[s]);
        let (tx, ty) = toward(bx, by, cx, cy, radius[t] + if medium { 1.5 } else { 0.0 });
        let marker = if medium { " marker-end=\"url(#arrow)\"" } else { "" };
        if bend == 0.0 {
            writeln!(out, "<path class=\"e\" stroke-width=\"{stroke:.2}\" d=\"M{sx:.1},{sy:.1} L{tx:.1},{ty:.1}\"{marker}/>")?;
        } else {
            writeln!(out, "<path class=\"e\" stroke-width=\"{stroke:.2}\" d=\"M{sx:.1},{sy:.1} Q{cx:.1},{cy:.1} {tx:.1},{ty:.1}\"{marker}/>")?;
        }
        if small {
            let (mx, my) = (0.25 * ax + 0.5 * cx + 0.25 * bx, 0.25 * ay + 0.5 * cy + 0.25 * by);
            edge_labels.push((mx, my, graph.property_name(e.property)));
        }
    }
    writeln!(out, "</g>")?;

    // Nodes.
    writeln!(out, "<g>")?;
    for index in graph.graph.node_indices() {
        let i = index.index();
        let node = &graph.graph[index];
        write!(out, "<circle class=\"n c{}\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"{:.1}\"><title>", palette_index(node.top), px[i], py[i], radius[i])?;
        escape(out, &node.label)?;
        write!(out, " ({}, {} facts)</title></circle>\n", node.class, degrees[i])?;
    }
    writeln!(out, "</g>")?;

    // Edge labels, then node labels on top.
    if small {
        writeln!(out, "<g text-anchor=\"middle\">")?;
        for (x, y, text) in &edge_labels {
            write!(out, "<text class=\"el\" x=\"{x:.1}\" y=\"{:.1}\">", y + 4.0)?;
            escape(out, text)?;
            writeln!(out, "</text>")?;
        }
        writeln!(out, "</g>")?;
    }
    let reserved: Vec<Rect> = edge_labels
        .iter()
        .map(|(x, y, text)| {
            let w = text_width(text, 11.0) + 4.0;
            Rect { x0: x - w / 2.0, y0: y - 6.0, x1: x + w / 2.0, y1: y + 6.5 }
        })
        .collect();
    let frame = Rect { x0: 0.0, y0: 0.0, x1: width, y1: drawing_height };
    write_node_labels(graph, &degrees, (&px, &py, &radius), frame, reserved, small, medium, out)?;

    // Legend.
    let mut counts = [0usize; 4];
    for node in graph.graph.node_weights() {
        counts[palette_index(node.top)] += 1;
    }
    let ly = drawing_height + LEGEND_HEIGHT / 2.0;
    writeln!(out, "<line x1=\"20\" y1=\"{drawing_height:.0}\" x2=\"{:.0}\" y2=\"{drawing_height:.0}\" stroke=\"#dddddd\"/>", width - 20.0)?;
    writeln!(out, "<g class=\"lg\">")?;
    let mut x = 28.0;
    for (i, style) in PALETTE.iter().enumerate() {
        writeln!(out, "<circle class=\"c{i}\" cx=\"{x:.1}\" cy=\"{ly:.1}\" r=\"7\"/>")?;
        let text = format!("{} {} ({})", style.zh, style.class.local_name(), counts[i]);
        writeln!(out, "<text x=\"{:.1}\" y=\"{:.1}\">{text}</text>", x + 13.0, ly + 4.5)?;
        x += 13.0 + text_width(&text, 13.0) + 28.0;
    }
    let summary = if n <= 200 {
        format!("{} entities · {} facts · zhkg", n, graph.edge_count())
    } else {
        format!("{} entities · {} facts · labels on the best-connected · zhkg", n, graph.edge_count())
    };
    writeln!(out, "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#777777\">{summary}</text>", width - 24.0, ly + 4.5)?;
    writeln!(out, "</g>")?;
    writeln!(out, "</svg>")?;
    Ok(())
}

/// Places node labels, most connected first, beside their node where they cover no other label
/// (nor, in graphs of moderate size, another node). Small graphs label every node, in the least
/// crowded spot when none is free; larger ones skip labels that find no room.
#[allow(clippy::too_many_arguments)]
fn write_node_labels<W: Write + ?Sized>(
    graph: &KgGraph,
    degrees: &[u32],
    (px, py, radius): (&[f64], &[f64], &[f64]),
    frame: Rect,
    reserved: Vec<Rect>,
    small: bool,
    medium: bool,
    out: &mut W,
) -> io::Result<()> {
    let n = graph.node_count();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        let (na, nb) = (&graph.graph[petgraph::graph::NodeIndex::new(a)], &graph.graph[petgraph::graph::NodeIndex::new(b)]);
        degrees[b].cmp(&degrees[a]).then(nb.mentions.cmp(&na.mentions)).then(na.label.cmp(&nb.label))
    });
    // Up to 200 nodes every label that finds room; beyond, the best-connected only.
    let budget = if n <= 200 { n } else { (40 + n / 20).min(150) };
    let max_degree = degrees.iter().copied().max().unwrap_or(0).max(1) as f64;
    let circles: Vec<Rect> = if medium {
        (0..n).map(|i| Rect { x0: px[i] - radius[i], y0: py[i] - radius[i], x1: px[i] + radius[i], y1: py[i] + radius[i] }).collect()
    } else {
        Vec::new()
    };
    // Edge labels count as placed labels: node labels keep off them.
    let mut placed: Vec<Rect> = reserved;
    let reserved_count = placed.len();
    writeln!(out, "<g class=\"nl\">")?;
    for &i in order.iter() {
        if placed.len() - reserved_count >= budget {
            break;
        }
        let node = &graph.graph[petgraph::graph::NodeIndex::new(i)];
        let size = if small {
            14.0
        } else if n <= 200 {
            12.0 + 4.0 * (degrees[i] as f64 / max_degree).sqrt()
        } else {
            10.0 + 7.0 * (degrees[i] as f64 / max_degree).sqrt()
        };
        // A little air around each label, so that neighbours do not run together.
        // Glyph boxes: ascent and descent around the baseline, a pixel of air on every side.
        let (w, ascent, descent) = (text_width(&node.label, size), 0.88 * size, 0.2 * size);
        let (x, y, r) = (px[i], py[i], radius[i]);
        let side = y + 0.34 * size;
        let (above, below) = (y - r.max(0.55 * size) - 1.0, y + r.max(0.55 * size) + 1.0);
        // (anchor x, baseline y, text-anchor, box)
        let candidates = [
            (x + r + 3.0, side, "start", Rect { x0: x + r + 2.0, y0: side - ascent - 1.0, x1: x + r + 4.0 + w, y1: side + descent + 1.0 }),
            (x - r - 3.0, side, "end", Rect { x0: x - r - 4.0 - w, y0: side - ascent - 1.0, x1: x - r - 2.0, y1: side + descent + 1.0 }),
            (x, above - descent, "middle", Rect { x0: x - w / 2.0 - 1.0, y0: above - ascent - descent, x1: x + w / 2.0 + 1.0, y1: above }),
            (x, below + ascent, "middle", Rect { x0: x - w / 2.0 - 1.0, y0: below, x1: x + w / 2.0 + 1.0, y1: below + ascent + descent }),
        ];
        let crowding = |rect: &Rect| -> f64 {
            let labels: f64 = placed.iter().map(|p| p.overlap(rect)).sum();
            let nodes: f64 = circles.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, c)| c.overlap(rect)).sum();
            // Outside the frame counts as badly crowded.
            let inside = rect.overlap(&frame);
            let outside = (rect.x1 - rect.x0) * (rect.y1 - rect.y0) - inside;
            labels * 4.0 + nodes + outside * 8.0
        };
        let mut best = None;
        for (k, candidate) in candidates.iter().enumerate() {
            let c = crowding(&candidate.3);
            if c == 0.0 {
                best = Some((k, c));
                break;
            }
            if best.is_none_or(|(_, b)| c < b) {
                best = Some((k, c));
            }
        }
        let Some((k, c)) = best else { continue };
        if c > 0.0 && !small {
            continue;
        }
        let (ax, ay, anchor, rect) = candidates[k];
        placed.push(rect);
        write!(out, "<text x=\"{ax:.1}\" y=\"{ay:.1}\" font-size=\"{size:.1}\"")?;
        if anchor != "start" {
            write!(out, " text-anchor=\"{anchor}\"")?;
        }
        out.write_all(b">")?;
        escape(out, &node.label)?;
        writeln!(out, "</text>")?;
    }
    writeln!(out, "</g>")?;
    Ok(())
}
