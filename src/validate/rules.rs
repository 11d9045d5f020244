//! Semantic rules on one record, beyond what the schema can say: ids, dates in order, status consistency, staleness.
//!
//! Each rule id here is documented in CONTRIBUTING.md; tests under `tests/validate/` pin each one.

use std::path::Path;

use chrono::{NaiveDate, Timelike};

use super::finding::{Finding, did_you_mean};
use crate::config::Config;
use crate::model::{Action, ActionStatus, Cr, CrStatus, Meeting, Milestone, MilestoneStatus, Record, Risk, Update};
use crate::store::yaml::LazySpans;

/// What the rules need to know about one file.
pub struct RecordContext<'a> {
    pub path: &'a Path,
    pub spans: &'a LazySpans<'a>,
    pub config: &'a Config,
    pub today: NaiveDate,
    /// Which findings the caller keeps: with errors only, warnings (dropped unread) are left at
    /// 1:1 and their file is never parsed for positions.
    pub wanted: super::Wanted,
    pub findings: Vec<Finding>,
}

impl RecordContext<'_> {
    fn error(&mut self, pointer: &str, on_key: bool, rule: &'static str, message: String) -> &mut Finding {
        let spans = self.spans.get();
        let pos = if on_key {
            spans.key(pointer)
        } else {
            spans.value(pointer)
        };
        self.findings.push(Finding::error(self.path, pos, rule, message));
        self.findings.last_mut().expect("just pushed")
    }

    fn warning(&mut self, pointer: &str, rule: &'static str, message: String) -> &mut Finding {
        let pos = if self.wanted == super::Wanted::All {
            self.spans.get().value(pointer)
        } else {
            crate::store::yaml::Pos { line: 1, col: 1 }
        };
        self.findings.push(Finding::warning(self.path, pos, rule, message));
        self.findings.last_mut().expect("just pushed")
    }

    /// `later` must not be before `earlier`.
    fn not_before(&mut self, pointer: &str, field: &str, later: NaiveDate, earlier_field: &str, earlier: NaiveDate) {
        if later < earlier {
            self.error(
                pointer,
                false,
                "date-order",
                format!("`{field}` {later} is before `{earlier_field}` {earlier}"),
            );
        }
    }

    /// Updates oldest first, none before `raised` (when the kind has it).
    fn updates(&mut self, updates: &[Update], raised: Option<NaiveDate>) {
        for (i, update) in updates.iter().enumerate() {
            let pointer = format!("/updates/{i}/date");
            if let Some(raised) = raised {
                self.not_before(&pointer, &format!("updates[{i}].date"), update.date, "raised", raised);
            }
            if i > 0 && update.date < updates[i - 1].date {
                self.error(
                    &pointer,
                    false,
                    "date-order",
                    format!(
                        "update {} is dated before the update above it ({})",
                        update.date,
                        updates[i - 1].date
                    ),
                )
                .hint = Some("updates are listed oldest first; append new ones at the end".into());
            }
        }
    }
}

/// Run every single-record rule on `record`.
pub fn check(cx: &mut RecordContext<'_>, record: &Record) {
    check_file_name(cx, record.id());
    match record {
        Record::Action(a) => action(cx, a),
        Record::Cr(c) => cr(cx, c),
        Record::Risk(r) => risk(cx, r),
        Record::Milestone(m) => milestone(cx, m),
        Record::Meeting(m) => meeting(cx, m),
    }
}

fn check_file_name(cx: &mut RecordContext<'_>, id: &str) {
    let name = crate::store::walk::file_name(cx.path);
    let stem = name.strip_suffix(".yaml").unwrap_or(&name);
    if stem != id {
        cx.error(
            "/id",
            false,
            "id-file-name",
            format!("id `{id}` does not match the file name `{stem}.yaml`"),
        )
        .hint = Some(format!("rename the file to `{id}.yaml`, or correct the id"));
    }
}

fn action(cx: &mut RecordContext<'_>, a: &Action) {
    let prefix = cx.config.prefix.clone();
    let well_formed =
        a.id.strip_prefix(prefix.as_str())
            .and_then(|rest| rest.split_once('-'))
            .is_some_and(|(n, seq)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && seq.len() >= 2);
    if !well_formed {
        cx.error(
            "/id",
            false,
            "id-pattern",
            format!("action id `{}` is not `{prefix}<meeting>-<NN>`", a.id),
        )
        .hint = Some(format!(
            "for example `{prefix}27-01` (the group prefix is set in `ccag.toml`)"
        ));
    }
    cx.not_before("/due", "due", a.due, "raised", a.raised);
    match (a.status, a.closed) {
        (ActionStatus::Closed, None) => {
            cx.error(
                "/status",
                false,
                "closed-date",
                "a closed action needs a `closed` date".into(),
            )
            .hint = Some("add `closed: YYYY-MM-DD`, or use `ccag close ID`".into());
        }
        (status, Some(_)) if status != ActionStatus::Closed => {
            cx.error(
                "/closed",
                true,
                "closed-date",
                format!("`closed` is set but the status is `{status}`"),
            )
            .hint = Some("remove `closed`, or set `status: closed`".into());
        }
        (_, Some(closed)) => cx.not_before("/closed", "closed", closed, "raised", a.raised),
        _ => {}
    }
    cx.updates(&a.updates, Some(a.raised));
    if a.is_overdue(cx.today) {
        let days = (cx.today - a.due).num_days();
        cx.warning(
            "/due",
            "overdue-action",
            format!(
                "action `{}` is {} and was due {} ({days} days ago)",
                a.id, a.status, a.due
            ),
        );
    }
}

