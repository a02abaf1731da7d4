//! Finding people by what a person types: `#id`, the exact name, a unique start of it (of
//! the whole name, then of each word: `wout li` is Wout Li), and, only for commands that read,
//! a fuzzy match. A change never acts on a guess: a name that only matches fuzzily, or not
//! at all, gets "did you mean …?" with the closest names instead.

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config as MatcherConfig, Matcher, Utf32Str};

use crate::error::{Error, Result};
use crate::insight::Closeness;
use crate::model::{NameCard, Person, PersonId};

/// How many candidates an ambiguity message names.
const SHOWN_CANDIDATES: usize = 6;

/// A name as names compare: single spaces, lower case. One allocation, and for the usual
/// name (ASCII, single spaces) one pass (this runs over everyone's name each time a name is
/// looked up).
pub(crate) fn fold(text: &str) -> String {
    // ASCII without the other white space (tab to carriage return), and no space first,
    // last or after another.
    let mut previous = b' ';
    let usual = text.bytes().all(|b| {
        let fine = b.is_ascii() && !(0x09..=0x0d).contains(&b) && !(b == b' ' && previous == b' ');
        previous = b;
        fine
    }) && previous != b' ';
    if usual {
        return text.to_ascii_lowercase();
    }
    let mut folded = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.push_str(word);
    }
    if folded.is_ascii() {
        folded.make_ascii_lowercase();
        folded
    } else {
        folded.to_lowercase()
    }
}

/// What was typed, compared with names as a person reads them: case aside, and `jose` is
/// José (nucleo's "smart" normalisation: accents count only when the typed text has some).
struct NameMatch {
    exact: Atom,
    prefix: Atom,
    words: Vec<Atom>,
    matcher: Matcher,
    buffer: Vec<char>,
}

impl NameMatch {
    /// `wanted` is folded (single spaces, lower case).
    fn new(wanted: &str) -> NameMatch {
        let atom = |text: &str, kind| {
            Atom::new(text, CaseMatching::Ignore, Normalization::Smart, kind, true)
        };
        NameMatch {
            exact: atom(wanted, AtomKind::Exact),
            prefix: atom(wanted, AtomKind::Prefix),
            words: wanted
                .split(' ')
                .map(|w| atom(w, AtomKind::Prefix))
                .collect(),
            matcher: Matcher::new(MatcherConfig::DEFAULT),
            buffer: Vec::new(),
        }
    }

    fn is(atom: &Atom, text: &str, matcher: &mut Matcher, buffer: &mut Vec<char>) -> bool {
        atom.score(Utf32Str::new(text, buffer), matcher).is_some()
    }

    fn is_exactly(&mut self, name: &str) -> bool {
        Self::is(&self.exact, name, &mut self.matcher, &mut self.buffer)
    }

    /// The whole typed text starts the name.
    fn starts(&mut self, name: &str) -> bool {
        Self::is(&self.prefix, name, &mut self.matcher, &mut self.buffer)
    }

    /// Each typed word starts a word of the name, in order (`wout li`: Wout Li, not Wout de
    /// Boer).
    fn starts_each_word(&mut self, name: &str) -> bool {
        let mut name_words = name.split(' ');
        let (matcher, buffer) = (&mut self.matcher, &mut self.buffer);
        self.words.iter().all(|typed| {
            name_words
                .by_ref()
                .any(|word| Self::is(typed, word, matcher, buffer))
        })
    }
}

/// Resolves `query` to one person for a change: `#12` or `id:12`, the exact name, or a
/// unique start of it. Anything else is refused, with the closest names as suggestions.
pub fn resolve<'a, P: NameCard>(people: &'a [P], query: &str) -> Result<&'a P> {
    resolve_with(people, query, false)
}

/// Resolves `query` for a command that only reads (`show`): as [`resolve`], and then a
/// fuzzy match, when exactly one person matches that way.
pub fn resolve_loosely<'a, P: NameCard>(people: &'a [P], query: &str) -> Result<&'a P> {
    resolve_with(people, query, true)
}

