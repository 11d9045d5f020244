//! Findings for CI systems: SARIF 2.1.0 (code scanning alerts on the lines they concern) and
//! JUnit XML (a test suite per record kind, a test case per record file, a failure per error).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde_json::{Value, json};

use super::findings::{Reporter, Totals};
use crate::validate::{Finding, RULES, Severity};

/// Paths as SARIF and JUnit want them: relative to the repository root, with forward slashes.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The field a finding's message names: its last `backticked` word (`status` in "`opne` is not
/// a valid `status`"), else the rule.
fn field_of(f: &Finding) -> &str {
    let parts: Vec<&str> = f.message.split('`').collect();
    // Backticked words sit at the odd places of the split; the last complete one.
    let last = if parts.len() % 2 == 1 {
        parts.len().checked_sub(2)
    } else {
        parts.len().checked_sub(3)
    };
    last.filter(|i| i % 2 == 1).map(|i| parts[i]).unwrap_or(f.rule)
}

/// A stable fingerprint from the rule, the record id (the file name) and the field, so an alert
/// survives the lines around it moving.
fn fingerprint(f: &Finding) -> String {
    let id = f
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    // FNV-1a, 64 bits: small, fixed across versions and platforms (std's hashers are not).
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in format!("{}\0{id}\0{}", f.rule, field_of(f)).bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

pub struct Sarif {
    pub root: PathBuf,
}

impl Reporter for Sarif {
    fn report(&self, findings: &[&Finding], _totals: Totals, out: &mut dyn Write) -> Result<()> {
        let rules: Vec<Value> = RULES
            .iter()
            .map(|(id, about)| {
                json!({
                    "id": id,
                    "name": id,
                    "shortDescription": {"text": about},
                    "helpUri": "https://github.com/OWNER/ccag#ccag-validate",
                })
            })
            .collect();
        let results: Vec<Value> = findings
            .iter()
            .map(|f| {
                let mut text = f.message.clone();
                if let Some(hint) = &f.hint {
                    text.push_str(&format!(" (hint: {hint})"));
                }
                let mut result = json!({
                    "ruleId": f.rule,
                    "level": match f.severity { Severity::Error => "error", Severity::Warning => "warning" },
                    "message": {"text": text},
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": {"uri": relative(&self.root, &f.path), "uriBaseId": "%SRCROOT%"},
                            "region": {"startLine": f.line.max(1), "startColumn": f.col.max(1)},
                        }
                    }],
                    "partialFingerprints": {"ccagFinding/v1": fingerprint(f)},
                });
                if let Some(index) = RULES.iter().position(|(id, _)| *id == f.rule) {
                    result["ruleIndex"] = json!(index);
                }
                result
            })
            .collect();
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "ccag",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/OWNER/ccag",
                    "rules": rules,
                }},
                "results": results,
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)?;
        Ok(())
    }
}

pub struct Junit {
    pub root: PathBuf,
    /// Every file checked, with its kind's name.
    pub files: Vec<(&'static str, PathBuf)>,
}

/// Text safe in XML content and attribute values.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

impl Reporter for Junit {
    fn report(&self, findings: &[&Finding], totals: Totals, out: &mut dyn Write) -> Result<()> {
        // Suites in kind order; files with findings but no kind (outside the kind folders) last.
        let mut suites: Vec<(&str, Vec<PathBuf>)> = Vec::new();
        for (kind, path) in &self.files {
            match suites.iter_mut().find(|(k, _)| k == kind) {
                Some((_, paths)) => paths.push(path.clone()),
                None => suites.push((kind, vec![path.clone()])),
            }
        }
        let mut others: Vec<PathBuf> = findings
            .iter()
            .map(|f| f.path.clone())
            .filter(|p| !self.files.iter().any(|(_, q)| q == p))
            .collect();
        others.dedup();
        if !others.is_empty() {
            suites.push(("other files", others));
        }
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<testsuites name="ccag validate" tests="{}" failures="{}">"#,
            suites.iter().map(|(_, p)| p.len()).sum::<usize>(),
            totals.errors
        )?;
        for (kind, paths) in &suites {
            let errors_of =
                |p: &PathBuf| -> Vec<&&Finding> { findings.iter().filter(|f| &f.path == p && f.is_error()).collect() };
            let failures: usize = paths.iter().map(|p| errors_of(p).len()).sum();
            writeln!(
                out,
                r#"  <testsuite name="{}" tests="{}" failures="{failures}">"#,
                xml(kind),
                paths.len()
            )?;
            for path in paths {
                let name = relative(&self.root, path);
                let errors = errors_of(path);
                if errors.is_empty() {
                    writeln!(
                        out,
                        r#"    <testcase classname="{}" name="{}"/>"#,
                        xml(kind),
                        xml(&name)
                    )?;
                    continue;
                }
                writeln!(out, r#"    <testcase classname="{}" name="{}">"#, xml(kind), xml(&name))?;
                for f in errors {
                    writeln!(
                        out,
                        r#"      <failure type="{}" message="{}">{}:{}:{}: {}</failure>"#,
                        xml(f.rule),
                        xml(&f.message),
                        xml(&name),
                        f.line,
                        f.col,
                        xml(f.hint.as_deref().unwrap_or(&f.message))
                    )?;
                }
                writeln!(out, "    </testcase>")?;
            }
            writeln!(out, "  </testsuite>")?;
        }
        writeln!(out, "</testsuites>")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::yaml::Pos;

    #[test]
    fn fingerprints_follow_rule_record_and_field_not_the_line() {
        let a = Finding::error(
            "/r/records/actions/CCAG1-01.yaml",
            Pos { line: 3, col: 9 },
            "bad-value",
            "`opne` is not a valid `status`",
        );
        let moved = Finding::error(
            "/r/records/actions/CCAG1-01.yaml",
            Pos { line: 9, col: 9 },
            "bad-value",
            "`open2` is not a valid `status`",
        );
        let other = Finding::error(
            "/r/records/actions/CCAG1-02.yaml",
            Pos { line: 3, col: 9 },
            "bad-value",
            "`opne` is not a valid `status`",
        );
        assert_eq!(field_of(&a), "status");
        assert_eq!(fingerprint(&a), fingerprint(&moved));
        assert_ne!(fingerprint(&a), fingerprint(&other));
        assert_eq!(
            relative(Path::new("/r"), Path::new("/r/records/actions/x.yaml")),
            "records/actions/x.yaml"
        );
        assert_eq!(xml("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;\\u{1}");
    }
}
