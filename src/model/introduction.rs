//! Introductions: the user bringing a person with a need together with someone who could help,
//! in the stages it really goes through. Asking the helper first is how introductions are done
//! well (a double opt-in); only one that was made is a favour, and only one that led to a
//! meeting means the two know each other.

use serde::{Deserialize, Serialize};

use super::{Day, InteractionId, NeedId, PersonId};

pub type IntroductionId = i64;

/// Where an introduction stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IntroStage {
    /// The helper was asked whether they would like to be introduced.
    Asked,
    /// The introduction was made: a favour given to both.
    Made,
    /// The two met: they know each other now.
    Met,
    /// It did not happen (the helper declined, or the need went away first).
    Dropped,
}

impl IntroStage {
    pub const ALL: [IntroStage; 4] = [
        IntroStage::Asked,
        IntroStage::Made,
        IntroStage::Met,
        IntroStage::Dropped,
    ];

    /// The word stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            IntroStage::Asked => "asked",
            IntroStage::Made => "made",
            IntroStage::Met => "met",
            IntroStage::Dropped => "dropped",
        }
    }

    pub fn from_str_stored(text: &str) -> Option<IntroStage> {
        IntroStage::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Still going somewhere: asked, or made and not yet known to have met.
    pub fn is_open(self) -> bool {
        matches!(self, IntroStage::Asked | IntroStage::Made)
    }
}

/// An introduction as stored: for need `need` (whose person is the one introduced), to
/// `helper`. The JSON document holds introductions as they are, its own ids in `need`,
/// `helper` and `favour`; the days a stage does not have may be left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Introduction {
    #[serde(default)]
    pub id: IntroductionId,
    pub need: NeedId,
    pub helper: PersonId,
    pub stage: IntroStage,
    pub asked_on: Day,
    #[serde(default)]
    pub made_on: Option<Day>,
    #[serde(default)]
    pub met_on: Option<Day>,
    /// The day it was dropped.
    #[serde(default)]
    pub closed_on: Option<Day>,
    /// The favour logged when it was made (gone if that interaction was deleted).
    #[serde(default)]
    pub favour: Option<InteractionId>,
}

/// Whether the days set fit the stage: asked has none of the later days; made has its day;
/// met has both; dropped has the day it was dropped (and perhaps the day it was made).
pub fn stage_days_fit(
    stage: IntroStage,
    made_on: Option<Day>,
    met_on: Option<Day>,
    closed_on: Option<Day>,
) -> bool {
    match stage {
        IntroStage::Asked => made_on.is_none() && met_on.is_none() && closed_on.is_none(),
        IntroStage::Made => made_on.is_some() && met_on.is_none() && closed_on.is_none(),
        IntroStage::Met => made_on.is_some() && met_on.is_some() && closed_on.is_none(),
        IntroStage::Dropped => met_on.is_none() && closed_on.is_some(),
    }
}

/// An introduction with what it is shown with: the person with the need, the helper's name
/// and the need's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListedIntroduction {
    #[serde(flatten)]
    pub introduction: Introduction,
    /// The person with the need: the one introduced.
    pub person: PersonId,
    pub name: String,
    pub helper_name: String,
    pub need_text: String,
}

impl ListedIntroduction {
    /// "Ana Lima to Bram de Vries (for a designer)".
    pub fn words(&self) -> String {
        format!(
            "{} to {} (for {})",
            self.name, self.helper_name, self.need_text
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_are_stored_by_their_words() {
        for stage in IntroStage::ALL {
            assert_eq!(IntroStage::from_str_stored(stage.as_str()), Some(stage));
        }
        assert_eq!(IntroStage::from_str_stored("Asked"), None);
        let open: Vec<IntroStage> = (IntroStage::ALL.into_iter())
            .filter(|s| s.is_open())
            .collect();
        assert_eq!(open, [IntroStage::Asked, IntroStage::Made]);
    }
}
