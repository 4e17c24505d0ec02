//! What the command line runs: reading inputs, checking, fixing, printing,
//! and the exit code. `main.rs` only parses arguments and calls in here.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::baseline::Baseline;
use crate::chunks::{Chunk, Chunker};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::fix::Applicability;
use crate::linter::{check_selector, Linter, Registry, Selection};
use crate::packs::{self, FileError};
use crate::records::{self, FieldNames, Parsed, RecordFormat};
use crate::report::{self, json::JsonDiagnostic, Fields, FileReport, Origin, Totals};
use crate::source::SourceText;

/// Exit codes (DESIGN.md).
pub const EXIT_OK: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_FAILURE: i32 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Pretty,
    Concise,
    Json,
    Jsonl,
    Sarif,
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Auto,
    Txt,
    Jsonl,
    Tsv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Everything `bilint check` takes.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub fix: bool,
    pub unsafe_fixes: bool,
    pub diff: bool,
    pub output_format: OutputFormat,
    pub input_format: InputFormat,
    pub select: Vec<String>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    pub config: Option<PathBuf>,
    pub rules: Vec<PathBuf>,
    pub zh_field: Option<String>,
    pub en_field: Option<String>,
    pub max_warnings: Option<usize>,
    pub exit_zero: bool,
    pub statistics: bool,
    pub quiet: bool,
    pub color: ColorChoice,
    pub stdin_filename: Option<String>,
    pub threads: Option<usize>,
    /// Record the findings in this baseline file and exit 0.
    pub write_baseline: Option<PathBuf>,
    /// Report only findings that are not in this baseline file.
    pub baseline: Option<PathBuf>,
    /// JSONL in, JSONL out: every record with an added `bilint` field.
    pub annotate: bool,
}

/// The config and every rule, loaded once.
pub struct Setup {
    pub config: Config,
    pub registry: Registry,
}

/// Loads the config (given, or found upward from the working directory),
/// the default packs, and the user's pack folders.
pub fn setup(config: Option<&Path>, rule_dirs: &[PathBuf]) -> Result<Setup, FileError> {
    let config = match config {
        Some(p) => Config::load(p)?,
        None => match std::env::current_dir().ok().and_then(|d| Config::discover(&d)) {
            Some(p) => Config::load(&p)?,
            None => Config::default(),
        },
    };
    let mut pack_rules = packs::default_packs()?;
    for dir in config.rules.iter().chain(rule_dirs) {
        pack_rules.extend(packs::load_dir(dir)?);
    }
    let registry = Registry::new(pack_rules);
    if let Some((a, b)) = registry.duplicate() {
        let (what, key, value) = if a.code == b.code {
            (format!("code {}", a.code), "code", a.code)
        } else {
            (format!("name {}", a.name), "name", a.name)
        };
        // Point at the second rule's `code = "…"` (or `name`) in its pack.
        let text = packs::DEFAULT_PACKS
            .iter()
            .find(|(name, _)| *name == b.origin)
            .map(|(_, t)| t.to_string())
            .or_else(|| std::fs::read_to_string(b.origin).ok())
            .unwrap_or_default();
        let span = text
            .match_indices(&format!("\"{value}\""))
            .map(|(i, m)| i..i + m.len())
            .find(|r| {
                text[..r.start]
                    .lines()
                    .last()
                    .is_some_and(|l| l.trim_start().starts_with(key))
            });
        return Err(FileError::new(
            b.origin,
            &text,
            span,
            format!("{}: rule {what} is already used by a rule of {}", b.origin, a.origin),
            "used twice",
        )
        .with_help("every rule needs its own code and name"));
    }
    Ok(Setup { config, registry })
}

/// Prints a config or pack error as a miette report on stderr.
pub fn print_file_error(e: &FileError) {
    let mut out = String::new();
    let handler = report::pretty::handler(io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none());
    if handler.render_report(&mut out, e).is_err() || e.src.inner().is_empty() {
        out = format!("error: {}\n", e.message);
        if let Some(h) = &e.help {
            out.push_str(&format!("help: {h}\n"));
        }
    }
    eprint!("{out}");
}

