use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::document::Lang;
use crate::fix::{Applicability, Fix};
use crate::script::{is_cjk_punct, is_han};

declare_rule! {
    /// ## What it finds
    /// ASCII punctuation inside Chinese text, where Chinese uses the
    /// full-width forms:
    ///
    /// - `,` `;` `:` `?` `!` between two Han characters, or between a Han
    ///   character and a digit or Chinese punctuation (`人,候补`,
    ///   `成效;到2035年`, `协同”,加快`);
    /// - `?` `!` `.` at the end of a Chinese fragment after a Han character,
    ///   a percentage or a closing Chinese quote (`举行.`, `增长5.8%.`), and
    ///   `.` between two Han characters (`成效.到`);
    /// - a pair `(` `)` with Chinese around it (`中国(北京)`, `指数(CPI)上涨`);
    ///   both brackets are converted together, and a bracket without its
    ///   partner is left for `zh-unbalanced-brackets`.
    ///
    /// Unlike autocorrect, which leaves `;` alone between Chinese characters,
    /// this rule converts it: Chinese text uses `；`.
    ///
    /// Left alone: a mark next to Latin letters (`GDP,增长`, `5G.`, `Dr.`),
    /// between two digits (`1,000`, `08:18`, `3.5`), next to a space, in URLs
    /// and e-mail addresses, a `)` followed by English (`通过) (Adopted`), and
    /// English text.
    ///
    /// ## Why it matters
    /// Half-width marks in Chinese come from input methods in the wrong mode
    /// and from converters. They break sentence splitting on `。` and `，`,
    /// and a model trained on them mixes the two forms.
    ///
    /// ## Examples
    /// ```text
    /// 人,候补省委委员13人。          <- flagged: `,`
    /// 取得明显成效;到2035年          <- flagged: `;`
    /// 中国(北京)自由贸易试验区       <- flagged: `(` and `)`
    /// 增长3.5%,时间08:18             <- flagged: `,` only
    /// ```
    ///
    /// ## Fix
    /// Safe: replace each mark with its full-width form (`，` `；` `：` `？`
    /// `！` `。` `（` `）`).
    pub struct AsciiPunctInZh {
        code: "P003",
        name: "ascii-punct-in-zh",
        family: Punctuation,
        severity: Warning,
        fix: Safe,
        summary: "ASCII punctuation inside Chinese text",
    }
}

fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '.' => '。',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// Chinese on this side: a Han character or Chinese punctuation.
fn zh(c: Option<char>) -> bool {
    c.is_some_and(|c| is_han(c) || is_cjk_punct(c))
}

/// A digit, or the `%` that ends a number (`增长5.4%,涨幅`).
fn digit(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_digit() || c == '%')
}

/// What may stand before a sentence-ending mark at a fragment's end: Han,
/// a percentage (`增长5.8%.`), or a closing Chinese quote or bracket.
fn ends_zh_sentence(c: Option<char>) -> bool {
    c.is_some_and(|c| is_han(c) || c == '%' || matches!(c, '”' | '’' | '）' | '》' | '】' | '」' | '』'))
}

/// Should the mark `c` between `prev` and `next` (`None`: the fragment's
/// edge) be full-width?
fn wants_full_width(c: char, prev: Option<char>, next: Option<char>) -> bool {
    let han_before = prev.is_some_and(is_han);
    match c {
        ',' | ';' | ':' | '?' | '!' => {
            let between = (zh(prev) || digit(prev)) && (zh(next) || digit(next)) && (zh(prev) || zh(next));
            between || (matches!(c, '?' | '!') && ends_zh_sentence(prev) && next.is_none())
        }
        '.' => (han_before && next.is_some_and(is_han)) || (ends_zh_sentence(prev) && next.is_none()),
        _ => false,
    }
}

/// Should the bracket pair around `inner` be full-width, given the
/// characters outside it?
fn pair_wants_full_width(before: Option<char>, inner: &str, after: Option<char>) -> bool {
    let side_ok = |c: Option<char>| c.is_none() || zh(c) || digit(c);
    side_ok(before)
        && side_ok(after)
        && (inner.chars().any(is_han) || (zh(before) && zh(after)))
        && (before.is_some() || after.is_some())
}

fn finding(at: usize, c: char, wide: char) -> Diagnostic {
    Diagnostic::new(
        &AsciiPunctInZh::META,
        at..at + 1,
        format!("ASCII `{c}` inside Chinese text"),
    )
    .with_fix(Fix::replace(
        Applicability::Safe,
        format!("replace `{c}` with `{wide}`"),
        at..at + 1,
        wide.to_string(),
    ))
}

