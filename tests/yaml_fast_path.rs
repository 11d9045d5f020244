//! The YAML fast path (`store::yaml::fast`) must read every file it accepts exactly as saphyr
//! does, and must accept the layout real record files are written in.
//!
//! Checked on every YAML file in the repository, on a generated record set, and on random
//! documents built from the pieces of the fast subset and the characters on its edges.
//! The random documents come from a fixed seed, so a failure names a reproducible document.

use std::path::Path;

use ccag::store::yaml;
use walkdir::WalkDir;

/// How many documents had their positions compared with saphyr's.
static PLACED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Whether the fast path took `text`; panics if it read it (or placed its nodes) differently
/// from saphyr.
fn agrees(text: &str, what: &str) -> bool {
    let Some(fast) = yaml::fast::parse(text) else {
        return false;
    };
    match yaml::parse(text) {
        Ok(parsed) => {
            assert_eq!(
                fast, parsed.value,
                "{what}: the fast path reads the document differently from saphyr:\n{text}"
            );
            // Reading values and positions in one pass gives what the two passes give.
            let (value, placed) = yaml::fast::parse_placed(text).expect("parse_placed takes what parse takes");
            assert_eq!(
                value, fast,
                "{what}: parse_placed reads another value than parse:\n{text}"
            );
            assert_eq!(
                placed,
                yaml::fast::spans(text),
                "{what}: parse_placed places nodes differently from spans:\n{text}"
            );
            // Where the fast path gives positions, they are saphyr's, node for node.
            if let Some(spans) = yaml::fast::spans(text) {
                PLACED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let mut ours = spans.entries();
                let mut theirs = parsed.spans.entries();
                ours.sort();
                theirs.sort();
                assert_eq!(
                    ours, theirs,
                    "{what}: the fast path places nodes differently from saphyr:\n{text}"
                );
            }
        }
        Err(e) => panic!(
            "{what}: the fast path accepted a document saphyr rejects ({}: {}):\n{text}",
            e.rule, e.message
        ),
    }
    true
}

fn yaml_files(dir: &Path) -> Vec<std::path::PathBuf> {
    WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .map(|e| e.into_path())
        .collect()
}

#[test]
fn every_pack_record_takes_the_fast_path_and_reads_as_saphyr_reads_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = yaml_files(&root.join("records"));
    assert!(files.len() >= 51, "the pack's records are there");
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            agrees(&text, &path.display().to_string()),
            "{} is in the layout records are written in, but the fast path left it to saphyr",
            path.display()
        );
    }
}

#[test]
fn every_test_fixture_reads_the_same_either_way() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut taken = 0;
    let files = yaml_files(&root.join("tests"));
    assert!(files.len() > 50, "fixtures found: {}", files.len());
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue; // non-UTF-8 fixtures never reach the parser
        };
        taken += usize::from(agrees(&text, &path.display().to_string()));
    }
    // Most fixtures are records with one defect, which the fast path reads; the YAML-level
    // defects (tabs, duplicate keys, two documents…) must all go to saphyr, which the
    // `agrees` check enforces by panicking if saphyr rejects what the fast path took.
    assert!(
        taken * 2 > files.len(),
        "{taken} of {} fixtures took the fast path",
        files.len()
    );
}

#[test]
fn generated_records_read_the_same_either_way() {
    let n: usize = std::env::var("CCAG_FAST_PATH_RECORDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    let out = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let status = std::process::Command::new("python3")
        .arg(root.join("bench/generate.py"))
        .arg(n.to_string())
        .arg(out.path())
        .args(["--invalid-share", "0.05", "--seed", "7"])
        .stdout(std::process::Stdio::null())
        .status()
        .expect("python3 runs bench/generate.py");
    assert!(status.success());
    let files = yaml_files(&out.path().join("records"));
    assert_eq!(files.len(), n);
    let taken = files
        .iter()
        .filter(|p| agrees(&std::fs::read_to_string(p).unwrap(), &p.display().to_string()))
        .count();
    assert_eq!(taken, n, "every generated record is in the record layout");
}

/// splitmix64: a small, fixed random source so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }
}

