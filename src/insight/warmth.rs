//! Warmth: `W = Σ kind_weight × size × 2^(−age_days / H)`.

use super::Contact;
use crate::config::KindWeights;
use crate::model::{KIND_COUNT, Kind, Size};

/// Warmth today, and the highest warmth ever reached (just after some interaction).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct WarmthTrack {
    pub now: f64,
    pub peak: f64,
}

/// What one contact adds to warmth, `kind_weight × size`, looked up by kind and size code:
/// the model's inner loop runs once per contact, a million times at scale.
pub struct Points([[f64; 3]; KIND_COUNT]);

impl Points {
    pub fn new(weights: &KindWeights) -> Points {
        let mut table = [[0.0; 3]; KIND_COUNT];
        for kind in Kind::ALL {
            for (i, size) in [Size::Small, Size::Hour, Size::Major]
                .into_iter()
                .enumerate()
            {
                table[usize::from(kind.code())][i] = weights.weight(kind) * f64::from(size.value());
            }
        }
        Points(table)
    }

    fn of(&self, contact: &Contact) -> f64 {
        let size = match contact.size {
            Size::Small => 0,
            Size::Hour => 1,
            Size::Major => 2,
        };
        self.0[usize::from(contact.kind.code())][size]
    }
}

/// Folds contacts (sorted by day, none after `today`) into warmth at `today` and its peak.
pub fn track(contacts: &[Contact], today: i64, half_life: f64, points: &Points) -> WarmthTrack {
    let mut warmth = 0.0_f64;
    let mut peak = 0.0_f64;
    let mut at = match contacts.first() {
        Some(first) => first.day,
        None => return WarmthTrack::default(),
    };
    for contact in contacts {
        if contact.day != at {
            // Warmth only rises within a day, so its peak is reached at a day's end.
            peak = peak.max(warmth);
            warmth *= decay(contact.day - at, half_life);
            at = contact.day;
        }
        warmth += points.of(contact);
    }
    peak = peak.max(warmth);
    WarmthTrack {
        now: warmth * decay(today - at, half_life),
        peak,
    }
}

fn decay(days: i64, half_life: f64) -> f64 {
    // Days are far below 2^52, so the conversion is exact.
    (-(days as f64) / half_life).exp2()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::model::Direction;

    fn contact(day: i64, kind: Kind, size: Size) -> Contact {
        Contact {
            day,
            kind,
            direction: Direction::Mutual,
            size,
        }
    }

    #[test]
    fn one_meeting_halves_every_half_life() {
        let weights = Points::new(&Config::default().model.kind_weights);
        let log = [contact(100, Kind::Meet, Size::Hour)];
        assert_eq!(track(&log, 100, 90.0, &weights).now, 6.0);
        assert!((track(&log, 190, 90.0, &weights).now - 3.0).abs() < 1e-12);
        assert!((track(&log, 280, 90.0, &weights).now - 1.5).abs() < 1e-12);
        assert_eq!(track(&log, 280, 90.0, &weights).peak, 6.0);
    }

    #[test]
    fn steady_contact_reaches_the_closed_form() {
        // Contact every Δ days converges to w·H/(Δ·ln 2) on average over a cycle.
        let weights = Points::new(&Config::default().model.kind_weights);
        let delta = 7;
        let log: Vec<_> = (0..400)
            .map(|i| contact(i * delta, Kind::Message, Size::Small))
            .collect();
        let end = 399 * delta;
        let mean: f64 = (0..delta)
            .map(|d| track(&log, end + d, 90.0, &weights).now)
            .sum::<f64>()
            / delta as f64;
        let expected = 90.0 / (delta as f64 * std::f64::consts::LN_2);
        assert!(
            (mean - expected).abs() / expected < 0.01,
            "{mean} vs {expected}"
        );
    }
}
