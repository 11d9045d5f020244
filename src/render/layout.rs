//! How a table fits a width: which columns show, how wide each is, and how many lines a long
//! cell may take. Ids, dates, statuses and every word stay whole; at a narrow width the least
//! useful columns are left out first (each listing ranks its columns, after the pack's own
//! priority), and long update text is cut to a few lines ending in `…`.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How one column's cells may be laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Never broken (ids, dates, statuses, counts): the column is as wide as its widest cell.
    Whole,
    /// Text wrapped at spaces (a word wider than `WORD_CUT` is cut); at most `lines` lines
    /// when the table has a width to fit, the last ending in `…`.
    Text { lines: Option<usize> },
}

/// A column's fit and how soon it is left out when the table is too wide: columns are left
/// out highest `drop` first, and a column with `drop` 0 always shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnFit {
    pub fit: Fit,
    pub drop: u8,
}

impl ColumnFit {
    /// Never broken, never left out.
    pub const fn whole() -> ColumnFit {
        ColumnFit {
            fit: Fit::Whole,
            drop: 0,
        }
    }

    /// Wrapped text, never left out.
    pub const fn text() -> ColumnFit {
        ColumnFit {
            fit: Fit::Text { lines: None },
            drop: 0,
        }
    }

    /// Left out when the table is too wide, `rank` higher going sooner.
    pub const fn drop(self, rank: u8) -> ColumnFit {
        ColumnFit { drop: rank, ..self }
    }

    /// Cut to `lines` lines (then `…`) when the table has a width to fit.
    pub const fn lines(self, lines: usize) -> ColumnFit {
        ColumnFit {
            fit: Fit::Text { lines: Some(lines) },
            ..self
        }
    }
}

/// Lines a long update may take in a table that must fit a width.
pub const UPDATE_LINES: usize = 4;

/// A word wider than this may be cut to fit a narrow column (a long web address); shorter
/// words are never broken.
const WORD_CUT: usize = 24;

/// What the cells of one column measure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Measure {
    /// The widest line.
    pub line: usize,
    /// The widest word.
    pub word: usize,
}

impl Measure {
    /// Take `text` into account.
    pub fn add(&mut self, text: &str) {
        if text.is_ascii() && !text.contains('\r') {
            // One pass over the bytes for the common case (ASCII, `\n` line ends).
            let (mut line, mut word) = (0, 0);
            for &b in text.as_bytes() {
                match b {
                    b'\n' => {
                        self.line = self.line.max(line);
                        self.word = self.word.max(word);
                        (line, word) = (0, 0);
                    }
                    b' ' => {
                        self.word = self.word.max(word);
                        line += 1;
                        word = 0;
                    }
                    _ => {
                        line += 1;
                        word += 1;
                    }
                }
            }
            self.line = self.line.max(line);
            self.word = self.word.max(word);
            return;
        }
        for line in text.lines() {
            self.line = self.line.max(width(line));
            self.word = self.word.max(line.split(' ').map(width).max().unwrap_or(0));
        }
    }
}

/// The columns to show, in order, each with its content width and line limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// `(column index, content width, line limit)`.
    pub shown: Vec<(usize, usize, Option<usize>)>,
    /// The columns left out to fit the width, by index.
    pub left_out: Vec<usize>,
}

