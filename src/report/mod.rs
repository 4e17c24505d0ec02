//! Printers: one per output format. The engine hands them data; they never
//! touch rule code.

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;
use crate::source::SourceText;

pub mod json;
pub mod pretty;
pub mod sarif;

/// The findings of one checked input.
pub struct FileReport<'a> {
    /// The path as given on the command line (`-` for stdin).
    pub path: &'a str,
    pub src: &'a SourceText,
    pub diagnostics: &'a [Diagnostic],
}

/// `path:line:col: CODE message`, one per line.
pub fn write_concise(w: &mut dyn Write, report: &FileReport<'_>) -> io::Result<()> {
    for d in report.diagnostics {
        let (line, col) = report.src.line_col(d.span.start);
        writeln!(w, "{}:{}:{}: {} {}", report.path, line, col, d.rule.code, d.message)?;
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
        self.files += 1;
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
        let (line, col) = report.src.line_col(d.span.start);
        let (end_line, end_col) = report.src.line_col(d.span.end);
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
