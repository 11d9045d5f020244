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

fn escaped(text: &str, keep_newline: bool) -> Cow<'_, str> {
    let plain = |b: u8| (0x20..0x7f).contains(&b) || (keep_newline && b == b'\n');
    if text.bytes().all(plain) {
        return Cow::Borrowed(text);
    }
    if !text.chars().any(|c| hidden(c) && !(keep_newline && c == '\n')) {
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
