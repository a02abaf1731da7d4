//! The real binary in a pseudo-terminal: first run, logging with keys, Ctrl-C, SIGTERM and
//! resizing, each checked on the screen, in the database, and in the terminal left behind.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;
use common::pty::Pty;

fn start(s: &Sandbox) -> Pty {
    Pty::start(&s.db, &s.dir.path().join("no-config.toml"), &[])
}

#[test]
fn first_run_welcomes_and_quits_cleanly() {
    let s = Sandbox::new();
    let mut app = start(&s);
    app.wait_for("Welcome to tiesdesk");
    app.wait_alternate(true);
    app.wait_for("explore a demo network");
    app.send("q");
    assert!(app.wait_exit());
    app.assert_restored();
}

/// `NO_COLOR` set (to anything but empty) turns every colour off in the real terminal; unset,
/// the same screen has colour. (crossterm honours it too, below the app's own theme: this
/// judges what reaches the terminal, whichever layer does it.)
#[test]
fn no_color_in_the_environment_means_no_colour_on_the_screen() {
    let s = Sandbox::new();
    s.ok(&["demo", "--people", "60"]);
    let config = s.dir.path().join("no-config.toml");
    for (no_color, coloured) in [(Some("1"), false), (None, true), (Some(""), true)] {
        let mut app = Pty::start_with(&s.db, &config, &[], &[("NO_COLOR", no_color)]);
        app.wait_for("Your people");
        app.wait_alternate(true);
        app.send("g");
        app.wait_for("Log with");
        assert_eq!(app.has_colour(), coloured, "NO_COLOR={no_color:?}");
        app.send("\x1b");
        app.wait_for("? help");
        app.send("q");
        assert!(app.wait_exit());
    }
}

#[test]
fn log_a_favour_with_keys() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima", "--company", "Zephyr Labs"]);
    let mut app = start(&s);
    app.wait_for("Ana Lima");
    app.wait_alternate(true);
    app.send("g");
    app.wait_for("Log with Ana Lima");
    app.send("\r");
    app.wait_for("Gave Ana Lima a favour");
    app.send("q");
    assert!(app.wait_exit());
    app.assert_restored();
    let shown = s.json(&["show", "ana"]);
    assert_eq!(shown["interactions"][0]["kind"], "favour");
    assert_eq!(shown["interactions"][0]["direction"], "gave");
    assert_eq!(shown["figures"]["status"], "active");
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() {
    let s = Sandbox::new();
    s.ok(&["demo", "--people", "300"]);
    let before = s.json(&["status"]);
    let mut app = start(&s);
    app.wait_for("Your people");
    app.wait_alternate(true);
    // In a form, Ctrl-C closes the form; with text typed, it asks first.
    app.send("m");
    app.wait_for("Log with");
    app.send("\x03");
    app.wait_for("? help");
    assert!(!app.contents().contains("Log with"), "{}", app.contents());
    app.send("m");
    app.wait_for("Log with");
    app.send("\t\t\tmet for coffee");
    app.send("\x03");
    app.wait_for("Ctrl-C again discards what you typed");
    app.send("\x03");
    app.wait_for("? help");
    assert!(!app.contents().contains("Log with"), "{}", app.contents());
    // With nothing open, Ctrl-C quits.
    app.send("\x03");
    assert!(app.wait_exit());
    app.assert_restored();
    // Everyone is still there, and the log discarded with Ctrl-C was not written.
    let after = s.json(&["status"]);
    assert_eq!(after, before);
    let (people, archived) = (s.json(&["list"]), s.json(&["list", "--archived"]));
    let count = |v: &serde_json::Value| v.as_array().unwrap().len();
    assert_eq!(count(&people) + count(&archived), 300);
}

