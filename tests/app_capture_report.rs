//! A mail or calendar import's report in the app: your address asked once, every unknown
//! address shown, and its rows added, attached or ignored — one at a time or picked together.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::app::{TestApp, app};
use ratatui::crossterm::event::KeyCode;
use tiesdesk::app::forms::ImportForm;
use tiesdesk::app::import::ImportDone;
use tiesdesk::ops::Imported;

#[test]
fn mail_from_the_form_asks_your_address_once_saves_it_and_reports() {
    let mut t = app(None);
    let config = t.dir.path().join("config").join("config.toml");
    t.app.config_path = Some(config.clone());
    t.app
        .desk
        .add({
            let mut ana = tiesdesk::model::PersonData::named("Ana Lima");
            ana.emails = vec!["ana@lima.example".into()];
            ana
        })
        .unwrap();
    let here = std::env::current_dir().unwrap();
    let mbox = format!("{}/tests/fixtures/mail/archive.mbox", here.display());
    t.char('i').type_text(&mbox).press(KeyCode::Enter);
    // Told from the file that it is mail, and mail needs your address: the form says so.
    let Some(form) = t.app.overlay_as::<ImportForm>() else {
        panic!(
            "the form should ask for the address, got {:?}",
            t.app.overlay
        );
    };
    assert!(
        form.error.as_deref().unwrap().contains("your address?"),
        "{:?}",
        form.error
    );
    assert!(t.app.job.is_none());
    t.press(KeyCode::Tab).press(KeyCode::Tab);
    t.type_text("Me@Example.org").press(KeyCode::Enter);
    t.finish_job();
    let Some(done) = t.app.overlay_as::<ImportDone>() else {
        panic!("expected the report, got {:?}", t.app.overlay);
    };
    let Imported::Captured(report) = &done.report else {
        panic!("mail gives a capture report");
    };
    assert_eq!((report.read, report.captured), (19, 2), "{report:?}");
    let screen = t.screen();
    assert!(
        screen.contains("19 messages · 2 captured with 1 person"),
        "{screen}"
    );
    assert!(
        screen.contains("Not in tiesdesk, most mail first"),
        "{screen}"
    );
    assert!(screen.contains("A add the 1 both ways"), "{screen}");
    // Dee wrote and was written to twice: `A` adds her, and her four messages come with her.
    t.char('A');
    t.finish_job();
    let Some(done) = t.app.overlay_as::<ImportDone>() else {
        panic!("expected the second report, got {:?}", t.app.overlay);
    };
    let Imported::Captured(again) = &done.report else {
        panic!("mail gives a capture report");
    };
    assert_eq!(again.added.len(), 1, "{again:?}");
    assert_eq!((again.captured, again.already), (4, 2));
    assert!(t.app.people.iter().any(|p| p.name() == "Dee Else"));
    assert!(
        !t.screen().contains("both ways"),
        "no one left to add both ways"
    );
    // Saved for next time, and the next import does not ask.
    let saved = std::fs::read_to_string(&config).unwrap();
    assert!(saved.contains("emails = [\"me@example.org\"]"), "{saved}");
    assert_eq!(
        tiesdesk::Config::load(&config).unwrap().me.emails,
        ["me@example.org"]
    );
    t.press(KeyCode::Esc);
    t.char('i');
    let screen = t.screen();
    assert!(screen.contains("me@example.org (config.toml)"), "{screen}");
}

/// An app whose config says who you are, knowing Ana by address and Chen Wu by name only;
/// its mail report is open on `people.mbox`.
fn mail_report() -> TestApp {
    let mut t = app(None);
    let config = t.dir.path().join("config.toml");
    std::fs::write(&config, "# mine\n[me]\nemails = [\"me@example.org\"]\n").unwrap();
    t.app.config_path = Some(config);
    t.app.desk.config.me.emails = vec!["me@example.org".into()];
    for (name, email) in [("Ana Lima", Some("ana@lima.example")), ("Chen Wu", None)] {
        let mut data = tiesdesk::model::PersonData::named(name);
        data.emails = email.into_iter().map(String::from).collect();
        t.app.desk.add(data).unwrap();
    }
    t.app.reload().unwrap();
    let here = std::env::current_dir().unwrap();
    let mbox = format!("{}/tests/fixtures/mail-real/people.mbox", here.display());
    t.char('i').type_text(&mbox).press(KeyCode::Enter);
    t.finish_job();
    t
}

fn capture_report(t: &TestApp) -> tiesdesk::ops::CaptureReport {
    let Some(done) = t.app.overlay_as::<ImportDone>() else {
        panic!("expected the report, got {:?}", t.app.overlay);
    };
    let Imported::Captured(report) = &done.report else {
        panic!("mail gives a capture report");
    };
    report.clone()
}

