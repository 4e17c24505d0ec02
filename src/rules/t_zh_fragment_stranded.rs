use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::document::Lang;
use crate::fix::{Applicability, Fix};
use crate::script::is_han;

declare_rule! {
    /// ## What it finds
    /// A Chinese fragment that stands after English text inside a paragraph.
    /// A scraped pair puts the Chinese first and its English after it; a
    /// Chinese fragment in the middle of English text was left there when the
    /// scraper lost the tags around it.
    ///
    /// ## Why it matters
    /// The fragment belongs to no English sentence: aligners pair it with the
    /// wrong text, and language filters see a mixed paragraph.
    ///
    /// ## Examples
    /// ```text
    /// The session affirmed the work. 周年和改革开放40周年系列活动 Unanimously agreed…   <- flagged
    /// 全会在成都举行。 The session was held in Chengdu.                                <- not flagged
    /// ```
    ///
    /// ## Fix
    /// Unsafe: drop the fragment. It changes content, so it runs only with
    /// `--unsafe-fixes`.
    pub struct ZhFragmentStranded {
        code: "T004",
        name: "zh-fragment-stranded",
        family: Truncation,
        severity: Warning,
        fix: Unsafe,
        summary: "Chinese fragment stranded inside English text",
    }
}

/// English before the fragment must have at least this many words.
const MIN_WORDS_BEFORE: usize = 3;

impl Rule for ZhFragmentStranded {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.text();
        for p in &ctx.analysis.paragraphs {
            for (i, seg) in p.segments.iter().enumerate().skip(1) {
                if seg.lang != Lang::Zh {
                    continue;
                }
                let before = &p.segments[i - 1];
                if before.lang != Lang::En
                    || text[before.span.clone()].split_whitespace().count() < MIN_WORDS_BEFORE
                    || text[seg.span.clone()].chars().filter(|&c| is_han(c)).count() < 4
                {
                    continue;
                }
                // Drop the fragment and the space before it.
                let drop = before.span.end..seg.span.end;
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        seg.span.clone(),
                        "Chinese fragment stranded inside English text",
                    )
                    .with_label(
                        last_char(text, before.span.end)..before.span.end,
                        "English text before it",
                    )
                    .with_fix(Fix::delete(
                        Applicability::Unsafe,
                        "drop the stranded Chinese fragment",
                        drop,
                    )),
                );
            }
        }
    }
}

/// Where the character that ends at `end` starts.
fn last_char(text: &str, end: usize) -> usize {
    end - text[..end].chars().next_back().map_or(0, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn flags_fragment_after_english() {
        let text = "The plenary session affirmed the work. 周年和改革开放40周年系列活动,持 Unanimously agreed.";
        assert_eq!(
            flagged(&ZhFragmentStranded, text),
            vec!["周年和改革开放40周年系列活动,持"]
        );
        let d = run(&ZhFragmentStranded, text);
        let (fixed, _) = crate::fix::apply_fixes(text, d.iter().filter_map(|d| d.fix.as_ref()));
        assert_eq!(fixed, "The plenary session affirmed the work. Unanimously agreed.");
    }

    #[test]
    fn label_ends_on_a_char_boundary_after_a_multibyte_char() {
        let text = "held on December 6, 2019\u{200b}\n一一一一";
        let d = run(&ZhFragmentStranded, text);
        assert_eq!(d.len(), 1);
        assert_eq!(&text[d[0].labels[0].span.clone()], "\u{200b}");
    }

    #[test]
    fn leaves_pairs_and_short_names() {
        for text in [
            "全会在成都举行。 The session was held in Chengdu.",
            "The newspaper 人民日报 reported it.",
            "Only Chinese here: 中国。",
        ] {
            assert!(flagged(&ZhFragmentStranded, text).is_empty(), "{text}");
        }
    }
}
