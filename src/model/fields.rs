//! The field table: one description of every field of every kind — its YAML path, type,
//! whether it is required, its allowed values, its help text, how `add` fills it and its heading
//! in listings. The `add`/`update` flags, `add`'s prompts and defaults, listing headings and
//! `ccag fields` are derived from it; `tests/field_table.rs` proves it agrees with `schemas/`.

use serde::Serialize;

use super::{ActionStatus, CrStatus, Impact, Kind, MilestoneStatus, Rag, RiskStatus};

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "type", content = "values")]
pub enum FieldType {
    /// One line or a block of text.
    Text,
    /// `YYYY-MM-DD`.
    Date,
    /// `HH:MM` on the 24-hour clock.
    Time,
    /// An `http(s)://` address.
    Url,
    /// One of a fixed list of words.
    Choice(&'static [&'static str]),
    /// A code body named in `ccag.toml` (BSC, REC, …).
    Body,
    /// A record id.
    Id,
    /// A list of record ids.
    Ids,
    /// A list of text.
    Texts,
    /// A list of `{date, text}` updates, oldest first.
    Updates,
    /// A list of agenda items.
    Items,
}

impl FieldType {
    /// One value (settable by `update`), as opposed to a list.
    pub fn is_scalar(self) -> bool {
        !matches!(
            self,
            FieldType::Ids | FieldType::Texts | FieldType::Updates | FieldType::Items
        )
    }

    /// How the type reads in help and in `ccag fields`.
    pub fn describe(self) -> String {
        match self {
            FieldType::Text => "text".into(),
            FieldType::Date => "date YYYY-MM-DD".into(),
            FieldType::Time => "time HH:MM".into(),
            FieldType::Url => "web address".into(),
            FieldType::Choice(values) => format!("one of: {}", values.join(", ")),
            FieldType::Body => "code body (ccag.toml)".into(),
            FieldType::Id => "record id".into(),
            FieldType::Ids => "list of record ids".into(),
            FieldType::Texts => "list of text".into(),
            FieldType::Updates => "list of {date, text}".into(),
            FieldType::Items => "list of agenda items".into(),
        }
    }
}

/// How `ccag add` fills a field the command line did not give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "fill", content = "value")]
pub enum Fill {
    /// Ask on a terminal (required fields a person must supply).
    Ask,
    /// Leave it out.
    Optional,
    /// This value.
    Default(&'static str),
    /// Today's date.
    Today,
    /// ccag allocates it (the next number); `given` says whether `--id` may choose it instead.
    Allocate { given: bool },
    /// An empty list.
    Empty,
    /// Set by another command (`close` sets `closed`, `--note` appends to `updates`).
    Managed,
}

/// One field of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Field {
    /// The YAML path: `title`, or `owner.org` for a nested field.
    pub path: &'static str,
    #[serde(flatten)]
    pub ty: FieldType,
    /// Required by the schema (for a nested field: required when its parent is present, and
    /// the parent is required).
    pub required: bool,
    /// The `add`/`update` flag that sets it (`--impact-note`), if the command line can.
    pub flag: Option<&'static str>,
    #[serde(flatten)]
    pub fill: Fill,
    /// Help text for the flag and for `ccag fields`.
    pub help: &'static str,
    /// The column heading in the kind's listing, where the listing shows the field.
    pub heading: Option<&'static str>,
}

const fn field(path: &'static str, ty: FieldType, required: bool, help: &'static str) -> Field {
    Field {
        path,
        ty,
        required,
        flag: None,
        fill: if required { Fill::Ask } else { Fill::Optional },
        help,
        heading: None,
    }
}

impl Field {
    const fn flag(mut self, flag: &'static str) -> Field {
        self.flag = Some(flag);
        self
    }

    const fn fill(mut self, fill: Fill) -> Field {
        self.fill = fill;
        self
    }

    const fn heading(mut self, heading: &'static str) -> Field {
        self.heading = Some(heading);
        self
    }

    /// The top-level field this one sits in (`owner` for `owner.org`).
    pub fn top(&self) -> &'static str {
        self.path.split('.').next().unwrap_or(self.path)
    }
}

use FieldType::*;

