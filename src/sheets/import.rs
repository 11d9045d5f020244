//! From a sheet's rows to records: which kind a sheet holds, which column is which field, each
//! cell converted (dates in the forms real logs write, labels as the pack writes them), and the
//! edits that make an existing record say what its row says. Nothing here writes: the command
//! validates the whole result first and writes all of it or nothing.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::read::{CellIn, Grid};
use super::{Column, Sheet, Source, columns, normal};
use crate::edit::Change;
use crate::model::Kind;
use crate::model::fields::{self, FieldType};

/// A cell that cannot be read, at `SHEET!CELL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: String,
    pub message: String,
}

/// The kind a sheet holds, from its name.
pub fn kind_of_sheet(name: &str) -> Option<Sheet> {
    let n = normal(name);
    let has = |w: &str| n.contains(w);
    if has("agendaitem") {
        return Some(Sheet::AgendaItems);
    }
    if has("horizon") || has("change") || n == "crs" || n == "cr" || has("codechange") {
        return Some(Sheet::Kind(Kind::Cr));
    }
    if has("action") {
        return Some(Sheet::Kind(Kind::Action));
    }
    if has("risk") {
        return Some(Sheet::Kind(Kind::Risk));
    }
    if has("milestone") || has("drafting") || n == "plan" {
        return Some(Sheet::Kind(Kind::Milestone));
    }
    if has("meeting") {
        return Some(Sheet::Kind(Kind::Meeting));
    }
    None
}

/// The column of `kind` a header means: its heading, an alias, the field's name or its
/// listing heading, in any case and spacing.
pub fn column_for(kind: Kind, header: &str) -> Option<Column> {
    let h = normal(header);
    if h.is_empty() {
        return None;
    }
    columns(kind).into_iter().find(|c| {
        normal(c.heading) == h
            || c.aliases.iter().any(|a| normal(a) == h)
            || c.field().is_some_and(|f| {
                normal(f) == h
                    || fields::field_of(kind, f)
                        .and_then(|fd| fd.heading)
                        .is_some_and(|hd| normal(hd) == h)
            })
    })
}

/// The kind whose columns the headers match best (it must match the id column).
pub fn kind_of_headers(headers: &[String]) -> Option<Kind> {
    let score = |kind: Kind| {
        let matched: Vec<Column> = headers.iter().filter_map(|h| column_for(kind, h)).collect();
        let has_id = matched.iter().any(|c| c.field() == Some("id"));
        if has_id { matched.len() } else { 0 }
    };
    let kinds = [Kind::Cr, Kind::Action, Kind::Risk, Kind::Milestone];
    let best = kinds.into_iter().max_by_key(|k| score(*k))?;
    (score(best) >= 2).then_some(best)
}

/// The text of a cell as a header.
pub fn header_text(cell: &CellIn) -> String {
    match cell {
        CellIn::Text(t) => t.trim().to_string(),
        CellIn::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// One row of a sheet, read: where it is, the id it names, and each matched column's value
/// (`None`: the cell says the field is absent).
#[derive(Debug, Clone)]
pub struct RowIn {
    pub kind: Kind,
    /// `Actions!7`: the sheet and row, for messages.
    pub at: String,
    /// Where the id cell is.
    pub id_at: String,
    pub id: String,
    pub values: Vec<(Column, Option<Value>, String)>,
    /// Cells of this row that could not be read (each already a problem).
    pub unreadable: usize,
}

/// Read every row of `grid` (its first row the header) as `kind`, with `columns` the column each
/// header matched. Rows with nothing in them are left out; every unreadable cell is a problem.
pub fn rows(
    grid: &Grid,
    kind: Kind,
    matched: &[Option<Column>],
    today: NaiveDate,
    problems: &mut Vec<Problem>,
) -> Vec<RowIn> {
    let id_col = matched.iter().position(|c| c.is_some_and(|c| c.field() == Some("id")));
    let mut out = Vec::new();
    for (r, row) in grid.rows.iter().enumerate().skip(1) {
        if row.iter().all(|c| *c == CellIn::Blank) {
            continue;
        }
        let at = |c: usize| format!("{}!{}", grid.sheet, grid.at(r, c));
        let Some(id_col) = id_col else { break };
        let id = match row.get(id_col) {
            Some(CellIn::Text(t)) => t.trim().to_string(),
            Some(CellIn::Number(n)) if n.fract() == 0.0 => format!("{n}"),
            _ => {
                problems.push(Problem {
                    at: at(id_col),
                    message: "this row has no id".into(),
                });
                continue;
            }
        };
        let mut values = Vec::new();
        let mut unreadable = 0;
        for (c, column) in matched.iter().enumerate() {
            let Some(column) = column else { continue };
            if column.field().is_none() {
                continue;
            }
            let cell = row.get(c).unwrap_or(&CellIn::Blank);
            match convert(kind, column, cell, today) {
                Ok(v) => values.push((*column, v, at(c))),
                Err(message) => {
                    unreadable += 1;
                    problems.push(Problem { at: at(c), message });
                }
            }
        }
        out.push(RowIn {
            kind,
            at: format!("{}!{}", grid.sheet, grid.origin.0 as usize + r),
            id_at: at(id_col),
            id,
            values,
            unreadable,
        });
    }
    out
}

/// Words that mean "no value yet" in a log.
fn means_absent(text: &str) -> bool {
    matches!(
        text.trim().to_ascii_lowercase().as_str(),
        "" | "tbc" | "tbd" | "n/a" | "na" | "none" | "-" | "–" | "—"
    )
}

/// A date as real logs write it: ISO, `28/02/2024`, `28/02/22`, `7 November 2023`, `7 Nov 2023`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    if let Some(d) = crate::model::date::parse(t) {
        return Some(d);
    }
    let parts: Vec<&str> = t.split('/').collect();
    if parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        let (d, m) = (parts[0].parse().ok()?, parts[1].parse().ok()?);
        let y: i32 = match parts[2].len() {
            2 => 2000 + parts[2].parse::<i32>().ok()?,
            4 => parts[2].parse().ok()?,
            _ => return None,
        };
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    for format in ["%d %B %Y", "%d %b %Y", "%e %B %Y", "%e %b %Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(t, format) {
            return Some(d);
        }
    }
    None
}

