//! The parser: the clap types of `cli.rs`, plus what comes from the domain — a flag for every
//! field in the field table (on `add` and `update`), the allowed values of every enumerated
//! option, the record kinds, strict dates — and the dispatch from parsed options to commands.

use std::ffi::OsStr;

use anyhow::Result;
use clap::builder::{PossibleValue, StringValueParser, TypedValueParser};
use clap::error::ErrorKind;
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches};

use super::options::FieldValues;
use super::{Globals, start};
use super::{
    actions, add, agenda, changes, close, completions, crs, edit, export, fields, fmt, import, init, log, man,
    meetings, milestones, mv, report, risks, rm, schemas, show, site, templates, update, validate,
};
use crate::Outcome;
use crate::cli::{Cli, ColorChoice, Command};
use crate::color::ColorWhen;
use crate::model::fields::{self as table, FieldType, Fill};
use crate::model::{Kind, date};

/// Enumerated options and the field whose values they take.
const CHOICES: &[(&str, &str, Kind, &str)] = &[
    ("actions", "status", Kind::Action, "status"),
    ("crs", "status", Kind::Cr, "status"),
    ("crs", "impact", Kind::Cr, "impact"),
    ("risks", "rag", Kind::Risk, "rag"),
    ("risks", "status", Kind::Risk, "status"),
    ("milestones", "status", Kind::Milestone, "status"),
];

/// Two or three real examples for each subcommand's `--help`.
const EXAMPLES: &[(&str, &[&str])] = &[
    ("init", &["ccag init our-records", "ccag init --dry-run"]),
    (
        "validate",
        &[
            "ccag validate",
            "ccag validate records/actions --strict",
            "ccag validate --format github   # annotations in a pull request",
        ],
    ),
    (
        "fmt",
        &[
            "ccag fmt",
            "ccag fmt --check   # in CI: exit 1 and list the files",
            "ccag fmt --diff records/actions/CCAG27-01.yaml",
        ],
    ),
    (
        "actions",
        &[
            "ccag actions --open",
            "ccag actions --overdue --owner bsc --format csv > overdue.csv",
            "ccag actions --trend --since CCAG27",
        ],
    ),
    (
        "crs",
        &[
            "ccag crs --body REC",
            "ccag crs --cards --format markdown > horizon-log.md",
            "ccag crs --grep \"role code\" --sort decision_date",
        ],
    ),
    (
        "risks",
        &[
            "ccag risks --rag high",
            "ccag risks --trend",
            "ccag risks --owner programme --format csv",
        ],
    ),
    (
        "milestones",
        &["ccag milestones", "ccag milestones --sort slip --desc --limit 5"],
    ),
    ("meetings", &["ccag meetings", "ccag meetings --format json"]),
    (
        "show",
        &[
            "ccag show CCAG26-01",
            "ccag show CP1589 --format json",
            "ccag show R202 --at 2024-01-31",
        ],
    ),
    (
        "agenda",
        &[
            "ccag agenda",
            "ccag agenda CCAG28 --format markdown > agenda.md",
            "ccag agenda CCAG28 -o agenda.html",
        ],
    ),
    (
        "report",
        &[
            "ccag report --meeting CCAG27 -o pack.html   # open it in a browser, print it to PDF",
            "ccag report --format markdown > pack.md",
            "ccag report --meeting CCAG27 --format json",
            "ccag report -o pack.html --template my-templates",
        ],
    ),
    (
        "add",
        &[
            "ccag add action --title \"Circulate the plan\" --owner Programme --due 2024-03-27",
            "ccag add cr --id CP1600 --body BSC --title \"Role codes\" --summary \"Re-raise\" --impact none",
            "ccag add meeting --date 2024-04-24 --from CCAG28 --commit",
        ],
    ),
    (
        "update",
        &[
            "ccag update CCAG26-02 --status ongoing --note \"Chased BSC\"",
            "ccag update T2-RE-0300 --forecast 2024-06-30 --note \"Legal text late\"",
            "ccag update R202 --mitigation \"Weekly check-in\" --remove-mitigation 2",
        ],
    ),
    (
        "close",
        &[
            "ccag close CCAG26-01 --note \"Closed at CCAG27\" --commit",
            "ccag close CCAG26-03 CCAG26-04 CCAG26-05 --dry-run",
        ],
    ),
    (
        "reopen",
        &["ccag reopen CCAG26-01 --note \"Reopened: the link is broken\""],
    ),
    (
        "edit",
        &[
            "ccag edit CCAG26-02",
            "CCAG_EDITOR=\"code --wait\" ccag edit CP1589 --commit",
        ],
    ),
    ("mv", &["ccag mv CP1589 CP1600 --dry-run", "ccag mv R485 R486 --commit"]),
    ("rm", &["ccag rm CCAG27-09", "ccag rm CP1600 --force --commit"]),
    (
        "log",
        &[
            "ccag log CCAG26-01",
            "ccag log CP1589 --format json",
            "ccag log CCAG26-01 --at 2024-02-01",
        ],
    ),
    (
        "changes",
        &[
            "ccag changes",
            "ccag changes --since CCAG27 --format markdown",
            "ccag changes --since 2024-02-01 --until 2024-02-29",
        ],
    ),
    ("fields", &["ccag fields", "ccag fields action --format markdown"]),
    (
        "completions",
        &[
            "source <(ccag completions bash)      # in ~/.bashrc",
            "ccag completions fish > ~/.config/fish/completions/ccag.fish",
        ],
    ),
    ("man", &["ccag man ~/.local/share/man/man1", "ccag man | man -l -"]),
    (
        "schemas",
        &[
            "ccag schemas",
            "ccag schemas --write   # after upgrading ccag",
            "ccag schemas --check   # in CI",
            "ccag schemas risk",
        ],
    ),
    (
        "export",
        &[
            "ccag export -o CCAG-logs.xlsx",
            "ccag export actions --open -o open-actions.xlsx",
            "ccag export cr --body BSC --format csv > horizon-bsc.csv",
        ],
    ),
    (
        "import",
        &[
            "ccag import \"Horizon Scanning Log.xlsx\" --dry-run",
            "ccag import CCAG-logs.xlsx --sheet Actions --commit",
            "ccag import risks.csv --kind risk",
        ],
    ),
    (
        "site",
        &[
            "ccag site site/   # then open site/index.html",
            "ccag site public --meeting CCAG28",
        ],
    ),
    (
        "templates",
        &[
            "ccag templates my-pack   # then: ccag report -o pack.html --template my-pack",
            "ccag templates ~/pack-templates",
        ],
    ),
];

