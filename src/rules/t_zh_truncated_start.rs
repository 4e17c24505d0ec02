use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::document::Lang;
use crate::script::{cannot_open_zh, is_han};

declare_rule! {
    /// ## What it finds
    /// A Chinese fragment that starts in the middle of a sentence. It opens
    /// with:
    /// - punctuation that closes or continues a clause (`，` `）` `,`);
    /// - a measure word or particle that ends a quantity or a phrase (`人`,
    ///   `年`, `个`, `的`, `了`…);
    /// - a day number glued to `日` and no month (`126日`, `6日`), or a
    ///   dateline date with no place (`3月25日电`);
    /// - a year short of digits (`022年12月12日`, `17年9月16日`,
    ///   `19年第4季度`, `0年7月7日`) or a number with a leading zero
    ///   (`059名`); a count of years stays clean (`19年来`, `3年前`,
    ///   `80年代`, `70年峥嵘岁月`);
    /// - a character that ends words and hardly stands alone (`司` of `公司`,
    ///   `份` of `月份`, `员` of `研究员`, `议` of `会议`, `增` of `新增`,
    ///   `委` of `发改委`…), the tail of a province (`江省`, `南省`) or of
    ///   `有关部门`;
    /// - the tail of a place or body name (`省`, `市`, `区`, `县`, `部`, `门`,
    ///   `长`, `京`…) directly before an adverb, a time word or a digit
    ///   (`省今年新增…`, `市继续…`, `长1566公里`): alone these characters
    ///   also stand for "the province's" or "the city's" (`省委`,
    ///   `市教育局`), so they are flagged only before a predicate;
    /// - the tail of a connective or source formula before a comma (`报道，`
    ///   of `据报道，`, `一步，` of `进一步，`, `求，` of `要求，`), or a
    ///   dateline whose source was cut (`日报成都4月3日电`, `京12月22日电`).
    ///
    /// ## Why it matters
    /// Scrapers cut Chinese text at tag boundaries. The fragment that is left
    /// lost its head (`…76人,候补省委委员13人。` became `人,候补省委委员13人。`),
    /// so it no longer says what the English says and teaches a translation
    /// model to invent or drop content.
    ///
    /// Words that merely begin with such a character are not flagged:
    /// `人民日报`, `年轻人`, `日本`, `月球`, `周年庆`, `市长`, `部分`,
    /// `委员会`, `增长`, `京津冀`, `司马`.
    ///
    /// The rule works from lists, not from a word segmenter: a segmenter's
    /// dictionary takes about 80 ms to load, more than the whole run of a
    /// small file, and it splits names and cut words alike into single
    /// characters, so it cannot tell `杨强说` from `司董事长…` on its own.
    /// What stays out of reach: a cut that leaves a fragment that is itself a
    /// sentence start (`11月底，…` from `截至11月底，…`, `1569名志愿者…`,
    /// `计划投资…` from `今年计划投资…`), or the tail of a name (`强在…`).
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
            "月球",
            "月底",
            "月初",
            "月份牌",
            "月亮",
            "月饼",
            "月光",
            "月薪",
            "月均",
            "月末",
            "月度",
            "月票",
            "月季",
            "月台",
            "月嫂",
            "月报",
            "月刊",
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

/// Characters that end a word (`公司`, `月份`, `研究员`, `会议`, `新增`…) and
/// almost never stand alone at a sentence start, with the words that begin
/// with them. A fragment opening with one of them outside these words is a
/// tail.
const WORD_TAILS: &[(char, &str, &[&str])] = &[
    (
        '司',
        "the tail of `公司`",
        &[
            "司法",
            "司令",
            "司机",
            "司长",
            "司局",
            "司仪",
            "司空见惯",
            "司马",
            "司徒",
            "司空",
        ],
    ),
    ('份', "the tail of `月份` or `省份`", &["份额", "份量", "份子", "份儿"]),
    ('员', "the tail of `研究员` or `官员`", &["员工", "员额", "员外"]),
    (
        '议',
        "the tail of `会议`",
        &[
            "议会", "议案", "议事", "议论", "议员", "议程", "议题", "议定", "议政", "议长", "议价", "议席", "议院",
        ],
    ),
    (
        '续',
        "the tail of `继续` or `持续`",
        &[
            "续航", "续约", "续聘", "续签", "续写", "续建", "续集", "续篇", "续订", "续租", "续费", "续保", "续作",
            "续展", "续期", "续贷",
        ],
    ),
    (
        '委',
        "the tail of `发改委`",
        &[
            "委员",
            "委托",
            "委屈",
            "委内瑞拉",
            "委派",
            "委任",
            "委婉",
            "委实",
            "委以",
            "委曲",
            "委身",
            "委培",
            "委办",
        ],
    ),
    ('究', "the tail of `研究员`", &["究竟", "究其", "究办", "究责"]),
    (
        '绕',
        "the tail of `围绕`",
        &[
            "绕行",
            "绕道",
            "绕过",
            "绕开",
            "绕城",
            "绕口令",
            "绕圈",
            "绕弯",
            "绕组",
            "绕着",
        ],
    ),
    (
        '增',
        "the tail of `新增`",
        &[
            "增长", "增加", "增强", "增多", "增大", "增添", "增设", "增产", "增收", "增至", "增进", "增殖", "增值",
            "增高", "增速", "增发", "增援", "增生", "增幅", "增量", "增补", "增减", "增资", "增选", "增压", "增益",
            "增开", "增厚", "增派", "增兵", "增色", "增建", "增订", "增持", "增效", "增信", "增容", "增程", "增员",
            "增购", "增印", "增编",
        ],
    ),
];

/// Characters that end names of places and bodies (`浙江省`, `成都市`,
/// `商务部`, `部门`, `董事长`, `北京`…) but also open common words or stand
/// for "the province's" / "the city's" in local news (`省委`, `市教育局`).
/// They mark a cut only when the next word opens a predicate, when
/// punctuation or a digit follows, and never in the listed words.
const NAME_TAILS: &[(char, &[&str])] = &[
    ('省', &[]),
    ('市', &[]),
    ('区', &[]),
    ('县', &[]),
    ('局', &[]),
    ('部', &["部将"]),
    ('门', &["门将", "门前"]),
    ('长', &["长于"]),
    ('京', &["京都"]),
    ('关', &["关于"]),
    ('计', &[]),
    ('解', &[]),
    ('报', &[]),
    ('显', &[]),
    ('效', &[]),
    ('州', &[]),
    ('庆', &[]),
    ('安', &[]),
    ('圳', &[]),
    ('府', &[]),
    ('场', &[]),
    ('客', &[]),
];

/// Words that open a predicate: adverbs, time words and auxiliaries. After a
/// name tail (`省今年新增…`, `市继续发展…`) they show the subject was cut.
const PREDICATE_OPENERS: &[&str] = &[
    "今年",
    "去年",
    "明年",
    "上半年",
    "下半年",
    "日前",
    "近日",
    "目前",
    "近年来",
    "首次",
    "已",
    "将",
    "正在",
    "在",
    "于",
    "共",
    "累计",
    "新增",
    "计划",
    "积极",
    "持续",
    "深入",
    "全面",
    "加快",
    "有效",
    "切实",
    "稳步",
    "逐步",
    "认真",
    "主动",
    "明显",
    "大力",
    "进一步",
    "共同",
    "继续",
    "不断",
    "着力",
    "扎实",
    "坚持",
    "始终",
    "率先",
    "充分",
    "也",
    "还",
    "又",
    "都",
    "均",
    "仍",
    "再",
    "要",
    "是",
    "为",
    "把",
    "对",
    "的",
    "和",
    "与",
    "及",
    "等",
    "并",
    "而",
];

/// Two-character heads that only occur as the tail of a longer name: the
/// end of a province (`浙江省`, `河南省`, `四川省`…), of `有关部门`, of `新华社`.
const TAIL_HEADS: &[&str] = &[
    "江省",
    "南省",
    "西省",
    "北省",
    "东省",
    "川省",
    "州省",
    "徽省",
    "林省",
    "宁省",
    "苏省",
    "肃省",
    "海省",
    "关部门",
    "关方面",
    "华社",
    "计局",
    "改革委",
    "利亚",
    "西哥",
    "萨克斯坦",
];

/// The words of the source formula `据报道，`, `据介绍，`, `据悉，`: followed by a
/// comma at a fragment start they lost their `据`.
const SOURCE_FORMULA_TAILS: &[&str] = &["报道", "介绍", "了解", "悉", "统计", "透露", "测算"];

/// Last characters of connectives and speech verbs (`进一步，`, `要求，`,
/// `表示，`, `同时，`, `此外，`…): directly followed by a comma at a fragment
/// start, they lost the characters before them.
const TAILS_BEFORE_COMMA: &[&str] = &[
    "一步", "步", "求", "示", "出", "为", "调", "解", "绍", "道", "计", "说", "时", "外", "此", "知", "前", "后", "然",
    "中", "如", "称", "及", "述",
];

/// Words that may follow a year count (`19年来`, `3年前`, `80年代`): with
/// them the digits are a duration or a decade, not a cut year.
const AFTER_YEAR_COUNT: &[&str] = &[
    "来", "间", "前", "后", "内", "多", "左右", "以上", "以下", "里", "中", "代", "级", "期", "的", "半", "时",
];

/// Why a fragment that starts with `digits` ASCII digits cannot start a
/// sentence, or `None` when it can.
fn cut_number(frag: &str, digits: usize) -> Option<String> {
    let num = &frag[..digits];
    let rest = &frag[digits..];
    if rest.starts_with('日') || rest.starts_with('号') {
        return Some(format!(
            "starts with the day `{}` and no month before it",
            &frag[..digits + 3]
        ));
    }
    if rest.starts_with('年') && digits < 4 {
        let after = &rest['年'.len_utf8()..];
        if num.starts_with('0') || year_continues(after) {
            return Some(format!("starts with the year `{num}年`, which lost its first digits"));
        }
        return None;
    }
    if (1..=2).contains(&digits) && is_dateline_date(rest) {
        return Some(format!(
            "starts with the dateline date `{num}月…日电`, whose place and source were cut"
        ));
    }
    if num.starts_with('0') && digits > 1 {
        return Some(format!("starts with `{num}`, a number that lost its first digits"));
    }
    None
}

/// Whether the text after a 1-3 digit `年` reads as the rest of a date
/// (`9月24日`, `第4季度`, `上半年`, `底`) rather than a duration (`来`, `前`).
fn year_continues(after: &str) -> bool {
    let d = after.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&d) {
        return after[d..].starts_with('月') || after[d..].starts_with('-') || after[d..].starts_with('至');
    }
    if AFTER_YEAR_COUNT.iter().any(|w| after.starts_with(w)) {
        // `前3个月` is the first months of the year, not "years ago".
        return after.starts_with('前') && after[3..].starts_with(|c: char| c.is_ascii_digit());
    }
    [
        "第",
        "季度",
        "一季度",
        "二季度",
        "三季度",
        "四季度",
        "上半年",
        "下半年",
        "全年",
        "底",
        "初",
        "末",
        "年底",
        "年初",
    ]
    .iter()
    .any(|w| after.starts_with(w))
}

