//! Walk `records/`: every `.yaml` file with the kind its folder gives it; nothing skipped silently.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::model::Kind;

/// A record file and the kind its folder gives it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RecordFile {
    pub kind: Kind,
    pub path: PathBuf,
}

/// A path under `records/` that is not loaded, and why: reported, never silently dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub rule: &'static str,
    pub message: String,
    pub hint: Option<String>,
    /// Warnings do not fail validation by default.
    pub warning: bool,
}

/// Every record file under `records`, sorted by path, and the paths that could not be taken as records.
///
/// Symlinks are not followed out of the tree: a symlinked file is loaded only when it
/// resolves inside `records/`, and a symlinked folder is reported, never entered, so
/// loops cannot occur.
pub fn walk(records: &Path, kinds: &[Kind]) -> (Vec<RecordFile>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let canonical_records = records.canonicalize().unwrap_or_else(|_| records.to_path_buf());
    let walker = WalkDir::new(records)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    // The kind folder being walked (walkdir yields a folder before what it holds).
    let mut folder: Option<String> = None;
    let mut kind: Option<Kind> = None;
    let wanted = |e: &walkdir::DirEntry| {
        if e.depth() == 0 {
            return true;
        }
        let name = e.file_name().to_string_lossy();
        if name.starts_with('.') {
            return false;
        }
        // Kind folders not asked for are not entered (`ccag actions` reads only `actions/`).
        !(e.depth() == 1 && e.file_type().is_dir() && Kind::from_folder(&name).is_some_and(|k| !kinds.contains(&k)))
    };
    for entry in walker.filter_entry(wanted) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                skipped.push(Skipped {
                    path: e.path().map(Path::to_path_buf).unwrap_or_else(|| records.to_path_buf()),
                    rule: "io",
                    message: format!(
                        "cannot read: {}",
                        e.io_error().map(|e| e.to_string()).unwrap_or_else(|| e.to_string())
                    ),
                    hint: None,
                    warning: false,
                });
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let path = entry.path();
        if entry.depth() == 1 {
            let name = entry.file_name().to_string_lossy().into_owned();
            kind = Kind::from_folder(&name);
            folder = Some(name);
        }
        let file_type = entry.file_type();

        if file_type.is_symlink() {
            let target = path.canonicalize();
            let inside = target.as_ref().is_ok_and(|t| t.starts_with(&canonical_records));
            let target_is_file = target.as_ref().is_ok_and(|t| t.is_file());
            if !(inside && target_is_file) {
                if is_yaml(path) || target.as_ref().is_ok_and(|t| t.is_dir()) {
                    skipped.push(Skipped {
                        path: path.to_path_buf(),
                        rule: "symlink",
                        message: if target.as_ref().is_ok_and(|t| t.is_dir()) {
                            "symlinked folder is not followed".into()
                        } else {
                            "symlink does not lead to a file inside `records/`".into()
                        },
                        hint: Some("keep record files themselves under `records/`".into()),
                        warning: false,
                    });
                }
                continue;
            }
        } else if !file_type.is_file() {
            continue;
        }

        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.ends_with(".yml") {
            skipped.push(Skipped {
                path: path.to_path_buf(),
                rule: "file-name",
                message: "record files end in `.yaml`, not `.yml`; this file is not loaded".into(),
                hint: Some(format!(
                    "rename it to `{}`",
                    name.trim_end_matches(".yml").to_string() + ".yaml"
                )),
                warning: false,
            });
            continue;
        }
        if !is_yaml(path) {
            continue;
        }
        let nested = entry.depth() >= 2;
        match kind {
            Some(kind) if nested => {
                if kinds.contains(&kind) {
                    files.push(RecordFile {
                        kind,
                        path: path.to_path_buf(),
                    });
                }
            }
            _ => skipped.push(Skipped {
                path: path.to_path_buf(),
                rule: "unknown-kind",
                message: match folder.as_deref() {
                    Some(f) if nested => format!("`records/{f}/` is not a record folder"),
                    _ => "record files belong in a kind folder, not directly in `records/`".into(),
                },
                hint: Some(format!(
                    "record folders are {}",
                    Kind::ALL.map(|k| format!("`{}/`", k.folder())).join(", ")
                )),
                warning: false,
            }),
        }
    }
    files.sort();
    (files, skipped)
}

fn is_yaml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "yaml")
}
