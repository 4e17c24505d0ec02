//! `json` and `jsonl`: the objects whose field names DESIGN.md fixes.

use serde::Serialize;

use super::FileReport;
use crate::diagnostic::Diagnostic;
use crate::fix::Fix;

/// One diagnostic as JSON.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    pub path: &'a str,
    pub code: &'a str,
    pub name: &'a str,
    pub family: &'a str,
    pub severity: &'a str,
    pub message: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub record: Option<usize>,
    pub field: Option<&'a str>,
    pub help: Option<&'a str>,
    pub fix: Option<Fix>,
}

impl<'a> JsonDiagnostic<'a> {
    pub fn new(report: &FileReport<'a>, d: &'a Diagnostic) -> Self {
        let at = report.locate(&d.span);
        JsonDiagnostic {
            path: report.path,
            code: d.rule.code,
            name: d.rule.name,
            family: d.rule.family.as_str(),
            severity: d.severity.as_str(),
            message: &d.message,
            line: at.start.line,
            column: at.start.column,
            end_line: at.end.line,
            end_column: at.end.column,
            byte_start: at.start.byte,
            byte_end: at.end.byte,
            record: at.record,
            field: at.field,
            help: d.help.as_deref(),
            fix: d.fix.as_ref().map(|f| report.located_fix(f)),
        }
    }
}

/// The diagnostics of one report as JSON values.
pub fn objects<'a>(report: &'a FileReport<'a>) -> impl Iterator<Item = JsonDiagnostic<'a>> + 'a {
    report.diagnostics.iter().map(move |d| JsonDiagnostic::new(report, d))
}
