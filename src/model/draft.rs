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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftReview {
    pub day: Day,
    pub items_seen: u32,
    pub actions: u32,
    /// Indices into `people`: the reconnect candidates it showed.
    pub reconnect: Vec<usize>,
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DraftLink {
    pub a: usize,
    pub b: usize,
    pub kind: LinkKind,
}

/// Someone a captured interaction is with: a person already in the database, or one of the
/// people the same capture adds (an index into `CaptureDraft::people`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Participant {
    Known(super::PersonId),
    New(usize),
}

/// An interaction read from mail or a calendar, about to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapturedInteraction {
    pub day: Day,
    pub people: Vec<Participant>,
    pub kind: Kind,
    pub direction: Direction,
    pub capture: Capture,
}

/// What a capture writes: new people (from `--add-people`) and the interactions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CaptureDraft {
    pub people: Vec<PersonData>,
    pub interactions: Vec<CapturedInteraction>,
}