const ACTION: &[Field] = &[
    field(
        "id",
        Id,
        true,
        "Group prefix, meeting number, `-`, two-digit sequence: CCAG26-01",
    )
    .flag("id")
    .fill(Fill::Allocate { given: false })
    .heading("Ref"),
    field("title", Text, true, "What is to be done")
        .flag("title")
        .heading("Action"),
    field("raised", Date, true, "Date raised")
        .flag("raised")
        .fill(Fill::Today)
        .heading("Raised"),
    field("owner.org", Text, true, "Owning organisation")
        .flag("owner")
        .heading("Owner"),
    field("owner.person", Text, false, "Owning person").flag("person"),
    field("due", Date, true, "Due date").flag("due").heading("Due"),
    field("status", Choice(ActionStatus::NAMES), true, "Status")
        .flag("status")
        .fill(Fill::Default("open"))
        .heading("Status"),
    field("closed", Date, false, "Date closed: with status closed only").fill(Fill::Managed),
    field("updates", Updates, false, "Dated progress notes, oldest first").fill(Fill::Managed),
    field("related", Ids, false, "Other records this one refers to").flag("related"),
];

const CR: &[Field] = &[
    field("id", Id, true, "The body's own reference: CP1589, P466, R0062, CR041")
        .flag("id")
        .heading("Ref"),
    field("body", Body, true, "Code body: BSC, REC, DCUSA, …").flag("body"),
    field("title", Text, true, "The change's title")
        .flag("title")
        .heading("Title"),
    field("summary", Text, true, "What the change does").flag("summary"),
    field("raised", Date, true, "Date raised")
        .flag("raised")
        .fill(Fill::Today)
        .heading("Raised"),
    field("status", Choice(CrStatus::NAMES), true, "Status")
        .flag("status")
        .fill(Fill::Default("raised"))
        .heading("Status"),
    field("impact", Choice(Impact::NAMES), true, "Programme impact")
        .flag("impact")
        .heading("Impact"),
    field(
        "impact_note",
        Text,
        false,
        "Note on the impact, e.g. \"Design impacted\"",
    )
    .flag("impact-note"),
    field("decision_date", Date, false, "Decision date (absent means TBC)")
        .flag("decision-date")
        .heading("Decision"),
    field("decided_by", Text, false, "Who decides, e.g. \"REC Change Panel\"").flag("decided-by"),
    field("positions", Text, false, "Stakeholder positions").flag("positions"),
    field("implementation", Date, false, "Implementation date").flag("implementation"),
    field("updates", Updates, false, "Dated progress notes, oldest first").fill(Fill::Managed),
    field("related", Ids, false, "Other records this one refers to").flag("related"),
    field("link", Url, false, "Web address").flag("link"),
];

const RISK: &[Field] = &[
    field("id", Id, true, "The risk's reference: R485")
        .flag("id")
        .heading("ID"),
    field("title", Text, true, "\"There is a risk that …\"")
        .flag("title")
        .heading("Risk"),
    field("impact", Text, true, "The risk's impact")
        .flag("impact")
        .heading("Impact"),
    field("rag", Choice(Rag::NAMES), true, "RAG").flag("rag").heading("RAG"),
    field("status", Choice(RiskStatus::NAMES), true, "Status")
        .flag("status")
        .fill(Fill::Default("open"))
        .heading("Status"),
    field("mitigations", Texts, false, "Mitigations, in order")
        .flag("mitigation")
        .heading("Mitigation"),
    field("owner.org", Text, false, "Owning organisation").flag("owner"),
    field("owner.person", Text, false, "Owning person").flag("person"),
    field("raised", Date, false, "Date raised")
        .flag("raised")
        .fill(Fill::Today),
    field("reviewed", Date, false, "Date last reviewed").flag("reviewed"),
    field("updates", Updates, false, "Dated progress notes, oldest first").fill(Fill::Managed),
];

const MILESTONE: &[Field] = &[
    field("id", Id, true, "The milestone's reference: T2-RE-0100")
        .flag("id")
        .heading("Ref"),
    field("title", Text, true, "The milestone")
        .flag("title")
        .heading("Milestone"),
    field("baseline", Date, true, "Baseline date")
        .flag("baseline")
        .heading("Baseline"),
    field("forecast", Date, true, "Forecast date")
        .flag("forecast")
        .heading("Forecast"),
    field("status", Choice(MilestoneStatus::NAMES), true, "Status")
        .flag("status")
        .fill(Fill::Default("green"))
        .heading("Status"),
    field("actual", Date, false, "Date achieved: when complete only").flag("actual"),
    field("updates", Updates, false, "Dated progress notes, oldest first").fill(Fill::Managed),
];

