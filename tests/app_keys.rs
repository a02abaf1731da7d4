//! Keys → state, without drawing: the app's behaviour on a real temporary database.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;

use common::app::{app, app_with_keys};
use ratatui::crossterm::event::KeyCode;
use tiesdesk::app::forms::LogForm;
use tiesdesk::app::forms::PersonForm;
use tiesdesk::app::help::HelpPage;
use tiesdesk::app::overlay::Confirm;
use tiesdesk::app::overlay::Search;
use tiesdesk::app::{Context, Screen};
use tiesdesk::insight::Status;
use tiesdesk::model::{Direction, Kind};

#[test]
fn a_first_run_welcomes_then_adds_a_person() {
    let mut t = app(None);
    assert!(matches!(t.app.screen, Screen::Welcome));
    assert_eq!(t.app.context(), Context::Welcome);
    t.char('a');
    assert!(t.app.overlay_as::<PersonForm>().is_some());
    // Typing goes into the form: 'q' is a letter here, not quit.
    t.type_text("Ana Lima")
        .press(KeyCode::Tab)
        .type_text("Zephyr Labs")
        .press(KeyCode::Enter);
    assert!(!t.app.quit);
    assert!(t.app.overlay.is_none());
    assert!(matches!(t.app.screen, Screen::Dashboard));
    assert_eq!(t.app.people.len(), 1);
    assert_eq!(t.app.people[0].data.company.as_deref(), Some("Zephyr Labs"));
    assert_eq!(t.selected_name().as_deref(), Some("Ana Lima"));
    assert_eq!(t.app.status.as_deref(), Some("Added Ana Lima · u to undo"));
}

#[test]
fn gave_received_met_log_and_the_dashboard_follows() {
    let mut t = app(None);
    t.char('a').type_text("Ana Lima").press(KeyCode::Enter);
    // Added by hand, nothing logged: new, not a paper tie (those are imported).
    assert_eq!(t.app.figures(0).unwrap().status, Status::New);
    assert_eq!(t.app.network.summary.paper, 0);
    // g: a favour given, prefilled; Enter saves.
    t.char('g');
    match t.app.overlay_as::<LogForm>() {
        Some(form) => {
            assert_eq!((form.direction, form.kind), (Direction::Gave, Kind::Favour));
        }
        other => panic!("expected the log form, got {other:?}"),
    }
    t.press(KeyCode::Enter);
    assert_eq!(
        t.app.status.as_deref(),
        Some("Gave Ana Lima a favour · u to undo")
    );
    let f = t.app.figures(0).unwrap();
    assert_eq!((f.status, f.ledger.given), (Status::Active, 1));
    // r with a bigger size, picked by its digit, on another day.
    t.char('r')
        .press(KeyCode::Tab)
        .char('2')
        .press(KeyCode::Tab);
    for _ in 0.."today".len() {
        t.press(KeyCode::Backspace);
    }
    t.type_text("-3d").press(KeyCode::Enter);
    assert_eq!(
        t.app.status.as_deref(),
        Some("Received a favour from Ana Lima (about an hour) on 2026-11-22 · u to undo")
    );
    assert_eq!(t.app.figures(0).unwrap().ledger.received, 2);
    // m: met.
    t.char('m').press(KeyCode::Enter);
    assert_eq!(t.app.status.as_deref(), Some("Met Ana Lima · u to undo"));
    // The app updated its figures in memory; they are what the database says.
    assert_eq!(t.app.histories, t.app.desk.histories().unwrap());
    assert_eq!(t.app.network, t.app.desk.network().unwrap());
    // u: undo the meeting.
    t.char('u');
    assert_eq!(t.app.status.as_deref(), Some("Undid: Met Ana Lima"));
    assert_eq!(t.app.figures(0).unwrap().interactions, 2);
}

