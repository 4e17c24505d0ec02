use std::ops::Range;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::fix::{Applicability, Fix};

declare_rule! {
    /// ## What it finds
    /// Text that is not in Unicode Normalization Form C: a letter written as
    /// a base letter and a combining mark (`e` + U+0301 instead of `é`),
    /// Hangul written as separate jamo, or a character that has a canonical
    /// equivalent (U+212B ANGSTROM SIGN for `Å`).
    ///
    /// CJK compatibility ideographs (U+F900–U+FAFF, U+2F800–U+2FA1F) are left
    /// alone: NFC would replace them by different unified ideographs, which
    /// changes how a name or a place is written.
    ///
    /// ## Why it matters
    /// The same word in two forms counts as two words: deduplication,
    /// dictionaries and tokenizers see different strings, and the sentence
    /// pairs teach a model two spellings.
    ///
    /// ## Examples
    /// ```text
    /// Cafe\u{301} de Flore reopened.   <- flagged: `e` + U+0301
    /// Café de Flore reopened.          <- not flagged
    /// ```
    ///
    /// ## Fix
    /// Safe: write the flagged characters in NFC. Never NFKC, which would
    /// also fold the full-width punctuation that Chinese text needs.
    pub struct NotNfc {
        code: "U001",
        name: "not-nfc",
        family: Unicode,
        severity: Warning,
        fix: Safe,
        summary: "text not in Unicode NFC",
    }
}

/// CJK compatibility ideographs: NFC maps them to other characters.
fn is_cjk_compat_ideograph(c: char) -> bool {
    matches!(c as u32, 0xF900..=0xFAFF | 0x2F800..=0x2FA1F)
}

/// A character NFC never combines with what comes before it, and never
/// reorders around: normalising the text on either side of it separately
/// gives the same result as normalising the whole.
fn is_safe_boundary(c: char) -> bool {
    canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
}

/// The pieces of `text` whose NFC form differs, with that form. A piece
/// starts at a safe boundary and runs to the next one; compatibility
/// ideographs are never part of a piece.
fn unnormalized_pieces(text: &str) -> Vec<(Range<usize>, String)> {
    let mut found = Vec::new();
    // (start, whether the piece holds a character that is not a safe boundary)
    let mut piece: Option<(usize, bool)> = None;
    let close = |piece: Option<(usize, bool)>, end: usize, found: &mut Vec<(Range<usize>, String)>| {
        if let Some((start, true)) = piece {
            let s = &text[start..end];
            let nfc: String = s.nfc().collect();
            if nfc != s {
                // Keep the edit to the characters that change.
                let prefix: usize = s
                    .chars()
                    .zip(nfc.chars())
                    .take_while(|(a, b)| a == b)
                    .map(|(a, _)| a.len_utf8())
                    .sum();
                let suffix: usize = s[prefix..]
                    .chars()
                    .rev()
                    .zip(nfc[prefix..].chars().rev())
                    .take_while(|(a, b)| a == b)
                    .map(|(a, _)| a.len_utf8())
                    .sum();
                let nfc = nfc[prefix..nfc.len() - suffix].to_string();
                found.push((start + prefix..end - suffix, nfc));
            }
        }
    };
    for (i, c) in text.char_indices() {
        if c.is_ascii() || is_safe_boundary(c) {
            close(piece, i, &mut found);
            piece = Some((i, false));
        } else if is_cjk_compat_ideograph(c) {
            close(piece, i, &mut found);
            piece = None;
        } else {
            piece = Some(piece.map_or((i, true), |(start, _)| (start, true)));
        }
    }
    close(piece, text.len(), &mut found);
    found
}

