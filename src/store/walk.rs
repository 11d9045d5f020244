//! Walk `records/`: every `.yaml` file with the kind its folder gives it; nothing skipped silently.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
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

/// Every record file under `records`, sorted by kind and then path, and the paths that could
/// not be taken as records.
///
/// Symlinks are not followed out of the tree: a symlinked file is loaded only when it
/// resolves inside `records/`, and a symlinked folder is reported, never entered, so
/// loops cannot occur. The kind folders are walked in parallel.
pub fn walk(records: &Path, kinds: &[Kind]) -> (Vec<RecordFile>, Vec<Skipped>) {
    let canonical_records = records.canonicalize().unwrap_or_else(|_| records.to_path_buf());
    let mut top = Found::default();
    // The folders to walk, with the kind each gives its files.
    let mut folders: Vec<(PathBuf, String, Option<Kind>)> = Vec::new();
    for entry in WalkDir::new(records).min_depth(1).max_depth(1).follow_links(false) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                top.error(e, records);
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let kind = Kind::from_folder(&name);
        if entry.file_type().is_dir() {
            // Kind folders not asked for are not entered (`ccag actions` reads only `actions/`).
            if kind.is_none_or(|k| kinds.contains(&k)) {
                folders.push((entry.into_path(), name, kind));
            }
        } else {
            top.visit(&entry, None, None, kinds, &canonical_records);
        }
    }
    // In kind order, so that the folders' sorted files concatenate into (kind, path) order.
    folders.sort_by_key(|(_, _, kind)| *kind);
    let found: Vec<Found> = folders
        .par_iter()
        .map(|(path, name, kind)| walk_folder(path, name, *kind, kinds, &canonical_records))
        .collect();
    let mut files = Vec::with_capacity(found.iter().map(|f| f.files.len()).sum());
    let mut skipped = top.skipped;
    for f in found {
        files.extend(f.files);
        skipped.extend(f.skipped);
    }
    skipped.sort_by(|a, b| path_order(&a.path, &b.path));
    (files, skipped)
}

/// What a walk found: record files, and paths reported instead of loaded.
#[derive(Default)]
struct Found {
    files: Vec<RecordFile>,
    skipped: Vec<Skipped>,
}

/// Walk one folder directly under `records/` (`name`), whose files are of `kind` if it is a
/// kind folder; its files come back sorted by path.
fn walk_folder(folder: &Path, name: &str, kind: Option<Kind>, kinds: &[Kind], canonical_records: &Path) -> Found {
    let mut found = Found::default();
    let walker = WalkDir::new(folder)
        .min_depth(1)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| !file_name(e.path()).starts_with('.'));
    for entry in walker {
        match entry {
            Ok(entry) => found.visit(&entry, kind, Some(name), kinds, canonical_records),
            Err(e) => found.error(e, folder),
        }
    }
    // The same order as comparing the paths component by component, without parsing them.
    found.files.sort_unstable_by(|a, b| path_order(&a.path, &b.path));
    found
}

