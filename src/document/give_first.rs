//! The document's give-first parts: promises, needs and yearly dates. Each is optional, so a
//! `tiesdesk/1` document from before them still reads, and writes back as it was.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{
    Day, DraftDate, DraftNeed, DraftPromise, Need, NeedState, NetworkDraft, Promise, PromiseState,
    YearlyDate, YearlyDay,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocPromise {
    #[serde(default)]
    pub id: Option<i64>,
    pub person: i64,
    pub text: String,
    #[serde(default)]
    pub due: Option<Day>,
    #[serde(default = "open_promise")]
    pub state: PromiseState,
    pub made_on: Day,
    #[serde(default)]
    pub closed_on: Option<Day>,
    /// The interaction (its `id` in this document) that keeping it logged.
    #[serde(default)]
    pub favour: Option<i64>,
}

fn open_promise() -> PromiseState {
    PromiseState::Open
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocNeed {
    #[serde(default)]
    pub id: Option<i64>,
    pub person: i64,
    pub text: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default = "open_need")]
    pub state: NeedState,
    pub noted_on: Day,
    #[serde(default)]
    pub done_on: Option<Day>,
}

fn open_need() -> NeedState {
    NeedState::Open
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocDate {
    #[serde(default)]
    pub id: Option<i64>,
    pub person: i64,
    pub label: String,
    /// `1985-04-02`, or `--04-02` without the year.
    pub date: YearlyDay,
}

type Parts = (Vec<DocPromise>, Vec<DocNeed>, Vec<DocDate>);

/// Every promise, need and date in the database, in id order.
pub(super) fn from_stored(
    promises: Vec<Promise>,
    needs: Vec<Need>,
    dates: Vec<YearlyDate>,
) -> Parts {
    let promises = promises
        .into_iter()
        .map(|p| DocPromise {
            id: Some(p.id),
            person: p.person,
            text: p.text,
            due: p.due,
            state: p.state,
            made_on: p.made_on,
            closed_on: p.closed_on,
            favour: p.favour,
        })
        .collect();
    let needs = needs
        .into_iter()
        .map(|n| DocNeed {
            id: Some(n.id),
            person: n.person,
            text: n.text,
            tags: n.tags,
            state: n.state,
            noted_on: n.noted_on,
            done_on: n.done_on,
        })
        .collect();
    let dates = dates
        .into_iter()
        .map(|d| DocDate {
            id: Some(d.id),
            person: d.person,
            label: d.label,
            date: d.on,
        })
        .collect();
    (promises, needs, dates)
}

/// Adds the parts to `draft`, each checked and named by its place on a problem. `find` turns
/// a document person id into its index; `interactions` does the same for interactions.
pub(super) fn into_draft(
    draft: &mut NetworkDraft,
    find: &dyn Fn(i64, String) -> Result<usize>,
    interactions: &HashMap<i64, usize>,
    promises: Vec<DocPromise>,
    needs: Vec<DocNeed>,
    dates: Vec<DocDate>,
) -> Result<()> {
    let closed_day = |place: String, open: bool, day: Option<Day>, what: &str| {
        if open == day.is_some() {
            return Err(Error::invalid(format!(
                "{place}: an open {what} has none, a closed one has its day"
            )));
        }
        Ok(())
    };
    for (i, promise) in promises.into_iter().enumerate() {
        let at = |field: &str| format!("promises[{i}].{field}");
        let person = find(promise.person, at("person"))?;
        let text = crate::model::promise::promise_text(&promise.text)
            .map_err(|e| Error::invalid(format!("{}: {e}", at("text"))))?;
        let open = promise.state == PromiseState::Open;
        closed_day(at("closed_on"), open, promise.closed_on, "promise")?;
        let favour = favour_at(interactions, promise.favour, at("favour"))?;
        draft.promises.push(DraftPromise {
            person,
            text,
            due: promise.due,
            state: promise.state,
            made_on: promise.made_on,
            closed_on: promise.closed_on,
            favour,
        });
    }
    for (i, need) in needs.into_iter().enumerate() {
        let at = |field: &str| format!("needs[{i}].{field}");
        let person = find(need.person, at("person"))?;
        let text = crate::model::need::need_text(&need.text)
            .map_err(|e| Error::invalid(format!("{}: {e}", at("text"))))?;
        let tags = crate::model::need::need_tags(&need.tags)
            .map_err(|e| Error::invalid(format!("{}: {e}", at("tags"))))?;
        closed_day(
            at("done_on"),
            need.state == NeedState::Open,
            need.done_on,
            "need",
        )?;
        draft.needs.push(DraftNeed {
            person,
            text,
            tags,
            state: need.state,
            noted_on: need.noted_on,
            done_on: need.done_on,
        });
    }
    for (i, date) in dates.into_iter().enumerate() {
        let at = |field: &str| format!("dates[{i}].{field}");
        let person = find(date.person, at("person"))?;
        let label = crate::model::yearly_date::date_label(&date.label)
            .map_err(|e| Error::invalid(format!("{}: {e}", at("label"))))?;
        draft.dates.push(DraftDate {
            person,
            label,
            on: date.date,
        });
    }
    Ok(())
}

/// The place among the document's interactions of the favour named `favour` (a promise kept,
/// an introduction made), refused at `place` when the document has no such interaction.
pub(super) fn favour_at(
    interactions: &HashMap<i64, usize>,
    favour: Option<i64>,
    place: String,
) -> Result<Option<usize>> {
    favour
        .map(|id| {
            interactions.get(&id).copied().ok_or_else(|| {
                Error::invalid(format!(
                    "{place}: no interaction with id {id} in the document"
                ))
            })
        })
        .transpose()
}
