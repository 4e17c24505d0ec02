use super::a_untranslated_pair::same_words;
use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::document::{Lang, Paragraph};
use crate::script::ScriptWeights;

declare_rule! {
    /// ## What it finds
    /// Text in the wrong script for its place: a record's `zh` field that is
    /// mostly Latin, or its `en` field mostly Han (when the `zh` field is
    /// not Chinese too: a pair with Chinese on both sides is A002
    /// `untranslated-pair`). In a `txt` page, a Chinese fragment that is
    /// mostly Latin.
    ///
    /// "Mostly" is measured over letters only, a Han character weighing 3
    /// (its UTF-8 size, about one short English word) and a Latin letter 1;
    /// digits, punctuation, URLs and e-mail addresses do not count. The wrong
    /// script must hold at least 75% of that weight (the alphabetic-ratio
    /// default of OpusFilter), and at least 12 of it: 12 Latin letters or 4
    /// Han characters, so an acronym (`GDP`), a name (`Xinhua`) or a short
    /// gloss is never enough.
    ///
    /// ## Why it matters
    /// A pair with English in its Chinese half (or the reverse) teaches a
    /// translation model to copy, and a language filter downstream drops it
    /// only if it looks. Swapped fields flag both halves.
    ///
    /// ## Examples
    /// ```text
    /// zh: The government announced new measures on Friday.  en: 政府周五宣布了新措施。   <- both flagged
    /// zh: 中国GDP增长6.1%。  en: China's GDP grew 6.1 percent.                          <- not flagged
    /// zh: 习近平会见Donald Trump。  en: Xi Jinping met Donald Trump.                     <- not flagged
    /// ```
    ///
    /// ## Fix
    /// None: whether the fields are swapped or the text belongs elsewhere
    /// needs a look at the source.
    pub struct WrongLanguage {
        code: "A001",
        name: "wrong-language",
        family: Alignment,
        severity: Warning,
        fix: None,
        summary: "text in the wrong script: English in the Chinese half, or Chinese in the English half",
    }
}

/// Share of the letter weight the wrong script must hold.
pub(crate) const WRONG_SCRIPT_SHARE: f64 = 0.75;
/// Letter weight the wrong script must reach: 12 Latin letters or 4 Han.
pub(crate) const MIN_WRONG_WEIGHT: usize = 12;

pub(crate) fn mostly_latin(w: &ScriptWeights) -> bool {
    w.latin >= MIN_WRONG_WEIGHT && w.latin_share() >= WRONG_SCRIPT_SHARE
}

pub(crate) fn mostly_han(w: &ScriptWeights) -> bool {
    w.han >= MIN_WRONG_WEIGHT && w.han_share() >= WRONG_SCRIPT_SHARE
}

fn pct(share: f64) -> u32 {
    (share * 100.0).round() as u32
}

impl WrongLanguage {
    fn check_paragraph(&self, text: &str, p: &Paragraph, out: &mut Vec<Diagnostic>) {
        let zh = p.segments.iter().find(|s| s.lang == Lang::Zh);
        let en = p.segments.iter().find(|s| s.lang == Lang::En);
        let zh_weights = zh.map(|s| ScriptWeights::of(&text[s.span.clone()]));
        let zh_latin = zh_weights.as_ref().is_some_and(mostly_latin);
        // English halves: only where Chinese is not on both sides (A002's case).
        let zh_han = zh_weights.as_ref().is_some_and(mostly_han);
        let mut en_findings = Vec::new();
        for s in p.segments.iter().filter(|s| s.lang == Lang::En) {
            // Most English text has no byte that can start a Han character.
            if zh_han || !text[s.span.clone()].bytes().any(|b| b >= 0xE3) {
                continue;
            }
            let w = ScriptWeights::of(&text[s.span.clone()]);
            if !mostly_han(&w) || zh_han {
                continue;
            }
            en_findings.push(
                Diagnostic::new(
                    &Self::META,
                    s.span.clone(),
                    format!(
                        "English half is Chinese: {}% of its letters are Han",
                        pct(w.han_share())
                    ),
                )
                .with_help(if zh_latin {
                    "the two halves look swapped"
                } else {
                    "put the English translation here, or drop the pair"
                }),
            );
        }
        let en_han = !en_findings.is_empty();
        for s in p.segments.iter().filter(|s| s.lang == Lang::Zh) {
            let w = ScriptWeights::of(&text[s.span.clone()]);
            if !mostly_latin(&w) {
                continue;
            }
            // Identical halves are A002's case.
            if en.is_some_and(|e| same_words(&text[s.span.clone()], &text[e.span.clone()])) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &Self::META,
                    s.span.clone(),
                    format!(
                        "Chinese half is English: {}% of its letters are Latin",
                        pct(w.latin_share())
                    ),
                )
                .with_help(if en_han {
                    "the two halves look swapped"
                } else {
                    "put the Chinese text here, or drop the pair"
                }),
            );
        }
        out.append(&mut en_findings);
    }
}

