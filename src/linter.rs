//! The engine: the enabled rules, run over a text; and the fix loop.

use std::collections::BTreeSet;

use crate::diagnostic::{Diagnostic, Family, RuleMeta, Severity};
use crate::document::Analysis;
use crate::fix::{apply_fixes, Applicability};
use crate::packs::{PackRule, Packs};
use crate::rules::{self, BinaryFile, Context, Rule};
use crate::source::SourceText;

/// How many lint-and-fix passes `--fix` makes before it gives up.
pub const MAX_FIX_PASSES: usize = 20;

/// Every rule known: built-in Rust rules and pack rules.
pub struct Registry {
    pub rust: Vec<Box<dyn Rule>>,
    pub packs: Vec<PackRule>,
    /// Rules the record reader applies to the lines of JSONL and TSV files.
    pub input: Vec<&'static RuleMeta>,
}

impl Registry {
    pub fn new(packs: Vec<PackRule>) -> Registry {
        Registry {
            rust: rules::builtin(),
            packs,
            input: crate::records::input_rules(),
        }
    }

    /// Metadata of every rule, sorted by code.
    pub fn metas(&self) -> Vec<&'static RuleMeta> {
        let mut v: Vec<&'static RuleMeta> = self
            .rust
            .iter()
            .map(|r| r.meta())
            .chain(self.packs.iter().map(|p| p.meta))
            .chain(self.input.iter().copied())
            .collect();
        v.sort_by_key(|m| m.code);
        v
    }

    pub fn find(&self, key: &str) -> Option<&'static RuleMeta> {
        self.metas()
            .into_iter()
            .find(|m| m.code.eq_ignore_ascii_case(key) || m.name == key)
    }

    /// A code that two rules share, if any.
    pub fn duplicate(&self) -> Option<(&'static RuleMeta, &'static RuleMeta)> {
        let metas = self.metas();
        metas
            .windows(2)
            .find(|w| w[0].code == w[1].code)
            .map(|w| (w[0], w[1]))
            .or_else(|| {
                let mut by_name: Vec<_> = metas.clone();
                by_name.sort_by_key(|m| m.name);
                by_name
                    .windows(2)
                    .find(|w| w[0].name == w[1].name)
                    .map(|w| (w[0], w[1]))
            })
    }
}

/// Which rules run, and at what severity.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Vec<String>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    /// (selector, severity): overrides, applied in order.
    pub severity: Vec<(String, Severity)>,
}

/// Does a selector (code, code prefix, name, or family letter) pick this rule?
pub fn selector_matches(sel: &str, meta: &RuleMeta) -> bool {
    let upper = sel.to_ascii_uppercase();
    sel == meta.name
        || (!upper.is_empty()
            && meta.code.starts_with(upper.as_str())
            && upper.bytes().skip(1).all(|b| b.is_ascii_digit())
            && Family::from_letter(upper.chars().next().unwrap()).is_some())
        || Family::ALL.iter().any(|f| f.as_str() == sel && meta.family == *f)
}

