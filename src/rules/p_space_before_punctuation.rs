use super::punct::space_runs;
use super::punct::{at_line_start, is_url_or_email, token_ending_at};
use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::document::Lang;
use crate::fix::{Applicability, Fix};
use crate::script::is_han;

declare_rule! {
    /// ## What it finds
    /// A space before English punctuation that closes a word or clause —
    /// `,` `.` `;` `:` `!` `?` `)` — in English text: `December 6 , 2019 .`,
    /// `capacity building , Basic`, `By 2021 ,`, `2019 )`.
    ///
    /// Left alone: decimals (`3.5`) and times (`08:18`), which have no space;
    /// ellipses (`and so on ...`, `. . .`); tokens where a letter or digit
    /// follows the mark directly (` .NET`, ` ,word`, ` .5`); URLs and e-mail
    /// addresses; a space before `(`; list markers at a line start
    /// (`1 . First`, `a ) item`); scores and ratios (`2 : 1`); Chinese text.
    ///
    /// ## Why it matters
    /// Machine translation and detokenisation leave these spaces behind. They
    /// mark the text as machine output, change how it tokenises, and teach a
    /// model trained on it to write them.
    ///
    /// ## Examples
    /// ```text
    /// It was held on December 6 , 2019 .    <- flagged twice
    /// It was held on December 6, 2019.      <- not flagged
    /// Built on .NET and 3.5 at 08:18 ...    <- not flagged
    /// ```
    ///
    /// ## Fix
    /// Safe: remove the space(s) before the mark.
    pub struct SpaceBeforePunctuation {
        code: "P001",
        name: "space-before-punctuation",
        family: Punctuation,
        severity: Warning,
        fix: Safe,
        summary: "space before English punctuation",
    }
}

/// Marks that never take a space before them in English.
fn closes(b: u8) -> bool {
    matches!(b, b',' | b'.' | b';' | b':' | b'!' | b'?' | b')')
}

/// Is the run of spaces `run` (byte offsets in `text`, followed by the mark
/// `mark`) one to remove?
fn is_stray_space(text: &str, run: std::ops::Range<usize>, mark: char) -> bool {
    let Some(before) = text[..run.start].chars().next_back() else {
        return false;
    };
    let after_mark = run.end + 1;
    let after = text[after_mark..].chars().next();
    // At a line start the spaces are indentation.
    if before.is_whitespace() {
        return false;
    }
    // ` .NET`, ` ,word`, ` .5`: the mark belongs to what follows.
    if after.is_some_and(char::is_alphanumeric) {
        return false;
    }
    match mark {
        // Ellipses: `so on ...`, `. . .`.
        '.' if before == '.' || after == Some('.') || text[after_mark..].starts_with(" .") => return false,
        // Emoticons.
        ':' | ';' if matches!(after, Some('(' | ')' | '-')) => return false,
        // Scores and ratios: `2 : 1`.
        ':' if before.is_ascii_digit()
            && text[after_mark..]
                .trim_start_matches(' ')
                .starts_with(|c: char| c.is_ascii_digit()) =>
        {
            return false
        }
        ')' if before == '(' => return false,
        _ => {}
    }
    // `中国 GDP , 增长`: a mark followed by Chinese is in Chinese text.
    if text[after_mark..].trim_start_matches(' ').starts_with(is_han) {
        return false;
    }
    let token = token_ending_at(text, run.start);
    if is_url_or_email(&text[token.clone()]) {
        return false;
    }
    // List markers at a line start: `1 . First`, `a ) item`, `iv . Goals`.
    if matches!(mark, '.' | ')') && is_list_marker(&text[token.clone()]) && at_line_start(text, token.start) {
        return false;
    }
    true
}

/// A list number or letter: `1`, `12`, `a`, `B`, `iv`.
fn is_list_marker(token: &str) -> bool {
    let b = token.as_bytes();
    (!b.is_empty() && b.len() <= 3 && b.iter().all(u8::is_ascii_digit))
        || (b.len() == 1 && b[0].is_ascii_alphabetic())
        || (!b.is_empty() && b.len() <= 4 && b.iter().all(|c| b"ivxIVX".contains(c)))
}

