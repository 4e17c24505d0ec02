//! `sarif`: SARIF 2.1.0 as GitHub code scanning reads it.
//!
//! One run; the driver lists every rule, each result points at its rule by
//! id and index, carries its baseline fingerprint as a partial fingerprint,
//! and its fix as byte-offset replacements. Columns count Unicode code
//! points, as everywhere in bilint.

use std::collections::HashMap;
use std::ops::Range;

use serde_json::{json, Map, Value};

use super::FileReport;
use crate::baseline::normalize_path;
use crate::diagnostic::{Diagnostic, RuleMeta, Severity};

pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The key of bilint's fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "bilint/v1";

/// The SARIF log of a run over `files`, each with one fingerprint per
/// diagnostic (from [`crate::baseline::fingerprints`]). `metas` are all the
/// rules known, as [`crate::Registry::metas`] gives them.
pub fn sarif_log(metas: &[&RuleMeta], files: &[(FileReport<'_>, Vec<String>)]) -> Value {
    let rule_index: HashMap<&str, usize> = metas.iter().enumerate().map(|(i, m)| (m.code, i)).collect();
    let results: Vec<Value> = files
        .iter()
        .flat_map(|(report, fps)| {
            let uri = artifact_uri(report.path);
            report
                .diagnostics
                .iter()
                .enumerate()
                .map(|(i, d)| result(report, &uri, d, rule_index.get(d.rule.code).copied(), fps.get(i)))
                .collect::<Vec<_>>()
        })
        .collect();

    let mut driver = Map::new();
    driver.insert("name".into(), json!("bilint"));
    driver.insert("version".into(), json!(env!("CARGO_PKG_VERSION")));
    if let Some(uri) = information_uri() {
        driver.insert("informationUri".into(), json!(uri));
    }
    driver.insert("rules".into(), Value::Array(metas.iter().map(|m| rule(m)).collect()));

    json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_REPOSITORY"), env!("CARGO_PKG_HOMEPAGE")]
        .into_iter()
        .find(|u| !u.is_empty())
}

/// SARIF's level for a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule(m: &RuleMeta) -> Value {
    let docs = dedent(m.docs);
    let help = if docs.trim().is_empty() {
        m.summary.to_string()
    } else {
        docs.clone()
    };
    json!({
        "id": m.code,
        "name": m.name,
        "shortDescription": { "text": m.summary },
        "fullDescription": { "text": first_paragraph(&docs).unwrap_or_else(|| m.summary.to_string()) },
        "help": { "text": help, "markdown": help },
        "defaultConfiguration": { "level": level(m.severity) },
        "properties": {
            "family": m.family.as_str(),
            "fix": m.fix.as_str(),
            "origin": m.origin,
            "tags": [m.family.as_str()],
        },
    })
}

/// Docs of Rust rules come from doc comments, one leading space per line;
/// pack rules' docs have none.
fn dedent(docs: &str) -> String {
    let indented = docs.lines().all(|l| l.is_empty() || l.starts_with(' '));
    let mut out = String::with_capacity(docs.len());
    for line in docs.lines() {
        out.push_str(if indented {
            line.strip_prefix(' ').unwrap_or(line)
        } else {
            line
        });
        out.push('\n');
    }
    out
}

/// The first paragraph of prose in Markdown docs, on one line.
fn first_paragraph(docs: &str) -> Option<String> {
    let para: Vec<&str> = docs
        .lines()
        .map(str::trim)
        .skip_while(|l| l.is_empty() || l.starts_with('#'))
        .take_while(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("```"))
        .collect();
    (!para.is_empty()).then(|| para.join(" "))
}

fn result(report: &FileReport<'_>, uri: &str, d: &Diagnostic, rule_index: Option<usize>, fp: Option<&String>) -> Value {
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(d.rule.code));
    if let Some(i) = rule_index {
        r.insert("ruleIndex".into(), json!(i));
    }
    r.insert("level".into(), json!(level(d.severity)));
    r.insert("message".into(), json!({ "text": d.message }));
    r.insert(
        "locations".into(),
        json!([{ "physicalLocation": physical_location(report, uri, d.span.clone()) }]),
    );
    if !d.labels.is_empty() {
        let related: Vec<Value> = d
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                json!({
                    "id": i,
                    "physicalLocation": physical_location(report, uri, l.span.clone()),
                    "message": { "text": l.text },
                })
            })
            .collect();
        r.insert("relatedLocations".into(), Value::Array(related));
    }
    if let Some(fp) = fp {
        r.insert("partialFingerprints".into(), json!({ FINGERPRINT_KEY: fp }));
    }
    if let Some(fix) = &d.fix {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|e| {
                let mut rep = Map::new();
                rep.insert("deletedRegion".into(), byte_region(report, e.range()));
                if !e.content.is_empty() {
                    rep.insert("insertedContent".into(), json!({ "text": e.content }));
                }
                Value::Object(rep)
            })
            .collect();
        r.insert(
            "fixes".into(),
            json!([{
                "description": { "text": fix.message },
                "artifactChanges": [{
                    "artifactLocation": { "uri": uri },
                    "replacements": replacements,
                }],
            }]),
        );
    }
    if let Some(help) = &d.help {
        r.insert("properties".into(), json!({ "help": help }));
    }
    Value::Object(r)
}

