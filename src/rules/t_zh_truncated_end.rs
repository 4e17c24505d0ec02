use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::document::Lang;
use crate::script::{closes_zh_sentence, is_han};

declare_rule! {
    /// ## What it finds
    /// A Chinese fragment that stops in the middle of a sentence: its last
    /// character is not a sentence end (`。！？…`, a closing quote or bracket)
    /// and English text or the end of the paragraph follows.
    ///
    /// ## Why it matters
    /// The scraper cut the Chinese text at a tag boundary (`…扎实推进全面深化改革,持`).
    /// The English half still holds the whole sentence, so the pair no longer
    /// translates.
    ///
    /// A short line that is a whole paragraph of its own (a heading, a name)
    /// needs no final stop and is not flagged.
    ///
    /// ## Examples
    /// ```text
    /// 扎实推进全面深化改革,持 Continued efforts to protect livelihoods.   <- flagged
    /// 全会在成都举行。 The session was held in Chengdu.                   <- not flagged
    /// ```
    ///
    /// ## Fix
    /// None: the lost tail cannot be recovered from the page.
    pub struct ZhTruncatedEnd {
        code: "T002",
        name: "zh-truncated-end",
        family: Truncation,
        severity: Error,
        fix: None,
        summary: "Chinese fragment ends mid-sentence",
    }
}

/// A fragment this short that is its paragraph's whole text reads as a
/// heading or a label, which needs no final stop.
const HEADING_CHARS: usize = 20;

impl Rule for ZhTruncatedEnd {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.text();
        for p in &ctx.analysis.paragraphs {
            let zh_count = p.segments.iter().filter(|s| s.lang == Lang::Zh).count();
            for (i, seg) in p.segments.iter().enumerate() {
                if seg.lang != Lang::Zh {
                    continue;
                }
                let frag = &text[seg.span.clone()];
                let han = frag.chars().filter(|&c| is_han(c)).count();
                if han < 4 {
                    continue;
                }
                let Some(last) = frag.chars().next_back() else { continue };
                if closes_zh_sentence(last) {
                    continue;
                }
                let alone = p.segments.len() == 1 && zh_count == 1;
                if alone && frag.chars().count() <= HEADING_CHARS {
                    continue;
                }
                let followed = match p.segments.get(i + 1) {
                    Some(_) => "English text follows",
                    None => "the paragraph ends",
                };
                let tail = seg.span.end - last.len_utf8();
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        tail..seg.span.end,
                        format!("Chinese fragment ends with `{last}` and no sentence end before {followed}: its tail was cut"),
                    )
                    .with_help("restore the lost end from the original page, or drop the fragment"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::flagged;

    #[test]
    fn flags_fragments_that_lost_their_tail() {
        assert_eq!(
            flagged(
                &ZhTruncatedEnd,
                "Earlier text. 加快推进四向拓展,扎实推进全面深化改革,持 Continued efforts."
            ),
            vec!["持"]
        );
        assert_eq!(
            flagged(
                &ZhTruncatedEnd,
                "全省城乡基层治理制度更加完善，基层治理效能显著提升，基本实现"
            ),
            vec!["现"]
        );
    }

    #[test]
    fn leaves_finished_sentences_and_headings() {
        for text in [
            "全会在成都举行。 The session was held in Chengdu.",
            "他说：“我们将继续推进改革开放。” He said.",
            "中国共产党四川省第十一届委员会",
            "会议要求（全文）",
            "这是一个问题吗？ Is this a problem?",
        ] {
            assert!(flagged(&ZhTruncatedEnd, text).is_empty(), "{text}");
        }
    }
}
