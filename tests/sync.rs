//! Sync across devices through a shared folder (DESIGN, "Sync across devices"): the real
//! binary on two or three real databases and one folder, as Syncthing would leave it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::sync::{Devices, canonical};

#[test]
fn a_second_machine_joins_with_the_printed_line_and_gets_everything() {
    let net = Devices::new(2);
    net.ok(0, &["add", "Ana Lima", "--company", "Zephyr Labs"]);
    net.ok(
        0,
        &[
            "log", "Ana Lima", "--mutual", "--kind", "call", "--note", "walked",
        ],
    );
    net.ok(0, &["promise", "Ana Lima", "send the article"]);
    let said = net.init(0);
    assert!(said.contains("tiesdesk sync join"), "{said}");
    net.join(1);
    assert_eq!(canonical(&net, 0), canonical(&net, 1));
    let ana = net.json(1, &["show", "Ana Lima"]);
    assert_eq!(ana["interactions"][0]["note"], "walked");
    assert_eq!(net.json(1, &["promises"])[0]["text"], "send the article");
}

#[test]
fn edits_of_different_fields_on_two_machines_both_stay_and_the_later_edit_of_one_wins() {
    let net = Devices::new(2);
    net.ok(0, &["add", "Ana Lima"]);
    net.init(0);
    net.join(1);
    // Different fields, neither machine having seen the other's edit.
    net.ok(0, &["edit", "Ana Lima", "--role", "Architect"]);
    net.ok(1, &["edit", "Ana Lima", "--company", "Canal Bank"]);
    // The same field: machine 1 edits it last.
    net.ok(0, &["edit", "Ana Lima", "--location", "Utrecht"]);
    net.ok(1, &["edit", "Ana Lima", "--location", "Delft"]);
    net.sync_all(2);
    for device in 0..2 {
        let ana = net.json(device, &["show", "Ana Lima"]);
        let person = &ana["person"];
        assert_eq!(person["role"], "Architect", "device {device}: {ana}");
        assert_eq!(person["company"], "Canal Bank", "device {device}");
        assert_eq!(person["location"], "Delft", "device {device}");
    }
    assert_eq!(canonical(&net, 0), canonical(&net, 1));
}

#[test]
fn emails_and_tags_added_on_two_machines_all_stay_and_a_removal_travels() {
    let net = Devices::new(2);
    net.ok(
        0,
        &[
            "add",
            "Ana Lima",
            "--email",
            "ana@zephyr.example",
            "--tag",
            "design",
        ],
    );
    net.init(0);
    net.join(1);
    // Neither machine has seen the other's change.
    net.ok(
        0,
        &[
            "edit",
            "Ana Lima",
            "--email",
            "ana@home.example",
            "--tag",
            "climate",
        ],
    );
    net.ok(
        1,
        &[
            "edit",
            "Ana Lima",
            "--email",
            "a.lima@canal.example",
            "--untag",
            "design",
        ],
    );
    net.sync_all(2);
    for device in 0..2 {
        let person = &net.json(device, &["show", "Ana Lima"])["person"];
        let mut emails: Vec<&str> = (person["emails"].as_array().unwrap().iter())
            .map(|e| e.as_str().unwrap())
            .collect();
        emails.sort_unstable();
        assert_eq!(
            emails,
            [
                "a.lima@canal.example",
                "ana@home.example",
                "ana@zephyr.example"
            ],
            "device {device}"
        );
        assert_eq!(
            person["tags"],
            serde_json::json!(["climate"]),
            "device {device}"
        );
    }
    assert_eq!(canonical(&net, 0), canonical(&net, 1));
}

#[test]
fn chat_handles_kept_on_two_machines_all_stay() {
    let net = Devices::new(2);
    net.ok(0, &["add", "Noor Bakker"]);
    net.init(0);
    net.join(1);
    net.ok(
        0,
        &["edit", "Noor Bakker", "--handle", "whatsapp:+31612345678"],
    );
    net.ok(1, &["edit", "Noor Bakker", "--handle", "telegram:user2002"]);
    net.sync_all(2);
    for device in 0..2 {
        let mut handles: Vec<String> = serde_json::from_value(
            net.json(device, &["show", "Noor Bakker"])["person"]["handles"].clone(),
        )
        .unwrap();
        handles.sort();
        assert_eq!(
            handles,
            ["telegram:user2002", "whatsapp:+31612345678"],
            "device {device}"
        );
    }
    assert_eq!(canonical(&net, 0), canonical(&net, 1));
}

