//! Arguments several commands share: a person, `--json`, a row's number; and the options of
//! `list`, `show` and `undo`.

use clap::{ArgGroup, Args};

use super::complete;

/// A number that names one row (a promise, a need, a date), refused with what was expected:
/// `kept abc` says which number it wants and where to find it.
pub(crate) fn row_number(
    what: &'static str,
    listed_by: &'static str,
) -> impl Fn(&str) -> std::result::Result<i64, String> + Clone + Send + Sync + 'static {
    move |text| {
        (text.trim().trim_start_matches('#').parse::<i64>().ok())
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("expected {what} number, as `{listed_by}` lists them (e.g. 3)"))
    }
}

/// `undo`'s options.
#[derive(Debug, clap::Args)]
pub struct UndoArgs {
    /// Print what was undone as JSON (`{"undone": null}` when nothing was).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct NameArg {
    /// The person (exact name, a unique prefix, a fuzzy match, or #id).
    #[arg(add = complete::person())]
    pub name: String,
}

#[derive(Debug, Args)]
pub struct JsonArg {
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(group(
    ArgGroup::new("status").args(["active", "dormant", "on_call", "paper", "archived"])
))]
pub struct ListArgs {
    /// Only your active ties.
    #[arg(long)]
    pub active: bool,
    /// Only active ties that are due or overdue.
    #[arg(long)]
    pub due: bool,
    /// Only dormant ties.
    #[arg(long)]
    pub dormant: bool,
    /// Only one-sided relationships.
    #[arg(long)]
    pub one_sided: bool,
    /// Only people on call (kept passively, never due).
    #[arg(long)]
    pub on_call: bool,
    /// Only paper ties (never an interaction).
    #[arg(long)]
    pub paper: bool,
    /// Only archived people.
    #[arg(long)]
    pub archived: bool,
    /// Only one layer: 5, 15, 50 or 150.
    #[arg(long, value_name = "N")]
    pub layer: Option<usize>,
    /// Fuzzy search over names, companies, tags and notes.
    #[arg(long, value_name = "QUERY")]
    pub search: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The person (exact name, a unique prefix, a fuzzy match, or #id).
    #[arg(add = complete::person())]
    pub name: String,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// The whole timeline, not the latest 20 entries.
    #[arg(long, conflicts_with = "limit")]
    pub all: bool,
    /// The latest N entries of the timeline.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// The favours in numbers, by quarter (left out otherwise: a tie is not a score; the
    /// JSON always has them).
    #[arg(long)]
    pub ledger: bool,
}
