//! Living with other copies: two commands writing one person at the same moment both keep
//! their change, because each change is a patch applied inside its own write transaction.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;

#[test]
fn two_edits_of_one_person_at_once_both_land() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima", "--tag", "climbing"]);
    for round in 0..20 {
        let company = format!("Company {round}");
        let location = format!("City {round}");
        let tag = format!("circle{round}");
        // Three processes started together, each naming a different field.
        let mut children: Vec<_> = [
            vec!["edit", "ana", "--company", company.as_str()],
            vec!["edit", "ana", "--location", location.as_str()],
            vec!["edit", "ana", "--tag", tag.as_str()],
        ]
        .iter()
        .map(|args| s.spawn(args))
        .collect();
        for child in &mut children {
            let status = child.wait().unwrap();
            assert!(status.success(), "round {round}: an edit failed");
        }
        let ana = s.json(&["show", "ana"]);
        let person = &ana["person"];
        assert_eq!(person["company"], company.as_str(), "round {round}: {ana}");
        assert_eq!(
            person["location"],
            location.as_str(),
            "round {round}: {ana}"
        );
        let tags: Vec<&str> = person["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert!(
            tags.contains(&"climbing") && tags.contains(&tag.as_str()),
            "round {round}: {tags:?}"
        );
    }
}
