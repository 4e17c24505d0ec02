use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::fix::{Applicability, Fix};

declare_rule! {
    /// ## What it finds
    /// Full-width Latin letters and digits in running text: `ＧＤＰ`,
    /// `２０１９年`, `Ａ股` (U+FF10–U+FF19, U+FF21–U+FF3A, U+FF41–U+FF5A).
    /// Full-width punctuation (`，。（）：`) is not flagged: Chinese text needs
    /// it.
    ///
    /// ## Why it matters
    /// `２０１９` and `2019` are different strings: number and date checks,
    /// search and tokenizers miss the full-width form, and the two halves of
    /// a pair no longer share their numbers and acronyms.
    ///
    /// ## Examples
    /// ```text
    /// 四川ＧＤＰ增长６％。   <- flagged: `ＧＤＰ`, `６`
    /// 四川GDP增长6%。        <- not flagged
    /// 会议（全体）：通过。    <- not flagged: full-width punctuation
    /// ```
    ///
    /// ## Fix
    /// Safe: write the letters and digits in ASCII.
    pub struct FullwidthAlnum {
        code: "U002",
        name: "fullwidth-alnum",
        family: Unicode,
        severity: Warning,
        fix: Safe,
        summary: "full-width Latin letters or digits",
    }
}

/// Full-width digits and Latin letters, which all encode as `EF BC xx` or
/// `EF BD xx` in UTF-8.
fn is_fullwidth_alnum(c: char) -> bool {
    matches!(c, '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}')
}

/// The ASCII letter or digit a full-width one stands for.
fn to_ascii(c: char) -> char {
    char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
}

impl Rule for FullwidthAlnum {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.text();
        let bytes = text.as_bytes();
        let mut from = 0;
        while let Some(n) = memchr::memchr(0xEF, &bytes[from..]) {
            let start = from + n;
            let run: usize = text[start..]
                .chars()
                .take_while(|&c| is_fullwidth_alnum(c))
                .map(char::len_utf8)
                .sum();
            if run == 0 {
                from = start + 1;
                continue;
            }
            let span = start..start + run;
            let ascii: String = text[span.clone()].chars().map(to_ascii).collect();
            out.push(
                Diagnostic::new(
                    &Self::META,
                    span.clone(),
                    format!("full-width letters or digits `{}`", &text[span.clone()]),
                )
                .with_fix(Fix::replace(
                    Applicability::Safe,
                    format!("write `{ascii}`"),
                    span.clone(),
                    ascii,
                )),
            );
            from = span.end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::apply_fixes;
    use crate::rules::testing::{flagged, run};

    #[test]
    fn flags_runs_of_fullwidth_letters_and_digits() {
        assert_eq!(flagged(&FullwidthAlnum, "四川ＧＤＰ增长６％。"), vec!["ＧＤＰ", "６"]);
        assert_eq!(flagged(&FullwidthAlnum, "２０１９年１２月"), vec!["２０１９", "１２"]);
        assert_eq!(
            flagged(&FullwidthAlnum, "Ａ股 and ｉＰｈｏｎｅ"),
            vec!["Ａ", "ｉＰｈｏｎｅ"]
        );
    }

    #[test]
    fn leaves_fullwidth_punctuation_and_ascii() {
        for text in [
            "会议（全体）：通过，决定。！？",
            "四川GDP增长6%。",
            "全会在成都举行，会议审议通过了决定。",
            "\u{FEFF}BOM then text ｡ﾟ halfwidth forms",
        ] {
            assert!(flagged(&FullwidthAlnum, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn fix_writes_ascii() {
        let text = "四川ＧＤＰ增长６％，（２０１９年）。";
        let d = run(&FullwidthAlnum, text);
        let (fixed, _) = apply_fixes(text, d.iter().filter_map(|d| d.fix.as_ref()));
        assert_eq!(fixed, "四川GDP增长6％，（2019年）。");
    }
}
