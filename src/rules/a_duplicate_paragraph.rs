use std::ops::Range;

use super::{declare_rule, Context, Rule};
use crate::dedup::normalized_width;
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::fix::{Applicability, Fix};

declare_rule! {
    /// ## What it finds
    /// A paragraph that repeats an earlier paragraph of the same page, the
    /// same text once whitespace is normalised. The first occurrence is
    /// labelled. Paragraphs narrower than 80 columns (a Han character counts
    /// two) are left to A005 `duplicate-sentence`, at `info`: a short line
    /// such as a byline or a one-sentence paragraph may repeat on purpose.
    ///
    /// Pages are compared alone: in a `txt` file, a line of `=====` starts a
    /// new page. Records of JSONL and TSV files are compared across the
    /// corpus by the command line, with the same code.
    ///
    /// ## Why it matters
    /// A scraper that follows a "read more" link or merges two renderings of
    /// a page doubles paragraphs; the repeat inflates the corpus and weighs
    /// its text twice in training.
    ///
    /// ## Examples
    /// ```text
    /// The plenary session pointed out the need to reform the rural governance system.
    ///
    /// The plenary session pointed out the need to reform the rural governance system.   <- flagged
    /// ```
    ///
    /// ## Fix
    /// Unsafe: delete the repeat (with the blank line before it). Unsafe
    /// because a page may repeat a paragraph on purpose.
    pub struct DuplicateParagraph {
        code: "A004",
        name: "duplicate-paragraph",
        family: Alignment,
        severity: Warning,
        fix: Unsafe,
        summary: "paragraph repeated within a page",
    }
}

/// Paragraphs at least this wide (in columns, a Han character counting two)
/// are compared.
pub(crate) const MIN_WIDTH: usize = 80;

/// The A004 finding for a JSONL or TSV record seen before in the corpus
/// (see [`crate::dedup::SeenHashes`]): `span` is the record's place in the
/// text being reported, `first` says where the first copy is, e.g.
/// `line 12` or `a.jsonl:12`.
pub fn repeated_record(span: Range<usize>, first: &str) -> Diagnostic {
    Diagnostic::new(
        &DuplicateParagraph::META,
        span,
        format!("record repeats the record at {first}"),
    )
    .with_help("drop the repeat")
}

impl Rule for DuplicateParagraph {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let paragraphs = &ctx.analysis.paragraphs;
        for r in ctx.analysis.repeated_paragraphs(ctx.text()) {
            let (p, first) = (&paragraphs[r.paragraph], &paragraphs[r.first]);
            if normalized_width(&ctx.text()[p.span.clone()]) < MIN_WIDTH {
                continue;
            }
            let first_line = ctx.src.file_line(first.span.start);
            // The first occurrence is earlier in the page, so a paragraph
            // precedes the repeat and only blank lines stand between them.
            let delete = paragraphs[r.paragraph - 1].span.end..p.span.end;
            out.push(
                Diagnostic::new(
                    &Self::META,
                    p.span.clone(),
                    format!("paragraph repeats the paragraph on line {first_line}"),
                )
                .with_label(first.span.clone(), "first occurrence")
                .with_fix(Fix::delete(
                    Applicability::Unsafe,
                    "delete the repeated paragraph",
                    delete,
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    const P: &str =
        "The plenary session pointed out the need to further advance the reform of the rural governance system.";
    const ZH: &str = "近年来，围绕环境、创新和开放等重点领域，各地共同促进消费能力，着力解决群众关心的问题。";

    fn fixed(text: &str) -> String {
        let d = run(&DuplicateParagraph, text);
        crate::fix::apply_fixes(text, d.iter().filter_map(|d| d.fix.as_ref())).0
    }

    #[test]
    fn flags_a_repeat_with_its_first_occurrence() {
        let text = format!("Title\n\n{P}\n\n{P}\n\nNext paragraph.\n");
        let d = run(&DuplicateParagraph, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(&text[d[0].span.clone()], P);
        assert_eq!(d[0].span.start, text.rfind(P).unwrap());
        assert_eq!(d[0].labels[0].span.start, text.find(P).unwrap());
        assert_eq!(d[0].message, "paragraph repeats the paragraph on line 3");
    }

    #[test]
    fn whitespace_does_not_hide_a_repeat_and_chinese_counts_double() {
        let wrapped = P.replacen(" the need", "\nthe  need", 1);
        assert_eq!(
            flagged(&DuplicateParagraph, &format!("{P}\n\nOther.\n\n{wrapped}\n")),
            vec![wrapped]
        );
        // 45 Han characters and punctuation: 90 columns.
        assert_eq!(flagged(&DuplicateParagraph, &format!("{ZH}\n\n{ZH}\n")), vec![ZH]);
    }

    #[test]
    fn fix_deletes_the_repeat_and_its_blank_line() {
        let text = format!("Title\n\n{P}\n\n{P}\n\nNext paragraph.\n");
        assert_eq!(fixed(&text), format!("Title\n\n{P}\n\nNext paragraph.\n"));
        // Two repeats: their deletions touch, so one goes per pass (the fix
        // loop runs again), and a fixed text stays fixed.
        let text = format!("{P}\n\n{P}\n\n{P}");
        assert_eq!(fixed(&text), format!("{P}\n\n{P}"));
        assert_eq!(fixed(&fixed(&text)), P);
        assert_eq!(fixed(P), P);
    }

    #[test]
    fn leaves_short_repeats_other_pages_and_near_copies() {
        let short = "Provincial Party Secretary Peng Qinghua made a speech.";
        let near = P.replace("rural", "urban");
        for text in [
            format!("{short}\n\n{short}\n"),
            "0\nX\nSelect another platform >>\nshare to\n\nText.\n\n0\nX\nSelect another platform >>\nshare to\n"
                .to_string(),
            format!("{P}\n\n=====\n\n{P}\n"),
            format!("{P}\n\n{near}\n"),
            format!("{short} {P}\n\n{P}\n"),
        ] {
            assert!(flagged(&DuplicateParagraph, &text).is_empty(), "{text}");
        }
    }

    #[test]
    fn repeated_record_names_the_first_copy() {
        let d = repeated_record(0..10, "a.jsonl:12");
        assert_eq!(d.code(), "A004");
        assert_eq!(d.message, "record repeats the record at a.jsonl:12");
    }
}