const KEYS: &[&str] = &[
    "id", "title", "status", "a", "b", "due", "x-y", "_k", "yes", "no", "on", "Key2",
];
const ODD_KEYS: &[&str] = &[
    "null", "True", "1", "-k", "k k", "\"q\"", "'s'", "é", "k:", "? k", "&a k", "!t k", "<<",
];

/// Pieces of scalar text: ordinary words, and everything with a meaning somewhere in YAML.
const WORDS: &[&str] = &[
    "word",
    "Two words",
    " ",
    "2024-02-28",
    "2024-02-30",
    "10:00",
    "CCAG25-01",
    "P466",
    "R0062",
    "-1",
    "010",
    "é",
    "–",
    "£",
    "😀",
    "a:b",
    "a#b",
    "-x",
    "x-",
    ".",
    "...",
    "(BSC)",
    "Lawrence Jones",
    "0",
];
const BITS: &[&str] = &[
    "0o17",
    "0x1F",
    "1e3",
    "+2",
    ".5",
    ".inf",
    "-.inf",
    ".nan",
    "~",
    "null",
    "NULL",
    "true",
    "False",
    "yes",
    "no",
    "on",
    "  ",
    ":",
    ": ",
    " :",
    "#",
    " #",
    "# ",
    "-",
    "- ",
    "--- ",
    "?",
    "? ",
    ",",
    "[",
    "]",
    "{",
    "}",
    "&a",
    "*a",
    "!t",
    "!!str",
    "|",
    ">",
    "%",
    "@",
    "`",
    "'",
    "''",
    "\"",
    "\\",
    "\\n",
    "\t",
    "\r",
    "\u{a0}",
    "\u{85}",
    "\u{2028}",
    "\u{feff}",
    "\u{7f}",
    "\u{1}",
    "http://x.org/a#b",
];

impl Rng {
    /// Mostly an ordinary word, sometimes something with a meaning in YAML.
    fn bit(&mut self) -> &'static str {
        if self.chance(12) {
            self.pick(BITS)
        } else {
            self.pick(WORDS)
        }
    }
    fn key(&mut self) -> &'static str {
        if self.chance(4) {
            self.pick(ODD_KEYS)
        } else {
            self.pick(KEYS)
        }
    }
}

fn scalar_text(rng: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..=rng.below(3) {
        s.push_str(rng.bit());
    }
    s
}

/// An inline value: plain, quoted, flow or empty.
fn inline_value(rng: &mut Rng) -> String {
    match rng.below(10) {
        0 => format!("\"{}\"", scalar_text(rng)),
        1 => format!("'{}'", scalar_text(rng)),
        2 => {
            let items: Vec<String> = (0..rng.below(4)).map(|_| scalar_text(rng)).collect();
            format!("[{}]", items.join(rng.pick(&[", ", ",", " , "])))
        }
        3 => String::new(),
        _ => scalar_text(rng),
    }
}

fn comment(rng: &mut Rng) -> String {
    if rng.chance(15) {
        format!("{} # {}", rng.pick(&["", " "]), scalar_text(rng))
    } else {
        String::new()
    }
}

/// A `|`/`>` block scalar's header and lines, for a node indented at `n`.
fn block_scalar(rng: &mut Rng, n: usize, out: &mut String) {
    let header = if rng.chance(10) {
        rng.pick(&[">+", "|2", ">-  # c", "|-#c", ">1-"])
    } else {
        rng.pick(&[">", ">-", "|", "|-"])
    };
    out.push_str(header);
    out.push('\n');
    let indent = n + rng.pick(&[&0usize, &1, &2, &2, &2, &2, &4]);
    for _ in 0..=rng.below(5) {
        match rng.below(16) {
            0 => out.push_str(&" ".repeat(rng.below(indent + 3))),
            1 => out.push_str(&format!(
                "{}{}",
                " ".repeat(indent + 1 + rng.below(2)),
                scalar_text(rng)
            )),
            2 => out.push_str(&format!("{}# {}", " ".repeat(indent), scalar_text(rng))),
            _ => out.push_str(&format!("{}{}", " ".repeat(indent), scalar_text(rng))),
        }
        out.push('\n');
    }
}

