//! Finding people by what a person types: exact name, then unique prefix, then fuzzy.

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config as MatcherConfig, Matcher, Utf32Str};

use crate::error::{Error, Result};
use crate::model::Person;

/// How many candidates an ambiguity message names.
const SHOWN_CANDIDATES: usize = 6;

fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Resolves `query` to one person. `#12` names a person by id.
pub fn resolve<'a>(people: &'a [Person], query: &str) -> Result<&'a Person> {
    let wanted = fold(query);
    if wanted.is_empty() {
        return Err(Error::invalid("an empty name matches no one"));
    }
    if let Some(id) = wanted.strip_prefix('#').and_then(|n| n.parse::<i64>().ok()) {
        return people
            .iter()
            .find(|p| p.id == id)
            .ok_or_else(|| Error::UnknownName(query.to_string()));
    }
    let stages: [&dyn Fn(&str) -> bool; 3] = [
        &|name: &str| name == wanted,
        &|name: &str| name.starts_with(&wanted),
        &|name: &str| name.split(' ').any(|word| word.starts_with(&wanted)),
    ];
    for stage in stages {
        let found: Vec<&Person> = people.iter().filter(|p| stage(&fold(p.name()))).collect();
        match found.len() {
            0 => continue,
            1 => return Ok(found[0]),
            _ => return Err(ambiguous(query, &found)),
        }
    }
    let mut scored = fuzzy(people, query, |p| p.name().to_string());
    match scored.len() {
        0 => Err(Error::UnknownName(query.to_string())),
        1 => Ok(scored[0].1),
        _ => {
            scored.truncate(SHOWN_CANDIDATES + 1);
            let found: Vec<&Person> = scored.iter().map(|(_, p)| *p).collect();
            Err(ambiguous(query, &found))
        }
    }
}

fn ambiguous(query: &str, found: &[&Person]) -> Error {
    let mut names: Vec<String> = found
        .iter()
        .take(SHOWN_CANDIDATES)
        .map(|p| match &p.data.company {
            Some(company) => format!("{} ({company}, #{})", p.name(), p.id),
            None => format!("{} (#{})", p.name(), p.id),
        })
        .collect();
    if found.len() > SHOWN_CANDIDATES {
        names.push("…".into());
    }
    Error::AmbiguousName {
        name: query.to_string(),
        candidates: names.join(", "),
    }
}

/// People whose `text` fuzzily matches `query`, best first (ties keep the input order).
pub fn fuzzy<'a, T>(items: &'a [T], query: &str, text: impl Fn(&T) -> String) -> Vec<(u32, &'a T)> {
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

/// The text search looks through: name, company, role, location, tags and notes.
pub fn searchable_text(person: &Person) -> String {
    let data = &person.data;
    let mut text = data.name.clone();
    for part in [&data.company, &data.role, &data.location]
        .into_iter()
        .flatten()
    {
        text.push(' ');
        text.push_str(part);
    }
    for tag in &data.tags {
        text.push(' ');
        text.push_str(tag);
    }
    if !data.notes.is_empty() {
        text.push(' ');
        text.push_str(&data.notes);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PersonData;

    fn people(names: &[&str]) -> Vec<Person> {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| Person {
                id: i as i64 + 1,
                data: PersonData::named(n),
                created_at: String::new(),
                updated_at: String::new(),
            })
            .collect()
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
        assert_eq!(resolve(&all, "bdv").unwrap().id, 3);
        assert_eq!(resolve(&all, "jose").unwrap().id, 5);
        assert_eq!(resolve(&all, "#2").unwrap().id, 2);
        let err = resolve(&all, "ana li").unwrap_err().to_string();
        assert!(
            err.contains("Ana Lima (#1)") && err.contains("Ana Limão (#2)"),
            "{err}"
        );
        assert!(matches!(resolve(&all, "zzz"), Err(Error::UnknownName(_))));
        assert!(matches!(resolve(&all, "#99"), Err(Error::UnknownName(_))));
    }
}
