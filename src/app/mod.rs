//! What the command line runs: reading inputs, checking, fixing, printing,
//! and the exit code. `main.rs` only parses arguments and calls in here.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::baseline::Baseline;
use crate::chunks::Chunker;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::fix::Applicability;
use crate::linter::{check_selector, Linter, Registry, Selection};
use crate::packs::{self, FileError};
use crate::records::{FieldNames, RecordFormat};
use crate::report::{self, FileReport, Totals};
use crate::source::SourceText;

mod emit;
mod process;

use emit::{Emitter, Progress};
use process::{
    annotate_chunk, fix_txt_in_pieces, flag_repeated_records, process_chunk, process_records, process_txt, Piece,
    Processed,
};

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
                let lines: usize = batch.iter().map(|c| memchr::memchr_iter(b'\n', &c.bytes).count()).sum();
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
                progress.advance(bytes, lines);
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

/// The size of the pieces a file is read in: `BILINT_CHUNK_BYTES` when set
/// (tests compare small pieces with whole files), else the default.
pub(super) fn chunk_target() -> usize {
    std::env::var("BILINT_CHUNK_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(crate::chunks::CHUNK_TARGET)
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
