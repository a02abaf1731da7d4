//! The review's reconnect step: the best-scored long-dormant ties not shown in the last few
//! reviews, spread across circles, each with why it is worth a note.

use super::{Section, Step, section};
use crate::insight::circles::Reconnect;
use crate::insight::order::{SPREAD_DEPTH, spread};
use crate::insight::{Figures, span};

/// At most this many reconnect candidates a week.
pub const RECONNECT_PER_WEEK: usize = 3;

/// The step from `candidates`: (reconnect score, index into the network's figures), in any
/// order.
pub(super) fn reconnect_section(
    input: &super::ReviewInput,
    mut candidates: Vec<(f64, usize)>,
) -> Section {
    let figures = &input.network.figures;
    let peak = |at: usize| figures.get(at).map_or(0.0, |f| f.peak_warmth);
    let id = |at: usize| figures.get(at).map_or(0, |f| f.id);
    // Only the best few are put in order (and spread): sorting thousands of quiet ties took
    // longer than the rest of the agenda.
    let best_first = |a: &(f64, usize), b: &(f64, usize)| {
        b.0.total_cmp(&a.0)
            .then(peak(b.1).total_cmp(&peak(a.1)))
            .then(id(a.1).cmp(&id(b.1)))
    };
    let qualified = candidates.len();
    if qualified > SPREAD_DEPTH {
        candidates.select_nth_unstable_by(SPREAD_DEPTH, best_first);
        candidates.truncate(SPREAD_DEPTH);
    }
    candidates.sort_by(best_first);
    let mut order: Vec<usize> = candidates.into_iter().map(|(_, at)| at).collect();
    spread(&mut order, input.reconnect);
    order.truncate(RECONNECT_PER_WEEK);
    let shown: Vec<&Figures> = order.iter().filter_map(|&at| figures.get(at)).collect();
    let more = qualified - shown.len();
    let scored = |f: &Figures| -> Option<&Reconnect> {
        let index = figures.binary_search_by_key(&f.id, |g| g.id).ok()?;
        input.reconnect.get(index)?.as_ref()
    };
    let mut step = section(Step::Reconnect, shown, |f| {
        let quiet = span::long(f.days_since.unwrap_or(0));
        // Most telling first: the line is cut to the screen's width.
        let mut why = vec![format!("quiet for {quiet}")];
        if let Some(reconnect) = scored(f) {
            if let Some(circle) = reconnect.bridges_to.first() {
                why.push(format!("your way back into {circle}"));
            }
            match (reconnect.gave, reconnect.received) {
                (true, true) => why.push("you helped each other".into()),
                (false, true) => why.push("they helped you".into()),
                (true, false) => why.push("you helped them".into()),
                (false, false) => {}
            }
        }
        why.push(format!(
            "once among your warmest (peak {:.0})",
            f.peak_warmth
        ));
        why.join("; ")
    });
    step.more = more;
    step
}
