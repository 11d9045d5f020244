//! The record files as they stood at a revision (read from git objects, no checkout), or as
//! they are in the work tree now.

use std::path::Path;

use anyhow::Result;

use crate::git::Blob;
use crate::git::Git;
use crate::model::Kind;
use crate::store::{LoadError, RecordFile, load, walk};

/// Record files and their text at one point in time; a file that cannot be a record (over the
/// size limit, not UTF-8, unreadable) carries the loader's finding instead, never left out.
pub struct Snapshot {
    pub files: Vec<(RecordFile, Result<String, LoadError>)>,
}

/// The records under `root/records/` at `commit`; paths are where they would sit in the work tree.
pub fn snapshot_at(git: &Git, root: &Path, commit: &str, kinds: &[Kind]) -> Result<Snapshot> {
    snapshot_at_only(git, root, commit, kinds, None)
}

/// `records/` relative to the top of the work tree, as git names it.
pub fn records_prefix(git: &Git, root: &Path) -> Result<String> {
    let top = git.top()?.canonicalize()?;
    let records = root.join("records");
    Ok(records
        .canonicalize()
        .unwrap_or_else(|_| records.clone())
        .strip_prefix(&top)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_else(|_| "records".into()))
}

/// As `snapshot_at`, but only the files whose git paths are in `only` (when given).
pub fn snapshot_at_only(
    git: &Git,
    root: &Path,
    commit: &str,
    kinds: &[Kind],
    only: Option<&std::collections::HashSet<String>>,
) -> Result<Snapshot> {
    let records = root.join("records");
    let prefix = records_prefix(git, root)?;
    let mut blobs = git.blobs()?;
    let mut files = Vec::new();
    for (path, oid) in git.ls_tree(commit, &prefix)? {
        if only.is_some_and(|only| !only.contains(&path)) {
            continue;
        }
        let Some(rel) = path.strip_prefix(&format!("{prefix}/")) else {
            continue;
        };
        if !rel.ends_with(".yaml") {
            continue;
        }
        let mut parts = rel.split('/');
        let (Some(folder), Some(_)) = (parts.next(), parts.next()) else {
            continue;
        };
        let Some(kind) = Kind::from_folder(folder).filter(|k| kinds.contains(k)) else {
            continue;
        };
        // The tree names the object, so git must produce it: `get` fails rather than say absent.
        let text = match blobs.get(&oid)? {
            Some(Blob::Bytes(bytes)) => load::text_of(bytes),
            Some(Blob::TooLarge(size)) => Err(load::too_large(size)),
            None => anyhow::bail!("git cannot read `{oid}` (`{path}` at `{commit}`)"),
        };
        files.push((
            RecordFile {
                kind,
                path: records.join(rel),
            },
            text,
        ));
    }
    Ok(Snapshot { files })
}

/// As `snapshot_worktree`, but only the files whose git paths (under `prefix`) are in `only`.
pub fn snapshot_worktree_only(
    root: &Path,
    kinds: &[Kind],
    prefix: &str,
    only: &std::collections::HashSet<String>,
) -> Snapshot {
    let records = root.join("records");
    let mut snapshot = snapshot_worktree(root, kinds);
    snapshot.files.retain(|(file, _)| {
        let rel = file
            .path
            .strip_prefix(&records)
            .unwrap_or(&file.path)
            .to_string_lossy()
            .replace('\\', "/");
        only.contains(&format!("{prefix}/{rel}"))
    });
    snapshot
}

/// The records in the work tree now, read with the loader's limits.
pub fn snapshot_worktree(root: &Path, kinds: &[Kind]) -> Snapshot {
    let (found, _) = walk(&root.join("records"), kinds);
    let files = found
        .into_iter()
        .map(|f| {
            let text = load::read_text(&f.path);
            (f, text)
        })
        .collect();
    Snapshot { files }
}
