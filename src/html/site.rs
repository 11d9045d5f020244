//! The static site of the records: `index.html` (the current pack), `records.html`,
//! `meetings.html` and `bodies.html` (indexes), a page per record under `records/` (every
//! field, its updates, its history from git, related records both ways; a meeting's with its
//! agenda) and a page per code body under `bodies/`. Links are relative, so the site works
//! from the file system and from any web server's sub-path.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use anyhow::Result;
use chrono::NaiveDate;
use minijinja::Value;
use rayon::prelude::*;

use super::{Pages, json_value, slug};
use crate::config::Config;
use crate::history::Version;
use crate::model::{Kind, Meeting, Record};
use crate::pack::{Agenda, Report};
use crate::query::RecordSet;
use crate::views::{self, ActionRow, CrRow, MilestoneRow};

/// One file of the site: its path under the site's folder and its text.
pub struct SitePage {
    pub path: String,
    pub html: String,
}

/// What the site is made from.
pub struct SiteInput<'a> {
    pub set: &'a RecordSet,
    pub config: &'a Config,
    pub today: NaiveDate,
    /// The report on the front page, and its meeting.
    pub report: &'a Report<'a>,
    pub meeting: &'a Meeting,
    /// Each record's history by id (empty when the records are not in git).
    pub history: &'a HashMap<String, Vec<Version>>,
    /// Why there is no history, when there is none.
    pub history_gap: Option<String>,
    /// Each record's file, as shown (relative to the repository).
    pub shown_paths: &'a HashMap<String, String>,
    pub templates: Option<&'a Path>,
}

/// The page of a record, relative to the site's top.
pub fn record_page(id: &str) -> String {
    format!("records/{id}.html")
}

/// The page of a code body, relative to the site's top.
pub fn body_page(body: &str) -> String {
    format!("bodies/{}.html", slug(body))
}

/// A record as its page shows it: kind, id, title, status, related ids and its JSON (with the
/// values the listings compute: `overdue`, `slip_days`).
struct Entry<'a> {
    kind: Kind,
    id: &'a str,
    title: String,
    related: &'a [String],
    json: serde_json::Value,
    meeting: Option<&'a Meeting>,
}

fn entries<'a>(set: &'a RecordSet, today: NaiveDate) -> Result<Vec<Entry<'a>>> {
    let mut out = Vec::new();
    for a in &set.actions {
        out.push(Entry {
            kind: Kind::Action,
            id: &a.id,
            title: a.title.clone(),
            related: &a.related,
            json: serde_json::to_value(ActionRow::new(a, today))?,
            meeting: None,
        });
    }
    for c in &set.crs {
        out.push(Entry {
            kind: Kind::Cr,
            id: &c.id,
            title: c.title.clone(),
            related: &c.related,
            json: serde_json::to_value(CrRow(c))?,
            meeting: None,
        });
    }
    for r in &set.risks {
        out.push(Entry {
            kind: Kind::Risk,
            id: &r.id,
            title: r.title.clone(),
            related: &[],
            json: serde_json::to_value(Record::Risk(r.clone()))?,
            meeting: None,
        });
    }
    for m in &set.milestones {
        out.push(Entry {
            kind: Kind::Milestone,
            id: &m.id,
            title: m.title.clone(),
            related: &[],
            json: serde_json::to_value(MilestoneRow::new(m))?,
            meeting: None,
        });
    }
    for m in &set.meetings {
        out.push(Entry {
            kind: Kind::Meeting,
            id: &m.id,
            title: format!("meeting of {}", views::date(m.date)),
            related: &[],
            json: serde_json::to_value(Record::Meeting(m.clone()))?,
            meeting: Some(m),
        });
    }
    Ok(out)
}

fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Action => "Action",
        Kind::Cr => "Code change proposal",
        Kind::Risk => "Risk",
        Kind::Milestone => "Milestone",
        Kind::Meeting => "Meeting",
    }
}

