use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::fix::{Applicability, Fix};

declare_rule! {
    /// ## What it finds
    /// Two or more ASCII spaces between two non-space characters of a line,
    /// in Chinese and English text alike: `the  plenary session`,
    /// `held.  The`.
    ///
    /// Leading indentation is left alone, and so are spaces at the end of a
    /// line (`trailing-whitespace`) and other whitespace (tabs, no-break
    /// spaces, the ideographic space).
    ///
    /// ## Why it matters
    /// Doubled spaces come from stripped tags and joined cells. They change
    /// tokenisation and make otherwise identical sentences look different to
    /// a deduplicator.
    ///
    /// ## Examples
    /// ```text
    /// The plenary  session was held.   <- flagged
    /// The plenary session was held.    <- not flagged
    /// ```
    ///
    /// ## Fix
    /// Safe: leave one space.
    pub struct RepeatedSpaces {
        code: "P006",
        name: "repeated-spaces",
        family: Punctuation,
        severity: Warning,
        fix: Safe,
        summary: "repeated spaces inside a line",
    }
}

impl Rule for RepeatedSpaces {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.text();
        let bytes = text.as_bytes();
        for p in &ctx.analysis.paragraphs {
            let mut from = p.span.start;
            while let Some(k) = memchr::memmem::find(&bytes[from..p.span.end], b"  ") {
                let start = from + k;
                let mut end = start + 2;
                while end < p.span.end && bytes[end] == b' ' {
                    end += 1;
                }
                from = end;
                let before = text[p.span.start..start].chars().next_back();
                let after = text[end..p.span.end].chars().next();
                if before.is_none_or(char::is_whitespace) || after.is_none_or(char::is_whitespace) {
                    continue;
                }
                out.push(
                    Diagnostic::new(&Self::META, start..end, format!("{} spaces in a row", end - start))
                        .with_fix(Fix::delete(Applicability::Safe, "leave one space", start + 1..end)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn flags_runs_between_words() {
        assert_eq!(
            flagged(&RepeatedSpaces, "The plenary  session was   held."),
            vec!["  ", "   "]
        );
        assert_eq!(
            flagged(&RepeatedSpaces, "全会在成都举行。  The session was held."),
            vec!["  "]
        );
        assert_eq!(flagged(&RepeatedSpaces, "one line\nsecond  line"), vec!["  "]);
    }

    #[test]
    fn fix_leaves_one_space() {
        let text = "The plenary  session was   held.\r\nNext  line.";
        let d = run(&RepeatedSpaces, text);
        let (fixed, _) = crate::fix::apply_fixes(text, d.iter().filter_map(|d| d.fix.as_ref()));
        assert_eq!(fixed, "The plenary session was held.\r\nNext line.");
        assert!(run(&RepeatedSpaces, &fixed).is_empty());
    }

    #[test]
    fn leaves_indentation_trailing_spaces_and_other_whitespace() {
        for text in [
            "    Indented paragraph.",
            "first line\n    indented second line",
            "Trailing spaces   ",
            "Trailing before CRLF  \r\nnext",
            "A tab\t\tor two",
            "No-break\u{a0}\u{a0}spaces and ideographic\u{3000}\u{3000}ones",
            "One space only.",
        ] {
            assert!(flagged(&RepeatedSpaces, text).is_empty(), "{text:?}");
        }
    }
}
