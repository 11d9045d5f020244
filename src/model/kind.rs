//! The five record kinds and the folders they live in.

use serde::Serialize;

/// A record kind. The folder under `records/` decides a file's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Action,
    Cr,
    Risk,
    Milestone,
    Meeting,
}

impl Kind {
    pub const ALL: [Kind; 5] = [Kind::Action, Kind::Cr, Kind::Risk, Kind::Milestone, Kind::Meeting];

    /// Every kind's name, in `ALL`'s order.
    pub const NAMES: [&'static str; 5] = ["action", "cr", "risk", "milestone", "meeting"];

    /// The kind with this name (`action`, `cr`, …).
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The name used on the command line and in schema file names.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Action => "action",
            Kind::Cr => "cr",
            Kind::Risk => "risk",
            Kind::Milestone => "milestone",
            Kind::Meeting => "meeting",
        }
    }

    /// "an action", "a cr", … for messages.
    /// The kind's name in the plural, as the listings are called: `actions`, `crs`.
    pub fn plural(self) -> String {
        format!("{}s", self.name())
    }

    pub fn with_article(self) -> String {
        match self {
            Kind::Action => "an action".into(),
            other => format!("a {}", other.name()),
        }
    }

    /// The folder under `records/` that holds this kind.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Action => "actions",
            Kind::Cr => "changes",
            Kind::Risk => "risks",
            Kind::Milestone => "milestones",
            Kind::Meeting => "meetings",
        }
    }

    pub fn from_folder(folder: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.folder() == folder)
    }

    /// The schema file name under `schemas/`.
    pub fn schema_file(self) -> String {
        format!("{}.schema.json", self.name())
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
