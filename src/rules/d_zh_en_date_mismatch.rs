use super::{declare_rule, Context, Rule};
use crate::dates::{DateLang, DateMention, MONTHS_EN};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::document::{Lang, Paragraph};

declare_rule! {
    /// ## What it finds
    /// A paragraph whose Chinese half names a date that its English half does
    /// not, while the English half names another one: `2019年12月6日` against
    /// `December 8, 2019`. Month and day must agree, and the year where both
    /// halves write it.
    ///
    /// ## Why it matters
    /// A translation that moves a date teaches a model to change facts. In
    /// scraped pairs it also shows misalignment: the English belongs to
    /// another paragraph.
    ///
    /// ## Examples
    /// ```text
    /// 2019年12月6日，全会在成都举行。 The session was held on December 8, 2019.   <- flagged
    /// 12月6日，全会在成都举行。 The session was held on Dec. 6.                    <- not flagged
    /// ```
    ///
    /// ## Fix
    /// None: which half is right is not known.
    pub struct ZhEnDateMismatch {
        code: "D001",
        name: "zh-en-date-mismatch",
        family: Date,
        severity: Error,
        fix: None,
        summary: "Chinese and English dates of one paragraph disagree",
    }
}

fn in_lang(p: &Paragraph, d: &DateMention, lang: Lang) -> bool {
    p.segments
        .iter()
        .any(|s| s.lang == lang && s.span.start <= d.span.start && d.span.end <= s.span.end)
}

fn en_text(d: &DateMention) -> String {
    let month = d.month.map(|m| MONTHS_EN[m as usize - 1]).unwrap_or("?");
    match (d.day, d.year) {
        (Some(day), Some(y)) => format!("{month} {day}, {y}"),
        (Some(day), None) => format!("{month} {day}"),
        _ => month.to_string(),
    }
}

impl Rule for ZhEnDateMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for p in &ctx.analysis.paragraphs {
            let dates = ctx.analysis.paragraph_dates(p);
            if dates.len() < 2 {
                continue;
            }
            let zh: Vec<&DateMention> = dates
                .iter()
                .filter(|d| d.lang == DateLang::Zh && d.has_month_day() && d.is_possible() && in_lang(p, d, Lang::Zh))
                .collect();
            let en: Vec<&DateMention> = dates
                .iter()
                .filter(|d| d.lang == DateLang::En && d.has_month_day() && d.is_possible() && in_lang(p, d, Lang::En))
                .collect();
            if zh.is_empty() || en.is_empty() {
                continue;
            }
            let unmatched_en: Vec<&&DateMention> = en.iter().filter(|e| !zh.iter().any(|z| z.compatible(e))).collect();
            let Some(other) = unmatched_en.first() else { continue };
            for z in zh.iter().filter(|z| !en.iter().any(|e| e.compatible(z))) {
                let zh_text = &ctx.text()[z.span.clone()];
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        z.span.clone(),
                        format!(
                            "Chinese date `{zh_text}` does not match the English date `{}`",
                            en_text(other)
                        ),
                    )
                    .with_label(other.span.clone(), "the English half says this")
                    .with_help("check the original page: one of the two halves has the wrong date"),
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
    fn flags_dates_that_disagree() {
        assert_eq!(
            flagged(
                &ZhEnDateMismatch,
                "2019年12月6日，全会在成都举行。 The session was held on December 8, 2019."
            ),
            vec!["2019年12月6日"]
        );
        assert_eq!(
            flagged(
                &ZhEnDateMismatch,
                "2018年12月6日，全会举行。 It was held on December 6, 2019."
            ),
            vec!["2018年12月6日"]
        );
    }

    #[test]
    fn leaves_dates_that_agree_or_stand_alone() {
        for text in [
            "12月6日，全会在成都举行。 The session was held on Dec. 6.",
            "新华网成都12月6日电（记者李明） CHENGDU, Dec. 6 (Xinhua) -- The session opened.",
            "2019年12月6日，全会举行。 It was held on 6 December 2019.",
            "The session was held on December 6 and closed on December 8.",
            "126日在成都举行。 It was held in Chengdu on December 6 , 2019 .",
        ] {
            assert!(flagged(&ZhEnDateMismatch, text).is_empty(), "{text}");
        }
    }
}
