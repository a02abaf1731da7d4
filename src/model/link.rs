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
