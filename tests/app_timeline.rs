//! The person page's timeline: every entry reachable and visible, and one entry changed or
//! deleted from it, each as one undo, with the figures still what the log says.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::app::{TestApp, app};
use ratatui::crossterm::event::KeyCode;
use tiesdesk::app::Screen;
use tiesdesk::app::forms::LogForm;
use tiesdesk::app::overlay::Confirm;
use tiesdesk::model::{Interaction, Kind};

/// Opens the warmest person of a demo network (the one with the longest timeline).
fn open_warmest() -> TestApp {
    let mut t = app(Some(60));
    t.press(KeyCode::Enter);
    assert!(matches!(t.app.screen, Screen::Person { .. }));
    t
}

fn entries(t: &TestApp) -> Vec<Interaction> {
    let Screen::Person { profile, .. } = &t.app.screen else {
        panic!("not on a person page");
    };
    profile.interactions.clone()
}

fn entry(t: &TestApp) -> usize {
    let Screen::Person { entry, .. } = &t.app.screen else {
        panic!("not on a person page");
    };
    entry.at()
}

fn person(t: &TestApp) -> tiesdesk::model::PersonId {
    let Screen::Person { profile, .. } = &t.app.screen else {
        panic!("not on a person page");
    };
    profile.person.id
}

/// The app's figures are what a fresh read of the database gives.
fn assert_in_step(t: &TestApp) {
    assert_eq!(t.app.histories, t.app.desk.histories().unwrap());
    assert_eq!(t.app.network, t.app.desk.network().unwrap());
}

#[test]
fn the_selected_entry_stays_on_screen_however_far_it_moves() {
    let mut t = open_warmest();
    let all = entries(&t);
    assert!(all.len() > 60, "a long timeline: {}", all.len());
    for _ in 0..40 {
        t.char('j');
    }
    t.press(KeyCode::PageDown);
    let at = entry(&t);
    assert_eq!(at, 40 + t.app.page);
    let screen = t.screen();
    let chosen = screen
        .lines()
        .find(|line| line.contains('›'))
        .unwrap_or_else(|| panic!("no selected row on screen:\n{screen}"));
    assert!(
        chosen.contains(&all[at].day.to_string()),
        "the marked row is entry {at} ({}):\n{screen}",
        all[at].day
    );
    assert!(
        screen.contains(&format!("entry {} of {}", at + 1, all.len())),
        "{screen}"
    );
    // End reaches the oldest entry, Home the newest and the top of the page again.
    t.press(KeyCode::End);
    assert_eq!(entry(&t), all.len() - 1);
    assert!(t.screen().contains(&all[all.len() - 1].day.to_string()));
    t.press(KeyCode::Home);
    assert_eq!(entry(&t), 0);
    let name = t.app.current_person().unwrap().name().to_string();
    assert!(t.screen().contains(&name));
}

#[test]
fn an_entry_is_changed_in_the_log_form_and_undo_restores_it() {
    let mut t = open_warmest();
    let who = person(&t);
    t.char('j').char('j');
    let before = entries(&t)[2].clone();
    t.press(KeyCode::Enter);
    match t.app.overlay_as::<LogForm>() {
        Some(form) => {
            assert!(form.changing.is_some());
            assert_eq!(form.date.value(), before.day.to_string());
            assert_eq!(form.note.value(), before.note);
            assert_eq!((form.kind, form.size), (before.kind, before.size));
        }
        other => panic!("expected the log form, got {other:?}"),
    }
    // Way → kind: pick "call" (or "meet" if it was a call), then a note at the end.
    let wanted = if before.kind == Kind::Call {
        Kind::Meet
    } else {
        Kind::Call
    };
    t.press(KeyCode::Tab)
        .char(wanted.as_str().chars().next().unwrap());
    for _ in 0..3 {
        t.press(KeyCode::Tab);
    }
    t.type_text(" (fixed)").press(KeyCode::Enter);
    assert!(t.app.overlay.is_none(), "{:?}", t.app.overlay);
    let status = t.app.status.clone().unwrap();
    assert!(status.starts_with("Changed: "), "{status}");
    assert!(status.ends_with("· u to undo"), "{status}");
    let stored = t.app.desk.interactions_of(who).unwrap();
    let after = stored.iter().find(|i| i.id == before.id).unwrap();
    assert_eq!(after.kind, wanted);
    assert_eq!(after.note, format!("{} (fixed)", before.note));
    assert_eq!(
        (after.day, after.size, after.direction),
        (before.day, before.size, before.direction)
    );
    assert_eq!(after.people, before.people);
    // The selection stayed on the entry that was changed.
    assert_eq!(entries(&t)[entry(&t)].id, before.id);
    assert_in_step(&t);

    t.char('u');
    let stored = t.app.desk.interactions_of(who).unwrap();
    assert_eq!(stored.iter().find(|i| i.id == before.id), Some(&before));
    assert_in_step(&t);
}

