//! The app open while the command line writes to the same file: the app shows the other
//! copy's changes within a second or two, and its own edits never undo them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::Sandbox;
use common::pty::Pty;

#[test]
fn the_app_follows_the_command_line_and_keeps_its_changes() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima", "--company", "Acme"]);
    let mut app = Pty::start(&s.db, &s.dir.path().join("no-config.toml"), &[]);
    app.wait_for("Ana Lima");
    app.wait_alternate(true);

    // Another terminal changes Ana while the app shows her.
    s.ok(&[
        "edit",
        "ana",
        "--location",
        "Paris",
        "--phone",
        "555",
        "--company",
        "Zephyr",
    ]);
    app.wait_for_within("Zephyr", Duration::from_secs(2));

    // The app edits another field of hers: the command line's changes stay.
    app.send("e");
    app.wait_for("notes");
    app.send("\t\t\t\t\t");
    app.send("likes tea");
    app.send("\r");
    app.wait_for("Updated Ana Lima");
    let ana = s.json(&["show", "ana"]);
    let person = &ana["person"];
    assert_eq!(person["notes"], "likes tea", "{ana}");
    assert_eq!(person["company"], "Zephyr", "{ana}");
    assert_eq!(person["location"], "Paris", "{ana}");
    assert_eq!(person["phones"][0], "555", "{ana}");

    // A log from the command line moves her into a layer on the dashboard within 2 s.
    s.ok(&["log", "ana", "--gave", "--kind", "favour"]);
    app.wait_for_within("5 · closest", Duration::from_secs(2));

    // Undo in the app asks first: that log was not made here.
    app.send("u");
    app.wait_for("made outside this app");
    app.send("y");
    app.wait_for("Undid: Gave Ana Lima a favour");
    app.send("q");
    assert!(app.wait_exit());
    app.assert_restored();
    assert_eq!(
        s.json(&["show", "ana"])["interactions"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(s.json(&["show", "ana"])["person"]["notes"], "likes tea");
}

/// Another copy adds and changes people while a search is open on a person and a form is
/// being typed in: after the app follows, the dashboard keeps its selection, the form keeps
/// what was typed, and the search still points at the person it pointed at.
#[test]
fn following_keeps_the_selection_the_form_and_the_search() {
    use ratatui::crossterm::event::KeyCode;
    use tiesdesk::app::forms::PersonForm;
    use tiesdesk::model::PersonData;

    let mut t = common::app::app(Some(60));
    t.press(KeyCode::Down).press(KeyCode::Down);
    let selected = t.selected_name().unwrap();
    let people = t.app.people.len();

    let mut other = tiesdesk::ops::Desk::open(
        &t.dir.path().join("tiesdesk.db"),
        tiesdesk::Config::default(),
        t.app.desk.today,
    )
    .unwrap();
    // A person whose name sorts first and whose id comes first would shift positions.
    other.add(PersonData::named("Aaron Aardvark")).unwrap();
    assert!(t.app.catch_up().unwrap());
    assert_eq!(t.app.people.len(), people + 1);
    assert_eq!(t.selected_name().as_deref(), Some(selected.as_str()));
    assert!(
        !t.app.catch_up().unwrap(),
        "nothing new: nothing read again"
    );

    // A search for the selected person, then a merge elsewhere of two people listed before
    // them (everyone after moves up one place), then Enter.
    t.char('/').type_text(&selected);
    let early: Vec<i64> = t
        .app
        .people
        .iter()
        .filter(|p| p.name() != selected)
        .take(2)
        .map(|p| p.id)
        .collect();
    let (keep, gone) = (
        other.person(early[1]).unwrap().unwrap(),
        other.person(early[0]).unwrap().unwrap(),
    );
    other.merge(&keep, &gone).unwrap();
    t.press(KeyCode::Enter);
    let tiesdesk::app::Screen::Person { profile, .. } = &t.app.screen else {
        panic!("expected the person view");
    };
    assert_eq!(profile.person.name(), selected);

    // An open form keeps what was typed while the app reads again. (Esc goes back to the
    // search the person was opened from, a second Esc closes it.)
    t.press(KeyCode::Esc).press(KeyCode::Esc);
    t.char('a').type_text("Half a na");
    other.add(PersonData::named("Yara Young")).unwrap();
    t.app
        .follow_others(std::time::Instant::now() + std::time::Duration::from_secs(5));
    let Some(form) = t.app.overlay_as::<PersonForm>() else {
        panic!("the form should still be open, got {:?}", t.app.overlay);
    };
    assert_eq!(form.inputs[0].value(), "Half a na");
    assert!(t.app.people.iter().any(|p| p.name() == "Yara Young"));
}

/// The welcome gives way to the dashboard when another copy adds someone, and comes back
/// when that is undone elsewhere.
#[test]
fn the_welcome_follows_what_another_copy_did() {
    use tiesdesk::app::Screen;
    let mut t = common::app::app(None);
    assert!(matches!(t.app.screen, Screen::Welcome));
    let mut other = tiesdesk::ops::Desk::open(
        &t.dir.path().join("tiesdesk.db"),
        tiesdesk::Config::default(),
        t.app.desk.today,
    )
    .unwrap();
    other
        .add(tiesdesk::model::PersonData::named("Ana Lima"))
        .unwrap();
    assert!(t.app.catch_up().unwrap());
    assert!(
        matches!(t.app.screen, Screen::Dashboard),
        "{:?}",
        t.app.screen
    );
    assert_eq!(t.selected_name().as_deref(), Some("Ana Lima"));
    other.undo().unwrap();
    assert!(t.app.catch_up().unwrap());
    assert!(
        matches!(t.app.screen, Screen::Welcome),
        "{:?}",
        t.app.screen
    );
}
