//! `ccag validate`: every finding as text, JSON or GitHub annotations, then a summary.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use serde::Serialize;

use super::Context;
use crate::Outcome;
use crate::cli::{FindingFormat, ValidateArgs};
use crate::model::Kind;
use crate::validate::{self, Finding, Severity};

#[derive(Serialize)]
struct JsonFinding<'a> {
    file: String,
    line: u32,
    col: u32,
    severity: Severity,
    rule: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    files: usize,
    records: usize,
    errors: usize,
    warnings: usize,
    findings: Vec<JsonFinding<'a>>,
}

pub fn run(cx: &Context, args: ValidateArgs) -> Result<Outcome> {
    let paths = args
        .paths
        .iter()
        .map(|p| {
            let abs = cx.cwd.join(p);
            abs.canonicalize()
                .with_context(|| format!("cannot validate `{}`", p.display()))
        })
        .collect::<Result<Vec<PathBuf>>>()?;
    let records_dir = cx.root.records().canonicalize().unwrap_or_else(|_| cx.root.records());
    for (given, abs) in args.paths.iter().zip(&paths) {
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

    let checked = validate::check_all(&cx.root, &cx.config, cx.today, &Kind::ALL, false);
    let findings = validate::restrict(checked.all_findings(), &paths);
    let files = checked
        .outcomes
        .iter()
        .filter(|o| paths.is_empty() || paths.iter().any(|p| o.file.path.starts_with(p)))
        .count();
    let records = checked
        .outcomes
        .iter()
        .filter(|o| o.loaded && (paths.is_empty() || paths.iter().any(|p| o.file.path.starts_with(p))))
        .count();
    let errors = findings.iter().filter(|f| f.is_error()).count();
    let warnings = findings.len() - errors;

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        FindingFormat::Text => {
            for f in &findings {
                write_text(cx, &mut out, f)?;
            }
            let unloaded = files - records;
            let summary = format!(
                "checked {files} record {}{}: {errors} {}, {warnings} {}",
                plural(files, "file"),
                if unloaded > 0 {
                    format!(" ({unloaded} with errors that stop them loading)")
                } else {
                    String::new()
                },
                plural(errors, "error"),
                plural(warnings, "warning")
            );
            writeln!(out, "{}", if errors > 0 { cx.palette.bold(&summary) } else { summary })?;
        }
        FindingFormat::Json => {
            let report = JsonReport {
                files,
                records,
                errors,
                warnings,
                findings: findings
                    .iter()
                    .map(|f| JsonFinding {
                        file: cx.show_path(&f.path),
                        line: f.line,
                        col: f.col,
                        severity: f.severity,
                        rule: f.rule,
                        message: &f.message,
                        hint: f.hint.as_deref(),
                    })
                    .collect(),
            };
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        FindingFormat::Github => {
            for f in &findings {
                let mut message = f.message.clone();
                if let Some(hint) = &f.hint {
                    message.push_str(&format!("\n{hint}"));
                }
                writeln!(
                    out,
                    "::{} file={},line={},col={},title={}::{}",
                    f.severity.as_str(),
                    escape_property(&cx.show_path(&f.path)),
                    f.line,
                    f.col,
                    escape_property(&format!("ccag {}", f.rule)),
                    escape_data(&message)
                )?;
            }
            writeln!(
                out,
                "ccag: {errors} {}, {warnings} {}",
                plural(errors, "error"),
                plural(warnings, "warning")
            )?;
        }
    }
    out.flush()?;
    let fail = errors > 0 || (args.strict && warnings > 0);
    Ok(if fail { Outcome::Findings } else { Outcome::Success })
}

fn write_text(cx: &Context, out: &mut impl Write, f: &Finding) -> Result<()> {
    let severity = match f.severity {
        Severity::Error => cx.palette.red(&format!("error[{}]", f.rule)),
        Severity::Warning => cx.palette.yellow(&format!("warning[{}]", f.rule)),
    };
    writeln!(
        out,
        "{}:{}:{}: {severity}: {}",
        cx.show_path(&f.path),
        f.line,
        f.col,
        f.message
    )?;
    if let Some(hint) = &f.hint {
        writeln!(out, "  {} {hint}", cx.palette.dim("hint:"))?;
    }
    Ok(())
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { word.to_string() } else { format!("{word}s") }
}

/// Escape workflow-command data (the message).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape workflow-command property values (file, title).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