#[test]
fn interactions_logged_on_both_machines_all_arrive_and_a_delete_travels() {
    let net = Devices::new(3);
    net.ok(0, &["add", "Ana Lima"]);
    net.init(0);
    net.join(1);
    net.join(2);
    net.ok(0, &["log", "Ana Lima", "--mutual", "--note", "one"]);
    net.ok(
        1,
        &[
            "log", "Ana Lima", "--gave", "--kind", "favour", "--note", "two",
        ],
    );
    net.ok(2, &["log", "Ana Lima", "--received", "--note", "three"]);
    net.sync_all(2);
    let notes = |device| -> Vec<String> {
        let mut notes: Vec<String> = (net.json(device, &["show", "Ana Lima"])["interactions"]
            .as_array()
            .unwrap()
            .iter())
        .map(|i| i["note"].as_str().unwrap().to_string())
        .collect();
        notes.sort();
        notes
    };
    for device in 0..3 {
        assert_eq!(notes(device), ["one", "three", "two"], "device {device}");
    }
    // Machine 2 deletes the favour logged on machine 1.
    let shown = net.json(2, &["show", "Ana Lima"]);
    let two = (shown["interactions"].as_array().unwrap().iter())
        .find(|i| i["note"] == "two")
        .unwrap()["id"]
        .to_string();
    net.ok(2, &["interaction", "delete", &two]);
    net.sync_all(2);
    for device in 0..3 {
        assert_eq!(notes(device), ["one", "three"], "device {device}");
    }
    assert_eq!(canonical(&net, 0), canonical(&net, 2));
}

#[test]
fn a_note_edited_on_one_machine_and_a_thanks_marked_on_another_both_stay() {
    let net = Devices::new(2);
    net.ok(0, &["add", "Ana Lima"]);
    net.ok(
        0,
        &[
            "log",
            "Ana Lima",
            "--received",
            "--kind",
            "favour",
            "--note",
            "lent a ladder",
        ],
    );
    net.init(0);
    net.join(1);
    let id = |device| net.json(device, &["show", "Ana Lima"])["interactions"][0]["id"].to_string();
    net.ok(
        0,
        &[
            "interaction",
            "edit",
            &id(0),
            "--note",
            "lent a ladder and a drill",
        ],
    );
    net.ok(1, &["thanked", &id(1)]);
    net.sync_all(2);
    for device in 0..2 {
        let favour = &net.json(device, &["show", "Ana Lima"])["interactions"][0];
        assert_eq!(
            favour["note"], "lent a ladder and a drill",
            "device {device}: {favour}"
        );
        assert!(!favour["thanked_on"].is_null(), "device {device}: {favour}");
    }
    assert_eq!(canonical(&net, 0), canonical(&net, 1));
}

#[test]
fn an_introduction_made_on_one_machine_and_dropped_on_another_keeps_the_favour() {
    let net = Devices::new(2);
    net.ok(0, &["add", "Ana Lima"]);
    net.ok(0, &["add", "Bo Chen"]);
    net.ok(0, &["need", "Ana Lima", "a designer"]);
    net.ok(0, &["introduce", "1", "Bo Chen"]);
    net.init(0);
    net.join(1);
    // The laptop records the introduction made (a favour to both); the desktop, not knowing,
    // drops it. Each edit names only the fields it changed: the later stage wins, and the
    // day it was made and its favour stay.
    net.ok(0, &["introduced", "1", "--made"]);
    net.ok(1, &["introduced", "1", "--dropped"]);
    net.sync_all(2);
    for device in 0..2 {
        let all = net.json(device, &["introductions", "--all"]);
        let introduction = &all[0];
        assert_eq!(introduction["stage"], "dropped", "device {device}: {all}");
        assert!(
            !introduction["favour"].is_null() && !introduction["made_on"].is_null(),
            "device {device} lost the favour: {all}"
        );
    }
    assert_eq!(canonical(&net, 0), canonical(&net, 1));
}

#[test]
fn people_added_to_one_meeting_on_two_machines_both_stay() {
    let net = Devices::new(2);
    for name in ["Ana Lima", "Bo Chen", "Carmen Ortiz"] {
        net.ok(0, &["add", name]);
    }
    net.ok(
        0,
        &[
            "log",
            "Ana Lima",
            "--mutual",
            "--kind",
            "meet",
            "--note",
            "the workshop",
        ],
    );
    net.init(0);
    net.join(1);
    let id = |device| net.json(device, &["show", "Ana Lima"])["interactions"][0]["id"].to_string();
    net.ok(
        0,
        &[
            "interaction",
            "edit",
            &id(0),
            "--with",
            "Ana Lima",
            "--with",
            "Bo Chen",
        ],
    );
    net.ok(
        1,
        &[
            "interaction",
            "edit",
            &id(1),
            "--with",
            "Ana Lima",
            "--with",
            "Carmen Ortiz",
        ],
    );
    net.sync_all(2);
    for device in 0..2 {
        for name in ["Ana Lima", "Bo Chen", "Carmen Ortiz"] {
            let shown = net.json(device, &["show", name]);
            assert_eq!(
                shown["interactions"][0]["note"], "the workshop",
                "device {device}, {name}: {shown}"
            );
        }
    }
    assert_eq!(canonical(&net, 0), canonical(&net, 1));
}

