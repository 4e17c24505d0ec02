use super::punct::space_runs;
use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::document::Lang;
use crate::fix::{Applicability, Fix};

declare_rule! {
    /// ## What it finds
    /// A space between an English word and the apostrophe of its possessive
    /// or contraction: `Jinping ’s`, `Party 's`, `government ’s`, `don 't`,
    /// `they 're`. The apostrophe (`’` or `'`) must start `s`, `t`, `re`,
    /// `ve`, `ll`, `d` or `m` followed by something that is not a letter.
    ///
    /// Opening quotes are left alone: `'quoted'`, `‘word’`, and a quoted
    /// letter such as `the 's' key`.
    ///
    /// ## Why it matters
    /// Tokenisers split the possessive from its word and detokenisers forget
    /// to join them again. The result reads as machine output and splits
    /// `’s` into a token of its own.
    ///
    /// ## Examples
    /// ```text
    /// General Secretary Jinping ’s important instructions   <- flagged
    /// General Secretary Jinping’s important instructions    <- not flagged
    /// He said 'see you' and left.                          <- not flagged
    /// ```
    ///
    /// ## Fix
    /// Safe: remove the space(s) before the apostrophe.
    pub struct SpaceBeforeApostrophe {
        code: "P002",
        name: "space-before-apostrophe",
        family: Punctuation,
        severity: Warning,
        fix: Safe,
        summary: "space before the apostrophe of a possessive or contraction",
    }
}

/// What may follow the apostrophe of a possessive or a contraction.
const SUFFIXES: &[&str] = &["s", "t", "re", "ve", "ll", "d", "m"];

/// The length in bytes of the apostrophe and suffix at the start of `rest`,
/// when `rest` opens with a possessive or contraction.
fn contraction_len(rest: &str) -> Option<usize> {
    let quote = rest.chars().next().filter(|&c| c == '\'' || c == '’')?;
    let after = &rest[quote.len_utf8()..];
    let letters = after.bytes().take_while(u8::is_ascii_alphabetic).count();
    let suffix = &after[..letters];
    if !SUFFIXES.iter().any(|s| s.eq_ignore_ascii_case(suffix)) {
        return None;
    }
    // `'s'` is a quoted letter; `'sé` goes on with a letter.
    match after[letters..].chars().next() {
        Some(c) if c.is_alphabetic() || c == '\'' || c == '’' => None,
        _ => Some(quote.len_utf8() + letters),
    }
}

impl Rule for SpaceBeforeApostrophe {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.text();
        let bytes = text.as_bytes();
        for seg in ctx.analysis.segments(Lang::En) {
            for run in space_runs(bytes, seg.span.clone()) {
                let (start, i) = (run.start, run.end);
                // The word before must be on the same line.
                if text[..start].chars().next_back().is_none_or(char::is_whitespace) {
                    continue;
                }
                let Some(len) = contraction_len(&text[i..seg.span.end]) else {
                    continue;
                };
                let word = &text[i..i + len];
                out.push(
                    Diagnostic::new(&Self::META, start..i + len, format!("space before `{word}`")).with_fix(
                        Fix::delete(Applicability::Safe, format!("join `{word}` to its word"), start..i),
                    ),
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
    fn flags_split_possessives_and_contractions() {
        let text = "General Secretary Jinping ’s instructions and the Party ’s central government ’s decision.";
        assert_eq!(flagged(&SpaceBeforeApostrophe, text), vec![" ’s", " ’s", " ’s"]);
        assert_eq!(flagged(&SpaceBeforeApostrophe, "The Party 's work."), vec![" 's"]);
        assert_eq!(
            flagged(
                &SpaceBeforeApostrophe,
                "We don 't know, they 're here, we 've seen, I 'm sure, it 'll end, he 'd go."
            ),
            vec![" 't", " 're", " 've", " 'm", " 'll", " 'd"]
        );
        assert_eq!(flagged(&SpaceBeforeApostrophe, "THE PARTY 'S WORK"), vec![" 'S"]);
    }

    #[test]
    fn fix_joins_the_apostrophe() {
        let text = "Xi Jinping ’s thought and the Party 's work.";
        let d = run(&SpaceBeforeApostrophe, text);
        let (fixed, _) = crate::fix::apply_fixes(text, d.iter().filter_map(|d| d.fix.as_ref()));
        assert_eq!(fixed, "Xi Jinping’s thought and the Party's work.");
        assert!(run(&SpaceBeforeApostrophe, &fixed).is_empty());
    }

    #[test]
    fn leaves_opening_quotes() {
        for text in [
            "He said 'see you' and left.",
            "The so-called ‘window’ period.",
            "Press the 's' key.",
            "Press the ’s’ key.",
            "Rock 'n' roll and 'tis the season.",
            "The '90s were different.",
            "Jinping’s thought.",
            "'s at a paragraph start",
        ] {
            assert!(flagged(&SpaceBeforeApostrophe, text).is_empty(), "{text}");
        }
    }
}
