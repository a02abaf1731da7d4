//! Building an `App` on a temporary real database, and pressing keys on it.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tiesdesk::Config;
use tiesdesk::app::{App, Keymap};
use tiesdesk::demo::{DemoOptions, plan};
use tiesdesk::model::date::parse_iso_date;
use tiesdesk::ops::Desk;

pub struct TestApp {
    pub dir: tempfile::TempDir,
    pub app: App,
}

/// An app on an empty database, or on a demo network of `people` (seed 7).
pub fn app(people: Option<usize>) -> TestApp {
    app_with_keys(people, BTreeMap::new())
}

pub fn app_with_keys(
    people: Option<usize>,
    keys: BTreeMap<String, BTreeMap<String, String>>,
) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let today = parse_iso_date(super::TODAY).unwrap();
    let mut desk = Desk::open(&dir.path().join("tiesdesk.db"), Config::default(), today).unwrap();
    if let Some(people) = people {
        let demo = plan(
            DemoOptions {
                people,
                interactions: None,
                seed: 7,
            },
            today,
        );
        desk.insert_network(&demo.draft, "demo").unwrap();
    }
    let mut app = App::new(desk, Keymap::new(&keys).unwrap()).unwrap();
    app.color = false;
    app.page = tiesdesk::ui::list_height(24);
    TestApp { dir, app }
}

/// An app on an empty database with one person, `name`, added (not yet read by the app).
pub fn app_with(name: &str) -> (TestApp, tiesdesk::model::Person) {
    let mut t = app(None);
    let person = (t.app.desk)
        .add(tiesdesk::model::PersonData::named(name))
        .unwrap()
        .person;
    (t, person)
}

/// The small network every screen is drawn on (`tests/fixtures/screens/network.json`, made
/// by `network.py` beside it): fourteen people, each there for a reason a screen shows — the
/// closest, one you have leaned on, one cooling, family, one overdue, namesakes, the dormant,
/// paper ties — so a snapshot can be read row by row.
pub fn small_network() -> TestApp {
    let t = app(None);
    let text = std::fs::read_to_string("tests/fixtures/screens/network.json").unwrap();
    let draft = tiesdesk::document::Document::parse(&text)
        .unwrap()
        .into_draft()
        .unwrap();
    let mut t = t;
    t.app
        .desk
        .insert_network(&draft, "the screens' network")
        .unwrap();
    t.app.reload().unwrap();
    t
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

impl TestApp {
    /// Lets the worker (an import) finish, as the event loop would.
    pub fn finish_job(&mut self) -> &mut Self {
        let start = std::time::Instant::now();
        while self.app.job.is_some() {
            assert!(
                start.elapsed() < std::time::Duration::from_secs(20),
                "the import never ended"
            );
            self.app.tick();
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        self
    }

    pub fn press(&mut self, code: KeyCode) -> &mut Self {
        self.app.handle_key(key(code));
        self
    }

    /// Opens the page of the last person on the dashboard's list (End, Enter), and checks
    /// it is open.
    pub fn open_last_person(&mut self) -> &mut Self {
        self.press(KeyCode::End).press(KeyCode::Enter);
        assert!(
            matches!(self.app.screen, tiesdesk::app::Screen::Person { .. }),
            "{}",
            self.screen()
        );
        self
    }

    pub fn char(&mut self, c: char) -> &mut Self {
        self.press(KeyCode::Char(c))
    }

    pub fn ctrl(&mut self, c: char) -> &mut Self {
        self.app
            .handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
        self
    }

    pub fn type_text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.char(c);
        }
        self
    }

    /// The screen at `width`×`height`, as text.
    pub fn draw(&mut self, width: u16, height: u16) -> TestBackend {
        self.app.page = tiesdesk::ui::list_height(height);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| tiesdesk::ui::render(&self.app, frame))
            .unwrap();
        terminal.backend().clone()
    }

    pub fn screen(&mut self) -> String {
        let backend = self.draw(80, 24);
        let buffer = backend.buffer();
        let mut text = String::new();
        for y in 0..buffer.area.height {
            for x in 0..buffer.area.width {
                text.push_str(buffer[(x, y)].symbol());
            }
            text.push('\n');
        }
        text
    }

    pub fn selected_name(&self) -> Option<String> {
        self.app.selected_person().map(|p| p.name().to_string())
    }
}
