//! Introductions through the one door, in the stages they really go through: you ask the
//! helper first, then make the introduction (a favour given to both), then hear that they met
//! (they know each other now, and the need may be done). Dropped when it does not happen.

use super::Desk;
use crate::error::{Error, Result};
use crate::model::{
    Direction, IntroStage, Introduction, IntroductionId, Kind, Link, LinkKind, ListedIntroduction,
    NeedId, NewInteraction, Person, Size,
};
use crate::store::IntroWrites;

/// Where an introduction moves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntroStep {
    /// You made it: a favour given to both.
    Made { size: Size },
    /// They met: a link, and the need done unless `keep_need` (made too, if it was only asked).
    Met { size: Size, keep_need: bool },
    /// It will not happen.
    Dropped,
}

impl Desk {
    /// Records that you asked `helper` about meeting the person with need `id` (or, with
    /// `made`, that you introduced them already: a favour given to both, `size` each).
    pub fn introduce(
        &mut self,
        id: NeedId,
        helper: &Person,
        made: bool,
        size: Size,
    ) -> Result<(Introduction, String)> {
        let need = self.open_need(id)?;
        if helper.id == need.person {
            return Err(Error::invalid(format!(
                "need #{id} is {}'s own; introduce them to someone else",
                helper.name()
            )));
        }
        let name = self.person_name(need.person)?;
        let favour = made.then(|| NewInteraction {
            day: self.today,
            people: vec![need.person, helper.id],
            kind: Kind::Intro,
            direction: Direction::Gave,
            size,
            note: format!("for: {}", need.text),
        });
        let sentence = if made {
            format!(
                "Introduced {name} to {} (for {}): a favour to both",
                helper.name(),
                need.text
            )
        } else {
            format!(
                "Asked {} about meeting {name} (for {})",
                helper.name(),
                need.text
            )
        };
        let introduction = self
            .store
            .add_introduction(id, helper.id, self.today, favour, &sentence)?;
        let said = format!("{sentence}; introduction #{}", introduction.id);
        Ok((introduction, said))
    }

    /// Introductions still going (asked, or made and not yet met), or all, in the order asked.
    pub fn introductions(&self, include_closed: bool) -> Result<Vec<ListedIntroduction>> {
        self.store.introductions(include_closed)
    }

    /// Moves introduction `id` on a stage; what was done, in a sentence.
    pub fn introduced(&mut self, id: IntroductionId, step: IntroStep) -> Result<String> {
        let listed = self.store.listed_introduction(id)?.ok_or_else(|| {
            Error::invalid(format!(
                "no introduction #{id} (the ids are in `tiesdesk introductions --all`)"
            ))
        })?;
        let today = self.today;
        let (person, helper) = (listed.person, listed.introduction.helper);
        let favour = |size: Size| NewInteraction {
            day: today,
            people: vec![person, helper],
            kind: Kind::Intro,
            direction: Direction::Gave,
            size,
            note: format!("for: {}", listed.need_text),
        };
        let who = format!("{} and {}", listed.name, listed.helper_name);
        let mut said = String::new();
        self.store.advance_introduction(id, |before| {
            let mut after = before.clone();
            let mut writes = IntroWrites::default();
            let refused = |what: &str| {
                let when = match before.stage {
                    IntroStage::Asked => before.asked_on,
                    IntroStage::Made => before.made_on.unwrap_or(before.asked_on),
                    IntroStage::Met => before.met_on.unwrap_or(before.asked_on),
                    IntroStage::Dropped => before.closed_on.unwrap_or(before.asked_on),
                };
                Err(Error::invalid(format!(
                    "introduction #{id} was {} on {when}; it cannot be {what} now",
                    before.stage.as_str()
                )))
            };
            match step {
                IntroStep::Made { size } => {
                    if before.stage != IntroStage::Asked {
                        return refused("made");
                    }
                    after.stage = IntroStage::Made;
                    after.made_on = Some(today);
                    writes.favour = Some(favour(size));
                    said = format!(
                        "Introduced {} to {} (for {}): a favour to both",
                        listed.name, listed.helper_name, listed.need_text
                    );
                }
                IntroStep::Met { size, keep_need } => {
                    if !before.stage.is_open() {
                        return refused("met");
                    }
                    if before.stage == IntroStage::Asked {
                        after.made_on = Some(today);
                        writes.favour = Some(favour(size));
                    }
                    after.stage = IntroStage::Met;
                    after.met_on = Some(today);
                    writes.link = Some(Link::new(person, helper, LinkKind::Knows)?);
                    writes.finish_need = !keep_need;
                    said = if keep_need {
                        format!("{who} met: they know each other now")
                    } else {
                        format!(
                            "{who} met: they know each other now, and need #{} is done",
                            before.need
                        )
                    };
                }
                IntroStep::Dropped => {
                    if !before.stage.is_open() {
                        return refused("dropped");
                    }
                    after.stage = IntroStage::Dropped;
                    after.closed_on = Some(today);
                    said = format!(
                        "Dropped the introduction of {} to {}",
                        listed.name, listed.helper_name
                    );
                }
            }
            Ok((after, writes, said.clone()))
        })?;
        Ok(said)
    }
}
