//! People on call through the real binary: kept passively ("op afroep"), never due, counted
//! apart from the ~150, one light touch a year in the review; set and unset with `edit`, one
//! undo each, carried by the document.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;
use serde_json::Value;

/// Ana and Bo met every fortnight for half a year, the last time seven weeks ago: both due;
/// Cy was met once, two years ago.
fn network() -> Sandbox {
    let s = Sandbox::new();
    for name in ["Ana Lima", "Bo Chen", "Cy Park"] {
        s.ok(&["add", name]);
    }
    // A season of log first, so due is said at all.
    s.ok(&[
        "log",
        "Cy",
        "--mutual",
        "--kind",
        "meet",
        "--on",
        "2024-11-20",
    ]);
    for k in 0..12 {
        let day = format!("-{}d", 50 + 14 * k);
        for who in ["Ana", "Bo"] {
            s.ok(&["log", who, "--mutual", "--kind", "call", "--on", &day]);
        }
    }
    s
}

fn person<'a>(list: &'a Value, name: &str) -> &'a Value {
    (list.as_array().unwrap().iter())
        .find(|p| p["name"] == name)
        .unwrap()
}

#[test]
fn on_call_is_never_due_and_apart_from_the_150() {
    let s = network();
    let before = s.json(&["list"]);
    assert_eq!(person(&before, "Bo Chen")["status"], "active");
    assert_ne!(person(&before, "Bo Chen")["due"], false);

    let said = s.ok(&["edit", "Bo", "--on-call"]);
    assert!(
        said.contains("On call: kept passively, never due, not among your ~150."),
        "{said}"
    );
    let after = s.json(&["list"]);
    let bo = person(&after, "Bo Chen");
    assert_eq!(bo["status"], "on_call");
    assert_eq!(bo["due"], false);
    assert_eq!(bo["layer"], Value::Null);
    assert_eq!(person(&after, "Ana Lima")["status"], "active");
    let status = s.json(&["status"]);
    assert_eq!(status["on_call"], 1, "{status}");
    assert_eq!(status["active"], 1, "{status}");
    let listed = s.json(&["list", "--on-call"]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["name"], "Bo Chen");
    let text = s.ok(&["status"]);
    assert!(text.contains("On call     1 (kept passively"), "{text}");
    let shown = s.ok(&["show", "Bo"]);
    assert!(
        shown.contains("On call: kept passively, never due"),
        "{shown}"
    );
    // Not due, so not in the due step: a light touch only once a year has passed.
    let due_step = |s: &Sandbox| -> Vec<String> {
        (s.review_step(common::TODAY, "due").iter())
            .map(|i| {
                format!(
                    "{}: {}",
                    i["name"].as_str().unwrap(),
                    i["detail"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert!(due_step(&s).iter().all(|line| !line.starts_with("Bo Chen")));
    s.ok(&["edit", "Cy", "--on-call"]);
    assert!(
        due_step(&s).contains(
            &"Cy Park: on call: a light touch once a year (last contact 2 years ago)".to_string()
        ),
        "{:?}",
        due_step(&s)
    );

    // Undo, and --not-on-call, bring them back.
    s.ok(&["undo"]);
    assert_eq!(person(&s.json(&["list"]), "Cy Park")["status"], "dormant");
    let back = s.ok(&["edit", "Bo", "--not-on-call"]);
    assert!(back.contains("No longer on call."), "{back}");
    assert_eq!(person(&s.json(&["list"]), "Bo Chen")["status"], "active");
    s.refused(
        &["edit", "Bo", "--on-call", "--not-on-call"],
        "cannot be used with",
    );
}

#[test]
fn on_call_travels_in_the_document() {
    let s = network();
    s.ok(&["add", "Di Vos", "--on-call"]);
    let document: Value = serde_json::from_str(&s.ok(&["export", "json"])).unwrap();
    let di = person(&document["people"], "Di Vos");
    assert_eq!(di["on_call"], true);
    let (restored, _) = s.restored(&document.to_string());
    let listed = s.json_on(&restored, &["list"]);
    assert_eq!(person(&listed, "Di Vos")["status"], "on_call");
}
