//! Colour follows the terminal: on by default in a terminal, off with `NO_COLOR`, off in pipes
//! (pinned by `tests/cmd/query/risks-color.*` for `--color always`).

use std::path::Path;
use std::process::Command;

fn in_terminal(no_color: bool) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd/query/small.in");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ccag"));
    cmd.args(["risks", "--status", "open"])
        .current_dir(dir)
        .env("CCAG_TODAY", "2024-02-20");
    if no_color {
        cmd.env("NO_COLOR", "1");
    } else {
        cmd.env_remove("NO_COLOR");
    }
    let mut session = rexpect::session::spawn_command(cmd, Some(30_000)).unwrap();
    session.exp_eof().unwrap()
}

#[test]
fn a_terminal_gets_colour_unless_no_color_is_set() {
    assert!(
        in_terminal(false).contains("\x1b["),
        "expected ANSI colour on a terminal"
    );
    let plain = in_terminal(true);
    assert!(plain.contains("HIGH"), "{plain}");
    assert!(!plain.contains("\x1b["), "NO_COLOR must turn colour off: {plain:?}");
}

#[test]
fn a_pipe_gets_no_colour() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd/query/small.in");
    let out = Command::new(env!("CARGO_BIN_EXE_ccag"))
        .args(["risks"])
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("\x1b["));
}