#[test]
fn an_undo_syncs_as_a_delete_and_a_second_undo_brings_nothing_back_elsewhere_by_mistake() {
    let net = Devices::new(2);
    net.ok(0, &["add", "Ana Lima"]);
    net.init(0);
    net.join(1);
    net.ok(0, &["add", "Bo Chen"]);
    net.ok(0, &["link", "Ana Lima", "knows", "Bo Chen"]);
    net.sync_all(1);
    assert_eq!(net.json(1, &["list"]).as_array().unwrap().len(), 2);
    // Undo the link on machine 0: it goes on machine 1 too.
    net.ok(0, &["undo"]);
    net.sync_all(1);
    let doc = canonical(&net, 1);
    assert!(doc["links"].as_array().unwrap().is_empty(), "{doc}");
    // Link again: the same pair's link is made again everywhere (its id is derived).
    net.ok(1, &["link", "Ana Lima", "knows", "Bo Chen"]);
    net.sync_all(2);
    assert_eq!(canonical(&net, 0)["links"].as_array().unwrap().len(), 1);
    assert_eq!(canonical(&net, 0), canonical(&net, 1));
}

#[test]
fn joining_with_people_here_already_makes_them_one_with_the_folders() {
    let net = Devices::new(2);
    net.ok(
        0,
        &[
            "add",
            "Ana Lima",
            "--email",
            "ana@zephyr.example",
            "--company",
            "Zephyr",
        ],
    );
    net.ok(0, &["add", "Bo Chen"]);
    net.init(0);
    net.ok(
        1,
        &[
            "add",
            "Ana Lima",
            "--email",
            "ana@zephyr.example",
            "--role",
            "Architect",
        ],
    );
    net.ok(1, &["add", "Carmen Ortiz"]);
    net.ok(
        1,
        &["log", "Ana Lima", "--mutual", "--note", "from the desktop"],
    );
    let said = net.join(1);
    assert!(
        said.contains("1 person here was in the folder already"),
        "{said}"
    );
    net.sync_all(2);
    for device in 0..2 {
        let people = net.json(device, &["list"]);
        let mut names: Vec<&str> = (people.as_array().unwrap().iter())
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        names.sort_unstable();
        assert_eq!(
            names,
            ["Ana Lima", "Bo Chen", "Carmen Ortiz"],
            "device {device}"
        );
        let ana = net.json(device, &["show", "Ana Lima"]);
        assert_eq!(ana["person"]["company"], "Zephyr", "device {device}");
        assert_eq!(ana["person"]["role"], "Architect", "device {device}");
        assert_eq!(
            ana["interactions"][0]["note"], "from the desktop",
            "device {device}"
        );
    }
    assert_eq!(canonical(&net, 0), canonical(&net, 1));
}

#[test]
fn status_lists_the_devices_and_what_waits() {
    let net = Devices::new(2);
    net.ok(0, &["add", "Ana Lima"]);
    net.init_with(0, &["--name", "laptop"]);
    let key = net.key();
    net.ok(
        1,
        &[
            "sync",
            "join",
            net.folder_arg(),
            "--key",
            &key,
            "--name",
            "desktop",
        ],
    );
    net.ok(1, &["log", "Ana Lima", "--mutual"]);
    let said = net.ok(1, &["sync", "status"]);
    assert!(
        said.contains("laptop") && said.contains("desktop"),
        "{said}"
    );
    assert!(said.contains("1 change here not sent yet"), "{said}");
    let status = net.json(1, &["sync", "status"]);
    assert_eq!(status["devices"].as_array().unwrap().len(), 2, "{status}");
    assert_eq!(status["encrypted"], true);
    assert_eq!(status["unsent"], 1);
}

#[test]
fn a_tag_added_on_one_machine_and_taken_off_later_on_another_ends_the_same_on_both() {
    let net = Devices::new(2);
    net.ok(0, &["add", "Carmen Ortiz"]);
    net.init(0);
    net.join(1);
    // Both tag her; the desktop then undoes its tag, last of all: per tag, the latest add or
    // removal wins on both (found by the property test: the laptop kept the tag).
    net.ok(1, &["edit", "Carmen Ortiz", "--tag", "t1"]);
    net.ok(1, &["sync"]);
    net.ok(0, &["edit", "Carmen Ortiz", "--tag", "t1"]);
    net.ok(1, &["undo"]);
    net.sync_all(2);
    for device in 0..2 {
        assert_eq!(
            net.json(device, &["show", "Carmen Ortiz"])["person"]["tags"],
            serde_json::json!([]),
            "device {device}"
        );
    }
    // Tagged again later on the laptop: the tag is back on both.
    net.ok(0, &["edit", "Carmen Ortiz", "--tag", "t1"]);
    net.sync_all(2);
    for device in 0..2 {
        assert_eq!(
            net.json(device, &["show", "Carmen Ortiz"])["person"]["tags"],
            serde_json::json!(["t1"]),
            "device {device}"
        );
    }
}
