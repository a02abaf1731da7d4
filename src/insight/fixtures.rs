//! What the model's tests build their networks from: a fixed today, an imported person with
//! nothing special about them, a contact some days before today, and a need.

use super::{Contact, PersonFacts};
use crate::model::{Direction, Kind, Need, NeedState, Size};

/// Today in the model's tests (days since 1970-01-01).
pub const TODAY: i64 = 20_000;

/// An imported person, not family, not archived, with no cadence of their own.
pub fn person(id: i64) -> PersonFacts {
    PersonFacts {
        id,
        family: false,
        archived: false,
        cadence_days: None,
        imported: true,
        on_call: false,
    }
}

/// A small contact `days_ago` days before [`TODAY`].
pub fn contact(days_ago: i64, kind: Kind, direction: Direction) -> Contact {
    Contact {
        day: (TODAY - days_ago) as i32,
        kind,
        direction,
        size: Size::Small,
    }
}

/// Person 1's open need, noted [`TODAY`].
pub fn need(text: &str, tags: &[&str]) -> Need {
    Need {
        id: 1,
        person: 1,
        text: text.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        state: NeedState::Open,
        noted_on: crate::model::date::day_from_number(TODAY).unwrap_or_default(),
        done_on: None,
    }
}
