//! Give first, not keep score: the ledger stays out of sight. No screen, snapshot or review
//! text says "gave N, got M"; a one-sided tie reads as what to do (thank, their need, your
//! promise, their date, ask), and the numbers come only when asked for (`f`, `--ledger`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::app::{app, app_with};
use ratatui::crossterm::event::KeyCode;
use tiesdesk::app::Screen;
use tiesdesk::insight::OneSided;

/// Opens `id`'s page, as Enter on their row does.
fn open(t: &mut common::app::TestApp, id: i64) {
    let profile = t.app.profile(id).unwrap().unwrap();
    t.app.screen = Screen::Person {
        profile: Box::new(profile),
        entry: Default::default(),
    };
}

/// "gave 3, got 9" and its like, anywhere in `text`.
fn keeps_score(text: &str) -> bool {
    let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
    words
        .windows(4)
        .any(|w| w[0] == "gave" && w[1].parse::<u32>().is_ok() && w[2].is_empty() && w[3] == "got")
        || text.contains("give back")
        || text.contains("favour back")
        || text.contains("keep an eye")
}

#[test]
fn the_score_finder_finds_scores() {
    assert!(keeps_score("Leaned on Priya · gave 1, got 8: give back?"));
    assert!(keeps_score("gave 10, got 1"));
    assert!(!keeps_score(
        "Thank Priya Schmidt · helped you a lot lately"
    ));
}

#[test]
fn no_snapshot_keeps_score() {
    let mut read = 0;
    for entry in std::fs::read_dir("tests/snapshots").unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!keeps_score(&text), "{} keeps score", path.display());
        read += 1;
    }
    assert!(read > 30, "only {read} snapshots read");
}

#[test]
fn screens_invite_rather_than_count() {
    let mut t = app(Some(600));
    let flagged: Vec<(String, OneSided)> = (t.app.give_first.iter())
        .map(|&i| {
            let f = &t.app.network.figures[i];
            (t.app.people[i].name().to_string(), f.one_sided.unwrap())
        })
        .collect();
    assert!(
        flagged.len() >= 4,
        "the demo has one-sided ties: {flagged:?}"
    );
    for (width, height) in [(80, 24), (120, 40)] {
        let backend = t.draw(width, height);
        let screen: String = (backend.buffer().content().iter())
            .map(|cell| cell.symbol())
            .collect();
        assert!(!keeps_score(&screen), "{screen}");
    }
    let screen = t.screen();
    let (first, one_sided) = &flagged[0];
    let headline = match one_sided {
        OneSided::YouTake => format!("Thank {first}"),
        OneSided::TheyTake => format!("Ask {} for", first.split(' ').next().unwrap()),
    };
    assert!(screen.contains(&headline), "{headline}\n{screen}");
    // Every one-sided person's page: an invitation; the numbers only after `f`.
    for (name, _) in &flagged {
        let id = t.app.desk.resolve(name).map(|p| p.id);
        let Ok(id) = id else { continue };
        open(&mut t, id);
        let page = t.screen();
        assert!(!keeps_score(&page), "{name}:\n{page}");
        assert!(!page.contains("Favours by quarter"), "{page}");
        t.char('f');
        let page = t.screen();
        assert!(page.contains("Favours in the last 18 months"), "{page}");
        t.char('f');
        t.press(KeyCode::Esc);
    }
    // The review, every step.
    t.char('w');
    for _ in 0..8 {
        let screen = t.screen();
        assert!(!keeps_score(&screen), "{screen}");
        t.char('n');
    }
}

#[test]
fn a_need_on_record_is_what_the_invitation_names() {
    let mut t = app(Some(600));
    let &i = t
        .app
        .give_first
        .iter()
        .find(|&&i| t.app.network.figures[i].one_sided == Some(OneSided::YouTake))
        .unwrap();
    let person = t.app.people[i].clone();
    t.app.desk.need(&person, "a flat in Utrecht", &[]).unwrap();
    t.app.reload().unwrap();
    // At the top of Give first, with what they are looking for.
    let at = t.app.give_first.iter().position(|&j| j == i).unwrap();
    for _ in 0..=at {
        t.press(KeyCode::Tab);
        if t.app.pane_selected.at() == at {
            break;
        }
    }
    let screen = t.screen();
    assert!(screen.contains("looking for a flat in Utr"), "{screen}");
    // Its page says so in one line, thanks first.
    open(&mut t, person.id);
    let first = person.name().split(' ').next().unwrap().to_string();
    assert!(
        t.screen()
            .contains(&format!("{first} has helped you a lot lately: thank them;")),
        "{}",
        t.screen()
    );
}

#[test]
fn give_first_names_an_offer_that_fits_someones_need() {
    let (mut t, ana) = app_with("Ana Lima");
    t.app.desk.need(&ana, "a flat in Utrecht", &[]).unwrap();
    t.app
        .desk
        .offer("a spare room in Utrecht this summer", &[])
        .unwrap();
    t.app.reload().unwrap();
    let screen = t.screen();
    assert!(screen.contains("Offer Ana Lima a spare room"), "{screen}");
    assert!(screen.contains("looking for a flat in Utrecht"), "{screen}");
    // Her page says so under what she is looking for.
    let profile = t.app.desk.profile("Ana").unwrap();
    assert_eq!(profile.offers_that_fit.len(), 1);
    assert_eq!(
        profile.offers_that_fit[0].offer,
        "a spare room in Utrecht this summer"
    );
    t.open_last_person();
    let page = t.screen();
    assert!(
        page.contains("your offer fits: a spare room in Utrecht this summer"),
        "{page}"
    );
    t.press(KeyCode::Esc);
    // Done, it no longer asks.
    t.app.desk.finish_offer(1).unwrap();
    t.app.reload().unwrap();
    assert!(!t.screen().contains("Offer Ana Lima"), "{}", t.screen());
}
