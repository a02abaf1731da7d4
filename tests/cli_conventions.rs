//! What a command-line tool is expected to have: completions for the shells, a manual page,
//! suggestions for a mistyped command, and the accepted values in `--help`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;

#[test]
fn completions_and_a_manual_page_without_a_database() {
    let s = Sandbox::new();
    let bash = s.ok(&["completions", "bash"]);
    assert!(
        bash.contains("_tiesdesk()") && bash.contains("import"),
        "{bash}"
    );
    assert!(
        s.ok(&["completions", "zsh"])
            .starts_with("#compdef tiesdesk")
    );
    assert!(
        s.ok(&["completions", "fish"])
            .contains("complete -c tiesdesk")
    );
    let man = s.ok(&["man"]);
    assert!(man.contains(".TH tiesdesk 1"), "{man}");
    for command in ["import", "undo", "check", "intro"] {
        assert!(man.contains(command), "the manual page misses {command}");
    }
    // What --help has no room for: the app's keys, files, environment, examples; and the
    // pages of the commands it names.
    for section in [
        ".SH KEYS",
        ".SH FILES",
        ".SH ENVIRONMENT",
        ".SH EXAMPLES",
        ".SH \"SEE ALSO\"",
    ] {
        assert!(man.contains(section), "the manual page misses {section}");
    }
    assert!(
        man.contains("TIESDESK_DB") && man.contains("move_down"),
        "{man}"
    );
    assert!(man.contains("tiesdesk\\-add(1)"), "{man}");
    let add = s.ok(&["man", "add"]);
    assert!(
        add.contains(".TH tiesdesk-add 1") && add.contains("birthday"),
        "{add}"
    );
    let nested = s.ok(&["man", "interaction", "edit"]);
    assert!(
        nested.contains(".TH tiesdesk-interaction-edit 1"),
        "{nested}"
    );
    s.refused(&["man", "nope"], "no command 'nope'");
    // Every page the main one names is written by --dir.
    let dir = s.dir.path().join("man1");
    let said = s.ok(&["man", "--dir", dir.to_str().unwrap()]);
    assert!(said.starts_with("Wrote "), "{said}");
    let named: Vec<String> = man
        .split("tiesdesk\\-")
        .skip(1)
        .filter_map(|rest| {
            rest.split_once("(1)")
                .map(|(name, _)| name.replace("\\-", "-"))
        })
        .filter(|name| !name.contains(char::is_whitespace))
        .collect();
    assert!(named.len() > 30, "{named:?}");
    for name in named {
        assert!(dir.join(format!("tiesdesk-{name}.1")).exists(), "{name}");
    }
    assert!(dir.join("tiesdesk.1").exists());
    assert!(!s.db.exists(), "no database is made for these");
}

#[test]
fn help_lists_the_values_a_flag_takes() {
    let s = Sandbox::new();
    let help = s.ok(&["log", "--help"]);
    for value in ["meet:", "favour:", "advice:", "1: five minutes", "4: major"] {
        assert!(help.contains(value), "log --help misses {value}:\n{help}");
    }
}

/// Every command that reports something can say it as JSON: a change says what it made.
#[test]
fn changes_say_what_they_did_as_json() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima"]);
    let promised = s.json(&["promise", "Ana", "the book", "--by", "+1w"]);
    assert_eq!(promised["promise"]["text"], "the book");
    assert!(promised["said"].as_str().unwrap().contains("the book"));
    let snoozed = s.json(&["snooze", "Ana", "--until", "+2w"]);
    assert_eq!(snoozed["name"], "Ana Lima");
    assert_eq!(snoozed["until"], "2026-12-09");
    let undone = s.json(&["undo"]);
    assert!(
        undone["undone"].as_str().unwrap().contains("Ana Lima"),
        "{undone}"
    );
    s.ok(&["undo"]);
    s.ok(&["undo"]);
    assert_eq!(s.json(&["undo"]), serde_json::json!({ "undone": null }));
}
