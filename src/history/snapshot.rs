//! The record files as they stood at a revision (read from git objects, no checkout), or as
//! they are in the work tree now.

use std::path::Path;

use anyhow::Result;

use crate::git::Git;
use crate::model::Kind;
use crate::store::{RecordFile, walk};

/// Record files and their text at one point in time.
pub struct Snapshot {
    pub files: Vec<(RecordFile, String)>,
}

/// The records under `root/records/` at `commit`; paths are where they would sit in the work tree.
pub fn snapshot_at(git: &Git, root: &Path, commit: &str, kinds: &[Kind]) -> Result<Snapshot> {
    let top = git.top()?.canonicalize()?;
    let records = root.join("records");
    let prefix = records
        .canonicalize()
        .unwrap_or_else(|_| records.clone())
        .strip_prefix(&top)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_else(|_| "records".into());
    let mut blobs = git.blobs()?;
    let mut files = Vec::new();
    for (path, oid) in git.ls_tree(commit, &prefix)? {
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
        let Some(bytes) = blobs.get(&oid)? else { continue };
        files.push((
            RecordFile {
                kind,
                path: records.join(rel),
            },
            String::from_utf8_lossy(&bytes).into_owned(),
        ));
    }
    Ok(Snapshot { files })
}

/// The records in the work tree now (files that cannot be read are left to `validate`).
pub fn snapshot_worktree(root: &Path, kinds: &[Kind]) -> Snapshot {
    let (found, _) = walk(&root.join("records"), kinds);
    let files = found
        .into_iter()
        .filter_map(|f| std::fs::read_to_string(&f.path).ok().map(|text| (f, text)))
        .collect();
    Snapshot { files }
}
