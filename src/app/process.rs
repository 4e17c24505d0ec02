//! Checking one input: a page file whole or in pieces, a record file
//! record by record, fixing, and the corpus-wide duplicate records.

use crate::chunks::{Chunk, Chunker};
use crate::diagnostic::Diagnostic;
use crate::fix::Applicability;
use crate::linter::Linter;
use crate::records::{self, FieldNames, Parsed, RecordFormat};
use crate::report::{self, Fields, FileReport, Origin, Totals};
use crate::source::SourceText;

use super::{chunk_target, InputFormat};

/// One checked unit of an input: the whole page, or one record.
#[derive(Clone)]
pub(super) struct Unit {
    pub(super) src: SourceText,
    pub(super) diagnostics: Vec<Diagnostic>,
    pub(super) origin: Origin,
}

/// What checking (and fixing) one input gave.
pub(super) struct Processed {
    pub(super) units: Vec<Unit>,
    /// With --fix/--diff: the new content of the file, when it changed.
    pub(super) fixed: Option<String>,
    /// The original text, for the diff.
    pub(super) original: Option<String>,
    /// Byte ranges in the original file of the fixes applied, with their codes.
    pub(super) fix_ranges: Vec<(std::ops::Range<usize>, &'static str)>,
    /// Rules whose fixes still changed the text after the last pass.
    pub(super) unconverged: Vec<&'static str>,
    /// Records of a record file, for the corpus-wide duplicate check.
    pub(super) records: Vec<RecordKey>,
}

/// A record as the corpus-wide duplicate check needs it.
pub(super) struct RecordKey {
    pub(super) hash: u64,
    pub(super) width: usize,
    pub(super) src: SourceText,
    pub(super) origin: Origin,
}

impl Processed {
    /// A page checked and left as it is.
    pub(super) fn checked(src: SourceText, diagnostics: Vec<Diagnostic>) -> Processed {
        Processed {
            units: vec![Unit {
                src,
                diagnostics,
                origin: Origin::File,
            }],
            fixed: None,
            original: None,
            fix_ranges: Vec::new(),
            unconverged: Vec::new(),
            records: Vec::new(),
        }
    }
}

/// Checks (and with `fixing`, fixes) a page.
pub(super) fn process_txt(
    linter: &Linter,
    src: SourceText,
    fixing: Option<Applicability>,
    keep: &dyn Fn(&Diagnostic) -> bool,
) -> Processed {
    let Some(level) = fixing else {
        let diagnostics = linter.check(&src).into_iter().filter(|d| keep(d)).collect();
        return Processed::checked(src, diagnostics);
    };
    if !src.invalid_utf8.is_empty() {
        // Writing it back would replace the bad bytes: leave it as it is.
        let diagnostics = linter.check(&src).into_iter().filter(|d| keep(d)).collect();
        return Processed::checked(src, diagnostics);
    }
    let fix_ranges = linter
        .check(&src)
        .iter()
        .filter(|d| keep(d))
        .filter_map(|d| {
            d.fix
                .as_ref()
                .filter(|f| f.applicability >= level)
                .map(|f| (f.range(), d.rule.code))
        })
        .collect();
    let outcome = linter.fix(&src, level);
    let changed = outcome.text != src.text;
    let fixed_src = SourceText::new(outcome.text.clone());
    Processed {
        units: vec![Unit {
            src: fixed_src,
            diagnostics: outcome.remaining.into_iter().filter(|d| keep(d)).collect(),
            origin: Origin::File,
        }],
        fixed: changed.then_some(outcome.text),
        original: changed.then_some(src.text),
        fix_ranges,
        unconverged: outcome.unconverged.into_iter().collect(),
        records: Vec::new(),
    }
}

/// Where a piece of a file starts: lines before it, and the last line of
/// the piece before it.
#[derive(Clone, Copy, Default)]
pub(super) struct Piece<'a> {
    pub(super) line: usize,
    pub(super) prev_line: Option<&'a str>,
}

