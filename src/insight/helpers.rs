//! Who could help with a need: people whose company, role, town or tags match the need's
//! words or tags, warmest first. A pure function of the people, their figures and the need.
//!
//! Matching is by word, forgiving the small differences typed needs have: case, a plural
//! ("designers" / "designer") and a longer form of the same word ("design" / "designer",
//! "engineer" / "engineering"). Small words ("a", "in", "first", "job") match nothing.

use super::{Network, Status};
use crate::model::{Need, Person};

/// Words in a need that say nothing about who could help.
const SMALL_WORDS: &[&str] = &[
    "about", "advice", "and", "any", "anyone", "are", "but", "can", "contact", "could", "find",
    "first", "for", "from", "get", "good", "help", "her", "his", "how", "into", "job", "just",
    "like", "looking", "more", "need", "needs", "new", "next", "one", "our", "out", "over",
    "people", "some", "someone", "the", "their", "them", "they", "this", "want", "wants", "who",
    "with", "would", "you", "your",
];

/// Someone who could help, and why: the values of theirs that matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Helper {
    /// An index into the people (and the network's figures, in the same order).
    pub index: usize,
    pub warmth: f64,
    pub status: Status,
    /// What matched, as shown: "#design", "Product Designer", "Acme", "Utrecht".
    pub matched: Vec<String>,
}

/// A word for matching: lower case, a plural's `s` gone.
fn stem(word: &str) -> String {
    let lower = word.to_lowercase();
    match lower.strip_suffix('s') {
        Some(rest) if rest.chars().count() >= 3 && !rest.ends_with('s') => rest.to_string(),
        _ => lower,
    }
}

/// Words that start what qualifies the thing a need asks for ("a designer for the studio",
/// "a flat in Utrecht", "someone who knows Go").
const QUALIFIERS: [&str; 16] = [
    "for", "in", "at", "with", "to", "from", "who", "that", "which", "on", "near", "about", "by",
    "of", "into", "like",
];

/// Words that exclude what follows them: "a job outside Toronto", "a designer, not at
/// Acme", "anyone except Bolt".
const EXCLUDING: [&str; 6] = ["outside", "not", "except", "excluding", "apart", "besides"];

/// `text` split into what it asks for and what it rules out: the words after an excluding
/// word, up to the end of its clause (a comma, a semicolon, a full stop, or "but": "not at
/// Acme or in Toronto" rules out both), qualifiers and small words matching nothing anyway.
fn asked_and_excluded(text: &str) -> (String, String) {
    let (mut asked, mut excluded) = (Vec::new(), Vec::new());
    let mut excluding = false;
    for raw in text.split_whitespace() {
        let bare = raw
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if EXCLUDING.contains(&bare.as_str()) {
            excluding = true;
        } else if excluding && bare == "but" {
            excluding = false;
        } else if excluding {
            excluded.push(raw);
        } else {
            asked.push(raw);
        }
        if raw.ends_with([',', ';', '.', ')', ':']) {
            excluding = false;
        }
    }
    (asked.join(" "), excluded.join(" "))
}

/// The words of `text` worth matching, as stems.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .filter(|w| !SMALL_WORDS.contains(&w.as_str()))
        .map(|w| stem(&w))
        .collect()
}

/// Two stems match when equal, or when the shorter (of five letters or more) begins the
/// longer: "design" and "designer", not "art" and "artificial". (`Matchable` finds these
/// pairs through its sorted index; this says what it finds, and the tests hold it to it.
/// An offer is matched to needs with it directly: there are few of each.)
fn same_word(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short == long || (short.chars().count() >= 5 && long.starts_with(short))
}

/// The most terms a need is matched by (a bit each).
const MAX_TERMS: usize = 64;

/// What a need asks for: its words, and its tags (each also as words: `climate-tech`).
struct Wanted {
    terms: Vec<String>,
    /// Words it rules out ("outside Toronto"): whoever matches one is no help.
    excluded: Vec<String>,
    tags: Vec<String>,
    /// The terms of the need's own words (not its tags), a bit each: a value that has them
    /// all is the whole phrase ("Product Designer" for "a product designer").
    phrase: u64,
    /// The need's last word, the thing asked for ("designer" in "a product designer"), as a
    /// bit: a match on it beats one on a word that only qualifies it.
    head: u64,
}

