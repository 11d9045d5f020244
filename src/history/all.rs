//! The history of every record at once, for the site's pages: one `git log` over the records
//! folder and one `git cat-file` batch for every version, instead of a log per record.

use std::collections::HashMap;

use anyhow::Result;
use rayon::prelude::*;

use super::log::{Version, stem, versions_of, versions_read};
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
        .map(|(id, commits)| (id, versions_of(commits, &version)))
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
