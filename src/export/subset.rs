//! Subsets of the graph: by class, by property, by weight, by a SPARQL CONSTRUCT's result, and
//! the neighbourhood of an entity. (The date range is applied earlier, by the snapshot, since it
//! changes the counts and not only the membership.)
//!
//! Applied in this order: `--class` keeps the nodes of the given classes (top or finer);
//! `--property` and `--min-weight` keep the edges that match, and then only the nodes that still
//! have an edge; `--query` keeps the entities and facts the CONSTRUCT returns; `--ego` keeps the
//! nodes within `depth` edges (either direction) of every entity with that name.

use super::graph::KgGraph;
use super::ExportError;
use crate::model::{Class, Property};
use crate::store::snapshot::SelectedTriple;
use crate::store::vocab;
use petgraph::visit::EdgeRef;
use std::collections::{HashSet, VecDeque};

#[derive(Debug, Clone, Default)]
pub struct Subset {
    /// Class names (`Company`, `kg:Person`…), top or finer, any case.
    pub classes: Vec<String>,
    /// Property names: `foundedBy`, `kg:ceo`, or the Chinese name (创始人).
    pub properties: Vec<String>,
    /// Least number of supporting sentences of an edge.
    pub min_weight: u32,
    /// An entity's name (any of its labels) and how many edges away to go.
    pub ego: Option<(String, usize)>,
    /// The triples of a CONSTRUCT query.
    pub selection: Option<Vec<SelectedTriple>>,
}

fn bare(name: &str) -> &str {
    let name = name.trim();
    name.strip_prefix("kg:").or_else(|| name.strip_prefix(vocab::KG)).unwrap_or(name)
}

/// The class a user's word names.
pub fn parse_class(name: &str) -> Result<Class, ExportError> {
    let bare = bare(name);
    Class::ALL
        .iter()
        .copied()
        .find(|c| c.local_name().eq_ignore_ascii_case(bare))
        .ok_or_else(|| ExportError::UnknownClass(name.to_owned()))
}

/// The property a user's word names (local name in any case, or its Chinese name in `graph`).
pub fn parse_property(name: &str, graph: &KgGraph) -> Result<Property, ExportError> {
    let bare = bare(name);
    let property = Property::ALL
        .iter()
        .copied()
        .find(|p| p.local_name().eq_ignore_ascii_case(bare) || graph.property_names.get(p).is_some_and(|zh| zh == bare))
        .ok_or_else(|| ExportError::UnknownProperty(name.to_owned()))?;
    if property == Property::FoundingDate {
        return Err(ExportError::NotAnEdge(name.to_owned()));
    }
    Ok(property)
}

impl Subset {
    /// Whether the subset is the whole graph.
    pub fn is_all(&self) -> bool {
        self.classes.is_empty() && self.properties.is_empty() && self.min_weight <= 1 && self.ego.is_none() && self.selection.is_none()
    }

    /// Checks the words that need no graph (class names), so that mistakes are reported before
    /// any work.
    pub fn check(&self) -> Result<(), ExportError> {
        for class in &self.classes {
            parse_class(class)?;
        }
        for property in &self.properties {
            if Property::from_local_name(bare(property)).is_some_and(|p| p == Property::FoundingDate) {
                return Err(ExportError::NotAnEdge(property.clone()));
            }
        }
        Ok(())
    }

    pub fn apply(&self, mut graph: KgGraph) -> Result<KgGraph, ExportError> {
        let classes: Vec<Class> = self.classes.iter().map(|c| parse_class(c)).collect::<Result<_, _>>()?;
        let properties: Vec<Property> = self.properties.iter().map(|p| parse_property(p, &graph)).collect::<Result<_, _>>()?;
        if self.is_all() {
            return Ok(graph);
        }

        if !classes.is_empty() {
            let keep: Vec<bool> = graph
                .graph
                .node_weights()
                .map(|n| {
                    classes.iter().any(|c| {
                        n.top == *c || n.class == c.local_name() || n.classes.iter().any(|k| k == c.local_name())
                    })
                })
                .collect();
            let edges = vec![true; graph.edge_count()];
            graph = graph.retain(&keep, &edges);
        }

        if !properties.is_empty() || self.min_weight > 1 {
            let keep_edge: Vec<bool> = graph
                .graph
                .edge_weights()
                .map(|e| (properties.is_empty() || properties.contains(&e.property)) && e.weight >= self.min_weight)
                .collect();
            let mut keep_node = vec![false; graph.node_count()];
            for edge in graph.graph.edge_references() {
                if keep_edge[edge.id().index()] {
                    keep_node[edge.source().index()] = true;
                    keep_node[edge.target().index()] = true;
                }
            }
            graph = graph.retain(&keep_node, &keep_edge);
        }

        if let Some(triples) = &self.selection {
            let mut nodes: HashSet<&str> = HashSet::new();
            let mut facts: HashSet<(&str, Property, &str)> = HashSet::new();
            for t in triples {
                nodes.insert(&t.subject);
                if let Some(object) = &t.object {
                    nodes.insert(object);
                    if let Some(p) = t.predicate.strip_prefix(vocab::KG).and_then(Property::from_local_name) {
                        facts.insert((&t.subject, p, object));
                    }
                }
            }
            let keep_node: Vec<bool> = graph.graph.node_weights().map(|n| nodes.contains(n.iri.as_str())).collect();
            let keep_edge: Vec<bool> = graph
                .graph
                .edge_references()
                .map(|e| {
                    let (s, t) = (&graph.graph[e.source()].iri, &graph.graph[e.target()].iri);
                    facts.contains(&(s.as_str(), e.weight().property, t.as_str()))
                })
                .collect();
            graph = graph.retain(&keep_node, &keep_edge);
        }

        if let Some((name, depth)) = &self.ego {
            let wanted = name.trim();
            let exact: Vec<usize> =
                graph.graph.node_weights().enumerate().filter(|(_, n)| n.labels.iter().chain([&n.label]).any(|l| l == wanted)).map(|(i, _)| i).collect();
            let seeds = if exact.is_empty() {
                let folded = wanted.to_lowercase();
                graph
                    .graph
                    .node_weights()
                    .enumerate()
                    .filter(|(_, n)| n.labels.iter().chain([&n.label]).any(|l| l.to_lowercase() == folded))
                    .map(|(i, _)| i)
                    .collect()
            } else {
                exact
            };
            if seeds.is_empty() {
                return Err(ExportError::NoSuchEntity(name.clone()));
            }
            let mut distance = vec![usize::MAX; graph.node_count()];
            let mut queue = VecDeque::new();
            for s in seeds {
                distance[s] = 0;
                queue.push_back(s);
            }
            while let Some(i) = queue.pop_front() {
                if distance[i] >= *depth {
                    continue;
                }
                let node = petgraph::graph::NodeIndex::new(i);
                for next in graph.graph.neighbors_undirected(node) {
                    if distance[next.index()] == usize::MAX {
                        distance[next.index()] = distance[i] + 1;
                        queue.push_back(next.index());
                    }
                }
            }
            let keep_node: Vec<bool> = distance.iter().map(|&d| d != usize::MAX).collect();
            let keep_edge = vec![true; graph.edge_count()];
            graph = graph.retain(&keep_node, &keep_edge);
        }
        Ok(graph)
    }
}
