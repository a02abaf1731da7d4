//! What the app holds: the open database, everyone with their figures, and what is on screen.

use std::path::PathBuf;

pub use super::component::{After, Component, Overlay};
use super::jobs::{ImportJob, UndoJob};
use super::keymap::{Context, Keymap};
use super::lists::Pane;
pub use super::review_screen::{Mark, Review};
use crate::error::Result;
use crate::insight::circles::Reconnect;
use crate::insight::intro::LinkGraph;
use crate::insight::order::Row;
use crate::insight::{Contact, Figures, Histories, Network};
use crate::model::{Person, PersonId};
use crate::ops::{Desk, Profile};

/// The screen under any overlay.
#[derive(Debug)]
pub enum Screen {
    /// An empty database: what tiesdesk is, and how to start.
    Welcome,
    Dashboard,
    Person {
        profile: Box<Profile>,
        /// The selected timeline entry (an index into `profile.interactions`).
        entry: super::cursor::Cursor,
    },
    Review(Box<Review>),
}

pub struct App {
    pub desk: Desk,
    pub keymap: Keymap,
    pub people: Vec<Person>,
    /// Everyone's contacts, kept in memory so a log re-evaluates without a reload.
    pub histories: Histories,
    pub network: Network,
    pub last_review: Option<i64>,
    pub rows: Vec<Row>,
    /// Index into `rows`; always a person row when there is one.
    pub selected: usize,
    /// How many list rows fit on screen; set by the event loop from the terminal size.
    pub page: usize,
    /// The first list row on screen; kept so the selection is always visible.
    pub offset: usize,
    /// Colours on, unless `NO_COLOR` is set.
    pub color: bool,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    /// The last thing that happened, shown above the hints ("Gave Ana a favour · u to undo").
    pub status: Option<String>,
    pub quit: bool,
    /// Set when the app switched to the demo database.
    pub demo: Option<PathBuf>,
    /// Weeks in a row with a finished review.
    pub streak: usize,
    /// Open and late promises, and whose are late (the dashboard marks their rows).
    pub promises: crate::ops::PromiseSummary,
    /// Birthdays and yearly dates in the next two weeks, soonest first.
    pub upcoming: Vec<crate::ops::Upcoming>,
    /// What is open with each person (needs, promises): what Give first invites to.
    pub openings: crate::ops::Openings,
    /// Favours received and not thanked for yet (Give first asks about them).
    pub unthanked: Vec<crate::ops::Unthanked>,
    /// A person's page shows the favours in numbers (`f`); off until asked for.
    pub ledger_shown: bool,
    /// A review waiting while a person opened from it is on screen.
    pub paused_review: Option<Box<Review>>,
    /// The database was named (`--db`, `TIESDESK_DB`), not the default: the header names it.
    pub chosen_database: bool,
    /// The search (or intro finder) a person on screen was opened from: Back returns to it.
    pub paused_overlay: Option<Overlay>,
    /// An import running on a worker thread.
    pub job: Option<ImportJob>,
    /// Where config.toml is, for the one thing the app writes there: the user's address.
    pub config_path: Option<PathBuf>,
    /// Who knows whom, over `people` (for the intro finder).
    pub graph: LinkGraph,
    /// Reconnect scores of dormant people, in `people`'s order.
    pub reconnect: Vec<Option<Reconnect>>,
    /// The file's `data_version` when `people` and `histories` were read: when it moves,
    /// another copy wrote and what the app holds is read again.
    pub data_version: i64,
    /// When the app last looked for other copies' changes.
    pub followed_at: std::time::Instant,
    /// A Ctrl-C on a form with typed text asked "again to discard?"; the next one closes it.
    pub discard_armed: bool,
    /// A large undo running on a worker thread.
    pub undo_job: Option<UndoJob>,
    /// A change that found another copy writing (a long import): tried again on each idle
    /// tick while the screen it was made on stays open.
    pub retrying: Option<Retry>,
    /// The dashboard list that has the keys.
    pub pane: Pane,
    /// Everyone with a one-sided flag, in the Give first panel's order (indices into `people`).
    pub give_first: Vec<usize>,
    /// Dormant ties worth reviving, in the Reconnect panel's order (indices into `people`).
    pub reconnect_list: Vec<usize>,
    /// The selection in the focused side panel.
    pub pane_selected: super::cursor::Cursor,
}

/// A change waiting for another copy's write to end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retry {
    pub action: super::Action,
    /// Where it was asked for: once the person leaves it, it is no longer tried.
    pub context: super::keymap::Context,
}

