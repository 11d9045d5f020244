//! Filters for the listings, as plain data built from the command line.

use chrono::NaiveDate;

use crate::model::{Action, ActionStatus, Cr, CrStatus, Impact, Milestone, MilestoneStatus, Rag, Risk, RiskStatus};

#[derive(Debug, Clone, Default)]
pub struct ActionFilter {
    pub open: bool,
    pub overdue: bool,
    pub status: Option<ActionStatus>,
    /// Matches the owner's org or person, case-insensitively (substring).
    pub owner: Option<String>,
    pub meeting: Option<String>,
    pub due_before: Option<NaiveDate>,
}

impl ActionFilter {
    pub fn matches(&self, a: &Action, today: NaiveDate) -> bool {
        (!self.open || a.is_open())
            && (!self.overdue || a.is_overdue(today))
            && self.status.is_none_or(|s| a.status == s)
            && self.owner.as_deref().is_none_or(|o| owned_by(&a.owner, o))
            && self
                .meeting
                .as_deref()
                .is_none_or(|m| a.meeting().is_some_and(|id| crate::ids::same(id, m)))
            && self.due_before.is_none_or(|d| a.due < d)
    }
}

#[derive(Debug, Clone, Default)]
pub struct CrFilter {
    pub body: Option<String>,
    pub status: Option<CrStatus>,
    pub impact: Option<Impact>,
    /// Crs with an update, a decision or a raise on or after this date.
    pub updated_since: Option<NaiveDate>,
}

impl CrFilter {
    pub fn matches(&self, c: &Cr) -> bool {
        self.body.as_deref().is_none_or(|b| c.body.eq_ignore_ascii_case(b))
            && self.status.is_none_or(|s| c.status == s)
            && self.impact.is_none_or(|i| c.impact == i)
            && self.updated_since.is_none_or(|since| {
                c.raised >= since
                    || c.updates.iter().any(|u| u.date >= since)
                    || c.decision_date.is_some_and(|d| d >= since)
            })
    }
}

#[derive(Debug, Clone, Default)]
pub struct RiskFilter {
    pub rag: Option<Rag>,
    pub status: Option<RiskStatus>,
    /// Matches the owner's org or person, case-insensitively (substring); a risk without an
    /// owner never matches.
    pub owner: Option<String>,
}

impl RiskFilter {
    pub fn matches(&self, r: &Risk) -> bool {
        self.rag.is_none_or(|x| r.rag == x)
            && self.status.is_none_or(|s| r.status == s)
            && self
                .owner
                .as_deref()
                .is_none_or(|o| r.owner.as_ref().is_some_and(|owner| owned_by(owner, o)))
    }
}

/// Whether `owner`'s org or person holds `wanted`, in any case.
fn owned_by(owner: &crate::model::Owner, wanted: &str) -> bool {
    let wanted = wanted.to_lowercase();
    owner.org.to_lowercase().contains(&wanted)
        || owner
            .person
            .as_deref()
            .is_some_and(|p| p.to_lowercase().contains(&wanted))
}

#[derive(Debug, Clone, Default)]
pub struct MilestoneFilter {
    pub status: Option<MilestoneStatus>,
}

impl MilestoneFilter {
    pub fn matches(&self, m: &Milestone) -> bool {
        self.status.is_none_or(|s| m.status == s)
    }
}
