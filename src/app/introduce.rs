//! Introductions from the app: `i` on a need in the review opens the introduce form, filled
//! in with the best match; Enter records it (asked of the helper first, or made already).

use super::forms::{IntroduceField, IntroduceForm};
use super::state::App;
use crate::error::{Error, Result};
use crate::insight::review::{Step, Subject};
use crate::model::Size;
use crate::ops::resolve;

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