impl Wanted {
    fn of(need: &Need) -> Wanted {
        // The phrase is what comes before the first word that starts a qualifier ("a product
        // designer | for her studio"); its last word is the thing asked for.
        let (asked, excluded) = asked_and_excluded(&need.text);
        let phrase_text: String = {
            let lower = asked.to_lowercase();
            let mut kept = Vec::new();
            for word in lower.split_whitespace() {
                if QUALIFIERS.contains(&word.trim_matches(|c: char| !c.is_alphanumeric())) {
                    break;
                }
                kept.push(word);
            }
            kept.join(" ")
        };
        let text = words(&phrase_text);
        let mut excluded = words(&excluded);
        excluded.sort();
        excluded.dedup();
        let mut terms = words(&asked);
        for tag in &need.tags {
            terms.extend(words(tag));
        }
        terms.sort();
        terms.dedup();
        terms.retain(|term| excluded.binary_search(term).is_err());
        terms.truncate(MAX_TERMS);
        let bit = |word: &String| (terms.iter().position(|t| t == word)).map_or(0, |at| 1u64 << at);
        let phrase = if text.len() >= 2 {
            text.iter().map(bit).fold(0, |all, b| all | b)
        } else {
            0
        };
        let head = text.last().map_or(0, bit);
        Wanted {
            terms,
            excluded,
            tags: need.tags.clone(),
            phrase,
            head,
        }
    }
}

/// One value of a person's that a need can match: a tag, their role, company or town, as a
/// match is shown ("#design", "Product Designer"), and what a match on it weighs: what
/// someone does (a role, a circle) says more of whether they can help than where.
#[derive(Debug, Clone)]
struct Value {
    shown: String,
    weight: u8,
}

/// What a match on a tag or role weighs, and on a company or town.
const WHAT_THEY_DO: u8 = 3;
const WHERE_THEY_ARE: u8 = 1;

#[derive(Debug, Clone)]
struct Candidate {
    /// An index into the people (and the network's figures).
    index: usize,
    id: crate::model::PersonId,
    values: Vec<Value>,
}

/// Where a word or tag occurs: a candidate, and which of their values.
type Posting = (u32, u16);

/// Everyone who is not archived, indexed by the words they can be matched by, built once for
/// any number of needs: a need then looks up its few words, and touches only the people who
/// have them (thirty thousand people are not read again for each need).
#[derive(Debug, Clone, Default)]
pub struct Matchable {
    candidates: Vec<Candidate>,
    /// Every stem, sorted, with where it occurs: a need's word finds its longer forms as the
    /// range that starts with it.
    stems: Vec<(String, Vec<Posting>)>,
    /// Every tag, sorted, with where it occurs, for a need's tags to match exactly.
    tags: Vec<(String, Vec<Posting>)>,
}

/// Where each key occurs, as a table sorted by key. Thousands of people share a few hundred
/// words ("designer", "amsterdam"): they are gathered by key first, and only the keys sorted.
fn table(postings: std::collections::HashMap<String, Vec<Posting>>) -> Vec<(String, Vec<Posting>)> {
    let mut table: Vec<(String, Vec<Posting>)> = postings.into_iter().collect();
    table.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    table
}

