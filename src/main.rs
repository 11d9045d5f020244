//! The `ccag` binary: parse the command line, run the command, map the result to an exit status.

use std::process::ExitCode;

fn main() -> ExitCode {
    match ccag::commands::run() {
        Ok(outcome) => ExitCode::from(outcome.code()),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("error: {err:#}");
            }
            ExitCode::from(ccag::EXIT_USAGE)
        }
    }
}

/// `ccag … | head` closes the pipe early; that is the reader's choice, not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

// Record loading allocates many small strings and maps; mimalloc is markedly faster at that
// than the system allocator (measured in bench/README.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
