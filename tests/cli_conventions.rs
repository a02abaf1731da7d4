//! What a command-line tool is expected to have: completions for the shells, a manual page,
//! suggestions for a mistyped command, and the accepted values in `--help`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;

#[test]
fn completions_and_a_manual_page_without_a_database() {
    let s = Sandbox::new();
    // The scripts call tiesdesk back on each Tab, so names come from the database.
    let bash = s.ok(&["completions", "bash"]);
    assert!(
        bash.contains("complete -o nospace") && bash.contains("COMPLETE=\"bash\""),
        "{bash}"
    );
    assert!(
        s.ok(&["completions", "zsh"])
            .starts_with("#compdef tiesdesk")
    );
    assert!(
        s.ok(&["completions", "fish"])
            .contains("COMPLETE=fish tiesdesk")
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

/// What a shell's Tab gets back: `COMPLETE=fish tiesdesk -- tiesdesk …` as the fish script
/// runs it, one candidate a line with its description after a tab.
fn tab(s: &Sandbox, words: &[&str], bash: bool) -> Vec<String> {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_tiesdesk"));
    cmd.env("TIESDESK_CONFIG", s.dir.path().join("no-config.toml"))
        .env("TIESDESK_DB", &s.db)
        .arg("--")
        .arg("tiesdesk")
        .args(words);
    if bash {
        cmd.env("COMPLETE", "bash")
            .env("_CLAP_COMPLETE_INDEX", words.len().to_string())
            .env("_CLAP_COMPLETE_COMP_TYPE", "9")
            .env("_CLAP_COMPLETE_SPACE", "true")
            .env("_CLAP_IFS", "\n");
    } else {
        cmd.env("COMPLETE", "fish");
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn tab_completes_peoples_names_closest_first_and_namesakes_by_id() {
    let s = Sandbox::new();
    // No database yet: nothing offered, and none made.
    assert!(tab(&s, &["show", "an"], false).is_empty());
    assert!(!s.db.exists());
    s.ok(&["add", "Ana Lima", "--company", "Zephyr Labs"]);
    s.ok(&["add", "Ana Lima", "--company", "Canal Bank"]);
    s.ok(&["add", "Anton Berg"]);
    s.ok(&["add", "Annika Vos"]);
    s.ok(&["log", "annika", "--mutual", "--kind", "meet"]);
    let offered = tab(&s, &["show", "an"], false);
    // The one in touch first; the two called Ana Lima by id, with what tells them apart.
    assert_eq!(
        offered.first().map(String::as_str),
        Some("Annika Vos"),
        "{offered:?}"
    );
    assert!(
        offered.contains(&"id:1\tAna Lima (Zephyr Labs)".to_string()),
        "{offered:?}"
    );
    assert!(
        offered.contains(&"id:2\tAna Lima (Canal Bank)".to_string()),
        "{offered:?}"
    );
    assert!(offered.contains(&"Anton Berg".to_string()), "{offered:?}");
    // Every argument that names a person completes: log's many, merge's two, --with.
    for words in [
        &["log", "annika", "ant"][..],
        &["merge", "ant"],
        &["interaction", "edit", "1", "--with", "ant"],
        &["edit", "ant"],
    ] {
        assert!(
            tab(&s, words, false).iter().any(|c| c == "Anton Berg"),
            "{words:?}"
        );
    }
    // bash puts the value in as it is: the space is escaped, so the name stays one word.
    assert_eq!(tab(&s, &["show", "anton"], true), ["Anton\\ Berg"]);
    // Commands and flags still complete.
    assert!(
        tab(&s, &["sta"], false)
            .iter()
            .any(|c| c.starts_with("status"))
    );
}
