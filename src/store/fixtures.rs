//! What the store's tests share.
#![allow(clippy::unwrap_used)]

use crate::model::date::parse_iso_date;
use crate::model::{Direction, Kind, NewInteraction, Size};

/// A short call with `people` on 20 November 2026, nothing noted.
pub(super) fn call(people: Vec<i64>) -> NewInteraction {
    NewInteraction {
        day: parse_iso_date("2026-11-20").unwrap(),
        people,
        kind: Kind::Call,
        direction: Direction::Mutual,
        size: Size::Small,
        note: String::new(),
    }
}