#[test]
fn moving_opening_searching_and_going_back() {
    let mut t = app(Some(600));
    let first = t.selected_name().unwrap();
    t.char('j').char('j').char('k');
    let second = t.selected_name().unwrap();
    assert_ne!(first, second);
    t.press(KeyCode::PageDown).press(KeyCode::PageDown);
    assert!(t.app.offset > 0, "paging scrolls the list");
    assert!(t.app.selected >= t.app.offset && t.app.selected < t.app.offset + t.app.page);
    t.press(KeyCode::Home);
    assert_eq!(t.selected_name().unwrap(), first);
    t.press(KeyCode::Enter);
    match &t.app.screen {
        Screen::Person { profile, .. } => assert_eq!(profile.person.name(), first),
        other => panic!("expected the person view, got {other:?}"),
    }
    t.press(KeyCode::Esc);
    assert!(matches!(t.app.screen, Screen::Dashboard));
    // Search reaches paper ties too; Enter opens the best match.
    let paper = t
        .app
        .people
        .iter()
        .zip(&t.app.network.figures)
        .find(|(_, f)| f.status == Status::Paper)
        .map(|(p, _)| p.name().to_string())
        .unwrap();
    t.char('/').type_text(&paper);
    match t.app.overlay_as::<Search>() {
        Some(search) => assert!(!search.results.is_empty()),
        other => panic!("expected search, got {other:?}"),
    }
    t.press(KeyCode::Enter);
    match &t.app.screen {
        Screen::Person { profile, .. } => assert_eq!(profile.person.name(), paper),
        other => panic!("expected the person view, got {other:?}"),
    }
}

#[test]
fn archiving_asks_first() {
    let mut t = app(None);
    t.char('a').type_text("Ana Lima").press(KeyCode::Enter);
    t.char('x');
    assert!(t.app.overlay_as::<Confirm>().is_some());
    t.char('n');
    assert!(!t.app.people[0].data.archived);
    t.char('x').char('y');
    assert!(t.app.people[0].data.archived);
    assert_eq!(
        t.app.status.as_deref(),
        Some("Archived Ana Lima · u to undo")
    );
    t.char('u');
    assert!(!t.app.people[0].data.archived);
}

#[test]
fn edit_changes_the_selected_person() {
    let mut t = app(None);
    t.char('a').type_text("Ana Lima").press(KeyCode::Enter);
    t.char('e')
        .press(KeyCode::Tab)
        .type_text("Bolt")
        .press(KeyCode::Enter);
    assert_eq!(t.app.people[0].data.company.as_deref(), Some("Bolt"));
    assert_eq!(
        t.app.status.as_deref(),
        Some("Updated Ana Lima · u to undo")
    );
}

#[test]
fn help_quit_and_ctrl_c() {
    let mut t = app(Some(100));
    t.char('?');
    assert!(t.app.overlay_as::<HelpPage>().is_some());
    t.press(KeyCode::Esc);
    assert!(t.app.overlay.is_none());
    t.char('q');
    assert!(t.app.quit);
    // Ctrl-C closes a form; with something typed it asks first; with nothing open it quits.
    let mut t = app(Some(100));
    t.char('m').ctrl('c');
    assert!(
        t.app.overlay.is_none() && !t.app.quit,
        "ctrl-c closes the form"
    );
    t.char('m')
        .press(KeyCode::Tab)
        .press(KeyCode::Tab)
        .press(KeyCode::Tab)
        .type_text("coffee")
        .ctrl('c');
    let Some(form) = t.app.overlay_as::<LogForm>() else {
        panic!("a form with a note typed stays open on the first ctrl-c");
    };
    assert!(
        form.error
            .as_deref()
            .unwrap()
            .contains("Ctrl-C again discards")
    );
    assert_eq!(form.note.value(), "coffee");
    // Another key goes on editing; the next ctrl-c asks again.
    t.type_text("!").ctrl('c');
    assert!(t.app.overlay.is_some(), "typing disarmed the discard");
    t.ctrl('c');
    assert!(t.app.overlay.is_none() && !t.app.quit);
    t.ctrl('c');
    assert!(t.app.quit, "ctrl-c with nothing open quits");
}

#[test]
fn gave_with_no_one_selected_says_what_to_do() {
    let mut t = app(None);
    t.char('a')
        .type_text("Ana")
        .press(KeyCode::Enter)
        .char('x')
        .char('y');
    t.char('g');
    assert!(t.app.overlay.is_none());
    assert_eq!(
        t.app.status.as_deref(),
        Some("No one selected: press l to log with anyone.")
    );
}

