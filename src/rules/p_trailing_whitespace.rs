use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::fix::{Applicability, Fix};

declare_rule! {
    /// ## What it finds
    /// Spaces and tabs at the end of a line. A line that holds only ASCII
    /// spaces and tabs is reported too (the fix empties it).
    ///
    /// Left alone: the `\r` of a CRLF line ending, which is part of the line
    /// ending and not whitespace to remove; and lines that hold only
    /// no-break or ideographic spaces, which `whitespace-only-line` (B008)
    /// reports and deletes.
    ///
    /// ## Why it matters
    /// Trailing spaces are invisible, make identical lines differ, and show
    /// up as noise in every diff of a corpus.
    ///
    /// ## Examples
    /// ```text
    /// The plenary session was held.␠␠   <- flagged
    /// The plenary session was held.     <- not flagged
    /// ```
    ///
    /// ## Fix
    /// Safe: remove the trailing spaces and tabs; line endings are kept.
    pub struct TrailingWhitespace {
        code: "P007",
        name: "trailing-whitespace",
        family: Punctuation,
        severity: Warning,
        fix: Safe,
        summary: "spaces or tabs at the end of a line",
    }
}

impl Rule for TrailingWhitespace {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.text();
        for i in 0..ctx.src.line_count() {
            let line = ctx.src.line_span(i);
            let s = &text[line.clone()];
            if !s.ends_with([' ', '\t']) {
                continue;
            }
            let kept = s.trim_end_matches([' ', '\t']);
            // A line of no-break or ideographic spaces is boilerplate's concern.
            if kept.chars().all(char::is_whitespace) && !kept.is_empty() {
                continue;
            }
            let start = line.start + kept.len();
            let what = if kept.is_empty() {
                "line holds only spaces"
            } else {
                "trailing whitespace"
            };
            out.push(
                Diagnostic::new(&Self::META, start..line.end, what).with_fix(Fix::delete(
                    Applicability::Safe,
                    "remove the trailing whitespace",
                    start..line.end,
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::flagged;

    fn fixed(text: &str) -> String {
        crate::rules::testing::fixed_by(&TrailingWhitespace, text)
    }

    #[test]
    fn flags_trailing_spaces_and_tabs() {
        assert_eq!(
            flagged(&TrailingWhitespace, "The session was held.  \nNext\t"),
            vec!["  ", "\t"]
        );
        assert_eq!(flagged(&TrailingWhitespace, "全会在成都举行。 \r\n"), vec![" "]);
        assert_eq!(flagged(&TrailingWhitespace, "para\n   \nnext"), vec!["   "]);
    }

    #[test]
    fn fix_keeps_line_endings() {
        assert_eq!(fixed("held. \r\nNext \t\r\nlast  "), "held.\r\nNext\r\nlast");
        assert_eq!(fixed("para\n   \nnext\n"), "para\n\nnext\n");
        assert_eq!(fixed("\u{feff}title  \n"), "\u{feff}title\n");
    }

    #[test]
    fn leaves_clean_lines_and_nbsp_lines() {
        for text in [
            "The session was held.\r\nNext line.\r\n",
            "\u{a0}\n",
            "\u{a0} \n",
            "\u{3000}\t\n",
            "ends with a no-break space\u{a0}",
            "",
        ] {
            assert!(flagged(&TrailingWhitespace, text).is_empty(), "{text:?}");
        }
    }
}
