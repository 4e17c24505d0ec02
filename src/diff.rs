//! `--diff`: the fixes as a unified diff that `patch -p1` applies, each hunk
//! naming the rules that produced it.

use std::io::{self, Write};
use std::ops::Range;
use std::time::Duration;

use similar::{Algorithm, TextDiff};

use crate::source::SourceText;

/// A diff of a huge file gives up looking for the smallest diff after this
/// long and settles for a larger, still correct one.
const DIFF_TIMEOUT: Duration = Duration::from_secs(5);

/// Writes the diff of one file. `fixes` are the byte ranges (in `original`)
/// of the fixes that were applied, with their rule codes.
pub fn write_diff(
    w: &mut dyn Write,
    path: &str,
    original: &SourceText,
    fixed: &str,
    fixes: &[(Range<usize>, &'static str)],
) -> io::Result<()> {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .timeout(DIFF_TIMEOUT)
        .diff_lines(original.text.as_str(), fixed);
    let path = path.trim_start_matches("./");
    let mut unified = diff.unified_diff();
    unified.context_radius(3);
    let mut header_written = false;
    for hunk in unified.iter_hunks() {
        if !header_written {
            writeln!(w, "--- a/{path}")?;
            writeln!(w, "+++ b/{path}")?;
            header_written = true;
        }
        let ops = hunk.ops();
        let old_start = ops.first().map_or(0, |o| o.old_range().start);
        let old_end = ops.last().map_or(0, |o| o.old_range().end).max(old_start + 1);
        let mut codes: Vec<&str> = fixes
            .iter()
            .filter(|(r, _)| {
                let first = original.line_index(r.start);
                let last = original.line_index(r.end.saturating_sub(1).max(r.start));
                first < old_end && last >= old_start
            })
            .map(|(_, c)| *c)
            .collect();
        codes.sort();
        codes.dedup();
        let text = hunk.to_string();
        let (head, body) = text.split_once('\n').unwrap_or((&text, ""));
        if codes.is_empty() {
            writeln!(w, "{head}")?;
        } else {
            writeln!(w, "{head} {}", codes.join(" "))?;
        }
        w.write_all(body.as_bytes())?;
    }
    Ok(())
}
