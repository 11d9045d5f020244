//! `ccag log ID` as data: every commit that touched a record, newest first, with field changes.

use std::collections::HashMap;

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

use super::diff::{FieldChange, diff};
use crate::git::{Blob, Git, LogEntry};
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
    let parsed = versions_read(git, &entries)?;
    let version = |blob: &Option<String>| blob.as_deref().and_then(|b| parsed.get(b).cloned().flatten());
    // Every entry is this record's (any case of the name is the same id): group them by commit.
    let mut commits: Vec<Vec<crate::git::LogEntry>> = Vec::new();
    for entry in entries {
        match commits.last_mut() {
            Some(last) if last[0].commit == entry.commit => last.push(entry),
            _ => commits.push(vec![entry]),
        }
    }
    versions.extend(versions_of(commits, &version));
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

/// Every version the entries name, read from git in one pipelined batch and parsed once each
/// (in parallel), by blob id.
pub(super) fn versions_read(git: &Git, entries: &[LogEntry]) -> Result<HashMap<String, Option<Value>>> {
    let mut blobs: Vec<String> = entries
        .iter()
        .flat_map(|e| e.old_blob.iter().chain(e.new_blob.iter()).cloned())
        .collect();
    blobs.sort_unstable();
    blobs.dedup();
    let contents = git.read_blobs(&blobs)?;
    Ok(blobs
        .into_par_iter()
        .zip(contents.into_par_iter().map(parse_version))
        .collect())
}

/// One record's versions from its commits (each the entries of one commit for the record's
/// files): a commit that deletes the file in one folder and adds it in another moved it.
/// `version` gives the parsed record for a blob id.
pub(super) fn versions_of(
    commits: Vec<Vec<LogEntry>>,
    version: &(dyn Fn(&Option<String>) -> Option<Value> + Sync),
) -> Vec<Version> {
    commits
        .into_iter()
        .map(|group| {
            let deleted = group.iter().find(|e| e.status == "D");
            let added = group.iter().find(|e| e.status != "D");
            let (old_blob, new_blob, path, moved_from) = match (deleted, added) {
                (Some(d), Some(a)) => (
                    d.old_blob.clone(),
                    a.new_blob.clone(),
                    a.path.clone(),
                    Some(d.path.clone()),
                ),
                (Some(d), None) => (d.old_blob.clone(), None, d.path.clone(), None),
                (None, Some(a)) => (a.old_blob.clone(), a.new_blob.clone(), a.path.clone(), None),
                (None, None) => (None, None, String::new(), None),
            };
            let (old, new) = (version(&old_blob), version(&new_blob));
            let change = match (&old, &new) {
                (None, Some(_)) => "added",
                (Some(_), None) => "deleted",
                _ if moved_from.is_some() => "moved",
                _ => "modified",
            };
            let head = &group[0];
            Version {
                commit: Some(head.short.clone()),
                full: Some(head.commit.clone()),
                author: Some(head.author.clone()),
                date: Some(head.date.clone()),
                subject: Some(head.subject.clone()),
                change,
                path,
                moved_from,
                changes: diff(old.as_ref(), new.as_ref()),
            }
        })
        .collect()
}
