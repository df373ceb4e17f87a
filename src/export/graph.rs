//! The graph every writer draws: typed entities as nodes, facts between them as directed edges
//! (one per property between a pair, so parallel edges of different kinds coexist), held in a
//! petgraph `DiGraph`.

use crate::model::Property;
use crate::store::snapshot::{FactRecord, Snapshot};
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::HashMap;

/// An entity: the store's record of it, as is.
pub use crate::store::snapshot::EntityRecord as Node;

/// A fact between two entities.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub property: Property,
    /// Number of supporting sentences.
    pub weight: u32,
    /// Number of supporting articles.
    pub articles: u32,
    /// The highest confidence among the supporting sentences.
    pub confidence: f32,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

impl From<&FactRecord> for Edge {
    fn from(f: &FactRecord) -> Edge {
        Edge {
            property: f.property,
            weight: f.evidence,
            articles: f.articles,
            confidence: f.confidence,
            first_date: f.first_date.clone(),
            last_date: f.last_date.clone(),
        }
    }
}

/// The knowledge graph ready for layout and writing.
#[derive(Debug, Clone, Default)]
pub struct KgGraph {
    pub graph: DiGraph<Node, Edge>,
    /// Each property's Chinese name (the ontology's zh-Hans label), used as the edge label.
    pub property_names: HashMap<Property, String>,
}

impl KgGraph {
    pub fn new(property_names: HashMap<Property, String>) -> KgGraph {
        KgGraph { graph: DiGraph::new(), property_names }
    }

    pub fn with_capacity(nodes: usize, edges: usize, property_names: HashMap<Property, String>) -> KgGraph {
        KgGraph { graph: DiGraph::with_capacity(nodes, edges), property_names }
    }

    /// Builds the graph of a snapshot: every entity a node, every fact between two of them an edge.
    pub fn from_snapshot(snapshot: Snapshot) -> KgGraph {
        let mut graph = KgGraph::with_capacity(snapshot.entities.len(), snapshot.facts.len(), snapshot.property_names);
        let mut index: HashMap<String, NodeIndex> = HashMap::with_capacity(snapshot.entities.len());
        for entity in snapshot.entities {
            let iri = entity.iri.clone();
            index.insert(iri, graph.add_node(entity.into()));
        }
        for fact in &snapshot.facts {
            if let (Some(&s), Some(&o)) = (index.get(&fact.subject), index.get(&fact.object)) {
                graph.add_edge(s, o, fact.into());
            }
        }
        graph
    }

    pub fn add_node(&mut self, node: Node) -> NodeIndex {
        self.graph.add_node(node)
    }

    pub fn add_edge(&mut self, source: NodeIndex, target: NodeIndex, edge: Edge) -> EdgeIndex {
        self.graph.add_edge(source, target, edge)
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The edge label of a property: its Chinese name, else its local name.
    pub fn property_name(&self, property: Property) -> &str {
        self.property_names.get(&property).map(String::as_str).unwrap_or(property.local_name())
    }

    /// The degree (in + out, parallel edges counted) of every node, by node index.
    pub fn degrees(&self) -> Vec<u32> {
        let mut degrees = vec![0u32; self.graph.node_count()];
        for edge in self.graph.edge_references() {
            degrees[edge.source().index()] += 1;
            degrees[edge.target().index()] += 1;
        }
        degrees
    }

    /// Keeps the nodes and edges marked (by index); an edge goes with either of its ends.
    pub fn retain(self, keep_node: &[bool], keep_edge: &[bool]) -> KgGraph {
        let (nodes, edges) = self.graph.into_nodes_edges();
        let mut graph = DiGraph::with_capacity(nodes.len(), edges.len());
        let mut map = vec![NodeIndex::end(); nodes.len()];
        for (i, node) in nodes.into_iter().enumerate() {
            if keep_node[i] {
                map[i] = graph.add_node(node.weight);
            }
        }
        for (k, edge) in edges.into_iter().enumerate() {
            let (s, t) = (map[edge.source().index()], map[edge.target().index()]);
            if keep_edge[k] && s != NodeIndex::end() && t != NodeIndex::end() {
                graph.add_edge(s, t, edge.weight);
            }
        }
        KgGraph { graph, property_names: self.property_names }
    }
}