/// The whole parser.
pub fn command() -> clap::Command {
    let mut cmd = Cli::command();
    for (sub, examples) in EXAMPLES {
        let text = format!(
            "Examples:\n{}",
            examples.iter().map(|e| format!("  {e}")).collect::<Vec<_>>().join("\n")
        );
        cmd = cmd.mut_subcommand(sub, |c| c.after_help(text));
    }
    for (sub, arg, kind, path) in CHOICES {
        if let Some(FieldType::Choice(values)) = table::field_of(*kind, path).map(|f| f.ty) {
            cmd = cmd.mut_subcommand(sub, |c| c.mut_arg(arg, |a| a.value_parser(Choice(values))));
        }
    }
    cmd = cmd
        .mut_subcommand("add", |c| {
            c.mut_arg("kind", |a| a.value_parser(Choice(&Kind::NAMES)))
                .args(field_args(true))
        })
        .mut_subcommand("update", |c| c.args(field_args(false)))
        .mut_subcommand("show", |c| c.mut_arg("id", complete_ids))
        .mut_subcommand("log", |c| c.mut_arg("id", complete_ids))
        .mut_subcommand("edit", |c| c.mut_arg("id", complete_ids))
        .mut_subcommand("rm", |c| c.mut_arg("id", complete_ids))
        .mut_subcommand("mv", |c| c.mut_arg("id", complete_ids))
        .mut_subcommand("update", |c| c.mut_arg("ids", complete_ids))
        .mut_subcommand("close", |c| c.mut_arg("ids", complete_ids))
        .mut_subcommand("reopen", |c| c.mut_arg("ids", complete_ids))
        .mut_subcommand("schemas", |c| {
            c.mut_arg("kind", |a| a.value_parser(Choice(&Kind::NAMES)))
        })
        .mut_subcommand("fields", |c| {
            c.mut_arg("kind", |a| a.value_parser(Choice(&Kind::NAMES)))
        });
    strict_dates(cmd)
}

/// Record ids complete from the file names under `records/`.
fn complete_ids(arg: Arg) -> Arg {
    arg.add(clap_complete::engine::ArgValueCompleter::new(
        super::completions::record_ids,
    ))
}

