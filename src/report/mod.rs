//! Printers: one per output format. The engine hands them data; they never
//! touch rule code.

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;
use crate::source::SourceText;

pub mod json;
pub mod pretty;
pub mod sarif;

/// The findings of one checked unit: a whole page, or one record of a
/// JSONL or TSV file.
pub struct FileReport<'a> {
    /// The path as given on the command line (`-` for stdin).
    pub path: &'a str,
    pub src: &'a SourceText,
    pub diagnostics: &'a [Diagnostic],
    pub origin: &'a Origin,
}

/// Where a checked text sits in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The text is the whole file.
    File,
    /// The text is a piece of the file that starts after `line` lines (a
    /// page file read in pieces); its `SourceText::base` is its byte offset.
    Chunk { line: usize },
    /// The text is one line of a record file.
    Record {
        /// 1-based line of the record.
        line: usize,
        /// Byte offset of the line in the file.
        line_start: usize,
        /// How the text is made: `None` for a line checked as it stands (a
        /// line that is not a record).
        fields: Option<Fields>,
    },
}

/// A record's text is its Chinese field, a newline, its English field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    pub zh_len: usize,
    /// JSONL: the field names; offsets are then within the field's decoded
    /// text. `None` for TSV, where the text is the line with its tab made a
    /// newline, so offsets map straight to the file.
    pub names: Option<(String, String)>,
}

/// A place in the input as the machine-readable formats report it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub byte: usize,
}

/// Where a span of a checked text stands in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<'a> {
    pub start: Position,
    pub end: Position,
    pub record: Option<usize>,
    pub field: Option<&'a str>,
}

impl<'a> FileReport<'a> {
    pub fn locate(&self, span: &std::ops::Range<usize>) -> Located<'a> {
        let chars = |r: std::ops::Range<usize>| self.src.char_count(r);
        match self.origin {
            Origin::File | Origin::Chunk { .. } => {
                let line = match self.origin {
                    Origin::Chunk { line } => *line,
                    _ => 0,
                };
                let (l0, c0) = self.src.line_col(span.start);
                let (l1, c1) = self.src.line_col(span.end);
                Located {
                    start: Position {
                        line: line + l0,
                        column: c0,
                        byte: self.src.file_offset(span.start),
                    },
                    end: Position {
                        line: line + l1,
                        column: c1,
                        byte: self.src.file_offset(span.end),
                    },
                    record: None,
                    field: None,
                }
            }
            Origin::Record {
                line,
                line_start,
                fields,
            } => {
                let (base, field) = match fields {
                    Some(Fields {
                        zh_len,
                        names: Some((zh, en)),
                    }) => {
                        if span.start <= *zh_len {
                            (0, Some(zh.as_str()))
                        } else {
                            (zh_len + 1, Some(en.as_str()))
                        }
                    }
                    _ => (0, None),
                };
                let in_file = fields.as_ref().is_none_or(|f| f.names.is_none());
                let end = span.end.max(base);
                let pos = |at: usize| Position {
                    line: *line,
                    column: chars(base..at) + 1,
                    byte: if in_file { line_start + at } else { at - base },
                };
                Located {
                    start: pos(span.start),
                    end: pos(end),
                    record: Some(*line),
                    field,
                }
            }
        }
    }
}

impl FileReport<'_> {
    /// A fix with its edits' offsets where the machine-readable formats
    /// report them: in the file, or in the field for JSONL.
    pub fn located_fix(&self, fix: &crate::fix::Fix) -> crate::fix::Fix {
        let mut fix = fix.clone();
        for e in &mut fix.edits {
            let at = self.locate(&(e.byte_start..e.byte_end));
            e.byte_start = at.start.byte;
            e.byte_end = at.end.byte;
        }
        fix
    }
}

/// `path:line:col: CODE message`, one per line.
pub fn write_concise(w: &mut dyn Write, report: &FileReport<'_>) -> io::Result<()> {
    for d in report.diagnostics {
        let at = report.locate(&d.span);
        writeln!(
            w,
            "{}:{}:{}: {} {}",
            report.path, at.start.line, at.start.column, d.rule.code, d.message
        )?;
    }
    Ok(())
}

/// Counts for the summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Totals {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub safe_fixable: usize,
    pub unsafe_fixable: usize,
    pub files: usize,
}

impl Totals {
    pub fn add(&mut self, diags: &[Diagnostic]) {
        use crate::diagnostic::Severity::*;
        use crate::fix::Applicability;
        for d in diags {
            match d.severity {
                Error => self.errors += 1,
                Warning => self.warnings += 1,
                Info => self.infos += 1,
            }
            match d.fix.as_ref().map(|f| f.applicability) {
                Some(Applicability::Safe) => self.safe_fixable += 1,
                Some(Applicability::Unsafe) => self.unsafe_fixable += 1,
                None => {}
            }
        }
    }

    pub fn merge(&mut self, other: &Totals) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
        self.safe_fixable += other.safe_fixable;
        self.unsafe_fixable += other.unsafe_fixable;
    }

    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    pub fn summary(&self) -> String {
        if self.total() == 0 {
            return format!("No problems found in {} file{}.", self.files, plural(self.files));
        }
        let mut s = format!(
            "Found {} problem{} ({} error{}, {} warning{}, {} info) in {} file{}.",
            self.total(),
            plural(self.total()),
            self.errors,
            plural(self.errors),
            self.warnings,
            plural(self.warnings),
            self.infos,
            self.files,
            plural(self.files)
        );
        if self.safe_fixable > 0 {
            s.push_str(&format!("\n{} fixable with `--fix`.", self.safe_fixable));
        }
        if self.unsafe_fixable > 0 {
            s.push_str(&format!(
                "\n{} more fixable with `--fix --unsafe-fixes`.",
                self.unsafe_fixable
            ));
        }
        s
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// GitHub Actions workflow commands, one per diagnostic.
pub fn write_github(w: &mut dyn Write, report: &FileReport<'_>) -> io::Result<()> {
    for d in report.diagnostics {
        let at = report.locate(&d.span);
        let (line, col, end_line, end_col) = (at.start.line, at.start.column, at.end.line, at.end.column);
        let level = match d.severity {
            crate::diagnostic::Severity::Error => "error",
            crate::diagnostic::Severity::Warning => "warning",
            crate::diagnostic::Severity::Info => "notice",
        };
        writeln!(
            w,
            "::{level} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
            escape_property(report.path),
            escape_property(&format!("{} {}", d.rule.code, d.rule.name)),
            escape_data(&d.message)
        )?;
    }
    Ok(())
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
