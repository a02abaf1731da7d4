//! Bad input is refused with one line and a non-zero exit, and changes nothing; the file is
//! private; two copies writing at once lose nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::os::unix::fs::PermissionsExt;

use common::{Sandbox, assert_refused, snapshot};

fn populated() -> Sandbox {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima", "--company", "Zephyr Labs"]);
    s.ok(&["add", "Ana Souza"]);
    s.ok(&["add", "Bram de Vries"]);
    s.ok(&["log", "bram", "--mutual", "--kind", "meet"]);
    s
}

#[test]
fn unknown_and_ambiguous_names() {
    let s = populated();
    s.refused(&["log", "zelda", "--gave"], "no one matches 'zelda'");
    s.refused(&["log", "bram", "zelda", "--gave"], "zelda"); // all or nothing
    // A numbered list on stderr, one person a line with the #id to type instead.
    let err = s.refused(&["log", "ana", "--gave"], "'ana' could be 2 people");
    assert!(
        err.contains("\n   1. #1  Ana Lima (Zephyr Labs)\n   2. #2  Ana Souza"),
        "{err}"
    );
    s.refused(&["show", "ana"], "say which by its #id");
    s.refused(&["edit", "nobody", "--company", "X"], "no one matches");
    s.refused(&["archive", "#42"], "no one matches '#42'");
    s.refused(
        &["add", "Carla", "--introduced-by", "zelda"],
        "no one matches 'zelda'",
    );
}

/// A change never acts on a guess: a name that only matches fuzzily is refused with the
/// closest names, the database unchanged; exact names, unique starts and ids still work.
#[test]
fn writes_never_guess_and_suggest_instead() {
    let s = Sandbox::new();
    s.ok(&["add", "Bram Horvat"]);
    s.ok(&["add", "Olga Santos"]);
    s.ok(&["add", "Wout de Boer", "--location", "Lisbon"]);
    s.ok(&["add", "Wout Li"]);
    let said = s.refused(
        &["log", "brm", "--mutual"],
        "did you mean Bram Horvat (#1)?",
    );
    assert!(said.contains("no one is called 'brm'"), "{said}");
    s.refused(
        &["edit", "Olga Santso", "--company", "X"],
        "did you mean Olga Santos (#2)?",
    );
    // A read suggests the same.
    s.refused(&["show", "Olga Santso"], "did you mean Olga Santos (#2)?");
    // What still works: a unique start of each word, #id, id:N.
    s.ok(&["log", "wout li", "--mutual"]);
    assert_eq!(
        s.json(&["show", "Wout Li"])["interactions"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        s.json(&["show", "Wout de Boer"])["interactions"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    s.ok(&["log", "bram h", "--gave"]);
    s.ok(&["log", "id:2", "--gave"]);
    // The search ranks the name before a note or a place.
    let found = s.json(&["list", "--search", "wout li"]);
    assert_eq!(found[0]["name"], "Wout Li", "{found}");
}

#[test]
fn bad_dates_directions_sizes_and_kinds() {
    let s = populated();
    for date in ["2026-13-01", "tomorrow", "2026-11-26", "-3x", "31/12/2025"] {
        s.refused(
            &["log", "bram", "--gave", "--on", date],
            &format!("bad date '{date}'"),
        );
    }
    s.refused(&["log", "bram"], "--gave");
    s.refused(
        &["log", "bram", "--gave", "--received"],
        "cannot be used with",
    );
    s.refused(
        &["log", "bram", "--gave", "--size", "3"],
        "invalid value '3' for '--size <SIZE>' [possible values: 1, 2, 4]",
    );
    s.refused(
        &["log", "bram", "--gave", "--size", "big"],
        "invalid value 'big'",
    );
    s.refused(
        &["log", "bram", "--gave", "--kind", "lunch"],
        "[possible values: meet, call, message, favour, intro, advice, gift, other]",
    );
    s.refused(
        &["log", "bram", "--gave", "--kind", "meat"],
        "a similar value exists: 'meet'",
    );
    s.refused(&["lst"], "a similar subcommand exists: 'list'");
    // The spellings people type still work.
    s.ok(&["log", "bram", "--gave", "--kind", "Favor"]);
    s.ok(&["log", "bram", "--mutual", "--kind", "met"]);
    s.refused(
        &["add", "Carla", "--birthday", "--13-01"],
        "bad date '--13-01'",
    );
    s.refused(&["add", "Carla", "--email", "carla-at-home"], "bad email");
    s.refused(&["add", "   "], "needs a name");
    s.refused(&["add", "Carla", "--cadence", "0"], "bad cadence");
    s.refused(&["list", "--layer", "7"], "bad layer 7");
    let before = snapshot(&s.db);
    let out = s.cmd_on(&s.db, &["status"]).output().unwrap();
    assert!(out.status.success());
    let mut cmd = assert_cmd::Command::cargo_bin("tiesdesk").unwrap();
    let out = cmd
        .args([
            "--db",
            s.db.to_str().unwrap(),
            "--today",
            "2026-02-30",
            "list",
        ])
        .output()
        .unwrap();
    assert_refused(&out, "bad date '2026-02-30'");
    assert_eq!(before, snapshot(&s.db));
}

#[test]
fn a_file_that_is_not_a_tiesdesk_database() {
    let s = Sandbox::new();
    std::fs::create_dir_all(s.db.parent().unwrap()).unwrap();
    std::fs::write(&s.db, "name,email\nAna,ana@example.org\n").unwrap();
    s.refused(&["list"], "is not a tiesdesk database (not an SQLite file)");
    s.refused(&["add", "Ana"], "not a tiesdesk database");

    // Someone else's SQLite database.
    std::fs::remove_file(&s.db).unwrap();
    let other = rusqlite::Connection::open(&s.db).unwrap();
    other
        .execute_batch("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');")
        .unwrap();
    drop(other);
    s.refused(&["add", "Ana"], "an SQLite database of another program");

    // A damaged one: a valid header, garbage after it.
    let s = populated();
    let mut bytes = std::fs::read(&s.db).unwrap();
    for byte in bytes.iter_mut().skip(100) {
        *byte = 0xA5;
    }
    std::fs::write(&s.db, &bytes).unwrap();
    s.refused(&["list"], "tiesdesk");
}

#[test]
fn a_database_from_a_newer_tiesdesk() {
    let s = populated();
    let conn = rusqlite::Connection::open(&s.db).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let err = s.refused(&["log", "bram", "--gave"], "newer tiesdesk (schema v99");
    assert!(err.contains("left untouched"), "{err}");
}

#[test]
fn a_read_only_location() {
    let s = Sandbox::new();
    let locked = s.dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root writes through permissions; then a kernel file system stands in for read-only.
    let privileged = std::fs::write(locked.join("probe"), "x").is_ok();
    let target = if privileged {
        std::path::PathBuf::from("/sys/tiesdesk-test/tiesdesk.db")
    } else {
        locked.join("tiesdesk.db")
    };
    let out = s.cmd_on(&target, &["list"]).output().unwrap();
    assert_refused(&out, "cannot use");
    assert!(!target.exists());

    if !privileged {
        // An existing database that cannot be written.
        let s = populated();
        std::fs::set_permissions(&s.db, std::fs::Permissions::from_mode(0o444)).unwrap();
        s.refused(&["log", "bram", "--gave"], "permission denied");
    }
}

#[test]
fn the_file_is_private() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima"]);
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&s.db), 0o600);
    assert_eq!(mode(s.db.parent().unwrap()), 0o700);
    assert!(snapshot(&s.db).is_some());
}

