//! Importing LinkedIn, vCard and Google files, merging duplicates, and exporting CSV and
//! vCard, through the real binary on real databases.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Sandbox, snapshot};

const DIR: &str = "tests/fixtures/import";

fn fixture(name: &str) -> String {
    format!("{DIR}/{name}")
}

#[test]
fn a_linkedin_import_reports_and_makes_paper_ties() {
    let s = Sandbox::new();
    let said = s.ok(&["import", "linkedin", &fixture("linkedin_connections.csv")]);
    assert!(
        said.starts_with(
            "Imported linkedin_connections.csv: 7 added, 0 updated, 0 unchanged, 0 merged, 3 skipped."
        ),
        "{said}"
    );
    assert!(
        said.contains("line 11   no name (a deleted or private account)"),
        "{said}"
    );
    assert!(
        said.contains("line 13   could not read the date '31 Feb 2022'"),
        "{said}"
    );
    let paper = s.json(&["list", "--paper"]);
    assert_eq!(paper.as_array().unwrap().len(), 7);
    let ana = s.json(&["show", "Ana Lima"]);
    assert_eq!(ana["person"]["company"], "Zephyr Labs");
    assert_eq!(ana["person"]["connected_on"], "2021-03-05");
    assert_eq!(ana["person"]["source"], "linkedin");
    // One undo takes the whole import away.
    assert!(
        s.ok(&["undo"])
            .contains("Imported linkedin_connections.csv: 7 added")
    );
    assert!(s.json(&["list"]).as_array().unwrap().is_empty());
}

#[test]
fn importing_the_same_file_again_adds_nothing_and_writes_nothing() {
    for (format, path) in common::contact_fixtures() {
        let (format, file) = (format.name(), path.to_str().unwrap());
        let s = Sandbox::new();
        let first = s.json(&["import", format, file]);
        let added = first["added"].as_array().unwrap().len();
        assert!(added > 0, "{file}");
        let before = snapshot(&s.db);
        let again = s.json(&["import", format, file]);
        assert_eq!(
            again["added"].as_array().unwrap().len(),
            0,
            "{file}: {again}"
        );
        assert_eq!(
            again["updated"].as_array().unwrap().len(),
            0,
            "{file}: {again}"
        );
        // Each record finds again the person it made; one that joined an earlier record of
        // the file the first time joins it again.
        assert_eq!(again["unchanged"], added, "{file}");
        assert_eq!(again["merged"], first["merged"], "{file}");
        assert_eq!(
            snapshot(&s.db),
            before,
            "{file}: a re-import wrote to the database"
        );
    }
}

#[test]
fn a_later_export_updates_jobs_and_a_name_with_another_company_is_a_possible_duplicate() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima", "--email", "ana@example.org"]);
    let first = s.json(&["import", "linkedin", &fixture("linkedin_connections.csv")]);
    assert_eq!(first["added"].as_array().unwrap().len(), 6);
    assert_eq!(first["updated"][0]["name"], "Ana Lima");
    let ana = s.json(&["show", "Ana Lima"])["person"].clone();
    assert_eq!(ana["id"], 1);
    assert_eq!(ana["company"], "Zephyr Labs", "filled in from the file");
    assert_eq!(ana["source"], "manual", "still the person the user added");

    let moved = s.dir.path().join("Connections.csv");
    let text = std::fs::read_to_string(fixture("linkedin_connections.csv")).unwrap();
    let text = text
        .replace("Zephyr Labs,CTO", "Northwind,VP Engineering")
        .replace(
            "Fondazione Aurora ,  Program Lead",
            "Fondazione Aurora,Director",
        );
    std::fs::write(&moved, text).unwrap();
    let report = s.json(&["import", "linkedin", moved.to_str().unwrap()]);
    // Chiara came from LinkedIn: a newer LinkedIn file is newer news of her job. Ana was added
    // by hand, so only her name links her to the file, and the file names another company: she
    // may be someone else, so she is a new person listed beside the first.
    let updated = report["updated"].as_array().unwrap();
    assert_eq!(updated.len(), 1, "{report}");
    assert_eq!(updated[0]["name"], "Chiara Rossi");
    assert_eq!(updated[0]["at"], "line 8");
    assert_eq!(
        updated[0]["changes"],
        serde_json::json!(["role Program Lead → Director"])
    );
    assert_eq!(report["added"][0]["name"], "Ana Lima", "{report}");
    assert_eq!(report["added"].as_array().unwrap().len(), 1, "{report}");
    let pair = &report["duplicates"][0];
    assert_eq!(
        (&pair["a"], &pair["b"]),
        (&serde_json::json!(1), &report["added"][0]["id"])
    );
}

