//! Finished weekly reviews, and everything a database holds read at one moment.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{Interaction, Link, Need, Person, PersonId, Promise, YearlyDate};

/// What a finished review covered, kept so later reviews can rotate their suggestions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Covered {
    /// The reconnect candidates it showed.
    #[serde(default)]
    pub reconnect: Vec<PersonId>,
    /// Paper ties the user chose to keep as they are: later reviews stop asking about them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept_paper: Vec<PersonId>,
}

/// A finished review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRecord {
    pub id: i64,
    /// Days since 1970-01-01.
    pub day: i64,
    pub items_seen: i64,
    pub actions: i64,
    pub covered: Covered,
    pub note: String,
}

/// Everything a database holds, read in one read transaction: what the JSON document is
/// written from. Each list in id order (links by their ends).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Holdings {
    pub people: Vec<Person>,
    pub interactions: Vec<Interaction>,
    pub links: Vec<Link>,
    pub reviews: Vec<ReviewRecord>,
    /// Who is snoozed until which day (days since 1970-01-01).
    pub snoozes: HashMap<PersonId, i64>,
    pub promises: Vec<Promise>,
    pub needs: Vec<Need>,
    pub dates: Vec<YearlyDate>,
    pub offers: Vec<super::Offer>,
    pub introductions: Vec<super::Introduction>,
    pub dismissed_links: Vec<super::LinkDismissal>,
}