fn check_fragment(base: usize, frag: &str, out: &mut Vec<Diagnostic>) {
    let chars: Vec<(usize, char)> = frag.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let before = |k: usize| k.checked_sub(1).and_then(at);
    let mut opens: Vec<usize> = Vec::new();
    for (k, &(i, c)) in chars.iter().enumerate() {
        match c {
            '(' => opens.push(k),
            ')' => {
                let Some(o) = opens.pop() else { continue };
                let inner = &frag[chars[o].0 + 1..i];
                if pair_wants_full_width(before(o), inner, at(k + 1)) {
                    let (open, close) = (base + chars[o].0, base + i);
                    out.push(
                        Diagnostic::new(
                            &AsciiPunctInZh::META,
                            open..close + 1,
                            "ASCII brackets `()` around Chinese text",
                        )
                        .with_fix(Fix::edits(
                            Applicability::Safe,
                            "replace `()` with `（）`",
                            [(open..open + 1, "（".to_string()), (close..close + 1, "）".to_string())],
                        )),
                    );
                }
            }
            _ => {
                if let Some(wide) = full_width(c) {
                    if wants_full_width(c, before(k), at(k + 1)) {
                        out.push(finding(base + i, c, wide));
                    }
                }
            }
        }
    }
}

impl Rule for AsciiPunctInZh {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.text();
        for seg in ctx.analysis.segments(Lang::Zh) {
            let frag = &text[seg.span.clone()];
            if frag.bytes().any(|b| b",;:?!.()".contains(&b)) {
                check_fragment(seg.span.start, frag, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::flagged;

    fn fixed(text: &str) -> String {
        crate::rules::testing::fixed_by(&AsciiPunctInZh, text)
    }

    #[test]
    fn flags_ascii_marks_between_chinese() {
        assert_eq!(
            flagged(&AsciiPunctInZh, "人,候补省委委员13人。 Attending were 13 members."),
            vec![","]
        );
        assert_eq!(flagged(&AsciiPunctInZh, "取得明显成效;到2035年,全省"), vec![";", ","]);
        assert_eq!(
            flagged(&AsciiPunctInZh, "深入推进“一干多支、五区协同”,加快推进"),
            vec![","]
        );
        assert_eq!(flagged(&AsciiPunctInZh, "时间:2019年12月"), vec![":"]);
        assert_eq!(flagged(&AsciiPunctInZh, "你好吗?我很好!"), vec!["?", "!"]);
        assert_eq!(
            flagged(&AsciiPunctInZh, "全会在成都举行. The session was held."),
            vec!["."]
        );
        assert_eq!(flagged(&AsciiPunctInZh, "取得成效.到2035年"), vec!["."]);
        assert_eq!(flagged(&AsciiPunctInZh, "取得成效.全省"), vec!["."]);
        assert_eq!(flagged(&AsciiPunctInZh, "同比上涨5.4%,涨幅扩大"), vec![","]);
        assert_eq!(flagged(&AsciiPunctInZh, "同比增长5.8%. BEIJING, March 28"), vec!["."]);
        assert_eq!(flagged(&AsciiPunctInZh, "落实“两不愁三保障”. The goal"), vec!["."]);
        assert_eq!(flagged(&AsciiPunctInZh, "中国(北京)自由贸易试验区"), vec!["(北京)"]);
        assert_eq!(flagged(&AsciiPunctInZh, "居民消费价格指数(CPI)上涨"), vec!["(CPI)"]);
        assert_eq!(flagged(&AsciiPunctInZh, "(记者刘杰)上海今年"), vec!["(记者刘杰)"]);
    }

    #[test]
    fn fix_uses_full_width_forms() {
        assert_eq!(fixed("人,候补省委委员13人。"), "人，候补省委委员13人。");
        assert_eq!(fixed("取得明显成效;到2035年,全省"), "取得明显成效；到2035年，全省");
        assert_eq!(fixed("中国(北京)自由贸易试验区"), "中国（北京）自由贸易试验区");
        assert_eq!(
            fixed("全会在成都举行. The session was held."),
            "全会在成都举行。 The session was held."
        );
        // A pair and a mark inside it fix in two passes; the result is stable.
        let once = fixed("中国(北京,上海)试验区");
        let twice = fixed(&once);
        assert_eq!(twice, "中国（北京，上海）试验区");
        assert_eq!(fixed(&twice), twice);
    }

    #[test]
    fn leaves_numbers_latin_urls_and_english() {
        for text in [
            "经济增长3.5%，时间08:18。",
            "共1,000人参加第2,3名",
            "中国 GDP 增长5%。",
            "中国GDP,增长",
            "5G.网络",
            "张Dr.说",
            "访问http://www.sc.gov.cn/a?b=1了解",
            "网址:http://www.sc.gov.cn",
            "邮箱:news@xinhua.org。",
            "邮箱news@xinhua.org.",
            "126日中国共产党四川省第十一届委员会第六次全体会议通过) (Adopted at the session)",
            "会议通过(2019)",
            "中国, 北京",
            "分别增长5%,6%和7%",
            "增长5.8%.5",
            "取得成效.2035年",
            "等等...",
            "The session was held on Dec. 6, 2019 (Friday): good!",
            "全会在成都举行，取得成效；到2035年：好！（北京）",
        ] {
            assert!(
                flagged(&AsciiPunctInZh, text).is_empty(),
                "{text}: {:?}",
                flagged(&AsciiPunctInZh, text)
            );
        }
    }
}