impl Matchable {
    pub fn new(people: &[Person]) -> Matchable {
        let mut candidates = Vec::new();
        let mut stems: std::collections::HashMap<String, Vec<Posting>> =
            std::collections::HashMap::new();
        let mut tags: std::collections::HashMap<String, Vec<Posting>> =
            std::collections::HashMap::new();
        for (index, person) in people.iter().enumerate() {
            let data = &person.data;
            if data.archived {
                continue;
            }
            let at = u32::try_from(candidates.len()).unwrap_or(u32::MAX);
            let mut values = Vec::new();
            let mut add = |shown: String, words: Vec<String>, tag: Option<&String>, weight| {
                let value = u16::try_from(values.len()).unwrap_or(u16::MAX);
                if let Some(tag) = tag {
                    tags.entry(tag.clone()).or_default().push((at, value));
                }
                for word in words {
                    stems.entry(word).or_default().push((at, value));
                }
                values.push(Value { shown, weight });
            };
            for tag in &data.tags {
                add(format!("#{tag}"), words(tag), Some(tag), WHAT_THEY_DO);
            }
            for (value, weight) in [
                (&data.role, WHAT_THEY_DO),
                (&data.company, WHERE_THEY_ARE),
                (&data.location, WHERE_THEY_ARE),
            ] {
                let Some(value) = value else { continue };
                let found = words(value);
                if !found.is_empty() {
                    add(value.clone(), found, None, weight);
                }
            }
            if !values.is_empty() {
                candidates.push(Candidate {
                    index,
                    id: person.id,
                    values,
                });
            }
        }
        Matchable {
            candidates,
            stems: table(stems),
            tags: table(tags),
        }
    }

    /// Where words matching `term` occur (`same_word`): the term itself and its longer
    /// forms (when it has five letters or more), and its shorter forms of five or more.
    fn postings_of<'a>(&'a self, term: &'a str) -> impl Iterator<Item = &'a Posting> + 'a {
        let first = self.stems.partition_point(|(stem, _)| stem.as_str() < term);
        let longer = self.stems[first..]
            .iter()
            .take_while(move |(stem, _)| stem.starts_with(term))
            .filter(move |(stem, _)| stem == term || term.chars().count() >= 5);
        let shorter = term
            .char_indices()
            .map(|(at, _)| &term[..at])
            .filter(|prefix| prefix.chars().count() >= 5)
            .filter_map(|prefix| {
                self.stems
                    .binary_search_by(|(stem, _)| stem.as_str().cmp(prefix))
                    .ok()
                    .map(|at| &self.stems[at])
            });
        longer.chain(shorter).flat_map(|(_, postings)| postings)
    }
}