#[test]
fn every_signal_that_ends_the_app_restores_the_terminal_and_says_which() {
    // In raw mode Ctrl-C and Ctrl-\\ are keys: these signals come only from `kill` (or a
    // timer, a limit). Each ends the app with the terminal given back, exit 128 + its number.
    for (signal, number) in [
        ("-TERM", 15),
        ("-INT", 2),
        ("-QUIT", 3),
        ("-HUP", 1),
        ("-USR1", 10),
        ("-USR2", 12),
        ("-ALRM", 14),
    ] {
        let s = Sandbox::new();
        s.ok(&["add", "Ana Lima"]);
        let mut app = start(&s);
        app.wait_for("Ana Lima");
        app.wait_alternate(true);
        let pid = app.child.process_id().unwrap().to_string();
        let killed = std::process::Command::new("kill")
            .args([signal, &pid])
            .status()
            .unwrap();
        assert!(killed.success());
        assert_eq!(app.wait_exit_code(), 128 + number, "{signal}");
        app.assert_restored();
    }
}

/// The app's process id, found by the database it was started on.
fn app_pid(db: &std::path::Path) -> String {
    let out = std::process::Command::new("pgrep")
        .args(["-f", &format!("tiesdesk --db {}", db.display())])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .unwrap()
        .to_string()
}

/// An interactive shell with job control running the app on a database knowing Ana.
fn app_in_a_shell() -> (Sandbox, Pty) {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima"]);
    let config = s.dir.path().join("no-config.toml");
    let shell = Pty::shell(&config);
    shell.wait_for("$ ");
    shell.send(&format!(
        "{} --db {} --today {}\r",
        env!("CARGO_BIN_EXE_tiesdesk"),
        s.db.display(),
        common::TODAY
    ));
    shell.wait_for("Your people");
    shell.wait_alternate(true);
    (s, shell)
}

#[test]
fn kill_tstp_suspends_and_after_kill_stop_fg_keys_act_at_once() {
    let (s, mut shell) = app_in_a_shell();
    let pid = app_pid(&s.db);
    let kill = |signal: &str| {
        assert!(
            std::process::Command::new("kill")
                .args([signal, &pid])
                .status()
                .unwrap()
                .success()
        );
    };
    // `kill -TSTP` is a Ctrl-Z: the terminal is given back before the app stops.
    kill("-TSTP");
    shell.wait_alternate(false);
    shell.wait_for("Stopped");
    shell.assert_restored();
    shell.send("fg\r");
    shell.wait_alternate(true);
    shell.wait_for("Your people");
    // `kill -STOP` cannot be caught: the shell resets the terminal; after `fg` the app takes
    // it back, and a key acts at once (no echo, no Enter needed).
    kill("-STOP");
    shell.wait_for("Stopped");
    shell.send("fg\r");
    shell.wait_for("Your people");
    // The app looks for the resumption on its next tick (a fifth of a second).
    std::thread::sleep(std::time::Duration::from_millis(800));
    shell.send("?");
    shell.wait_for(" Help ");
    shell.send("q");
    shell.send("q");
    shell.wait_alternate(false);
    shell.assert_restored();
    shell.send("exit\r");
    assert!(shell.wait_exit());
}

#[test]
fn follows_resizes_and_says_when_too_small() {
    let s = Sandbox::new();
    s.ok(&["demo", "--people", "300"]);
    let mut app = start(&s);
    app.wait_for("Your people");
    app.resize(20, 60);
    app.wait_for("tiesdesk needs a larger window");
    app.wait_for("this one is 60×20");
    app.resize(30, 110);
    app.wait_for("Your people");
    // The wider screen is used: the header's second line is drawn across it.
    app.wait_for("no review yet");
    app.send("q");
    assert!(app.wait_exit());
    app.assert_restored();
}

#[test]
fn ctrl_z_suspends_and_fg_resumes() {
    let (_s, mut shell) = app_in_a_shell();
    shell.send("\x1a");
    shell.wait_alternate(false);
    shell.wait_for("Stopped");
    shell.assert_restored();
    shell.send("fg\r");
    shell.wait_alternate(true);
    shell.wait_for("Your people");
    shell.send("q");
    shell.wait_alternate(false);
    shell.assert_restored();
    shell.send("exit\r");
    assert!(shell.wait_exit());
}

