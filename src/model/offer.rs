//! Offers: what the user can give — a skill, an hour, a thing, a way in ("a review of a CV",
//! "a spare desk in Utrecht", "an intro to climate-tech investors"). Matched to people's needs
//! so that giving first has something concrete to give.

use serde::{Deserialize, Serialize};

use super::promise::one_line;
use super::{Day, InvalidValue};

pub type OfferId = i64;

/// An offer as stored: open until `done_on` (given as often as it was wanted, or no longer
/// on offer). The JSON document holds offers as they are; what it may leave out defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    #[serde(default)]
    pub id: OfferId,
    pub text: String,
    /// Lower-case words, like a need's tags.
    #[serde(default)]
    pub tags: Vec<String>,
    pub made_on: Day,
    #[serde(default)]
    pub done_on: Option<Day>,
}

impl Offer {
    pub fn is_open(&self) -> bool {
        self.done_on.is_none()
    }
}

/// The longest offer: a line, like a need.
pub const MAX_OFFER_TEXT: usize = 300;

/// An offer as typed: one clean line, not empty.
pub fn offer_text(text: &str) -> Result<String, InvalidValue> {
    one_line(
        text,
        MAX_OFFER_TEXT,
        "an offer needs a few words: what you can give",
        "an offer",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offer_text_is_one_clean_line() {
        assert_eq!(
            offer_text("  a review\nof your CV ").unwrap_or_default(),
            "a review of your CV"
        );
        assert!(offer_text(" ").is_err());
        assert!(offer_text("a \u{1b}[2Jdesk").is_err());
        assert!(offer_text(&"x".repeat(MAX_OFFER_TEXT + 1)).is_err());
    }
}
