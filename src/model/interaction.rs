//! Interactions: what happened with whom, which way, and how big.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{Day, InvalidValue, PersonId};

pub type InteractionId = i64;

super::codes::stored_codes! {
    pub enum Kind ("kind") {
        Meet = ("meet", 0),
        Call = ("call", 1),
        Message = ("message", 2),
        Favour = ("favour", 3),
        Intro = ("intro", 4),
        Advice = ("advice", 5),
        Gift = ("gift", 6),
        Other = ("other", 7),
    }
}

/// How many kinds there are: the size of tables indexed by [`Kind::code`].
pub const KIND_COUNT: usize = Kind::ALL.len();

/// What each kind is called, and what it weighs: everything about a kind besides its
/// name and code, so a new kind is a line in the table above and one arm here.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KindWords {
    /// As a sentence says it: "Gave Ana a favour", "Had a call with Bram".
    pub noun: &'static str,
    /// One line for `--kind`'s help.
    pub help: &'static str,
    /// Other words people type for it.
    pub aliases: &'static [&'static str],
    /// How much one adds to warmth by default (config.toml's model.kind_weights overrides).
    pub weight: f64,
    /// Whether it counts in the favour ledger.
    pub favour: bool,
}

impl Kind {
    pub fn words(self) -> KindWords {
        let words = |noun, help, aliases, weight, favour| KindWords {
            noun,
            help,
            aliases,
            weight,
            favour,
        };
        match self {
            Kind::Meet => words(
                "a meeting",
                "met in person",
                &["met", "meeting"],
                3.0,
                false,
            ),
            Kind::Call => words("a call", "a call, video or phone", &[], 2.0, false),
            Kind::Message => words("a message", "a message or an e-mail", &[], 1.0, false),
            Kind::Favour => words("a favour", "a favour done", &["favor"], 2.0, true),
            Kind::Intro => words("an introduction", "an introduction", &[], 2.0, true),
            Kind::Advice => words("advice", "advice given", &[], 2.0, true),
            Kind::Gift => words("a gift", "a gift", &[], 2.0, true),
            Kind::Other => words("something", "", &[], 1.0, false),
        }
    }

    /// Kinds that count in the favour ledger.
    pub fn is_favour(self) -> bool {
        self.words().favour
    }
}

impl FromStr for Kind {
    type Err = InvalidValue;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let lower = text.trim().to_lowercase();
        Kind::from_name(&lower)
            .or_else(|| {
                Kind::ALL
                    .into_iter()
                    .find(|kind| kind.words().aliases.contains(&lower.as_str()))
            })
            .ok_or_else(|| Kind::refusal(text))
    }
}

super::codes::stored_codes! {
    /// Which way an interaction went, seen from the user.
    pub enum Direction ("direction") {
        /// I gave, or I reached out.
        Gave = ("gave", 0),
        /// They gave, or they reached out.
        Received = ("received", 1),
        Mutual = ("mutual", 2),
    }
}

impl FromStr for Direction {
    type Err = InvalidValue;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Direction::from_name(&text.trim().to_lowercase()).ok_or_else(|| Direction::refusal(text))
    }
}

/// How big a favour or an interaction was: 1 = five minutes, 2 = about an hour, 4 = major.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Size {
    #[default]
    Small = 1,
    Hour = 2,
    Major = 4,
}

impl Size {
    pub const ALL: [Size; 3] = [Size::Small, Size::Hour, Size::Major];

    pub fn value(self) -> u8 {
        self as u8
    }

    pub fn from_value(value: i64) -> Option<Size> {
        match value {
            1 => Some(Size::Small),
            2 => Some(Size::Hour),
            4 => Some(Size::Major),
            _ => None,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Size::Small => "five minutes",
            Size::Hour => "about an hour",
            Size::Major => "major",
        }
    }
}

impl FromStr for Size {
    type Err = InvalidValue;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        text.trim()
            .parse::<i64>()
            .ok()
            .and_then(Size::from_value)
            .ok_or_else(|| {
                InvalidValue::new(format!(
                    "bad size '{text}': expected 1 (five minutes), 2 (about an hour) or 4 (major)"
                ))
            })
    }
}

impl Serialize for Size {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.value())
    }
}

impl<'de> Deserialize<'de> for Size {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = i64::deserialize(deserializer)?;
        Size::from_value(value).ok_or_else(|| {
            serde::de::Error::custom(format!("bad size {value}: expected 1, 2 or 4"))
        })
    }
}

/// An interaction about to be logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInteraction {
    pub day: Day,
    pub people: Vec<PersonId>,
    pub kind: Kind,
    pub direction: Direction,
    pub size: Size,
    pub note: String,
}

