//! JSONL and TSV corpora: one aligned pair per line. Each record is checked
//! as a small text — its Chinese field, a newline, its English field — that
//! the analysis treats as one paragraph of two segments.

use std::ops::Range;

use serde_json::{Map, Value};

use crate::dates::Ymd;
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::document::Analysis;
use crate::fix::{apply_fixes, Applicability, Fix};
use crate::linter::{Linter, MAX_FIX_PASSES};
use crate::rules::declare_rule;
use crate::source::SourceText;

declare_rule! {
    /// ## What it finds
    /// A JSONL line that is not a JSON object: an array, a string, a number,
    /// or a line cut in the middle of a record.
    ///
    /// ## Why it matters
    /// A corpus reader either stops at it or drops it silently; either way the
    /// line's text is lost. The rest of the file is still checked.
    ///
    /// ## Fix
    /// None.
    pub struct JsonlNotObject {
        code: "I002",
        name: "jsonl-not-object",
        family: Input,
        severity: Error,
        fix: None,
        summary: "JSONL line that is not a JSON object",
    }
}

declare_rule! {
    /// ## What it finds
    /// A record without its Chinese or English text field (`zh`, `en` by
    /// default; `--zh-field`, `--en-field` or the config name others), or
    /// with a field that is not a string (a number, `null`).
    ///
    /// ## Why it matters
    /// The pair is incomplete: it cannot be aligned or checked.
    ///
    /// ## Fix
    /// None.
    pub struct RecordMissingField {
        code: "I003",
        name: "record-missing-field",
        family: Input,
        severity: Error,
        fix: None,
        summary: "record without its text field, or with a field that is not text",
    }
}

declare_rule! {
    /// ## What it finds
    /// A TSV line without a tab: it holds one field where a pair needs two.
    ///
    /// ## Fix
    /// None.
    pub struct TsvNoTab {
        code: "I004",
        name: "tsv-no-tab",
        family: Input,
        severity: Error,
        fix: None,
        summary: "TSV line without a tab",
    }
}

/// The input rules that the record reader applies.
pub fn input_rules() -> Vec<&'static RuleMeta> {
    vec![&JsonlNotObject::META, &RecordMissingField::META, &TsvNoTab::META]
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordFormat {
    Jsonl,
    Tsv,
}

/// Where the Chinese and English texts of a JSONL record are.
#[derive(Debug, Clone)]
pub struct FieldNames {
    pub zh: String,
    pub en: String,
}

impl Default for FieldNames {
    fn default() -> Self {
        FieldNames {
            zh: "zh".to_string(),
            en: "en".to_string(),
        }
    }
}

/// One line of a record file.
#[derive(Debug)]
pub struct Line<'a> {
    /// 1-based line number.
    pub number: usize,
    /// Byte range of the line in the file, without its line ending.
    pub span: Range<usize>,
    pub text: &'a str,
}

/// The lines of a record file (empty lines are skipped by the reader).
pub fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut start = 0;
    let mut number = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i);
        let next = (end + 1).min(text.len().max(end + 1));
        let mut stop = end;
        if stop > start && text.as_bytes()[stop - 1] == b'\r' {
            stop -= 1;
        }
        number += 1;
        let line = Line {
            number,
            span: start..stop,
            text: &text[start..stop],
        };
        start = next;
        Some(line)
    })
}

/// A record ready to check.
#[derive(Debug)]
pub struct Record {
    pub line: usize,
    /// Byte offset of the line in the file.
    pub line_start: usize,
    /// The Chinese field, a newline, the English field.
    pub src: SourceText,
    pub zh_len: usize,
    pub date: Option<Ymd>,
    /// What ties records of one page together: the url, else the id's page
    /// part, else the date.
    pub page: String,
    /// JSONL: the object, for writing the fixed fields back.
    pub object: Option<Map<String, Value>>,
}

