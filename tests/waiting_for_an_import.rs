//! A long import elsewhere holds the write lock for as long as it saves. A one-line `log`
//! from the command line waits for it (saying why, once) instead of failing after SQLite's
//! five seconds; the app never freezes: it keeps what was typed, says it is waiting, and
//! saves it once the import is done.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::Sandbox;
use common::app::app;
use ratatui::crossterm::event::KeyCode;
use tiesdesk::app::forms::LogForm;

/// Holds the database's write lock, as an import saving its stage does, until dropped.
struct ImportElsewhere {
    conn: rusqlite::Connection,
}

impl ImportElsewhere {
    fn start(db: &std::path::Path) -> ImportElsewhere {
        let conn = rusqlite::Connection::open(db).unwrap();
        conn.execute_batch("BEGIN IMMEDIATE").unwrap();
        ImportElsewhere { conn }
    }

    fn finish(self) {
        self.conn.execute_batch("COMMIT").unwrap();
    }
}

#[test]
fn a_log_on_the_command_line_waits_for_an_import_past_five_seconds_and_says_why() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima"]);
    let import = ImportElsewhere::start(&s.db);
    let log = s.cmd(&["log", "Ana Lima", "--gave"]);
    let running = std::thread::spawn(move || {
        let mut log = log;
        log.output().unwrap()
    });
    // Longer than SQLite's busy timeout of five seconds, which used to fail the log.
    std::thread::sleep(Duration::from_secs(6));
    import.finish();
    let out = running.join().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("waiting for an import running elsewhere to finish"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "said once: {stderr}");
    let shown = s.json(&["show", "Ana Lima"]);
    assert_eq!(shown["interactions"].as_array().unwrap().len(), 1);
}

/// An app knowing Ana, whose log with her is entered while an import holds the lock.
fn logging_during_an_import() -> (common::app::TestApp, ImportElsewhere) {
    let mut t = app(None);
    t.app
        .desk
        .add(tiesdesk::model::PersonData::named("Ana Lima"))
        .unwrap();
    t.app.reload().unwrap();
    let import = ImportElsewhere::start(t.app.desk.path());
    t.char('l').type_text("Ana Lima").press(KeyCode::Enter);
    (t, import)
}

#[test]
fn the_app_keeps_a_log_while_an_import_writes_and_saves_it_when_it_ends() {
    let (mut t, import) = logging_during_an_import();
    // The form stays, as typed, and says why; nothing froze (the wait is a moment).
    assert!(
        t.app.overlay_as::<LogForm>().is_some(),
        "{:?}",
        t.app.overlay
    );
    let screen = t.screen();
    assert!(
        screen.contains("Waiting for an import running elsewhere"),
        "{screen}"
    );
    assert!(t.app.retrying.is_some());
    // Still waiting on the next tick.
    assert!(!t.app.retry_waiting());
    assert!(t.app.overlay_as::<LogForm>().is_some());
    import.finish();
    assert!(t.app.retry_waiting());
    assert!(t.app.overlay.is_none(), "{:?}", t.app.overlay);
    assert!(t.app.retrying.is_none());
    let ana = t.app.desk.profile("Ana Lima").unwrap();
    assert_eq!(ana.interactions.len(), 1);
}

#[test]
fn leaving_the_form_stops_waiting() {
    let (mut t, import) = logging_during_an_import();
    assert!(t.app.retrying.is_some());
    t.press(KeyCode::Esc);
    import.finish();
    assert!(!t.app.retry_waiting());
    assert!(t.app.retrying.is_none());
    assert!(
        t.app
            .desk
            .profile("Ana Lima")
            .unwrap()
            .interactions
            .is_empty()
    );
}
