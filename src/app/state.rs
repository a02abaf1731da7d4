//! What the app holds: the open database, everyone with their figures, and what is on screen.

use std::any::Any;
use std::path::PathBuf;

use tui_input::Input;

use super::forms::Form;

use super::jobs::{ImportJob, UndoJob};
use super::keymap::{Context, Keymap};
use super::lists::Pane;
pub use super::review_screen::{Mark, Review};
use crate::error::Result;
use crate::insight::circles::Reconnect;
use crate::insight::intro::LinkGraph;
use crate::insight::order::Row;
use crate::insight::{Contact, Histories, Network};
use crate::model::{Person, PersonId};
use crate::ops::{Desk, Profile};
use crate::ui::Draw;

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
    /// When the app syncs next (through the folder `tiesdesk sync init` set up): at open,
    /// then every `sync.interval` minutes if set.
    pub sync_due: Option<std::time::Instant>,
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
        let opening_notice =
            (desk.notices().first()).map(|notice| crate::text::visible(notice).into_owned());
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
            // What opening the file had to say (a synced folder, modes tightened) is the
            // first thing on the status line.
            status: opening_notice,
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
            sync_due: Some(std::time::Instant::now()),
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
}

/// What sits on top of the screen and takes the keys first: one component, owned. The app
/// asks it what it is for (its context, its form, its list, its query, its Enter) instead of
/// matching which it is; the few places that need one kind (a report's rows, a search's
/// purpose) ask for that kind by type.
#[derive(Debug)]
pub struct Overlay(Box<dyn Component>);

/// What Enter left behind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After {
    /// Done: the overlay goes.
    Close,
    /// Nothing to carry out: it stays on screen.
    Stay,
}

/// What every overlay answers for itself: where its keys go, whether it is a form, how its
/// list moves, the query it types into, what Enter does, and how it is drawn (`ui::Draw`,
/// written beside the other drawing). A new overlay is one type that implements both.
pub trait Component: Any + std::fmt::Debug + Draw {
    /// The keymap's context while it is on top.
    fn context(&self) -> Context;

    /// The overlay as a form, when it is one.
    fn form(&self) -> Option<&dyn Form> {
        None
    }

    fn form_mut(&mut self) -> Option<&mut dyn Form> {
        None
    }

    /// Moves its selection (or scrolls) by `delta` rows, `page` rows being a screenful of
    /// the dashboard's list. False when it has nothing to move.
    fn step(&mut self, _delta: isize, _page: usize) -> bool {
        false
    }

    /// The query that text typed outside a form goes into (search, the intro finder).
    fn query_mut(&mut self) -> Option<&mut Input> {
        None
    }

    /// Its answers for what is typed now (the query changed): the first answer selected.
    fn answer(&mut self, _app: &App) {}

    /// Its answers again, the same one kept selected (another copy wrote).
    fn answer_again(&mut self, app: &App) {
        self.answer(app);
    }

    /// Enter: saves or carries out what it holds. It is off the screen meanwhile; an error
    /// puts it back (a form shows why in its error line).
    fn submit(&mut self, _app: &mut App) -> Result<After> {
        Ok(After::Stay)
    }

    /// What goes back on screen when it is cancelled (a search opened from a report goes
    /// back to the report).
    fn underneath(&mut self) -> Option<Overlay> {
        None
    }
}

impl Overlay {
    pub fn new(component: impl Component) -> Overlay {
        Overlay(Box::new(component))
    }

    pub fn from_box(component: Box<dyn Component>) -> Overlay {
        Overlay(component)
    }

    /// The overlay as its kind `T`, when it is one.
    pub fn into_kind<T: Component>(self) -> Option<Box<T>> {
        let any: Box<dyn Any> = self.0;
        any.downcast().ok()
    }

    pub fn component(&self) -> &dyn Component {
        self.0.as_ref()
    }

    pub fn component_mut(&mut self) -> &mut dyn Component {
        self.0.as_mut()
    }

    /// The overlay as the kind `T`, when it is one.
    pub fn get<T: Component>(&self) -> Option<&T> {
        let any: &dyn Any = self.0.as_ref();
        any.downcast_ref()
    }

    pub fn get_mut<T: Component>(&mut self) -> Option<&mut T> {
        let any: &mut dyn Any = self.0.as_mut();
        any.downcast_mut()
    }

    /// True when it is a `T`.
    pub fn is<T: Component>(&self) -> bool {
        self.get::<T>().is_some()
    }

    /// The overlay as a form, when it is one.
    pub fn form(&self) -> Option<&dyn Form> {
        self.component().form()
    }

    pub fn form_mut(&mut self) -> Option<&mut dyn Form> {
        self.component_mut().form_mut()
    }

    /// True when closing it would lose something typed (a note, a name, a path).
    pub fn has_typed_text(&self) -> bool {
        self.form().is_some_and(Form::has_typed_text)
    }
}
