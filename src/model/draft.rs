//! A batch of people, interactions and links to be written at once (the demo, imports).
//! Inside a draft, people are referred to by their index in `people`.

use super::{Capture, Day, Direction, Kind, LinkKind, PersonData, Size};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct NetworkDraft {
    /// `introduced_by`, if set, is an index into this list.
    pub people: Vec<PersonData>,
    /// Written in this order: ids follow it.
    pub interactions: Vec<DraftInteraction>,
    pub links: Vec<DraftLink>,
    pub reviews: Vec<DraftReview>,
    /// Who is snoozed (an index into `people`) until which day.
    pub snoozes: Vec<(usize, Day)>,
    /// Written in this order: ids follow it.
    pub promises: Vec<DraftPromise>,
    /// Written in this order: ids follow it.
    pub needs: Vec<DraftNeed>,
    pub dates: Vec<DraftDate>,
    /// Written in this order: ids follow it.
    pub offers: Vec<super::Offer>,
    /// Written in this order: ids follow it.
    pub introductions: Vec<DraftIntroduction>,
    /// Suggested links dismissed: two indices into `people`, and the day.
    pub dismissed_links: Vec<(usize, usize, Day)>,
}

/// An introduction in a batch: for `needs[need]`, to `people[helper]`, its favour (if made)
/// `interactions[favour]`. The stage's days are as in `Introduction`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftIntroduction {
    pub need: usize,
    pub helper: usize,
    pub stage: super::IntroStage,
    pub asked_on: Day,
    pub made_on: Option<Day>,
    pub met_on: Option<Day>,
    pub closed_on: Option<Day>,
    pub favour: Option<usize>,
}

/// A need in a batch, of `people[person]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftNeed {
    pub person: usize,
    pub text: String,
    pub tags: Vec<String>,
    pub state: super::NeedState,
    pub noted_on: Day,
    pub done_on: Option<Day>,
}

/// A labelled yearly date in a batch, of `people[person]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftDate {
    pub person: usize,
    pub label: String,
    pub on: super::YearlyDay,
}

/// A promise in a batch: to `people[person]`, kept (if it was) by `interactions[favour]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftPromise {
    pub person: usize,
    pub text: String,
    pub due: Option<Day>,
    pub state: super::PromiseState,
    pub made_on: Day,
    pub closed_on: Option<Day>,
    pub favour: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftReview {
    pub day: Day,
    pub items_seen: u32,
    pub actions: u32,
    /// Indices into `people`: the reconnect candidates it showed.
    pub reconnect: Vec<usize>,
    /// Indices into `people`: the paper ties kept as they are.
    pub kept_paper: Vec<usize>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftInteraction {
    pub day: Day,
    /// Indices into `NetworkDraft::people`.
    pub people: Vec<usize>,
    pub kind: Kind,
    pub direction: Direction,
    pub size: Size,
    pub note: String,
    /// For an interaction read from mail or a calendar: where, and its id there.
    pub capture: Option<Capture>,
    /// The day it was marked thanked, for a favour received.
    pub thanked_on: Option<Day>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DraftLink {
    pub a: usize,
    pub b: usize,
    pub kind: LinkKind,
}

/// One message or meeting read from mail or a calendar that was contact: its id there, its
/// day, its kind, which way it went, and with whom (indices into the correspondents the
/// reading met, matched to people only when it is captured).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    pub id: String,
    pub day: Day,
    pub kind: Kind,
    pub direction: Direction,
    pub with: Vec<u32>,
    /// For a meeting someone else organised: who (it was received from them only if tiesdesk
    /// knows them; otherwise it was mutual).
    pub organizer: Option<u32>,
}

/// An interaction read from mail or a calendar, about to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapturedInteraction {
    pub day: Day,
    pub people: Vec<super::PersonId>,
    pub kind: Kind,
    pub direction: Direction,
    pub capture: Capture,
}