fn code_points(s: &str) -> String {
    s.chars()
        .map(|c| format!("U+{:04X}", c as u32))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Rule for NotNfc {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.text();
        if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
            return;
        }
        let pieces = unnormalized_pieces(text);
        // One diagnostic per line, with one edit per piece.
        let mut i = 0;
        while i < pieces.len() {
            // Search from the piece's end: a piece may start with the line
            // feed that a combining mark follows.
            let line_end =
                memchr::memchr(b'\n', &text.as_bytes()[pieces[i].0.end..]).map_or(text.len(), |n| pieces[i].0.end + n);
            let j = i + pieces[i..].iter().take_while(|(r, _)| r.start < line_end).count();
            let group = &pieces[i..j];
            let span = group[0].0.start..group[group.len() - 1].0.end;
            let message = match group {
                [(r, nfc)] => format!(
                    "`{}` is not in NFC: {} is written {} in NFC",
                    &text[r.clone()],
                    code_points(&text[r.clone()]),
                    code_points(nfc)
                ),
                _ => format!("{} sequences on this line are not in NFC", group.len()),
            };
            out.push(Diagnostic::new(&Self::META, span, message).with_fix(Fix::edits(
                Applicability::Safe,
                "normalise to NFC",
                group.iter().cloned(),
            )));
            i = j;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::rules::testing::{flagged, run};

    fn fixed(text: &str) -> String {
        crate::rules::testing::fixed_by(&NotNfc, text)
    }

    #[test]
    fn flags_decomposed_letters() {
        assert_eq!(flagged(&NotNfc, "Cafe\u{301} de Flore"), vec!["e\u{301}"]);
        assert_eq!(flagged(&NotNfc, "\u{212B}ngstr\u{F6}m"), vec!["\u{212B}"]);
        assert_eq!(
            flagged(&NotNfc, "\u{1100}\u{1161}\u{11A8} 韩国"),
            vec!["\u{1100}\u{1161}\u{11A8}"]
        );
        // Marks out of canonical order: `a` + U+0301 compose, U+0316 stays.
        assert_eq!(flagged(&NotNfc, "a\u{301}\u{316}"), vec!["a\u{301}"]);
    }

    #[test]
    fn one_diagnostic_per_line() {
        let text = "Cafe\u{301} cre\u{300}me\nSa\u{303}o Paulo";
        let d = run(&NotNfc, text);
        assert_eq!(d.len(), 2);
        assert_eq!(&text[d[0].span.clone()], "e\u{301} cre\u{300}");
        assert!(d[0].message.contains("2 sequences"), "{}", d[0].message);
    }

    #[test]
    fn fix_writes_nfc_and_keeps_the_rest() {
        assert_eq!(
            fixed("全会 Cafe\u{301}，cre\u{300}me。\nSa\u{303}o"),
            "全会 Café，crème。\nSão"
        );
        assert_eq!(fixed("\u{212B} 2019"), "Å 2019");
    }

    #[test]
    fn combining_mark_at_the_start_of_a_line() {
        // The mark follows the line feed, which it cannot combine with.
        assert!(flagged(&NotNfc, "a\n\u{301}b").is_empty());
        assert_eq!(flagged(&NotNfc, "a\n\u{344}b"), vec!["\u{344}"]);
        assert_eq!(fixed("a\n\u{344}b\nc"), "a\n\u{308}\u{301}b\nc");
    }

    #[test]
    fn leaves_nfc_text_and_compatibility_ideographs() {
        for text in [
            "Café de Flore, São Paulo, Zürich, naïve, Ångström.",
            "全会在成都举行，会议审议通过了决定。",
            "ＧＤＰ增长６％，（全角标点）：保持不变。",
            "plain ASCII text",
            // U+F900 and U+2F800 would become U+8C48 and U+4E3D under NFC.
            "\u{F900}\u{2F800} 豈",
        ] {
            assert!(flagged(&NotNfc, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn compatibility_ideograph_next_to_a_fixable_mark() {
        let text = "\u{F900}e\u{301}\u{FA10}";
        assert_eq!(flagged(&NotNfc, text), vec!["e\u{301}"]);
        assert_eq!(fixed(text), "\u{F900}é\u{FA10}");
    }
}