#[test]
fn a_rebound_key_works_and_the_old_one_does_not() {
    let keys = BTreeMap::from([(
        "dashboard".to_string(),
        BTreeMap::from([
            ("f".to_string(), "gave".to_string()),
            ("g".to_string(), "none".to_string()),
        ]),
    )]);
    let mut t = app_with_keys(None, keys);
    t.char('a').type_text("Ana").press(KeyCode::Enter);
    t.char('g');
    assert!(t.app.overlay.is_none());
    t.char('f');
    assert!(t.app.overlay_as::<LogForm>().is_some());
    // Help shows the key as bound now, with the action's name for config.toml, and the freed
    // key nowhere.
    t.press(KeyCode::Esc).char('?');
    let screen = t.screen();
    let line = screen
        .lines()
        .find(|l| l.contains("you gave something"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(line.contains("   f  "), "{line}");
    assert!(
        line.trim_end_matches(['│', ' ']).ends_with("gave"),
        "{line}"
    );
    assert!(!screen.lines().any(|l| l.contains("   g   ")), "{screen}");
}

#[test]
fn help_scrolls_to_every_key_and_explains_the_signs() {
    let mut t = app(Some(100));
    t.char('?');
    let first = t.screen();
    assert!(first.contains("Dashboard keys"), "{first}");
    assert!(first.contains("lines 1–20 of"), "{first}");
    // The end of the page: the last of the signs and how to rebind, nothing cut.
    t.press(KeyCode::End);
    let last = t.screen();
    assert!(last.contains("Rebind a key in config.toml"), "{last}");
    assert!(last.contains("imported, never in touch"), "{last}");
    // Every line of the page was reachable: the dashboard's last key (quit) and every sign.
    let Some(page) = t.app.overlay_as::<HelpPage>() else {
        panic!("help is open");
    };
    let text: Vec<String> = page.lines.iter().map(|l| format!("{l:?}")).collect();
    for needle in [
        "\"quit\"",
        "\"●\"",
        "\"●●\"",
        "\"◐\"",
        "\"↗ circle\"",
        "\"peak 4\"",
        "\"(active 6.5)\"",
    ] {
        assert!(
            text.iter().any(|l| l.contains(needle)),
            "{needle} missing: {text:?}"
        );
    }
    let total = page.lines.len();
    assert!(last.contains(&format!("of {total}")), "{last}");
    t.press(KeyCode::Home);
    assert_eq!(t.screen(), first);
    // No line of the page is cut (the box spans columns 3 to 76 of 80).
    for line in first.lines().chain(last.lines()) {
        let inside: String = line.chars().skip(3).take(74).collect();
        assert!(!inside.contains('…'), "cut: {inside}");
    }
}

/// Undoing a large batch runs on a worker thread: the app keeps drawing, says what it is
/// undoing, takes no keys but Ctrl-C meanwhile, and reads everything again when it is done.
#[test]
fn a_large_undo_runs_beside_the_app() {
    let mut t = app(None);
    let draft = tiesdesk::model::NetworkDraft {
        people: (0..25_000)
            .map(|i| tiesdesk::model::PersonData::named(&format!("Person {i}")))
            .collect(),
        ..Default::default()
    };
    t.app
        .desk
        .insert_network(&draft, "Imported big.csv")
        .unwrap();
    t.app.reload().unwrap();
    t.app.screen = Screen::Dashboard;
    assert_eq!(t.app.people.len(), 25_000);
    t.char('u');
    assert!(
        t.app.undo_job.is_some(),
        "a batch this size is undone on a worker"
    );
    assert!(t.screen().contains("Undoing"), "{}", t.screen());
    t.char('a');
    assert!(t.app.overlay.is_none(), "keys wait while it runs");
    let start = std::time::Instant::now();
    while t.app.undo_job.is_some() {
        assert!(start.elapsed().as_secs() < 60, "the undo never finished");
        std::thread::sleep(std::time::Duration::from_millis(20));
        t.app.tick_undo();
    }
    assert!(t.app.people.is_empty());
    assert_eq!(t.app.status.as_deref(), Some("Undid: Imported big.csv"));
}

/// At 80 columns the header counts dormant ties and one-sided flags, and drops whole items
/// that do not fit rather than cutting one in half.
#[test]
fn the_header_keeps_whole_items_at_80_columns() {
    let mut t = app(Some(1200));
    let screen = t.screen();
    let second = screen.lines().nth(1).unwrap().trim().to_string();
    assert!(second.contains("dormant "), "{second}");
    let known = [
        "paper ",
        "due ",
        "overdue ",
        "dormant ",
        "one-sided ",
        "over capacity ",
        "no review yet",
        "review ",
        "reviewed today",
    ];
    for item in second.split(" · ") {
        assert!(
            known.iter().any(|k| item.starts_with(k)),
            "a cut item {item:?} in {second:?}"
        );
        let complete =
            item.ends_with(|c: char| c.is_ascii_digit() || c == ')' || c == 't' || c == 'y');
        assert!(complete, "{item:?} looks cut in {second:?}");
    }
}

#[test]
fn tab_gives_the_keys_to_the_side_panels_and_they_list_everyone() {
    use tiesdesk::app::Pane;
    use tiesdesk::insight::OneSided;
    let mut t = app(Some(300));
    let flagged = t
        .app
        .network
        .figures
        .iter()
        .filter(|f| f.one_sided.is_some())
        .count();
    assert!(flagged > 3, "the demo has one-sided ties: {flagged}");
    let on_list = t.selected_name();
    // Tab: Give first has the keys; it lists every one-sided tie, you-take first.
    t.press(KeyCode::Tab);
    assert_eq!(t.app.pane, Pane::GiveFirst);
    assert_eq!(t.app.give_first.len(), flagged);
    let sides: Vec<_> = t
        .app
        .give_first
        .iter()
        .map(|&i| t.app.network.figures[i].one_sided)
        .collect();
    let first_they_take = sides
        .iter()
        .position(|s| *s == Some(OneSided::TheyTake))
        .unwrap_or(sides.len());
    assert!(
        sides[first_they_take..]
            .iter()
            .all(|s| *s == Some(OneSided::TheyTake))
    );
    // End reaches the last of them, and the panel says where it is.
    t.press(KeyCode::End);
    assert_eq!(t.app.pane_selected.at(), flagged - 1);
    let last = t.app.people[t.app.give_first[flagged - 1]].clone();
    let screen = t.screen();
    assert!(
        screen.contains(&format!("{flagged} of {flagged}")),
        "{screen}"
    );
    let first_name = last.name().split(' ').next().unwrap();
    assert!(screen.contains(first_name), "{screen}");
    // g logs with the panel's person, not the list's.
    t.char('g');
    match t.app.overlay_as::<LogForm>() {
        Some(form) => assert_eq!(form.fixed.as_ref().map(|f| f.0), Some(last.id)),
        other => panic!("expected the log form, got {other:?}"),
    }
    t.press(KeyCode::Esc);
    // Enter opens them; back returns to the dashboard with the panel still focused.
    t.press(KeyCode::Enter);
    assert!(
        matches!(&t.app.screen, Screen::Person { profile, .. } if profile.person.id == last.id)
    );
    t.press(KeyCode::Esc);
    assert_eq!(t.app.pane, Pane::GiveFirst);
    // Tab again: Reconnect, with every long-dormant tie.
    t.press(KeyCode::Tab);
    assert_eq!(t.app.pane, Pane::Reconnect);
    let long_dormant = t
        .app
        .network
        .figures
        .iter()
        .filter(|f| f.long_dormant)
        .count();
    assert_eq!(t.app.reconnect_list.len(), long_dormant);
    t.press(KeyCode::PageDown);
    let chosen = t.app.people[t.app.reconnect_list[t.app.pane_selected.at()]].clone();
    assert_eq!(t.app.current_person().map(|p| p.id), Some(chosen.id));
    // Esc gives the keys back to the list, on the person it had.
    t.press(KeyCode::Esc);
    assert_eq!(t.app.pane, Pane::List);
    assert_eq!(t.selected_name(), on_list);
    assert_eq!(
        t.app.current_person().map(|p| p.name().to_string()),
        on_list
    );
}

#[test]
fn the_hint_bar_offers_a_choice_only_on_a_choice() {
    let mut t = app(Some(30));
    t.char('g');
    let hints = |t: &mut common::app::TestApp| t.screen().lines().nth(23).unwrap().to_string();
    // Opened on a person, the form starts on the kind: a choice.
    assert!(hints(&mut t).contains("→ next choice"), "{}", hints(&mut t));
    // Kind → size → when (text): no choice to step.
    t.press(KeyCode::Tab).press(KeyCode::Tab);
    let bar = hints(&mut t);
    assert!(!bar.contains("choice"), "{bar}");
    assert!(
        bar.contains("tab next field") && bar.contains("enter save"),
        "{bar}"
    );
    // → on a text field moves the cursor, and changes no choice.
    let before = match t.app.overlay_as::<LogForm>() {
        Some(form) => (form.kind, form.size),
        other => panic!("{other:?}"),
    };
    t.press(KeyCode::Right);
    match t.app.overlay_as::<LogForm>() {
        Some(form) => assert_eq!((form.kind, form.size), before),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_status_message_too_long_for_its_line_ends_in_an_ellipsis() {
    let mut t = app(Some(40));
    let words: Vec<String> = (1..=30).map(|i| format!("word{i}")).collect();
    t.app.status = Some(words.join(" "));
    let screen = t.screen();
    let line = (screen.lines())
        .find(|line| line.contains("word1 "))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(line.trim_end().ends_with('…'), "{line:?}");
    assert!(!line.contains("word30"), "{line:?}");
    // One that fits is shown whole.
    t.app.status = Some("Gave Ana a favour".into());
    assert!(t.screen().contains(" Gave Ana a favour "));
}
