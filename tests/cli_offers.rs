//! Offers and `ask` through the real binary: what you can give, matched to open needs (and
//! never to what a need rules out), done and undone, carried by the document; whom to ask
//! about your own need, ties you see now and then before your closest.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;
use serde_json::Value;

/// Ana needs a designer, Bo a flat outside Utrecht.
fn network() -> Sandbox {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima"]);
    s.ok(&["add", "Bo Chen"]);
    s.ok(&[
        "need",
        "Ana",
        "a designer for her studio",
        "--tag",
        "design",
    ]);
    s.ok(&["need", "Bo", "a flat outside Utrecht"]);
    s
}

fn fits(offer: &Value) -> Vec<String> {
    (offer["fits"].as_array().unwrap().iter())
        .map(|f| f["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_offer_is_matched_to_the_needs_it_fits() {
    let s = network();
    let said = s.ok(&["offer", "a design review of a portfolio"]);
    assert!(
        said.starts_with("Noted: You can give a design review of a portfolio, offer #1."),
        "{said}"
    );
    assert!(said.contains("It fits 1 open need"), "{said}");
    // Utrecht is what Bo's need rules out: a room there fits no one.
    let room = s.ok(&["offer", "a spare room in Utrecht", "--tag", "#Housing"]);
    assert!(room.contains("It fits no one's need yet"), "{room}");
    s.ok(&["offer", "a flat in Leiden for the summer"]);

    let offers = s.json(&["offers"]);
    assert_eq!(offers.as_array().unwrap().len(), 3);
    assert_eq!(fits(&offers[0]), ["Ana Lima"]);
    assert_eq!(offers[0]["fits"][0]["need"], 1);
    assert_eq!(offers[1]["tags"], serde_json::json!(["housing"]));
    assert_eq!(fits(&offers[1]), Vec::<String>::new());
    assert_eq!(fits(&offers[2]), ["Bo Chen"]);
    let text = s.ok(&["offers"]);
    assert!(
        text.contains("give it to Ana Lima (looking for a designer for her studio) (need #1)"),
        "{text}"
    );

    // A need met fits nothing any more; an offer done is listed only with --all.
    s.ok(&["need-done", "1"]);
    assert_eq!(fits(&s.json(&["offers"])[0]), Vec::<String>::new());
    let done = s.ok(&["offer-done", "3"]);
    assert!(
        done.contains("Done: you no longer offer a flat in Leiden for the summer."),
        "{done}"
    );
    assert_eq!(s.json(&["offers"]).as_array().unwrap().len(), 2);
    let all = s.json(&["offers", "--all"]);
    assert_eq!(all[2]["done_on"], common::TODAY);
    assert_eq!(fits(&all[2]), Vec::<String>::new());
    s.ok(&["undo"]);
    assert_eq!(s.json(&["offers"]).as_array().unwrap().len(), 3);
}

#[test]
fn bad_offers_are_refused_and_change_nothing() {
    let s = network();
    s.ok(&["offer", "an hour on careers"]);
    s.refused(&["offer", "  "], "an offer needs a few words");
    s.refused(&["offer", "a desk", "--tag", "two words"], "bad tag");
    s.refused(&["offer-done", "9"], "no offer #9");
    s.refused(&["offer-done", "abc"], "expected an offer's number");
    s.ok(&["offer-done", "1"]);
    s.refused(&["offer-done", "1"], "already done");
    let fresh = Sandbox::new();
    fresh.refused(&["offers"], "no database here yet");
    assert!(!fresh.db.exists());
}

#[test]
fn offers_travel_in_the_document() {
    let s = network();
    s.ok(&["offer", "a design review", "--tag", "design"]);
    s.ok(&["offer", "a spare desk"]);
    s.ok(&["offer-done", "2"]);
    let document = s.ok(&["export", "json"]);
    let parsed: Value = serde_json::from_str(&document).unwrap();
    assert_eq!(parsed["offers"][0]["text"], "a design review");
    assert_eq!(parsed["offers"][1]["done_on"], common::TODAY);
    let (restored, said) = s.restored(&document);
    assert!(said.contains("2 offers"), "{said}");
    assert_eq!(
        s.json_on(&restored, &["offers", "--all"]),
        s.json(&["offers", "--all"])
    );
}

#[test]
fn ask_puts_ties_you_see_now_and_then_before_your_closest() {
    let s = Sandbox::new();
    // Six recruiters you are in touch with: the five you see most are your closest five,
    // the sixth is in your 15. A seventh you never met.
    let names = ["Ana", "Bo", "Cy", "Di", "Ed", "Flo", "Gus"];
    for name in names {
        s.ok(&["add", name, "--role", "Recruiter"]);
    }
    for (i, name) in names.iter().enumerate().take(6) {
        for k in 0..(9 - i) {
            let day = format!("-{}d", 3 + 12 * k);
            s.ok(&["log", name, "--mutual", "--kind", "meet", "--on", &day]);
        }
    }
    let asked = s.json(&["ask", "a recruiter for a climate startup"]);
    let order: Vec<&str> = (asked.as_array().unwrap().iter())
        .map(|h| h["name"].as_str().unwrap())
        .collect();
    assert_eq!(order, ["Flo", "Ana", "Bo", "Cy", "Di", "Ed", "Gus"]);
    let text = s.ok(&["ask", "a recruiter"]);
    assert!(text.starts_with("Whom to ask about a recruiter"), "{text}");
    assert!(text.contains(" 1. Flo (Recruiter; active"), "{text}");
    let none = s.ok(&["ask", "a violin teacher"]);
    assert!(none.contains("No one in your network matches"), "{none}");
    s.refused(&["ask", " "], "a need needs a few words");
}

#[test]
fn an_offer_that_fits_shows_in_the_review_and_in_an_invitation() {
    let s = network();
    // Ana is active (a meeting), so her need is in the review's "Someone you could help".
    s.ok(&["log", "Ana", "--mutual", "--kind", "meet", "--on", "-2d"]);
    s.ok(&["offer", "a design review of a portfolio"]);
    let items = s.review_step(common::TODAY, "could_help");
    let detail = items[0]["detail"].as_str().unwrap();
    assert!(
        detail
            .starts_with("needs a designer for her studio; offer a design review of a portfolio;"),
        "{detail}"
    );
    // She has helped you a lot lately: her invitation says what to give her.
    for day in ["-30d", "-25d", "-20d", "-15d", "-10d", "-5d"] {
        s.ok(&["log", "Ana", "--received", "--kind", "favour", "--on", day]);
    }
    s.ok(&["thanked", "2"]);
    for id in 3..=7 {
        s.ok(&["thanked", &id.to_string()]);
    }
    let shown = s.ok(&["show", "Ana"]);
    assert!(
        shown.contains(
            "thank them; looking for a designer for her studio: offer a design review of a \
             portfolio."
        ),
        "{shown}"
    );
}