/// A block mapping at indentation `n`, its first key at `first_col` (after a `- `) or at `n`.
fn mapping(rng: &mut Rng, n: usize, depth: usize, first_inline: bool, out: &mut String) {
    for i in 0..=rng.below(5) {
        if !(i == 0 && first_inline) {
            if rng.chance(10) {
                out.push_str(&format!("{}# {}\n", " ".repeat(rng.below(n + 3)), scalar_text(rng)));
            }
            if rng.chance(5) {
                out.push('\n');
            }
            // Now and then a key one space off.
            let off = if rng.chance(2) { n + 1 } else { n };
            out.push_str(&" ".repeat(off));
        }
        out.push_str(rng.key());
        out.push_str(if rng.chance(5) {
            rng.pick(&[" :", ":  ", ":x"])
        } else {
            ":"
        });
        member_value(rng, n, depth, out);
    }
}

fn member_value(rng: &mut Rng, n: usize, depth: usize, out: &mut String) {
    match rng.below(if depth < 3 { 10 } else { 6 }) {
        0 | 1 => {
            out.push(' ');
            block_scalar(rng, n, out);
        }
        2..=5 => {
            let v = inline_value(rng);
            if !v.is_empty() {
                out.push(' ');
            }
            out.push_str(&v);
            out.push_str(&comment(rng));
            out.push('\n');
            if rng.chance(5) {
                // A would-be continuation line.
                out.push_str(&format!("{}{}\n", " ".repeat(n + 1 + rng.below(3)), scalar_text(rng)));
            }
        }
        6 | 7 => {
            out.push_str(&comment(rng));
            out.push('\n');
            let inner = n + rng.pick(&[&1usize, &2, &2, &4]);
            mapping(rng, inner, depth + 1, false, out);
        }
        _ => {
            out.push('\n');
            let inner = n + rng.pick(&[&0usize, &2, &2, &3]);
            sequence(rng, inner, depth + 1, out);
        }
    }
}

fn sequence(rng: &mut Rng, s: usize, depth: usize, out: &mut String) {
    for _ in 0..=rng.below(3) {
        if rng.chance(10) {
            out.push_str(&format!("{}# c\n", " ".repeat(rng.below(s + 3))));
        }
        let off = if rng.chance(2) { s + 1 } else { s };
        out.push_str(&" ".repeat(off));
        out.push('-');
        let gap = rng.pick(&[&1usize, &1, &2, &0]);
        out.push_str(&" ".repeat(*gap));
        match rng.below(6) {
            0..=2 if depth < 4 => mapping(rng, s + 1 + gap, depth + 1, true, out),
            3 => block_scalar(rng, s, out),
            _ => {
                out.push_str(&inline_value(rng));
                out.push_str(&comment(rng));
                out.push('\n');
            }
        }
    }
}

fn document(rng: &mut Rng) -> String {
    let mut out = String::new();
    if rng.chance(30) {
        out.push_str("# yaml-language-server: $schema=../../schemas/action.schema.json\n");
    }
    if rng.chance(3) {
        out.push_str(rng.pick(&["---\n", "%YAML 1.2\n---\n", "\u{feff}", "  "]));
    }
    mapping(&mut *rng, 0, 0, false, &mut out);
    if rng.chance(3) {
        out.push_str(rng.pick(&["---\nb: 2\n", "...\n", "- x\n", "  c: 3\n"]));
    }
    if rng.chance(10) {
        out.pop();
    }
    out
}

