//! The pack's charts, drawn as inline SVG: bar charts of counts (risks by RAG previous against
//! current, actions by status and by owner) and the milestone plan on a page. Each chart carries
//! its title, a description for screen readers and its numbers as a table, and every bar has a
//! text label, so the page reads without colour (greyscale print) and without sight.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use minijinja::{HtmlEscape, Value};

use crate::model::{Action, ActionStatus, Milestone, Rag};
use crate::pack::{TrendRows, Trends};
use crate::views;

/// A chart as the templates see it: `id`, `title`, `desc`, `svg` (markup, not escaped again),
/// and `headers`/`rows`, its numbers as a table.
pub struct Chart {
    pub id: String,
    pub title: String,
    pub desc: String,
    pub svg: String,
    pub headers: Vec<String>,
    /// Counts are numbers (so a template can align them), the rest text.
    pub rows: Vec<Vec<Value>>,
}

impl Chart {
    pub fn value(self) -> Value {
        minijinja::context! {
            id => self.id,
            title => self.title,
            desc => self.desc,
            svg => Value::from_safe_string(self.svg),
            headers => self.headers,
            rows => self.rows,
        }
    }
}

/// One category of a bar chart: its label, the CSS class that colours it, and a value per series.
struct Category {
    label: String,
    class: String,
    values: Vec<usize>,
}

/// Horizontal bars, one group per category, one bar per series (the first series hatched when
/// there are two, so previous and current differ in greyscale too).
struct Bars {
    id: String,
    title: String,
    desc: String,
    category_label: String,
    value_label: String,
    series: Vec<String>,
    categories: Vec<Category>,
}

const FONT: &str = "font-family=\"system-ui, sans-serif\"";

fn esc(text: &str) -> HtmlEscape<'_> {
    HtmlEscape(text)
}

/// A round upper bound for an axis of counts up to `max`, and its step.
fn axis(max: usize) -> (usize, usize) {
    let max = max.max(1);
    let step = match max {
        0..=5 => 1,
        6..=10 => 2,
        11..=25 => 5,
        26..=50 => 10,
        51..=100 => 20,
        _ => {
            let magnitude = 10usize.pow((max as f64).log10().floor() as u32);
            if max / magnitude < 3 { magnitude / 2 } else { magnitude }
        }
    };
    (max.div_ceil(step) * step, step)
}

impl Bars {
    fn draw(self) -> Chart {
        let label_width = 150.0;
        let plot_width = 420.0;
        let bar = 16.0;
        let gap = 10.0;
        let series = self.series.len().max(1);
        let group = bar * series as f64 + gap;
        let top = 30.0;
        let height_plot = group * self.categories.len().max(1) as f64;
        let legend = if series > 1 { 30.0 } else { 0.0 };
        let width = label_width + plot_width + 40.0;
        let height = top + height_plot + 44.0 + legend;
        let max = self
            .categories
            .iter()
            .flat_map(|c| c.values.iter().copied())
            .max()
            .unwrap_or(0);
        let (top_value, step) = axis(max);
        let x = |v: usize| label_width + plot_width * v as f64 / top_value as f64;

        let mut svg = String::new();
        let id = &self.id;
        let _ = write!(
            svg,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {width} {height}\" \
             width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" {FONT} font-size=\"12\">\
             <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
            esc(&self.title),
            esc(&self.desc)
        );
        let _ = write!(
            svg,
            "<defs><pattern id=\"{id}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" \
             patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/>\
             <rect width=\"3\" height=\"6\" fill=\"currentColor\"/></pattern></defs>"
        );
        // Grid lines and the value axis.
        let mut v = 0;
        while v <= top_value {
            let gx = x(v);
            let _ = write!(
                svg,
                "<line x1=\"{gx}\" y1=\"{top}\" x2=\"{gx}\" y2=\"{}\" stroke=\"#ccc\"/>\
                 <text x=\"{gx}\" y=\"{}\" text-anchor=\"middle\">{v}</text>",
                top + height_plot,
                top + height_plot + 14.0
            );
            v += step;
        }
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-weight=\"bold\">{}</text>\
             <text x=\"8\" y=\"{}\" font-weight=\"bold\">{}</text>",
            label_width + plot_width / 2.0,
            top + height_plot + 32.0,
            esc(&self.value_label),
            top - 12.0,
            esc(&self.category_label)
        );
        for (i, category) in self.categories.iter().enumerate() {
            let gy = top + group * i as f64 + gap / 2.0;
            let _ = write!(
                svg,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                label_width - 8.0,
                gy + bar * series as f64 / 2.0 + 4.0,
                esc(&category.label)
            );
            for (s, value) in category.values.iter().enumerate() {
                let y = gy + bar * s as f64;
                let w = (x(*value) - label_width).max(if *value > 0 { 1.0 } else { 0.0 });
                let fill = if series > 1 && s == 0 {
                    format!("url(#{id}-hatch)")
                } else {
                    "currentColor".to_string()
                };
                let _ = write!(
                    svg,
                    "<g class=\"{}\"><rect x=\"{label_width}\" y=\"{y}\" width=\"{w}\" height=\"{}\" fill=\"{fill}\" \
                     stroke=\"currentColor\"><title>{}: {} {value}</title></rect></g>\
                     <text x=\"{}\" y=\"{}\">{value}</text>",
                    esc(&category.class),
                    bar - 2.0,
                    esc(&category.label),
                    esc(self.series.get(s).map(String::as_str).unwrap_or_default()),
                    label_width + w + 4.0,
                    y + bar - 5.0
                );
            }
        }
        if series > 1 {
            let ly = top + height_plot + 62.0;
            for (s, name) in self.series.iter().enumerate() {
                let lx = label_width + 160.0 * s as f64;
                let fill = if s == 0 {
                    format!("url(#{id}-hatch)")
                } else {
                    "currentColor".into()
                };
                let _ = write!(
                    svg,
                    "<g class=\"legend\"><rect x=\"{lx}\" y=\"{}\" width=\"14\" height=\"14\" fill=\"{fill}\" stroke=\"currentColor\"/></g>\
                     <text x=\"{}\" y=\"{}\">{}</text>",
                    ly - 11.0,
                    lx + 20.0,
                    ly,
                    esc(name)
                );
            }
        }
        svg.push_str("</svg>");

