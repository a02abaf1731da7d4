//! `tiesdesk demo`: a realistic synthetic network, the same for the same seed.
//!
//! The planner is pure (options + today in, a draft and the planted structure out), so tests
//! can check that the model recovers what was planted.

mod give;
mod names;
mod rng;

use chrono::Duration;

use crate::model::{
    Day, Direction, DraftInteraction, DraftLink, Kind, LinkKind, NetworkDraft, PersonData, Size,
    Source,
};
use rng::Rng;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    pub people: usize,
    /// Exactly this many interactions; `None` for the network's natural rhythm.
    pub interactions: Option<usize>,
    pub seed: u64,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            people: 1200,
            interactions: None,
            seed: 7,
        }
    }
}

/// The role each person was planted with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Planted {
    /// An active tie kept at the rhythm of layer `0..4` (5, 15, 50, 150).
    Active(usize),
    /// Was in touch, now quiet; `was_close` ones were once in frequent contact.
    Dormant {
        was_close: bool,
    },
    /// Imported from a pretend LinkedIn export, never engaged.
    Paper,
    Archived,
}

/// The favour pattern planted on a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlantedLedger {
    None,
    /// You give, they rarely return.
    TheyTake,
    /// You lean on them.
    YouTake,
    Balanced,
    /// A new tie whose first favour you received.
    StartedByTaking,
}

pub struct Demo {
    pub draft: NetworkDraft,
    pub planted: Vec<Planted>,
    pub ledger: Vec<PlantedLedger>,
}

/// Mean gap in days between contacts for each layer: weekly-ish, monthly, quarterly, yearly-ish.
const LAYER_GAPS: [i64; 4] = [5, 21, 90, 200];
/// A tie first met within this many days is new (the review's "started by taking" step).
const NEW_TIE_DAYS: i64 = 90;
/// How the planted active people split over the four layers (5 / 10 / 35 / 95 = 145).
const LAYER_SHARE: [usize; 4] = [5, 10, 35, 95];

struct Plan {
    /// First and last contact day (as offsets back from today: start ≥ end ≥ 0).
    start_ago: i64,
    end_ago: i64,
    gap: i64,
}

