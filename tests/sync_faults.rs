//! Sync's faults and what the folder holds (DESIGN, "Sync across devices"): encrypted
//! segments say nothing in clear text, a readable folder is readable, a file still being
//! copied waits, and a missing folder, a wrong key, a newer format or a database inside a
//! synced folder are one line each and change nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use common::sync::{Devices, canonical};

#[test]
fn an_encrypted_folder_holds_no_name_or_note_in_clear_text() {
    let net = Devices::new(2);
    net.ok(0, &["add", "Zebedee Quill", "--company", "Marrowfield"]);
    net.ok(
        0,
        &["log", "Zebedee Quill", "--mutual", "--note", "lanternfish"],
    );
    net.init(0);
    net.join(1);
    let mut files = 0;
    for file in walk(&net.folder) {
        let bytes = std::fs::read(&file).unwrap();
        for secret in ["Zebedee", "Marrowfield", "lanternfish"] {
            assert!(
                !String::from_utf8_lossy(&bytes).contains(secret),
                "{secret} in clear text in {}",
                file.display()
            );
        }
        files += 1;
    }
    assert!(files >= 2, "nothing written into the folder");
}

#[test]
fn a_readable_folder_is_readable_and_its_join_line_has_no_key() {
    let net = Devices::new(2);
    net.ok(0, &["add", "Ana Lima"]);
    let said = net.ok(0, &["sync", "init", net.folder_arg(), "--no-encrypt"]);
    assert!(!said.contains("--key"), "{said}");
    net.ok(1, &["sync", "join", net.folder_arg()]);
    let text: String = walk(&net.folder)
        .iter()
        .map(|f| String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned())
        .collect();
    assert!(text.contains("Ana Lima"));
    assert_eq!(net.json(1, &["list"])[0]["name"], "Ana Lima");
}

#[test]
fn a_segment_still_being_copied_waits_and_is_applied_once_whole() {
    let net = Devices::new(2);
    net.ok(0, &["add", "Ana Lima"]);
    net.init(0);
    net.join(1);
    net.ok(0, &["log", "Ana Lima", "--mutual", "--note", "halfway"]);
    net.ok(0, &["sync"]);
    // The newest segment of machine 0, cut in half as a sync tool mid-copy leaves it.
    let newest = net.segments_of(0).pop().unwrap();
    let whole = std::fs::read(&newest).unwrap();
    std::fs::write(&newest, &whole[..whole.len() / 2]).unwrap();
    let said = net.ok(1, &["sync"]);
    assert!(said.contains("Still being copied"), "{said}");
    assert!(
        net.json(1, &["show", "Ana Lima"])["interactions"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    std::fs::write(&newest, &whole).unwrap();
    net.ok(1, &["sync"]);
    assert_eq!(
        net.json(1, &["show", "Ana Lima"])["interactions"][0]["note"],
        "halfway"
    );
    // Applying it again (a sync tool's duplicate under another name) changes nothing.
    let copy = newest.with_file_name(format!(
        "{}-copy.tds",
        newest.file_stem().unwrap().to_string_lossy()
    ));
    std::fs::write(&copy, &whole).unwrap();
    let before = canonical(&net, 1);
    net.ok(1, &["sync"]);
    assert_eq!(before, canonical(&net, 1));
}

#[test]
fn faults_are_one_line_and_change_nothing() {
    let net = Devices::new(3);
    net.ok(0, &["add", "Ana Lima"]);
    net.init(0);
    // Not a sync folder yet / no folder at all.
    let other = net.s.dir.path().join("elsewhere");
    std::fs::create_dir_all(&other).unwrap();
    net.refused(
        1,
        &["sync", "join", other.to_str().unwrap()],
        "holds no tiesdesk sync folder",
    );
    net.refused(1, &["sync"], "no database here yet");
    // A key that is not the folder's.
    let wrong = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX";
    net.refused(
        1,
        &["sync", "join", net.folder_arg(), "--key", wrong],
        "encrypted with another key",
    );
    net.refused(
        1,
        &["sync", "join", net.folder_arg()],
        "no key for the folder",
    );
    // A second init over a folder in use.
    net.ok(2, &["add", "Bo Chen"]);
    net.refused(
        2,
        &["sync", "init", net.folder_arg()],
        "holds a tiesdesk sync folder already",
    );
    // The folder gone (a drive not mounted).
    net.join(1);
    let moved = net.s.dir.path().join("unmounted");
    std::fs::rename(&net.folder, &moved).unwrap();
    net.refused(1, &["sync"], "is not there");
    std::fs::rename(&moved, &net.folder).unwrap();
    // A segment from a newer tiesdesk.
    let newer = net.segments_of(0).pop().unwrap();
    let bytes = std::fs::read(&newer).unwrap();
    let text =
        String::from_utf8_lossy(&bytes).replacen("tiesdesk segment 1 ", "tiesdesk segment 9 ", 1);
    std::fs::write(
        newer.with_file_name("ffffffffffffffff-ffffffffffffffff.tds"),
        text,
    )
    .unwrap();
    net.refused(1, &["sync"], "newer tiesdesk");
}

#[test]
fn init_refuses_a_database_inside_a_synced_folder_or_the_sync_folder_itself() {
    let net = Devices::new(1);
    let inside = net.folder.join("tiesdesk.db");
    net.s.ok_on(&inside, &["add", "Ana Lima"]);
    let out = net
        .s
        .cmd_on(&inside, &["sync", "init", net.folder_arg()])
        .output()
        .unwrap();
    common::assert_refused(&out, "inside the sync folder");
    // A database in a folder Syncthing syncs.
    let synced = net.s.dir.path().join("Sync");
    std::fs::create_dir_all(synced.join(".stfolder")).unwrap();
    let db = synced.join("tiesdesk.db");
    net.s.ok_on(&db, &["add", "Ana Lima"]);
    let out = net
        .s
        .cmd_on(&db, &["sync", "init", net.folder_arg()])
        .output()
        .unwrap();
    // The warning every open gives, then the refusal in one line.
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && out.stdout.is_empty(), "{said}");
    let refusal = said.lines().last().unwrap();
    assert!(
        refusal.contains("sync:")
            && refusal.contains("Syncthing")
            && refusal.contains("nothing was changed"),
        "{said}"
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