#[test]
fn records_of_one_file_sharing_only_a_name_stay_two_people_and_a_shared_e_mail_merges() {
    for (format, file, second) in [
        ("vcard", "same_name_v30.vcf", "card 4"),
        ("google", "google_same_name.csv", "line 5"),
    ] {
        let s = Sandbox::new();
        let said = s.ok(&["import", format, &fixture(file)]);
        assert!(
            said.contains("3 added, 0 updated, 0 unchanged, 1 merged, 0 skipped."),
            "{file}: {said}"
        );
        let priya_at = if format == "vcard" {
            "card 3"
        } else {
            "line 4"
        };
        assert!(
            said.contains(&format!("{second:<9} Priya R. → {priya_at} (Priya Raman)")),
            "{file}: {said}"
        );
        assert!(
            said.contains("#1 Manu and #2 Manu: the same name"),
            "{file}: {said}"
        );
        let manus = s.json(&["list"]);
        let phones: Vec<String> = manus
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["name"] == "Manu")
            .map(|p| s.json(&["show", &format!("#{}", p["id"])])["person"]["phones"][0].to_string())
            .collect();
        assert_eq!(
            phones,
            ["\"+91 98450 11111\"", "\"+91 99000 22222\""],
            "{file}"
        );
        let priya = s.json(&["show", "Priya Raman"])["person"].clone();
        assert_eq!(
            priya["phones"],
            serde_json::json!(["+91 80 4000 1234"]),
            "{file}"
        );
    }
}

#[test]
fn likely_duplicates_are_listed_by_the_import_and_by_the_command() {
    let s = Sandbox::new();
    s.ok(&["import", "linkedin", &fixture("linkedin_connections.csv")]);
    let namesake = s.dir.path().join("namesake.csv");
    std::fs::write(
        &namesake,
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
         Ana,Lima,https://www.linkedin.com/in/another-ana,,Other Co,Nurse,01 Jan 2020\n",
    )
    .unwrap();
    let said = s.ok(&["import", "linkedin", namesake.to_str().unwrap()]);
    assert!(said.contains("1 added"), "{said}");
    assert!(said.contains("Possibly the same person"), "{said}");
    assert!(
        said.contains("#1 Ana Lima and #8 Ana Lima: the same name"),
        "{said}"
    );
    s.ok(&["add", "Bram Two", "--email", "bram@example.org"]);
    let pairs = s.json(&["duplicates"]);
    let pairs: Vec<(i64, i64, &str)> = pairs
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["a"].as_i64().unwrap(),
                p["b"].as_i64().unwrap(),
                p["reason"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            (1, 8, "the same name"),
            (2, 9, "both have bram@example.org")
        ]
    );
}

