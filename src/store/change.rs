//! What a change did, forward: the rows it added, changed (a person's fields named) or
//! deleted, links added or taken out, a batch's ranges, a merge. The journal records it with
//! each change; operations (`oplog`) are made from it; both read it, so it stands apart.

use serde::{Deserialize, Serialize};

pub use crate::model::Table;
use crate::model::{Link, PersonId};

// The SQL names are the store's business: the model names rows, the store keeps them.
impl Table {
    pub(super) fn sql(self) -> (&'static str, &'static str) {
        match self {
            Table::Person => ("person", "id"),
            Table::Interaction => ("interaction", "id"),
            Table::Review => ("review", "id"),
            Table::Snooze => ("snooze", "person_id"),
            Table::Promise => ("promise", "id"),
            Table::Need => ("need", "id"),
            Table::YearlyDate => ("yearly_date", "id"),
            Table::Offer => ("offer", "id"),
            Table::Introduction => ("introduction", "id"),
            Table::LinkDismissed => ("link_dismissed", "id"),
        }
    }
}

/// What a change did to one row (or one range of rows), forward.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Change {
    Add {
        table: Table,
        id: i64,
    },
    /// A row changed; for a person, the fields that did.
    Edit {
        table: Table,
        id: i64,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        fields: Vec<String>,
    },
    Delete {
        table: Table,
        id: i64,
    },
    /// A batch (an import, a restore, the demo): every row of `table` from `from` on was
    /// added — for people, with their links, snoozes, promises, needs and dates.
    AddFrom {
        table: Table,
        from: i64,
    },
    AddLink {
        link: Link,
    },
    DeleteLink {
        link: Link,
    },
    /// Person `other` merged into `keep` (their rows changed as the other changes say).
    Merge {
        keep: PersonId,
        other: PersonId,
    },
}
