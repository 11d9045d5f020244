//! `ccag add KIND`: a new record, validated against the whole set, written atomically under a lock.

use anyhow::{Result, bail};
use serde_json::{Map, Value};

use super::author::{self, flag_for};
use super::{Context, prompt};
use crate::Outcome;
use crate::cli::{AddArgs, KindArg};
use crate::edit::new_record;
use crate::git;
use crate::model::{Action, ActionStatus, CrStatus, Impact, Kind, MilestoneStatus, Rag, RiskStatus};
use crate::query::RecordSet;
use crate::store::{RecordFile, walk, write};
use crate::validate;

fn kind_of(arg: KindArg) -> Kind {
    match arg {
        KindArg::Action => Kind::Action,
        KindArg::Cr => Kind::Cr,
        KindArg::Risk => Kind::Risk,
        KindArg::Milestone => Kind::Milestone,
        KindArg::Meeting => Kind::Meeting,
    }
}

/// Required fields a person must supply (the rest are allocated or defaulted), with their choices.
fn required(kind: Kind) -> Vec<(&'static str, Vec<&'static str>)> {
    match kind {
        Kind::Action => vec![("title", vec![]), ("owner.org", vec![]), ("due", vec![])],
        Kind::Cr => vec![
            ("id", vec![]),
            ("body", vec![]),
            ("title", vec![]),
            ("summary", vec![]),
            ("impact", Impact::ALL.iter().map(|i| i.as_str()).collect()),
        ],
        Kind::Risk => vec![
            ("id", vec![]),
            ("title", vec![]),
            ("impact", vec![]),
            ("rag", Rag::ALL.iter().map(|r| r.as_str()).collect()),
        ],
        Kind::Milestone => vec![
            ("id", vec![]),
            ("title", vec![]),
            ("baseline", vec![]),
            ("forecast", vec![]),
        ],
        Kind::Meeting => vec![("date", vec![])],
    }
}

fn default_status(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Action => Some(ActionStatus::Open.as_str()),
        Kind::Cr => Some(CrStatus::Raised.as_str()),
        Kind::Risk => Some(RiskStatus::Open.as_str()),
        Kind::Milestone => Some(MilestoneStatus::Green.as_str()),
        Kind::Meeting => None,
    }
}

fn set_path(map: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        Some((parent, child)) => {
            let entry = map
                .entry(parent.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(inner) = entry {
                inner.insert(child.to_string(), value);
            }
        }
        None => {
            map.insert(path.to_string(), value);
        }
    }
}

fn has_path(map: &Map<String, Value>, path: &str) -> bool {
    match path.split_once('.') {
        Some((parent, child)) => map.get(parent).and_then(|p| p.get(child)).is_some(),
        None => map.contains_key(path),
    }
}

