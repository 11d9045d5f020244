//! `ccag edit ID`: the record in the user's editor (`CCAG_EDITOR`, `VISUAL`, `EDITOR`, then git's
//! editor, so `code --wait` works). What is saved is checked as `validate` checks it; with
//! findings, a person on a terminal may reopen it with them listed as comments at the top (as
//! `git commit` and `kubectl edit` do). Nothing is written unless the record is valid.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use super::options::write_options;
use super::{Context, Needs, Run, prompt};
use crate::Outcome;
use crate::cli::EditArgs;
use crate::edit::pipeline::{self, Plan, Session, WriteOptions};
use crate::store::{self, write};

/// Lines ccag puts at the top of a reopened file; taken out again when it is read back.
const MARK: &str = "# ccag: ";

pub struct Edit {
    id: String,
    write: WriteOptions,
}

impl Edit {
    pub fn new(args: EditArgs) -> Result<Edit> {
        Ok(Edit {
            id: args.id,
            write: write_options(args.write),
        })
    }
}

/// The editor command: `CCAG_EDITOR`, `VISUAL`, `EDITOR`, then `git var GIT_EDITOR`, then `vi`.
fn editor(root: &Path) -> String {
    for var in ["CCAG_EDITOR", "VISUAL", "EDITOR"] {
        if let Ok(v) = std::env::var(var)
            && !v.trim().is_empty()
        {
            return v;
        }
    }
    std::process::Command::new("git")
        .args(["var", "GIT_EDITOR"])
        .current_dir(root)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|e| !e.is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Open `path` in `editor` (a shell command line, as git runs it) and wait for it.
fn open(editor: &str, path: &Path) -> Result<()> {
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg(editor)
        .arg(path)
        .status()
        .with_context(|| format!("cannot run the editor `{editor}`"))?;
    if !status.success() {
        bail!("the editor `{editor}` failed ({status}); nothing was written");
    }
    Ok(())
}

/// The saved text without ccag's own lines at the top.
fn without_marks(text: &str) -> String {
    let mut rest = text;
    while let Some(line) = rest.split_inclusive('\n').next().filter(|l| l.starts_with(MARK)) {
        rest = &rest[line.len()..];
    }
    rest.to_string()
}

impl Run for Edit {
    const NEEDS: Needs = Needs::WritableRecords;

    fn run(self, cx: &Context) -> Result<Outcome> {
        let repo = cx.repo()?;
        // A broken file can be edited too: that is how it is mended.
        let Some(file) = store::walk::find(&cx.records_dir()?, &self.id)? else {
            return cx.no_record(&self.id);
        };
        let original = std::fs::read_to_string(&file.path)
            .with_context(|| format!("cannot read `{}`", cx.show_path(&file.path)))?;
        let name = file.path.file_name().map(PathBuf::from).unwrap_or_default();
        let scratch = write::work_dir(&repo.root.dir)?.join("tmp").join(format!(
            "edit-{}-{}",
            std::process::id(),
            name.display()
        ));
        std::fs::write(&scratch, &original)?;
        let editor = editor(&repo.root.dir);
        let label = cx.show_path(&file.path);
        let edited = loop {
            open(&editor, &scratch)?;
            let saved = without_marks(&std::fs::read_to_string(&scratch)?);
            if saved.trim().is_empty() {
                std::fs::remove_file(&scratch).ok();
                bail!("the file was emptied, so the edit is cancelled; `{label}` is unchanged");
            }
            let outcome = crate::validate::check_text(file.clone(), &saved, &repo.config, cx.today);
            let errors: Vec<_> = outcome.findings.iter().filter(|f| f.is_error()).collect();
            if errors.is_empty() {
                break saved;
            }
            let lines: Vec<String> = errors.iter().map(|f| cx.finding_line(f)).collect();
            #[allow(clippy::print_stderr)]
            {
                eprintln!("error: the edited record would not be valid:");
                for l in &lines {
                    eprintln!("  {l}");
                }
            }
            if !prompt::can_ask() || !prompt::confirm("Edit again?")? {
                #[allow(clippy::print_stderr)]
                {
                    eprintln!(
                        "  nothing was written; your edit is kept in `{}`",
                        cx.show_path(&scratch)
                    );
                }
                return Ok(Outcome::Usage);
            }
            let mut head = format!("{MARK}fix these and save, or empty the file to cancel:\n");
            for l in &lines {
                head.push_str(&format!("{MARK}  {l}\n"));
            }
            std::fs::write(&scratch, head + &saved)?;
        };
        std::fs::remove_file(&scratch).ok();
        let session = Session::begin(&repo.root, &repo.config, cx.today, self.write)?;
        // Someone else's write while the editor was open is never overwritten.
        if session.read(&file.path)? != original {
            std::fs::write(&scratch, &edited)?;
            bail!(
                "`{label}` changed while it was being edited; nothing was written, and your version is in `{}`",
                cx.show_path(&scratch)
            );
        }
        let id = store::walk::stem(&file.path).into_owned();
        let plan = Plan {
            file,
            before: Some(original),
            after: edited,
            message: format!("ccag: edit {id}"),
        };
        cx.report_write(
            session.apply(plan)?,
            "the edited record would not be valid",
            |before, after| pipeline::diff(&label, before.as_deref().unwrap_or_default(), &after),
        )
    }
}