fn timeline_days(t: &TestApp, name: &str) -> usize {
    t.app.desk.profile(name).unwrap().interactions.len()
}

#[test]
fn a_reports_rows_are_attached_added_or_ignored_one_at_a_time() {
    let mut t = mail_report();
    let screen = t.screen();
    assert!(
        screen.contains("›    2 / 1    Chen Wu <chen.wu@wu.example>")
            && screen.contains("↳ is this #2 Chen Wu?"),
        "{screen}"
    );
    assert!(screen.contains("t attach to…"), "{screen}");
    // `t` asks whose address it is, in a search filled with the name the mail gives.
    t.char('t');
    let screen = t.screen();
    assert!(
        screen.contains("Whose address is chen.wu@wu.example?"),
        "{screen}"
    );
    // Esc goes back to the report, as it was.
    t.press(KeyCode::Esc);
    assert!(t.app.overlay_as::<ImportDone>().is_some());
    t.char('t').press(KeyCode::Enter);
    t.finish_job();
    let report = capture_report(&t);
    assert_eq!(report.attached.len(), 1, "{report:?}");
    assert_eq!(report.attached[0].name, "Chen Wu");
    assert_eq!(timeline_days(&t, "Chen Wu"), 3);
    let status = t.app.status.clone().unwrap_or_default();
    assert!(
        status.contains("Chen Wu has chen.wu@wu.example now"),
        "{status}"
    );
    // One undo takes the address and what it captured back.
    assert!(t.app.desk.last_change().unwrap().unwrap().ours);
    // Dee is the row left: `x` leaves her out for good, in config.toml.
    let rows: Vec<String> = report.waiting().map(|u| u.email.clone()).collect();
    assert_eq!(rows, ["dee@else.example"]);
    t.char('x');
    let saved = std::fs::read_to_string(t.dir.path().join("config.toml")).unwrap();
    assert!(saved.starts_with("# mine\n"), "{saved}");
    assert!(saved.contains("dee@else.example"), "{saved}");
    assert_eq!(capture_report(&t).waiting().count(), 0);
    assert!(!t.screen().contains("x ignore"), "no row left to act on");
}

#[test]
fn a_reports_row_is_added_with_what_they_were_in() {
    let mut t = mail_report();
    // The second row is Dee (one mail each way: not enough for `A`).
    t.press(KeyCode::Down);
    assert!(
        t.screen().contains("›    1 / 1    Dee Else"),
        "{}",
        t.screen()
    );
    t.char('a');
    t.finish_job();
    let report = capture_report(&t);
    assert_eq!(report.added.len(), 1);
    assert_eq!(report.added[0].name, "Dee Else");
    assert_eq!(timeline_days(&t, "Dee Else"), 2);
    assert_eq!(report.waiting().count(), 1, "Chen's row is still there");
}

#[test]
fn a_reports_picked_rows_are_added_or_ignored_together() {
    let mut t = mail_report();
    // Space picks a row and moves on; both rows picked.
    t.press(KeyCode::Char(' '));
    let screen = t.screen();
    assert!(screen.contains("●  "), "{screen}");
    // The report's key line says what the keys do to the picked rows, in whole parts only.
    let keys = (screen.lines())
        .find(|line| line.contains("a add (1 picked)"))
        .unwrap_or_else(|| panic!("{screen}"));
    let said = keys
        .split('└')
        .nth(1)
        .unwrap()
        .split(['─', '┘'])
        .next()
        .unwrap();
    for part in said.trim().split(" · ") {
        assert!(
            [
                "a add (1 picked)",
                "t attach to… (1 picked)",
                "x ignore (1 picked)",
                "space pick",
                "enter close"
            ]
            .contains(&part),
            "{part:?} in {keys}"
        );
    }
    t.press(KeyCode::Char(' '));
    assert_eq!(t.app.overlay_as::<ImportDone>().unwrap().picked.len(), 2);
    t.char('a');
    t.finish_job();
    let report = capture_report(&t);
    let mut added: Vec<&str> = report.added.iter().map(|a| a.name.as_str()).collect();
    added.sort_unstable();
    assert_eq!(added, ["Chen Wu", "Dee Else"], "{report:?}");
    assert_eq!(report.waiting().count(), 0);

    let mut t = mail_report();
    t.press(KeyCode::Char(' '))
        .press(KeyCode::Char(' '))
        .char('x');
    let saved = std::fs::read_to_string(t.dir.path().join("config.toml")).unwrap();
    assert!(
        saved.contains("dee@else.example") && saved.contains("chen.wu@wu.example"),
        "{saved}"
    );
    assert_eq!(capture_report(&t).waiting().count(), 0);
    assert!(
        (t.app.status.as_deref().unwrap_or_default()).starts_with("2 addresses will not be listed"),
        "{:?}",
        t.app.status
    );
}
