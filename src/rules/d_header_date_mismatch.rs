use super::{declare_rule, Context, Rule};
use crate::dates::{DateMention, Ymd};
use crate::diagnostic::{Diagnostic, RuleMeta};

declare_rule! {
    /// ## What it finds
    /// A page whose header date does not fit its body: the header line holds
    /// two dates that disagree (`【2019-12-07】 … [2019-12-09]`), or the lede's
    /// dateline (`新华网成都12月6日电`, `2019年12月6日，…`, `CHENGDU, Dec. 6 (Xinhua)`,
    /// `On December 6, …`) is later than the header date (the page is dated
    /// before the event it reports) or more than one day earlier. A paper
    /// printing the next day is normal and is not flagged.
    ///
    /// ## Why it matters
    /// Header dates feed time-sliced corpora and deduplication; a wrong one
    /// misplaces the article, and a lede from another article shows a
    /// scraping or alignment error.
    ///
    /// ## Examples
    /// ```text
    /// 【2019-12-07】 【四川日报】
    /// 新华网成都12月9日电 …        <- flagged: dated after the page
    /// 新华网成都12月6日电 …        <- not flagged: printed the next day
    /// ```
    ///
    /// ## Fix
    /// None.
    pub struct HeaderDateMismatch {
        code: "D003",
        name: "header-date-mismatch",
        family: Date,
        severity: Warning,
        fix: None,
        summary: "header date and body date of a page disagree",
    }
}

/// A line of running text, not of a widget block: long, or ending a sentence.
fn is_text_line(line: &str) -> bool {
    let line = line.trim_end();
    line.len() >= 60 || line.ends_with(['。', '！', '？', '”', '.', '!', '?', '"'])
}

/// The lede's date must start within this many bytes of its paragraph.
const DATELINE_REACH: usize = 64;

/// The date a mention names, with a missing year taken from the header
/// (a December lede in a January paper belongs to the year before).
fn resolve(d: &DateMention, header: Ymd) -> Option<Ymd> {
    let year = d.year.unwrap_or(header.year);
    let ymd = Ymd::new(year, d.month?, d.day?)?;
    if d.year.is_none() && ymd.days() - header.days() > 180 {
        return Ymd::new(year - 1, ymd.month, ymd.day);
    }
    Some(ymd)
}

impl Rule for HeaderDateMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let a = ctx.analysis;
        for doc in &a.documents {
            let Some(first) = doc.header_dates.first() else {
                continue;
            };
            let header = first.date;
            let label = |d: Diagnostic| match &first.span {
                Some(span) => d.with_label(span.clone(), "header date"),
                None => d,
            };
            for h in &doc.header_dates[1..] {
                if let (true, Some(span)) = (h.date != header, &h.span) {
                    out.push(label(Diagnostic::new(
                        &Self::META,
                        span.clone(),
                        format!("header dates disagree: {header} and {}", h.date),
                    )));
                }
            }
            // The lede is the first paragraph of text after the header (widget
            // blocks of short lines are passed over); when its dateline is
            // cut or unreadable there is nothing to compare.
            let lede = doc
                .lede
                .clone()
                .map(|i| &a.paragraphs[i])
                .find(|p| {
                    p.lines
                        .clone()
                        .any(|l| is_text_line(&ctx.src.text[ctx.src.line_span(l)]))
                })
                .and_then(|p| {
                    a.paragraph_dates(p)
                        .iter()
                        .find(|d| d.has_month_day() && d.span.start < p.span.start + DATELINE_REACH)
                });
            let Some(lede) = lede else { continue };
            // A dateline without a year takes it from a full date of the same
            // day further on in the lede (`12月3日电 … December 3, 2023`).
            let lede_paragraph = a.paragraphs.iter().find(|p| p.span.contains(&lede.span.start));
            let year = lede_paragraph.and_then(|p| {
                a.paragraph_dates(p)
                    .iter()
                    .find(|d| d.year.is_some() && d.month == lede.month && d.day == lede.day)
                    .and_then(|d| d.year)
            });
            let lede = &DateMention {
                year: lede.year.or(year),
                ..lede.clone()
            };
            let Some(event) = resolve(lede, header) else { continue };
            let gap = header.days() - event.days();
            let problem = if gap < 0 {
                format!("the page is dated {header}, before the event its lede dates {event}")
            } else if gap > 1 {
                format!("the lede dates the event {event}, {gap} days before the page's date {header}")
            } else {
                continue;
            };
            out.push(label(
                Diagnostic::new(&Self::META, lede.span.clone(), problem)
                    .with_help("a paper prints on the event day or the day after; check which date is wrong"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::flagged;

    const HEADER: &str = "Title\n\n【2019-12-07】 【四川日报】 [2019-12-07] [Sichuan Daily]\n\n";

    #[test]
    fn flags_ledes_that_do_not_fit_the_header() {
        let text = format!("{HEADER}新华网成都12月9日电（记者李明）全会举行。 CHENGDU, Dec. 9 (Xinhua) -- It met.\n");
        assert_eq!(flagged(&HeaderDateMismatch, &text), vec!["12月9日"]);
        let text = format!("{HEADER}2019年11月30日，全会举行。\n");
        assert_eq!(flagged(&HeaderDateMismatch, &text), vec!["2019年11月30日"]);
        let text = "【2019-12-07】 【四川日报】 [2019-12-09] [Sichuan Daily]\n";
        assert_eq!(flagged(&HeaderDateMismatch, text), vec!["2019-12-09"]);
    }

    #[test]
    fn a_dateline_takes_its_year_from_the_same_day_further_on() {
        let text = "【2022-12-04】 【中国日报】\n\n中国日报成都12月3日电（记者杨军）发言人表示。 CHENGDU, Dec. 3 (China Daily) -- He said on December 3, 2023 that it met.\n";
        assert_eq!(flagged(&HeaderDateMismatch, text), vec!["12月3日"]);
    }

    #[test]
    fn a_cut_dateline_is_not_replaced_by_a_later_date() {
        let text = format!("{HEADER}月22日，北京召开新闻发布会。据报道，央行宣布下调利率。 BEIJING, the bank cut rates.\n\n公司董事长赵芳在12月3日举行的论坛上表示，愿加强合作。 The chairman spoke on Dec. 3.\n");
        assert!(flagged(&HeaderDateMismatch, &text).is_empty());
        let text = format!(
            "{HEADER}0\nX\nshare to\n\n新华网成都12月9日电（记者李明）全会举行。 CHENGDU, Dec. 9 (Xinhua) -- It met.\n"
        );
        assert_eq!(
            flagged(&HeaderDateMismatch, &text),
            vec!["12月9日"],
            "widget blocks are passed over"
        );
    }

    #[test]
    fn leaves_same_day_and_next_day_papers() {
        for lede in [
            "On December 6, the 6th plenary session was held in Chengdu.",
            "新华网成都12月7日电（记者李明）全会举行。",
            "CHENGDU, Dec. 6 (Xinhua) -- The session opened.",
        ] {
            let text = format!("{HEADER}{lede}\n");
            assert!(flagged(&HeaderDateMismatch, &text).is_empty(), "{lede}");
        }
        let text = "【2020-01-01】 【四川日报】\n\nCHENGDU, Dec. 31 (Xinhua) -- It met.\n";
        assert!(flagged(&HeaderDateMismatch, text).is_empty());
    }
}
