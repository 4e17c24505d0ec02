use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::document::Lang;

declare_rule! {
    /// ## What it finds
    /// A paragraph or record whose Chinese half holds a number that its
    /// English half does not, while the English half holds another number
    /// that the Chinese half does not: `增长3.5%` against `rose 5.3 percent`,
    /// `第2季度` against `the third quarter`, `12月6日` against `December 8`.
    ///
    /// Numbers are compared as values, so `35亿元` equals `3.5 billion`,
    /// `120万` equals `1.2 million`, `35万` equals `350,000`, `3.5%` equals
    /// `3.5 percent`; `about 12.3 million` equals `1234万` (a number said to be rounded may differ within its last digit). Dates are
    /// compared by their parts. Numbers written in words (`三名`, `three`,
    /// `the 19th`, `十九届`, `December`) can answer for a number of the other
    /// half, but are not reported themselves. Chinese-only and English-only
    /// paragraphs are never compared.
    ///
    /// ## Why it matters
    /// A translation that changes a number teaches a model to change facts;
    /// in scraped pairs it also shows that the English belongs to another
    /// paragraph.
    ///
    /// ## Examples
    /// ```text
    /// 净利润增长3.5%。 Net profit rose 5.3 percent.      <- flagged
    /// 计划投资35亿元。 It plans to invest 3.5 billion yuan. <- not flagged
    /// ```
    ///
    /// ## Fix
    /// None: which half is right is not known.
    pub struct NumberMismatch {
        code: "N001",
        name: "number-mismatch",
        family: Number,
        severity: Error,
        fix: None,
        summary: "a number of one half differs from the other half's",
    }
}

impl Rule for NumberMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.text();
        for gaps in ctx.analysis.number_gaps(text) {
            for gap in gaps.iter().cloned() {
                let Some(other) = gap.other else { continue };
                let this = &text[gap.number.span.clone()];
                let that = &text[other.span.clone()];
                let (message, label) = match gap.lang {
                    Lang::Zh => (
                        format!("Chinese number `{this}` is not in the English half, which has `{that}` instead"),
                        "the English half says this",
                    ),
                    Lang::En => (
                        format!("English number `{this}` is not in the Chinese half, which has `{that}` instead"),
                        "the Chinese half says this",
                    ),
                };
                out.push(
                    Diagnostic::new(&Self::META, gap.number.span, message)
                        .with_label(other.span, label)
                        .with_help("check the original page: one of the two halves has the wrong number"),
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
    fn flags_numbers_that_disagree() {
        for (text, want) in [
            (
                "净利润增长3.5%。 Net profit rose 5.3 percent.",
                vec!["3.5%", "5.3 percent"],
            ),
            (
                "计划投资35亿元。 It plans to invest 350 million yuan.",
                vec!["35亿", "350 million"],
            ),
            (
                "共有120万人参加。 1.3 million people took part.",
                vec!["120万", "1.3 million"],
            ),
            (
                "该省2019年第2季度GDP增长6.1%。 The province's GDP grew 6.1 percent in the third quarter of 2019.",
                vec!["2"],
            ),
            (
                "截至3月底，全省共有35万人参加。 As of the end of April, 350,000 people had taken part.",
                vec!["3"],
            ),
            (
                "2019年12月6日，全会举行。 It was held on December 8, 2019.",
                vec!["6", "8"],
            ),
            (
                "共有1500名志愿者参与。 A total of 1,600 volunteers took part.",
                vec!["1500", "1,600"],
            ),
        ] {
            assert_eq!(flagged(&NumberMismatch, text), want, "{text}");
        }
    }

    #[test]
    fn labels_the_other_half() {
        let text = "净利润增长3.5%。 Net profit rose 5.3 percent.";
        let d = &crate::rules::testing::run(&NumberMismatch, text)[0];
        assert_eq!(&text[d.labels[0].span.clone()], "5.3 percent");
    }

    #[test]
    fn leaves_numbers_that_agree() {
        for text in [
            "计划投资35亿元，用于城市轨道交通建设。 It plans to invest 3.5 billion yuan in urban rail transit.",
            "截至3月底，全省共有120万人参加。 As of the end of March, 1.2 million people had taken part.",
            "据统计，2019年共接待游客35万人次。 It received 350,000 tourist visits in 2019.",
            "该省2019年第2季度GDP增长6.1%。 The province's GDP grew 6.1 percent in the second quarter of 2019.",
            "前10个月社会消费品零售总额同比增长4.2%。 Retail sales rose 4.2 percent in the first 10 months.",
            "新华网成都2019年12月6日电 CHENGDU, Dec. 6 (Xinhua) -- The session opened.",
            "12月6日，全会举行。 It was held on December 6, 2019.",
            "党的十九届四中全会精神。 The spirit of the Fourth Plenary Session of the 19th CPC Central Committee.",
            "三名专家出席。 Three experts attended.",
            "上半年经济平稳。 The economy was stable in the first half of the year.",
            "2016年重庆共接待游客521万人次。 Chongqing received about 5.2 million tourist visits in 2016.",
            "已建成2000个5G基站。 It has built 2000 5G base stations.",
            "126日在成都举行。 It was held in Chengdu on December 6 , 2019 .",
            "２０１９年经济增长6.1%。 The economy grew 6.1 percent in 2019.",
            "计划投资8亿元。 It plans to invest 800\u{A0}million yuan.",
            "【2019-12-07】 【四川日报】 [Http://hnlsyfood.com] [2019-12-07] [Sichuan Daily]",
            "The economy grew 6.1 percent in 2019.",
            "经济增长6.1%。",
        ] {
            assert!(flagged(&NumberMismatch, text).is_empty(), "{text}");
        }
    }
}
