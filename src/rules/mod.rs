//! The rule registry: every Rust rule, one line each, and the trait they share.
//!
//! A Rust rule is one file in this folder: its doc comment is its
//! documentation (shown by `bilint explain`), `declare_rule!` gives its
//! metadata, `check` finds the problems, and its tests sit beside it.

use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::document::Analysis;
use crate::source::SourceText;

mod a_duplicate_paragraph;
mod a_duplicate_sentence;
mod a_length_ratio;
mod a_repetition_loop;
mod a_untranslated_pair;
mod a_wrong_language;
pub use i_binary_file::BinaryFile;

mod d_date_impossible;
mod d_header_date_mismatch;
mod d_weekday_mismatch;
mod d_zh_date_truncated;
mod d_zh_en_date_mismatch;
mod i_binary_file;
mod i_invalid_utf8;
mod n_number_mismatch;
mod n_number_missing;
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

pub use a_duplicate_paragraph::{repeated_record, DuplicateParagraph};

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
        Box::new(n_number_mismatch::NumberMismatch),
        Box::new(n_number_missing::NumberMissing),
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
        Box::new(a_wrong_language::WrongLanguage),
        Box::new(a_untranslated_pair::UntranslatedPair),
        Box::new(a_length_ratio::LengthRatio),
        Box::new(a_duplicate_paragraph::DuplicateParagraph),
        Box::new(a_duplicate_sentence::DuplicateSentence),
        Box::new(a_repetition_loop::RepetitionLoop),
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

    /// The text after applying every fix the rule offers (safe and unsafe).
    pub fn fixed_by(rule: &dyn Rule, text: &str) -> String {
        let d = run(rule, text);
        crate::fix::apply_fixes(text, d.iter().filter_map(|d| d.fix.as_ref())).0
    }

    /// Runs one rule on a JSONL/TSV record: its text is the Chinese field, a
    /// newline and the English field, analysed as one paragraph.
    pub fn run_record_diagnostics(rule: &dyn Rule, zh: &str, en: &str) -> (String, Vec<Diagnostic>) {
        let text = format!("{zh}\n{en}");
        let src = SourceText::new(text.clone());
        let analysis = Analysis::for_record(&src, 0..zh.len(), zh.len() + 1..text.len(), None, false);
        let mut out = Vec::new();
        rule.check(
            &Context {
                src: &src,
                analysis: &analysis,
            },
            &mut out,
        );
        (text, out)
    }

    /// The flagged text of each diagnostic on a record.
    pub fn run_record(rule: &dyn Rule, zh: &str, en: &str) -> Vec<String> {
        let (text, diags) = run_record_diagnostics(rule, zh, en);
        diags.into_iter().map(|d| text[d.span].to_string()).collect()
    }

    /// The flagged text of each diagnostic.
    pub fn flagged(rule: &dyn Rule, text: &str) -> Vec<String> {
        run(rule, text).into_iter().map(|d| text[d.span].to_string()).collect()
    }
}
