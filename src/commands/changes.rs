//! `ccag changes --since REV|DATE`: records added, modified and removed between two points,
//! matched by id (a record moved to another folder is one modified record).

use std::collections::BTreeMap;

use anyhow::Result;
use serde_json::{Value, json};

use super::options::listing_format;
use super::{Context, Needs, Run, output};
use crate::Outcome;
use crate::cli::ChangesArgs;
use crate::history::{FieldChange, Snapshot, diff, records_prefix, snapshot_at_only, snapshot_worktree_only};
use crate::model::Kind;
use crate::query::natural;
use crate::render::layout::ColumnFit;
use crate::render::{Cell, Listing, ListingFormat, PlainRow, Row};
use crate::store::yaml;

struct Entry {
    kind: Kind,
    path: String,
    value: Value,
}

fn index(cx: &Context, snapshot: Snapshot) -> BTreeMap<String, Entry> {
    snapshot
        .files
        .into_iter()
        .map(|(file, text)| {
            let value = text.and_then(|text| yaml::parse_value(&text)).unwrap_or_else(|e| {
                Value::from(format!(
                    "(not a loadable record at {}:{}: {})",
                    e.pos.line, e.pos.col, e.message
                ))
            });
            let stem = file
                .path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let id = value
                .get("id")
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or(stem);
            (
                id,
                Entry {
                    kind: file.kind,
                    path: cx.show_path(&file.path),
                    value,
                },
            )
        })
        .collect()
}

pub struct Changes {
    since: Option<String>,
    until: Option<String>,
    format: ListingFormat,
}

impl Changes {
    pub fn new(args: ChangesArgs) -> Result<Changes> {
        Ok(Changes {
            since: args.since,
            until: args.until,
            format: listing_format(args.format.format),
        })
    }
}

impl Run for Changes {
    const NEEDS: Needs = Needs::Records;

    fn run(self, cx: &Context) -> Result<Outcome> {
        run(cx, self)
    }
}

fn run(cx: &Context, args: Changes) -> Result<Outcome> {
    let git = cx.git()?;
    let root = &cx.root()?.dir;
    let (since, since_label) = cx.since(args.since.as_deref())?;
    let prefix = records_prefix(&git, root)?;
    // Only files git says differ are read and parsed; a move is a deletion plus an addition
    // here, and the two are matched by id below.
    let until = args.until.as_deref().map(|u| git.resolve(u)).transpose()?;
    let changed: std::collections::HashSet<String> = git
        .changed_paths(&since, until.as_deref(), &prefix)?
        .into_iter()
        .collect();
    let before = index(cx, snapshot_at_only(&git, root, &since, &Kind::ALL, Some(&changed))?);
    let (after, until_label) = match (&until, &args.until) {
        (Some(until), Some(label)) => (
            index(cx, snapshot_at_only(&git, root, until, &Kind::ALL, Some(&changed))?),
            label.clone(),
        ),
        _ => (
            index(cx, snapshot_worktree_only(root, &Kind::ALL, &prefix, &changed)),
            "the work tree".to_string(),
        ),
    };

    let mut rows: Vec<(Kind, String, &'static str, Vec<FieldChange>)> = Vec::new();
    for (id, new) in &after {
        match before.get(id) {
            None => rows.push((new.kind, id.clone(), "added", Vec::new())),
            Some(old) => {
                let mut changes = diff(Some(&old.value), Some(&new.value));
                if old.path != new.path {
                    changes.insert(
                        0,
                        FieldChange {
                            field: "path".into(),
                            old: Some(old.path.clone().into()),
                            new: Some(new.path.clone().into()),
                        },
                    );
                }
                if !changes.is_empty() {
                    rows.push((new.kind, id.clone(), "modified", changes));
                }
            }
        }
    }
    for (id, old) in &before {
        if !after.contains_key(id) {
            rows.push((old.kind, id.clone(), "removed", Vec::new()));
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| natural(&a.1, &b.1)));

    let listed: Vec<Box<dyn Row>> = rows
        .iter()
        .map(|(kind, id, change, fields)| {
            let mut names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
            names.dedup();
            Box::new(PlainRow {
                cells: vec![
                    Cell::new(id.clone()),
                    Cell::new(kind.name()),
                    Cell::new(*change),
                    Cell::new(fields.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")),
                ],
                json: json!({"id": id, "kind": kind.name(), "change": change, "fields": names, "changes": fields}),
            }) as Box<dyn Row>
        })
        .collect();
    let listing = Listing::with_rows(vec!["Id", "Kind", "Change", "Fields"], listed).fit(vec![
        ColumnFit::whole(),
        ColumnFit::whole(),
        ColumnFit::whole(),
        ColumnFit::text(),
    ]);
    let format = args.format;
    if matches!(format, ListingFormat::Table | ListingFormat::Markdown) {
        let short = &since[..since.len().min(7)];
        let head = format!(
            "changes from {since_label} ({short}) to {until_label}: {} record{}\n\n",
            rows.len(),
            if rows.len() == 1 { "" } else { "s" }
        );
        output::emit(&if format == ListingFormat::Markdown {
            format!("### {head}")
        } else {
            head
        })?;
    }
    output::to_stdout(|out| crate::render::listing(&listing, format, cx.target(), out))?;
    Ok(Outcome::Success)
}