impl Found {
    fn error(&mut self, e: walkdir::Error, fallback: &Path) {
        self.skipped.push(Skipped {
            path: e
                .path()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| fallback.to_path_buf()),
            rule: "io",
            message: format!(
                "cannot read: {}",
                e.io_error().map(|e| e.to_string()).unwrap_or_else(|| e.to_string())
            ),
            hint: None,
            warning: false,
        });
    }

    /// Take one entry below `records/`: a record file of `kind` when it sits in a kind folder
    /// (`folder` is the folder under `records/` holding it, `None` for `records/` itself), else a
    /// report.
    fn visit(
        &mut self,
        entry: &walkdir::DirEntry,
        kind: Option<Kind>,
        folder: Option<&str>,
        kinds: &[Kind],
        canonical_records: &Path,
    ) {
        let path = entry.path();
        let file_type = entry.file_type();
        if file_type.is_symlink() {
            let target = path.canonicalize();
            let inside = target.as_ref().is_ok_and(|t| t.starts_with(canonical_records));
            let target_is_file = target.as_ref().is_ok_and(|t| t.is_file());
            if !(inside && target_is_file) {
                if is_yaml(&file_name(path)) || target.as_ref().is_ok_and(|t| t.is_dir()) {
                    self.skipped.push(Skipped {
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
                return;
            }
        } else if file_type.is_dir() {
            return;
        } else if !file_type.is_file() {
            // A FIFO, socket or device: never opened (reading a FIFO would wait for a writer).
            self.skipped.push(Skipped {
                path: path.to_path_buf(),
                rule: "not-a-file",
                message: format!(
                    "`{}` is not a regular file (a pipe, socket or device), so it is not read",
                    file_name(path).escape_debug()
                ),
                hint: Some("keep only record files under `records/`".into()),
                warning: false,
            });
            return;
        }

        let name = file_name(path);
        if !is_yaml(&name) {
            if let Some(skipped) = misnamed(path, &name) {
                self.skipped.push(skipped);
            }
            return;
        }
        match kind {
            Some(kind) if folder.is_some() => {
                if kinds.contains(&kind) {
                    self.files.push(RecordFile {
                        kind,
                        path: path.to_path_buf(),
                    });
                }
            }
            _ => self.skipped.push(Skipped {
                path: path.to_path_buf(),
                rule: "unknown-kind",
                message: match folder {
                    Some(f) => format!("`records/{f}/` is not a record folder"),
                    None => "record files belong in a kind folder, not directly in `records/`".into(),
                },
                hint: Some(format!(
                    "record folders are {}",
                    Kind::ALL.map(|k| format!("`{}/`", k.folder())).join(", ")
                )),
                warning: false,
            }),
        }
    }
}

/// The record file named after `id`: its likely places first (`records/<kind>/<id>.yaml`, and one
/// folder down for crs filed by body), so that a command about one record need not list them
/// all; any other place or case is found by the full walk. Two files with the id (after a
/// merge, say) are an error naming both: a command about one record never picks one silently.
pub fn find(records: &Path, id: &str) -> anyhow::Result<Option<RecordFile>> {
    let plain_file = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_file());
    let mut found: Vec<RecordFile> = Vec::new();
    if crate::ids::is_safe(id) {
        let name = format!("{id}.yaml");
        for kind in Kind::ALL {
            let folder = records.join(kind.folder());
            let direct = folder.join(&name);
            if plain_file(&direct) {
                found.push(RecordFile { kind, path: direct });
            }
            if kind == Kind::Cr
                && let Ok(entries) = std::fs::read_dir(&folder)
            {
                let mut in_bodies: Vec<PathBuf> = entries
                    .flatten()
                    .filter(|e| {
                        e.file_type().is_ok_and(|t| t.is_dir()) && !e.file_name().to_string_lossy().starts_with('.')
                    })
                    .map(|e| e.path().join(&name))
                    .filter(|p| plain_file(p))
                    .collect();
                in_bodies.sort();
                found.extend(in_bodies.into_iter().map(|path| RecordFile { kind, path }));
            }
        }
    }
    if found.is_empty() {
        let (files, _) = walk(records, &Kind::ALL);
        found = files
            .into_iter()
            .filter(|f| crate::ids::same(&stem(&f.path), id))
            .collect();
    }
    if found.len() > 1 {
        let base = records.parent().unwrap_or(records);
        let names: Vec<String> = found
            .iter()
            .map(|f| format!("`{}`", f.path.strip_prefix(base).unwrap_or(&f.path).display()))
            .collect();
        anyhow::bail!(
            "id `{id}` is used by {} record files: {}; ccag will not pick one\n  \
             hint: keep one (`git rm` the other), or give one a new id with `ccag mv`",
            found.len(),
            names.join(" and ")
        );
    }
    Ok(found.pop())
}

/// A record file's id as its name gives it: the file name without `.yaml`.
pub fn stem(path: &Path) -> std::borrow::Cow<'_, str> {
    match file_name(path) {
        std::borrow::Cow::Borrowed(name) => std::borrow::Cow::Borrowed(crate::ids::from_file_name(name)),
        std::borrow::Cow::Owned(name) => std::borrow::Cow::Owned(crate::ids::from_file_name(&name).to_string()),
    }
}

/// The last component of a path (for the paths walk yields), read from its text: cheaper than
/// `Path::file_name`, which parses the whole path.
pub fn file_name(path: &Path) -> std::borrow::Cow<'_, str> {
    match path.to_str() {
        Some(s) => std::borrow::Cow::Borrowed(s.rsplit(std::path::is_separator).next().unwrap_or(s)),
        None => path.file_name().unwrap_or(path.as_os_str()).to_string_lossy(),
    }
}

