//! The default report: miette's graphical diagnostics.
//!
//! miette re-reads a string source from its start for every span it
//! renders, so each diagnostic gets only its own window of the text (a few
//! lines, long lines clipped around the span) with the real line numbers.

use std::fmt;
use std::ops::Range;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};

use super::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::fix::apply_fixes;

/// Characters kept on each side of the spans when a line is clipped.
const CLIP_CONTEXT: usize = 60;
/// Lines longer than this are clipped around the spans.
const CLIP_LINES_LONGER_THAN: usize = 200;
/// Secondary labels further than this many lines from the primary span are left out.
const LABEL_REACH: usize = 6;

struct Window {
    name: String,
    text: String,
    /// 0-based line of the window's first line in the file.
    first_line: usize,
    /// 0-based column (characters) where the window starts on its first line.
    first_col: usize,
}

impl SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        let column = if inner.line() == 0 {
            inner.column() + self.first_col
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            column,
            inner.line_count(),
        )))
    }
}

struct Rendered<'a> {
    diag: &'a Diagnostic,
    code: String,
    window: Window,
    labels: Vec<LabeledSpan>,
    help: Option<String>,
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl std::error::Error for Rendered<'_> {}

impl miette::Diagnostic for Rendered<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.window)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

/// Clip `range` of `text` to char boundaries around `keep`, widened by
/// `CLIP_CONTEXT` characters on each side.
fn clip(text: &str, line: Range<usize>, keep: Range<usize>) -> Range<usize> {
    let before = &text[line.start..keep.start];
    let start = before
        .char_indices()
        .rev()
        .nth(CLIP_CONTEXT)
        .map_or(line.start, |(i, _)| line.start + i);
    let after = &text[keep.end.min(line.end)..line.end];
    let end = after
        .char_indices()
        .nth(CLIP_CONTEXT)
        .map_or(line.end, |(i, _)| keep.end.min(line.end) + i);
    start..end
}

/// The diagnostic's span and its labels, as spans of the window `range`.
fn window_labels<'a>(
    d: &Diagnostic,
    labels: impl Iterator<Item = &'a crate::diagnostic::Label>,
    range: &Range<usize>,
) -> Vec<LabeledSpan> {
    let rel = |r: &Range<usize>| -> SourceSpan {
        let s = r.start.clamp(range.start, range.end) - range.start;
        let e = r.end.clamp(range.start, range.end) - range.start;
        (s, e - s).into()
    };
    let mut spans = vec![LabeledSpan::new_primary_with_span(
        Some(d.rule.name.to_string()),
        rel(&d.span),
    )];
    spans.extend(labels.map(|l| LabeledSpan::new_with_span(Some(l.text.clone()), rel(&l.span))));
    spans
}

/// Renders every diagnostic of a report.
pub fn render(report: &FileReport<'_>, handler: &GraphicalReportHandler, out: &mut String) {
    let src = report.src;
    let text = src.text.as_str();
    let line_base = match report.origin {
        super::Origin::Chunk { line, .. } => *line,
        _ => 0,
    };
    for d in report.diagnostics {
        if matches!(report.origin, super::Origin::Record { .. }) {
            render_record(report, handler, d, out);
            continue;
        }
        let first = src.line_index(d.span.start);
        let last = src.line_index(d.span.end.saturating_sub(1).max(d.span.start));
        let labels: Vec<&crate::diagnostic::Label> = d
            .labels
            .iter()
            .filter(|l| {
                let li = src.line_index(l.span.start);
                li + LABEL_REACH >= first && li <= last + LABEL_REACH
            })
            .collect();
        let lo_line = labels
            .iter()
            .map(|l| src.line_index(l.span.start))
            .chain([first])
            .min()
            .unwrap();
        let hi_line = labels
            .iter()
            .map(|l| src.line_index(l.span.end.saturating_sub(1).max(l.span.start)))
            .chain([last])
            .max()
            .unwrap();
        let mut range = src.line_span(lo_line).start..src.line_span(hi_line).end;
        if lo_line == hi_line && range.len() > CLIP_LINES_LONGER_THAN {
            let keep_start = labels.iter().map(|l| l.span.start).chain([d.span.start]).min().unwrap();
            let keep_end = labels
                .iter()
                .map(|l| l.span.end)
                .chain([d.span.end])
                .max()
                .unwrap()
                .min(range.end);
            range = clip(text, range, keep_start..keep_end.max(keep_start));
        }
        let first_col = src.char_count(src.line_span(lo_line).start..range.start);
        let spans = window_labels(d, labels.iter().copied(), &range);
        let rendered = Rendered {
            diag: d,
            code: format!("{} {}", d.rule.code, d.rule.name),
            window: Window {
                name: report.path.to_string(),
                text: text[range.clone()].to_string(),
                first_line: lo_line + line_base,
                first_col,
            },
            labels: spans,
            help: help_text(report, d),
        };
        let _ = handler.render_report(out, &rendered);
        out.push('\n');
    }
}

