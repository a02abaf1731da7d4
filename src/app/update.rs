//! Keys → actions → changes. Every action starts in `App::update`; the larger ones are
//! carried out beside it (`review`, `import`, `links`, `search`, `logging`). Nothing here draws.

use super::action::Action;
use super::forms::Giving;
use super::forms::{IntroFinder, LogForm, PersonForm, SnoozeForm, edit_text};
use super::lists::Pane;
use super::overlay::{Confirm, Pending, Search, SearchPurpose};
use super::report::ImportDone;
use super::state::{App, Overlay, Screen};
use crate::error::Result;
use crate::insight::order::Row;
use crate::model::Direction;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

impl App {
    /// A key press: text fields take typing first, then the keymap decides.
    pub fn handle_key(&mut self, key: KeyEvent) {
        // While an import or a large undo runs, only Ctrl-C (quit, abandoning it) is taken.
        if self.job.is_some() || self.undo_job.is_some() {
            if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
                self.quit = true;
            }
            return;
        }
        // Whatever the key acts on must be what the file holds now.
        self.catch_up_and_say();
        let armed = std::mem::take(&mut self.discard_armed);
        if self.type_into_overlay(&key) {
            return;
        }
        if let Some(action) = self.keymap.action(self.context(), &key) {
            if action == Action::Close {
                self.discard_armed = armed;
            }
            self.update(action);
        }
    }

    /// Routes typing to the focused text field (or a choice's letter). True if it was used.
    fn type_into_overlay(&mut self, key: &KeyEvent) -> bool {
        if let Some(form) = self.form_mut() {
            let used = form.type_key(key);
            if used {
                // Names typed into a `with` or `who` field get their completions.
                self.suggest();
                self.suggest_link();
                self.suggest_introduce();
            }
            return used;
        }
        if !super::forms::is_text_key(key) {
            return false;
        }
        let Some(query) = self
            .overlay
            .as_mut()
            .and_then(|o| o.component_mut().query_mut())
        else {
            return false;
        };
        let used = edit_text(query, key);
        // The query's answers follow what is typed.
        self.answer_overlay(false);
        used
    }

    /// Carries out one action. Errors end up in the status line, never on the terminal. A
    /// change that finds another copy writing (a long import) waits: what was typed stays on
    /// screen, and the change is tried again on each idle tick until it is saved.
    pub fn update(&mut self, action: Action) {
        let retried = self.retrying.take();
        match self.try_update(action) {
            Ok(()) => {}
            Err(crate::error::Error::Busy) => {
                self.retrying = Some(super::state::Retry {
                    action,
                    context: self.context(),
                });
                if retried.is_none() {
                    let stop = self
                        .keymap
                        .key_for(self.context(), Action::Cancel)
                        .map(|key| format!("; {key} gives up"))
                        .unwrap_or_default();
                    self.say(format!(
                        "Waiting for an import running elsewhere: saved as soon as it ends{stop}."
                    ));
                }
            }
            Err(error) => {
                if let crate::error::Error::Corrupt(reason) = &error {
                    // Damage met is remembered: every later write is refused until a check.
                    self.desk.remember_damage(reason);
                }
                self.say(error.to_string());
            }
        }
    }

    /// On an idle tick: tries a waiting change again, if the person is still where they
    /// made it. True when the screen changed.
    pub fn retry_waiting(&mut self) -> bool {
        let Some(retry) = self.retrying else {
            return false;
        };
        if self.job.is_some() || self.undo_job.is_some() {
            return false;
        }
        if self.context() != retry.context {
            self.retrying = None;
            return false;
        }
        self.update(retry.action);
        self.retrying.is_none()
    }

    /// A message for the person: in the open form's error line, else the status line.
    fn say(&mut self, message: String) {
        match self.form_mut() {
            Some(form) => *form.error() = Some(message),
            None => self.status = Some(message),
        }
    }

    fn try_update(&mut self, action: Action) -> Result<()> {
        match action {
            Action::Quit => self.quit = true,
            Action::None => {}
            Action::Help => {
                let under = match self.screen {
                    Screen::Welcome => super::keymap::Context::Welcome,
                    Screen::Dashboard => super::keymap::Context::Dashboard,
                    Screen::Person { .. } => super::keymap::Context::Person,
                    Screen::Review(_) => super::keymap::Context::Review,
                };
                let page = super::help::HelpPage::new(
                    &self.keymap,
                    under,
                    &self.desk.config,
                    self.desk.path(),
                );
                self.show(page);
            }
            Action::Back => match self.overlay {
                Some(_) => self.overlay = None,
                None => match self.screen {
                    Screen::Dashboard => self.pane = Pane::List,
                    // A person opened from the review goes back to it, and one opened
                    // from a search to its results (read again: the person may have
                    // changed).
                    Screen::Person { .. } => {
                        self.screen = match self.paused_review.take() {
                            Some(review) => Screen::Review(review),
                            None => Screen::Dashboard,
                        };
                        if let Some(overlay) = self.paused_overlay.take() {
                            self.overlay = Some(overlay);
                            self.answer_overlay(true);
                        }
                    }
                    Screen::Review(_) => {
                        self.screen = Screen::Dashboard;
                        let key = self
                            .keymap
                            .key_for(super::keymap::Context::Dashboard, Action::Review)
                            .unwrap_or_default();
                        self.status = Some(format!(
                            "Review left unfinished; press {key} to start it again."
                        ));
                    }
                    _ => {}
                },
            },
            Action::Review => self.start_review()?,
            Action::NextStep | Action::PreviousStep => self.review_step(action == Action::NextStep),
            Action::SnoozeWeek => self.review_snooze(7)?,
            Action::SnoozeMonth => self.review_snooze(30)?,
            Action::SnoozeUntil => {
                if let Some(person) = self.current_person() {
                    let form = SnoozeForm::new(person);
                    self.show(form);
                }
            }
            Action::Skip => self.review_skip()?,
            Action::Ledger => self.ledger_shown = !self.ledger_shown,
            Action::OnCall => self.toggle_on_call()?,
            Action::Thanked if matches!(self.screen, Screen::Review(_)) => self.review_thanked()?,
            Action::Thanked => self.thank_entry()?,
            Action::Pick if self.overlay_as::<ImportDone>().is_some() => self.pick_report_row(),
            Action::Pick if self.overlay_as::<Search>().is_some() => self.pick_search_result(),
            Action::Pick => self.review_pick(),
            Action::Keep => self.review_keep()?,
            Action::LetGo => self.review_let_go()?,
            Action::Introduce => self.review_introduce()?,
            Action::ArchiveAll => self.review_archive_all(),
            Action::Finish => self.finish_review()?,
            Action::Cancel => self.cancel_overlay(),
            Action::Close => {
                let typed = self.overlay.as_ref().is_some_and(Overlay::has_typed_text);
                if typed && !self.discard_armed {
                    // One more Ctrl-C discards; any other key goes on editing.
                    self.discard_armed = true;
                    self.say(
                        "Ctrl-C again discards what you typed; any other key goes on editing."
                            .into(),
                    );
                } else {
                    self.discard_armed = false;
                    self.overlay = None;
                }
            }
            Action::MoveDown | Action::MoveUp | Action::PageDown | Action::PageUp => {
                let step = match action {
                    Action::MoveDown => 1,
                    Action::MoveUp => -1,
                    Action::PageDown => self.page.max(1) as isize,
                    _ => -(self.page.max(1) as isize),
                };
                self.step(step);
            }
            Action::Top => self.step(isize::MIN / 2),
            Action::Bottom => self.step(isize::MAX / 2),
            Action::Open => self.open()?,
            Action::Gave | Action::Received | Action::Met => {
                let direction = match action {
                    Action::Gave => Direction::Gave,
                    Action::Received => Direction::Received,
                    _ => Direction::Mutual,
                };
                if self.review_log_picked(direction) {
                    return Ok(());
                }
                let person = self.current_person().cloned();
                if person.is_none() {
                    self.status = Some(self.nobody_selected());
                    return Ok(());
                }
                self.show(LogForm::new(person.as_ref(), direction));
            }
            Action::Log => {
                self.show(LogForm::new(None, Direction::Mutual));
            }
            Action::Add => self.show(PersonForm::new(None)),
            Action::Edit => {
                if let Some(person) = self.current_person().cloned() {
                    self.show(PersonForm::new(Some(person)));
                }
            }
            Action::Archive => {
                if let Some(person) = self.current_person() {
                    let verb = if person.data.archived {
                        "Bring back"
                    } else {
                        "Archive"
                    };
                    let confirm = Confirm {
                        question: format!("{verb} {}?", person.name()),
                        pending: Pending::Archive(person.id),
                    };
                    self.show(confirm);
                }
            }
            Action::Confirm => self.submit()?,
            Action::Search => self.show(Search::new(SearchPurpose::Open, "")),
            Action::Sync => self.sync_now(),
            Action::Undo => match self.desk.last_change()? {
                None => self.status = Some("Nothing to undo.".into()),
                Some(change) if change.ours => self.undo_change(&change)?,
                // Another copy's change (the command line, a cron job): say what, and ask.
                Some(change) => {
                    self.show(Confirm {
                        question: format!(
                            "Undo \"{}\"? It was made outside this app.",
                            change.description
                        ),
                        pending: Pending::Undo(change),
                    });
                }
            },
            Action::NextField | Action::PreviousField => {
                if let Some(form) = self.form_mut() {
                    let forward = action == Action::NextField;
                    // Forward in a name field first completes the name being typed.
                    if !(forward && form.complete()) {
                        form.move_field(forward);
                    }
                }
            }
            Action::NextChoice | Action::PreviousChoice => {
                if let Some(form) = self.form_mut() {
                    form.cycle(action == Action::NextChoice);
                }
            }
            Action::Submit => self.submit()?,
            Action::Demo => self.open_demo()?,
            Action::Import => self.open_import_form(),
            Action::Link => self.open_link_form(),
            Action::Promise => self.open_give_form(Giving::Promise),
            Action::Need => self.open_give_form(Giving::Need),
            Action::AddDate => self.open_give_form(Giving::Date),
            Action::Intro => self.open_intro_finder(),
            Action::Merge => self.open_merge_search(),
            Action::AddPeople => self.add_unknown_people(),
            Action::AddThis => self.add_selected_row(),
            Action::Attach => self.open_attach(),
            Action::IgnoreAddress => self.ignore_selected_row()?,
            Action::NextPane | Action::PreviousPane => {
                let at = Pane::ORDER
                    .iter()
                    .position(|p| *p == self.pane)
                    .unwrap_or(0);
                let n = Pane::ORDER.len();
                let next = if action == Action::NextPane {
                    at + 1
                } else {
                    at + n - 1
                };
                self.pane = Pane::ORDER[next % n];
                self.pane_selected = super::cursor::Cursor::default();
            }
            Action::EditEntry => self.open_entry_form(),
            Action::DeleteEntry => self.ask_delete_entry(),
        }
        Ok(())
    }

    fn nobody_selected(&self) -> String {
        match self
            .keymap
            .key_for(super::keymap::Context::Dashboard, Action::Log)
        {
            Some(key) => format!("No one selected: press {key} to log with anyone."),
            None => "No one selected.".into(),
        }
    }

    /// Moves the cursor by `delta` rows, over headers, within the list.
    fn step(&mut self, delta: isize) {
        let page = self.page;
        if let Some(overlay) = &mut self.overlay
            && overlay.component_mut().step(delta, page)
        {
            return;
        }
        if let Screen::Person { profile, entry } = &mut self.screen {
            entry.step(delta, profile.interactions.len());
            return;
        }
        if matches!(self.screen, Screen::Review(_)) {
            self.review_move(delta);
            return;
        }
        if self.pane != Pane::List {
            let len = self.pane_list().len();
            self.pane_selected.step(delta, len);
            return;
        }
        let len = self.rows.len();
        let target =
            (self.selected as isize + delta).clamp(0, len.saturating_sub(1) as isize) as usize;
        // Land on a person: the nearest in the direction of travel, else the nearest behind.
        let is_person = |i: &usize| matches!(self.rows.get(*i), Some(Row::Person(_)));
        let ahead_then_behind = if delta > 0 {
            (target..len)
                .find(is_person)
                .or_else(|| (0..target).rev().find(is_person))
        } else {
            (0..=target)
                .rev()
                .find(is_person)
                .or_else(|| (target..len).find(is_person))
        };
        if let Some(at) = ahead_then_behind {
            self.selected = at;
        }
        self.scroll_into_view();
    }

    fn open(&mut self) -> Result<()> {
        if self.log_with_picked() {
            return Ok(());
        }
        if let Some(search) = self.overlay_as::<Search>() {
            match &search.purpose {
                SearchPurpose::MergeInto(keep) => {
                    let keep = *keep;
                    self.ask_merge(keep);
                    return Ok(());
                }
                SearchPurpose::Attach { .. } => {
                    self.attach_chosen();
                    return Ok(());
                }
                SearchPurpose::Open => {}
            }
        }
        let id = if let Some(finder) = self.overlay_as::<IntroFinder>() {
            finder.choice()
        } else if let Some(search) = self.overlay_as::<Search>() {
            search
                .chosen()
                .and_then(|i| self.people.get(i))
                .map(|p| p.id)
        } else {
            self.current_person().map(|p| p.id)
        };
        if let Some(profile) = id.map(|id| self.profile(id)).transpose()?.flatten() {
            // A search or the intro finder waits under the person, for Back.
            self.paused_overlay = self.overlay.take().filter(|o| {
                o.is::<IntroFinder>()
                    || o.get::<Search>()
                        .is_some_and(|s| matches!(s.purpose, SearchPurpose::Open))
            });
            let before = std::mem::replace(
                &mut self.screen,
                Screen::Person {
                    profile: Box::new(profile),
                    entry: super::cursor::Cursor::default(),
                },
            );
            if let Screen::Review(review) = before {
                self.paused_review = Some(review);
            }
        }
        Ok(())
    }

    pub(super) fn undo_hint(&self) -> String {
        self.keymap
            .key_for(super::keymap::Context::Dashboard, Action::Undo)
            .map(|key| format!(" · {key} to undo"))
            .unwrap_or_default()
    }

    /// Opens the demo database beside the real one, filling it the first time.
    fn open_demo(&mut self) -> Result<()> {
        let path = self.desk.path().with_file_name("tiesdesk-demo.db");
        let mut demo = crate::ops::Desk::open(&path, self.desk.config.clone(), self.desk.today)?;
        if demo.is_empty()? {
            let plan = crate::demo::plan(crate::demo::DemoOptions::default(), demo.today);
            demo.insert_network(&plan.draft, "Filled with a demo network (seed 7)")?;
        }
        self.desk = demo;
        self.demo = Some(path);
        self.screen = Screen::Dashboard;
        self.reload()?;
        self.status = Some(
            "This is a demo network: every name is invented. Your own database is untouched."
                .into(),
        );
        Ok(())
    }
}
