//! Keeping the sync folder small and its key safe (DESIGN, "Sync across devices"): a
//! device folds its own segments into one snapshot once every device it knows has applied
//! them — and not before; `sync forget` stops waiting for a lost machine; `sync rekey`
//! writes everything again under a new key, and each other machine joins again with it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use common::sync::{Devices, canonical};

/// Devices whose config folds segments once three have gathered.
fn devices(count: usize) -> Devices {
    let net = Devices::new(count);
    std::fs::write(
        net.s.dir.path().join("no-config.toml"),
        "[sync]\ncompact_after = 3\n",
    )
    .unwrap();
    net
}

fn files_of(net: &Devices, device: usize) -> Vec<PathBuf> {
    let id = net.json(device, &["sync", "status"])["device"]
        .as_str()
        .unwrap()
        .to_string();
    let mut found: Vec<PathBuf> = std::fs::read_dir(net.folder.join("tiesdesk").join(id))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tds"))
        .collect();
    found.sort();
    found
}

fn snapshots(files: &[PathBuf]) -> usize {
    files
        .iter()
        .filter(|p| p.to_string_lossy().ends_with(".snapshot.tds"))
        .count()
}

fn notes(net: &Devices, device: usize) -> Vec<String> {
    let mut notes: Vec<String> = canonical(net, device)["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["note"].as_str().unwrap().to_string())
        .collect();
    notes.sort();
    notes
}

/// The key fingerprint a segment's clear header names.
fn fingerprint(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let first = text.lines().next().unwrap().to_string();
    first
        .split_whitespace()
        .skip_while(|w| *w != "key")
        .nth(1)
        .unwrap()
        .to_string()
}

fn key_in(said: &str) -> String {
    said.split_whitespace()
        .skip_while(|w| *w != "--key")
        .nth(1)
        .unwrap_or_else(|| panic!("no key in {said}"))
        .to_string()
}

#[test]
fn segments_every_device_applied_fold_into_a_snapshot_and_a_late_joiner_gets_everything() {
    let net = devices(3);
    net.ok(0, &["add", "Ana Lima"]);
    net.init_with(0, &["--name", "laptop"]);
    net.join(1);
    let mut stale_when_folded = None;
    for n in 1..=7 {
        net.ok(
            0,
            &["log", "Ana Lima", "--mutual", "--note", &format!("n{n}")],
        );
        let said = net.ok(0, &["sync"]);
        let folded = said.contains("into one snapshot");
        let round = net.json(1, &["sync"]);
        if folded {
            // The snapshot arrives with a new segment: its operations, all applied there
            // already, are passed by, not applied again (nothing stale).
            stale_when_folded = Some((round["stale"].clone(), round["applied"].clone()));
        }
    }
    assert_eq!(
        stale_when_folded,
        Some((serde_json::json!(0), serde_json::json!(1))),
        "no snapshot came, or it was applied again"
    );
    let files = files_of(&net, 0);
    assert_eq!(snapshots(&files), 1, "{files:?}");
    assert!(
        files.len() < 8,
        "eight segments written, {} kept",
        files.len()
    );
    let status = net.ok(0, &["sync", "status"]);
    assert!(status.contains("(1 snapshot)"), "{status}");
    // A machine joining now reads the snapshot and what came after: everything.
    net.join(2);
    assert_eq!(canonical(&net, 2), canonical(&net, 0));
    assert_eq!(canonical(&net, 1), canonical(&net, 0));
    assert_eq!(notes(&net, 2).len(), 7);
}

#[test]
fn compaction_waits_for_a_device_that_has_not_applied_and_forget_stops_the_wait() {
    let net = devices(3);
    net.ok(0, &["add", "Ana Lima"]);
    net.init_with(0, &["--name", "laptop"]);
    net.join(1);
    net.ok(
        2,
        &[
            "sync",
            "join",
            net.folder_arg(),
            "--key",
            &net.key(),
            "--name",
            "old phone",
        ],
    );
    // The phone is put away: it never syncs again (for a while).
    for n in 1..=6 {
        net.ok(
            0,
            &["log", "Ana Lima", "--mutual", "--note", &format!("n{n}")],
        );
        net.ok(0, &["sync"]);
        net.ok(1, &["sync"]);
    }
    assert_eq!(
        snapshots(&files_of(&net, 0)),
        0,
        "folded before the phone applied"
    );
    let status = net.json(0, &["sync", "status"]);
    let phone = status["devices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "old phone")
        .unwrap()
        .clone();
    assert_eq!(phone["behind"], 6, "{status}");
    assert!(
        net.ok(0, &["sync", "status"])
            .contains("6 of this device's to apply")
    );

    // Which device: a name nobody has, or this one, is one line and changes nothing.
    net.refused(0, &["sync", "forget", "no such machine"], "no device");
    net.refused(0, &["sync", "forget", "laptop"], "this device");
    let said = net.ok(0, &["sync", "forget", "Old Phone"]);
    assert!(said.contains("Forgot old phone"), "{said}");
    assert_eq!(snapshots(&files_of(&net, 0)), 1, "{said}");
    assert!(net.ok(0, &["sync", "status"]).contains("forgotten"));

    // The phone comes back: it still syncs, and holds what the others do.
    net.ok(2, &["sync"]);
    assert_eq!(canonical(&net, 2), canonical(&net, 0));
    assert_eq!(notes(&net, 2).len(), 6);
}

#[test]
fn a_compaction_cut_short_is_finished_at_the_next_sync() {
    let net = devices(3);
    net.ok(0, &["add", "Ana Lima"]);
    net.init(0);
    net.join(1);
    let mut kept: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for n in 1..=5 {
        net.ok(
            0,
            &["log", "Ana Lima", "--mutual", "--note", &format!("n{n}")],
        );
        net.ok(0, &["sync"]);
        for file in files_of(&net, 0) {
            if !kept.iter().any(|(p, _)| *p == file) {
                kept.push((file.clone(), std::fs::read(&file).unwrap()));
            }
        }
        net.ok(1, &["sync"]);
    }
    let now = files_of(&net, 0);
    assert_eq!(snapshots(&now), 1);
    // The machine stopped between writing the snapshot and removing what it folds: one
    // folded segment is still there.
    let (leftover, bytes) = kept.iter().find(|(p, _)| !now.contains(p)).unwrap();
    std::fs::write(leftover, bytes).unwrap();
    // A machine joining meanwhile reads both: nothing doubled.
    net.join(2);
    assert_eq!(canonical(&net, 2), canonical(&net, 0));
    net.ok(0, &["sync"]);
    assert!(!leftover.exists(), "the folded segment is still there");
    assert_eq!(canonical(&net, 1), canonical(&net, 0));
}

#[test]
fn rekey_writes_everything_again_under_a_new_key_and_each_machine_joins_again() {
    let net = devices(4);
    net.ok(0, &["add", "Ana Lima"]);
    net.init_with(0, &["--name", "laptop"]);
    net.join(1);
    net.ok(
        2,
        &[
            "sync",
            "join",
            net.folder_arg(),
            "--key",
            &net.key(),
            "--name",
            "stolen",
        ],
    );
    let old_key = net.key();
    net.ok(
        2,
        &["log", "Ana Lima", "--gave", "--note", "from the stolen one"],
    );
    net.ok(2, &["sync"]);
    let old_fingerprint = fingerprint(&files_of(&net, 2)[0]);

    // A readable folder has no key to change.
    let plain = Devices::new(1);
    plain.ok(0, &["sync", "init", plain.folder_arg(), "--no-encrypt"]);
    plain.refused(0, &["sync", "rekey"], "no key to change");

    let said = net.ok(0, &["sync", "rekey"]);
    let new_key = key_in(&said);
    assert_ne!(new_key, old_key);
    let files = files_of(&net, 0);
    assert_eq!(files.len(), 1, "{files:?}");
    assert_ne!(fingerprint(&files[0]), old_fingerprint);

    // The other machines, still on the old key, are told in one line and changed nothing;
    // so is a new machine given the old key.
    net.refused(1, &["sync"], "key was changed on laptop");
    net.refused(
        3,
        &["sync", "join", net.folder_arg(), "--key", &old_key],
        "key was changed",
    );
    // What one writes meanwhile is kept, and sent once it joins again.
    net.ok(
        1,
        &[
            "log",
            "Ana Lima",
            "--received",
            "--note",
            "while on the old key",
        ],
    );
    let again = net.ok(1, &["sync", "join", net.folder_arg(), "--key", &new_key]);
    assert!(again.contains("now syncs through"), "{again}");
    net.ok(0, &["sync"]);
    assert!(notes(&net, 0).contains(&"while on the old key".to_string()));
    // A wrong key for joining again changes nothing.
    net.refused(
        1,
        &[
            "sync",
            "join",
            net.folder_arg(),
            "--key",
            "AGE-SECRET-KEY-1BAD",
        ],
        "not a sync folder's key",
    );

    // A machine joining with the new key gets everything — what the stolen one wrote too,
    // through the laptop's snapshot — and hears that one device is still on the old key.
    let joined = net.ok(3, &["sync", "join", net.folder_arg(), "--key", &new_key]);
    assert!(joined.contains("still on the folder's old key"), "{joined}");
    assert_eq!(canonical(&net, 3), canonical(&net, 0));
    assert!(notes(&net, 3).contains(&"from the stolen one".to_string()));
    // Nothing the laptop or the desktop writes from now on opens with the old key.
    for device in [0, 1] {
        for file in files_of(&net, device) {
            assert_ne!(fingerprint(&file), old_fingerprint, "{}", file.display());
        }
    }
    net.refused(2, &["sync"], "key was changed");
}
