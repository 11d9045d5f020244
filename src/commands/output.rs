//! What the commands share for output: stdout as a buffered stream, listings in any format,
//! the "files skipped" warning, refusals and findings as one line each.

use std::io::{BufWriter, IsTerminal, StdoutLock, Write};

use anyhow::{Context as _, Result};

use super::Context;
use crate::Outcome;
use crate::edit::pipeline::{Done, Refused};
use crate::model::Kind;
use crate::pack::TrendRows;
use crate::query::RecordSet;
use crate::render::{self, Listing, ListingFormat, Target};
use crate::validate::Finding;

/// Buffered stdout. Write through `to_stdout`, so a closed pipe ends the output, not the command.
fn stdout() -> BufWriter<StdoutLock<'static>> {
    BufWriter::with_capacity(64 * 1024, std::io::stdout().lock())
}

/// Run `write` on buffered stdout and flush it. A closed pipe (`ccag validate | head -1`) is the
/// reader's choice: the output stops there, and the command still ends with its own verdict
/// (exit 1 when the records have errors), so `Ok` is returned for it.
pub fn to_stdout(write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let mut out = stdout();
    match write(&mut out).and_then(|()| Ok(out.flush()?)) {
        Err(e) if is_closed_pipe(&e) => Ok(()),
        other => other,
    }
}

/// Whether `err` is (or was caused by) writing to a pipe whose reader has gone.
pub fn is_closed_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

/// Write `text` to stdout.
pub fn emit(text: &str) -> Result<()> {
    to_stdout(|out| Ok(out.write_all(text.as_bytes())?))
}

impl Context {
    /// Where rendered output goes: a terminal's own width; piped, `COLUMNS` if set, else no
    /// width at all (tables as wide as their content, nothing wrapped or cut), never a guess.
    pub fn target(&self) -> Target {
        let columns = || std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse().ok());
        let terminal = std::io::stdout().is_terminal();
        let width = if terminal {
            comfy_table::Table::new().width().or_else(columns).or(Some(80))
        } else {
            columns()
        };
        Target {
            palette: self.palette,
            width,
            terminal,
        }
    }

    /// Stream a listing to stdout, then say on stderr which files were skipped (exit 1 if any were).
    pub fn print_listing(&self, listing: &Listing<'_>, format: ListingFormat, set: &RecordSet) -> Result<Outcome> {
        to_stdout(|out| render::listing(listing, format, self.target(), out))?;
        Ok(self.report_problems(set))
    }

    /// No silent gaps: every file that failed to load is named on stderr.
    pub fn report_problems(&self, set: &RecordSet) -> Outcome {
        if set.problems.is_empty() {
            return Outcome::Success;
        }
        let mut files: Vec<&std::path::Path> = set.problems.iter().map(|f| f.path.as_path()).collect();
        files.dedup();
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "warning: {} record {} skipped because {} errors (run `ccag validate` for details):",
                files.len(),
                if files.len() == 1 { "file was" } else { "files were" },
                if files.len() == 1 { "it has" } else { "they have" },
            );
            // Enough to act on; `ccag validate` lists them all.
            const SHOWN: usize = 20;
            for f in set.problems.iter().take(SHOWN) {
                eprintln!("  {}", self.finding_line(f));
            }
            if set.problems.len() > SHOWN {
                eprintln!("  … and {} more", set.problems.len() - SHOWN);
            }
        }
        Outcome::Findings
    }

    /// A finding as one line, the way `ccag validate` prints it (without colour).
    pub fn finding_line(&self, f: &Finding) -> String {
        use crate::render::visible::line;
        format!(
            "{}:{}:{}: {}[{}]: {}",
            line(&self.show_path(&f.path)),
            f.line,
            f.col,
            f.severity.as_str(),
            f.rule,
            line(&f.message)
        )
    }

    /// Print why a record would not be valid, as `validate` would, on stderr.
    pub fn print_refusal(&self, what: &str, findings: &[Finding]) {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("error: {what}; nothing was written:");
            for f in findings {
                eprintln!("  {}", self.finding_line(f));
                if let Some(hint) = &f.hint {
                    eprintln!("    hint: {}", crate::render::visible::line(hint));
                }
            }
        }
    }

    /// Say on stderr that no record has `id`, with the nearest ids of the record files (exit 1).
    pub fn no_record(&self, id: &str) -> Result<Outcome> {
        let (files, _) = crate::store::walk(&self.records_dir()?, &Kind::ALL);
        let stems: Vec<String> = files
            .iter()
            .map(|f| crate::store::walk::stem(&f.path).into_owned())
            .collect();
        Ok(self.not_found(id, &crate::ids::nearest(id, stems.iter().map(String::as_str))))
    }

    /// Say on stderr that the record `id` exists in `path` but cannot be `done` (shown, edited)
    /// because of `problems`, each as `validate` prints it (exit 1).
    pub fn broken(&self, id: &str, path: &std::path::Path, done: &str, problems: &[Finding]) -> Outcome {
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "error: `{id}` is in `{}`, but that file has errors, so it cannot be {done}:",
                self.show_path(path)
            );
            for f in problems {
                eprintln!("  {}", self.finding_line(f));
                if let Some(hint) = &f.hint {
                    eprintln!("    hint: {hint}");
                }
            }
            eprintln!("  hint: fix the file by hand; `ccag validate` checks it");
        }
        Outcome::Findings
    }

    /// Say on stderr that no record has `id` (exit 1).
    pub fn not_found(&self, id: &str, near: &[String]) -> Outcome {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("error: no record has id `{id}`");
            if !near.is_empty() {
                eprintln!(
                    "  hint: the nearest ids are {}",
                    near.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
                );
            }
        }
        Outcome::Findings
    }
}

