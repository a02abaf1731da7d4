//! Links and the intro finder in the app: keys → state on a real temporary database, and how
//! the link form and the finder look.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::app::{TestApp, app};
use ratatui::crossterm::event::KeyCode;
use tiesdesk::app::forms::IntroFinder;
use tiesdesk::app::forms::LinkForm;
use tiesdesk::app::forms::LogForm;
use tiesdesk::app::{Context, Screen};

/// Ana (in touch) and Chen at Zephyr Labs (never in touch); Ana's page open.
fn two_people() -> TestApp {
    let mut t = app(None);
    t.char('a').type_text("Ana Lima").press(KeyCode::Enter);
    t.char('m').press(KeyCode::Enter);
    t.char('a')
        .type_text("Chen Okafor")
        .press(KeyCode::Tab)
        .type_text("Zephyr Labs")
        .press(KeyCode::Enter);
    let ana = t.app.rows.iter().position(
        |r| matches!(r, tiesdesk::app::Row::Person(i) if t.app.people[*i].name() == "Ana Lima"),
    );
    t.app.selected = ana.unwrap();
    t.press(KeyCode::Enter);
    assert!(matches!(t.app.screen, Screen::Person { .. }));
    t
}

fn knows(t: &TestApp) -> Vec<String> {
    match &t.app.screen {
        Screen::Person { profile, .. } => profile
            .connections
            .knows
            .iter()
            .map(|n| n.name.clone())
            .collect(),
        _ => panic!("not on a person's page"),
    }
}

#[test]
fn the_link_form_adds_and_removes_a_link_and_undo_reverts() {
    let mut t = two_people();
    t.char('L');
    assert!(t.app.overlay_as::<LinkForm>().is_some());
    assert_eq!(t.app.context(), Context::Form);
    t.type_text("Chen");
    insta::assert_snapshot!("link_form", format!("{:?}", t.draw(80, 24)));
    t.press(KeyCode::Enter);
    assert!(t.app.overlay.is_none());
    assert_eq!(knows(&t), ["Chen Okafor"]);
    assert_eq!(
        t.app.status.as_deref(),
        Some("Ana Lima knows Chen Okafor · u to undo")
    );
    // Remove: the last choice of "how".
    t.char('L').type_text("Chen").press(KeyCode::Up);
    for _ in 0..3 {
        t.press(KeyCode::Right);
    }
    t.press(KeyCode::Enter);
    assert!(knows(&t).is_empty());
    t.char('u');
    assert_eq!(knows(&t), ["Chen Okafor"]);
    // Someone unknown: the form stays, saying so.
    t.char('L').type_text("Nobody Atall").press(KeyCode::Enter);
    let Some(form) = t.app.overlay_as::<LinkForm>() else {
        panic!("the form should stay open");
    };
    assert!(form.error.as_deref().unwrap().contains("no one matches"));
}

#[test]
fn the_intro_finder_answers_as_you_type_and_opens_the_person_to_ask() {
    let mut t = two_people();
    t.char('L').type_text("Chen").press(KeyCode::Enter);
    t.press(KeyCode::Esc);
    assert!(matches!(t.app.screen, Screen::Dashboard));
    t.char('I');
    assert_eq!(t.app.context(), Context::Search);
    t.type_text("zephyr");
    let Some(finder) = t.app.overlay_as::<IntroFinder>() else {
        panic!("expected the intro finder");
    };
    let report = finder.report.as_ref().unwrap();
    assert_eq!(report.paths[0].ask.name, "Ana Lima");
    assert_eq!(report.paths[0].path.last().unwrap().name, "Chen Okafor");
    insta::assert_snapshot!("intro_finder", format!("{:?}", t.draw(80, 24)));
    t.press(KeyCode::Enter);
    let Screen::Person { profile, .. } = &t.app.screen else {
        panic!("Enter opens the person to ask");
    };
    assert_eq!(profile.person.name(), "Ana Lima");
    // On a page, I looks for a way to that person.
    t.char('I');
    let Some(finder) = t.app.overlay_as::<IntroFinder>() else {
        panic!("expected the intro finder");
    };
    assert_eq!(finder.query.value(), format!("#{}", profile_id(&t)));
    assert_eq!(
        finder.report.as_ref().unwrap().direct[0].ask.name,
        "Ana Lima"
    );
}

fn profile_id(t: &TestApp) -> i64 {
    match &t.app.screen {
        Screen::Person { profile, .. } => profile.person.id,
        _ => panic!("not on a person's page"),
    }
}

#[test]
fn tab_completes_the_name_being_typed_then_moves_on() {
    let mut t = two_people();
    t.char('L').type_text("Che").press(KeyCode::Tab);
    let Some(form) = t.app.overlay_as::<LinkForm>() else {
        panic!("expected the link form");
    };
    assert_eq!(form.who.value(), "Chen Okafor");
    assert_eq!(form.field, tiesdesk::app::forms::LinkField::Who);
    t.press(KeyCode::Tab);
    let Some(form) = t.app.overlay_as::<LinkForm>() else {
        panic!("expected the link form");
    };
    assert_eq!(form.field, tiesdesk::app::forms::LinkField::How);
    // The quick log completes the last of several names.
    t.press(KeyCode::Esc).press(KeyCode::Esc).char('l');
    t.type_text("Ana Lima, Ch").press(KeyCode::Tab);
    let Some(form) = t.app.overlay_as::<LogForm>() else {
        panic!("expected the log form");
    };
    assert_eq!(form.who.value(), "Ana Lima, Chen Okafor");
}

#[test]
fn long_and_multi_line_notes_stay_in_their_column() {
    let mut t = two_people();
    let id = profile_id(&t);
    let person = t.app.people.iter().find(|p| p.id == id).unwrap().clone();
    let notes = "Met at RustNL in Delft, where she gave the talk on embedded async that \
                 everyone quoted for a year.\nPrefers calls.";
    let patch = tiesdesk::model::PersonPatch {
        notes: Some(notes.into()),
        ..Default::default()
    };
    t.app.desk.edit(&person, &patch).unwrap();
    t.app.reload().unwrap();
    let screen = t.screen();
    assert!(
        screen.contains("│ notes         Met at RustNL in Delft"),
        "{screen}"
    );
    assert!(
        screen.contains("│               async that everyone quoted for a year."),
        "{screen}"
    );
    assert!(
        screen.contains("│               Prefers calls."),
        "{screen}"
    );
}

#[test]
fn the_intro_finder_says_a_quiet_tie_is_known_from_before_and_how_long_quiet() {
    let (mut t, _) = common::app::app_with("Ana Lima");
    let mut eva = tiesdesk::model::PersonData::named("Eva Jansen");
    eva.company = Some("Zephyr Labs".into());
    let eva = t.app.desk.add(eva).unwrap().person;
    let long_ago = t.app.desk.today - chrono::Duration::days(5 * 365 + 30);
    (t.app.desk)
        .log(
            &[eva],
            tiesdesk::model::Direction::Mutual,
            tiesdesk::model::Kind::Meet,
            tiesdesk::model::Size::Small,
            long_ago,
            "",
        )
        .unwrap();
    t.app.reload().unwrap();
    t.char('I').type_text("Zephyr Labs");
    let screen = format!("{:?}", t.draw(80, 24));
    assert!(
        screen.contains("You know someone at Zephyr Labs from before (quiet now)"),
        "{screen}"
    );
    assert!(screen.contains("Eva Jansen (quiet for 5y)"), "{screen}");
    assert!(!screen.contains("in touch with"), "{screen}");
}
