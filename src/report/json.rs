//! `json` and `jsonl`: the objects whose field names DESIGN.md fixes.

use std::io::{self, Write};

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

/// One diagnostic as it stands in the pretty-printed array of `json`: the
/// object indented by one level. A run keeps these strings, not JSON
/// values, until the end: a tenth of the memory for a million findings.
pub fn array_item(o: &JsonDiagnostic<'_>) -> String {
    let mut buf = Vec::new();
    let mut ser =
        serde_json::Serializer::with_formatter(&mut buf, serde_json::ser::PrettyFormatter::with_indent(b"  "));
    if o.serialize(&mut ser).is_err() {
        return String::new();
    }
    // Newlines inside JSON strings are escaped, so every line break is the
    // printer's own.
    let text = String::from_utf8_lossy(&buf);
    let mut out = String::with_capacity(buf.len() + buf.len() / 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("  ");
        out.push_str(line);
    }
    out
}

/// Items from [`array_item`] as one JSON array, byte for byte what
/// `serde_json::to_writer_pretty` prints for the objects.
pub fn write_array(w: &mut dyn Write, items: &[String]) -> io::Result<()> {
    if items.is_empty() {
        return w.write_all(b"[]");
    }
    w.write_all(b"[\n")?;
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            w.write_all(b",\n")?;
        }
        w.write_all(item.as_bytes())?;
    }
    w.write_all(b"\n]")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linter::{Linter, Registry, Selection};
    use crate::report::Origin;
    use crate::source::SourceText;

    #[test]
    fn the_array_is_what_serde_json_prints() {
        let linter = Linter::new(Registry::new(Vec::new()), &Selection::default());
        for text in ["", "Title , here.\n\n人,候补 \"x\n\nshare\u{a0}to\t\n"] {
            let src = SourceText::new(text.to_string());
            let diagnostics = linter.check(&src);
            let report = FileReport {
                path: "a \"b\".txt",
                src: &src,
                diagnostics: &diagnostics,
                origin: &Origin::File,
            };
            let values: Vec<serde_json::Value> = objects(&report).map(|o| serde_json::to_value(o).unwrap()).collect();
            let items: Vec<String> = objects(&report).map(|o| array_item(&o)).collect();
            let mut out = Vec::new();
            write_array(&mut out, &items).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string_pretty(&values).unwrap()
            );
        }
    }
}
