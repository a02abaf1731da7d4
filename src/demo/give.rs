//! What the demo's people are looking for, and what the user can give: a few open needs (the
//! people you lean on first, so their invitation names a next act) and offers, one of which
//! fits a need, so Give first has something concrete to give from the start.

use chrono::Duration;

use super::rng::Rng;
use super::{Planted, PlantedLedger};
use crate::model::{Day, DraftNeed, NeedState, NetworkDraft, Offer};

/// Needs as people say them, with their tags.
const NEEDS: [(&str, &[&str]); 5] = [
    ("a product designer for her studio", &["design"]),
    ("a flat in Utrecht near the station", &[]),
    ("a first job in climate tech", &["climate"]),
    ("a good accountant, not a big firm", &[]),
    ("a speaker for the spring meetup", &["meetup"]),
];

/// What the user can give.
const OFFERS: [(&str, &[&str]); 3] = [
    ("a design review of a portfolio", &["design"]),
    ("an hour on careers in climate tech", &["climate"]),
    ("a spare desk at the office on Fridays", &[]),
];

/// Adds the needs (to people you lean on first, then to other active ties in your 15 and
/// 50) and the offers.
pub(super) fn plant_needs_and_offers(
    planted: &[Planted],
    ledger: &[PlantedLedger],
    draft: &mut NetworkDraft,
    today: Day,
    rng: &mut Rng,
) {
    let leaning: Vec<usize> = (0..planted.len())
        .filter(|&i| ledger[i] == PlantedLedger::YouTake)
        .collect();
    let others: Vec<usize> = (0..planted.len())
        .filter(|&i| matches!(planted[i], Planted::Active(1 | 2)))
        .filter(|&i| ledger[i] == PlantedLedger::None)
        .collect();
    let mut people = leaning.into_iter().take(2).collect::<Vec<_>>();
    for _ in 0..NEEDS.len() * 4 {
        if people.len() >= NEEDS.len() || others.is_empty() {
            break;
        }
        let person = *rng.pick(&others);
        if !people.contains(&person) {
            people.push(person);
        }
    }
    for (&person, (text, tags)) in people.iter().zip(NEEDS) {
        draft.needs.push(DraftNeed {
            person,
            text: text.to_string(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            state: NeedState::Open,
            noted_on: today - Duration::days(rng.between(3, 40)),
            done_on: None,
        });
    }
    for (text, tags) in OFFERS {
        draft.offers.push(Offer {
            id: 0,
            text: text.to_string(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            made_on: today - Duration::days(rng.between(20, 200)),
            done_on: None,
        });
    }
}
