//! `ccag export [KIND…] [--format xlsx|csv] [-o FILE]`: the logs as a workbook in the pack's
//! columns (one sheet per kind, and the meetings' agenda items), or one kind as CSV. The
//! listings' filters narrow it (`ccag export actions --open`).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use serde_json::Value;

use super::options::{arrange, checked_date, checked_kind};
use super::{Context, Needs, Run};
use crate::Outcome;
use crate::cli::{ArrangeArgs, ExportArgs, SheetFormat};
use crate::model::fields::{self, FieldType};
use crate::model::{Kind, Record};
use crate::query::{ActionFilter, Arrange, CrFilter, MilestoneFilter, RiskFilter};
use crate::sheets::xlsx::{self, SheetRows};
use crate::sheets::{self, Out, Sheet};

pub struct Export {
    kinds: Vec<Kind>,
    format: SheetFormat,
    output: Option<PathBuf>,
    actions: ActionFilter,
    crs: CrFilter,
    risks: RiskFilter,
    milestones: MilestoneFilter,
    grep: Vec<(Kind, Arrange)>,
}

/// `given` as one of `kind`'s values of `path` (any case, spaces for hyphens), parsed.
fn value_of<T: std::str::FromStr<Err = String>>(kind: Kind, path: &str, given: &Option<String>) -> Result<Option<T>> {
    let Some(given) = given else { return Ok(None) };
    let values = match fields::field_of(kind, path).map(|f| f.ty) {
        Some(FieldType::Choice(values)) => values,
        _ => &[],
    };
    let value = fields::choose(values, given).unwrap_or(given);
    value.parse().map(Some).map_err(anyhow::Error::msg)
}

impl Export {
    pub fn new(args: ExportArgs) -> Result<Export> {
        let named: Vec<Kind> = args.kinds.iter().map(|k| checked_kind(k)).collect::<Result<_>>()?;
        let kinds = if named.is_empty() {
            Kind::ALL.to_vec()
        } else {
            named.clone()
        };
        let format = match (args.format, &args.output) {
            (Some(f), _) => f,
            (None, Some(path)) if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) => SheetFormat::Csv,
            _ => SheetFormat::Xlsx,
        };
        if format == SheetFormat::Csv && kinds.len() != 1 {
            bail!("CSV holds one table: name one kind (`ccag export actions --format csv`), or export xlsx");
        }
        // A filter of a kind the export leaves out would silently do nothing: refuse it.
        let filters: &[(&str, bool, Kind)] = &[
            ("--open", args.open, Kind::Action),
            ("--overdue", args.overdue, Kind::Action),
            ("--meeting", args.meeting.is_some(), Kind::Action),
            ("--due-before", args.due_before.is_some(), Kind::Action),
            ("--body", args.body.is_some(), Kind::Cr),
            ("--impact", args.impact.is_some(), Kind::Cr),
            ("--updated-since", args.updated_since.is_some(), Kind::Cr),
            ("--rag", args.rag.is_some(), Kind::Risk),
        ];
        for (flag, given, kind) in filters {
            if *given && !kinds.contains(kind) {
                bail!("`{flag}` filters {}, which this export leaves out", kind.plural());
            }
        }
        let status_kind = match (&args.status, kinds.as_slice()) {
            (None, _) => None,
            (Some(_), [one]) => Some(*one),
            (Some(_), _) => bail!("`--status` needs one kind: statuses differ between kinds"),
        };
        let status = |k: Kind| {
            if status_kind == Some(k) {
                args.status.clone()
            } else {
                None
            }
        };
        let grep = kinds
            .iter()
            .map(|&k| {
                let a = ArrangeArgs {
                    grep: args.grep.clone(),
                    sort: None,
                    desc: false,
                    limit: None,
                };
                arrange(k, a).map(|a| (k, a))
            })
            .collect::<Result<_>>()?;
        Ok(Export {
            actions: ActionFilter {
                open: args.open,
                overdue: args.overdue,
                status: value_of(Kind::Action, "status", &status(Kind::Action))?,
                owner: args.owner.clone(),
                meeting: args.meeting,
                due_before: checked_date(&args.due_before),
            },
            crs: CrFilter {
                body: args.body,
                status: value_of(Kind::Cr, "status", &status(Kind::Cr))?,
                impact: value_of(Kind::Cr, "impact", &args.impact)?,
                updated_since: checked_date(&args.updated_since),
            },
            risks: RiskFilter {
                rag: value_of(Kind::Risk, "rag", &args.rag)?,
                status: value_of(Kind::Risk, "status", &status(Kind::Risk))?,
                owner: args.owner,
            },
            milestones: MilestoneFilter {
                status: value_of(Kind::Milestone, "status", &status(Kind::Milestone))?,
            },
            kinds,
            format,
            output: args.output,
            grep,
        })
    }

    fn keeps(&self, record: &Record, cx: &Context) -> bool {
        let by_kind = match record {
            Record::Action(a) => self.actions.matches(a, cx.today),
            Record::Cr(c) => self.crs.matches(c),
            Record::Risk(r) => self.risks.matches(r),
            Record::Milestone(m) => self.milestones.matches(m),
            Record::Meeting(_) => true,
        };
        by_kind && self.grep.iter().any(|(k, a)| *k == record.kind() && a.matches(record))
    }
}

