//! Which of the dashboard's lists has the keys. The lists themselves are built below both
//! front ends (`ops::Board`, ordered by `insight::order`).

/// Which of the dashboard's lists has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    /// Your people, by layer, then the dormant ones.
    #[default]
    List,
    /// Everyone with a one-sided flag, where you take first.
    GiveFirst,
    /// Dormant ties worth reviving, best first.
    Reconnect,
}

impl Pane {
    pub const ORDER: [Pane; 3] = [Pane::List, Pane::GiveFirst, Pane::Reconnect];
}
