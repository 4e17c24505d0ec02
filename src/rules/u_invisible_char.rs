use std::ops::Range;

use super::u_mojibake::in_cp1252_mojibake;
use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::fix::{Applicability, Fix};

declare_rule! {
    /// ## What it finds
    /// Characters that take no room and mean nothing in running text:
    /// U+200B ZERO WIDTH SPACE, U+2060 WORD JOINER, U+00AD SOFT HYPHEN,
    /// U+FEFF (a byte order mark anywhere but at the very start of the
    /// text), control characters other than tab, line feed and carriage
    /// return (C0, DEL and C1), and U+200C ZERO WIDTH NON-JOINER / U+200D
    /// ZERO WIDTH JOINER outside the places they do a job.
    ///
    /// Left alone: a BOM at offset 0; a joiner or non-joiner inside an emoji
    /// sequence (`👩‍💻`, `🏳️‍🌈`) or between two letters of a script that
    /// shapes with them (Arabic, Indic, Myanmar…); a soft hyphen or C1
    /// control that is part of mojibake (rule U006 reports those).
    ///
    /// ## Why it matters
    /// They are invisible to the person who checks the corpus but not to the
    /// tokenizer: `发展` with a ZERO WIDTH SPACE inside is a different word,
    /// and duplicates stop matching.
    ///
    /// ## Examples
    /// ```text
    /// 全会\u{200B}在成都举行。   <- flagged: U+200B ZERO WIDTH SPACE
    /// 全会在成都举行。           <- not flagged
    /// ```
    ///
    /// ## Fix
    /// Safe: remove the characters. A vertical tab, form feed or NEXT LINE
    /// between two words becomes a space, so the words stay apart.
    pub struct InvisibleChar {
        code: "U003",
        name: "invisible-char",
        family: Unicode,
        severity: Warning,
        fix: Safe,
        summary: "invisible or control character",
    }
}

/// The Unicode name (or, for controls, the usual alias) of a character this
/// rule flags.
fn char_name(c: char) -> &'static str {
    const C0: [&str; 32] = [
        "NULL",
        "START OF HEADING",
        "START OF TEXT",
        "END OF TEXT",
        "END OF TRANSMISSION",
        "ENQUIRY",
        "ACKNOWLEDGE",
        "BELL",
        "BACKSPACE",
        "CHARACTER TABULATION",
        "LINE FEED",
        "LINE TABULATION",
        "FORM FEED",
        "CARRIAGE RETURN",
        "SHIFT OUT",
        "SHIFT IN",
        "DATA LINK ESCAPE",
        "DEVICE CONTROL ONE",
        "DEVICE CONTROL TWO",
        "DEVICE CONTROL THREE",
        "DEVICE CONTROL FOUR",
        "NEGATIVE ACKNOWLEDGE",
        "SYNCHRONOUS IDLE",
        "END OF TRANSMISSION BLOCK",
        "CANCEL",
        "END OF MEDIUM",
        "SUBSTITUTE",
        "ESCAPE",
        "INFORMATION SEPARATOR FOUR",
        "INFORMATION SEPARATOR THREE",
        "INFORMATION SEPARATOR TWO",
        "INFORMATION SEPARATOR ONE",
    ];
    const C1: [&str; 32] = [
        "PADDING CHARACTER",
        "HIGH OCTET PRESET",
        "BREAK PERMITTED HERE",
        "NO BREAK HERE",
        "INDEX",
        "NEXT LINE",
        "START OF SELECTED AREA",
        "END OF SELECTED AREA",
        "CHARACTER TABULATION SET",
        "CHARACTER TABULATION WITH JUSTIFICATION",
        "LINE TABULATION SET",
        "PARTIAL LINE FORWARD",
        "PARTIAL LINE BACKWARD",
        "REVERSE LINE FEED",
        "SINGLE SHIFT TWO",
        "SINGLE SHIFT THREE",
        "DEVICE CONTROL STRING",
        "PRIVATE USE ONE",
        "PRIVATE USE TWO",
        "SET TRANSMIT STATE",
        "CANCEL CHARACTER",
        "MESSAGE WAITING",
        "START OF GUARDED AREA",
        "END OF GUARDED AREA",
        "START OF STRING",
        "SINGLE GRAPHIC CHARACTER INTRODUCER",
        "SINGLE CHARACTER INTRODUCER",
        "CONTROL SEQUENCE INTRODUCER",
        "STRING TERMINATOR",
        "OPERATING SYSTEM COMMAND",
        "PRIVACY MESSAGE",
        "APPLICATION PROGRAM COMMAND",
    ];
    match c as u32 {
        n @ 0x00..=0x1F => C0[n as usize],
        0x7F => "DELETE",
        n @ 0x80..=0x9F => C1[n as usize - 0x80],
        0xAD => "SOFT HYPHEN",
        0x200B => "ZERO WIDTH SPACE",
        0x200C => "ZERO WIDTH NON-JOINER",
        0x200D => "ZERO WIDTH JOINER",
        0x2060 => "WORD JOINER",
        0xFEFF => "ZERO WIDTH NO-BREAK SPACE (byte order mark)",
        _ => "invisible character",
    }
}

