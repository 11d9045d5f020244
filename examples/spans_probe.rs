//! How many record files under a folder get their positions from the fast path (and whether
//! those positions are saphyr's): `cargo run --release --example spans_probe -- DIR`.

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "records".into());
    let (mut files, mut fast, mut same) = (0, 0, 0);
    for entry in walkdir::WalkDir::new(&dir).into_iter().flatten() {
        if entry.path().extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        files += 1;
        if let Some(spans) = ccag::store::yaml::fast::spans(&text) {
            fast += 1;
            let saphyr = ccag::store::yaml::parse(&text).map(|p| p.spans);
            if saphyr.as_ref() == Ok(&spans) {
                same += 1;
            } else {
                println!("differs: {}", entry.path().display());
            }
        }
    }
    println!("{files} files, {fast} with fast positions, {same} of them as saphyr gives them");
}
