//! The one write pipeline for every command that changes a record: a planned change (path,
//! text before, text after) → the records lock → validation against the record set → an atomic
//! write → an optional commit of that file alone. `add`, `update` and `close` use it; so will
//! import and `fmt`.

use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::NaiveDate;
use serde_json::Value;

use crate::config::Config;
use crate::git;
use crate::ids;
use crate::model::Kind;
use crate::store::{self, RecordFile, Root, write};
use crate::validate::{self, Finding};

/// How a change is to be made.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions {
    /// Show what would be written, and write nothing.
    pub dry_run: bool,
    /// Commit the record's file (and nothing else) to git.
    pub commit: bool,
}

/// A change to one record file: its text now (`None` for a new record) and after.
#[derive(Debug, Clone)]
pub struct Plan {
    pub file: RecordFile,
    pub before: Option<String>,
    pub after: String,
    /// The commit message, if `--commit`.
    pub message: String,
}

/// What the pipeline did.
#[derive(Debug)]
pub enum Done {
    /// `--dry-run`: what would have been written.
    Previewed { before: Option<String>, after: String },
    /// Written, and committed when asked (the short commit id).
    Written { path: PathBuf, commit: Option<String> },
    /// The change leaves the file as it is: nothing was written or committed.
    Unchanged { path: PathBuf },
}

/// Why the pipeline refused; nothing was written.
#[derive(Debug)]
pub enum Refused {
    /// The record would not be valid (the findings say why).
    Invalid(Vec<Finding>),
    /// A new record's id is already taken (case aside) by the file at the path.
    Taken(String, PathBuf),
}

/// One writer at a time: the lock is held from `begin` until the session is dropped, so what a
/// command reads after `begin` (ids taken, a file's text) cannot change before it writes.
pub struct Session<'a> {
    root: &'a Root,
    config: &'a Config,
    today: NaiveDate,
    options: WriteOptions,
    _lock: Option<write::Lock>,
}

