//! Interactions: what happened with whom, which way, and how big.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{Day, InvalidValue, PersonId};

pub type InteractionId = i64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Meet,
    Call,
    Message,
    Favour,
    Intro,
    Advice,
    Gift,
    Other,
}

/// How many kinds there are: the size of tables indexed by [`Kind::code`].
pub const KIND_COUNT: usize = Kind::ALL.len();

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Meet,
        Kind::Call,
        Kind::Message,
        Kind::Favour,
        Kind::Intro,
        Kind::Advice,
        Kind::Gift,
        Kind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Meet => "meet",
            Kind::Call => "call",
            Kind::Message => "message",
            Kind::Favour => "favour",
            Kind::Intro => "intro",
            Kind::Advice => "advice",
            Kind::Gift => "gift",
            Kind::Other => "other",
        }
    }

    /// Kinds that count in the favour ledger.
    pub fn is_favour(self) -> bool {
        matches!(self, Kind::Favour | Kind::Intro | Kind::Advice | Kind::Gift)
    }

    /// The small integer stored in `contact.kind` and in history blobs. Written out, never
    /// derived from the variant's position: reordering or adding a kind must not change what
    /// stored data means. A test pins these against the schema's own list.
    pub fn code(self) -> u8 {
        match self {
            Kind::Meet => 0,
            Kind::Call => 1,
            Kind::Message => 2,
            Kind::Favour => 3,
            Kind::Intro => 4,
            Kind::Advice => 5,
            Kind::Gift => 6,
            Kind::Other => 7,
        }
    }

    pub fn from_code(code: i64) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| i64::from(k.code()) == code)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = InvalidValue;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let lower = text.trim().to_lowercase();
        let lower = match lower.as_str() {
            "favor" => "favour", // American spelling
            "met" | "meeting" => "meet",
            other => other,
        };
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == lower)
            .ok_or_else(|| {
                InvalidValue::new(format!(
                    "bad kind '{text}': expected meet, call, message, favour, intro, advice, gift or other"
                ))
            })
    }
}

/// Which way an interaction went, seen from the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// I gave, or I reached out.
    Gave,
    /// They gave, or they reached out.
    Received,
    Mutual,
}

impl Direction {
    pub const ALL: [Direction; 3] = [Direction::Gave, Direction::Received, Direction::Mutual];

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Gave => "gave",
            Direction::Received => "received",
            Direction::Mutual => "mutual",
        }
    }

    /// The small integer stored in `contact.direction` and in history blobs; written out for
    /// the same reason as [`Kind::code`].
    pub fn code(self) -> u8 {
        match self {
            Direction::Gave => 0,
            Direction::Received => 1,
            Direction::Mutual => 2,
        }
    }

    pub fn from_code(code: i64) -> Option<Direction> {
        Direction::ALL
            .into_iter()
            .find(|d| i64::from(d.code()) == code)
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Direction {
    type Err = InvalidValue;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Direction::ALL
            .into_iter()
            .find(|d| d.as_str() == text.trim().to_lowercase())
            .ok_or_else(|| {
                InvalidValue::new(format!(
                    "bad direction '{text}': expected gave, received or mutual"
                ))
            })
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
}

/// What an interaction was captured from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CaptureSource {
    Mail,
    Calendar,
}

impl CaptureSource {
    pub const ALL: [CaptureSource; 2] = [CaptureSource::Mail, CaptureSource::Calendar];

    /// The word stored in `interaction.source`, written out (never a variant's position).
    pub fn as_str(self) -> &'static str {
        match self {
            CaptureSource::Mail => "mail",
            CaptureSource::Calendar => "calendar",
        }
    }

    pub fn named(word: &str) -> Option<CaptureSource> {
        CaptureSource::ALL.into_iter().find(|s| s.as_str() == word)
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

    /// The codes stored on disk are the ones the schema documents; a reordered or added
    /// variant that shifted them would fail here before it reinterpreted anyone's data.
    #[test]
    fn stored_codes_are_pinned_by_the_schema() {
        let schema = include_str!("../../assets/migrations/0001_initial.sql");
        let listed = |label: &str| -> Vec<(i64, String)> {
            let marker = format!("{label}: 0 ");
            let start = schema.find(&marker).unwrap() + label.len() + 2;
            let rest = &schema[start..];
            let end = rest.find([';', ')']).unwrap();
            rest[..end]
                .split(',')
                .map(|pair| {
                    let (code, name) = pair.trim().split_once(' ').unwrap();
                    (code.parse().unwrap(), name.trim().to_string())
                })
                .collect()
        };
        let kinds = listed("kind");
        assert_eq!(kinds.len(), Kind::ALL.len());
        for (code, name) in &kinds {
            assert_eq!(
                Kind::from_code(*code).map(Kind::as_str),
                Some(name.as_str())
            );
        }
        let directions = listed("direction");
        assert_eq!(directions.len(), Direction::ALL.len());
        for (code, name) in &directions {
            assert_eq!(
                Direction::from_code(*code).map(Direction::as_str),
                Some(name.as_str())
            );
        }
        // Tables indexed by code (the warmth points) are KIND_COUNT long.
        assert!(Kind::ALL.iter().all(|k| usize::from(k.code()) < KIND_COUNT));
        assert!(schema.contains(&format!("CHECK (kind BETWEEN 0 AND {})", KIND_COUNT - 1)));
    }

    #[test]
    fn sizes_are_one_two_four() {
        assert_eq!("4".parse::<Size>().unwrap(), Size::Major);
        for bad in ["0", "3", "5", "x", ""] {
            assert!(bad.parse::<Size>().is_err(), "{bad}");
        }
    }
}
