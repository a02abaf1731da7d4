//! Search on a real network: the closest match first (namesakes, a first name, a company, a
//! note word), and a person opened from the results goes back to them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::app::{TestApp, small_network};
use ratatui::crossterm::event::KeyCode;
use tiesdesk::app::Screen;
use tiesdesk::app::overlay::Search;

/// The names and companies the search lists for `query`, in order.
fn results(t: &mut TestApp, query: &str) -> Vec<(String, Option<String>)> {
    t.char('/').type_text(query);
    let search = t.app.overlay_as::<Search>().unwrap();
    let listed = (search.results.iter())
        .map(|hit| {
            let person = &t.app.people[hit.index];
            (person.name().to_string(), person.data.company.clone())
        })
        .collect();
    t.press(KeyCode::Esc);
    listed
}

#[test]
fn the_closest_match_comes_first() {
    let mut t = small_network();
    let first = |t: &mut TestApp, query: &str| results(t, query).remove(0);
    // Two Umas: the one in touch before the paper tie.
    assert_eq!(
        first(&mut t, "uma o'brien"),
        ("Uma O'Brien".into(), Some("Quartz Finance".into()))
    );
    // A company: of the three at Zephyr Labs, the warmest first (Bram, then Farah), the
    // paper tie (Jade) last.
    let zephyr: Vec<String> = results(&mut t, "zephyr")
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(zephyr, ["Bram Vos", "Farah Haddad", "Jade Moreau"]);
    // A note word: the closest tie the note is about comes first.
    assert_eq!(first(&mut t, "climbing").0, "Ana Lima");
}

#[test]
fn back_from_a_person_opened_from_the_results_returns_to_them() {
    let mut t = small_network();
    t.char('/').type_text("zephyr").press(KeyCode::Down);
    let chosen = t.app.overlay_as::<Search>().unwrap().selected.at();
    t.press(KeyCode::Enter);
    assert!(matches!(t.app.screen, Screen::Person { .. }));
    assert!(t.app.overlay.is_none());
    t.press(KeyCode::Esc);
    let search = t.app.overlay_as::<Search>().expect("the results are back");
    assert_eq!(search.query.value(), "zephyr");
    assert_eq!(search.selected.at(), chosen, "on the same person");
    assert!(matches!(t.app.screen, Screen::Dashboard));
    // Esc again closes the search.
    t.press(KeyCode::Esc);
    assert!(t.app.overlay.is_none());
}

#[test]
fn people_picked_in_the_results_are_logged_with_together() {
    let mut t = small_network();
    t.char('/').type_text("zephyr");
    // Tab picks (as fzf's does) and moves down; a second Tab on the next picks it too.
    t.press(KeyCode::Tab).press(KeyCode::Tab);
    let search = t.app.overlay_as::<Search>().unwrap();
    assert_eq!(search.picked.len(), 2);
    let screen = t.screen();
    assert!(
        screen.contains("●Bram Vos") && screen.contains("●Farah Haddad"),
        "{screen}"
    );
    assert!(screen.contains("log with the 2 picked"), "{screen}");
    // Tab on a picked one lets it go.
    t.press(KeyCode::Up).press(KeyCode::Tab);
    assert_eq!(t.app.overlay_as::<Search>().unwrap().picked.len(), 1);
    t.press(KeyCode::Up).press(KeyCode::Tab);
    // Enter: one log form with both, chosen already (no name to retype).
    t.press(KeyCode::Enter);
    let form = t
        .app
        .overlay_as::<tiesdesk::app::forms::LogForm>()
        .expect("the log form");
    assert_eq!(form.who.value(), "Bram Vos, Farah Haddad");
    t.press(KeyCode::Enter);
    assert!(
        t.app
            .status
            .as_deref()
            .unwrap_or_default()
            .contains("Bram Vos"),
        "{:?}",
        t.app.status
    );
    let bram = t.app.desk.resolve("Bram Vos").unwrap();
    let farah = t.app.desk.resolve("Farah Haddad").unwrap();
    let logged = t.app.desk.interactions_of(bram.id).unwrap();
    assert!(logged[0].people.contains(&farah.id), "one log with both");
}
