//! The bundled sample page: its expected findings, its snapshot, and the
//! pretty report.

mod common;

use common::*;

/// Every `must` row and every `never` row of the expected table holds.
#[test]
fn sample_page_holds_its_expected_findings() {
    let (code, diags) = json_diagnostics(&["check", SAMPLE]);
    assert_eq!(code, 1, "the sample has errors");
    let expected = std::fs::read_to_string(root().join("fixtures/sichuan-daily-2019-12-07.expected.tsv")).unwrap();
    let mut problems = Vec::new();
    for row in expected.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = row.split('\t').collect();
        let (line, family, kind) = (cols[0].parse::<u64>().unwrap(), cols[1], cols[2]);
        let here: Vec<_> = diags.iter().filter(|d| d["line"].as_u64() == Some(line)).collect();
        match kind {
            "must" if !here.iter().any(|d| d["family"] == family) => {
                problems.push(format!("line {line}: no {family} diagnostic"));
            }
            "never" => {
                for d in here
                    .iter()
                    .filter(|d| d["severity"] == "error" || d["severity"] == "warning")
                {
                    problems.push(format!("line {line}: should be clean, got {} {}", d["code"], d["name"]));
                }
            }
            _ => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The concise report of the sample is pinned in a snapshot; set
/// BILINT_UPDATE_SNAPSHOTS=1 to rewrite it after a deliberate change.
#[test]
fn sample_page_snapshot() {
    let (_, out, _) = run(&["check", SAMPLE, "--output-format", "concise"]);
    let path = root().join("fixtures/sichuan-daily-2019-12-07.expected.concise");
    if std::env::var_os("BILINT_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &out).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        want == out,
        "snapshot differs (BILINT_UPDATE_SNAPSHOTS=1 rewrites it)\n--- want\n{want}\n--- got\n{out}"
    );
}

#[test]
fn pretty_report_shows_code_underline_and_help() {
    let (code, out, _) = run(&["check", SAMPLE, "--color", "never"]);
    assert_eq!(code, 1);
    assert!(out.contains("T001 zh-truncated-start"), "{out}");
    assert!(out.contains("╭─[fixtures/sichuan-daily-2019-12-07.txt:15:1]"), "{out}");
    assert!(out.contains("──┬──"), "underline: {out}");
    assert!(
        out.contains("help: the English half says `December 6 , 2019`: the original was probably `2019年12月6日`"),
        "{out}"
    );
    assert!(
        out.contains("fix (unsafe): write the date in full: `2019年12月6日`"),
        "{out}"
    );
    assert!(!out.contains('\u{1b}'), "no escape codes with --color never");
    assert!(out.contains("in 1 file."), "summary: {out}");
}

#[test]
fn color_always_uses_escape_codes() {
    let (_, out, _) = run(&["check", SAMPLE, "--color", "always"]);
    assert!(out.contains('\u{1b}'));
}
