//! A finding: one problem at one place, as plain data (printing lives in the command layer).

use std::path::PathBuf;

use serde::Serialize;

use crate::store::yaml::Pos;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub path: PathBuf,
    pub line: u32,
    pub col: u32,
    pub severity: Severity,
    pub rule: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Finding {
    pub fn error(path: impl Into<PathBuf>, pos: Pos, rule: &'static str, message: impl Into<String>) -> Finding {
        Finding {
            path: path.into(),
            line: pos.line,
            col: pos.col,
            severity: Severity::Error,
            rule,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(path: impl Into<PathBuf>, pos: Pos, rule: &'static str, message: impl Into<String>) -> Finding {
        Finding {
            severity: Severity::Warning,
            ..Finding::error(path, pos, rule, message)
        }
    }

    pub fn with_hint(mut self, hint: Option<String>) -> Finding {
        self.hint = hint;
        self
    }

    pub fn hint(self, hint: impl Into<String>) -> Finding {
        self.with_hint(Some(hint.into()))
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&PathBuf, u32, u32, Severity, &'static str, &str) {
        (&self.path, self.line, self.col, self.severity, self.rule, &self.message)
    }
}

impl PartialOrd for Finding {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Finding {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        crate::store::walk::path_order(&self.path, &other.path).then_with(|| self.sort_key().cmp(&other.sort_key()))
    }
}

/// The closest of `candidates` to `word`, when close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .filter_map(|c| {
            let other = c.to_lowercase();
            let edits = strsim::osa_distance(&lower, &other);
            // Short words: one or two edits (`BCS` → `BSC`); longer ones: similar overall.
            let close = edits <= (lower.chars().count() / 4).max(1);
            let score = strsim::jaro_winkler(&lower, &other);
            (close || score >= 0.8).then_some((score - edits as f64, c))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// A JSON pointer as a reader names the field: `/updates/1/date` → `updates[1].date`.
pub fn field_name(pointer: &str) -> String {
    let mut out = String::new();
    for segment in pointer.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        if segment.chars().all(|c| c.is_ascii_digit()) && !segment.is_empty() {
            out.push_str(&format!("[{segment}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&segment);
        }
    }
    out
}

/// Every rule a finding can carry, with what it catches (SARIF lists them as the tool's rules).
pub const RULES: &[(&str, &str)] = &[
    ("syntax", "The file is not valid YAML"),
    ("duplicate-key", "A key appears twice in one mapping"),
    ("empty-file", "The file holds no record"),
    ("multiple-documents", "The file holds more than one YAML document"),
    (
        "not-a-mapping",
        "The file holds a list or a single value, not a record's fields",
    ),
    ("encoding", "The file is not UTF-8"),
    ("unknown-tag", "A YAML tag other than the core schema's (`!foo open`)"),
    (
        "control-character",
        "A raw control character, which YAML does not allow in a file",
    ),
    (
        "merge-conflict",
        "A merge conflict marker (`<<<<<<<`, `=======`, `>>>>>>>`) left in the file",
    ),
    ("file-too-large", "The file is over 1 MiB"),
    ("too-deep", "Nesting past 64 levels"),
    ("alias-limit", "Too many YAML aliases (an alias bomb)"),
    ("io", "The file cannot be read"),
    ("unknown-kind", "A YAML file outside the kind folders"),
    (
        "file-name",
        "A record file whose name ccag does not read (`.yml`, `.YAML`, spaces around the name)",
    ),
    (
        "not-a-record",
        "A file under records/ that is not a record file (a warning: it is not read)",
    ),
    ("not-a-file", "A pipe, socket or device under records/ (never opened)"),
    ("symlink", "A symbolic link leading out of records/"),
    ("unknown-field", "A field the kind's schema does not have"),
    ("missing-field", "A required field is absent"),
    ("bad-value", "A value outside the field's allowed values"),
    (
        "wrong-type",
        "A value of the wrong type (text for a list, a list for text)",
    ),
    ("bad-date", "A date that is not a real YYYY-MM-DD day"),
    ("bad-format", "A value in the wrong form (a time, a web address, an id)"),
    ("schema", "Another schema violation"),
    (
        "model",
        "The record passed its schema but not ccag's model (a ccag bug)",
    ),
    ("id-file-name", "The id differs from the file name"),
    (
        "agenda-past-midnight",
        "A meeting whose items run past midnight (a warning)",
    ),
    (
        "branch-id-clash",
        "An id this branch added that the `--against` branch also added or holds",
    ),
    ("self-related", "A record that lists itself in `related` (a warning)"),
    (
        "duplicate-id",
        "Two records have the same id (in any case: `R485` and `r485`)",
    ),
    (
        "reserved-id",
        "An id Windows reserves as a device name (`CON`, `NUL`, `COM1`…)",
    ),
    ("id-pattern", "The id does not follow the group's pattern"),
    (
        "date-order",
        "A date before the date it must follow, or updates out of order",
    ),
    (
        "closed-date",
        "A closed action without `closed`, or `closed` on one that is not",
    ),
    ("unknown-meeting", "An action whose meeting has no record"),
    ("unknown-body", "A cr whose code body is not configured"),
    (
        "cr-reference",
        "A cr id that does not match its body's reference pattern",
    ),
    ("milestone-actual", "`actual` on a milestone that is not complete"),
    ("unresolved-related", "A `related` id that matches no record"),
    ("overdue-action", "An action not closed and due before today"),
    ("stale-decision", "A cr still decision-pending after its decision date"),
    ("schema-line", "The `$schema` line does not point at the kind's schema"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_pick_the_nearest_candidate() {
        let statuses = ["open", "ongoing", "recommend-closed", "closed"];
        assert_eq!(did_you_mean("recommended-closed", statuses), Some("recommend-closed"));
        assert_eq!(did_you_mean("RECOMMEND CLOSED", statuses), Some("recommend-closed"));
        assert_eq!(did_you_mean("banana", statuses), None);
        assert_eq!(did_you_mean("BCS", ["BSC", "REC", "SEC"]), Some("BSC"));
        assert_eq!(did_you_mean("amber", ["critical", "high", "medium", "low"]), None);
    }

    #[test]
    fn pointers_read_as_field_names() {
        assert_eq!(field_name("/updates/1/date"), "updates[1].date");
        assert_eq!(field_name("/owner/org"), "owner.org");
        assert_eq!(field_name(""), "");
    }
}
