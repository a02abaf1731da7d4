//! Labelled yearly dates: a day a person has every year besides their birthday ("work
//! anniversary", "met"), on which a small gesture matters.

use serde::{Deserialize, Serialize};

use super::promise::one_line;
use super::{InvalidValue, PersonId, YearlyDay};

pub type YearlyDateId = i64;

/// A labelled yearly date as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearlyDate {
    pub id: YearlyDateId,
    pub person: PersonId,
    pub label: String,
    pub on: YearlyDay,
}

/// The longest label: a few words.
pub const MAX_DATE_LABEL: usize = 60;

/// A label as typed: one clean line, not empty.
pub fn date_label(text: &str) -> Result<String, InvalidValue> {
    one_line(
        text,
        MAX_DATE_LABEL,
        "a date needs a label, e.g. \"work anniversary\"",
        "a date's label",
    )
}