#[test]
fn random_documents_read_the_same_either_way() {
    let seed = std::env::var("CCAG_FAST_PATH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x0cca_6000);
    let mut rng = Rng(seed);
    let total: usize = std::env::var("CCAG_FAST_PATH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50_000);
    let mut taken = 0;
    for _ in 0..total {
        let text = document(&mut rng);
        taken += usize::from(agrees(&text, "a random document"));
    }
    // The generator aims at the edges, but enough documents must lie inside the subset for the
    // comparison to mean something.
    eprintln!(
        "{taken} of {total} random documents took the fast path ({} placed, in this run's tests so far)",
        PLACED.load(std::sync::atomic::Ordering::Relaxed)
    );
    assert!(
        taken * 10 > total,
        "only {taken} of {total} random documents took the fast path"
    );
}

#[test]
fn edited_records_read_the_same_either_way() {
    // Every pack record, with one random character inserted, deleted or a line's indentation
    // changed: the kinds of slip a hand edit makes.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut rng = Rng(0x0cca_6001);
    let mut taken = 0;
    let mut total = 0;
    for path in yaml_files(&root.join("records")) {
        let text = std::fs::read_to_string(&path).unwrap();
        for _ in 0..200 {
            let mut chars: Vec<char> = text.chars().collect();
            let at = rng.below(chars.len());
            match rng.below(4) {
                0 => {
                    chars.remove(at);
                }
                1 => {
                    let bit = rng.bit();
                    for (k, c) in bit.chars().enumerate() {
                        chars.insert(at + k, c);
                    }
                }
                2 => {
                    // Indent or outdent the line holding `at`.
                    let start = chars[..at].iter().rposition(|&c| c == '\n').map_or(0, |i| i + 1);
                    if rng.chance(50) {
                        chars.insert(start, ' ');
                    } else if chars.get(start) == Some(&' ') {
                        chars.remove(start);
                    }
                }
                _ => {
                    chars.insert(at, '\n');
                }
            }
            let edited: String = chars.into_iter().collect();
            total += 1;
            taken += usize::from(agrees(&edited, &format!("an edit of {}", path.display())));
        }
    }
    eprintln!(
        "{taken} of {total} edited records took the fast path ({} placed, in this run's tests so far)",
        PLACED.load(std::sync::atomic::Ordering::Relaxed)
    );
    assert!(
        taken * 4 > total,
        "only {taken} of {total} edited records took the fast path"
    );
}

#[test]
fn random_values_read_the_same_either_way() {
    // One value at a time, from any mix of ordinary words and YAML's special characters, in
    // each place a value can sit: the scalar rules, tested densely.
    let total: usize = std::env::var("CCAG_FAST_PATH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50_000);
    let mut rng = Rng(0x0cca_6002);
    let mut taken = 0;
    for _ in 0..total {
        let mut v = String::new();
        for _ in 0..=rng.below(4) {
            v.push_str(if rng.chance(50) {
                rng.pick(BITS)
            } else {
                rng.pick(WORDS)
            });
        }
        let text = match rng.below(8) {
            0 => format!("k: \"{v}\"\n"),
            1 => format!("k: '{v}'\n"),
            2 => format!("k: [{v}]\n"),
            3 => format!("k:\n  - {v}\n"),
            4 => format!("k: >-\n  {v}\n  {v}\n"),
            5 => format!("k: |\n  {v}\n\n  {v}\n"),
            6 => format!("k:\n- a: {v}\n  b: x\n"),
            _ => format!("k: {v}\nj: x\n"),
        };
        taken += usize::from(agrees(&text, "a random value"));
    }
    eprintln!(
        "{taken} of {total} random values took the fast path ({} placed, in this run's tests so far)",
        PLACED.load(std::sync::atomic::Ordering::Relaxed)
    );
    assert!(
        taken * 5 > total,
        "only {taken} of {total} random values took the fast path"
    );
}