impl<'a> Session<'a> {
    pub fn begin(root: &'a Root, config: &'a Config, today: NaiveDate, options: WriteOptions) -> Result<Session<'a>> {
        let lock = if options.dry_run {
            None
        } else {
            Some(write::lock(&root.dir)?)
        };
        Ok(Session {
            root,
            config,
            today,
            options,
            _lock: lock,
        })
    }

    /// The file's text, read under the lock.
    pub fn read(&self, path: &Path) -> Result<String> {
        Ok(std::fs::read_to_string(path)?)
    }

    /// Every record id in use, from the file names alone (a light pass: nothing is parsed).
    pub fn taken_ids(&self) -> Vec<(String, PathBuf)> {
        let (files, _) = store::walk(&self.root.records(), &Kind::ALL);
        files
            .into_iter()
            .map(|f| (store::walk::stem(&f.path).into_owned(), f.path))
            .collect()
    }

    /// Check `plan` as `apply` would, writing nothing: `Ok(warnings)` when it would be written
    /// (a `related` id that matches no record is a warning), else why it would be refused.
    pub fn check(&self, plan: &Plan) -> Result<Result<Vec<String>, Refused>> {
        self.check_with(plan, &[])
    }

    /// As `check`, counting `coming` as ids in use (records the same change set creates).
    fn check_with(&self, plan: &Plan, coming: &[String]) -> Result<Result<Vec<String>, Refused>> {
        self.check_against(plan, coming, &std::cell::OnceCell::new())
    }

    /// Check every plan of a batch (the ids in use read once), writing nothing: each refused
    /// plan's file with what is wrong, as sentences.
    pub fn check_many<'p>(
        &self,
        plans: impl IntoIterator<Item = &'p Plan>,
        coming: &[String],
    ) -> Result<Vec<(PathBuf, Vec<String>)>> {
        let taken = std::cell::OnceCell::new();
        let mut refused = Vec::new();
        for plan in plans {
            match self.check_against(plan, coming, &taken)? {
                Ok(_) => {}
                Err(Refused::Taken(id, at)) => refused.push((
                    plan.file.path.clone(),
                    vec![format!("the id is taken by `{id}` ({})", at.display())],
                )),
                Err(Refused::Invalid(findings)) => refused.push((
                    plan.file.path.clone(),
                    findings
                        .iter()
                        .map(|f| format!("{}[{}]: {}", f.severity.as_str(), f.rule, f.message))
                        .collect(),
                )),
            }
        }
        Ok(refused)
    }

    /// `check_with`, the ids in use read once into `taken` for a whole batch.
    fn check_against(
        &self,
        plan: &Plan,
        coming: &[String],
        taken: &std::cell::OnceCell<Vec<(String, PathBuf)>>,
    ) -> Result<Result<Vec<String>, Refused>> {
        // Against the record set: a new record's id must be free (checked first: it is the
        // more useful message), its `related` ids should exist.
        let mut warnings = Vec::new();
        let related = related_ids(&plan.after);
        if plan.before.is_none() || !related.is_empty() {
            let taken = taken.get_or_init(|| self.taken_ids());
            if plan.before.is_none() {
                let id = store::walk::stem(&plan.file.path);
                if let Some((existing, at)) = taken.iter().find(|(t, _)| ids::same(t, &id)) {
                    return Ok(Err(Refused::Taken(existing.clone(), at.clone())));
                }
            }
            for r in related {
                if !taken.iter().any(|(t, _)| *t == r) && !coming.contains(&r) {
                    warnings.push(format!("related id `{r}` matches no record"));
                }
            }
        }
        let outcome = validate::check_text(plan.file.clone(), &plan.after, self.config, self.today);
        let errors: Vec<Finding> = outcome.findings.iter().filter(|f| f.is_error()).cloned().collect();
        if !errors.is_empty() {
            return Ok(Err(Refused::Invalid(errors)));
        }
        // A commit that would carry more than this change is refused before anything is written.
        if self.options.commit && !self.options.dry_run && plan.before.as_deref() != Some(plan.after.as_str()) {
            git::check_can_commit(&self.root.dir, &[plan.file.path.as_path()])?;
        }
        Ok(Ok(warnings))
    }

    /// Validate, write atomically, commit if asked. Warnings (a `related` id that matches no
    /// record) are returned with the result; errors refuse the change.
    pub fn apply(&self, plan: Plan) -> Result<(Result<Done, Refused>, Vec<String>)> {
        match self.check(&plan)? {
            Ok(warnings) => self.write_checked(plan, warnings),
            Err(refused) => Ok((Err(refused), Vec::new())),
        }
    }

    /// Write `plan`, which `check` has passed (with `warnings`): the second half of `apply`, for
    /// a batch whose plans were all checked before any was written.
    pub fn write_checked(&self, plan: Plan, warnings: Vec<String>) -> Result<(Result<Done, Refused>, Vec<String>)> {
        if plan.before.as_deref() == Some(plan.after.as_str()) {
            let path = plan.file.path;
            return Ok((Ok(Done::Unchanged { path }), warnings));
        }
        if self.options.dry_run {
            let preview = Done::Previewed {
                before: plan.before,
                after: plan.after,
            };
            return Ok((Ok(preview), warnings));
        }
        let path = &plan.file.path;
        match plan.before {
            None => write::create_new(&self.root.dir, path, plan.after.as_bytes())?,
            Some(_) => write::replace(&self.root.dir, path, plan.after.as_bytes())?,
        }
        let commit = if self.options.commit {
            Some(
                git::commit_paths(&self.root.dir, &[path.as_path()], &plan.message)
                    .map_err(|e| commit_failed(e, &[path.as_path()]))?,
            )
        } else {
            None
        };
        Ok((
            Ok(Done::Written {
                path: path.clone(),
                commit,
            }),
            warnings,
        ))
    }
}

impl Session<'_> {
    /// Write files whose data each plan's layout is proven to keep (`ccag fmt`), as one atomic
    /// batch under the lock. They are not validated: the records are as valid as they were.
    pub fn write_layout(&self, plans: &[Plan]) -> Result<Vec<PathBuf>> {
        let files: Vec<(&Path, &[u8], bool)> = plans
            .iter()
            .filter(|p| p.before.as_deref() != Some(p.after.as_str()))
            .map(|p| (p.file.path.as_path(), p.after.as_bytes(), false))
            .collect();
        if self.options.dry_run || files.is_empty() {
            return Ok(Vec::new());
        }
        write::write_many(&self.root.dir, &files)?;
        Ok(files.into_iter().map(|(p, _, _)| p.to_path_buf()).collect())
    }
}