impl Rule for WrongLanguage {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for p in &ctx.analysis.paragraphs {
            self.check_paragraph(ctx.text(), p, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run_record};

    #[test]
    fn flags_english_in_the_zh_field() {
        let zh = "The government announced new measures on Friday.";
        assert_eq!(
            run_record(&WrongLanguage, zh, "政府周五宣布了新措施以支持民营企业。"),
            vec![zh, "政府周五宣布了新措施以支持民营企业。"]
        );
        assert_eq!(run_record(&WrongLanguage, zh, ""), vec![zh]);
    }

    #[test]
    fn flags_chinese_in_the_en_field() {
        assert_eq!(
            run_record(&WrongLanguage, "", "政府周五宣布了新措施。"),
            vec!["政府周五宣布了新措施。"]
        );
        assert_eq!(
            run_record(&WrongLanguage, "1234", "2019年GDP增长6%，高于预期。"),
            vec!["2019年GDP增长6%，高于预期。"]
        );
    }

    #[test]
    fn leaves_acronyms_names_urls_and_numbers() {
        for (zh, en) in [
            ("中国GDP增长6.1%。", "China's GDP grew 6.1 percent."),
            ("习近平会见Donald Trump。", "Xi Jinping met Donald Trump."),
            ("APEC工商峰会在新加坡开幕。", "The APEC CEO Summit opened in Singapore."),
            (
                "来源：http://www.xinhuanet.com/politics/2019-12/07/c_1125317862.htm",
                "",
            ),
            ("0", "0"),
            ("X", "X"),
            ("Xinhua", ""),
            ("2019-12-07", "2019-12-07"),
            ("", "Beijing (北京) is the capital."),
            (
                "",
                "The newspaper 人民日报 reported the plenary session of the Party committee.",
            ),
        ] {
            assert!(run_record(&WrongLanguage, zh, en).is_empty(), "{zh} / {en}");
        }
    }

    #[test]
    fn leaves_chinese_on_both_sides_and_identical_halves_to_a002() {
        assert!(run_record(&WrongLanguage, "政府周五宣布了新措施。", "政府周五宣布了新措施。").is_empty());
        let en = "The government announced new measures on Friday.";
        assert!(run_record(&WrongLanguage, en, en).is_empty());
        assert!(run_record(&WrongLanguage, "Select another platform >>", "select another platform").is_empty());
    }

    #[test]
    fn txt_pages_pairs_are_not_flagged() {
        for text in [
            "126日在成都举行。 The sixth plenary session was held in Chengdu on December 6, 2019.",
            "The session affirmed the work. 周年和改革开放40周年系列活动,持 Unanimously agreed.",
            "中国 GDP 增长 CPI 上涨。",
        ] {
            assert!(flagged(&WrongLanguage, text).is_empty(), "{text}");
        }
    }
}
