//! Text from records made safe to show on a terminal. A title, an update or a file name can
//! hold control characters (YAML's `"\e[31m"` is an escape sequence, `"\u202e"` reverses the
//! text after it), and printed raw they would recolour the terminal, hide text, forge links
//! (OSC 8) or, in a finding, start a line of its own. Every such character is shown as an
//! escape (`\u{1b}`, `\t`), never emitted; a newline is kept where text may span lines
//! (`terminal`) and escaped where it may not (`line`).

use std::borrow::Cow;

/// Whether `c` changes how a terminal shows the text around it rather than showing itself:
/// C0 and C1 controls, DEL, the bidirectional overrides and isolates, the line and paragraph
/// separators.
fn hidden(c: char) -> bool {
    matches!(
        c,
        '\0'..='\x1f'
            | '\x7f'..='\u{9f}'
            | '\u{061c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// Whether `text` may hold a hidden character: an ASCII control or DEL (OR-ed a block at a
/// time, which the compiler vectorises), or the first byte of a C1 control (C2), of U+061C
/// (D8) or of the U+2000 block's marks and separators (E2). Most text has none, and is
/// answered without decoding a character.
fn suspect(text: &str, keep_newline: bool) -> bool {
    let bytes = text.as_bytes();
    let control = |b: u8| (b < b' ' && !(keep_newline && b == b'\n')) | (b == 0x7f);
    bytes
        .chunks(64)
        .any(|block| block.iter().fold(false, |seen, &b| seen | control(b)))
        || memchr::memchr3(0xC2, 0xD8, 0xE2, bytes).is_some()
}

fn escaped(text: &str, keep_newline: bool) -> Cow<'_, str> {
    if !suspect(text, keep_newline) || !text.chars().any(|c| hidden(c) && !(keep_newline && c == '\n')) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' if keep_newline => out.push('\n'),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if hidden(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `text` for a terminal, its line breaks kept.
pub fn terminal(text: &str) -> Cow<'_, str> {
    escaped(text, true)
}

/// `text` for a terminal on one line: a line break shows as `\n` too, so one finding is one
/// line whatever its message holds.
pub fn line(text: &str) -> Cow<'_, str> {
    escaped(text, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bidi_controls_are_shown_not_sent() {
        let title = "Evil \u{1b}]8;;http://x\u{1b}\\link \u{1b}[31mred\u{1b}[0m back\u{8}space \u{202e}gnp.exe\u{9b}2J";
        let shown = terminal(title);
        assert!(!shown.chars().any(hidden), "{shown}");
        assert_eq!(
            shown,
            "Evil \\u{1b}]8;;http://x\\u{1b}\\link \\u{1b}[31mred\\u{1b}[0m back\\u{8}space \\u{202e}gnp.exe\\u{9b}2J"
        );
    }

    #[test]
    fn line_breaks_are_kept_by_terminal_and_escaped_by_line() {
        assert_eq!(terminal("a\nb\tc\rd"), "a\nb\\tc\\rd");
        assert_eq!(
            line("bad\nrecords/x.yaml:1:1: error"),
            "bad\\nrecords/x.yaml:1:1: error"
        );
    }

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        for text in ["plain ASCII", "Café – “quoted” 2024-02-28 ✓", "multi\nline"] {
            assert!(matches!(terminal(text), Cow::Borrowed(t) if t == text));
        }
        assert!(matches!(line("Café ✓"), Cow::Borrowed(_)));
    }
}
