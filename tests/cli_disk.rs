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