/// Bytes that start a character this rule may flag: ASCII controls, and the
/// UTF-8 lead bytes of U+0080–U+00BF, U+2000–U+2FFF and U+F000–U+FFFF.
fn is_candidate_byte(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F | 0xC2 | 0xE2 | 0xEF)
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2300..=0x23FF | 0x2600..=0x27BF | 0x2B00..=0x2BFF
        | 0xA9 | 0xAE | 0x203C | 0x2049 | 0x2122 | 0x2139 | 0x2194..=0x21AA | 0x3030 | 0x303D | 0x3297 | 0x3299)
}

/// Scripts whose letters join or not according to ZWJ/ZWNJ: Hebrew,
/// Arabic, Syriac, the Indic and South-East Asian scripts, Tibetan,
/// Mongolian… (not Latin, Greek, Cyrillic or CJK, where they are noise).
fn is_joining_script(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x0DFF | 0x0F00..=0x10FF | 0x1200..=0x1CFF | 0xA800..=0xABFF | 0x10A00..=0x11FFF)
}

/// Whether a ZWJ/ZWNJ at `i` does its job: inside an emoji sequence, or
/// between two letters of a joining script.
fn joiner_in_use(text: &str, i: usize, c: char) -> bool {
    let before = text[..i]
        .chars()
        .rev()
        .find(|&b| !matches!(b, '\u{FE0E}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}'));
    let after = text[i + c.len_utf8()..].chars().next();
    match (before, after) {
        (Some(b), Some(a)) => (is_emoji(b) && is_emoji(a)) || (is_joining_script(b) && is_joining_script(a)),
        _ => false,
    }
}

/// Whether the character `c` at `i` is one to remove.
fn is_invisible(text: &str, i: usize, c: char) -> bool {
    match c {
        '\t' | '\n' | '\r' => false,
        '\u{0}'..='\u{1F}' | '\u{7F}' => true,
        '\u{80}'..='\u{9F}' | '\u{AD}' => !in_cp1252_mojibake(text, i),
        '\u{200B}' | '\u{2060}' => true,
        '\u{200C}' | '\u{200D}' => !joiner_in_use(text, i, c),
        '\u{FEFF}' => i != 0,
        _ => false,
    }
}

/// Controls that stood for a line break or a space: between two words they
/// become a space.
fn is_break_like(c: char) -> bool {
    matches!(c, '\u{B}' | '\u{C}' | '\u{85}')
}