/// The layout of columns measured `measures` (header included) with `fits`, in at most
/// `width` characters (`None`: as wide as the content, nothing wrapped or cut).
pub fn plan(fits: &[ColumnFit], measures: &[Measure], width: Option<usize>) -> Plan {
    let n = measures.len();
    let fit = |i: usize| fits.get(i).copied().unwrap_or(ColumnFit::text());
    let Some(total) = width else {
        return Plan {
            shown: (0..n).map(|i| (i, measures[i].line.max(1), None)).collect(),
            left_out: Vec::new(),
        };
    };
    let least = |i: usize| {
        match fit(i).fit {
            Fit::Whole => measures[i].line,
            Fit::Text { .. } => measures[i].word.min(WORD_CUT).min(measures[i].line),
        }
        .max(1)
    };
    // Each column takes its width plus three (padding and a border); the table one more.
    let needed = |shown: &[usize]| 1 + shown.iter().map(|&i| least(i) + 3).sum::<usize>();
    let mut shown: Vec<usize> = (0..n).collect();
    let mut left_out = Vec::new();
    while needed(&shown) > total {
        let Some(&worst) = shown
            .iter()
            .filter(|&&i| fit(i).drop > 0)
            .max_by_key(|&&i| (fit(i).drop, i))
        else {
            break;
        };
        shown.retain(|&i| i != worst);
        left_out.push(worst);
    }
    left_out.sort_unstable();
    let mut widths: Vec<usize> = shown.iter().map(|&i| least(i)).collect();
    // Share what is left among the text columns, in proportion to what each still wants.
    let mut spare = total.saturating_sub(needed(&shown));
    loop {
        let wants: Vec<usize> = shown
            .iter()
            .zip(&widths)
            .map(|(&i, &w)| measures[i].line.saturating_sub(w))
            .collect();
        let wanted: usize = wants.iter().sum();
        if spare == 0 || wanted == 0 {
            break;
        }
        let mut given = 0;
        for (k, want) in wants.iter().enumerate() {
            let share = (spare * want / wanted)
                .max(usize::from(*want > 0))
                .min(*want)
                .min(spare - given);
            widths[k] += share;
            given += share;
        }
        if given == 0 {
            break;
        }
        spare -= given;
    }
    Plan {
        shown: shown
            .iter()
            .zip(widths)
            .map(|(&i, w)| {
                let lines = match fit(i).fit {
                    Fit::Text { lines } => lines,
                    Fit::Whole => None,
                };
                (i, w, lines)
            })
            .collect(),
        left_out,
    }
}

/// Display width: the byte length for ASCII (most record text), else by Unicode width.
pub fn width(s: &str) -> usize {
    if s.is_ascii() { s.len() } else { s.width() }
}

/// `text` in lines at most `max` columns wide: its own lines kept, each wrapped at spaces, a
/// word wider than the column cut to fit. With `limit`, text that needs two or more lines
/// beyond it is cut to `limit` lines, the last ending in `…`; the flag says whether it was.
pub fn wrap_at_most(text: &str, max: usize, limit: Option<usize>) -> (Vec<String>, bool) {
    let mut lines = wrap(text, max);
    match limit {
        // Cutting one line to save one would only hide text: allow one line more.
        Some(limit) if lines.len() > limit + 1 => {
            lines.truncate(limit.max(1));
            if let Some(last) = lines.last_mut() {
                // Make room for the ellipsis.
                while width(last) + 1 > max && last.pop().is_some() {}
                let trimmed = last.trim_end().len();
                last.truncate(trimmed);
                last.push('…');
            }
            (lines, true)
        }
        _ => (lines, false),
    }
}

