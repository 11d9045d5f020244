//! A workbook of the logs (rust_xlsxwriter): a sheet per kind in the pack's columns, real date
//! cells shown `DD/MM/YYYY`, a frozen header with filters, widths that fit, wrapped text, RAG and
//! status cells coloured by conditional formats, a drop-down of the allowed values on every
//! enumerated column (its list on a hidden `Lists` sheet) and overdue due dates in red. Text is
//! always written as text: a title `=HYPERLINK(…)` is never a formula.

use std::io::Write;

use anyhow::{Context as _, Result, bail};
use rust_xlsxwriter::{
    Color, ConditionalFormatFormula, DataValidation, DataValidationErrorStyle, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Formula, Workbook, Worksheet,
};
use serde_json::Value;

use super::{Column, Out, Sheet, Source, cell};
use crate::model::Kind;

/// Rows below the last record that still get the drop-downs and colours, for rows people add.
const SPARE_ROWS: u32 = 500;

/// The most text a spreadsheet cell holds.
const CELL_LIMIT: usize = 32_767;

/// A sheet to write: which, and its rows (each a record's JSON value).
pub struct SheetRows {
    pub sheet: Sheet,
    pub rows: Vec<Value>,
}

/// The colour a status or RAG label is filled with (text labels stay, so it reads in greyscale).
fn fill_of(label: &str) -> Option<(u32, u32)> {
    // (fill, font)
    const RED: (u32, u32) = (0xF4C7C3, 0x9C0006);
    const AMBER: (u32, u32) = (0xFCE8B2, 0x7F6000);
    const GREEN: (u32, u32) = (0xB7E1CD, 0x0B5A2A);
    const GREY: (u32, u32) = (0xE0E0E0, 0x404040);
    match label {
        "CRITICAL" | "HIGH" | "RED" => Some(RED),
        "MEDIUM" | "AMBER" | "OPEN" | "ONGOING" | "DECISION PENDING" | "APPEAL" => Some(AMBER),
        "LOW" | "GREEN" | "RECOMMEND CLOSED" | "APPROVED" | "IMPLEMENTED" | "COMPLETE" => Some(GREEN),
        "CLOSED" | "WITHDRAWN" | "REJECTED" => Some(GREY),
        _ => None,
    }
}

/// Write the workbook of `sheets` to `out`; `bodies` are the code bodies `ccag.toml` names
/// (the Code Body column's drop-down).
pub fn write(sheets: &[SheetRows], bodies: &[String], out: &mut dyn Write) -> Result<()> {
    let mut book = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xD9E2F3))
        .set_border_bottom(FormatBorder::Thin);
    let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let date = Format::new()
        .set_num_format("dd/mm/yyyy")
        .set_align(FormatAlign::Top)
        .set_align(FormatAlign::Left);
    let number = Format::new().set_align(FormatAlign::Top);

    // The allowed values of every enumerated column, one column each on the hidden `Lists` sheet.
    let mut lists: Vec<(String, Vec<String>)> = Vec::new();
    for s in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(s.sheet.name())?;
        let columns = s.sheet.columns();
        // Each column as wide as its content needs, up to its usual width (longer text wraps),
        // and never narrower than the longest word of its heading.
        let mut widths: Vec<usize> = columns
            .iter()
            .map(|c| c.heading.split(' ').map(|w| w.chars().count()).max().unwrap_or(4))
            .collect();
        for (c, column) in columns.iter().enumerate() {
            let c = c as u16;
            sheet.write_string_with_format(0, c, column.heading, &header)?;
        }
        for (r, record) in s.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, column) in columns.iter().enumerate() {
                let c = c as u16;
                let content = cell(record, column);
                let need = match &content {
                    Out::Blank => 0,
                    Out::Text(t) => t.lines().map(|l| l.chars().count()).max().unwrap_or(0),
                    Out::Date(_) => 10,
                    Out::Number(n) => n.to_string().len(),
                };
                widths[c as usize] = widths[c as usize].max(need);
                match content {
                    Out::Blank => {}
                    Out::Text(t) => {
                        if t.chars().count() > CELL_LIMIT {
                            let id = record.get("id").and_then(Value::as_str).unwrap_or("?");
                            bail!(
                                "`{id}`: its {} holds more than a spreadsheet cell can ({CELL_LIMIT} characters); \
                                 export it as csv, or shorten it",
                                column.heading
                            );
                        }
                        sheet.write_string_with_format(r, c, &t, &text)?;
                    }
                    Out::Date(d) => {
                        let d = excel_date(d)?;
                        sheet.write_date_with_format(r, c, &d, &date)?;
                    }
                    Out::Number(n) => {
                        sheet.write_number_with_format(r, c, n, &number)?;
                    }
                }
            }
        }
        for (c, (column, need)) in columns.iter().zip(&widths).enumerate() {
            let heading = column.heading.split(' ').map(|w| w.chars().count()).max().unwrap_or(4) as f64;
            let cap = column.width.max(heading + 2.0);
            sheet.set_column_width(c as u16, (*need as f64 + 2.0).min(cap).max(4.0))?;
        }
        let last = s.rows.len() as u32;
        let last_col = columns.len().saturating_sub(1) as u16;
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, last.max(1), last_col)?;
        if let Sheet::Kind(kind) = s.sheet {
            let styled = last + SPARE_ROWS;
            for (c, column) in columns.iter().enumerate() {
                let values = column
                    .choices(kind)
                    .or_else(|| (column.source == Source::Text("body")).then(|| bodies.to_vec()));
                if let Some(values) = values.filter(|v| !v.is_empty()) {
                    lists.push((format!("{} {}", s.sheet.name(), column.heading), values.clone()));
                    let list_col = column_letters(lists.len() - 1);
                    let range = format!("=Lists!${list_col}$2:${list_col}${}", values.len() + 1);
                    let mut validation = DataValidation::new().allow_list_formula(Formula::new(range));
                    if matches!(column.source, Source::ChoiceNote { .. }) {
                        // `CR NEEDED: Design impacted`: the value, then a note: offer, don't insist.
                        validation = validation.set_error_style(DataValidationErrorStyle::Information);
                    }
                    sheet.add_data_validation(1, c as u16, styled, c as u16, &validation)?;
                    colour(sheet, c as u16, styled, &values)?;
                }
            }
            if kind == Kind::Action {
                overdue(sheet, &columns, styled)?;
            }
        }
    }
    if !lists.is_empty() {
        let sheet = book.add_worksheet();
        sheet.set_name("Lists")?;
        for (c, (name, values)) in lists.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, name, &header)?;
            for (r, v) in values.iter().enumerate() {
                sheet.write_string(r as u32 + 1, c as u16, v)?;
            }
        }
        sheet.set_hidden(true);
    }
    let bytes = book.save_to_buffer().context("cannot make the workbook")?;
    out.write_all(&bytes)?;
    Ok(())
}

