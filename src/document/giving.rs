//! The document's offers and introductions (v13 on). Each list is optional, so a document
//! from before them still reads, and writes back as it was.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::introduction::stage_days_fit;
use crate::model::{Day, DraftIntroduction, IntroStage, Introduction, NetworkDraft, Offer};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocOffer {
    #[serde(default)]
    pub id: Option<i64>,
    pub text: String,
    #[serde(default)]
    pub tags: Vec<String>,
    pub made_on: Day,
    #[serde(default)]
    pub done_on: Option<Day>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocIntroduction {
    #[serde(default)]
    pub id: Option<i64>,
    /// The need's `id` in this document.
    pub need: i64,
    /// The helper's `id` in this document.
    pub helper: i64,
    pub stage: IntroStage,
    pub asked_on: Day,
    #[serde(default)]
    pub made_on: Option<Day>,
    #[serde(default)]
    pub met_on: Option<Day>,
    #[serde(default)]
    pub closed_on: Option<Day>,
    /// The interaction (its `id` in this document) logged when it was made.
    #[serde(default)]
    pub favour: Option<i64>,
}

/// Every offer and introduction in the database, in id order.
pub(super) fn from_stored(
    offers: Vec<Offer>,
    introductions: Vec<Introduction>,
) -> (Vec<DocOffer>, Vec<DocIntroduction>) {
    let offers = offers
        .into_iter()
        .map(|o| DocOffer {
            id: Some(o.id),
            text: o.text,
            tags: o.tags,
            made_on: o.made_on,
            done_on: o.done_on,
        })
        .collect();
    let introductions = introductions
        .into_iter()
        .map(|i| DocIntroduction {
            id: Some(i.id),
            need: i.need,
            helper: i.helper,
            stage: i.stage,
            asked_on: i.asked_on,
            made_on: i.made_on,
            met_on: i.met_on,
            closed_on: i.closed_on,
            favour: i.favour,
        })
        .collect();
    (offers, introductions)
}

/// Adds offers and introductions to `draft` (whose needs are the document's, in its order,
/// `need_ids` their ids there), each checked and named by its place on a problem.
pub(super) fn into_draft(
    draft: &mut NetworkDraft,
    find: &dyn Fn(i64, String) -> Result<usize>,
    interactions: &HashMap<i64, usize>,
    need_ids: &[Option<i64>],
    offers: Vec<DocOffer>,
    introductions: Vec<DocIntroduction>,
) -> Result<()> {
    for (i, offer) in offers.into_iter().enumerate() {
        let at = |field: &str| format!("offers[{i}].{field}");
        let text = crate::model::offer::offer_text(&offer.text)
            .map_err(|e| Error::invalid(format!("{}: {e}", at("text"))))?;
        let tags = crate::model::need::need_tags(&offer.tags)
            .map_err(|e| Error::invalid(format!("{}: {e}", at("tags"))))?;
        draft.offers.push(Offer {
            id: 0,
            text,
            tags,
            made_on: offer.made_on,
            done_on: offer.done_on,
        });
    }
    for (i, introduction) in introductions.into_iter().enumerate() {
        let at = |field: &str| format!("introductions[{i}].{field}");
        let need = (need_ids.iter())
            .position(|id| *id == Some(introduction.need))
            .ok_or_else(|| {
                Error::invalid(format!(
                    "{}: no need with id {} in the document",
                    at("need"),
                    introduction.need
                ))
            })?;
        let helper = find(introduction.helper, at("helper"))?;
        if !stage_days_fit(
            introduction.stage,
            introduction.made_on,
            introduction.met_on,
            introduction.closed_on,
        ) {
            return Err(Error::invalid(format!(
                "{}: an introduction {} has {}",
                at("stage"),
                introduction.stage.as_str(),
                match introduction.stage {
                    IntroStage::Asked => "no made_on, met_on or closed_on",
                    IntroStage::Made => "made_on, and no met_on or closed_on",
                    IntroStage::Met => "made_on and met_on, and no closed_on",
                    IntroStage::Dropped => "closed_on, and no met_on",
                }
            )));
        }
        let favour = match introduction.favour {
            Some(id) => Some(interactions.get(&id).copied().ok_or_else(|| {
                Error::invalid(format!(
                    "{}: no interaction with id {id} in the document",
                    at("favour")
                ))
            })?),
            None => None,
        };
        draft.introductions.push(DraftIntroduction {
            need,
            helper,
            stage: introduction.stage,
            asked_on: introduction.asked_on,
            made_on: introduction.made_on,
            met_on: introduction.met_on,
            closed_on: introduction.closed_on,
            favour,
        });
    }
    Ok(())
}