#[test]
fn an_entry_is_deleted_after_asking_and_undo_brings_it_back() {
    let mut t = open_warmest();
    let who = person(&t);
    let count = entries(&t).len();
    t.char('j');
    let doomed = entries(&t)[1].clone();
    // No: nothing happens.
    t.char('d');
    assert!(t.app.overlay_as::<Confirm>().is_some());
    t.char('n');
    assert_eq!(t.app.desk.interactions_of(who).unwrap().len(), count);
    // Yes: that one entry is gone, and only it.
    t.char('d').char('y');
    let stored = t.app.desk.interactions_of(who).unwrap();
    assert_eq!(stored.len(), count - 1);
    assert!(stored.iter().all(|i| i.id != doomed.id));
    assert_eq!(entries(&t).len(), count - 1);
    assert!(t.app.status.as_deref().unwrap().starts_with("Deleted \""));
    assert_in_step(&t);

    t.char('u');
    let stored = t.app.desk.interactions_of(who).unwrap();
    assert_eq!(stored.len(), count);
    assert_eq!(stored.iter().find(|i| i.id == doomed.id), Some(&doomed));
    assert_in_step(&t);
    // The cursor is on the entry brought back, not on the one below it.
    assert_eq!(entries(&t)[entry(&t)].id, doomed.id);
}

#[test]
fn an_entry_changed_to_include_someone_else_counts_for_both() {
    let mut t = app(None);
    t.char('a').type_text("Ana Lima").press(KeyCode::Enter);
    t.char('a').type_text("Bram Horvat").press(KeyCode::Enter);
    // Log with Ana (the older of the two new people, last in the list), open her page, and
    // add Bram to that entry.
    t.press(KeyCode::End);
    let ana = t.app.current_person().unwrap().clone();
    assert_eq!(ana.name(), "Ana Lima", "{}", t.screen());
    t.char('m').press(KeyCode::Enter);
    t.press(KeyCode::Home).press(KeyCode::Enter);
    assert_eq!(person(&t), ana.id);
    t.press(KeyCode::Enter);
    // The `with` field: Shift-Tab back to it, then add a name.
    t.press(KeyCode::BackTab)
        .type_text(", Bram Horvat")
        .press(KeyCode::Enter);
    assert!(t.app.overlay.is_none(), "{:?}", t.app.overlay);
    let stored = t.app.desk.interactions_of(ana.id).unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].people.len(), 2);
    assert_in_step(&t);
    // A name that is no one is refused in the form, which stays open with what was typed.
    t.press(KeyCode::Enter)
        .press(KeyCode::BackTab)
        .type_text(", Nobody Atall")
        .press(KeyCode::Enter);
    match t.app.overlay_as::<LogForm>() {
        Some(form) => {
            assert!(form.error.is_some());
            assert!(form.who.value().ends_with("Nobody Atall"));
        }
        other => panic!("expected the form with an error, got {other:?}"),
    }
    assert_eq!(t.app.desk.interactions_of(ana.id).unwrap(), stored);
}

#[test]
fn an_unchanged_form_changes_nothing_and_a_changed_one_asks_before_ctrl_c_discards() {
    let mut t = open_warmest();
    let changes = t.app.desk.last_change().unwrap().map(|c| c.id);
    t.press(KeyCode::Enter).press(KeyCode::Enter);
    assert_eq!(t.app.status.as_deref(), Some("Nothing changed."));
    assert_eq!(t.app.desk.last_change().unwrap().map(|c| c.id), changes);
    // A changed form is not closed by one Ctrl-C.
    t.press(KeyCode::Enter).press(KeyCode::Right).ctrl('c');
    assert!(t.app.overlay_as::<LogForm>().is_some());
    t.ctrl('c');
    assert!(t.app.overlay.is_none());
    assert_eq!(t.app.desk.last_change().unwrap().map(|c| c.id), changes);
}

