//! Thanks in the app: a favour received a few days ago asks for a thank-you in Give first and
//! in the review; `t` marks it (in the review, and on the person's page), and `u` undoes it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::Duration;
use common::app::{TestApp, app_with};
use tiesdesk::app::{Mark, Screen};
use tiesdesk::insight::review::{Step, Subject};
use tiesdesk::model::{Direction, Kind, Size};

/// An app where Ana did you a favour five days ago ("intro to a recruiter").
fn helped() -> (TestApp, i64) {
    let (mut t, ana) = app_with("Ana Lima");
    let day = t.app.desk.today - Duration::days(5);
    let logged = t
        .app
        .desk
        .log(
            &[ana],
            Direction::Received,
            Kind::Intro,
            Size::Small,
            day,
            "intro to a recruiter",
        )
        .unwrap();
    t.app.reload().unwrap();
    (t, logged.interaction.id)
}

#[test]
fn give_first_and_the_review_ask_for_a_thank_you_and_t_marks_it() {
    let (mut t, favour) = helped();
    assert!(
        t.screen().contains("Thank Ana Lima for intro to a"),
        "{}",
        t.screen()
    );
    t.char('w').char('n');
    let review = match &t.app.screen {
        Screen::Review(review) => review,
        other => panic!("{other:?}"),
    };
    let section = review.section().unwrap();
    assert_eq!(section.step, Step::Thanks);
    assert_eq!(section.items[0].subject, Some(Subject::Thanks(favour)));
    assert!(
        t.screen().contains("intro to a recruiter (5 days ago)"),
        "{}",
        t.screen()
    );
    t.char('t');
    assert!(t.screen().contains("✓ thanked"), "{}", t.screen());
    assert!(t.app.unthanked.is_empty());
    assert_eq!(t.app.desk.unthanked().unwrap(), []);
    // Undone: it asks again, and the row no longer says thanked.
    t.char('u');
    assert_eq!(t.app.desk.unthanked().unwrap().len(), 1);
    match &t.app.screen {
        Screen::Review(review) => assert_eq!(
            review.subject_marks.get(&Subject::Thanks(favour)),
            None::<&Mark>
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn t_on_a_person_page_thanks_for_the_favour_selected() {
    let (mut t, _) = helped();
    t.open_last_person().char('t');
    let status = t.app.status.clone().unwrap_or_default();
    assert!(
        status.starts_with("Thanked Ana Lima for \"intro to a recruiter\""),
        "{status}"
    );
    assert!(t.app.unthanked.is_empty());
    assert!(!t.screen().contains("Thank Ana"), "{}", t.screen());
}