/// The sheets' rows: each kept record's JSON value, in the listings' order; a meeting's agenda
/// items on a sheet of their own.
fn sheets_of(export: &Export, set: &crate::query::RecordSet, cx: &Context) -> Result<Vec<SheetRows>> {
    let mut out = Vec::new();
    for &kind in &export.kinds {
        let mut rows = Vec::new();
        let mut items = Vec::new();
        let records: Vec<Record> = match kind {
            Kind::Action => set.actions.iter().cloned().map(Record::Action).collect(),
            Kind::Cr => set.crs.iter().cloned().map(Record::Cr).collect(),
            Kind::Risk => set.risks.iter().cloned().map(Record::Risk).collect(),
            Kind::Milestone => set.milestones.iter().cloned().map(Record::Milestone).collect(),
            Kind::Meeting => set.meetings.iter().cloned().map(Record::Meeting).collect(),
        };
        for record in records.iter().filter(|r| export.keeps(r, cx)) {
            let v = serde_json::to_value(record)?;
            if let Record::Meeting(m) = record {
                for (n, item) in serde_json::to_value(&m.items)?
                    .as_array()
                    .into_iter()
                    .flatten()
                    .enumerate()
                {
                    let mut item = item.clone();
                    if let Some(obj) = item.as_object_mut() {
                        obj.insert("meeting".into(), Value::from(m.id.clone()));
                        obj.insert("ordinal".into(), Value::from(n + 1));
                    }
                    items.push(item);
                }
            }
            rows.push(v);
        }
        out.push(SheetRows {
            sheet: Sheet::Kind(kind),
            rows,
        });
        if kind == Kind::Meeting {
            out.push(SheetRows {
                sheet: Sheet::AgendaItems,
                rows: items,
            });
        }
    }
    Ok(out)
}

/// One sheet as CSV: the same columns, dates as the group writes them, formula-looking text
/// guarded with a leading `'`.
fn write_csv(sheet: &SheetRows, out: &mut dyn Write) -> Result<()> {
    let columns = sheet.sheet.columns();
    let plain = crate::render::csv::plain;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(columns.iter().map(|c| c.heading)).map_err(plain)?;
    for record in &sheet.rows {
        let cells: Vec<String> = columns
            .iter()
            .map(|c| match sheets::cell(record, c) {
                Out::Blank => String::new(),
                Out::Text(t) => sheets::csv_safe(&t).into_owned(),
                Out::Date(d) => crate::views::date(d),
                Out::Number(n) => n.to_string(),
            })
            .collect();
        w.write_record(&cells).map_err(plain)?;
    }
    w.flush()?;
    Ok(())
}

impl Run for Export {
    const NEEDS: Needs = Needs::Records;

    fn run(self, cx: &Context) -> Result<Outcome> {
        if self.output.is_none() && self.format == SheetFormat::Xlsx && std::io::stdout().is_terminal() {
            bail!("a workbook is not for a terminal: write it to a file with `-o FILE.xlsx`");
        }
        let set = cx.load(&self.kinds)?;
        let sheets = sheets_of(&self, &set, cx)?;
        let mut bytes = Vec::new();
        match self.format {
            SheetFormat::Xlsx => {
                let bodies: Vec<String> = cx.config()?.bodies.iter().map(|b| b.name.clone()).collect();
                xlsx::write(&sheets, &bodies, &mut bytes)?
            }
            SheetFormat::Csv => write_csv(&sheets[0], &mut bytes)?,
        }
        match &self.output {
            Some(path) => {
                let path = cx.cwd.join(path);
                crate::store::write::replace_file(&path, &bytes)
                    .with_context(|| format!("cannot write `{}`", path.display()))?;
                let rows: usize = sheets
                    .iter()
                    .filter(|s| matches!(s.sheet, Sheet::Kind(_)))
                    .map(|s| s.rows.len())
                    .sum();
                #[allow(clippy::print_stderr)]
                {
                    eprintln!(
                        "wrote {} ({rows} {})",
                        cx.show_path(&path),
                        if rows == 1 { "record" } else { "records" }
                    );
                }
            }
            None => super::output::to_stdout(|out| Ok(out.write_all(&bytes)?))?,
        }
        Ok(cx.report_problems(&set))
    }
}
