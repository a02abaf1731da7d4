//! The review's two give-first steps: the promises you made (and the dates coming up), and
//! someone you could help.

use super::{Item, ReviewInput, Section, Step, Subject};
use crate::insight::{Figures, OneSided, Status};
use crate::model::{Need, PersonId, Promise, YearlyDateId};

/// A date coming up for someone, as the review shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct DateSoon {
    pub person: PersonId,
    pub date: Option<YearlyDateId>,
    /// "birthday (turns 41)", "work anniversary (5 years)".
    pub what: String,
    /// "today", "on Friday", "on 12 Dec".
    pub when: String,
}

/// A favour received and not thanked for yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThanksDue {
    pub interaction: crate::model::InteractionId,
    /// Who did it (the first of them).
    pub person: PersonId,
    /// What it was: its note, or its kind.
    pub what: String,
    pub days_ago: i64,
}

/// The thanks step: favours received and not thanked for, the longest waiting first.
pub(super) fn thanks<'a>(
    input: &ReviewInput,
    figures_of: &dyn Fn(PersonId) -> Option<&'a Figures>,
) -> Section {
    let items = (input.thanks.iter())
        .filter_map(|due| {
            let f = figures_of(due.person)?;
            Some(Item::about(
                f,
                format!("{} ({})", due.what, crate::insight::span::ago(due.days_ago)),
                Subject::Thanks(due.interaction),
            ))
        })
        .collect();
    Section {
        step: Step::Thanks,
        items,
        more: 0,
    }
}

/// An open need, with the names of the people who could help, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct NeedHelp {
    pub need: Need,
    pub helpers: Vec<String>,
    /// One of your open offers that fits it.
    pub offer: Option<String>,
}

/// An introduction under way, as the review asks about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntroductionDue {
    pub id: crate::model::IntroductionId,
    pub need: crate::model::NeedId,
    /// The person with the need.
    pub person: PersonId,
    pub helper: String,
    pub need_text: String,
    pub stage: crate::model::IntroStage,
    /// Days since it was asked (asked) or made (made).
    pub days: i64,
}

/// How long after asking the review asks whether the helper said yes, and after making an
/// introduction whether they met: sooner is nagging.
const ASKED_WAIT_DAYS: i64 = 3;
const MADE_WAIT_DAYS: i64 = 7;

/// The first step: open promises, late first, then by their day (those without one last),
/// then the dates coming up, each with how long since you were in touch.
pub(super) fn promises_and_dates<'a>(
    input: &ReviewInput,
    figures_of: &dyn Fn(PersonId) -> Option<&'a Figures>,
) -> Section {
    let today = input.network.today;
    let mut promises: Vec<&Promise> = input.promises.iter().collect();
    let due_number = |p: &Promise| p.due.map(crate::model::date::day_number);
    promises.sort_by_key(|p| {
        let due = due_number(p);
        (due.is_none_or(|d| d >= today), due.is_none(), due, p.id)
    });
    let mut items = Vec::new();
    for promise in promises {
        let Some(f) = figures_of(promise.person) else {
            continue;
        };
        let when = match due_number(promise) {
            Some(due) if due < today => {
                format!("late {}", crate::insight::span::long(today - due))
            }
            Some(due) if due == today => "due today".to_string(),
            Some(due) => format!("due in {}", crate::insight::span::long(due - today)),
            None => "no date".to_string(),
        };
        items.push(Item::about(
            f,
            format!("promised: {} ({when})", promise.text),
            Subject::Promise(promise.id),
        ));
    }
    for date in input.dates {
        let Some(f) = figures_of(date.person) else {
            continue;
        };
        let since = match f.days_since {
            Some(days) => format!("{} since contact", crate::insight::span::long(days)),
            None => "never in touch".to_string(),
        };
        items.push(Item::about(
            f,
            format!("{} {}; {since}", date.what, date.when),
            Subject::Date(date.date),
        ));
    }
    Section {
        step: Step::Promises,
        items,
        more: 0,
    }
}

