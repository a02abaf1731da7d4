//! The quick-log form: saving it, and completing names as they are typed.

use super::forms::LogForm;
use super::state::{App, Overlay};
use crate::error::Result;
use crate::model::parse_date_expr;
use crate::ops::resolve;

impl App {
    pub(super) fn save_log(&mut self, form: &LogForm) -> Result<crate::ops::Logged> {
        // Names resolve against the people in memory, as the CLI resolves against the store.
        let names = match &form.fixed {
            Some((id, _)) => vec![format!("#{id}")],
            None => form.names(),
        };
        if names.is_empty() {
            return Err(crate::Error::invalid("who was it with? type a name"));
        }
        let people = names
            .iter()
            .map(|name| resolve::resolve(&self.people, name).cloned())
            .collect::<Result<Vec<_>>>()?;
        let day = parse_date_expr(form.date.value(), self.desk.today)?;
        self.desk.log(
            &people,
            form.direction,
            form.kind,
            form.size,
            day,
            form.note.value(),
        )
    }

    /// Names completing what is typed in the log form's `with` field.
    pub(super) fn suggest(&mut self) {
        let Some(Overlay::Log(form)) = &mut self.overlay else {
            return;
        };
        let typed = form
            .who
            .value()
            .rsplit(',')
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        form.suggestions = if typed.is_empty() {
            Vec::new()
        } else {
            resolve::fuzzy(&self.people, &typed, |p| p.name().to_string())
                .into_iter()
                .filter(|(_, p)| !p.data.archived)
                .take(5)
                .map(|(_, p)| p.name().to_string())
                .collect()
        };
    }
}
