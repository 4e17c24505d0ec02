use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::document::Lang;

declare_rule! {
    /// ## What it finds
    /// A number of one half of a paragraph or record that the other half
    /// does not have, while the other half has no number of its own in its
    /// place: it was lost in translation or when the scraper cut the text.
    /// `人,候补省委委员13人。` against `Attending were 76 members and 13
    /// alternate members.` lost the 76.
    ///
    /// Numbers are compared as values, as `number-mismatch` (N001) does.
    /// Only numbers written in digits are reported; numbers in words
    /// (`三名`, `three`, `the 19th`) and the year of a date the other half
    /// gives without one are not. A Chinese fragment is compared with the
    /// English that follows it; when that English is much longer than the
    /// fragment, only its first sentences are taken to translate the
    /// fragment, and their numbers are expected in the Chinese only when
    /// they are of comparable length or the fragment visibly starts right
    /// after a cut number (`人,`, `年,`).
    ///
    /// ## Why it matters
    /// A pair whose halves do not carry the same facts teaches a model to
    /// drop or invent content.
    ///
    /// ## Examples
    /// ```text
    /// 全年共接待游客。 It received 350,000 tourist visits in 2019.   <- flagged (twice)
    /// 全年共接待游客35万人次。 It received 350,000 tourist visits.    <- not flagged
    /// ```
    ///
    /// ## Fix
    /// None: the lost number cannot be recovered from the page.
    pub struct NumberMissing {
        code: "N002",
        name: "number-missing",
        family: Number,
        severity: Warning,
        fix: None,
        summary: "a number of one half is missing from the other half",
    }
}

impl Rule for NumberMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.text();
        for gaps in ctx.analysis.number_gaps(text) {
            for gap in gaps.iter().cloned() {
                if gap.other.is_some() || !gap.expected {
                    continue;
                }
                let this = &text[gap.number.span.clone()];
                let message = match gap.lang {
                    Lang::Zh => format!("Chinese number `{this}` is missing from the English half"),
                    Lang::En => format!("English number `{this}` is missing from the Chinese half"),
                };
                out.push(
                    Diagnostic::new(&Self::META, gap.number.span, message).with_help(
                        "the number was lost in translation or when the text was cut; check the original page",
                    ),
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
    fn flags_numbers_lost_on_one_side() {
        for (text, want) in [
            ("全年共接待游客。 It received 350,000 tourist visits in 2019.", vec!["350,000", "2019"]),
            ("2019年全省共接待游客35万人次。 The province received 350,000 tourist visits.", vec!["2019"]),
            (
                "人,候补省委委员13人。 Attending the plenary session were 76 members of the provincial party committee and 13 alternate members of the provincial party committee. Comrades in charge of the 11th Party Congress also attended the meeting, and it was a long meeting.",
                vec!["76"],
            ),
        ] {
            assert_eq!(flagged(&NumberMissing, text), want, "{text}");
        }
    }

    #[test]
    fn leaves_pairs_that_agree_or_cannot_be_compared() {
        for text in [
            "全年共接待游客35万人次。 It received 350,000 tourist visits.",
            // Numbers in words are not reported.
            "三名专家出席。 Experts attended the meeting, the three of them.",
            "专家出席会议。 Three experts attended the meeting.",
            "党的十九届四中全会。 The Fourth Plenary Session of the 19th CPC Central Committee.",
            // The dateline year the English leaves out.
            "新华社北京2019年12月6日电 BEIJING, Dec. 6 (Xinhua) -- The session opened.",
            // A short fragment before a long English text: not all of it translates the fragment.
            "会议在成都举行。 The meeting was held in Chengdu. Officials from 21 cities and 183 counties attended the meeting, and 76 members of the committee spoke at length about the work of 2019 and the plans for 2020 and beyond.",
            // A full-width month the date finder does not read; a zero-width
            // character before 月.
            "2015年３月22日，重庆这条全长904公里的铁路将于2017年底建成通车。 CHONGQING, March 22 (Guangming Daily) -- The 904-kilometer railway will be open by the end of 2017.",
            "湖北日报西安10月6日电（记者郭建国）10\u{FEFF}月5日，山东省最高气温达到39摄氏度。 XI'AN, Oct. 6 (Hubei Daily) -- On October 5, 2020, the highest temperature in Shandong Province reached 39 degrees Celsius.",
            // One language only.
            "The economy grew 6.1 percent in 2019.",
            "经济增长6.1%。",
            // Truncated dates are the date rules' business.
            "126日在成都举行。 It was held in Chengdu on December 6 , 2019 .",
        ] {
            assert!(flagged(&NumberMissing, text).is_empty(), "{text}");
        }
    }
}
