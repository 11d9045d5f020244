//! The loader and every single-record check: any bytes, as a file of any kind, give findings or
//! a record, never a panic or a hang; and what the fast path reads (values and positions),
//! saphyr reads alike.
#![no_main]

use libfuzzer_sys::fuzz_target;

use ccag::config::Config;
use ccag::model::Kind;
use ccag::store::{RecordFile, load, yaml};

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else { return };
    let kind = Kind::ALL[usize::from(which) % Kind::ALL.len()];
    let Ok(text) = load::text_of(bytes.to_vec()) else { return };
    let file = RecordFile {
        kind,
        path: format!("records/{}/FUZZ.yaml", kind.folder()).into(),
    };
    let today = chrono::NaiveDate::from_ymd_opt(2024, 2, 28).unwrap();
    // Built once: the default code bodies' patterns take longer to compile than a file to check.
    static CONFIG: std::sync::OnceLock<Config> = std::sync::OnceLock::new();
    let config = CONFIG.get_or_init(Config::default);
    let outcome = ccag::validate::check_text(file, &text, config, today);
    // A file either loads (a record or schema findings) or has a finding saying why not.
    assert!(outcome.record.is_some() || !outcome.findings.is_empty());
    // Positions, built only for files with findings, exist for every file that parses.
    if let Ok(parsed) = yaml::parse(&text) {
        let _ = yaml::LazySpans::new(&text).get().value("/id");
        assert_eq!(yaml::parse_value(&text).ok(), Some(parsed.value), "the fast path and saphyr differ");
        // Positions read with the values are the positions pass's, and both are saphyr's.
        let alone = yaml::fast::spans(&text);
        if let Some((value, placed)) = yaml::fast::parse_placed(&text) {
            assert_eq!(Some(value), yaml::fast::parse(&text), "parse_placed reads another value");
            assert_eq!(placed, alone, "parse_placed places nodes elsewhere than spans");
        }
        if let Some(spans) = alone {
            assert_eq!(spans, parsed.spans, "the fast path places nodes elsewhere than saphyr");
        }
    }
});
