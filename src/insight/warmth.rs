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
        Some(first) => i64::from(first.day),
        None => return WarmthTrack::default(),
    };
    for contact in contacts {
        if i64::from(contact.day) != at {
            // Warmth only rises within a day, so its peak is reached at a day's end.
            peak = peak.max(warmth);
            warmth *= decay(i64::from(contact.day) - at, half_life);
            at = i64::from(contact.day);
        }
        warmth += points.of(contact);
    }
    peak = peak.max(warmth);
    WarmthTrack {
        now: warmth * decay(today - at, half_life),
        peak,
    }
}

/// Warmth at `samples` days `every` days apart, the last one `today`, oldest first: how a
/// relationship warmed and cooled, to draw. `contacts` may come in any order.
pub fn series(
    contacts: &[Contact],
    today: i64,
    half_life: f64,
    points: &Points,
    every: i64,
    samples: usize,
) -> Vec<f64> {
    let mut sorted = contacts.to_vec();
    sorted.sort_by_key(|c| i64::from(c.day));
    (0..samples)
        .map(|k| {
            let day = today - every * (samples - 1 - k) as i64;
            let upto = sorted.partition_point(|c| i64::from(c.day) <= day);
            track(&sorted[..upto], day, half_life, points).now
        })
        .collect()
}

/// A row of block characters, one per value, scaled to the largest: a sparkline that fits
/// in a line of text ("▁▂▄█▆▃"). Zero is a space; anything above it at least `▁`.
pub fn sparkline(values: &[f64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let top = values.iter().copied().fold(0.0_f64, f64::max);
    values
        .iter()
        .map(|&v| {
            if v <= 0.0 || top <= 0.0 {
                ' '
            } else {
                let step = ((v / top) * 7.0).round() as usize;
                BARS[step.min(7)]
            }
        })
        .collect()
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
            day: day as i32,
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
    fn a_series_rises_with_contact_and_fades_after() {
        let weights = Points::new(&Config::default().model.kind_weights);
        // Met weekly for a year, then nothing for most of one; given newest first.
        let mut log: Vec<_> = (0..52)
            .map(|i| contact(400 + i * 7, Kind::Meet, Size::Small))
            .collect();
        log.reverse();
        let today = 400 + 680;
        let warmth = series(&log, today, 90.0, &weights, 30, 24);
        assert_eq!(warmth.len(), 24);
        assert_eq!(warmth[0], 0.0, "before the first meeting");
        let peak = warmth
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(i, _)| i)
            .unwrap();
        assert!(
            (10..=13).contains(&peak),
            "peak at month {peak}: {warmth:?}"
        );
        assert!(warmth[23] < warmth[peak] / 8.0, "a year later it has faded");
        let mut ascending = log.clone();
        ascending.reverse();
        assert_eq!(warmth[23], track(&ascending, today, 90.0, &weights).now);
        let line = sparkline(&warmth);
        assert_eq!(line.chars().count(), 24);
        assert!(line.starts_with(' ') && line.contains('█'), "{line:?}");
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
