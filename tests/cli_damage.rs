//! A damaged database stops every write, once the damage has been seen: by `check`, or by
//! any command that met SQLite's "corrupt". Part of one page of `person`, `interaction`,
//! `contact` and `history` is overwritten in a 2,000-person demo (a page header, as a bad
//! sector or a stray write leaves it); every write is then refused in one line that names
//! `check` and `backup`, reads that can still work do, and a sound file (restored in its
//! place) is written again.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{Seek, SeekFrom, Write};
use std::path::Path;

use common::Sandbox;

/// A 2,000-person demo, checkpointed so the file holds every page.
fn demo() -> Sandbox {
    let s = Sandbox::new();
    s.ok(&["demo", "--people", "2000"]);
    let conn = rusqlite::Connection::open(&s.db).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    s
}

/// Overwrites the header of `table`'s root page.
fn damage(db: &Path, table: &str) {
    let (page_size, root): (i64, i64) = {
        let conn = rusqlite::Connection::open(db).unwrap();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
        let size = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        let root = conn
            .query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        (size, root)
    };
    let mut file = std::fs::OpenOptions::new().write(true).open(db).unwrap();
    file.seek(SeekFrom::Start(((root - 1) * page_size) as u64))
        .unwrap();
    file.write_all(&[0x5a; 16]).unwrap();
}

/// Runs a command that must fail, and returns its one line.
fn fails(s: &Sandbox, args: &[&str]) -> String {
    let out = s.cmd(args).output().unwrap();
    assert!(!out.status.success(), "{args:?} succeeded");
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(said.lines().count(), 1, "{args:?}: {said}");
    said
}

#[test]
fn damage_in_any_table_stops_every_write_until_the_file_is_sound() {
    let original = demo();
    let pristine = original.dir.path().join("pristine.db");
    std::fs::copy(&original.db, &pristine).unwrap();
    for table in ["person", "interaction", "contact", "history"] {
        let s = Sandbox::new();
        std::fs::create_dir_all(s.db.parent().unwrap()).unwrap();
        std::fs::copy(&pristine, &s.db).unwrap();
        damage(&s.db, table);
        // `check` says where, in one short line; `--verbose` lists every problem.
        let said = fails(&s, &["check"]);
        assert!(said.contains("the database is damaged"), "{table}: {said}");
        assert!(said.contains(&format!("{table}: ")), "{table}: {said}");
        assert!(said.contains("check --verbose"), "{table}: {said}");
        assert!(said.len() < 400, "{table}: a short line: {said}");
        let verbose = s.cmd(&["check", "--verbose"]).output().unwrap();
        assert!(!verbose.status.success());
        assert!(
            String::from_utf8_lossy(&verbose.stdout).lines().count() > 1,
            "{table}"
        );
        let json = s.cmd(&["check", "--json"]).output().unwrap();
        assert!(!json.status.success());
        let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        assert_eq!(report["sound"], false, "{table}");
        assert_eq!(report["tables"][0]["table"], table, "{table}: {report:#}");
        // Every write is refused, naming check and backup, and changes nothing.
        let before = common::snapshot(&s.db);
        for write in [
            &["add", "Zed Zero"][..],
            &["log", "id:5", "--gave"],
            &["undo"],
            &["import", "vcard", "tests/fixtures/import/apple_v30.vcf"],
        ] {
            let said = fails(&s, write);
            assert!(
                said.contains("damaged")
                    && said.contains("tiesdesk check")
                    && said.contains("tiesdesk backup"),
                "{table} {write:?}: {said}"
            );
        }
        assert_eq!(before, common::snapshot(&s.db), "{table}: nothing written");
        // What can still be read is: a backup copies the file as it is.
        let copy = s.dir.path().join("copy.db");
        s.ok(&["backup", copy.to_str().unwrap()]);
        if table != "person" {
            assert!(
                s.ok(&["export", "vcard"]).contains("BEGIN:VCARD"),
                "{table}"
            );
        }
        // A sound file put in its place is written again.
        let restored = s.dir.path().join("restored.db");
        std::fs::copy(&pristine, &restored).unwrap();
        std::fs::rename(&restored, &s.db).unwrap();
        s.ok(&["add", "Zed Zero"]);
    }
}

#[test]
fn damage_a_command_meets_is_remembered_and_a_sound_check_lets_writes_through() {
    let s = demo();
    damage(&s.db, "person");
    // Listing everyone meets the damage; nothing had written the note before.
    let said = fails(&s, &["list"]);
    assert!(said.contains("damaged"), "{said}");
    // From then on a write is refused without reading anything.
    let said = fails(&s, &["promise", "id:3", "call back"]);
    assert!(said.contains("tiesdesk check"), "{said}");
    // The damage note says what was seen; once a check finds the file sound, writes go.
    let note = s.db.with_extension("db.damaged");
    assert!(note.exists());
    let healthy = Sandbox::new();
    healthy.ok(&["add", "Ana Lima"]);
    std::fs::copy(&healthy.db, &s.db).unwrap();
    let _ = std::fs::remove_file(s.db.with_extension("db-wal"));
    let _ = std::fs::remove_file(s.db.with_extension("db-shm"));
    assert!(s.ok(&["check"]).contains("sound"));
    assert!(!note.exists());
    s.ok(&["add", "Bo Chen"]);
}

/// The tables keep no list of kinds and sources (v9): `check` judges every stored value
/// against this build's lists, and names what it does not know.
#[test]
fn check_names_kinds_and_sources_this_tiesdesk_does_not_know() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima"]);
    s.ok(&["log", "Ana Lima", "--kind", "call", "--mutual"]);
    assert!(s.ok(&["check"]).contains("sound"));
    let conn = rusqlite::Connection::open(&s.db).unwrap();
    conn.execute_batch(
        "INSERT INTO interaction (day, kind, direction, size, note, created_at)
             VALUES (20400, 'walk', 'mutual', 1, '', '2026-01-01T00:00:00Z');
         UPDATE person SET source = 'signal';",
    )
    .unwrap();
    drop(conn);
    let out = s.cmd(&["check", "--verbose"]).output().unwrap();
    assert!(!out.status.success());
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("interaction: 1 row has a kind this tiesdesk does not know ('walk')"),
        "{said}"
    );
    assert!(
        said.contains("person: 1 row has a source this tiesdesk does not know ('signal')"),
        "{said}"
    );
}