/// Paths in component order (`a/x` before `a-b/x`), comparing bytes with separators lowest
/// (for the normalised paths the walk makes, the same order as `Path`'s, without parsing them).
pub fn path_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    let (a, b) = (a.as_os_str().as_encoded_bytes(), b.as_os_str().as_encoded_bytes());
    // Skip the common prefix eight bytes at a time (sibling paths share most of theirs).
    let common = a.len().min(b.len());
    let mut i = 0;
    while i + 8 <= common && a[i..i + 8] == b[i..i + 8] {
        i += 8;
    }
    while i < common && a[i] == b[i] {
        i += 1;
    }
    let key = |c: u8| if std::path::is_separator(c as char) { 0 } else { c };
    match (a.get(i), b.get(i)) {
        (Some(&x), Some(&y)) => key(x).cmp(&key(y)),
        _ => a.len().cmp(&b.len()),
    }
}

fn is_yaml(name: &str) -> bool {
    name.len() > ".yaml".len() && name.ends_with(".yaml")
}

/// Why a file under `records/` that is not named `ID.yaml` is not loaded: a record file with
/// the wrong ending (`.yml`, `.YAML`) or stray spaces around its name is an error, since its
/// record would silently be missing; any other file is a warning (a README in `records/` is
/// not a record, but it should be said that it is not read). `None` for a lock file ccag's
/// editors leave (`.#…`, `…~`) — hidden files are not walked at all.
fn misnamed(path: &Path, name: &str) -> Option<Skipped> {
    if name.ends_with('~') || name.starts_with(".#") {
        return None;
    }
    let trimmed = name.trim();
    let lower = trimmed.to_ascii_lowercase();
    let stem = lower
        .strip_suffix(".yaml")
        .or_else(|| lower.strip_suffix(".yml"))
        .map(|_| trimmed.rsplit_once('.').map_or(trimmed, |(s, _)| s).trim());
    let error = |message: String, hint: String| Skipped {
        path: path.to_path_buf(),
        rule: "file-name",
        message,
        hint: Some(hint),
        warning: false,
    };
    Some(match stem {
        Some(stem) if trimmed != name => error(
            format!(
                "the file name `{}` has spaces around it; this file is not loaded",
                name.escape_debug()
            ),
            format!("rename it to `{stem}.yaml`"),
        ),
        Some(stem) => error(
            format!(
                "record files end in `.yaml` (lower case), not `{}`; this file is not loaded",
                &name[stem.len()..]
            ),
            format!("rename it to `{stem}.yaml`"),
        ),
        None => Skipped {
            path: path.to_path_buf(),
            rule: "not-a-record",
            message: format!(
                "`{}` is not a record file (record files are named `ID.yaml`), so it is not read",
                name.escape_debug()
            ),
            hint: Some("keep notes and other files outside `records/`".into()),
            warning: true,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_come_in_kind_then_path_component_order() {
        let dir = tempfile::tempdir().unwrap();
        let records = dir.path().join("records");
        for rel in [
            "changes/BSC/P466.yaml",
            "changes/BSC-X/P1.yaml",
            "changes/B/P2.yaml",
            "changes/BSC.yaml",
            "changes/BSC/P1589.yaml",
            "actions/CCAG26-01.yaml",
            "actions/CCAG25-01.yaml",
            "actions/nested/CCAG1-01.yaml",
            "meetings/CCAG27.yaml",
            "risks/R1.yaml",
        ] {
            let path = records.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "id: x\n").unwrap();
        }
        let (files, skipped) = walk(&records, &Kind::ALL);
        assert!(skipped.is_empty(), "{skipped:?}");
        let mut expected = files.clone();
        expected.sort(); // kind, then `Path`'s own component-wise order
        assert_eq!(files, expected);
        let names: Vec<String> = files
            .iter()
            .map(|f| f.path.strip_prefix(&records).unwrap().display().to_string())
            .collect();
        assert_eq!(names[0], "actions/CCAG25-01.yaml");
        let b = names.iter().position(|n| n == "changes/B/P2.yaml").unwrap();
        let bsc = names.iter().position(|n| n == "changes/BSC/P1589.yaml").unwrap();
        let bsc_x = names.iter().position(|n| n == "changes/BSC-X/P1.yaml").unwrap();
        assert!(b < bsc && bsc < bsc_x, "{names:?}");
    }

    #[test]
    fn path_order_is_component_order() {
        let cases = [
            ("a/x", "a-b/x"),
            ("a/x", "a.b"),
            ("a", "a/b"),
            ("a/b", "ab"),
            ("x/P1.yaml", "x/P1589.yaml"),
        ];
        for (a, b) in cases {
            let (a, b) = (Path::new(a), Path::new(b));
            assert_eq!(path_order(a, b), a.cmp(b), "{a:?} {b:?}");
            assert_eq!(path_order(b, a), b.cmp(a), "{b:?} {a:?}");
        }
    }
}
