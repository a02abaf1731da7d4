//! A batch of people, interactions and links to be written at once (the demo, imports).
//! Inside a draft, people are referred to by their index in `people`.

use super::{Day, Direction, Kind, LinkKind, PersonData, Size};

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DraftLink {
    pub a: usize,
    pub b: usize,
    pub kind: LinkKind,
}
