//! Introductions: asked for, moved on a stage (made: the favour logged; met: the link added
//! and perhaps the need done), listed; each change one undo.

use rusqlite::{Connection, OptionalExtension, Transaction};

use super::Store;
use super::interactions::insert_new;
use super::journal::{UndoStep, record};
use super::next_id;
use super::promises::{optional_day, required_day, stored_word};
use crate::error::{Error, Result};
use crate::model::{
    Day, IntroStage, Introduction, IntroductionId, Link, ListedIntroduction, NeedId, NeedState,
    NewInteraction, PersonId,
};

const COLUMNS: &str =
    "id, need_id, helper_id, stage, asked_on, made_on, met_on, closed_on, favour_id";

/// Writes `introduction` as it is, a new row or over the one with its id.
pub(super) fn write_introduction(tx: &Transaction, introduction: &Introduction) -> Result<()> {
    super::row_values::upsert(
        tx,
        "introduction",
        introduction.id,
        &super::row_values::introduction(introduction),
    )
    .map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => Error::invalid(format!(
            "no need #{} or no person with id {}",
            introduction.need, introduction.helper
        )),
        _ => Error::from(e),
    })?;
    super::gids::assign(
        tx,
        super::journal::Table::Introduction,
        introduction.id,
        None,
    )
}

fn introduction_from_row(row: &rusqlite::Row) -> rusqlite::Result<Introduction> {
    Ok(Introduction {
        id: row.get(0)?,
        need: row.get(1)?,
        helper: row.get(2)?,
        stage: stored_word(row, 3, IntroStage::from_str_stored)?,
        asked_on: required_day(row, 4)?,
        made_on: optional_day(row, 5)?,
        met_on: optional_day(row, 6)?,
        closed_on: optional_day(row, 7)?,
        favour: row.get(8)?,
    })
}

fn load_introduction(conn: &Connection, id: IntroductionId) -> Result<Option<Introduction>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM introduction WHERE id = ?1"))?
        .query_row([id], introduction_from_row)
        .optional()?)
}

/// What moving an introduction on writes besides its own row, all in one change.
#[derive(Debug, Clone, Default)]
pub struct IntroWrites {
    /// The favour to log: the introduction was made.
    pub favour: Option<NewInteraction>,
    /// The link to add: the two met.
    pub link: Option<Link>,
    /// Mark the need done on the day: meeting answered it.
    pub finish_need: bool,
}

impl Store {
    /// Records that you asked `helper` about an introduction for need `need`, or, with
    /// `made` (the favour to log), that you made it already; one undoable change.
    pub fn add_introduction(
        &mut self,
        need: NeedId,
        helper: PersonId,
        asked_on: Day,
        made: Option<NewInteraction>,
        description: &str,
    ) -> Result<Introduction> {
        let made = made.map(NewInteraction::validated).transpose()?;
        self.write(|tx| {
            let mut introduction = Introduction {
                id: next_id(tx, "introduction")?,
                need,
                helper,
                stage: IntroStage::Asked,
                asked_on,
                made_on: None,
                met_on: None,
                closed_on: None,
                favour: None,
            };
            let mut steps = vec![UndoStep::DeleteIntroduction {
                id: introduction.id,
            }];
            // The row first: a need or helper gone is refused before anything is logged.
            write_introduction(tx, &introduction)?;
            if let Some(favour) = made {
                let logged = insert_new(tx, favour)?;
                introduction.stage = IntroStage::Made;
                introduction.made_on = Some(asked_on);
                introduction.favour = Some(logged.id);
                write_introduction(tx, &introduction)?;
                steps.push(UndoStep::DeleteInteraction { id: logged.id });
            }
            record(tx, description, &steps)?;
            Ok(introduction)
        })
    }

    /// Introductions with their names, in the order asked: those still going (asked or made),
    /// or all. Those of archived people are left out.
    pub fn introductions(&self, include_closed: bool) -> Result<Vec<ListedIntroduction>> {
        self.listed_introductions(
            "?1 OR i.stage = 'asked' OR i.stage = 'made'",
            include_closed,
        )
    }

    /// Introduction `id` with its names, whatever its stage, unless its people are archived.
    pub fn listed_introduction(&self, id: IntroductionId) -> Result<Option<ListedIntroduction>> {
        Ok(self.listed_introductions("i.id = ?1", id)?.pop())
    }

    /// Introductions with their names, those `filter` (on `i`, with one parameter) keeps.
    fn listed_introductions(
        &self,
        filter: &str,
        param: impl rusqlite::ToSql,
    ) -> Result<Vec<ListedIntroduction>> {
        let columns: Vec<String> = COLUMNS.split(", ").map(|c| format!("i.{c}")).collect();
        super::rows(
            &self.conn,
            &format!(
                "SELECT {}, need.person_id, p.name, h.name, need.text FROM introduction i \
                 JOIN need ON need.id = i.need_id \
                 JOIN person p ON p.id = need.person_id \
                 JOIN person h ON h.id = i.helper_id \
                 WHERE p.archived = 0 AND h.archived = 0 AND ({filter}) \
                 ORDER BY i.id",
                columns.join(", ")
            ),
            [param],
            |row| {
                Ok(ListedIntroduction {
                    introduction: introduction_from_row(row)?,
                    person: row.get(9)?,
                    name: row.get(10)?,
                    helper_name: row.get(11)?,
                    need_text: row.get(12)?,
                })
            },
        )
    }

    /// Every introduction in id order (for the document).
    pub fn all_introductions(&self) -> Result<Vec<Introduction>> {
        super::rows(
            &self.conn,
            &format!("SELECT {COLUMNS} FROM introduction ORDER BY id"),
            [],
            introduction_from_row,
        )
    }

    /// Moves introduction `id` on: `next` says, from how it stands (read in the change's
    /// transaction), what it becomes, what else to write and what the change is called, or
    /// refuses. One change, one undo.
    pub fn advance_introduction(
        &mut self,
        id: IntroductionId,
        next: impl FnOnce(&Introduction) -> Result<(Introduction, IntroWrites, String)>,
    ) -> Result<Introduction> {
        self.write(|tx| {
            let before = load_introduction(tx, id)?.ok_or_else(|| {
                Error::invalid(format!(
                    "no introduction #{id} (the ids are in `tiesdesk introductions`)"
                ))
            })?;
            let (mut after, writes, description) = next(&before)?;
            let mut steps = vec![UndoStep::RestoreIntroduction {
                introduction: before.clone(),
            }];
            if let Some(favour) = writes.favour {
                let logged = insert_new(tx, favour.validated()?)?;
                after.favour = Some(logged.id);
                steps.push(UndoStep::DeleteInteraction { id: logged.id });
            }
            if let Some(link) = writes.link {
                let added = super::links::insert_links(tx, &[link])?;
                if !added.is_empty() {
                    steps.push(UndoStep::DeleteLinks { links: added });
                }
            }
            if writes.finish_need
                && let Some(need) = super::needs::load_need(tx, before.need)?
                && need.state == NeedState::Open
            {
                let done = crate::model::Need {
                    state: NeedState::Done,
                    done_on: after.met_on.or(after.made_on),
                    ..need.clone()
                };
                super::needs::write_need(tx, &done)?;
                steps.push(UndoStep::RestoreNeed { need });
            }
            write_introduction(tx, &after)?;
            // Undo runs the steps last first: the need, the link and the favour go before the
            // introduction is put back as it was.
            record(tx, &description, &steps)?;
            Ok(after)
        })
    }
}
