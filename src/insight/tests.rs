//! The model's rules at their boundaries, with a fixed today.

use super::*;
use crate::config::Config;
use crate::model::{Direction as D, Kind as K, Size};

use super::fixtures::{TODAY, contact as c, person};

fn run(people: Vec<PersonFacts>, contacts: Vec<(i64, Contact)>) -> Network {
    run_with(people, contacts, &Config::default())
}

fn run_with(people: Vec<PersonFacts>, contacts: Vec<(i64, Contact)>, config: &Config) -> Network {
    evaluate(&Histories::from_parts(people, contacts), config, TODAY)
}

/// `gave` favours given and `received` received, spread over the last months.
fn favours(id: i64, gave: usize, received: usize) -> Vec<(i64, Contact)> {
    let mut out = Vec::new();
    for i in 0..gave {
        out.push((id, c(10 + i as i64 * 20, K::Favour, D::Gave)));
    }
    for i in 0..received {
        out.push((id, c(15 + i as i64 * 20, K::Advice, D::Received)));
    }
    out
}

#[test]
fn one_sided_needs_six_favours_at_eighty_percent() {
    let mut contacts = favours(1, 5, 1); // 6 favours, 5/6 = 83% given
    contacts.extend(favours(2, 4, 1)); // 5 favours: too few to say
    contacts.extend(favours(3, 1, 5)); // 6 favours, 1/6 = 17% given
    contacts.extend(favours(4, 4, 2)); // 6 favours, 67%: balanced enough
    contacts.extend(favours(5, 8, 2)); // 10 favours, exactly 80%
    contacts.extend(favours(6, 2, 8)); // exactly 20%
    let net = run((1..=6).map(person).collect(), contacts);
    let flag = |id| net.get(id).unwrap().one_sided;
    assert_eq!(flag(1), Some(OneSided::TheyTake));
    assert_eq!(flag(2), None);
    assert_eq!(flag(3), Some(OneSided::YouTake));
    assert_eq!(flag(4), None);
    assert_eq!(flag(5), Some(OneSided::TheyTake));
    assert_eq!(flag(6), Some(OneSided::YouTake));
    assert_eq!((net.summary.you_take, net.summary.they_take), (2, 2));
    let ledger = net.get(1).unwrap().ledger;
    assert_eq!((ledger.given, ledger.received, ledger.favours), (5, 1, 6));
    assert_eq!(ledger.balance(), 4);
}

#[test]
fn you_take_rests_on_favours_received() {
    // Four received are too few to say, whatever the sizes.
    let mut few = favours(1, 0, 4);
    for (_, contact) in &mut few {
        contact.size = Size::Major;
    }
    // The found case: five received, then one small favour given: still not "you take"
    // before, and giving cannot be what tips it.
    let five = favours(2, 0, 5);
    let mut five_then_give = five.clone();
    five_then_give.push((2, c(1, K::Favour, D::Gave)));
    let before = run(vec![person(1), person(2)], [few.clone(), five].concat());
    let after = run(vec![person(1), person(2)], [few, five_then_give].concat());
    assert_eq!(before.get(1).unwrap().one_sided, None);
    assert_eq!(before.get(2).unwrap().one_sided, Some(OneSided::YouTake));
    assert_eq!(after.get(2).unwrap().one_sided, Some(OneSided::YouTake));
}

#[test]
fn family_is_never_flagged_and_cools_slower() {
    let mut family = person(1);
    family.family = true;
    let mut contacts = favours(1, 0, 8);
    contacts.extend(favours(2, 0, 8));
    contacts.push((1, c(180, K::Meet, D::Mutual)));
    contacts.push((2, c(180, K::Meet, D::Mutual)));
    let net = run(vec![family, person(2)], contacts);
    assert_eq!(net.get(1).unwrap().one_sided, None);
    assert_eq!(net.get(2).unwrap().one_sided, Some(OneSided::YouTake));
    assert!(net.get(1).unwrap().warmth > net.get(2).unwrap().warmth);
}

