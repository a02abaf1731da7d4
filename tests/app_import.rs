//! Importing and merging from the app: keys → state on a real temporary database, and how the
//! import form, its progress and its report look.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::app::{TestApp, app};
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
    assert!(t.app.overlay_as::<ImportForm>().is_some());
    assert_eq!(t.app.context(), Context::Form);
    t.type_text(&fixture("linkedin_connections.csv"))
        .press(KeyCode::Enter);
    assert!(t.app.job.is_some(), "the import runs in the background");
    // Keys wait while it runs: 'q' does not quit, nor does it type anywhere.
    t.char('q');
    assert!(!t.app.quit);
    wait(&mut t);
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
    t.type_text(&fixture("google_current.csv"));
    t.press(KeyCode::Tab)
        .press(KeyCode::Right)
        .press(KeyCode::Right);
    t.press(KeyCode::Enter);
    wait(&mut t);
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

fn people_counts(report: &Imported) -> (usize, usize) {
    let Imported::People(report) = report else {
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
    wait(&mut t);
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
    wait(&mut t);
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
    wait(&mut t);
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
    wait(&mut t);
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
    wait(&mut t);
    let report = capture_report(&t);
    assert_eq!(report.added.len(), 1);
    assert_eq!(report.added[0].name, "Dee Else");
    assert_eq!(timeline_days(&t, "Dee Else"), 2);
    assert_eq!(report.waiting().count(), 1, "Chen's row is still there");
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
    wait(&mut t);
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
    wait(&mut t);
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
    wait(&mut t);
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
    wait(&mut t);
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
