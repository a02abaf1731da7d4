//! Bounded memory on any input: a file with one enormous line, a file larger than any export,
//! a file that never ends. Each is refused in one line while the process is held to 500 MB of
//! address space (`ulimit -v`): past that an allocation fails and the test with it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;

/// Runs `tiesdesk import FORMAT FILE` with at most 500 MB of virtual memory; returns
/// (success, stderr).
fn import_within_500_mb(s: &Sandbox, format: &str, file: &str) -> (bool, String) {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 512000 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_tiesdesk"))
        .args(["--db", s.db.to_str().unwrap(), "import", format, file])
        .env("TIESDESK_CONFIG", s.dir.path().join("none.toml"))
        .env_remove("TIESDESK_DB")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn huge_lines_and_huge_files_are_refused_within_bounded_memory() {
    let s = Sandbox::new();
    let dir = s.dir.path();
    // 50 MB on one line, most of it field separators (the worst case for a CSV reader).
    let one_line = dir.join("one-line.csv");
    let mut text =
        String::from("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
    text.push_str(&"a,".repeat(25_000_000));
    std::fs::write(&one_line, &text).unwrap();
    for format in ["linkedin", "google", "vcard"] {
        let (ok, said) = import_within_500_mb(&s, format, one_line.to_str().unwrap());
        assert!(!ok, "{format}: accepted");
        assert_eq!(said.lines().count(), 1, "{format}: {said}");
        assert!(said.contains("line 2 is longer than"), "{format}: {said}");
    }
    // Larger than any export (a sparse file: no disk used).
    let huge = dir.join("huge.vcf");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(300 * 1024 * 1024)
        .unwrap();
    for format in ["vcard", "json"] {
        let (ok, said) = import_within_500_mb(&s, format, huge.to_str().unwrap());
        assert!(!ok, "{format}: accepted");
        assert!(said.contains("it is larger than"), "{format}: {said}");
    }
    // A file that never ends.
    let (ok, said) = import_within_500_mb(&s, "linkedin", "/dev/zero");
    assert!(!ok);
    assert!(said.contains("it is larger than 100 MB"), "{said}");
    assert!(!s.db.exists(), "a refused file creates no database");
}
