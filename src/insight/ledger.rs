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
            if contact.day <= from || contact.day > to || !contact.kind.is_favour() {
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
