//! `ccag validate`: every finding as text, JSON or GitHub annotations, then a summary.

use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};

use super::{Context, Needs, Run, output};
use crate::Outcome;
use crate::cli::{self, ValidateArgs};
use crate::model::Kind;
use crate::render::findings::{self, FindingFormat, Paths, Totals};
use crate::validate;

pub struct Validate {
    paths: Vec<PathBuf>,
    format: FindingFormat,
    strict: bool,
}

impl Validate {
    pub fn new(args: ValidateArgs) -> Validate {
        Validate {
            paths: args.paths,
            format: match args.format {
                cli::FindingFormat::Text => FindingFormat::Text,
                cli::FindingFormat::Json => FindingFormat::Json,
                cli::FindingFormat::Github => FindingFormat::Github,
            },
            strict: args.strict,
        }
    }
}

impl Run for Validate {
    const NEEDS: Needs = Needs::Records;

    fn run(self, cx: &Context) -> Result<Outcome> {
        let repo = cx.repo()?;
        let paths = self
            .paths
            .iter()
            .map(|p| {
                cx.cwd
                    .join(p)
                    .canonicalize()
                    .with_context(|| format!("cannot validate `{}`", p.display()))
            })
            .collect::<Result<Vec<PathBuf>>>()?;
        let records_dir = repo
            .root
            .records()
            .canonicalize()
            .unwrap_or_else(|_| repo.root.records());
        for (given, abs) in self.paths.iter().zip(&paths) {
            if !abs.starts_with(&records_dir) && !records_dir.starts_with(abs) {
                bail!("`{}` is not under `{}`", given.display(), cx.show_path(&records_dir));
            }
        }
        if !records_dir.is_dir() {
            bail!(
                "`{}` does not exist: there are no records to validate",
                cx.show_path(&records_dir)
            );
        }

        let checked = validate::check_all(&repo.root, &repo.config, cx.today, &Kind::ALL, &validate::keep_none);
        let findings = validate::restrict(checked.all_findings(), &paths);
        let chosen = |o: &&validate::FileOutcome| paths.is_empty() || paths.iter().any(|p| o.file.path.starts_with(p));
        let files = checked.outcomes.iter().filter(chosen).count();
        let records = checked.outcomes.iter().filter(chosen).filter(|o| o.loaded).count();
        let errors = findings.iter().filter(|f| f.is_error()).count();
        let totals = Totals {
            files,
            records,
            errors,
            warnings: findings.len() - errors,
        };
        let verdict = if errors > 0 || (self.strict && totals.warnings > 0) {
            Outcome::Findings
        } else {
            Outcome::Success
        };
        let reporter = findings::reporter(self.format, cx.palette, Paths { cwd: cx.cwd.clone() });
        output::to_stdout(|out| reporter.report(&findings, totals, out))?;
        Ok(verdict)
    }
}