/// Checks one piece of a file read in pieces.
pub(super) fn process_chunk(
    linter: &Linter,
    chunk: Chunk,
    format: InputFormat,
    fields: &FieldNames,
    keep: &(dyn Fn(&Diagnostic) -> bool + Sync),
) -> Processed {
    let mut src = SourceText::from_bytes_at(chunk.bytes, chunk.byte);
    src.base_line = chunk.line;
    let prev = chunk.prev_line.map(|l| String::from_utf8_lossy(&l).into_owned());
    let piece = Piece {
        line: chunk.line,
        prev_line: prev.as_deref(),
    };
    let mut p = match format {
        InputFormat::Jsonl => process_records(linter, src, RecordFormat::Jsonl, fields, None, keep, piece),
        InputFormat::Tsv => process_records(linter, src, RecordFormat::Tsv, fields, None, keep, piece),
        _ => process_txt(linter, src, None, keep),
    };
    for u in &mut p.units {
        if u.origin == Origin::File {
            u.origin = Origin::Chunk { line: chunk.line };
        }
    }
    p
}

/// Fixes a page file piece by piece on the worker threads: pieces end at
/// page separators or blank lines, so each settles on its own, and a large
/// file does not re-check all of itself on every pass. The findings left
/// are reported where they stand in the fixed file.
pub(super) fn fix_txt_in_pieces(
    linter: &Linter,
    pool: &rayon::ThreadPool,
    src: SourceText,
    level: Applicability,
    keep: &(dyn Fn(&Diagnostic) -> bool + Sync),
) -> Processed {
    use rayon::prelude::*;
    let pieces: Vec<Chunk> = Chunker::with_target(src.text.as_bytes(), false, chunk_target())
        .collect::<std::io::Result<_>>()
        .unwrap_or_default();
    if pieces.len() <= 1 {
        return process_txt(linter, src, Some(level), keep);
    }
    let done: Vec<(usize, Processed)> = pool.install(|| {
        pieces
            .into_par_iter()
            .map(|c| {
                (
                    c.byte,
                    process_txt(linter, SourceText::from_bytes(c.bytes), Some(level), keep),
                )
            })
            .collect()
    });
    let mut out = Processed {
        units: Vec::new(),
        fixed: None,
        original: None,
        fix_ranges: Vec::new(),
        unconverged: Vec::new(),
        records: Vec::new(),
    };
    let mut text = String::with_capacity(src.text.len());
    let mut lines = 0;
    let mut changed = false;
    for (byte, p) in done {
        let (fixed_base, fixed_line) = (text.len(), lines);
        changed |= p.fixed.is_some();
        out.fix_ranges
            .extend(p.fix_ranges.into_iter().map(|(r, c)| (r.start + byte..r.end + byte, c)));
        out.unconverged.extend(p.unconverged);
        for mut u in p.units {
            u.src.base = fixed_base;
            u.src.base_line = fixed_line;
            u.origin = Origin::Chunk { line: fixed_line };
            text.push_str(&u.src.text);
            lines += memchr::memchr_iter(b'\n', u.src.text.as_bytes()).count();
            out.units.push(u);
        }
    }
    out.unconverged.sort();
    out.unconverged.dedup();
    // Rules that name another line in a message need the piece's place in
    // the fixed file, known only now: check the fixed pieces once more.
    pool.install(|| {
        out.units.par_iter_mut().for_each(|u| {
            u.diagnostics = linter.check(&u.src).into_iter().filter(|d| keep(d)).collect();
        })
    });
    if changed {
        out.original = Some(src.text);
        out.fixed = Some(text);
    }
    out
}

/// Records that repeat a record seen earlier in the corpus (this file or an
/// earlier one) get an A004 finding, placed among the piece's findings in
/// line order.
pub(super) fn flag_repeated_records(
    p: &mut Processed,
    seen: &mut crate::dedup::SeenHashes,
    files: &mut Vec<String>,
    path: &str,
    linter: &Linter,
    keep: &dyn Fn(&Diagnostic) -> bool,
) {
    if p.records.is_empty() {
        return;
    }
    let Some(severity) = linter.rule_severity(&crate::rules::DuplicateParagraph::META) else {
        return;
    };
    if files.last().map(String::as_str) != Some(path) {
        files.push(path.to_string());
    }
    let file = (files.len() - 1) as u32;
    let line_of = |o: &Origin| match o {
        Origin::Record { line, .. } => *line,
        _ => 0,
    };
    let mut added = false;
    for key in p.records.drain(..) {
        let line = line_of(&key.origin);
        let Some((first_file, first_line)) = seen.check_hash(key.hash, key.width, file, line as u32) else {
            continue;
        };
        let mut d = crate::rules::repeated_record(
            0..key.src.text.len(),
            &format!("{}:{first_line}", files[first_file as usize]),
        );
        d.severity = severity;
        if !keep(&d) {
            continue;
        }
        match p.units.iter_mut().find(|u| u.origin == key.origin) {
            Some(u) => u.diagnostics.push(d),
            None => p.units.push(Unit {
                src: key.src,
                diagnostics: vec![d],
                origin: key.origin,
            }),
        }
        added = true;
    }
    if added {
        p.units.sort_by_key(|u| line_of(&u.origin));
    }
}