#[test]
fn with_nothing_logged_enter_and_d_say_so() {
    let mut t = app(None);
    t.char('a').type_text("Ana Lima").press(KeyCode::Enter);
    t.press(KeyCode::Enter);
    assert!(matches!(t.app.screen, Screen::Person { .. }));
    t.press(KeyCode::Enter);
    assert!(t.app.overlay.is_none());
    assert!(
        t.app
            .status
            .as_deref()
            .unwrap()
            .contains("nothing to change")
    );
    t.char('d');
    assert!(t.app.overlay.is_none());
    assert!(
        t.app
            .status
            .as_deref()
            .unwrap()
            .contains("nothing to delete")
    );
}

#[test]
fn an_entry_deleted_elsewhere_while_its_form_is_open_is_refused_and_nothing_is_lost() {
    let mut t = open_warmest();
    let doomed = entries(&t)[0].clone();
    t.press(KeyCode::Enter).press(KeyCode::Tab).char('c');
    // Another copy (the command line) deletes it meanwhile.
    let mut other = tiesdesk::ops::Desk::open(
        &t.dir.path().join("tiesdesk.db"),
        tiesdesk::Config::default(),
        t.app.desk.today,
    )
    .unwrap();
    other.delete_interaction(doomed.id).unwrap();
    t.press(KeyCode::Enter);
    match t.app.overlay_as::<LogForm>() {
        Some(form) => {
            let error = form.error.as_deref().unwrap_or_default();
            assert!(error.contains("deleted elsewhere"), "{error}");
            assert_eq!(form.kind, Kind::Call, "what was chosen is still there");
        }
        other => panic!("the form stays open, got {other:?}"),
    }
    // Nothing came back to life.
    let who = person(&t);
    let stored = t.app.desk.interactions_of(who).unwrap();
    assert!(stored.iter().all(|i| i.id != doomed.id));
}

#[test]
fn captured_entries_say_where_they_came_from_and_who_started() {
    use std::path::Path;
    use tiesdesk::import::mail::{MailRules, Me, find, read_mail};
    use tiesdesk::model::{PersonData, Progress};
    use tiesdesk::ops::{CaptureOptions, Desk};

    let dir = tempfile::tempdir().unwrap();
    let today = tiesdesk::model::date::parse_iso_date(common::TODAY).unwrap();
    let mut desk = Desk::open(
        &dir.path().join("tiesdesk.db"),
        tiesdesk::Config::default(),
        today,
    )
    .unwrap();
    let mut carla = PersonData::named("Carla Diaz");
    carla.emails = vec!["carla@diaz.example".into()];
    let carla = desk.add(carla).unwrap().person;
    desk.log(
        &[carla],
        tiesdesk::model::Direction::Gave,
        Kind::Meet,
        tiesdesk::model::Size::Small,
        tiesdesk::model::date::parse_iso_date("2026-11-10").unwrap(),
        "",
    )
    .unwrap();
    let me = Me::new(&["me@example.org".to_string()]);
    let rules = MailRules {
        max_recipients: 10,
        today,
        zone: tiesdesk::model::UserZone::default(),
    };
    let found = find(Path::new("tests/fixtures/mail/archive.mbox")).unwrap();
    let progress = Progress::default();
    desk.capture(
        "archive.mbox",
        CaptureOptions::default(),
        &progress,
        |sink| read_mail(&found, &me, rules, &progress, sink),
    )
    .unwrap();
    let keymap = tiesdesk::app::Keymap::new(&std::collections::BTreeMap::new()).unwrap();
    let mut app = tiesdesk::app::App::new(desk, keymap).unwrap();
    app.color = false;
    let mut t = TestApp { dir, app };
    t.press(KeyCode::Enter);
    let screen = t.screen();
    assert!(
        screen.contains("2026-11-21  gave     message (mail)"),
        "{screen}"
    );
    assert!(
        screen.contains("2026-11-18  received message (mail)"),
        "{screen}"
    );
    // The entry logged by hand carries no mark.
    assert!(screen.contains("2026-11-10  gave     meet  "), "{screen}");
    assert!(!screen.contains("meet    (mail)"), "{screen}");
    assert!(
        screen.contains("You started 2 of the last 3 contacts that went one way."),
        "{screen}"
    );
}