/// A selector that names no rule: the message, with a suggestion.
pub fn check_selector(sel: &str, metas: &[&'static RuleMeta]) -> Result<(), String> {
    if metas.iter().any(|m| selector_matches(sel, m)) {
        return Ok(());
    }
    let names: Vec<&str> = metas.iter().flat_map(|m| [m.code, m.name]).collect();
    let hint = crate::packs::closest(sel, &names)
        .map(|c| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default();
    Err(format!("`{sel}` names no rule, code or family{hint}"))
}

/// The rules that run, compiled for one pass over each text.
pub struct Linter {
    /// Enabled input rules (applied by the record reader) and their severity.
    input: Vec<(&'static RuleMeta, Severity)>,
    rust: Vec<(Box<dyn Rule>, Severity)>,
    packs: Packs,
    pack_severity: Vec<(&'static str, Severity)>,
}

impl Linter {
    pub fn new(registry: Registry, sel: &Selection) -> Linter {
        let enabled = |meta: &RuleMeta| -> Option<Severity> {
            let selected = if sel.select.is_empty() {
                true
            } else {
                sel.select.iter().any(|s| selector_matches(s, meta))
            } || sel.extend_select.iter().any(|s| selector_matches(s, meta));
            if !selected || sel.ignore.iter().any(|s| selector_matches(s, meta)) {
                return None;
            }
            let mut severity = meta.severity;
            for (s, sev) in &sel.severity {
                if selector_matches(s, meta) {
                    severity = *sev;
                }
            }
            Some(severity)
        };
        let rust = registry
            .rust
            .into_iter()
            .filter_map(|r| enabled(r.meta()).map(|s| (r, s)))
            .collect();
        let mut pack_severity = Vec::new();
        let packs = registry
            .packs
            .into_iter()
            .filter(|p| match enabled(p.meta) {
                Some(s) => {
                    pack_severity.push((p.meta.code, s));
                    true
                }
                None => false,
            })
            .collect();
        Linter {
            input: registry
                .input
                .iter()
                .filter_map(|m| enabled(m).map(|s| (*m, s)))
                .collect(),
            rust,
            packs: Packs::from_rules(packs),
            pack_severity,
        }
    }

    /// The severity of a Rust rule, or `None` when it is not selected.
    pub fn rule_severity(&self, meta: &RuleMeta) -> Option<Severity> {
        self.rust
            .iter()
            .find(|(r, _)| r.meta().code == meta.code)
            .map(|(_, s)| *s)
    }

    /// The severity of an input rule, or `None` when it is not selected.
    pub fn input_severity(&self, meta: &RuleMeta) -> Option<Severity> {
        self.input.iter().find(|(m, _)| m.code == meta.code).map(|(_, s)| *s)
    }

    /// Every finding in the text, sorted by position then code.
    pub fn check(&self, src: &SourceText) -> Vec<Diagnostic> {
        if src.binary.is_some() {
            return self.check_binary(src, &Analysis::default());
        }
        self.check_with(src, &Analysis::new(src))
    }

    /// A binary input is not text: only `binary-file` runs on it.
    fn check_binary(&self, src: &SourceText, analysis: &Analysis) -> Vec<Diagnostic> {
        let ctx = Context { src, analysis };
        let mut out = Vec::new();
        for (rule, severity) in self.rust.iter().filter(|(r, _)| r.meta().code == BinaryFile::META.code) {
            rule.check(&ctx, &mut out);
            for d in &mut out {
                d.severity = *severity;
            }
        }
        out
    }

    /// Every finding in the text, given its analysis.
    pub fn check_with(&self, src: &SourceText, analysis: &Analysis) -> Vec<Diagnostic> {
        if src.binary.is_some() {
            return self.check_binary(src, analysis);
        }
        let ctx = Context { src, analysis };
        let mut out = Vec::new();
        for (rule, severity) in &self.rust {
            let from = out.len();
            rule.check(&ctx, &mut out);
            for d in &mut out[from..] {
                d.severity = *severity;
            }
        }
        let from = out.len();
        self.packs.check(&ctx, &mut out);
        for d in &mut out[from..] {
            if let Some((_, s)) = self.pack_severity.iter().find(|(c, _)| *c == d.rule.code) {
                d.severity = *s;
            }
        }
        debug_assert!(out
            .iter()
            .all(|d| src.text.is_char_boundary(d.span.start) && src.text.is_char_boundary(d.span.end)));
        out.sort_by(|a, b| (a.span.start, a.span.end, a.rule.code).cmp(&(b.span.start, b.span.end, b.rule.code)));
        out
    }

    /// Applies fixes until none applies (at most `MAX_FIX_PASSES` passes).
    pub fn fix(&self, src: &SourceText, level: Applicability) -> FixOutcome {
        let mut current = src.clone();
        let mut fixed_codes = BTreeSet::new();
        let mut applied_count = 0;
        for _ in 0..MAX_FIX_PASSES {
            let diags = self.check(&current);
            let fixable: Vec<&Diagnostic> = diags
                .iter()
                .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability >= level))
                .collect();
            let (text, applied) = apply_fixes(&current.text, fixable.iter().filter_map(|d| d.fix.as_ref()));
            if applied.is_empty() || text == current.text {
                return FixOutcome {
                    text: current.text,
                    remaining: diags,
                    fixed_codes,
                    applied: applied_count,
                    unconverged: BTreeSet::new(),
                };
            }
            fixed_codes.extend(applied.iter().map(|&i| fixable[i].rule.code));
            applied_count += applied.len();
            current = SourceText::new(text);
        }
        // Still changing after the last pass: name the rules that keep at it.
        let remaining = self.check(&current);
        let unconverged = remaining
            .iter()
            .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability >= level))
            .map(|d| d.rule.code)
            .collect();
        FixOutcome {
            text: current.text,
            remaining,
            fixed_codes,
            applied: applied_count,
            unconverged,
        }
    }
}

/// What the fix loop did to one text.
#[derive(Debug)]
pub struct FixOutcome {
    pub text: String,
    /// The findings left in the fixed text.
    pub remaining: Vec<Diagnostic>,
    /// Codes of the rules whose fixes were applied.
    pub fixed_codes: BTreeSet<&'static str>,
    /// How many fixes were applied over all passes.
    pub applied: usize,
    /// Rules whose fixes still applied after the last pass (empty when the
    /// loop reached a fixpoint).
    pub unconverged: BTreeSet<&'static str>,
}
