//! Importing and merging from the app: keys → state on a real temporary database, and how the
//! import form, its progress and its report look.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::app::{TestApp, app};
use ratatui::crossterm::event::KeyCode;
use tiesdesk::app::import::{Finished, ImportJob, ImportKind};
use tiesdesk::app::{Context, Overlay, Screen};
use tiesdesk::import::Format;
use tiesdesk::model::{Progress, Stage};

fn fixture(name: &str) -> String {
    let here = std::env::current_dir().unwrap();
    format!("{}/tests/fixtures/import/{name}", here.display())
}

/// Lets the worker finish, as the event loop would.
fn wait(t: &mut TestApp) {
    let start = Instant::now();
    while t.app.job.is_some() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the import never ended"
        );
        t.app.tick();
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn importing_from_the_welcome_screen_detects_the_format_and_reports() {
    let mut t = app(None);
    t.char('i');
    assert!(matches!(t.app.overlay, Some(Overlay::Import(_))));
    assert_eq!(t.app.context(), Context::Form);
    t.type_text(&fixture("linkedin_connections.csv"))
        .press(KeyCode::Enter);
    assert!(t.app.job.is_some(), "the import runs in the background");
    // Keys wait while it runs: 'q' does not quit, nor does it type anywhere.
    t.char('q');
    assert!(!t.app.quit);
    wait(&mut t);
    let Some(Overlay::ImportDone(done)) = &t.app.overlay else {
        panic!("expected the report, got {:?}", t.app.overlay);
    };
    assert_eq!(done.file_name, "linkedin_connections.csv");
    let Finished::People(report) = &done.report else {
        panic!("a contacts file gives people");
    };
    assert_eq!(report.added.len(), 7);
    assert_eq!(report.skipped.len(), 3);
    assert_eq!(t.app.context(), Context::Report);
    assert!(matches!(t.app.screen, Screen::Dashboard));
    assert_eq!(t.app.people.len(), 7);
    assert_eq!(
        t.app.status.as_deref(),
        Some("Imported linkedin_connections.csv: 7 added, 0 updated · u to undo")
    );
    t.press(KeyCode::Enter);
    assert!(t.app.overlay.is_none());
    // One undo takes the import away.
    t.char('u');
    assert!(t.app.people.is_empty());
}

#[test]
fn a_file_that_is_not_a_contacts_file_is_explained_in_the_form() {
    let mut t = app(Some(40));
    let before = t.app.people.len();
    t.char('i')
        .type_text("/nonexistent/contacts.vcf")
        .press(KeyCode::Enter);
    let Some(Overlay::Import(form)) = &t.app.overlay else {
        panic!("the form should stay open");
    };
    assert!(
        form.error.as_deref().unwrap().contains("no such file"),
        "{form:?}"
    );
    // Choosing the format by hand, for a file that is not that format.
    for _ in 0..40 {
        t.press(KeyCode::Backspace);
    }
    t.type_text(&fixture("google_current.csv"));
    t.press(KeyCode::Tab)
        .press(KeyCode::Right)
        .press(KeyCode::Right);
    t.press(KeyCode::Enter);
    wait(&mut t);
    let Some(Overlay::Import(form)) = &t.app.overlay else {
        panic!(
            "the form should come back with the error, got {:?}",
            t.app.overlay
        );
    };
    assert_eq!(form.format, Some(ImportKind::People(Format::Vcard)));
    assert!(
        form.error.as_deref().unwrap().contains("not a vCard file"),
        "{:?}",
        form.error
    );
    assert_eq!(t.app.people.len(), before);
}

#[test]
fn merge_from_the_person_view_asks_whom_then_asks_first() {
    let mut t = app(None);
    t.char('i')
        .type_text(&fixture("linkedin_connections.csv"))
        .press(KeyCode::Enter);
    wait(&mut t);
    t.press(KeyCode::Enter);
    t.char('a')
        .type_text("Ana Lima")
        .press(KeyCode::Tab)
        .type_text("Zephyr")
        .press(KeyCode::Enter);
    let kept = t
        .app
        .people
        .iter()
        .find(|p| p.data.company.as_deref() == Some("Zephyr"))
        .unwrap()
        .id;
    assert_eq!(t.app.selected_person().unwrap().id, kept);
    t.press(KeyCode::Enter);
    assert!(matches!(&t.app.screen, Screen::Person { profile, .. } if profile.person.id == kept));
    t.char('M');
    let Some(Overlay::Search(search)) = &t.app.overlay else {
        panic!("expected the merge search");
    };
    assert_eq!(search.query.value(), "Ana Lima");
    let first = search.results[0].index;
    assert_ne!(
        t.app.people[first].id, kept,
        "the person is not offered to themselves"
    );
    t.press(KeyCode::Enter);
    let Some(Overlay::Confirm(confirm)) = &t.app.overlay else {
        panic!("expected a confirmation");
    };
    assert!(
        confirm
            .question
            .starts_with("Merge #1 Ana Lima (Zephyr Labs) into #8 Ana Lima (Zephyr)?"),
        "{}",
        confirm.question
    );
    t.char('y');
    assert_eq!(t.app.people.len(), 7);
    let Screen::Person { profile, .. } = &t.app.screen else {
        panic!("the merged person stays open");
    };
    assert_eq!(profile.person.id, kept);
    assert_eq!(
        profile.person.data.role.as_deref(),
        Some("CTO"),
        "filled from the other"
    );
    assert!(
        t.app
            .status
            .as_deref()
            .unwrap()
            .starts_with("Merged #1 Ana Lima into Ana Lima")
    );
    t.char('u');
    assert_eq!(t.app.people.len(), 8);
}

