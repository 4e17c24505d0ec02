use std::ops::Range;

use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::fix::{Applicability, Fix};
use crate::script::{is_cjk_punct, is_han, is_space};

declare_rule! {
    /// ## What it finds
    /// The same sequence of tokens three or more times in a row: a share
    /// widget scraped in a loop (`分享到分享到分享到`), markup left over
    /// (`(service (service (service`), a phrase a translation engine got
    /// stuck on. A token is a Han character, a run of letters and digits, or
    /// one punctuation mark; whitespace between tokens does not matter.
    /// Sequences of up to 16 tokens are found, in time linear in the text
    /// (each length is checked once along the paragraph, without
    /// backtracking).
    ///
    /// Reduplication is Chinese grammar, not a loop: a single Han character
    /// needs five copies in a row (`谢谢谢谢` and `哈哈哈` are left alone),
    /// a longer sequence must hold at least two letters, and `常常`, `看看`,
    /// `研究研究` are only two copies. Runs of digits and punctuation
    /// (`1,000,000,000`, `……`) are never loops.
    ///
    /// ## Why it matters
    /// A loop is text nobody wrote; a translation model trained on it learns
    /// to loop.
    ///
    /// ## Examples
    /// ```text
    /// 分享到分享到分享到微信                       <- flagged
    /// (service (service (service of the province   <- flagged
    /// 谢谢谢谢大家，我们常常看看。                  <- not flagged
    /// ```
    ///
    /// ## Fix
    /// Unsafe: keep the first copy, delete the others.
    pub struct RepetitionLoop {
        code: "A006",
        name: "repetition-loop",
        family: Alignment,
        severity: Warning,
        fix: Unsafe,
        summary: "the same words repeated three or more times in a row",
    }
}

/// Longest repeated sequence looked for, in tokens.
const MAX_PERIOD: usize = 16;
/// Copies in a row that make a loop.
const MIN_COPIES: usize = 3;
/// Copies in a row of a single Han character that make a loop.
const MIN_HAN_CHAR_COPIES: usize = 5;

#[derive(Debug, Clone)]
struct Token {
    span: Range<usize>,
    /// Han characters or letters in the token.
    letters: u32,
    han: bool,
}

/// A paragraph's tokens, and a hash of each token's text (kept apart so the
/// scans compare a dense array).
#[derive(Default)]
struct Tokens {
    tokens: Vec<Token>,
    ids: Vec<u64>,
}

fn token_id(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A letter or digit (ASCII first: the common case needs no table lookup).
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric())
}

fn tokenize(text: &str, span: Range<usize>, out: &mut Tokens) {
    out.tokens.clear();
    out.ids.clear();
    let para = &text[span.clone()];
    let mut chars = para.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        // Han first: the common character of Chinese text, and a cheap test.
        let han = is_han(c);
        if !han && is_space(c) {
            continue;
        }
        let (end, letters, han) = if han {
            (i + c.len_utf8(), 1, true)
        } else if is_word_char(c) && !is_cjk_punct(c) {
            let mut end = i + c.len_utf8();
            let mut letters = u32::from(c.is_alphabetic());
            while let Some(&(j, n)) = chars.peek() {
                if !is_word_char(n) || is_han(n) {
                    break;
                }
                letters += u32::from(n.is_alphabetic());
                end = j + n.len_utf8();
                chars.next();
            }
            (end, letters, false)
        } else {
            (i + c.len_utf8(), 0, false)
        };
        out.tokens.push(Token {
            span: span.start + i..span.start + end,
            letters,
            han,
        });
        out.ids.push(token_id(&para[i..end]));
    }
}

/// Whether the block of `p` tokens at `s` is itself a repeat of a shorter one.
fn has_shorter_period(ids: &[u64], s: usize, p: usize) -> bool {
    (1..p).any(|d| p.is_multiple_of(d) && (s..s + p - d).all(|k| ids[k] == ids[k + d]))
}

/// Whether `copies` copies of the block of `p` tokens at `s` are a loop.
fn is_loop(text: &str, t: &Tokens, s: usize, p: usize, copies: usize) -> bool {
    let tokens = &t.tokens;
    let block = &tokens[s..s + p];
    let enough = if p == 1 {
        if block[0].han {
            copies >= MIN_HAN_CHAR_COPIES
        } else {
            block[0].letters >= 2
        }
    } else {
        block.iter().map(|t| t.letters).sum::<u32>() >= 2
    };
    // Equal ids of different text would be a hash collision: compare the text.
    enough
        && !has_shorter_period(&t.ids, s, p)
        && (s..s + (copies - 1) * p).all(|k| text[tokens[k].span.clone()] == text[tokens[k + p].span.clone()])
}

