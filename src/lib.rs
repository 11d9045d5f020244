//! ccag: the records of a code-change advisory group, as YAML files in git — validated, queried and rendered.
//!
//! The library never prints below the command layer (`commands/`), so every
//! finding, record and table is data first.

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod color;
pub mod commands;
pub mod config;
pub mod edit;
pub mod git;
pub mod history;
pub mod html;
pub mod ids;
pub mod model;
pub mod pack;
pub mod query;
pub mod render;
pub mod sheets;
pub mod store;
pub mod validate;
pub mod views;

/// How a command ended, as the exit status the contract gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// 0: success (an empty listing is a success).
    Success,
    /// 1: the records have errors, or a named id does not exist.
    Findings,
    /// 2: a usage error already explained on stderr (e.g. a refused edit).
    Usage,
}

impl Outcome {
    pub fn code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::Findings => 1,
            Outcome::Usage => 2,
        }
    }
}

/// Exit status for usage and I/O errors.
pub const EXIT_USAGE: u8 = 2;
