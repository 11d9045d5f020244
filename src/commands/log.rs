//! `ccag log ID`: every commit that touched a record, newest first, with the fields it changed.

use std::io::Write;

use anyhow::Result;
use serde_json::Value;

use super::{Context, Needs, Run, output};
use crate::Outcome;
use crate::cli::{LogArgs, ShowFormat};
use crate::git::SHALLOW_HINT;
use crate::history::{Version, record_log};
use crate::ids;

pub struct LogCommand {
    id: String,
    json: bool,
}

impl LogCommand {
    pub fn new(args: LogArgs) -> Result<LogCommand> {
        Ok(LogCommand {
            id: args.id,
            json: args.format == ShowFormat::Json,
        })
    }
}

impl Run for LogCommand {
    const NEEDS: Needs = Needs::Records;

    fn run(self, cx: &Context) -> Result<Outcome> {
        let repo = cx.repo()?;
        let git = cx.git()?;
        if !ids::is_safe(&self.id) {
            return cx.no_record(&self.id);
        }
        // The record's file now (or at `--at`), or where it last was if it has been deleted.
        let prefix = git.relative(&repo.root.records())?;
        let name = format!("{}.yaml", self.id);
        let current = match &repo.at {
            Some(at) => git
                .ls_tree(at, &prefix)?
                .into_iter()
                .map(|(path, _)| path)
                .find(|p| ids::same(p.rsplit('/').next().unwrap_or(p), &name)),
            None => crate::store::walk::find(&repo.root.records(), &self.id)?
                .map(|f| git.relative(&f.path))
                .transpose()?,
        };
        let in_work_tree = current.is_some() && repo.at.is_none();
        let path = match current {
            Some(path) => path,
            None => match git.last_path_named(&prefix, &name)? {
                Some(p) => p,
                None => {
                    #[allow(clippy::print_stderr)]
                    {
                        eprintln!("error: no record has id `{}`, now or in the history", self.id);
                    }
                    return Ok(Outcome::Findings);
                }
            },
        };
        // Uncommitted changes count as the newest version, unless the history is read `--at` a revision.
        let worktree = if in_work_tree && !git.dirty(&path)?.is_empty() {
            Some(std::fs::read(git.top()?.join(&path)).ok())
        } else {
            None
        };
        let versions = record_log(&git, &prefix, &path, worktree, repo.at.as_deref())?;
        // On a shallow clone, history stops at the boundary commits: say so rather than present a
        // short history as complete.
        let boundary = git.shallow_boundary();
        let shallow = git.is_shallow()
            && versions
                .last()
                .and_then(|v| v.full.as_ref())
                .is_none_or(|c| boundary.iter().any(|b| b == c));

        output::to_stdout(|out| {
            if self.json {
                let items: Vec<Value> = versions.iter().map(json).collect();
                serde_json::to_writer_pretty(&mut *out, &items)?;
                writeln!(out)?;
                return Ok(());
            }
            if versions.iter().all(|v| v.commit.is_none()) {
                writeln!(out, "`{}` has no commits yet: `{path}` is not committed", self.id)?;
            }
            for v in &versions {
                write_text(cx, out, v)?;
            }
            if shallow {
                writeln!(out, "… older history is not in this shallow clone")?;
            }
            Ok(())
        })?;
        if shallow {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("warning: the history above is truncated{SHALLOW_HINT}");
            }
        }
        Ok(Outcome::Success)
    }
}

fn json(v: &Version) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn write_text(cx: &Context, out: &mut dyn Write, v: &Version) -> Result<()> {
    // Authors, subjects, paths and values come from commits and records: shown, never sent raw.
    use crate::render::visible::line;
    let date = v.date.as_deref().map(|d| d.get(..10).unwrap_or(d)).unwrap_or("");
    let head = match &v.commit {
        Some(c) => format!(
            "{} {date}  {}  {}",
            cx.palette.yellow(c),
            line(v.author.as_deref().unwrap_or_default()),
            line(v.subject.as_deref().unwrap_or_default())
        ),
        None => cx.palette.yellow("uncommitted").to_string() + "  (changes in the work tree)",
    };
    writeln!(out, "{head}")?;
    match (v.change, &v.moved_from) {
        ("added", _) => writeln!(out, "    added as {}", line(&v.path))?,
        ("deleted", _) => writeln!(out, "    deleted from {}", line(&v.path))?,
        (_, Some(from)) => writeln!(out, "    moved from {} to {}", line(from), line(&v.path))?,
        _ => {}
    }
    if v.change != "added" && v.change != "deleted" {
        for change in &v.changes {
            writeln!(out, "    {}", line(&change.to_string()))?;
        }
        if v.changes.is_empty() && v.moved_from.is_none() {
            writeln!(out, "    (comments or layout only)")?;
        }
    }
    writeln!(out)?;
    Ok(())
}
