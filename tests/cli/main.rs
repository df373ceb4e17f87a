//! End-to-end tests: the `zhkg` binary driven as users' scripts drive it. One test binary, one
//! module per command family; each test builds what it needs in a temporary directory with the
//! small `Zhkg` helper below.

mod bad_input;
mod export;
mod extraction;
mod ingest;
mod serve;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A temporary workspace with a store, and a way to run `zhkg` against it.
pub struct Zhkg {
    dir: tempfile::TempDir,
}

/// What one run of `zhkg` did.
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn from(output: Output) -> Run {
        Run {
            status: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    #[track_caller]
    pub fn expect(self, status: i32) -> Run {
        assert_eq!(self.status, status, "exit status\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }
}

impl Zhkg {
    pub fn new() -> Zhkg {
        Zhkg { dir: tempfile::tempdir().expect("a temporary directory") }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn store(&self) -> PathBuf {
        self.path("store")
    }

    /// Writes a file below the workspace, creating its directories.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, bytes).unwrap();
        path
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_zhkg"));
        command.args(args).env("ZHKG_STORE", self.store()).current_dir(self.dir.path());
        command
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.command(args).stdin(Stdio::null()).output().expect("zhkg runs"))
    }

    pub fn run_with_stdin(&self, args: &[&str], input: &[u8]) -> Run {
        let mut child = self.command(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        child.stdin.take().unwrap().write_all(input).unwrap();
        Run::from(child.wait_with_output().unwrap())
    }

    pub fn ingest(&self, paths: &[&Path]) -> Run {
        let mut args = vec!["ingest"];
        let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        args.extend(paths.iter().map(String::as_str));
        self.run(&args)
    }

    /// The values of the first column of a SELECT query, in order.
    pub fn column(&self, query: &str) -> Vec<String> {
        let run = self.run(&["query", "--format", "json", query]).expect(0);
        let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("SPARQL JSON results");
        let variable = json["head"]["vars"][0].as_str().unwrap().to_owned();
        json["results"]["bindings"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|b| b[&variable]["value"].as_str().map(str::to_owned))
            .collect()
    }

    /// Every row of a SELECT query on the store at `store`, values as text, in the order of the
    /// query's variables (an unbound value is empty).
    pub fn rows_in(&self, store: &Path, query: &str) -> Vec<Vec<String>> {
        let run = self.run(&["query", "--store", store.to_str().unwrap(), "--format", "json", query]).expect(0);
        let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("SPARQL JSON results");
        let vars: Vec<String> = json["head"]["vars"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect();
        json["results"]["bindings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| vars.iter().map(|v| b[v]["value"].as_str().unwrap_or("").to_owned()).collect())
            .collect()
    }

    pub fn count(&self, query: &str) -> usize {
        self.column(query)[0].parse().unwrap()
    }

    pub fn quads(&self) -> usize {
        self.count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    }

    /// Labels of every entity of the given top class.
    pub fn labels_of_class(&self, class: &str) -> Vec<String> {
        self.column(&format!(
            "SELECT DISTINCT ?l WHERE {{ ?e a/rdfs:subClassOf* kg:{class} ; rdfs:label|skos:altLabel ?l }} ORDER BY ?l"
        ))
    }
}

pub const SIMPLIFIED: &str = "星河智能科技发布新机器人\n发布日期：2025-05-06\n\n\
星河智能科技由李明远于2018年创立，总部位于杭州。该公司今日发布了巡检机器人“天鹰X2”。\n";

pub const TRADITIONAL: &str = "晨光半導體的創始人是陳嘉怡。晨光半導體總部位於新竹。\n";

pub fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples")
}

pub fn shared_corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    dir.is_dir().then_some(dir)
}

