//! On call in the app: `o` on a person's page keeps them on call (never due, apart from the
//! ~150: the dashboard lists them under their own heading), `o` again brings them back, `u`
//! undoes it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::Duration;
use common::app::app_with;
use ratatui::crossterm::event::KeyCode;
use tiesdesk::insight::Status;
use tiesdesk::model::{Direction, Kind, Size};

#[test]
fn o_on_a_person_page_keeps_them_on_call_and_back() {
    let (mut t, ana) = app_with("Ana Lima");
    let day = t.app.desk.today - Duration::days(3);
    (t.app.desk)
        .log(
            std::slice::from_ref(&ana),
            Direction::Mutual,
            Kind::Meet,
            Size::Small,
            day,
            "",
        )
        .unwrap();
    t.app.reload().unwrap();
    let status = |t: &common::app::TestApp| {
        let at = t.app.index_of(ana.id).unwrap();
        t.app.network.figures[at].status
    };
    assert_eq!(status(&t), Status::Active);
    t.open_last_person().char('o');
    let said = t.app.status.clone().unwrap_or_default();
    assert!(
        said.starts_with("Ana Lima is on call: kept passively, never due"),
        "{said}"
    );
    assert_eq!(status(&t), Status::OnCall);
    assert!(
        t.screen().contains("On call: kept passively"),
        "{}",
        t.screen()
    );
    t.press(KeyCode::Esc);
    let dashboard = t.screen();
    assert!(
        dashboard.contains("on call · kept, never due"),
        "{dashboard}"
    );
    assert!(dashboard.contains("on call 1"), "{dashboard}");
    // Undo brings her back among the active.
    t.char('u');
    assert_eq!(status(&t), Status::Active);
    // And `o` twice is on call and back.
    t.open_last_person().char('o').char('o');
    assert_eq!(status(&t), Status::Active);
    let said = t.app.status.clone().unwrap_or_default();
    assert!(said.starts_with("Ana Lima is back among"), "{said}");
}
