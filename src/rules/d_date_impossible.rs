use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};

declare_rule! {
    /// ## What it finds
    /// A date that is not in the calendar: `2月30日`, `13月`, `February 30`,
    /// `2019-02-29` (2019 is not a leap year), `April 31`.
    ///
    /// ## Why it matters
    /// An impossible date is a digit lost or changed in scraping or
    /// translation; the fact it carries is wrong.
    ///
    /// ## Examples
    /// ```text
    /// 2月30日，全会举行。    <- flagged
    /// 2020年2月29日          <- not flagged (leap year)
    /// ```
    ///
    /// ## Fix
    /// None: the right date is not known.
    pub struct DateImpossible {
        code: "D004",
        name: "date-impossible",
        family: Date,
        severity: Error,
        fix: None,
        summary: "date that does not exist (`2月30日`, `February 30`)",
    }
}

impl Rule for DateImpossible {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for d in &ctx.analysis.dates {
            if d.truncated.is_some() || d.is_possible() {
                continue;
            }
            let text = &ctx.text()[d.span.clone()];
            let why = match (d.month, d.day) {
                (Some(m), _) if !(1..=12).contains(&m) => format!("there is no month {m}"),
                (Some(m), Some(day)) => match d.year {
                    Some(y) => format!("{y}-{m:02} has no day {day}"),
                    None => format!("month {m} has no day {day}"),
                },
                _ => continue,
            };
            out.push(Diagnostic::new(
                &Self::META,
                d.span.clone(),
                format!("impossible date `{text}`: {why}"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::flagged;

    #[test]
    fn flags_dates_outside_the_calendar() {
        assert_eq!(flagged(&DateImpossible, "2月30日，全会举行。"), vec!["2月30日"]);
        assert_eq!(
            flagged(&DateImpossible, "It opened on February 30."),
            vec!["February 30"]
        );
        assert_eq!(flagged(&DateImpossible, "[2019-02-29]"), vec!["2019-02-29"]);
        assert_eq!(flagged(&DateImpossible, "13月5日"), vec!["13月5日"]);
    }

    #[test]
    fn leaves_real_dates() {
        for text in ["2020年2月29日", "December 31, 2019", "4月30日", "[2019-12-07]"] {
            assert!(flagged(&DateImpossible, text).is_empty(), "{text}");
        }
    }
}