/// The id in `#12` or `id:12`, when that is what was typed.
pub fn typed_id(query: &str) -> Option<i64> {
    let wanted = fold(query);
    wanted
        .strip_prefix('#')
        .or_else(|| wanted.strip_prefix("id:"))
        .and_then(|n| n.trim().parse::<i64>().ok())
}

fn resolve_with<'a, P: NameCard>(people: &'a [P], query: &str, fuzzy_ok: bool) -> Result<&'a P> {
    let wanted = fold(query);
    if wanted.is_empty() {
        return Err(Error::invalid("an empty name matches no one"));
    }
    if let Some(id) = typed_id(query) {
        return people
            .iter()
            .find(|p| p.id() == id)
            .ok_or_else(|| Error::UnknownName(query.to_string()));
    }
    let mut typed = NameMatch::new(&wanted);
    // Each name folded once, for all three stages.
    let folded: Vec<String> = people.iter().map(|p| fold(p.name())).collect();
    for stage in 0..3 {
        let found: Vec<&P> = people
            .iter()
            .zip(&folded)
            .filter(|(_, name)| match stage {
                0 => typed.is_exactly(name),
                1 => typed.starts(name),
                _ => typed.starts_each_word(name),
            })
            .map(|(p, _)| p)
            .collect();
        match found.len() {
            0 => continue,
            1 => return Ok(found[0]),
            _ => return Err(ambiguous(query, &found)),
        }
    }
    let scored = fuzzy(people, query, |p| p.name().to_string());
    if fuzzy_ok {
        match scored.len() {
            0 => {}
            1 => return Ok(scored[0].1),
            _ => {
                let found: Vec<&P> = scored
                    .iter()
                    .take(SHOWN_CANDIDATES + 1)
                    .map(|(_, p)| *p)
                    .collect();
                return Err(ambiguous(query, &found));
            }
        }
    }
    let suggested = suggestions(people, &wanted, &scored);
    if suggested.is_empty() {
        return Err(Error::UnknownName(query.to_string()));
    }
    Err(Error::DidYouMean {
        name: query.to_string(),
        candidates: suggested
            .iter()
            .map(|p| shown(*p))
            .collect::<Vec<_>>()
            .join(" or "),
    })
}

/// How many suggestions a "did you mean" names.
const SUGGESTED: usize = 3;

/// The names closest to `wanted`: fuzzy matches first (the letters in order: `brm` → Bram),
/// then names a few typos away (`olga santso` → Olga Santos).
fn suggestions<'a, P: NameCard>(
    people: &'a [P],
    wanted: &str,
    fuzzy: &[(u32, &'a P)],
) -> Vec<&'a P> {
    let mut found: Vec<&P> = fuzzy.iter().take(SUGGESTED).map(|(_, p)| *p).collect();
    if found.len() < SUGGESTED {
        let limit = 1 + wanted.chars().count() / 4;
        let mut close: Vec<(usize, &P)> = people
            .iter()
            .filter(|p| !found.iter().any(|f| f.id() == p.id()))
            .map(|p| (typos(wanted, &fold(p.name())), p))
            .filter(|(distance, _)| *distance <= limit)
            .collect();
        close.sort_by_key(|(distance, p)| (*distance, p.id()));
        found.extend(
            close
                .into_iter()
                .map(|(_, p)| p)
                .take(SUGGESTED - found.len()),
        );
    }
    found
}

/// The fewest one-letter changes (insert, delete, replace, swap two neighbours) between the
/// typed text and the closest run of as many words of the name.
fn typos(wanted: &str, name: &str) -> usize {
    let count = wanted.split(' ').count();
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() <= count {
        return edit_distance(wanted, name);
    }
    words
        .windows(count)
        .map(|run| edit_distance(wanted, &run.join(" ")))
        .min()
        .unwrap_or(usize::MAX)
}

/// Optimal string alignment distance: Levenshtein with adjacent swaps counted once.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

/// A person as a suggestion names them: with the company and the id to paste.
fn shown<P: NameCard>(p: &P) -> String {
    match p.company() {
        Some(company) => format!("{} ({company}, #{})", p.name(), p.id()),
        None => format!("{} (#{})", p.name(), p.id()),
    }
}

