use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::document::Lang;
use crate::script::{cannot_open_zh, is_han};

declare_rule! {
    /// ## What it finds
    /// A Chinese fragment that starts in the middle of a sentence: it opens
    /// with punctuation that closes or continues a clause (`，` `）` `,`), with
    /// a measure word or particle that ends a quantity or a phrase (`人`, `年`,
    /// `个`, `的`, `了`…), or with a day number glued to `日` and no month
    /// (`126日`, `6日`).
    ///
    /// ## Why it matters
    /// Scrapers cut Chinese text at tag boundaries. The fragment that is left
    /// lost its head (`…76人,候补省委委员13人。` became `人,候补省委委员13人。`),
    /// so it no longer says what the English says and teaches a translation
    /// model to invent or drop content.
    ///
    /// Words that merely begin with such a character are not flagged:
    /// `人民日报`, `年轻人`, `日本`, `月球`, `周年庆`.
    ///
    /// ## Examples
    /// ```text
    /// 人,候补省委委员13人。 Attending were 76 members and 13 alternate members.   <- flagged
    /// 人民日报记者报道。 A People's Daily reporter reported.                      <- not flagged
    /// ```
    ///
    /// ## Fix
    /// None: the lost head cannot be recovered from the page.
    pub struct ZhTruncatedStart {
        code: "T001",
        name: "zh-truncated-start",
        family: Truncation,
        severity: Error,
        fix: None,
        summary: "Chinese fragment starts mid-sentence",
    }
}

/// Characters that end a quantity or a phrase and so cannot open a sentence,
/// with the words that begin with them and are fine at a sentence start.
const SUSPECT_STARTS: &[(char, &str, &[&str])] = &[
    (
        '人',
        "a measure word",
        &[
            "人民", "人们", "人大", "人类", "人才", "人口", "人工", "人员", "人均", "人生", "人物", "人事", "人权",
            "人心", "人间", "人体", "人格", "人气", "人文", "人力", "人社", "人行", "人寿", "人数", "人身", "人选",
            "人情", "人像", "人造", "人际",
        ],
    ),
    (
        '年',
        "the tail of a year",
        &[
            "年轻", "年度", "年底", "年初", "年内", "年间", "年龄", "年代", "年纪", "年会", "年货", "年终", "年薪",
            "年均", "年末", "年夜", "年画", "年味", "年报", "年鉴", "年检", "年限", "年份", "年糕", "年级", "年满",
        ],
    ),
    (
        '月',
        "the tail of a date",
        &[
            "月球", "月底", "月初", "月份", "月亮", "月饼", "月光", "月薪", "月均", "月末", "月度", "月票", "月季",
            "月台", "月嫂", "月报", "月刊",
        ],
    ),
    (
        '日',
        "the tail of a date",
        &[
            "日本",
            "日前",
            "日报",
            "日益",
            "日常",
            "日期",
            "日子",
            "日内瓦",
            "日趋",
            "日用",
            "日夜",
            "日程",
            "日均",
            "日军",
            "日元",
            "日方",
            "日韩",
            "日月",
            "日照",
            "日出",
            "日落",
            "日记",
            "日后",
            "日渐",
            "日新月异",
            "日臻",
            "日语",
            "日产",
            "日光",
            "日间",
        ],
    ),
    (
        '个',
        "a measure word",
        &["个人", "个别", "个体", "个性", "个税", "个股", "个案"],
    ),
    (
        '名',
        "a measure word",
        &[
            "名单",
            "名称",
            "名字",
            "名义",
            "名誉",
            "名牌",
            "名额",
            "名胜",
            "名人",
            "名师",
            "名校",
            "名列",
            "名优",
            "名副其实",
        ],
    ),
    ('位', "a measure word", &["位于", "位置", "位居", "位列"]),
    ('项', "a measure word", &["项目"]),
    ('届', "a measure word", &["届时", "届满"]),
    ('亿', "a number's scale", &[]),
    (
        '万',
        "a number's scale",
        &["万一", "万物", "万众", "万里", "万家", "万象", "万达", "万科"],
    ),
    ('岁', "a measure word", &["岁月", "岁末", "岁末年初"]),
    ('倍', "a measure word", &[]),
    ('的', "a particle", &["的确", "的士"]),
    ('了', "a particle", &["了解", "了不起", "了却"]),
    (
        '着',
        "a particle",
        &["着力", "着眼", "着重", "着手", "着实", "着陆", "着想", "着装", "着火"],
    ),
    ('吗', "a particle", &[]),
    ('呢', "a particle", &[]),
    ('吧', "a particle", &[]),
    ('们', "a plural suffix", &[]),
    ('者', "a suffix", &[]),
    (
        '得',
        "a particle",
        &["得到", "得以", "得益", "得知", "得分", "得出", "得奖", "得失"],
    ),
    ('性', "a suffix", &["性别", "性质", "性能", "性格", "性价比", "性命"]),
    (
        '化',
        "a suffix",
        &["化学", "化工", "化肥", "化解", "化石", "化妆", "化验", "化纤"],
    ),
    ('等', "a list tail", &["等待", "等级", "等到", "等于", "等候", "等同"]),
    ('及', "a conjunction", &["及时", "及早", "及其", "及格"]),
    ('号', "the tail of a date", &["号召", "号称", "号码"]),
];

