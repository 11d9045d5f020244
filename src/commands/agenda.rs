//! `ccag agenda [MEETING]`: the timed agenda, with the tables each item carries.

use anyhow::{Result, bail};
use serde_json::{Value, json};

use super::Context;
use crate::Outcome;
use crate::cli::AgendaArgs;
use crate::model::{CrStatus, Kind, Meeting, RiskStatus, Table};
use crate::query::RecordSet;
use crate::render::{self, Block, Document, Format, Listing};
use crate::views;

pub fn run(cx: &Context, args: AgendaArgs) -> Result<Outcome> {
    let format = args.format.unwrap_or(Format::Table);
    if format == Format::Csv {
        bail!("the agenda renders as table, markdown or json, not csv");
    }
    let set = cx.load(&Kind::ALL)?;
    let meeting = pick_meeting(cx, &set, args.meeting.as_deref())?;
    let text = if format == Format::Json {
        render::json(&agenda_json(cx, &set, meeting))?
    } else {
        render::document(&agenda_document(cx, &set, meeting), format, cx.target())?
    };
    cx.emit(&text)?;
    Ok(cx.report_problems(&set))
}

/// The named meeting, or the next one on or after today.
pub fn pick_meeting<'a>(cx: &Context, set: &'a RecordSet, id: Option<&str>) -> Result<&'a Meeting> {
    match id {
        Some(id) => set.meeting(id).ok_or_else(|| {
            let known: Vec<String> = set.meetings.iter().map(|m| format!("`{}`", m.id)).collect();
            anyhow::anyhow!("no meeting has id `{id}`\n  hint: meetings are {}", known.join(", "))
        }),
        None => set
            .next_meeting(cx.today)
            .ok_or_else(|| anyhow::anyhow!("there are no meeting records in `{}`", cx.show_path(&cx.root.records()))),
    }
}

/// The listing an agenda item's `shows` entry stands for.
pub fn table_for(cx: &Context, set: &RecordSet, table: Table) -> Listing {
    match table {
        Table::Actions => views::actions(set.actions.iter().filter(|a| a.is_open()), cx.today),
        Table::Crs => views::crs(set.crs.iter().filter(|c| is_live(c.status)), &cx.config),
        Table::Risks => views::risks(set.risks.iter().filter(|r| r.status == RiskStatus::Open)),
        Table::Milestones => views::milestones(&set.milestones),
    }
}

/// Crs still on the horizon: not withdrawn, rejected or implemented.
pub fn is_live(status: CrStatus) -> bool {
    !matches!(status, CrStatus::Withdrawn | CrStatus::Rejected | CrStatus::Implemented)
}

fn heading(cx: &Context, meeting: &Meeting) -> String {
    let lines = views::agenda_lines(meeting, cx.config.start);
    let start = meeting.start.unwrap_or(cx.config.start).format("%H:%M").to_string();
    let end = lines.last().map(|l| l.end.clone()).unwrap_or_else(|| start.clone());
    format!("{} agenda — {} {start}–{end}", meeting.id, views::date(meeting.date))
}

fn agenda_document(cx: &Context, set: &RecordSet, meeting: &Meeting) -> Document {
    let mut doc = Document::default();
    doc.push(Block::Heading(1, heading(cx, meeting)));
    if let Some(chair) = &meeting.chair {
        doc.push(Block::Paragraph(format!("Chair: {chair}")));
    }
    let mut items = Listing::new(vec!["#", "Time", "Item", "Type", "Lead", "Mins"]);
    let mut rows = Vec::new();
    let lines = views::agenda_lines(meeting, cx.config.start);
    for line in &lines {
        let mut title = line.item.title.clone();
        if let Some(purpose) = &line.item.purpose {
            title.push_str(&format!("\n{purpose}"));
        }
        let kind = line
            .item
            .kind
            .as_ref()
            .map(|k| k.as_slice().iter().map(|t| t.label()).collect::<Vec<_>>().join(" / "))
            .unwrap_or_default();
        rows.push(vec![
            line.number.to_string().into(),
            line.start.clone().into(),
            title.into(),
            kind.into(),
            line.item.lead.clone().unwrap_or_default().into(),
            line.item.minutes.to_string().into(),
        ]);
    }
    items.groups.push(render::render_group(rows));
    doc.push(Block::Listing(items));
    for line in &lines {
        for table in &line.item.shows {
            doc.push(Block::Heading(
                2,
                format!("{}. {} — {}", line.number, line.item.title, table_title(*table)),
            ));
            doc.push(Block::Listing(table_for(cx, set, *table)));
        }
    }
    doc
}

pub fn table_title(table: Table) -> &'static str {
    match table {
        Table::Actions => "outstanding actions",
        Table::Crs => "horizon scanning log",
        Table::Risks => "risks",
        Table::Milestones => "milestones",
    }
}

fn agenda_json(cx: &Context, set: &RecordSet, meeting: &Meeting) -> Value {
    let lines = views::agenda_lines(meeting, cx.config.start);
    let items: Vec<Value> = lines
        .iter()
        .map(|line| {
            let mut v = serde_json::to_value(line).unwrap_or(Value::Null);
            let tables: serde_json::Map<String, Value> = line
                .item
                .shows
                .iter()
                .map(|t| (t.as_str().to_string(), Value::Array(table_for(cx, set, *t).json)))
                .collect();
            if let Value::Object(map) = &mut v
                && !tables.is_empty()
            {
                map.insert("tables".into(), Value::Object(tables));
            }
            v
        })
        .collect();
    json!({
        "id": meeting.id,
        "date": views::date(meeting.date),
        "start": meeting.start.unwrap_or(cx.config.start).format("%H:%M").to_string(),
        "end": lines.last().map(|l| l.end.clone()),
        "chair": meeting.chair,
        "items": items,
    })
}
