//! Needs: what a person is looking for ("a designer", "a flat in Utrecht", "a first job in
//! climate tech"). Knowing it is how the user can give first: an introduction, a lead.

use serde::{Deserialize, Serialize};

use super::promise::one_line;
use super::{Day, InvalidValue, PersonId};

pub type NeedId = i64;

/// Where a need stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NeedState {
    Open,
    Done,
}

impl NeedState {
    /// The word stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            NeedState::Open => "open",
            NeedState::Done => "done",
        }
    }

    pub fn from_str_stored(text: &str) -> Option<NeedState> {
        match text {
            "open" => Some(NeedState::Open),
            "done" => Some(NeedState::Done),
            _ => None,
        }
    }
}

/// A need as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Need {
    pub id: NeedId,
    pub person: PersonId,
    pub text: String,
    /// Lower-case words, like a person's tags.
    pub tags: Vec<String>,
    pub state: NeedState,
    /// The day the user noted it.
    pub noted_on: Day,
    /// The day it was met or no longer needed.
    pub done_on: Option<Day>,
}

/// The longest need: a line, not a brief.
pub const MAX_NEED_TEXT: usize = 300;

/// A need as typed: one clean line, not empty.
pub fn need_text(text: &str) -> Result<String, InvalidValue> {
    one_line(
        text,
        MAX_NEED_TEXT,
        "a need needs a few words: what they are looking for",
        "a need",
    )
}

/// Tags as typed (`#design`, ` Design `): lower case, without `#`, one word each, each once.
pub fn need_tags(tags: &[String]) -> Result<Vec<String>, InvalidValue> {
    let mut clean: Vec<String> = Vec::new();
    for tag in tags {
        let tag = tag.trim().trim_start_matches('#').to_lowercase();
        if tag.is_empty() {
            continue;
        }
        if tag
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == ',')
        {
            return Err(InvalidValue::new(format!(
                "bad tag {tag:?}: a tag is one word (use - between words)"
            )));
        }
        if !clean.contains(&tag) {
            clean.push(tag);
        }
    }
    Ok(clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn need_tags_are_lower_case_words_once() {
        let typed = [
            "#Design".to_string(),
            " design ".into(),
            "ux".into(),
            "".into(),
        ];
        assert_eq!(need_tags(&typed).unwrap_or_default(), ["design", "ux"]);
        assert!(need_tags(&["two words".to_string()]).is_err());
        assert!(need_tags(&["a,b".to_string()]).is_err());
    }

    #[test]
    fn need_text_is_one_line() {
        assert_eq!(
            need_text(" a flat\nin Utrecht ").unwrap_or_default(),
            "a flat in Utrecht"
        );
        assert!(need_text("\t").is_err());
        assert!(need_text(&"x".repeat(301)).is_err());
    }
}
