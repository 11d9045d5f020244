//! `ccag add KIND`: a new record from the field flags (asking on a terminal for what is
//! missing), its id allocated under the records lock, validated and written by the pipeline.

use anyhow::{Result, bail};
use serde_json::{Map, Value};

use super::options::{FieldValues, checked_kind, parse_item, write_options};
use super::{Context, Needs, Run, prompt};
use crate::Outcome;
use crate::cli::AddArgs;
use crate::edit::new_record;
use crate::edit::pipeline::{Plan, Session, WriteOptions};
use crate::ids;
use crate::model::Kind;
use crate::model::fields::{self, Field, FieldType, Fill};
use crate::store::RecordFile;

pub struct Add {
    kind: Kind,
    fields: FieldValues,
    meeting: Option<String>,
    note: Option<String>,
    from: Option<String>,
    write: WriteOptions,
}

impl Add {
    pub fn new(args: AddArgs, fields: FieldValues) -> Result<Add> {
        Ok(Add {
            kind: checked_kind(&args.kind)?,
            fields,
            meeting: args.meeting,
            note: args.note,
            from: args.from,
            write: write_options(args.write),
        })
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

/// A flag's values as the field's YAML value.
fn value_of(field: &Field, values: &[String]) -> Result<Value> {
    Ok(match field.ty {
        FieldType::Items => Value::Array(values.iter().map(|v| parse_item(v)).collect::<Result<_>>()?),
        FieldType::Ids | FieldType::Texts => Value::from(values.to_vec()),
        _ => Value::from(values.last().cloned().unwrap_or_default()),
    })
}

impl Run for Add {
    const NEEDS: Needs = Needs::WritableRecords;

    fn run(self, cx: &Context) -> Result<Outcome> {
        let kind = self.kind;
        let repo = cx.repo()?;
        let mut given = Map::new();
        let mut wrong = Vec::new();
        for (flag, values) in &self.fields.0 {
            match fields::by_flag(kind, flag) {
                Some(field) if field.fill == (Fill::Allocate { given: false }) => {
                    wrong.push(format!("--{flag} (action ids are allocated; use --meeting)"))
                }
                Some(field) => set_path(&mut given, field.path, value_of(field, values)?),
                None => wrong.push(format!("--{flag}")),
            }
        }
        let has_updates = fields::field_of(kind, "updates").is_some();
        if self.note.is_some() && !has_updates {
            wrong.push("--note".into());
        }
        if self.meeting.is_some() && kind != Kind::Action {
            wrong.push("--meeting".into());
        }
        if self.from.is_some() && kind != Kind::Meeting {
            wrong.push("--from".into());
        }
        if !wrong.is_empty() {
            bail!(
                "{} {} not a field of {}",
                wrong.join(", "),
                if wrong.len() == 1 { "is" } else { "are" },
                kind.with_article()
            );
        }

        // A meeting's standing items, from an earlier one, before any `--item` given.
        if let Some(from) = &self.from {
            let meetings = cx.load(&[Kind::Meeting])?;
            let earlier = meetings.pick_meeting(Some(from), cx.today)?;
            let mut items: Vec<Value> = serde_json::to_value(&earlier.items)?
                .as_array()
                .cloned()
                .unwrap_or_default();
            if let Some(Value::Array(given_items)) = given.remove("items") {
                items.extend(given_items);
            }
            given.insert("items".into(), Value::Array(items));
            // The chair and start time carry over too, unless given.
            if let Some(chair) = &earlier.chair {
                given.entry("chair").or_insert_with(|| Value::from(chair.as_str()));
            }
            if let Some(start) = earlier.start {
                given
                    .entry("start")
                    .or_insert_with(|| Value::from(start.format("%H:%M").to_string()));
            }
        }
        let today = cx.today.format("%Y-%m-%d").to_string();
        for field in fields::fields(kind) {
            if has_path(&given, field.path) {
                continue;
            }
            match field.fill {
                Fill::Today => set_path(&mut given, field.path, Value::from(today.clone())),
                Fill::Default(v) => set_path(&mut given, field.path, Value::from(v)),
                Fill::Empty => set_path(&mut given, field.path, Value::Array(Vec::new())),
                _ => {}
            }
        }

        // Missing required fields: ask on a terminal, otherwise name every missing flag.
        let missing: Vec<&Field> = fields::fields(kind)
            .iter()
            .filter(|f| f.fill == Fill::Ask && f.required && !has_path(&given, f.path))
            .collect();
        if !missing.is_empty() {
            if !prompt::can_ask() {
                let flags: Vec<String> = missing.iter().map(|f| fields::flag_for(kind, f.path)).collect();
                bail!(
                    "missing required {}: {}\n  hint: pass {} as flags, or run on a terminal to be asked",
                    if flags.len() == 1 { "field" } else { "fields" },
                    flags.join(", "),
                    if flags.len() == 1 { "it" } else { "them" }
                );
            }
            // A cr's body first, so its id can be checked against the body's pattern.
            let mut missing = missing;
            missing.sort_by_key(|f| f.ty != FieldType::Body);
            for field in missing {
                let body = given.get("body").and_then(Value::as_str).map(str::to_string);
                let answer = prompt::ask_field(field, &repo.config, body.as_deref())?;
                set_path(&mut given, field.path, answer);
            }
        }
        if let Some(note) = &self.note {
            given.insert("updates".into(), serde_json::json!([{"date": today, "text": note}]));
        }

        // From here on, one writer at a time: the id is chosen and the file created under the lock.
        let session = Session::begin(&repo.root, &repo.config, cx.today, self.write)?;
        let taken = session.taken_ids();
        let id = allocate_id(cx, kind, &given, &taken, self.meeting.as_deref())?;
        ids::check_safe(&id)?;
        // Keep contract order: `id` first.
        let mut record = Map::new();
        record.insert("id".into(), Value::from(id.clone()));
        for (k, v) in given {
            if k != "id" {
                record.insert(k, v);
            }
        }

        let path = super::edits::new_record_path(cx, kind, &id, record.get("body").and_then(Value::as_str))?;
        let shown = cx.show_path(&path);
        let depth = path
            .strip_prefix(&repo.root.dir)
            .map(|p| p.components().count() - 1)
            .unwrap_or(2);
        let text = new_record::render(kind, &record, depth)?;
        let title = record
            .get("title")
            .and_then(Value::as_str)
            .map(|t| format!(" — {t}"))
            .unwrap_or_default();
        let plan = Plan {
            file: RecordFile { kind, path },
            before: None,
            after: text,
            message: format!("ccag: add {kind} {id}{title}"),
        };
        cx.report_write(
            session.apply(plan)?,
            &format!("the new {kind} would not be valid"),
            |_, after| format!("# would write {shown}\n{after}"),
        )
    }
}

/// The new record's id: the next action number for its meeting, the next meeting number, or
/// the `--id` given.
fn allocate_id(
    cx: &Context,
    kind: Kind,
    given: &Map<String, Value>,
    taken: &[(String, std::path::PathBuf)],
    meeting: Option<&str>,
) -> Result<String> {
    let taken_ids = taken.iter().map(|(id, _)| id.as_str());
    match kind {
        Kind::Action => {
            let meetings = cx.load(&[Kind::Meeting])?;
            let meeting = match meeting {
                Some(m) => match meetings.meeting(m) {
                    Some(found) => found.id.clone(),
                    None if meetings.meetings.is_empty() => m.to_string(),
                    None => bail!("no meeting has id `{m}`"),
                },
                None => meetings
                    .meetings
                    .iter()
                    .rev()
                    .find(|m| m.date <= cx.today)
                    .map(|m| m.id.clone())
                    .ok_or_else(|| anyhow::anyhow!("no meeting on or before {}; pass `--meeting ID`", cx.today))?,
            };
            let here = ids::next_action(&meeting, taken_ids.clone());
            // Another branch may have added this meeting's next actions already: allocate past
            // the upstream branch's ids too, so the two do not both add `CCAG27-01`.
            if let Ok(repo) = cx.repo()
                && let git = crate::git::Git::new(&repo.root.dir)
                && let Some(upstream) = git.upstream()
                && let Ok(prefix) = crate::history::records_prefix(&git, &repo.root.dir)
                && let Ok(theirs) = git.ids_at(&upstream, &prefix)
            {
                let past = ids::next_action(&meeting, taken_ids.chain(theirs.iter().map(|(id, _)| id.as_str())));
                if past != here {
                    #[allow(clippy::print_stderr)]
                    {
                        eprintln!("note: `{here}` is already taken on `{upstream}`, so this action is `{past}`");
                    }
                    return Ok(past);
                }
            }
            Ok(here)
        }
        Kind::Meeting if !given.contains_key("id") => Ok(ids::next_meeting(&cx.config()?.prefix, taken_ids)),
        _ => given
            .get("id")
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| anyhow::anyhow!("missing `--id`")),
    }
}
