//! Which of your offers fits someone's need: the need's words and tags (what it rules out
//! ruled out) against the offer's, by the same word rules as who could help. There are few
//! offers and few needs: each pair is compared directly.

use super::{Wanted, same_word, words};
use crate::model::{Need, Offer};

/// How an offer fits a need: the words they share (as the offer says them), and how well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fit {
    /// The need's thing asked for ("designer" in "a designer for her studio") matched.
    pub head: bool,
    /// Need terms and tags matched.
    pub matched: usize,
}

/// How `offer` fits `need`, if it does at all: nothing when they share no word or tag, or
/// when the offer has a word the need rules out ("not in Toronto").
pub fn fit(need: &Need, offer: &Offer) -> Option<Fit> {
    let wanted = Wanted::of(need);
    let mut theirs = words(&offer.text);
    for tag in &offer.tags {
        theirs.extend(words(tag));
    }
    let has = |term: &String| theirs.iter().any(|word| same_word(word, term));
    if wanted.excluded.iter().any(has) {
        return None;
    }
    let mut matched = 0;
    let mut head = false;
    for (bit, term) in wanted.terms.iter().enumerate() {
        if has(term) {
            matched += 1;
            head |= wanted.head & (1 << bit) != 0;
        }
    }
    matched += (need.tags.iter())
        .filter(|tag| offer.tags.contains(tag))
        .count();
    (matched > 0).then_some(Fit { head, matched })
}

/// The offer of `offers` that fits `need` best (the thing asked for matched first, then the
/// most shared, then the offer made first), with its index.
pub fn best_offer<'a>(need: &Need, offers: &'a [Offer]) -> Option<(usize, &'a Offer)> {
    offers
        .iter()
        .enumerate()
        .filter(|(_, offer)| offer.is_open())
        .filter_map(|(at, offer)| Some((fit(need, offer)?, at, offer)))
        .max_by(|(a, a_at, _), (b, b_at, _)| {
            (a.head, a.matched)
                .cmp(&(b.head, b.matched))
                .then(b_at.cmp(a_at))
        })
        .map(|(_, at, offer)| (at, offer))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::fixtures::need;
    use crate::model::date::parse_iso_date;

    fn day() -> crate::model::Day {
        parse_iso_date("2026-12-01").unwrap_or_default()
    }

    fn offer(id: i64, text: &str, tags: &[&str]) -> Offer {
        Offer {
            id,
            text: text.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            made_on: day(),
            done_on: None,
        }
    }

    #[test]
    fn an_offer_fits_by_word_or_tag_and_not_by_what_is_ruled_out() {
        let designer = need("a designer for her studio", &[]);
        let review = offer(1, "a design review of a portfolio", &[]);
        assert_eq!(
            fit(&designer, &review),
            Some(Fit {
                head: true,
                matched: 1
            })
        );
        assert_eq!(fit(&designer, &offer(2, "help with taxes", &[])), None);
        let tagged = need("someone to talk to", &["climate"]);
        assert!(fit(&tagged, &offer(3, "an hour on careers", &["climate"])).is_some());
        let outside = need("a flat outside Utrecht", &[]);
        assert_eq!(
            fit(&outside, &offer(4, "a spare room in Utrecht", &[])),
            None
        );
        assert!(fit(&outside, &offer(5, "a flat in Leiden for the summer", &[])).is_some());
    }

    #[test]
    fn the_best_offer_matches_the_thing_asked_for_then_the_most_and_only_open_ones() {
        let flat = need("a flat in Utrecht near the station", &[]);
        let mut done = offer(1, "a flat in Utrecht near the station", &[]);
        done.done_on = Some(day());
        let offers = [
            done,
            offer(2, "a lift to Utrecht station", &[]),
            offer(3, "a flat for a month", &[]),
            offer(4, "a flat for a week", &[]),
        ];
        assert_eq!(best_offer(&flat, &offers).map(|(at, _)| at), Some(2));
        assert_eq!(best_offer(&need("a tax adviser", &[]), &offers), None);
    }
}
