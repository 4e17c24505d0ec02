//! Baselines: a record of known findings, so a corpus with old problems can
//! still gate new ones.
//!
//! A finding is known by a fingerprint that does not depend on line numbers
//! or byte offsets: the path, the rule code, the flagged text and a little of
//! the text around it on the same line, plus which repeat of that same
//! (code, text, context) it is in the file. Moving a paragraph, or adding
//! lines above it, keeps its findings' fingerprints; editing the flagged text
//! makes them new.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::source::SourceText;

/// The baseline file format this build reads and writes.
pub const BASELINE_VERSION: u32 = 1;

/// How many characters of context on each side of the flagged text go into
/// a fingerprint.
const CONTEXT_CHARS: usize = 16;

/// A path as the baseline keeps it: no leading `./`, `/` as separator.
pub fn normalize_path(path: &str) -> String {
    let mut p = path.replace('\\', "/");
    while let Some(rest) = p.strip_prefix("./") {
        p = rest.to_string();
    }
    p
}

/// One fingerprint (16 hex digits) per diagnostic, in the same order.
///
/// `diags` must be all the diagnostics of the file, in the linter's order
/// (by position), so that the occurrence index of repeated findings is the
/// same from run to run.
pub fn fingerprints(path: &str, src: &SourceText, diags: &[Diagnostic]) -> Vec<String> {
    let path = normalize_path(path);
    let mut seen: BTreeMap<(&str, String, String, String), u64> = BTreeMap::new();
    diags
        .iter()
        .map(|d| {
            let text = flagged_text(src, d);
            let (before, after) = context(src, d);
            let key = (d.rule.code, text, before, after);
            let occurrence = seen.entry(key.clone()).or_insert(0);
            let n = *occurrence;
            *occurrence += 1;
            let mut h = Fnv1a::new();
            h.field(path.as_bytes());
            h.field(key.0.as_bytes());
            h.field(key.1.as_bytes());
            h.field(key.2.as_bytes());
            h.field(key.3.as_bytes());
            h.field(n.to_string().as_bytes());
            format!("{:016x}", h.finish())
        })
        .collect()
}

/// The flagged text, with CRLF read as LF so a change of line endings keeps
/// fingerprints.
fn flagged_text(src: &SourceText, d: &Diagnostic) -> String {
    src.text.get(d.span.clone()).unwrap_or("").replace("\r\n", "\n")
}

/// Up to [`CONTEXT_CHARS`] characters before the span on its first line and
/// after it on its last line, whitespace collapsed.
fn context(src: &SourceText, d: &Diagnostic) -> (String, String) {
    let len = src.text.len();
    let (start, end) = (d.span.start.min(len), d.span.end.min(len));
    if !src.text.is_char_boundary(start) || !src.text.is_char_boundary(end) {
        return (String::new(), String::new());
    }
    let first = src.line_span(src.line_index(start));
    let last = src.line_span(src.line_index(end));
    let before_text = src.text.get(first.start..start.max(first.start)).unwrap_or("");
    let after_text = src.text.get(end.min(last.end)..last.end).unwrap_or("");
    let before: String = {
        let mut chars: Vec<char> = before_text.chars().rev().take(CONTEXT_CHARS).collect();
        chars.reverse();
        chars.into_iter().collect()
    };
    let after: String = after_text.chars().take(CONTEXT_CHARS).collect();
    (collapse_whitespace(&before), collapse_whitespace(&after))
}

