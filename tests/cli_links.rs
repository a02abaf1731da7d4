//! Links, introductions and `intro` through the real binary.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;

/// Ana (warm) knows Bram; Bram knows Chen at Zephyr; Dana (a paper tie) knows Chen too.
fn network() -> Sandbox {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima", "--tag", "climbing"]);
    s.ok(&["add", "Bram de Vries"]);
    s.ok(&["add", "Chen Okafor", "--company", "Zephyr Labs"]);
    s.ok(&["add", "Dana Smit"]);
    for day in ["2026-11-01", "2026-11-10", "2026-11-20"] {
        s.ok(&["log", "Ana", "--mutual", "--kind", "meet", "--on", day]);
    }
    s.ok(&[
        "log",
        "Bram",
        "--mutual",
        "--kind",
        "call",
        "--on",
        "2026-10-01",
    ]);
    s.ok(&["link", "Ana", "knows", "Bram"]);
    s.ok(&["link", "Bram", "knows", "Chen"]);
    s.ok(&["link", "Dana", "knows", "Chen"]);
    s
}

#[test]
fn intro_finds_paths_to_a_company_warmest_first_paper_last() {
    let s = network();
    let said = s.ok(&["intro", "Zephyr Labs"]);
    assert!(
        said.starts_with("Who can introduce you to someone at Zephyr Labs, warmest first:"),
        "{said}"
    );
    let ana = said.find("Ana Lima (active").unwrap();
    let bram = said.find("Bram de Vries (active").unwrap();
    let dana = said
        .find("Dana Smit (never in touch) → Chen Okafor")
        .unwrap();
    assert!(ana < bram && bram < dana, "{said}");
    assert!(said.contains("→ Bram de Vries → Chen Okafor"), "{said}");

    let report = s.json(&["intro", "zephyr"]);
    assert_eq!(
        report["target"],
        serde_json::json!({"kind": "company", "name": "Zephyr Labs"})
    );
    let first: Vec<&str> = report["paths"][0]["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert_eq!(first, ["Ana Lima", "Bram de Vries", "Chen Okafor"]);
    // A tag, and a person you know yourself.
    let tag = s.json(&["intro", "#climbing"]);
    assert_eq!(tag["direct"][0]["ask"]["name"], "Ana Lima");
    let person = s.json(&["intro", "Chen Okafor"]);
    assert!(
        person["direct"].as_array().unwrap().is_empty(),
        "never in touch with Chen"
    );
    assert_eq!(person["paths"].as_array().unwrap().len(), 3);
}

#[test]
fn archived_people_never_appear_and_no_way_says_how_to_add_one() {
    let s = network();
    s.ok(&["archive", "Bram"]);
    let report = s.json(&["intro", "Zephyr Labs"]);
    let asked: Vec<&str> = report["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["ask"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(asked, ["Dana Smit"], "Ana's only way was through Bram");
    s.ok(&["add", "Eve Okafor", "--company", "Northwind"]);
    let said = s.ok(&["intro", "Northwind"]);
    assert!(
        said.starts_with("No way in to someone at Northwind yet"),
        "{said}"
    );
    s.refused(
        &["intro", "Nowhere Inc"],
        "no person, company or tag matches 'Nowhere Inc'",
    );
}

#[test]
fn links_show_on_the_person_and_unlink_and_undo_work() {
    let s = network();
    s.ok(&["link", "Ana", "introduced", "Dana"]);
    let dana = s.json(&["show", "Dana"]);
    assert_eq!(dana["person"]["introduced_by"], 1);
    assert_eq!(dana["connections"]["introduced_by"]["name"], "Ana Lima");
    let ana = s.ok(&["show", "Ana"]);
    assert!(ana.contains("introduced you to Dana Smit"), "{ana}");
    assert!(ana.contains("knows      Bram de Vries"), "{ana}");
    assert!(
        ana.contains("bridge     your only active tie at #climbing"),
        "{ana}"
    );
    assert!(
        s.ok(&["unlink", "Ana", "Dana"])
            .starts_with("Unlinked Ana Lima and Dana Smit.")
    );
    assert_eq!(
        s.json(&["show", "Dana"])["person"]["introduced_by"],
        serde_json::Value::Null
    );
    s.ok(&["undo"]);
    assert_eq!(s.json(&["show", "Dana"])["person"]["introduced_by"], 1);
    s.refused(&["unlink", "Bram", "Dana"], "are not linked");
    s.refused(
        &["link", "Ana", "knows", "Ana Lima"],
        "cannot be linked to themselves",
    );
    assert!(
        s.ok(&["link", "Bram", "knows", "Ana"])
            .starts_with("Already recorded")
    );
}

#[test]
fn an_introduction_you_made_is_a_favour_to_both_and_they_now_know_each_other() {
    let s = network();
    s.ok(&[
        "log",
        "Ana",
        "Dana",
        "--gave",
        "--kind",
        "intro",
        "--on",
        "2026-11-24",
    ]);
    for name in ["Ana", "Dana"] {
        let shown = s.json(&["show", name]);
        assert_eq!(shown["figures"]["ledger"]["given"], 1, "{name}");
    }
    let dana = s.json(&["show", "Dana"]);
    let knows: Vec<&str> = dana["connections"]["knows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert_eq!(knows, ["Ana Lima", "Chen Okafor"]);
    // One undo takes both the favour and the link away.
    s.ok(&["undo"]);
    let dana = s.json(&["show", "Dana"]);
    assert_eq!(dana["connections"]["knows"].as_array().unwrap().len(), 1);
}

#[test]
fn add_introduced_by_is_a_way_in() {
    let s = network();
    s.ok(&[
        "add",
        "Farah Haddad",
        "--company",
        "Acme",
        "--introduced-by",
        "Ana",
    ]);
    let report = s.json(&["intro", "Acme"]);
    assert_eq!(report["paths"][0]["ask"]["name"], "Ana Lima");
}

#[test]
fn a_quiet_tie_is_shown_as_a_way_into_a_circle_with_no_one_active() {
    let s = network();
    s.ok(&["add", "Olga Ivanova", "--company", "Faraway Co"]);
    s.ok(&[
        "log",
        "Olga",
        "--mutual",
        "--kind",
        "meet",
        "--on",
        "2024-01-10",
    ]);
    let olga = s.ok(&["show", "Olga"]);
    assert!(
        olga.contains("bridge     a way into Faraway Co, where no one you know is active"),
        "{olga}"
    );
}

#[test]
fn someone_known_from_before_is_a_way_back_never_a_chain_and_chains_stop_at_two_links() {
    let s = network();
    // Eva at Zephyr Labs was met years ago: known, quiet now. Finn (a paper tie) is three
    // links from Ana: Ana → Bram → Chen → Finn.
    s.ok(&["add", "Eva Jansen", "--company", "Zephyr Labs"]);
    s.ok(&[
        "log",
        "Eva",
        "--mutual",
        "--kind",
        "meet",
        "--on",
        "2021-03-01",
    ]);
    s.ok(&["link", "Ana", "knows", "Eva"]);
    s.ok(&["add", "Finn Bakker"]);
    s.ok(&["link", "Chen", "knows", "Finn"]);

    let said = s.ok(&["intro", "Zephyr Labs"]);
    assert!(
        said.starts_with(
            "You know someone at Zephyr Labs from before (quiet now; write to them yourself):\n  \
             Eva Jansen (quiet for 5y)"
        ),
        "{said}"
    );
    assert!(!said.contains("in touch with"), "{said}");
    assert!(
        !said.contains("→ Eva Jansen"),
        "no way to Eva through others: {said}"
    );
    assert!(said.contains("Ana Lima (active"), "{said}");

    let finn = s.json(&["intro", "Finn Bakker"]);
    let asked: Vec<&str> = (finn["paths"].as_array().unwrap().iter())
        .map(|way| way["ask"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        asked,
        ["Bram de Vries", "Chen Okafor", "Dana Smit"],
        "Ana is three links away: {finn}"
    );
    for way in finn["paths"].as_array().unwrap() {
        assert!(way["path"].as_array().unwrap().len() <= 3, "{way}");
    }
}