impl Rule for InvisibleChar {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.text();
        let bytes = text.as_bytes();
        let mut from = 0;
        while let Some(n) = bytes[from..].iter().position(|&b| is_candidate_byte(b)) {
            let start = from + n;
            // Take the run of consecutive invisible characters from here.
            let mut end = start;
            let mut chars: Vec<char> = Vec::new();
            while let Some(c) = text[end..].chars().next() {
                if !is_invisible(text, end, c) {
                    break;
                }
                chars.push(c);
                end += c.len_utf8();
            }
            if chars.is_empty() {
                from = start + text[start..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            from = end;
            out.push(diagnostic(text, start..end, &chars));
        }
    }
}

fn diagnostic(text: &str, span: Range<usize>, chars: &[char]) -> Diagnostic {
    let name = |c: char| format!("U+{:04X} {}", c as u32, char_name(c));
    let message = match chars {
        [c] => format!("invisible character {}", name(*c)),
        _ => {
            let mut names: Vec<String> = chars.iter().map(|&c| name(c)).collect();
            names.dedup();
            format!("{} invisible characters: {}", chars.len(), names.join(", "))
        }
    };
    let spaced = |c: Option<char>| c.is_some_and(|c| c.is_whitespace());
    let between_words = !spaced(text[..span.start].chars().next_back())
        && !spaced(text[span.end..].chars().next())
        && span.start > 0
        && span.end < text.len();
    let fix = if between_words && chars.iter().any(|&c| is_break_like(c)) {
        Fix::replace(Applicability::Safe, "replace with a space", span.clone(), " ")
    } else {
        Fix::delete(Applicability::Safe, "remove the invisible characters", span.clone())
    };
    Diagnostic::new(&InvisibleChar::META, span, message).with_fix(fix)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::rules::testing::{flagged, run};

    fn fixed(text: &str) -> String {
        crate::rules::testing::fixed_by(&InvisibleChar, text)
    }

    #[test]
    fn flags_invisible_and_control_characters() {
        for (text, span) in [
            ("全会\u{200B}在成都举行。", "\u{200B}"),
            ("Chen\u{200C}gdu", "\u{200C}"),
            ("Chen\u{200D}gdu", "\u{200D}"),
            ("word\u{2060}joiner", "\u{2060}"),
            ("co\u{AD}operation", "\u{AD}"),
            ("text \u{FEFF}inside", "\u{FEFF}"),
            ("bell\u{7}here", "\u{7}"),
            ("esc\u{1B}[0m", "\u{1B}"),
            ("c1\u{85}control", "\u{85}"),
            ("del\u{7F}", "\u{7F}"),
            ("two\u{200B}\u{200B}in a row", "\u{200B}\u{200B}"),
        ] {
            assert_eq!(flagged(&InvisibleChar, text), vec![span], "{text:?}");
        }
        let d = run(&InvisibleChar, "a\u{200B}b");
        assert_eq!(d[0].message, "invisible character U+200B ZERO WIDTH SPACE");
    }

    #[test]
    fn leaves_bom_at_start_emoji_sequences_and_joining_scripts() {
        for text in [
            "\u{FEFF}全会在成都举行。",
            "tabs\tand\r\nnewlines\n",
            "coder 👩\u{200D}💻 and flag 🏳\u{FE0F}\u{200D}🌈",
            "family 👨\u{200D}👩\u{200D}👧",
            "Persian \u{0645}\u{06CC}\u{200C}\u{062E}\u{0648}\u{0627}\u{0647}\u{0645}",
            "Hindi \u{0915}\u{094D}\u{200D}\u{0937}",
            "Buginese \u{1A15}\u{1A17}\u{200D}\u{1A10}, Hebrew \u{5D0}\u{200D}\u{5DC}",
            // Soft hyphen and C1 control inside Windows-1252 mojibake of 中 and 后.
            "ä¸\u{AD}å\u{90}Ž",
            "全会在成都举行，会议审议通过了决定。",
        ] {
            assert!(flagged(&InvisibleChar, text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn fix_removes_them_and_keeps_words_apart() {
        assert_eq!(
            fixed("\u{FEFF}全会\u{200B}在成\u{200B}\u{2060}都举行。"),
            "\u{FEFF}全会在成都举行。"
        );
        assert_eq!(fixed("co\u{AD}operation a\u{FEFF}b"), "cooperation ab");
        assert_eq!(fixed("page\u{C}break and line\u{B}"), "page break and line");
        assert_eq!(fixed("end \u{7}\n"), "end \n");
    }
}
