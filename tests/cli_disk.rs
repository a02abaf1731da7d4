//! A read-only disk and a full disk, made for real: a small tmpfs mounted in a private mount
//! namespace (`unshare`, no privileges needed). Reading commands work on both; writing ones
//! say why they cannot in one line and change nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::Command;

/// Runs `script` in a shell with `$T` (the tiesdesk binary) and `$D` (a folder on a fresh
/// 2 MB tmpfs), inside its own user and mount namespaces. Returns what it printed.
fn on_small_disk(script: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let full = format!(
        "set -u; mount -t tmpfs -o size=2m tmpfs \"$D\" || exit 97; \
         export TIESDESK_CONFIG=\"$D/none.toml\"; {script}"
    );
    let out = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c", &full])
        .env("T", env!("CARGO_BIN_EXE_tiesdesk"))
        .env("D", dir.path())
        .env_remove("TIESDESK_DB")
        .output()
        .expect("unshare (util-linux) runs the disk tests");
    assert!(
        out.status.code() != Some(97),
        "could not mount a tmpfs in a private namespace: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn a_read_only_disk_can_be_read_but_not_written() {
    let out = on_small_disk(
        "DB=\"$D/t.db\"; \"$T\" --db \"$DB\" add 'Ana Lima' >/dev/null; \
         \"$T\" --db \"$DB\" log ana --mutual >/dev/null; \
         mount -o remount,ro \"$D\"; \
         echo '--list'; \"$T\" --db \"$DB\" list; echo \"list exit $?\"; \
         echo '--add'; \"$T\" --db \"$DB\" add Bram 2>&1; echo \"add exit $?\"; \
         echo '--show'; \"$T\" --db \"$DB\" show ana --json | grep -c '\"name\": \"Ana Lima\"'",
    );
    assert!(out.contains("Ana Lima"), "{out}");
    assert!(out.contains("list exit 0"), "{out}");
    assert!(
        out.contains("is read-only: cannot save changes here; nothing was changed"),
        "{out}"
    );
    assert!(out.contains("add exit 1"), "{out}");
    assert!(
        !out.contains("attempt to write a readonly database"),
        "{out}"
    );
}

#[test]
fn a_full_disk_can_be_read_and_says_so_for_writes() {
    let out = on_small_disk(
        "DB=\"$D/t.db\"; \"$T\" --db \"$DB\" add 'Ana Lima' >/dev/null; \
         dd if=/dev/zero of=\"$D/fill\" bs=1k count=4096 2>/dev/null; \
         echo '--list'; \"$T\" --db \"$DB\" list; echo \"list exit $?\"; \
         echo '--log'; \"$T\" --db \"$DB\" log ana --gave 2>&1; echo \"log exit $?\"; \
         rm \"$D/fill\"; \"$T\" --db \"$DB\" show ana --json | grep -c '\"interactions\": \\[\\]'",
    );
    assert!(out.contains("Ana Lima"), "{out}");
    assert!(out.contains("list exit 0"), "{out}");
    assert!(
        out.contains("the disk is full; nothing was changed"),
        "{out}"
    );
    assert!(out.contains("log exit 1"), "{out}");
    assert!(!out.contains("disk I/O error"), "{out}");
    // Nothing was logged: once there is room, Ana has no interactions.
    assert!(out.trim_end().ends_with('1'), "{out}");
}

#[test]
fn a_backup_that_fills_the_disk_leaves_nothing_behind() {
    // The database is beside the small disk; the backup goes onto it, nearly full.
    let out = on_small_disk(
        "DB=\"$D.db\"; rm -f \"$DB\"*; \"$T\" --db \"$DB\" demo --people 600 >/dev/null; \
         dd if=/dev/zero of=\"$D/fill\" bs=1k count=1100 2>/dev/null; \
         \"$T\" --db \"$DB\" backup \"$D/copy.db\" 2>&1; echo \"backup exit $?\"; \
         echo '--left'; ls \"$D\"; rm -f \"$DB\"*",
    );
    assert!(out.contains("backup exit 1"), "{out}");
    assert!(out.contains("the disk is full"), "{out}");
    let left = out.split("--left").nth(1).unwrap_or_default();
    assert_eq!(
        left.split_whitespace().collect::<Vec<_>>(),
        ["fill"],
        "{out}"
    );
}

/// A database whose last changes are still in its `-wal` (a reader held it open, so no
/// checkpoint took them in), copied into `to` as a backup medium would hold it: the file
/// and its `-wal`, no `-shm`.
fn database_with_changes_in_its_wal(to: &std::path::Path) {
    let s = common::Sandbox::new();
    s.ok(&["add", "Ana Lima"]);
    let reader = rusqlite::Connection::open(&s.db).unwrap();
    reader
        .query_row("SELECT count(*) FROM person", [], |r| r.get::<_, i64>(0))
        .unwrap();
    s.ok(&["log", "Ana Lima", "--gave", "--note", "in the wal"]);
    s.ok(&["add", "Bo Chen"]);
    let wal = std::fs::metadata(s.db.with_extension("db-wal")).unwrap();
    assert!(wal.len() > 0, "the changes are in the -wal");
    std::fs::copy(&s.db, to.join("t.db")).unwrap();
    std::fs::copy(s.db.with_extension("db-wal"), to.join("t.db-wal")).unwrap();
    drop(reader);
}

#[test]
fn a_read_only_copy_with_a_wal_and_no_shm_is_read_with_its_changes() {
    let staging = tempfile::tempdir().unwrap();
    database_with_changes_in_its_wal(staging.path());
    let script = format!(
        "cp \"{0}/t.db\" \"{0}/t.db-wal\" \"$D/\"; mount -o remount,ro \"$D\"; \
         ls \"$D\"; echo '--list'; \"$T\" --db \"$D/t.db\" list 2>&1; \
         echo '--show'; \"$T\" --db \"$D/t.db\" show ana --json 2>/dev/null | grep -c 'in the wal'; \
         echo '--check'; \"$T\" --db \"$D/t.db\" check 2>&1; \
         echo '--export'; \"$T\" --db \"$D/t.db\" export json 2>/dev/null | grep -c 'Bo Chen'; \
         echo '--log'; \"$T\" --db \"$D/t.db\" log bo --gave 2>&1; echo \"log exit $?\"",
        staging.path().display()
    );
    let out = on_small_disk(&script);
    assert!(!out.contains("t.db-shm"), "no -shm: {out}");
    assert!(
        out.contains("Bo Chen"),
        "the person added in the -wal is listed: {out}"
    );
    let shown = out.split("--show").nth(1).unwrap_or_default();
    assert!(shown.trim_start().starts_with('1'), "{out}");
    assert!(out.contains("sound"), "{out}");
    let exported = out.split("--export").nth(1).unwrap_or_default();
    assert!(exported.trim_start().starts_with('1'), "{out}");
    assert!(
        out.contains("read from a private copy with its -wal"),
        "{out}"
    );
    assert!(out.contains("log exit 1"), "{out}");
}

#[test]
fn a_writable_database_in_a_read_only_folder_is_read_and_refuses_writes_in_one_line() {
    let home = tempfile::tempdir().unwrap();
    let folder = home.path().join("data");
    std::fs::create_dir(&folder).unwrap();
    let db = folder.join("t.db");
    let s = common::Sandbox::new();
    s.cmd_on(&db, &["add", "Ana Lima"]).assert().success();
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    use std::os::unix::fs::PermissionsExt;
    let set = |path: &std::path::Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    // As root, permissions do not bind: the folder and file go to `nobody`, who runs it.
    let run = |args: &[&str]| -> std::process::Output {
        let mut command = if root {
            let mut c = std::process::Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(env!("CARGO_BIN_EXE_tiesdesk"));
            c
        } else {
            std::process::Command::new(env!("CARGO_BIN_EXE_tiesdesk"))
        };
        command
            .args(["--db", db.to_str().unwrap(), "--today", common::TODAY])
            .args(args)
            .env("TIESDESK_CONFIG", "/nonexistent/tiesdesk.toml")
            .env_remove("TIESDESK_DB")
            .output()
            .unwrap()
    };
    if root {
        for path in [home.path(), folder.as_path(), db.as_path()] {
            std::os::unix::fs::chown(path, Some(65534), Some(65534)).unwrap();
        }
        set(home.path(), 0o755);
    }
    set(&db, 0o600);
    set(&folder, 0o555);
    let listed = run(&["list"]);
    assert!(
        listed.status.success(),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    assert!(String::from_utf8_lossy(&listed.stdout).contains("Ana Lima"));
    let logged = run(&["log", "ana", "--gave"]);
    let said = String::from_utf8_lossy(&logged.stderr);
    assert!(!logged.status.success());
    assert!(
        said.contains(&format!(
            "{} is read-only: cannot save changes here; nothing was changed",
            folder.display()
        )),
        "{said}"
    );
    assert_eq!(said.lines().count(), 1, "{said}");
    set(&folder, 0o755);
}
