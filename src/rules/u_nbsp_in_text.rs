use std::ops::Range;

use super::u_mojibake::in_cp1252_mojibake;
use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::fix::{Applicability, Fix};
use crate::script::{is_cjk_punct, is_han};

declare_rule! {
    /// ## What it finds
    /// Special spaces inside a line of text: U+00A0 NO-BREAK SPACE, U+202F
    /// NARROW NO-BREAK SPACE, U+2007 FIGURE SPACE and U+3000 IDEOGRAPHIC
    /// SPACE between two characters that are not spaces, or next to an
    /// ordinary space.
    ///
    /// Left alone: spaces at the start of a line (indentation, `　　` before a
    /// Chinese paragraph), at its end, lines made only of spaces (rule B008
    /// reports those), and a no-break space that is part of mojibake (`Â `,
    /// rule U006 reports it).
    ///
    /// ## Why it matters
    /// They come from `&nbsp;` and from pages typeset by hand. Tokenizers
    /// and the English word count treat them differently from a space, and
    /// inside Chinese running text they are a gap that should not be there.
    ///
    /// ## Examples
    /// ```text
    /// The session\u{A0}was held.   <- flagged: U+00A0 becomes a space
    /// 全会在成都　举行。           <- flagged: U+3000 is removed
    /// 　　全会在成都举行。         <- not flagged: indentation
    /// ```
    ///
    /// ## Fix
    /// Safe. Between two Chinese characters (Han or Chinese punctuation) the
    /// space is removed; elsewhere it becomes one ordinary space. Next to an
    /// ordinary space it is removed. Only the flagged characters change.
    pub struct NbspInText {
        code: "U004",
        name: "nbsp-in-text",
        family: Unicode,
        severity: Warning,
        fix: Safe,
        summary: "no-break or ideographic space inside a line",
    }
}

fn is_special_space(c: char) -> bool {
    matches!(c, '\u{A0}' | '\u{202F}' | '\u{2007}' | '\u{3000}')
}

fn name(c: char) -> &'static str {
    match c {
        '\u{A0}' => "U+00A0 NO-BREAK SPACE",
        '\u{202F}' => "U+202F NARROW NO-BREAK SPACE",
        '\u{2007}' => "U+2007 FIGURE SPACE",
        _ => "U+3000 IDEOGRAPHIC SPACE",
    }
}

/// Spaces inside a line (not the line break itself).
fn is_inline_space(c: char) -> bool {
    c.is_whitespace() && c != '\n' && c != '\r'
}

fn is_chinese(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

impl Rule for NbspInText {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.text();
        let bytes = text.as_bytes();
        let mut from = 0;
        // U+00A0 is `C2 A0`, U+2007 and U+202F are `E2 80 xx`, U+3000 is `E3 80 80`.
        while let Some(n) = memchr::memchr3(0xC2, 0xE2, 0xE3, &bytes[from..]) {
            let at = from + n;
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            if !is_special_space(c) || (c == '\u{A0}' && in_cp1252_mojibake(text, at)) {
                from = at + c.len_utf8();
                continue;
            }
            // The run of spaces around it.
            let run_start = at
                - text[..at]
                    .chars()
                    .rev()
                    .take_while(|&c| is_inline_space(c))
                    .map(char::len_utf8)
                    .sum::<usize>();
            let run_end = at
                + text[at..]
                    .chars()
                    .take_while(|&c| is_inline_space(c))
                    .map(char::len_utf8)
                    .sum::<usize>();
            from = run_end;
            let before = text[..run_start]
                .chars()
                .next_back()
                .filter(|&c| c != '\n' && c != '\r');
            let after = text[run_end..].chars().next().filter(|&c| c != '\n' && c != '\r');
            let (Some(before), Some(after)) = (before, after) else {
                // Indentation, trailing space, or a line of spaces only.
                continue;
            };
            if let Some(d) = diagnostic(text, run_start..run_end, before, after) {
                out.push(d);
            }
        }
    }
}

/// The diagnostic for a run of spaces between `before` and `after`: each
/// special space in it is removed, except that a run with no ordinary space
/// keeps one space (its first special space becomes `' '`) unless it stands
/// between two Chinese characters.
fn diagnostic(text: &str, run: Range<usize>, before: char, after: char) -> Option<Diagnostic> {
    let run_text = &text[run.clone()];
    let has_plain = run_text.chars().any(|c| !is_special_space(c));
    let chinese = is_chinese(before) && is_chinese(after);
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut names: Vec<&str> = Vec::new();
    for (i, c) in run_text.char_indices().filter(|&(_, c)| is_special_space(c)) {
        let keep_space = !has_plain && !chinese && edits.is_empty();
        edits.push((
            run.start + i..run.start + i + c.len_utf8(),
            if keep_space { " " } else { "" }.to_string(),
        ));
        if !names.contains(&name(c)) {
            names.push(name(c));
        }
    }
    let span = edits.first()?.0.start..edits.last()?.0.end;
    let (message, title) = if chinese {
        (format!("{} inside Chinese text", names.join(", ")), "remove the space")
    } else if has_plain {
        (
            format!("{} next to an ordinary space", names.join(", ")),
            "remove the extra space",
        )
    } else {
        (
            format!("{} inside a line of text", names.join(", ")),
            "replace with an ordinary space",
        )
    };
    Some(Diagnostic::new(&NbspInText::META, span, message).with_fix(Fix::edits(Applicability::Safe, title, edits)))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::rules::testing::flagged;

    fn fixed(text: &str) -> String {
        crate::rules::testing::fixed_by(&NbspInText, text)
    }

    #[test]
    fn flags_special_spaces_inside_a_line() {
        for (text, span) in [
            ("The session\u{A0}was held.", "\u{A0}"),
            ("10\u{202F}000 people", "\u{202F}"),
            ("page\u{2007}2", "\u{2007}"),
            ("全会在成都\u{3000}举行。", "\u{3000}"),
            ("Chengdu\u{3000}hosted it", "\u{3000}"),
            ("举行。\u{3000}The session", "\u{3000}"),
            ("held \u{A0}in Chengdu", "\u{A0}"),
            ("held\u{A0}\u{A0}in Chengdu", "\u{A0}\u{A0}"),
        ] {
            assert_eq!(flagged(&NbspInText, text), vec![span], "{text:?}");
        }
    }

    #[test]
    fn leaves_indentation_trailing_spaces_and_blank_lines() {
        for text in [
            "\u{3000}\u{3000}全会在成都举行。",
            "\u{A0}\u{A0}The session was held.",
            "The session was held.\u{A0}\nnext",
            "line\n\u{A0}\nline",
            "\u{A0}",
            "\u{3000}\u{3000}",
            "cafÃ\u{A0} is mojibake, not a space",
            "全会在成都举行，会议审议通过了决定。 The session was held.",
        ] {
            assert!(flagged(&NbspInText, text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn fix_changes_only_the_special_spaces() {
        assert_eq!(fixed("The session\u{A0}was held."), "The session was held.");
        assert_eq!(
            fixed("全会在成都\u{3000}举行，\u{A0}会议通过。"),
            "全会在成都举行，会议通过。"
        );
        assert_eq!(fixed("Chengdu\u{3000}hosted\u{A0}\u{A0}it"), "Chengdu hosted it");
        assert_eq!(fixed("held \u{A0}in\u{3000} Chengdu"), "held in Chengdu");
        assert_eq!(fixed("举行。\u{3000}The"), "举行。 The");
        assert_eq!(
            fixed("\u{3000}\u{3000}全会\u{3000}举行。"),
            "\u{3000}\u{3000}全会举行。"
        );
    }
}