#[test]
fn two_processes_logging_at_once_lose_nothing() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima"]);
    s.ok(&["add", "Bram de Vries"]);
    std::thread::scope(|scope| {
        for name in ["ana", "bram"] {
            let s = &s;
            scope.spawn(move || {
                for i in 0..200 {
                    let note = format!("{name} {i}");
                    s.ok(&[
                        "log", name, "--mutual", "--kind", "message", "--note", &note,
                    ]);
                }
            });
        }
    });
    let ana = s.json(&["show", "ana"]);
    let bram = s.json(&["show", "bram"]);
    assert_eq!(ana["interactions"].as_array().unwrap().len(), 200);
    assert_eq!(bram["interactions"].as_array().unwrap().len(), 200);
    let conn = rusqlite::Connection::open(&s.db).unwrap();
    let (count, distinct): (i64, i64) = conn
        .query_row(
            "SELECT count(*), count(DISTINCT note) FROM interaction",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((count, distinct), (400, 400));
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read;
    let s = Sandbox::new();
    s.ok(&["demo", "--people", "4000", "--interactions", "4000"]);
    // 4,000 people in JSON are more than a pipe holds, even the mebibyte a long output asks
    // for, so the writer meets the closed pipe.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("tiesdesk"))
        .arg("--db")
        .arg(&s.db)
        .args(["--today", common::TODAY, "list", "--json"])
        .env("TIESDESK_CONFIG", s.dir.path().join("no-config.toml"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The read end is dropped here, as `head` would close it.
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let all = s.ok(&["list", "--json"]);
    assert!(
        all.len() > 1 << 20,
        "the full list is longer than the pipe: {} bytes",
        all.len()
    );
}

#[test]
fn commands_that_only_read_never_create_a_database() {
    let s = Sandbox::new();
    for args in [
        vec!["list"],
        vec!["show", "Ana"],
        vec!["review"],
        vec!["export", "json"],
        vec!["intro", "Zephyr"],
        vec!["duplicates"],
        vec!["undo"],
    ] {
        let out = s.cmd(&args).output().unwrap();
        common::assert_refused(&out, "there is no database here yet");
        assert!(!s.db.exists(), "tiesdesk {args:?} created a database");
    }
}

/// Another program's database with changes still in its `-wal`: refused, and left exactly as
/// it was, `-wal` included (opening it for writing would checkpoint and delete it).
#[test]
fn a_refused_database_keeps_its_write_ahead_log() {
    let s = Sandbox::new();
    let dir = s.dir.path();
    let original = dir.join("other.db");
    let conn = rusqlite::Connection::open(&original).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;
         CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('keep me');",
    )
    .unwrap();
    // A copy taken while the other program runs: its last changes are only in the -wal.
    let copy = dir.join("copy.db");
    for suffix in ["", "-wal"] {
        std::fs::copy(
            format!("{}{suffix}", original.display()),
            format!("{}{suffix}", copy.display()),
        )
        .unwrap();
    }
    drop(conn);
    let wal = std::path::PathBuf::from(format!("{}-wal", copy.display()));
    let before = (std::fs::read(&copy).unwrap(), std::fs::read(&wal).unwrap());
    assert!(!before.1.is_empty());
    for args in [&["list"][..], &["add", "Ana"], &["status"]] {
        let out = s.cmd_on(&copy, args).output().unwrap();
        assert_refused(&out, "another program");
        assert!(wal.exists(), "{args:?} deleted the -wal");
        let after = (std::fs::read(&copy).unwrap(), std::fs::read(&wal).unwrap());
        assert!(after == before, "{args:?} changed the file or its -wal");
    }
}

/// A database others can read is made private (with its `-wal`/`-shm`), and it says so once.
#[test]
fn a_readable_database_is_made_private() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima"]);
    std::fs::set_permissions(&s.db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = s.cmd(&["list"]).output().unwrap();
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(said.contains("it is private now (600)"), "{said}");
    let mode = std::fs::metadata(&s.db).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let again = s.cmd(&["list"]).output().unwrap();
    assert!(again.stderr.is_empty(), "said twice");

    // An empty world-writable file becomes a private database.
    let empty = s.dir.path().join("empty.db");
    std::fs::write(&empty, "").unwrap();
    std::fs::set_permissions(&empty, std::fs::Permissions::from_mode(0o666)).unwrap();
    assert!(
        s.cmd_on(&empty, &["add", "Bram"])
            .output()
            .unwrap()
            .status
            .success()
    );
    let mode = std::fs::metadata(&empty).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

/// A damaged page in the middle of the person table: writes refuse before writing, `check`
/// reports it, and every message names `tiesdesk check` and `tiesdesk backup`.
#[test]
fn a_damaged_page_stops_writes_and_check_reports_it() {
    let s = Sandbox::new();
    s.ok(&["demo", "--people", "2000"]);
    assert!(s.ok(&["check"]).contains("sound"));
    let (page_size, page): (i64, i64) = {
        let conn = rusqlite::Connection::open(&s.db).unwrap();
        let page_size = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        let leaves: Vec<i64> = conn
            .prepare("SELECT pageno FROM dbstat WHERE name = 'person' AND pagetype = 'leaf' ORDER BY pageno")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(
            leaves.len() > 4,
            "the person table spans few pages: {leaves:?}"
        );
        (page_size, leaves[leaves.len() / 2])
    };
    // Garbage over the page's header and cell pointers (the file is checkpointed: closed).
    let mut bytes = std::fs::read(&s.db).unwrap();
    let start = ((page - 1) * page_size) as usize;
    for b in &mut bytes[start..start + 64] {
        *b = 0xA5;
    }
    std::fs::write(&s.db, &bytes).unwrap();

    for args in [
        &["add", "Nadia Noor"][..],
        &["log", "#5", "--gave"],
        &["list"],
    ] {
        let line = s.refused(args, "the database file is damaged");
        assert!(
            line.contains("tiesdesk check") && line.contains("tiesdesk backup"),
            "{line}"
        );
    }
    let line = s.refused(&["check"], "the database is damaged");
    assert!(
        line.contains("person: ") && line.contains("check --verbose"),
        "{line}"
    );
}

/// tiesdesk's own data folder, loosened by someone, is made 0700 again (it created it so);
/// the user's own folders are only warned about.
#[test]
fn the_own_data_folder_is_made_private_again() {
    let s = Sandbox::new();
    let data = s.dir.path().join("share");
    let own = data.join("tiesdesk");
    std::fs::create_dir_all(&own).unwrap();
    std::fs::set_permissions(&own, std::fs::Permissions::from_mode(0o755)).unwrap();
    // A command that writes opens (and makes) the default database there.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tiesdesk"))
        .args(["add", "Ana"])
        .env_remove("TIESDESK_DB")
        .env("XDG_DATA_HOME", &data)
        .env("HOME", s.dir.path())
        .env("TIESDESK_CONFIG", s.dir.path().join("none.toml"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("it is private now (700)"), "{said}");
    let mode = std::fs::metadata(&own).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
    assert!(own.join("tiesdesk.db").exists());
}