impl NewInteraction {
    pub fn validated(mut self) -> Result<Self, InvalidValue> {
        let mut seen = Vec::with_capacity(self.people.len());
        for id in self.people.drain(..) {
            if !seen.contains(&id) {
                seen.push(id);
            }
        }
        if seen.is_empty() {
            return Err(InvalidValue::new(
                "an interaction needs at least one person",
            ));
        }
        self.people = seen;
        self.note = self.note.trim().to_string();
        Ok(self)
    }
}

/// A change to a logged interaction: the fields it names, and nothing else.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InteractionPatch {
    pub day: Option<Day>,
    pub kind: Option<Kind>,
    pub direction: Option<Direction>,
    pub size: Option<Size>,
    pub note: Option<String>,
    pub people: Option<Vec<PersonId>>,
}

impl InteractionPatch {
    pub fn is_empty(&self) -> bool {
        self == &InteractionPatch::default()
    }

    /// `interaction` with the patch laid over it.
    pub fn applied_to(&self, interaction: &Interaction) -> Interaction {
        let mut after = interaction.clone();
        if let Some(day) = self.day {
            after.day = day;
        }
        if let Some(kind) = self.kind {
            after.kind = kind;
        }
        if let Some(direction) = self.direction {
            after.direction = direction;
        }
        if let Some(size) = self.size {
            after.size = size;
        }
        if let Some(note) = &self.note {
            after.note.clone_from(note);
        }
        if let Some(people) = &self.people {
            let mut unique = Vec::with_capacity(people.len());
            for &person in people {
                if !unique.contains(&person) {
                    unique.push(person);
                }
            }
            after.people = unique;
        }
        after
    }
}

/// A logged interaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interaction {
    pub id: InteractionId,
    pub day: Day,
    pub people: Vec<PersonId>,
    pub kind: Kind,
    pub direction: Direction,
    pub size: Size,
    pub note: String,
    /// Where it was read from, for one captured from mail or a calendar; none when logged by
    /// hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capture: Option<Capture>,
    /// The day a favour received was marked thanked (`thanked ID`, `t` in the app).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thanked_on: Option<Day>,
}

super::codes::stored_codes! {
    /// What an interaction was captured from (stored by name in `interaction.source`).
    pub enum CaptureSource ("capture source") {
        Mail = ("mail", 0),
        Calendar = ("calendar", 1),
        /// Chat exports: WhatsApp, Telegram, Instagram/Messenger (`import chat`).
        Chat = ("chat", 2),
    }
}

/// How a capture source's contact is counted and named, beside its name and code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaptureWords {
    /// Where someone added from it came from.
    pub person_source: super::Source,
    /// What one record read is called, and many.
    pub item: (&'static str, &'static str),
    /// Contact folds into one row per person, day and direction, found again by who was in
    /// it (mail). Otherwise each record is its own row, found again by its id, and a record
    /// that moved or went is changed or taken out (a calendar's occurrences).
    pub folds_same_day: bool,
    /// The title of the report's list of people it found that tiesdesk does not know.
    pub waiting_title: &'static str,
    /// What is read of it, and what is never kept (the report says so).
    pub kept: &'static str,
}

impl CaptureSource {
    pub fn words(self) -> CaptureWords {
        match self {
            CaptureSource::Mail => CaptureWords {
                person_source: super::Source::Mail,
                item: ("message", "messages"),
                folds_same_day: true,
                waiting_title: "Not in tiesdesk, most mail first (sent / received)",
                kept: "Headers only; no message's subject or text is kept.",
            },
            CaptureSource::Calendar => CaptureWords {
                person_source: super::Source::Calendar,
                item: ("past occurrence", "past occurrences"),
                folds_same_day: false,
                waiting_title: "Not in tiesdesk, most meetings first (you / they organised)",
                kept: "Who came and when only; no title or description is kept.",
            },
            CaptureSource::Chat => CaptureWords {
                person_source: super::Source::Chat,
                item: ("message", "messages"),
                folds_same_day: true,
                waiting_title: "Not in tiesdesk, most days first (you / they wrote)",
                kept: "Who wrote and when only; no message's text is kept.",
            },
        }
    }
}

/// A captured interaction's source and its id there: a Message-ID, or an event's UID with
/// the occurrence's start.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Capture {
    pub source: CaptureSource,
    pub id: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for kind in Kind::ALL {
            assert_eq!(Kind::from_code(i64::from(kind.code())), Some(kind));
            assert_eq!(kind.as_str().parse::<Kind>().unwrap(), kind);
        }
        for direction in Direction::ALL {
            assert_eq!(
                Direction::from_code(i64::from(direction.code())),
                Some(direction)
            );
        }
        assert_eq!(Kind::from_code(8), None);
        assert_eq!("favor".parse::<Kind>().unwrap(), Kind::Favour);
    }

    #[test]
    fn sizes_are_one_two_four() {
        assert_eq!("4".parse::<Size>().unwrap(), Size::Major);
        for bad in ["0", "3", "5", "x", ""] {
            assert!(bad.parse::<Size>().is_err(), "{bad}");
        }
    }
}
