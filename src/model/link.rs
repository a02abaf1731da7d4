//! Links between two people in the network.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{InvalidValue, PersonId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    /// `a` and `b` know each other (symmetric; stored with `a < b`).
    Knows,
    /// `a` introduced me to `b`.
    Introduced,
}

impl LinkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Knows => "knows",
            LinkKind::Introduced => "introduced",
        }
    }
}

impl FromStr for LinkKind {
    type Err = InvalidValue;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "knows" => Ok(LinkKind::Knows),
            "introduced" => Ok(LinkKind::Introduced),
            other => Err(InvalidValue::new(format!(
                "bad link '{other}': expected knows or introduced"
            ))),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Link {
    pub a: PersonId,
    pub b: PersonId,
    pub kind: LinkKind,
}

impl Link {
    /// A link in its stored form: `knows` is symmetric, so its ends are ordered.
    pub fn new(a: PersonId, b: PersonId, kind: LinkKind) -> Result<Self, InvalidValue> {
        if a == b {
            return Err(InvalidValue::new("a person cannot be linked to themselves"));
        }
        let (a, b) = match kind {
            LinkKind::Knows if a > b => (b, a),
            _ => (a, b),
        };
        Ok(Link { a, b, kind })
    }
}

/// A suggested link the user said no to: never suggested again. Its ends are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkDismissal {
    pub id: i64,
    pub a: PersonId,
    pub b: PersonId,
    pub on: super::Day,
}

/// Two people seen together in captured meetings or mail, not linked yet: a suggested `knows`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Together {
    /// Ordered: `a < b`.
    pub a: PersonId,
    pub b: PersonId,
    /// In how many captured meetings or mails.
    pub times: u32,
    /// The latest of them.
    pub last: super::Day,
}