#[test]
fn merge_moves_interactions_and_links_and_undo_splits_them() {
    let s = Sandbox::new();
    s.ok(&["import", "linkedin", &fixture("linkedin_connections.csv")]);
    s.ok(&[
        "add",
        "Ana Lima",
        "--email",
        "ana@example.org",
        "--tag",
        "climbing",
    ]);
    s.ok(&[
        "log",
        "#1",
        "--gave",
        "--kind",
        "favour",
        "--on",
        "2026-11-01",
    ]);
    s.ok(&[
        "log",
        "#1",
        "#8",
        "--mutual",
        "--kind",
        "meet",
        "--on",
        "2026-11-10",
    ]);
    s.ok(&[
        "log",
        "#1",
        "Bram",
        "--mutual",
        "--kind",
        "call",
        "--on",
        "2026-11-12",
    ]);
    s.ok(&["add", "Cy Diaz", "--introduced-by", "#1"]);
    let before = s.ok(&["export", "json"]);

    let said = s.ok(&["merge", "#8", "#1"]);
    assert!(
        said.starts_with("Merged #1 Ana Lima into #8 Ana Lima: 3 interactions and 0 links moved."),
        "{said}"
    );
    let ana = s.json(&["show", "#8"]);
    let person = &ana["person"];
    assert_eq!(person["company"], "Zephyr Labs", "filled from the other");
    assert_eq!(person["source"], "linkedin", "so the next import finds her");
    assert_eq!(person["emails"], serde_json::json!(["ana@example.org"]));
    assert_eq!(person["tags"], serde_json::json!(["climbing"]));
    assert_eq!(person["connected_on"], "2021-03-05");
    assert_eq!(ana["interactions"].as_array().unwrap().len(), 3);
    assert_eq!(ana["figures"]["ledger"]["given"], 1);
    assert_eq!(s.json(&["show", "Cy Diaz"])["person"]["introduced_by"], 8);
    s.refused(&["show", "#1"], "no one matches");
    assert!(s.json(&["duplicates"]).as_array().unwrap().is_empty());
    let again = s.json(&["import", "linkedin", &fixture("linkedin_connections.csv")]);
    assert_eq!(again["added"].as_array().unwrap().len(), 0, "{again}");

    assert!(
        s.ok(&["undo"])
            .starts_with("Undid: Merged Ana Lima into Ana Lima")
    );
    assert_eq!(s.ok(&["export", "json"]), before, "undo restores every row");
}

#[test]
fn merging_someone_with_themselves_is_refused() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima"]);
    s.refused(
        &["merge", "Ana", "Ana Lima"],
        "cannot merge a person with themselves",
    );
    s.refused(&["merge", "Ana", "Nobody"], "no one matches 'Nobody'");
}

#[test]
fn bad_files_are_refused_in_one_line_leaving_the_database_as_it_was() {
    let s = Sandbox::new();
    s.ok(&["import", "vcard", &fixture("apple_v30.vcf")]);
    let binary = s.dir.path().join("photo.vcf");
    std::fs::write(&binary, b"\xFF\xD8\xFF\xE0\0\x10JFIF\0").unwrap();
    let cut = s.dir.path().join("cut.vcf");
    let card = std::fs::read(fixture("apple_v30.vcf")).unwrap();
    std::fs::write(&cut, &card[..card.len() / 2]).unwrap();
    let cut_csv = s.dir.path().join("cut.csv");
    let csv = std::fs::read(fixture("linkedin_connections.csv")).unwrap();
    std::fs::write(&cut_csv, &csv[..csv.len() - 30]).unwrap();
    let missing = s.dir.path().join("missing.csv");
    for (format, file, needle) in [
        (
            "vcard",
            binary.to_str().unwrap(),
            "binary file, not a vcard file",
        ),
        (
            "linkedin",
            &fixture("google_current.csv"),
            "not a LinkedIn Connections.csv",
        ),
        (
            "google",
            &fixture("mixed_v40.vcf"),
            "not a Google Contacts CSV",
        ),
        ("vcard", &fixture("google_legacy.csv"), "not a vCard file"),
        ("google", missing.to_str().unwrap(), "no such file"),
    ] {
        let line = s.refused(&["import", format, file], needle);
        assert!(line.contains(file), "{line}");
    }
}

