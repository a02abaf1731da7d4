//! Promises, needs and yearly dates in the app: keys → state on a real temporary database,
//! and how the form, the person page and the dashboard show them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::app::{TestApp, app};
use ratatui::crossterm::event::KeyCode;
use tiesdesk::app::forms::GiveForm;
use tiesdesk::app::{Context, Screen};

/// Ana's page open (in touch today).
fn ana() -> TestApp {
    let mut t = app(None);
    t.char('a').type_text("Ana Lima").press(KeyCode::Enter);
    t.char('m').press(KeyCode::Enter);
    t.press(KeyCode::Enter);
    assert!(matches!(t.app.screen, Screen::Person { .. }));
    t
}

/// The promise, need or date form open on screen.
fn open_form(t: &TestApp) -> &tiesdesk::app::forms::GiveForm {
    match t.app.overlay_as::<GiveForm>() {
        Some(form) => form,
        other => panic!("expected the form, got {other:?}"),
    }
}

fn promised(t: &TestApp) -> Vec<String> {
    match &t.app.screen {
        Screen::Person { profile, .. } => profile.promises.iter().map(|p| p.text.clone()).collect(),
        _ => panic!("not on a person's page"),
    }
}

#[test]
fn p_on_a_person_makes_a_promise_their_page_lists_and_undo_takes_back() {
    let mut t = ana();
    t.char('p');
    assert!(t.app.overlay_as::<GiveForm>().is_some());
    assert_eq!(t.app.context(), Context::Form);
    t.type_text("send the article on hiring")
        .press(KeyCode::Tab)
        .type_text("+1w");
    insta::assert_snapshot!("promise_form", format!("{:?}", t.draw(80, 24)));
    t.press(KeyCode::Enter);
    assert!(t.app.overlay.is_none(), "{:?}", t.app.overlay);
    assert_eq!(promised(&t), ["send the article on hiring"]);
    assert_eq!(
        t.app.status.as_deref(),
        Some("Promised Ana Lima #1 by 2026-12-02 · u to undo")
    );
    assert_eq!((t.app.promises.open, t.app.promises.late), (1, 0));
    insta::assert_snapshot!("person_page_promises", format!("{:?}", t.draw(80, 24)));
    t.char('u');
    assert!(promised(&t).is_empty());
    assert_eq!(t.app.promises.open, 0);
}

#[test]
fn a_bad_promise_keeps_the_form_open_with_what_was_typed() {
    let mut t = ana();
    t.char('p').press(KeyCode::Enter);
    let form = open_form(&t);
    assert_eq!(
        form.error.as_deref(),
        Some("a promise needs a few words: what you will do")
    );
    t.type_text("the book")
        .press(KeyCode::Tab)
        .type_text("2026-02-30");
    t.press(KeyCode::Enter);
    let form = open_form(&t);
    assert!(
        form.error
            .as_deref()
            .unwrap()
            .starts_with("bad date '2026-02-30'")
    );
    assert_eq!(form.text.value(), "the book");
    assert!(t.app.desk.promises(true).unwrap().is_empty());
}

#[test]
fn the_dashboard_counts_promises_and_marks_whose_are_late() {
    let mut t = ana();
    let id = match &t.app.screen {
        Screen::Person { profile, .. } => profile.person.id,
        _ => unreachable!(),
    };
    // Made two weeks ago, due a week ago: late today.
    let made = t.app.desk.today - chrono::Duration::days(14);
    let due = t.app.desk.today - chrono::Duration::days(7);
    // Promised on the day it was made: a second copy of the file living on that day.
    let mut then =
        tiesdesk::ops::Desk::open(t.app.desk.path(), t.app.desk.config.clone(), made).unwrap();
    let person = then.person(id).unwrap().unwrap();
    then.promise(&person, "the book", Some(due)).unwrap();
    t.press(KeyCode::Esc);
    t.app.reload().unwrap();
    assert_eq!((t.app.promises.open, t.app.promises.late), (1, 1));
    assert!(t.app.promises.late_people.contains(&id));
    let screen = format!("{:?}", t.draw(80, 24));
    assert!(screen.contains("promised 1 (1 late)"), "{screen}");
    assert!(screen.contains("│ !Ana Lima"), "{screen}");
    t.press(KeyCode::Enter);
    let page = format!("{:?}", t.draw(80, 24));
    assert!(
        page.contains(&format!("#1 the book · late, due {due}")),
        "{page}"
    );
}

#[test]
fn n_and_shift_d_on_a_person_note_a_need_and_a_date_their_page_lists() {
    let mut t = ana();
    t.char('n');
    let form = open_form(&t);
    assert_eq!(form.giving, tiesdesk::app::forms::Giving::Need);
    t.type_text("a flat in Utrecht")
        .press(KeyCode::Tab)
        .type_text("housing, utrecht");
    insta::assert_snapshot!("need_form", format!("{:?}", t.draw(80, 24)));
    t.press(KeyCode::Enter);
    assert!(t.app.overlay.is_none(), "{:?}", t.app.overlay);
    assert!(
        t.app
            .status
            .as_deref()
            .unwrap()
            .starts_with("Noted: Ana Lima is looking for a flat in Utrecht #housing #utrecht")
    );

    // A date that cannot be keeps the form and what was typed.
    t.char('D')
        .type_text("work anniversary")
        .press(KeyCode::Tab);
    t.type_text("2019-02-30").press(KeyCode::Enter);
    let form = open_form(&t);
    assert!(
        form.error
            .as_deref()
            .unwrap()
            .starts_with("bad date '2019-02-30'")
    );
    assert_eq!(form.text.value(), "work anniversary");
    for _ in 0.."2019-02-30".len() {
        t.press(KeyCode::Backspace);
    }
    t.type_text("2019-12-01").press(KeyCode::Enter);
    assert!(t.app.overlay.is_none(), "{:?}", t.app.overlay);
    // And the promise, for a page with all three.
    t.char('p')
        .type_text("send the listing")
        .press(KeyCode::Enter);
    let (needs, dates) = match &t.app.screen {
        Screen::Person { profile, .. } => (profile.needs.len(), profile.dates.len()),
        _ => panic!("not on a person's page"),
    };
    assert_eq!((needs, dates), (1, 1));
    insta::assert_snapshot!("person_page_gives", format!("{:?}", t.draw(80, 24)));
    // The date is in the next two weeks (today is 2026-11-25): the dashboard shows it.
    t.press(KeyCode::Esc);
    let dashboard = format!("{:?}", t.draw(80, 24));
    assert!(
        dashboard.contains("Tue 1  Ana Lima · work anniver"),
        "{dashboard}"
    );
    // Each was its own change.
    t.char('u').char('u').char('u');
    assert!(
        !t.app
            .desk
            .holdings()
            .unwrap()
            .needs
            .iter()
            .any(|n| n.person == 1 && n.state == tiesdesk::model::NeedState::Open)
    );
}
