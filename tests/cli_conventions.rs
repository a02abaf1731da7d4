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