/// `--annotate`: the lines of a JSONL piece written back, each record with
/// an added `bilint` field holding its findings as JSON objects; lines that
/// are not records are written back as they are.
pub(super) fn annotate_chunk(
    linter: &Linter,
    chunk: Chunk,
    path: &str,
    fields: &FieldNames,
    keep: &(dyn Fn(&Diagnostic) -> bool + Sync),
) -> (String, Totals) {
    let src = SourceText::from_bytes_at(chunk.bytes, chunk.byte);
    let text = src.text.as_str();
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut totals = Totals::default();
    let prev = chunk.prev_line.map(|l| String::from_utf8_lossy(&l).into_owned());
    let mut last_page = prev
        .as_deref()
        .and_then(|l| records::page_of(RecordFormat::Jsonl, fields, l));
    let mut copied = 0;
    for line in records::lines(text) {
        let Parsed::Record(rec) = records::parse_line(RecordFormat::Jsonl, &line, fields) else {
            continue;
        };
        let lede = last_page.as_deref() != Some(rec.page.as_str()) && !rec.page.is_empty();
        last_page = Some(rec.page.clone());
        let diagnostics: Vec<Diagnostic> = linter
            .check_with(&rec.src, &rec.analysis(lede))
            .into_iter()
            .filter(|d| keep(d))
            .collect();
        totals.add(&diagnostics);
        let origin = Origin::Record {
            line: chunk.line + rec.line,
            line_start: src.base + rec.line_start,
            fields: Some(Fields {
                zh_len: rec.zh_len,
                names: Some((fields.zh.clone(), fields.en.clone())),
            }),
        };
        let report = FileReport {
            path,
            src: &rec.src,
            diagnostics: &diagnostics,
            origin: &origin,
        };
        let found: Vec<serde_json::Value> = report::json::objects(&report)
            .map(|o| serde_json::to_value(o).unwrap_or_default())
            .collect();
        let Some(mut object) = rec.object else { continue };
        object.insert("bilint".to_string(), serde_json::Value::Array(found));
        out.push_str(&text[copied..line.span.start]);
        out.push_str(&records::json_line(object, records::is_spaced(line.text)));
        copied = line.span.end;
    }
    out.push_str(&text[copied..]);
    (out, totals)
}