fn physical_location(report: &FileReport<'_>, uri: &str, span: Range<usize>) -> Value {
    let at = report.locate(&span);
    let mut region = json!({
        "startLine": at.start.line,
        "startColumn": at.start.column,
        "endLine": at.end.line,
        "endColumn": at.end.column,
    });
    // Offsets within a JSONL field are not offsets in the file.
    if at.field.is_none() {
        region["byteOffset"] = json!(at.start.byte);
        region["byteLength"] = json!(at.end.byte - at.start.byte);
    }
    json!({ "artifactLocation": { "uri": uri }, "region": region })
}

fn byte_region(report: &FileReport<'_>, span: Range<usize>) -> Value {
    let at = report.locate(&span);
    if at.field.is_some() {
        return json!({ "startLine": at.start.line, "startColumn": at.start.column, "endLine": at.end.line, "endColumn": at.end.column });
    }
    json!({ "byteOffset": at.start.byte, "byteLength": at.end.byte - at.start.byte })
}

/// The `artifactLocation.uri` of a path: relative paths stay relative (with
/// `/`, no leading `./`), absolute ones become `file://` URIs, and what a URI
/// cannot hold as is is percent-encoded.
pub fn artifact_uri(path: &str) -> String {
    let path = normalize_path(path);
    let encoded = percent_encode(&path);
    if path.starts_with('/') {
        format!("file://{encoded}")
    } else if path.len() > 2 && path.as_bytes()[1] == b':' && path.as_bytes()[2] == b'/' {
        // A Windows drive path, C:/...
        format!("file:///{}:{}", &path[..1], percent_encode(&path[2..]))
    } else {
        encoded
    }
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        // Unreserved characters, sub-delimiters, `@` and `/`; `:` is encoded
        // so that a relative path never reads as a scheme.
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_with_slashes_and_encoded() {
        assert_eq!(artifact_uri("./corpus\\a.txt"), "corpus/a.txt");
        assert_eq!(
            artifact_uri("新闻/四川 日报.txt"),
            "%E6%96%B0%E9%97%BB/%E5%9B%9B%E5%B7%9D%20%E6%97%A5%E6%8A%A5.txt"
        );
        assert_eq!(artifact_uri("/srv/corpus/a.txt"), "file:///srv/corpus/a.txt");
        assert_eq!(artifact_uri("C:\\corpus\\a.txt"), "file:///C:/corpus/a.txt");
        assert_eq!(artifact_uri("a:b.txt"), "a%3Ab.txt");
    }

    #[test]
    fn first_paragraph_skips_headings() {
        let docs = dedent(" ## What it finds\n A Chinese fragment\n that starts.\n\n ## Why\n Because.\n");
        assert_eq!(
            first_paragraph(&docs).as_deref(),
            Some("A Chinese fragment that starts.")
        );
        assert_eq!(first_paragraph(""), None);
        assert_eq!(dedent("pack rule\n  fixed: x\n"), "pack rule\n  fixed: x\n");
    }
}
