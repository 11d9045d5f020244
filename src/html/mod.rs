//! HTML: the meeting pack and the site of the records as self-contained pages, rendered by
//! minijinja templates over the same values JSON serializes. Templates escape everything they
//! print (auto-escaping for `.html`), charts are inline SVG drawn by `charts`, and a page refers
//! to nothing outside itself but the links records hold and, in the site, its sibling pages.

pub mod charts;
pub mod site;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;
use minijinja::{AutoEscape, Environment, HtmlEscape, Value};

use crate::model::{Action, Milestone};
use crate::pack::{Agenda, Report};
use crate::query::RecordSet;
use crate::views;

/// The built-in templates: pages (`report.html`, `agenda.html`, and the site's `record.html`,
/// `body.html`) and the parts they share (names starting `_`).
const BUILT_IN: &[(&str, &str)] = &[
    ("_layout.html", include_str!("templates/_layout.html")),
    ("_macros.html", include_str!("templates/_macros.html")),
    ("_style.css", include_str!("templates/_style.css")),
    ("report.html", include_str!("templates/report.html")),
    ("agenda.html", include_str!("templates/agenda.html")),
    ("record.html", include_str!("templates/record.html")),
    ("body.html", include_str!("templates/body.html")),
    ("list.html", include_str!("templates/list.html")),
];

/// The built-in templates, name and text (what `ccag templates DIR` copies out).
pub fn built_in_templates() -> impl Iterator<Item = (&'static str, &'static str)> {
    BUILT_IN.iter().copied()
}

/// The text of a built-in template.
pub fn built_in(name: &str) -> Option<&'static str> {
    BUILT_IN.iter().find(|(n, _)| *n == name).map(|(_, text)| *text)
}

/// Templates ready to render: the built-in ones, each replaced by a file of the same name in
/// the `--template` folder when it has one.
pub struct Pages {
    env: Environment<'static>,
    dir: Option<PathBuf>,
}

impl Pages {
    /// `dir` is a `--template` folder; `links` maps a record id to its page (the site), so
    /// `rec(id)` links it; in a pack (no links) ids are text.
    pub fn new(dir: Option<&Path>, links: HashMap<String, String>) -> Result<Pages> {
        Pages::at(dir, Arc::new(links), "")
    }

    /// As `new`, for pages `root` away from the site's top (`../` for a page in a folder):
    /// `rec(id)` links are `root` + the record's page.
    pub fn at(dir: Option<&Path>, links: Arc<HashMap<String, String>>, root: &'static str) -> Result<Pages> {
        if let Some(dir) = dir
            && !dir.is_dir()
        {
            bail!(
                "the template folder `{}` does not exist\n  hint: it holds `report.html` and/or `agenda.html`; a page it lacks is the built-in one",
                dir.display()
            );
        }
        let mut env = Environment::new();
        let folder = dir.map(Path::to_path_buf);
        let lookup = folder.clone();
        env.set_loader(move |name| {
            if let Some(dir) = &lookup {
                let path = dir.join(name);
                if path.is_file() {
                    return std::fs::read_to_string(&path).map(Some).map_err(|e| {
                        minijinja::Error::new(
                            minijinja::ErrorKind::InvalidOperation,
                            format!("cannot read `{}`", path.display()),
                        )
                        .with_source(e)
                    });
                }
            }
            Ok(built_in(name).map(str::to_string))
        });
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") || name.ends_with(".svg") {
                AutoEscape::Html
            } else {
                AutoEscape::None
            }
        });
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
        // `recommend-closed` → `RECOMMEND CLOSED`, as the pack writes labels; a list joined by `/`.
        env.add_filter("label", |v: Value| -> String {
            match v.as_str() {
                Some(s) => crate::sheets::label(s),
                None => v
                    .try_iter()
                    .map(|items| {
                        items
                            .filter_map(|i| i.as_str().map(crate::sheets::label))
                            .collect::<Vec<_>>()
                            .join(" / ")
                    })
                    .unwrap_or_default(),
            }
        });
        // Rows grouped by their `body`, in the order the rows come: `[{body, rows}]`.
        env.add_function("by_body", |rows: Value| -> Value {
            let mut groups: Vec<(String, Vec<Value>)> = Vec::new();
            for row in rows.try_iter().into_iter().flatten() {
                let body = row
                    .get_attr("body")
                    .ok()
                    .and_then(|b| b.as_str().map(str::to_string))
                    .unwrap_or_default();
                match groups.last_mut() {
                    Some((last, rows)) if *last == body => rows.push(row),
                    _ => groups.push((body, vec![row])),
                }
            }
            Value::from_iter(
                groups
                    .into_iter()
                    .map(|(body, rows)| minijinja::context! { body => body, rows => rows }),
            )
        });
        env.add_filter("date", |v: Value| -> String {
            v.as_str()
                .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
                .map(views::date)
                .or_else(|| v.as_str().map(str::to_string))
                .unwrap_or_default()
        });
        // Only a web or mail address becomes a link; anything else (`javascript:`, a path) is text.
        env.add_filter("web_url", |v: Value| -> Value {
            match v.as_str() {
                Some(s) if is_web_url(s) => Value::from(s),
                _ => Value::from(()),
            }
        });
        env.add_filter("slug", |v: Value| -> String { slug(v.as_str().unwrap_or_default()) });
        env.add_function("rec", move |id: Value| -> Value {
            let id = id.as_str().unwrap_or_default();
            match links.get(id) {
                Some(href) => Value::from_safe_string(format!(
                    "<a href=\"{}{}\">{}</a>",
                    attribute(root),
                    attribute(href),
                    HtmlEscape(id)
                )),
                None => Value::from(id),
            }
        });
        env.add_global("ccag_version", env!("CARGO_PKG_VERSION"));
        env.add_global("root", Value::from_safe_string(root.to_string()));
        Ok(Pages { env, dir: folder })
    }

    /// `name` rendered with `context`; a template's error names its file and line.
    pub fn render(&self, name: &str, context: Value) -> Result<String> {
        let template = self.env.get_template(name).map_err(|e| self.explain(name, e))?;
        template.render(context).map_err(|e| self.explain(name, e))
    }

    fn explain(&self, page: &str, e: minijinja::Error) -> anyhow::Error {
        let file = e.name().unwrap_or(page).to_string();
        let shown = match &self.dir {
            Some(dir) if dir.join(&file).is_file() => dir.join(&file).display().to_string(),
            _ => format!("{file} (built in)"),
        };
        let line = e.line().map(|l| format!(":{l}")).unwrap_or_default();
        let detail = e.detail().map(|d| format!(": {d}")).unwrap_or_default();
        anyhow::anyhow!("template {shown}{line}: {}{detail}", e.kind())
    }
}

