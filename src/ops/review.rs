//! The weekly review: its agenda, snoozes, and finishing it.

use crate::error::Result;
use crate::insight::circles::{self, Reconnect};
use crate::insight::helpers::fits::best_offer;
use crate::insight::helpers::{Matchable, who_could_help};
use crate::insight::review::{self, Agenda, DateSoon, NeedHelp, ReviewInput};
use crate::insight::{Histories, Network};
use crate::model::Covered;
use crate::model::date::day_number;
use crate::model::{Day, ListedPeople, Need, Person, PersonId, Promise};
use crate::store::Store;

use super::Desk;
use super::dates::{DATES_AHEAD, upcoming_in, when};
use super::needs::HELPERS_LISTED;

/// What the agenda takes besides the model: imports, snoozes, and whom past reviews offered.
struct AgendaInputs {
    imported: review::Imports,
    snoozed: std::collections::HashMap<PersonId, i64>,
    past_reconnects: Vec<Vec<PersonId>>,
    kept_paper: std::collections::HashSet<PersonId>,
    promises: Vec<Promise>,
    dates: Vec<DateSoon>,
    needs: Vec<Need>,
    /// Your open offers, matched to the needs.
    offers: Vec<crate::model::Offer>,
    introductions: Vec<review::IntroductionDue>,
    together: Vec<review::TogetherDue>,
    /// Favours received and not thanked for yet.
    thanks: Vec<review::ThanksDue>,
    /// Everyone, to find who could help with the needs (read, and indexed, while the model
    /// runs, and only when there are needs), with their names.
    matchable: Matchable,
    people: Vec<Person>,
}

impl AgendaInputs {
    fn read(store: &Store, today: Day) -> Result<AgendaInputs> {
        AgendaInputs::read_with(store, today, store.imported_people()?)
    }

    /// The inputs, with who was imported already read.
    fn read_with(store: &Store, today: Day, imported: review::Imports) -> Result<AgendaInputs> {
        let needs: Vec<Need> = store.needs(false)?.into_iter().map(|(n, _)| n).collect();
        let people = if needs.is_empty() {
            Vec::new()
        } else {
            store.people_to_match()?
        };
        let matchable = Matchable::new(&people);
        let (mut past_reconnects, mut kept_paper) = (Vec::new(), std::collections::HashSet::new());
        for review in store.reviews()? {
            past_reconnects.push(review.covered.reconnect);
            kept_paper.extend(review.covered.kept_paper);
        }
        Ok(AgendaInputs {
            imported,
            snoozed: store.snoozes()?,
            past_reconnects,
            kept_paper,
            promises: store.promises(false)?.into_iter().map(|(p, _)| p).collect(),
            dates: upcoming_in(store, today, DATES_AHEAD)?
                .into_iter()
                .map(|u| DateSoon {
                    person: u.person,
                    date: u.id,
                    what: u.occasion(),
                    when: when(u.in_days, u.day),
                })
                .collect(),
            needs,
            offers: store.offers(false)?,
            together: together_due(store, today)?,
            introductions: (store.introductions(false)?.into_iter())
                .map(|listed| {
                    let i = &listed.introduction;
                    let since = i.made_on.unwrap_or(i.asked_on);
                    review::IntroductionDue {
                        id: i.id,
                        need: i.need,
                        person: listed.person,
                        helper: listed.helper_name.clone(),
                        need_text: listed.need_text.clone(),
                        stage: i.stage,
                        days: day_number(today) - day_number(since),
                    }
                })
                .collect(),
            thanks: (super::thanks::unthanked_in(store, day_number(today))?.into_iter())
                .map(|u| review::ThanksDue {
                    what: u.what(),
                    interaction: u.interaction,
                    person: u.person,
                    days_ago: u.days_ago,
                })
                .collect(),
            matchable,
            people,
        })
    }