pub fn plan(options: DemoOptions, today: Day) -> Demo {
    let mut rng = Rng::new(options.seed);
    let n = options.people.max(1);
    let planted = assign_roles(n, &mut rng);
    let mut draft = NetworkDraft::default();
    let mut slugs = std::collections::HashSet::new();
    for (index, role) in planted.iter().enumerate() {
        draft
            .people
            .push(person(index, *role, today, &mut rng, &mut slugs));
    }
    let family_slots: Vec<usize> = planted
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, Planted::Active(0 | 1)))
        .map(|(i, _)| i)
        .take(2)
        .collect();
    for &i in &family_slots {
        draft.people[i].family = true;
        draft.people[i].tags = vec!["family".into()];
    }
    let ledger = plant_ledger(&planted, &family_slots, &mut draft, today, &mut rng);
    // A stream of its own: the rest of the network stays as each seed always made it.
    let mut giving = Rng::new(options.seed ^ 0x6769_7665);
    give::plant_needs_and_offers(&planted, &ledger, &mut draft, today, &mut giving);

    // Contact rhythms, then the interaction budget spread over them.
    let mut plans: Vec<Option<Plan>> = planted.iter().map(|r| rhythm(*r, &mut rng)).collect();
    // Ties planted as "started by taking" are new: met within the last weeks, so the review's
    // step for new ties has someone to show.
    for (plan, pattern) in plans.iter_mut().zip(&ledger) {
        if let (Some(plan), PlantedLedger::StartedByTaking) = (plan, pattern) {
            // Met after their first favour (planted 80–85 days ago), so it came first.
            plan.end_ago = plan.end_ago.min(NEW_TIE_DAYS - 30);
            plan.start_ago = plan.start_ago.clamp(plan.end_ago, NEW_TIE_DAYS - 20);
        }
    }
    let natural: Vec<usize> = plans
        .iter()
        .map(|p| {
            p.as_ref()
                .map_or(0, |p| ((p.start_ago - p.end_ago) / p.gap) as usize + 1)
        })
        .collect();
    let favours = draft.interactions.len();
    let counts = match options.interactions {
        None => natural,
        Some(total) => scale(&natural, total.saturating_sub(favours), &mut rng),
    };
    let active_by_layer: Vec<Vec<usize>> = (0..4)
        .map(|layer| {
            planted
                .iter()
                .enumerate()
                .filter(|(_, r)| **r == Planted::Active(layer))
                .map(|(i, _)| i)
                .collect()
        })
        .collect();
    for (index, (plan, count)) in plans.iter().zip(&counts).enumerate() {
        let (Some(plan), count) = (plan, *count) else {
            continue;
        };
        let span = plan.start_ago - plan.end_ago;
        for k in 0..count {
            let ago = if count == 1 {
                plan.end_ago
            } else {
                let even = plan.end_ago + span * (count - 1 - k) as i64 / (count - 1) as i64;
                let jitter = (span / count as i64 / 3).max(0);
                if k + 1 == count {
                    plan.end_ago
                } else {
                    (even + rng.between(-jitter, jitter)).clamp(plan.end_ago, plan.start_ago)
                }
            };
            let mut people = vec![index];
            // Now and then a group: friends from the same circle meet together.
            if let Planted::Active(layer) = planted[index]
                && rng.chance(0.06)
            {
                let peer = *rng.pick(&active_by_layer[layer]);
                // A new tie has not been to the old group meetings.
                if peer != index && ledger[peer] != PlantedLedger::StartedByTaking {
                    people.push(peer);
                }
            }
            draft
                .interactions
                .push(everyday(people, today - Duration::days(ago), &mut rng));
        }
    }
    // Interaction ids follow the calendar in the demo file.
    draft.interactions.sort_by_key(|i| i.day);
    draft.links = links(&planted, &draft.people, &mut rng);
    for i in 0..n {
        if matches!(planted[i], Planted::Active(_) | Planted::Dormant { .. }) && rng.chance(0.08) {
            let introducer = rng.below(n as u64) as usize;
            if introducer != i && planted[introducer] != Planted::Paper {
                draft.people[i].introduced_by = Some(introducer as i64);
            }
        }
    }
    Demo {
        draft,
        planted,
        ledger,
    }
}

fn assign_roles(n: usize, rng: &mut Rng) -> Vec<Planted> {
    let active_total = (n * 2 / 5).min(145);
    let mut roles = Vec::with_capacity(n);
    let share_total: usize = LAYER_SHARE.iter().sum();
    let mut placed = 0;
    for (layer, share) in LAYER_SHARE.iter().enumerate() {
        let count = if layer == 3 {
            active_total - placed
        } else {
            (active_total * share)
                .div_ceil(share_total)
                .min(active_total - placed)
        };
        roles.extend(std::iter::repeat_n(Planted::Active(layer), count));
        placed += count;
    }
    let dormant = (n - active_total) * 3 / 10;
    let archived = n / 100;
    for _ in 0..dormant {
        roles.push(Planted::Dormant {
            was_close: rng.chance(0.3),
        });
    }
    roles.extend(std::iter::repeat_n(
        Planted::Archived,
        archived.min(n - roles.len()),
    ));
    roles.resize(n, Planted::Paper);
    // Interleave, so ids do not give the structure away.
    for i in (1..roles.len()).rev() {
        roles.swap(i, rng.below(i as u64 + 1) as usize);
    }
    roles
}