fn use_color(choice: ColorChoice, stream_is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stream_is_terminal && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// One input to check.
struct Input {
    /// As the user named it (`-` for stdin).
    display: String,
    path: Option<PathBuf>,
}

/// The files named on the command line, directories walked (`.gitignore`
/// and the config's `exclude` honoured), in a stable order.
fn collect_inputs(paths: &[PathBuf], exclude: &GlobSet, errors: &mut Vec<String>) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input {
                display: "-".to_string(),
                path: None,
            });
            continue;
        }
        if p.is_dir() {
            let mut found = Vec::new();
            let walker = ignore::WalkBuilder::new(p)
                .require_git(false)
                .follow_links(false)
                .build();
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                        let path = e.into_path();
                        let known = path
                            .extension()
                            .and_then(|x| x.to_str())
                            .is_some_and(|x| matches!(x, "txt" | "jsonl" | "ndjson" | "tsv"));
                        if known && !exclude.is_match(&path) {
                            found.push(path);
                        }
                    }
                    Ok(_) => {}
                    Err(e) => errors.push(format!("{}: {e}", p.display())),
                }
            }
            found.sort();
            out.extend(found.into_iter().map(|path| Input {
                display: path.display().to_string(),
                path: Some(path),
            }));
        } else {
            out.push(Input {
                display: p.display().to_string(),
                path: Some(p.clone()),
            });
        }
    }
    out
}

fn glob_set(globs: &[String]) -> Result<GlobSet, String> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        b.add(Glob::new(g).map_err(|e| format!("bad glob `{g}`: {e}"))?);
        // A glob naming a folder also covers what is inside it.
        if !g.ends_with("/**") {
            b.add(Glob::new(&format!("{}/**", g.trim_end_matches('/'))).map_err(|e| format!("bad glob `{g}`: {e}"))?);
        }
    }
    b.build().map_err(|e| e.to_string())
}

fn format_of(opts: &CheckOptions, display: &str) -> InputFormat {
    if opts.input_format != InputFormat::Auto {
        return opts.input_format;
    }
    let name = if display == "-" {
        opts.stdin_filename.as_deref().unwrap_or("-")
    } else {
        display
    };
    match Path::new(name).extension().and_then(|x| x.to_str()) {
        Some("jsonl" | "ndjson") => InputFormat::Jsonl,
        Some("tsv") => InputFormat::Tsv,
        _ => InputFormat::Txt,
    }
}

/// One checked unit of an input: the whole page, or one record.
#[derive(Clone)]
struct Unit {
    src: SourceText,
    diagnostics: Vec<Diagnostic>,
    origin: Origin,
}

