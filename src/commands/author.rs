//! What `add`, `update` and `close` share: which flag sets which field of which kind, printing
//! refusals, and the dry-run diff.

use anyhow::Result;
use serde_json::Value;

use super::Context;
use crate::cli::FieldArgs;
use crate::model::Kind;
use crate::validate::Finding;

/// A field flag: `--flag` sets `path` on the kinds listed.
struct FieldFlag {
    flag: &'static str,
    path: &'static str,
    kinds: &'static [Kind],
}

use Kind::{Action, Cr, Meeting, Milestone, Risk};

const FIELDS: &[FieldFlag] = &[
    FieldFlag {
        flag: "title",
        path: "title",
        kinds: &[Action, Cr, Risk, Milestone],
    },
    FieldFlag {
        flag: "summary",
        path: "summary",
        kinds: &[Cr],
    },
    FieldFlag {
        flag: "raised",
        path: "raised",
        kinds: &[Action, Cr, Risk],
    },
    FieldFlag {
        flag: "due",
        path: "due",
        kinds: &[Action],
    },
    FieldFlag {
        flag: "status",
        path: "status",
        kinds: &[Action, Cr, Risk, Milestone],
    },
    FieldFlag {
        flag: "owner",
        path: "owner.org",
        kinds: &[Action, Risk],
    },
    FieldFlag {
        flag: "person",
        path: "owner.person",
        kinds: &[Action, Risk],
    },
    FieldFlag {
        flag: "body",
        path: "body",
        kinds: &[Cr],
    },
    FieldFlag {
        flag: "impact",
        path: "impact",
        kinds: &[Cr, Risk],
    },
    FieldFlag {
        flag: "impact-note",
        path: "impact_note",
        kinds: &[Cr],
    },
    FieldFlag {
        flag: "decision-date",
        path: "decision_date",
        kinds: &[Cr],
    },
    FieldFlag {
        flag: "decided-by",
        path: "decided_by",
        kinds: &[Cr],
    },
    FieldFlag {
        flag: "positions",
        path: "positions",
        kinds: &[Cr],
    },
    FieldFlag {
        flag: "implementation",
        path: "implementation",
        kinds: &[Cr],
    },
    FieldFlag {
        flag: "link",
        path: "link",
        kinds: &[Cr],
    },
    FieldFlag {
        flag: "rag",
        path: "rag",
        kinds: &[Risk],
    },
    FieldFlag {
        flag: "reviewed",
        path: "reviewed",
        kinds: &[Risk],
    },
    FieldFlag {
        flag: "baseline",
        path: "baseline",
        kinds: &[Milestone],
    },
    FieldFlag {
        flag: "forecast",
        path: "forecast",
        kinds: &[Milestone],
    },
    FieldFlag {
        flag: "actual",
        path: "actual",
        kinds: &[Milestone],
    },
    FieldFlag {
        flag: "date",
        path: "date",
        kinds: &[Meeting],
    },
    FieldFlag {
        flag: "start",
        path: "start",
        kinds: &[Meeting],
    },
    FieldFlag {
        flag: "chair",
        path: "chair",
        kinds: &[Meeting],
    },
];

/// The flag that sets `path`, for messages (`owner.org` → `--owner`).
pub fn flag_for(path: &str) -> String {
    FIELDS
        .iter()
        .find(|f| f.path == path)
        .map(|f| format!("--{}", f.flag))
        .unwrap_or_else(|| format!("--{path}"))
}

/// The fields the flags set, as (path, value), refusing flags the kind does not have.
pub fn assign(kind: Kind, args: &FieldArgs) -> Result<Vec<(String, Value)>, String> {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| Value::from(d.format("%Y-%m-%d").to_string()));
    let text = |s: &Option<String>| s.clone().map(Value::from);
    let given: Vec<(&str, Option<Value>)> = vec![
        ("title", text(&args.title)),
        ("summary", text(&args.summary)),
        ("raised", date(args.raised)),
        ("due", date(args.due)),
        ("status", text(&args.status)),
        ("owner", text(&args.owner)),
        ("person", text(&args.person)),
        ("body", text(&args.body)),
        ("impact", text(&args.impact)),
        ("impact-note", text(&args.impact_note)),
        ("decision-date", date(args.decision_date)),
        ("decided-by", text(&args.decided_by)),
        ("positions", text(&args.positions)),
        ("implementation", date(args.implementation)),
        ("link", text(&args.link)),
        ("rag", text(&args.rag)),
        ("reviewed", date(args.reviewed)),
        ("baseline", date(args.baseline)),
        ("forecast", date(args.forecast)),
        ("actual", date(args.actual)),
        ("date", date(args.date)),
        ("start", text(&args.start)),
        ("chair", text(&args.chair)),
    ];
    let mut out = Vec::new();
    let mut wrong = Vec::new();
    for (flag, value) in given {
        let Some(value) = value else { continue };
        let field = FIELDS.iter().find(|f| f.flag == flag).expect("every flag is in FIELDS");
        if field.kinds.contains(&kind) {
            out.push((field.path.to_string(), value));
        } else {
            wrong.push(format!("--{flag}"));
        }
    }
    if wrong.is_empty() {
        Ok(out)
    } else {
        Err(format!(
            "{} {} not a field of {}",
            wrong.join(", "),
            if wrong.len() == 1 { "is" } else { "are" },
            kind.with_article()
        ))
    }
}

/// Print why a record would not be valid, as `validate` would, on stderr.
pub fn print_refusal(cx: &Context, what: &str, findings: &[Finding]) {
    #[allow(clippy::print_stderr)]
    {
        eprintln!("error: {what}; nothing was written:");
        for f in findings {
            eprintln!("  {}", cx.finding_line(f));
            if let Some(hint) = &f.hint {
                eprintln!("    hint: {hint}");
            }
        }
    }
}

/// A unified diff of one file, for `--dry-run`.
pub fn diff(label: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{label}"), &format!("b/{label}"))
        .to_string()
}
