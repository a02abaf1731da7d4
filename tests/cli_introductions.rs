//! Introductions through the real binary, in the stages they really go through: asked of the
//! helper (nothing logged), made (a favour given to both), met (they know each other, the need
//! done); dropped; each one undo; refused out of order; asked about by the review; carried by
//! the document.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;
use serde_json::Value;

/// Ana (a need: a designer) and Bo (a designer), both in touch.
fn network() -> Sandbox {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima"]);
    s.ok(&["add", "Bo Chen", "--role", "Designer"]);
    for who in ["Ana", "Bo"] {
        s.ok(&["log", who, "--mutual", "--kind", "meet", "--on", "-20d"]);
    }
    s.ok(&["need", "Ana", "a designer"]);
    s
}

fn interactions(s: &Sandbox, who: &str) -> Vec<Value> {
    s.json(&["show", who])["interactions"]
        .as_array()
        .unwrap()
        .clone()
}

fn knows(s: &Sandbox, who: &str, other: &str) -> bool {
    s.json(&["show", who])["connections"]["knows"]
        .to_string()
        .contains(other)
}

#[test]
fn asked_then_made_then_met_closes_the_loop() {
    let s = network();
    let said = s.ok(&["introduce", "1", "Bo"]);
    assert!(
        said.starts_with("Asked Bo Chen about meeting Ana Lima (for a designer); introduction #1."),
        "{said}"
    );
    assert!(said.contains("tiesdesk introduced 1 --made"), "{said}");
    // Asking is not a favour yet, and they do not know each other yet.
    assert_eq!(interactions(&s, "Ana").len(), 1);
    assert!(!knows(&s, "Ana", "Bo"));
    let listed = s.json(&["introductions"]);
    assert_eq!(listed[0]["stage"], "asked");
    assert_eq!(listed[0]["name"], "Ana Lima");
    assert_eq!(listed[0]["helper_name"], "Bo Chen");
    assert_eq!(listed[0]["need_text"], "a designer");

    let made = s.ok(&["introduced", "1", "--made", "--size", "2"]);
    assert!(
        made.contains("Introduced Ana Lima to Bo Chen (for a designer): a favour to both"),
        "{made}"
    );
    for who in ["Ana", "Bo"] {
        let newest = &interactions(&s, who)[0];
        assert_eq!(newest["kind"], "intro", "{who}");
        assert_eq!(newest["direction"], "gave", "{who}");
        assert_eq!(newest["size"], 2, "{who}");
        assert_eq!(newest["note"], "for: a designer", "{who}");
    }
    assert!(!knows(&s, "Ana", "Bo"), "made is not met");
    assert_eq!(s.json(&["needs"])[0]["state"], "open");

    let met = s.ok(&["introduced", "1", "--met"]);
    assert!(
        met.contains("Ana Lima and Bo Chen met: they know each other now, and need #1 is done"),
        "{met}"
    );
    assert!(knows(&s, "Ana", "Bo"));
    assert_eq!(s.json(&["needs"]), serde_json::json!([]));
    assert_eq!(s.json(&["needs", "--all"])[0]["state"], "done");
    assert_eq!(s.json(&["introductions"]), serde_json::json!([]));
    let all = s.json(&["introductions", "--all"]);
    assert_eq!(all[0]["stage"], "met");
    assert_eq!(all[0]["met_on"], common::TODAY);
    // Only the one favour was logged: meeting is theirs.
    assert_eq!(interactions(&s, "Ana").len(), 2);

    // Undo takes the meeting back whole: the link, the need done.
    s.ok(&["undo"]);
    assert!(!knows(&s, "Ana", "Bo"));
    assert_eq!(s.json(&["needs"])[0]["state"], "open");
    assert_eq!(s.json(&["introductions"])[0]["stage"], "made");
    // And the making: the favour goes too.
    s.ok(&["undo"]);
    assert_eq!(interactions(&s, "Ana").len(), 1);
    assert_eq!(s.json(&["introductions"])[0]["stage"], "asked");
}

