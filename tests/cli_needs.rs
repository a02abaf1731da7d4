//! Needs through the real binary: noted with tags, listed with who could help, done, and
//! every refusal leaving the database as it was. Introductions: `cli_introductions.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;
use serde_json::Value;

/// Ana is looking; Bo (a designer, warm), Cy (a designer, cooler), Di (#design, a paper tie)
/// and Ed (an accountant) could or could not help.
fn network() -> Sandbox {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima", "--company", "Acme"]);
    s.ok(&["add", "Bo Chen", "--role", "Product Designer"]);
    s.ok(&["add", "Cy Park", "--role", "Designer", "--company", "Dune"]);
    s.ok(&["add", "Di Vos", "--tag", "design"]);
    s.ok(&["add", "Ed Smit", "--role", "Accountant"]);
    for day in ["-3d", "-10d", "-20d", "-30d"] {
        s.ok(&["log", "Bo", "--mutual", "--kind", "meet", "--on", day]);
    }
    s.ok(&["log", "Cy", "--mutual", "--kind", "meet", "--on", "-40d"]);
    s.ok(&["log", "Ana", "--mutual", "--kind", "meet", "--on", "-5d"]);
    s.ok(&["log", "Ed", "--mutual", "--kind", "meet", "--on", "-5d"]);
    s
}

fn names(helpers: &Value) -> Vec<String> {
    helpers
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_need_lists_who_could_help_warmest_first() {
    let s = network();
    let said = s.ok(&[
        "need",
        "Ana",
        "a designer for the new site",
        "--tag",
        "#Design",
    ]);
    assert!(
        said.contains(
            "Noted: Ana Lima is looking for a designer for the new site #design, need #1"
        ),
        "{said}"
    );
    assert!(said.contains("tiesdesk helpers 1"), "{said}");
    let needs = s.json(&["needs"]);
    assert_eq!(needs[0]["text"], "a designer for the new site");
    assert_eq!(needs[0]["tags"], serde_json::json!(["design"]));
    assert_eq!(needs[0]["state"], "open");
    assert_eq!(needs[0]["name"], "Ana Lima");
    assert_eq!(
        names(&needs[0]["helpers"]),
        ["Bo Chen", "Cy Park", "Di Vos"]
    );
    let helpers = s.json(&["helpers", "1"]);
    assert_eq!(names(&helpers["helpers"]), ["Bo Chen", "Cy Park", "Di Vos"]);
    assert_eq!(
        helpers["helpers"][0]["matched"],
        serde_json::json!(["Product Designer"])
    );
    // Added with `add`, never logged with: new (a paper tie is an imported contact).
    assert_eq!(helpers["helpers"][2]["status"], "new");
    let text = s.ok(&["helpers", "1"]);
    assert!(text.contains("Bo Chen (Product Designer; active"), "{text}");
    assert!(text.contains("Di Vos (never in touch)"), "{text}");
    assert!(
        text.contains("tiesdesk introduce 1 NAME (asks NAME first"),
        "{text}"
    );

    // Archived people neither help nor are listed.
    s.ok(&["archive", "Cy"]);
    assert_eq!(
        names(&s.json(&["helpers", "1"])["helpers"]),
        ["Bo Chen", "Di Vos"]
    );
    s.ok(&["archive", "Ana"]);
    assert_eq!(s.json(&["needs"]), serde_json::json!([]));
    s.ok(&["unarchive", "Ana"]);
    assert_eq!(s.json(&["needs"]).as_array().unwrap().len(), 1);
}

#[test]
fn a_paper_tie_who_could_help_comes_with_the_way_to_them() {
    let s = network();
    s.ok(&["link", "Bo", "knows", "Di"]);
    s.ok(&["need", "Ana", "someone in design", "--tag", "design"]);
    let helpers = s.json(&["helpers", "1"]);
    let di = &helpers["helpers"][2];
    assert_eq!(di["name"], "Di Vos");
    assert_eq!(di["way"]["ask"]["name"], "Bo Chen");
    let text = s.ok(&["helpers", "1"]);
    assert!(
        text.contains("Di Vos (never in touch; ask Bo Chen"),
        "{text}"
    );
}

#[test]
fn need_done_closes_it_and_undo_opens_it_again() {
    let s = network();
    s.ok(&["need", "Ana", "a designer"]);
    let said = s.ok(&["need-done", "1"]);
    assert!(
        said.contains("Done: Ana Lima no longer needs a designer."),
        "{said}"
    );
    assert_eq!(s.json(&["needs"]), serde_json::json!([]));
    let all = s.json(&["needs", "--all"]);
    assert_eq!(all[0]["state"], "done");
    assert_eq!(all[0]["done_on"], "2026-11-25");
    assert_eq!(all[0]["helpers"], serde_json::json!([]));
    s.refused(
        &["need-done", "1"],
        "need #1 was already done on 2026-11-25",
    );
    s.refused(&["helpers", "1"], "already done");
    s.refused(&["introduce", "1", "Bo"], "already done");
    s.ok(&["undo"]);
    assert_eq!(s.json(&["needs"])[0]["state"], "open");
}

#[test]
fn bad_needs_are_refused_and_change_nothing() {
    let s = network();
    s.ok(&["need", "Ana", "a designer"]);
    s.refused(&["need-done", "7"], "no need #7");
    s.refused(&["helpers", "7"], "no need #7");
    s.refused(&["introduce", "7", "Bo"], "no need #7");
    s.refused(&["introduce", "1", "Ana"], "need #1 is Ana Lima's own");
    s.refused(&["introduce", "1", "Nobody Here"], "nobody");
    s.refused(&["need", "Ana", "  "], "a need needs a few words");
    s.refused(&["need", "Ana", "x", "--tag", "two words"], "bad tag");
    s.refused(&["need", "Nobody Here", "x"], "nobody");
    // Typed text with a control character is refused (as a name or a note would be); a line
    // break is only a space.
    s.refused(
        &["need", "Ana", "a \x1b[2Jflat"],
        "a need cannot contain control or invisible characters",
    );
    s.ok(&["need", "Ana", "a flat\nin town"]);
    assert_eq!(s.json(&["needs"])[1]["text"], "a flat in town");
}

#[test]
fn needs_follow_a_merge_and_its_undo() {
    let s = network();
    s.ok(&["add", "Ana L", "--email", "ana@x.org"]);
    s.ok(&["need", "Ana L", "a designer"]);
    s.ok(&["merge", "Ana Lima", "Ana L"]);
    assert_eq!(s.json(&["needs"])[0]["name"], "Ana Lima");
    s.ok(&["undo"]);
    assert_eq!(s.json(&["needs"])[0]["name"], "Ana L");
}
