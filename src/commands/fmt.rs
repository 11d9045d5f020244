//! `ccag fmt [--check] [--diff] [PATH…]`: every record file in one canonical layout, comments
//! kept and the data proven unchanged (`edit::layout`). `--check` writes nothing and lists the
//! files that would change, for CI.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use rayon::prelude::*;

use super::{Context, Needs, Run, output};
use crate::Outcome;
use crate::cli::FmtArgs;
use crate::edit::layout;
use crate::edit::pipeline::{self, Plan, Session, WriteOptions};
use crate::model::Kind;
use crate::render::visible::line;
use crate::store::{self, RecordFile};

pub struct Fmt {
    paths: Vec<PathBuf>,
    check: bool,
    diff: bool,
}

impl Fmt {
    pub fn new(args: FmtArgs) -> Fmt {
        Fmt {
            paths: args.paths,
            check: args.check,
            diff: args.diff,
        }
    }
}

/// One file's layout: the same, another (a plan), or why it cannot be laid out.
enum Laid {
    Same,
    Changed(Plan),
    Failed(RecordFile, String),
}

impl Run for Fmt {
    const NEEDS: Needs = Needs::WritableRecords;

    fn run(self, cx: &Context) -> Result<Outcome> {
        let repo = cx.repo()?;
        let records = cx.records_dir()?;
        let canonical = records.canonicalize().unwrap_or_else(|_| records.clone());
        let wanted = self
            .paths
            .iter()
            .map(|p| {
                let abs = cx
                    .cwd
                    .join(p)
                    .canonicalize()
                    .with_context(|| format!("cannot format `{}`", p.display()))?;
                if !abs.starts_with(&canonical) && !canonical.starts_with(&abs) {
                    bail!("`{}` is not under `{}`", p.display(), cx.show_path(&records));
                }
                Ok((p, abs))
            })
            .collect::<Result<Vec<_>>>()?;
        let dry = self.check || self.diff;
        // The lock first, so no other writer changes a file between reading and writing it.
        let session = Session::begin(
            &repo.root,
            &repo.config,
            cx.today,
            WriteOptions {
                dry_run: dry,
                commit: false,
            },
        )?;
        let (files, _) = store::walk(&records, &Kind::ALL);
        let at = |f: &RecordFile| {
            f.path
                .strip_prefix(&records)
                .map(|rel| canonical.join(rel))
                .unwrap_or_else(|_| f.path.clone())
        };
        let files: Vec<RecordFile> = files
            .into_iter()
            .filter(|f| wanted.is_empty() || wanted.iter().any(|(_, w)| at(f).starts_with(w)))
            .collect();
        for (given, abs) in &wanted {
            if abs.is_file() && !files.iter().any(|f| at(f) == *abs) {
                bail!("`{}` is not a record file (records/KIND/ID.yaml)", given.display());
            }
        }
        let root = &repo.root.dir;
        let laid: Vec<Laid> = files.into_par_iter().map(|file| lay_out(root, file)).collect();

        let mut changed = Vec::new();
        let mut failed = Vec::new();
        let mut same = 0usize;
        for l in laid {
            match l {
                Laid::Same => same += 1,
                Laid::Changed(plan) => changed.push(plan),
                Laid::Failed(file, why) => failed.push((file, why)),
            }
        }
        changed.sort_by(|a, b| a.file.path.cmp(&b.file.path));
        failed.sort_by(|a, b| a.0.path.cmp(&b.0.path));

        let written = session.write_layout(&changed)?;
        output::to_stdout(|out| {
            for plan in &changed {
                let shown = cx.show_path(&plan.file.path);
                if self.diff {
                    let before = plan.before.as_deref().unwrap_or_default();
                    write!(out, "{}", pipeline::diff(&shown, before, &plan.after))?;
                } else if self.check {
                    writeln!(out, "{}", line(&shown))?;
                } else {
                    writeln!(out, "formatted {}", line(&shown))?;
                }
            }
            Ok(())
        })?;
        #[allow(clippy::print_stderr)]
        {
            for (file, why) in &failed {
                eprintln!(
                    "{}: error[cannot-format]: {}",
                    line(&cx.show_path(&file.path)),
                    line(why)
                );
            }
            let files = |n: usize| format!("{n} file{}", if n == 1 { "" } else { "s" });
            let summary = if dry {
                format!(
                    "{} would be reformatted, {} already formatted",
                    files(changed.len()),
                    files(same)
                )
            } else {
                format!(
                    "{} reformatted, {} already formatted",
                    files(written.len()),
                    files(same)
                )
            };
            let failed_note = if failed.is_empty() {
                String::new()
            } else {
                format!(", {} could not be formatted", files(failed.len()))
            };
            eprintln!("{summary}{failed_note}");
            if dry && !changed.is_empty() {
                eprintln!("  hint: run `ccag fmt` to lay them out");
            }
        }
        Ok(if !failed.is_empty() || (dry && !changed.is_empty()) {
            Outcome::Findings
        } else {
            Outcome::Success
        })
    }
}

/// Read `file` (under the loader's limits) and lay it out.
fn lay_out(root: &Path, file: RecordFile) -> Laid {
    let text = match store::load::read_text(&file.path) {
        Ok(text) => text,
        Err(e) => {
            let why = format!("line {}, column {}: {}", e.pos.line, e.pos.col, e.message);
            return Laid::Failed(file, why);
        }
    };
    let depth = file
        .path
        .strip_prefix(root)
        .map(|p| p.components().count().saturating_sub(1))
        .unwrap_or(2);
    match layout::format(&text, file.kind, depth) {
        Ok(after) if after == text => Laid::Same,
        Ok(after) => Laid::Changed(Plan {
            file,
            before: Some(text),
            after,
            message: String::new(),
        }),
        Err(e) => Laid::Failed(file, e.0),
    }
}