#[test]
fn the_ledger_window_is_eighteen_months() {
    let window = i64::from(Config::default().ledger.window_days);
    let contacts = vec![
        (1, c(window - 1, K::Favour, D::Gave)),
        (1, c(window, K::Favour, D::Gave)), // on the edge: counted (the window is (today-548, today])
        (1, c(window + 1, K::Favour, D::Gave)),
        (1, c(0, K::Meet, D::Gave)), // not a favour kind
    ];
    let net = run(vec![person(1)], contacts);
    let ledger = net.get(1).unwrap().ledger;
    assert_eq!(ledger.favours, 1, "{ledger:?}");
}

#[test]
fn paper_ties_and_archived_people() {
    let mut archived = person(3);
    archived.archived = true;
    let contacts = vec![(1, c(3, K::Meet, D::Mutual)), (3, c(1, K::Meet, D::Mutual))];
    let net = run(vec![person(1), person(2), archived], contacts);
    assert_eq!(net.get(1).unwrap().status, Status::Active);
    assert_eq!(net.get(2).unwrap().status, Status::Paper);
    assert_eq!(net.get(3).unwrap().status, Status::Archived);
    assert_eq!(net.get(3).unwrap().rank, None);
    let s = &net.summary;
    assert_eq!((s.active, s.paper, s.everyone, s.archived), (1, 1, 2, 1));
    assert_eq!(s.paper_share, 0.5);
}

#[test]
fn someone_added_by_hand_is_new_not_a_paper_tie() {
    let added = PersonFacts {
        imported: false,
        ..person(2)
    };
    let net = run(vec![person(1), added], vec![]);
    assert_eq!(net.get(1).unwrap().status, Status::Paper);
    assert_eq!(net.get(2).unwrap().status, Status::New);
    let s = &net.summary;
    assert_eq!((s.paper, s.everyone), (1, 2), "{s:?}");
    // Added by hand sorts before the imported never-engaged, in every list.
    let (new, paper) = (net.get(2).unwrap(), net.get(1).unwrap());
    assert!(new.closeness() < paper.closeness());
    assert!(order::standing(new, None) < order::standing(paper, None));
    // Once logged with, added and imported alike are simply in touch.
    let net = run(vec![person(1), added], vec![(2, c(3, K::Meet, D::Mutual))]);
    assert_eq!(net.get(2).unwrap().status, Status::Active);
}

#[test]
fn the_active_window_edge() {
    let window = i64::from(Config::default().model.active_window_days);
    let contacts = vec![
        (1, c(window, K::Meet, D::Mutual)),
        (2, c(window + 1, K::Meet, D::Mutual)),
    ];
    let net = run(vec![person(1), person(2)], contacts);
    assert_eq!(net.get(1).unwrap().status, Status::Active);
    assert_eq!(net.get(2).unwrap().status, Status::Dormant);
}

#[test]
fn contacts_after_today_are_ignored() {
    let contacts = vec![(1, c(-5, K::Meet, D::Mutual))];
    let net = run(vec![person(1)], contacts);
    assert_eq!(net.get(1).unwrap().status, Status::Paper);
    assert_eq!(net.get(1).unwrap().warmth, 0.0);
}

#[test]
fn layers_follow_rank_and_over_capacity_is_reported() {
    let mut config = Config::default();
    config.model.dunbar = 20; // layers scale to 1 / 2 / 7 / 20
    assert_eq!(config.layer_bounds(), vec![1, 2, 7, 20]);
    let people: Vec<_> = (1..=25).map(person).collect();
    // Person i was last met i days ago: lower ids are warmer.
    let contacts: Vec<_> = (1..=25).map(|i| (i, c(i, K::Meet, D::Mutual))).collect();
    let net = run_with(people, contacts, &config);
    let layer = |id| net.get(id).unwrap().layer;
    assert_eq!(layer(1), Some(5));
    assert_eq!(layer(2), Some(15));
    assert_eq!(layer(7), Some(50));
    assert_eq!(layer(8), Some(150));
    assert_eq!(layer(20), Some(150));
    assert_eq!(layer(21), None);
    let f21 = net.get(21).unwrap();
    assert_eq!(
        (f21.status, f21.over_capacity, f21.rank),
        (Status::Dormant, true, Some(21))
    );
    let s = &net.summary;
    assert_eq!((s.active, s.competing, s.over_capacity), (20, 25, 5));
    let fills: Vec<_> = s.layers.iter().map(|l| (l.capacity, l.people)).collect();
    assert_eq!(fills, vec![(1, 1), (1, 1), (5, 5), (13, 13)]);
}

