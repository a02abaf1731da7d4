//! The JSON document: a random database of every kind of row (people with every field,
//! captured interactions, links, reviews, snoozes, promises, needs, dates) exports and
//! restores to the same stored rows; no input makes the reader panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

use chrono::Duration;
use proptest::prelude::*;
use tiesdesk::Config;
use tiesdesk::document::Document;
use tiesdesk::model::date::parse_iso_date;
use tiesdesk::model::{
    Capture, CaptureSource, Day, Direction, DraftDate, DraftInteraction, DraftIntroduction,
    DraftLink, DraftNeed, DraftPromise, DraftReview, IntroStage, Kind, LinkKind, NeedState,
    NetworkDraft, Offer, PersonData, PromiseState, Size, Source, YearlyDay,
};
use tiesdesk::ops::Desk;

#[path = "document_props/places.rs"]
mod places;

use places::by_place;

const TODAY: &str = "2026-11-25";

fn today() -> Day {
    parse_iso_date(TODAY).unwrap()
}

fn ago(days: i64) -> Day {
    today() - Duration::days(days)
}

fn yearly() -> impl Strategy<Value = YearlyDay> {
    (proptest::option::of(1940i32..2010), 1u32..=12, 1u32..=28)
        .prop_map(|(year, month, day)| YearlyDay { year, month, day })
}

fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("[A-Za-z0-9À-ÿ][A-Za-z0-9À-ÿ' .-]{{0,{max}}}")).unwrap()
}

/// A person with every field: `introduced_by` may name someone earlier in the list.
fn person(at: usize) -> impl Strategy<Value = PersonData> {
    (
        (
            text(20),
            proptest::option::of(text(8)),
            proptest::option::of(text(8)),
            proptest::collection::vec("[a-z]{1,6}", 0..3),
            proptest::collection::vec("\\+?[0-9]{3,10}", 0..2),
            proptest::option::of(text(10)),
            proptest::option::of(text(10)),
            proptest::option::of(text(10)),
        ),
        (
            proptest::collection::vec("[a-z]{1,6}", 0..3),
            "[ -~]{0,20}(\n[ -~]{0,20})?",
            any::<bool>(),
            proptest::option::of(yearly()),
            proptest::option::of(1u32..400),
            proptest::option::of(any::<prop::sample::Index>()),
            proptest::sample::select(vec![
                Source::Manual,
                Source::Linkedin,
                Source::Vcard,
                Source::Google,
                Source::Json,
                Source::Mail,
                Source::Calendar,
                Source::Chat,
            ]),
            proptest::option::of("[a-z0-9]{1,12}"),
        ),
        (
            proptest::option::of(0i64..3000),
            any::<bool>(),
            proptest::bool::weighted(0.2),
            proptest::collection::vec("(whatsapp|telegram|instagram):[A-Za-z0-9+ ]{1,10}", 0..3),
        ),
    )
        .prop_map(
            move |(
                (name, given, family, emails, phones, company, role, location),
                (tags, notes, family_tie, birthday, cadence, introducer, source, source_id),
                (connected, archived, on_call, handles),
            )| PersonData {
                name: format!("P{at} {name}"),
                given_name: given,
                family_name: family,
                emails: emails
                    .into_iter()
                    .map(|e| format!("{e}{at}@example.org"))
                    .collect(),
                phones,
                handles,
                company,
                role,
                location,
                tags,
                notes,
                family: family_tie,
                on_call,
                birthday,
                cadence_days: cadence,
                introduced_by: introducer.filter(|_| at > 0).map(|i| i.index(at) as i64),
                source,
                source_id,
                connected_on: connected.map(ago),
                archived,
            },
        )
}

fn people() -> impl Strategy<Value = Vec<PersonData>> {
    (2usize..9).prop_flat_map(|n| (0..n).map(person).collect::<Vec<_>>())
}

