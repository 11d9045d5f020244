//! Rows for records kept slim (`Record::slim`, under a memory budget): the row reads its record's
//! file again when it is written, so a listing of any size holds only what it sorts by.

use std::path::Path;

use chrono::NaiveDate;
use serde::ser::Error as _;

use super::{ActionRow, CrRow, MilestoneRow, RiskRow};
use crate::model::{Kind, Record};
use crate::query::RecordSet;
use crate::render::{Cell, Row};
use crate::store;

pub struct StoredRow<'a> {
    path: &'a Path,
    kind: Kind,
    today: NaiveDate,
}

impl StoredRow<'_> {
    /// The record as its file holds it now (it passed every check when the set was loaded).
    fn load(&self) -> Result<Record, String> {
        let doc =
            store::load_file(self.path).map_err(|e| format!("cannot read `{}`: {}", self.path.display(), e.message))?;
        Record::from_value(self.kind, doc.value)
            .map_err(|e| format!("`{}` changed while it was being read: {e}", self.path.display()))
    }

    fn with_row<T>(&self, f: impl FnOnce(&dyn Row) -> T) -> Result<T, String> {
        let record = self.load()?;
        Ok(match &record {
            Record::Action(a) => f(&ActionRow::new(a, self.today)),
            Record::Cr(c) => f(&CrRow(c)),
            Record::Risk(r) => f(&RiskRow(r)),
            Record::Milestone(m) => f(&MilestoneRow::new(m)),
            Record::Meeting(_) => return Err("meetings are never kept slim".into()),
        })
    }
}

impl Row for StoredRow<'_> {
    fn cells(&self) -> Vec<Cell> {
        self.with_row(|r| r.cells())
            .unwrap_or_else(|e| vec![Cell::new(format!("({e})"))])
    }

    fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        self.with_row(|r| r.write_json(out))
            .map_err(serde_json::Error::custom)?
    }
}

/// The row for a record of `set`: `eager` when the record is whole, else one that reads its file.
pub fn row<'a>(
    set: &'a RecordSet,
    kind: Kind,
    id: &str,
    today: NaiveDate,
    eager: Box<dyn Row + 'a>,
) -> Box<dyn Row + 'a> {
    match set.slim_path(id) {
        Some(path) => Box::new(StoredRow { path, kind, today }),
        None => eager,
    }
}
