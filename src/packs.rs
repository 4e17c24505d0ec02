//! Declarative rule packs: TOML files of regex rules with their own
//! examples. The packs in `rules/` are built into the binary; users add
//! folders with `--rules DIR` or the config's `rules` key.

use std::ops::Range;
use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use miette::{Diagnostic as MietteDiagnostic, NamedSource, SourceSpan};
use regex::{Regex, RegexSet};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Family, Fixable, RuleMeta, Severity};
use crate::document::{is_document_separator, Analysis, Lang};
use crate::fix::{Applicability, Fix};
use crate::rules::Context;
use crate::source::SourceText;

include!(concat!(env!("OUT_DIR"), "/default_packs.rs"));

/// A problem in a pack or config file, pointing at the place in it.
#[derive(Debug)]
pub struct FileError {
    pub message: String,
    pub src: NamedSource<String>,
    pub span: Option<SourceSpan>,
    pub label: String,
    pub help: Option<String>,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FileError {}

impl MietteDiagnostic for FileError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new("bilint::config"))
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.src)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = self.span?;
        Some(Box::new(std::iter::once(miette::LabeledSpan::new_primary_with_span(
            Some(self.label.clone()),
            span,
        ))))
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }
}

impl FileError {
    pub fn new(
        name: &str,
        text: &str,
        span: Option<Range<usize>>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        FileError {
            message: message.into(),
            src: NamedSource::new(name, text.to_string()),
            span: span.map(|r| (r.start, r.end - r.start).into()),
            label: label.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// 1-based line of the error in its file.
    pub fn line(&self) -> Option<usize> {
        let span = self.span?;
        Some(self.src.inner()[..span.offset()].matches('\n').count() + 1)
    }

    /// From a TOML parse error, with "did you mean" for misspelt keys.
    pub fn from_toml(name: &str, text: &str, err: toml::de::Error) -> Self {
        let msg = err.message().to_string();
        let mut e = FileError::new(name, text, err.span(), format!("{name}: {msg}"), "here");
        if let Some(hint) = did_you_mean_from_message(&msg) {
            e = e.with_help(hint);
        }
        e
    }
}

/// For serde's "unknown field `x`, expected one of `a`, `b`", the closest
/// expected name.
fn did_you_mean_from_message(msg: &str) -> Option<String> {
    let rest = msg.strip_prefix("unknown field `")?;
    let (field, expected) = rest.split_once('`')?;
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    closest(field, &candidates).map(|c| format!("did you mean `{c}`?"))
}

/// The candidate nearest to `word` by edit distance, if near enough.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    code: Spanned<String>,
    name: Spanned<String>,
    #[serde(default)]
    severity: Option<Spanned<String>>,
    scope: Spanned<String>,
    pattern: Spanned<String>,
    message: String,
    #[serde(default)]
    help: Option<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    fix: Option<Spanned<RawFix>>,
    #[serde(default)]
    examples: Vec<Spanned<RawExample>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawFix {
    Action(String),
    Table {
        #[serde(default)]
        action: Option<String>,
        #[serde(default)]
        replace: Option<String>,
        #[serde(default)]
        applicability: Option<String>,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExample {
    text: String,
    flagged: bool,
    #[serde(default)]
    fixed: Option<String>,
}

/// What text a pack rule's pattern runs over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Each line, without its line ending.
    Line,
    /// Each paragraph (a record's text in record formats).
    Paragraph,
    /// Each Chinese fragment.
    Zh,
    /// Each English span.
    En,
    /// The whole record: in `txt`, the paragraph.
    Record,
}

impl Scope {
    const ALL: [Scope; 5] = [Scope::Line, Scope::Paragraph, Scope::Zh, Scope::En, Scope::Record];
    const NAMES: [&'static str; 5] = ["line", "paragraph", "zh", "en", "record"];

    fn parse(s: &str) -> Option<Scope> {
        Scope::NAMES.iter().position(|n| *n == s).map(|i| Scope::ALL[i])
    }
}

#[derive(Debug, Clone)]
enum FixAction {
    DeleteLine,
    DeleteMatch,
    Replace(String),
}

#[derive(Debug, Clone)]
struct PackFix {
    action: FixAction,
    applicability: Applicability,
}

/// One compiled pack rule.
#[derive(Debug, Clone)]
pub struct PackRule {
    pub meta: &'static RuleMeta,
    regex: Regex,
    scope: Scope,
    message: String,
    help: Option<String>,
    fix: Option<PackFix>,
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// Parses one pack file. `name` is how errors name it.
pub fn parse_pack(name: &str, text: &str) -> Result<Vec<PackRule>, FileError> {
    let raw: RawPack = toml::from_str(text).map_err(|e| FileError::from_toml(name, text, e))?;
    let err = |span: Range<usize>, msg: String, label: &str| {
        FileError::new(name, text, Some(span), format!("{name}: {msg}"), label)
    };
    let mut rules = Vec::new();
    for r in raw.rule {
        let r = r.into_inner();
        let code = r.code.get_ref();
        let family = code
            .chars()
            .next()
            .and_then(Family::from_letter)
            .filter(|_| code.len() == 4 && code[1..].bytes().all(|b| b.is_ascii_digit()));
        let Some(family) = family else {
            return Err(err(
                r.code.span(),
                format!("rule code `{code}` is not a family letter and three digits"),
                "bad code",
            )
            .with_help("families: T B D N P U A I, e.g. `B901`"));
        };
        if !is_kebab(r.name.get_ref()) {
            return Err(err(
                r.name.span(),
                format!("rule name `{}` is not kebab-case", r.name.get_ref()),
                "bad name",
            ));
        }
        let severity = match &r.severity {
            None => Severity::Warning,
            Some(s) => Severity::parse(s.get_ref()).ok_or_else(|| {
                err(
                    s.span(),
                    format!("unknown severity `{}`", s.get_ref()),
                    "not a severity",
                )
                .with_help("use error, warning or info")
            })?,
        };
        let scope = Scope::parse(r.scope.get_ref()).ok_or_else(|| {
            let hint = closest(r.scope.get_ref(), &Scope::NAMES).map(|c| format!("did you mean `{c}`? "));
            err(
                r.scope.span(),
                format!("unknown scope `{}`", r.scope.get_ref()),
                "not a scope",
            )
            .with_help(format!(
                "{}scopes: line, paragraph, zh, en, record",
                hint.unwrap_or_default()
            ))
        })?;
        let regex = regex::RegexBuilder::new(r.pattern.get_ref())
            .dfa_size_limit(RULE_DFA_CACHE)
            .build()
            .map_err(|e| {
                err(
                    r.pattern.span(),
                    "the pattern is not a valid regex".to_string(),
                    "bad regex",
                )
                .with_help(e.to_string())
            })?;
        let fix = match &r.fix {
            None => None,
            Some(f) => Some(parse_fix(f.get_ref()).map_err(|m| err(f.span(), m, "bad fix").with_help(
                "use \"delete-line\", \"delete-match\", or { replace = \"...\", applicability = \"safe\" | \"unsafe\" }",
            ))?),
        };
        let fixable = match &fix {
            None => Fixable::None,
            Some(f) if f.applicability == Applicability::Safe => Fixable::Safe,
            Some(_) => Fixable::Unsafe,
        };
        let mut docs = r.description.clone().unwrap_or_else(|| r.message.clone());
        if !r.examples.is_empty() {
            docs.push_str("\n\n## Examples\n```text\n");
            for ex in &r.examples {
                let ex = ex.get_ref();
                let mark = if ex.flagged { "<- flagged" } else { "<- not flagged" };
                docs.push_str(&format!("{}   {mark}\n", ex.text));
                if let Some(fixed) = &ex.fixed {
                    docs.push_str(&format!("  fixed: {fixed}\n"));
                }
            }
            docs.push_str("```\n");
        }
        if let Some(f) = &fix {
            docs.push_str(&format!(
                "\n## Fix\n{}: {}.\n",
                if f.applicability == Applicability::Safe {
                    "Safe"
                } else {
                    "Unsafe (only with `--unsafe-fixes`)"
                },
                fix_title(&f.action)
            ));
        }
        let meta: &'static RuleMeta = Box::leak(Box::new(RuleMeta {
            code: leak(code.clone()),
            name: leak(r.name.get_ref().clone()),
            family,
            severity,
            fix: fixable,
            summary: leak(r.summary.clone().unwrap_or_else(|| r.message.clone())),
            docs: leak(docs),
            origin: leak(name.to_string()),
        }));
        let rule = PackRule {
            meta,
            regex,
            scope,
            message: r.message,
            help: r.help,
            fix,
        };
        if let Some(warning) = slow_unicode_boundary(r.pattern.get_ref()) {
            eprintln!("warning: {name}: rule {}: {warning}", meta.code);
        }
        for ex in &r.examples {
            if let Err(m) = rule.check_example(ex.get_ref()) {
                return Err(err(
                    ex.span(),
                    format!("rule {} contradicts its example: {m}", meta.code),
                    "this example",
                ));
            }
        }
        rules.push(rule);
    }
    Ok(rules)
}

/// A Unicode `\b` makes the regex engine fall back to a slow path on
/// non-ASCII text.
fn slow_unicode_boundary(pattern: &str) -> Option<String> {
    let has = pattern.contains(r"\b") && !pattern.contains(r"(?-u:\b)");
    has.then(|| {
        r"`\b` is Unicode-aware and slow on Chinese text; use `(?-u:\b)` for an ASCII word boundary".to_string()
    })
}

fn parse_fix(f: &RawFix) -> Result<PackFix, String> {
    let (action, replace, applicability) = match f {
        RawFix::Action(a) => (Some(a.as_str()), None, None),
        RawFix::Table {
            action,
            replace,
            applicability,
        } => (action.as_deref(), replace.clone(), applicability.as_deref()),
    };
    let action = match (action, replace) {
        (Some("delete-line"), None) => FixAction::DeleteLine,
        (Some("delete-match"), None) => FixAction::DeleteMatch,
        (None | Some("replace"), Some(r)) => FixAction::Replace(r),
        (Some(a), _) => return Err(format!("unknown fix `{a}`")),
        (None, None) => return Err("the fix needs an action or `replace`".to_string()),
    };
    let applicability = match applicability {
        None | Some("safe") => Applicability::Safe,
        Some("unsafe") => Applicability::Unsafe,
        Some(a) => return Err(format!("unknown applicability `{a}`")),
    };
    Ok(PackFix { action, applicability })
}

fn fix_title(action: &FixAction) -> String {
    match action {
        FixAction::DeleteLine => "delete the line".to_string(),
        FixAction::DeleteMatch => "remove the matched text".to_string(),
        FixAction::Replace(r) => format!("replace the match with `{r}`"),
    }
}

impl PackRule {
    fn check_example(&self, ex: &RawExample) -> Result<(), String> {
        let src = SourceText::new(ex.text.clone());
        let analysis = Analysis::new(&src);
        let ctx = Context {
            src: &src,
            analysis: &analysis,
        };
        let mut found = Vec::new();
        Packs::from_rules(vec![self.clone()]).check(&ctx, &mut found);
        if found.is_empty() == ex.flagged {
            return Err(format!(
                "`{}` should {}be flagged",
                ex.text,
                if ex.flagged { "" } else { "not " }
            ));
        }
        if let Some(want) = &ex.fixed {
            let (got, _) = crate::fix::apply_fixes(&ex.text, found.iter().filter_map(|d| d.fix.as_ref()));
            if &got != want {
                return Err(format!("fixing `{}` gives `{got}`, not `{want}`", ex.text));
            }
        }
        Ok(())
    }

    fn diagnostic(&self, src: &SourceText, text_base: usize, caps: &regex::Captures<'_>) -> Diagnostic {
        let m = caps.get(0).unwrap();
        let span = text_base + m.start()..text_base + m.end();
        let mut d = Diagnostic::new(self.meta, span.clone(), self.message.clone());
        if let Some(h) = &self.help {
            d = d.with_help(h.clone());
        }
        if let Some(f) = &self.fix {
            let fix = match &f.action {
                FixAction::DeleteLine => Fix::delete_line(f.applicability, "delete the line", src, span.start),
                FixAction::DeleteMatch => {
                    let what = m.as_str().trim();
                    let title = if what.is_empty() {
                        "remove the whitespace".to_string()
                    } else {
                        format!("remove `{what}`")
                    };
                    Fix::delete(f.applicability, title, span)
                }
                FixAction::Replace(template) => {
                    let mut out = String::new();
                    caps.expand(template, &mut out);
                    Fix::replace(f.applicability, format!("replace with `{out}`"), span, out)
                }
            };
            d = d.with_fix(fix);
        }
        d
    }
}

/// All pack rules, compiled for one pass over each text: rules with
/// required literals are found through one Aho-Corasick scan of the whole
/// text and run only on the units where their literals occur; the others
/// run as one regex set per scope over every unit.
#[derive(Debug, Default)]
pub struct Packs {
    rules: Vec<PackRule>,
    /// Rules without a literal filter: (scope, set, rule indices).
    unfiltered: Vec<(Scope, RegexSet, Vec<usize>)>,
    /// The literals of the filtered rules, and for each literal its rule.
    filter: Option<(AhoCorasick, Vec<usize>)>,
}

impl Packs {
    pub fn from_rules(rules: Vec<PackRule>) -> Packs {
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut owner = Vec::new();
        let mut unfiltered_idx = Vec::new();
        for (i, r) in rules.iter().enumerate() {
            match crate::literals::required_literals(r.regex.as_str()) {
                Some(set) => {
                    owner.extend(std::iter::repeat_n(i, set.len()));
                    literals.extend(set);
                }
                None => unfiltered_idx.push(i),
            }
        }
        let filter = (!literals.is_empty()).then(|| {
            let ac = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&literals)
                .or_else(|_| AhoCorasick::builder().ascii_case_insensitive(true).build(&literals))
                .expect("literal automaton");
            (ac, owner)
        });
        let mut unfiltered = Vec::new();
        for scope in Scope::ALL {
            let idx: Vec<usize> = unfiltered_idx
                .iter()
                .copied()
                .filter(|&i| rules[i].scope == scope)
                .collect();
            for (set, idx) in regex_sets(&rules, idx) {
                unfiltered.push((scope, set, idx));
            }
        }
        Packs {
            rules,
            unfiltered,
            filter,
        }
    }

    pub fn rules(&self) -> &[PackRule] {
        &self.rules
    }

    pub fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let src = ctx.src;
        let text = src.text.as_str();
        let run_rule = |rule: &PackRule, span: Range<usize>, out: &mut Vec<Diagnostic>| {
            for caps in rule.regex.captures_iter(&text[span.clone()]) {
                if caps.get(0).is_some_and(|m| !m.is_empty()) {
                    out.push(rule.diagnostic(src, span.start, &caps));
                }
            }
        };
        // Filtered rules: the units where one of their literals occurs.
        if let Some((ac, owner)) = &self.filter {
            let mut candidates: Vec<(usize, Range<usize>)> = Vec::new();
            for m in ac.find_overlapping_iter(text) {
                let rule = owner[m.pattern().as_usize()];
                if let Some(unit) = unit_at(ctx, self.rules[rule].scope, m.start()) {
                    candidates.push((rule, unit));
                }
            }
            candidates.sort_by_key(|(r, u)| (*r, u.start));
            candidates.dedup();
            for (rule, unit) in candidates {
                run_rule(&self.rules[rule], unit, out);
            }
        }
        // Unfiltered rules: every unit, through one regex set per scope.
        for (scope, set, idx) in &self.unfiltered {
            for_each_unit(ctx, *scope, |span| {
                let matches = set.matches(&text[span.clone()]);
                for k in matches.iter() {
                    run_rule(&self.rules[idx[k]], span.clone(), out);
                }
            });
        }
    }
}

