//! `ccag changes --since REV|DATE`: records added, modified and removed between two points,
//! matched by id (a record moved to another folder is one modified record).

use std::collections::BTreeMap;

use anyhow::Result;
use serde_json::{Value, json};

use super::Context;
use crate::Outcome;
use crate::cli::ChangesArgs;
use crate::history::{FieldChange, Snapshot, diff, records_prefix, snapshot_at_only, snapshot_worktree_only};
use crate::model::Kind;
use crate::query::natural;
use crate::render::{Cell, Format, Listing, render_group};
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
            let value = yaml::parse(&text)
                .map(|p| p.value)
                .unwrap_or_else(|e| Value::from(format!("(invalid YAML at {}:{})", e.pos.line, e.pos.col)));
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

pub fn run(cx: &Context, args: ChangesArgs) -> Result<Outcome> {
    let git = cx.git()?;
    let (since, since_label) = cx.since(args.since.as_deref())?;
    let prefix = records_prefix(&git, &cx.root.dir)?;
    // Only files git says differ are read and parsed; a move is a deletion plus an addition
    // here, and the two are matched by id below.
    let split = |out: String| {
        out.split('\0')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let until = args.until.as_deref().map(|u| git.resolve(u)).transpose()?;
    let changed: std::collections::HashSet<String> = match &until {
        Some(until) => split(git.run(&[
            "diff",
            "--no-renames",
            "--name-only",
            "-z",
            &since,
            until,
            "--",
            &prefix,
        ])?)
        .into_iter()
        .collect(),
        None => {
            let mut paths = split(git.run(&["diff", "--no-renames", "--name-only", "-z", &since, "--", &prefix])?);
            paths.extend(split(git.run(&[
                "ls-files",
                "--others",
                "--exclude-standard",
                "-z",
                "--",
                &prefix,
            ])?));
            paths.into_iter().collect()
        }
    };
    let before = index(
        cx,
        snapshot_at_only(&git, &cx.root.dir, &since, &Kind::ALL, Some(&changed))?,
    );
    let (after, until_label) = match (&until, &args.until) {
        (Some(until), Some(label)) => (
            index(
                cx,
                snapshot_at_only(&git, &cx.root.dir, until, &Kind::ALL, Some(&changed))?,
            ),
            label.clone(),
        ),
        _ => (
            index(cx, snapshot_worktree_only(&cx.root.dir, &Kind::ALL, &prefix, &changed)),
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

    let mut listing = Listing::new(vec!["Id", "Kind", "Change", "Fields"]);
    listing.groups.push(render_group(
        rows.iter()
            .map(|(kind, id, change, fields)| {
                vec![
                    Cell::new(id.clone()),
                    Cell::new(kind.name()),
                    Cell::new(*change),
                    Cell::new(fields.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")),
                ]
            })
            .collect(),
    ));
    listing.json = rows
        .iter()
        .map(|(kind, id, change, fields)| {
            let mut names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
            names.dedup();
            json!({"id": id, "kind": kind.name(), "change": change, "fields": names, "changes": fields})
        })
        .collect();
    let format = args.format.format.unwrap_or(Format::Table);
    if matches!(format, Format::Table | Format::Markdown) {
        let short = &since[..since.len().min(7)];
        let head = format!(
            "changes from {since_label} ({short}) to {until_label}: {} records\n\n",
            rows.len()
        );
        cx.emit(&if format == Format::Markdown {
            format!("### {head}")
        } else {
            head
        })?;
    }
    let text = crate::render::listing(&listing, format, cx.target())?;
    cx.emit(&text)?;
    Ok(Outcome::Success)
}
