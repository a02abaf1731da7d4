//! The review's two give-first steps in the app: promises kept, moved and dropped, and an
//! introduction logged for someone's need. Keys → state on a real temporary database.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::Duration;
use common::app::{TestApp, app};
use ratatui::crossterm::event::KeyCode;
use tiesdesk::app::forms::LogForm;
use tiesdesk::app::{Mark, Screen};
use tiesdesk::insight::review::{Step, Subject};
use tiesdesk::model::{Direction, Kind, PersonData, PromiseState, Size};

/// Ana (met today) and Bo (a designer, met last week), with whatever `set` adds, and the
/// review open.
fn review_with(set: impl FnOnce(&mut TestApp)) -> TestApp {
    let mut t = app(None);
    let desk = &mut t.app.desk;
    let today = desk.today;
    let ana = desk.add(PersonData::named("Ana Lima")).unwrap().person;
    let mut bo = PersonData::named("Bo Chen");
    bo.role = Some("Designer".into());
    let bo = desk.add(bo).unwrap().person;
    for (person, ago) in [(&ana, 0), (&bo, 7)] {
        let day = today - Duration::days(ago);
        let people = std::slice::from_ref(person);
        desk.log(people, Direction::Mutual, Kind::Meet, Size::Small, day, "")
            .unwrap();
    }
    set(&mut t);
    t.app.reload().unwrap();
    t.char('w');
    t
}

/// A promise as stored now.
fn promise(t: &TestApp, id: i64) -> tiesdesk::model::Promise {
    let holdings = t.app.desk.holdings().unwrap();
    holdings.promises.into_iter().find(|p| p.id == id).unwrap()
}

fn step_and_subject(t: &TestApp) -> (Step, Option<Subject>) {
    match &t.app.screen {
        Screen::Review(review) => (review.section().unwrap().step, review.selected_subject()),
        other => panic!("expected the review, got {other:?}"),
    }
}

fn subject_mark(t: &TestApp, subject: Subject) -> Option<Mark> {
    match &t.app.screen {
        Screen::Review(review) => review.subject_marks.get(&subject).copied(),
        other => panic!("expected the review, got {other:?}"),
    }
}

/// Three promises to Ana: one late, one due in a few days, one without a day.
fn three_promises(t: &mut TestApp) {
    let desk = &mut t.app.desk;
    let today = desk.today;
    let ana = desk.resolve("Ana").unwrap();
    desk.promise(&ana, "the book", None).unwrap();
    desk.promise(&ana, "coffee", Some(today + Duration::days(3)))
        .unwrap();
    // A promise made last month, due last week: late today.
    desk.today = today - Duration::days(30);
    desk.promise(&ana, "send the article", Some(today - Duration::days(7)))
        .unwrap();
    desk.today = today;
}

#[test]
fn promises_in_the_review_are_kept_moved_and_dropped() {
    let mut t = review_with(three_promises);
    assert_eq!(
        step_and_subject(&t),
        (Step::Promises, Some(Subject::Promise(3))),
        "the late one first"
    );
    insta::assert_snapshot!("review_promises", t.screen());

    // K: kept, logged as a favour given to Ana, in one undo.
    t.char('K');
    let status = t.app.status.clone().unwrap();
    assert!(
        status.starts_with("Kept your promise to Ana Lima: send the article."),
        "{status}"
    );
    assert_eq!(subject_mark(&t, Subject::Promise(3)), Some(Mark::Kept));
    let kept = promise(&t, 3);
    assert_eq!(kept.state, PromiseState::Kept);
    let ana = t.app.desk.resolve("Ana").unwrap();
    let favour = t.app.desk.interactions_of(ana.id).unwrap();
    let favour = favour
        .iter()
        .find(|i| Some(i.id) == kept.favour)
        .unwrap()
        .clone();
    assert_eq!(
        (favour.kind, favour.direction),
        (Kind::Favour, Direction::Gave)
    );
    assert_eq!(favour.note, "send the article");

    // s: the next one (due in three days) is due a week after its day.
    assert_eq!(step_and_subject(&t).1, Some(Subject::Promise(2)));
    t.char('s');
    let moved = promise(&t, 2);
    assert_eq!(moved.due, Some(t.app.desk.today + Duration::days(10)));
    assert_eq!(subject_mark(&t, Subject::Promise(2)), Some(Mark::Moved));
    assert!(t.app.status.as_deref().unwrap().contains("is now due"));

    // x: the last one is dropped; the review stays on its step.
    t.char('x');
    assert_eq!(promise(&t, 1).state, PromiseState::Dropped);
    assert_eq!(t.app.promises.open, 1, "only the moved one is open");
    insta::assert_snapshot!("review_promises_done", t.screen());

    // Each was its own change: three undos put all three back.
    for _ in 0..3 {
        t.char('u');
    }
    let open = t.app.desk.promises(false).unwrap();
    assert_eq!(open.len(), 3);
    let left = t.app.desk.interactions_of(ana.id).unwrap();
    assert!(left.iter().all(|i| i.id != favour.id), "the favour went");
}

#[test]
fn promise_keys_on_other_steps_say_where_they_work() {
    let mut t = review_with(|_| {});
    assert_eq!(step_and_subject(&t).1, None);
    t.char('K');
    assert_eq!(
        t.app.status.as_deref(),
        Some("That works on a promise: the first step lists them.")
    );
    t.char('i');
    assert_eq!(
        t.app.status.as_deref(),
        Some("That works on a need: the step Someone you could help lists them.")
    );
}

#[test]
fn someone_you_could_help_introduces_them_to_the_best_match() {
    let mut t = review_with(|t| {
        let ana = t.app.desk.resolve("Ana").unwrap();
        t.app.desk.need(&ana, "a designer", &[]).unwrap();
    });
    t.char('n').char('n');
    assert_eq!(
        step_and_subject(&t),
        (Step::CouldHelp, Some(Subject::Need(1)))
    );
    insta::assert_snapshot!("review_could_help", t.screen());
    t.char('i');
    let Some(form) = t.app.overlay_as::<LogForm>() else {
        panic!("expected the log form, got {:?}", t.app.overlay);
    };
    assert_eq!(form.who.value(), "Ana Lima, Bo Chen");
    // Both are chosen by who they are: a namesake of either is never asked about.
    let ana = t.app.desk.resolve("Ana Lima").unwrap().id;
    let bo = t.app.desk.resolve("Bo Chen").unwrap().id;
    assert_eq!(form.names(), [format!("#{ana}"), format!("#{bo}")]);
    assert_eq!((form.kind, form.direction), (Kind::Intro, Direction::Gave));
    assert_eq!(form.note.value(), "for: a designer");
    t.press(KeyCode::Enter);
    assert!(t.app.overlay.is_none(), "{:?}", t.app.overlay);
    let status = t.app.status.clone().unwrap();
    assert!(
        status.starts_with("Gave Ana Lima and Bo Chen an introduction"),
        "{status}"
    );
    // A favour given to both, who now know each other.
    for name in ["Ana", "Bo"] {
        let profile = t.app.desk.profile(name).unwrap();
        assert_eq!(profile.interactions[0].kind, Kind::Intro, "{name}");
        assert_eq!(profile.figures.ledger.favours, 1, "{name}");
    }
    let knows = t.app.desk.profile("Ana").unwrap().connections.knows;
    assert_eq!(knows.len(), 1);
    assert_eq!(knows[0].name, "Bo Chen");
}