#[test]
fn ties_in_warmth_rank_the_most_recent_first() {
    // Same warmth today: one message each, but B's was... the same day; then ids decide.
    let contacts = vec![
        (1, c(10, K::Message, D::Gave)),
        (2, c(10, K::Message, D::Gave)),
        (3, c(5, K::Message, D::Gave)),
    ];
    let net = run(vec![person(1), person(2), person(3)], contacts);
    let rank = |id| net.get(id).unwrap().rank;
    assert_eq!((rank(3), rank(1), rank(2)), (Some(1), Some(2), Some(3)));
}

/// `run`, with a tie long since quiet (#999, a meeting 400 days ago) so that the log covers
/// more than the days tiesdesk learns a rhythm over: due and overdue are said.
fn run_seasoned(mut people: Vec<PersonFacts>, mut contacts: Vec<(i64, Contact)>) -> Network {
    people.push(person(999));
    contacts.push((999, c(400, K::Meet, D::Mutual)));
    run(people, contacts)
}

#[test]
fn no_one_is_due_while_the_log_is_young() {
    // Fifteen days without contact in the 5 layer is overdue — once the log says so.
    let contacts = vec![
        (1, c(15, K::Meet, D::Mutual)),
        (1, c(60, K::Meet, D::Mutual)),
    ];
    let young = run(vec![person(1)], contacts.clone());
    assert!(young.summary.learning);
    assert_eq!(young.summary.log_days, 60);
    assert_eq!(young.get(1).unwrap().due, Due::No);
    assert_eq!((young.summary.due, young.summary.overdue), (0, 0));
    let lines = explain(
        "Ana Lima",
        false,
        young.get(1).unwrap(),
        &young.summary,
        &Config::default(),
        &Open::default(),
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Learning your rhythm: the log covers 60 of the 90 days")),
        "{lines:?}"
    );
    let seasoned = run_seasoned(vec![person(1)], contacts);
    assert!(!seasoned.summary.learning);
    assert_eq!(seasoned.get(1).unwrap().due, Due::Overdue);
    assert_eq!(seasoned.summary.overdue, 1);
}

#[test]
fn due_after_the_layer_cadence_and_overdue_at_twice() {
    // Alone in the network, everyone is in the 5 layer (cadence 7).
    for (days, due) in [
        (7, Due::No),
        (8, Due::Due),
        (14, Due::Due),
        (15, Due::Overdue),
    ] {
        let net = run_seasoned(vec![person(1)], vec![(1, c(days, K::Meet, D::Mutual))]);
        let f = net.get(1).unwrap();
        assert_eq!(f.due, due, "{days} days");
        assert_eq!(
            f.due_reason,
            Some(DueReason::Layer {
                layer: 5,
                cadence_days: 7
            })
        );
    }
}

#[test]
fn a_cadence_override_wins() {
    let mut p = person(1);
    p.cadence_days = Some(3);
    let net = run_seasoned(vec![p], vec![(1, c(4, K::Meet, D::Mutual))]);
    let f = net.get(1).unwrap();
    assert_eq!(f.due, Due::Due);
    assert_eq!(f.due_reason, Some(DueReason::Override { cadence_days: 3 }));
    // It also lengthens: every 60 days is fine for this person.
    let mut p = person(1);
    p.cadence_days = Some(60);
    let net = run_seasoned(vec![p], vec![(1, c(40, K::Meet, D::Mutual))]);
    assert_eq!(net.get(1).unwrap().due, Due::No);
}

