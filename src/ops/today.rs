//! `tiesdesk today`: the morning's few lines. Dates this week, promises late or due, the
//! ties most overdue (then due) and whether the weekly review is due; nothing when there is
//! nothing.

use serde::Serialize;

use super::Desk;
use super::dates::Upcoming;
use super::promises::ListedPromise;
use crate::error::Result;
use crate::insight::{Due, Status};
use crate::model::date::day_from_number;
use crate::model::{Day, PersonId};

/// How far ahead dates and promise deadlines are shown: the coming week.
pub const WEEK_AHEAD: i64 = 6;
/// At most this many ties to reach out to.
pub const REACH_OUT_SHOWN: usize = 5;

/// A tie that is due, or overdue: time to reach out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReachOut {
    pub person: PersonId,
    pub name: String,
    pub days_since: i64,
    pub due_after_days: u32,
    pub layer: Option<usize>,
    pub overdue: bool,
}

/// Where the weekly review stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewDue {
    pub last_review: Option<Day>,
    pub days_since_review: Option<i64>,
    pub streak_weeks: usize,
    /// No review in the last seven days, and someone to review.
    pub due: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Morning {
    pub today: Day,
    pub dates: Vec<Upcoming>,
    pub late_promises: Vec<ListedPromise>,
    pub due_promises: Vec<ListedPromise>,
    /// Overdue ties first, the longest past due first; then those due.
    pub reach_out: Vec<ReachOut>,
    pub review: ReviewDue,
}

impl Morning {
    /// Whether there is anything to say.
    pub fn is_quiet(&self) -> bool {
        self.dates.is_empty()
            && self.late_promises.is_empty()
            && self.due_promises.is_empty()
            && self.reach_out.is_empty()
            && !self.review.due
    }
}

impl Desk {
    pub fn morning(&self) -> Result<Morning> {
        // One read transaction; the model runs on a second thread while this one reads the
        // dates, the promises and the reviews (as `list` does): a shell start-up file waits
        // for the slower of the two, not for both.
        self.store.read(|store| {
            let histories = store.histories()?;
            let (network, read) = self.evaluate_while(&histories, || {
                Ok((
                    self.upcoming(WEEK_AHEAD)?,
                    self.promises(false)?,
                    store.last_review_day()?,
                    self.streak()?,
                ))
            })?;
            self.morning_of(&network, read)
        })
    }

    /// The morning from the model and what was read beside it.
    fn morning_of(
        &self,
        network: &crate::insight::Network,
        (dates, promises, last, streak_weeks): (
            Vec<Upcoming>,
            Vec<ListedPromise>,
            Option<i64>,
            usize,
        ),
    ) -> Result<Morning> {
        let today = self.today;
        let (late_promises, due_promises): (Vec<_>, Vec<_>) = promises
            .into_iter()
            .filter(|p| p.late || p.promise.is_due_within(today, WEEK_AHEAD))
            .partition(|p| p.late);
        let mut due: Vec<(bool, i64, &crate::insight::Figures)> = network
            .figures
            .iter()
            .filter(|f| f.due != Due::No && f.status != Status::Archived)
            .filter_map(|f| {
                let past = f.days_since? - i64::from(f.due_after_days?);
                Some((f.due == Due::Overdue, past, f))
            })
            .collect();
        // Overdue first, the longest past due first; the inner layer first among equals.
        due.sort_by_key(|&(overdue, past, f)| (!overdue, std::cmp::Reverse(past), f.layer, f.id));
        let mut reach_out = Vec::new();
        for (overdue, _, f) in due.into_iter().take(REACH_OUT_SHOWN) {
            let Some(person) = self.store.person(f.id)? else {
                continue;
            };
            reach_out.push(ReachOut {
                person: f.id,
                name: person.name().to_string(),
                days_since: f.days_since.unwrap_or(0),
                due_after_days: f.due_after_days.unwrap_or(0),
                layer: f.layer,
                overdue,
            });
        }
        let days_since_review = last.map(|d| network.today - d);
        let review = ReviewDue {
            last_review: last.and_then(day_from_number),
            days_since_review,
            streak_weeks,
            due: network.summary.active > 0 && days_since_review.is_none_or(|d| d >= 7),
        };
        Ok(Morning {
            today,
            dates,
            late_promises,
            due_promises,
            reach_out,
            review,
        })
    }
}