impl Record {
    pub fn zh_span(&self) -> Range<usize> {
        0..self.zh_len
    }

    pub fn en_span(&self) -> Range<usize> {
        self.zh_len + 1..self.src.text.len()
    }

    pub fn analysis(&self, lede: bool) -> Analysis {
        Analysis::for_record(&self.src, self.zh_span(), self.en_span(), self.date, lede)
    }
}

/// What a line of a record file is.
// One is built per line and taken apart at once: boxing would gain nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Parsed {
    Record(Record),
    /// A problem with the line itself: the rule, the byte range in the line, the message.
    Problem(&'static RuleMeta, Range<usize>, String),
    Blank,
}

fn parse_date(s: &str) -> Option<Ymd> {
    let mut it = s.get(..10)?.split('-');
    let (y, m, d) = (
        it.next()?.parse().ok()?,
        it.next()?.parse().ok()?,
        it.next()?.parse().ok()?,
    );
    Ymd::new(y, m, d)
}

/// Reads one line of a JSONL or TSV file.
pub fn parse_line(format: RecordFormat, line: &Line<'_>, fields: &FieldNames) -> Parsed {
    if line.text.trim().is_empty() {
        return Parsed::Blank;
    }
    match format {
        RecordFormat::Tsv => {
            let Some(tab) = line.text.find('\t') else {
                return Parsed::Problem(
                    &TsvNoTab::META,
                    0..line.text.len(),
                    "TSV line without a tab: a pair needs two fields".to_string(),
                );
            };
            let en_end = line.text[tab + 1..].find('\t').map_or(line.text.len(), |i| tab + 1 + i);
            let text = format!("{}\n{}", &line.text[..tab], &line.text[tab + 1..en_end]);
            Parsed::Record(Record {
                line: line.number,
                line_start: line.span.start,
                src: SourceText::new(text),
                zh_len: tab,
                date: None,
                page: String::new(),
                object: None,
            })
        }
        RecordFormat::Jsonl => {
            let value: Value = match serde_json::from_str(line.text) {
                Ok(v) => v,
                Err(e) => {
                    let at = byte_of_column(line.text, e.column());
                    return Parsed::Problem(
                        &JsonlNotObject::META,
                        at..line.text.len(),
                        format!("not a JSON record: {e}"),
                    );
                }
            };
            let Value::Object(object) = value else {
                let what = match value {
                    Value::Array(_) => "an array",
                    Value::String(_) => "a string",
                    Value::Number(_) => "a number",
                    Value::Bool(_) => "a boolean",
                    _ => "null",
                };
                return Parsed::Problem(
                    &JsonlNotObject::META,
                    0..line.text.len(),
                    format!("the line is {what}, not a JSON object"),
                );
            };
            let mut texts = Vec::new();
            for name in [&fields.zh, &fields.en] {
                match object.get(name.as_str()) {
                    Some(Value::String(s)) => texts.push(s.clone()),
                    Some(other) => {
                        let kind = match other {
                            Value::Null => "null",
                            Value::Number(_) => "a number",
                            Value::Bool(_) => "a boolean",
                            Value::Array(_) => "an array",
                            _ => "an object",
                        };
                        return Parsed::Problem(
                            &RecordMissingField::META,
                            0..line.text.len(),
                            format!("field `{name}` is {kind}, not text"),
                        );
                    }
                    None => {
                        return Parsed::Problem(
                            &RecordMissingField::META,
                            0..line.text.len(),
                            format!("the record has no `{name}` field"),
                        )
                    }
                }
            }
            let str_field = |k: &str| object.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            let date = parse_date(&str_field("date"));
            let url = str_field("url");
            let id = str_field("id");
            let page = if !url.is_empty() {
                url
            } else if let Some((doc, _)) = id.rsplit_once('-') {
                doc.to_string()
            } else {
                str_field("date")
            };
            let zh_len = texts[0].len();
            Parsed::Record(Record {
                line: line.number,
                line_start: line.span.start,
                src: SourceText::new(format!("{}\n{}", texts[0], texts[1])),
                zh_len,
                date,
                page,
                object: Some(object),
            })
        }
    }
}