/// `text` in lines at most `max` columns wide: its own lines kept, each wrapped at spaces, a
/// word wider than the column cut to fit.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for source in text.lines() {
        if width(source) <= max {
            lines.push(source.to_string());
            continue;
        }
        let mut current = String::new();
        let mut used = 0;
        for word in source.split(' ').filter(|w| !w.is_empty()) {
            let w = width(word);
            let needed = if current.is_empty() { w } else { used + 1 + w };
            if needed <= max {
                if !current.is_empty() {
                    current.push(' ');
                }
                current.push_str(word);
                used = needed;
                continue;
            }
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
                used = 0;
            }
            if w <= max {
                current.push_str(word);
                used = w;
                continue;
            }
            // A word wider than the column: cut it into pieces that fit.
            for ch in word.chars() {
                let cw = ch.width().unwrap_or(0);
                if used + cw > max && !current.is_empty() {
                    lines.push(std::mem::take(&mut current));
                    used = 0;
                }
                current.push(ch);
                used += cw;
            }
        }
        if !current.is_empty() || lines.is_empty() {
            lines.push(current);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measured(cells: &[&[&str]]) -> Vec<Measure> {
        let columns = cells[0].len();
        (0..columns)
            .map(|c| {
                let mut m = Measure::default();
                for row in cells {
                    m.add(row[c]);
                }
                m
            })
            .collect()
    }

    /// The one-pass measure of ASCII text is the measure by lines and words.
    #[test]
    fn measuring_ascii_in_one_pass_agrees_with_lines_and_words() {
        let by_lines = |text: &str| {
            let mut m = Measure::default();
            for line in text.lines() {
                m.line = m.line.max(width(line));
                m.word = m.word.max(line.split(' ').map(width).max().unwrap_or(0));
            }
            m
        };
        let mut texts: Vec<String> = [
            "",
            " ",
            "a",
            "a b",
            "  lead",
            "trail  ",
            "x\n",
            "\n\nlong word here\nab",
            "a  b\n\n  cdef ",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // And a few thousand made of the characters that matter.
        let mut seed = 7u32;
        for _ in 0..3000 {
            let len = (seed % 23) as usize;
            let text: String = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    [b'a', b' ', b'\n', b'b', b'-'][(seed >> 16) as usize % 5] as char
                })
                .collect();
            texts.push(text);
        }
        for text in &texts {
            let mut m = Measure::default();
            m.add(text);
            assert_eq!(m, by_lines(text), "{text:?}");
        }
    }

    #[test]
    fn wrapping_keeps_words_whole_and_cuts_only_words_wider_than_the_column() {
        assert_eq!(wrap("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(wrap("a\nb c", 10), ["a", "b c"]);
        assert_eq!(wrap("abcdefghijkl", 5), ["abcde", "fghij", "kl"]);
        assert_eq!(wrap("", 5), Vec::<String>::new());
        for line in wrap("Ünïcödé wörds and 日本語のテキスト wide", 6) {
            assert!(line.width() <= 6, "{line}");
        }
    }

    #[test]
    fn a_cut_cell_ends_in_an_ellipsis_within_its_width() {
        let (lines, cut) = wrap_at_most("one two three four five six seven eight", 9, Some(2));
        assert!(cut);
        assert_eq!(lines, ["one two", "three…"]);
        // One line over the limit is shown whole: cutting it would save nothing.
        let (lines, cut) = wrap_at_most("one two three four five", 9, Some(2));
        assert!(!cut);
        assert_eq!(lines, ["one two", "three", "four five"]);
        let (lines, cut) = wrap_at_most("one two", 9, Some(2));
        assert!(!cut);
        assert_eq!(lines, ["one two"]);
        let (lines, _) = wrap_at_most("abcdefghi abcdefghi abcdefghi", 9, Some(1));
        assert_eq!(lines, ["abcdefgh…"]);
        assert!(lines.iter().all(|l| width(l) <= 9));
    }

    #[test]
    fn whole_columns_keep_their_width_and_the_least_useful_columns_go_first() {
        let rows: &[&[&str]] = &[
            &["Ref", "Raised", "Action", "Status", "Update"],
            &[
                "CCAG26-01",
                "2024-01-23",
                "Programme to issue the link to the log",
                "RECOMMEND CLOSED",
                "2024-02-21: The link was issued to members and published",
            ],
        ];
        let fits = [
            ColumnFit::whole(),
            ColumnFit::whole().drop(2),
            ColumnFit::text(),
            ColumnFit::whole(),
            ColumnFit::text().lines(UPDATE_LINES).drop(1),
        ];
        let m = measured(rows);
        // Unlimited: every column at its widest line.
        let wide = plan(&fits, &m, None);
        assert_eq!(wide.shown.iter().map(|s| s.1).collect::<Vec<_>>(), [9, 10, 38, 16, 56]);
        // 80 columns: everything fits at its least width, so nothing is left out.
        let p = plan(&fits, &m, Some(80));
        assert!(p.left_out.is_empty(), "{p:?}");
        let by = |i: usize| p.shown.iter().find(|s| s.0 == i).unwrap().1;
        assert_eq!((by(0), by(1), by(3)), (9, 10, 16), "ids, dates and statuses whole");
        let drawn: usize = 1 + p.shown.iter().map(|s| s.1 + 3).sum::<usize>();
        assert!(drawn <= 80, "{drawn}");
        // 50 columns: Raised goes first, then Update.
        let p = plan(&fits, &m, Some(50));
        assert_eq!(p.left_out, [1, 4], "{p:?}");
        let p = plan(&fits, &m, Some(58));
        assert_eq!(p.left_out, [1], "{p:?}");
        assert_eq!(p.shown.iter().find(|s| s.0 == 4).unwrap().2, Some(UPDATE_LINES));
        // Too narrow for even the columns that always show: they keep their width.
        let p = plan(&fits, &m, Some(20));
        assert_eq!(p.shown.iter().map(|s| s.0).collect::<Vec<_>>(), [0, 2, 3]);
        assert_eq!(p.shown[0].1, 9);
    }
}
