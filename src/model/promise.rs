//! Promises: something the user said they would do for someone ("I'll send you that
//! article"), optionally by a day. Keeping one is giving first; tiesdesk logs it as a favour.

use serde::{Deserialize, Serialize};

use super::{Day, InvalidValue, PersonId};

pub type PromiseId = i64;

/// Where a promise stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PromiseState {
    Open,
    Kept,
    Dropped,
}

impl PromiseState {
    /// The word stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            PromiseState::Open => "open",
            PromiseState::Kept => "kept",
            PromiseState::Dropped => "dropped",
        }
    }

    pub fn from_str_stored(text: &str) -> Option<PromiseState> {
        match text {
            "open" => Some(PromiseState::Open),
            "kept" => Some(PromiseState::Kept),
            "dropped" => Some(PromiseState::Dropped),
            _ => None,
        }
    }
}

/// A promise as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Promise {
    pub id: PromiseId,
    pub person: PersonId,
    pub text: String,
    /// The day it was promised by, if one was said.
    pub due: Option<Day>,
    pub state: PromiseState,
    /// The day it was made.
    pub made_on: Day,
    /// The day it was kept or dropped.
    pub closed_on: Option<Day>,
    /// The favour that keeping it logged.
    pub favour: Option<super::InteractionId>,
}

impl Promise {
    /// Open past its day.
    pub fn is_late(&self, today: Day) -> bool {
        self.state == PromiseState::Open && self.due.is_some_and(|due| due < today)
    }

    /// Open, and due today or within `days`.
    pub fn is_due_within(&self, today: Day, days: i64) -> bool {
        self.state == PromiseState::Open
            && self
                .due
                .is_some_and(|due| due >= today && (due - today).num_days() <= days)
    }
}

/// The longest promise text: a sentence or two, not a document.
pub const MAX_PROMISE_TEXT: usize = 500;

/// A promise's text as typed: trimmed, one line, without control characters, not empty.
pub fn promise_text(text: &str) -> Result<String, InvalidValue> {
    one_line(
        text,
        MAX_PROMISE_TEXT,
        "a promise needs a few words: what you will do",
        "a promise",
    )
}

/// Text typed for one line of a list (a promise, a need, a date's label): line breaks and
/// tabs become spaces and it is trimmed; refused when it holds a control or invisible
/// character (as every typed value is: `PersonPatch::refuse_controls`), when nothing is left
/// (`empty` says what to type) or when longer than `max` characters.
pub fn one_line(text: &str, max: usize, empty: &str, what: &str) -> Result<String, InvalidValue> {
    let spaced = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let (clean, changed) = crate::text::without_controls(&spaced, false);
    if changed {
        return Err(InvalidValue::new(format!(
            "{what} cannot contain control or invisible characters"
        )));
    }
    let clean = clean.trim().to_string();
    if clean.is_empty() {
        return Err(InvalidValue::new(empty));
    }
    if clean.chars().count() > max {
        return Err(InvalidValue::new(format!(
            "{what} is at most {max} characters"
        )));
    }
    Ok(clean)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::parse_iso_date;

    fn day(text: &str) -> Day {
        parse_iso_date(text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn promise(due: Option<&str>, state: PromiseState) -> Promise {
        Promise {
            id: 1,
            person: 1,
            text: "send the article".into(),
            due: due.map(day),
            state,
            made_on: day("2026-11-01"),
            closed_on: None,
            favour: None,
        }
    }

    #[test]
    fn a_promise_is_late_only_when_open_past_its_day() {
        let today = day("2026-12-03");
        assert!(promise(Some("2026-12-02"), PromiseState::Open).is_late(today));
        assert!(!promise(Some("2026-12-03"), PromiseState::Open).is_late(today));
        assert!(!promise(None, PromiseState::Open).is_late(today));
        assert!(!promise(Some("2026-12-02"), PromiseState::Kept).is_late(today));
        assert!(!promise(Some("2026-12-02"), PromiseState::Dropped).is_late(today));
        // Across a year end.
        assert!(promise(Some("2026-12-31"), PromiseState::Open).is_late(day("2027-01-01")));
    }

    #[test]
    fn due_within_counts_today_and_the_days_ahead() {
        let today = day("2026-12-30");
        let open = |due| promise(Some(due), PromiseState::Open);
        assert!(open("2026-12-30").is_due_within(today, 7));
        assert!(open("2027-01-06").is_due_within(today, 7));
        assert!(!open("2027-01-07").is_due_within(today, 7));
        assert!(!open("2026-12-29").is_due_within(today, 7), "late, not due");
    }

    #[test]
    fn promise_text_is_one_clean_line() {
        assert_eq!(
            promise_text("  send\tthe\narticle ").unwrap_or_default(),
            "send the article"
        );
        // A control or invisible character is refused, as in any typed value.
        assert!(promise_text("send the \x1b[31marticle").is_err());
        assert!(promise_text("send the\u{200B}article").is_err());
        assert!(promise_text(" \n ").is_err());
        assert!(promise_text(&"x".repeat(501)).is_err());
    }
}