#[test]
fn a_file_cut_off_imports_what_is_whole_and_says_where_it_was_cut() {
    let s = Sandbox::new();
    // Cut in the middle of the second card's e-mail address.
    let card = std::fs::read(fixture("apple_v30.vcf")).unwrap();
    let text = String::from_utf8(card).unwrap();
    let second = text.match_indices("BEGIN:VCARD").nth(1).unwrap().0;
    let cut_at = second + text[second..].find("per@example.se").unwrap() + 6;
    let cut = s.dir.path().join("cut.vcf");
    std::fs::write(&cut, &text[..cut_at]).unwrap();
    let out = s.ok(&["import", "vcard", cut.to_str().unwrap(), "--json"]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["added"].as_array().unwrap().len(), 2, "{out}");
    assert!(out.contains("card 2"), "{out}");
    assert!(out.contains("was cut off and is left out"), "{out}");
    assert!(out.contains("is it cut off?"), "{out}");
    // Per is there, without the half address.
    let per = s.ok(&["show", "Per Andersson", "--json"]);
    assert!(!per.contains("per@ex"), "{per}");

    // A CSV cut in its last row keeps that row's whole cells.
    let csv = std::fs::read(fixture("linkedin_connections.csv")).unwrap();
    let cut_csv = s.dir.path().join("cut.csv");
    std::fs::write(&cut_csv, &csv[..csv.len() - 30]).unwrap();
    let out = s.ok(&["import", "linkedin", cut_csv.to_str().unwrap()]);
    assert!(
        out.contains("the file ends in the middle of this row"),
        "{out}"
    );
}

#[test]
fn a_refused_file_creates_no_database() {
    let s = Sandbox::new();
    let out = s
        .cmd(&["import", "linkedin", &fixture("apple_v30.vcf")])
        .output()
        .unwrap();
    common::assert_refused(&out, "not a LinkedIn Connections.csv");
    assert!(
        !s.db.exists(),
        "the database was created for a refused import"
    );
}

#[test]
fn a_dry_run_reports_and_writes_nothing() {
    let s = Sandbox::new();
    s.ok(&["add", "Someone"]);
    let before = snapshot(&s.db);
    let said = s.ok(&[
        "import",
        "google",
        &fixture("google_current.csv"),
        "--dry-run",
    ]);
    assert!(
        said.starts_with("Would import google_current.csv: 4 added, 0 updated, 0 unchanged, 0 merged, 1 skipped. Nothing was written (--dry-run)."),
        "{said}"
    );
    assert_eq!(snapshot(&s.db), before);
}

#[test]
fn export_csv_has_a_row_per_person_with_figures() {
    let s = Sandbox::new();
    s.ok(&["import", "linkedin", &fixture("linkedin_connections.csv")]);
    s.ok(&[
        "log",
        "Bram",
        "--gave",
        "--kind",
        "favour",
        "--on",
        "2026-11-20",
    ]);
    let csv = s.ok(&["export", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 7);
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let bram = rows
        .iter()
        .find(|r| &r[column("name")] == "Bram de Vries")
        .unwrap();
    assert_eq!(&bram[column("company")], "Stripe, Inc.");
    assert_eq!(&bram[column("status")], "active");
    assert_eq!(&bram[column("given")], "1");
    assert_eq!(&bram[column("last_contact")], "2026-11-20");
    assert_eq!(&bram[column("days_since")], "5");
    let ana = rows
        .iter()
        .find(|r| &r[column("name")] == "Ana Lima")
        .unwrap();
    assert_eq!(&ana[column("status")], "paper");
}

#[test]
fn exported_vcards_import_back_with_every_person() {
    let s = Sandbox::new();
    s.ok(&["import", "google", &fixture("google_current.csv")]);
    s.ok(&["import", "vcard", &fixture("apple_v30.vcf")]);
    s.ok(&["import", "linkedin", &fixture("linkedin_connections.csv")]);
    // Two people who share a name stay two.
    s.ok(&["add", "Sam Lee", "--company", "Acme"]);
    s.ok(&["add", "Sam Lee", "--company", "Globex"]);
    let cards = s.dir.path().join("everyone.vcf");
    s.ok(&["export", "vcard", "-o", cards.to_str().unwrap()]);
    let other = s.dir.path().join("other.db");
    let report = s.json_on(&other, &["import", "vcard", cards.to_str().unwrap()]);
    assert_eq!(report["added"].as_array().unwrap().len(), 15);
    let fields = |db: &std::path::Path| -> Vec<serde_json::Value> {
        let out = s.cmd_on(db, &["export", "json"]).output().unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        doc["people"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                serde_json::json!([
                    p["name"],
                    p["emails"],
                    p["phones"],
                    p["company"],
                    p["role"],
                    p["birthday"],
                    p["tags"],
                    p["location"]
                ])
            })
            .collect()
    };
    assert_eq!(fields(&s.db), fields(&other));
}
