//! Who could help: what matches, in which order, and the word index's rules.
use super::*;
use crate::config::Config;
use crate::insight::fixtures::need;
use crate::insight::{Contact, Histories, PersonFacts, evaluate};
use crate::model::{Direction, Kind, PersonData, Size};

const TODAY: i64 = 20_000;

/// People 1..=n as given, with `meets[i]` recent meetings each (more is warmer).
fn network(people: &[Person], meets: &[usize]) -> Network {
    let facts = people
        .iter()
        .map(|p| PersonFacts {
            id: p.id,
            family: false,
            archived: p.data.archived,
            cadence_days: None,
            imported: true,
            on_call: false,
        })
        .collect();
    let mut contacts = Vec::new();
    for (person, &count) in people.iter().zip(meets) {
        for k in 0..count {
            let day = (TODAY - 3 - 15 * k as i64) as i32;
            let (kind, direction, size) = (Kind::Meet, Direction::Mutual, Size::Small);
            contacts.push((
                person.id,
                Contact {
                    day,
                    kind,
                    direction,
                    size,
                },
            ));
        }
    }
    evaluate(
        &Histories::from_parts(facts, contacts),
        &Config::default(),
        TODAY,
    )
}

fn person(id: i64, set: impl FnOnce(&mut PersonData)) -> Person {
    let mut data = PersonData::named(&format!("Person {id}"));
    set(&mut data);
    Person::unsaved(id, data)
}

fn helper_ids(people: &[Person], network: &Network, need: &Need) -> Vec<i64> {
    who_could_help(&Matchable::new(people), network, need, usize::MAX)
        .iter()
        .map(|h| people[h.index].id)
        .collect()
}

#[test]
fn outside_not_and_except_rule_out_what_follows() {
    let people = vec![
        person(1, |d| d.role = Some("Recruiter".into())),
        person(2, |d| {
            d.role = Some("Recruiter".into());
            d.location = Some("Toronto".into());
        }),
        person(3, |d| d.location = Some("Toronto".into())),
        person(4, |d| {
            d.role = Some("Recruiter".into());
            d.company = Some("Acme".into());
        }),
        person(5, |d| d.role = Some("Recruiter".into())),
    ];
    let net = network(&people, &[1, 4, 6, 3, 2]);
    let outside = need("a recruiter outside Toronto", &[]);
    assert_eq!(
        helper_ids(&people, &net, &outside),
        [4, 5],
        "no one in Toronto, and Toronto matches no one"
    );
    let not_at = need("a recruiter, not at Acme or in Toronto", &[]);
    assert_eq!(helper_ids(&people, &net, &not_at), [5], "both ruled out");
    let but = need("not at Acme but in Toronto", &[]);
    assert_eq!(
        helper_ids(&people, &net, &but),
        [3, 2],
        "the clause ends at `but`: Toronto is asked for"
    );
    let except = need("a recruiter except Acme; someone in Toronto", &[]);
    assert_eq!(helper_ids(&people, &net, &except), [2, 5, 3]);
    assert_eq!(
        asked_and_excluded("a flat outside New York, near a park"),
        ("a flat near a park".to_string(), "New York,".to_string())
    );
}

#[test]
fn words_and_tags_match_role_company_town_and_tags_warmest_first() {
    let people = vec![
        // The one in need matches their own need and is left out.
        person(1, |d| d.role = Some("Designer".into())),
        person(2, |d| d.role = Some("Product Designer".into())),
        person(3, |d| d.tags = vec!["design".into()]),
        person(4, |d| d.company = Some("Design Studio Utrecht".into())),
        person(5, |d| d.role = Some("Accountant".into())),
        person(6, |d| d.location = Some("Utrecht".into())),
        // A tag of the need matches a tag exactly.
        person(7, |d| d.tags = vec!["ux".into()]),
    ];
    let net = network(&people, &[1, 1, 5, 3, 6, 0, 2]);
    let looking = need("a designer", &[]);
    assert_eq!(
        helper_ids(&people, &net, &looking),
        [3, 2, 4],
        "what they do (a circle, a role) before where they are, then the warmest"
    );
    let flat = need("a flat in Utrecht", &["ux"]);
    assert_eq!(
        helper_ids(&people, &net, &flat),
        [7, 4, 6],
        "a tag the need has (a circle) before a town in a company's name; the paper tie 6 \
         last"
    );
    let found = who_could_help(&Matchable::new(&people), &net, &flat, usize::MAX);
    for limit in 0..=found.len() {
        let best = who_could_help(&Matchable::new(&people), &net, &flat, limit);
        assert_eq!(
            best,
            found[..limit],
            "the best {limit} are the first {limit}"
        );
    }
    assert_eq!(found[0].matched, ["#ux"]);
    assert_eq!(found[1].matched, ["Design Studio Utrecht"]);
}

#[test]
fn archived_people_and_empty_needs_find_no_one() {
    let people = vec![
        person(1, |_| {}),
        person(2, |d| {
            d.role = Some("Recruiter".into());
            d.archived = true;
        }),
        person(3, |d| d.role = Some("Recruiter".into())),
    ];
    let net = network(&people, &[1, 4, 1]);
    assert_eq!(helper_ids(&people, &net, &need("recruiters", &[])), [3]);
    assert!(helper_ids(&people, &net, &need("someone for a job", &[])).is_empty());
}

