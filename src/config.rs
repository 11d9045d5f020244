//! `ccag.toml`: what differs between groups (prefix, code bodies and their reference patterns, meeting start).

use std::path::Path;

use anyhow::{Context, Result, bail};
use chrono::NaiveTime;
use regex::Regex;
use serde::Deserialize;

use crate::model::meeting_hhmm;

/// A code body and the pattern its change references follow.
#[derive(Debug, Clone)]
pub struct Body {
    pub name: String,
    /// The reference pattern as written (unanchored).
    pub pattern: String,
    /// The same pattern, anchored at both ends.
    pub regex: Regex,
}

impl Body {
    pub fn new(name: &str, pattern: &str) -> Result<Body> {
        let regex = Regex::new(&format!("^(?:{pattern})$"))
            .with_context(|| format!("the reference pattern of code body `{name}` is not a valid regex"))?;
        Ok(Body {
            name: name.to_string(),
            pattern: pattern.to_string(),
            regex,
        })
    }
}

/// Group settings, with the defaults that apply when `ccag.toml` is absent.
#[derive(Debug, Clone)]
pub struct Config {
    /// Prefix of meeting ids and action ids: `CCAG` gives `CCAG27`, `CCAG27-01`.
    pub prefix: String,
    /// Meeting start when a meeting record has no `start`.
    pub start: NaiveTime,
    pub bodies: Vec<Body>,
    /// How tables, markdown and CSV show dates (files and JSON stay `YYYY-MM-DD`).
    pub date_format: DateFormat,
}

/// How dates are shown to people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateFormat {
    /// `2024-02-28`
    #[default]
    Iso,
    /// `28/02/2024`, as the pack writes them.
    DayMonthYear,
}

impl DateFormat {
    pub fn show(self, d: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let (y, m, day) = (d.year(), d.month(), d.day());
        match self {
            // Written directly (chrono's format strings are parsed at every call, and a table
            // shows two dates a row); years outside 0–9999 as chrono writes them.
            _ if !(0..=9999).contains(&y) => match self {
                DateFormat::Iso => d.format("%Y-%m-%d").to_string(),
                DateFormat::DayMonthYear => d.format("%d/%m/%Y").to_string(),
            },
            DateFormat::Iso => format!("{y:04}-{m:02}-{day:02}"),
            DateFormat::DayMonthYear => format!("{day:02}/{m:02}/{y:04}"),
        }
    }
}

/// The code bodies a repository without `[[body]]` entries knows.
pub const DEFAULT_BODIES: &[(&str, &str)] = &[
    ("BSC", r"P\d{3,}|CP\d{4}"),
    ("REC", r"R\d{4}"),
    ("DCUSA", r"DCP\d{3}"),
    ("CUSC", r"CMP\d{3}"),
    ("SEC", r"MP\d{3}"),
    ("Grid Code", r"GC\d{4}"),
    ("MHHS", r"(CR|DIN)\d{3}"),
];

impl Default for Config {
    fn default() -> Self {
        Config {
            prefix: "CCAG".into(),
            start: NaiveTime::from_hms_opt(10, 0, 0).expect("10:00 is a time"),
            date_format: DateFormat::Iso,
            bodies: DEFAULT_BODIES
                .iter()
                .map(|(n, p)| Body::new(n, p).expect("default patterns are valid"))
                .collect(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    prefix: Option<String>,
    start: Option<String>,
    date_format: Option<String>,
    #[serde(default)]
    body: Vec<FileBody>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileBody {
    name: String,
    pattern: String,
}

impl Config {
    /// Read `ccag.toml` from `root`, or the defaults when there is none.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join("ccag.toml");
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(e).with_context(|| format!("cannot read `{}`", path.display())),
        };
        Config::parse(&text).with_context(|| format!("invalid `{}`", path.display()))
    }

    pub fn parse(text: &str) -> Result<Config> {
        let file: File = toml::from_str(text)?;
        let mut config = Config::default();
        if let Some(prefix) = file.prefix {
            if prefix.is_empty() || !prefix.chars().all(|c| c.is_ascii_alphabetic()) {
                bail!("`prefix` must be letters only, like `CCAG` (found `{prefix}`)");
            }
            config.prefix = prefix;
        }
        if let Some(start) = file.start {
            config.start =
                meeting_hhmm::parse(&start).with_context(|| format!("`start` must be `HH:MM` (found `{start}`)"))?;
        }
        if let Some(format) = file.date_format {
            config.date_format = match format.trim().to_ascii_uppercase().as_str() {
                "YYYY-MM-DD" | "ISO" => DateFormat::Iso,
                "DD/MM/YYYY" => DateFormat::DayMonthYear,
                _ => bail!("`date_format` must be `YYYY-MM-DD` or `DD/MM/YYYY` (found `{format}`)"),
            };
        }
        // Listing bodies replaces the default list, so a group states exactly the bodies it tracks.
        if !file.body.is_empty() {
            let mut seen = std::collections::HashSet::new();
            for b in &file.body {
                if !seen.insert(b.name.to_ascii_lowercase()) {
                    bail!(
                        "code body `{}` is listed twice in `[[body]]`; keep one entry per body",
                        b.name
                    );
                }
            }
            config.bodies = file
                .body
                .iter()
                .map(|b| Body::new(&b.name, &b.pattern))
                .collect::<Result<_>>()?;
        }
        Ok(config)
    }

    pub fn body(&self, name: &str) -> Option<&Body> {
        self.bodies.iter().find(|b| b.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn defaults_know_the_pack_bodies() {
        let c = Config::default();
        assert!(c.body("BSC").unwrap().regex.is_match("CP1589"));
        assert!(c.body("BSC").unwrap().regex.is_match("P466"));
        assert!(!c.body("BSC").unwrap().regex.is_match("466"));
        assert!(c.body("MHHS").unwrap().regex.is_match("CR041"));
        assert!(!c.body("REC").unwrap().regex.is_match("R00621"));
    }

    #[test]
    fn a_file_overrides_prefix_start_and_bodies() {
        let c = Config::parse("prefix = \"XYZ\"\nstart = \"09:30\"\n[[body]]\nname = \"UNC\"\npattern = 'UNC\\d{4}'\n")
            .unwrap();
        assert_eq!(c.prefix, "XYZ");
        assert_eq!(c.start.format("%H:%M").to_string(), "09:30");
        assert_eq!(c.bodies.len(), 1);
        assert!(Config::parse("colour = 1").is_err());
        assert!(Config::parse("[[body]]\nname = \"X\"\npattern = '('\n").is_err());
        let twice = "[[body]]\nname = \"BSC\"\npattern = 'P\\d+'\n[[body]]\nname = \"bsc\"\npattern = 'CP\\d+'\n";
        let err = Config::parse(twice).unwrap_err().to_string();
        assert!(err.contains("code body `bsc` is listed twice"), "{err}");
    }

    #[test]
    fn dates_show_as_chrono_writes_them() {
        let mut d = chrono::NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
        while d.year() < 10_000 {
            assert_eq!(DateFormat::Iso.show(d), d.format("%Y-%m-%d").to_string());
            // model::date serializes with Display, which must be the same.
            assert_eq!(d.to_string(), d.format("%Y-%m-%d").to_string());
            assert_eq!(DateFormat::DayMonthYear.show(d), d.format("%d/%m/%Y").to_string());
            d += chrono::Duration::days(7919);
        }
        let far = chrono::NaiveDate::from_ymd_opt(12_024, 2, 28).unwrap();
        assert_eq!(DateFormat::Iso.show(far), "+12024-02-28");
    }
}
