use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::document::Lang;
use crate::fix::{Applicability, Fix};
use crate::script::{is_cjk_punct, is_han};

declare_rule! {
    /// ## What it finds
    /// Full-width punctuation inside English text: `，` `。` `：` `；` `！` `？`
    /// `（` `）` between Latin letters, digits and spaces (`Beijing，China`,
    /// `(Xinhua）`, `08：18`).
    ///
    /// Full-width punctuation in Chinese text is never touched: a mark whose
    /// nearest non-space neighbour on either side is a Han character or
    /// Chinese punctuation is left alone, even when the scraper split it
    /// from its fragment (`中国经济增长 。 The economy grew`).
    ///
    /// ## Why it matters
    /// Chinese input methods and copy-paste from the Chinese half leave
    /// full-width marks in English. English tokenisers do not split on them,
    /// so `Beijing，China` becomes one word.
    ///
    /// ## Examples
    /// ```text
    /// The meeting was held in Beijing，China。   <- flagged twice
    /// 会议在北京举行，取得成效。 It was held.      <- not flagged
    /// ```
    ///
    /// ## Fix
    /// Safe: replace the mark with its ASCII form, adding a space after
    /// `，` `。` `：` `；` `！` `？` when a letter follows directly
    /// (`Beijing，China` → `Beijing, China`; `3，000` → `3,000`).
    pub struct FullwidthPunctInEn {
        code: "P004",
        name: "fullwidth-punct-in-en",
        family: Punctuation,
        severity: Warning,
        fix: Safe,
        summary: "full-width punctuation inside English text",
    }
}

fn ascii_form(c: char) -> Option<char> {
    Some(match c {
        '，' => ',',
        '。' => '.',
        '：' => ':',
        '；' => ';',
        '！' => '!',
        '？' => '?',
        '（' => '(',
        '）' => ')',
        _ => return None,
    })
}

/// Chinese context: Han, kana, Chinese punctuation.
fn is_zh_context(c: char) -> bool {
    is_han(c) || is_cjk_punct(c) || matches!(c, '\u{3040}'..='\u{30FF}')
}

/// A Latin letter or digit, ASCII or full-width.
fn is_latin_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

impl Rule for FullwidthPunctInEn {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.text();
        for p in &ctx.analysis.paragraphs {
            for seg in p.segments.iter().filter(|s| s.lang == Lang::En) {
                // Full-width marks are three bytes starting 0xEF or 0xE3.
                if !text[seg.span.clone()].bytes().any(|b| b == 0xEF || b == 0xE3) {
                    continue;
                }
                for (i, c) in text[seg.span.clone()].char_indices() {
                    let Some(ascii) = ascii_form(c) else { continue };
                    let at = seg.span.start + i;
                    let end = at + c.len_utf8();
                    // Nearest non-space neighbours, within the paragraph.
                    let prev = text[p.span.start..at].chars().rev().find(|c| !c.is_whitespace());
                    let next = text[end..p.span.end].chars().find(|c| !c.is_whitespace());
                    if prev.is_some_and(is_zh_context) || next.is_some_and(is_zh_context) {
                        continue;
                    }
                    if !(prev.is_some_and(is_latin_alnum) || next.is_some_and(is_latin_alnum)) {
                        continue;
                    }
                    let glued_letter = text[end..].chars().next().is_some_and(char::is_alphabetic);
                    let content = if glued_letter && !matches!(ascii, '(' | ')') {
                        format!("{ascii} ")
                    } else {
                        ascii.to_string()
                    };
                    out.push(
                        Diagnostic::new(&Self::META, at..end, format!("full-width `{c}` inside English text"))
                            .with_fix(Fix::replace(
                                Applicability::Safe,
                                format!("replace `{c}` with `{ascii}`"),
                                at..end,
                                content,
                            )),
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

    fn fixed(text: &str) -> String {
        crate::rules::testing::fixed_by(&FullwidthPunctInEn, text)
    }

    #[test]
    fn flags_full_width_marks_in_english() {
        assert_eq!(
            flagged(&FullwidthPunctInEn, "The meeting was held in Beijing，China。"),
            vec!["，", "。"]
        );
        assert_eq!(
            flagged(&FullwidthPunctInEn, "CHENGDU，Dec. 6 (Xinhua）-- It opened at 08：18！"),
            vec!["，", "）", "：", "！"]
        );
        assert_eq!(
            flagged(&FullwidthPunctInEn, "Why ？ Because （see below） it is."),
            vec!["？", "（", "）"]
        );
        assert_eq!(flagged(&FullwidthPunctInEn, "It rose （ＧＤＰ）"), vec!["（", "）"]);
    }

    #[test]
    fn fix_uses_ascii_and_spaces_after_letters() {
        assert_eq!(
            fixed("held in Beijing，China。Then it ended；"),
            "held in Beijing, China. Then it ended;"
        );
        assert_eq!(
            fixed("It cost 3，000 yuan at 08：18 (Xinhua）."),
            "It cost 3,000 yuan at 08:18 (Xinhua)."
        );
        let once = fixed("Beijing，China");
        assert_eq!(fixed(&once), once);
    }

    #[test]
    fn leaves_full_width_marks_in_chinese() {
        for text in [
            "会议在北京举行，取得成效。 It was held in Beijing.",
            "中国经济增长 。 The economy grew.",
            "全会（扩大）会议召开： The session opened.",
            "The session opened. 全会召开，会议指出： 坚持改革。",
            "“两不愁三保障”， The goal is clear.",
            "Plain English, with (brackets): fine!",
        ] {
            assert!(
                flagged(&FullwidthPunctInEn, text).is_empty(),
                "{text}: {:?}",
                flagged(&FullwidthPunctInEn, text)
            );
        }
    }
}
