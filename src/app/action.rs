//! Everything a person can do in the app. Keys map to these through the keymap; `App::update`
//! is the only place that carries them out.

use std::str::FromStr;

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    MoveDown,
    MoveUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Open,
    Back,
    Quit,
    /// Log with the selected person: you gave.
    Gave,
    /// Log with the selected person: they gave.
    Received,
    /// Log with the selected person: you met.
    Met,
    /// Log with anyone (the form asks who).
    Log,
    Add,
    Edit,
    Archive,
    Search,
    Undo,
    /// Sync with the other machines now (as `tiesdesk sync`).
    Sync,
    Help,
    NextField,
    PreviousField,
    NextChoice,
    PreviousChoice,
    Submit,
    Cancel,
    /// Ctrl-C on an overlay: closes it, asking first (a second Ctrl-C) when text was typed.
    Close,
    Confirm,
    /// Open (and, the first time, fill) a separate demo database.
    Demo,
    /// Start the weekly review.
    Review,
    NextStep,
    PreviousStep,
    SnoozeWeek,
    SnoozeMonth,
    /// Snooze until a date typed in a small form.
    SnoozeUntil,
    /// Move past a review item (or the picked ones) without acting on it.
    Skip,
    /// In the review: pick the row (Space); the next action works on every picked row.
    Pick,
    /// Archive every paper tie the review lists (asks first).
    ArchiveAll,
    /// Finish the review and record it.
    Finish,
    /// Import people from a LinkedIn, vCard or Google Contacts file.
    Import,
    /// Fold another record of the open person into them (asks whom, then asks first).
    Merge,
    /// Add or remove a link between the open person and someone else.
    Link,
    /// Who can introduce me to a person, a company or a tag.
    Intro,
    /// Promise the selected or open person something (what, and by when).
    Promise,
    /// In the review: the selected promise is kept (a favour given, one undo); a paper tie
    /// is kept as it is (reviews stop asking).
    #[serde(alias = "keep_promise")]
    Keep,
    /// In the review: the selected promise is dropped; a paper tie is archived.
    #[serde(alias = "drop_promise")]
    LetGo,
    /// In the review: log the introduction that answers the selected need (the log form,
    /// filled in with its person and the best match).
    Introduce,
    /// Note what the open person is looking for (and tags to match helpers by).
    Need,
    /// Add a yearly date to the open person (a label and the day).
    AddDate,
    /// Move the dashboard's focus to the next list (people, Give first, Reconnect).
    NextPane,
    PreviousPane,
    /// Change the timeline entry selected on a person's page (the log form, filled in).
    EditEntry,
    /// Delete the timeline entry selected on a person's page (asks first).
    DeleteEntry,
    /// In a mail or calendar report: add the unknown people with contact both ways.
    AddPeople,
    /// In a mail or calendar report: add the selected correspondent.
    AddThis,
    /// In a mail or calendar report: give the selected address to someone you know.
    Attach,
    /// In a mail or calendar report: never list the selected address again.
    IgnoreAddress,
    /// A favour received is thanked for: the review's thanks row (or those picked), or the
    /// timeline entry selected on a person's page (one undo).
    Thanked,
    /// On a person's page: the favours in numbers, by quarter, shown or hidden again (they
    /// stay out of sight until asked for: tiesdesk keeps no score on screen).
    Ledger,
    /// On a person's page: kept on call (never due, apart from the ~150), or back in touch.
    OnCall,
    /// Explicitly bound to nothing (a user's way to free a key).
    None,
}

impl Action {
    /// The name `config.toml` uses for it ("move_down", "gave").
    pub fn name(self) -> String {
        let mut name = String::new();
        for (at, c) in format!("{self:?}").chars().enumerate() {
            if c.is_ascii_uppercase() {
                if at > 0 {
                    name.push('_');
                }
                name.push(c.to_ascii_lowercase());
            } else {
                name.push(c);
            }
        }
        name
    }
}

impl FromStr for Action {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Action::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(text))
            .map_err(|_| format!("unknown action '{text}'"))
    }
}

#[cfg(test)]
mod tests {
    use super::Action;
    use crate::app::{Context, Keymap};

    #[test]
    fn every_bound_action_is_named_as_config_toml_writes_it() {
        let keymap =
            Keymap::new(&std::collections::BTreeMap::new()).unwrap_or_else(|e| panic!("{e}"));
        let mut seen = 0;
        for context in Context::ALL {
            for binding in keymap.bindings(context) {
                let name = binding.action.name();
                assert_eq!(name.parse::<Action>(), Ok(binding.action), "{name}");
                seen += 1;
            }
        }
        assert!(seen > 50, "{seen} bindings");
        assert_eq!(Action::MoveDown.name(), "move_down");
        assert_eq!(Action::PreviousChoice.name(), "previous_choice");
    }
}
