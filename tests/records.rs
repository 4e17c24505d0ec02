//! JSONL and TSV corpora: records, their fields, bad lines, and fixes.

mod common;

use std::fs;

use common::*;
use serde_json::Value;

const JSONL: &str = r#"{"id": "d1-001", "url": "http://example.com/1", "date": "2019-12-07", "zh": "全会在成都举行。", "en": "The session was held in Chengdu ."}
[1, 2]
{"id": "d1-002", "url": "http://example.com/1", "date": "2019-12-07", "zh": "人,候补委员13人。", "en": "13 alternate members attended."
{"id": "d1-003", "url": "http://example.com/1", "date": "2019-12-07", "zh": 5, "en": null}
{"id": "d1-004", "url": "http://example.com/1", "date": "2019-12-07", "zh": "分享到：", "en": "share to"}
"#;

fn check(dir: &std::path::Path, args: &[&str]) -> (i32, Vec<Value>) {
    let mut all = args.to_vec();
    all.extend(["--output-format", "json"]);
    let (code, out, err) = run_in(dir, &all);
    (
        code,
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out} {err}")),
    )
}

#[test]
fn a_malformed_line_is_a_finding_and_the_lines_after_it_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("c.jsonl"), JSONL).unwrap();
    let (code, diags) = check(dir.path(), &["check", "c.jsonl"]);
    assert_eq!(code, 1, "findings, not a failure of bilint");
    let at = |line: u64, code: &str| diags.iter().find(|d| d["line"] == line && d["code"] == code).cloned();
    let i002 = at(2, "I002").expect("the array line");
    assert_eq!(i002["record"], 2);
    assert!(at(3, "I002").is_some(), "the line cut mid-record");
    assert!(at(4, "I003").unwrap()["message"]
        .as_str()
        .unwrap()
        .contains("`zh` is a number"));
    let p001 = at(1, "P001").expect("checked before the bad lines");
    assert_eq!(
        (
            p001["field"].as_str(),
            p001["column"].as_u64(),
            p001["byte_start"].as_u64()
        ),
        (Some("en"), Some(32), Some(31))
    );
    assert_eq!(
        p001["fix"]["edits"][0]["byte_start"], 31,
        "fix offsets are in the field"
    );
    let b001: Vec<_> = diags.iter().filter(|d| d["line"] == 5 && d["code"] == "B001").collect();
    assert_eq!(b001.len(), 2, "both fields of line 5, after the bad lines");
    assert_eq!(b001[0]["field"], "zh");
}

#[test]
fn fixes_rewrite_only_the_fields() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.jsonl");
    fs::write(&path, JSONL).unwrap();
    let (_, diff, _) = run_in(dir.path(), &["check", "--diff", "c.jsonl"]);
    assert!(diff.contains("@@ -1,5 +1,5 @@ B001 P001"), "{diff}");
    run_in(dir.path(), &["check", "--fix", "c.jsonl"]);
    let fixed = fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = fixed.lines().collect();
    assert_eq!(
        lines[0],
        r#"{"id": "d1-001", "url": "http://example.com/1", "date": "2019-12-07", "zh": "全会在成都举行。", "en": "The session was held in Chengdu."}"#
    );
    assert_eq!(
        lines[1..4],
        JSONL.lines().collect::<Vec<_>>()[1..4],
        "bad lines untouched"
    );
    assert!(lines[4].contains(r#""zh": "", "en": """#), "{}", lines[4]);
}

#[test]
fn field_names_come_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("c.jsonl"),
        "{\"chinese\": \"人,候补委员13人。\", \"english\": \"Members attended.\"}\n",
    )
    .unwrap();
    let (_, diags) = check(dir.path(), &["check", "c.jsonl"]);
    assert_eq!(diags[0]["code"], "I003");
    let (_, diags) = check(
        dir.path(),
        &["check", "c.jsonl", "--zh-field", "chinese", "--en-field", "english"],
    );
    assert!(
        diags.iter().any(|d| d["code"] == "T001" && d["field"] == "chinese"),
        "{diags:?}"
    );
}

#[test]
fn tsv_diagnostics_carry_the_record_and_file_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let text = "全会在成都举行。\tIt was held , then closed .\textra\n人,候补\tMembers.\nno tab here\n";
    fs::write(dir.path().join("c.tsv"), text).unwrap();
    let (code, diags) = check(dir.path(), &["check", "c.tsv"]);
    assert_eq!(code, 1);
    let p001 = diags.iter().find(|d| d["code"] == "P001").unwrap();
    assert_eq!(p001["record"], 1);
    let start = p001["byte_start"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..start + 2], " ,");
    assert!(diags
        .iter()
        .any(|d| d["code"] == "T001" && d["line"] == 2 && d["record"] == 2));
    assert!(diags.iter().any(|d| d["code"] == "I004" && d["line"] == 3));
    run_in(dir.path(), &["check", "--fix", "c.tsv"]);
    assert_eq!(
        fs::read_to_string(dir.path().join("c.tsv")).unwrap(),
        "全会在成都举行。\tIt was held, then closed.\textra\n人，候补\tMembers.\nno tab here\n"
    );
}

#[test]
fn stdin_takes_its_format_from_the_flag() {
    let out = bilint()
        .args(["check", "-", "--input-format", "jsonl", "--output-format", "jsonl"])
        .write_stdin("[1]\n{\"zh\": \"分享到：\", \"en\": \"\"}\n")
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    let diags: Vec<Value> = s.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(diags[0]["code"], "I002");
    assert_eq!(diags[1]["code"], "B001");
    assert_eq!(diags[1]["record"], 2);
}
