use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::ops::Range;

use super::a_duplicate_paragraph::MIN_WIDTH;
use super::{declare_rule, Context, Rule};
use crate::dedup::{normalized_hash_and_len, normalized_width, same_normalized, IdentityBuild};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::script::is_space;

declare_rule! {
    /// ## What it finds
    /// A sentence of at least 40 characters that repeats an earlier sentence
    /// of the same page, and a short paragraph (narrower than the 80 columns
    /// A004 `duplicate-paragraph` needs, at least 40 columns, a Han character
    /// counting two) that repeats an earlier one. Sentences end at `。`, `！`, `？`, and at `.`, `!`,
    /// `?` followed by a space or the end of the paragraph; closing quotes and
    /// brackets stay with their sentence. Text is compared with whitespace
    /// normalised. The first occurrence is labelled.
    ///
    /// ## Why it matters
    /// A repeated sentence is often a scraper joining a caption or a summary
    /// to the text that holds it, and sometimes a page that says the same
    /// thing twice. It is worth a look, not a verdict: the rule is `info`.
    ///
    /// ## Examples
    /// ```text
    /// Provincial Party Secretary Peng Qinghua made a speech.
    ///
    /// The plenary session is chaired by the Standing Committee. Provincial Party Secretary Peng Qinghua made a speech.   <- flagged (the second sentence)
    /// ```
    ///
    /// ## Fix
    /// None: which copy to keep is a reader's call.
    pub struct DuplicateSentence {
        code: "A005",
        name: "duplicate-sentence",
        family: Alignment,
        severity: Info,
        fix: None,
        summary: "sentence or short paragraph repeated within a page",
    }
}

/// Sentences need at least this many characters.
const MIN_CHARS: usize = 40;
/// Short paragraphs need at least this many columns (a Han character
/// counting two, as for A004).
const MIN_PARAGRAPH_WIDTH: usize = 40;

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "No", "Nos", "Gen", "Gov", "Sen", "Rep", "Jr", "Sr", "Co", "Corp", "Inc",
    "Ltd", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec", "vs", "U.S", "U.N", "U.K", "e.g", "i.e",
];

/// Whether the `.`, `!` or `?` at `i` (with closing quotes up to `end`),
/// followed by a space, ends an English sentence: not after an abbreviation
/// (`Dec. 6`, `Mr. Wang`), not before a digit or a lowercase word.
fn ends_english_sentence(para: &str, i: usize, end: usize) -> bool {
    let next = para[end..].trim_start_matches(is_space).chars().next();
    if next.is_some_and(|n| n.is_ascii_digit() || n.is_lowercase()) {
        return false;
    }
    if para.as_bytes()[i] != b'.' {
        return true;
    }
    let word = para[..i].rsplit(is_space).next().unwrap_or("");
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    // A single capital is an initial (`D. Trump`).
    let initial = word.len() == 1 && word.bytes().all(|b| b.is_ascii_uppercase());
    !(initial || ABBREVIATIONS.contains(&word))
}

/// The spans of the sentences of `text[span]`, without surrounding whitespace.
fn sentences(text: &str, span: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let para = &text[span.clone()];
    let mut start = 0;
    let mut chars = para.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let cjk_end = matches!(c, '。' | '！' | '？');
        if !(cjk_end || matches!(c, '.' | '!' | '?')) {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, q)) = chars.peek() {
            if !matches!(q, '”' | '’' | '」' | '』' | '）' | ')' | '"' | '\'') {
                break;
            }
            end = j + q.len_utf8();
            chars.next();
        }
        if !cjk_end && (chars.peek().is_some_and(|&(_, n)| !is_space(n)) || !ends_english_sentence(para, i, end)) {
            continue;
        }
        out.push(start..end);
        start = end;
    }
    out.push(start..para.len());
    out.into_iter()
        .filter_map(|r| {
            let s = &para[r.clone()];
            let lead = s.len() - s.trim_start_matches(is_space).len();
            let trail = s.len() - s.trim_end_matches(is_space).len();
            (lead + trail < s.len()).then(|| span.start + r.start + lead..span.start + r.end - trail)
        })
        .collect()
}