/// Checks (and with `fixing`, fixes) a JSONL or TSV file record by record.
pub(super) fn process_records(
    linter: &Linter,
    src: SourceText,
    format: RecordFormat,
    fields: &FieldNames,
    fixing: Option<Applicability>,
    keep: &dyn Fn(&Diagnostic) -> bool,
    piece: Piece<'_>,
) -> Processed {
    if src.binary.is_some() {
        // Not records: reported once as a binary file.
        return process_txt(linter, src, None, keep);
    }
    let text = src.text.as_str();
    let mut units = Vec::new();
    if !src.invalid_utf8.is_empty() {
        let diagnostics: Vec<Diagnostic> = linter
            .check(&src)
            .into_iter()
            .filter(|d| d.rule.code == "I001" && keep(d))
            .collect();
        units.push(Unit {
            src: src.clone(),
            diagnostics,
            origin: Origin::File,
        });
    }
    let fixing = fixing.filter(|_| src.invalid_utf8.is_empty());
    // Repeated records are found across the corpus, one record after another.
    let dedup = fixing.is_none() && linter.rule_severity(&crate::rules::DuplicateParagraph::META).is_some();
    let mut keys = Vec::new();
    let mut new_text = String::new();
    let mut changed = false;
    let mut fix_ranges = Vec::new();
    let mut unconverged = Vec::new();
    // The page of the record before this piece, so a page that goes on
    // across pieces does not get a second lede.
    let mut last_page: Option<String> = piece.prev_line.and_then(|l| {
        let line = records::Line {
            number: 0,
            span: 0..l.len(),
            text: l,
        };
        match records::parse_line(format, &line, fields) {
            Parsed::Record(r) => Some(r.page),
            _ => None,
        }
    });
    let mut copied_to = 0;
    for line in records::lines(text) {
        let parsed = records::parse_line(format, &line, fields);
        let rec = match parsed {
            Parsed::Blank => continue,
            Parsed::Problem(meta, span, message) => {
                if let Some(severity) = linter.input_severity(meta) {
                    let mut d = Diagnostic::new(meta, span, message);
                    d.severity = severity;
                    if keep(&d) {
                        units.push(Unit {
                            src: SourceText::new(line.text.to_string()),
                            diagnostics: vec![d],
                            origin: Origin::Record {
                                line: line.number,
                                line_start: line.span.start,
                                fields: None,
                            },
                        });
                    }
                }
                continue;
            }
            Parsed::Record(rec) => rec,
        };
        let lede = last_page.as_deref() != Some(rec.page.as_str()) && !rec.page.is_empty();
        last_page = Some(rec.page.clone());
        let origin = Origin::Record {
            line: piece.line + rec.line,
            line_start: src.base + rec.line_start,
            fields: Some(Fields {
                zh_len: rec.zh_len,
                names: (format == RecordFormat::Jsonl).then(|| (fields.zh.clone(), fields.en.clone())),
            }),
        };
        let Some(level) = fixing else {
            let diagnostics: Vec<Diagnostic> = linter
                .check_with(&rec.src, &rec.analysis(lede))
                .into_iter()
                .filter(|d| keep(d))
                .collect();
            if dedup {
                let (hash, _) = crate::dedup::normalized_hash_and_len(&rec.src.text);
                let width = crate::dedup::normalized_width(&rec.src.text);
                keys.push(RecordKey {
                    hash,
                    width,
                    src: rec.src.clone(),
                    origin: origin.clone(),
                });
            }
            if !diagnostics.is_empty() {
                units.push(Unit {
                    src: rec.src,
                    diagnostics,
                    origin,
                });
            }
            continue;
        };
        let before: Vec<Diagnostic> = linter.check_with(&rec.src, &rec.analysis(lede));
        let codes: Vec<&'static str> = before
            .iter()
            .filter(|d| keep(d) && d.fix.as_ref().is_some_and(|f| f.applicability >= level))
            .map(|d| d.rule.code)
            .collect();
        let (zh, en, remaining, still) = records::fix_record(linter, &rec, lede, level);
        unconverged.extend(still);
        let old_zh = &rec.src.text[rec.zh_span()];
        let old_en = &rec.src.text[rec.en_span()];
        let new_src = if zh != old_zh || en != old_en {
            let replacement = match &rec.object {
                Some(object) => records::jsonl_line(object, fields, &zh, &en, records::is_spaced(line.text)),
                None => {
                    let rest = line.text[rec.zh_len + 1..]
                        .find('\t')
                        .map_or("", |i| &line.text[rec.zh_len + 1 + i..]);
                    format!("{zh}\t{en}{rest}")
                }
            };
            new_text.push_str(&text[copied_to..line.span.start]);
            new_text.push_str(&replacement);
            copied_to = line.span.end;
            changed = true;
            fix_ranges.extend(codes.into_iter().map(|c| (line.span.clone(), c)));
            SourceText::new(format!("{zh}\n{en}"))
        } else {
            rec.src
        };
        let diagnostics: Vec<Diagnostic> = remaining.into_iter().filter(|d| keep(d)).collect();
        if !diagnostics.is_empty() {
            let origin = match origin {
                Origin::Record {
                    line,
                    line_start,
                    fields: Some(f),
                } => Origin::Record {
                    line,
                    line_start,
                    fields: Some(Fields { zh_len: zh.len(), ..f }),
                },
                o => o,
            };
            units.push(Unit {
                src: new_src,
                diagnostics,
                origin,
            });
        }
    }
    let fixed = changed.then(|| {
        new_text.push_str(&text[copied_to..]);
        new_text
    });
    unconverged.sort();
    unconverged.dedup();
    Processed {
        original: fixed.as_ref().map(|_| src.text.clone()),
        units,
        fixed,
        fix_ranges,
        unconverged,
        records: keys,
    }
}