/// The contract value a label means, as the pack writes labels.
pub fn choice_value(values: &[&'static str], label: &str) -> Option<&'static str> {
    if let Some(v) = fields::choose(values, label) {
        return Some(v);
    }
    const SAYINGS: &[(&str, &str)] = &[
        ("approved for implementation", "approved"),
        ("for awareness only", "awareness"),
        ("for awareness", "awareness"),
        ("awareness only", "awareness"),
        ("direct impact", "direct"),
        ("directly impacted", "direct"),
        ("no impact", "none"),
        ("no mhhs impact", "none"),
        ("consequential change", "consequential"),
        ("consequential impact", "consequential"),
        ("cr required", "cr-needed"),
        ("in development", "under-development"),
        ("recommended closed", "recommend-closed"),
        ("recommend close", "recommend-closed"),
        ("recommended for closure", "recommend-closed"),
        ("completed", "complete"),
        ("in progress", "ongoing"),
    ];
    let l = label.trim().to_lowercase();
    SAYINGS
        .iter()
        .find(|(saying, _)| *saying == l)
        .and_then(|(_, v)| values.iter().copied().find(|x| x == v))
}

fn text_of(cell: &CellIn) -> Option<String> {
    match cell {
        CellIn::Blank => None,
        CellIn::Text(t) => Some(t.trim().to_string()).filter(|t| !t.is_empty()),
        CellIn::Number(n) if n.fract() == 0.0 => Some(format!("{n}")),
        CellIn::Number(n) => Some(n.to_string()),
        CellIn::Date(d) => Some(d.to_string()),
        CellIn::Bad(_) => None,
    }
}

/// What `cell` says for `column`'s field (`None`: absent), or why it cannot be read.
fn convert(kind: Kind, column: &Column, cell: &CellIn, today: NaiveDate) -> Result<Option<Value>, String> {
    if let CellIn::Bad(why) = cell {
        return Err(why.clone());
    }
    let choices = |path: &str| match fields::field_of(kind, path).map(|f| f.ty) {
        Some(FieldType::Choice(values)) => values,
        _ => &[],
    };
    let pick = |path: &str, label: &str| {
        let values = choices(path);
        choice_value(values, label).map(Value::from).ok_or_else(|| {
            let shown: Vec<String> = values.iter().map(|v| super::label(v)).collect();
            format!("`{label}` is not a {} ({})", column.heading, shown.join(", "))
        })
    };
    match column.source {
        Source::Text(_) => Ok(text_of(cell).map(Value::from)),
        Source::Date { .. } => match cell {
            CellIn::Date(d) => Ok(Some(Value::from(d.to_string()))),
            CellIn::Number(_) => Err(format!("a number where {} wants a date", column.heading)),
            other => {
                let text = text_of(other).unwrap_or_default();
                if means_absent(&text) {
                    return Ok(None);
                }
                parse_date(&text)
                    .map(|d| Some(Value::from(d.to_string())))
                    .ok_or_else(|| format!("`{text}` is not a date (write 28/02/2024, 2024-02-28 or 28 February 2024)"))
            }
        },
        Source::Choice(path) => match text_of(cell) {
            None => Ok(None),
            Some(text) => pick(path, &text).map(Some),
        },
        Source::ChoiceNote { path, note } => match text_of(cell) {
            None => Ok(None),
            Some(text) => {
                // The label, then the note: `CR needed: Design impacted`; a label the pack
                // writes at greater length (`Approved for implementation`) is taken whole first.
                let (label, rest) = match pick(path, &text) {
                    Ok(_) => (text.as_str(), ""),
                    Err(_) => text.split_once(':').map_or((text.as_str(), ""), |(l, r)| (l, r)),
                };
                let value = pick(path, label.trim())?;
                let mut both = Map::new();
                both.insert(path.into(), value);
                let rest = rest.trim();
                both.insert(
                    note.into(),
                    if rest.is_empty() {
                        Value::Null
                    } else {
                        Value::from(rest)
                    },
                );
                Ok(Some(Value::Object(both)))
            }
        },
        Source::Owner(_) => Ok(text_of(cell).map(|t| {
            let mut owner = Map::new();
            match t.strip_suffix(')').and_then(|s| s.rsplit_once(" (")) {
                Some((org, person)) => {
                    owner.insert("org".into(), Value::from(org.trim()));
                    owner.insert("person".into(), Value::from(person.trim()));
                }
                None => {
                    owner.insert("org".into(), Value::from(t));
                }
            }
            Value::Object(owner)
        })),
        Source::Latest => Ok(text_of(cell).map(|t| {
            // `2024-02-21: text` or `21/02/2024: text`; undated text is today's update.
            let (date, text) = match t.split_once(": ") {
                Some((d, rest)) => match parse_date(d) {
                    Some(d) => (d, rest.trim().to_string()),
                    None => (today, t.clone()),
                },
                None => (today, t.clone()),
            };
            serde_json::json!({"date": date.to_string(), "text": text})
        })),
        Source::Numbered(_) => Ok(text_of(cell).map(|t| Value::from(numbered(&t)))),
        Source::Slip | Source::Ordinal => Ok(None),
    }
}

/// `1) first\n2) second` → the entries; a line without a number continues the one before.
fn numbered(text: &str) -> Vec<Value> {
    let mut items: Vec<String> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
        let after = &trimmed[digits..];
        let entry = if digits > 0 && (after.starts_with(')') || after.starts_with('.')) {
            Some(after[1..].trim())
        } else {
            trimmed
                .strip_prefix("• ")
                .or_else(|| trimmed.strip_prefix("- "))
                .map(str::trim)
        };
        match (entry, items.last_mut()) {
            (Some(e), _) => items.push(e.to_string()),
            (None, Some(last)) => {
                last.push('\n');
                last.push_str(line);
            }
            (None, None) if !line.trim().is_empty() => items.push(line.trim().to_string()),
            (None, None) => {}
        }
    }
    items.into_iter().map(Value::from).collect()
}

/// The fields `row` gives, as a new record's value (contract order is the renderer's job).
pub fn new_record(row: &RowIn) -> Map<String, Value> {
    let mut record = Map::new();
    record.insert("id".into(), Value::from(row.id.clone()));
    for (column, value, _) in &row.values {
        let Some(value) = value else { continue };
        match column.source {
            Source::ChoiceNote { .. } => {
                for (k, v) in value.as_object().into_iter().flatten() {
                    if !v.is_null() {
                        record.insert(k.clone(), v.clone());
                    }
                }
            }
            Source::Latest => {
                record.insert("updates".into(), Value::Array(vec![value.clone()]));
            }
            _ => {
                if let Some(field) = column.field()
                    && field != "id"
                {
                    record.insert(field.into(), value.clone());
                }
            }
        }
    }
    record
}

/// Required fields a new record from `row` lacks.
pub fn missing_for_new(row: &RowIn) -> Vec<&'static str> {
    let record = new_record(row);
    fields::fields(row.kind)
        .iter()
        .filter(|f| f.required && !f.path.contains('.'))
        .filter(|f| !record.contains_key(f.path))
        .map(|f| f.path)
        .collect()
}