/// A diagnostic of a record: the window is the field (or line) it is in,
/// named with the record's line and field.
fn render_record(report: &FileReport<'_>, handler: &GraphicalReportHandler, d: &Diagnostic, out: &mut String) {
    let text = report.src.text.as_str();
    let at = report.locate(&d.span);
    let field = match report.origin {
        super::Origin::Record { fields: Some(f), .. } if d.span.start > f.zh_len => f.zh_len + 1..text.len(),
        super::Origin::Record { fields: Some(f), .. } => 0..f.zh_len,
        _ => 0..text.len(),
    };
    let mut range = field.clone();
    if range.len() > CLIP_LINES_LONGER_THAN {
        range = clip(
            text,
            field.clone(),
            d.span.start.max(field.start)..d.span.end.min(field.end).max(d.span.start),
        );
    }
    let first_col = report.src.char_count(field.start..range.start);
    let spans = window_labels(d, d.labels.iter().filter(|l| field.contains(&l.span.start)), &range);
    let name = match at.field {
        Some(f) => format!("{} (record, field {f})", report.path),
        None => format!("{} (record)", report.path),
    };
    let rendered = Rendered {
        diag: d,
        code: format!("{} {}", d.rule.code, d.rule.name),
        window: Window {
            name,
            text: text[range.clone()].to_string(),
            first_line: at.start.line - 1,
            first_col,
        },
        labels: spans,
        help: d.help.clone(),
    };
    let _ = handler.render_report(out, &rendered);
    out.push('\n');
}

/// The help line, and the fix shown as a before/after of the text it touches.
fn help_text(report: &FileReport<'_>, d: &Diagnostic) -> Option<String> {
    let mut help = d.help.clone().unwrap_or_default();
    if let Some(fix) = &d.fix {
        let src = report.src;
        let text = src.text.as_str();
        let range = fix.range();
        let first = src.line_index(range.start);
        let last = src.line_index(range.end.saturating_sub(1).max(range.start));
        let lo = src.line_span(first).start;
        let hi = src.line_span(last).end.max(range.end);
        let mut win = lo..hi;
        if first == last && win.len() > CLIP_LINES_LONGER_THAN {
            win = clip(text, win, range.clone());
        }
        let shifted = crate::fix::Fix::edits(
            fix.applicability,
            "",
            fix.edits
                .iter()
                .map(|e| (e.byte_start - win.start..e.byte_end - win.start, e.content.clone())),
        );
        let before = &text[win.clone()];
        let (after, _) = apply_fixes(before, [&shifted]);
        let ellipsis = |at_start: bool| if at_start { "" } else { "…" };
        let pre = ellipsis(win.start == lo);
        let post = ellipsis(win.end >= src.line_span(last).end);
        if !help.is_empty() {
            help.push('\n');
        }
        help.push_str(&format!("fix ({}): {}", fix.applicability.as_str(), fix.message));
        for l in before.trim_end_matches(['\n', '\r']).lines() {
            help.push_str(&format!("\n  - {pre}{l}{post}"));
        }
        let after = after.trim_end_matches(['\n', '\r']);
        if after.trim().is_empty() {
            help.push_str("\n  + (line removed)");
        }
        for l in after.lines().filter(|l| !l.trim().is_empty()) {
            help.push_str(&format!("\n  + {pre}{l}{post}"));
        }
    }
    (!help.is_empty()).then_some(help)
}

/// The handler for a terminal or a pipe.
pub fn handler(color: bool) -> GraphicalReportHandler {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_context_lines(1)
        .with_width(120)
        .without_cause_chain()
}
