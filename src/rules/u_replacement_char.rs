use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};

declare_rule! {
    /// ## What it finds
    /// U+FFFD REPLACEMENT CHARACTER (`�`) in the text: a decoder somewhere
    /// upstream met bytes it could not read and put this character in their
    /// place. Consecutive ones are reported together.
    ///
    /// Bytes that are not UTF-8 in the file itself are replaced by U+FFFD
    /// when bilint reads it; those are reported by rule I001 and not again
    /// here.
    ///
    /// ## Why it matters
    /// The character stands for text that is gone: a name, a number or a
    /// punctuation mark. The pair no longer says what the page said.
    ///
    /// ## Examples
    /// ```text
    /// 全会在成都举行�会议审议通过了决定。   <- flagged
    /// 全会在成都举行，会议审议通过了决定。   <- not flagged
    /// ```
    ///
    /// ## Fix
    /// None: what was lost cannot be recovered from the text. Re-scrape or
    /// re-decode the page.
    pub struct ReplacementChar {
        code: "U005",
        name: "replacement-char",
        family: Unicode,
        severity: Error,
        fix: None,
        summary: "U+FFFD replacement character: text lost in decoding",
    }
}

const REPLACEMENT: &str = "\u{FFFD}";

impl Rule for ReplacementChar {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.text();
        let invalid = &ctx.src.invalid_utf8;
        let mut from = 0;
        while let Some(n) = memchr::memmem::find(&text.as_bytes()[from..], REPLACEMENT.as_bytes()) {
            let start = from + n;
            let mut end = start + REPLACEMENT.len();
            while text[end..].starts_with(REPLACEMENT) {
                end += REPLACEMENT.len();
            }
            from = end;
            // Leave out the characters that stand for bad bytes in the file.
            let mut at = start;
            while at < end {
                let i = invalid.partition_point(|b| b.span.end <= at);
                match invalid.get(i).filter(|b| b.span.start < end) {
                    Some(bad) if bad.span.start <= at => at = bad.span.end.min(end),
                    next => {
                        let stop = next.map_or(end, |b| b.span.start);
                        let count = (stop - at) / REPLACEMENT.len();
                        let message = if count == 1 {
                            "U+FFFD REPLACEMENT CHARACTER: a character was lost when the text was decoded".to_string()
                        } else {
                            format!(
                                "{count} U+FFFD REPLACEMENT CHARACTERs: characters were lost when the text was decoded"
                            )
                        };
                        out.push(
                            Diagnostic::new(&Self::META, at..stop, message)
                                .with_help("recover the text from the original page, or drop the sentence"),
                        );
                        at = stop;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Analysis;
    use crate::rules::testing::flagged;
    use crate::source::SourceText;

    #[test]
    fn flags_replacement_characters() {
        assert_eq!(
            flagged(&ReplacementChar, "全会在成都举行\u{FFFD}会议"),
            vec!["\u{FFFD}"]
        );
        assert_eq!(
            flagged(&ReplacementChar, "a\u{FFFD}\u{FFFD}b \u{FFFD}"),
            vec!["\u{FFFD}\u{FFFD}", "\u{FFFD}"]
        );
    }

    #[test]
    fn leaves_clean_text() {
        for text in ["全会在成都举行，会议审议通过了决定。", "plain", "\u{FEFF}BOM"] {
            assert!(flagged(&ReplacementChar, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn leaves_what_invalid_utf8_reports() {
        // The file holds a real U+FFFD, then a bad byte, then another U+FFFD.
        let mut bytes = "ok \u{FFFD}".as_bytes().to_vec();
        bytes.push(0xFF);
        bytes.extend_from_slice("\u{FFFD} x \u{FFFD}".as_bytes());
        let src = SourceText::from_bytes(bytes);
        assert_eq!(src.invalid_utf8.len(), 1);
        let analysis = Analysis::new(&src);
        let mut out = Vec::new();
        ReplacementChar.check(
            &Context {
                src: &src,
                analysis: &analysis,
            },
            &mut out,
        );
        let spans: Vec<_> = out.iter().map(|d| d.span.clone()).collect();
        assert_eq!(spans, vec![3..6, 9..12, 15..18]);
    }
}
