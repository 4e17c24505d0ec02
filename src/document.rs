//! The analysis every rule reads: lines, paragraphs, documents, the Chinese
//! fragments and English spans of each paragraph, and the dates. Computed
//! once per text.

use std::ops::Range;

use std::sync::OnceLock;

use crate::dates::{find_dates, DateMention, Ymd};
use crate::dedup::RepeatedParagraph;
use crate::numbers::NumberGap;
use crate::script::{is_han, is_space};
use crate::source::SourceText;

/// A paragraph: consecutive non-blank lines.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub span: Range<usize>,
    /// 0-based line indices.
    pub lines: Range<usize>,
    /// The Chinese and English pieces of the paragraph, in order.
    pub segments: Vec<Segment>,
    /// Indices into `Analysis::dates` of the dates inside this paragraph.
    pub dates: Range<usize>,
}

/// What language a segment of a paragraph is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

/// A maximal piece of a paragraph in one language: a Chinese fragment (text
/// holding Han characters with what is glued to it), or English text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub lang: Lang,
    pub span: Range<usize>,
}

/// A document: one scraped page. In `txt` input a line holding only `=====`
/// separates documents.
#[derive(Debug, Clone)]
pub struct Document {
    /// Indices into `Analysis::paragraphs`.
    pub paragraphs: Range<usize>,
    /// Index of the paragraph that is the source/date header line, if any.
    pub header: Option<usize>,
    /// The page's dates: from its header line (with their spans), or a
    /// record's `date` field (no span in the text).
    pub header_dates: Vec<HeaderDate>,
    /// The paragraphs where the lede (the dateline paragraph) is looked for.
    pub lede: Range<usize>,
}

/// A publication date of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderDate {
    pub date: Ymd,
    pub span: Option<Range<usize>>,
}

impl Document {
    pub fn header_year(&self) -> Option<i32> {
        self.header_dates.first().map(|h| h.date.year)
    }
}

/// Paragraphs after the header in which the lede is looked for.
const LEDE_PARAGRAPHS: usize = 3;

/// Everything derived from one text.
#[derive(Debug, Default)]
pub struct Analysis {
    pub paragraphs: Vec<Paragraph>,
    pub documents: Vec<Document>,
    pub dates: Vec<DateMention>,
    /// The numbers of each paragraph's halves that the other half lacks,
    /// computed once for the number rules.
    number_gaps: OnceLock<Vec<Vec<NumberGap>>>,
    /// Paragraphs that repeat an earlier paragraph of their page, found once
    /// for the duplicate rules.
    repeated: OnceLock<Vec<RepeatedParagraph>>,
}

/// A line that separates documents in a `txt` corpus.
pub fn is_document_separator(line: &str) -> bool {
    line.len() >= 5 && line.bytes().all(|b| b == b'=')
}

fn is_blank(line: &str) -> bool {
    line.bytes().all(|b| b == b' ' || b == b'\t' || b == b'\r')
}

