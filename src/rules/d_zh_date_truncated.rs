use super::{declare_rule, Context, Rule};
use crate::dates::{DateLang, DateMention, Ymd};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::fix::{Applicability, Fix};

declare_rule! {
    /// ## What it finds
    /// A Chinese date that lost its year and month but kept their digits
    /// glued to the day: `126日` is what is left of `2019年12月6日`. A day
    /// number above 31, or of three digits or more, with no `月` before it is
    /// such a date.
    ///
    /// ## Why it matters
    /// The date is wrong as it stands, and the text around it was cut too.
    ///
    /// ## Examples
    /// ```text
    /// 126日在成都举行。 It was held on December 6 , 2019 .   <- flagged; help: 2019年12月6日
    /// 6日在成都举行。                                       <- not flagged here (see T001)
    /// ```
    ///
    /// ## Fix
    /// Unsafe: when the English half of the paragraph holds a date whose month
    /// and day spell the digits (`12` + `6`), the fix writes that date in
    /// full (`2019年12月6日`). Without such a date there is no fix.
    pub struct ZhDateTruncated {
        code: "D002",
        name: "zh-date-truncated",
        family: Date,
        severity: Error,
        fix: Unsafe,
        summary: "Chinese date lost its year and month (`126日`)",
    }
}

/// The English date whose month and day, written one after the other, give
/// the digits (`126` = 12 + 6, or 1 + 26).
fn spelled_by<'a>(digits: &str, candidates: &'a [DateMention]) -> Option<&'a DateMention> {
    candidates.iter().find(|d| {
        d.lang != DateLang::Zh && matches!((d.month, d.day), (Some(m), Some(day)) if format!("{m}{day}") == digits)
    })
}

impl Rule for ZhDateTruncated {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for doc in &ctx.analysis.documents {
            let header_year = doc.header_year();
            for p in &ctx.analysis.paragraphs[doc.paragraphs.clone()] {
                let dates = ctx.analysis.paragraph_dates(p);
                for d in dates {
                    let Some(digits) = &d.truncated else { continue };
                    let mut diag = Diagnostic::new(
                        &Self::META,
                        d.span.clone(),
                        format!("truncated Chinese date `{digits}日`: the year and month were cut and their digits glued to the day"),
                    );
                    if let Some(en) = spelled_by(digits, dates) {
                        let year = en.year.or(header_year);
                        let full = match year.and_then(|y| Ymd::new(y, en.month.unwrap_or(0), en.day.unwrap_or(0))) {
                            Some(ymd) => ymd.zh(),
                            None => format!("{}月{}日", en.month.unwrap_or(0), en.day.unwrap_or(0)),
                        };
                        diag = diag
                            .with_label(en.span.clone(), "the English half dates it here")
                            .with_help(format!(
                                "the English half says `{}`: the original was probably `{full}`",
                                &ctx.text()[en.span.clone()]
                            ))
                            .with_fix(Fix::replace(
                                Applicability::Unsafe,
                                format!("write the date in full: `{full}`"),
                                d.span.clone(),
                                full,
                            ));
                    } else {
                        diag = diag.with_help("restore the year and month from the original page");
                    }
                    out.push(diag);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run;

    #[test]
    fn proposes_the_date_from_the_english_half() {
        let text = "126日在成都举行。 It was held in Chengdu on December 6 , 2019 .";
        let d = run(&ZhDateTruncated, text);
        assert_eq!(d.len(), 1);
        assert_eq!(&text[d[0].span.clone()], "126日");
        let fix = d[0].fix.as_ref().unwrap();
        assert_eq!(fix.edits[0].content, "2019年12月6日");
        assert_eq!(fix.applicability, Applicability::Unsafe);
        assert!(d[0].help.as_ref().unwrap().contains("2019年12月6日"));
    }

    #[test]
    fn takes_the_year_from_the_header_and_leaves_real_days() {
        let text = "【2019-12-07】 【四川日报】\n\n126日在成都举行。 It was held on Dec. 6.\n";
        let d = run(&ZhDateTruncated, text);
        assert_eq!(d[0].fix.as_ref().unwrap().edits[0].content, "2019年12月6日");
        for text in ["新华网成都6日电", "12月26日，全会举行。", "前10日内完成。"] {
            assert!(run(&ZhDateTruncated, text).is_empty(), "{text}");
        }
    }
}
