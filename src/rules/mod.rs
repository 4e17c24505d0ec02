//! The rule registry: every Rust rule, one line each, and the trait they share.
//!
//! A Rust rule is one file in this folder: its doc comment is its
//! documentation (shown by `bilint explain`), `declare_rule!` gives its
//! metadata, `check` finds the problems, and its tests sit beside it.

use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::document::Analysis;
use crate::source::SourceText;

pub use i_binary_file::BinaryFile;

mod d_date_impossible;
mod d_header_date_mismatch;
mod d_weekday_mismatch;
mod d_zh_date_truncated;
mod d_zh_en_date_mismatch;
mod i_binary_file;
mod i_invalid_utf8;
mod p_ascii_punct_in_zh;
mod p_fullwidth_punct_in_en;
mod p_repeated_spaces;
mod p_space_before_apostrophe;
mod p_space_before_punctuation;
mod p_trailing_whitespace;
mod p_unbalanced_quotes;
mod punct;
mod t_zh_fragment_stranded;
mod t_zh_truncated_end;
mod t_zh_truncated_start;
mod t_zh_unbalanced_brackets;
mod u_fullwidth_alnum;
mod u_invisible_char;
mod u_mojibake;
mod u_nbsp_in_text;
mod u_not_nfc;
mod u_replacement_char;

/// What a rule sees: the text and its analysis, computed once.
pub struct Context<'a> {
    pub src: &'a SourceText,
    pub analysis: &'a Analysis,
}

impl Context<'_> {
    pub fn text(&self) -> &str {
        &self.src.text
    }
}

/// A rule written in Rust.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>);
}

/// Declares a rule type with its metadata; the doc comment becomes the
/// rule's long description.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $ty:ident {
            code: $code:literal,
            name: $name:literal,
            family: $family:ident,
            severity: $severity:ident,
            fix: $fix:ident,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $ty;

        impl $ty {
            pub const META: $crate::diagnostic::RuleMeta = $crate::diagnostic::RuleMeta {
                code: $code,
                name: $name,
                family: $crate::diagnostic::Family::$family,
                severity: $crate::diagnostic::Severity::$severity,
                fix: $crate::diagnostic::Fixable::$fix,
                summary: $summary,
                docs: concat!($($doc, "\n"),*),
                origin: "builtin",
            };
        }
    };
}
pub(crate) use declare_rule;

/// Every built-in Rust rule, in code order.
pub fn builtin() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(t_zh_truncated_start::ZhTruncatedStart),
        Box::new(t_zh_truncated_end::ZhTruncatedEnd),
        Box::new(t_zh_unbalanced_brackets::ZhUnbalancedBrackets),
        Box::new(t_zh_fragment_stranded::ZhFragmentStranded),
        Box::new(d_zh_en_date_mismatch::ZhEnDateMismatch),
        Box::new(d_zh_date_truncated::ZhDateTruncated),
        Box::new(d_header_date_mismatch::HeaderDateMismatch),
        Box::new(d_date_impossible::DateImpossible),
        Box::new(d_weekday_mismatch::WeekdayMismatch),
        Box::new(p_space_before_punctuation::SpaceBeforePunctuation),
        Box::new(p_space_before_apostrophe::SpaceBeforeApostrophe),
        Box::new(p_ascii_punct_in_zh::AsciiPunctInZh),
        Box::new(p_fullwidth_punct_in_en::FullwidthPunctInEn),
        Box::new(p_unbalanced_quotes::UnbalancedQuotes),
        Box::new(p_repeated_spaces::RepeatedSpaces),
        Box::new(p_trailing_whitespace::TrailingWhitespace),
        Box::new(u_not_nfc::NotNfc),
        Box::new(u_fullwidth_alnum::FullwidthAlnum),
        Box::new(u_invisible_char::InvisibleChar),
        Box::new(u_nbsp_in_text::NbspInText),
        Box::new(u_replacement_char::ReplacementChar),
        Box::new(u_mojibake::Mojibake),
        Box::new(i_invalid_utf8::InvalidUtf8),
        Box::new(i_binary_file::BinaryFile),
    ]
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for the rules' inline tests: run one rule on a text.
    use super::*;

    pub fn run(rule: &dyn Rule, text: &str) -> Vec<Diagnostic> {
        let src = SourceText::new(text.to_string());
        let analysis = Analysis::new(&src);
        let mut out = Vec::new();
        rule.check(
            &Context {
                src: &src,
                analysis: &analysis,
            },
            &mut out,
        );
        out
    }

    /// The flagged text of each diagnostic.
    pub fn flagged(rule: &dyn Rule, text: &str) -> Vec<String> {
        run(rule, text).into_iter().map(|d| text[d.span].to_string()).collect()
    }
}
