//! Once a year, in the reviews around the turn of the year, one line for the whole network:
//! how often you were helped, by how many people, and how often you helped. Never per person
//! and never as a balance: a look back at how much giving went on.

use chrono::Datelike;
use serde::Serialize;

use crate::insight::Histories;
use crate::model::Direction;
use crate::model::date::{day_from_number, day_number};

/// A year's favours, over everyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct YearOfFavours {
    pub year: i32,
    /// Favours received, and from how many people.
    pub received: usize,
    pub helpers: usize,
    /// Favours given, and to how many people.
    pub gave: usize,
    pub helped: usize,
}

impl YearOfFavours {
    /// "2026: helped 14× by 9 people; you helped 11× (12 people)".
    pub fn line(&self) -> String {
        let people = |n: usize| {
            if n == 1 {
                "1 person".to_string()
            } else {
                format!("{n} people")
            }
        };
        format!(
            "{}: helped {}× by {}; you helped {}× ({})",
            self.year,
            self.received,
            people(self.helpers),
            self.gave,
            people(self.helped)
        )
    }
}

/// The year a review on `today` looks back on: from 1 December to 7 January, the year ending
/// (or just ended), from its first day to today.
fn looking_back(today: i64) -> Option<(i32, i64, i64)> {
    let day = day_from_number(today)?;
    let year = match (day.month(), day.day()) {
        (12, _) => day.year(),
        (1, 1..=7) => day.year() - 1,
        _ => return None,
    };
    let first = day_number(chrono::NaiveDate::from_ymd_opt(year, 1, 1)?);
    let last = day_number(chrono::NaiveDate::from_ymd_opt(year, 12, 31)?).min(today);
    Some((year, first, last))
}

/// The year's favours, when `today` is in the season for it.
pub fn year_of_favours(histories: &Histories, today: i64) -> Option<YearOfFavours> {
    let (year, first, last) = looking_back(today)?;
    let mut counted = YearOfFavours {
        year,
        received: 0,
        helpers: 0,
        gave: 0,
        helped: 0,
    };
    for (index, person) in histories.people.iter().enumerate() {
        if person.archived {
            continue;
        }
        let contacts = histories.contacts_of(index);
        // Contacts are in day order: the year is one run of them.
        let start = contacts.partition_point(|c| i64::from(c.day) < first);
        let end = contacts.partition_point(|c| i64::from(c.day) <= last);
        let (mut received, mut gave) = (0, 0);
        for contact in contacts.get(start..end).unwrap_or(&[]) {
            if !contact.kind.is_favour() {
                continue;
            }
            match contact.direction {
                Direction::Received => received += 1,
                Direction::Gave => gave += 1,
                Direction::Mutual => {}
            }
        }
        counted.received += received;
        counted.gave += gave;
        counted.helpers += usize::from(received > 0);
        counted.helped += usize::from(gave > 0);
    }
    Some(counted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::fixtures::{contact, person};
    use crate::model::Kind;

    fn day(text: &str) -> i64 {
        day_number(crate::model::date::parse_iso_date(text).unwrap_or_default())
    }

    #[test]
    fn the_year_is_looked_back_on_around_its_turn_only() {
        assert_eq!(looking_back(day("2026-12-01")).map(|y| y.0), Some(2026));
        assert_eq!(looking_back(day("2027-01-07")).map(|y| y.0), Some(2026));
        assert_eq!(looking_back(day("2027-01-08")), None);
        assert_eq!(looking_back(day("2026-11-30")), None);
        let (_, first, last) = looking_back(day("2026-12-06")).unwrap_or_default();
        assert_eq!((first, last), (day("2026-01-01"), day("2026-12-06")));
    }

    #[test]
    fn favours_of_the_year_are_counted_over_everyone() {
        let today = day("2026-12-06");
        // `contact` takes days before its fixed today; place these relative to ours.
        let at = |date: &str, kind, direction| {
            let mut c = contact(0, kind, direction);
            c.day = day(date) as i32;
            c
        };
        let histories = Histories::from_parts(
            vec![person(1), person(2), person(3)],
            vec![
                (1, at("2026-03-01", Kind::Favour, Direction::Received)),
                (1, at("2026-06-01", Kind::Advice, Direction::Received)),
                (1, at("2026-07-01", Kind::Favour, Direction::Gave)),
                (2, at("2026-02-01", Kind::Intro, Direction::Gave)),
                (2, at("2026-04-01", Kind::Meet, Direction::Received)),
                // Last year, and a mutual favour: not counted.
                (3, at("2025-12-30", Kind::Favour, Direction::Received)),
                (3, at("2026-05-01", Kind::Favour, Direction::Mutual)),
            ],
        );
        let year = year_of_favours(&histories, today);
        assert_eq!(
            year,
            Some(YearOfFavours {
                year: 2026,
                received: 2,
                helpers: 1,
                gave: 2,
                helped: 2,
            })
        );
        assert_eq!(
            year.map(|y| y.line()).unwrap_or_default(),
            "2026: helped 2× by 1 person; you helped 2× (2 people)"
        );
        assert_eq!(year_of_favours(&histories, day("2026-11-06")), None);
    }
}
