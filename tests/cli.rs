//! CLI cases: each `tests/cmd/GROUP/NAME.toml` runs ccag in a small fixture repository
//! (`NAME.in/` or the folder its `fs.cwd` names) and compares stdout and stderr with
//! `NAME.stdout` / `NAME.stderr` beside it. `TRYCMD=overwrite cargo test` refreshes them.

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("tests/cmd/*/*.toml");
}
