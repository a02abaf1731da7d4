//! The model through the commands: list filters, status, and config.toml.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Sandbox, assert_refused};
use serde_json::Value;

fn demo() -> Sandbox {
    let s = Sandbox::new();
    s.ok(&["demo", "--people", "600", "--seed", "2"]);
    s
}

fn len(v: &Value) -> usize {
    v.as_array().unwrap().len()
}

#[test]
fn list_filters_agree_with_status() {
    let s = demo();
    let status = s.json(&["status"]);
    let count = |key: &str| status[key].as_u64().unwrap() as usize;
    let active = s.json(&["list", "--active"]);
    assert_eq!(len(&active), count("active"));
    assert!(
        active
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["status"] == "active" && p["layer"].is_number())
    );
    assert_eq!(len(&s.json(&["list", "--dormant"])), count("dormant"));
    assert_eq!(len(&s.json(&["list", "--paper"])), count("paper"));
    assert_eq!(len(&s.json(&["list", "--archived"])), count("archived"));
    assert_eq!(len(&s.json(&["list"])), count("everyone"));
    let due = s.json(&["list", "--due"]);
    assert_eq!(len(&due), count("due") + count("overdue"));
    assert!(
        due.as_array()
            .unwrap()
            .iter()
            .all(|p| p["due"] == "due" || p["due"] == "overdue")
    );
    let one_sided = s.json(&["list", "--one-sided"]);
    assert_eq!(len(&one_sided), count("you_take") + count("they_take"));
    assert!(count("you_take") > 0 && count("they_take") > 0);
    let fives = s.json(&["list", "--layer", "5"]);
    assert_eq!(
        len(&fives),
        status["layers"][0]["people"].as_u64().unwrap() as usize
    );
    assert!(fives.as_array().unwrap().iter().all(|p| p["layer"] == 5));
    // Paper ties are ordered after everyone engaged; the active list leads with the warmest.
    let all = s.json(&["list"]);
    let warmth: Vec<f64> = active
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["warmth"].as_f64().unwrap())
        .collect();
    assert!(warmth.windows(2).all(|w| w[0] >= w[1]));
    assert_eq!(all[0]["status"], "active");
    assert_eq!(all[len(&all) - 1]["status"], "paper");
    for key in [
        "dunbar",
        "competing",
        "over_capacity",
        "paper_share",
        "long_dormant",
        "days_since_review",
    ] {
        assert!(status.get(key).is_some(), "status --json lacks {key}");
    }
}

#[test]
fn show_explains_a_one_sided_tie() {
    let s = demo();
    let one_sided = s.json(&["list", "--one-sided"]);
    let you_take = one_sided
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["one_sided"] == "you_take")
        .unwrap();
    let id = format!("#{}", you_take["id"]);
    let text = s.ok(&["show", &id]);
    // An invitation, thanks first; the numbers only with --ledger (and in the JSON).
    assert!(
        text.contains("has helped you a lot lately: thank them"),
        "{text}"
    );
    assert!(!text.contains("got"), "{text}");
    assert!(text.contains("Active: rank"), "{text}");
    let ledger = s.ok(&["show", &id, "--ledger"]);
    assert!(ledger.contains("Favours in the last 18 months"), "{ledger}");
    assert!(ledger.contains("you received"), "{ledger}");
    let shown = s.json(&["show", &id]);
    assert!(shown["why"].as_array().unwrap().len() >= 3);
    assert!(
        shown["figures"]["ledger"]["received"].as_u64().unwrap() > 0,
        "{shown}"
    );
}

#[test]
fn the_config_file_changes_the_model() {
    let s = Sandbox::new();
    for i in 0..30 {
        let name = format!("Person {i:02}");
        s.ok(&["add", &name]);
        s.ok(&[
            "log",
            &name,
            "--mutual",
            "--kind",
            "meet",
            "--on",
            &format!("-{}d", i + 1),
        ]);
    }
    let config = s.dir.path().join("config.toml");
    std::fs::write(&config, "[model]\ndunbar = 20\n").unwrap();
    let out = s
        .cmd(&["status", "--json"])
        .env("TIESDESK_CONFIG", &config)
        .output()
        .unwrap();
    let status: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(status["dunbar"], 20);
    assert_eq!(status["active"], 20);
    assert_eq!(status["over_capacity"], 10);
    let text = s
        .cmd(&["status"])
        .env("TIESDESK_CONFIG", &config)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&text.stdout)
            .contains("over capacity: 30 people compete for 20 places")
    );
}

#[test]
fn a_bad_config_value_is_named() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima"]);
    let config = s.dir.path().join("config.toml");
    for (text, needle) in [
        ("[model]\nhalf_life_days = 0.0\n", "model.half_life_days"),
        ("[ledger]\nwindow_days = \"long\"\n", "ledger.window_days"),
        ("[model.kind_weights]\nhug = 3.0\n", "hug"),
        ("[model\n", "config"),
    ] {
        std::fs::write(&config, text).unwrap();
        let before = common::snapshot(&s.db);
        let out = s
            .cmd(&["list"])
            .env("TIESDESK_CONFIG", &config)
            .output()
            .unwrap();
        assert_refused(&out, needle);
        assert_eq!(before, common::snapshot(&s.db));
    }
}

#[test]
fn a_bad_key_binding_is_named_before_anything_opens() {
    let s = Sandbox::new();
    let config = s.dir.path().join("config.toml");
    std::fs::write(&config, "[keys.dashboard]\nx = \"gaev\"\n").unwrap();
    let out = s.cmd(&[]).env("TIESDESK_CONFIG", &config).output().unwrap();
    assert_refused(&out, "keys.dashboard.x: unknown action 'gaev'");
    assert!(!s.db.exists());
    // A good one passes the check (and then meets the missing terminal).
    std::fs::write(&config, "[keys.dashboard]\nf = \"gave\"\n").unwrap();
    let out = s.cmd(&[]).env("TIESDESK_CONFIG", &config).output().unwrap();
    assert_refused(&out, "needs a terminal");
}

/// Under 90 days of log no one is due, and every record says it is a first guess.
#[test]
fn a_young_log_is_learning_your_rhythm() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima"]);
    s.ok(&["log", "ana", "--mutual", "--kind", "meet", "--on", "-40d"]);
    let listed = s.json(&["list"]);
    assert_eq!(listed[0]["learning"], true, "{listed}");
    assert_eq!(
        listed[0]["due"], false,
        "40 days in the 5 layer, but the log is young"
    );
    let status = s.json(&["status"]);
    assert_eq!(status["learning"], true, "{status}");
    assert_eq!(status["log_days"], 40);
    assert!(s.ok(&["status"]).contains("learning your rhythm"));
    // A season of log later, the same gap is overdue.
    let later = s.json_at("2027-03-01", &["list"]);
    assert_eq!(later[0]["learning"], false);
    assert_eq!(later[0]["due"], "overdue", "{later}");
}
