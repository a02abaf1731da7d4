//! Who knows whom, from real data: pairs of people seen together in captured meetings and
//! mail, offered as `knows` links until the user links or dismisses them.

use rusqlite::{Transaction, params};

use super::journal::{UndoStep, record};
use super::next_id;
use super::promises::required_day;
use super::{Store, timestamp};
use crate::error::{Error, Result};
use crate::model::date::{day_from_number, day_number};
use crate::model::{Day, LinkDismissal, PersonId, Together};

/// Writes a dismissal as it is.
pub(super) fn write_dismissal(tx: &Transaction, dismissal: &LinkDismissal) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO link_dismissed (id, a, b, dismissed_on, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        dismissal.id,
        dismissal.a,
        dismissal.b,
        day_number(dismissal.on),
        timestamp()
    ])
    .map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => Error::invalid(format!(
            "cannot dismiss a link between #{} and #{}: no such people, or dismissed already",
            dismissal.a, dismissal.b
        )),
        _ => Error::from(e),
    })?;
    let natural = super::gids::dismissal(tx, dismissal.a, dismissal.b)?;
    super::gids::assign(
        tx,
        super::change::Table::LinkDismissed,
        dismissal.id,
        Some(natural),
    )
}

/// The dismissals naming `person`, for a merge to put back on undo.
pub(super) fn dismissals_of(tx: &Transaction, person: PersonId) -> Result<Vec<LinkDismissal>> {
    super::rows(
        tx,
        "SELECT id, a, b, dismissed_on FROM link_dismissed WHERE a = ?1 OR b = ?1 ORDER BY id",
        [person],
        dismissal_from_row,
    )
}

fn dismissal_from_row(row: &rusqlite::Row) -> rusqlite::Result<LinkDismissal> {
    Ok(LinkDismissal {
        id: row.get(0)?,
        a: row.get(1)?,
        b: row.get(2)?,
        on: required_day(row, 3)?,
    })
}

impl Store {
    /// Pairs of people (neither archived) together in at least `min_times` captured meetings
    /// or mails of at most `max_group` people, not linked to each other in any way and not
    /// dismissed; most often together first.
    pub fn together(&self, min_times: u32, max_group: usize) -> Result<Vec<Together>> {
        // Driven by the captured interactions (the partial index `interaction_source`), not by
        // every contact: scanning a million contacts took half the review's time.
        let mut statement = self.conn.prepare_cached(
            "SELECT c.interaction_id, c.person_id, c.day FROM contact c \
             JOIN person p ON p.id = c.person_id \
             WHERE c.interaction_id IN (SELECT id FROM interaction WHERE source IS NOT NULL) \
                 AND p.archived = 0 \
             ORDER BY c.interaction_id, c.person_id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, PersonId>(1)?,
                row.get::<_, i64>(2)?,
            ))
        })?;
        let mut pairs: std::collections::HashMap<(PersonId, PersonId), (u32, i64)> =
            std::collections::HashMap::new();
        let mut group: Vec<(PersonId, i64)> = Vec::new();
        let mut current = None;
        let mut count = |group: &[(PersonId, i64)]| {
            if group.len() < 2 || group.len() > max_group {
                return;
            }
            for (i, &(a, day)) in group.iter().enumerate() {
                for &(b, _) in &group[i + 1..] {
                    let seen = pairs.entry((a.min(b), a.max(b))).or_insert((0, day));
                    seen.0 += 1;
                    seen.1 = seen.1.max(day);
                }
            }
        };
        for row in rows {
            let (interaction, person, day) = row?;
            if current != Some(interaction) {
                count(&group);
                group.clear();
                current = Some(interaction);
            }
            group.push((person, day));
        }
        count(&group);
        let mut linked = self.conn.prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM link WHERE (a = ?1 AND b = ?2) OR (a = ?2 AND b = ?1)) \
             OR EXISTS (SELECT 1 FROM person WHERE (id = ?1 AND introduced_by = ?2) \
                 OR (id = ?2 AND introduced_by = ?1)) \
             OR EXISTS (SELECT 1 FROM link_dismissed WHERE a = ?1 AND b = ?2)",
        )?;
        let mut together = Vec::new();
        for ((a, b), (times, last)) in pairs {
            if times < min_times || linked.query_row([a, b], |row| row.get::<_, bool>(0))? {
                continue;
            }
            let last = day_from_number(last)
                .ok_or_else(|| Error::Database(format!("bad day {last} in the log")))?;
            together.push(Together { a, b, times, last });
        }
        together.sort_by(|x, y| {
            (y.times, y.last)
                .cmp(&(x.times, x.last))
                .then((x.a, x.b).cmp(&(y.a, y.b)))
        });
        Ok(together)
    }

    /// Records that `a` and `b` are not to be suggested as knowing each other; undoable.
    pub fn dismiss_link(
        &mut self,
        a: PersonId,
        b: PersonId,
        on: Day,
        description: &str,
    ) -> Result<LinkDismissal> {
        if a == b {
            return Err(Error::invalid("a person is not linked to themselves"));
        }
        self.write(|tx| {
            let dismissal = LinkDismissal {
                id: next_id(tx, "link_dismissed")?,
                a: a.min(b),
                b: a.max(b),
                on,
            };
            write_dismissal(tx, &dismissal)?;
            record(
                tx,
                description,
                &[UndoStep::DeleteDismissal { id: dismissal.id }],
            )?;
            Ok(dismissal)
        })
    }

    /// Every dismissal, in id order (for the document).
    pub fn dismissed_links(&self) -> Result<Vec<LinkDismissal>> {
        super::rows(
            &self.conn,
            "SELECT id, a, b, dismissed_on FROM link_dismissed ORDER BY id",
            [],
            dismissal_from_row,
        )
    }
}