fn ambiguous<P: NameCard>(query: &str, found: &[&P]) -> Error {
    let candidates = (found.iter().take(SHOWN_CANDIDATES))
        .map(|p| crate::error::Candidate {
            id: p.id(),
            label: match p.company() {
                Some(company) => format!("{} ({company})", p.name()),
                None => p.name().to_string(),
            },
        })
        .collect();
    Error::AmbiguousName {
        name: query.to_string(),
        candidates,
        more: found.len().saturating_sub(SHOWN_CANDIDATES),
    }
}

/// People whose `text` fuzzily matches `query`, best first (ties keep the input order).
fn fuzzy<'a, T>(items: &'a [T], query: &str, text: impl Fn(&T) -> String) -> Vec<(u32, &'a T)> {
    let mut matcher = Matcher::new(MatcherConfig::DEFAULT);
    let pattern = Pattern::new(
        query,
        CaseMatching::Ignore,
        Normalization::Smart,
        AtomKind::Fuzzy,
    );
    let mut buffer = Vec::new();
    let mut scored: Vec<(u32, &T)> = items
        .iter()
        .filter_map(|item| {
            let haystack = text(item);
            pattern
                .score(Utf32Str::new(&haystack, &mut buffer), &mut matcher)
                .map(|score| (score, item))
        })
        .collect();
    scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    scored
}

/// One search result: the person, and, when it was not their name that matched, the field
/// that did (its label and text), as the ranking found it.
#[derive(Debug, Clone, Copy)]
pub struct Found<'a> {
    pub person: &'a Person,
    pub field: Option<(&'static str, &'a str)>,
}

impl Found<'_> {
    /// What matched, on one line ("circle: climbing", "role: CTO"); `None` for the name.
    pub fn matched(&self) -> Option<String> {
        // Notes keep their line breaks in the database.
        self.field.map(|(label, text)| {
            format!(
                "{label}: {}",
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            )
        })
    }
}

/// Search results as a person ranks them, in tiers: the exact name first, then names whose
/// words the typed words start (`wout li`: Wout Li), then names that match fuzzily, then
/// everyone whose company, role, place, circles or notes match. Within a tier the closest
/// first (`Closeness`: layer, then warmth; paper ties last), then the better match.
pub fn search<'a>(
    people: &[&'a Person],
    query: &str,
    closeness: impl Fn(&Person) -> Closeness,
) -> Vec<Found<'a>> {
    ranked(people, query, closeness, true, usize::MAX)
}

/// The best `limit` of [`search`], in its order (the app shows a few hundred of thousands:
/// only those are put in order).
pub fn search_best<'a>(
    people: &[&'a Person],
    query: &str,
    closeness: impl Fn(&Person) -> Closeness,
    limit: usize,
) -> Vec<Found<'a>> {
    ranked(people, query, closeness, true, limit)
}

/// Names completing what is typed, in the order of [`search`] by name only (the app's
/// completion: exact, word starts, fuzzy; the closest first within each), the best `limit`.
pub fn complete<'a>(
    people: &[&'a Person],
    query: &str,
    closeness: impl Fn(&Person) -> Closeness,
    limit: usize,
) -> Vec<&'a Person> {
    (ranked(people, query, closeness, false, limit).into_iter())
        .map(|found| found.person)
        .collect()
}

