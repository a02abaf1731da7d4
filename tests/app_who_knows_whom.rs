//! The review's "Who knows whom" in the app: people seen together in captured meetings are
//! asked about; `K` says they know each other (a link), `x` dismisses the suggestion for good,
//! `u` takes either back.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::Duration;
use common::app::app;
use tiesdesk::app::{Mark, Screen};
use tiesdesk::insight::review::{Step, Subject};
use tiesdesk::model::{
    Capture, CaptureSource, Direction, DraftInteraction, Kind, NetworkDraft, PersonData, Size,
};

#[test]
fn k_links_people_seen_together_and_x_dismisses_them() {
    let mut t = app(None);
    let today = t.app.desk.today;
    // Ana, Bo and Cy, each pair in two captured meetings.
    let people = ["Ana Lima", "Bo Chen", "Cy Park"]
        .map(PersonData::named)
        .to_vec();
    let meeting = |n: usize, who: Vec<usize>| DraftInteraction {
        day: today - Duration::days(10 + n as i64),
        people: who,
        kind: Kind::Meet,
        direction: Direction::Mutual,
        size: Size::Small,
        note: String::new(),
        capture: Some(Capture {
            source: CaptureSource::Calendar,
            id: format!("meeting-{n}"),
        }),
        thanked_on: None,
    };
    let draft = NetworkDraft {
        people,
        interactions: vec![
            meeting(1, vec![0, 1]),
            meeting(2, vec![0, 1]),
            meeting(3, vec![1, 2]),
            meeting(4, vec![1, 2]),
        ],
        ..NetworkDraft::default()
    };
    t.app.desk.insert_network(&draft, "calendar").unwrap();
    t.app.reload().unwrap();
    t.char('w');
    for _ in 0..8 {
        t.char('n');
    }
    let (step, subjects) = match &t.app.screen {
        Screen::Review(review) => {
            let section = review.section().unwrap();
            let subjects: Vec<_> = section.items.iter().map(|i| i.subject).collect();
            (section.step, subjects)
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(step, Step::Together);
    assert_eq!(
        subjects,
        [Some(Subject::Knows(1, 2)), Some(Subject::Knows(2, 3))],
        "the most recently together first"
    );
    insta::assert_snapshot!("review_who_knows_whom", t.screen());
    let mark = |t: &common::app::TestApp, subject| match &t.app.screen {
        Screen::Review(review) => review.subject_marks.get(&subject).copied(),
        other => panic!("{other:?}"),
    };
    t.char('K');
    assert_eq!(mark(&t, Subject::Knows(1, 2)), Some(Mark::Linked));
    let ana = t.app.desk.profile("Ana").unwrap();
    assert_eq!(ana.connections.knows[0].name, "Bo Chen");
    // The cursor moved on to the next row.
    t.char('x');
    assert_eq!(mark(&t, Subject::Knows(2, 3)), Some(Mark::Dismissed));
    assert!(t.app.desk.suggested_links().unwrap().is_empty());
    let status = t.app.status.clone().unwrap_or_default();
    assert!(
        status.starts_with("Bo Chen and Cy Park will not be suggested"),
        "{status}"
    );
    t.char('u');
    assert_eq!(t.app.desk.suggested_links().unwrap().len(), 1);
    assert_eq!(mark(&t, Subject::Knows(2, 3)), None);
}
