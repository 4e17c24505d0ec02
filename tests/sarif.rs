//! SARIF output of the sample page: valid against the SARIF 2.1.0 schema,
//! readable by a SARIF library, and carrying what GitHub code scanning needs.
//!
//! `tests/data/sarif-schema-2.1.0.json` is the OASIS SARIF 2.1.0 JSON schema
//! as shipped in the `serde-sarif` crate (`src/schema.json`).

mod common;

use std::collections::{BTreeSet, HashMap};

use bilint::baseline::fingerprints;
use bilint::report::sarif::{sarif_log, FINGERPRINT_KEY};
use bilint::report::FileReport;
use bilint::{Diagnostic, Linter, Registry, RuleMeta, Selection, SourceText};
use serde_json::Value;

use common::*;

/// The rules, the sample's text and its diagnostics.
fn sample() -> (Vec<&'static RuleMeta>, SourceText, Vec<Diagnostic>) {
    let registry = Registry::new(bilint::packs::default_packs().expect("default packs load"));
    let metas = registry.metas();
    let linter = Linter::new(registry, &Selection::default());
    let src = SourceText::new(std::fs::read_to_string(root().join(SAMPLE)).unwrap());
    let diags = linter.check(&src);
    (metas, src, diags)
}

fn sample_log(path: &str) -> (Value, SourceText, Vec<Diagnostic>) {
    let (metas, src, diags) = sample();
    let fps = fingerprints(path, &src, &diags);
    let report = FileReport {
        path,
        src: &src,
        diagnostics: &diags,
        origin: &bilint::report::Origin::File,
    };
    let log = sarif_log(&metas, &[(report, fps)]);
    (log, src, diags)
}

#[test]
fn sarif_is_valid_against_the_schema() {
    let (log, _, diags) = sample_log("./fixtures/sichuan-daily-2019-12-07.txt");
    assert!(!diags.is_empty(), "the sample has findings");
    let mut schema: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/data/sarif-schema-2.1.0.json")).unwrap())
            .unwrap();
    // The official schema's `language` patterns have a stray `]` that
    // ECMA-262 reads as a literal but the validator's regex engine rejects;
    // put what they mean in their place.
    assert_eq!(fix_language_patterns(&mut schema), 2);
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF does not match the 2.1.0 schema:\n{}",
        errors.join("\n")
    );

    // The validator is not vacuous: it rejects a wrong level and a line 0.
    let mut bad = log.clone();
    bad["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&bad));
    let mut bad = log.clone();
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into();
    assert!(!validator.is_valid(&bad));
}

fn fix_language_patterns(schema: &mut Value) -> usize {
    match schema {
        Value::Object(map) => {
            let mut n = 0;
            for (key, v) in map.iter_mut() {
                if key == "pattern" && v == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" {
                    *v = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into();
                    n += 1;
                } else {
                    n += fix_language_patterns(v);
                }
            }
            n
        }
        Value::Array(items) => items.iter_mut().map(fix_language_patterns).sum(),
        _ => 0,
    }
}

#[test]
fn sarif_reads_back_as_sarif() {
    let (log, _, diags) = sample_log("fixtures/sichuan-daily-2019-12-07.txt");
    let text = serde_json::to_string_pretty(&log).unwrap();
    let sarif: serde_sarif::sarif::Sarif = serde_json::from_str(&text).expect("serde-sarif reads the log");
    assert_eq!(serde_json::to_value(&sarif.version).unwrap(), "2.1.0");
    assert_eq!(sarif.runs.len(), 1);
    assert_eq!(sarif.runs[0].results.as_ref().map(Vec::len), Some(diags.len()));
}