fn cr(cx: &mut RecordContext<'_>, c: &Cr) {
    match cx.config.body(&c.body) {
        None => {
            let names: Vec<&str> = cx.config.bodies.iter().map(|b| b.name.as_str()).collect();
            let hint = match did_you_mean(&c.body, names.iter().copied()) {
                Some(m) => format!("did you mean `{m}`?"),
                None => format!(
                    "known bodies are {} (add others in `ccag.toml`)",
                    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
                ),
            };
            cx.error(
                "/body",
                false,
                "unknown-body",
                format!("`{}` is not a known code body", c.body),
            )
            .hint = Some(hint);
        }
        Some(body) if !body.regex.is_match(&c.id) => {
            let message = format!("`{}` is not a {} reference (`{}`)", c.id, body.name, body.pattern);
            let hint = cx
                .config
                .bodies
                .iter()
                .find(|b| b.regex.is_match(&c.id))
                .map(|b| format!("it looks like a {} reference; check `body`", b.name));
            cx.error("/id", false, "cr-reference", message).hint = hint;
        }
        Some(_) => {}
    }
    if let Some(d) = c.decision_date {
        cx.not_before("/decision_date", "decision_date", d, "raised", c.raised);
    }
    if let Some(d) = c.implementation {
        cx.not_before("/implementation", "implementation", d, "raised", c.raised);
    }
    cx.updates(&c.updates, Some(c.raised));
    if c.status == CrStatus::DecisionPending
        && let Some(d) = c.decision_date
        && d < cx.today
    {
        cx.warning(
            "/status",
            "stale-decision",
            format!("`{}` is still `decision-pending` after its decision date {d}", c.id),
        )
        .hint = Some("record the decision (`status`), or move `decision_date`".into());
    }
}

fn risk(cx: &mut RecordContext<'_>, r: &Risk) {
    if let (Some(raised), Some(reviewed)) = (r.raised, r.reviewed) {
        cx.not_before("/reviewed", "reviewed", reviewed, "raised", raised);
    }
    cx.updates(&r.updates, r.raised);
}

fn milestone(cx: &mut RecordContext<'_>, m: &Milestone) {
    if m.actual.is_some() && m.status != MilestoneStatus::Complete {
        cx.error(
            "/actual",
            true,
            "milestone-actual",
            format!(
                "`actual` is set but milestone `{}` is `{}`, not `complete`",
                m.id, m.status
            ),
        )
        .hint = Some("set `status: complete`, or remove `actual`".into());
    }
    cx.updates(&m.updates, None);
}

fn meeting(cx: &mut RecordContext<'_>, m: &Meeting) {
    let prefix = cx.config.prefix.clone();
    let well_formed =
        m.id.strip_prefix(prefix.as_str())
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if !well_formed {
        cx.error(
            "/id",
            false,
            "id-pattern",
            format!("meeting id `{}` is not `{prefix}<number>`", m.id),
        )
        .hint = Some(format!(
            "for example `{prefix}27` (the group prefix is set in `ccag.toml`)"
        ));
    }
    // The agenda's times are the start plus each item's minutes: past midnight they wrap to
    // the small hours, which no agenda means.
    let start = m.start.unwrap_or(cx.config.start);
    let minutes: i64 = m.items.iter().map(|i| i64::from(i.minutes)).sum();
    let from_midnight = i64::from(start.num_seconds_from_midnight() / 60);
    if from_midnight + minutes > 24 * 60 {
        let end = (from_midnight + minutes) % (24 * 60);
        let ends = format!("{:02}:{:02}", end / 60, end % 60);
        cx.warning(
            "/items",
            "agenda-past-midnight",
            format!(
                "the agenda runs past midnight: it starts at {} and its items take {minutes} minutes (ending {ends} the next day)",
                start.format("%H:%M")
            ),
        )
        .hint = Some("check the items' `minutes` and the meeting's `start`".into());
    }
}