/// serde_json's 1-based column (in bytes) as a byte offset on a char boundary.
fn byte_of_column(text: &str, column: usize) -> usize {
    let mut at = column.saturating_sub(1).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The fix loop for one record: fixes are applied field by field (an edit
/// never crosses from one field into the other), until none applies.
/// Returns the fixed fields, the findings left, and the codes of the rules
/// still changing if it did not settle.
pub fn fix_record(
    linter: &Linter,
    rec: &Record,
    lede: bool,
    level: Applicability,
) -> (String, String, Vec<Diagnostic>, Vec<&'static str>) {
    let mut zh = rec.src.text[rec.zh_span()].to_string();
    let mut en = rec.src.text[rec.en_span()].to_string();
    for _ in 0..MAX_FIX_PASSES {
        let current = Record {
            src: SourceText::new(format!("{zh}\n{en}")),
            zh_len: zh.len(),
            ..shallow(rec)
        };
        let diags = linter.check_with(&current.src, &current.analysis(lede));
        let (zh_fixes, en_fixes) = split_fixes(&diags, zh.len(), level);
        let (new_zh, a) = apply_fixes(&zh, &zh_fixes);
        let (new_en, b) = apply_fixes(&en, &en_fixes);
        if (a.is_empty() && b.is_empty()) || (new_zh == zh && new_en == en) {
            return (zh, en, diags, Vec::new());
        }
        zh = new_zh;
        en = new_en;
    }
    let current = Record {
        src: SourceText::new(format!("{zh}\n{en}")),
        zh_len: zh.len(),
        ..shallow(rec)
    };
    let diags = linter.check_with(&current.src, &current.analysis(lede));
    let mut codes: Vec<&'static str> = diags
        .iter()
        .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability >= level))
        .map(|d| d.rule.code)
        .collect();
    codes.dedup();
    (zh, en, diags, codes)
}

fn shallow(rec: &Record) -> Record {
    Record {
        line: rec.line,
        line_start: rec.line_start,
        src: SourceText::new(String::new()),
        zh_len: 0,
        date: rec.date,
        page: String::new(),
        object: None,
    }
}

/// Each fix's edits, clipped to the field they fall in and shifted to the
/// field's own offsets. A fix whose edits touch both fields is dropped.
fn split_fixes(diags: &[Diagnostic], zh_len: usize, level: Applicability) -> (Vec<Fix>, Vec<Fix>) {
    let (mut zh, mut en) = (Vec::new(), Vec::new());
    for fix in diags
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability >= level)
    {
        let r = fix.range();
        let clip = |e: &crate::fix::Edit, lo: usize, hi: usize| {
            (
                e.byte_start.clamp(lo, hi) - lo..e.byte_end.clamp(lo, hi) - lo,
                e.content.clone(),
            )
        };
        if r.end <= zh_len + 1 && r.start <= zh_len {
            let edits: Vec<_> = fix.edits.iter().map(|e| clip(e, 0, zh_len)).collect();
            zh.push(Fix::edits(fix.applicability, fix.message.clone(), edits));
        } else if r.start >= zh_len {
            let edits: Vec<_> = fix.edits.iter().map(|e| clip(e, zh_len + 1, usize::MAX)).collect();
            en.push(Fix::edits(fix.applicability, fix.message.clone(), edits));
        }
    }
    (zh, en)
}

/// The line of a JSONL record with its fields replaced, other fields and
/// their order untouched. `spaced` writes `", "` and `": "` between items,
/// as Python's `json.dumps` does, for lines that were written that way.
pub fn jsonl_line(object: &Map<String, Value>, fields: &FieldNames, zh: &str, en: &str, spaced: bool) -> String {
    let mut object = object.clone();
    object.insert(fields.zh.clone(), Value::String(zh.to_string()));
    object.insert(fields.en.clone(), Value::String(en.to_string()));
    json_line(object, spaced)
}

