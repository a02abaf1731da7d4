//! Introductions and who knows whom, from the review: `i` on a need opens the introduce form,
//! filled in with the best match (Enter records it: asked of the helper first, or made
//! already); `K` moves an introduction on and says two people seen together know each other;
//! `x` drops the introduction or dismisses the suggestion.

use super::forms::{IntroduceField, IntroduceForm};
use super::state::{App, Mark};
use crate::error::{Error, Result};
use crate::insight::review::{Item, Step, Subject};
use crate::model::{IntroStage, IntroductionId, LinkKind, Person, PersonId, Size};
use crate::ops::{IntroStep, resolve};

impl App {
    /// `i` on a need: the introduce form, with the best match to ask filled in (the name can
    /// be changed; both are chosen, so a namesake is never asked about).
    pub(super) fn review_introduce(&mut self) -> Result<()> {
        let Some(Subject::Need(id)) = self.review_mut().and_then(|r| r.selected_subject()) else {
            self.status = Some(format!(
                "That works on a need: the step {} lists them.",
                Step::CouldHelp.title()
            ));
            return Ok(());
        };
        let found = self.desk.helpers(id, 1)?;
        let helper = (found.helpers.first()).map(|h| (h.person.id, h.person.name.clone()));
        self.show(IntroduceForm::new(
            id,
            (found.need.person, found.name.clone()),
            found.need.text.clone(),
            helper,
        ));
        Ok(())
    }

    pub(super) fn save_introduce_form(&mut self, form: &IntroduceForm) -> Result<()> {
        let Some(typed) = form.people.names(&form.who).into_iter().next() else {
            return Err(Error::invalid("introduce them to whom? type a name"));
        };
        let helper = resolve::resolve(&self.people, &typed)?.clone();
        let (_, said) = self
            .desk
            .introduce(form.need, &helper, form.made, Size::Small)?;
        self.reload()?;
        self.status = Some(format!("{said}{}", self.undo_hint()));
        Ok(())
    }

    /// Names completing what is typed in the introduce form.
    pub(super) fn suggest_introduce(&mut self) {
        let Some(form) = self.overlay_as::<IntroduceForm>() else {
            return;
        };
        if form.field != IntroduceField::Who {
            return;
        }
        let offered = self.offer(form.who.value(), Some(form.person));
        if let Some(form) = self.overlay_as_mut::<IntroduceForm>() {
            form.people.suggestions = offered;
        }
    }
}

impl App {
    /// `K` (`keep`) or `x` on introductions in the review: asked → made (a favour to both),
    /// made → met (a link, the need done); or dropped. False when no target is one.
    pub(super) fn review_introductions(&mut self, targets: &[Item], keep: bool) -> Result<bool> {
        let ids: Vec<IntroductionId> = (targets.iter())
            .filter_map(|item| match item.subject {
                Some(Subject::Introduction(id)) => Some(id),
                _ => None,
            })
            .collect();
        if ids.is_empty() {
            return Ok(false);
        }
        let stages: std::collections::HashMap<i64, IntroStage> =
            (self.desk.introductions(false)?.into_iter())
                .map(|l| (l.introduction.id, l.introduction.stage))
                .collect();
        let mark = if keep { Mark::MovedOn } else { Mark::Dropped };
        let said = self.review_each(
            &ids,
            |&id| Subject::Introduction(id),
            mark,
            |desk, id| {
                let step = match (keep, stages.get(&id)) {
                    (false, _) => IntroStep::Dropped,
                    (true, Some(IntroStage::Asked)) => IntroStep::Made { size: Size::Small },
                    (true, _) => IntroStep::Met {
                        size: Size::Small,
                        keep_need: false,
                    },
                };
                desk.introduced(id, step)
            },
        )?;
        self.reload()?;
        let what = if keep {
            "introductions moved on"
        } else {
            "introductions dropped"
        };
        self.review_said(&said, what, ids.len());
        Ok(true)
    }

    /// `K` or `x` on people seen together: they know each other (a link), or the suggestion
    /// is dismissed for good. False when no target is one.
    pub(super) fn review_together(&mut self, targets: &[Item], yes: bool) -> Result<bool> {
        let pairs: Vec<(PersonId, PersonId)> = (targets.iter())
            .filter_map(|item| match item.subject {
                Some(Subject::Knows(a, b)) => Some((a, b)),
                _ => None,
            })
            .collect();
        if pairs.is_empty() {
            return Ok(false);
        }
        let pairs: Vec<_> = (pairs.iter())
            .filter_map(|&(a, b)| Some((self.person(a)?.clone(), self.person(b)?.clone())))
            .collect();
        let mark = if yes { Mark::Linked } else { Mark::Dismissed };
        let subject = |(a, b): &(Person, Person)| Subject::Knows(a.id, b.id);
        let said = self.review_each(&pairs, subject, mark, |desk, (a, b)| {
            if yes {
                desk.link(&a, LinkKind::Knows, &b)
            } else {
                desk.dismiss_link(&a, &b)
            }
        })?;
        self.reload()?;
        let what = if yes {
            "links added"
        } else {
            "suggestions dismissed"
        };
        self.review_said(&said, what, pairs.len());
        Ok(true)
    }
}
