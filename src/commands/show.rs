//! `ccag show ID`: one record in full, readable, or as JSON. It finds the record's file by name
//! and reads that file alone.

use std::fmt::Write as _;

use anyhow::Result;
use serde_json::Value;

use super::{Context, Needs, Run, output};
use crate::Outcome;
use crate::cli::{ShowArgs, ShowFormat};
use crate::ids;
use crate::model::{Kind, Record};
use crate::query::RecordSet;
use crate::store;
use crate::views::{self, ActionRow, MilestoneRow};

pub struct Show {
    id: String,
    json: bool,
}

impl Show {
    pub fn new(args: ShowArgs) -> Result<Show> {
        Ok(Show {
            id: args.id,
            json: args.format == ShowFormat::Json,
        })
    }
}

impl Run for Show {
    const NEEDS: Needs = Needs::Records;

    fn run(self, cx: &Context) -> Result<Outcome> {
        let repo = cx.repo()?;
        // As it stood at a revision: the snapshot holds every record anyway.
        if repo.at.is_some() {
            let set = cx.load(&Kind::ALL)?;
            let found = set
                .paths
                .iter()
                .find(|(id, _)| ids::same(id, &self.id))
                .map(|(_, p)| p.clone());
            let record = found.as_ref().and_then(|p| find(&set, p));
            return match (record, found) {
                (Some(record), Some(path)) => self.print(cx, &record, &path, &set),
                _ => {
                    cx.report_problems(&set);
                    let names: Vec<&str> = set.paths.keys().map(String::as_str).collect();
                    Ok(cx.not_found(&self.id, &ids::nearest(&self.id, names)))
                }
            };
        }
        let records = cx.records_dir()?;
        let Some(file) = store::walk::find(&records, &self.id)? else {
            return cx.no_record(&self.id);
        };
        let set = RecordSet::from_files(vec![file.clone()], &repo.config, cx.today);
        match find(&set, &file.path) {
            Some(record) => self.print(cx, &record, &file.path, &set),
            None => Ok(cx.broken(&self.id, &file.path, "shown", &set.problems)),
        }
    }
}

impl Show {
    fn print(&self, cx: &Context, record: &Record, path: &std::path::Path, set: &RecordSet) -> Result<Outcome> {
        let json = with_computed(cx, record)?;
        let text = if self.json {
            let mut s = serde_json::to_string_pretty(&json)?;
            s.push('\n');
            s
        } else {
            let mut out = format!(
                "{} {}  ({})\n",
                record.kind(),
                record.id(),
                crate::render::visible::line(&cx.show_path(path))
            );
            if let Record::Meeting(m) = record {
                text_fields(&json, &["items"], cx.target().width, &mut out);
                out.push_str("items:\n");
                for line in views::agenda_lines(m, cx.config()?.start) {
                    let _ = writeln!(
                        out,
                        "  {:>2}. {}–{}  {}",
                        line.number,
                        line.start,
                        line.end,
                        crate::render::visible::line(&line.item.title)
                    );
                }
            } else {
                text_fields(&json, &[], cx.target().width, &mut out);
            }
            out
        };
        output::emit(&text)?;
        Ok(cx.report_problems(set))
    }
}

/// The record loaded from `path`.
fn find(set: &RecordSet, path: &std::path::Path) -> Option<Record> {
    let (id, _) = set.paths.iter().find(|(_, p)| p.as_path() == path)?;
    let eq = |other: &str| other == id;
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

fn with_computed(cx: &Context, record: &Record) -> Result<Value> {
    Ok(match record {
        Record::Action(a) => serde_json::to_value(ActionRow::new(a, cx.today))?,
        Record::Milestone(m) => serde_json::to_value(MilestoneRow::new(m))?,
        other => serde_json::to_value(other)?,
    })
}

/// `field: value` lines in contract order; lists and mappings indented below their field.
/// The fields as `key  value` lines, lists as `- item` lines; long values wrapped to `width`
/// (a terminal's, or `COLUMNS`) under their own start.
fn text_fields(json: &Value, skip: &[&str], width: Option<u16>, out: &mut String) {
    let Value::Object(map) = json else { return };
    let key_width = map.keys().map(String::len).max().unwrap_or(0);
    // `lead` starts the first line; the rest are indented as far.
    let mut put = |lead: String, text: &str| {
        let lead = crate::render::visible::line(&lead).into_owned();
        let text = &*crate::render::visible::terminal(text);
        let indent = lead.chars().count();
        let lines = match width {
            Some(w) => crate::render::layout::wrap(text, usize::from(w).saturating_sub(indent).max(20)),
            None => text.lines().map(str::to_string).collect(),
        };
        let _ = writeln!(out, "{lead}{}", lines.first().map(String::as_str).unwrap_or(""));
        for line in lines.iter().skip(1) {
            let _ = writeln!(out, "{:indent$}{line}", "");
        }
    };
    for (key, value) in map {
        if skip.contains(&key.as_str()) {
            continue;
        }
        match value {
            Value::Array(items) => {
                put(format!("{key}:"), "");
                for item in items {
                    match item {
                        Value::Object(m) if m.contains_key("date") && m.contains_key("text") => {
                            put(format!("  - {}: ", scalar(&m["date"])), &scalar(&m["text"]));
                        }
                        other => put("  - ".to_string(), &scalar(other)),
                    }
                }
            }
            Value::Object(m) => {
                let joined: Vec<String> = m.values().map(scalar).collect();
                let text = match joined.as_slice() {
                    [org, person] => format!("{org} ({person})"),
                    _ => joined.join(", "),
                };
                put(format!("{key:key_width$}  "), &text);
            }
            other => put(format!("{key:key_width$}  "), &scalar(other)),
        }
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
