//! Asking for missing fields on a terminal (prompts on stderr, answers on stdin).

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Result, bail};

/// Whether a person can be asked: stdin and stderr are both terminals.
pub fn can_ask() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Ask for `label`; an empty answer takes `default`, and with `choices` the answer must be one.
pub fn ask(label: &str, default: Option<&str>, choices: &[&str]) -> Result<String> {
    let stdin = std::io::stdin();
    let mut stderr = std::io::stderr();
    loop {
        let mut prompt = label.to_string();
        if !choices.is_empty() {
            prompt.push_str(&format!(" [{}]", choices.join("/")));
        }
        if let Some(d) = default {
            prompt.push_str(&format!(" ({d})"));
        }
        write!(stderr, "{prompt}: ")?;
        stderr.flush()?;
        let mut line = String::new();
        if stdin.lock().read_line(&mut line)? == 0 {
            bail!("no answer for `{label}` (end of input); nothing was written");
        }
        let answer = line.trim();
        let answer = if answer.is_empty() {
            default.unwrap_or_default()
        } else {
            answer
        };
        if answer.is_empty() {
            writeln!(stderr, "  `{label}` is required")?;
            continue;
        }
        if !choices.is_empty() && !choices.contains(&answer) {
            writeln!(stderr, "  choose one of {}", choices.join(", "))?;
            continue;
        }
        return Ok(answer.to_string());
    }
}
