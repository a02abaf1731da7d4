//! Plain data types of tiesdesk and their validation. No SQL, no terminal, no clock.

mod codes;
pub mod date;
pub mod draft;
pub mod interaction;
pub mod introduction;
pub mod link;
pub mod listed;
pub mod need;
pub mod offer;
pub mod patch;
pub mod person;
pub mod progress;
pub mod promise;
pub mod review;
pub mod sync;
pub mod yearly_date;
pub mod yearly_day;
pub mod zone;

pub use date::{Day, parse_date_expr, parse_future_date};
pub use draft::{
    CapturedInteraction, DraftDate, DraftInteraction, DraftIntroduction, DraftLink, DraftNeed,
    DraftPromise, DraftReview, Exchange, NetworkDraft,
};
pub use interaction::{
    Capture, CaptureSource, CaptureWords, Direction, Interaction, InteractionId, InteractionPatch,
    KIND_COUNT, Kind, NewInteraction, Size,
};
pub use introduction::{IntroStage, Introduction, IntroductionId, ListedIntroduction};
pub use link::{Link, LinkDismissal, LinkKind, Together};
pub use listed::{ListedPeople, ListedPerson};
pub use need::{Need, NeedId, NeedState};
pub use offer::{Offer, OfferId};
pub use patch::{ListPatch, PersonPatch};
pub(crate) use person::with_person_fields;
pub use person::{NameCard, NamedPerson, Person, PersonData, PersonId, Source};
pub use progress::{Progress, Stage};
pub use promise::{Promise, PromiseId, PromiseState};
pub use review::{Covered, Holdings, ReviewRecord};
pub use sync::{Op, Table, WireOp, WireTable};
pub use yearly_date::{YearlyDate, YearlyDateId};
pub use yearly_day::YearlyDay;
pub use zone::UserZone;

/// A value a user or a file supplied that tiesdesk cannot accept. The message is one line,
/// names the value, and says what would be accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidValue(pub String);

impl InvalidValue {
    pub fn new(message: impl Into<String>) -> Self {
        InvalidValue(message.into())
    }
}
