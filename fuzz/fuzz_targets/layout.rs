//! `ccag fmt`'s layout: any record text gives either a refusal (the file is then left as it was)
//! or text that parses to exactly the same data and that a second layout leaves as it is.
#![no_main]

use libfuzzer_sys::fuzz_target;

use ccag::edit::layout;
use ccag::model::Kind;
use ccag::store::yaml;

fuzz_target!(|data: &[u8]| {
    let [which, rest @ ..] = data else { return };
    let kind = Kind::ALL[usize::from(*which) % Kind::ALL.len()];
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let Ok(laid) = layout::format(text, kind, 2) else { return };
    // What the layout read: the text without a byte-order mark, its line breaks as LF.
    let read = text.strip_prefix('\u{feff}').unwrap_or(text).replace("\r\n", "\n").replace('\r', "\n");
    let before = yaml::parse_value(&read).expect("a laid-out file parsed");
    let after = yaml::parse_value(&laid).expect("the layout parses");
    assert_eq!(before, after, "the layout changed the data");
    assert_eq!(layout::format(&laid, kind, 2).expect("the layout lays out"), laid, "not idempotent");
});
