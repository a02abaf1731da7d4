//! An export taken while another process writes is one moment of the database: every JSON
//! document restores into a fresh database, and what it holds is what was there at one
//! instant (a person added is there with their promise and log, or without them, never a
//! promise or a log without the person).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::atomic::{AtomicBool, Ordering};

use common::Sandbox;

/// People the writer adds, each then promised something and logged: three writes each.
const WRITTEN: usize = 80;

#[test]
fn exports_taken_during_writes_restore_and_hold_one_moment() {
    let s = Sandbox::new();
    // Enough people that an export takes a while, so writes land while it reads.
    s.cmd(&["demo", "--people", "3000", "--seed", "3"])
        .assert()
        .success();
    let writing = AtomicBool::new(true);
    let mut documents = Vec::new();
    let mut sheets = Vec::new();
    std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            for i in 0..WRITTEN {
                let name = format!("Writer {i:03}");
                s.cmd(&["add", &name]).assert().success();
                s.cmd(&["promise", &name, "the book"]).assert().success();
                s.cmd(&["log", "--mutual", "--kind", "call", &name])
                    .assert()
                    .success();
            }
            writing.store(false, Ordering::SeqCst);
        });
        let mut n = 0;
        while writing.load(Ordering::SeqCst) {
            let json = s.dir.path().join(format!("export-{n}.json"));
            let csv = s.dir.path().join(format!("export-{n}.csv"));
            s.cmd(&["export", "json", "-o", json.to_str().unwrap()])
                .assert()
                .success();
            s.cmd(&["export", "csv", "-o", csv.to_str().unwrap()])
                .assert()
                .success();
            documents.push(json);
            sheets.push(csv);
            n += 1;
        }
        writer.join().unwrap();
    });
    assert!(
        documents.len() >= 5,
        "only {} exports ran while the writer wrote",
        documents.len()
    );
    let mut moments = Vec::new();
    for (n, document) in documents.iter().enumerate() {
        let fresh = s.dir.path().join(format!("restored-{n}.db"));
        let mut restore = s.cmd_on(&fresh, &["import", "json", document.to_str().unwrap()]);
        common::succeeded(&mut restore, &format!("restoring export {n}"));
        let text = std::fs::read_to_string(document).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let writers: Vec<i64> = value["people"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["name"].as_str().unwrap().starts_with("Writer "))
            .map(|p| p["id"].as_i64().unwrap())
            .collect();
        let logged = value["interactions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| {
                i["people"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|p| writers.contains(&p.as_i64().unwrap()))
            })
            .count();
        let promised = value["promises"].as_array().map_or(0, |promises| {
            promises
                .iter()
                .filter(|p| writers.contains(&p["person"].as_i64().unwrap()))
                .count()
        });
        // At one moment, every writer added is promised and logged but perhaps the newest.
        assert!(
            logged <= promised && promised <= writers.len() && writers.len() <= logged + 1,
            "export {n}: {} writers added, {promised} promised, {logged} logged",
            writers.len()
        );
        // The sheet of the same moment or a later one: the writers so far, in order, each
        // with their figures.
        let sheet = std::fs::read_to_string(&sheets[n]).unwrap();
        let rows = sheet.lines().filter(|l| l.contains("Writer ")).count();
        assert!(
            rows >= writers.len(),
            "export {n}: the sheet lists {rows} writers, the document {} before it",
            writers.len()
        );
        moments.push(writers.len());
    }
    // The exports saw the writes happen (not all before or all after them).
    assert!(
        moments.iter().any(|&m| m > 0 && m < WRITTEN),
        "no export fell among the writes: {moments:?}"
    );
}