/// A JSON object as one line, spaced or compact.
pub fn json_line(object: Map<String, Value>, spaced: bool) -> String {
    use serde::Serialize;
    let mut out = Vec::new();
    let result = if spaced {
        Value::Object(object).serialize(&mut serde_json::Serializer::with_formatter(&mut out, Spaced))
    } else {
        Value::Object(object).serialize(&mut serde_json::Serializer::new(&mut out))
    };
    result.expect("a JSON object serialises");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// The page key of a line, when it is a record.
pub fn page_of(format: RecordFormat, fields: &FieldNames, line: &str) -> Option<String> {
    let line = Line {
        number: 0,
        span: 0..line.len(),
        text: line,
    };
    match parse_line(format, &line, fields) {
        Parsed::Record(r) => Some(r.page),
        _ => None,
    }
}

/// Whether a JSON line puts a space after its separators.
pub fn is_spaced(line: &str) -> bool {
    line.contains("\": ")
}

/// One line of JSON with `", "` and `": "` separators.
struct Spaced;

impl serde_json::ser::Formatter for Spaced {
    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(format: RecordFormat, text: &str) -> Parsed {
        let line = lines(text).next().unwrap();
        parse_line(format, &line, &FieldNames::default())
    }

    #[test]
    fn jsonl_records_and_their_problems() {
        let Parsed::Record(r) = parse(
            RecordFormat::Jsonl,
            r#"{"id": "d1-001", "date": "2019-12-07", "zh": "全会举行。", "en": "It met."}"#,
        ) else {
            panic!("a record")
        };
        assert_eq!(&r.src.text[r.zh_span()], "全会举行。");
        assert_eq!(&r.src.text[r.en_span()], "It met.");
        assert_eq!(r.date, Ymd::new(2019, 12, 7));
        assert_eq!(r.page, "d1");
        for (text, code, message) in [
            ("[1, 2]", "I002", "the line is an array"),
            ("\"text\"", "I002", "the line is a string"),
            (r#"{"zh": "全会"#, "I002", "not a JSON record"),
            (r#"{"zh": 3, "en": "x"}"#, "I003", "field `zh` is a number"),
            (r#"{"zh": "全会", "en": null}"#, "I003", "field `en` is null"),
            (r#"{"zh": "全会"}"#, "I003", "no `en` field"),
        ] {
            match parse(RecordFormat::Jsonl, text) {
                Parsed::Problem(meta, _, m) => {
                    assert_eq!(meta.code, code, "{text}");
                    assert!(m.contains(message), "{text}: {m}");
                }
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn tsv_records_keep_file_offsets() {
        let Parsed::Record(r) = parse(RecordFormat::Tsv, "全会举行。\tIt met.\textra") else {
            panic!()
        };
        assert_eq!(r.src.text, "全会举行。\nIt met.");
        assert!(matches!(parse(RecordFormat::Tsv, "no tab here"), Parsed::Problem(m, _, _) if m.code == "I004"));
    }

    #[test]
    fn fixed_jsonl_keeps_key_order() {
        let Parsed::Record(r) = parse(RecordFormat::Jsonl, r#"{"id": "x", "zh": "a", "url": "", "en": "b"}"#) else {
            panic!()
        };
        let object = r.object.as_ref().unwrap();
        let line = jsonl_line(object, &FieldNames::default(), "中文", "B", false);
        assert_eq!(line, r#"{"id":"x","zh":"中文","url":"","en":"B"}"#);
        let line = jsonl_line(object, &FieldNames::default(), "中文", "B", true);
        assert_eq!(line, r#"{"id": "x", "zh": "中文", "url": "", "en": "B"}"#);
    }
}