fn person(
    index: usize,
    role: Planted,
    today: Day,
    rng: &mut Rng,
    slugs: &mut std::collections::HashSet<String>,
) -> PersonData {
    let given = *rng.pick(names::GIVEN);
    let family = *rng.pick(names::FAMILY);
    let mut name = format!("{given} {family}");
    if index >= names::GIVEN.len() * names::FAMILY.len() / 2 {
        let initial = (b'A' + rng.below(26) as u8) as char;
        name = format!("{given} {initial}. {family}");
    }
    let mut data = PersonData::named(&name);
    data.given_name = Some(given.to_string());
    data.family_name = Some(family.to_string());
    if rng.chance(0.75) {
        data.company = Some(rng.pick(names::COMPANIES).to_string());
        data.role = Some(rng.pick(names::ROLES).to_string());
    }
    data.location = rng.chance(0.8).then(|| rng.pick(names::CITIES).to_string());
    match role {
        Planted::Paper => {
            data.source = Source::Linkedin;
            let base = format!("{given}-{family}")
                .to_lowercase()
                .replace([' ', '\''], "-");
            let mut slug = format!("{base}-{}", rng.below(100_000));
            while !slugs.insert(slug.clone()) {
                slug = format!("{base}-{}", rng.below(10_000_000));
            }
            data.source_id = Some(format!("https://www.linkedin.com/in/{slug}"));
            data.connected_on = Some(today - Duration::days(rng.between(30, 8 * 365)));
            if rng.chance(0.1) {
                data.emails = vec![format!("{slug}@example.com")];
            }
        }
        _ => {
            data.tags = vec![rng.pick(names::CIRCLES).to_string()];
            if rng.chance(0.3) {
                data.tags.push(rng.pick(names::CIRCLES).to_string());
            }
            if rng.chance(0.6) {
                let user = given.to_lowercase().replace([' ', '\''], "");
                data.emails = vec![format!("{user}.{index}@example.org")];
            }
            if rng.chance(0.3) {
                data.birthday = Some(crate::model::YearlyDay {
                    year: rng.chance(0.5).then(|| rng.between(1950, 2000) as i32),
                    month: rng.between(1, 12) as u32,
                    day: rng.between(1, 28) as u32,
                });
            }
            data.archived = role == Planted::Archived;
        }
    }
    data
}

fn rhythm(role: Planted, rng: &mut Rng) -> Option<Plan> {
    match role {
        Planted::Active(layer) => {
            let gap = LAYER_GAPS[layer];
            // The last contact usually falls inside one gap; one tie in five is cooling, two to
            // three gaps behind. Either way it stays inside the year, so the tie stays active.
            let end_ago = if rng.chance(0.2) {
                rng.between(gap * 2, gap * 3).min(330)
            } else {
                rng.between(0, (gap * 6 / 5).min(300))
            };
            Some(Plan {
                start_ago: end_ago + rng.between(gap * 4, 365 * 8),
                end_ago,
                gap,
            })
        }
        Planted::Dormant { was_close } => {
            let end_ago = if was_close {
                rng.between(400, 1500)
            } else {
                rng.between(380, 2200)
            };
            let gap = if was_close {
                rng.between(7, 30)
            } else {
                rng.between(60, 300)
            };
            Some(Plan {
                start_ago: end_ago + rng.between(gap, 365 * 4),
                end_ago,
                gap,
            })
        }
        Planted::Archived => {
            let end_ago = rng.between(200, 2000);
            Some(Plan {
                start_ago: end_ago + 400,
                end_ago,
                gap: 200,
            })
        }
        Planted::Paper => None,
    }
}

/// Spreads `total` over people in proportion to their natural counts (everyone with a
/// rhythm keeps at least one contact).
fn scale(natural: &[usize], total: usize, rng: &mut Rng) -> Vec<usize> {
    let sum: usize = natural.iter().sum();
    if sum == 0 {
        return natural.to_vec();
    }
    let mut counts: Vec<usize> = natural
        .iter()
        .map(|&c| if c == 0 { 0 } else { (c * total / sum).max(1) })
        .collect();
    let with_rhythm: Vec<usize> = (0..natural.len()).filter(|&i| natural[i] > 0).collect();
    let mut assigned: usize = counts.iter().sum();
    while assigned < total && !with_rhythm.is_empty() {
        counts[*rng.pick(&with_rhythm)] += 1;
        assigned += 1;
    }
    while assigned > total {
        let i = *rng.pick(&with_rhythm);
        if counts[i] > 1 {
            counts[i] -= 1;
            assigned -= 1;
        } else if counts.iter().all(|&c| c <= 1) {
            break;
        }
    }
    counts
}

