//! Resolving and searching names, on small hand-made directories.

use super::*;
use crate::model::PersonData;

proptest::proptest! {
    /// The one-allocation fold is the plain definition: words joined by one space, then
    /// lowered (final sigma and all).
    #[test]
    fn fold_is_words_joined_then_lowered(text in "(\\PC|[ \t\n\u{b}\u{c}\r\u{85}\u{a0}ΣσÉ]|[ A-Za-z]){0,16}") {
        let plain = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        proptest::prop_assert_eq!(fold(&text), plain);
    }
}

fn people(names: &[&str]) -> Vec<Person> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| Person::unsaved(i as i64 + 1, PersonData::named(n)))
        .collect()
}

#[test]
fn a_match_outside_the_name_says_where() {
    let mut all = people(&["Ana Lima", "Bram Horvat"]);
    all[1].data.tags = vec!["climbing".into(), "chess".into()];
    all[1].data.role = Some("CTO".into());
    let refs: Vec<&Person> = all.iter().collect();
    let matched = |query: &str| -> Vec<(i64, Option<String>)> {
        search(&refs, query, |_| crate::insight::Closeness::default())
            .iter()
            .map(|found| (found.person.id, found.matched()))
            .collect()
    };
    assert_eq!(matched("ana"), [(1, None)]);
    assert_eq!(
        matched("climb"),
        [(2, Some("circle: climbing".to_string()))]
    );
    assert_eq!(matched("cto"), [(2, Some("role: CTO".to_string()))]);
}

#[test]
fn exact_then_prefix_then_word_then_fuzzy() {
    let all = people(&[
        "Ana Lima",
        "Ana Limão",
        "Bram de Vries",
        "Ana",
        "José Ñúñez",
    ]);
    assert_eq!(resolve(&all, "ana").unwrap().id, 4); // exact wins over prefixes
    assert_eq!(resolve(&all, "ANA LIMA").unwrap().id, 1);
    assert_eq!(resolve(&all, "bram").unwrap().id, 3);
    assert_eq!(resolve(&all, "vries").unwrap().id, 3);
    assert_eq!(resolve_loosely(&all, "bdv").unwrap().id, 3);
    assert!(matches!(
        resolve(&all, "bdv"),
        Err(Error::DidYouMean { .. })
    ));
    assert_eq!(resolve(&all, "jose").unwrap().id, 5);
    assert_eq!(resolve(&all, "#2").unwrap().id, 2);
    assert_eq!(resolve(&all, "id:2").unwrap().id, 2);
    let err = resolve(&all, "ana li").unwrap_err().to_string();
    assert!(
        err.contains("Ana Lima (#1)") && err.contains("Ana Limão (#2)"),
        "{err}"
    );
    assert!(matches!(resolve(&all, "zzz"), Err(Error::UnknownName(_))));
    assert!(matches!(resolve(&all, "#99"), Err(Error::UnknownName(_))));
}

#[test]
fn every_typed_word_starts_a_word_of_the_name() {
    let all = people(&["Wout de Boer", "Wout Li", "Lisa Wouters"]);
    assert_eq!(resolve(&all, "wout li").unwrap().id, 2);
    assert_eq!(resolve(&all, "w d b").unwrap().id, 1);
    assert!(resolve(&all, "wout").is_err(), "two Wouts: ambiguous");
}

#[test]
fn search_puts_names_first() {
    let mut all = people(&["Wout de Boer", "Wout Li", "Lina Woutersen", "Ana"]);
    all[0].data.location = Some("Lisbon".into());
    all[3].data.notes = "met Wout li at a meetup".into();
    let refs: Vec<&Person> = all.iter().collect();
    let far = |_: &Person| crate::insight::Closeness::default();
    let names: Vec<&str> = search(&refs, "wout li", far)
        .iter()
        .map(|found| found.person.name())
        .collect();
    assert_eq!(names[0], "Wout Li", "{names:?}");
    assert!(
        names.contains(&"Ana"),
        "notes match too, after names: {names:?}"
    );
    assert_eq!(names.last(), Some(&"Ana"));
    assert_eq!(search(&refs, "ana", far)[0].person.name(), "Ana");
    assert!(search(&refs, "  ", far).is_empty());
}

/// Within a tier the closest comes first: of two namesakes the one in your closest layer,
/// of fuzzy matches the warmer, of note matches the one you see most; paper ties last.
#[test]
fn the_closest_comes_first_within_each_tier() {
    use crate::insight::{Figures, Status};
    let mut all = people(&[
        "Daan García",
        "Daan García",
        "Zoë Kaya",
        "Zoe Mendes",
        "Ana",
    ]);
    all[0].data.notes = "the lighthouse walk".into();
    all[4].data.notes = "the lighthouse walk".into();
    let figures = |status, layer_index, warmth| Figures {
        status,
        layer_index,
        warmth,
        ..Figures::default()
    };
    let by_id = [
        figures(Status::Paper, None, 0.0),
        figures(Status::Active, Some(0), 30.0),
        figures(Status::Dormant, None, 2.0),
        figures(Status::Active, Some(2), 5.0),
        figures(Status::Active, Some(0), 40.0),
    ];
    let close = |p: &Person| by_id[(p.id - 1) as usize].closeness();
    let refs: Vec<&Person> = all.iter().collect();
    let ids = |query: &str| -> Vec<i64> {
        (search(&refs, query, close).iter())
            .map(|found| found.person.id)
            .collect()
    };
    assert_eq!(ids("daan garcía"), [2, 1], "the namesake you know first");
    assert_eq!(
        ids("zoe")[..2],
        [4, 3],
        "the active Zoe before the dormant Zoë"
    );
    assert_eq!(
        ids("lighthouse"),
        [5, 1],
        "a note on your closest tie first"
    );
    let completed: Vec<i64> = (complete(&refs, "daan", close, 10).iter())
        .map(|p| p.id)
        .collect();
    assert_eq!(completed, [2, 1], "completion in the same order");
    assert!(
        complete(&refs, "lighthouse", close, 10).is_empty(),
        "names only"
    );
}

#[test]
fn a_change_never_guesses_but_suggests() {
    let all = people(&["Bram Horvat", "Olga Santos", "Olga Ivanova"]);
    let err = resolve(&all, "brm").unwrap_err().to_string();
    assert!(err.contains("did you mean Bram Horvat (#1)?"), "{err}");
    let err = resolve(&all, "Olga Santso").unwrap_err().to_string();
    assert!(err.contains("did you mean Olga Santos (#2)?"), "{err}");
    let err = resolve_loosely(&all, "olga santso")
        .unwrap_err()
        .to_string();
    assert!(err.contains("Olga Santos (#2)"), "reads suggest too: {err}");
    assert!(matches!(resolve(&all, "xyzzy"), Err(Error::UnknownName(_))));
    assert_eq!(edit_distance("santso", "santos"), 1);
    assert_eq!(edit_distance("", "abc"), 3);
}