/// A version of a record as its page shows it: the day, who, which commit, what changed.
fn history_value(versions: &[Version]) -> Value {
    Value::from_iter(versions.iter().map(|v| {
        minijinja::context! {
            day => v.date.as_deref().map(|d| d.get(..10).unwrap_or(d)).unwrap_or_default(),
            author => v.author.clone(),
            commit => v.commit.clone(),
            subject => v.subject.clone(),
            change => v.change,
            moved_from => v.moved_from.clone(),
            changes => v.changes.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
        }
    }))
}

/// A relative link for an attribute: escaped, its `/` kept.
fn href(path: &str) -> Value {
    Value::from_safe_string(super::attribute(path))
}

/// A row of an index page.
fn index_row(name: &str, page: String, cells: Vec<Value>) -> Value {
    minijinja::context! { name => name, href => href(&page), cells => cells }
}

fn text(s: impl Into<String>) -> Value {
    minijinja::context! { text => s.into() }
}

fn badge(s: &str) -> Value {
    minijinja::context! { badge => s }
}

/// Every page of the site, each handed to `emit` as soon as it is rendered (record pages in
/// parallel), so the site is never held whole in memory. Returns how many pages there were.
pub fn build(input: &SiteInput<'_>, emit: &(dyn Fn(SitePage) -> Result<()> + Sync)) -> Result<usize> {
    let set = input.set;
    let entries = entries(set, input.today)?;
    let links: Arc<HashMap<String, String>> =
        Arc::new(entries.iter().map(|e| (e.id.to_string(), record_page(e.id))).collect());
    let top = Pages::at(input.templates, links.clone(), "")?;
    let inner = Pages::at(input.templates, links, "../")?;
    let today = input.today.to_string();
    let today: &str = &today;

    // Who names whom: `related` read backwards.
    let mut named_by: HashMap<&str, Vec<&str>> = HashMap::new();
    for e in &entries {
        for r in e.related {
            named_by.entry(r.as_str()).or_default().push(e.id);
        }
    }

    let mut count = 0;
    let agenda = Agenda::build(input.meeting, set, input.config, input.today);
    let front = super::pack_context(input.report, &agenda, set, &input.config.prefix, input.today, true)?;
    count += 1;
    emit(SitePage {
        path: "index.html".into(),
        html: top.render("report.html", front)?,
    })?;

    // Record pages.
    entries
        .par_iter()
        .map(|e| {
            let agenda = match e.meeting {
                Some(m) => json_value(|out| crate::render::json(&Agenda::times(m, input.config, input.today), out))?,
                None => Value::from(()),
            };
            let mut referenced: Vec<&str> = named_by.get(e.id).cloned().unwrap_or_default();
            referenced.sort_unstable();
            referenced.dedup();
            let history = input
                .history
                .get(e.id)
                .map(|v| history_value(v))
                .unwrap_or_else(|| Value::from(()));
            let body = e
                .json
                .get("body")
                .and_then(|b| b.as_str())
                .map(|b| href(&format!("../{}", body_page(b))))
                .unwrap_or_default();
            let context = minijinja::context! {
                title => format!("{} {}", e.id, e.title),
                kind => e.kind.name(),
                kind_label => kind_label(e.kind),
                record => Value::from(minijinja::value::Serde(&e.json)),
                agenda => agenda,
                referenced_by => referenced.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                history => history,
                history_gap => input.history_gap.clone(),
                path => input.shown_paths.get(e.id).cloned(),
                body_page => body,
                today => today,
                on_front_page => e.meeting.is_some_and(|m| m.id == input.meeting.id),
                site => true,
            };
            emit(SitePage {
                path: record_page(e.id),
                html: inner.render("record.html", context)?,
            })
        })
        .collect::<Result<()>>()?;
    count += entries.len();

    // Code bodies: the configured ones in order, then any other a record names.
    let groups = views::by_body(set.crs.iter(), input.config);
    let mut body_rows = Vec::new();
    for (body, crs) in &groups {
        let (live, done): (Vec<_>, Vec<_>) = crs.iter().partition(|c| c.is_live());
        let rows = |crs: &[&&crate::model::Cr]| -> Result<Vec<serde_json::Value>> {
            crs.iter().map(|c| Ok(serde_json::to_value(CrRow(c))?)).collect()
        };
        let description = input
            .config
            .bodies
            .iter()
            .find(|b| b.name == *body)
            .map(|b| format!("References look like `{}`.", b.pattern));
        let context = minijinja::context! {
            title => format!("{body}: code change proposals"),
            body => body,
            description => description,
            live => Value::from(minijinja::value::Serde(rows(&live)?)),
            done => Value::from(minijinja::value::Serde(rows(&done)?)),
            today => today,
            site => true,
        };
        count += 1;
        emit(SitePage {
            path: body_page(body),
            html: inner.render("body.html", context)?,
        })?;
        body_rows.push(index_row(
            body,
            body_page(body),
            vec![text(live.len().to_string()), text(crs.len().to_string())],
        ));
    }

    // Indexes.
    let mut by_kind: BTreeMap<usize, Vec<&Entry>> = BTreeMap::new();
    for e in &entries {
        by_kind
            .entry(Kind::ALL.iter().position(|k| *k == e.kind).unwrap_or(0))
            .or_default()
            .push(e);
    }
    let groups_value: Vec<Value> = Kind::ALL
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            let mut members = by_kind.remove(&i).unwrap_or_default();
            members.sort_by(|a, b| crate::ids::natural(a.id, b.id));
            let state = |e: &Entry| -> Value {
                let field = ["status", "rag"]
                    .iter()
                    .find_map(|f| e.json.get(*f).and_then(|v| v.as_str()).map(str::to_string));
                match field {
                    Some(s) => badge(&s),
                    None => text(""),
                }
            };
            minijinja::context! {
                heading => format!("{}s", kind_label(*kind)),
                headers => vec!["Ref", "Title", "Status"],
                rows => members
                    .iter()
                    .map(|e| index_row(e.id, record_page(e.id), vec![text(e.title.clone()), state(e)]))
                    .collect::<Vec<_>>(),
            }
        })
        .collect();
    count += 1;
    emit(SitePage {
        path: "records.html".into(),
        html: top.render(
            "list.html",
            minijinja::context! {
                title => format!("{}: every record", input.config.prefix),
                heading => "Every record",
                groups => groups_value,
                today => today,
                site => true,
            },
        )?,
    })?;
    let meetings: Vec<Value> = set
        .meetings
        .iter()
        .map(|m| {
            index_row(
                &m.id,
                record_page(&m.id),
                vec![
                    text(views::date(m.date)),
                    text(m.chair.clone().unwrap_or_default()),
                    text(m.items.len().to_string()),
                ],
            )
        })
        .collect();
    count += 1;
    emit(SitePage {
        path: "meetings.html".into(),
        html: top.render(
            "list.html",
            minijinja::context! {
                title => format!("{}: meetings", input.config.prefix),
                heading => "Meetings",
                groups => vec![minijinja::context! {
                    heading => "Every meeting, with its agenda",
                    headers => vec!["Meeting", "Date", "Chair", "Agenda items"],
                    rows => meetings,
                }],
                today => today,
                site => true,
            },
        )?,
    })?;
    count += 1;
    emit(SitePage {
        path: "bodies.html".into(),
        html: top.render(
            "list.html",
            minijinja::context! {
                title => format!("{}: code bodies", input.config.prefix),
                heading => "Code bodies",
                groups => vec![minijinja::context! {
                    heading => "Code change proposals by code body",
                    headers => vec!["Code body", "On the horizon", "All proposals"],
                    rows => body_rows,
                }],
                today => today,
                site => true,
            },
        )?,
    })?;
    Ok(count)
}
