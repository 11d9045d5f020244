//! `ccag show ID`: one record in full, readable, or as JSON.

use anyhow::Result;
use serde_json::Value;

use super::Context;
use crate::Outcome;
use crate::cli::{ShowArgs, ShowFormat};
use crate::model::{Kind, Record};
use crate::query::RecordSet;
use crate::render;
use crate::views;

pub fn run(cx: &Context, args: ShowArgs) -> Result<Outcome> {
    let set = cx.load(&Kind::ALL)?;
    let Some(record) = find(&set, &args.id) else {
        let mut ids: Vec<(f64, &String)> = set
            .paths
            .keys()
            .map(|id| (strsim::jaro_winkler(&args.id.to_lowercase(), &id.to_lowercase()), id))
            .collect();
        ids.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        let near: Vec<String> = ids
            .iter()
            .take(3)
            .filter(|(s, _)| *s > 0.6)
            .map(|(_, id)| format!("`{id}`"))
            .collect();
        cx.report_problems(&set);
        #[allow(clippy::print_stderr)]
        {
            eprintln!("error: no record has id `{}`", args.id);
            if !near.is_empty() {
                eprintln!("  hint: the nearest ids are {}", near.join(", "));
            }
        }
        return Ok(Outcome::Findings);
    };
    let json = with_computed(cx, &record);
    let text = match args.format {
        ShowFormat::Json => render::json(&json)?,
        ShowFormat::Text => {
            let path = set.paths.get(record.id()).map(|p| cx.show_path(p)).unwrap_or_default();
            let mut out = format!("{} {}  ({path})\n", record.kind(), record.id());
            if let Record::Meeting(m) = &record {
                text_fields(&json, &["items"], &mut out);
                out.push_str("items:\n");
                for line in views::agenda_lines(m, cx.config.start) {
                    out.push_str(&format!(
                        "  {:>2}. {}–{}  {}\n",
                        line.number, line.start, line.end, line.item.title
                    ));
                }
            } else {
                text_fields(&json, &[], &mut out);
            }
            out
        }
    };
    cx.emit(&text)?;
    Ok(cx.report_problems(&set))
}

fn find(set: &RecordSet, id: &str) -> Option<Record> {
    let eq = |other: &str| other.eq_ignore_ascii_case(id);
    set.actions
        .iter()
        .find(|r| eq(&r.id))
        .map(|r| Record::Action(r.clone()))
        .or_else(|| set.crs.iter().find(|r| eq(&r.id)).map(|r| Record::Cr(r.clone())))
        .or_else(|| set.risks.iter().find(|r| eq(&r.id)).map(|r| Record::Risk(r.clone())))
        .or_else(|| {
            set.milestones
                .iter()
                .find(|r| eq(&r.id))
                .map(|r| Record::Milestone(r.clone()))
        })
        .or_else(|| {
            set.meetings
                .iter()
                .find(|r| eq(&r.id))
                .map(|r| Record::Meeting(r.clone()))
        })
}

fn with_computed(cx: &Context, record: &Record) -> Value {
    match record {
        Record::Action(a) => views::record_json(a, &[("overdue", Value::Bool(a.is_overdue(cx.today)))]),
        Record::Milestone(m) => views::record_json(m, &[("slip_days", Value::from(m.slip_days()))]),
        other => views::record_json(other, &[]),
    }
}

/// `field: value` lines in contract order; lists and mappings indented below their field.
fn text_fields(json: &Value, skip: &[&str], out: &mut String) {
    let Value::Object(map) = json else { return };
    let width = map.keys().map(String::len).max().unwrap_or(0);
    for (key, value) in map {
        if skip.contains(&key.as_str()) {
            continue;
        }
        match value {
            Value::Array(items) => {
                out.push_str(&format!("{key}:\n"));
                for item in items {
                    match item {
                        Value::Object(m) if m.contains_key("date") && m.contains_key("text") => {
                            out.push_str(&format!("  - {}: {}\n", scalar(&m["date"]), scalar(&m["text"])));
                        }
                        other => out.push_str(&format!("  - {}\n", scalar(other))),
                    }
                }
            }
            Value::Object(m) => {
                let joined: Vec<String> = m.values().map(scalar).collect();
                let text = match joined.as_slice() {
                    [org, person] => format!("{org} ({person})"),
                    _ => joined.join(", "),
                };
                out.push_str(&format!("{key:width$}  {text}\n"));
            }
            other => out.push_str(&format!("{key:width$}  {}\n", scalar(other))),
        }
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