impl Rule for SpaceBeforePunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.text();
        let bytes = text.as_bytes();
        for seg in ctx.analysis.segments(Lang::En) {
            for run in space_runs(bytes, seg.span.clone()) {
                let (start, i) = (run.start, run.end);
                if i == seg.span.end || !closes(bytes[i]) {
                    continue;
                }
                let mark = bytes[i] as char;
                if !is_stray_space(text, start..i, mark) {
                    continue;
                }
                out.push(
                    Diagnostic::new(&Self::META, start..i + 1, format!("space before `{mark}`")).with_fix(Fix::delete(
                        Applicability::Safe,
                        format!("remove the space before `{mark}`"),
                        start..i,
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::flagged;

    fn fixed(text: &str) -> String {
        crate::rules::testing::fixed_by(&SpaceBeforePunctuation, text)
    }

    #[test]
    fn flags_spaces_before_closing_marks() {
        assert_eq!(
            flagged(&SpaceBeforePunctuation, "It was held in Chengdu on December 6 , 2019 ."),
            vec![" ,", " ."]
        );
        assert_eq!(
            flagged(&SpaceBeforePunctuation, "(Adopted on December 6 , 2019 )"),
            vec![" ,", " )"]
        );
        assert_eq!(
            flagged(&SpaceBeforePunctuation, "capacity building , Basic principles"),
            vec![" ,"]
        );
        assert_eq!(flagged(&SpaceBeforePunctuation, "By 2021 , the province"), vec![" ,"]);
        assert_eq!(flagged(&SpaceBeforePunctuation, "Why not ? Great !"), vec![" ?", " !"]);
        assert_eq!(
            flagged(&SpaceBeforePunctuation, "Note : the list ; more"),
            vec![" :", " ;"]
        );
        // Words at a line start are not list markers.
        assert_eq!(
            flagged(&SpaceBeforePunctuation, "Mr . Smith said so.\nNo . 1 won."),
            vec![" .", " ."]
        );
        assert_eq!(
            flagged(&SpaceBeforePunctuation, "the \"four consciousnesses\" , strengthen"),
            vec![" ,"]
        );
    }

    #[test]
    fn fix_removes_the_spaces() {
        assert_eq!(
            fixed("held in Chengdu on December 6 , 2019 . By 2021  , the province"),
            "held in Chengdu on December 6, 2019. By 2021, the province"
        );
        assert_eq!(
            fixed("(Adopted on December 6 , 2019 )"),
            "(Adopted on December 6, 2019)"
        );
        let once = fixed("It ended on December 6 , 2019 .");
        assert_eq!(fixed(&once), once);
    }

    #[test]
    fn only_english_text_is_checked() {
        let text = "126日在成都举行。 The session was held on December 6 , 2019 .";
        assert_eq!(flagged(&SpaceBeforePunctuation, text), vec![" ,", " ."]);
        assert!(flagged(&SpaceBeforePunctuation, "中国 GDP , 增长5%。").is_empty());
    }

    #[test]
    fn leaves_numbers_ellipses_urls_and_bullets() {
        for text in [
            "Growth was 3.5 percent at 08:18 on Friday.",
            "It is built on .NET and costs .5 dollars.",
            "and so on ...",
            "and so on . . .",
            "Visit http://www.sc.gov.cn/news . It is new.",
            "See www.xinhua.org , the site.",
            "Write to news@xinhua.org . We reply.",
            "The team won 2 : 1 on Sunday.",
            "The rate (GDP) grew, said the report (2019).",
            "A name ,word here",
            "1 . Improve the mechanism.\n2 . Deepen the reform.",
            "a ) First item",
            "iv . Goals",
            "  . indented dot",
            "Smile :) please",
            "an empty ( ) pair",
        ] {
            assert!(
                flagged(&SpaceBeforePunctuation, text).is_empty(),
                "{text}: {:?}",
                flagged(&SpaceBeforePunctuation, text)
            );
        }
    }
}
