//! Asking for missing fields on a terminal (prompts on stderr, answers on stdin). Each answer is
//! checked as it is given and asked again when wrong, so one slip never throws the others away.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Result, bail};
use serde_json::Value;

use crate::config::Config;
use crate::model::date;
use crate::model::fields::{self, Field, FieldType};

/// Whether a person can be asked: stdin and stderr are both terminals.
pub fn can_ask() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Ask for `field` until the answer is one it can hold, and return it as the field's value.
/// `body` is the cr's code body when already known, so an id is checked against its pattern.
pub fn ask_field(field: &Field, config: &Config, body: Option<&str>) -> Result<Value> {
    let bodies: Vec<&str> = config.bodies.iter().map(|b| b.name.as_str()).collect();
    let shown: Vec<&str> = match field.ty {
        FieldType::Body => bodies.clone(),
        FieldType::Choice(values) => values.to_vec(),
        _ => Vec::new(),
    };
    let form = match field.ty {
        FieldType::Date => " (YYYY-MM-DD)",
        FieldType::Time => " (HH:MM)",
        FieldType::Items => " (TITLE=MINUTES)",
        _ => "",
    };
    let label = format!("{}{form}", field.path);
    ask(&label, &shown, |answer| check(field, answer, &bodies, config, body))
}

/// The answer as the field's value, or what is wrong with it (said before asking again).
fn check(field: &Field, answer: &str, bodies: &[&str], config: &Config, body: Option<&str>) -> Result<Value, String> {
    match field.ty {
        FieldType::Date => match date::parse(answer) {
            Some(_) => Ok(Value::from(answer)),
            None => Err(format!(
                "`{answer}` is not a date: write it as YYYY-MM-DD, e.g. 2024-02-28"
            )),
        },
        FieldType::Time => {
            let ok = chrono::NaiveTime::parse_from_str(answer, "%H:%M").is_ok() && answer.len() == 5;
            if ok {
                Ok(Value::from(answer))
            } else {
                Err(format!("`{answer}` is not a time: write it as HH:MM, e.g. 10:00"))
            }
        }
        FieldType::Choice(values) => fields::choose(values, answer)
            .map(Value::from)
            .ok_or_else(|| format!("choose one of {}", values.join(", "))),
        FieldType::Body => fields::choose(bodies, answer)
            .map(Value::from)
            .ok_or_else(|| format!("choose one of {}", bodies.join(", "))),
        FieldType::Id => {
            if !crate::ids::is_safe(answer) {
                return Err(format!(
                    "`{answer}` is not a safe id: letters and digits joined by single `-`, like CP1589 or T2-RE-0100"
                ));
            }
            match body.and_then(|b| config.body(b)) {
                Some(b) if !b.regex.is_match(answer) => Err(format!(
                    "`{answer}` is not a {} reference: it should match `{}`",
                    b.name, b.pattern
                )),
                _ => Ok(Value::from(answer)),
            }
        }
        FieldType::Url if !(answer.starts_with("https://") || answer.starts_with("http://")) => Err(format!(
            "`{answer}` is not a web address: it should start with https://"
        )),
        FieldType::Items => super::options::parse_item(answer)
            .map(|item| Value::Array(vec![item]))
            .map_err(|e| e.to_string()),
        FieldType::Ids | FieldType::Texts => Ok(Value::from(vec![answer.to_string()])),
        _ => Ok(Value::from(answer)),
    }
}

/// Ask for `label` (listing `shown` choices) until `check` accepts a non-empty answer.
fn ask(label: &str, shown: &[&str], check: impl Fn(&str) -> Result<Value, String>) -> Result<Value> {
    let stdin = std::io::stdin();
    let mut stderr = std::io::stderr();
    loop {
        let mut prompt = label.to_string();
        if !shown.is_empty() {
            prompt.push_str(&format!(" [{}]", shown.join("/")));
        }
        write!(stderr, "{prompt}: ")?;
        stderr.flush()?;
        let mut line = String::new();
        if stdin.lock().read_line(&mut line)? == 0 {
            bail!("no answer for `{label}` (end of input); nothing was written");
        }
        let answer = line.trim();
        if answer.is_empty() {
            writeln!(stderr, "  `{label}` is required")?;
            continue;
        }
        match check(answer) {
            Ok(value) => return Ok(value),
            Err(why) => writeln!(stderr, "  {why}")?,
        }
    }
}

/// Ask a yes/no question; an empty answer is yes.
pub fn confirm(question: &str) -> Result<bool> {
    let mut stderr = std::io::stderr();
    loop {
        write!(stderr, "{question} [Y/n]: ")?;
        stderr.flush()?;
        let mut line = String::new();
        if std::io::stdin().lock().read_line(&mut line)? == 0 {
            return Ok(false);
        }
        match line.trim().to_ascii_lowercase().as_str() {
            "" | "y" | "yes" => return Ok(true),
            "n" | "no" => return Ok(false),
            _ => writeln!(stderr, "  answer y or n")?,
        }
    }
}
