//! Giving first from the app: one small form on a person for a promise (what you will do,
//! and by when), a need (what they are looking for, and tags) or a yearly date (a label, and
//! the day).

use super::forms::{GiveForm, Giving};
use super::state::App;
use crate::error::{Error, Result};
use crate::model::YearlyDay;
use crate::model::date::parse_deadline;

impl App {
    pub(super) fn open_give_form(&mut self, giving: Giving) {
        if let Some(person) = self.current_person() {
            self.show(GiveForm::new(giving, person));
        }
    }

    pub(super) fn save_give_form(&mut self, form: &GiveForm) -> Result<()> {
        match form.giving {
            Giving::Promise => self.save_promise(form),
            Giving::Need | Giving::Date => {
                let person = self
                    .person(form.person)
                    .cloned()
                    .ok_or_else(|| Error::UnknownName(form.name.clone()))?;
                let said = if form.giving == Giving::Need {
                    let tags: Vec<String> = form
                        .second
                        .value()
                        .split([' ', ','])
                        .map(String::from)
                        .collect();
                    self.desk.need(&person, form.text.value(), &tags)?.1
                } else {
                    let on: YearlyDay = form.second.value().trim().parse()?;
                    self.desk.add_date(&person, form.text.value(), on)?
                };
                self.reload()?;
                self.status = Some(format!("{said}{}", self.undo_hint()));
                Ok(())
            }
        }
    }

    fn save_promise(&mut self, form: &GiveForm) -> Result<()> {
        let by = form.second.value().trim();
        let due = if by.is_empty() {
            None
        } else {
            Some(parse_deadline(by, self.desk.today)?)
        };
        let person = self
            .person(form.person)
            .cloned()
            .ok_or_else(|| Error::UnknownName(form.name.clone()))?;
        let (promise, _) = self.desk.promise(&person, form.text.value(), due)?;
        self.reload()?;
        // Short, to fit the status line: the page lists the promise itself.
        let by = promise.due.map(|d| format!(" by {d}")).unwrap_or_default();
        self.status = Some(format!(
            "Promised {} #{}{by}{}",
            person.name(),
            promise.id,
            self.undo_hint()
        ));
        Ok(())
    }
}
