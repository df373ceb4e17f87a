//! Expanding the inputs: files, directories (recursively, sorted, hidden entries and README-like
//! documents skipped, each directory visited once so symbolic-link loops end), standard input.

use super::{io_error, kind_of, Input, ReadError, Source, Sources};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

pub fn sources(inputs: &[Input]) -> Sources {
    let mut out = Sources::default();
    let mut stdin_seen = false;
    for input in inputs {
        match input {
            Input::Stdin => {
                if !stdin_seen {
                    stdin_seen = true;
                    out.sources.push(Source::Stdin);
                }
            }
            Input::Path(path) => add_path(path, &mut out),
        }
    }
    out
}

fn add_path(path: &Path, out: &mut Sources) {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            out.errors.push(io_error(path, e));
            return;
        }
    };
    if meta.is_dir() {
        let (sources, errors, passed) =
            (out.sources.len(), out.errors.len(), out.passed_over.len());
        let mut visited = HashSet::new();
        walk_dir(path, out, &mut visited, &mut Vec::new());
        if out.sources.len() == sources && out.errors.len() == errors {
            out.errors.push(ReadError::NoArticles {
                path: path.to_owned(),
                passed_over: out.passed_over.len() - passed,
            });
        }
    } else if kind_of(path).is_none() {
        out.errors.push(ReadError::UnknownKind {
            path: path.to_owned(),
        });
    } else {
        add_file(path, meta.is_file(), out);
    }
}

/// A file of a known kind: listed if it can be opened (a regular file is opened once to find out;
/// a pipe is not, as opening it would block).
fn add_file(path: &Path, regular: bool, out: &mut Sources) {
    if regular {
        if let Err(e) = fs::File::open(path) {
            out.errors.push(io_error(path, e));
            return;
        }
    }
    out.sources.push(Source::File(path.to_owned()));
}

/// `README.md`, `LICENSE.txt` and their kin document a folder of articles; they are not articles.
/// Passed over inside directories (named on the command line, they are read like any file).
fn is_project_document(path: &Path) -> bool {
    const NAMES: &[&str] = &[
        "readme",
        "license",
        "licence",
        "changelog",
        "contributing",
        "authors",
        "notice",
        "copying",
    ];
    path.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|stem| NAMES.contains(&stem.to_ascii_lowercase().as_str()))
}

/// Walks `dir`; `ancestors` are the canonical paths of the directories being walked around it,
/// so that a link back to one of them is reported as a loop. A directory reached a second way
/// (another link to it) is passed silently: its files are listed once.
fn walk_dir(dir: &Path, out: &mut Sources, visited: &mut HashSet<PathBuf>, ancestors: &mut Vec<PathBuf>) {
    let canonical = match fs::canonicalize(dir) {
        Ok(canonical) => canonical,
        Err(e) => {
            out.errors.push(io_error(dir, e));
            return;
        }
    };
    if ancestors.contains(&canonical) {
        out.notices.push(ReadError::LinkLoop { path: dir.to_owned(), target: canonical });
        return;
    }
    if !visited.insert(canonical.clone()) {
        return;
    }
    ancestors.push(canonical);
    list_dir(dir, out, visited, ancestors);
    ancestors.pop();
}

fn list_dir(dir: &Path, out: &mut Sources, visited: &mut HashSet<PathBuf>, ancestors: &mut Vec<PathBuf>) {
    let entries = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            out.errors.push(io_error(dir, e));
            return;
        }
    };
    let mut children = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => children.push(entry),
            Err(e) => out.errors.push(io_error(dir, e)),
        }
    }
    children.sort_by_key(|e| e.file_name());
    for entry in children {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let file_type = match entry.file_type() {
            Ok(t) => t,
            Err(e) => {
                out.errors.push(io_error(&path, e));
                continue;
            }
        };
        // Follow symbolic links; a link to a directory already visited is passed silently.
        let (is_dir, is_file) = if file_type.is_symlink() {
            match fs::metadata(&path) {
                Ok(m) => (m.is_dir(), m.is_file()),
                Err(e) => {
                    let mut err = io_error(&path, e);
                    if let ReadError::Io {
                        message, source, ..
                    } = &mut err
                    {
                        if source.kind() == std::io::ErrorKind::NotFound {
                            *message = "broken symbolic link".into();
                        }
                    }
                    out.errors.push(err);
                    continue;
                }
            }
        } else {
            (file_type.is_dir(), file_type.is_file())
        };
        if is_dir {
            walk_dir(&path, out, visited, ancestors);
        } else if kind_of(&path).is_some() && is_file && !is_project_document(&path) {
            add_file(&path, true, out);
        } else {
            out.passed_over.push(path);
        }
    }
}
