//! `ccag validate`: every finding as text, JSON or GitHub annotations, then a summary.

use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};

use super::{Context, Needs, Run, output};
use crate::Outcome;
use crate::cli::{self, ValidateArgs};
use crate::model::Kind;
use crate::render::findings::{FindingFormat, Paths, Totals};
use crate::validate;

pub struct Validate {
    paths: Vec<PathBuf>,
    format: FindingFormat,
    strict: bool,
    /// `--against REV`: ids added on this branch checked against REV's.
    against: Option<String>,
    /// `--report FORMAT=FILE`: more reports, written to files.
    reports: Vec<(FindingFormat, PathBuf)>,
}

fn finding_format(f: cli::FindingFormat) -> FindingFormat {
    match f {
        cli::FindingFormat::Text => FindingFormat::Text,
        cli::FindingFormat::Json => FindingFormat::Json,
        cli::FindingFormat::Github => FindingFormat::Github,
        cli::FindingFormat::Sarif => FindingFormat::Sarif,
        cli::FindingFormat::Junit => FindingFormat::Junit,
    }
}

impl Validate {
    pub fn new(args: ValidateArgs) -> Result<Validate> {
        use clap::ValueEnum as _;
        let reports = args
            .report
            .iter()
            .map(|r| {
                let (format, file) = r
                    .split_once('=')
                    .filter(|(f, p)| !f.is_empty() && !p.is_empty())
                    .ok_or_else(|| {
                        anyhow::anyhow!("`--report {r}` is not FORMAT=FILE (e.g. `--report sarif=ccag.sarif`)")
                    })?;
                let format = cli::FindingFormat::from_str(format, true).map_err(|_| {
                    anyhow::anyhow!("`--report {r}`: `{format}` is not one of text, json, github, sarif, junit")
                })?;
                Ok((finding_format(format), PathBuf::from(file)))
            })
            .collect::<Result<_>>()?;
        Ok(Validate {
            paths: args.paths,
            format: finding_format(args.format),
            strict: args.strict,
            against: args.against,
            reports,
        })
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
        let across = match &self.against {
            Some(rev) => validate::against(&crate::git::Git::new(&repo.root.dir), &repo.root, &checked, rev)?,
            None => Vec::new(),
        };
        let mut findings = validate::restrict(checked.all_findings(), &paths);
        if !across.is_empty() {
            findings.extend(validate::restrict(across.iter().collect(), &paths));
            findings.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
        }
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
        let paths = Paths {
            cwd: cx.cwd.clone(),
            root: repo.root.dir.clone(),
            files: checked
                .outcomes
                .iter()
                .filter(chosen)
                .map(|o| (o.file.kind.name(), o.file.path.clone()))
                .collect(),
        };
        // The report files first: a closed pipe on stdout must not cost the CI its report.
        for (format, file) in &self.reports {
            let reporter = crate::render::reporter(*format, crate::color::Palette { enabled: false }, paths.clone());
            let mut bytes = Vec::new();
            reporter.report(&findings, totals, &mut bytes)?;
            let path = cx.cwd.join(file);
            std::fs::write(&path, bytes).with_context(|| format!("cannot write `{}`", file.display()))?;
        }
        let reporter = crate::render::reporter(self.format, cx.palette, paths);
        output::to_stdout(|out| reporter.report(&findings, totals, out))?;
        Ok(verdict)
    }
}