impl Rule for DuplicateSentence {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.text();
        let paragraphs = &ctx.analysis.paragraphs;
        let repeats = ctx.analysis.repeated_paragraphs(text);
        let mut repeats = repeats.iter().peekable();
        let mut seen: HashMap<u64, Range<usize>, IdentityBuild> = HashMap::default();
        for doc in &ctx.analysis.documents {
            seen.clear();
            for i in doc.paragraphs.clone() {
                let span = paragraphs[i].span.clone();
                if let Some(r) = repeats.next_if(|r| r.paragraph == i) {
                    // A whole paragraph again: A004's when wide, ours when short.
                    let t = &text[span.clone()];
                    let width = normalized_width(t);
                    if (MIN_PARAGRAPH_WIDTH..MIN_WIDTH).contains(&width) {
                        let first = paragraphs[r.first].span.clone();
                        let line = ctx.src.file_line(first.start);
                        out.push(
                            Diagnostic::new(
                                &Self::META,
                                span,
                                format!("paragraph repeats the paragraph on line {line}"),
                            )
                            .with_label(first, "first occurrence"),
                        );
                    }
                    continue;
                }
                for s in sentences(text, span) {
                    let t = &text[s.clone()];
                    // No text has more characters than bytes.
                    if t.len() < MIN_CHARS {
                        continue;
                    }
                    let (hash, len) = normalized_hash_and_len(t);
                    if len < MIN_CHARS {
                        continue;
                    }
                    match seen.entry(hash) {
                        Entry::Vacant(v) => {
                            v.insert(s);
                        }
                        Entry::Occupied(o) => {
                            let first = o.get().clone();
                            if !same_normalized(t, &text[first.clone()]) {
                                continue;
                            }
                            let line = ctx.src.file_line(first.start);
                            out.push(
                                Diagnostic::new(&Self::META, s, format!("sentence repeats a sentence on line {line}"))
                                    .with_label(first, "first occurrence"),
                            );
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    const S: &str = "Provincial Party Secretary Peng Qinghua made a speech.";

    fn split(text: &str) -> Vec<&str> {
        sentences(text, 0..text.len()).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_chinese_and_english_sentences() {
        assert_eq!(
            split(
                "全会在成都举行。会议指出：“要加强。”他说 The session opened on Dec. 6 in Chengdu. It closed! Really?"
            ),
            vec![
                "全会在成都举行。",
                "会议指出：“要加强。”",
                "他说 The session opened on Dec. 6 in Chengdu.",
                "It closed!",
                "Really?"
            ]
        );
        assert_eq!(split("GDP grew 6.1 percent"), vec!["GDP grew 6.1 percent"]);
        assert_eq!(
            split("Mr. Wang met U.S. officials on Feb. 1 in Washington D.C. and left. They said so."),
            vec![
                "Mr. Wang met U.S. officials on Feb. 1 in Washington D.C. and left.",
                "They said so."
            ]
        );
    }

    #[test]
    fn flags_the_sample_pages_repeated_sentence() {
        let text = format!(
            "{S}\n\nThe plenary session is chaired by the Standing Committee of the Provincial Party Committee. {S}\n"
        );
        let d = run(&DuplicateSentence, &text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].span.start, text.rfind(S).unwrap());
        assert_eq!(d[0].labels[0].span, 0..S.len());
        assert_eq!(d[0].message, "sentence repeats a sentence on line 1");
    }

    #[test]
    fn flags_long_chinese_sentences_and_short_repeated_paragraphs() {
        let zh =
            "围绕环境、创新和开放等重点领域，各地共同促进消费能力，进一步增强了发展的信心，为下一步工作积累了经验。";
        assert_eq!(
            flagged(&DuplicateSentence, &format!("{zh}全会闭幕。\n\n会议闭幕。{zh}\n")),
            vec![zh]
        );
        // Two short sentences, 57 characters in all: a short paragraph repeated.
        let p = "The session closed on Friday. It approved the plan for 2020.";
        assert_eq!(flagged(&DuplicateSentence, &format!("{p}\n\nText.\n\n{p}\n")), vec![p]);
        // 31 characters, 62 columns.
        let zh = "群众将加强民生措施。截至9月底，全省共有48万人参加志愿服务。";
        assert_eq!(flagged(&DuplicateSentence, &format!("{zh}\n\n{zh}\n")), vec![zh]);
    }

    #[test]
    fn leaves_short_sentences_wide_paragraphs_and_other_pages() {
        let wide =
            "The plenary session pointed out the need to further advance the reform of the rural governance system.";
        for text in [
            "全会在成都举行。\n\n全会在成都举行。\n".to_string(),
            "It was held in Chengdu. The weather was fine.\n\nIt was held in Chengdu.\n".to_string(),
            format!("{wide}\n\n{wide}\n"),
            format!("{S}\n\n=====\n\n{S}\n"),
            "0\nX\nSelect another platform >>\nshare to\n\n0\nX\nSelect another platform >>\nshare to\n".to_string(),
        ] {
            assert!(flagged(&DuplicateSentence, &text).is_empty(), "{text}");
        }
    }
}
