//! The command line as a user runs it: inputs, selection, exit codes,
//! output formats.

mod common;

use std::fs;

use common::*;

#[test]
fn clean_english_text_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("clean.txt"),
        "The session was held in Chengdu on December 6, 2019.\n\nIt closed the next day.\n",
    )
    .unwrap();
    let (code, out, _) = run_in(dir.path(), &["check", "clean.txt", "--output-format", "json"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.trim(), "[]");
}

#[test]
fn missing_file_exits_two_and_the_rest_is_checked() {
    let (code, out, err) = run(&["check", "no/such/page.txt", SAMPLE, "--output-format", "concise"]);
    assert_eq!(code, 2);
    assert!(err.contains("no/such/page.txt: no such file or directory"), "{err}");
    assert!(
        out.contains("sichuan-daily-2019-12-07.txt:15:1: T001"),
        "the sample was still checked: {out}"
    );
}

#[test]
fn json_fields_follow_the_contract() {
    let (_, diags) = json_diagnostics(&["check", SAMPLE, "--select", "D002"]);
    let d = &diags[0];
    for key in [
        "path",
        "code",
        "name",
        "family",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "byte_start",
        "byte_end",
        "record",
        "field",
        "help",
        "fix",
    ] {
        assert!(d.get(key).is_some(), "missing {key}: {d}");
    }
    assert_eq!(d["code"], "D002");
    assert_eq!(d["name"], "zh-date-truncated");
    assert_eq!(d["family"], "date");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64(), d["end_column"].as_u64()),
        (Some(15), Some(1), Some(5))
    );
    assert_eq!(d["fix"]["applicability"], "unsafe");
    assert_eq!(d["fix"]["edits"][0]["content"], "2019年12月6日");
    assert_eq!(d["record"], serde_json::Value::Null);
}

#[test]
fn jsonl_prints_one_object_per_line() {
    let (code, out, _) = run(&["check", SAMPLE, "--output-format", "jsonl"]);
    assert_eq!(code, 1);
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let (_, array) = json_diagnostics(&["check", SAMPLE]);
    assert_eq!(lines, array);
}

#[test]
fn select_and_ignore_take_codes_names_and_families() {
    let codes = |args: &[&str]| {
        let (_, diags) = json_diagnostics(args);
        diags
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert_eq!(
        codes(&["check", SAMPLE, "--select", "T001"]),
        ["T001".to_string()].into()
    );
    assert_eq!(
        codes(&["check", SAMPLE, "--select", "zh-truncated-start"]),
        ["T001".to_string()].into()
    );
    assert!(codes(&["check", SAMPLE, "--select", "B"])
        .iter()
        .all(|c| c.starts_with('B')));
    assert!(codes(&["check", SAMPLE, "--ignore", "B,T"])
        .iter()
        .all(|c| !c.starts_with('B') && !c.starts_with('T')));
    let (code, _, err) = run(&["check", SAMPLE, "--select", "T0001"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `T001`?"), "{err}");
}

#[test]
fn stdin_is_read_with_dash() {
    let out = bilint()
        .args(["check", "-", "--output-format", "concise"])
        .write_stdin("0\nX\nshare to\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("-:1:1: B002"), "{s}");
    assert!(s.contains("-:3:1: B001"), "{s}");
}

#[test]
fn directories_are_walked_honouring_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("corpus/skip")).unwrap();
    fs::write(dir.path().join(".gitignore"), "skip/\n").unwrap();
    fs::write(dir.path().join("corpus/.gitignore"), "skip/\n").unwrap();
    fs::write(dir.path().join("corpus/a.txt"), "share to\n").unwrap();
    fs::write(dir.path().join("corpus/skip/b.txt"), "share to\n").unwrap();
    fs::write(dir.path().join("corpus/notes.md"), "share to\n").unwrap();
    let (code, out, _) = run_in(dir.path(), &["check", "corpus", "--output-format", "concise"]);
    assert_eq!(code, 1);
    assert!(out.contains("corpus/a.txt:1:1: B001"), "{out}");
    assert!(!out.contains("skip/b.txt") && !out.contains("notes.md"), "{out}");
}

#[test]
fn bytes_that_are_not_utf8_are_a_finding_and_the_file_is_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("bad.txt"),
        b"Good text.\n\nBad \xff\xfe bytes.\n\nshare to\n",
    )
    .unwrap();
    let (code, out, _) = run_in(dir.path(), &["check", "bad.txt", "--output-format", "concise"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("bad.txt:3:5: I001 bytes that are not UTF-8 at file offset 16: FF FE"),
        "{out}"
    );
    assert!(out.contains("bad.txt:5:1: B001"), "{out}");
}

#[test]
fn rules_lists_every_rule_as_json() {
    let (code, out, _) = run(&["rules", "--output-format", "json"]);
    assert_eq!(code, 0);
    let rules: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    for code in ["T001", "T002", "T003", "T004", "B001", "B008", "D001", "D005", "I001"] {
        let r = rules
            .iter()
            .find(|r| r["code"] == code)
            .unwrap_or_else(|| panic!("{code} missing"));
        for key in ["name", "family", "severity", "fix", "summary"] {
            assert!(r[key].is_string(), "{code}.{key}");
        }
    }
}

#[test]
fn explain_prints_the_long_description() {
    let (code, out, _) = run(&["explain", "T001"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("# T001 zh-truncated-start"), "{out}");
    assert!(out.contains("## Examples") && out.contains("人民日报"), "{out}");
    let (code, out, _) = run(&["explain", "share-widget"]);
    assert_eq!(code, 0);
    assert!(out.contains("Select another platform >>   <- flagged"), "{out}");
    let (code, _, err) = run(&["explain", "T0001"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `T001`?"), "{err}");
}
