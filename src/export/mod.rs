//! Export: the store's entities and facts as a graph for Gephi, networkx, igraph, yEd, Graphviz
//! or a browser. The only module that knows graph file formats.
//!
//! store (`store::snapshot`) → `KgGraph` (petgraph) → `Subset` → ForceAtlas2 `Layout` → a writer:
//! GEXF 1.3, GraphML, CSV (Gephi's spreadsheet form), DOT, SVG. Writers stream into a buffered
//! writer; nothing but the graph itself is held in memory.

pub mod csv;
pub mod dot;
pub mod gexf;
pub mod graph;
pub mod graphml;
pub mod layout;
pub mod style;
pub mod subset;
pub mod svg;
mod xml;

pub use gexf::GexfOptions;
pub use graph::{Edge, KgGraph, Node};
pub use layout::{force_atlas2, Layout, LayoutOptions};
pub use subset::Subset;

use std::fmt;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The graph file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Gexf,
    Graphml,
    Csv,
    Dot,
    Svg,
}

impl Format {
    pub const NAMES: &'static [&'static str] = &["gexf", "graphml", "csv", "dot", "svg"];

    /// The format a file name's extension names (`.gv` is DOT too).
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "gv" => Some(Format::Dot),
            other => other.parse().ok(),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Gexf => "gexf",
            Format::Graphml => "graphml",
            Format::Csv => "csv",
            Format::Dot => "dot",
            Format::Svg => "svg",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(name: &str) -> Result<Format, String> {
        Ok(match name.to_ascii_lowercase().as_str() {
            "gexf" => Format::Gexf,
            "graphml" => Format::Graphml,
            "csv" => Format::Csv,
            "dot" | "gv" => Format::Dot,
            "svg" => Format::Svg,
            _ => return Err(format!("unknown format '{name}' (known: {})", Format::NAMES.join(", "))),
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write {}: {error}", .path.display())]
    Write { path: PathBuf, error: io::Error },
    #[error("cannot write to standard output: {0}")]
    Stdout(io::Error),
    #[error("{0} output cannot go to standard output (it is two files); give -o DIR or -o PREFIX")]
    NotForStdout(Format),
    #[error("unknown class '{0}' (known: Organization, Person, Place, Product and their finer classes such as Company, City, AIModel)")]
    UnknownClass(String),
    #[error("unknown property '{0}' (known: foundedBy, headquarteredIn, develops, parentOrganization, ceo, chairperson, worksFor, locatedIn, or their Chinese names)")]
    UnknownProperty(String),
    #[error("'{0}' is a node attribute (founded), not an edge")]
    NotAnEdge(String),
    #[error("no entity is named '{0}'")]
    NoSuchEntity(String),
}

impl ExportError {
    /// Whether the user's words were wrong (exit status 2) rather than the world.
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            ExportError::NotForStdout(_) | ExportError::UnknownClass(_) | ExportError::UnknownProperty(_) | ExportError::NotAnEdge(_)
        )
    }
}

/// Where the output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdout,
    /// A file; for CSV a directory or a prefix (`csv::output_paths`).
    Path(PathBuf),
}

impl Target {
    pub fn from_arg(arg: &Path) -> Target {
        if arg.as_os_str() == "-" {
            Target::Stdout
        } else {
            Target::Path(arg.to_path_buf())
        }
    }
}

/// Options of the writers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// GEXF dynamic mode (Gephi's timeline).
    pub timeline: bool,
}

/// Writes one format (not CSV, which is two files) into `out`.
pub fn write_to<W: Write + ?Sized>(graph: &KgGraph, layout: &Layout, format: Format, options: &WriteOptions, out: &mut W) -> io::Result<()> {
    match format {
        Format::Gexf => gexf::write(graph, layout, &GexfOptions { timeline: options.timeline }, out),
        Format::Graphml => graphml::write(graph, layout, out),
        Format::Dot => dot::write(graph, layout, out),
        Format::Svg => svg::write(graph, layout, out),
        Format::Csv => {
            csv::write_nodes(graph, layout, out)?;
            out.write_all(b"\n")?;
            csv::write_edges(graph, out)
        }
    }
}

fn write_file(path: &Path, body: impl FnOnce(&mut BufWriter<File>) -> io::Result<()>) -> Result<(), ExportError> {
    let error = |error| ExportError::Write { path: path.to_path_buf(), error };
    let file = File::create(path).map_err(error)?;
    let mut out = BufWriter::with_capacity(1 << 17, file);
    body(&mut out).map_err(error)?;
    out.flush().map_err(error)
}

/// Writes the graph in `format` to `target`; returns the files written.
pub fn write(graph: &KgGraph, layout: &Layout, format: Format, options: &WriteOptions, target: &Target) -> Result<Vec<PathBuf>, ExportError> {
    match (target, format) {
        (Target::Stdout, Format::Csv) => Err(ExportError::NotForStdout(format)),
        (Target::Stdout, _) => {
            let stdout = io::stdout();
            let mut out = BufWriter::with_capacity(1 << 17, stdout.lock());
            match write_to(graph, layout, format, options, &mut out).and_then(|()| out.flush()) {
                // The reader has had enough (`| head`): not an error.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Vec::new()),
                Err(e) => Err(ExportError::Stdout(e)),
                Ok(()) => Ok(Vec::new()),
            }
        }
        (Target::Path(path), Format::Csv) => {
            let (nodes, edges) = csv::output_paths(path);
            if let Some(dir) = nodes.parent().filter(|d| !d.as_os_str().is_empty() && path.as_os_str().to_string_lossy().ends_with('/')) {
                std::fs::create_dir_all(dir).map_err(|error| ExportError::Write { path: dir.to_path_buf(), error })?;
            }
            write_file(&nodes, |out| csv::write_nodes(graph, layout, out))?;
            write_file(&edges, |out| csv::write_edges(graph, out))?;
            Ok(vec![nodes, edges])
        }
        (Target::Path(path), _) => {
            write_file(path, |out| write_to(graph, layout, format, options, out))?;
            Ok(vec![path.clone()])
        }
    }
}
