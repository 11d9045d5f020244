//! The status pack: headline counts, trends, the outstanding actions, the horizon log by body,
//! open risks, milestones and the forward plan — one value, for JSON and for the document.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::{Trends, boxed, crs_listing, live_crs, open_actions, open_risks};
use crate::config::Config;
use crate::model::{ActionStatus, Impact, Meeting, MilestoneStatus, Rag};
use crate::query::RecordSet;
use crate::render::json::{self, Member};
use crate::render::{Block, Document, Row};
use crate::views;

/// Open actions (every action not closed), and how many of them are overdue and how many
/// recommended for closure.
#[derive(Debug, Clone, Serialize)]
pub struct ActionCounts {
    pub open: usize,
    pub overdue: usize,
    pub recommend_closed: usize,
}

/// Headline counts, each in contract order (zeros included, so a pack's chart has every bar).
#[derive(Debug, Clone, Serialize)]
pub struct Headline {
    pub actions: ActionCounts,
    #[serde(serialize_with = "by_name")]
    pub crs_by_impact: Vec<(&'static str, usize)>,
    #[serde(serialize_with = "by_name")]
    pub risks_by_rag: Vec<(&'static str, usize)>,
    #[serde(serialize_with = "by_name")]
    pub milestones_by_status: Vec<(&'static str, usize)>,
}

/// Counts as a JSON object with its keys sorted, as the JSON contract has them.
fn by_name<S: serde::Serializer>(items: &[(&'static str, usize)], s: S) -> Result<S::Ok, S::Error> {
    items.iter().copied().collect::<BTreeMap<_, _>>().serialize(s)
}

impl Headline {
    pub fn of(set: &RecordSet, today: NaiveDate) -> Headline {
        let live: Vec<_> = live_crs(set).collect();
        let open_risks: Vec<_> = open_risks(set).collect();
        Headline {
            actions: ActionCounts {
                open: open_actions(set).count(),
                overdue: set.actions.iter().filter(|a| a.is_overdue(today)).count(),
                recommend_closed: set
                    .actions
                    .iter()
                    .filter(|a| a.status == ActionStatus::RecommendClosed)
                    .count(),
            },
            crs_by_impact: Impact::ALL
                .iter()
                .map(|i| (i.as_str(), live.iter().filter(|c| c.impact == *i).count()))
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
}

/// A later meeting in the forward plan.
#[derive(Debug, Clone, Serialize)]
pub struct PlannedMeeting<'a> {
    pub id: &'a str,
    pub date: NaiveDate,
    pub items: Vec<&'a str>,
}

/// The status report for one meeting. Its tables are rows (which read a slim record's file
/// again when written), so the report streams however many records it shows.
pub struct Report<'a> {
    pub meeting: &'a str,
    pub date: NaiveDate,
    pub today: NaiveDate,
    pub headline: Headline,
    /// `null` in JSON when there is no history to compare with (`trend_gap` says why).
    pub trends: Option<Trends>,
    pub trend_gap: Option<String>,
    pub actions: Vec<Box<dyn Row + 'a>>,
    /// Each cr's row with its code body, in body order.
    pub crs: Vec<(&'a str, Box<dyn Row + 'a>)>,
    pub risks: Vec<Box<dyn Row + 'a>>,
    pub milestones: Vec<Box<dyn Row + 'a>>,
    pub forward_plan: Vec<PlannedMeeting<'a>>,
}

impl<'a> Report<'a> {
    /// The report for `meeting` from `set` (loaded with `in_pack` or everything), with `trends`
    /// or the reason there are none.
    pub fn build(
        meeting: &'a Meeting,
        set: &'a RecordSet,
        config: &Config,
        today: NaiveDate,
        trends: Result<Trends, String>,
    ) -> Report<'a> {
        let (trends, trend_gap) = match trends {
            Ok(t) => (Some(t), None),
            Err(why) => (None, Some(why)),
        };
        Report {
            meeting: &meeting.id,
            date: meeting.date,
            today,
            headline: Headline::of(set, today),
            trends,
            trend_gap,
            actions: open_actions(set).map(|a| views::actions::row(set, a, today)).collect(),
            crs: views::by_body(live_crs(set), config)
                .into_iter()
                .flat_map(|(_, crs)| {
                    crs.into_iter()
                        .map(|c| (c.body.as_str(), views::crs::row(set, c, today)))
                })
                .collect(),
            risks: open_risks(set).map(|r| views::risks::row(set, r, today)).collect(),
            milestones: set
                .milestones
                .iter()
                .map(|m| views::milestones::row(set, m, today))
                .collect(),
            forward_plan: set
                .meetings_after(meeting)
                .map(|m| PlannedMeeting {
                    id: &m.id,
                    date: m.date,
                    items: m.items.iter().map(|i| i.title.as_str()).collect(),
                })
                .collect(),
        }
    }

    /// The report as one JSON object, streamed: the tables' rows are written as they are read.
    pub fn write_json(&self, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
        let crs: Vec<&dyn Row> = self.crs.iter().map(|(_, r)| r.as_ref()).collect();
        json::write_object(
            out,
            vec![
                ("meeting", Member::Json(json::pretty_bytes(&self.meeting)?)),
                ("date", Member::Json(json::pretty_bytes(&self.date)?)),
                ("today", Member::Json(json::pretty_bytes(&self.today)?)),
                ("headline", Member::Json(json::pretty_bytes(&self.headline)?)),
                ("trends", Member::Json(json::pretty_bytes(&self.trends)?)),
                ("trend_gap", Member::Json(json::pretty_bytes(&self.trend_gap)?)),
                ("actions", Member::Rows(refs(&self.actions))),
                ("crs", Member::Rows(crs)),
                ("risks", Member::Rows(refs(&self.risks))),
                ("milestones", Member::Rows(refs(&self.milestones))),
                ("forward_plan", Member::Json(json::pretty_bytes(&self.forward_plan)?)),
            ],
        )
    }

    /// The report as headings, bullets and tables.
    pub fn document(&self) -> Document<'_> {
        let h = &self.headline;
        let counts = |items: &[(&str, usize)]| {
            items
                .iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut doc = Document::default();
        doc.push(Block::Heading(
            1,
            format!("{} status report — {}", self.meeting, views::date(self.date)),
        ));
        doc.push(Block::Heading(2, "Headline".into()));
        doc.push(Block::Bullets(vec![
            format!(
                "Actions: {} open ({} of them recommended for closure), {} overdue",
                h.actions.open, h.actions.recommend_closed, h.actions.overdue
            ),
            format!("Horizon log by impact: {}", counts(&h.crs_by_impact)),
            format!("Risks by RAG: {}", counts(&h.risks_by_rag)),
            format!("Milestones: {}", counts(&h.milestones_by_status)),
        ]));
        doc.push(Block::Heading(2, "Trends".into()));
        match (&self.trends, &self.trend_gap) {
            (Some(t), _) => {
                doc.push(Block::Paragraph(format!(
                    "Open risks by RAG and actions by status, as {} began (the previous meeting's day) and now.",
                    t.since
                )));
                doc.push(Block::Listing(t.risks.listing()));
                doc.push(Block::Listing(t.actions.listing()));
            }
            (None, why) => doc.push(Block::Paragraph(format!(
                "No trend: {}.",
                why.as_deref().unwrap_or_default().lines().next().unwrap_or_default()
            ))),
        }
        doc.push(Block::Heading(2, "Outstanding actions".into()));
        doc.push(Block::Listing(views::actions::listing(boxed(&self.actions))));
        doc.push(Block::Heading(2, "Horizon scanning log".into()));
        doc.push(Block::Listing(crs_listing(
            self.crs
                .iter()
                .map(|(body, row)| (*body, Box::new(row) as Box<dyn Row>)),
        )));
        doc.push(Block::Heading(2, "Risks".into()));
        doc.push(Block::Listing(views::risks::listing(boxed(&self.risks))));
        doc.push(Block::Heading(2, "Milestones".into()));
        doc.push(Block::Listing(views::milestones::listing(boxed(&self.milestones))));
        doc.push(Block::Heading(2, "Forward plan".into()));
        if self.forward_plan.is_empty() {
            doc.push(Block::Paragraph("No later meetings are recorded.".into()));
        }
        for m in &self.forward_plan {
            doc.push(Block::Heading(3, format!("{} — {}", m.id, views::date(m.date))));
            doc.push(Block::Bullets(m.items.iter().map(|i| i.to_string()).collect()));
        }
        doc
    }
}

fn refs<'r, 'a>(rows: &'r [Box<dyn Row + 'a>]) -> Vec<&'r dyn Row> {
    rows.iter().map(|r| r.as_ref() as &dyn Row).collect()
}
