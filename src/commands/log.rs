//! `ccag log ID`: every commit that touched a record, newest first, with the fields it changed.

use std::io::Write;

use anyhow::Result;
use serde_json::Value;

use super::Context;
use crate::Outcome;
use crate::cli::{LogArgs, ShowFormat};
use crate::git::SHALLOW_HINT;
use crate::history::{Version, record_log};
use crate::model::Kind;
use crate::store::walk;

pub fn run(cx: &Context, args: LogArgs) -> Result<Outcome> {
    let git = cx.git()?;
    // The record's file now, or where it last was if it has been deleted.
    let (files, _) = walk(&cx.root.records(), &Kind::ALL);
    let current = files.iter().find(|f| {
        f.path
            .file_stem()
            .is_some_and(|s| s.to_string_lossy().eq_ignore_ascii_case(&args.id))
    });
    let path = match current {
        Some(f) => git.relative(&f.path)?,
        None => {
            let prefix = git.relative(&cx.root.records())?;
            let spec = format!(":(glob,icase){prefix}/**/{}.yaml", args.id);
            let out = git.run(&["log", "--format=", "--name-only", "-z", "--", &spec])?;
            match out.split('\0').map(|p| p.trim_matches('\n')).find(|p| !p.is_empty()) {
                Some(p) => p.to_string(),
                None => {
                    #[allow(clippy::print_stderr)]
                    {
                        eprintln!("error: no record has id `{}`, now or in the history", args.id);
                    }
                    return Ok(Outcome::Findings);
                }
            }
        }
    };
    let dirty = git.dirty(&path)?;
    let worktree = (!dirty.is_empty()).then(|| current.and_then(|f| std::fs::read(&f.path).ok()));
    let mut blobs = git.blobs()?;
    let versions = record_log(&git, &mut blobs, &path, worktree)?;
    // On a shallow clone, history stops at the boundary commits: say so rather than present a
    // short history as complete.
    let boundary = git.shallow_boundary();
    let shallow = git.is_shallow()
        && versions
            .last()
            .and_then(|v| v.full.as_ref())
            .is_none_or(|c| boundary.iter().any(|b| b == c));

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        ShowFormat::Json => {
            let items: Vec<Value> = versions.iter().map(json).collect();
            serde_json::to_writer_pretty(&mut out, &items)?;
            writeln!(out)?;
        }
        ShowFormat::Text => {
            if versions.iter().all(|v| v.commit.is_none()) {
                writeln!(out, "`{}` has no commits yet: `{path}` is not committed", args.id)?;
            }
            for v in &versions {
                write_text(cx, &mut out, v)?;
            }
            if shallow {
                writeln!(out, "… older history is not in this shallow clone")?;
            }
        }
    }
    out.flush()?;
    if shallow {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("warning: the history above is truncated{SHALLOW_HINT}");
        }
    }
    Ok(Outcome::Success)
}

fn json(v: &Version) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn write_text(cx: &Context, out: &mut impl Write, v: &Version) -> Result<()> {
    let date = v.date.as_deref().map(|d| d.get(..10).unwrap_or(d)).unwrap_or("");
    let head = match &v.commit {
        Some(c) => format!(
            "{} {date}  {}  {}",
            cx.palette.yellow(c),
            v.author.as_deref().unwrap_or_default(),
            v.subject.as_deref().unwrap_or_default()
        ),
        None => cx.palette.yellow("uncommitted").to_string() + "  (changes in the work tree)",
    };
    writeln!(out, "{head}")?;
    match (v.change, &v.moved_from) {
        ("added", _) => writeln!(out, "    added as {}", v.path)?,
        ("deleted", _) => writeln!(out, "    deleted from {}", v.path)?,
        (_, Some(from)) => writeln!(out, "    moved from {from} to {}", v.path)?,
        _ => {}
    }
    if v.change != "added" && v.change != "deleted" {
        for change in &v.changes {
            writeln!(out, "    {change}")?;
        }
        if v.changes.is_empty() && v.moved_from.is_none() {
            writeln!(out, "    (comments or layout only)")?;
        }
    }
    writeln!(out)?;
    Ok(())
}
