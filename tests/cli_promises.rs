//! Promises through the real binary: made, listed (late first), kept as a favour given in one
//! undo, dropped, and every refusal leaving the database as it was.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;
use serde_json::Value;

fn people() -> Sandbox {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima", "--company", "Acme"]);
    s.ok(&["add", "Bo Chen"]);
    s
}

/// The JSON of `promises` as a later day sees it (the sandbox's own day is fixed).
fn promises_on(s: &Sandbox, day: &str, all: bool) -> Value {
    s.json_at(
        day,
        if all {
            &["promises", "--all"]
        } else {
            &["promises"]
        },
    )
}

fn ids(list: &Value) -> Vec<i64> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn promises_are_listed_late_first_then_by_their_day() {
    let s = people();
    let made = s.ok(&[
        "promise",
        "Ana",
        "send the article on hiring",
        "--by",
        "+1w",
    ]);
    assert!(
        made.contains("Promised Ana Lima: send the article on hiring by 2026-12-02, promise #1"),
        "{made}"
    );
    s.ok(&["promise", "Bo", "coffee when he is back"]);
    s.ok(&["promise", "Bo Chen", "intro to a designer", "--by", "today"]);
    s.ok(&["promise", "#1", "the book", "--by", "2026-12-20"]);
    let now = s.json(&["promises"]);
    assert_eq!(
        ids(&now),
        [3, 1, 4, 2],
        "by day, the one without a day last"
    );
    assert_eq!(now[0]["name"], "Bo Chen");
    assert_eq!(now[0]["late"], false);
    // A week later two are late, and they come first.
    let later = promises_on(&s, "2026-12-05", false);
    assert_eq!(ids(&later), [3, 1, 4, 2]);
    let late: Vec<bool> = later
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["late"].as_bool().unwrap())
        .collect();
    assert_eq!(late, [true, true, false, false]);
    let text = s.ok(&["promises"]);
    assert!(text.contains("4 open, 0 late"), "{text}");
    assert!(
        text.contains("#3    Bo Chen          intro to a designer  (by 2026-11-25)"),
        "{text}"
    );
}

#[test]
fn kept_logs_a_favour_given_and_undo_takes_back_both() {
    let s = people();
    s.ok(&["promise", "Ana", "send the article on hiring"]);
    let kept = s.ok(&["kept", "1", "--size", "2"]);
    assert!(
        kept.contains("Kept your promise to Ana Lima: send the article on hiring"),
        "{kept}"
    );
    let ana = s.json(&["show", "Ana"]);
    assert_eq!(ana["figures"]["ledger"]["given"], 2);
    assert_eq!(ana["figures"]["ledger"]["favours"], 1);
    let favour = &ana["interactions"][0];
    assert_eq!(favour["kind"], "favour");
    assert_eq!(favour["direction"], "gave");
    assert_eq!(favour["size"], 2);
    assert_eq!(favour["note"], "send the article on hiring");
    assert_eq!(favour["day"], common::TODAY);
    // Kept promises leave the open list, and stay in the whole one with the favour's id.
    assert!(ids(&s.json(&["promises"])).is_empty());
    let all = s.json(&["promises", "--all"]);
    assert_eq!(all[0]["state"], "kept");
    assert_eq!(all[0]["closed_on"], common::TODAY);
    assert_eq!(all[0]["favour"], favour["id"]);

    let undone = s.ok(&["undo"]);
    assert!(undone.contains("Kept promise #1"), "{undone}");
    let ana = s.json(&["show", "Ana"]);
    assert!(ana["interactions"].as_array().unwrap().is_empty());
    let open = s.json(&["promises"]);
    assert_eq!(open[0]["state"], "open");
    assert_eq!(open[0]["favour"], Value::Null);
    // Another kind, when the promise was advice or an introduction.
    s.ok(&["kept", "1", "--kind", "advice"]);
    assert_eq!(
        s.json(&["show", "Ana"])["interactions"][0]["kind"],
        "advice"
    );
}

#[test]
fn a_dropped_promise_stays_dropped_and_undo_opens_it_again() {
    let s = people();
    s.ok(&["promise", "Bo", "coffee"]);
    let dropped = s.ok(&["drop", "1"]);
    assert!(
        dropped.contains("Dropped your promise to Bo Chen: coffee"),
        "{dropped}"
    );
    assert_eq!(s.json(&["promises", "--all"])[0]["state"], "dropped");
    s.refused(
        &["kept", "1"],
        "promise #1 was already dropped on 2026-11-25",
    );
    s.refused(&["drop", "1"], "already dropped");
    s.ok(&["undo"]);
    assert_eq!(s.json(&["promises"])[0]["state"], "open");
    s.ok(&["kept", "1"]);
    s.refused(&["kept", "1"], "already kept");
    s.refused(&["drop", "1"], "already kept");
}

#[test]
fn bad_promises_are_refused_and_change_nothing() {
    let s = people();
    s.ok(&["promise", "Ana", "the book"]);
    s.refused(&["kept", "9"], "no promise #9");
    s.refused(&["drop", "0"], "expected a promise's number");
    s.refused(
        &["promise", "Ana", "x", "--by", "2026-02-30"],
        "bad date '2026-02-30'",
    );
    s.refused(&["promise", "Ana", "x", "--by", "2026-11-24"], "bad date");
    s.refused(&["promise", "Ana", " \t "], "a promise needs a few words");
    s.refused(&["promise", "Nobody Here", "x"], "nobody");
    s.refused(&["kept", "1", "--size", "3"], "3");
    // Text from a terminal never carries its controls into the database: refused, as a name
    // or a note would be.
    s.refused(
        &["promise", "Ana", "send \x1b]0;pwned\x07the link"],
        "a promise cannot contain control or invisible characters",
    );
}

#[test]
fn promises_follow_a_merge_and_leave_with_an_archive() {
    let s = people();
    s.ok(&["add", "Ana L", "--email", "ana@x.org"]);
    s.ok(&["promise", "Ana L", "the book"]);
    s.ok(&["merge", "Ana Lima", "Ana L"]);
    let after = s.json(&["promises"]);
    assert_eq!(after[0]["name"], "Ana Lima");
    assert_eq!(after[0]["person"], 1);
    s.ok(&["undo"]);
    assert_eq!(s.json(&["promises"])[0]["name"], "Ana L");
    s.ok(&["archive", "Ana L"]);
    assert!(
        ids(&s.json(&["promises"])).is_empty(),
        "archived people's promises are hidden"
    );
    s.ok(&["unarchive", "Ana L"]);
    assert_eq!(ids(&s.json(&["promises"])), [1]);
}

/// A number that is not one says which number it wants and where to find it.
#[test]
fn a_row_number_that_is_not_one_says_what_was_expected() {
    let s = people();
    s.refused(
        &["kept", "abc"],
        "expected a promise's number, as `tiesdesk promises` lists them",
    );
    s.refused(&["need-done", "0"], "expected a need's number");
    s.refused(&["date-remove", "x"], "expected a date's number");
    s.refused(
        &["interaction", "delete", "two"],
        "expected an interaction's number",
    );
    // `#3` is read as 3.
    s.ok(&["promise", "Ana", "the book"]);
    s.ok(&["kept", "#1"]);
}