impl App {
    pub fn new(mut desk: Desk, keymap: Keymap) -> Result<App> {
        // The app never waits on another copy's write for longer than a moment: it keeps what
        // was typed and tries again itself (`Retry`).
        desk.set_waiting(crate::ops::Waiting::Brief);
        let data_version = desk.data_version()?;
        let held = desk.held()?;
        let board = desk.board(&held.people, &held.histories)?;
        let mut app = App {
            desk,
            keymap,
            people: held.people,
            histories: held.histories,
            network: board.network,
            last_review: held.last_review,
            rows: board.rows,
            selected: 0,
            page: 10,
            offset: 0,
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            screen: Screen::Dashboard,
            overlay: None,
            status: None,
            quit: false,
            demo: None,
            streak: held.streak,
            promises: held.promises,
            upcoming: held.upcoming,
            openings: held.openings,
            unthanked: held.unthanked,
            ledger_shown: false,
            paused_review: None,
            paused_overlay: None,
            chosen_database: false,
            job: None,
            config_path: None,
            graph: held.graph,
            reconnect: board.reconnect,
            data_version,
            followed_at: std::time::Instant::now(),
            discard_armed: false,
            undo_job: None,
            retrying: None,
            pane: Pane::List,
            give_first: board.give_first,
            reconnect_list: board.reconnect_list,
            pane_selected: super::cursor::Cursor::default(),
        };
        // The model has just run: what depends on it is placed, not the model run again.
        app.place(None, None)?;
        app.settle_screen();
        Ok(app)
    }

    /// The welcome is for an empty database: it gives way to the dashboard once someone is
    /// there (added here, imported, or written by another copy) and comes back when everyone
    /// is gone (an undo of the only import).
    fn settle_screen(&mut self) {
        match (&self.screen, self.people.is_empty()) {
            (Screen::Welcome, false) => self.screen = Screen::Dashboard,
            (Screen::Dashboard, true) => self.screen = Screen::Welcome,
            _ => {}
        }
    }

    /// Reads everyone again (after a change to people, an undo, another database) and
    /// re-evaluates, keeping the selection on the same person.
    pub fn reload(&mut self) -> Result<()> {
        let keep = self.selected_person().map(|p| p.id);
        self.data_version = self.desk.data_version()?;
        let held = self.desk.held()?;
        self.people = held.people;
        self.histories = held.histories;
        self.last_review = held.last_review;
        self.streak = held.streak;
        self.promises = held.promises;
        self.upcoming = held.upcoming;
        self.openings = held.openings;
        self.unthanked = held.unthanked;
        self.graph = held.graph;
        self.refresh(keep)?;
        self.settle_screen();
        Ok(())
    }

    /// After a logged interaction: its contacts go into the histories in memory, and the model
    /// runs again on them; nothing else changed, so nothing is read back. Links it made (an
    /// introduction) change the graph: then everything is read again.
    pub fn logged(&mut self, logged: &crate::ops::Logged) -> Result<()> {
        let interaction = &logged.interaction;
        let keep = self.selected_person().map(|p| p.id);
        let contact = Contact::on(
            interaction.day,
            interaction.kind,
            interaction.direction,
            interaction.size,
        );
        if !logged.links.is_empty() {
            return self.reload();
        }
        for &id in &interaction.people {
            if !self.histories.insert(id, contact) {
                return self.reload();
            }
        }
        self.refresh(keep)
    }

    /// Evaluates the model over the histories in memory and rebuilds what depends on it: the
    /// dashboard's lists, the panels, the open person. `keep` stays selected if still listed.
    fn refresh(&mut self, keep: Option<PersonId>) -> Result<()> {
        let keep_in_pane = self.pane_person().map(|p| p.id);
        let board = self.desk.board(&self.people, &self.histories)?;
        self.network = board.network;
        self.reconnect = board.reconnect;
        self.rows = board.rows;
        self.give_first = board.give_first;
        self.reconnect_list = board.reconnect_list;
        self.place(keep, keep_in_pane)
    }

