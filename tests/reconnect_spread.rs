//! Reconnect candidates open different circles: on demo networks, no five in a row of the
//! dashboard's Reconnect panel, `list --dormant` or the review lead three times into one
//! company or tag.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashMap;

use common::Sandbox;
use tiesdesk::Config;
use tiesdesk::model::date::parse_iso_date;
use tiesdesk::ops::Desk;

/// Everyone's circles by id: company and tags, as `list --json` says them.
fn circles_by_id(sandbox: &Sandbox) -> HashMap<i64, Vec<String>> {
    let everyone = sandbox.json(&["list"]);
    let mut circles = HashMap::new();
    for person in everyone.as_array().unwrap() {
        let mut theirs: Vec<String> = person["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| format!("#{}", t.as_str().unwrap()))
            .collect();
        if let Some(company) = person["company"].as_str() {
            theirs.push(company.to_string());
        }
        circles.insert(person["id"].as_i64().unwrap(), theirs);
    }
    circles
}

/// The circle most of the first five of `ids` lead into, with how many do.
fn most_crowded(ids: &[i64], circles: &HashMap<i64, Vec<String>>) -> (String, usize) {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for id in ids.iter().take(5) {
        for circle in &circles[id] {
            *counts.entry(circle).or_default() += 1;
        }
    }
    let (circle, count) = counts.into_iter().max_by_key(|&(c, n)| (n, c)).unwrap();
    (circle.to_string(), count)
}

#[test]
fn no_five_reconnect_candidates_lead_three_times_into_one_circle() {
    for seed in ["7", "11", "23"] {
        let sandbox = Sandbox::new();
        sandbox.ok(&["demo", "--seed", seed]);
        let circles = circles_by_id(&sandbox);

        let dormant: Vec<i64> = sandbox
            .json(&["list", "--dormant"])
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_i64().unwrap())
            .collect();
        assert!(
            dormant.len() > 100,
            "seed {seed}: a demo has many dormant ties"
        );
        for start in 0..20 {
            let (circle, count) = most_crowded(&dormant[start..], &circles);
            assert!(
                count <= 2,
                "seed {seed}: list --dormant from {start}: {count} into {circle}"
            );
        }

        let offered: Vec<i64> = (sandbox.review_step(common::TODAY, "reconnect").iter())
            .map(|item| item["person"].as_i64().unwrap())
            .collect();
        assert_eq!(offered.len(), 3, "seed {seed}: the review offers three");
        let (circle, count) = most_crowded(&offered, &circles);
        assert!(
            count <= 2,
            "seed {seed}: the review offers {count} into {circle}"
        );

        let today = parse_iso_date(common::TODAY).unwrap();
        let desk = Desk::open(&sandbox.db, Config::default(), today).unwrap();
        let held = desk.held().unwrap();
        let board = desk.board(&held.people, &held.histories).unwrap();
        let panel: Vec<i64> = (board.reconnect_list.iter())
            .map(|&i| held.people[i].id)
            .collect();
        assert_eq!(
            panel[..10],
            dormant[..10],
            "seed {seed}: the panel and the list agree"
        );
        let (circle, count) = most_crowded(&panel, &circles);
        assert!(
            count <= 2,
            "seed {seed}: the Reconnect panel leads {count} into {circle}"
        );
    }
}
