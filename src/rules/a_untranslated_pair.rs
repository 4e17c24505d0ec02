use super::a_wrong_language::mostly_han;
use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::document::{Lang, Segment};
use crate::script::{is_han, ScriptWeights};

declare_rule! {
    /// ## What it finds
    /// A pair whose English half is not a translation: the two halves are
    /// the same text once case, whitespace and punctuation are set aside, or
    /// the English half is Chinese like the Chinese half (at least 75% of its
    /// letter weight Han, at least 4 Han characters; see A001 for the
    /// measure).
    ///
    /// A pair is a Chinese half followed by an English half: a JSONL or TSV
    /// record, or a `txt` paragraph made of one Chinese fragment and the
    /// English text after it. Tiny texts are left alone: the halves must hold
    /// at least 5 letters or digits, with a letter among them, so `0`/`0` and
    /// `X`/`X` widget records stay the boilerplate rules' business.
    ///
    /// ## Why it matters
    /// An untranslated copy is the noise a translation model learns fastest:
    /// it learns to copy its input.
    ///
    /// ## Examples
    /// ```text
    /// zh: Select another platform >>     en: Select another platform          <- flagged
    /// zh: 全会在成都举行。               en: 全会在成都举行。                   <- flagged
    /// zh: 全会在成都举行。               en: The session was held in Chengdu.  <- not flagged
    /// zh: 0                              en: 0                                 <- not flagged
    /// ```
    ///
    /// ## Fix
    /// None: the translation is missing.
    pub struct UntranslatedPair {
        code: "A002",
        name: "untranslated-pair",
        family: Alignment,
        severity: Warning,
        fix: None,
        summary: "the English half is not a translation: a copy of the Chinese half, or Chinese text",
    }
}

/// Letters and digits the halves must hold to be compared.
const MIN_ALNUM: usize = 5;

/// The letters and digits of a text, lowercased: what is left once case,
/// whitespace and punctuation are set aside.
fn comparable(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
}

/// Whether the two halves are the same text once case, whitespace and
/// punctuation are set aside (and long enough to say so).
pub(crate) fn same_words(zh: &str, en: &str) -> bool {
    // Comparing first stops at the first difference: cheap for real pairs.
    comparable(zh).eq(comparable(en))
        && comparable(zh).nth(MIN_ALNUM - 1).is_some()
        && comparable(zh).any(|c| c.is_alphabetic() || is_han(c))
}

impl Rule for UntranslatedPair {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.text();
        for p in &ctx.analysis.paragraphs {
            let [zh @ Segment { lang: Lang::Zh, .. }, en @ Segment { lang: Lang::En, .. }] = p.segments.as_slice()
            else {
                continue;
            };
            let (zh_text, en_text) = (&text[zh.span.clone()], &text[en.span.clone()]);
            let message = if same_words(zh_text, en_text) {
                "the English half repeats the Chinese half: the pair is untranslated"
            } else if en_text.bytes().any(|b| b >= 0xE3)
                && mostly_han(&ScriptWeights::of(en_text))
                && mostly_han(&ScriptWeights::of(zh_text))
            {
                "the English half is Chinese text: the pair is untranslated"
            } else {
                continue;
            };
            out.push(
                Diagnostic::new(&Self::META, en.span.clone(), message)
                    .with_label(zh.span.clone(), "the Chinese half")
                    .with_help("put the English translation in the English half, or drop the pair"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run_record};

    #[test]
    fn flags_identical_halves() {
        assert_eq!(
            run_record(
                &UntranslatedPair,
                "Select another platform >>",
                "select another platform"
            ),
            vec!["select another platform"]
        );
        assert_eq!(
            run_record(&UntranslatedPair, "全会在成都举行。", "全会 在成都举行"),
            vec!["全会 在成都举行"]
        );
    }

    #[test]
    fn flags_chinese_in_both_halves() {
        assert_eq!(
            run_record(
                &UntranslatedPair,
                "全会在成都举行。",
                "全会于12月6日在成都举行，会期两天。"
            ),
            vec!["全会于12月6日在成都举行，会期两天。"]
        );
    }

    #[test]
    fn leaves_translations_and_tiny_widgets() {
        for (zh, en) in [
            ("全会在成都举行。", "The session was held in Chengdu."),
            ("0", "0"),
            ("X", "X"),
            ("2019", "2019"),
            ("12345", "12345"),
            ("", "Select another platform >>"),
            ("分享到：", ""),
            ("中国GDP增长6.1%。", "China's GDP grew 6.1 percent."),
            ("新华社", "Xinhua (新华社)"),
        ] {
            assert!(run_record(&UntranslatedPair, zh, en).is_empty(), "{zh} / {en}");
        }
    }

    #[test]
    fn txt_pairs_are_checked_too() {
        assert!(flagged(&UntranslatedPair, "全会在成都举行。 The session was held in Chengdu.").is_empty());
    }
}