#[test]
fn sarif_has_what_code_scanning_needs() {
    let path = "./fixtures/sichuan-daily-2019-12-07.txt";
    let (log, src, diags) = sample_log(path);
    assert_eq!(log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");

    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "bilint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    let (metas, _, _) = sample();
    assert_eq!(rules.len(), metas.len(), "every rule is listed");
    for (r, m) in rules.iter().zip(&metas) {
        assert_eq!(r["id"], m.code);
        assert_eq!(r["name"], m.name);
        assert_eq!(r["shortDescription"]["text"], m.summary);
        assert!(
            r["fullDescription"]["text"].as_str().is_some_and(|t| !t.is_empty()),
            "{}",
            m.code
        );
        assert!(
            r["help"]["markdown"].as_str().is_some_and(|t| !t.is_empty()),
            "{}",
            m.code
        );
        assert_eq!(r["properties"]["family"], m.family.as_str());
        let level = r["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(["error", "warning", "note"].contains(&level), "{level}");
    }

    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), diags.len());
    let mut fingerprints = BTreeSet::new();
    for (r, d) in results.iter().zip(&diags) {
        let what = format!("{} at {:?}", d.rule.code, d.span);
        assert_eq!(r["ruleId"], d.rule.code, "{what}");
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], d.rule.code, "{what}: ruleIndex points at its rule");
        let want_level = match d.severity {
            bilint::Severity::Error => "error",
            bilint::Severity::Warning => "warning",
            bilint::Severity::Info => "note",
        };
        assert_eq!(r["level"], want_level, "{what}");
        assert_eq!(r["message"]["text"], d.message.as_str(), "{what}");

        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "fixtures/sichuan-daily-2019-12-07.txt");
        let region = &loc["region"];
        let (line, col) = src.line_col(d.span.start);
        let (end_line, end_col) = src.line_col(d.span.end);
        assert_eq!(region["startLine"], line, "{what}");
        assert_eq!(region["startColumn"], col, "{what}");
        assert_eq!(region["endLine"], end_line, "{what}");
        assert_eq!(region["endColumn"], end_col, "{what}");
        assert_eq!(region["byteOffset"], d.span.start, "{what}");
        assert_eq!(region["byteLength"], d.span.len(), "{what}");

        let fp = r["partialFingerprints"][FINGERPRINT_KEY].as_str().unwrap();
        assert!(fingerprints.insert(fp.to_string()), "{what}: fingerprint {fp} repeats");

        match &d.fix {
            None => assert!(r.get("fixes").is_none(), "{what}"),
            Some(fix) => {
                let f = &r["fixes"][0];
                assert_eq!(f["description"]["text"], fix.message.as_str(), "{what}");
                let change = &f["artifactChanges"][0];
                assert_eq!(
                    change["artifactLocation"]["uri"],
                    "fixtures/sichuan-daily-2019-12-07.txt"
                );
                let reps = change["replacements"].as_array().unwrap();
                assert_eq!(reps.len(), fix.edits.len(), "{what}");
                for (rep, e) in reps.iter().zip(&fix.edits) {
                    assert_eq!(rep["deletedRegion"]["byteOffset"], e.byte_start, "{what}");
                    assert_eq!(rep["deletedRegion"]["byteLength"], e.byte_end - e.byte_start, "{what}");
                    let inserted = rep["insertedContent"]["text"].as_str().unwrap_or("");
                    assert_eq!(inserted, e.content, "{what}");
                }
            }
        }
        assert_eq!(
            r["relatedLocations"].as_array().map_or(0, Vec::len),
            d.labels.len(),
            "{what}: one related location per label"
        );
    }
    assert!(diags.iter().any(|d| d.fix.is_some()), "the sample shows fixes");
}

/// The SARIF results say the same as the JSON report of the CLI.
#[test]
fn sarif_positions_match_the_json_report() {
    let (log, _, _) = sample_log(SAMPLE);
    let (_, json) = json_diagnostics(&["check", SAMPLE]);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), json.len());
    let mut by_position: HashMap<(u64, u64, String), usize> = HashMap::new();
    for j in &json {
        *by_position
            .entry((
                j["line"].as_u64().unwrap(),
                j["column"].as_u64().unwrap(),
                j["code"].as_str().unwrap().to_string(),
            ))
            .or_default() += 1;
    }
    for r in results {
        let region = &r["locations"][0]["physicalLocation"]["region"];
        let key = (
            region["startLine"].as_u64().unwrap(),
            region["startColumn"].as_u64().unwrap(),
            r["ruleId"].as_str().unwrap().to_string(),
        );
        let n = by_position
            .get_mut(&key)
            .unwrap_or_else(|| panic!("{key:?} not in the JSON report"));
        assert!(*n > 0, "{key:?} reported more often in SARIF than in JSON");
        *n -= 1;
    }
}