#[test]
fn the_median_gap_refinement() {
    // Met every 20 days, five times (4 gaps): 1.5 × 20 = 30 beats the 5-layer's 7 days.
    let contacts: Vec<_> = (0..5)
        .map(|i| (1, c(25 + i * 20, K::Meet, D::Mutual)))
        .collect();
    let net = run(vec![person(1)], contacts);
    let f = net.get(1).unwrap();
    assert_eq!(f.median_gap, Some(20.0));
    assert_eq!(f.due_after_days, Some(30));
    assert_eq!(f.due, Due::No);
    assert!(matches!(f.due_reason, Some(DueReason::OwnRhythm { .. })));
    // With only 3 gaps the layer cadence applies.
    let contacts: Vec<_> = (0..4)
        .map(|i| (1, c(25 + i * 20, K::Meet, D::Mutual)))
        .collect();
    let net = run_seasoned(vec![person(1)], contacts);
    let f = net.get(1).unwrap();
    assert_eq!(f.median_gap, None);
    assert_eq!((f.due_after_days, f.due), (Some(7), Due::Overdue));
    // Several interactions on one day are one gap, not zero-day gaps.
    let mut contacts: Vec<_> = (0..5)
        .map(|i| (1, c(25 + i * 20, K::Meet, D::Mutual)))
        .collect();
    contacts.push((1, c(25, K::Message, D::Gave)));
    contacts.push((1, c(25, K::Call, D::Gave)));
    let net = run(vec![person(1)], contacts);
    assert_eq!(net.get(1).unwrap().median_gap, Some(20.0));
}

#[test]
fn dormant_and_long_dormant() {
    let contacts = vec![
        (1, c(400, K::Meet, D::Mutual)),
        (2, c(3 * 365, K::Meet, D::Mutual)),
        // Once very close (weekly meetings for a year), quiet for 13 months.
        (3, c(395, K::Meet, D::Mutual)),
    ];
    let mut contacts = contacts;
    for week in 0..52 {
        contacts.push((3, c(395 + week * 7, K::Meet, D::Mutual)));
    }
    let net = run(vec![person(1), person(2), person(3)], contacts);
    let f = |id| net.get(id).unwrap();
    assert_eq!(f(1).status, Status::Dormant);
    assert!(!f(1).long_dormant, "13 months, never close");
    assert!(f(2).long_dormant, "three years");
    assert!(f(3).long_dormant, "a year, once in the inner 50");
    assert_eq!(net.summary.long_dormant, 2);
}

#[test]
fn started_by_taking() {
    let contacts = vec![
        (1, c(30, K::Favour, D::Received)),
        (1, c(10, K::Favour, D::Gave)),
        (2, c(30, K::Meet, D::Received)), // not a favour
        (2, c(20, K::Favour, D::Mutual)), // not directed
        (2, c(10, K::Gift, D::Gave)),
        // The log starts long before these ties.
        (3, c(900, K::Meet, D::Mutual)),
    ];
    let net = run(vec![person(1), person(2), person(3)], contacts);
    assert!(net.get(1).unwrap().started_by_taking);
    assert!(!net.get(2).unwrap().started_by_taking);
}

#[test]
fn started_by_taking_only_when_the_log_covers_how_the_tie_started() {
    let contacts = vec![
        // Years of calls and dinners, then a favour received: not how it started.
        (1, c(1000, K::Call, D::Mutual)),
        (1, c(900, K::Meet, D::Mutual)),
        (1, c(20, K::Favour, D::Received)),
        // Met 200 days ago, helped by them within weeks: how it started.
        (2, c(200, K::Meet, D::Mutual)),
        (2, c(180, K::Favour, D::Received)),
        // The same, but in the log's first days: the tie may be older than the log.
        (3, c(995, K::Meet, D::Mutual)),
        (3, c(990, K::Favour, D::Received)),
    ];
    let net = run(vec![person(1), person(2), person(3)], contacts);
    assert!(!net.get(1).unwrap().started_by_taking, "favour years in");
    assert!(net.get(2).unwrap().started_by_taking);
    assert!(!net.get(3).unwrap().started_by_taking, "log's first days");
}