/// An interaction's people, days ago, kind, direction, size, note, and whether it was
/// captured from mail (`Some(true)`) or a calendar.
type InteractionRow = (Vec<usize>, i64, Kind, Direction, Size, String, Option<bool>);
/// A promise's person, text, due in days, state (0 open, 1 kept, 2 dropped), made days ago,
/// and the interaction that kept it.
type PromiseRow = (usize, String, Option<i64>, u8, i64, Option<usize>);

/// Every other kind of row, over `n` people, indices taken modulo what exists.
#[derive(Debug, Clone)]
struct Rows {
    interactions: Vec<InteractionRow>,
    links: Vec<(usize, usize, bool)>,
    reviews: Vec<(i64, u32, u32, Vec<usize>, String)>,
    snoozes: Vec<(usize, i64)>,
    promises: Vec<PromiseRow>,
    needs: Vec<(usize, String, Vec<String>, bool, i64)>,
    dates: Vec<(usize, String, YearlyDay)>,
    /// Text, tags, made days ago, done days ago.
    offers: Vec<(String, Vec<String>, i64, Option<i64>)>,
    /// Need, helper, stage (0 asked … 3 dropped), asked days ago, the favour when made.
    introductions: Vec<(usize, usize, u8, i64, Option<usize>)>,
    /// Suggested links dismissed: two people and how many days ago.
    dismissed: Vec<(usize, usize, i64)>,
}

fn rows() -> impl Strategy<Value = Rows> {
    (
        proptest::collection::vec(
            (
                proptest::collection::vec(0usize..9, 1..4),
                0i64..800,
                proptest::sample::select(Kind::ALL.to_vec()),
                proptest::sample::select(Direction::ALL.to_vec()),
                proptest::sample::select(Size::ALL.to_vec()),
                "[ -~]{0,20}",
                proptest::option::of(any::<bool>()),
            ),
            0..20,
        ),
        proptest::collection::vec((0usize..9, 0usize..9, any::<bool>()), 0..6),
        proptest::collection::vec(
            (
                1i64..400,
                0u32..40,
                0u32..10,
                proptest::collection::vec(0usize..9, 0..3),
                "[ -~]{0,20}",
            ),
            0..3,
        ),
        proptest::collection::vec((0usize..9, 1i64..60), 0..3),
        proptest::collection::vec(
            (
                0usize..9,
                text(20),
                proptest::option::of(-30i64..60),
                0u8..3,
                10i64..300,
                proptest::option::of(0usize..20),
            ),
            0..4,
        ),
        proptest::collection::vec(
            (
                0usize..9,
                text(20),
                proptest::collection::vec("[a-z]{2,6}", 0..3),
                any::<bool>(),
                10i64..300,
            ),
            0..4,
        ),
        proptest::collection::vec((0usize..9, "[a-z]{2,10}( [a-z]{2,6})?", yearly()), 0..4),
        proptest::collection::vec(
            (
                text(20),
                proptest::collection::vec("[a-z]{2,6}", 0..3),
                10i64..300,
                proptest::option::of(0i64..10),
            ),
            0..3,
        ),
        proptest::collection::vec(
            (
                0usize..4,
                0usize..9,
                0u8..4,
                10i64..300,
                proptest::option::of(0usize..20),
            ),
            0..4,
        ),
        proptest::collection::vec((0usize..9, 0usize..9, 0i64..100), 0..3),
    )
        .prop_map(
            |(
                interactions,
                links,
                reviews,
                snoozes,
                promises,
                needs,
                dates,
                offers,
                introductions,
                dismissed,
            )| {
                Rows {
                    interactions,
                    links,
                    reviews,
                    snoozes,
                    promises,
                    needs,
                    dates,
                    offers,
                    introductions,
                    dismissed,
                }
            },
        )
}