pub fn run(cx: &Context, args: AddArgs) -> Result<Outcome> {
    let kind = kind_of(args.kind);
    let mut fields = Map::new();
    if let Some(id) = &args.id {
        fields.insert("id".into(), Value::from(id.clone()));
    }
    for (path, value) in author::assign(kind, &args.fields).map_err(anyhow::Error::msg)? {
        set_path(&mut fields, &path, value);
    }
    let misplaced: Vec<&str> = [
        (!args.related.is_empty() && !matches!(kind, Kind::Action | Kind::Cr)).then_some("--related"),
        (!args.mitigations.is_empty() && kind != Kind::Risk).then_some("--mitigation"),
        (!args.items.is_empty() && kind != Kind::Meeting).then_some("--item"),
        (args.note.is_some() && !matches!(kind, Kind::Action | Kind::Cr)).then_some("--note"),
        (args.meeting.is_some() && kind != Kind::Action).then_some("--meeting"),
        (args.id.is_some() && kind == Kind::Action).then_some("--id (action ids are allocated; use --meeting)"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !misplaced.is_empty() {
        bail!(
            "{} {} not a field of {}",
            misplaced.join(", "),
            if misplaced.len() == 1 { "is" } else { "are" },
            kind.with_article()
        );
    }
    let today = cx.today.format("%Y-%m-%d").to_string();
    if matches!(kind, Kind::Action | Kind::Cr | Kind::Risk) && !fields.contains_key("raised") {
        fields.insert("raised".into(), Value::from(today.clone()));
    }
    if let Some(status) = default_status(kind) {
        fields.entry("status").or_insert_with(|| Value::from(status));
    }

    // Missing required fields: ask on a terminal, otherwise name every missing flag.
    let missing: Vec<(&str, Vec<&str>)> = required(kind)
        .into_iter()
        .filter(|(p, _)| !has_path(&fields, p))
        .collect();
    if !missing.is_empty() {
        if !prompt::can_ask() {
            let flags: Vec<String> = missing
                .iter()
                .map(|(p, _)| if *p == "id" { "--id".into() } else { flag_for(p) })
                .collect();
            bail!(
                "missing required {}: {}\n  hint: pass {} as flags, or run on a terminal to be asked",
                if flags.len() == 1 { "field" } else { "fields" },
                flags.join(", "),
                if flags.len() == 1 { "it" } else { "them" }
            );
        }
        for (path, choices) in &missing {
            let body_names: Vec<&str> = cx.config.bodies.iter().map(|b| b.name.as_str()).collect();
            let choices: Vec<&str> = if *path == "body" { body_names } else { choices.clone() };
            let answer = prompt::ask(path, None, &choices)?;
            set_path(&mut fields, path, Value::from(answer));
        }
    }
    if let Some(note) = &args.note {
        fields.insert("updates".into(), serde_json::json!([{"date": today, "text": note}]));
    }
    if !args.related.is_empty() {
        fields.insert("related".into(), Value::from(args.related.clone()));
    }
    if !args.mitigations.is_empty() {
        fields.insert("mitigations".into(), Value::from(args.mitigations.clone()));
    }
    if kind == Kind::Meeting {
        let items = args
            .items
            .iter()
            .map(|i| parse_item(i))
            .collect::<Result<Vec<Value>>>()?;
        fields.insert("items".into(), Value::Array(items));
    }

    // From here on, one writer at a time: the id is chosen and the file created under the lock.
    let _lock = if args.write.dry_run {
        None
    } else {
        Some(write::lock(&cx.root.dir)?)
    };
    let set = cx.load(&Kind::ALL)?;
    let (taken, _) = walk(&cx.root.records(), &Kind::ALL);
    let taken_ids: Vec<String> = taken
        .iter()
        .filter_map(|f| f.path.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .chain(set.paths.keys().cloned())
        .collect();
    let id = allocate_id(cx, kind, &mut fields, &set, &taken_ids, args.meeting.as_deref())?;
    check_safe_id(&id)?;
    if let Some(existing) = taken_ids.iter().find(|t| t.eq_ignore_ascii_case(&id)) {
        let at = set
            .paths
            .get(existing)
            .map(|p| format!(" (`{}`)", cx.show_path(p)))
            .unwrap_or_default();
        bail!("a record with id `{existing}` already exists{at}; nothing was written");
    }

    let mut folder = cx.root.records().join(kind.folder());
    if kind == Kind::Cr {
        let body = fields.get("body").and_then(Value::as_str).unwrap_or_default();
        if body.is_empty() || body.contains(['/', '\\']) || body.starts_with('.') {
            bail!("`{body}` cannot be a folder name");
        }
        folder = folder.join(body);
    }
    let path = folder.join(format!("{id}.yaml"));
    let depth = path
        .strip_prefix(&cx.root.dir)
        .map(|p| p.components().count() - 1)
        .unwrap_or(2);
    let text = new_record::render(kind, &fields, depth)?;

    let outcome = validate::check_text(
        RecordFile {
            kind,
            path: path.clone(),
        },
        &text,
        &cx.config,
        cx.today,
    );
    let errors: Vec<_> = outcome.findings.iter().filter(|f| f.is_error()).cloned().collect();
    if !errors.is_empty() {
        author::print_refusal(cx, &format!("the new {kind} would not be valid"), &errors);
        return Ok(Outcome::Usage);
    }
    if let Some(related) = fields.get("related").and_then(Value::as_array) {
        for r in related.iter().filter_map(Value::as_str) {
            if !taken_ids.iter().any(|t| t == r) {
                #[allow(clippy::print_stderr)]
                {
                    eprintln!("warning: related id `{r}` matches no record");
                }
            }
        }
    }
    if args.write.dry_run {
        cx.emit(&format!("# would write {}\n{text}", cx.show_path(&path)))?;
        return Ok(Outcome::Success);
    }
    if args.write.commit {
        git::check_can_commit(&cx.root.dir, &path)?;
    }
    write::create_new(&cx.root.dir, &path, text.as_bytes())?;
    cx.emit(&format!("{}\n", cx.show_path(&path)))?;
    if args.write.commit {
        let title = fields
            .get("title")
            .and_then(Value::as_str)
            .map(|t| format!(" — {t}"))
            .unwrap_or_default();
        let commit = git::commit_file(&cx.root.dir, &path, &format!("ccag: add {kind} {id}{title}"))?;
        cx.emit(&format!("committed {commit}\n"))?;
    }
    Ok(Outcome::Success)
}

/// `TITLE=MINUTES` → an agenda item.
fn parse_item(spec: &str) -> Result<Value> {
    let Some((title, minutes)) = spec.rsplit_once('=') else {
        bail!("`--item {spec}` is not `TITLE=MINUTES`");
    };
    let minutes: u32 = minutes
        .trim()
        .parse()
        .map_err(|_| anyhow::anyhow!("`--item {spec}`: `{minutes}` is not a number of minutes"))?;
    Ok(serde_json::json!({"title": title.trim(), "minutes": minutes}))
}

fn allocate_id(
    cx: &Context,
    kind: Kind,
    fields: &mut Map<String, Value>,
    set: &RecordSet,
    taken: &[String],
    meeting: Option<&str>,
) -> Result<String> {
    let prefix = &cx.config.prefix;
    let id = match kind {
        Kind::Action => {
            let meeting = match meeting {
                Some(m) => {
                    let found = set.meeting(m).map(|m| m.id.clone());
                    match found {
                        Some(id) => id,
                        None if set.meetings.is_empty() => m.to_string(),
                        None => bail!("no meeting has id `{m}`"),
                    }
                }
                None => set
                    .meetings
                    .iter()
                    .rev()
                    .find(|m| m.date <= cx.today)
                    .map(|m| m.id.clone())
                    .ok_or_else(|| anyhow::anyhow!("no meeting on or before {}; pass `--meeting ID`", cx.today))?,
            };
            let next = taken
                .iter()
                .filter_map(|t| {
                    Action::meeting_and_sequence(t)
                        .filter(|(m, _)| m.eq_ignore_ascii_case(&meeting))
                        .map(|(_, n)| n)
                })
                .max()
                .unwrap_or(0)
                + 1;
            format!("{meeting}-{next:02}")
        }
        Kind::Meeting if !fields.contains_key("id") => {
            let next = taken
                .iter()
                .filter_map(|t| t.strip_prefix(prefix.as_str()).and_then(|n| n.parse::<u32>().ok()))
                .max()
                .unwrap_or(0)
                + 1;
            format!("{prefix}{next}")
        }
        _ => fields
            .get("id")
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| anyhow::anyhow!("missing `--id`"))?,
    };
    fields.insert("id".into(), Value::from(id.clone()));
    // Keep contract order: `id` first.
    let mut ordered = Map::new();
    ordered.insert("id".into(), Value::from(id.clone()));
    for (k, v) in std::mem::take(fields) {
        if k != "id" {
            ordered.insert(k, v);
        }
    }
    *fields = ordered;
    Ok(id)
}

/// An id becomes a file name: letters, digits and single `-` only, so the file lands inside its folder.
fn check_safe_id(id: &str) -> Result<()> {
    let safe = !id.is_empty()
        && id
            .split('-')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()));
    if !safe {
        bail!(
            "`{id}` is not a safe id: ids are letters and digits joined by single `-` (like `CP1589` or `T2-RE-0100`); nothing was written"
        );
    }
    Ok(())
}