#[test]
fn the_import_form_progress_and_report_screens() {
    let mut t = app(None);
    t.char('i').type_text("~/Downloads/Connections.csv");
    insta::assert_snapshot!("import_form", format!("{:?}", t.draw(80, 24)));

    let progress = Arc::new(Progress::default());
    progress.start(Stage::Reading, 30_000);
    progress.set(12_000);
    t.app.overlay = None;
    t.app.job = Some(ImportJob::showing(
        "Connections.csv",
        Format::Linkedin,
        progress,
    ));
    insta::assert_snapshot!("import_progress", format!("{:?}", t.draw(80, 24)));

    let mut t = app(None);
    t.char('i')
        .type_text(&fixture("mixed_v40.vcf"))
        .press(KeyCode::Enter);
    wait(&mut t);
    insta::assert_snapshot!("import_report", format!("{:?}", t.draw(80, 24)));
}

#[test]
fn a_long_report_lists_every_record_and_scrolls_to_the_last() {
    let mut t = app(None);
    // 60 connections, and 40 rows without a name (each skipped and reported).
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("Connections.csv");
    let mut csv =
        String::from("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
    for i in 0..60 {
        csv.push_str(&format!("Person,Number{i},,,Acme,Engineer,05 Mar 2021\n"));
    }
    for _ in 0..40 {
        csv.push_str(",,,,Nameless Co,,05 Mar 2021\n");
    }
    std::fs::write(&file, csv).unwrap();
    t.char('i')
        .type_text(file.to_str().unwrap())
        .press(KeyCode::Enter);
    wait(&mut t);
    let Some(Overlay::ImportDone(done)) = &t.app.overlay else {
        panic!("expected the report, got {:?}", t.app.overlay);
    };
    assert_eq!(people_counts(&done.report), (60, 40));
    let first = t.screen();
    assert!(first.contains("lines 1–"), "{first}");
    assert!(
        !first.contains("more"),
        "nothing is cut to a count:\n{first}"
    );
    // The end: the last skipped row is on screen (line 101 of the file).
    t.press(KeyCode::End);
    let last = t.screen();
    assert!(last.contains("line 101"), "{last}");
    t.press(KeyCode::Home);
    assert_eq!(t.screen(), first);
    t.press(KeyCode::Enter);
    assert!(t.app.overlay.is_none());
}

fn people_counts(report: &Finished) -> (usize, usize) {
    let Finished::People(report) = report else {
        panic!("a contacts file gives people");
    };
    (report.added.len(), report.skipped.len())
}

#[test]
fn mail_from_the_form_asks_your_address_once_saves_it_and_reports() {
    let mut t = app(None);
    let config = t.dir.path().join("config").join("config.toml");
    t.app.config_path = Some(config.clone());
    t.app
        .desk
        .store
        .add_person({
            let mut ana = tiesdesk::model::PersonData::named("Ana Lima");
            ana.emails = vec!["ana@lima.example".into()];
            ana
        })
        .unwrap();
    let here = std::env::current_dir().unwrap();
    let mbox = format!("{}/tests/fixtures/mail/archive.mbox", here.display());
    t.char('i').type_text(&mbox).press(KeyCode::Enter);
    // Told from the file that it is mail, and mail needs your address: the form says so.
    let Some(Overlay::Import(form)) = &t.app.overlay else {
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
    wait(&mut t);
    let Some(Overlay::ImportDone(done)) = &t.app.overlay else {
        panic!("expected the report, got {:?}", t.app.overlay);
    };
    let Finished::Captured(report) = &done.report else {
        panic!("mail gives a capture report");
    };
    assert_eq!((report.read, report.captured), (19, 2), "{report:?}");
    let screen = t.screen();
    assert!(
        screen.contains("19 read · 2 captured with 1 person"),
        "{screen}"
    );
    assert!(
        screen.contains("Not in tiesdesk, most mail first"),
        "{screen}"
    );
    assert!(screen.contains("a add 1 person"), "{screen}");
    // Dee wrote and was written to twice: `a` adds her, and her four messages come with her.
    t.char('a');
    wait(&mut t);
    let Some(Overlay::ImportDone(done)) = &t.app.overlay else {
        panic!("expected the second report, got {:?}", t.app.overlay);
    };
    let Finished::Captured(again) = &done.report else {
        panic!("mail gives a capture report");
    };
    assert_eq!(again.added.len(), 1, "{again:?}");
    assert_eq!((again.captured, again.already), (4, 2));
    assert!(t.app.people.iter().any(|p| p.name() == "Dee Else"));
    assert!(!t.screen().contains("a add "), "no one left to add");
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