fn ranked<'a>(
    people: &[&'a Person],
    query: &str,
    closeness: impl Fn(&Person) -> Closeness,
    other_fields_too: bool,
    limit: usize,
) -> Vec<Found<'a>> {
    let wanted = fold(query);
    if wanted.is_empty() || limit == 0 {
        return Vec::new();
    }
    let mut typed = NameMatch::new(&wanted);
    let pattern = fuzzy_pattern(query);
    let mut matcher = Matcher::new(MatcherConfig::DEFAULT);
    let mut buffer = Vec::new();
    // Each match as one number (tier, closeness, the better score) and where it is: a
    // single letter matches nearly everyone, and these sort fast.
    let mut keys: Vec<(u128, u32)> = Vec::new();
    let mut found: Vec<Found<'a>> = Vec::new();
    for &person in people {
        // Stored names have single spaces already; case is the atoms' business.
        let name = person.name();
        let by_name = |tier, score| Some((tier, score, None));
        let tier = if typed.is_exactly(name) {
            by_name(0u8, 0)
        } else if typed.starts_each_word(name) {
            by_name(1, 0)
        } else if let Some(s) = pattern.score(Utf32Str::new(name, &mut buffer), &mut matcher) {
            by_name(2, s)
        } else if other_fields_too {
            best_field(person, &pattern, &mut matcher, &mut buffer)
                .map(|(s, label, text)| (3, s, Some((label, text))))
        } else {
            None
        };
        if let Some((tier, score, field)) = tier {
            let key = (u128::from(tier) << 120)
                | (closeness(person).packed() << 32)
                | u128::from(u32::MAX - score);
            // People come in id order: the place breaks ties by id.
            keys.push((key, found.len() as u32));
            found.push(Found { person, field });
        }
    }
    if keys.len() > limit {
        keys.select_nth_unstable(limit);
        keys.truncate(limit);
    }
    keys.sort_unstable();
    keys.into_iter()
        .filter_map(|(_, at)| found.get(at as usize).copied())
        .collect()
}

/// The fields besides the name that search looks through, with what a result calls them.
fn other_fields(person: &Person) -> impl Iterator<Item = (&'static str, &str)> {
    let data = &person.data;
    let single = [
        ("company", data.company.as_deref()),
        ("role", data.role.as_deref()),
        ("lives in", data.location.as_deref()),
        ("notes", Some(data.notes.as_str()).filter(|n| !n.is_empty())),
    ];
    single
        .into_iter()
        .filter_map(|(label, text)| Some((label, text?)))
        .chain(data.tags.iter().map(|tag| ("circle", tag.as_str())))
}

/// The best-matching field besides the name: its score, label and text. Each field is
/// matched on its own, so letters scattered over a company and a circle match nothing.
fn best_field<'p>(
    person: &'p Person,
    pattern: &Pattern,
    matcher: &mut Matcher,
    buffer: &mut Vec<char>,
) -> Option<(u32, &'static str, &'p str)> {
    other_fields(person)
        .filter_map(|(label, text)| {
            let score = pattern.score(Utf32Str::new(text, buffer), matcher)?;
            Some((score, label, text))
        })
        .max_by_key(|(score, _, _)| *score)
}

fn fuzzy_pattern(query: &str) -> Pattern {
    Pattern::new(
        query,
        CaseMatching::Ignore,
        Normalization::Smart,
        AtomKind::Fuzzy,
    )
}

/// A person offered for a name being typed in a shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameChoice {
    pub id: PersonId,
    pub name: String,
    pub company: Option<String>,
    /// Someone else has the same name.
    pub namesake: bool,
}

impl super::Desk {
    /// Names completing `typed`, for a shell's Tab: the closest first (as the app completes),
    /// the best `limit`, archived people left out; each with whether someone else has the
    /// same name (then only the id tells them apart).
    pub fn complete_names(&self, typed: &str, limit: usize) -> Result<Vec<NameChoice>> {
        let people = self.store.people()?;
        let network = self.network()?;
        let listed: Vec<&Person> = people.iter().filter(|p| !p.data.archived).collect();
        let closeness = |p: &Person| network.get(p.id).map(|f| f.closeness()).unwrap_or_default();
        let mut names: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for person in &listed {
            *names.entry(fold(person.name())).or_default() += 1;
        }
        Ok(complete(&listed, typed, closeness, limit)
            .into_iter()
            .map(|person| NameChoice {
                id: person.id,
                name: person.name().to_string(),
                company: person.data.company.clone(),
                namesake: names.get(&fold(person.name())).is_some_and(|&n| n > 1),
            })
            .collect())
    }
}

#[cfg(test)]
mod tests;
