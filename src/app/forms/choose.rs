//! A field of people's names that remembers whom each name was chosen as: a name completed
//! from a suggestion (or filled in by the app) keeps its person, so two people who share a
//! name are told apart by choosing, never by typing an id.

use tui_input::Input;

use crate::model::PersonId;

/// A person offered for a name being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub id: PersonId,
    pub name: String,
    /// What tells them from someone of the same name (their company, an address, how close
    /// they are); `None` when no one else offered has their name.
    pub tells: Option<String>,
}

impl Suggestion {
    /// "Uma O'Brien (Canal Bank · paper tie)", or the name alone.
    pub fn label(&self) -> String {
        match &self.tells {
            Some(tells) => format!("{} ({tells})", self.name),
            None => self.name.clone(),
        }
    }
}

/// The suggestions for the name being typed, and the people already chosen, by place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeopleField {
    /// Best first. Once a name is complete, only its namesakes stay, to choose among.
    pub suggestions: Vec<Suggestion>,
    /// The person each name was chosen as, by its place in the list (0 = first name), with
    /// the name as it was chosen: a name edited since is read as typed.
    chosen: Vec<(usize, String, PersonId)>,
}

/// The names before the one being typed, and that one.
fn split(typed: &str) -> (String, &str) {
    match typed.rsplit_once(',') {
        Some((before, last)) => (format!("{before}, "), last.trim()),
        None => (String::new(), typed.trim()),
    }
}

impl PeopleField {
    /// A field filled in by the app with people it knows (the review's introduction).
    pub fn filled(people: &[(PersonId, String)]) -> (Input, PeopleField) {
        let names: Vec<&str> = people.iter().map(|(_, name)| name.as_str()).collect();
        let chosen = (people.iter().enumerate())
            .map(|(at, (id, name))| (at, name.clone(), *id))
            .collect();
        let field = PeopleField {
            suggestions: Vec::new(),
            chosen,
        };
        (Input::new(names.join(", ")), field)
    }

    /// Whether every suggestion left is a namesake of the name typed: Tab chooses among them.
    pub fn choosing(&self) -> bool {
        self.suggestions.len() > 1
            && (self.suggestions.iter()).all(|s| s.name == self.suggestions[0].name)
    }

    /// Tab: completes the name being typed with the first suggestion; on a complete name
    /// with namesakes, moves on to the next of them. False when there is nothing to do (Tab
    /// then moves to the next field).
    pub fn complete(&mut self, input: &mut Input) -> bool {
        let Some(best) = self.suggestions.first().cloned() else {
            return false;
        };
        let typed = input.value().to_string();
        let (before, last) = split(&typed);
        let place = before.matches(',').count();
        if last == best.name {
            if !self.choosing() {
                return false;
            }
            // The first Tab on a name typed in full chooses the first offered; each next,
            // the next namesake.
            if self.chosen_at(place, last).is_some() {
                self.suggestions.rotate_left(1);
            }
            let next = self.suggestions[0].id;
            self.choose(place, &best.name, next);
            return true;
        }
        *input = Input::new(format!("{before}{}", best.name));
        self.suggestions.retain(|s| s.name == best.name);
        if self.suggestions.len() < 2 {
            self.suggestions.clear();
        }
        self.choose(place, &best.name, best.id);
        true
    }

    fn chosen_at(&self, place: usize, name: &str) -> Option<PersonId> {
        (self.chosen.iter())
            .find(|(at, chosen, _)| *at == place && chosen == name)
            .map(|(_, _, id)| *id)
    }

    /// Offers the people of one name to choose from (a name typed in full that several
    /// have); the name being typed is theirs.
    pub fn offer_namesakes(&mut self, namesakes: Vec<Suggestion>) {
        self.suggestions = namesakes;
    }

    fn choose(&mut self, place: usize, name: &str, id: PersonId) {
        self.chosen.retain(|(at, _, _)| *at != place);
        self.chosen.push((place, name.to_string(), id));
    }

    /// The people as typed: a name chosen (and unchanged since) as `#id`, any other as it
    /// was typed, for the resolver.
    pub fn names(&self, input: &Input) -> Vec<String> {
        (input.value().split(','))
            .map(str::trim)
            .enumerate()
            .filter(|(_, name)| !name.is_empty())
            .map(|(place, name)| match self.chosen_at(place, name) {
                Some(id) => format!("#{id}"),
                None => name.to_string(),
            })
            .collect()
    }

    /// The name being typed (after the last comma).
    pub fn typing(input: &Input) -> &str {
        input.value().rsplit(',').next().unwrap_or("").trim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uma(id: PersonId, tells: &str) -> Suggestion {
        Suggestion {
            id,
            name: "Uma O'Brien".into(),
            tells: Some(tells.into()),
        }
    }

    #[test]
    fn a_namesake_is_chosen_by_tab_and_kept_by_id() {
        let mut input = Input::new("Ana Lima, uma o".into());
        let mut field = PeopleField {
            suggestions: vec![uma(6, "Quartz Finance"), uma(7, "Canal Bank · paper tie")],
            ..PeopleField::default()
        };
        assert!(field.complete(&mut input));
        assert_eq!(input.value(), "Ana Lima, Uma O'Brien");
        assert!(field.choosing());
        assert_eq!(field.names(&input), ["Ana Lima", "#6"]);
        // Tab again: the other Uma.
        assert!(field.complete(&mut input));
        assert_eq!(field.names(&input), ["Ana Lima", "#7"]);
        assert_eq!(field.suggestions[0].id, 7);
        // A name edited after it was chosen is read as typed.
        let edited = Input::new("Ana Lima, Uma O'Brie".into());
        assert_eq!(field.names(&edited), ["Ana Lima", "Uma O'Brie"]);
    }

    #[test]
    fn a_name_with_no_namesake_completes_once() {
        let mut input = Input::new("bra".into());
        let mut field = PeopleField {
            suggestions: vec![Suggestion {
                id: 2,
                name: "Bram Vos".into(),
                tells: None,
            }],
            ..PeopleField::default()
        };
        assert!(field.complete(&mut input));
        assert!(!field.choosing());
        assert!(!field.complete(&mut input), "complete: Tab goes on");
        assert_eq!(field.names(&input), ["#2"]);
        let (filled, field) =
            PeopleField::filled(&[(3, "Olga Santos".into()), (7, "Bram Vos".into())]);
        assert_eq!(field.names(&filled), ["#3", "#7"]);
    }
}