impl Context {
    /// `--trend`: counts of `kind` then (at `since`, default the previous meeting) and now.
    pub fn print_trend(&self, kind: Kind, since: Option<&str>, format: ListingFormat) -> Result<Outcome> {
        let (commit, label) = self.since(since)?;
        let then = self.load_at(&commit, &[kind])?;
        let now = self.load(&[kind])?;
        let (title, rows) = match kind {
            Kind::Risk => ("open risks by RAG", TrendRows::risks(&then, &now)),
            _ => ("actions by status", TrendRows::actions(&then, &now)),
        };
        if matches!(format, ListingFormat::Table | ListingFormat::Markdown) {
            emit(&format!(
                "{}{title} since {label}\n\n",
                if format == ListingFormat::Markdown { "### " } else { "" }
            ))?;
        }
        self.print_listing(&rows.listing(), format, &now)
    }
}

impl Context {
    /// Say what the write pipeline did: its warnings; a refusal (`refusal` says why it is refused: exit
    /// 2); the preview of a dry run (`preview` renders it); or the file written and the commit.
    pub fn report_write(
        &self,
        (done, warnings): (Result<Done, Refused>, Vec<String>),
        refusal: &str,
        preview: impl FnOnce(Option<String>, String) -> String,
    ) -> Result<Outcome> {
        #[allow(clippy::print_stderr)]
        for w in &warnings {
            eprintln!("warning: {w}");
        }
        match done {
            Err(Refused::Invalid(errors)) => {
                self.print_refusal(refusal, &errors);
                Ok(Outcome::Usage)
            }
            Err(Refused::Taken(existing, at)) => anyhow::bail!(
                "a record with id `{existing}` already exists (`{}`); nothing was written",
                self.show_path(&at)
            ),
            Ok(Done::Previewed { before, after }) => {
                emit(&preview(before, after))?;
                Ok(Outcome::Success)
            }
            Ok(Done::Unchanged { path }) => {
                #[allow(clippy::print_stderr)]
                {
                    eprintln!(
                        "nothing to change: `{}` already holds these values, so nothing was written",
                        self.show_path(&path),
                    );
                }
                Ok(Outcome::Success)
            }
            Ok(Done::Written { path, commit }) => {
                emit(&format!("{}\n", self.show_path(&path)))?;
                if let Some(commit) = commit {
                    emit(&format!("committed {commit}\n"))?;
                }
                Ok(Outcome::Success)
            }
        }
    }
}

impl Context {
    /// The meeting a document is for: the one named, or the next on or after today.
    pub fn pick_meeting<'s>(&self, set: &'s RecordSet, id: Option<&str>) -> Result<&'s crate::model::Meeting> {
        if set.meetings.is_empty() && id.is_none() {
            anyhow::bail!(
                "there are no meeting records in `{}`",
                self.show_path(&self.root()?.records())
            );
        }
        let meeting = set.pick_meeting(id, self.today)?;
        if id.is_none() && meeting.date < self.today {
            #[allow(clippy::print_stderr)]
            {
                eprintln!(
                    "note: no meeting is planned on or after {}, so this is the latest past one, {} ({})\n  \
                     hint: add the next with `ccag add meeting --date YYYY-MM-DD`, or name a meeting",
                    self.today, meeting.id, meeting.date
                );
            }
        }
        Ok(meeting)
    }

    /// Write a document to stdout, or to `output` (whole, then renamed into place, so a reader
    /// never sees half a page), saying on stderr what was written. `write` is given where to
    /// write and the target to fit (a file gets no colour and no width).
    pub fn emit(
        &self,
        output: Option<&std::path::Path>,
        write: impl FnOnce(&mut dyn Write, Target) -> Result<()>,
    ) -> Result<()> {
        let Some(path) = output else {
            let target = self.target();
            return to_stdout(|out| write(out, target));
        };
        let mut bytes = Vec::new();
        write(
            &mut bytes,
            Target {
                palette: crate::color::Palette { enabled: false },
                width: None,
                terminal: false,
            },
        )?;
        let path = self.cwd.join(path);
        crate::store::write::replace_file(&path, &bytes)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
        #[allow(clippy::print_stderr)]
        {
            eprintln!("wrote {} ({} KiB)", self.show_path(&path), bytes.len().div_ceil(1024));
        }
        Ok(())
    }

    /// Write a document (the agenda, the report) as text for a terminal or as markdown.
    pub fn print_document(&self, doc: &crate::render::Document<'_>, markdown: bool) -> Result<()> {
        let format = if markdown {
            render::DocumentFormat::Markdown
        } else {
            render::DocumentFormat::Table
        };
        to_stdout(|out| render::document(doc, format, self.target(), out))
    }
}

/// A document's format: the one asked for, else the one `output`'s extension names (`.html`,
/// `.md`, `.json`, `.txt`), else `default`.
pub fn document_format(
    asked: Option<crate::cli::DocumentFormat>,
    output: Option<&std::path::Path>,
    default: crate::cli::DocumentFormat,
) -> crate::cli::DocumentFormat {
    use crate::cli::DocumentFormat as F;
    asked
        .or_else(|| {
            let ext = output?.extension()?.to_str()?.to_ascii_lowercase();
            match ext.as_str() {
                "html" | "htm" => Some(F::Html),
                "md" | "markdown" => Some(F::Markdown),
                "json" => Some(F::Json),
                "txt" => Some(F::Table),
                _ => None,
            }
        })
        .unwrap_or(default)
}
