//! Where findings go: printers, totals, statistics, the baseline, SARIF,
//! and the progress bar.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};

use crate::baseline::Baseline;
use crate::report::{self, json::JsonDiagnostic, FileReport, Totals};

use super::process::Unit;
use super::{CheckOptions, OutputFormat};

/// A progress bar on standard error for long runs on a terminal: bytes,
/// throughput and time left. It shows only once a run has lasted a second,
/// and never when standard error is not a terminal or with `--quiet`.
pub(super) struct Progress {
    bar: Option<indicatif::ProgressBar>,
    started: std::time::Instant,
    shown: bool,
    records: usize,
}

impl Progress {
    pub(super) fn new(total: u64, quiet: bool) -> Progress {
        let bar = (!quiet && io::stderr().is_terminal() && total > 0).then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(Some(total), indicatif::ProgressDrawTarget::hidden());
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{spinner} {bytes}/{total_bytes} ({bytes_per_sec}, {msg}, {eta} left) {wide_bar}",
            ) {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            started: std::time::Instant::now(),
            shown: false,
            records: 0,
        }
    }

    /// `bytes` more read, holding `records` more lines (records or page lines).
    pub(super) fn advance(&mut self, bytes: usize, records: usize) {
        let Some(bar) = &self.bar else { return };
        bar.inc(bytes as u64);
        self.records += records;
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        bar.set_message(format!("{:.0} records/s", self.records as f64 / secs));
        if !self.shown && self.started.elapsed() > std::time::Duration::from_secs(1) {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            self.shown = true;
        }
    }

    pub(super) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Where findings go: the chosen printer, the totals and statistics, the
/// baseline being written or applied, and SARIF's collected results.
pub(super) struct Emitter<'a> {
    pub(super) opts: &'a CheckOptions,
    pub(super) out: io::BufWriter<io::StdoutLock<'static>>,
    pub(super) handler: miette::GraphicalReportHandler,
    pub(super) totals: Totals,
    pub(super) json_all: Vec<String>,
    pub(super) stats: BTreeMap<&'static str, (usize, usize, &'static str)>,
    pub(super) new_baseline: Option<Baseline>,
    pub(super) need_fingerprints: bool,
    pub(super) suppressed: usize,
    pub(super) checked_paths: std::collections::BTreeSet<String>,
    pub(super) sarif_units: Vec<(String, Unit, Vec<String>)>,
}

impl Emitter<'_> {
    /// Reports the units of one input, in order. `to_stderr`: stdout carries
    /// the fixed text (`--fix` on stdin).
    pub(super) fn emit(&mut self, path: &str, mut units: Vec<Unit>, to_stderr: bool, baseline: &mut Option<Baseline>) {
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
