//! The history of every record at once, for the site's pages: one `git log` over the records
//! folder and one `git cat-file` batch for every version, instead of a log per record.

use std::collections::HashMap;

use anyhow::Result;
use rayon::prelude::*;
use serde_json::Value;

use super::diff::diff;
use super::log::{Version, parse_version, stem};
use crate::git::{Git, LogEntry};

/// Each record's versions, newest first, by id (the file name), following it across folders:
/// a commit that deletes `ID.yaml` in one folder and adds it in another moved it.
pub fn all_logs(git: &Git, prefix: &str) -> Result<HashMap<String, Vec<Version>>> {
    let entries: Vec<LogEntry> = git
        .log_all(prefix)?
        .into_iter()
        .filter(|e| e.path.ends_with(".yaml"))
        .collect();
    let parsed = versions_read(git, &entries)?;
    let version = |blob: &Option<String>| blob.as_deref().and_then(|b| parsed.get(b).cloned().flatten());

    Ok(by_id(entries)
        .into_par_iter()
        .map(|(id, commits)| (id, versions(commits, &version)))
        .collect())
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

/// Log entries grouped by id (the file name), then by commit, in log order (newest first).
fn by_id(entries: Vec<LogEntry>) -> HashMap<String, Vec<Vec<LogEntry>>> {
    let mut by_id: HashMap<String, Vec<Vec<LogEntry>>> = HashMap::new();
    for entry in entries {
        let id = stem(&entry.path).to_string();
        let commits = by_id.entry(id).or_default();
        match commits.last_mut() {
            Some(last) if last[0].commit == entry.commit => last.push(entry),
            _ => commits.push(vec![entry]),
        }
    }
    by_id
}

/// One record's versions from its commits (each the entries of one commit for the record's
/// files): a commit that deletes the file in one folder and adds it in another moved it.
/// `version` gives the parsed record for a blob id.
pub(super) fn versions(
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