/// The second step: open needs of active ties, people you have been taking from first (the
/// most lopsided first), then the warmest; each with who could help.
pub(super) fn could_help<'a>(
    input: &ReviewInput,
    figures_of: &dyn Fn(PersonId) -> Option<&'a Figures>,
) -> Section {
    use crate::model::IntroStage;
    // Introductions waiting for news first: the loop closes ("did they meet?"), and a need
    // with one under way is not offered again.
    let mut items: Vec<Item> = (input.introductions.iter())
        .filter(|i| match i.stage {
            IntroStage::Asked => i.days >= ASKED_WAIT_DAYS,
            IntroStage::Made => i.days >= MADE_WAIT_DAYS,
            IntroStage::Met | IntroStage::Dropped => false,
        })
        .filter_map(|i| {
            let f = figures_of(i.person)?;
            let ago = crate::insight::span::ago(i.days);
            let detail = if i.stage == IntroStage::Asked {
                format!(
                    "did {} say yes? asked {ago} (for {})",
                    i.helper, i.need_text
                )
            } else {
                format!(
                    "did they meet? introduced to {} {ago} (for {})",
                    i.helper, i.need_text
                )
            };
            Some(Item::about(f, detail, Subject::Introduction(i.id)))
        })
        .collect();
    let under_way = |need: &NeedHelp| {
        (input.introductions.iter()).any(|i| i.need == need.need.id && i.stage.is_open())
    };
    let mut needs: Vec<(&NeedHelp, &Figures)> = input
        .needs
        .iter()
        .filter(|n| !under_way(n))
        .filter_map(|n| Some((n, figures_of(n.need.person)?)))
        .filter(|(_, f)| f.status == Status::Active)
        .collect();
    needs.sort_by(|(a, fa), (b, fb)| {
        let taking = |f: &Figures| f.one_sided == Some(OneSided::YouTake);
        taking(fb)
            .cmp(&taking(fa))
            .then(fa.ledger.balance().cmp(&fb.ledger.balance()))
            .then(fb.warmth.total_cmp(&fa.warmth))
            .then(a.need.id.cmp(&b.need.id))
    });
    items.extend(needs.into_iter().map(|(n, f)| {
        let helpers = match n.helpers.as_slice() {
            [] => "no one you know matches yet".to_string(),
            names => format!("could help: {}", names.join(", ")),
        };
        // Someone who has helped you a lot: this is the time to help back (no numbers).
        let taking = if f.one_sided == Some(OneSided::YouTake) {
            "; they have helped you a lot lately".to_string()
        } else {
            String::new()
        };
        // Your own offer first: giving it needs no one else.
        let offer = match &n.offer {
            Some(offer) => format!("offer {offer}; "),
            None => String::new(),
        };
        Item::about(
            f,
            format!("needs {}; {offer}{helpers}{taking}", n.need.text),
            Subject::Need(n.need.id),
        )
    }));
    Section {
        step: Step::CouldHelp,
        items,
        more: 0,
    }
}

/// Two people seen together, as the review asks whether they know each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TogetherDue {
    pub a: PersonId,
    pub b: PersonId,
    pub b_name: String,
    pub times: u32,
    pub days_ago: i64,
}

/// The step "Who knows whom": pairs seen together, most often first; each asked once, as
/// a row of the first person's about the second.
pub(super) fn together<'a>(
    input: &ReviewInput,
    figures_of: &dyn Fn(PersonId) -> Option<&'a Figures>,
) -> Section {
    let items = (input.together.iter())
        .filter_map(|t| {
            let f = figures_of(t.a)?;
            let detail = format!(
                "knows {}? together {} times, the last {}",
                t.b_name,
                t.times,
                crate::insight::span::ago(t.days_ago)
            );
            Some(Item::about(f, detail, Subject::Knows(t.a, t.b)))
        })
        .collect();
    Section {
        step: Step::Together,
        items,
        more: 0,
    }
}
