//! `ccag log ID` as data: every commit that touched a record, newest first, with field changes.

use anyhow::Result;
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

/// The history of the file at `path` (relative to the top of the work tree), following renames.
/// `worktree` is the file's current text when it differs from HEAD (uncommitted changes);
/// `until` ends the history at that commit (`--at`) instead of HEAD.
pub fn record_log(
    git: &Git,
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
    // git's rename following also finds copies: a record re-added beside a similar one can look
    // "copied" from it. Records are matched by id, so a source with another id ends the trail
    // there (the record was added), and the search goes on from that commit's parent.
    let id = stem(path);
    let mut start: Option<String> = until.map(str::to_string);
    let mut path = path.to_string();
    'trail: loop {
        let entries = git.log_follow(&path, start.as_deref())?;
        if entries.is_empty() {
            break;
        }
        // Every version this stretch of history needs, read from git in one pipelined batch and
        // parsed once each (a commit's "after" is the next one's "before").
        let wanted = |entry: &LogEntry| -> (Option<String>, Option<String>) {
            let other_record = stem(&entry.old_path) != id;
            let new = (entry.status != "D").then(|| {
                entry
                    .new_blob
                    .clone()
                    .unwrap_or_else(|| format!("{}:{}", entry.commit, entry.path))
            });
            let old = match (&entry.parent, entry.status.as_str()) {
                (_, "A") | (None, _) => None,
                _ if other_record => None,
                (Some(parent), _) => Some(
                    entry
                        .old_blob
                        .clone()
                        .unwrap_or_else(|| format!("{parent}:{}", entry.old_path)),
                ),
            };
            (old, new)
        };
        let plan: Vec<(Option<String>, Option<String>)> = entries.iter().map(wanted).collect();
        let mut specs: Vec<String> = plan
            .iter()
            .flat_map(|(o, n)| o.iter().chain(n.iter()).cloned())
            .collect();
        specs.sort();
        specs.dedup();
        let contents = git.read_blobs(&specs)?;
        let parsed: std::collections::HashMap<&str, Option<Value>> = specs
            .iter()
            .map(String::as_str)
            .zip(contents.into_iter().map(parse_version))
            .collect();
        let version = |spec: &Option<String>| spec.as_deref().and_then(|s| parsed.get(s).cloned().flatten());
        for (entry, (old_spec, new_spec)) in entries.into_iter().zip(plan) {
            let other_record = stem(&entry.old_path) != id;
            let new = version(&new_spec);
            let old = version(&old_spec);
            let moved = entry.old_path != entry.path && !other_record;
            let change = match (&old, &new) {
                (None, Some(_)) => "added",
                (Some(_), None) => "deleted",
                _ if moved => "moved",
                _ => "modified",
            };
            let restart = other_record.then(|| (format!("{}^", entry.commit), entry.path.clone()));
            versions.push(Version {
                commit: Some(entry.short),
                full: Some(entry.commit),
                author: Some(entry.author),
                date: Some(entry.date),
                subject: Some(entry.subject),
                change,
                path: entry.path,
                moved_from: moved.then_some(entry.old_path),
                changes: diff(old.as_ref(), new.as_ref()),
            });
            if let Some((from, at)) = restart {
                start = Some(from);
                path = at;
                continue 'trail;
            }
        }
        break;
    }
    Ok(versions)
}

/// A record's id from its path: the file name without `.yaml`.
pub(crate) fn stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".yaml").unwrap_or(name)
}
