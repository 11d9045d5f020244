//! The `ccag` binary: parse the command line, run the command, map the result to an exit status.

use std::process::ExitCode;

fn main() -> ExitCode {
    // When a shell asks for completions (`COMPLETE=bash ccag -- …`), answer and exit.
    clap_complete::CompleteEnv::with_factory(ccag::commands::args::command)
        .var("COMPLETE")
        .complete();
    match ccag::commands::run() {
        Ok(outcome) => ExitCode::from(outcome.code()),
        // Output goes through `to_stdout`, which lets a command end with its verdict after a
        // closed pipe; this catches a closed pipe met anywhere else.
        Err(err) if ccag::commands::output::is_closed_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            #[allow(clippy::print_stderr)]
            {
                // Messages quote what records and file names hold: shown, never sent raw.
                eprintln!("error: {}", ccag::render::visible::terminal(&format!("{err:#}")));
            }
            ExitCode::from(ccag::EXIT_USAGE)
        }
    }
}

// Record loading allocates many small strings and maps; mimalloc is markedly faster at that
// than the system allocator (measured in bench/README.md). Built without transparent huge pages
// (`no_thp`): a huge page is zeroed whole when first touched, which cost peak memory (7–13% on
// 100,000 records) and time in the kernel.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
