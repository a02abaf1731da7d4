//! The document's offers and introductions (v13 on), held as the model's values: an offer
//! names nothing else; an introduction names its need, helper and favour by their ids in the
//! document. Each list is optional, so a document from before them still reads, and writes
//! back as it was.

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::model::introduction::stage_days_fit;
use crate::model::{DraftIntroduction, IntroStage, Introduction, NetworkDraft, Offer};

/// Adds offers and introductions to `draft` (whose needs are the document's, in its order,
/// `need_ids` their ids there), each checked and named by its place on a problem.
pub(super) fn into_draft(
    draft: &mut NetworkDraft,
    find: &dyn Fn(i64, String) -> Result<usize>,
    interactions: &HashMap<i64, usize>,
    need_ids: &[Option<i64>],
    offers: Vec<Offer>,
    introductions: Vec<Introduction>,
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
            ..offer
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
        let favour = super::give_first::favour_at(interactions, introduction.favour, at("favour"))?;
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
