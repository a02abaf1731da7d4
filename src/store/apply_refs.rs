//! Whom synced rows name, as the devices that wrote them named them (`sync_ref`, schema
//! v19): an interaction's people, a promise's person, who introduced someone. Applying keeps
//! them beside the rows, so that when a merge, an unmerge, a delete or a restore of a person
//! arrives, every row naming that person is resolved again — the survivor while a merge
//! stands, the person again after an unmerge — whatever order the operations came in.

use std::collections::BTreeSet;

use rusqlite::types::Value as Sql;
use rusqlite::{OptionalExtension, params};
use uuid::Uuid;

use super::apply::{Applier, Found};
use super::change::Table;
use crate::error::Result;

impl Applier<'_> {
    /// Resolves again every row that names `person` (or anyone merged into them).
    pub(super) fn resolve_naming(&mut self, person: Uuid) -> Result<()> {
        for (row, field) in super::apply_books::naming(self.tx, person)? {
            // A row parked while whom it names was gone comes back when they are here.
            if let Some(table) = self.resolve(row, &field)?
                && table != Table::Interaction
                && table != Table::Person
            {
                self.unpark(table, row)?;
            }
        }
        Ok(())
    }

    /// Field `field` of row `row` set again from whom it names, as they are here now; the
    /// row's table, when the row is known here.
    fn resolve(&mut self, row: Uuid, field: &str) -> Result<Option<Table>> {
        let found: Option<(i64, i64)> = self
            .tx
            .prepare_cached("SELECT tbl, id FROM row_gid WHERE gid = ?1")?
            .query_row([row.as_bytes()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((table, id)) =
            found.and_then(|(code, id)| Some((super::gids::table_of(code)?, id)))
        else {
            return Ok(None);
        };
        if !super::apply_books::names_people(table, field)
            || !matches!(self.find_exact(table, row)?, Found::Here(_))
        {
            return Ok(Some(table));
        }
        let targets = super::apply_books::targets_of(self.tx, row, field)?;
        if field == "people" {
            let mut people = BTreeSet::new();
            for target in targets {
                if let Found::Here(person) = self.find(Table::Person, target)? {
                    people.insert(person);
                }
            }
            self.contacts(id, Some(people.into_iter().collect()))?;
            return Ok(Some(table));
        }
        // A pair of people (a dismissed suggestion) is left as it is: merged, it may be one.
        if table == Table::LinkDismissed {
            return Ok(Some(table));
        }
        let (name, key) = table.sql();
        let person = match targets.first() {
            Some(&target) => match self.find(Table::Person, target)? {
                Found::Here(person) if !(table == Table::Person && person == id) => {
                    Sql::Integer(person)
                }
                Found::Here(_) | Found::Gone if field == "introduced_by" => Sql::Null,
                _ => return Ok(Some(table)),
            },
            None => return Ok(Some(table)),
        };
        self.tx
            .prepare_cached(&format!("UPDATE {name} SET {field} = ?1 WHERE {key} = ?2"))?
            .execute(params![person, id])?;
        Ok(Some(table))
    }
}
