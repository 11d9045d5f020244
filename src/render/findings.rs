//! Findings reporters, one per format, behind one trait: text for people, JSON for programs,
//! GitHub workflow annotations for CI. Findings are plain data, so a machine format is a
//! serialization, not new logic.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::Serialize;

use super::visible;
use crate::color::Palette;
use crate::validate::{Finding, Severity};

/// How findings are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingFormat {
    Text,
    Json,
    Github,
    Sarif,
    Junit,
}

/// What was checked, for the summary line and the JSON report.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Totals {
    pub files: usize,
    pub records: usize,
    pub errors: usize,
    pub warnings: usize,
}

/// How paths are shown: relative to the working folder when below it (text, JSON, GitHub), or
/// to the repository root (SARIF, JUnit). `files` are every file checked, with their kind.
#[derive(Debug, Clone)]
pub struct Paths {
    pub cwd: PathBuf,
    pub root: PathBuf,
    pub files: Vec<(&'static str, PathBuf)>,
}

impl Paths {
    pub fn show(&self, path: &Path) -> String {
        path.strip_prefix(&self.cwd).unwrap_or(path).display().to_string()
    }
}

/// Writes findings in one format.
pub trait Reporter {
    fn report(&self, findings: &[&Finding], totals: Totals, out: &mut dyn Write) -> Result<()>;
}

pub(super) struct Text {
    pub(super) palette: Palette,
    pub(super) paths: Paths,
}

impl Reporter for Text {
    fn report(&self, findings: &[&Finding], t: Totals, out: &mut dyn Write) -> Result<()> {
        let p = &self.palette;
        for f in findings {
            let severity = match f.severity {
                Severity::Error => p.red(&format!("error[{}]", f.rule)),
                Severity::Warning => p.yellow(&format!("warning[{}]", f.rule)),
            };
            // One finding, one line: nothing a record holds can start another or reach the
            // terminal as a control sequence.
            writeln!(
                out,
                "{}:{}:{}: {severity}: {}",
                visible::line(&self.paths.show(&f.path)),
                f.line,
                f.col,
                visible::line(&f.message)
            )?;
            if let Some(hint) = &f.hint {
                writeln!(out, "  {} {}", p.dim("hint:"), visible::line(hint))?;
            }
        }
        let unloaded = t.files - t.records;
        let summary = format!(
            "checked {} record {}{}: {} {}, {} {}",
            t.files,
            plural(t.files, "file"),
            if unloaded > 0 {
                format!(" ({unloaded} with errors that stop them loading)")
            } else {
                String::new()
            },
            t.errors,
            plural(t.errors, "error"),
            t.warnings,
            plural(t.warnings, "warning")
        );
        writeln!(out, "{}", if t.errors > 0 { p.bold(&summary) } else { summary })?;
        Ok(())
    }
}

pub(super) struct Json {
    pub(super) paths: Paths,
}

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
    #[serde(flatten)]
    totals: Totals,
    findings: Vec<JsonFinding<'a>>,
}

impl Reporter for Json {
    fn report(&self, findings: &[&Finding], totals: Totals, out: &mut dyn Write) -> Result<()> {
        let report = JsonReport {
            totals,
            findings: findings
                .iter()
                .map(|f| JsonFinding {
                    file: self.paths.show(&f.path),
                    line: f.line,
                    col: f.col,
                    severity: f.severity,
                    rule: f.rule,
                    message: &f.message,
                    hint: f.hint.as_deref(),
                })
                .collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
        Ok(())
    }
}

pub(super) struct Github {
    pub(super) paths: Paths,
}

impl Reporter for Github {
    fn report(&self, findings: &[&Finding], t: Totals, out: &mut dyn Write) -> Result<()> {
        for f in findings {
            let mut message = f.message.clone();
            if let Some(hint) = &f.hint {
                message.push_str(&format!("\n{hint}"));
            }
            writeln!(
                out,
                "::{} file={},line={},col={},title={}::{}",
                f.severity.as_str(),
                escape_property(&self.paths.show(&f.path)),
                f.line,
                f.col,
                escape_property(&format!("ccag {}", f.rule)),
                escape_data(&message)
            )?;
        }
        writeln!(
            out,
            "ccag: {} {}, {} {}",
            t.errors,
            plural(t.errors, "error"),
            t.warnings,
            plural(t.warnings, "warning")
        )?;
        Ok(())
    }
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
