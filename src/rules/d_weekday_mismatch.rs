use super::{declare_rule, Context, Rule};
use crate::dates::{Ymd, WEEKDAYS_EN, WEEKDAYS_ZH};
use crate::diagnostic::{Diagnostic, RuleMeta};

declare_rule! {
    /// ## What it finds
    /// A weekday written next to a full date that falls on another day:
    /// `2019年12月6日（星期四）` (it was a Friday), `Thursday, December 6, 2019`.
    /// Dates without a year use the year of the page's header.
    ///
    /// ## Why it matters
    /// One of the two was changed: a digit of the date lost in scraping, or a
    /// weekday carried over from another article.
    ///
    /// ## Examples
    /// ```text
    /// 2019年12月6日（星期四）    <- flagged
    /// Friday, December 6, 2019   <- not flagged
    /// ```
    ///
    /// ## Fix
    /// None: which of the two is wrong is not known.
    pub struct WeekdayMismatch {
        code: "D005",
        name: "weekday-mismatch",
        family: Date,
        severity: Warning,
        fix: None,
        summary: "weekday does not match its date",
    }
}

impl Rule for WeekdayMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let a = ctx.analysis;
        for doc in &a.documents {
            let header_year = doc.header_year();
            let paragraphs = &a.paragraphs[doc.paragraphs.clone()];
            for p in paragraphs {
                for d in a.paragraph_dates(p) {
                    let Some((written, ref wspan)) = d.weekday else {
                        continue;
                    };
                    let Some(year) = d.year.or(header_year) else { continue };
                    let Some(ymd) = Ymd::new(year, d.month.unwrap_or(0), d.day.unwrap_or(0)) else {
                        continue;
                    };
                    let actual = ymd.weekday();
                    if actual == written {
                        continue;
                    }
                    let zh = ctx.text()[wspan.clone()].chars().all(|c| !c.is_ascii());
                    let (w, a) = if zh {
                        (
                            format!("星期{}", WEEKDAYS_ZH[written as usize]),
                            format!("星期{}", WEEKDAYS_ZH[actual as usize]),
                        )
                    } else {
                        (
                            WEEKDAYS_EN[written as usize].to_string(),
                            WEEKDAYS_EN[actual as usize].to_string(),
                        )
                    };
                    out.push(
                        Diagnostic::new(
                            &Self::META,
                            wspan.clone(),
                            format!(
                                "{ymd} was a {}, not a {}",
                                WEEKDAYS_EN[actual as usize], WEEKDAYS_EN[written as usize]
                            ),
                        )
                        .with_label(d.span.clone(), "this date")
                        .with_help(format!("the date says {a}; the text says {w}")),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::flagged;

    #[test]
    fn flags_wrong_weekdays() {
        assert_eq!(
            flagged(&WeekdayMismatch, "2019年12月6日（星期四），全会举行。"),
            vec!["四"]
        );
        assert_eq!(
            flagged(&WeekdayMismatch, "It met on Thursday, December 6, 2019."),
            vec!["Thursday"]
        );
    }

    #[test]
    fn leaves_right_weekdays() {
        for text in [
            "2019年12月6日（星期五）",
            "Friday, December 6, 2019",
            "December 6, 2019 (Friday)",
            "星期四下午",
        ] {
            assert!(flagged(&WeekdayMismatch, text).is_empty(), "{text}");
        }
    }
}
