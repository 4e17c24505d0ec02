//! What a rule reports: the rule's metadata, severities, families, and the
//! diagnostic itself.

use std::fmt;
use std::ops::Range;

use serde::Serialize;

use crate::fix::Fix;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "info" => Severity::Info,
            _ => return None,
        })
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The rule families; the letter is the first character of a rule's code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Truncation,
    Boilerplate,
    Date,
    Number,
    Punctuation,
    Unicode,
    Alignment,
    Input,
}

impl Family {
    pub const ALL: [Family; 8] = [
        Family::Truncation,
        Family::Boilerplate,
        Family::Date,
        Family::Number,
        Family::Punctuation,
        Family::Unicode,
        Family::Alignment,
        Family::Input,
    ];

    pub fn letter(self) -> char {
        match self {
            Family::Truncation => 'T',
            Family::Boilerplate => 'B',
            Family::Date => 'D',
            Family::Number => 'N',
            Family::Punctuation => 'P',
            Family::Unicode => 'U',
            Family::Alignment => 'A',
            Family::Input => 'I',
        }
    }

    pub fn from_letter(c: char) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.letter() == c)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Family::Truncation => "truncation",
            Family::Boilerplate => "boilerplate",
            Family::Date => "date",
            Family::Number => "number",
            Family::Punctuation => "punctuation",
            Family::Unicode => "unicode",
            Family::Alignment => "alignment",
            Family::Input => "input",
        }
    }
}

/// Whether a rule can offer a fix, and of which kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Fixable {
    None,
    Safe,
    Unsafe,
    /// Safe for some findings, unsafe for others.
    Sometimes,
}

impl Fixable {
    pub fn as_str(self) -> &'static str {
        match self {
            Fixable::None => "none",
            Fixable::Safe => "safe",
            Fixable::Unsafe => "unsafe",
            Fixable::Sometimes => "sometimes",
        }
    }
}

/// What the registry knows of a rule. Rust rules hold a `static` one; pack
/// rules are built when their pack loads and live as long as the program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    pub fix: Fixable,
    pub summary: &'static str,
    /// The long description (Markdown): what it finds, why it matters, examples.
    #[serde(skip)]
    pub docs: &'static str,
    /// Where the rule comes from: `builtin` or the pack file.
    pub origin: &'static str,
}

/// A secondary labelled span, e.g. the English date a Chinese date disagrees with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Range<usize>,
    pub text: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub message: String,
    /// Byte span in the checked text.
    pub span: Range<usize>,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(rule: &'static RuleMeta, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: rule.severity,
            message: message.into(),
            span,
            labels: Vec::new(),
            help: None,
            fix: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_label(mut self, span: Range<usize>, text: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            text: text.into(),
        });
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn code(&self) -> &'static str {
        self.rule.code
    }
}