        let mut headers = vec![self.category_label.clone()];
        headers.extend(self.series.iter().cloned());
        let rows = self
            .categories
            .iter()
            .map(|c| {
                let mut row = vec![Value::from(c.label.clone())];
                row.extend(c.values.iter().map(|v| Value::from(*v)));
                row
            })
            .collect();
        Chart {
            id: self.id,
            title: self.title,
            desc: self.desc,
            svg,
            headers,
            rows,
        }
    }
}

fn described(categories: &[Category], series: &[String]) -> String {
    categories
        .iter()
        .map(|c| {
            let values: Vec<String> = c
                .values
                .iter()
                .zip(series)
                .map(|(v, s)| {
                    if series.len() > 1 {
                        format!("{s} {v}")
                    } else {
                        v.to_string()
                    }
                })
                .collect();
            format!("{}: {}", c.label, values.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Categories of a trend (previous and current counts), in the trend's order.
fn trend_categories(rows: &TrendRows, skip: &[&str]) -> Vec<Category> {
    rows.rows
        .iter()
        .filter(|r| !skip.contains(&r.name))
        .map(|r| Category {
            label: crate::sheets::label(r.name),
            class: format!("s-{}", r.name),
            values: vec![r.previous, r.current],
        })
        .collect()
}

/// Open risks by RAG: previous against current when there is a trend, else current alone.
pub fn risks(by_rag: &[(&'static str, usize)], trends: Option<&Trends>) -> Chart {
    let (series, categories, desc) = match trends {
        Some(t) => (
            vec![format!("Previous ({})", t.since), "Current".to_string()],
            trend_categories(&t.risks, &[]),
            format!("Open risks by RAG when {} began and now", t.since),
        ),
        None => (
            vec!["Current".to_string()],
            Rag::ALL
                .iter()
                .map(|r| Category {
                    label: crate::sheets::label(r.as_str()),
                    class: format!("s-{}", r.as_str()),
                    values: vec![
                        by_rag
                            .iter()
                            .find(|(k, _)| *k == r.as_str())
                            .map(|(_, n)| *n)
                            .unwrap_or(0),
                    ],
                })
                .collect(),
            "Open risks by RAG now (there is no earlier count to compare with)".to_string(),
        ),
    };
    let desc = format!("{desc}. {}.", described(&categories, &series));
    Bars {
        id: "chart-risks".into(),
        title: "Risk count by RAG".into(),
        desc,
        category_label: "RAG".into(),
        value_label: "Number of open risks".into(),
        series,
        categories,
    }
    .draw()
}

/// Outstanding actions by status (previous against current when there is a trend).
pub fn action_status(actions: &[&Action], trends: Option<&Trends>) -> Chart {
    let (series, categories) = match trends {
        Some(t) => (
            vec![format!("Previous ({})", t.since), "Current".to_string()],
            trend_categories(&t.actions, &[ActionStatus::Closed.as_str()]),
        ),
        None => (
            vec!["Actions".to_string()],
            ActionStatus::ALL
                .iter()
                .filter(|s| **s != ActionStatus::Closed)
                .map(|s| Category {
                    label: crate::sheets::label(s.as_str()),
                    class: format!("s-{}", s.as_str()),
                    values: vec![actions.iter().filter(|a| a.status == *s).count()],
                })
                .collect(),
        ),
    };
    let desc = format!("Outstanding actions by status. {}.", described(&categories, &series));
    Bars {
        id: "chart-action-status".into(),
        title: "Actions by status".into(),
        desc,
        category_label: "Status".into(),
        value_label: "Number of actions".into(),
        series,
        categories,
    }
    .draw()
}

/// Outstanding actions by owning organisation, most first, with how many are overdue.
pub fn action_owners(actions: &[&Action], today: NaiveDate) -> Chart {
    let mut owners: Vec<(String, usize, usize)> = Vec::new();
    for a in actions {
        match owners.iter_mut().find(|(org, _, _)| *org == a.owner.org) {
            Some(entry) => {
                entry.1 += 1;
                entry.2 += usize::from(a.is_overdue(today));
            }
            None => owners.push((a.owner.org.clone(), 1, usize::from(a.is_overdue(today)))),
        }
    }
    owners.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let series = vec!["Overdue".to_string(), "All outstanding".to_string()];
    let categories: Vec<Category> = owners
        .into_iter()
        .map(|(org, n, overdue)| Category {
            label: org,
            class: "s-owner".into(),
            values: vec![overdue, n],
        })
        .collect();
    let desc = if categories.is_empty() {
        "There are no outstanding actions.".to_string()
    } else {
        format!("Outstanding actions by owner. {}.", described(&categories, &series))
    };
    Bars {
        id: "chart-action-owners".into(),
        title: "Actions by owner".into(),
        desc,
        category_label: "Owner".into(),
        value_label: "Number of actions".into(),
        series,
        categories,
    }
    .draw()
}

fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d)
}

/// The milestone plan on a page: a row per milestone on a timeline of months, its baseline an
/// open diamond, its forecast (or actual, once complete) a filled circle in its status colour,
/// a slip drawn as a line between them, and a line at today when today is on the timeline.
pub fn plan(milestones: &[&Milestone], today: NaiveDate) -> Chart {
    let id = "chart-plan";
    let title = "Code drafting plan: baseline against forecast";
    let shown = |m: &Milestone| m.actual.unwrap_or(m.forecast);
    let dates = milestones.iter().flat_map(|m| [m.baseline, shown(m)]);
    let first = dates.clone().min().unwrap_or(today);
    let last = dates.max().unwrap_or(today);
    let start = month_start(first);
    let end = next_month(last);
    let days = (end - start).num_days().max(1) as f64;
    let label_width = 300.0;
    let plot_width = 600.0;
    let row = 24.0;
    let top = 58.0;
    let width = label_width + plot_width + 20.0;
    let height = top + row * milestones.len().max(1) as f64 + 56.0;
    let x = |d: NaiveDate| label_width + plot_width * (d - start).num_days() as f64 / days;

    let today_shown = today >= start && today <= end;
    let mut desc = format!(
        "{} milestones from {} to {}: the baseline date is an open diamond, the forecast (or actual) date a filled circle; a line joins them when the milestone has slipped.",
        milestones.len(),
        views::date(first),
        views::date(last)
    );
    if !today_shown {
        let _ = write!(desc, " Today ({}) is outside the plan's dates.", views::date(today));
    }
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" {FONT} font-size=\"11\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        esc(title),
        esc(&desc)
    );
    // Months: a grid line each, a label each (or each quarter on a long plan), years below.
    let months = {
        let mut all = Vec::new();
        let mut m = start;
        while m < end {
            all.push(m);
            m = next_month(m);
        }
        all
    };
    let every: u32 = if months.len() > 30 {
        6
    } else if months.len() > 15 {
        3
    } else {
        1
    };
    let bottom = top + row * milestones.len().max(1) as f64;
    for (i, m) in months.iter().enumerate() {
        let mx = x(*m);
        let _ = write!(
            svg,
            "<line x1=\"{mx}\" y1=\"{}\" x2=\"{mx}\" y2=\"{bottom}\" stroke=\"#ddd\"/>",
            top - 6.0
        );
        // Labels on quarter (or half-year) boundaries, so January always has one, with its year.
        if (m.month() - 1) % every == 0 {
            let _ = write!(
                svg,
                "<text x=\"{mx}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                top - 10.0,
                m.format(if m.month() == 1 || i < every as usize {
                    "%b %Y"
                } else {
                    "%b"
                })
            );
        }
    }
    let _ = write!(
        svg,
        "<text x=\"8\" y=\"{}\" font-weight=\"bold\">Milestone</text>\
         <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-weight=\"bold\">Month</text>",
        top - 10.0,
        label_width + plot_width / 2.0,
        bottom + 18.0
    );
    for (i, m) in milestones.iter().enumerate() {
        let cy = top + row * i as f64 + row / 2.0;
        let label: String = {
            let full = format!("{} {}", m.id, m.title);
            if full.chars().count() > 44 {
                full.chars().take(43).chain(['…']).collect()
            } else {
                full
            }
        };
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            label_width - 8.0,
            cy + 4.0,
            esc(&label)
        );
        let bx = x(m.baseline);
        let fx = x(shown(m));
        let status = m.status.as_str();
        if (fx - bx).abs() > 0.5 {
            let _ = write!(
                svg,
                "<g class=\"s-{status}\"><line x1=\"{bx}\" y1=\"{cy}\" x2=\"{fx}\" y2=\"{cy}\" stroke=\"currentColor\" stroke-width=\"3\"/></g>"
            );
        }
        let _ = write!(
            svg,
            "<g class=\"s-{status}\"><circle cx=\"{fx}\" cy=\"{cy}\" r=\"5\" fill=\"currentColor\" stroke=\"#333\">\
             <title>{} {} {} ({})</title></circle></g>",
            esc(&m.id),
            if m.actual.is_some() { "actual" } else { "forecast" },
            views::date(shown(m)),
            crate::sheets::label(status)
        );
        // The baseline over it, an outline, so both show when they fall on the same day.
        let _ = write!(
            svg,
            "<path d=\"M{bx} {} L{} {cy} L{bx} {} L{} {cy} Z\" fill=\"none\" stroke=\"#222\" stroke-width=\"1.5\">\
             <title>{} baseline {}</title></path>",
            cy - 8.5,
            bx + 8.5,
            cy + 8.5,
            bx - 8.5,
            esc(&m.id),
            views::date(m.baseline)
        );
    }
    if today_shown {
        let tx = x(today);
        let _ = write!(
            svg,
            "<line x1=\"{tx}\" y1=\"{}\" x2=\"{tx}\" y2=\"{bottom}\" stroke=\"#000\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>\
             <text x=\"{tx}\" y=\"{}\" text-anchor=\"middle\" font-weight=\"bold\">Today {}</text>",
            top - 24.0,
            top - 28.0,
            views::date(today)
        );
    }
    // The key.
    let ky = height - 10.0;
    let lx = label_width;
    let _ = write!(
        svg,
        "<path d=\"M{lx} {} L{} {} L{lx} {} L{} {} Z\" fill=\"none\" stroke=\"#222\" stroke-width=\"1.5\"/><text x=\"{}\" y=\"{ky}\">Baseline</text>\
         <circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"#666\" stroke=\"#333\"/><text x=\"{}\" y=\"{ky}\">Forecast or actual</text>",
        ky - 10.0,
        lx + 6.0,
        ky - 4.0,
        ky + 2.0,
        lx - 6.0,
        ky - 4.0,
        lx + 12.0,
        lx + 120.0,
        ky - 4.0,
        lx + 130.0,
    );
    svg.push_str("</svg>");

    let headers = [
        "Milestone",
        "Title",
        "Baseline",
        "Forecast",
        "Actual",
        "Slip (days)",
        "Status",
    ]
    .map(String::from)
    .to_vec();
    let rows = milestones
        .iter()
        .map(|m| {
            vec![
                Value::from(m.id.clone()),
                Value::from(m.title.clone()),
                Value::from(views::date(m.baseline)),
                Value::from(views::date(m.forecast)),
                Value::from(m.actual.map(views::date).unwrap_or_default()),
                Value::from(m.slip_days()),
                Value::from(crate::sheets::label(m.status.as_str())),
            ]
        })
        .collect();
    Chart {
        id: id.into(),
        title: title.into(),
        desc,
        svg,
        headers,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_end_on_a_round_number_above_the_largest_count() {
        assert_eq!(axis(0), (1, 1));
        assert_eq!(axis(4), (4, 1));
        assert_eq!(axis(7), (8, 2));
        assert_eq!(axis(23), (25, 5));
        assert_eq!(axis(130), (150, 50));
        assert_eq!(axis(4_300), (5_000, 1_000));
    }

    #[test]
    fn labels_in_a_chart_are_escaped() {
        let chart = Bars {
            id: "c".into(),
            title: "<script>t</script>".into(),
            desc: "d & e".into(),
            category_label: "k".into(),
            value_label: "v".into(),
            series: vec!["s".into()],
            categories: vec![Category {
                label: "</text><script>x</script>".into(),
                class: "s-x".into(),
                values: vec![3],
            }],
        }
        .draw();
        assert!(!chart.svg.contains("<script>"), "{}", chart.svg);
        assert!(!chart.svg.contains("</text><script>"));
        assert!(chart.svg.contains("&gt;&lt;script&gt;x"));
        assert!(chart.svg.contains("d &amp; e"));
    }
}