#[test]
fn explanations_name_the_rule_and_the_numbers() {
    let config = Config::default();
    let mut contacts = favours(1, 1, 6);
    contacts.push((1, c(41, K::Meet, D::Mutual)));
    // The log began long before Ana: how the tie started is known.
    contacts.push((2, c(900, K::Meet, D::Mutual)));
    let net = run(vec![person(1), person(2)], contacts);
    let fig = net.get(1).unwrap();
    let lines = explain(
        "Ana Lima",
        false,
        fig,
        &net.summary,
        &config,
        &Open::default(),
    );
    let text = lines.join("\n");
    assert!(text.contains("Active: rank 1 of 1"), "{text}");
    // A one-sided tie is an invitation, never a score.
    assert!(
        text.contains("Ana has helped you a lot lately: thank them."),
        "{text}"
    );
    assert!(!text.contains("gave 1, got 6"), "{text}");
    assert!(text.contains("Started by taking"), "{text}");
    for never in ["owe", "keep an eye", "give back", "favour back"] {
        assert!(!text.to_lowercase().contains(never), "{never}: {text}");
    }
    // With something open, it names the thing to do: their need before your promise.
    let open = Open {
        thanks: None,
        need: Some("a flat in Utrecht"),
        offer: None,
        promise: Some("the book"),
        date: Some("birthday on Friday"),
    };
    // A favour not thanked for comes before all of them.
    let thanks_first = Open {
        thanks: Some("reviewed my CV"),
        ..open
    };
    assert_eq!(thanks_first.act().as_deref(), Some("for reviewed my CV"));
    // An offer of yours that fits their need makes the need something to give.
    let offered = Open {
        offer: Some(("a flat in Utrecht", "a spare room")),
        ..open
    };
    assert_eq!(
        offered.act().as_deref(),
        Some("looking for a flat in Utrecht: offer a spare room")
    );
    let lines = explain("Ana Lima", false, fig, &net.summary, &config, &open);
    assert!(
        lines
            .iter()
            .any(|l| l
                == "Ana has helped you a lot lately: thank them; looking for a flat in Utrecht."),
        "{lines:?}"
    );
    let (headline, detail) = invitation("Ana Lima", OneSided::YouTake, &open);
    assert_eq!(
        (headline.as_str(), detail.as_str()),
        ("Thank Ana Lima", "looking for a flat in Utrecht")
    );
    let only_date = Open {
        date: Some("birthday on Friday"),
        ..Open::default()
    };
    assert_eq!(
        invitation("Finn Patel", OneSided::TheyTake, &only_date),
        (
            "Ask Finn for something".to_string(),
            "birthday on Friday".to_string()
        )
    );
    // The numbers, when asked for.
    assert_eq!(
        ledger_lines(fig, &config),
        ["Favours in the last 18 months: 7; weighed by size, you gave 1 and received 6."]
    );
}

#[test]
fn someone_on_call_is_never_due_nor_among_the_active() {
    let on_call = PersonFacts {
        on_call: true,
        ..person(2)
    };
    // Both met every ten days for months: one would be close, the other is kept on call.
    let contacts: Vec<(i64, Contact)> = (0..20)
        .flat_map(|k| {
            [
                (1, c(40 + 10 * k, K::Meet, D::Mutual)),
                (2, c(40 + 10 * k, K::Meet, D::Mutual)),
            ]
        })
        .collect();
    let net = run_seasoned(vec![person(1), on_call], contacts);
    let (kept, called) = (net.get(1).unwrap(), net.get(2).unwrap());
    assert_eq!(kept.status, Status::Active);
    assert_ne!(kept.due, Due::No, "forty days is long for a close tie");
    assert_eq!(called.status, Status::OnCall);
    assert_eq!(called.due, Due::No);
    assert_eq!((called.rank, called.layer), (None, None));
    assert!(!called.long_dormant, "not a reconnect candidate either");
    assert_eq!(net.summary.active, 1);
    assert_eq!(net.summary.on_call, 1);
    assert_eq!(net.summary.competing, 1, "not counted against the 150");
}
