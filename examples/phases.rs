//! Where `validate`'s time goes, phase by phase, on one thread: `cargo run --release --example
//! phases -- DIR` (DIR holds `records/`). Used to profile; see bench/README.md.

use std::time::Instant;

use ccag::model::{Kind, Record};
use ccag::store::{walk, yaml};

fn main() {
    let dir = std::env::args().nth(1).expect("usage: phases DIR");
    let records = std::path::Path::new(&dir).join("records");
    let t = Instant::now();
    let (files, _) = walk(&records, &Kind::ALL);
    println!(
        "walk          {:>6.3} s  ({} files)",
        t.elapsed().as_secs_f64(),
        files.len()
    );

    let t = Instant::now();
    let texts: Vec<(Kind, String)> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(&f.path).ok().map(|s| (f.kind, s)))
        .collect();
    println!("read          {:>6.3} s", t.elapsed().as_secs_f64());

    let t = Instant::now();
    let mut events = 0usize;
    for (_, text) in &texts {
        let mut parser = saphyr_parser::Parser::new_from_str(text);
        while let Some(Ok(_)) = parser.next_event() {
            events += 1;
        }
    }
    println!("scan (saphyr) {:>6.3} s  ({events} events)", t.elapsed().as_secs_f64());

    let t = Instant::now();
    let fast = texts.iter().filter(|(_, s)| yaml::fast::parse(s).is_some()).count();
    println!(
        "fast path     {:>6.3} s  ({fast} of {} files in its subset)",
        t.elapsed().as_secs_f64(),
        texts.len()
    );

    let t = Instant::now();
    let values: Vec<(Kind, serde_json::Value)> = texts
        .iter()
        .filter_map(|(k, s)| yaml::parse_value(s).ok().map(|v| (*k, v)))
        .collect();
    println!(
        "parse_value   {:>6.3} s  (fast path, else saphyr)",
        t.elapsed().as_secs_f64()
    );

    let t = Instant::now();
    let valid = values
        .iter()
        .filter(|(k, v)| ccag_jsonschema::is_valid(k.name(), v))
        .count();
    println!("schema        {:>6.3} s  ({valid} valid)", t.elapsed().as_secs_f64());

    let t = Instant::now();
    let typed = values
        .into_iter()
        .filter_map(|(k, v)| Record::from_checked_value(k, v).ok())
        .count();
    println!("typed         {:>6.3} s  ({typed} records)", t.elapsed().as_secs_f64());
}