#[test]
fn more_of_the_need_matched_comes_before_warmth() {
    let people = vec![
        person(1, |_| {}),
        person(2, |d| d.role = Some("Product Manager".into())),
        person(3, |d| d.role = Some("Product Designer".into())),
        person(4, |d| d.role = Some("Designer".into())),
    ];
    let net = network(&people, &[1, 6, 1, 3]);
    assert_eq!(
        helper_ids(&people, &net, &need("a product designer", &[])),
        [3, 4, 2],
        "the whole phrase first, then the thing asked for (a designer) before a word that \
         only qualifies it (a product manager), however warm"
    );
    let tagged = need("a product designer", &["design"]);
    assert_eq!(helper_ids(&people, &net, &tagged), [3, 4, 2]);
}

/// A paper tie comes after everyone you have been in touch with, however well it
/// matches: the four product managers, three never in touch, ahead of an active
/// designer.
#[test]
fn paper_ties_come_after_every_engaged_tie() {
    let people = vec![
        person(1, |_| {}),
        person(2, |d| d.role = Some("Product Designer".into())),
        person(3, |d| d.role = Some("Product Manager".into())),
        person(4, |d| d.role = Some("Designer".into())),
        person(5, |d| d.role = Some("Product Manager".into())),
    ];
    let net = network(&people, &[1, 0, 0, 2, 4]);
    assert_eq!(
        helper_ids(&people, &net, &need("a product designer", &[])),
        [4, 5, 2, 3],
        "the active designer, then the product manager in touch, then the paper ties"
    );
}

#[test]
fn equal_warmth_goes_to_the_one_matching_more() {
    let people = vec![
        person(1, |_| {}),
        person(2, |d| d.role = Some("Engineer".into())),
        person(3, |d| {
            d.role = Some("Engineer".into());
            d.tags = vec!["rust".into()];
        }),
    ];
    let net = network(&people, &[1, 2, 2]);
    assert_eq!(
        helper_ids(&people, &net, &need("a Rust engineering lead", &[])),
        [3, 2]
    );
}

#[test]
fn words_drop_small_ones_and_plurals() {
    assert_eq!(words("a first job in Climate tech"), ["climate", "tech"]);
    assert_eq!(words("designers, UX"), ["designer"]);
    assert_eq!(words("glass"), ["glass"], "a double s is not a plural");
}

proptest::proptest! {
    /// The index finds exactly the stems `same_word` matches, each once.
    #[test]
    fn the_index_finds_what_same_word_matches(
        roles in proptest::collection::vec("(des|desi|design|designer|art|artist|é|ab)[a-z]{0,3}", 1..30),
        term in "(des|desi|design|designer|art|artist|é|ab)[a-z]{0,3}",
    ) {
        let people: Vec<Person> = roles
            .iter()
            .enumerate()
            .map(|(i, role)| person(i as i64 + 1, |d| d.role = Some(role.clone())))
            .collect();
        let index = Matchable::new(&people);
        let term = stem(&term);
        let mut found: Vec<u32> = index.postings_of(&term).map(|&(at, _)| at).collect();
        found.sort();
        let expected: Vec<u32> = index
            .candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                let role = people[c.index].data.role.as_deref().unwrap_or("");
                words(role).iter().any(|w| same_word(w, &term))
            })
            .map(|(at, _)| at as u32)
            .collect();
        proptest::prop_assert_eq!(found, expected);
    }
}

#[test]
fn a_longer_form_of_a_word_matches_a_short_one_does_not() {
    assert!(same_word("design", "designer"));
    assert!(same_word("engineering", "engineer"));
    assert!(!same_word("art", "artificial"));
    assert!(!same_word("design", "desk"));
}

#[test]
fn whom_to_ask_puts_moderately_close_ties_before_the_closest() {
    let recruiter = |id| person(id, |d| d.role = Some("Recruiter".into()));
    let people: Vec<Person> = (1..=7).map(recruiter).collect();
    // Six active: the five warmest are your closest five, the sixth is in your 15; 7 is a
    // paper tie.
    let net = network(&people, &[9, 8, 7, 6, 5, 4, 0]);
    assert_eq!(net.figures[5].layer_index, Some(1), "{:?}", net.figures[5]);
    let mut mine = need("a recruiter", &[]);
    mine.person = 0;
    let ids =
        |found: Vec<Helper>| -> Vec<i64> { found.iter().map(|h| people[h.index].id).collect() };
    let matchable = Matchable::new(&people);
    assert_eq!(
        ids(who_could_help(&matchable, &net, &mine, 10)),
        [1, 2, 3, 4, 5, 6, 7],
        "who could help: the closest first"
    );
    assert_eq!(
        ids(whom_to_ask(&matchable, &net, &mine, 10)),
        [6, 1, 2, 3, 4, 5, 7],
        "whom to ask: your 15 before your closest five, paper last"
    );
    assert_eq!(ids(whom_to_ask(&matchable, &net, &mine, 2)), [6, 1]);
}
