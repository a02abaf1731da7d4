//! Every screen, drawn into a TestBackend and compared with a reviewed snapshot.
//! A changed screen fails until `cargo insta review` (or INSTA_UPDATE=always) accepts it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::app::{app, small_network};
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;

#[test]
fn welcome() {
    insta::assert_snapshot!(app(None).draw(80, 24));
}

#[test]
fn dashboard() {
    insta::assert_snapshot!(small_network().draw(80, 24));
}

#[test]
fn dashboard_wide() {
    insta::assert_snapshot!(app(Some(600)).draw(120, 32));
}

#[test]
fn dashboard_scrolled() {
    let mut t = app(Some(600));
    t.press(KeyCode::PageDown)
        .press(KeyCode::PageDown)
        .char('j');
    insta::assert_snapshot!(t.draw(80, 24));
}

#[test]
fn person_view() {
    let mut t = small_network();
    t.char('j').press(KeyCode::Enter);
    insta::assert_snapshot!(t.draw(80, 24));
}

#[test]
fn quick_log_form() {
    let mut t = small_network();
    t.char('g');
    insta::assert_snapshot!(t.draw(80, 24));
}

#[test]
fn log_with_anyone_suggests_names() {
    let mut t = small_network();
    t.char('l').type_text("uma");
    insta::assert_snapshot!(t.draw(80, 24));
}

#[test]
fn add_person_form() {
    let mut t = app(None);
    t.char('a').type_text("Ana Lima");
    insta::assert_snapshot!(t.draw(80, 24));
}

#[test]
fn search() {
    let mut t = small_network();
    t.char('/').type_text("zephyr");
    insta::assert_snapshot!(t.draw(80, 24));
}

#[test]
fn help() {
    let mut t = small_network();
    t.char('?');
    insta::assert_snapshot!(t.draw(80, 24));
    // Its end says which database is open.
    t.press(KeyCode::End);
    let screen = format!("{}", t.draw(80, 40)).replace("\"\n\"", "");
    let path = t.app.desk.path().display().to_string();
    assert!(screen.contains("The database open is"), "{screen}");
    assert!(
        screen.contains(path.rsplit('/').next().unwrap_or_default()),
        "{path} on {screen}"
    );
}

#[test]
fn confirm_archive() {
    let mut t = small_network();
    t.char('x');
    insta::assert_snapshot!(t.draw(80, 24));
}

#[test]
fn after_logging() {
    let mut t = small_network();
    t.char('m').press(KeyCode::Enter);
    insta::assert_snapshot!(t.draw(80, 24));
}

#[test]
fn too_small() {
    insta::assert_snapshot!(small_network().draw(60, 20));
}

#[test]
fn colour_off_draws_no_colour_and_on_draws_some() {
    let mut plain = app(Some(600));
    plain.char('g');
    let backend = plain.draw(80, 24);
    for cell in backend.buffer().content() {
        assert!(
            matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
            "{cell:?}"
        );
    }
    // With colour on, the same screen has some.
    plain.app.color = true;
    let backend = plain.draw(80, 24);
    assert!(
        backend
            .buffer()
            .content()
            .iter()
            .any(|c| c.fg != Color::Reset)
    );
}

#[test]
fn person_view_with_favours_by_quarter() {
    let mut t = small_network();
    let id = t
        .app
        .network
        .figures
        .iter()
        .find(|f| f.one_sided.is_some())
        .map(|f| f.id)
        .unwrap();
    let profile = t.app.profile(id).unwrap().unwrap();
    t.app.screen = tiesdesk::app::Screen::Person {
        profile: Box::new(profile),
        entry: tiesdesk::app::cursor::Cursor::default(),
    };
    // A one-sided tie's page invites; the favours in numbers come with `f`.
    insta::assert_snapshot!("person_view_one_sided", t.draw(80, 24));
    t.char('f');
    insta::assert_snapshot!(t.draw(80, 24));
}

#[test]
fn review_steps() {
    let mut t = small_network();
    t.char('w');
    for step in 1..=8 {
        insta::assert_snapshot!(format!("review_step_{step}"), t.draw(80, 24));
        t.char('n');
    }
}

