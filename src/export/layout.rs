//! A ForceAtlas2 layout (Jacomy et al. 2014, as Gephi implements it): degree-weighted repulsion,
//! linear attraction along edges, gravity towards the centre, and Gephi's adaptive speed (swinging
//! and traction). Repulsion is exact for small graphs and a Barnes–Hut quadtree approximation for
//! larger ones, computed on every core; the number of iterations shrinks as the graph grows, so
//! the work is bounded (100,000 nodes and 300,000 edges take a few seconds on two cores).
//!
//! Deterministic: the starting positions come from a seeded generator and every sum is taken in
//! the same order whatever the number of threads, so the same graph and seed give the same layout.

use super::graph::KgGraph;
use super::style::node_size;
use petgraph::visit::EdgeRef;

/// Node positions, by node index, in Gephi's units (a node of degree 0 is 8 units wide).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayoutOptions {
    /// Seed of the starting positions.
    pub seed: u64,
    /// Iterations; by default from the graph's size (`default_iterations`).
    pub iterations: Option<usize>,
    /// Worker threads for repulsion; by default every core.
    pub threads: Option<usize>,
}

impl Default for LayoutOptions {
    fn default() -> LayoutOptions {
        LayoutOptions { seed: 1, iterations: None, threads: None }
    }
}

/// Repulsion scaling of small graphs (Gephi's default is 10 below 100 nodes, 2 above; more room
/// here, since pictures carry labels).
const SMALL_SCALING: f64 = 120.0;
/// Extra clearance around each node, in layout units, when small graphs keep nodes apart.
const LABEL_ROOM: f64 = 12.0;
/// Graphs up to this many nodes get exact repulsion (and node sizes kept from overlapping).
const EXACT_LIMIT: usize = 400;
/// Barnes–Hut accuracy: a cell of width w at distance d counts as one body when w/d < THETA.
const THETA: f64 = 1.2;
/// Bodies per quadtree leaf.
const LEAF: usize = 8;

/// Iterations for a graph: many for small graphs (they are cheap and should look settled), down
/// to 40 for the largest, so that iterations × (nodes + edges) stays bounded.
pub fn default_iterations(nodes: usize, edges: usize) -> usize {
    let work = (nodes + edges / 2).max(1) as f64;
    ((2.0e6 / work) as usize).clamp(40, 1500)
}

/// SplitMix64: a small, seeded, portable generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Graphs up to this many nodes are laid out one connected component at a time, and the
/// components packed side by side; larger ones in one piece (their big component dominates).
const PACK_LIMIT: usize = 20_000;
/// Work allowed for the component layouts together, in pairwise force computations.
const PACK_BUDGET: f64 = 3.0e8;

