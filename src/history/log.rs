//! `ccag log ID` as data: every commit that touched a record, newest first, with field changes.

use anyhow::Result;
use serde::Serialize;
use serde_json::Value;

use super::diff::{FieldChange, diff};
use crate::git::{Blob, Git};
use crate::store::yaml;

/// One version of a record: the commit that made it and what it changed.
#[derive(Debug, Clone, Serialize)]
pub struct Version {
    /// Short commit id; `null` for uncommitted changes in the work tree.
    pub commit: Option<String>,
    #[serde(skip)]
    pub full: Option<String>,
    pub author: Option<String>,
    /// Author date (ISO 8601).
    pub date: Option<String>,
    pub subject: Option<String>,
    /// `added`, `modified`, `moved`, `deleted`.
    pub change: &'static str,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved_from: Option<String>,
    pub changes: Vec<FieldChange>,
}

/// Parse a version's text; a version that does not parse is shown as such, not skipped.
/// The loader's limits hold here too: a version over 1 MiB is not read, one that is not UTF-8
/// or not YAML is said to be so.
pub fn parse_version(blob: Option<Blob>) -> Option<Value> {
    let bytes = match blob? {
        Blob::Bytes(bytes) if bytes.len() as u64 <= crate::store::load::MAX_FILE_BYTES => bytes,
        Blob::Bytes(bytes) => return Some(not_loaded(&crate::store::load::too_large(bytes.len() as u64))),
        Blob::TooLarge(size) => return Some(not_loaded(&crate::store::load::too_large(size))),
    };
    let parsed = crate::store::load::text_of(bytes).and_then(|text| yaml::parse_value(&text));
    Some(match parsed {
        Ok(value) => value,
        Err(e) => not_loaded(&e),
    })
}

fn not_loaded(e: &crate::store::LoadError) -> Value {
    Value::from(format!(
        "(not a loadable record at {}:{}: {})",
        e.pos.line, e.pos.col, e.message
    ))
}

/// The history of the record whose file is now (or was last) at `path`, relative to the top of
/// the work tree, in every folder under `prefix` (the records folder) it has been in.
/// `worktree` is the file's current text when it differs from HEAD (uncommitted changes);
/// `until` ends the history at that commit (`--at`) instead of HEAD.
pub fn record_log(
    git: &Git,
    prefix: &str,
    path: &str,
    worktree: Option<Option<Vec<u8>>>,
    until: Option<&str>,
) -> Result<Vec<Version>> {
    let mut versions = Vec::new();
    if let Some(current) = worktree {
        let committed = git
            .read_blobs(&[format!("HEAD:{path}")])?
            .into_iter()
            .next()
            .and_then(parse_version);
        let now = parse_version(current.map(Blob::Bytes));
        let change = match (&committed, &now) {
            (None, Some(_)) => "added",
            (Some(_), None) => "deleted",
            _ => "modified",
        };
        versions.push(Version {
            commit: None,
            full: None,
            author: None,
            date: None,
            subject: Some("(uncommitted changes in the work tree)".into()),
            change,
            path: path.to_string(),
            moved_from: None,
            changes: diff(committed.as_ref(), now.as_ref()),
        });
    }
    // The record is its file name: every commit that touched a file of that name in its kind's
    // folder, whatever subfolder it was in, read in one `git log` and one blob batch.
    let entries = git.log_named(&kind_folder(prefix, path), &format!("{}.yaml", stem(path)), until)?;
    let parsed = super::all::versions_read(git, &entries)?;
    let version = |blob: &Option<String>| blob.as_deref().and_then(|b| parsed.get(b).cloned().flatten());
    // Every entry is this record's (any case of the name is the same id): group them by commit.
    let mut commits: Vec<Vec<crate::git::LogEntry>> = Vec::new();
    for entry in entries {
        match commits.last_mut() {
            Some(last) if last[0].commit == entry.commit => last.push(entry),
            _ => commits.push(vec![entry]),
        }
    }
    versions.extend(super::all::versions(commits, &version));
    Ok(versions)
}

/// The kind's folder a record's path is in (`records/changes` for
/// `records/changes/BSC/P466.yaml`): a record moves only within it, since the folder is its kind.
fn kind_folder(prefix: &str, path: &str) -> String {
    let prefix = prefix.trim_end_matches('/');
    let rest = if prefix.is_empty() {
        path
    } else {
        path.strip_prefix(prefix)
            .and_then(|r| r.strip_prefix('/'))
            .unwrap_or(path)
    };
    match (rest.split_once('/'), prefix) {
        (Some((folder, _)), "") => folder.to_string(),
        (Some((folder, _)), prefix) => format!("{prefix}/{folder}"),
        (None, _) => prefix.to_string(),
    }
}

/// A record's id from its path: the file name without `.yaml`.
pub(crate) fn stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".yaml").unwrap_or(name)
}
