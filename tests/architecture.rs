//! The layers hold (ARCHITECTURE.md): the store is reached only through `ops`, the formats
//! and the document never reach the store, `ui` reads no clock, and no two files of `store/`
//! or `app/` depend on each other in a circle. Read from the source, so a shortcut taken
//! fails here the day it is written.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, with its text, test modules included (they are code too).
fn sources(dir: &str) -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(Path::new(dir), &mut out);
    out.sort();
    assert!(!out.is_empty(), "{dir}");
    out
}

/// Lines of code: comments left out (a comment may name anything).
fn code(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_start)
        .filter(|line| !line.starts_with("//"))
}

#[test]
fn the_store_is_reached_only_through_ops() {
    for (path, text) in sources("src") {
        let place = path.to_string_lossy();
        if place.starts_with("src/store") || place.starts_with("src/ops") {
            continue;
        }
        for line in code(&text) {
            assert!(
                !line.contains("crate::store") && !line.contains("Store::"),
                "{place}: {line}"
            );
        }
    }
    let lib = std::fs::read_to_string("src/lib.rs").unwrap();
    assert!(
        lib.lines().any(|l| l.trim() == "mod store;"),
        "store is private"
    );
    for (path, text) in sources("src/ops") {
        for line in code(&text) {
            assert!(!line.contains("pub store"), "{}: {line}", path.display());
        }
    }
}

#[test]
fn formats_and_the_document_take_values_and_ui_reads_no_clock() {
    for dir in [
        "src/document",
        "src/import",
        "src/export",
        "src/model",
        "src/insight",
        "src/sync",
    ] {
        for (path, text) in sources(dir) {
            for line in code(&text) {
                assert!(
                    !line.contains("crate::ops") && !line.contains("crate::app"),
                    "{}: {line}",
                    path.display()
                );
            }
        }
    }
    for dir in ["src/ui", "src/model", "src/insight"] {
        for (path, text) in sources(dir) {
            for line in code(&text) {
                for clock in ["Local::now", "Utc::now", "SystemTime::now", "today_local"] {
                    assert!(!line.contains(clock), "{}: {line}", path.display());
                }
            }
        }
    }
}

/// The modules of `dir` (a file, or a folder with its files) and which others each names.
fn module_edges(dir: &str, layer: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    for (path, text) in sources(dir) {
        let relative = path.strip_prefix(dir).unwrap();
        let first = relative.components().next().unwrap();
        let name = first
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if name != "mod" {
            let code: Vec<&str> = code(&text).collect();
            files.entry(name).or_default().push_str(&code.join("\n"));
        }
    }
    let names: Vec<String> = files.keys().cloned().collect();
    files
        .iter()
        .map(|(name, text)| {
            let named = names
                .iter()
                .filter(|other| *other != name)
                .filter(|other| {
                    [
                        format!("super::{other}::"),
                        format!("super::{other}::{{"),
                        format!("crate::{layer}::{other}::"),
                        format!("super::{other};"),
                    ]
                    .iter()
                    .any(|form| text.contains(form.as_str()))
                })
                .cloned()
                .collect();
            (name.clone(), named)
        })
        .collect()
}

#[test]
fn no_files_depend_on_each_other_in_a_circle() {
    for (dir, layer) in [("src/store", "store"), ("src/app", "app")] {
        let edges = module_edges(dir, layer);
        assert!(edges.len() > 10, "{edges:?}");
        // Depth-first from every module: a path that comes back to where it started is a
        // circle.
        for start in edges.keys() {
            let mut stack: Vec<Vec<&String>> = vec![vec![start]];
            let mut seen = BTreeSet::new();
            while let Some(path) = stack.pop() {
                let last = path[path.len() - 1];
                for next in &edges[last] {
                    assert!(
                        next != start,
                        "{dir}: a circle: {} → {start}",
                        path.iter()
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(" → ")
                    );
                    if seen.insert(next) {
                        let mut longer = path.clone();
                        longer.push(next);
                        stack.push(longer);
                    }
                }
            }
        }
    }
}
