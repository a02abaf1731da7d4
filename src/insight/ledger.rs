//! The favour ledger: favours given and received over a trailing window.

use super::Contact;
use crate::model::Direction;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Ledger {
    /// Summed sizes of favours you gave in the window.
    pub given: u32,
    /// Summed sizes of favours you received in the window.
    pub received: u32,
    /// How many favours (of any direction) fell in the window.
    pub favours: u32,
    /// How many of them you received (mutual ones included).
    pub favours_received: u32,
}

impl Ledger {
    /// Favour kinds on days in `(from, to]`. A mutual favour is a trade: it counts both ways.
    pub fn over(contacts: &[Contact], from: i64, to: i64) -> Ledger {
        let mut ledger = Ledger::default();
        for contact in contacts {
            if i64::from(contact.day) <= from
                || i64::from(contact.day) > to
                || !contact.kind.is_favour()
            {
                continue;
            }
            let size = u32::from(contact.size.value());
            ledger.favours += 1;
            match contact.direction {
                Direction::Gave => ledger.given += size,
                Direction::Received => {
                    ledger.received += size;
                    ledger.favours_received += 1;
                }
                Direction::Mutual => {
                    ledger.given += size;
                    ledger.received += size;
                    ledger.favours_received += 1;
                }
            }
        }
        ledger
    }

    pub fn balance(&self) -> i64 {
        i64::from(self.given) - i64::from(self.received)
    }

    /// Your share of the giving, `G / (G + R)`; `None` with no favours.
    pub fn give_share(&self) -> Option<f64> {
        let total = self.given + self.received;
        (total > 0).then(|| f64::from(self.given) / f64::from(total))
    }
}

/// Favours given and received in one calendar quarter.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct QuarterLedger {
    /// "2026 Q3".
    pub quarter: String,
    pub given: u32,
    pub received: u32,
}

/// The favour ledger by calendar quarter: the `count` quarters up to and including today's,
/// oldest first (summed sizes; a mutual favour counts both ways, as in [`Ledger::over`]).
pub fn by_quarter(contacts: &[Contact], today: i64, count: usize) -> Vec<QuarterLedger> {
    use chrono::Datelike;
    let Some(today) = crate::model::date::day_from_number(today) else {
        return Vec::new();
    };
    let quarter_of = |year: i32, month: u32| i64::from(year) * 4 + i64::from((month - 1) / 3);
    let now = quarter_of(today.year(), today.month());
    let first = now - count as i64 + 1;
    let mut quarters: Vec<QuarterLedger> = (first..=now)
        .map(|q| QuarterLedger {
            quarter: format!("{} Q{}", q.div_euclid(4), q.rem_euclid(4) + 1),
            given: 0,
            received: 0,
        })
        .collect();
    for contact in contacts.iter().filter(|c| c.kind.is_favour()) {
        let Some(day) = crate::model::date::day_from_number(i64::from(contact.day)) else {
            continue;
        };
        let q = quarter_of(day.year(), day.month());
        let Some(slot) = usize::try_from(q - first)
            .ok()
            .and_then(|i| quarters.get_mut(i))
        else {
            continue;
        };
        let size = u32::from(contact.size.value());
        if contact.direction != Direction::Received {
            slot.given += size;
        }
        if contact.direction != Direction::Gave {
            slot.received += size;
        }
    }
    quarters
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::{day_number, parse_iso_date};
    use crate::model::{Kind, Size};

    fn on(date: &str, kind: Kind, direction: Direction, size: Size) -> Contact {
        Contact::on(parse_iso_date(date).unwrap(), kind, direction, size)
    }

    #[test]
    fn quarters_count_favours_only_by_size_and_direction() {
        let today = day_number(parse_iso_date("2026-11-25").unwrap());
        let contacts = [
            on("2025-12-31", Kind::Favour, Direction::Gave, Size::Small), // 2025 Q4
            on("2026-01-01", Kind::Advice, Direction::Received, Size::Hour), // 2026 Q1
            on("2026-10-02", Kind::Gift, Direction::Mutual, Size::Small), // 2026 Q4, both ways
            on("2026-10-03", Kind::Meet, Direction::Gave, Size::Major),   // not a favour
            on("2025-01-01", Kind::Favour, Direction::Gave, Size::Major), // before the window
        ];
        let quarters = by_quarter(&contacts, today, 5);
        let shown: Vec<(&str, u32, u32)> = quarters
            .iter()
            .map(|q| (q.quarter.as_str(), q.given, q.received))
            .collect();
        assert_eq!(
            shown,
            vec![
                ("2025 Q4", 1, 0),
                ("2026 Q1", 0, 2),
                ("2026 Q2", 0, 0),
                ("2026 Q3", 0, 0),
                ("2026 Q4", 1, 1)
            ]
        );
    }
}
