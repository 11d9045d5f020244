//! Record ids: the grammar every id follows (it becomes a file name), the meeting an action id
//! names, allocation of the next number, and comparing ids as people write them.

use std::cmp::Ordering;

use anyhow::{Result, bail};

/// Whether `id` is safe as a file name on every system: letters and digits joined by single
/// `-`, and not a name Windows reserves for a device.
pub fn is_safe(id: &str) -> bool {
    !id.is_empty()
        && id
            .split('-')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()))
        && !is_reserved(id)
}

/// Whether Windows reserves `id` as a device name (`CON`, `aux`, `NUL`, `COM1`…, any case):
/// a file `CON.yaml` cannot be checked out there.
pub fn is_reserved(id: &str) -> bool {
    let upper = id.to_ascii_uppercase();
    matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (upper.len() == 4
            && (upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.as_bytes()[3].is_ascii_digit())
}

/// Refuse an id that cannot be a record's file name, saying what ids look like.
pub fn check_safe(id: &str) -> Result<()> {
    if is_reserved(id) {
        bail!(
            "`{id}` cannot be an id: Windows reserves it as a device name (CON, PRN, AUX, NUL, COM0–9, LPT0–9), so `{id}.yaml` could not be checked out there; nothing was written"
        );
    }
    if !is_safe(id) {
        bail!(
            "`{id}` is not a safe id: ids are letters and digits joined by single `-` (like `CP1589` or `T2-RE-0100`); nothing was written"
        );
    }
    Ok(())
}

/// The meeting id and sequence number an action id encodes: `CCAG26-01` → (`CCAG26`, 1).
pub fn meeting_and_sequence(id: &str) -> Option<(&str, u32)> {
    let (meeting, seq) = id.rsplit_once('-')?;
    Some((meeting, seq.parse().ok()?))
}

/// Ids are compared as people type them: without regard to case.
pub fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// The next action id for `meeting`, after every id in `taken`: `CCAG26-03` after `CCAG26-02`.
pub fn next_action<'a>(meeting: &str, taken: impl IntoIterator<Item = &'a str>) -> String {
    let next = taken
        .into_iter()
        .filter_map(|t| {
            meeting_and_sequence(t)
                .filter(|(m, _)| same(m, meeting))
                .map(|(_, n)| n)
        })
        .max()
        .unwrap_or(0)
        + 1;
    format!("{meeting}-{next:02}")
}

/// Up to three ids close to `id`, best first.
pub fn nearest<'a>(id: &str, ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let wanted = id.to_lowercase();
    let mut scored: Vec<(f64, &str)> = ids
        .into_iter()
        .map(|other| (strsim::jaro_winkler(&wanted, &other.to_lowercase()), other))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(3)
        .filter(|(s, _)| *s > 0.6)
        .map(|(_, id)| id.to_string())
        .collect()
}

/// Whether `text` has the shape of a meeting id with the group's `prefix` (`CCAG27`, any case).
pub fn looks_like_meeting(prefix: &str, text: &str) -> bool {
    text.get(..prefix.len()).is_some_and(|p| same(p, prefix))
        && text.len() > prefix.len()
        && text[prefix.len()..].bytes().all(|b| b.is_ascii_digit())
}

/// The next meeting id with the group's `prefix`: `CCAG28` after `CCAG27`.
pub fn next_meeting<'a>(prefix: &str, taken: impl IntoIterator<Item = &'a str>) -> String {
    let next = taken
        .into_iter()
        .filter_map(|t| t.strip_prefix(prefix).and_then(|n| n.parse::<u32>().ok()))
        .max()
        .unwrap_or(0)
        + 1;
    format!("{prefix}{next}")
}

/// A record's id from its file name: `records/actions/CCAG26-01.yaml` → `CCAG26-01`.
pub fn from_file_name(name: &str) -> &str {
    name.strip_suffix(".yaml").unwrap_or(name)
}

/// Compare ids so that `CCAG9-01` < `CCAG10-01` and `P99` < `P466`.
pub fn natural(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, _) => return Ordering::Less,
            (_, None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let na = a.iter().take_while(|c| c.is_ascii_digit()).count();
                let nb = b.iter().take_while(|c| c.is_ascii_digit()).count();
                let (da, db) = (trim_zeros(&a[..na]), trim_zeros(&b[..nb]));
                let ord = da
                    .len()
                    .cmp(&db.len())
                    .then_with(|| da.cmp(db))
                    .then_with(|| na.cmp(&nb));
                if ord != Ordering::Equal {
                    return ord;
                }
                a = &a[na..];
                b = &b[nb..];
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                a = &a[1..];
                b = &b[1..];
            }
        }
    }
}

fn trim_zeros(digits: &[u8]) -> &[u8] {
    let start = digits.iter().position(|d| *d != b'0').unwrap_or(digits.len());
    &digits[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_shapes() {
        assert!(looks_like_meeting("CCAG", "CCAG27"));
        assert!(looks_like_meeting("CCAG", "ccag7"));
        assert!(!looks_like_meeting("CCAG", "CCAG"));
        assert!(!looks_like_meeting("CCAG", "CCAG27-01"));
        assert!(!looks_like_meeting("CCAG", "HEAD~2"));
        assert!(!looks_like_meeting("CCAG", "CCA"));
        assert!(!looks_like_meeting("CCAG", "CCAGé"));
    }

    #[test]
    fn numbers_in_ids_sort_as_numbers() {
        assert_eq!(natural("CCAG9-01", "CCAG10-01"), Ordering::Less);
        assert_eq!(natural("P99", "P466"), Ordering::Less);
        assert_eq!(natural("CCAG26-02", "CCAG26-10"), Ordering::Less);
        assert_eq!(natural("R0062", "R0139"), Ordering::Less);
    }

    #[test]
    fn allocation_takes_the_next_number_after_the_highest() {
        let taken = ["CCAG26-01", "ccag26-07", "CCAG25-09", "CCAG27"];
        assert_eq!(next_action("CCAG26", taken), "CCAG26-08");
        assert_eq!(next_action("CCAG28", taken), "CCAG28-01");
        assert_eq!(next_meeting("CCAG", taken), "CCAG28");
    }

    #[test]
    fn ids_that_would_leave_their_folder_are_unsafe() {
        for bad in ["", "../x", "a/b", "a--b", "-a", "a-", "a b", "a.yaml"] {
            assert!(!is_safe(bad), "{bad}");
        }
        for good in ["CP1589", "T2-RE-0100", "CCAG26-01"] {
            assert!(is_safe(good), "{good}");
        }
    }
}
