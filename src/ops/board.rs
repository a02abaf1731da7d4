//! What the dashboard shows, built from the people and histories the app holds: the model's
//! figures, reconnect scores, the list's rows and the side panels, in `insight::order`'s
//! order. The app keeps these in memory and asks again after every change.

use super::Desk;
use crate::error::{Error, Result};
use crate::insight::circles::{CircleTable, Reconnect, reconnect_scores};
use crate::insight::order::{Row, dashboard_rows, give_first};
use crate::insight::{Histories, Network};
use crate::model::Person;

/// The dashboard, evaluated at the desk's day.
#[derive(Debug, Clone)]
pub struct Board {
    pub network: Network,
    /// Reconnect scores of dormant people, in the people's order.
    pub reconnect: Vec<Option<Reconnect>>,
    pub rows: Vec<Row>,
    /// Everyone with a one-sided flag, in the Give first panel's order (indices).
    pub give_first: Vec<usize>,
    /// Dormant ties worth reviving, in the Reconnect panel's order (indices).
    pub reconnect_list: Vec<usize>,
}

impl Desk {
    /// The dashboard over `people` and their `histories` (read together, in id order).
    pub fn board(&self, people: &[Person], histories: &Histories) -> Result<Board> {
        let network = self.evaluate(histories);
        if network.figures.len() != people.len() {
            return Err(Error::Database(
                "the people changed while reading; try again".into(),
            ));
        }
        let circles = CircleTable::counted(people.iter().map(|p| &p.data), &network);
        let reconnect = reconnect_scores(&circles, &network, histories);
        let rows = dashboard_rows(people, &network, &reconnect);
        let give_first = give_first(&network);
        // The list already orders dormant ties with the best candidates first.
        let reconnect_list = rows
            .iter()
            .filter_map(|row| match row {
                Row::Person(i) if network.figures[*i].long_dormant => Some(*i),
                _ => None,
            })
            .collect();
        Ok(Board {
            network,
            reconnect,
            rows,
            give_first,
            reconnect_list,
        })
    }
}
