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

    /// The small integer stored in the participant table (position in [`Kind::ALL`]).
    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn from_code(code: i64) -> Option<Kind> {
        usize::try_from(code)
            .ok()
            .and_then(|i| Kind::ALL.get(i).copied())
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

    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn from_code(code: i64) -> Option<Direction> {
        usize::try_from(code)
            .ok()
            .and_then(|i| Direction::ALL.get(i).copied())
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
