//! `ccag fields [KIND]`: every field of every kind — type, whether required, the flag that sets
//! it, how `add` fills it — straight from the field table. Needs no repository.

use anyhow::Result;
use serde::Serialize;

use super::options::{checked_kind, listing_format};
use super::{Context, Needs, Run};
use crate::Outcome;
use crate::cli::FieldsArgs;
use crate::model::Kind;
use crate::model::fields::{self, Field, Fill};
use crate::query::RecordSet;
use crate::render::{Cell, Listing, ListingFormat, Row, pretty};

pub struct Fields {
    kinds: Vec<Kind>,
    format: ListingFormat,
}

impl Fields {
    pub fn new(args: FieldsArgs) -> Result<Fields> {
        Ok(Fields {
            kinds: match &args.kind {
                Some(k) => vec![checked_kind(k)?],
                None => Kind::ALL.to_vec(),
            },
            format: listing_format(args.format.format),
        })
    }
}

/// One field of one kind, as a row.
#[derive(Serialize)]
struct FieldRow {
    kind: Kind,
    #[serde(flatten)]
    field: &'static Field,
}

impl Row for FieldRow {
    fn cells(&self) -> Vec<Cell> {
        let f = self.field;
        vec![
            Cell::new(self.kind.name()),
            Cell::new(f.path),
            Cell::new(f.ty.describe()),
            Cell::new(if f.required { "yes" } else { "" }),
            Cell::new(f.flag.map(|x| format!("--{x}")).unwrap_or_default()),
            Cell::new(match f.fill {
                Fill::Ask => "asked".to_string(),
                Fill::Optional => String::new(),
                Fill::Default(v) => format!("default {v}"),
                Fill::Today => "today".into(),
                Fill::Allocate { .. } => "allocated".into(),
                Fill::Empty => "empty list".into(),
                Fill::Managed => "by close / --note".into(),
            }),
            Cell::new(f.help),
        ]
    }

    fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        pretty(self, out)
    }
}

impl Run for Fields {
    const NEEDS: Needs = Needs::Nothing;

    fn run(self, cx: &Context) -> Result<Outcome> {
        let rows: Vec<Box<dyn Row>> = self
            .kinds
            .iter()
            .flat_map(|kind| {
                fields::fields(*kind)
                    .iter()
                    .map(|field| Box::new(FieldRow { kind: *kind, field }) as Box<dyn Row>)
            })
            .collect();
        let listing = Listing::with_rows(vec!["Kind", "Field", "Type", "Required", "Flag", "Add", "About"], rows);
        cx.print_listing(&listing, self.format, &RecordSet::default())
    }
}