/// A line's span for pack rules: without its line ending, without a
/// leading BOM; `None` for empty lines and document separators.
fn line_unit(src: &SourceText, i: usize) -> Option<Range<usize>> {
    let span = src.line_span(i);
    let line = &src.text[span.clone()];
    if line.is_empty() || is_document_separator(line) {
        return None;
    }
    Some(if i == 0 && line.starts_with('\u{FEFF}') {
        span.start + 3..span.end
    } else {
        span
    })
}

/// Calls `f` with the span of every unit of a scope.
fn for_each_unit(ctx: &Context<'_>, scope: Scope, mut f: impl FnMut(Range<usize>)) {
    match scope {
        Scope::Line => (0..ctx.src.line_count())
            .filter_map(|i| line_unit(ctx.src, i))
            .for_each(f),
        Scope::Paragraph | Scope::Record => ctx.analysis.paragraphs.iter().for_each(|p| f(p.span.clone())),
        Scope::Zh | Scope::En => {
            let lang = if scope == Scope::Zh { Lang::Zh } else { Lang::En };
            for p in &ctx.analysis.paragraphs {
                p.segments
                    .iter()
                    .filter(|s| s.lang == lang)
                    .for_each(|s| f(s.span.clone()));
            }
        }
    }
}

/// The unit of a scope that holds the byte at `offset`.
fn unit_at(ctx: &Context<'_>, scope: Scope, offset: usize) -> Option<Range<usize>> {
    if scope == Scope::Line {
        return line_unit(ctx.src, ctx.src.line_index(offset)).filter(|u| u.contains(&offset));
    }
    let paragraphs = &ctx.analysis.paragraphs;
    let i = paragraphs.partition_point(|p| p.span.end <= offset);
    let p = paragraphs.get(i).filter(|p| p.span.contains(&offset))?;
    match scope {
        Scope::Paragraph | Scope::Record => Some(p.span.clone()),
        _ => {
            let lang = if scope == Scope::Zh { Lang::Zh } else { Lang::En };
            p.segments
                .iter()
                .find(|s| s.lang == lang && s.span.contains(&offset))
                .map(|s| s.span.clone())
        }
    }
}

