//! Options become domain values here, at the boundary: the field flags given, and values the
//! parser has already checked (dates, kinds, enumerated words, formats), and agenda items
//! written `TITLE=MINUTES; type=…` (on `add`, `update` and in the prompts).

use anyhow::{Result, bail};
use clap::ArgMatches;
use serde_json::Value;

use crate::model::fields as table;
use crate::model::{Kind, date};

/// The field flags given on the command line: (flag, values) in table order, then the list
/// entries to remove (`--remove-related ID` → (`related`, [ID])).
#[derive(Debug, Clone, Default)]
pub struct FieldValues(
    pub Vec<(&'static str, Vec<String>)>,
    pub Vec<(&'static str, Vec<String>)>,
);

impl FieldValues {
    /// The values of the field flags `args` defines (as `field_args` made them), from `matches`.
    pub fn from_matches(matches: Option<&ArgMatches>, args: &[clap::Arg]) -> FieldValues {
        let Some(m) = matches else {
            return FieldValues::default();
        };
        let defined = |name: &str| args.iter().any(|a| a.get_id() == name);
        let values = |name: &str| -> Vec<String> {
            m.try_get_many::<String>(name)
                .ok()
                .flatten()
                .map(|v| v.cloned().collect())
                .unwrap_or_default()
        };
        let mut set = Vec::new();
        let mut remove = Vec::new();
        // Only the command's own field flags: `update ID`'s positional is also `id`.
        for (flag, _) in table::flags() {
            if defined(flag) {
                let v = values(flag);
                if !v.is_empty() {
                    set.push((flag, v));
                }
            }
            let removal = format!("remove-{flag}");
            if defined(&removal) {
                let v = values(&removal);
                if !v.is_empty() {
                    remove.push((flag, v));
                }
            }
        }
        FieldValues(set, remove)
    }
}

/// A date the parser has already checked.
pub fn checked_date(s: &Option<String>) -> Option<chrono::NaiveDate> {
    s.as_deref().and_then(date::parse)
}

/// A kind name the parser has already checked.
pub fn checked_kind(name: &str) -> Result<Kind> {
    // `action`, `actions`, `Actions`, and the folder names (`changes`).
    let lower = name.to_ascii_lowercase();
    Kind::from_name(&lower)
        .or_else(|| lower.strip_suffix('s').and_then(Kind::from_name))
        .or_else(|| Kind::from_folder(&lower))
        .ok_or_else(|| anyhow::anyhow!("`{name}` is not a record kind (one of: {})", Kind::NAMES.join(", ")))
}

/// An enumerated value the parser has already checked.
pub fn checked<T: std::str::FromStr<Err = String>>(s: &Option<String>) -> Result<Option<T>> {
    s.as_deref().map(str::parse).transpose().map_err(anyhow::Error::msg)
}

/// A listing format as the output layer names it.
pub fn listing_format(f: Option<crate::cli::ListingFormat>) -> crate::render::ListingFormat {
    use crate::cli::ListingFormat as Cli;
    use crate::render::ListingFormat as Out;
    match f.unwrap_or(Cli::Table) {
        Cli::Table => Out::Table,
        Cli::Markdown => Out::Markdown,
        Cli::Csv => Out::Csv,
        Cli::Json => Out::Json,
    }
}

/// `--grep`, `--sort`, `--desc` and `--limit` for a listing of `kind`.
pub fn arrange(kind: crate::model::Kind, a: crate::cli::ArrangeArgs) -> Result<crate::query::Arrange> {
    crate::query::Arrange::new(kind, a.grep, a.sort, a.desc, a.limit)
}

/// `--dry-run` and `--commit` as the write pipeline takes them.
pub fn write_options(w: crate::cli::WriteArgs) -> crate::edit::pipeline::WriteOptions {
    crate::edit::pipeline::WriteOptions {
        dry_run: w.dry_run,
        commit: w.commit,
    }
}

/// `TITLE=MINUTES`, optionally followed by `; type=…; lead=…; purpose=…; shows=…` → an agenda
/// item (`type` and `shows` take one value or several joined by `,`).
pub fn parse_item(spec: &str) -> Result<Value> {
    let mut parts = spec.split(';');
    let head = parts.next().unwrap_or_default();
    let Some((title, minutes)) = head.rsplit_once('=') else {
        bail!("`--item {spec}` is not `TITLE=MINUTES` (then `; type=…; lead=…; purpose=…; shows=…`)");
    };
    let minutes: u32 = minutes
        .trim()
        .parse()
        .map_err(|_| anyhow::anyhow!("`--item {spec}`: `{minutes}` is not a number of minutes"))?;
    let mut item = serde_json::Map::new();
    item.insert("title".into(), Value::from(title.trim()));
    let mut extra: Vec<(&str, Value)> = Vec::new();
    for part in parts.filter(|p| !p.trim().is_empty()) {
        let Some((key, value)) = part.split_once('=') else {
            bail!("`--item {spec}`: `{}` is not `KEY=VALUE`", part.trim());
        };
        let (key, value) = (key.trim(), value.trim());
        let list = |v: &str| -> Value {
            let words: Vec<Value> = v
                .split(',')
                .map(|w| Value::from(w.trim()))
                .filter(|w| w != "")
                .collect();
            if words.len() == 1 {
                words[0].clone()
            } else {
                Value::Array(words)
            }
        };
        let v = match key {
            "type" => list(value),
            "shows" => match list(value) {
                Value::String(one) => Value::Array(vec![Value::from(one)]),
                many => many,
            },
            "lead" | "purpose" => Value::from(value),
            other => bail!("`--item {spec}`: an item has no `{other}` (it takes type, lead, purpose and shows)"),
        };
        extra.push((key, v));
    }
    // The contract's order: title, purpose, type, lead, minutes, shows.
    for key in ["purpose", "type", "lead"] {
        if let Some((_, v)) = extra.iter().find(|(k, _)| *k == key) {
            item.insert(key.into(), v.clone());
        }
    }
    item.insert("minutes".into(), Value::from(minutes));
    if let Some((_, v)) = extra.iter().find(|(k, _)| *k == "shows") {
        item.insert("shows".into(), v.clone());
    }
    Ok(Value::Object(item))
}
