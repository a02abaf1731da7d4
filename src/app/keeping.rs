//! How a person is kept, from their page: `o` puts them on call (kept passively, never due,
//! apart from the ~150) or back in touch. One change, one undo.

use super::state::App;
use crate::error::Result;
use crate::model::PersonPatch;

impl App {
    pub(super) fn toggle_on_call(&mut self) -> Result<()> {
        let Some(person) = self.current_person().cloned() else {
            return Ok(());
        };
        let on_call = !person.data.on_call;
        let patch = PersonPatch {
            on_call: Some(on_call),
            ..PersonPatch::default()
        };
        let person = self.desk.edit(&person, &patch)?;
        self.reload()?;
        let said = if on_call {
            format!(
                "{} is on call: kept passively, never due, apart from your ~150",
                person.name()
            )
        } else {
            format!(
                "{} is back among the people you keep in touch with",
                person.name()
            )
        };
        self.status = Some(format!("{said}{}", self.undo_hint()));
        Ok(())
    }
}
