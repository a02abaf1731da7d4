//! Bounded memory on any input: a file with one enormous line, a file larger than any export,
//! a file that never ends. Each is refused in one line while the process is held to 500 MB of
//! address space (`ulimit -v`): past that an allocation fails and the test with it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;

/// Runs `tiesdesk ARGS` on the sandbox's database with at most 500 MB of virtual memory.
fn within_500_mb(s: &Sandbox, args: &[&str]) -> std::process::Output {
    std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 512000 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_tiesdesk"))
        .args(["--db", s.db.to_str().unwrap(), "--today", common::TODAY])
        .args(args)
        .env("TIESDESK_CONFIG", s.dir.path().join("none.toml"))
        .env_remove("TIESDESK_DB")
        .output()
        .unwrap()
}

/// Runs `tiesdesk import FORMAT FILE` with at most 500 MB of virtual memory; returns
/// (success, stderr).
fn import_within_500_mb(s: &Sandbox, format: &str, file: &str) -> (bool, String) {
    let out = within_500_mb(s, &["import", format, file]);
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `tiesdesk ARGS` within 500 MB, requires success, and returns what it printed.
fn succeeds_within_500_mb(s: &Sandbox, args: &[&str]) -> String {
    let out = within_500_mb(s, args);
    assert!(
        out.status.success(),
        "tiesdesk {args:?} failed within 500 MB: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A LinkedIn export of `rows` connections, each with a profile and an address `tag` keeps
/// apart from another file's.
fn linkedin(path: &std::path::Path, rows: usize, tag: &str) {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    write!(
        out,
        "Notes:\n\"When exporting your connection data, you may notice…\"\n\n\
         First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    )
    .unwrap();
    for i in 0..rows {
        writeln!(
            out,
            "Given{i},Family{i},https://www.linkedin.com/in/{tag}-{i},{tag}{i}@example.org,\
             Company {},Engineer,05 Mar 2021",
            i % 700
        )
        .unwrap();
    }
    out.flush().unwrap();
}

#[test]
fn a_contacts_file_with_more_people_than_any_export_is_refused_within_bounded_memory() {
    let s = Sandbox::new();
    // 99 MB of LinkedIn rows: 785,000 people, where LinkedIn keeps 30,000.
    let rows = s.dir.path().join("Connections.csv");
    linkedin(&rows, 785_000, "person");
    assert!(std::fs::metadata(&rows).unwrap().len() > 90 * 1024 * 1024);
    let (ok, said) = import_within_500_mb(&s, "linkedin", rows.to_str().unwrap());
    assert!(!ok, "accepted");
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.contains("more than 100,000 rows"), "{said}");
    // 99 MB of small cards.
    let cards = s.dir.path().join("everyone.vcf");
    {
        use std::io::Write;
        let mut out = std::io::BufWriter::new(std::fs::File::create(&cards).unwrap());
        for i in 0..740_000 {
            write!(
                out,
                "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nN:{i};Person;;;\r\n\
                 EMAIL:p{i}@example.org\r\nORG:Company {}\r\nEND:VCARD\r\n",
                i % 500
            )
            .unwrap();
        }
        out.flush().unwrap();
    }
    let (ok, said) = import_within_500_mb(&s, "vcard", cards.to_str().unwrap());
    assert!(!ok, "accepted");
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.contains("more than 100,000 cards"), "{said}");
    assert!(!s.db.exists(), "a refused file creates no database");
}

#[test]
fn files_of_100000_contacts_import_and_import_again_within_bounded_memory() {
    let s = Sandbox::new();
    let first = s.dir.path().join("first.csv");
    let second = s.dir.path().join("second.csv");
    linkedin(&first, 100_000, "first");
    linkedin(&second, 100_000, "second");
    let said = succeeds_within_500_mb(&s, &["import", "linkedin", first.to_str().unwrap()]);
    assert!(said.contains("100000 added"), "{said}");
    let said = succeeds_within_500_mb(&s, &["import", "linkedin", first.to_str().unwrap()]);
    assert!(said.contains("100000 unchanged"), "{said}");
    // Beside the 100,000 already there.
    let said = succeeds_within_500_mb(&s, &["import", "linkedin", second.to_str().unwrap()]);
    assert!(said.contains("100000 added"), "{said}");
}

/// A tiesdesk document of `people` people and `interactions` interactions, each with a note,
/// written as another tool might (compact, not as `export json` writes it).
fn document(path: &std::path::Path, people: usize, interactions: usize) {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    write!(out, "{{\"format\":\"tiesdesk/1\",\"people\":[").unwrap();
    for i in 1..=people {
        let comma = if i == 1 { "" } else { "," };
        write!(
            out,
            "{comma}{{\"id\":{i},\"name\":\"Person {i}\",\"emails\":[\"p{i}@example.org\"],\
             \"company\":\"Company {}\",\"tags\":[\"climbing\"]}}",
            i % 900
        )
        .unwrap();
    }
    write!(out, "],\"interactions\":[").unwrap();
    for i in 1..=interactions {
        let comma = if i == 1 { "" } else { "," };
        let (a, b) = (1 + i % people, 1 + (i * 7) % people);
        let with = if a == b {
            format!("{a}")
        } else {
            format!("{a},{b}")
        };
        write!(
            out,
            "{comma}{{\"id\":{i},\"date\":\"20{:02}-{:02}-{:02}\",\"people\":[{with}],\
             \"kind\":\"call\",\"direction\":\"mutual\",\"size\":1,\
             \"note\":\"talked about the new project, the trip and the book; she asked about the \
             move to Utrecht, the kids and the garden\"}}",
            10 + i % 16,
            1 + i % 12,
            1 + i % 28
        )
        .unwrap();
    }
    write!(out, "]}}").unwrap();
    out.flush().unwrap();
}

#[test]
fn a_document_of_a_million_interactions_restores_exports_and_is_recognised_within_bounded_memory() {
    let s = Sandbox::new();
    let file = s.dir.path().join("network.json");
    document(&file, 30_000, 1_000_000);
    assert!(std::fs::metadata(&file).unwrap().len() > 180 * 1024 * 1024);
    let said = succeeds_within_500_mb(&s, &["import", "json", file.to_str().unwrap()]);
    assert!(
        said.contains("30000 people and 1000000 interactions"),
        "{said}"
    );
    let exported = s.dir.path().join("export.json");
    succeeds_within_500_mb(&s, &["export", "json", "-o", exported.to_str().unwrap()]);
    assert!(std::fs::metadata(&exported).unwrap().len() > 200 * 1024 * 1024);
    // The export is what the database holds: imported into it again, it adds nothing.
    let said = succeeds_within_500_mb(&s, &["import", "json", exported.to_str().unwrap()]);
    assert!(said.contains("already holds this document"), "{said}");
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
        .set_len(400 * 1024 * 1024)
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

/// A quote left open over 99 MB of short lines, and a note folded over 20 MB: each record is
/// capped, not only each line, so neither becomes a name or note of that size; the rest of
/// the file is read, within 500 MB.
#[test]
fn a_quote_left_open_and_a_note_folded_over_megabytes_stay_within_bounded_memory() {
    use std::io::Write;
    let s = Sandbox::new();
    let csv = s.dir.path().join("Connections.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&csv).unwrap());
    write!(
        out,
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
         Ana,Lima,https://www.linkedin.com/in/ana,,Bolt,CEO,05 Mar 2021\n\
         \"Bo,Chen,https://www.linkedin.com/in/bo,,Acme,CTO,05 Mar 2021\n"
    )
    .unwrap();
    for i in 0..3_000_000 {
        writeln!(out, "line {i} of a quote").unwrap();
    }
    out.flush().unwrap();
    drop(out);
    assert!(std::fs::metadata(&csv).unwrap().len() > 60_000_000);
    let said = succeeds_within_500_mb(&s, &["import", "linkedin", csv.to_str().unwrap()]);
    assert!(said.contains("a row longer than 1 MB"), "{said}");
    let vcf = s.dir.path().join("cards.vcf");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&vcf).unwrap());
    write!(out, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Ra\r\nNOTE:start").unwrap();
    for _ in 0..340_000 {
        write!(
            out,
            "\r\n  sixty-odd characters of a note that goes on and on and on"
        )
        .unwrap();
    }
    write!(
        out,
        "\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Di Ro\r\nEND:VCARD\r\n"
    )
    .unwrap();
    out.flush().unwrap();
    drop(out);
    assert!(std::fs::metadata(&vcf).unwrap().len() > 20_000_000);
    let said = succeeds_within_500_mb(&s, &["import", "vcard", vcf.to_str().unwrap()]);
    assert!(said.contains("larger than 8 MB"), "{said}");
    let people = succeeds_within_500_mb(&s, &["list", "--json"]);
    assert!(
        people.contains("Ana Lima") && people.contains("Di Ro"),
        "{people}"
    );
    assert!(people.len() < 100_000, "no name or note of megabytes");
}