/// The batch of `people` and `rows`, every row valid (closed ones with their day).
fn draft(people: Vec<PersonData>, rows: Rows) -> NetworkDraft {
    let n = people.len();
    let mut interactions = Vec::new();
    for (i, (who, days, kind, direction, size, note, captured)) in
        rows.interactions.into_iter().enumerate()
    {
        let mut who: Vec<usize> = who.into_iter().map(|w| w % n).collect();
        who.sort_unstable();
        who.dedup();
        interactions.push(DraftInteraction {
            day: ago(days),
            people: who,
            kind,
            direction,
            size,
            note,
            capture: captured.map(|mail| Capture {
                source: if mail {
                    CaptureSource::Mail
                } else {
                    CaptureSource::Calendar
                },
                id: format!("<m{i}@example.org>"),
            }),
            // Every other favour received, thanked on its day.
            thanked_on: (direction == Direction::Received && i % 2 == 0).then(|| ago(days)),
        });
    }
    let mut links: Vec<DraftLink> = rows
        .links
        .into_iter()
        .map(|(a, b, knows)| (a % n, b % n, knows))
        .filter(|(a, b, _)| a != b)
        .map(|(a, b, knows)| DraftLink {
            a: a.min(b),
            b: a.max(b),
            kind: if knows {
                LinkKind::Knows
            } else {
                LinkKind::Introduced
            },
        })
        .collect();
    links.sort_by_key(|l| (l.a, l.b, l.kind == LinkKind::Knows));
    links.dedup();
    let reviews = rows
        .reviews
        .into_iter()
        .map(|(days, items_seen, actions, reconnect, note)| DraftReview {
            day: ago(days),
            items_seen,
            actions,
            // Kept paper ties ride along, the reconnect list read backwards.
            kept_paper: reconnect.iter().rev().map(|r| r % n).collect(),
            reconnect: reconnect.into_iter().map(|r| r % n).collect(),
            note,
        })
        .collect();
    let mut snoozed = HashMap::new();
    for (who, days) in rows.snoozes {
        snoozed.insert(who % n, today() + Duration::days(days));
    }
    let mut snoozes: Vec<(usize, Day)> = snoozed.into_iter().collect();
    snoozes.sort_unstable();
    let interaction_count = interactions.len();
    let promises = rows
        .promises
        .into_iter()
        .map(|(who, text, due, state, made, favour)| {
            let state = [
                PromiseState::Open,
                PromiseState::Kept,
                PromiseState::Dropped,
            ][usize::from(state)];
            let open = state == PromiseState::Open;
            DraftPromise {
                person: who % n,
                text,
                due: due.map(|d| today() + Duration::days(d)),
                state,
                made_on: ago(made),
                closed_on: (!open).then(|| ago(made / 2)),
                favour: favour
                    .filter(|_| state == PromiseState::Kept && interaction_count > 0)
                    .map(|f| f % interaction_count),
            }
        })
        .collect();
    let needs: Vec<DraftNeed> = rows
        .needs
        .into_iter()
        .map(|(who, text, tags, done, noted)| DraftNeed {
            person: who % n,
            text,
            tags,
            state: if done {
                NeedState::Done
            } else {
                NeedState::Open
            },
            noted_on: ago(noted),
            done_on: done.then(|| ago(noted / 2)),
        })
        .collect();
    let dates = rows
        .dates
        .into_iter()
        .map(|(who, label, on)| DraftDate {
            person: who % n,
            label,
            on,
        })
        .collect();
    let offers = (rows.offers.into_iter())
        .map(|(text, tags, made, done)| Offer {
            id: 0,
            text,
            tags,
            made_on: ago(made),
            done_on: done.map(ago),
        })
        .collect();
    let needs_held = needs.len();
    let logged = interactions.len();
    let introductions = (rows.introductions.into_iter())
        .filter(|_| needs_held > 0)
        .map(|(need, helper, stage, asked, favour)| {
            let stage = IntroStage::ALL[usize::from(stage) % IntroStage::ALL.len()];
            let made = matches!(stage, IntroStage::Made | IntroStage::Met);
            DraftIntroduction {
                need: need % needs_held,
                helper: helper % n,
                stage,
                asked_on: ago(asked),
                made_on: made.then(|| ago(asked / 2)),
                met_on: (stage == IntroStage::Met).then(|| ago(asked / 4)),
                closed_on: (stage == IntroStage::Dropped).then(|| ago(asked / 3)),
                favour: favour.filter(|&i| made && i < logged),
            }
        })
        .collect();
    NetworkDraft {
        people,
        interactions,
        links,
        reviews,
        snoozes,
        promises,
        needs,
        dates,
        offers,
        introductions,
        dismissed_links: (rows.dismissed.into_iter())
            .map(|(a, b, days)| (a % n, b % n, ago(days)))
            .filter(|(a, b, _)| a != b)
            .collect(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Judged by the rows stored, not by comparing one export with another: a field the
    /// export leaves out, or the import drops, shows here.
    #[test]
    fn a_restored_document_holds_every_stored_row(
        people in people(),
        rows in rows(),
        gaps in proptest::option::of((any::<prop::sample::Index>(), any::<prop::sample::Index>())),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut desk = Desk::open(&dir.path().join("a.db"), Config::default(), today()).unwrap();
        let draft = draft(people, rows);
        desk.insert_network(&draft, "network").unwrap();
        // Ids with gaps, as a database that lived has them: a merge and a deletion.
        if let Some((merged, deleted)) = gaps {
            let everyone = desk.people().unwrap();
            let keep = &everyone[0];
            let gone = &everyone[1 + merged.index(everyone.len() - 1)];
            desk.merge(keep, gone).unwrap();
            let logged = desk.holdings().unwrap().interactions;
            if !logged.is_empty() {
                let favoured: Vec<i64> = desk
                    .holdings()
                    .unwrap()
                    .promises
                    .iter()
                    .filter_map(|p| p.favour)
                    .collect();
                let id = logged[deleted.index(logged.len())].id;
                if !favoured.contains(&id) {
                    desk.delete_interaction(id).unwrap();
                }
            }
        }
        let stored = desk.holdings().unwrap();
        prop_assert_eq!(stored.people.len(), desk.people().unwrap().len());
        let document = desk.export_json().unwrap();
        let mut copy = Desk::open(&dir.path().join("b.db"), Config::default(), today()).unwrap();
        let (parsed, digest) = Document::read_from(document.as_bytes()).unwrap();
        copy.import_json(parsed.into_draft().unwrap(), digest, false).unwrap();
        let restored = copy.holdings().unwrap();
        prop_assert_eq!(by_place(restored), by_place(stored));
        prop_assert_eq!(desk.network().unwrap().figures.len(), copy.network().unwrap().figures.len());
        // The same document into the same database again adds nothing: recognised when the
        // restore gave every row its document id, else refused; either way nothing changes.
        let again = Document::parse(&document).unwrap().into_draft().unwrap();
        let before = copy.holdings().unwrap();
        match copy.import_json(again, digest, false) {
            Ok(report) => prop_assert_eq!(report.people, 0),
            Err(error) => {
                prop_assert!(gaps.is_some(), "{error}");
                prop_assert!(error.to_string().contains("restores into an empty database"));
            }
        }
        prop_assert_eq!(copy.holdings().unwrap(), before);
    }

    #[test]
    fn no_input_makes_the_reader_panic(text in ".{0,400}") {
        let _ = Document::parse(&text).and_then(Document::into_draft);
    }

    #[test]
    fn no_mangled_document_makes_the_reader_panic(cut in 0usize..2000, byte in any::<u8>()) {
        let good = std::fs::read_to_string("tests/fixtures/small.tiesdesk.json").unwrap();
        let mut bytes = good.into_bytes();
        let at = cut % bytes.len();
        bytes[at] = byte;
        if let Ok(text) = String::from_utf8(bytes.clone()) {
            let _ = Document::parse(&text).and_then(Document::into_draft);
        }
        bytes.truncate(at);
        if let Ok(text) = String::from_utf8(bytes) {
            let _ = Document::parse(&text).and_then(Document::into_draft);
        }
    }
}