/// A loop: `copies` copies of the `period` tokens starting at token `start`.
struct Loop {
    start: usize,
    period: usize,
    copies: usize,
}

fn find_loops(text: &str, t: &Tokens) -> Vec<Loop> {
    let mut found: Vec<Loop> = Vec::new();
    let ids = &t.ids;
    let n = ids.len();
    for p in 1..=MAX_PERIOD.min(n / MIN_COPIES) {
        // Token i against token i + p, as two slices (no bounds checks in
        // the scan that skips unequal pairs).
        let (a, b) = (&ids[..n - p], &ids[p..]);
        let mut i = 0;
        while i < a.len() {
            match a[i..].iter().zip(&b[i..]).position(|(x, y)| x == y) {
                Some(k) => i += k,
                None => break,
            }
            let s = i;
            while i < a.len() && a[i] == b[i] {
                i += 1;
            }
            let copies = (i - s + p) / p;
            if copies < MIN_COPIES || !is_loop(text, t, s, p, copies) {
                continue;
            }
            let end = s + copies * p;
            if found.iter().any(|l| s < l.start + l.copies * l.period && l.start < end) {
                continue;
            }
            found.push(Loop {
                start: s,
                period: p,
                copies,
            });
        }
    }
    found
}

impl Rule for RepetitionLoop {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.text();
        let mut t = Tokens::default();
        for para in &ctx.analysis.paragraphs {
            tokenize(text, para.span.clone(), &mut t);
            let tokens = &t.tokens;
            for l in find_loops(text, &t) {
                let first = tokens[l.start].span.start..tokens[l.start + l.period - 1].span.end;
                let last = tokens[l.start + l.copies * l.period - 1].span.end;
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        first.start..last,
                        format!("`{}` repeated {} times in a row", &text[first.clone()], l.copies),
                    )
                    .with_fix(Fix::delete(Applicability::Unsafe, "keep one copy", first.end..last)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{flagged, run};

    fn fixed(text: &str) -> String {
        let d = run(&RepetitionLoop, text);
        crate::fix::apply_fixes(text, d.iter().filter_map(|d| d.fix.as_ref())).0
    }

    #[test]
    fn flags_loops_of_words_characters_and_markup() {
        assert_eq!(
            flagged(&RepetitionLoop, "分享到分享到分享到微信"),
            vec!["分享到分享到分享到"]
        );
        assert_eq!(
            flagged(&RepetitionLoop, "the reform (service (service (service of the province"),
            vec!["(service (service (service"]
        );
        assert_eq!(
            flagged(
                &RepetitionLoop,
                "It will promote the development of the people of the people of the people of the country."
            ),
            vec!["of the people of the people of the people"]
        );
        assert_eq!(flagged(&RepetitionLoop, "the the the end"), vec!["the the the"]);
        assert_eq!(flagged(&RepetitionLoop, "的的的的的问题"), vec!["的的的的的"]);
        let d = run(&RepetitionLoop, "分享到分享到分享到分享到");
        assert_eq!(d[0].message, "`分享到` repeated 4 times in a row");
    }

    #[test]
    fn fix_keeps_one_copy() {
        assert_eq!(fixed("分享到分享到分享到微信"), "分享到微信");
        assert_eq!(
            fixed("the reform (service (service (service of it"),
            "the reform (service of it"
        );
        assert_eq!(fixed(&fixed("a loop loop loop here")), "a loop here");
    }

    #[test]
    fn leaves_reduplication_numbers_and_pairs() {
        for text in [
            "谢谢谢谢大家，我们常常看看，研究研究。",
            "哈哈哈，好好好，来来来。",
            "高高兴兴、干干净净、天天向上。",
            "The total was 1,000,000,000 yuan, up 10.10.10 percent……",
            "basic system, basic system, and important system",
            "Tora! Tora!",
            "A. A. A. B.",
            "0 0 0 0 0",
            "加油加油！",
        ] {
            assert!(flagged(&RepetitionLoop, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn each_loop_is_reported_once() {
        let text = "分享到分享到分享到分享到分享到分享到";
        assert_eq!(flagged(&RepetitionLoop, text), vec![text]);
        assert_eq!(run(&RepetitionLoop, "ab ab ab ab ab ab ab ab").len(), 1);
    }

    #[test]
    fn long_texts_take_linear_time() {
        // 200,000 tokens over a four-character alphabet: every period is
        // tried at every position, and nothing backtracks.
        let mut x = 12345u32;
        let text: String = (0..200_000)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                ['甲', '乙', '丙', '丁'][(x >> 16) as usize % 4]
            })
            .collect();
        let t = std::time::Instant::now();
        run(&RepetitionLoop, &text);
        assert!(t.elapsed().as_secs() < 5);
    }
}