/// The edits that make `existing` (a record's value) say what `row` says; empty when it already
/// does. A blank cell removes an optional field; it never removes updates or list entries.
pub fn changes(existing: &Value, row: &RowIn) -> Vec<Change> {
    let mut out = Vec::new();
    let set_if = |out: &mut Vec<Change>, field: &str, want: Option<&Value>| {
        let have = existing.get(field).filter(|v| !v.is_null());
        match (have, want) {
            (Some(h), Some(w)) if h == w => {}
            (_, Some(w)) => out.push(Change::set(field, w.clone())),
            (Some(_), None) => {
                let required = fields::field_of(row.kind, field).is_some_and(|f| f.required);
                if !required {
                    out.push(Change::Remove { field: field.into() });
                }
            }
            (None, None) => {}
        }
    };
    for (column, want, _) in &row.values {
        match column.source {
            Source::Text("id") => {}
            Source::Text(f) | Source::Choice(f) | Source::Date { path: f, .. } => set_if(&mut out, f, want.as_ref()),
            Source::ChoiceNote { path, note } => {
                if let Some(both) = want {
                    set_if(&mut out, path, both.get(path));
                    set_if(&mut out, note, both.get(note).filter(|v| !v.is_null()));
                }
            }
            Source::Owner(f) => {
                let Some(want) = want else { continue };
                for part in ["org", "person"] {
                    let have = existing.get(f).and_then(|o| o.get(part));
                    if let Some(w) = want.get(part)
                        && have != Some(w)
                    {
                        out.push(Change::set(&format!("{f}.{part}"), w.clone()));
                    }
                }
            }
            Source::Latest => {
                let Some(want) = want else { continue };
                let text = want["text"].as_str().unwrap_or_default();
                let known = existing
                    .get("updates")
                    .and_then(Value::as_array)
                    .is_some_and(|u| u.iter().any(|u| u["text"].as_str().map(str::trim) == Some(text.trim())));
                if !known && let Some(date) = want["date"].as_str().and_then(crate::model::date::parse) {
                    out.push(Change::AppendUpdate {
                        date,
                        text: text.to_string(),
                    });
                }
            }
            Source::Numbered(f) => {
                let Some(Value::Array(want)) = want else { continue };
                let have: Vec<Value> = existing.get(f).and_then(Value::as_array).cloned().unwrap_or_default();
                for (i, w) in want.iter().enumerate() {
                    match have.get(i) {
                        Some(h) if h == w => {}
                        Some(_) => out.push(Change::ReplaceItem {
                            field: f.into(),
                            index: i,
                            value: w.clone(),
                        }),
                        None => out.push(Change::AddItem {
                            field: f.into(),
                            value: w.clone(),
                        }),
                    }
                }
                for i in (want.len()..have.len()).rev() {
                    out.push(Change::RemoveItem {
                        field: f.into(),
                        index: i,
                    });
                }
            }
            Source::Slip | Source::Ordinal => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_logs_write_them() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse_date("2024-02-28"), d(2024, 2, 28));
        assert_eq!(parse_date("28/02/2024"), d(2024, 2, 28));
        assert_eq!(parse_date("28/02/22"), d(2022, 2, 28));
        assert_eq!(parse_date("7 November 2023"), d(2023, 11, 7));
        assert_eq!(parse_date("7 Nov 2023"), d(2023, 11, 7));
        for bad in ["22/11//23", "31/02/2024", "2024-13-01", "soon", "28/02", "1/2/345"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn labels_as_the_pack_writes_them() {
        use crate::model::{CrStatus, Impact};
        assert_eq!(
            choice_value(CrStatus::NAMES, "Approved for implementation"),
            Some("approved")
        );
        assert_eq!(
            choice_value(CrStatus::NAMES, "Decision pending"),
            Some("decision-pending")
        );
        assert_eq!(choice_value(Impact::NAMES, "For awareness only"), Some("awareness"));
        assert_eq!(choice_value(Impact::NAMES, "CR needed"), Some("cr-needed"));
        assert_eq!(choice_value(Impact::NAMES, "CR NEEDED"), Some("cr-needed"));
        assert_eq!(choice_value(Impact::NAMES, "maybe"), None);
    }

    #[test]
    fn numbered_entries_and_their_continuations() {
        assert_eq!(numbered("1) a\n2) b"), vec![Value::from("a"), Value::from("b")]);
        assert_eq!(
            numbered("1) a\nmore\n2. b"),
            vec![Value::from("a\nmore"), Value::from("b")]
        );
        assert_eq!(numbered("just one"), vec![Value::from("just one")]);
    }
}
