//! Holdings compared by place: a restore numbers rows afresh, so ids are replaced by their
//! place before two databases' holdings are compared.

use std::collections::HashMap;

use tiesdesk::model::Holdings;

/// `holdings` with every id replaced by its place (people, interactions, promises, needs
/// and dates are each in id order) and the write times left out: a restore numbers rows
/// afresh and stamps them now; everything else must come back as it was.
pub fn by_place(mut holdings: Holdings) -> Holdings {
    let places = |ids: Vec<i64>| -> HashMap<i64, i64> {
        ids.into_iter()
            .enumerate()
            .map(|(place, id)| (id, place as i64 + 1))
            .collect()
    };
    let person = places(holdings.people.iter().map(|p| p.id).collect());
    let interaction = places(holdings.interactions.iter().map(|i| i.id).collect());
    let need = places(holdings.needs.iter().map(|n| n.id).collect());
    let at = |map: &HashMap<i64, i64>, id: i64| map.get(&id).copied().unwrap_or(-id);
    for p in &mut holdings.people {
        p.id = at(&person, p.id);
        p.data.introduced_by = p.data.introduced_by.map(|id| at(&person, id));
        p.created_at.clear();
        p.updated_at.clear();
    }
    for i in &mut holdings.interactions {
        i.id = at(&interaction, i.id);
        for id in &mut i.people {
            *id = at(&person, *id);
        }
    }
    for l in &mut holdings.links {
        (l.a, l.b) = (at(&person, l.a), at(&person, l.b));
    }
    for (place, r) in holdings.reviews.iter_mut().enumerate() {
        r.id = place as i64 + 1;
        for id in r
            .covered
            .reconnect
            .iter_mut()
            .chain(&mut r.covered.kept_paper)
        {
            *id = at(&person, *id);
        }
    }
    holdings.snoozes = holdings
        .snoozes
        .into_iter()
        .map(|(id, until)| (at(&person, id), until))
        .collect();
    for (place, p) in holdings.promises.iter_mut().enumerate() {
        p.id = place as i64 + 1;
        p.person = at(&person, p.person);
        p.favour = p.favour.map(|id| at(&interaction, id));
    }
    for (place, n) in holdings.needs.iter_mut().enumerate() {
        n.id = place as i64 + 1;
        n.person = at(&person, n.person);
    }
    for (place, d) in holdings.dates.iter_mut().enumerate() {
        d.id = place as i64 + 1;
        d.person = at(&person, d.person);
    }
    for (place, d) in holdings.dismissed_links.iter_mut().enumerate() {
        d.id = place as i64 + 1;
        (d.a, d.b) = (at(&person, d.a), at(&person, d.b));
    }
    for (place, o) in holdings.offers.iter_mut().enumerate() {
        o.id = place as i64 + 1;
    }
    for (place, i) in holdings.introductions.iter_mut().enumerate() {
        i.id = place as i64 + 1;
        i.need = at(&need, i.need);
        i.helper = at(&person, i.helper);
        i.favour = i.favour.map(|id| at(&interaction, id));
    }
    holdings
}
