//! The review's two give-first steps in the app: promises kept, moved and dropped, and
//! introductions for someone's need: asked, moved on, dropped. Keys → state on a real temporary database.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::Duration;
use common::app::{TestApp, app};
use ratatui::crossterm::event::KeyCode;
use tiesdesk::app::forms::IntroduceForm;
use tiesdesk::app::{Mark, Screen};
use tiesdesk::insight::review::{Step, Subject};
use tiesdesk::model::{Direction, IntroStage, Kind, PersonData, PromiseState, Size};

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
    let Some(form) = t.app.overlay_as::<IntroduceForm>() else {
        panic!("expected the introduce form, got {:?}", t.app.overlay);
    };
    assert_eq!(form.who.value(), "Bo Chen");
    assert_eq!(form.need_text, "a designer");
    assert!(!form.made, "asking the helper first is the default");
    // Chosen by who they are: a namesake is never asked about.
    let bo = t.app.desk.resolve("Bo Chen").unwrap().id;
    assert_eq!(form.people.names(&form.who), [format!("#{bo}")]);
    insta::assert_snapshot!("review_introduce_form", t.screen());
    t.press(KeyCode::Enter);
    assert!(t.app.overlay.is_none(), "{:?}", t.app.overlay);
    let status = t.app.status.clone().unwrap();
    assert!(
        status.starts_with("Asked Bo Chen about meeting Ana Lima (for a designer)"),
        "{status}"
    );
    // Asked is not yet a favour, nor a link.
    let ana = t.app.desk.profile("Ana").unwrap();
    assert_eq!(ana.interactions[0].kind, Kind::Meet);
    assert!(ana.connections.knows.is_empty());
    let listed = t.app.desk.introductions(false).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].introduction.stage, IntroStage::Asked);
}

#[test]
fn an_introduction_waiting_for_news_moves_on_with_k_and_goes_with_x() {
    let mut t = review_with(|t| {
        let desk = &mut t.app.desk;
        let today = desk.today;
        let ana = desk.resolve("Ana").unwrap();
        let bo = desk.resolve("Bo").unwrap();
        desk.need(&ana, "a designer", &[]).unwrap();
        desk.need(&bo, "a flat", &[]).unwrap();
        // Asked ten days ago.
        desk.today = today - Duration::days(10);
        desk.introduce(1, &bo, false, Size::Small).unwrap();
        desk.today = today;
        let cy = desk.add(PersonData::named("Cy Park")).unwrap().person;
        desk.today = today - Duration::days(9);
        desk.introduce(2, &cy, true, Size::Small).unwrap();
        desk.today = today;
    });
    t.char('n').char('n');
    assert_eq!(
        step_and_subject(&t),
        (Step::CouldHelp, Some(Subject::Introduction(1)))
    );
    insta::assert_snapshot!("review_introductions_waiting", t.screen());
    // Asked → made: a favour to both.
    t.char('K');
    let status = t.app.status.clone().unwrap();
    assert!(
        status.starts_with("Introduced Ana Lima to Bo Chen (for a designer)"),
        "{status}"
    );
    assert_eq!(
        subject_mark(&t, Subject::Introduction(1)),
        Some(Mark::MovedOn)
    );
    assert_eq!(
        t.app.desk.profile("Ana").unwrap().interactions[0].kind,
        Kind::Intro
    );
    // The cursor moved on to the next; back to the first, K again: they met.
    t.char('k').char('K');
    let status = t.app.status.clone().unwrap();
    assert!(status.contains("met: they know each other now"), "{status}");
    let knows = t.app.desk.profile("Ana").unwrap().connections.knows;
    assert_eq!(knows[0].name, "Bo Chen");
    // x on the second: dropped; u brings it back.
    t.char('j').char('x');
    assert_eq!(
        subject_mark(&t, Subject::Introduction(2)),
        Some(Mark::Dropped)
    );
    let all = t.app.desk.introductions(true).unwrap();
    assert_eq!(all[1].introduction.stage, IntroStage::Dropped);
    t.char('u');
    let open = t.app.desk.introductions(false).unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].introduction.stage, IntroStage::Made);
}

/// The promises the review's first step lists now, by id.
fn promise_rows(t: &TestApp) -> Vec<i64> {
    match &t.app.screen {
        Screen::Review(review) => (review.agenda.section(Step::Promises).unwrap().items.iter())
            .filter_map(|item| match item.subject {
                Some(Subject::Promise(id)) => Some(id),
                _ => None,
            })
            .collect(),
        other => panic!("expected the review, got {other:?}"),
    }
}

#[test]
fn the_review_follows_what_another_copy_changes_and_keeps_its_own_marks() {
    let mut t = review_with(three_promises);
    assert_eq!(promise_rows(&t), [3, 2, 1]);
    // Kept here: the row stays, marked.
    t.char('K');
    assert_eq!(subject_mark(&t, Subject::Promise(3)), Some(Mark::Kept));

    // Meanwhile the command line drops "coffee" (#2) and promises Bo a lift.
    let mut other = tiesdesk::ops::Desk::open(
        t.app.desk.path(),
        t.app.desk.config.clone(),
        t.app.desk.today,
    )
    .unwrap();
    other.drop_promise(2).unwrap();
    let bo = other.resolve("Bo").unwrap();
    let (lift, _) = other.promise(&bo, "a lift", None).unwrap();

    assert!(t.app.catch_up().unwrap());
    assert_eq!(
        promise_rows(&t),
        [3, 1, lift.id],
        "#2 gone, the lift added last"
    );
    assert_eq!(subject_mark(&t, Subject::Promise(3)), Some(Mark::Kept));
    assert_eq!(
        step_and_subject(&t).0,
        Step::Promises,
        "still on the same step"
    );
    let screen = t.screen();
    assert!(screen.contains("a lift"), "{screen}");
    assert!(!screen.contains("coffee"), "{screen}");
}
