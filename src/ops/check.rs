//! `check`: what is wrong with the database file, table by table, and what that means for
//! the writes that follow.

use super::{Desk, Problem};
use crate::error::Result;

/// What `check` found: every problem, and how many in each table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CheckReport {
    pub sound: bool,
    /// Tables with problems, most first (`null`: the file itself, no table).
    pub tables: Vec<TableProblems>,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TableProblems {
    pub table: Option<String>,
    pub problems: usize,
}

impl CheckReport {
    fn of(problems: Vec<Problem>) -> CheckReport {
        let mut counts: std::collections::BTreeMap<Option<String>, usize> =
            std::collections::BTreeMap::new();
        for problem in &problems {
            *counts.entry(problem.table.clone()).or_default() += 1;
        }
        let mut tables: Vec<TableProblems> = counts
            .into_iter()
            .map(|(table, problems)| TableProblems { table, problems })
            .collect();
        // Tables first (where the damage is), most problems first; then what SQLite could
        // not place (mostly pages no table reaches any more: a consequence).
        tables.sort_by(|a, b| {
            (a.table.is_none(), std::cmp::Reverse(a.problems), &a.table).cmp(&(
                b.table.is_none(),
                std::cmp::Reverse(b.problems),
                &b.table,
            ))
        });
        CheckReport {
            sound: problems.is_empty(),
            tables,
            problems,
        }
    }

    /// "contact: 97 problems; interaction: 3 problems", or nothing for a sound file.
    pub fn summary(&self) -> Option<String> {
        if self.sound {
            return None;
        }
        let parts: Vec<String> = self
            .tables
            .iter()
            .map(|t| {
                format!(
                    "{}: {} problem{}",
                    t.table.as_deref().unwrap_or("elsewhere in the file"),
                    t.problems,
                    if t.problems == 1 { "" } else { "s" }
                )
            })
            .collect();
        Some(parts.join("; "))
    }
}

impl Desk {
    /// What is wrong with the database file (nothing, when it is sound). Damage found is
    /// remembered, so every later write is refused; a sound file lets them through again.
    pub fn check(&self) -> Result<CheckReport> {
        let problems = self.store.check()?;
        let report = CheckReport::of(problems);
        match report.summary() {
            Some(summary) => self.store.remember_damage(&summary),
            None => self.store.forget_damage(),
        }
        Ok(report)
    }
}
