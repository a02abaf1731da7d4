//! The model recovers the structure planted in demo networks; the demo is reproducible.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use tiesdesk::Config;
use tiesdesk::demo::{DemoOptions, Planted, PlantedLedger, plan};
use tiesdesk::insight::{OneSided, Status};
use tiesdesk::model::date::parse_iso_date;
use tiesdesk::ops::Desk;

fn recovered(options: DemoOptions) {
    let today = parse_iso_date(common::TODAY).unwrap();
    let demo = plan(options, today);
    let dir = tempfile::tempdir().unwrap();
    let mut desk = Desk::open(&dir.path().join("demo.db"), Config::default(), today).unwrap();
    let inserted = desk.insert_network(&demo.draft, "demo").unwrap();
    assert_eq!(inserted.people, options.people);
    if let Some(m) = options.interactions {
        assert_eq!(
            inserted.interactions, m,
            "exactly the interactions asked for"
        );
    }
    let network = desk.network().unwrap();
    let figures = |index: usize| network.get(inserted.first_person + index as i64).unwrap();

    let planted_active: Vec<usize> = (0..demo.planted.len())
        .filter(|&i| matches!(demo.planted[i], Planted::Active(_)))
        .collect();
    let found = planted_active
        .iter()
        .filter(|&&i| figures(i).status == Status::Active)
        .count();
    assert!(
        found * 100 >= planted_active.len() * 95,
        "{options:?}: {found} of {} planted active people are active",
        planted_active.len()
    );
    // Inner circles come out on top: most of the planted 5 are in the 5 or 15 layer.
    let inner: Vec<_> = (0..demo.planted.len())
        .filter(|&i| demo.planted[i] == Planted::Active(0))
        .collect();
    let close = inner
        .iter()
        .filter(|&&i| figures(i).layer.is_some_and(|l| l <= 15))
        .count();
    assert!(
        close * 5 >= inner.len() * 4,
        "{options:?}: {close} of {} inner people in the 15",
        inner.len()
    );

    let mut planted_flags = 0;
    for (i, plant) in demo.ledger.iter().enumerate() {
        let f = figures(i);
        match plant {
            PlantedLedger::TheyTake => assert_eq!(f.one_sided, Some(OneSided::TheyTake), "#{i}"),
            PlantedLedger::YouTake => assert_eq!(f.one_sided, Some(OneSided::YouTake), "#{i}"),
            PlantedLedger::Balanced | PlantedLedger::None => {
                assert_eq!(f.one_sided, None, "#{i} was planted balanced")
            }
            PlantedLedger::StartedByTaking => {
                assert_eq!(f.one_sided, None);
                assert!(f.started_by_taking, "#{i}");
                // New: met within the review's 90 days, so its "started by taking" step shows them.
                let first = f.first_contact.unwrap();
                assert!(network.today - first <= 90, "#{i} first met {first}");
            }
        }
        planted_flags += usize::from(matches!(
            plant,
            PlantedLedger::TheyTake | PlantedLedger::YouTake
        ));
    }
    assert!(
        planted_flags >= 2,
        "the demo plants one-sided ties both ways"
    );
    for (i, role) in demo.planted.iter().enumerate() {
        let f = figures(i);
        match role {
            Planted::Paper => assert_eq!(f.status, Status::Paper),
            Planted::Archived => assert_eq!(f.status, Status::Archived),
            Planted::Dormant { .. } => assert_eq!(f.status, Status::Dormant),
            Planted::Active(_) => {}
        }
        if demo.draft.people[i].family {
            assert_eq!(f.one_sided, None);
        }
    }
    let s = &network.summary;
    assert!(
        s.active <= 150 && s.paper > 0 && s.dormant > 0 && s.archived > 0,
        "{s:?}"
    );
}

#[test]
fn the_model_recovers_a_small_network() {
    recovered(DemoOptions {
        people: 300,
        interactions: None,
        seed: 1,
    });
}

#[test]
fn the_model_recovers_the_default_network() {
    recovered(DemoOptions::default());
}

#[test]
fn the_model_recovers_a_scaled_network() {
    recovered(DemoOptions {
        people: 4000,
        interactions: Some(60_000),
        seed: 3,
    });
}

#[test]
fn the_same_seed_gives_the_same_network() {
    let today = parse_iso_date(common::TODAY).unwrap();
    let options = DemoOptions {
        people: 500,
        interactions: Some(4000),
        seed: 11,
    };
    assert_eq!(plan(options, today).draft, plan(options, today).draft);
    let other = DemoOptions {
        seed: 12,
        ..options
    };
    assert_ne!(plan(options, today).draft, plan(other, today).draft);
}

#[test]
fn demo_through_the_binary_fills_only_an_empty_database() {
    let s = common::Sandbox::new();
    let said = s.ok(&["demo", "--people", "200", "--seed", "5"]);
    assert!(said.starts_with("Filled "), "{said}");
    let status = s.json(&["status"]);
    assert_eq!(
        status["everyone"].as_u64().unwrap() + status["archived"].as_u64().unwrap(),
        200
    );
    s.refused(&["demo"], "already has people in it");
    // One undo removes the whole demo.
    assert_eq!(
        s.ok(&["undo"]).trim(),
        "Undid: Filled with a demo network (seed 5)"
    );
    assert_eq!(s.json(&["list", "--archived"]), serde_json::json!([]));
    assert_eq!(s.json(&["list"]), serde_json::json!([]));
}
