//! Importing and merging from the app: keys → state on a real temporary database, and how the
//! import form, its progress and its report look.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;

use common::app::app;
use common::import_fixture;
use ratatui::crossterm::event::KeyCode;
use tiesdesk::app::forms::{ImportField, ImportForm};
use tiesdesk::app::import::ImportDone;
use tiesdesk::app::import::ImportJob;
use tiesdesk::app::overlay::Confirm;
use tiesdesk::app::overlay::Search;
use tiesdesk::app::{Context, Screen};
use tiesdesk::import::Format;
use tiesdesk::import::SourceKind;
use tiesdesk::model::{Progress, Stage};
use tiesdesk::ops::Imported;

#[test]
fn importing_from_the_welcome_screen_detects_the_format_and_reports() {
    let mut t = app(None);
    t.char('i');
    assert!(t.app.overlay_as::<ImportForm>().is_some());
    assert_eq!(t.app.context(), Context::Form);
    t.type_text(&import_fixture("linkedin_connections.csv"))
        .press(KeyCode::Enter);
    assert!(t.app.job.is_some(), "the import runs in the background");
    // Keys wait while it runs: 'q' does not quit, nor does it type anywhere.
    t.char('q');
    assert!(!t.app.quit);
    t.finish_job();
    let Some(done) = t.app.overlay_as::<ImportDone>() else {
        panic!("expected the report, got {:?}", t.app.overlay);
    };
    assert_eq!(done.file_name, "linkedin_connections.csv");
    let Imported::People(report) = &done.report else {
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
    let Some(form) = t.app.overlay_as::<ImportForm>() else {
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
    t.type_text(&import_fixture("google_current.csv"));
    t.press(KeyCode::Tab)
        .press(KeyCode::Right)
        .press(KeyCode::Right);
    t.press(KeyCode::Enter);
    t.finish_job();
    let Some(form) = t.app.overlay_as::<ImportForm>() else {
        panic!(
            "the form should come back with the error, got {:?}",
            t.app.overlay
        );
    };
    assert_eq!(form.format, Some(SourceKind::Contacts(Format::Vcard)));
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
        .type_text(&import_fixture("linkedin_connections.csv"))
        .press(KeyCode::Enter);
    t.finish_job();
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
    let Some(search) = t.app.overlay_as::<Search>() else {
        panic!("expected the merge search");
    };
    assert_eq!(search.query.value(), "Ana Lima");
    let first = search.results[0].index;
    assert_ne!(
        t.app.people[first].id, kept,
        "the person is not offered to themselves"
    );
    t.press(KeyCode::Enter);
    let Some(confirm) = t.app.overlay_as::<Confirm>() else {
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
        SourceKind::Contacts(Format::Linkedin),
        progress,
    ));
    insta::assert_snapshot!("import_progress", format!("{:?}", t.draw(80, 24)));

    let mut t = app(None);
    t.char('i')
        .type_text(&import_fixture("mixed_v40.vcf"))
        .press(KeyCode::Enter);
    t.finish_job();
    insta::assert_snapshot!("import_report", format!("{:?}", t.draw(80, 24)));
}

fn people_counts(report: &Imported) -> (usize, usize) {
    let Imported::People(report) = report else {
        panic!("a contacts file gives people");
    };
    (report.added.len(), report.skipped.len())
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
    t.finish_job();
    let Some(done) = t.app.overlay_as::<ImportDone>() else {
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

/// The app reads every source the command line does, through the same pipeline: a tiesdesk
/// document (told by its contents, not its name) restores into an empty database, and is
/// refused, in the form, by one that has people.
#[test]
fn a_tiesdesk_document_is_recognised_and_restored_from_the_app() {
    let exported = app(Some(40));
    let document = exported.dir.path().join("network-backup");
    std::fs::write(&document, exported.app.desk.export_json().unwrap()).unwrap();
    let interactions = exported.app.desk.holdings().unwrap().interactions.len();
    assert!(interactions > 40);
    let mut t = app(None);
    t.char('i')
        .type_text(document.to_str().unwrap())
        .press(KeyCode::Enter);
    t.finish_job();
    let Some(done) = t.app.overlay_as::<ImportDone>() else {
        panic!("expected the report, got {:?}", t.app.overlay);
    };
    let Imported::Document(report) = &done.report else {
        panic!("a document restores: {:?}", done.report);
    };
    assert_eq!((report.people, report.interactions), (40, interactions));
    assert_eq!(t.app.people.len(), 40);
    assert_eq!(
        t.app.status.as_deref(),
        Some(
            format!(
                "Imported network-backup: 40 people and {interactions} interactions restored · \
                 u to undo"
            )
            .as_str()
        )
    );
    assert!(t.screen().contains("40 people"), "{}", t.screen());
    t.press(KeyCode::Enter);
    // The same document again is recognised: nothing added, nothing to undo.
    t.char('i')
        .type_text(document.to_str().unwrap())
        .press(KeyCode::Enter);
    t.finish_job();
    assert_eq!(
        t.app.status.as_deref(),
        Some("Imported network-backup: the database already holds this document")
    );
    t.press(KeyCode::Enter);
    // Another network's document is refused, in the form.
    let other = app(Some(12));
    let other_document = exported.dir.path().join("other.json");
    std::fs::write(&other_document, other.app.desk.export_json().unwrap()).unwrap();
    t.char('i')
        .type_text(other_document.to_str().unwrap())
        .press(KeyCode::Enter);
    t.finish_job();
    let Some(form) = t.app.overlay_as::<ImportForm>() else {
        panic!("the form should say why, got {:?}", t.app.overlay);
    };
    let error = form.error.as_deref().unwrap_or_default();
    assert!(error.contains("restores into an empty database"), "{error}");
    assert_eq!(t.app.people.len(), 40);
}

/// The keys a screen names in its help lines are the keymap's, as config.toml rebinds them.
#[test]
fn help_lines_name_keys_as_the_keymap_binds_them() {
    use std::collections::BTreeMap;
    let keys = BTreeMap::from([(
        "dashboard".to_string(),
        BTreeMap::from([
            ("z".to_string(), "undo".to_string()),
            ("u".to_string(), "none".to_string()),
        ]),
    )]);
    let mut t = common::app::app_with_keys(Some(20), keys);
    t.char('i');
    let screen = t.screen();
    assert!(screen.contains("z undoes it all"), "{screen}");
    assert!(screen.contains("enter imports"), "{screen}");
}

#[test]
fn tab_completes_the_file_path_as_a_shell_does() {
    let mut t = app(None);
    let here = std::env::current_dir().unwrap();
    let fixtures = format!("{}/tests/fixtures/", here.display());
    t.char('i').type_text(&format!("{fixtures}mail-r"));
    t.press(KeyCode::Tab);
    let form = t.app.overlay_as::<ImportForm>().unwrap();
    assert_eq!(form.file.value(), format!("{fixtures}mail-real/"));
    assert_eq!(
        form.field,
        ImportField::File,
        "Tab completed; it did not move on"
    );
    // Several: they are offered by name on the form.
    t.type_text("n").press(KeyCode::Tab);
    assert_eq!(
        t.app.overlay_as::<ImportForm>().unwrap().file.value(),
        format!("{fixtures}mail-real/names.mbox")
    );
    t.type_text("x");
    for _ in 0.."names.mboxx".len() {
        t.press(KeyCode::Backspace);
    }
    t.press(KeyCode::Tab);
    let screen = t.screen();
    assert!(
        screen.contains("maildir-copy/  names.mbox  people.mbox  saved-plain/"),
        "{screen}"
    );
    // Complete already: Tab moves to the next field.
    t.type_text("people.mbox").press(KeyCode::Tab);
    assert_eq!(
        t.app.overlay_as::<ImportForm>().unwrap().field,
        ImportField::Format
    );
}