/// Everyone who could help with `need` (not its own person, no one archived), best first:
/// anyone you have been in touch with before a paper tie; then one whose role or circle is
/// the need's whole phrase ("Product Designer" for "a product designer"); then one with the
/// thing asked for ("Designer") before one with a word that only qualifies it ("Product
/// Manager"); then more of the need's words and tags matched, what they do weighing more than
/// where they are; then the closest (layer, then warmth); then by id. `people` (read into
/// `matchable`) and `network.figures` are in the same order. The best `limit` of them: a
/// common word ("designer") can match thousands, and only a few are shown.
pub fn who_could_help(
    matchable: &Matchable,
    network: &Network,
    need: &Need,
    limit: usize,
) -> Vec<Helper> {
    let wanted = Wanted::of(need);
    // Per candidate touched, per value of theirs that matched: the terms it covers (a bit
    // each) and whether it is a tag the need has exactly.
    let mut touched: std::collections::HashMap<u32, Vec<(u16, u64, bool)>> =
        std::collections::HashMap::new();
    let mut mark = |at: u32, value: u16, terms: u64, exact_tag: bool| {
        let values = touched.entry(at).or_default();
        match values.iter_mut().find(|(v, _, _)| *v == value) {
            Some(found) => {
                found.1 |= terms;
                found.2 |= exact_tag;
            }
            None => values.push((value, terms, exact_tag)),
        }
    };
    for (bit, term) in wanted.terms.iter().enumerate() {
        for &(at, value) in matchable.postings_of(term) {
            mark(at, value, 1 << bit, false);
        }
    }
    for tag in &wanted.tags {
        if let Ok(found) = matchable.tags.binary_search_by(|(t, _)| t.cmp(tag)) {
            for &(at, value) in &matchable.tags[found].1 {
                mark(at, value, 0, true);
            }
        }
    }
    let ruled_out: std::collections::HashSet<u32> = (wanted.excluded.iter())
        .flat_map(|term| matchable.postings_of(term).map(|&(at, _)| at))
        .collect();
    touched.retain(|at, _| !ruled_out.contains(at));
    let value_bit = |value: u16| 1u128.checked_shl(u32::from(value)).unwrap_or(0);
    // Ranked by one number, best first when smallest; what matched is written out for the
    // few shown.
    let mut ranked: Vec<(u128, usize, &Candidate, u128)> = touched
        .into_iter()
        .filter_map(|(at, values)| {
            let candidate = matchable.candidates.get(at as usize)?;
            let figures = network
                .figures
                .get(candidate.index)
                .filter(|f| f.id == candidate.id && candidate.id != need.person)?;
            let weight = |value: u16| {
                candidate
                    .values
                    .get(usize::from(value))
                    .map_or(0, |v| v.weight)
            };
            let terms = values.iter().fold(0u64, |all, v| all | v.1);
            let exact_tag = values.iter().any(|v| v.2);
            let phrase =
                wanted.phrase != 0 && values.iter().any(|v| v.1 & wanted.phrase == wanted.phrase);
            let head = terms & wanted.head != 0;
            // A tag shared exactly covers its own words (already counted), or itself when it
            // has none worth matching.
            let covered = (terms.count_ones() as u128).max(u128::from(exact_tag));
            // Each term at the weight of the best value it matched; an exact tag, a tag's.
            let weighed: u128 = (0..wanted.terms.len())
                .map(|bit| {
                    (values.iter())
                        .filter(|v| v.1 & (1 << bit) != 0)
                        .map(|v| u128::from(weight(v.0)))
                        .max()
                        .unwrap_or(0)
                })
                .sum::<u128>()
                .max(u128::from(exact_tag) * u128::from(WHAT_THEY_DO));
            let paper = u128::from(figures.status.never_in_touch());
            // Smaller is better: each part takes its own bits.
            let key = (paper << 126)
                | (u128::from(!phrase) << 125)
                | (u128::from(!head) << 124)
                | ((0xFF - covered.min(0xFF)) << 116)
                | ((0xFFF - weighed.min(0xFFF)) << 104)
                | (figures.closeness().packed() << 20);
            let shown = values.iter().fold(0u128, |all, v| all | value_bit(v.0));
            Some((key, candidate.index, candidate, shown))
        })
        .collect();
    let best_first = |a: &(u128, usize, &Candidate, u128), b: &(u128, usize, &Candidate, u128)| {
        a.0.cmp(&b.0).then(a.1.cmp(&b.1))
    };
    if limit > 0 && ranked.len() > limit {
        ranked.select_nth_unstable_by(limit - 1, best_first);
    }
    ranked.truncate(limit);
    ranked.sort_by(best_first);
    ranked
        .into_iter()
        .filter_map(|(_, index, candidate, shown)| {
            let matched = candidate
                .values
                .iter()
                .enumerate()
                .filter(|&(i, _)| shown & value_bit(i as u16) != 0)
                .map(|(_, v)| v.shown.clone())
                .collect();
            let figures = network.figures.get(index)?;
            Some(Helper {
                index,
                warmth: figures.warmth,
                status: figures.status,
                matched,
            })
        })
        .collect()
}

/// For a need of your own: whom to ask, best matches first within each closeness group,
/// moderately close ties first — your 15 and 50, then your 150, then your closest five,
/// then people you were in touch with before, then the rest. The closest already share what
/// you know and are asked most; moderately close ties reach further and still say yes
/// (Granovetter 1973; Levin, Walter & Murnighan 2011), and people say yes more often than
/// askers think (Flynn & Lake 2008).
pub fn whom_to_ask(
    matchable: &Matchable,
    network: &Network,
    need: &Need,
    limit: usize,
) -> Vec<Helper> {
    // Enough matches that each group has its best few.
    let mut found = who_could_help(matchable, network, need, limit.saturating_mul(4).max(40));
    let group = |helper: &Helper| {
        let figures = network.figures.get(helper.index);
        match figures.map(|f| (f.status, f.layer_index)) {
            Some((Status::Active, Some(1 | 2))) => 0,
            Some((Status::Active, Some(0))) => 2,
            Some((Status::Active, _)) => 1,
            Some((Status::Dormant, _)) => 3,
            _ => 4,
        }
    };
    found.sort_by_key(group);
    found.truncate(limit);
    found
}

pub mod fits;
#[cfg(test)]
mod tests;