fn excel_date(d: chrono::NaiveDate) -> Result<ExcelDateTime> {
    use chrono::Datelike;
    let year = u16::try_from(d.year()).ok().filter(|y| (1900..=9999).contains(y));
    match year {
        Some(y) => Ok(ExcelDateTime::from_ymd(y, d.month() as u8, d.day() as u8)?),
        None => bail!("{d} is outside the dates a spreadsheet holds (1900–9999)"),
    }
}

/// Fill each allowed value's cells in its colour.
fn colour(sheet: &mut Worksheet, c: u16, last: u32, values: &[String]) -> Result<()> {
    let letter = column_letters(c as usize);
    for value in values {
        let Some((fill, font)) = fill_of(value) else { continue };
        // Starts with the label, so `CR NEEDED: note` is coloured as `CR NEEDED`.
        let rule = format!("=LEFT(${letter}2,{})=\"{value}\"", value.len());
        let format = Format::new()
            .set_background_color(Color::RGB(fill))
            .set_font_color(Color::RGB(font));
        let cf = ConditionalFormatFormula::new()
            .set_rule(rule.as_str())
            .set_format(format);
        sheet.add_conditional_format(1, c, last, c, &cf)?;
    }
    Ok(())
}

/// An action's due date in red while it is not closed and the date has passed (Excel's TODAY(),
/// so the workbook stays right after the day it was made).
fn overdue(sheet: &mut Worksheet, columns: &[Column], last: u32) -> Result<()> {
    let at = |path: &str| {
        columns
            .iter()
            .position(|c| matches!(c.source, Source::Date { path: p, .. } | Source::Choice(p) if p == path))
    };
    let (Some(due), Some(status)) = (at("due"), at("status")) else {
        return Ok(());
    };
    let (d, s) = (column_letters(due), column_letters(status));
    let rule = format!("=AND(${d}2<>\"\",${d}2<TODAY(),${s}2<>\"CLOSED\")");
    let format = Format::new().set_font_color(Color::RGB(0xC00000)).set_bold();
    let cf = ConditionalFormatFormula::new()
        .set_rule(rule.as_str())
        .set_format(format);
    sheet.add_conditional_format(1, due as u16, last, due as u16, &cf)?;
    Ok(())
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`.
pub fn column_letters(mut c: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_count_as_spreadsheets_do() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}
