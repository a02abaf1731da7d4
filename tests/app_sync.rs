//! The app and sync: `Y` syncs now and says what came, the screen shows it, and a database
//! that does not sync says how to begin.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::app::app;
use ratatui::crossterm::event::KeyCode;
use tiesdesk::Config;
use tiesdesk::model::PersonData;
use tiesdesk::model::date::parse_iso_date;
use tiesdesk::ops::Desk;

#[test]
fn y_on_a_database_that_does_not_sync_says_how_to_begin() {
    let mut t = app(Some(5));
    t.press(KeyCode::Char('Y'));
    let said = t.app.status.clone().unwrap_or_default();
    assert!(
        said.contains("does not sync yet") && said.contains("sync init"),
        "{said}"
    );
}

#[test]
fn y_brings_in_what_another_machine_logged_and_sends_what_was_done_here() {
    let mut t = app(Some(5));
    let folder = t.dir.path().join("Shared");
    std::fs::create_dir_all(&folder).unwrap();
    let (_, join) = t
        .app
        .desk
        .sync_init(&folder, Some("laptop"), false)
        .unwrap();
    assert!(join.starts_with("tiesdesk sync join"), "{join}");
    // The desktop joins, adds someone and syncs while the app is open on the laptop.
    let today = parse_iso_date(common::TODAY).unwrap();
    let mut desktop =
        Desk::open(&t.dir.path().join("desktop.db"), Config::default(), today).unwrap();
    desktop.sync_join(&folder, None, Some("desktop")).unwrap();
    desktop.add(PersonData::named("Bo Chen")).unwrap();
    desktop.sync().unwrap();
    t.press(KeyCode::Char('Y'));
    let said = t.app.status.clone().unwrap_or_default();
    assert!(said.contains("1 change from your other devices"), "{said}");
    assert!(t.screen().contains("Bo Chen"), "{}", t.screen());
    // Something done here goes out with the next sync, and the desktop has it.
    t.app.desk.add(PersonData::named("Carmen Ortiz")).unwrap();
    t.press(KeyCode::Char('Y'));
    let said = t.app.status.clone().unwrap_or_default();
    assert!(said.contains("1 change sent"), "{said}");
    desktop.sync().unwrap();
    let names: Vec<String> = (desktop.people().unwrap().iter())
        .map(|p| p.data.name.clone())
        .collect();
    assert!(names.contains(&"Carmen Ortiz".to_string()), "{names:?}");
}