/// Every option whose value is a `DATE` takes exactly `YYYY-MM-DD`, a day that exists.
fn strict_dates(cmd: clap::Command) -> clap::Command {
    let is_date = |a: &Arg| a.get_value_names().is_some_and(|n| n.len() == 1 && n[0] == "DATE");
    cmd.mut_args(move |a| if is_date(&a) { a.value_parser(date_parser()) } else { a })
        .mut_subcommands(strict_dates)
}

fn date_parser() -> impl TypedValueParser<Value = String> {
    StringValueParser::new().try_map(|s| match date::parse(&s) {
        Some(_) => Ok(s),
        None => Err(format!("`{s}` is not a date `YYYY-MM-DD`")),
    })
}

/// One of a fixed list of words, in any case and with spaces for hyphens (`--status "Recommend
/// closed"`); help and completion list them.
#[derive(Clone)]
struct Choice(&'static [&'static str]);

impl TypedValueParser for Choice {
    type Value = String;

    fn parse_ref(&self, cmd: &clap::Command, arg: Option<&Arg>, value: &OsStr) -> Result<String, clap::Error> {
        let values = self.0;
        StringValueParser::new()
            .try_map(move |s| {
                if let Some(value) = table::choose(values, &s) {
                    Ok(value.to_string())
                } else {
                    Err(format!(
                        "`{s}` is not one of {}",
                        values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
                    ))
                }
            })
            .parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.0.iter().map(PossibleValue::new)))
    }
}

/// A flag for each field the command line can set: every field on `add` (lists repeatable), the
/// single-valued ones on `update` (an id never changes).
pub fn field_args(for_add: bool) -> Vec<Arg> {
    let mut args = Vec::new();
    for (flag, mut users) in table::flags() {
        // An id ccag allocates is not the user's to give (`add action --id` is refused).
        users.retain(|(_, f)| f.fill != (Fill::Allocate { given: false }));
        if users.is_empty() {
            continue;
        }
        let scalar = users.iter().all(|(_, f)| f.ty.is_scalar());
        if !for_add && users.iter().any(|(_, f)| f.path == "id") {
            continue;
        }
        let (_, first) = users[0];
        let value_name = match first.ty {
            FieldType::Date if users.iter().all(|(_, f)| f.ty == FieldType::Date) => "DATE",
            FieldType::Time => "HH:MM",
            FieldType::Url => "URL",
            FieldType::Id | FieldType::Ids => "ID",
            FieldType::Items => "TITLE=MINUTES",
            FieldType::Choice(_) if users.iter().all(|(_, f)| matches!(f.ty, FieldType::Choice(_))) => "VALUE",
            _ => "TEXT",
        };
        let help = if !for_add && !scalar {
            format!("Add an entry: {}", field_help(&users, for_add))
        } else {
            field_help(&users, for_add)
        };
        let mut arg = Arg::new(flag)
            .long(flag)
            .value_name(value_name)
            .help(help)
            .help_heading("Fields");
        arg = if scalar {
            arg.action(ArgAction::Set)
        } else {
            arg.action(ArgAction::Append)
        };
        args.push(arg);
        if !for_add && !scalar {
            let which = match first.ty {
                FieldType::Items => "TITLE|N",
                FieldType::Texts => "TEXT|N",
                _ => "ID",
            };
            let name: &'static str = Box::leak(format!("remove-{flag}").into_boxed_str());
            args.push(
                Arg::new(name)
                    .long(name)
                    .value_name(which)
                    .help(format!(
                        "Remove an entry of `{}`: by its {}, or by its number (1 is the first) (repeatable)",
                        first.path,
                        match first.ty {
                            FieldType::Items => "title",
                            FieldType::Texts => "text",
                            _ => "id",
                        }
                    ))
                    .help_heading("Fields")
                    .action(ArgAction::Append),
            );
        }
    }
    args
}

