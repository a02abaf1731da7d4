//! The weekly review in the app: walking its steps, acting on items, finishing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::app::app;
use ratatui::crossterm::event::KeyCode;
use tiesdesk::app::forms::SnoozeForm;
use tiesdesk::app::overlay::Confirm;
use tiesdesk::app::{Mark, Screen};
use tiesdesk::insight::review::Step;

fn review_step(t: &common::app::TestApp) -> Step {
    match &t.app.screen {
        Screen::Review(review) => review.section().unwrap().step,
        other => panic!("expected the review, got {other:?}"),
    }
}

/// Moves to the given step.
fn go_to(t: &mut common::app::TestApp, step: Step) {
    for _ in 0..Step::ALL.len() {
        if review_step(t) == step {
            return;
        }
        t.char('n');
    }
    panic!("never reached {step:?}");
}

#[test]
fn a_whole_review_logs_snoozes_and_is_recorded() {
    let mut t = app(Some(600));
    assert_eq!(t.app.streak, 0);
    t.char('w');
    assert_eq!(
        review_step(&t),
        Step::Promises,
        "the review opens with promises"
    );
    // Give first: log a favour for the first person.
    go_to(&mut t, Step::YouTake);
    let first = t.app.current_person().unwrap().id;
    t.char('g').press(KeyCode::Enter);
    assert!(
        t.app.status.as_deref().unwrap().starts_with("Gave "),
        "{:?}",
        t.app.status
    );
    // Due: snooze the first person for a week.
    go_to(&mut t, Step::Due);
    let snoozed = t.app.current_person().unwrap().id;
    t.char('s');
    assert!(t.app.status.as_deref().unwrap().starts_with("Snoozed "));
    match &t.app.screen {
        Screen::Review(review) => {
            assert_eq!(review.marks.get(&first), Some(&Mark::Logged));
            assert_eq!(review.marks.get(&snoozed), Some(&Mark::Snoozed));
            assert_eq!(review.actions, 2);
        }
        other => panic!("expected the review, got {other:?}"),
    }
    // Open someone and come back to the same step.
    t.press(KeyCode::Enter);
    assert!(matches!(t.app.screen, Screen::Person { .. }));
    t.press(KeyCode::Esc);
    assert_eq!(review_step(&t), Step::Due);
    // Finish: recorded, and the streak begins.
    t.char('f');
    assert!(matches!(t.app.screen, Screen::Dashboard));
    assert!(
        t.app.status.as_deref().unwrap().contains("streak 1 week"),
        "{:?}",
        t.app.status
    );
    assert_eq!(t.app.streak, 1);
    let reviews = t.app.desk.holdings().unwrap().reviews;
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0].actions, 2);
    assert!(
        t.app
            .desk
            .holdings()
            .unwrap()
            .snoozes
            .contains_key(&snoozed)
    );
    // The snoozed person is out of the next review.
    t.char('w');
    go_to(&mut t, Step::Due);
    match &t.app.screen {
        Screen::Review(review) => {
            assert!(
                review
                    .section()
                    .unwrap()
                    .items
                    .iter()
                    .all(|i| i.person != snoozed)
            );
        }
        other => panic!("expected the review, got {other:?}"),
    }
}

#[test]
fn paper_ties_are_archived_in_bulk_after_asking() {
    let mut t = app(Some(300));
    t.char('w');
    go_to(&mut t, Step::PaperTies);
    let listed = match &t.app.screen {
        Screen::Review(review) => review.section().unwrap().items.len(),
        _ => unreachable!(),
    };
    assert!(listed > 0, "the demo imports paper ties");
    t.char('A');
    assert!(t.app.overlay_as::<Confirm>().is_some());
    t.char('n');
    assert_eq!(t.app.network.summary.archived, 3, "no is no");
    t.char('A').char('y');
    assert_eq!(t.app.network.summary.paper, 0);
    assert_eq!(
        t.app.status.as_deref(),
        Some(format!("Archived {listed} paper ties · u to undo").as_str())
    );
    // One undo brings them all back.
    t.char('u');
    assert_eq!(t.app.network.summary.paper, listed);
}

#[test]
fn leaving_unfinished_records_nothing() {
    let mut t = app(Some(300));
    t.char('w').char('n').press(KeyCode::Esc);
    assert!(matches!(t.app.screen, Screen::Dashboard));
    assert_eq!(
        t.app.status.as_deref(),
        Some("Review left unfinished; press w to start it again.")
    );
    assert!(t.app.desk.holdings().unwrap().reviews.is_empty());
}

#[test]
fn snooze_until_a_chosen_date() {
    let mut t = app(Some(600));
    t.char('w');
    go_to(&mut t, Step::Due);
    let person = t.app.current_person().unwrap().id;
    t.char('d');
    assert!(t.app.overlay_as::<SnoozeForm>().is_some());
    // A date that is not later than today is refused, and the form stays.
    for _ in 0.."+2w".len() {
        t.press(KeyCode::Backspace);
    }
    t.type_text("2026-11-01").press(KeyCode::Enter);
    match t.app.overlay_as::<SnoozeForm>() {
        Some(form) => assert!(
            form.error
                .as_deref()
                .unwrap()
                .contains("is not after today")
        ),
        other => panic!("expected the snooze form, got {other:?}"),
    }
    for _ in 0.."2026-11-01".len() {
        t.press(KeyCode::Backspace);
    }
    t.type_text("2027-01-15").press(KeyCode::Enter);
    assert!(t.app.overlay.is_none());
    assert_eq!(
        t.app.desk.holdings().unwrap().snoozes.get(&person).copied(),
        Some(tiesdesk::model::date::day_number(
            tiesdesk::model::date::parse_iso_date("2027-01-15").unwrap()
        ))
    );
}

/// A step with more people than fit: all are there, the selection stays on screen after 40
/// presses of j and a PageDown, and the screen says where you are.
#[test]
fn a_long_step_scrolls_and_keeps_the_selection_visible() {
    // The demo's people count as imported today: hundreds of fresh paper ties.
    let mut t = app(Some(1500));
    t.char('w');
    go_to(&mut t, Step::PaperTies);
    let count = match &t.app.screen {
        Screen::Review(review) => review.section().unwrap().items.len(),
        _ => unreachable!(),
    };
    assert!(count > 30, "expected a long step, got {count}");
    for _ in 0..40 {
        t.char('j');
    }
    t.press(KeyCode::PageDown);
    let selected = t.app.current_person().unwrap().name().to_string();
    let screen = t.screen();
    let cursor_line = screen
        .lines()
        .find(|line| line.contains(" › "))
        .unwrap_or_else(|| panic!("the selection left the screen:\n{screen}"));
    assert!(
        cursor_line.contains(&selected[..selected.len().min(20)]),
        "{cursor_line}\n{screen}"
    );
    let position = match &t.app.screen {
        Screen::Review(review) => review.selected.at() + 1,
        _ => unreachable!(),
    };
    assert!(
        screen.contains(&format!("{position} of {count}")),
        "{screen}"
    );
    // End reaches the last; Home the first.
    t.press(KeyCode::End);
    assert!(t.screen().contains(&format!("{count} of {count}")));
    t.press(KeyCode::Home);
    assert!(t.screen().contains(&format!("1 of {count}")));
}