/// Regex sets over the rules `idx`: one set when it compiles within the
/// size limit, else the rules split in halves until each half does.
fn regex_sets(rules: &[PackRule], idx: Vec<usize>) -> Vec<(RegexSet, Vec<usize>)> {
    if idx.is_empty() {
        return Vec::new();
    }
    let built = regex::RegexSetBuilder::new(idx.iter().map(|&i| rules[i].regex.as_str()))
        .size_limit(SET_SIZE_LIMIT)
        .dfa_size_limit(SET_DFA_CACHE)
        .build();
    match built {
        Ok(set) => vec![(set, idx)],
        Err(_) if idx.len() > 1 => {
            let mut right = idx;
            let left = right.drain(..right.len() / 2).collect();
            let mut out = regex_sets(rules, left);
            out.extend(regex_sets(rules, right));
            out
        }
        // A single pattern compiled on its own already: give it the room it needs.
        Err(_) => {
            let set = regex::RegexSetBuilder::new([rules[idx[0]].regex.as_str()])
                .size_limit(usize::MAX >> 1)
                .dfa_size_limit(SET_DFA_CACHE)
                .build()
                .expect("a pattern that compiled alone compiles in a set without a size limit");
            vec![(set, idx)]
        }
    }
}

/// The lazy DFA's cache of one pack rule: patterns with Unicode classes
/// build many states on Chinese text, and a small cache is rebuilt over and
/// over.
const RULE_DFA_CACHE: usize = 16 << 20;

