//! `ccag risks --trend` and `ccag actions --trend`: counts then and now, as the pack's
//! previous/current risk chart.

use anyhow::Result;
use serde_json::{Value, json};

use super::Context;
use crate::Outcome;
use crate::model::{ActionStatus, Kind, Rag, RiskStatus};
use crate::query::RecordSet;
use crate::render::{Cell, Format, Listing, render_group};

/// One row of a trend: a category and its counts then and now.
pub struct TrendRow {
    pub name: &'static str,
    pub previous: usize,
    pub current: usize,
}

/// Open risks by RAG.
pub fn risk_rows(then: &RecordSet, now: &RecordSet) -> Vec<TrendRow> {
    let count = |set: &RecordSet, rag: Rag| {
        set.risks
            .iter()
            .filter(|r| r.rag == rag && r.status == RiskStatus::Open)
            .count()
    };
    Rag::ALL
        .iter()
        .map(|r| TrendRow {
            name: r.as_str(),
            previous: count(then, *r),
            current: count(now, *r),
        })
        .collect()
}

/// Actions by status.
pub fn action_rows(then: &RecordSet, now: &RecordSet) -> Vec<TrendRow> {
    let count = |set: &RecordSet, s: ActionStatus| set.actions.iter().filter(|a| a.status == s).count();
    ActionStatus::ALL
        .iter()
        .map(|s| TrendRow {
            name: s.as_str(),
            previous: count(then, *s),
            current: count(now, *s),
        })
        .collect()
}

pub fn rows_json(key: &str, rows: &[TrendRow]) -> Value {
    Value::Array(
        rows.iter()
            .map(|r| json!({key: r.name, "previous": r.previous, "current": r.current}))
            .collect(),
    )
}

pub fn listing(label: &'static str, key: &str, rows: &[TrendRow]) -> Listing {
    let mut listing = Listing::new(vec![label, "Previous", "Current", "Change"]);
    listing.groups.push(render_group(
        rows.iter()
            .map(|r| {
                let change = r.current as i64 - r.previous as i64;
                vec![
                    Cell::new(r.name.replace('-', " ").to_uppercase()),
                    Cell::new(r.previous.to_string()),
                    Cell::new(r.current.to_string()),
                    Cell::new(if change == 0 {
                        "0".to_string()
                    } else {
                        format!("{change:+}")
                    }),
                ]
            })
            .collect(),
    ));
    if let Value::Array(items) = rows_json(key, rows) {
        listing.json = items;
    }
    listing
}

pub fn risks(cx: &Context, since: Option<&str>, format: Option<Format>) -> Result<Outcome> {
    run(
        cx,
        since,
        format,
        Kind::Risk,
        ("open risks by RAG", "RAG", "rag"),
        risk_rows,
    )
}

pub fn actions(cx: &Context, since: Option<&str>, format: Option<Format>) -> Result<Outcome> {
    run(
        cx,
        since,
        format,
        Kind::Action,
        ("actions by status", "Status", "status"),
        action_rows,
    )
}

/// Count `kind` then (at `--since`) and now with `rows`; `names` is (title, column, JSON key).
fn run(
    cx: &Context,
    since: Option<&str>,
    format: Option<Format>,
    kind: Kind,
    (title, column, key): (&str, &'static str, &str),
    rows: fn(&RecordSet, &RecordSet) -> Vec<TrendRow>,
) -> Result<Outcome> {
    let (commit, label) = cx.since(since)?;
    let then = cx.load_at(&commit, &[kind])?;
    let now = cx.load(&[kind])?;
    print(
        cx,
        &format!("{title} since {label}"),
        listing(column, key, &rows(&then, &now)),
        format,
        &now,
    )
}

fn print(cx: &Context, title: &str, listing: Listing, format: Option<Format>, now: &RecordSet) -> Result<Outcome> {
    let format = format.unwrap_or(Format::Table);
    if matches!(format, Format::Table | Format::Markdown) {
        cx.emit(&format!(
            "{}{title}\n\n",
            if format == Format::Markdown { "### " } else { "" }
        ))?;
    }
    cx.print_listing(&listing, Some(format), now)
}