fn everyday(people: Vec<usize>, day: Day, rng: &mut Rng) -> DraftInteraction {
    let kind = match rng.below(20) {
        0..=6 => Kind::Meet,
        7..=10 => Kind::Call,
        11..=18 => Kind::Message,
        _ => Kind::Other,
    };
    let direction = match rng.below(4) {
        0 => Direction::Gave,
        1 => Direction::Received,
        _ => Direction::Mutual,
    };
    let size = if kind == Kind::Meet && rng.chance(0.3) {
        Size::Hour
    } else {
        Size::Small
    };
    let note = if rng.chance(0.15) {
        rng.pick(names::NOTES).to_string()
    } else {
        String::new()
    };
    DraftInteraction {
        day,
        people,
        kind,
        direction,
        size,
        note,
        capture: None,
        thanked_on: None,
    }
}

/// Plants favour patterns on active people outside the family: a few one-sided each way, a
/// few balanced, a few new ties started by taking.
fn plant_ledger(
    planted: &[Planted],
    family: &[usize],
    draft: &mut NetworkDraft,
    today: Day,
    rng: &mut Rng,
) -> Vec<PlantedLedger> {
    let mut ledger = vec![PlantedLedger::None; planted.len()];
    let candidates: Vec<usize> = planted
        .iter()
        .enumerate()
        .filter(|(i, r)| matches!(r, Planted::Active(1..=3)) && !family.contains(i))
        .map(|(i, _)| i)
        .collect();
    let per_kind = (candidates.len() / 12).clamp(1, 4);
    let patterns = [
        (PlantedLedger::TheyTake, per_kind, 7, 1),
        (PlantedLedger::YouTake, per_kind, 1, 7),
        (PlantedLedger::Balanced, per_kind + 2, 4, 4),
        (PlantedLedger::StartedByTaking, per_kind, 1, 1),
    ];
    let mut next = candidates.into_iter();
    for (pattern, people, gave, received) in patterns {
        for index in next.by_ref().take(people) {
            ledger[index] = pattern;
            let mut favours: Vec<Direction> = std::iter::repeat_n(Direction::Gave, gave)
                .chain(std::iter::repeat_n(Direction::Received, received))
                .collect();
            if pattern == PlantedLedger::StartedByTaking {
                favours.reverse(); // received first
            } else {
                for i in (1..favours.len()).rev() {
                    favours.swap(i, rng.below(i as u64 + 1) as usize);
                }
            }
            let count = favours.len() as i64;
            // Oldest first, all inside the last 16 months (a new tie's inside its few weeks).
            let window = if pattern == PlantedLedger::StartedByTaking {
                NEW_TIE_DAYS - 5
            } else {
                480
            };
            for (k, direction) in favours.into_iter().enumerate() {
                let ago = window - (k as i64) * (window - 10) / count.max(1) - rng.between(0, 5);
                draft.interactions.push(DraftInteraction {
                    day: today - Duration::days(ago.max(0)),
                    people: vec![index],
                    kind: *rng.pick(&[Kind::Favour, Kind::Advice, Kind::Intro, Kind::Gift]),
                    direction,
                    // The rarer direction stays small, so 7 of 8 is a share of at least 80%.
                    size: if gave != received && (direction == Direction::Gave) == (gave < received)
                    {
                        Size::Small
                    } else if rng.chance(0.25) {
                        Size::Hour
                    } else {
                        Size::Small
                    },
                    note: String::new(),
                    capture: None,
                    thanked_on: None,
                });
            }
        }
    }
    ledger
}

/// People who know each other: a few links within each circle, among engaged people.
fn links(planted: &[Planted], people: &[PersonData], rng: &mut Rng) -> Vec<DraftLink> {
    let mut by_circle: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    for (i, person) in people.iter().enumerate() {
        if planted[i] != Planted::Paper
            && let Some(tag) = person.tags.first()
        {
            by_circle.entry(tag.as_str()).or_default().push(i);
        }
    }
    let mut circles: Vec<_> = by_circle.into_iter().collect();
    circles.sort();
    let mut links = Vec::new();
    for (_, members) in circles {
        for &a in &members {
            for _ in 0..rng.below(3) {
                let b = *rng.pick(&members);
                if a != b {
                    links.push(DraftLink {
                        a,
                        b,
                        kind: LinkKind::Knows,
                    });
                }
            }
        }
    }
    links
}
