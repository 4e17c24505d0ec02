use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::document::{Lang, Segment};

declare_rule! {
    /// ## What it finds
    /// A pair whose halves differ too much in length: the Chinese half's
    /// UTF-8 size divided by the English half's falls outside 0.49–2.29.
    /// A Han character takes three bytes and says about as much as a short
    /// English word, so a faithful translation has a ratio near 0.77.
    ///
    /// The bounds are the 0.5th and 99.5th percentiles of clean pairs:
    /// `gen_corpus.py --format jsonl --dirty-rate 0`, pairs with both halves
    /// at least 60 bytes, gave 0.493 and 2.230 (seed 1, 10 MB, 19,262
    /// pairs), 0.498 and 2.289 (seed 3, 5 MB, 9,611 pairs), 0.490 and 2.204
    /// (seed 7, 5 MB, 9,595 pairs); the bounds are the widest of the three.
    /// Bitextor's hard rules use 1/3–3 as a loose outer bound.
    ///
    /// A pair is a JSONL or TSV record, or a `txt` paragraph made of one
    /// Chinese fragment and the English text after it. Both halves must be at
    /// least 60 bytes (about 20 Han characters, 10 English words): the ratio
    /// of short texts says little.
    ///
    /// ## Why it matters
    /// One half much shorter than the other is a truncated half, a half that
    /// lost sentences, or a pair aligned with the wrong partner. The rule is
    /// `info`: about one clean pair in a hundred is this far out too.
    ///
    /// ## Examples
    /// ```text
    /// zh: 全会在成都举行，会议由省委常委会主持，省委书记作了讲话。   (84 bytes)
    /// en: The plenary session was held in Chengdu, chaired by the Standing
    ///     Committee. Provincial Party Secretary Peng Qinghua made a speech, and
    ///     the session reviewed and approved the decision on grassroots
    ///     governance.                                                 (207 bytes, ratio 0.41)  <- flagged
    /// en: The plenary session was held in Chengdu, chaired by the Standing
    ///     Committee.                                                  (75 bytes, ratio 1.12)   <- not flagged
    /// ```
    ///
    /// ## Fix
    /// None: what is missing is not in the text.
    pub struct LengthRatio {
        code: "A003",
        name: "length-ratio",
        family: Alignment,
        severity: Info,
        fix: None,
        summary: "the Chinese and English halves of a pair differ too much in length",
    }
}

/// Smallest and largest `bytes(zh) / bytes(en)` of clean pairs (0.5th and
/// 99.5th percentiles).
const MIN_RATIO: f64 = 0.49;
const MAX_RATIO: f64 = 2.29;
/// Both halves must be at least this many bytes.
const MIN_BYTES: usize = 60;

impl Rule for LengthRatio {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for p in &ctx.analysis.paragraphs {
            let [zh @ Segment { lang: Lang::Zh, .. }, en @ Segment { lang: Lang::En, .. }] = p.segments.as_slice()
            else {
                continue;
            };
            let (zh_len, en_len) = (zh.span.len(), en.span.len());
            if zh_len < MIN_BYTES || en_len < MIN_BYTES {
                continue;
            }
            let ratio = zh_len as f64 / en_len as f64;
            let (shorter, span, label) = if ratio < MIN_RATIO {
                ("Chinese", zh.span.clone(), en.span.clone())
            } else if ratio > MAX_RATIO {
                ("English", en.span.clone(), zh.span.clone())
            } else {
                continue;
            };
            out.push(
                Diagnostic::new(
                    &Self::META,
                    span,
                    format!(
                        "{shorter} half is short for its partner: {zh_len} bytes of Chinese for {en_len} of English \
                         (ratio {ratio:.3}; clean pairs stay within {MIN_RATIO}–{MAX_RATIO})"
                    ),
                )
                .with_label(label, "its partner")
                .with_help("check whether a half was truncated or belongs to another pair"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run_record};

    const ZH: &str = "全会在成都举行，会议由省委常委会主持，省委书记作了讲话。";
    const EN: &str = "The plenary session was held in Chengdu, chaired by the Standing Committee.";

    #[test]
    fn flags_a_half_much_shorter_than_the_other() {
        let long_en = format!(
            "{EN} Provincial Party Secretary Peng Qinghua made a speech, and the session \
                               reviewed and approved the decision on grassroots governance."
        );
        assert_eq!(run_record(&LengthRatio, ZH, &long_en), vec![ZH]);
        let long_zh = format!("{ZH}{ZH}{ZH}");
        assert_eq!(run_record(&LengthRatio, &long_zh, EN), vec![EN]);
        assert_eq!(flagged(&LengthRatio, &format!("{ZH} {long_en}")), vec![ZH]);
    }

    #[test]
    fn leaves_translations_and_short_halves() {
        assert!(run_record(&LengthRatio, ZH, EN).is_empty());
        assert!(flagged(&LengthRatio, &format!("{ZH} {EN}")).is_empty());
        // The Chinese half is under 60 bytes: no ratio.
        assert!(run_record(&LengthRatio, "人,候补省委委员13人。", EN).is_empty());
        assert!(run_record(&LengthRatio, ZH, "").is_empty());
    }
}
