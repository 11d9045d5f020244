//! `ccag report`: the status pack as one document — headline counts, actions, horizon log by
//! body, risks with mitigations, milestones with slip, and the forward plan.

use std::collections::BTreeMap;
use std::io::IsTerminal;

use anyhow::{Result, bail};
use serde_json::{Value, json};

use super::Context;
use super::agenda::{is_live, pick_meeting};
use super::trend::{self, TrendRow};
use crate::Outcome;
use crate::cli::ReportArgs;
use crate::model::{ActionStatus, Impact, Kind, Meeting, MilestoneStatus, Rag, RiskStatus};
use crate::query::RecordSet;
use crate::render::{self, Block, Document, Format};
use crate::views;

/// Headline counts, each in contract order (zeros included, so a pack's chart has every bar).
struct Headline {
    open: usize,
    overdue: usize,
    recommend_closed: usize,
    crs_by_impact: Vec<(&'static str, usize)>,
    risks_by_rag: Vec<(&'static str, usize)>,
    milestones_by_status: Vec<(&'static str, usize)>,
}

fn headline(cx: &Context, set: &RecordSet) -> Headline {
    let live_crs: Vec<_> = set.crs.iter().filter(|c| is_live(c.status)).collect();
    let open_risks: Vec<_> = set.risks.iter().filter(|r| r.status == RiskStatus::Open).collect();
    Headline {
        open: set.actions.iter().filter(|a| a.is_open()).count(),
        overdue: set.actions.iter().filter(|a| a.is_overdue(cx.today)).count(),
        recommend_closed: set
            .actions
            .iter()
            .filter(|a| a.status == ActionStatus::RecommendClosed)
            .count(),
        crs_by_impact: Impact::ALL
            .iter()
            .map(|i| (i.as_str(), live_crs.iter().filter(|c| c.impact == *i).count()))
            .collect(),
        risks_by_rag: Rag::ALL
            .iter()
            .map(|r| (r.as_str(), open_risks.iter().filter(|x| x.rag == *r).count()))
            .collect(),
        milestones_by_status: MilestoneStatus::ALL
            .iter()
            .map(|s| (s.as_str(), set.milestones.iter().filter(|m| m.status == *s).count()))
            .collect(),
    }
}

fn counts(items: &[(&str, usize)]) -> String {
    items
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Risks by RAG and actions by status, then (the previous meeting) and now; `None` without git
/// history to compare with.
struct Trends {
    since: String,
    risks: Vec<TrendRow>,
    actions: Vec<TrendRow>,
}

fn trends(cx: &Context, now: &RecordSet) -> Result<Trends> {
    let (commit, since) = cx.since(None)?;
    let then = cx.load_at(&commit, &[Kind::Risk, Kind::Action])?;
    Ok(Trends {
        since,
        risks: trend::risk_rows(&then, now),
        actions: trend::action_rows(&then, now),
    })
}

pub fn run(cx: &Context, args: ReportArgs) -> Result<Outcome> {
    let format = args.format.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Table
    } else {
        Format::Markdown
    });
    if format == Format::Csv {
        bail!("the report renders as markdown, json or table, not csv");
    }
    let set = cx.load(&Kind::ALL)?;
    let meeting = pick_meeting(cx, &set, args.meeting.as_deref())?;
    let h = headline(cx, &set);
    let t = trends(cx, &set).map_err(|e| format!("{e:#}"));
    let text = if format == Format::Json {
        render::json(&report_json(cx, &set, meeting, &h, t.as_ref().ok()))?
    } else {
        render::document(&report_document(cx, &set, meeting, &h, t.as_ref()), format, cx.target())?
    };
    cx.emit(&text)?;
    Ok(cx.report_problems(&set))
}

fn report_document(
    cx: &Context,
    set: &RecordSet,
    meeting: &Meeting,
    h: &Headline,
    t: Result<&Trends, &String>,
) -> Document {
    let mut doc = Document::default();
    doc.push(Block::Heading(
        1,
        format!("{} status report — {}", meeting.id, views::date(meeting.date)),
    ));
    doc.push(Block::Heading(2, "Headline".into()));
    doc.push(Block::Bullets(vec![
        format!(
            "Actions: {} open, {} overdue, {} recommend closed",
            h.open, h.overdue, h.recommend_closed
        ),
        format!("Horizon log by impact: {}", counts(&h.crs_by_impact)),
        format!("Risks by RAG: {}", counts(&h.risks_by_rag)),
        format!("Milestones: {}", counts(&h.milestones_by_status)),
    ]));
    doc.push(Block::Heading(2, "Trends".into()));
    match t {
        Ok(t) => {
            doc.push(Block::Paragraph(format!(
                "Open risks by RAG and actions by status, on {} and now.",
                t.since
            )));
            doc.push(Block::Listing(trend::listing("RAG", "rag", &t.risks)));
            doc.push(Block::Listing(trend::listing("Status", "status", &t.actions)));
        }
        Err(why) => doc.push(Block::Paragraph(format!(
            "No trend: {}.",
            why.lines().next().unwrap_or_default()
        ))),
    }
    doc.push(Block::Heading(2, "Outstanding actions".into()));
    doc.push(Block::Listing(views::actions(
        set.actions.iter().filter(|a| a.is_open()),
        cx.today,
    )));
    doc.push(Block::Heading(2, "Horizon scanning log".into()));
    doc.push(Block::Listing(views::crs(
        set.crs.iter().filter(|c| is_live(c.status)),
        &cx.config,
    )));
    doc.push(Block::Heading(2, "Risks".into()));
    doc.push(Block::Listing(views::risks(
        set.risks.iter().filter(|r| r.status == RiskStatus::Open),
    )));
    doc.push(Block::Heading(2, "Milestones".into()));
    doc.push(Block::Listing(views::milestones(&set.milestones)));
    doc.push(Block::Heading(2, "Forward plan".into()));
    let later: Vec<&Meeting> = set.meetings_after(meeting).collect();
    if later.is_empty() {
        doc.push(Block::Paragraph("No later meetings are recorded.".into()));
    }
    for m in later {
        doc.push(Block::Heading(3, format!("{} — {}", m.id, views::date(m.date))));
        doc.push(Block::Bullets(m.items.iter().map(|i| i.title.clone()).collect()));
    }
    doc
}

fn report_json(cx: &Context, set: &RecordSet, meeting: &Meeting, h: &Headline, t: Option<&Trends>) -> Value {
    let map = |items: &[(&str, usize)]| {
        items
            .iter()
            .map(|(k, n)| ((*k).to_string(), json!(n)))
            .collect::<BTreeMap<_, _>>()
    };
    json!({
        "meeting": meeting.id,
        "date": views::date(meeting.date),
        "today": views::date(cx.today),
        "headline": {
            "actions": {"open": h.open, "overdue": h.overdue, "recommend_closed": h.recommend_closed},
            "crs_by_impact": map(&h.crs_by_impact),
            "risks_by_rag": map(&h.risks_by_rag),
            "milestones_by_status": map(&h.milestones_by_status),
        },
        "trends": t.map(|t| json!({
            "since": t.since,
            "risks": trend::rows_json("rag", &t.risks),
            "actions": trend::rows_json("status", &t.actions),
        })),
        "actions": views::actions(set.actions.iter().filter(|a| a.is_open()), cx.today).json,
        "crs": views::crs(set.crs.iter().filter(|c| is_live(c.status)), &cx.config).json,
        "risks": views::risks(set.risks.iter().filter(|r| r.status == RiskStatus::Open)).json,
        "milestones": views::milestones(&set.milestones).json,
        "forward_plan": set.meetings_after(meeting).map(|m| json!({
            "id": m.id,
            "date": views::date(m.date),
            "items": m.items.iter().map(|i| i.title.clone()).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}
