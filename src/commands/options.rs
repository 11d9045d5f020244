//! Options become domain values here, at the boundary: the field flags given, and values the
//! parser has already checked (dates, kinds, enumerated words, formats).

use anyhow::Result;
use clap::ArgMatches;

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
    Kind::from_name(name).ok_or_else(|| anyhow::anyhow!("`{name}` is not a record kind"))
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