/// `周年` opens a sentence only in these words.
const ZHOUNIAN_WORDS: &[&str] = &["周年庆", "周年纪念", "周年之际"];

/// Why the fragment cannot start a sentence, or `None` when it can.
fn cut_start(frag: &str) -> Option<String> {
    let first = frag.chars().next()?;
    if cannot_open_zh(first) {
        return Some(format!("starts with `{first}`, which closes or continues a clause"));
    }
    // Digits glued to 日 with no month: the year and month were cut.
    let digits = frag.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let rest = &frag[digits..];
        if rest.starts_with('日') || rest.starts_with('号') {
            return Some(format!(
                "starts with the day `{}` and no month before it",
                &frag[..digits + 3]
            ));
        }
        return None;
    }
    if frag.starts_with("周年") {
        return (!ZHOUNIAN_WORDS.iter().any(|w| frag.starts_with(w)))
            .then(|| "starts with `周年`, the tail of an anniversary count".to_string());
    }
    let (c, what, words) = SUSPECT_STARTS.iter().find(|(c, _, _)| *c == first)?;
    if words.iter().any(|w| frag.starts_with(w)) {
        return None;
    }
    // A suspect character followed by another Han character may still be a
    // word we do not list; followed by punctuation or a digit it is a tail.
    Some(format!("starts with `{c}`, {what}"))
}

impl Rule for ZhTruncatedStart {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.text();
        for p in &ctx.analysis.paragraphs {
            for seg in p.segments.iter().filter(|s| s.lang == Lang::Zh) {
                let frag = &text[seg.span.clone()];
                if frag.chars().filter(|&c| is_han(c)).count() < 3 {
                    continue;
                }
                if let Some(why) = cut_start(frag) {
                    let first_len = frag.chars().next().map_or(1, char::len_utf8);
                    let head = frag.char_indices().take_while(|(_, c)| c.is_ascii_digit()).count();
                    let end = seg.span.start + if head > 0 { head + 3 } else { first_len };
                    out.push(
                        Diagnostic::new(
                            &Self::META,
                            seg.span.start..end,
                            format!("Chinese fragment {why}: its head was cut"),
                        )
                        .with_help("restore the lost beginning from the original page, or drop the fragment"),
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
    fn flags_fragments_that_lost_their_head() {
        for (text, span) in [
            ("人,候补省委委员13人。 Attending were 13 alternate members.", "人"),
            ("126日在成都举行。 It was held in Chengdu on December 6, 2019.", "126日"),
            ("6日在成都举行。 It was held on Dec. 6.", "6日"),
            ("Since then. 周年和改革开放40周年系列活动。 The 70th anniversary.", "周"),
            ("年,全省基层党组织更加清晰。 By 2021, the province.", "年"),
            ("，全省基层党组织更加清晰。", "，"),
            ("的发展取得明显成效。 Development achieved results.", "的"),
        ] {
            assert_eq!(flagged(&ZhTruncatedStart, text), vec![span], "{text}");
        }
    }

    #[test]
    fn leaves_words_that_start_with_suspect_characters() {
        for text in [
            "人民日报记者报道。 A People's Daily reporter reported.",
            "年轻人积极参与志愿服务。 Young people volunteered.",
            "日本代表团访问成都。 A Japanese delegation visited Chengdu.",
            "月球探测工程取得新进展。 The lunar program made progress.",
            "周年庆活动在成都举行。 The anniversary event was held.",
            "12月6日，全会在成都举行。 The session was held on Dec. 6.",
            "2019年12月6日，全会在成都举行。",
            "新华社成都12月6日电 The plenary session was held.",
        ] {
            assert!(flagged(&ZhTruncatedStart, text).is_empty(), "{text}");
        }
    }
}
