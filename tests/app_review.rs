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

fn review(t: &common::app::TestApp) -> &tiesdesk::app::Review {
    match &t.app.screen {
        Screen::Review(review) => review,
        other => panic!("expected the review, got {other:?}"),
    }
}

fn row_person(t: &common::app::TestApp, at: usize) -> i64 {
    review(t).section().unwrap().items[at].person
}

#[test]
fn paper_ties_are_kept_or_archived_one_row_at_a_time_or_picked() {
    let mut t = app(Some(300));
    t.char('w');
    go_to(&mut t, Step::PaperTies);
    assert!(review(&t).section().unwrap().items.len() >= 4);
    let (first, second, third, fourth) = (
        row_person(&t, 0),
        row_person(&t, 1),
        row_person(&t, 2),
        row_person(&t, 3),
    );
    // x archives the row under the cursor at once, and moves on.
    t.char('x');
    assert!(
        t.app.overlay_as::<Confirm>().is_none(),
        "one row: no question"
    );
    assert_eq!(review(&t).marks.get(&first), Some(&Mark::Archived));
    assert!(t.app.person(first).unwrap().data.archived);
    assert_eq!(
        t.app.status.as_deref(),
        Some("Archived 1 paper tie · u to undo")
    );
    // Undone: the row no longer says it was archived.
    t.char('u');
    assert!(!t.app.person(first).unwrap().data.archived);
    assert_eq!(
        review(&t).marks.get(&first),
        None,
        "the mark went with the undo"
    );
    // K keeps the selected one as it is.
    assert_eq!(review(&t).selected_person(), Some(second));
    t.char('K');
    assert_eq!(review(&t).marks.get(&second), Some(&Mark::KeptAsIs));
    assert!(t.app.status.as_deref().unwrap().starts_with("Kept "));
    assert!(!t.app.person(second).unwrap().data.archived);
    // Space picks two rows; x asks once and archives both.
    t.press(KeyCode::Char(' ')).press(KeyCode::Char(' '));
    assert_eq!(review(&t).picked.len(), 2);
    t.char('x');
    assert!(
        t.app.overlay_as::<Confirm>().is_some(),
        "several: asks first"
    );
    t.char('y');
    for id in [third, fourth] {
        assert_eq!(review(&t).marks.get(&id), Some(&Mark::Archived), "{id}");
        assert!(t.app.person(id).unwrap().data.archived);
    }
    assert!(review(&t).picked.is_empty(), "an action uses up the picks");
    // A step's message stays with its step.
    t.char('p');
    assert_eq!(t.app.status, None);
    // Finishing records the kept one; the next review does not ask about it again.
    t.char('f');
    let reviews = t.app.desk.holdings().unwrap().reviews;
    assert_eq!(reviews[0].covered.kept_paper, vec![second]);
    t.char('w');
    go_to(&mut t, Step::PaperTies);
    let listed: Vec<i64> = (review(&t).section().unwrap().items.iter())
        .map(|i| i.person)
        .collect();
    assert!(listed.contains(&first), "undone, so asked again");
    assert!(!listed.contains(&second), "kept as is: not asked again");
}

#[test]
fn a_log_undone_takes_its_review_mark_with_it_and_picked_rows_log_together() {
    let mut t = app(Some(600));
    t.char('w');
    go_to(&mut t, Step::Due);
    let first = t.app.current_person().unwrap().id;
    t.char('m').press(KeyCode::Enter);
    assert_eq!(review(&t).marks.get(&first), Some(&Mark::Logged));
    assert_eq!(review(&t).actions, 1);
    t.char('u');
    assert_eq!(review(&t).marks.get(&first), None);
    assert_eq!(review(&t).actions, 0);
    // Two rows picked: one log form with both of them.
    t.press(KeyCode::Home);
    let (a, b) = (row_person(&t, 0), row_person(&t, 1));
    t.press(KeyCode::Char(' ')).press(KeyCode::Char(' '));
    t.char('m');
    let form = t
        .app
        .overlay_as::<tiesdesk::app::forms::LogForm>()
        .expect("the log form");
    let names: Vec<String> = [a, b]
        .iter()
        .map(|&id| t.app.person(id).unwrap().name().to_string())
        .collect();
    assert_eq!(form.who.value(), names.join(", "));
    t.press(KeyCode::Enter);
    assert_eq!(review(&t).marks.get(&a), Some(&Mark::Logged));
    assert_eq!(review(&t).marks.get(&b), Some(&Mark::Logged));
}

#[test]
fn the_paper_count_stays_in_the_header_after_a_review() {
    let mut t = app(Some(600));
    let paper = t.app.network.summary.paper;
    assert!(paper > 0);
    t.char('w').char('f');
    let screen = t.screen();
    let header = screen.lines().nth(1).unwrap();
    assert!(header.contains("reviewed today"), "{header}");
    // Shortened ("paper 313"), not dropped, to make room.
    assert!(header.contains(&format!("paper {paper}")), "{header}");
}