/// "What is to be done (action); The change's title (cr)", with defaults `add` fills in.
fn field_help(users: &[(Kind, &table::Field)], for_add: bool) -> String {
    let mut parts: Vec<(String, Vec<&str>)> = Vec::new();
    for (kind, f) in users {
        let mut help = f.help.to_string();
        if let FieldType::Choice(values) = f.ty {
            help.push_str(&format!(": {}", values.join(", ")));
        }
        match parts.iter_mut().find(|(h, _)| *h == help) {
            Some((_, kinds)) => kinds.push(kind.name()),
            None => parts.push((help, vec![kind.name()])),
        }
    }
    let mut text = parts
        .iter()
        .map(|(h, kinds)| format!("{h} ({})", kinds.join(", ")))
        .collect::<Vec<_>>()
        .join("; ");
    if users.iter().any(|(_, f)| !f.ty.is_scalar()) {
        text.push_str(" (repeatable)");
    }
    if for_add {
        let mut defaults: Vec<(&str, Vec<&str>)> = Vec::new();
        for (kind, f) in users {
            let value = match f.fill {
                Fill::Default(v) => v,
                Fill::Today => "today",
                _ => continue,
            };
            match defaults.iter_mut().find(|(v, _)| *v == value) {
                Some((_, kinds)) => kinds.push(kind.name()),
                None => defaults.push((value, vec![kind.name()])),
            }
        }
        if !defaults.is_empty() {
            let said: Vec<String> = defaults
                .iter()
                .map(|(v, kinds)| format!("{v} ({})", kinds.join(", ")))
                .collect();
            text.push_str(&format!(" [default: {}]", said.join(", ")));
        }
    }
    text
}

/// Parse the command line and run the command.
pub fn run() -> Result<Outcome> {
    let matches = command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let at = match (cli.at.as_deref(), cli.command.at()) {
        (Some(top), _) if !cli.command.takes_at() => command()
            .error(
                ErrorKind::ArgumentConflict,
                format!(
                    "`--at {top}` reads the records as they stood; `{}` does not take it",
                    cli.command.name()
                ),
            )
            .exit(),
        (Some(a), Some(b)) if a != b => command()
            .error(
                ErrorKind::ArgumentConflict,
                "`--at` is given twice, with different revisions",
            )
            .exit(),
        (top, sub) => top.or(sub).map(str::to_string),
    };
    let globals = Globals {
        dir: cli.global.dir.clone(),
        today: cli.global.today.as_deref().and_then(date::parse),
        color: match cli.global.color {
            ColorChoice::Auto => ColorWhen::Auto,
            ColorChoice::Always => ColorWhen::Always,
            ColorChoice::Never => ColorWhen::Never,
        },
        at,
    };
    let sub = matches.subcommand().map(|(_, m)| m);
    match cli.command {
        Command::Validate(a) => start(validate::Validate::new(a)?, &globals),
        Command::Actions(a) => start(actions::Actions::new(a)?, &globals),
        Command::Crs(a) => start(crs::Crs::new(a)?, &globals),
        Command::Risks(a) => start(risks::Risks::new(a)?, &globals),
        Command::Milestones(a) => start(milestones::Milestones::new(a)?, &globals),
        Command::Meetings(a) => start(meetings::Meetings::new(a)?, &globals),
        Command::Show(a) => start(show::Show::new(a)?, &globals),
        Command::Agenda(a) => start(agenda::AgendaCommand::new(a)?, &globals),
        Command::Report(a) => start(report::ReportCommand::new(a)?, &globals),
        Command::Add(a) => start(
            add::Add::new(a, FieldValues::from_matches(sub, &field_args(true)))?,
            &globals,
        ),
        Command::Update(a) => start(
            update::Update::new(a, FieldValues::from_matches(sub, &field_args(false)))?,
            &globals,
        ),
        Command::Close(a) => start(close::Close::new(a, false)?, &globals),
        Command::Reopen(a) => start(close::Close::new(a, true)?, &globals),
        Command::Rm(a) => start(rm::Rm::new(a)?, &globals),
        Command::Fmt(a) => start(fmt::Fmt::new(a), &globals),
        Command::Edit(a) => start(edit::Edit::new(a)?, &globals),
        Command::Mv(a) => start(mv::Mv::new(a)?, &globals),
        Command::Log(a) => start(log::LogCommand::new(a)?, &globals),
        Command::Changes(a) => start(changes::Changes::new(a)?, &globals),
        Command::Fields(a) => start(fields::Fields::new(a)?, &globals),
        Command::Completions(a) => start(completions::Completions::new(a)?, &globals),
        Command::Man(a) => start(man::Man::new(a, command())?, &globals),
        Command::Schemas(a) => start(schemas::Schemas::new(a)?, &globals),
        Command::Init(a) => start(init::Init::new(a)?, &globals),
        Command::Export(a) => start(export::Export::new(a)?, &globals),
        Command::Import(a) => start(import::Import::new(a)?, &globals),
        Command::Site(a) => start(site::Site::new(a)?, &globals),
        Command::Templates(a) => start(templates::Templates::new(a), &globals),
    }
}
