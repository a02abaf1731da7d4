//! Devices that sync through one folder: databases beside each other in one sandbox, the
//! folder as a sync tool leaves it, and a device's export with every id replaced by what it
//! names (ids are each database's own).

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::{Sandbox, assert_refused, snapshot, succeeded};

pub struct Devices {
    pub s: Sandbox,
    pub dbs: Vec<PathBuf>,
    /// The folder every device syncs through.
    pub folder: PathBuf,
    join_line: RefCell<String>,
}

impl Devices {
    pub fn new(count: usize) -> Devices {
        let s = Sandbox::new();
        let dbs = (0..count)
            .map(|n| s.dir.path().join(format!("device{n}")).join("tiesdesk.db"))
            .collect();
        let folder = s.dir.path().join("Shared");
        std::fs::create_dir_all(&folder).unwrap();
        Devices {
            s,
            dbs,
            folder,
            join_line: RefCell::new(String::new()),
        }
    }

    pub fn db(&self, device: usize) -> &Path {
        &self.dbs[device]
    }

    pub fn folder_arg(&self) -> &str {
        self.folder.to_str().unwrap()
    }

    pub fn ok(&self, device: usize, args: &[&str]) -> String {
        succeeded(
            &mut self.s.cmd_on(self.db(device), args),
            &format!("device {device}: {args:?}"),
        )
    }

    pub fn json(&self, device: usize, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        serde_json::from_str(&self.ok(device, &all)).unwrap()
    }

    /// A command that must fail in one line and leave the device's database as it was.
    pub fn refused(&self, device: usize, args: &[&str], needle: &str) {
        let before = snapshot(self.db(device));
        let out = self.s.cmd_on(self.db(device), args).output().unwrap();
        assert_refused(&out, needle);
        assert_eq!(
            before,
            snapshot(self.db(device)),
            "{args:?} changed device {device}"
        );
    }

    /// `sync init` on `device` (encrypted); what it said, its join line kept.
    pub fn init(&self, device: usize) -> String {
        self.init_with(device, &[])
    }

    /// `sync init` on `device` with more arguments (`--name`).
    pub fn init_with(&self, device: usize, more: &[&str]) -> String {
        let mut args = vec!["sync", "init", self.folder_arg()];
        args.extend_from_slice(more);
        let said = self.ok(device, &args);
        let line = said
            .lines()
            .find(|l| l.trim_start().starts_with("tiesdesk sync join"))
            .unwrap_or_else(|| panic!("no join line in {said}"));
        *self.join_line.borrow_mut() = line.trim().to_string();
        said
    }

    /// The key in the join line `init` printed.
    pub fn key(&self) -> String {
        assert!(!self.join_line.borrow().is_empty(), "no join line kept");
        let line = self.join_line.borrow();
        line.split_whitespace()
            .skip_while(|w| *w != "--key")
            .nth(1)
            .unwrap()
            .to_string()
    }

    /// `sync join` on `device`, as the join line says.
    pub fn join(&self, device: usize) -> String {
        let key = self.key();
        self.ok(device, &["sync", "join", self.folder_arg(), "--key", &key])
    }

    /// `rounds` times, every device syncs in turn.
    pub fn sync_all(&self, rounds: usize) {
        for _ in 0..rounds {
            for device in 0..self.dbs.len() {
                self.ok(device, &["sync"]);
            }
        }
    }

    /// The segments `device` wrote, oldest first.
    pub fn segments_of(&self, device: usize) -> Vec<PathBuf> {
        let id = self.json(device, &["sync", "status"])["device"]
            .as_str()
            .unwrap()
            .to_string();
        let mut found: Vec<PathBuf> = std::fs::read_dir(self.folder.join("tiesdesk").join(id))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "tds"))
            .collect();
        found.sort();
        found
    }
}

/// `device`'s `export json` with every id replaced by what it names: a person by their name,
/// an interaction by its date, kind and note; lists sorted. Two devices that hold the same
/// network give the same value.
pub fn canonical(net: &Devices, device: usize) -> Value {
    let out = succeeded(
        &mut net.s.cmd_on(net.db(device), &["export", "json"]),
        "export",
    );
    canonical_document(serde_json::from_str(&out).unwrap())
}

pub fn canonical_document(mut doc: Value) -> Value {
    let names: std::collections::HashMap<i64, String> = (doc["people"].as_array().unwrap().iter())
        .map(|p| {
            (
                p["id"].as_i64().unwrap(),
                p["name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let interactions: std::collections::HashMap<i64, String> =
        (doc["interactions"].as_array().unwrap().iter())
            .map(|i| {
                (
                    i["id"].as_i64().unwrap(),
                    format!("{} {} {}", i["date"], i["kind"], i["note"]),
                )
            })
            .collect();
    let person = |v: &Value| -> Value {
        v.as_i64().map_or(Value::Null, |id| {
            Value::String(names.get(&id).cloned().unwrap_or_default())
        })
    };
    let Value::Object(map) = &mut doc else {
        panic!("not a document");
    };
    for (section, items) in map.iter_mut() {
        let Value::Array(items) = items else {
            continue;
        };
        for item in items.iter_mut() {
            let Value::Object(fields) = item else {
                continue;
            };
            fields.remove("id");
            let keys: Vec<String> = fields.keys().cloned().collect();
            for key in keys {
                let value = fields[&key].clone();
                let named = match key.as_str() {
                    "person" | "a" | "b" | "introduced_by" | "helper" => person(&value),
                    "people" => {
                        let mut people: Vec<Value> =
                            value.as_array().unwrap().iter().map(person).collect();
                        people.sort_by_key(Value::to_string);
                        Value::Array(people)
                    }
                    "favour" => value.as_i64().map_or(Value::Null, |id| {
                        Value::String(interactions.get(&id).cloned().unwrap_or_default())
                    }),
                    _ => continue,
                };
                fields.insert(key, named);
            }
            if section == "links" && fields["kind"] == "knows" {
                // A "knows" link is one either way round.
                let (a, b) = (fields["a"].clone(), fields["b"].clone());
                if a.as_str() > b.as_str() {
                    fields.insert("a".into(), b);
                    fields.insert("b".into(), a);
                }
            }
        }
        items.sort_by_key(Value::to_string);
    }
    Value::Object(
        std::mem::take(map)
            .into_iter()
            .collect::<Map<String, Value>>(),
    )
}