impl Analysis {
    pub fn new(src: &SourceText) -> Analysis {
        let text = src.text.as_str();
        let dates = find_dates(text);
        let mut paragraphs = Vec::new();
        let mut documents = Vec::new();
        let mut doc_start = 0;
        let mut para_start: Option<usize> = None;
        let mut date_cursor = 0;
        let n = src.line_count();
        let mut close = |from: usize, to: usize, paragraphs: &mut Vec<Paragraph>| {
            let span = src.line_span(from).start..src.line_span(to - 1).end;
            let d0 = date_cursor + dates[date_cursor..].partition_point(|d| d.span.start < span.start);
            let d1 = d0 + dates[d0..].partition_point(|d| d.span.start < span.end);
            date_cursor = d1;
            paragraphs.push(Paragraph {
                segments: segments(text, span.clone()),
                span,
                lines: from..to,
                dates: d0..d1,
            });
        };
        for i in 0..n {
            let line = &text[src.line_span(i)];
            let blank = is_blank(line) || (i == 0 && is_blank(line.trim_start_matches('\u{FEFF}')));
            let sep = is_document_separator(line);
            if blank || sep {
                if let Some(s) = para_start.take() {
                    close(s, i, &mut paragraphs);
                }
                if sep {
                    documents.push(doc_start..paragraphs.len());
                    doc_start = paragraphs.len();
                }
            } else if para_start.is_none() {
                para_start = Some(i);
            }
        }
        if let Some(s) = para_start {
            close(s, n, &mut paragraphs);
        }
        documents.push(doc_start..paragraphs.len());
        let documents = documents
            .into_iter()
            .map(|range| {
                let header = find_header(text, &paragraphs, &dates, range.clone());
                let header_dates = header
                    .map(|h| {
                        dates[paragraphs[h].dates.clone()]
                            .iter()
                            .filter_map(|d| {
                                d.ymd().map(|date| HeaderDate {
                                    date,
                                    span: Some(d.span.clone()),
                                })
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let lede = match header {
                    Some(h) => h + 1..(h + 1 + LEDE_PARAGRAPHS).min(range.end),
                    None => range.start..range.start,
                };
                Document {
                    header,
                    header_dates,
                    lede,
                    paragraphs: range,
                }
            })
            .collect();
        Analysis {
            paragraphs,
            documents,
            dates,
            number_gaps: OnceLock::new(),
            repeated: OnceLock::new(),
        }
    }

    /// The analysis of one record of a JSONL or TSV corpus: its text is the
    /// Chinese field, a newline, and the English field; the record is one
    /// paragraph holding the two as segments. `date` is the record's
    /// publication date; `lede` says whether the record opens its page.
    pub fn for_record(src: &SourceText, zh: Range<usize>, en: Range<usize>, date: Option<Ymd>, lede: bool) -> Analysis {
        let text = src.text.as_str();
        let dates = find_dates(text);
        let mut segments = Vec::new();
        if !zh.is_empty() {
            segments.push(Segment {
                lang: Lang::Zh,
                span: zh.clone(),
            });
        }
        if !en.is_empty() {
            segments.push(Segment {
                lang: Lang::En,
                span: en.clone(),
            });
        }
        let paragraphs = vec![Paragraph {
            span: 0..text.len(),
            lines: 0..src.line_count(),
            segments,
            dates: 0..dates.len(),
        }];
        let documents = vec![Document {
            paragraphs: 0..1,
            header: None,
            header_dates: date.map(|date| HeaderDate { date, span: None }).into_iter().collect(),
            lede: if lede { 0..1 } else { 0..0 },
        }];
        Analysis {
            paragraphs,
            documents,
            dates,
            number_gaps: OnceLock::new(),
            repeated: OnceLock::new(),
        }
    }

    /// Every segment of one language, in text order.
    pub fn segments(&self, lang: Lang) -> impl Iterator<Item = &Segment> + '_ {
        self.paragraphs
            .iter()
            .flat_map(|p| p.segments.iter())
            .filter(move |s| s.lang == lang)
    }

    /// The paragraphs that repeat an earlier paragraph of their page.
    pub fn repeated_paragraphs(&self, text: &str) -> &[RepeatedParagraph] {
        self.repeated
            .get_or_init(|| crate::dedup::repeated_paragraphs(text, self))
    }

    /// For each paragraph, the numbers one half has and the other lacks.
    pub fn number_gaps(&self, text: &str) -> &[Vec<NumberGap>] {
        self.number_gaps.get_or_init(|| {
            self.paragraphs
                .iter()
                .map(|p| crate::numbers::number_gaps(text, self, p))
                .collect()
        })
    }

    pub fn paragraph_dates(&self, p: &Paragraph) -> &[DateMention] {
        &self.dates[p.dates.clone()]
    }
}

/// The header line of a page: among its first three paragraphs, a one-line
/// paragraph that opens with a bracketed date (`【2019-12-07】`, `[2019-12-07]`).
fn find_header(text: &str, paragraphs: &[Paragraph], dates: &[DateMention], range: Range<usize>) -> Option<usize> {
    range.take(3).find(|&i| {
        let p = &paragraphs[i];
        let t = &text[p.span.clone()];
        let lead = t.len() - t.trim_start_matches(is_space).len();
        let t = &t[lead..];
        let opens = p.span.start + lead;
        p.lines.len() == 1
            && (t.starts_with('【') || t.starts_with('['))
            && dates[p.dates.clone()]
                .first()
                .is_some_and(|d| d.year.is_some() && d.span.start <= opens + 4)
    })
}

/// Splits a paragraph into Chinese fragments and English spans.
///
/// Tokens are separated by whitespace; a token holding a Han character is
/// Chinese. Consecutive Chinese tokens form one fragment, and so do Chinese
/// tokens with up to two short non-Chinese tokens between them (`中国 GDP 增长`).
fn segments(text: &str, span: Range<usize>) -> Vec<Segment> {
    let para = &text[span.clone()];
    // Fast path: no Han at all.
    if !para.bytes().any(|b| b >= 0xE3) || !para.chars().any(is_han) {
        return trimmed(text, span.clone(), Lang::En).into_iter().collect();
    }
    // (token span, is zh)
    let mut tokens: Vec<(Range<usize>, bool)> = Vec::new();
    let mut start: Option<usize> = None;
    let mut has_han = false;
    for (i, c) in para.char_indices() {
        if is_space(c) {
            if let Some(s) = start.take() {
                tokens.push((span.start + s..span.start + i, has_han));
            }
            has_han = false;
        } else {
            if start.is_none() {
                start = Some(i);
            }
            has_han |= is_han(c);
        }
    }
    if let Some(s) = start {
        tokens.push((span.start + s..span.end, has_han));
    }
    let mut out: Vec<Segment> = Vec::new();
    let mut i = 0;
    let mut en_start = span.start;
    while i < tokens.len() {
        if !tokens[i].1 {
            i += 1;
            continue;
        }
        // A Chinese fragment starts at token i; extend it.
        let frag_start = tokens[i].0.start;
        let mut frag_end = tokens[i].0.end;
        let mut j = i + 1;
        loop {
            if j < tokens.len() && tokens[j].1 {
                frag_end = tokens[j].0.end;
                j += 1;
                continue;
            }
            // Up to two short non-Chinese tokens followed by a Chinese one.
            let gap = (j..tokens.len().min(j + 3)).find(|&k| tokens[k].1);
            match gap {
                Some(k)
                    if (j..k).all(|g| {
                        let t = &text[tokens[g].0.clone()];
                        t.len() <= 12 && !t.ends_with(['.', '!', '?', ','])
                    }) =>
                {
                    j = k;
                }
                _ => break,
            }
        }
        if let Some(seg) = trimmed(text, en_start..frag_start, Lang::En) {
            out.push(seg);
        }
        out.push(Segment {
            lang: Lang::Zh,
            span: frag_start..frag_end,
        });
        en_start = frag_end;
        i = j;
    }
    if let Some(seg) = trimmed(text, en_start..span.end, Lang::En) {
        out.push(seg);
    }
    out
}

fn trimmed(text: &str, span: Range<usize>, lang: Lang) -> Option<Segment> {
    let s = &text[span.clone()];
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let trail = s.len() - s.trim_end_matches(is_space).len();
    let span = span.start + lead..span.end - trail;
    (span.start < span.end && (lang == Lang::Zh || text[span.clone()].bytes().any(|b| b.is_ascii_alphabetic())))
        .then_some(Segment { lang, span })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(text: &str) -> Vec<(Lang, &str)> {
        let src = SourceText::new(text.to_string());
        let a = Analysis::new(&src);
        a.paragraphs
            .iter()
            .flat_map(|p| p.segments.iter())
            .map(|s| (s.lang, &text[s.span.clone()]))
            .collect()
    }

    #[test]
    fn pair_paragraph_splits_into_zh_then_en() {
        assert_eq!(
            segs("126日在成都举行。 The session was held in Chengdu."),
            vec![
                (Lang::Zh, "126日在成都举行。"),
                (Lang::En, "The session was held in Chengdu.")
            ]
        );
    }

    #[test]
    fn fragment_inside_english_and_latin_inside_chinese() {
        assert_eq!(
            segs("Since then. 周年和改革,持 Unanimously agreed."),
            vec![
                (Lang::En, "Since then."),
                (Lang::Zh, "周年和改革,持"),
                (Lang::En, "Unanimously agreed.")
            ]
        );
        assert_eq!(segs("中国 GDP 增长5%。"), vec![(Lang::Zh, "中国 GDP 增长5%。")]);
    }

    #[test]
    fn paragraphs_documents_and_header() {
        let text = "Title\n\n【2019-12-07】 【四川日报】\n\nBody one.\nstill one\n\n=====\n\nSecond page\n";
        let src = SourceText::new(text.to_string());
        let a = Analysis::new(&src);
        assert_eq!(a.paragraphs.len(), 4);
        assert_eq!(a.paragraphs[2].lines, 4..6);
        assert_eq!(a.documents.len(), 2);
        assert_eq!(a.documents[0].header, Some(1));
        assert_eq!(a.documents[1].paragraphs, 3..4);
    }
}