/// How large one compiled regex set may grow.
const SET_SIZE_LIMIT: usize = 32 << 20;
/// The lazy DFA's cache per set: large enough that the union of many
/// Unicode-class patterns does not thrash it on Chinese text.
const SET_DFA_CACHE: usize = 64 << 20;

/// The default packs, as built into the binary.
pub fn default_packs() -> Result<Vec<PackRule>, FileError> {
    let mut out = Vec::new();
    for (name, text) in DEFAULT_PACKS {
        out.extend(parse_pack(name, text)?);
    }
    Ok(out)
}

/// Every `*.toml` pack in a folder, in name order.
pub fn load_dir(dir: &Path) -> Result<Vec<PackRule>, FileError> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        FileError::new(
            &dir.display().to_string(),
            "",
            None,
            format!("{}: cannot read rule folder: {e}", dir.display()),
            "",
        )
    })?;
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let name = f.display().to_string();
        let text = std::fs::read_to_string(&f)
            .map_err(|e| FileError::new(&name, "", None, format!("{name}: cannot read: {e}"), ""))?;
        out.extend(parse_pack(&name, &text)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_packs_load_and_their_examples_hold() {
        let rules = default_packs().expect("default packs");
        assert!(rules.iter().any(|r| r.meta.code == "B001"));
    }

    #[test]
    fn a_bad_regex_names_the_file_and_line() {
        let pack =
            "[[rule]]\ncode = \"B901\"\nname = \"x\"\nscope = \"line\"\npattern = '(unclosed'\nmessage = \"m\"\n";
        let e = parse_pack("p.toml", pack).unwrap_err();
        assert_eq!(e.line(), Some(5));
        assert!(e.message.starts_with("p.toml"));
    }

    #[test]
    fn an_example_the_rule_gets_wrong_fails_the_load() {
        let pack = "[[rule]]\ncode = \"B901\"\nname = \"x\"\nscope = \"line\"\npattern = '^本站声明'\nmessage = \"m\"\n[[rule.examples]]\ntext = \"别的内容\"\nflagged = true\n";
        let e = parse_pack("p.toml", pack).unwrap_err();
        assert_eq!(e.line(), Some(7));
        assert!(e.message.contains("contradicts"));
    }

    #[test]
    fn a_misspelt_key_gets_a_suggestion() {
        let pack = "[[rule]]\ncode = \"B901\"\nname = \"x\"\nscope = \"line\"\npatern = 'x'\nmessage = \"m\"\n";
        let e = parse_pack("p.toml", pack).unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `pattern`?"));
    }
}
