//! Gating a CI pipeline: SARIF, GitHub annotations, thresholds, baseline,
//! shell completions, and the integration files.

mod common;

use std::fs;

use common::*;
use serde_json::Value;

#[test]
fn sarif_from_the_command_line() {
    let (code, out, _) = run(&["check", SAMPLE, "--output-format", "sarif"]);
    assert_eq!(code, 1, "same exit code as every format");
    let log: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "bilint");
    assert!(run["tool"]["driver"]["rules"].as_array().unwrap().len() > 20);
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        assert!(r["ruleId"].is_string() && r["level"].is_string(), "{r}");
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], SAMPLE);
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(loc["region"]["startColumn"].as_u64().unwrap() >= 1);
        assert!(r["partialFingerprints"]["bilint/v1"].is_string());
    }
}

#[test]
fn github_format_prints_only_workflow_commands() {
    let (code, out, _) = run(&["check", SAMPLE, "--output-format", "github"]);
    assert_eq!(code, 1);
    assert!(!out.is_empty());
    for line in out.lines() {
        assert!(
            line.starts_with("::error file=")
                || line.starts_with("::warning file=")
                || line.starts_with("::notice file="),
            "{line}"
        );
        assert!(
            line.contains(",line=") && line.contains(",col=") && line.contains(",title="),
            "{line}"
        );
    }
    assert!(out.contains("::error file=fixtures/sichuan-daily-2019-12-07.txt,line=15,col=1,endLine=15,endColumn=5,title=D002 zh-date-truncated::"));
}

#[test]
fn exit_zero_statistics_and_max_warnings() {
    assert_eq!(run(&["check", SAMPLE, "--exit-zero"]).0, 0);
    let (code, out, _) = run(&["check", SAMPLE, "--statistics"]);
    assert_eq!(code, 1);
    let first = out.lines().next().unwrap();
    assert!(
        first
            .trim_start()
            .starts_with("17  P003  ascii-punct-in-zh  (17 fixable)"),
        "{out}"
    );
    assert!(out.lines().any(|l| l.contains("T001  zh-truncated-start")), "{out}");
    // only warnings selected: the gate fails only past --max-warnings
    assert_eq!(
        run(&["check", SAMPLE, "--select", "P001", "--max-warnings", "100"]).0,
        0
    );
    assert_eq!(run(&["check", SAMPLE, "--select", "P001", "--max-warnings", "2"]).0, 1);
}

#[test]
fn completions_for_bash_zsh_and_fish() {
    for shell in ["bash", "zsh", "fish"] {
        let (code, out, _) = run(&["completions", shell]);
        assert_eq!(code, 0);
        assert!(
            out.contains("bilint") && out.contains("output-format") && out.contains("unsafe-fixes"),
            "{shell}"
        );
    }
}

#[test]
fn baseline_survives_lines_moving_down() {
    let (dir, page) = sample_copy();
    let (code, _, err) = run_in(dir.path(), &["check", "page.txt", "--write-baseline", "base.json"]);
    assert_eq!(code, 0, "{err}");
    let base: Value = serde_json::from_str(&fs::read_to_string(dir.path().join("base.json")).unwrap()).unwrap();
    assert!(base["entries"].as_array().unwrap().len() > 40);
    assert_eq!(
        run_in(dir.path(), &["check", "page.txt", "--baseline", "base.json"]).0,
        0
    );

    let old = fs::read_to_string(&page).unwrap();
    fs::write(&page, format!("分享到：\n\n{old}")).unwrap();
    let (code, out, err) = run_in(
        dir.path(),
        &[
            "check",
            "page.txt",
            "--baseline",
            "base.json",
            "--output-format",
            "json",
        ],
    );
    assert_eq!(code, 1);
    let diags: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert!(!diags.is_empty());
    assert!(diags.iter().all(|d| d["line"] == 1), "only the new line 1: {out}");
    assert!(err.contains("suppressed by the baseline"), "{err}");
}

#[test]
fn a_missing_baseline_is_a_failure() {
    let (code, _, err) = run(&["check", SAMPLE, "--baseline", "no-such-baseline.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("no-such-baseline.json"), "{err}");
}

/// The pre-commit hooks run bilint with the arguments they declare.
#[test]
fn pre_commit_hooks_run() {
    let hooks = fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let entries: Vec<&str> = hooks.lines().filter_map(|l| l.trim().strip_prefix("entry: ")).collect();
    assert_eq!(entries.len(), 2);
    for entry in entries {
        let (dir, _) = sample_copy();
        let args: Vec<&str> = entry.split_whitespace().skip(1).chain(["page.txt"]).collect();
        let (code, out, _) = run_in(dir.path(), &args);
        assert_eq!(code, 1, "{entry}");
        assert!(out.contains("page.txt:15:1: T001"), "{entry}: {out}");
    }
}

/// Every bilint command of the CI example runs as written.
#[test]
fn ci_example_commands_run() {
    let doc = fs::read_to_string(root().join("docs/ci.md")).unwrap();
    let commands: Vec<String> = doc
        .lines()
        .filter_map(|l| {
            let l = l.trim().trim_start_matches("run: ");
            l.starts_with("bilint check").then(|| {
                l.split(" #")
                    .next()
                    .unwrap()
                    .split(" >")
                    .next()
                    .unwrap()
                    .split(" ||")
                    .next()
                    .unwrap()
                    .to_string()
            })
        })
        .collect();
    assert_eq!(commands.len(), 3, "{commands:?}");
    let (dir, _) = sample_copy();
    fs::create_dir(dir.path().join("corpus")).unwrap();
    fs::rename(dir.path().join("page.txt"), dir.path().join("corpus/page.txt")).unwrap();
    for c in &commands {
        let args: Vec<&str> = c.split_whitespace().skip(1).collect();
        let (code, _, err) = run_in(dir.path(), &args);
        assert!(code == 0 || code == 1, "{c}: {err}");
    }
}