/// Lays the graph out with ForceAtlas2. Small and medium graphs are laid out one connected
/// component at a time, and the components packed in rows, largest first (lone nodes last), so
/// that no component drifts off and none is crushed by the others' gravity.
pub fn force_atlas2(graph: &KgGraph, options: &LayoutOptions) -> Layout {
    let n = graph.node_count();
    if n == 0 {
        return Layout::default();
    }
    let degrees = graph.degrees();
    let mass: Vec<f64> = degrees.iter().map(|&d| d as f64 + 1.0).collect();
    let radius: Vec<f64> = degrees.iter().map(|&d| node_size(d) / 2.0).collect();
    let edges: Vec<(u32, u32)> = graph
        .graph
        .edge_references()
        .filter(|e| e.source() != e.target())
        .map(|e| (e.source().index() as u32, e.target().index() as u32))
        .collect();
    let threads = options
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map(|p| p.get()).unwrap_or(1))
        .clamp(1, 64);
    let mut layout = Layout { x: vec![0.0; n], y: vec![0.0; n] };

    if n > PACK_LIMIT {
        let iterations = options.iterations.unwrap_or_else(|| default_iterations(n, edges.len()));
        let (x, y) = fa2(&mass, &radius, &edges, iterations, threads, options.seed);
        layout.x = x;
        layout.y = y;
        centre(&mut layout);
        return layout;
    }

    // Connected components (either direction), in order of their first node.
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for &(s, t) in &edges {
        let (a, b) = (root(&mut parent, s as usize), root(&mut parent, t as usize));
        if a != b {
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut component_of = vec![usize::MAX; n];
    let mut members: Vec<Vec<usize>> = Vec::new();
    for i in 0..n {
        let r = root(&mut parent, i);
        if component_of[r] == usize::MAX {
            component_of[r] = members.len();
            members.push(Vec::new());
        }
        component_of[i] = component_of[r];
        members[component_of[i]].push(i);
    }
    let mut local = vec![0u32; n];
    for nodes in &members {
        for (k, &i) in nodes.iter().enumerate() {
            local[i] = k as u32;
        }
    }
    let mut component_edges: Vec<Vec<(u32, u32)>> = vec![Vec::new(); members.len()];
    for &(s, t) in &edges {
        component_edges[component_of[s as usize]].push((local[s as usize], local[t as usize]));
    }

    // Iterations per component, within one budget for them all.
    let cost = |c: usize| {
        let k = members[c].len() as f64;
        (if members[c].len() <= EXACT_LIMIT { k * k / 2.0 } else { k * 60.0 }) + component_edges[c].len() as f64
    };
    let mut iterations: Vec<usize> = (0..members.len())
        .map(|c| options.iterations.unwrap_or_else(|| default_iterations(members[c].len(), component_edges[c].len())))
        .collect();
    let total: f64 = (0..members.len()).filter(|&c| members[c].len() > 1).map(|c| cost(c) * iterations[c] as f64).sum();
    if options.iterations.is_none() && total > PACK_BUDGET {
        let factor = PACK_BUDGET / total;
        for it in iterations.iter_mut() {
            *it = ((*it as f64 * factor) as usize).max(60);
        }
    }

    // Lay out each component on its own, then pack their boxes in rows.
    let mut boxes = Vec::with_capacity(members.len());
    for (c, nodes) in members.iter().enumerate() {
        let m: Vec<f64> = nodes.iter().map(|&i| mass[i]).collect();
        let r: Vec<f64> = nodes.iter().map(|&i| radius[i]).collect();
        let (x, y) = if nodes.len() == 1 {
            (vec![0.0], vec![0.0])
        } else {
            fa2(&m, &r, &component_edges[c], iterations[c], threads, options.seed.wrapping_add(c as u64))
        };
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for (k, &i) in nodes.iter().enumerate() {
            layout.x[i] = x[k];
            layout.y[i] = y[k];
            x0 = x0.min(x[k] - r[k]);
            y0 = y0.min(y[k] - r[k]);
            x1 = x1.max(x[k] + r[k]);
            y1 = y1.max(y[k] + r[k]);
        }
        boxes.push((x0, y0, x1, y1));
    }
    let gap = 4.0 * node_size(0);
    let mut order: Vec<usize> = (0..members.len()).collect();
    order.sort_by(|&a, &b| members[b].len().cmp(&members[a].len()).then(a.cmp(&b)));
    let area: f64 = boxes.iter().map(|(x0, y0, x1, y1)| (x1 - x0 + gap) * (y1 - y0 + gap)).sum();
    let widest = boxes.iter().map(|(x0, _, x1, _)| x1 - x0 + gap).fold(0.0, f64::max);
    // Rows about 1.4 times as wide as the packing is tall: a landscape picture.
    let row_width = (area * 1.4).sqrt().max(widest);
    let (mut cursor_x, mut cursor_y, mut row_height) = (0.0, 0.0, 0.0f64);
    for &c in &order {
        let (x0, y0, x1, y1) = boxes[c];
        let (w, h) = (x1 - x0, y1 - y0);
        if cursor_x > 0.0 && cursor_x + w > row_width {
            cursor_x = 0.0;
            cursor_y -= row_height + gap;
            row_height = 0.0;
        }
        // The box's top-left corner goes to (cursor_x, cursor_y); y grows upwards, as in Gephi.
        let (dx, dy) = (cursor_x - x0, cursor_y - y1);
        for &i in &members[c] {
            layout.x[i] += dx;
            layout.y[i] += dy;
        }
        // Lone nodes get more room: their labels sit beside them.
        cursor_x += w + if members[c].len() == 1 { 2.0 * gap } else { gap };
        row_height = row_height.max(h);
    }
    centre(&mut layout);
    layout
}

/// Moves the layout's bounding box to be centred on the origin.
fn centre(layout: &mut Layout) {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (&x, &y) in layout.x.iter().zip(&layout.y) {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    layout.x.iter_mut().for_each(|v| *v -= cx);
    layout.y.iter_mut().for_each(|v| *v -= cy);
}

/// ForceAtlas2 on one graph given as masses (degree + 1), radii and edges; returns positions.
fn fa2(mass: &[f64], radius: &[f64], edges: &[(u32, u32)], iterations: usize, threads: usize, seed: u64) -> (Vec<f64>, Vec<f64>) {
    let n = mass.len();
    // Repulsion scaling: spacious for small graphs, where labels need room, Gephi's 2 for large.
    let scaling = if n < 100 {
        SMALL_SCALING
    } else if n < 2000 {
        SMALL_SCALING / 2.0
    } else {
        2.0
    };
    // Start: a disc of about the size the forces will settle at.
    let mut rng = Rng(seed ^ 0x5A4B_4721_u64);
    let spread = 10.0 * (scaling * n as f64).sqrt() + 20.0;
    let mut x = Vec::with_capacity(n);
    let mut y = Vec::with_capacity(n);
    for _ in 0..n {
        let r = spread * rng.unit().sqrt();
        let a = std::f64::consts::TAU * rng.unit();
        x.push(r * a.cos());
        y.push(r * a.sin());
    }
    if n < 2 {
        return (x, y);
    }
    let gravity = 1.0;
    let jitter_tolerance = 1.0;
    let exact = n <= EXACT_LIMIT;
    // When keeping nodes apart, keep room for a short label between them too.
    let padded: Vec<f64> = radius.iter().map(|r| r + LABEL_ROOM).collect();
    let radius = &padded[..];

    let (mut fx, mut fy) = (vec![0.0; n], vec![0.0; n]);
    let (mut old_fx, mut old_fy) = (vec![0.0; n], vec![0.0; n]);
    let mut speed = 1.0f64;
    let mut speed_efficiency = 1.0f64;
    for iteration in 0..iterations {
        std::mem::swap(&mut fx, &mut old_fx);
        std::mem::swap(&mut fy, &mut old_fy);
        // Keep nodes from overlapping in the last third, once the shape has formed.
        let adjust_sizes = exact && iteration * 3 >= iterations * 2;
        if exact {
            exact_repulsion(&x, &y, &mass, &radius, scaling, adjust_sizes, &mut fx, &mut fy);
        } else {
            let tree = QuadTree::build(&x, &y, &mass);
            tree.repulsion(&x, &y, &mass, scaling, threads, &mut fx, &mut fy);
        }
        for i in 0..n {
            let d = (x[i] * x[i] + y[i] * y[i]).sqrt();
            if d > 0.0 {
                let factor = gravity * mass[i] / d;
                fx[i] -= x[i] * factor;
                fy[i] -= y[i] * factor;
            }
        }
        for &(s, t) in edges {
            let (s, t) = (s as usize, t as usize);
            let (mut dx, mut dy) = (x[s] - x[t], y[s] - y[t]);
            if adjust_sizes {
                // Attraction only beyond touching.
                let d = (dx * dx + dy * dy).sqrt();
                let gap = d - radius[s] - radius[t];
                if gap <= 0.0 || d == 0.0 {
                    continue;
                }
                dx *= gap / d;
                dy *= gap / d;
            }
            fx[s] -= dx;
            fy[s] -= dy;
            fx[t] += dx;
            fy[t] += dy;
        }

        // Adaptive speed, as Gephi's ForceAtlas2 does it.
        let (mut swinging, mut traction) = (0.0, 0.0);
        for i in 0..n {
            let (sx, sy) = (old_fx[i] - fx[i], old_fy[i] - fy[i]);
            let (tx, ty) = (old_fx[i] + fx[i], old_fy[i] + fy[i]);
            swinging += mass[i] * (sx * sx + sy * sy).sqrt();
            traction += mass[i] * 0.5 * (tx * tx + ty * ty).sqrt();
        }
        if !swinging.is_finite() || !traction.is_finite() {
            break;
        }
        if swinging <= 0.0 {
            if traction <= 0.0 {
                // No force at all: nothing moves (until the overlap phase begins).
                continue;
            }
            // The same force as before: no swinging, full speed ahead.
            swinging = 1e-9;
        }
        let traction = traction.max(1e-9);
        let estimated = 0.05 * (n as f64).sqrt();
        let mut jt = jitter_tolerance * estimated.sqrt().max(10f64.min(estimated * traction / (n as f64 * n as f64)));
        if swinging / traction > 2.0 {
            if speed_efficiency > 0.05 {
                speed_efficiency *= 0.5;
            }
            jt = jt.max(jitter_tolerance);
        }
        let target_speed = jt * speed_efficiency * traction / swinging;
        if swinging > jt * traction {
            if speed_efficiency > 0.05 {
                speed_efficiency *= 0.7;
            }
        } else if speed < 1000.0 {
            speed_efficiency *= 1.3;
        }
        speed += (target_speed - speed).min(0.5 * speed);

        for i in 0..n {
            let (sx, sy) = (old_fx[i] - fx[i], old_fy[i] - fy[i]);
            let node_swinging = mass[i] * (sx * sx + sy * sy).sqrt();
            let mut factor = speed / (1.0 + (speed * node_swinging).sqrt());
            if adjust_sizes {
                // Gephi caps each step when preventing overlap.
                let f = (fx[i] * fx[i] + fy[i] * fy[i]).sqrt();
                if f > 0.0 {
                    factor = (0.1 * factor).min(10.0 / f);
                }
            }
            x[i] += fx[i] * factor;
            y[i] += fy[i] * factor;
        }
    }

    (x, y)
}

#[allow(clippy::too_many_arguments)]
fn exact_repulsion(
    x: &[f64],
    y: &[f64],
    mass: &[f64],
    radius: &[f64],
    scaling: f64,
    adjust_sizes: bool,
    fx: &mut [f64],
    fy: &mut [f64],
) {
    fx.fill(0.0);
    fy.fill(0.0);
    let n = x.len();
    for i in 0..n {
        for j in i + 1..n {
            let (dx, dy) = (x[i] - x[j], y[i] - y[j]);
            let d2 = dx * dx + dy * dy;
            if d2 <= 0.0 {
                continue;
            }
            let factor = if adjust_sizes {
                let d = d2.sqrt();
                let gap = d - radius[i] - radius[j];
                if gap > 0.0 {
                    scaling * mass[i] * mass[j] / (gap * d)
                } else {
                    100.0 * scaling * mass[i] * mass[j] / d
                }
            } else {
                scaling * mass[i] * mass[j] / d2
            };
            fx[i] += dx * factor;
            fy[i] += dy * factor;
            fx[j] -= dx * factor;
            fy[j] -= dy * factor;
        }
    }
}

/// A Barnes–Hut quadtree: cells with their mass and centre of mass; leaves hold a few bodies.
struct QuadTree {
    cells: Vec<Cell>,
    /// Body indices, grouped so that each cell's bodies are a contiguous range.
    order: Vec<u32>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Cell {
    cx: f64,
    cy: f64,
    mass: f64,
    /// Width of the (square) cell.
    size: f64,
    /// Index of the first of four children; 0 for a leaf.
    children: u32,
    start: u32,
    end: u32,
}

/// Moves the elements satisfying `pred` to the front; returns how many there are.
fn partition(items: &mut [u32], pred: impl Fn(u32) -> bool) -> usize {
    let mut first = 0;
    for i in 0..items.len() {
        if pred(items[i]) {
            items.swap(first, i);
            first += 1;
        }
    }
    first
}

impl QuadTree {
    fn build(x: &[f64], y: &[f64], mass: &[f64]) -> QuadTree {
        let n = x.len();
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for i in 0..n {
            x0 = x0.min(x[i]);
            y0 = y0.min(y[i]);
            x1 = x1.max(x[i]);
            y1 = y1.max(y[i]);
        }
        let size = (x1 - x0).max(y1 - y0).max(1e-9) * 1.0001;
        let mut tree = QuadTree { cells: Vec::with_capacity(n / 2 + 16), order: (0..n as u32).collect() };
        tree.cells.push(Cell::default());
        tree.fill(0, 0, n, x0, y0, size, 0, x, y, mass);
        tree
    }

    #[allow(clippy::too_many_arguments)]
    fn fill(&mut self, cell: usize, start: usize, end: usize, x0: f64, y0: f64, size: f64, depth: u32, x: &[f64], y: &[f64], mass: &[f64]) {
        let mut c = Cell { size, start: start as u32, end: end as u32, ..Cell::default() };
        if end - start <= LEAF || depth >= 48 {
            for &b in &self.order[start..end] {
                let b = b as usize;
                c.mass += mass[b];
                c.cx += x[b] * mass[b];
                c.cy += y[b] * mass[b];
            }
        } else {
            let (mx, my) = (x0 + size / 2.0, y0 + size / 2.0);
            let bodies = &mut self.order[start..end];
            let low = partition(bodies, |b| y[b as usize] < my);
            let low_left = partition(&mut bodies[..low], |b| x[b as usize] < mx);
            let high_left = partition(&mut bodies[low..], |b| x[b as usize] < mx);
            let bounds = [
                (start, start + low_left, x0, y0),
                (start + low_left, start + low, mx, y0),
                (start + low, start + low + high_left, x0, my),
                (start + low + high_left, end, mx, my),
            ];
            let first = self.cells.len();
            self.cells.extend([Cell::default(); 4]);
            c.children = first as u32;
            for (q, &(s, e, qx, qy)) in bounds.iter().enumerate() {
                if s < e {
                    self.fill(first + q, s, e, qx, qy, size / 2.0, depth + 1, x, y, mass);
                    let child = self.cells[first + q];
                    c.mass += child.mass;
                    c.cx += child.cx * child.mass;
                    c.cy += child.cy * child.mass;
                }
            }
        }
        if c.mass > 0.0 {
            c.cx /= c.mass;
            c.cy /= c.mass;
        }
        self.cells[cell] = c;
    }

    /// Repulsion on every body, split over `threads` (each body's force is computed alone, so
    /// the split does not change the result). Bodies are visited in tree order, so that
    /// neighbours in memory are neighbours in space and walk the same cells.
    #[allow(clippy::too_many_arguments)]
    fn repulsion(&self, x: &[f64], y: &[f64], mass: &[f64], scaling: f64, threads: usize, fx: &mut [f64], fy: &mut [f64]) {
        let n = x.len();
        // Positions and masses in tree order: leaves read contiguous memory.
        let bx: Vec<f64> = self.order.iter().map(|&b| x[b as usize]).collect();
        let by: Vec<f64> = self.order.iter().map(|&b| y[b as usize]).collect();
        let bm: Vec<f64> = self.order.iter().map(|&b| mass[b as usize]).collect();
        let (mut ox, mut oy) = (vec![0.0; n], vec![0.0; n]);
        let chunk = n.div_ceil(threads).max(1024);
        let (bx, by, bm) = (&bx[..], &by[..], &bm[..]);
        let run = |k: usize, cx: &mut [f64], cy: &mut [f64]| {
            let mut stack = Vec::with_capacity(128);
            for (o, (rx, ry)) in cx.iter_mut().zip(cy.iter_mut()).enumerate() {
                let (f, g) = self.force_on(k * chunk + o, bx, by, bm, scaling, &mut stack);
                *rx = f;
                *ry = g;
            }
        };
        std::thread::scope(|scope| {
            let mut chunks = ox.chunks_mut(chunk).zip(oy.chunks_mut(chunk)).enumerate();
            let first = chunks.next();
            for (k, (cx, cy)) in chunks {
                scope.spawn(move || run(k, cx, cy));
            }
            if let Some((k, (cx, cy))) = first {
                run(k, cx, cy);
            }
        });
        for (k, &b) in self.order.iter().enumerate() {
            fx[b as usize] = ox[k];
            fy[b as usize] = oy[k];
        }
    }

    /// The repulsion on body `k` (in tree order) from all others.
    fn force_on(&self, k: usize, bx: &[f64], by: &[f64], bm: &[f64], scaling: f64, stack: &mut Vec<u32>) -> (f64, f64) {
        let (xi, yi, mi) = (bx[k], by[k], bm[k]);
        let (mut fx, mut fy) = (0.0, 0.0);
        let theta2 = THETA * THETA;
        stack.clear();
        stack.push(0);
        while let Some(c) = stack.pop() {
            let cell = &self.cells[c as usize];
            if cell.mass <= 0.0 {
                continue;
            }
            if cell.children == 0 {
                let (start, end) = (cell.start as usize, cell.end as usize);
                for j in start..end {
                    let (dx, dy) = (xi - bx[j], yi - by[j]);
                    let d2 = dx * dx + dy * dy;
                    if d2 > 0.0 && j != k {
                        let factor = scaling * mi * bm[j] / d2;
                        fx += dx * factor;
                        fy += dy * factor;
                    }
                }
                continue;
            }
            let (dx, dy) = (xi - cell.cx, yi - cell.cy);
            let d2 = dx * dx + dy * dy;
            if cell.size * cell.size < theta2 * d2 {
                let factor = scaling * mi * cell.mass / d2;
                fx += dx * factor;
                fy += dy * factor;
            } else {
                for q in 0..4 {
                    stack.push(cell.children + q);
                }
            }
        }
        (fx, fy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::graph::{Edge, Node};
    use crate::model::{Class, Property};

    fn node(i: usize) -> Node {
        Node {
            iri: format!("n{i}"),
            label: format!("n{i}"),
            top: Class::Organization,
            class: String::from("Company"),
            classes: vec![],
            labels: vec![],
            english: None,
            articles: 1,
            mentions: 1,
            first_date: None,
            last_date: None,
            founded: None,
        }
    }

    fn ring(n: usize) -> KgGraph {
        let mut g = KgGraph::default();
        let ids: Vec<_> = (0..n).map(|i| g.add_node(node(i))).collect();
        for i in 0..n {
            let edge = Edge { property: Property::Develops, weight: 1, articles: 1, confidence: 1.0, first_date: None, last_date: None };
            g.add_edge(ids[i], ids[(i + 1) % n], edge);
        }
        g
    }

    #[test]
    fn deterministic_and_finite() {
        for n in [0, 1, 2, 30, 1200] {
            let g = ring(n);
            let a = force_atlas2(&g, &LayoutOptions::default());
            let b = force_atlas2(&g, &LayoutOptions { threads: Some(1), ..LayoutOptions::default() });
            assert_eq!(a, b, "{n} nodes");
            assert_eq!(a.x.len(), n);
            assert!(a.x.iter().chain(&a.y).all(|v| v.is_finite()));
        }
    }

    #[test]
    fn neighbours_end_closer_than_strangers() {
        let g = ring(40);
        let l = force_atlas2(&g, &LayoutOptions::default());
        let d = |i: usize, j: usize| ((l.x[i] - l.x[j]).powi(2) + (l.y[i] - l.y[j]).powi(2)).sqrt();
        let neighbours: f64 = (0..40).map(|i| d(i, (i + 1) % 40)).sum::<f64>() / 40.0;
        let opposite: f64 = (0..40).map(|i| d(i, (i + 20) % 40)).sum::<f64>() / 40.0;
        assert!(neighbours * 3.0 < opposite, "{neighbours} vs {opposite}");
    }

    #[test]
    fn barnes_hut_matches_exact_repulsion_roughly() {
        let mut rng = Rng(7);
        let n = 500;
        let x: Vec<f64> = (0..n).map(|_| rng.unit() * 1000.0).collect();
        let y: Vec<f64> = (0..n).map(|_| rng.unit() * 1000.0).collect();
        let mass = vec![1.0; n];
        let (mut ex, mut ey) = (vec![0.0; n], vec![0.0; n]);
        exact_repulsion(&x, &y, &mass, &vec![0.0; n], 1.0, false, &mut ex, &mut ey);
        let (mut bx, mut by) = (vec![0.0; n], vec![0.0; n]);
        QuadTree::build(&x, &y, &mass).repulsion(&x, &y, &mass, 1.0, 2, &mut bx, &mut by);
        let error: f64 = (0..n).map(|i| ((ex[i] - bx[i]).powi(2) + (ey[i] - by[i]).powi(2)).sqrt()).sum();
        let total: f64 = (0..n).map(|i| (ex[i].powi(2) + ey[i].powi(2)).sqrt()).sum();
        assert!(error / total < 0.15, "relative error {}", error / total);
    }
}
