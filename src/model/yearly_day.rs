//! A day that comes round every year: typed as people write it, shown by the month's name,
//! stored and exported in the standard forms.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Day, InvalidValue};

/// A day that comes round every year (a birthday, a work anniversary), with or without the
/// year it first happened. Stored and exported as `1985-04-02` or `--04-02` (the vCard
/// form); typed as `04-02`, `2 Apr`, `April 2`, `2 Apr 1985` or either stored form; shown
/// as "2 Apr" or "2 Apr 1985".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct YearlyDay {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

impl fmt::Display for YearlyDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(year) => write!(f, "{year:04}-{:02}-{:02}", self.month, self.day),
            None => write!(f, "--{:02}-{:02}", self.month, self.day),
        }
    }
}

impl YearlyDay {
    /// As a person reads it: "2 Apr", or "2 Apr 1985" with the year.
    pub fn shown(&self) -> String {
        let month = chrono::Month::try_from(u8::try_from(self.month).unwrap_or(0))
            .map_or("?", |m| &m.name()[..3]);
        match self.year {
            Some(year) => format!("{} {month} {year}", self.day),
            None => format!("{} {month}", self.day),
        }
    }

    /// The day from its parts, if there is such a day (29 February is, without a year).
    fn from_parts(year: Option<i32>, month: u32, day: u32) -> Option<YearlyDay> {
        // 2000 is a leap year, so 29 February without a year is accepted.
        NaiveDate::from_ymd_opt(year.unwrap_or(2000), month, day)?;
        Some(YearlyDay { year, month, day })
    }

    /// The day it falls on in `year`: 29 February is 28 February in a year without one.
    pub fn in_year(&self, year: i32) -> Option<Day> {
        NaiveDate::from_ymd_opt(year, self.month, self.day).or_else(|| {
            (self.month == 2 && self.day == 29)
                .then(|| NaiveDate::from_ymd_opt(year, 2, 28))
                .flatten()
        })
    }

    /// The next time it falls, `from` itself included.
    pub fn next_on_or_after(&self, from: Day) -> Option<Day> {
        use chrono::Datelike;
        let this_year = self.in_year(from.year())?;
        if this_year >= from {
            Some(this_year)
        } else {
            self.in_year(from.year() + 1)
        }
    }

    /// How old someone born on it is on `day`, when the year is known.
    pub fn age_on(&self, day: Day) -> Option<i32> {
        use chrono::Datelike;
        let year = self.year?;
        let had_it = self.in_year(day.year()).is_some_and(|d| d <= day);
        Some(day.year() - year - i32::from(!had_it))
    }
}

impl FromStr for YearlyDay {
    type Err = InvalidValue;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || {
            InvalidValue::new(format!(
                "bad date '{text}': use MM-DD or a day and month (5 Feb), with the year if \
                 known (YYYY-MM-DD, 5 Feb 1985)"
            ))
        };
        let number = |part: &str| part.parse::<u32>().ok();
        let text = text.trim();
        // The numeric forms: YYYY-MM-DD, --MM-DD (vCard) and MM-DD.
        let numeric: Vec<&str> = text.trim_start_matches("--").split('-').collect();
        let found = match numeric.as_slice() {
            [year, month, day] if year.len() == 4 && !text.starts_with('-') => year
                .parse::<i32>()
                .ok()
                .zip(number(month).zip(number(day)))
                .and_then(|(year, (month, day))| YearlyDay::from_parts(Some(year), month, day)),
            [month, day] if month.len() <= 2 && day.len() <= 2 => number(month)
                .zip(number(day))
                .and_then(|(month, day)| YearlyDay::from_parts(None, month, day)),
            _ => None,
        };
        found.or_else(|| with_month_name(text)).ok_or_else(bad)
    }
}

/// "5 Feb", "Feb 5", "5 February 1985", "February 5, 1985": a day and a month's name (in
/// English, whole or its first three letters), and the year after them if known.
fn with_month_name(text: &str) -> Option<YearlyDay> {
    let cleaned = text.replace(',', " ");
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let (first, second, year) = match words.as_slice() {
        [a, b] => (*a, *b, None),
        [a, b, year] if year.len() == 4 => (*a, *b, Some(year.parse::<i32>().ok()?)),
        _ => return None,
    };
    let month = |word: &str| {
        // chrono reads "feb" and "february"; "sept" is written too.
        let word = if word.eq_ignore_ascii_case("sept") {
            "sep"
        } else {
            word
        };
        word.parse::<chrono::Month>()
            .ok()
            .map(|m| m.number_from_month())
    };
    let day = |word: &str| word.parse::<u32>().ok();
    let (month, day) = match (day(first), month(second)) {
        (Some(day), Some(month)) => (month, day),
        _ => (month(first)?, day(second)?),
    };
    YearlyDay::from_parts(year, month, day)
}

impl Serialize for YearlyDay {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearlyDay {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}
