//! Dates exactly as the contract writes them: `YYYY-MM-DD`, a real day, nothing else.
//!
//! chrono alone would accept `2024-1-5`; the schema would not, so neither does the model.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serializer};

/// Parse a contract date: ten characters, `YYYY-MM-DD`, a day that exists.
pub fn parse(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    let num = |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    NaiveDate::from_ymd_opt(num(0..4) as i32, num(5..7), num(8..10))
}

fn invalid<E: serde::de::Error>(s: &str) -> E {
    E::custom(format!("`{s}` is not a real date `YYYY-MM-DD`"))
}

/// `#[serde(with = "date::strict")]` for required dates.
pub mod strict {
    use super::*;

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d) // Display is `%Y-%m-%d`, without parsing a format string
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let s = String::deserialize(d)?;
        parse(&s).ok_or_else(|| invalid(&s))
    }
}

/// `#[serde(with = "date::optional")]` for optional dates.
pub mod optional {
    use super::*;

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            // Display is `%Y-%m-%d`, without parsing a format string.
            Some(d) => s.collect_str(d),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(s) => parse(&s).map(Some).ok_or_else(|| invalid(&s)),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn only_real_iso_dates_parse() {
        assert!(parse("2024-02-29").is_some());
        for bad in [
            "2023-02-29",
            "2024-1-05",
            "22/11//23",
            "2024-01-23T10:00:00",
            "+2024-01-23",
            "2024-13-01",
        ] {
            assert!(parse(bad).is_none(), "{bad}");
        }
    }
}