    /// Places the selections after the lists changed: `keep` in the list and `keep_in_pane`
    /// in the side panel stay selected if they are still there; the open person is read
    /// again.
    fn place(&mut self, keep: Option<PersonId>, keep_in_pane: Option<PersonId>) -> Result<()> {
        // The side panel's selection follows its person, or stays where it was.
        let pane_list = self.pane_list();
        let found = keep_in_pane.and_then(|id| {
            (pane_list.iter()).position(|&i| self.people.get(i).is_some_and(|p| p.id == id))
        });
        let len = pane_list.len();
        if let Some(at) = found {
            self.pane_selected = super::cursor::Cursor::new(at);
        }
        self.pane_selected.keep_within(len);
        self.selected = keep
            .and_then(|id| {
                self.rows
                    .iter()
                    .position(|r| matches!(r, Row::Person(i) if self.people[*i].id == id))
            })
            .or_else(|| self.rows.iter().position(|r| matches!(r, Row::Person(_))))
            .unwrap_or(0);
        self.scroll_into_view();
        if let Screen::Person { profile, entry } = &self.screen {
            let (id, entry) = (profile.person.id, *entry);
            // The selection stays on the same entry when it is still there (a changed date
            // moves it), else at the same place.
            let chosen = profile.interactions.get(entry.at()).map(|i| i.id);
            self.screen = match self.profile(id)? {
                Some(profile) => {
                    let found = (profile.interactions.iter()).position(|i| Some(i.id) == chosen);
                    let mut entry = found.map_or(entry, super::cursor::Cursor::new);
                    entry.keep_within(profile.interactions.len());
                    Screen::Person {
                        entry,
                        profile: Box::new(profile),
                    }
                }
                None => Screen::Dashboard,
            };
        }
        Ok(())
    }

    /// A person's profile from what the app holds; only their timeline is read.
    pub fn profile(&self, id: PersonId) -> Result<Option<Profile>> {
        let Some(index) = self.index_of(id) else {
            return Ok(None);
        };
        let (Some(person), Some(figures)) = (self.people.get(index), self.figures(index)) else {
            return Ok(None);
        };
        self.desk
            .profile_of(person.clone(), figures.clone(), &self.network, &self.people)
            .map(Some)
    }

    /// Moves the list window so the selected row is on screen.
    pub fn scroll_into_view(&mut self) {
        let page = self.page.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
        self.offset = self.offset.min(self.rows.len().saturating_sub(page));
        // A section's title stays visible above its first person.
        if self.offset > 0
            && self.offset == self.selected
            && self
                .rows
                .get(self.selected - 1)
                .is_some_and(|row| row.is_header())
        {
            self.offset -= 1;
        }
    }

    /// Where keys go now.
    pub fn context(&self) -> Context {
        if let Some(overlay) = &self.overlay {
            return overlay.component().context();
        }
        match &self.screen {
            Screen::Welcome => Context::Welcome,
            Screen::Dashboard => Context::Dashboard,
            Screen::Person { .. } => Context::Person,
            Screen::Review(_) => Context::Review,
        }
    }

    pub fn index_of(&self, id: PersonId) -> Option<usize> {
        self.people.binary_search_by_key(&id, |p| p.id).ok()
    }

    /// The person with this id, if the app holds them.
    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.index_of(id).and_then(|i| self.people.get(i))
    }

    pub fn figures(&self, index: usize) -> Option<&Figures> {
        self.network.figures.get(index)
    }

    /// What the header says of the open database: "demo", or its file name when it was
    /// named rather than the default; nothing for the default.
    pub fn database_label(&self) -> Option<String> {
        if self.demo.is_some() {
            return Some("demo".to_string());
        }
        let name = self.desk.path().file_name()?.to_string_lossy().into_owned();
        self.chosen_database.then_some(name)
    }

    /// How close the person with this id is, for ordering people who match alike.
    pub fn closeness(&self, id: PersonId) -> crate::insight::Closeness {
        let figures = self.index_of(id).and_then(|i| self.figures(i));
        figures.map_or_else(|| Figures::default().closeness(), Figures::closeness)
    }

    /// The person the dashboard's cursor is on.
    pub fn selected_person(&self) -> Option<&Person> {
        match self.rows.get(self.selected) {
            Some(Row::Person(i)) => self.people.get(*i),
            _ => None,
        }
    }

    /// The people of the focused dashboard list, when it is a side panel.
    pub fn pane_list(&self) -> &[usize] {
        match self.pane {
            Pane::List => &[],
            Pane::GiveFirst => &self.give_first,
            Pane::Reconnect => &self.reconnect_list,
        }
    }

    /// The person selected in the focused side panel.
    pub fn pane_person(&self) -> Option<&Person> {
        let index = *self.pane_list().get(self.pane_selected.at())?;
        self.people.get(index)
    }

    /// The person an action like "gave" applies to: the open one, or the selected one (in
    /// the dashboard list that has the keys).
    pub fn current_person(&self) -> Option<&Person> {
        let id = match &self.screen {
            Screen::Person { profile, .. } => profile.person.id,
            Screen::Review(review) => review.selected_person()?,
            Screen::Dashboard if self.pane != Pane::List => return self.pane_person(),
            _ => return self.selected_person(),
        };
        self.person(id)
    }
}