    fn agenda(
        &self,
        network: &Network,
        histories: &Histories,
        reconnect: &[Option<Reconnect>],
    ) -> Agenda {
        let needs: Vec<NeedHelp> = self
            .needs
            .iter()
            .map(|need| NeedHelp {
                need: need.clone(),
                helpers: who_could_help(&self.matchable, network, need, HELPERS_LISTED)
                    .into_iter()
                    .filter_map(|h| self.people.get(h.index).map(|p| p.name().to_string()))
                    .collect(),
                offer: best_offer(need, &self.offers).map(|(_, offer)| offer.text.clone()),
            })
            .collect();
        review::agenda(&ReviewInput {
            network,
            histories,
            imported: &self.imported,
            snoozed: &self.snoozed,
            past_reconnects: &self.past_reconnects,
            kept_paper: &self.kept_paper,
            reconnect,
            promises: &self.promises,
            dates: &self.dates,
            needs: &needs,
            thanks: &self.thanks,
            introductions: &self.introductions,
            together: &self.together,
        })
    }
}

impl Desk {
    /// This week's agenda, from the database.
    pub fn agenda(&self) -> Result<Agenda> {
        self.named_agenda().map(|(agenda, _)| agenda)
    }

    /// This week's agenda, with everyone's names to name the people in it. All of it is
    /// read in one transaction, the rest while the model is evaluated beside it.
    pub fn named_agenda(&self) -> Result<(Agenda, ListedPeople)> {
        self.store.read(|store| {
            let histories = store.histories()?;
            let in_touch = |id: PersonId| {
                histories
                    .people
                    .binary_search_by_key(&id, |p| p.id)
                    .is_ok_and(|at| !histories.contacts_of(at).is_empty())
            };
            let (network, ((names, circles), inputs)) = self.evaluate_while(&histories, || {
                let people = store.people_for_review(histories.people.len(), in_touch)?;
                let inputs = AgendaInputs::read_with(store, self.today, people.imports)?;
                Ok(((people.names, people.circles), inputs))
            })?;
            let reconnect = circles::reconnect_scores(&circles, &network, &histories);
            let agenda = inputs.agenda(&network, &histories, &reconnect);
            Ok((agenda, names))
        })
    }

    /// This week's agenda from a network already evaluated, with its reconnect scores (the
    /// app keeps both).
    pub fn agenda_of(
        &self,
        network: &Network,
        histories: &Histories,
        reconnect: &[Option<Reconnect>],
    ) -> Result<Agenda> {
        Ok(AgendaInputs::read(&self.store, self.today)?.agenda(network, histories, reconnect))
    }

    /// Weeks in a row with a finished review.
    pub fn streak(&self) -> Result<usize> {
        let days: Vec<i64> = self.store.reviews()?.iter().map(|r| r.day).collect();
        Ok(review::streak(&days, self.today_number()))
    }

    /// Keeps a person out of reviews until `until`. Returns what was done, in words.
    pub fn snooze(&mut self, person: &Person, until: Day) -> Result<String> {
        let sentence = format!("Snoozed {} until {until}", person.name());
        self.store.snooze(person.id, day_number(until), &sentence)?;
        Ok(sentence)
    }

    /// Archives the people a review offered as paper ties; one undo brings them all back.
    pub fn archive_paper_ties(&mut self, ids: &[PersonId]) -> Result<String> {
        let describe = |n: usize| format!("Archived {}", crate::text::counted(n, "paper tie"));
        let count = self.store.archive_many(ids, describe)?;
        Ok(describe(count))
    }

    /// Records today's review; returns the streak it makes.
    pub fn finish_review(
        &mut self,
        items_seen: usize,
        actions: usize,
        reconnect: Vec<PersonId>,
        kept_paper: Vec<PersonId>,
    ) -> Result<usize> {
        self.store.record_review(
            self.today_number(),
            items_seen,
            actions,
            &Covered {
                reconnect,
                kept_paper,
            },
        )?;
        self.streak()
    }
}

/// People seen together, not linked yet, with the second one's name, as the review asks.
fn together_due(store: &Store, today: Day) -> Result<Vec<review::TogetherDue>> {
    Ok((super::together::suggested_in(store)?.into_iter())
        .map(|t| review::TogetherDue {
            a: t.a.id,
            b: t.b.id,
            b_name: t.b.name,
            times: t.times,
            days_ago: day_number(today) - day_number(t.last),
        })
        .collect())
}
