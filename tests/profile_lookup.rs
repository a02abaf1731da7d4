//! The command line's person page reads only the people it names and everyone active; the
//! app's has everyone in memory. Both must say the same of everyone.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use tiesdesk::Config;
use tiesdesk::demo::{DemoOptions, plan};
use tiesdesk::model::date::parse_iso_date;
use tiesdesk::ops::Desk;

#[test]
fn the_page_from_a_partial_directory_equals_the_page_from_everyone() {
    let dir = tempfile::tempdir().unwrap();
    let today = parse_iso_date(common::TODAY).unwrap();
    let mut desk = Desk::open(&dir.path().join("t.db"), Config::default(), today).unwrap();
    let demo = plan(
        DemoOptions {
            people: 400,
            interactions: None,
            seed: 11,
        },
        today,
    );
    desk.insert_network(&demo.draft, "demo").unwrap();
    let people = desk.people().unwrap();
    let network = desk.network().unwrap();
    let mut bridged = 0;
    let mut introduced = 0;
    for person in &people {
        let figures = network.get(person.id).unwrap().clone();
        let whole = desk
            .profile_of(person.clone(), figures, &network, &people)
            .unwrap();
        let partial = desk.profile(&format!("id:{}", person.id)).unwrap();
        assert_eq!(
            serde_json::to_value(&partial).unwrap(),
            serde_json::to_value(&whole).unwrap(),
            "#{}",
            person.id
        );
        // By name too, where the name is someone's alone.
        if people.iter().filter(|p| p.name() == person.name()).count() == 1 {
            let named = desk.profile(person.name()).unwrap();
            assert_eq!(
                serde_json::to_value(&named).unwrap(),
                serde_json::to_value(&whole).unwrap(),
                "{}",
                person.name()
            );
        }
        // The names the page shows beside each entry (not in the JSON).
        for (a, b) in partial.interactions.iter().zip(&whole.interactions) {
            assert_eq!(partial.others_in(a), whole.others_in(b), "#{}", person.id);
        }
        bridged += usize::from(!whole.connections.bridges.is_empty());
        introduced += usize::from(!whole.connections.introduced.is_empty());
    }
    // The comparison covered pages that name bridges and introductions.
    assert!(
        bridged > 5 && introduced > 5,
        "{bridged} bridges, {introduced} introductions"
    );
}