/// Several files changed as one: a record renamed and the records that refer to it, or a
/// record removed.
pub struct ChangeSet {
    /// Files written (created when `before` is `None`).
    pub plans: Vec<Plan>,
    /// Files deleted.
    pub removed: Vec<RecordFile>,
    /// The one commit message, with `--commit`.
    pub message: String,
}

/// What the pipeline did with a change set.
#[derive(Debug)]
pub enum SetDone {
    /// `--dry-run`: the plans, and the files that would be deleted.
    Previewed { plans: Vec<Plan>, removed: Vec<PathBuf> },
    /// Written and deleted, and committed in one commit when asked.
    Written {
        written: Vec<PathBuf>,
        removed: Vec<PathBuf>,
        commit: Option<String>,
    },
}

/// A change set's result: done, or refused for the file named (nothing written); and warnings.
pub type SetOutcome = (Result<SetDone, (PathBuf, Refused)>, Vec<String>);

impl Session<'_> {
    /// Check every file of `set` (validity, ids, `--commit`), then write them, delete the removed
    /// ones and make one commit of exactly those paths. A refusal names its file; nothing is
    /// written then.
    pub fn apply_set(&self, set: ChangeSet) -> Result<SetOutcome> {
        let coming: Vec<String> = set
            .plans
            .iter()
            .filter(|p| p.before.is_none())
            .map(|p| store::walk::stem(&p.file.path).into_owned())
            .collect();
        let mut warnings = Vec::new();
        let taken = std::cell::OnceCell::new();
        for plan in &set.plans {
            match self.check_against(plan, &coming, &taken)? {
                Ok(w) => warnings.extend(w),
                Err(refused) => return Ok((Err((plan.file.path.clone(), refused)), Vec::new())),
            }
        }
        let removed: Vec<PathBuf> = set.removed.into_iter().map(|f| f.path).collect();
        if self.options.dry_run {
            return Ok((
                Ok(SetDone::Previewed {
                    plans: set.plans,
                    removed,
                }),
                warnings,
            ));
        }
        if self.options.commit && !removed.is_empty() {
            let paths: Vec<&Path> = removed.iter().map(PathBuf::as_path).collect();
            git::check_can_commit(&self.root.dir, &paths)?;
        }
        let files: Vec<(&Path, &[u8], bool)> = set
            .plans
            .iter()
            .map(|p| (p.file.path.as_path(), p.after.as_bytes(), p.before.is_none()))
            .collect();
        write::write_many(&self.root.dir, &files)?;
        let written: Vec<PathBuf> = set.plans.into_iter().map(|p| p.file.path).collect();
        for path in &removed {
            std::fs::remove_file(path).map_err(|e| anyhow::anyhow!("cannot remove `{}`: {e}", path.display()))?;
        }
        let commit = if self.options.commit {
            let paths: Vec<&Path> = written.iter().chain(&removed).map(PathBuf::as_path).collect();
            Some(git::commit_paths(&self.root.dir, &paths, &set.message).map_err(|e| commit_failed(e, &paths))?)
        } else {
            None
        };
        Ok((
            Ok(SetDone::Written {
                written,
                removed,
                commit,
            }),
            warnings,
        ))
    }
}

fn related_ids(text: &str) -> Vec<String> {
    store::yaml::parse_value(text)
        .ok()
        .and_then(|v| {
            v.get("related")
                .and_then(Value::as_array)
                .map(|items| items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect())
        })
        .unwrap_or_default()
}

/// A unified diff of one file, for `--dry-run`.
pub fn diff(label: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{label}"), &format!("b/{label}"))
        .to_string()
}

/// A commit that failed after the edit was written: say that the edit itself stands, so nobody
/// makes it again or thinks it lost.
fn commit_failed(e: anyhow::Error, paths: &[&Path]) -> anyhow::Error {
    let names: Vec<String> = paths.iter().map(|p| format!("`{}`", p.display())).collect();
    e.context(format!(
        "the edit was written ({}) and is kept, but it was not committed; commit it with git",
        names.join(", ")
    ))
}
