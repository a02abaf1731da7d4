//! The review's steps, in the order it walks them, with what each is called and asks.

use serde::Serialize;

/// The review's steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Promises,
    Thanks,
    CouldHelp,
    ThisWeek,
    YouTake,
    StartedByTaking,
    Due,
    Reconnect,
    Together,
    PaperTies,
}

impl Step {
    pub const ALL: [Step; 10] = [
        Step::Promises,
        Step::Thanks,
        Step::CouldHelp,
        Step::ThisWeek,
        Step::YouTake,
        Step::StartedByTaking,
        Step::Due,
        Step::Reconnect,
        Step::Together,
        Step::PaperTies,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Step::Promises => "Promises you made, and dates",
            Step::Thanks => "Help you haven't thanked for",
            Step::CouldHelp => "Someone you could help",
            Step::ThisWeek => "This week",
            Step::YouTake => "Give first",
            Step::StartedByTaking => "New ties that started with taking",
            Step::Due => "Due and overdue",
            Step::Reconnect => "Reconnect",
            Step::Together => "Who knows whom",
            Step::PaperTies => "Paper ties from recent imports",
        }
    }

    /// What the step asks of you.
    pub fn prompt(self) -> &'static str {
        match self {
            Step::Promises => {
                "Keep, move or drop what you promised. A date coming up is a reason to write."
            }
            Step::Thanks => {
                "A thank-you means more than people expect. Said it? Mark it; if not, say it."
            }
            Step::CouldHelp => {
                "Introductions waiting for news, then what your ties are looking for. Give it."
            }
            Step::ThisWeek => {
                "What you logged in the last seven days. Anything missing? Log it now."
            }
            Step::YouTake => {
                "They have helped you a lot lately. Thank them; then give what they need."
            }
            Step::StartedByTaking => {
                "These new ties began with a favour to you. Give something first."
            }
            Step::Due => {
                "Closest layers first; those on call, a touch a year. A message is enough."
            }
            Step::Reconnect => {
                "Quiet for a long time, worth a short note: dormant ties often help most."
            }
            Step::Together => "Seen together in your meetings and mail. Do they know each other?",
            Step::PaperTies => {
                "Imported, never engaged. Keep the ones you mean to know; archive the rest."
            }
        }
    }
}
