//! People who share a name are chosen, never retyped: the log form's completion offers each
//! with what tells them apart, the closest first, Tab moves between them, and what is saved is
//! the one chosen. On the small network two people are called Uma O'Brien: one in touch
//! (Quartz Finance), one a LinkedIn paper tie (Canal Bank).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::app::small_network;
use ratatui::crossterm::event::KeyCode;
use tiesdesk::app::forms::{LinkForm, LogForm};

/// The ids of the two Umas: the one in touch, then the paper tie.
fn umas(t: &common::app::TestApp) -> (i64, i64) {
    let ids: Vec<(i64, Option<String>)> = (t.app.people.iter())
        .filter(|p| p.name() == "Uma O'Brien")
        .map(|p| (p.id, p.data.company.clone()))
        .collect();
    let at = |company: &str| {
        ids.iter()
            .find(|(_, c)| c.as_deref() == Some(company))
            .unwrap()
            .0
    };
    (at("Quartz Finance"), at("Canal Bank"))
}

/// The people of the newest logged interaction.
fn last_logged(t: &common::app::TestApp) -> Vec<i64> {
    let holdings = t.app.desk.holdings().unwrap();
    let newest = holdings.interactions.iter().max_by_key(|i| i.id).unwrap();
    newest.people.clone()
}

#[test]
fn each_namesake_is_logged_from_completion_with_no_id_typed() {
    let mut t = small_network();
    let (in_touch, paper) = umas(&t);
    t.char('l').type_text("uma o");
    let form = t.app.overlay_as::<LogForm>().unwrap();
    let offered: Vec<(i64, String)> = (form.people.suggestions.iter())
        .map(|s| (s.id, s.label()))
        .collect();
    assert_eq!(
        offered,
        [
            (in_touch, "Uma O'Brien (Quartz Finance)".to_string()),
            (paper, "Uma O'Brien (Canal Bank · paper tie)".to_string()),
        ],
        "the one in touch first, each told apart"
    );
    // Tab completes the closest; Enter logs with her.
    t.press(KeyCode::Tab).press(KeyCode::Enter);
    assert!(t.app.overlay.is_none(), "{:?}", t.app.status);
    assert_eq!(last_logged(&t), [in_touch]);

    // Tab twice: the other Uma, as the form shows.
    t.char('l')
        .type_text("uma")
        .press(KeyCode::Tab)
        .press(KeyCode::Tab);
    let screen = format!("{}", t.draw(80, 24));
    assert!(
        screen.contains("chooses: › Uma O'Brien (Canal Bank · paper tie)"),
        "{screen}"
    );
    t.press(KeyCode::Enter);
    assert!(t.app.overlay.is_none(), "{:?}", t.app.status);
    assert_eq!(last_logged(&t), [paper]);
}

#[test]
fn a_namesake_typed_in_full_opens_the_choice() {
    let mut t = small_network();
    let (in_touch, paper) = umas(&t);
    t.char('l').type_text("Uma O'Brien").press(KeyCode::Enter);
    let form = t.app.overlay_as::<LogForm>().unwrap();
    assert_eq!(
        form.error.as_deref(),
        Some("2 people are called Uma O'Brien: tab chooses which")
    );
    assert!(form.people.choosing());
    // The first Tab chooses the first offered (the one in touch); the next, the other.
    t.press(KeyCode::Tab)
        .press(KeyCode::Tab)
        .press(KeyCode::Enter);
    assert!(t.app.overlay.is_none(), "{:?}", t.app.status);
    assert_eq!(last_logged(&t), [paper]);
    t.char('l').type_text("Uma O'Brien").press(KeyCode::Enter);
    t.press(KeyCode::Tab).press(KeyCode::Enter);
    assert_eq!(last_logged(&t), [in_touch]);
}

#[test]
fn the_link_form_chooses_a_namesake_too() {
    let mut t = small_network();
    let (_, paper) = umas(&t);
    // Ana (#1) is the closest: the dashboard opens on her.
    t.press(KeyCode::Enter).char('L');
    assert!(t.app.overlay_as::<LinkForm>().is_some(), "L links");
    t.type_text("uma")
        .press(KeyCode::Tab)
        .press(KeyCode::Tab)
        .press(KeyCode::Enter);
    let links = t.app.desk.holdings().unwrap().links;
    assert!(
        links
            .iter()
            .any(|l| l.a.min(l.b) == paper.min(1) && l.a.max(l.b) == paper.max(1)),
        "{links:?} {:?}",
        t.app.status
    );
}
