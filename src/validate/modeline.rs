//! The `# yaml-language-server: $schema=…` line: editors use it to check a record as it is
//! typed, so a line that no longer points at the kind's schema (a record moved into a
//! subfolder, or copied from another kind) is a warning.

use std::path::{Component, Path};

use super::finding::Finding;
use crate::model::Kind;
use crate::store::yaml::Pos;

const MARK: &str = "$schema=";

/// A warning when the file's `$schema` line, if it has one, does not name `kind`'s schema as
/// seen from the file's folder. Only the leading comment lines are read; nothing is looked up
/// on disk.
pub fn check(path: &Path, kind: Kind, text: &str) -> Option<Finding> {
    let (line_no, line) = text
        .lines()
        .enumerate()
        .take_while(|(_, l)| l.trim_start().starts_with('#'))
        .find(|(_, l)| l.contains("yaml-language-server") && l.contains(MARK))?;
    let start = line.find(MARK)? + MARK.len();
    let target = line[start..].split_whitespace().next().unwrap_or_default();
    let schema = kind.schema_file();
    let expected = expected(path, kind)?;
    let fine = if target.contains("://") {
        target.rsplit('/').next() == Some(schema.as_str())
    } else {
        target == expected
    };
    if fine {
        return None;
    }
    Some(
        Finding::warning(
            path,
            Pos {
                line: u32::try_from(line_no + 1).unwrap_or(u32::MAX),
                col: u32::try_from(line[..start].chars().count() + 1).unwrap_or(u32::MAX),
            },
            "schema-line",
            format!("the `$schema` line points to `{target}`, but from this folder the {kind} schema is `{expected}`"),
        )
        .hint(format!(
            "change the line to `# yaml-language-server: $schema={expected}`, so editors check the record"
        )),
    )
}

/// `../` for each folder between the file and the repository root (the folder holding
/// `records/`), then `schemas/<kind>.schema.json`; `None` when the path is not laid out as
/// `…/records/<kind folder>/…/FILE`.
fn expected(path: &Path, kind: Kind) -> Option<String> {
    let dirs: Vec<&str> = path
        .parent()?
        .components()
        .map(|c| match c {
            Component::Normal(s) => s.to_str().unwrap_or(""),
            _ => "",
        })
        .collect();
    let at = (1..dirs.len())
        .rev()
        .find(|&i| dirs[i] == kind.folder() && dirs[i - 1] == "records")?;
    let depth = dirs.len() - (at - 1);
    Some(format!("{}schemas/{}", "../".repeat(depth), kind.schema_file()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTION: &str = "# yaml-language-server: $schema=../../schemas/action.schema.json\nid: CCAG1-01\n";

    #[test]
    fn the_line_must_name_the_kinds_schema_from_the_files_folder() {
        let top = Path::new("/repo/records/actions/CCAG1-01.yaml");
        assert!(check(top, Kind::Action, ACTION).is_none());
        let moved = Path::new("/repo/records/actions/2024/CCAG1-01.yaml");
        let w = check(moved, Kind::Action, ACTION).unwrap();
        assert_eq!((w.line, w.col, w.rule), (1, 33, "schema-line"));
        assert!(
            w.message
                .contains("the action schema is `../../../schemas/action.schema.json`"),
            "{}",
            w.message
        );
        let cr = Path::new("/repo/records/changes/BSC/P466.yaml");
        assert!(check(cr, Kind::Cr, ACTION).is_some());
        let cr_text = "# provenance\n# yaml-language-server: $schema=../../../schemas/cr.schema.json\nid: P466\n";
        assert!(check(cr, Kind::Cr, cr_text).is_none());
        // No line, a URL to the right schema, or a path ccag cannot place: nothing to say.
        assert!(check(moved, Kind::Action, "id: CCAG1-01\n").is_none());
        let url = "# yaml-language-server: $schema=https://example.org/s/action.schema.json\n";
        assert!(check(moved, Kind::Action, url).is_none());
        assert!(check(Path::new("elsewhere/X.yaml"), Kind::Action, ACTION).is_none());
        // Only the leading comments count.
        let late = "id: CCAG1-01\n# yaml-language-server: $schema=nowhere\n";
        assert!(check(moved, Kind::Action, late).is_none());
    }
}