#[test]
fn a_whole_review_in_the_terminal() {
    let s = Sandbox::new();
    s.ok(&["demo", "--people", "400"]);
    let favours_given = |db: &std::path::Path| -> i64 {
        rusqlite::Connection::open(db)
            .unwrap()
            .query_row(
                "SELECT count(*) FROM interaction WHERE direction = 'gave' AND kind = 'favour'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let before = favours_given(&s.db);
    let mut app = start(&s);
    app.wait_for("Your people");
    // A promise to the person at the top of the list, kept in the review's first step.
    app.send("p");
    app.wait_for("Promise");
    app.send("send the article on hiring");
    app.send("\r");
    app.wait_for("Promised ");
    app.send("w");
    app.wait_for("step 1 of 10");
    app.wait_for("promised: send the article on hiring");
    app.send("K");
    app.wait_for("✓ kept");
    app.send("n");
    app.wait_for("step 2 of 10");
    app.send("n");
    app.wait_for("step 3 of 10");
    app.send("n");
    app.wait_for("step 4 of 10");
    app.send("n");
    app.wait_for("Give first");
    app.send("g");
    app.wait_for("Log with");
    app.send("\r");
    app.wait_for("✓ logged");
    app.send("n");
    app.wait_for("step 6 of 10");
    app.send("n");
    app.wait_for("Due and overdue");
    app.send("s");
    app.wait_for("z snoozed");
    app.send("n");
    app.wait_for("step 8 of 10");
    app.send("n");
    app.wait_for("step 9 of 10");
    app.send("f");
    app.wait_for("Review done");
    app.wait_for("reviewed today");
    app.send("q");
    assert!(app.wait_exit());
    app.assert_restored();
    let status = s.json(&["status"]);
    assert_eq!(status["days_since_review"], 0);
    assert_eq!(status["review_streak_weeks"], 1);
    let conn = rusqlite::Connection::open(&s.db).unwrap();
    let (reviews, actions): (i64, i64) = conn
        .query_row("SELECT count(*), max(actions) FROM review", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((reviews, actions), (1, 3));
    let (state, note): (String, String) = conn
        .query_row(
            "SELECT p.state, i.note FROM promise p JOIN interaction i ON i.id = p.favour_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (state.as_str(), note.as_str()),
        ("kept", "send the article on hiring"),
        "the promise made in the app, kept in the review, with its favour"
    );
    let snoozes: i64 = conn
        .query_row("SELECT count(*) FROM snooze", [], |r| r.get(0))
        .unwrap();
    assert_eq!(snoozes, 1);
    drop(conn);
    assert_eq!(
        favours_given(&s.db),
        before + 2,
        "the kept promise and the favour logged inside the review"
    );
}

#[test]
fn add_a_knows_link_then_find_a_way_in_to_a_company() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima"]);
    s.ok(&["add", "Chen Okafor", "--company", "Zephyr Labs"]);
    s.ok(&["log", "Ana", "--mutual", "--kind", "meet"]);
    let mut app = start(&s);
    app.wait_for("Ana Lima");
    app.wait_alternate(true);
    // On Ana's page: L, then "Chen" (how: knows), Enter.
    app.send("\r");
    app.wait_for("Why here");
    app.send("L");
    app.wait_for("Link Ana Lima");
    app.send("Chen");
    app.wait_for("Chen Okafor");
    app.send("\r");
    app.wait_for("Ana Lima knows Chen Okafor");
    // Back on the dashboard, I: who can introduce me to someone at Zephyr Labs?
    app.send("\x1b");
    app.wait_for("Your people");
    app.send("I");
    app.wait_for("Who can introduce me to");
    app.send("Zephyr Labs");
    app.wait_for("Ana Lima (active");
    app.wait_for("→ Chen Okafor");
    app.send("\r");
    app.wait_for("Why here");
    app.send("q"); // back to the finder the person was opened from
    app.wait_for("Who can introduce me to");
    app.send("\x1b"); // and to the dashboard
    app.wait_for("Your people");
    app.send("q");
    assert!(app.wait_exit());
    app.assert_restored();
    let ana = s.json(&["show", "Ana"]);
    assert_eq!(ana["connections"]["knows"][0]["name"], "Chen Okafor");
}
