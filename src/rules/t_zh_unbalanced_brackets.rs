use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::document::Lang;
use crate::script::{closing_partner, is_closing_bracket};

declare_rule! {
    /// ## What it finds
    /// A bracket or quotation mark inside a Chinese fragment without its
    /// partner: `（）` `()` `【】` `《》` `“”` `「」` `『』` `[]`, full-width and
    /// ASCII alike.
    ///
    /// ## Why it matters
    /// A closing bracket with no opening one (`…全体会议通过)`) shows that the
    /// head of the fragment, with the opening bracket, was cut; an opening one
    /// with no partner shows a lost tail.
    ///
    /// ## Examples
    /// ```text
    /// 126日中国共产党四川省委全体会议通过) (Adopted on December 6, 2019)   <- flagged: `)`
    /// 居民消费价格指数（CPI）上涨3%。                                      <- not flagged
    /// ```
    ///
    /// ## Fix
    /// None: which text belongs inside the brackets is not known.
    pub struct ZhUnbalancedBrackets {
        code: "T003",
        name: "zh-unbalanced-brackets",
        family: Truncation,
        severity: Warning,
        fix: None,
        summary: "bracket or quote without its partner in a Chinese fragment",
    }
}

impl Rule for ZhUnbalancedBrackets {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.text();
        for seg in ctx.analysis.segments(Lang::Zh) {
            check_fragment(seg.span.start, &text[seg.span.clone()], out);
        }
    }
}

fn check_fragment(base: usize, frag: &str, out: &mut Vec<Diagnostic>) {
    let meta = &ZhUnbalancedBrackets::META;
    let mut stack: Vec<(char, usize)> = Vec::new();
    // How many openers on the stack each closer would close: a closer with
    // none is found without searching the stack, and a search ends at a
    // partner, draining what it passed, so a fragment is scanned once.
    let mut waiting: Vec<(char, usize)> = Vec::new();
    let mut ascii_quotes: Vec<usize> = Vec::new();
    for (i, c) in frag.char_indices() {
        if c == '"' {
            ascii_quotes.push(i);
        } else if let Some(close) = closing_partner(c) {
            stack.push((c, i));
            match waiting.iter_mut().find(|(k, _)| *k == close) {
                Some((_, n)) => *n += 1,
                None => waiting.push((close, 1)),
            }
        } else if is_closing_bracket(c) {
            let open_partners = waiting.iter().find(|(k, _)| *k == c).map_or(0, |(_, n)| *n);
            let found = if open_partners == 0 {
                None
            } else {
                stack.iter().rposition(|(open, _)| closing_partner(*open) == Some(c))
            };
            match found {
                Some(k) => {
                    for (open, _) in &stack[k..] {
                        if let Some((_, n)) = waiting.iter_mut().find(|(w, _)| Some(*w) == closing_partner(*open)) {
                            *n -= 1;
                        }
                    }
                    // Openers above the partner were never closed.
                    for (open, at) in stack.drain(k..).skip(1) {
                        out.push(unclosed(base + at, open));
                    }
                }
                None => {
                    let at = base + i;
                    out.push(Diagnostic::new(
                        meta,
                        at..at + c.len_utf8(),
                        format!("`{c}` closes a bracket that was never opened in this fragment: its head was cut"),
                    ));
                }
            }
        }
    }
    for (open, at) in stack {
        out.push(unclosed(base + at, open));
    }
    if ascii_quotes.len() % 2 == 1 {
        let at = base + *ascii_quotes.last().unwrap();
        out.push(Diagnostic::new(
            meta,
            at..at + 1,
            "`\"` has no partner in this fragment",
        ));
    }
}

fn unclosed(at: usize, open: char) -> Diagnostic {
    let close = closing_partner(open).unwrap_or(' ');
    Diagnostic::new(
        &ZhUnbalancedBrackets::META,
        at..at + open.len_utf8(),
        format!("`{open}` is never closed by `{close}` in this fragment: its tail was cut"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::flagged;

    #[test]
    fn flags_partnerless_brackets() {
        assert_eq!(
            flagged(
                &ZhUnbalancedBrackets,
                "126日中国共产党四川省委全体会议通过) (Adopted on December 6, 2019)"
            ),
            vec![")"]
        );
        assert_eq!(flagged(&ZhUnbalancedBrackets, "他说：“我们将继续推进改革"), vec!["“"]);
        assert_eq!(flagged(&ZhUnbalancedBrackets, "《关于推进基层治理的决定"), vec!["《"]);
        assert_eq!(flagged(&ZhUnbalancedBrackets, "基层治理】的决定。"), vec!["】"]);
    }

    #[test]
    fn closers_without_openers_after_many_openers() {
        let text = format!("中{}{}", "（".repeat(3), "]".repeat(2));
        let found = flagged(&ZhUnbalancedBrackets, &text);
        assert_eq!(found.iter().filter(|f| *f == "]").count(), 2);
        assert_eq!(found.iter().filter(|f| *f == "（").count(), 3);
        assert_eq!(
            flagged(&ZhUnbalancedBrackets, "中（[（）]）"),
            Vec::<String>::new(),
            "nested pairs balance"
        );
        assert_eq!(flagged(&ZhUnbalancedBrackets, "中（[）"), vec!["["]);
    }

    #[test]
    fn leaves_balanced_text() {
        for text in [
            "居民消费价格指数（CPI）上涨3%。",
            "落实“两不愁三保障”回头看。 (English in brackets)",
            "《中共四川省委关于（试行）的决定》发布。",
            "新华社（记者 李明）报道。",
        ] {
            assert!(flagged(&ZhUnbalancedBrackets, text).is_empty(), "{text}");
        }
    }
}
