//! Links from the app: a small form on a person (knows, introduced, remove), and the intro
//! finder (who can introduce me to a person, a company or a tag), answered as you type.

use tui_input::Input;

use super::state::{App, Overlay, Screen};
use crate::error::{Error, Result};
use crate::model::{LinkKind, Person, PersonId};
use crate::ops::{IntroReport, intro_report, resolve};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkHow {
    Knows,
    /// The person introduced me to the one named.
    IntroducedMeTo,
    /// The one named introduced me to the person.
    IntroducedBy,
    Remove,
}

impl LinkHow {
    const ALL: [LinkHow; 4] = [
        LinkHow::Knows,
        LinkHow::IntroducedMeTo,
        LinkHow::IntroducedBy,
        LinkHow::Remove,
    ];

    pub fn label(self) -> &'static str {
        match self {
            LinkHow::Knows => "knows",
            LinkHow::IntroducedMeTo => "introduced me to",
            LinkHow::IntroducedBy => "was introduced to me by",
            LinkHow::Remove => "is no longer linked to",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkField {
    How,
    Who,
}

/// "Ana Lima ‹knows› [Bram de Vries]".
#[derive(Debug, Clone)]
pub struct LinkForm {
    pub person: PersonId,
    pub name: String,
    pub how: LinkHow,
    pub who: Input,
    pub field: LinkField,
    pub suggestions: Vec<String>,
    pub error: Option<String>,
}

impl LinkForm {
    pub fn new(person: &Person) -> LinkForm {
        LinkForm {
            person: person.id,
            name: person.name().to_string(),
            how: LinkHow::Knows,
            who: Input::default(),
            field: LinkField::Who,
            suggestions: Vec::new(),
            error: None,
        }
    }
}

impl super::forms::Form for LinkForm {
    fn type_key(&mut self, key: &ratatui::crossterm::event::KeyEvent) -> bool {
        self.field == LinkField::Who
            && super::forms::edit_field(&mut self.who, &mut self.error, key)
    }

    /// Tab in the `who` field completes the name being typed before it moves on.
    fn complete(&mut self) -> bool {
        self.field == LinkField::Who
            && super::forms::complete_name(&mut self.who, &mut self.suggestions)
    }

    fn move_field(&mut self, _forward: bool) {
        self.field = match self.field {
            LinkField::How => LinkField::Who,
            LinkField::Who => LinkField::How,
        };
    }

    fn cycle(&mut self, forward: bool) {
        if self.field == LinkField::How {
            self.how = super::forms::step(&LinkHow::ALL, self.how, forward);
        }
    }

    fn on_choice(&self) -> bool {
        self.field == LinkField::How
    }

    fn has_typed_text(&self) -> bool {
        !self.who.value().trim().is_empty()
    }

    fn error(&mut self) -> &mut Option<String> {
        &mut self.error
    }
}

/// The intro finder: what is typed, and who can help, best first.
#[derive(Debug, Clone, Default)]
pub struct IntroFinder {
    pub query: Input,
    pub report: Option<IntroReport>,
    /// Why there is no report (nothing matches what is typed).
    pub message: Option<String>,
    /// Index into the direct ways, then the paths.
    pub selected: usize,
}

/// How many of the target's people you know yourself the finder lists, before those to ask.
pub const DIRECT_SHOWN: usize = 5;

impl IntroFinder {
    /// The direct ties listed (the warmest few).
    pub fn direct(&self) -> &[crate::ops::IntroWay] {
        self.report
            .as_ref()
            .map_or(&[], |r| &r.direct[..r.direct.len().min(DIRECT_SHOWN)])
    }

    /// Everyone listed, in order: direct ties, then the people to ask.
    pub fn ways(&self) -> impl Iterator<Item = &crate::ops::IntroWay> {
        self.direct()
            .iter()
            .chain(self.report.iter().flat_map(|r| r.paths.iter()))
    }
}

impl App {
    pub(super) fn open_link_form(&mut self) {
        if let Some(person) = self.current_person() {
            self.overlay = Some(Overlay::Link(Box::new(LinkForm::new(person))));
        }
    }

    pub(super) fn save_link(&mut self, form: &LinkForm) -> Result<()> {
        let typed = form.who.value().trim();
        if typed.is_empty() {
            return Err(Error::invalid("who? type a name"));
        }
        let find = |id: PersonId| self.person(id).cloned();
        let person = find(form.person).ok_or_else(|| Error::UnknownName(form.name.clone()))?;
        let other = resolve::resolve(&self.people, typed)?.clone();
        let sentence = match form.how {
            LinkHow::Knows => self.desk.link(&person, LinkKind::Knows, &other)?,
            LinkHow::IntroducedMeTo => self.desk.link(&person, LinkKind::Introduced, &other)?,
            LinkHow::IntroducedBy => self.desk.link(&other, LinkKind::Introduced, &person)?,
            LinkHow::Remove => self.desk.unlink(&person, &other)?,
        };
        self.reload()?;
        self.status = Some(format!("{sentence}{}", self.undo_hint()));
        Ok(())
    }

    /// Names completing what is typed in the link form.
    pub(super) fn suggest_link(&mut self) {
        let Some(Overlay::Link(form)) = &mut self.overlay else {
            return;
        };
        if form.field != LinkField::Who {
            return;
        }
        let typed = form.who.value().trim().to_string();
        form.suggestions = if typed.is_empty() {
            Vec::new()
        } else {
            resolve::fuzzy(&self.people, &typed, |p| p.name().to_string())
                .into_iter()
                .filter(|(_, p)| !p.data.archived && p.id != form.person)
                .take(5)
                .map(|(_, p)| p.name().to_string())
                .collect()
        };
    }

    /// Opens the intro finder, with the open person as the target on their page.
    pub(super) fn open_intro_finder(&mut self) {
        let query = match &self.screen {
            Screen::Person { profile, .. } => format!("#{}", profile.person.id),
            _ => String::new(),
        };
        self.overlay = Some(Overlay::Intro(Box::new(IntroFinder {
            query: Input::new(query),
            ..IntroFinder::default()
        })));
        self.run_intro();
    }

    /// Answers the intro finder for what is typed now.
    pub(super) fn run_intro(&mut self) {
        let Some(Overlay::Intro(finder)) = &mut self.overlay else {
            return;
        };
        let typed = finder.query.value().trim().to_string();
        finder.selected = 0;
        if typed.is_empty() {
            finder.report = None;
            finder.message = None;
            return;
        }
        match intro_report(&self.people, &self.network, &self.graph, &typed) {
            Ok(report) => {
                finder.report = Some(report);
                finder.message = None;
            }
            Err(error) => {
                finder.report = None;
                finder.message = Some(error.to_string());
            }
        }
    }

    /// The person to ask (or the target you know), selected in the intro finder.
    pub(super) fn intro_choice(&self) -> Option<PersonId> {
        match &self.overlay {
            Some(Overlay::Intro(finder)) => finder.ways().nth(finder.selected).map(|w| w.ask.id),
            _ => None,
        }
    }
}