#[test]
fn review_snooze_form() {
    let mut t = small_network();
    t.char('w')
        .char('n')
        .char('n')
        .char('n')
        .char('n')
        .char('n')
        .char('d');
    insta::assert_snapshot!(t.draw(80, 24));
}

/// Names and companies in scripts that take two columns a character (CJK), with emoji and
/// accents: every column of the dashboard stays aligned, cut by what the terminal draws.
#[test]
fn dashboard_with_wide_characters() {
    use tiesdesk::model::{Direction, Kind, PersonData, Size};
    let mut t = app(None);
    let today = t.app.desk.today;
    let people = [
        ("王小明", Some("株式会社テスト研究所")),
        ("山田 太郎", Some("ソニー")),
        ("Zoë 🌍 Okafor", Some("Ørsted")),
        ("김민준", None),
        ("Ana Lima", Some("Zephyr Labs")),
    ];
    for (days_ago, (name, company)) in people.into_iter().enumerate() {
        let mut data = PersonData::named(name);
        data.company = company.map(str::to_string);
        let added = t.app.desk.add(data).unwrap();
        t.app
            .desk
            .log(
                &[added.person],
                Direction::Mutual,
                Kind::Meet,
                Size::Hour,
                today - chrono::Duration::days(days_ago as i64 * 9),
                "",
            )
            .unwrap();
    }
    t.app.reload().unwrap();
    let screen = t.draw(80, 24);
    // The list's right border is in the same column on every row (the snapshot's rows are
    // cells: a wide character's second cell is drawn as a space after it).
    let text = format!("{screen}");
    let border = |line: &str| line.find("││").map(|at| tiesdesk::text::width(&line[..at]));
    let rows: Vec<&str> = text.lines().filter(|l| l.contains("││")).collect();
    assert!(rows.len() >= 10);
    for line in &rows {
        assert_eq!(border(line), border(rows[0]), "{line}");
    }
    for name in [
        "王小明",
        "山田 太郎",
        "Zoë 🌍 Okafor",
        "김민준",
        "株式会社…",
    ] {
        assert!(text.contains(name), "{name}");
    }
    insta::assert_snapshot!(screen);
}

/// A database named with `--db` is named in the header, whole, at 80 columns: the layer
/// gauges give up cells for it. The default database is not named.
#[test]
fn the_header_names_a_chosen_database() {
    let mut t = small_network();
    let header = |t: &mut common::app::TestApp| {
        let screen = format!("{}", t.draw(80, 24));
        screen.lines().next().unwrap_or_default().to_string()
    };
    assert!(!header(&mut t).contains("tiesdesk.db"));
    t.app.chosen_database = true;
    let named = header(&mut t);
    assert!(named.contains("  tiesdesk.db"), "{named}");
    assert!(named.contains(" 150 "), "every layer still shown: {named}");
}

/// Nothing due, nothing overdue: the counts are there, but not in alarm colours.
#[test]
fn zero_counts_are_not_in_alarm_colours() {
    let mut t = app(None);
    // A log that covers a season (Ana, long ago), and Bo met today: no one due.
    let (ana, bo) = (
        t.app
            .desk
            .add(tiesdesk::model::PersonData::named("Ana Lima"))
            .unwrap()
            .person,
        t.app
            .desk
            .add(tiesdesk::model::PersonData::named("Bo Chen"))
            .unwrap()
            .person,
    );
    let today = t.app.desk.today;
    for (who, day) in [(ana, today - chrono::Duration::days(400)), (bo, today)] {
        let (kind, size) = (tiesdesk::model::Kind::Meet, tiesdesk::model::Size::Small);
        let mutual = tiesdesk::model::Direction::Mutual;
        t.app.desk.log(&[who], mutual, kind, size, day, "").unwrap();
    }
    t.app.reload().unwrap();
    t.app.color = true;
    let backend = t.draw(80, 24);
    let buffer = backend.buffer();
    let line: String = (0..80)
        .map(|x| buffer[(x, 1)].symbol().to_string())
        .collect();
    let at = line
        .find("overdue 0")
        .unwrap_or_else(|| panic!("the count is shown: {line}"));
    let cell = &buffer[(at as u16, 1)];
    let theme = tiesdesk::ui::Theme::new(true);
    assert_ne!(cell.fg, theme.overdue.fg.unwrap_or_default(), "{line}");
}