#[test]
fn made_at_once_met_keeping_the_need_and_dropped() {
    let s = network();
    s.ok(&["add", "Cy Park", "--role", "Designer"]);
    let said = s.ok(&["introduce", "1", "Bo", "--made"]);
    assert!(said.contains("a favour to both; introduction #1"), "{said}");
    assert!(said.contains("tiesdesk introduced 1 --met"), "{said}");
    assert_eq!(interactions(&s, "Bo")[0]["kind"], "intro");
    // Meeting did not answer the need: it stays open.
    let met = s.ok(&["introduced", "1", "--met", "--keep-need"]);
    assert!(met.contains("they know each other now."), "{met}");
    assert!(knows(&s, "Ana", "Bo"));
    assert_eq!(s.json(&["needs"])[0]["state"], "open");
    // One undo for asking and making at once.
    s.ok(&["introduce", "1", "Cy"]);
    let dropped = s.ok(&["introduced", "2", "--dropped"]);
    assert!(
        dropped.contains("Dropped the introduction of Ana Lima to Cy Park"),
        "{dropped}"
    );
    assert_eq!(s.json(&["introductions", "--all"])[1]["stage"], "dropped");
    // Met straight from asked: made that day too, the favour logged.
    s.ok(&["introduce", "1", "Cy"]);
    s.ok(&["introduced", "3", "--met"]);
    let cy = &interactions(&s, "Cy")[0];
    assert_eq!(cy["kind"], "intro");
    assert_eq!(
        s.json(&["introductions", "--all"])[2]["made_on"],
        common::TODAY
    );
}

#[test]
fn out_of_order_and_unknown_are_refused_and_change_nothing() {
    let s = network();
    s.ok(&["introduce", "1", "Bo"]);
    s.refused(&["introduced", "9", "--made"], "no introduction #9");
    s.refused(&["introduced", "1"], "required");
    s.refused(
        &["introduced", "1", "--made", "--met"],
        "cannot be used with",
    );
    s.refused(
        &["introduced", "1", "--made", "--keep-need"],
        "cannot be used with",
    );
    s.refused(
        &["introduced", "x", "--made"],
        "expected an introduction's number",
    );
    s.ok(&["introduced", "1", "--dropped"]);
    s.refused(
        &["introduced", "1", "--made"],
        "introduction #1 was dropped on 2026-11-25; it cannot be made now",
    );
    s.refused(&["introduced", "1", "--met"], "cannot be met now");
    s.refused(&["introduce", "1", "Ana"], "need #1 is Ana Lima's own");
    s.ok(&["need-done", "1"]);
    s.refused(&["introduce", "1", "Bo"], "already done");
}

#[test]
fn the_review_asks_how_it_went_when_it_is_time() {
    let s = network();
    s.ok(&["introduce", "1", "Bo"]);
    let could_help = |day: &str| s.review_step(day, "could_help");
    // The day after asking: too soon to ask, and the need is not offered again meanwhile.
    assert_eq!(could_help("2026-11-26"), Vec::<Value>::new());
    let later = could_help("2026-11-29");
    assert_eq!(later.len(), 1);
    assert_eq!(
        later[0]["subject"],
        serde_json::json!({"kind": "introduction", "id": 1})
    );
    assert_eq!(
        later[0]["detail"],
        "did Bo Chen say yes? asked 4 days ago (for a designer)"
    );
    let text = s.cmd_at(&s.db, "2026-11-29", &["review"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("(tiesdesk introduced 1 --made|--met|--dropped)"),
        "{text}"
    );
    s.ok(&["introduced", "1", "--made"]);
    assert_eq!(could_help("2026-11-30"), Vec::<Value>::new(), "made today");
    assert_eq!(
        could_help("2026-12-03")[0]["detail"],
        "did they meet? introduced to Bo Chen 8 days ago (for a designer)"
    );
    s.ok(&["introduced", "1", "--met"]);
    assert_eq!(could_help("2026-12-03"), Vec::<Value>::new());
}

#[test]
fn introductions_travel_in_the_document() {
    let s = network();
    s.ok(&["introduce", "1", "Bo", "--made"]);
    let document = s.ok(&["export", "json"]);
    let parsed: Value = serde_json::from_str(&document).unwrap();
    let introduction = &parsed["introductions"][0];
    assert_eq!(introduction["stage"], "made");
    assert_eq!(introduction["need"], 1);
    assert_eq!(introduction["helper"], 2);
    let favour = introduction["favour"].as_i64().unwrap();
    let logged = (parsed["interactions"].as_array().unwrap().iter())
        .find(|i| i["id"] == favour)
        .unwrap();
    assert_eq!(logged["kind"], "intro");

    let (restored, said) = s.restored(&document);
    assert!(said.contains("1 introduction"), "{said}");
    assert_eq!(
        s.json_on(&restored, &["introductions", "--all"]),
        s.json(&["introductions", "--all"])
    );
    // A document whose introduction's stage and days disagree is refused, naming the place.
    let mut broken = parsed.clone();
    broken["introductions"][0]["made_on"] = Value::Null;
    let path = s.dir.path().join("broken.json");
    std::fs::write(&path, broken.to_string()).unwrap();
    let other = s.dir.path().join("other.db");
    let out = (s.cmd_on(&other, &["import", "json", path.to_str().unwrap()]))
        .output()
        .unwrap();
    common::assert_refused(
        &out,
        "introductions[0].stage: an introduction made has made_on",
    );
}
