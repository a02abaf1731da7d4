//! Search on a real network: the closest match first (namesakes, a first name, a company, a
//! note word), and a person opened from the results goes back to them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::app::{TestApp, app, small_network};
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

/// `wout li` + Enter opens Wout Li, not Wout de Boer who lives in Lisbon.
#[test]
fn search_opens_the_person_whose_name_was_typed() {
    let mut t = app(None);
    for (name, place) in [("Wout de Boer", Some("Lisbon")), ("Wout Li", None)] {
        let mut data = tiesdesk::model::PersonData::named(name);
        data.location = place.map(String::from);
        t.app.desk.add(data).unwrap();
    }
    t.app.reload().unwrap();
    t.app.screen = Screen::Dashboard;
    t.char('/').type_text("wout li").press(KeyCode::Enter);
    let Screen::Person { profile, .. } = &t.app.screen else {
        panic!("expected a person, got {:?}", t.app.screen);
    };
    assert_eq!(profile.person.name(), "Wout Li");
}

#[test]
fn search_finds_what_was_said_and_says_what_matched() {
    let mut t = app(None);
    t.char('a')
        .type_text("Ana Lima")
        .press(KeyCode::Tab)
        .type_text("Zephyr Labs");
    for _ in 0..2 {
        t.press(KeyCode::Tab);
    }
    t.type_text("climbing").press(KeyCode::Enter);
    t.char('a').type_text("Bram Horvat").press(KeyCode::Enter);
    // Log with Bram (the newest, first under "no contact yet"): a note to find him by.
    t.press(KeyCode::End);
    t.press(KeyCode::Home);
    let bram = t.app.current_person().unwrap().clone();
    assert_eq!(bram.name(), "Bram Horvat");
    t.char('m');
    for _ in 0..3 {
        t.press(KeyCode::Tab);
    }
    t.type_text("walked the dog by the canal")
        .press(KeyCode::Enter);
    // What was said: found, and shown as what matched.
    t.char('/').type_text("canal");
    let Some(search) = t.app.overlay_as::<Search>() else {
        panic!("search is open");
    };
    assert_eq!(search.results.len(), 1, "{:?}", search.results);
    assert_eq!(t.app.people[search.results[0].index].id, bram.id);
    assert_eq!(
        search.results[0].matched.as_deref(),
        Some("said: walked the dog by the canal")
    );
    assert!(t.screen().contains("said: walked the dog"));
    t.press(KeyCode::Enter);
    assert!(
        matches!(&t.app.screen, Screen::Person { profile, .. } if profile.person.id == bram.id)
    );
    // A circle: shown as the circle, where the company would be. (Esc goes back to the
    // results first, then closes them.)
    t.press(KeyCode::Esc).press(KeyCode::Esc);
    t.char('/').type_text("climb");
    let Some(search) = t.app.overlay_as::<Search>() else {
        panic!("search is open: {:?} {:?}", t.app.overlay, t.app.status);
    };
    assert_eq!(search.results.len(), 1);
    assert_eq!(
        search.results[0].matched.as_deref(),
        Some("circle: climbing")
    );
    // A name match says nothing more: the company stays.
    for _ in 0.."climb".len() {
        t.press(KeyCode::Backspace);
    }
    t.type_text("ana");
    let screen = t.screen();
    assert!(screen.contains("Zephyr Labs"), "{screen}");
}

/// A search's matches page like every other list: a page down, a page up, kept in range.
#[test]
fn search_matches_page_down_and_up() {
    let mut t = app(Some(600));
    t.char('/').type_text("a");
    let selected = |t: &common::app::TestApp| match t.app.overlay_as::<Search>() {
        Some(search) => (search.selected.at(), search.results.len()),
        other => panic!("expected search, got {other:?}"),
    };
    let (at, count) = selected(&t);
    assert_eq!(at, 0);
    assert!(count > t.app.page, "more matches than a page: {count}");
    t.press(KeyCode::PageDown);
    assert_eq!(selected(&t).0, t.app.page.min(count - 1));
    for _ in 0..200 {
        t.press(KeyCode::PageDown);
    }
    assert_eq!(selected(&t).0, count - 1, "stops at the last match");
    t.press(KeyCode::PageUp);
    assert_eq!(selected(&t).0, (count - 1).saturating_sub(t.app.page));
}
