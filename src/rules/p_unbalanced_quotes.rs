use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::document::Lang;

declare_rule! {
    /// ## What it finds
    /// Quotation marks without a partner in a paragraph's English text: an
    /// odd number of ASCII `"`, a `“` that is never closed by `”`, or a `”`
    /// that closes nothing. Chinese fragments are not counted (their
    /// brackets and quotes are `zh-unbalanced-brackets`' concern).
    ///
    /// ## Why it matters
    /// A lost quotation mark shows a cut (`…strengthen the "` at the end of a
    /// scraped line) or a machine translation that moved a quote. It is only
    /// a hint: English quotes are also legitimately left open across
    /// paragraphs of a long quotation, so this rule reports at `info`.
    ///
    /// ## Examples
    /// ```text
    /// push forward the "one, multiple, "Five-region cooperation"   <- flagged: three `"`
    /// strengthen the "four consciousnesses" and "two maintenances"  <- not flagged
    /// ```
    ///
    /// ## Fix
    /// None: where the missing mark belongs is not known.
    pub struct UnbalancedQuotes {
        code: "P005",
        name: "unbalanced-quotes",
        family: Punctuation,
        severity: Info,
        fix: None,
        summary: "quotation marks without a partner in English text",
    }
}

impl Rule for UnbalancedQuotes {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.text();
        let meta = &Self::META;
        for p in &ctx.analysis.paragraphs {
            let mut straight = 0usize;
            let mut last_straight = 0;
            let mut open_curly: Vec<usize> = Vec::new();
            for seg in p.segments.iter().filter(|s| s.lang == Lang::En) {
                for (i, c) in text[seg.span.clone()].char_indices() {
                    let at = seg.span.start + i;
                    match c {
                        '"' => {
                            straight += 1;
                            last_straight = at;
                        }
                        '“' => open_curly.push(at),
                        '”' if open_curly.pop().is_none() => {
                            out.push(Diagnostic::new(
                                meta,
                                at..at + 3,
                                "`”` closes a quotation that was never opened",
                            ));
                        }
                        _ => {}
                    }
                }
            }
            if straight % 2 == 1 {
                out.push(
                    Diagnostic::new(
                        meta,
                        last_straight..last_straight + 1,
                        format!("odd number of `\"` in this paragraph's English text ({straight})"),
                    )
                    .with_help("a quotation mark was lost or added; check the original page"),
                );
            }
            for at in open_curly {
                out.push(Diagnostic::new(
                    meta,
                    at..at + 3,
                    "`“` opens a quotation that is never closed",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn flags_quotes_without_partner() {
        assert_eq!(
            flagged(
                &UnbalancedQuotes,
                "push forward the \"one, multiple, \"Five-region cooperation\", accelerate"
            ),
            vec!["\""]
        );
        assert_eq!(
            flagged(&UnbalancedQuotes, "It is necessary to strengthen the \""),
            vec!["\""]
        );
        assert_eq!(
            flagged(
                &UnbalancedQuotes,
                "push forward the “decentralization and service reform"
            ),
            vec!["“"]
        );
        assert_eq!(
            flagged(&UnbalancedQuotes, "service” reform to the countryside"),
            vec!["”"]
        );
    }

    #[test]
    fn reports_at_info_without_fix() {
        let d = run(&UnbalancedQuotes, "strengthen the \"");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Info);
        assert!(d[0].fix.is_none());
    }

    #[test]
    fn leaves_balanced_quotes_and_chinese() {
        for text in [
            "strengthen the \"four consciousnesses\" and \"two maintenances\".",
            "push forward the “decentralization and service” reform.",
            "落实“两不愁三保障 The goal is \"clear\".",
            "He said: \"We will\nkeep going.\"",
            "It's the Party’s work.",
        ] {
            assert!(flagged(&UnbalancedQuotes, text).is_empty(), "{text}");
        }
    }
}