/// `s` escaped for a double-quoted attribute (`/` kept, so a relative path reads as one).
pub(crate) fn attribute(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

/// Whether `s` is an address a page may link to: `http(s)://…` or `mailto:…`.
pub fn is_web_url(s: &str) -> bool {
    let lower = s.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:"))
        && !s.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// A file-name-safe form of a name: letters and digits, other runs as `-`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "body".into() } else { out }
}

/// A serializable value as the templates see it (through its JSON, so a page shows exactly
/// what `--format json` does).
pub fn json_value(write: impl FnOnce(&mut Vec<u8>) -> Result<()>) -> Result<Value> {
    let mut bytes = Vec::new();
    write(&mut bytes)?;
    let json: serde_json::Value = serde_json::from_slice(&bytes).context("the report's JSON does not read back")?;
    Ok(Value::from(minijinja::value::Serde(json)))
}

/// The charts of a pack: risks by RAG, actions by status and by owner, the milestone plan.
pub fn pack_charts(report: &Report<'_>, set: &RecordSet, today: NaiveDate) -> Value {
    let actions: Vec<&Action> = crate::pack::open_actions(set).collect();
    let milestones: Vec<&Milestone> = set.milestones.iter().collect();
    minijinja::context! {
        risks => charts::risks(&report.headline.risks_by_rag, report.trends.as_ref()).value(),
        action_status => charts::action_status(&actions, report.trends.as_ref()).value(),
        action_owners => charts::action_owners(&actions, today).value(),
        plan => charts::plan(&milestones, today).value(),
    }
}

/// What `report.html` is given: `title`, `report` (the report's JSON), `agenda` (the meeting's
/// agenda's JSON), `charts`, `prefix` (the group's id prefix), and `site` (whether it is the
/// front page of a site, with the site's navigation).
pub fn pack_context(
    report: &Report<'_>,
    agenda: &Agenda<'_>,
    set: &RecordSet,
    prefix: &str,
    today: NaiveDate,
    site: bool,
) -> Result<Value> {
    let report_json = json_value(|out| report.write_json(out))?;
    let agenda_json = json_value(|out| crate::render::json(agenda, out))?;
    Ok(minijinja::context! {
        title => format!("{} meeting pack — {} ({})", prefix, report.meeting, views::date(report.date)),
        prefix => prefix,
        report => report_json,
        agenda => agenda_json,
        charts => pack_charts(report, set, today),
        today => today.to_string(),
        site => site,
    })
}

/// What `agenda.html` is given: `title`, `agenda` and `prefix`.
pub fn agenda_context(agenda: &Agenda<'_>, prefix: &str) -> Result<Value> {
    let agenda_json = json_value(|out| crate::render::json(agenda, out))?;
    Ok(minijinja::context! {
        title => format!("{} agenda — {} ({})", prefix, agenda.id, views::date(agenda.date)),
        prefix => prefix,
        agenda => agenda_json,
        site => false,
    })
}

/// Used by tests and by the site: the escaped text of `s`.
pub fn escape(s: &str) -> String {
    HtmlEscape(s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_addresses_become_links() {
        assert!(is_web_url("https://www.elexon.co.uk/change/cp1589/"));
        assert!(is_web_url("HTTP://example.org"));
        assert!(is_web_url("mailto:secretariat@example.org"));
        for bad in [
            "javascript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<script>",
            "//evil.example/",
            "file:///etc/passwd",
            "https://example.org/a b",
            "https://example.org/\n",
        ] {
            assert!(!is_web_url(bad), "{bad:?}");
        }
    }

    #[test]
    fn body_names_become_safe_file_names() {
        assert_eq!(slug("BSC"), "BSC");
        assert_eq!(slug("Grid Code (ESO)"), "Grid-Code-ESO");
        assert_eq!(slug("../../etc"), "etc");
        assert_eq!(slug("<>"), "body");
    }

    #[test]
    fn attributes_keep_slashes_and_lose_quotes() {
        assert_eq!(attribute("../records/R1.html"), "../records/R1.html");
        assert_eq!(attribute("a\"b'<c>&"), "a&quot;b&#x27;&lt;c&gt;&amp;");
    }
}