/// What checking (and fixing) one input gave.
struct Processed {
    units: Vec<Unit>,
    /// With --fix/--diff: the new content of the file, when it changed.
    fixed: Option<String>,
    /// The original text, for the diff.
    original: Option<String>,
    /// Byte ranges in the original file of the fixes applied, with their codes.
    fix_ranges: Vec<(std::ops::Range<usize>, &'static str)>,
    /// Rules whose fixes still changed the text after the last pass.
    unconverged: Vec<&'static str>,
    /// Records of a record file, for the corpus-wide duplicate check.
    records: Vec<RecordKey>,
}

/// A record as the corpus-wide duplicate check needs it.
struct RecordKey {
    hash: u64,
    width: usize,
    src: SourceText,
    origin: Origin,
}

impl Processed {
    /// A page checked and left as it is.
    fn checked(src: SourceText, diagnostics: Vec<Diagnostic>) -> Processed {
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
fn process_txt(
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
struct Piece<'a> {
    line: usize,
    prev_line: Option<&'a str>,
}

/// Checks one piece of a file read in pieces.
fn process_chunk(
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
fn fix_txt_in_pieces(
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
fn flag_repeated_records(
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
fn annotate_chunk(
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
fn process_records(
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

/// Runs `bilint check`; returns the exit code.
pub fn run_check(opts: &CheckOptions) -> i32 {
    let Setup { config, registry } = match setup(opts.config.as_deref(), &opts.rules) {
        Ok(s) => s,
        Err(e) => {
            print_file_error(&e);
            return EXIT_FAILURE;
        }
    };
    let metas = registry.metas();
    // Selectors from the command line and the config must name rules.
    for sel in opts.select.iter().chain(&opts.extend_select).chain(&opts.ignore) {
        if let Err(m) = check_selector(sel, &metas) {
            eprintln!("error: {m}");
            return EXIT_FAILURE;
        }
    }
    let config_selectors = config
        .select
        .iter()
        .chain(&config.extend_select)
        .chain(&config.ignore)
        .chain(config.severity.iter().map(|(l, _)| l))
        .chain(config.per_path_ignores.iter().flat_map(|(_, v)| v));
    for sel in config_selectors {
        if let Err(m) = check_selector(&sel.value, &metas) {
            print_file_error(&config.error_at(sel, m));
            return EXIT_FAILURE;
        }
    }
    let values = |v: &[crate::config::Located]| v.iter().map(|l| l.value.clone()).collect::<Vec<_>>();
    let selection = Selection {
        select: if opts.select.is_empty() {
            values(&config.select)
        } else {
            opts.select.clone()
        },
        extend_select: values(&config.extend_select)
            .into_iter()
            .chain(opts.extend_select.clone())
            .collect(),
        ignore: values(&config.ignore).into_iter().chain(opts.ignore.clone()).collect(),
        severity: config.severity.iter().map(|(l, s)| (l.value.clone(), *s)).collect(),
    };
    let exclude = match glob_set(&config.exclude) {
        Ok(g) => g,
        Err(m) => {
            eprintln!(
                "error: {}: {m}",
                config
                    .path
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            );
            return EXIT_FAILURE;
        }
    };
    let mut per_path = Vec::new();
    for (glob, sels) in &config.per_path_ignores {
        match glob_set(std::slice::from_ref(glob)) {
            Ok(g) => per_path.push((g, values(sels))),
            Err(m) => {
                eprintln!("error: {m}");
                return EXIT_FAILURE;
            }
        }
    }
    let linter = Linter::new(registry, &selection);
    let fields = FieldNames {
        zh: opts
            .zh_field
            .clone()
            .or(config.zh_field.clone())
            .unwrap_or_else(|| "zh".to_string()),
        en: opts
            .en_field
            .clone()
            .or(config.en_field.clone())
            .unwrap_or_else(|| "en".to_string()),
    };

    let mut failed = false;
    let mut walk_errors = Vec::new();
    let paths = if opts.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        opts.paths.clone()
    };
    let inputs = collect_inputs(&paths, &exclude, &mut walk_errors);
    for e in walk_errors {
        eprintln!("error: {e}");
        failed = true;
    }
    let mut baseline = match &opts.baseline {
        None => None,
        Some(p) => match Baseline::load(p) {
            Ok(b) => Some(b),
            Err(m) => {
                eprintln!("error: {m}");
                return EXIT_FAILURE;
            }
        },
    };
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.unwrap_or(0))
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: cannot start worker threads: {e}");
            return EXIT_FAILURE;
        }
    };
    let level = if opts.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let fixing = (opts.fix || opts.diff).then_some(level);
    let stdout = io::stdout();
    let color = use_color(opts.color, io::stdout().is_terminal());
    let mut em = Emitter {
        opts,
        out: io::BufWriter::new(stdout.lock()),
        handler: report::pretty::handler(color),
        totals: Totals::default(),
        json_all: Vec::new(),
        stats: BTreeMap::new(),
        new_baseline: opts.write_baseline.as_ref().map(|_| Baseline::new()),
        need_fingerprints: opts.output_format == OutputFormat::Sarif
            || baseline.is_some()
            || opts.write_baseline.is_some(),
        suppressed: 0,
        checked_paths: std::collections::BTreeSet::new(),
        sarif_units: Vec::new(),
    };
    let mut would_change = false;
    let mut wrote = 0usize;
    let total_bytes = inputs
        .iter()
        .filter_map(|i| i.path.as_ref())
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let mut progress = Progress::new(total_bytes, opts.quiet);
    let mut seen = crate::dedup::SeenHashes::new();
    let mut seen_files: Vec<String> = Vec::new();

    for input in inputs {
        let ignored: Vec<&String> = per_path
            .iter()
            .filter(|(g, _)| input.path.as_ref().is_some_and(|p| g.is_match(p)))
            .flat_map(|(_, s)| s)
            .collect();
        let keep = |d: &Diagnostic| !ignored.iter().any(|s| crate::linter::selector_matches(s, d.rule));
        let format = format_of(opts, &input.display);
        em.checked_paths.insert(crate::baseline::normalize_path(&input.display));

        if fixing.is_none() {
            // Checking only: read the file in pieces and check them in parallel.
            let reader: Box<dyn Read> = match &input.path {
                None => Box::new(io::stdin()),
                Some(p) => match std::fs::File::open(p) {
                    Ok(f) => Box::new(f),
                    Err(e) => {
                        eprintln!("error: {}: {}", input.display, io_message(&e));
                        failed = true;
                        continue;
                    }
                },
            };
            let mut chunks = Chunker::with_target(reader, format != InputFormat::Txt, chunk_target());
            let batch_size = pool.current_num_threads() * 2;
            let annotate = opts.annotate && format == InputFormat::Jsonl;
            let mut stop = false;
            while !stop {
                let mut batch = Vec::with_capacity(batch_size);
                while batch.len() < batch_size {
                    match chunks.next() {
                        Some(Ok(c)) => batch.push(c),
                        Some(Err(e)) => {
                            eprintln!("error: {}: {}", input.display, io_message(&e));
                            failed = true;
                            stop = true;
                            break;
                        }
                        None => {
                            stop = true;
                            break;
                        }
                    }
                }
                let bytes: usize = batch.iter().map(|c| c.bytes.len()).sum();
                use rayon::prelude::*;
                if annotate {
                    let done: Vec<(String, Totals)> = pool.install(|| {
                        batch
                            .into_par_iter()
                            .map(|c| annotate_chunk(&linter, c, &input.display, &fields, &keep))
                            .collect()
                    });
                    for (text, t) in done {
                        let _ = em.out.write_all(text.as_bytes());
                        em.totals.merge(&t);
                    }
                } else {
                    let done: Vec<Processed> = pool.install(|| {
                        batch
                            .into_par_iter()
                            .map(|c| process_chunk(&linter, c, format, &fields, &keep))
                            .collect()
                    });
                    for mut p in done {
                        flag_repeated_records(&mut p, &mut seen, &mut seen_files, &input.display, &linter, &keep);
                        em.emit(&input.display, p.units, false, &mut baseline);
                    }
                }
                progress.advance(bytes);
            }
            em.totals.files += 1;
            continue;
        }

        let bytes = match &input.path {
            None => {
                let mut buf = Vec::new();
                io::stdin().read_to_end(&mut buf).map(|_| buf)
            }
            Some(p) => std::fs::read(p),
        };
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: {}: {}", input.display, io_message(&e));
                failed = true;
                continue;
            }
        };
        let src = SourceText::from_bytes(bytes.clone());
        if opts.fix && input.path.is_some() && !src.invalid_utf8.is_empty() {
            eprintln!(
                "warning: {}: not fixed: it holds bytes that are not UTF-8, and writing it would lose them",
                input.display
            );
        }
        let process = |src: SourceText, fixing: Option<Applicability>| match format {
            InputFormat::Jsonl => process_records(
                &linter,
                src,
                RecordFormat::Jsonl,
                &fields,
                fixing,
                &keep,
                Piece::default(),
            ),
            InputFormat::Tsv => process_records(
                &linter,
                src,
                RecordFormat::Tsv,
                &fields,
                fixing,
                &keep,
                Piece::default(),
            ),
            _ => match fixing {
                Some(level) if src.invalid_utf8.is_empty() && src.binary.is_none() => {
                    fix_txt_in_pieces(&linter, &pool, src, level, &keep)
                }
                _ => process_txt(&linter, src, fixing, &keep),
            },
        };
        let mut processed = process(src, fixing);
        if !processed.unconverged.is_empty() {
            eprintln!(
                "warning: {}: fixes did not settle after {} passes; still changing: {}",
                input.display,
                crate::linter::MAX_FIX_PASSES,
                processed.unconverged.join(", ")
            );
        }
        if opts.diff {
            if let (Some(fixed), Some(original)) = (&processed.fixed, &processed.original) {
                would_change = true;
                let original = SourceText::new(original.clone());
                let _ = crate::diff::write_diff(&mut em.out, &input.display, &original, fixed, &processed.fix_ranges);
            }
            for u in &processed.units {
                em.totals.add(&u.diagnostics);
            }
            em.totals.files += 1;
            continue;
        }
        if let Some(fixed) = processed.fixed.take() {
            match &input.path {
                // stdin: the fixed text goes to stdout, findings to stderr.
                None => {
                    let _ = em.out.write_all(fixed.as_bytes());
                }
                Some(p) => match crate::write::write_atomic(p, &bytes, fixed.as_bytes()) {
                    Ok(()) => wrote += 1,
                    Err(e) => {
                        eprintln!("error: {}: not fixed: {e}", input.display);
                        failed = true;
                        // Report the findings of the file as it is.
                        processed = process(SourceText::from_bytes(bytes.clone()), None);
                    }
                },
            }
        } else if input.path.is_none() {
            let _ = em.out.write_all(&bytes);
        }
        em.emit(&input.display, processed.units, input.path.is_none(), &mut baseline);
        em.totals.files += 1;
    }

    progress.finish();
    let Emitter {
        mut out,
        totals,
        json_all,
        stats,
        new_baseline,
        suppressed,
        checked_paths,
        sarif_units,
        ..
    } = em;
    if opts.statistics && !opts.diff {
        let mut rows: Vec<_> = stats.into_iter().collect();
        rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
        for (code, (count, fixable, name)) in rows {
            let fixable = if fixable > 0 {
                format!("  ({fixable} fixable)")
            } else {
                String::new()
            };
            let _ = writeln!(out, "{count:>8}  {code}  {name}{fixable}");
        }
    } else if opts.output_format == OutputFormat::Json && !opts.diff {
        let _ = report::json::write_array(&mut out, &json_all);
        let _ = writeln!(out);
    } else if opts.output_format == OutputFormat::Sarif && !opts.diff {
        let reports: Vec<(FileReport<'_>, Vec<String>)> = sarif_units
            .iter()
            .map(|(path, u, fps)| {
                (
                    FileReport {
                        path,
                        src: &u.src,
                        diagnostics: &u.diagnostics,
                        origin: &u.origin,
                    },
                    fps.clone(),
                )
            })
            .collect();
        let _ = serde_json::to_writer_pretty(&mut out, &report::sarif::sarif_log(&metas, &reports));
        let _ = writeln!(out);
    }
    let _ = out.flush();
    drop(out);
    if let (Some(b), Some(path)) = (&new_baseline, &opts.write_baseline) {
        if let Err(e) = std::fs::write(path, b.to_json_string()) {
            eprintln!(
                "error: {}: cannot write the baseline: {}",
                path.display(),
                io_message(&e)
            );
            return EXIT_FAILURE;
        }
        if !opts.quiet {
            eprintln!(
                "Wrote {} finding{} to the baseline {}.",
                b.len(),
                if b.len() == 1 { "" } else { "s" },
                path.display()
            );
        }
        return if failed { EXIT_FAILURE } else { EXIT_OK };
    }
    if let Some(b) = &baseline {
        let stale = b
            .stale_entries()
            .iter()
            .filter(|e| checked_paths.contains(&e.path))
            .count();
        if !opts.quiet && (suppressed > 0 || stale > 0) {
            eprintln!(
                "{suppressed} finding{} suppressed by the baseline; {stale} baseline entr{} no longer found.",
                if suppressed == 1 { "" } else { "s" },
                if stale == 1 { "y" } else { "ies" }
            );
        }
    }

    if !opts.quiet && matches!(opts.output_format, OutputFormat::Pretty) {
        let mut summary = totals.summary();
        if opts.fix && wrote > 0 {
            summary.push_str(&format!("\nFixed {wrote} file{}.", if wrote == 1 { "" } else { "s" }));
        }
        // With --diff, or --fix on stdin, stdout carries the diff or the text.
        if opts.diff || opts.annotate || (opts.fix && paths.iter().any(|p| p.as_os_str() == "-")) {
            eprintln!("{summary}");
        } else {
            println!("{summary}");
        }
    }

    if failed {
        return EXIT_FAILURE;
    }
    if opts.exit_zero {
        return EXIT_OK;
    }
    if opts.diff {
        return if would_change { EXIT_FINDINGS } else { EXIT_OK };
    }
    let too_many_warnings = opts.max_warnings.is_some_and(|m| totals.warnings > m);
    if totals.errors > 0 || too_many_warnings {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// A progress bar on standard error for long runs on a terminal: bytes,
/// throughput and time left. It shows only once a run has lasted a second,
/// and never when standard error is not a terminal or with `--quiet`.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    started: std::time::Instant,
    shown: bool,
}

impl Progress {
    fn new(total: u64, quiet: bool) -> Progress {
        let bar = (!quiet && io::stderr().is_terminal() && total > 0).then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(Some(total), indicatif::ProgressDrawTarget::hidden());
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{spinner} {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left) {wide_bar}",
            ) {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            started: std::time::Instant::now(),
            shown: false,
        }
    }

    fn advance(&mut self, bytes: usize) {
        let Some(bar) = &self.bar else { return };
        bar.inc(bytes as u64);
        if !self.shown && self.started.elapsed() > std::time::Duration::from_secs(1) {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            self.shown = true;
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The size of the pieces a file is read in: `BILINT_CHUNK_BYTES` when set
/// (tests compare small pieces with whole files), else the default.
fn chunk_target() -> usize {
    std::env::var("BILINT_CHUNK_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(crate::chunks::CHUNK_TARGET)
}

/// Where findings go: the chosen printer, the totals and statistics, the
/// baseline being written or applied, and SARIF's collected results.
struct Emitter<'a> {
    opts: &'a CheckOptions,
    out: io::BufWriter<io::StdoutLock<'static>>,
    handler: miette::GraphicalReportHandler,
    totals: Totals,
    json_all: Vec<String>,
    stats: BTreeMap<&'static str, (usize, usize, &'static str)>,
    new_baseline: Option<Baseline>,
    need_fingerprints: bool,
    suppressed: usize,
    checked_paths: std::collections::BTreeSet<String>,
    sarif_units: Vec<(String, Unit, Vec<String>)>,
}

impl Emitter<'_> {
    /// Reports the units of one input, in order. `to_stderr`: stdout carries
    /// the fixed text (`--fix` on stdin).
    fn emit(&mut self, path: &str, mut units: Vec<Unit>, to_stderr: bool, baseline: &mut Option<Baseline>) {
        let opts = self.opts;
        for unit in &mut units {
            if self.need_fingerprints {
                let fps = crate::baseline::fingerprints(path, &unit.src, &unit.diagnostics);
                if let Some(b) = &mut self.new_baseline {
                    b.add_file(path, &unit.diagnostics, &fps);
                }
                let kept_fps = match baseline {
                    Some(b) => {
                        let known: Vec<bool> = fps.iter().map(|fp| b.mark_seen(path, fp)).collect();
                        self.suppressed += known.iter().filter(|k| **k).count();
                        let mut flags = known.iter();
                        unit.diagnostics.retain(|_| !*flags.next().unwrap());
                        fps.into_iter().zip(known).filter(|(_, k)| !k).map(|(f, _)| f).collect()
                    }
                    None => fps,
                };
                if opts.output_format == OutputFormat::Sarif && !opts.statistics {
                    self.sarif_units.push((path.to_string(), unit.clone(), kept_fps));
                }
            }
        }
        let mut err_out;
        let sink: &mut dyn Write = if to_stderr && opts.fix {
            err_out = io::stderr();
            &mut err_out
        } else {
            &mut self.out
        };
        for unit in &units {
            self.totals.add(&unit.diagnostics);
            for d in &unit.diagnostics {
                let e = self.stats.entry(d.rule.code).or_insert((0, 0, d.rule.name));
                e.0 += 1;
                e.1 += usize::from(d.fix.is_some());
            }
            if opts.statistics || opts.write_baseline.is_some() {
                continue;
            }
            let report = FileReport {
                path,
                src: &unit.src,
                diagnostics: &unit.diagnostics,
                origin: &unit.origin,
            };
            let _ = match opts.output_format {
                OutputFormat::Pretty => {
                    let mut s = String::new();
                    report::pretty::render(&report, &self.handler, &mut s);
                    sink.write_all(s.as_bytes())
                }
                OutputFormat::Concise => report::write_concise(sink, &report),
                OutputFormat::Jsonl => report::json::objects(&report).try_for_each(|o| {
                    serde_json::to_writer(&mut *sink, &o).map_err(io::Error::other)?;
                    sink.write_all(b"\n")
                }),
                OutputFormat::Sarif => Ok(()),
                OutputFormat::Json => {
                    self.json_all.extend(
                        report::json::objects(&report).map(|o: JsonDiagnostic<'_>| report::json::array_item(&o)),
                    );
                    Ok(())
                }
                OutputFormat::Github => report::write_github(sink, &report),
            };
        }
    }
}

/// The message of an I/O error without Rust's "(os error N)" tail.
fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let s = e.to_string();
            s.split(" (os error").next().unwrap_or(&s).to_string()
        }
    }
}

/// `bilint rules`: the table, or JSON.
pub fn run_rules(config: Option<&Path>, rule_dirs: &[PathBuf], json: bool) -> i32 {
    let setup = match setup(config, rule_dirs) {
        Ok(s) => s,
        Err(e) => {
            print_file_error(&e);
            return EXIT_FAILURE;
        }
    };
    let metas = setup.registry.metas();
    let mut out = io::stdout().lock();
    if json {
        let rows: Vec<serde_json::Value> = metas
            .iter()
            .map(|m| {
                serde_json::json!({
                    "code": m.code, "name": m.name, "family": m.family.as_str(),
                    "severity": m.severity.as_str(), "fix": m.fix.as_str(),
                    "summary": m.summary, "origin": m.origin,
                })
            })
            .collect();
        let _ = serde_json::to_writer_pretty(&mut out, &rows);
        let _ = writeln!(out);
    } else {
        let _ = out.write_all(crate::docs::rules_table(&metas).as_bytes());
    }
    EXIT_OK
}

/// `bilint explain RULE`.
pub fn run_explain(config: Option<&Path>, rule_dirs: &[PathBuf], rule: &str) -> i32 {
    let setup = match setup(config, rule_dirs) {
        Ok(s) => s,
        Err(e) => {
            print_file_error(&e);
            return EXIT_FAILURE;
        }
    };
    match setup.registry.find(rule) {
        Some(m) => {
            print!("{}", crate::docs::explain(m));
            EXIT_OK
        }
        None => {
            let metas = setup.registry.metas();
            let names: Vec<&str> = metas.iter().flat_map(|m| [m.code, m.name]).collect();
            let hint = packs::closest(rule, &names)
                .map(|c| format!(" (did you mean `{c}`?)"))
                .unwrap_or_default();
            eprintln!("error: no rule `{rule}`{hint}");
            EXIT_FAILURE
        }
    }
}