const MEETING: &[Field] = &[
    field("id", Id, true, "Group prefix and number: CCAG27")
        .flag("id")
        .fill(Fill::Allocate { given: true })
        .heading("ID"),
    field("date", Date, true, "Meeting date").flag("date").heading("Date"),
    field(
        "start",
        Time,
        false,
        "Start time HH:MM (absent: the `start` in ccag.toml)",
    )
    .flag("start")
    .heading("Start"),
    field("chair", Text, false, "Chair").flag("chair").heading("Chair"),
    field(
        "items",
        Items,
        true,
        "Agenda items `TITLE=MINUTES`, then optionally `; type=…; lead=…; purpose=…; shows=…`",
    )
    .flag("item")
    .fill(Fill::Empty),
];

/// Every field of `kind`, in contract order.
/// The allowed value `given` means, as people type the values and as the tables show them: any
/// case, spaces or underscores for hyphens (`RECOMMEND CLOSED`, `of interest`, `Rec`).
pub fn choose<'a>(values: &[&'a str], given: &str) -> Option<&'a str> {
    let plain = |s: &str| -> String {
        s.trim()
            .chars()
            .map(|c| {
                if c == ' ' || c == '_' {
                    '-'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect()
    };
    let wanted = plain(given);
    values.iter().copied().find(|v| plain(v) == wanted)
}

pub fn fields(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::Action => ACTION,
        Kind::Cr => CR,
        Kind::Risk => RISK,
        Kind::Milestone => MILESTONE,
        Kind::Meeting => MEETING,
    }
}

/// The field of `kind` at `path`.
pub fn field_of(kind: Kind, path: &str) -> Option<&'static Field> {
    fields(kind).iter().find(|f| f.path == path)
}

/// The listing heading of `kind`'s field at `path` (the path itself if it has none).
pub fn heading(kind: Kind, path: &str) -> &'static str {
    field_of(kind, path).and_then(|f| f.heading).unwrap_or("?")
}

/// The field a flag sets on `kind`.
pub fn by_flag(kind: Kind, flag: &str) -> Option<&'static Field> {
    fields(kind).iter().find(|f| f.flag == Some(flag))
}

/// Every flag of every kind, once, in first-seen order, with the kinds that have it.
pub fn flags() -> Vec<(&'static str, Vec<(Kind, &'static Field)>)> {
    let mut out: Vec<(&'static str, Vec<(Kind, &'static Field)>)> = Vec::new();
    for kind in Kind::ALL {
        for f in fields(kind) {
            let Some(flag) = f.flag else { continue };
            match out.iter_mut().find(|(name, _)| *name == flag) {
                Some((_, users)) => users.push((kind, f)),
                None => out.push((flag, vec![(kind, f)])),
            }
        }
    }
    out
}

/// The flag that sets `path` (`owner.org` → `--owner`), for messages.
pub fn flag_for(kind: Kind, path: &str) -> String {
    match field_of(kind, path).and_then(|f| f.flag) {
        Some(flag) => format!("--{flag}"),
        None => format!("--{path}"),
    }
}

#[cfg(test)]
mod tests {
    use super::choose;

    #[test]
    fn choices_are_taken_as_people_type_them() {
        let statuses = ["open", "ongoing", "recommend-closed", "closed"];
        assert_eq!(choose(&statuses, "OPEN"), Some("open"));
        assert_eq!(choose(&statuses, "Recommend closed"), Some("recommend-closed"));
        assert_eq!(choose(&statuses, " recommend_closed "), Some("recommend-closed"));
        assert_eq!(choose(&statuses, "recommended-closed"), None);
        assert_eq!(choose(&statuses, "clos"), None);
        let bodies = ["BSC", "REC", "Grid Code"];
        assert_eq!(choose(&bodies, "rec"), Some("REC"));
        assert_eq!(choose(&bodies, "grid code"), Some("Grid Code"));
        assert_eq!(choose(&bodies, "grid-code"), Some("Grid Code"));
    }
}