/// Runs of whitespace become one space; a BOM is dropped (it only ever
/// stands before the first line).
fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars().filter(|&c| c != '\u{FEFF}') {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// 64-bit FNV-1a: fixed, so fingerprints are the same on every machine and
/// with every Rust version (unlike `DefaultHasher`).
struct Fnv1a(u64);

impl Fnv1a {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    fn new() -> Self {
        Fnv1a(Self::OFFSET)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
    }

    /// A field followed by 0xFF, a byte UTF-8 never holds, so that field
    /// boundaries cannot shift (`ab`,`c` vs `a`,`bc`).
    fn field(&mut self, bytes: &[u8]) {
        self.write(bytes);
        self.write(&[0xFF]);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// One known finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    pub path: String,
    pub code: String,
    pub fingerprint: String,
    /// For the reader of the file; not compared.
    pub message: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    entries: Vec<BaselineEntry>,
}

/// The known findings, and which of them this run has seen again.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    entries: Vec<BaselineEntry>,
    /// (path, fingerprint) → index in `entries`.
    index: BTreeMap<(String, String), usize>,
    seen: Vec<bool>,
}

impl Baseline {
    pub fn new() -> Baseline {
        Baseline::default()
    }

    /// Records a finding. The path is normalised; a second entry with the
    /// same path and fingerprint is ignored.
    pub fn add(&mut self, path: &str, code: &str, fingerprint: &str, message: &str) {
        let path = normalize_path(path);
        let key = (path.clone(), fingerprint.to_string());
        if self.index.contains_key(&key) {
            return;
        }
        self.index.insert(key, self.entries.len());
        self.entries.push(BaselineEntry {
            path,
            code: code.to_string(),
            fingerprint: fingerprint.to_string(),
            message: message.to_string(),
        });
        self.seen.push(false);
    }

    /// Records every diagnostic of a file, with its fingerprint from
    /// [`fingerprints`].
    pub fn add_file(&mut self, path: &str, diags: &[Diagnostic], fingerprints: &[String]) {
        for (d, fp) in diags.iter().zip(fingerprints) {
            self.add(path, d.rule.code, fp, &d.message);
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries, in the order they were added or loaded.
    pub fn entries(&self) -> &[BaselineEntry] {
        &self.entries
    }

    pub fn contains(&self, path: &str, fingerprint: &str) -> bool {
        self.index
            .contains_key(&(normalize_path(path), fingerprint.to_string()))
    }

    /// Notes that this run found the finding again; returns whether the
    /// baseline holds it (so a caller can drop it from the report).
    pub fn mark_seen(&mut self, path: &str, fingerprint: &str) -> bool {
        match self.index.get(&(normalize_path(path), fingerprint.to_string())) {
            Some(&i) => {
                self.seen[i] = true;
                true
            }
            None => false,
        }
    }

    /// How many entries this run never found again: fixed findings, or
    /// findings in files that were not checked.
    pub fn stale(&self) -> usize {
        self.seen.iter().filter(|s| !**s).count()
    }

    /// The entries this run never found again, sorted.
    pub fn stale_entries(&self) -> Vec<&BaselineEntry> {
        let mut v: Vec<&BaselineEntry> = self
            .entries
            .iter()
            .zip(&self.seen)
            .filter(|(_, s)| !**s)
            .map(|(e, _)| e)
            .collect();
        v.sort();
        v
    }

    /// The baseline file's text: pretty JSON, entries sorted by path, code
    /// and fingerprint so that a regenerated baseline diffs well.
    pub fn to_json_string(&self) -> String {
        let mut entries = self.entries.clone();
        entries.sort();
        let file = BaselineFile {
            version: BASELINE_VERSION,
            entries,
        };
        let mut s = serde_json::to_string_pretty(&file).expect("a baseline always serialises");
        s.push('\n');
        s
    }

    /// Parses a baseline's text; `name` says where it came from in errors.
    pub fn from_json_str(name: &str, text: &str) -> Result<Baseline, String> {
        let file: BaselineFile =
            serde_json::from_str(text).map_err(|e| format!("{name}: not a bilint baseline: {e}"))?;
        if file.version != BASELINE_VERSION {
            return Err(format!(
                "{name}: baseline version {} is not supported (this bilint reads version {BASELINE_VERSION})",
                file.version
            ));
        }
        let mut baseline = Baseline::new();
        for e in &file.entries {
            if e.fingerprint.len() != 16 || !e.fingerprint.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(format!(
                    "{name}: entry for {} {} has fingerprint `{}`, expected 16 hex digits",
                    e.path, e.code, e.fingerprint
                ));
            }
            baseline.add(&e.path, &e.code, &e.fingerprint, &e.message);
        }
        Ok(baseline)
    }

    /// Reads a baseline file.
    pub fn load(path: impl AsRef<Path>) -> Result<Baseline, String> {
        let path = path.as_ref();
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
        Baseline::from_json_str(&path.display().to_string(), &text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Family, Fixable, RuleMeta, Severity};

    static RULE: RuleMeta = RuleMeta {
        code: "T001",
        name: "zh-truncated-start",
        family: Family::Truncation,
        severity: Severity::Error,
        fix: Fixable::None,
        summary: "Chinese fragment starts mid-sentence",
        docs: "",
        origin: "builtin",
    };

    static OTHER: RuleMeta = RuleMeta {
        code: "B001",
        name: "share-widget",
        family: Family::Boilerplate,
        severity: Severity::Warning,
        fix: Fixable::Safe,
        summary: "share widget",
        docs: "",
        origin: "builtin",
    };

    /// One diagnostic of `rule` on each occurrence of `needle` in `text`.
    fn flag(text: &str, needle: &str, rule: &'static RuleMeta) -> Vec<Diagnostic> {
        text.match_indices(needle)
            .map(|(i, m)| Diagnostic::new(rule, i..i + m.len(), format!("found {m}")))
            .collect()
    }

    const PAGE: &str = "四川日报 2019年12月7日\n\n人,候补省委委员13人。 Attending were 76 members.\n分享到：微信\n";

    #[test]
    fn fingerprints_do_not_move_with_lines() {
        let src = SourceText::new(PAGE.to_string());
        let mut diags = flag(PAGE, "人,候补", &RULE);
        diags.extend(flag(PAGE, "分享到", &OTHER));
        let before = fingerprints("corpus/page.txt", &src, &diags);

        let moved_text = format!("new first line\r\nanother\n{PAGE}");
        let moved = SourceText::new(moved_text.clone());
        let mut moved_diags = flag(&moved_text, "人,候补", &RULE);
        moved_diags.extend(flag(&moved_text, "分享到", &OTHER));
        assert_ne!(diags[0].span, moved_diags[0].span);
        assert_eq!(before, fingerprints("./corpus/page.txt", &moved, &moved_diags));
        assert_eq!(before, fingerprints(".\\corpus\\page.txt", &moved, &moved_diags));

        assert_eq!(before.len(), 2);
        assert_ne!(before[0], before[1]);
        assert!(before
            .iter()
            .all(|f| f.len() == 16 && f.bytes().all(|b| b.is_ascii_hexdigit())));
    }

    #[test]
    fn fingerprints_are_pinned() {
        // The hash of "corpus/page.txt", "T001", "人,候补", "" (before),
        // "省委委员13人。 Attendi" (after), "0" (occurrence), each field followed
        // by 0xFF. A change here invalidates every baseline users have written.
        let src = SourceText::new(PAGE.to_string());
        let fps = fingerprints("corpus/page.txt", &src, &flag(PAGE, "人,候补", &RULE));
        assert_eq!(fps, ["c9126915a39b945c"]);
    }

    #[test]
    fn fnv1a_matches_the_reference_values() {
        let hash = |s: &str| {
            let mut h = Fnv1a::new();
            h.write(s.as_bytes());
            h.finish()
        };
        assert_eq!(hash(""), 0xcbf29ce484222325);
        assert_eq!(hash("a"), 0xaf63dc4c8601ec8c);
        assert_eq!(hash("foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn repeats_differ_only_by_occurrence() {
        let text = "分享到\n正文\n分享到\n";
        let src = SourceText::new(text.to_string());
        let diags = flag(text, "分享到", &OTHER);
        let fps = fingerprints("a.txt", &src, &diags);
        assert_eq!(fps.len(), 2);
        assert_ne!(fps[0], fps[1]);
        // Same text, same (empty) context: only the occurrence index tells them apart.
        assert_eq!(fps, ["63c3206c0e418054", "63bf206c0e3d977d"]);

        // Other files give other fingerprints.
        assert_ne!(fps, fingerprints("b.txt", &src, &diags));
    }

    #[test]
    fn context_changes_the_fingerprint_and_whitespace_does_not() {
        let fp = |text: &str| {
            let src = SourceText::new(text.to_string());
            fingerprints("a.txt", &src, &flag(text, "X", &OTHER))
        };
        assert_eq!(fp("foo  X\tbar"), fp("foo X bar"));
        assert_ne!(fp("foo X bar"), fp("baz X bar"));
        // Context further than 16 characters away does not count.
        assert_eq!(
            fp("far away words 0123456789abcdef X"),
            fp("other text 0123456789abcdef X")
        );
    }

    #[test]
    fn round_trip_through_json_sorted() {
        let mut b = Baseline::new();
        b.add("./z.txt", "T001", "00000000000000ff", "last");
        b.add("a\\b.txt", "T001", "0000000000000002", "second");
        b.add("a/b.txt", "B001", "0000000000000003", "first");
        b.add("a/b.txt", "B001", "0000000000000003", "duplicate, ignored");
        let json = b.to_json_string();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["version"], 1);
        let order: Vec<(&str, &str)> = v["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["path"].as_str().unwrap(), e["code"].as_str().unwrap()))
            .collect();
        assert_eq!(order, [("a/b.txt", "B001"), ("a/b.txt", "T001"), ("z.txt", "T001")]);
        assert!(json.contains("\n    {\n"), "pretty-printed:\n{json}");

        let back = Baseline::from_json_str("baseline.json", &json).unwrap();
        assert_eq!(back.len(), 3);
        assert_eq!(back.to_json_string(), json);
        assert!(back.contains("z.txt", "00000000000000ff"));
        assert!(back.contains("./a/b.txt", "0000000000000002"));
        assert!(!back.contains("a/b.txt", "00000000000000ff"));
    }

    #[test]
    fn load_errors_name_the_file_and_the_problem() {
        let err = Baseline::from_json_str("base.json", "[]").unwrap_err();
        assert!(err.starts_with("base.json: not a bilint baseline"), "{err}");
        let err = Baseline::from_json_str("base.json", r#"{"version": 2, "entries": []}"#).unwrap_err();
        assert!(err.contains("version 2"), "{err}");
        let bad_fp =
            r#"{"version": 1, "entries": [{"path": "a", "code": "T001", "fingerprint": "xyz", "message": ""}]}"#;
        let err = Baseline::from_json_str("base.json", bad_fp).unwrap_err();
        assert!(err.contains("`xyz`"), "{err}");
        let err = Baseline::load("/nonexistent/bilint-baseline.json").unwrap_err();
        assert!(err.contains("/nonexistent/bilint-baseline.json"), "{err}");
    }

    #[test]
    fn stale_entries_are_counted() {
        let mut b = Baseline::new();
        b.add("a.txt", "T001", "0000000000000001", "one");
        b.add("a.txt", "T001", "0000000000000002", "two");
        b.add("b.txt", "B001", "0000000000000003", "three");
        assert_eq!(b.stale(), 3);
        assert!(b.mark_seen("./a.txt", "0000000000000001"));
        assert!(b.mark_seen("a.txt", "0000000000000001"));
        assert!(!b.mark_seen("a.txt", "0000000000000009"));
        assert_eq!(b.stale(), 2);
        let stale: Vec<&str> = b.stale_entries().iter().map(|e| e.message.as_str()).collect();
        assert_eq!(stale, ["two", "three"]);
    }
}