/// Whether `rest`, after a month number, reads `月6日电`.
fn is_dateline_date(rest: &str) -> bool {
    let Some(rest) = rest.strip_prefix('月') else {
        return false;
    };
    let d = rest.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&d) && rest[d..].starts_with("日电")
}

/// Why a dateline (`…成都12月6日电`) lost the head of its source, or `None`.
fn cut_dateline(frag: &str) -> Option<String> {
    let head_end = frag.char_indices().take(14).find(|(_, c)| c.is_ascii_digit())?.0;
    let head = &frag[..head_end];
    let rest = &frag[head_end..];
    let m = rest.bytes().take_while(u8::is_ascii_digit).count();
    let rest = rest[m..].strip_prefix('月')?;
    let d = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&m) || !(1..=2).contains(&d) || !rest[d..].starts_with("日电") {
        return None;
    }
    if !head.chars().all(is_han) {
        return None;
    }
    let source_tail = ["日报", "报", "社", "网"].iter().any(|t| head.starts_with(t));
    (source_tail || head.chars().count() == 1)
        .then(|| format!("starts with the dateline `{head}…日电`, whose source name was cut"))
}

/// Why the fragment cannot start a sentence, or `None` when it can.
fn cut_start(frag: &str) -> Option<String> {
    let first = frag.chars().next()?;
    if cannot_open_zh(first) {
        return Some(format!("starts with `{first}`, which closes or continues a clause"));
    }
    // Digits glued to 日 with no month, a year short of digits: the head of
    // a date or a number was cut.
    let digits = frag.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        return cut_number(frag, digits);
    }
    if frag.starts_with("周年") {
        return (!ZHOUNIAN_WORDS.iter().any(|w| frag.starts_with(w)))
            .then(|| "starts with `周年`, the tail of an anniversary count".to_string());
    }
    if let Some(why) = cut_dateline(frag) {
        return Some(why);
    }
    if let Some(t) = TAIL_HEADS.iter().find(|t| frag.starts_with(*t)) {
        return Some(format!("starts with `{t}`, the tail of a longer name"));
    }
    let after_first = &frag[first.len_utf8()..];
    let before_comma = |w: &&&str| frag.starts_with(**w) && frag[w.len()..].starts_with(['，', ',']);
    if let Some(w) = SOURCE_FORMULA_TAILS.iter().find(before_comma) {
        return Some(format!("starts with `{w}，`, the tail of `据{w}，`"));
    }
    if let Some(w) = TAILS_BEFORE_COMMA.iter().find(before_comma) {
        return Some(format!(
            "starts with `{w}，`, the tail of a connective or a speech verb"
        ));
    }
    if let Some((c, what, words)) = WORD_TAILS.iter().find(|(c, _, _)| *c == first) {
        if words.iter().any(|w| frag.starts_with(w)) {
            return None;
        }
        return Some(format!("starts with `{c}`, {what}"));
    }
    if let Some((c, words)) = NAME_TAILS.iter().find(|(c, _)| *c == first) {
        if words.iter().any(|w| frag.starts_with(w)) {
            return None;
        }
        let next = after_first.chars().next()?;
        let opens_predicate = PREDICATE_OPENERS.iter().any(|w| after_first.starts_with(w))
            || (after_first.starts_with('前') && after_first[3..].starts_with(|c: char| c.is_ascii_digit()));
        if opens_predicate || next.is_ascii_digit() || cannot_open_zh(next) {
            return Some(format!("starts with `{c}`, the tail of a name, before the predicate"));
        }
        return None;
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
        for seg in ctx.analysis.segments(Lang::Zh) {
            let frag = &text[seg.span.clone()];
            if frag.chars().filter(|&c| is_han(c)).count() < 3 {
                continue;
            }
            if let Some(why) = cut_start(frag) {
                let first_len = frag.chars().next().map_or(1, char::len_utf8);
                // A cut number is shown with the character after it (`126日`, `19年`).
                let head = frag.bytes().take_while(u8::is_ascii_digit).count();
                let end = seg.span.start
                    + if head > 0 {
                        head + frag[head..].chars().next().map_or(0, char::len_utf8)
                    } else {
                        first_len
                    };
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
            ("022年12月12日，国际货币基金组织发布数据。", "022年"),
            ("6年9月24日，两国签署合作协议。", "6年"),
            ("17年9月16日发生5.6级地震。", "17年"),
            ("19年第4季度GDP同比增长5%。", "19年"),
            ("0年7月7日，成都召开经济工作会议。", "0年"),
            ("15年底建成通车。", "15年"),
            ("059名志愿者参与了此次活动。", "059名"),
            ("3月25日电（记者李明）全省共有10万人参加。", "3月"),
            ("司董事长陈建国在会上表示。", "司"),
            ("份工业生产者出厂价格指数同比上涨。", "份"),
            ("员徐洋在座谈会上表示。", "员"),
            ("议要求，各地确保各项任务落到实处。", "议"),
            ("增就业岗位85万个。", "增"),
            ("究员张洋说，我们将继续推进改革。", "究"),
            ("省今年新增就业岗位39万个。", "省"),
            ("市继续发展经济进程。", "市"),
            ("京今年新增就业岗位12万个。", "京"),
            ("长1566公里的铁路将于2023年底建成通车。", "长"),
            ("门逐步探索合作机制。", "门"),
            ("江省已累计建成400个5G基站。", "江"),
            ("关部门逐步促进质量体系。", "关"),
            ("报道，澳大利亚央行宣布下调利率。", "报"),
            ("一步，学校将加强管理。", "一"),
            ("求，工厂要落实安全责任。", "求"),
            ("日报成都4月3日电（记者黄伟）全省共有510万人参加。", "日"),
            ("京12月22日电（记者马杰）意大利制造业指数上涨。", "京"),
            ("月份制造业采购经理指数同比上涨。", "月"),
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
            "19年来，全省经济总量翻了两番。",
            "3年前，这里还是一片荒地。",
            "80年代，成都开始改革。",
            "70年峥嵘岁月，70年砥砺奋进。",
            "10年间，全市新增就业岗位。",
            "0.5%的增幅低于预期。",
            "市长说，我们将继续推进改革。",
            "市委书记主持召开会议。",
            "市教育局发布通知。",
            "省统计局数据显示，经济稳中向好。",
            "部分地区出现降雨。",
            "部门之间加强协作。",
            "委员会审议通过了报告。",
            "京津冀协同发展取得新进展。",
            "增长速度保持在合理区间。",
            "司法改革不断深化。",
            "司马南说，这是好事。",
            "欧阳杰说，会议很成功。",
            "员工持股计划启动。",
            "门将王大雷表现出色。",
            "关于做好春节期间工作的通知。",
            "长江经济带发展取得成效。",
            "究竟如何推进改革？",
            "四川省最高气温达到41摄氏度。",
            "海关总署发布数据。",
            "埃及央行宣布下调利率。",
            "有关部门正在调查。",
            "截至11月底，全省共有315万人参加培训。",
            "进一步，加强管理。",
            "据报道，澳大利亚央行宣布下调利率。",
            "北京12月22日电（记者马杰）会议在京举行。",
            "新华网成都12月6日电（记者李明）全会在成都举行。",
            "新华社成都12月6日电 The plenary session was held.",
        ] {
            assert!(flagged(&ZhTruncatedStart, text).is_empty(), "{text}");
        }
    }
}
