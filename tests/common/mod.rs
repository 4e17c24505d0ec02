//! Shared helpers for the end-to-end tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

pub const SAMPLE: &str = "fixtures/sichuan-daily-2019-12-07.txt";

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn bilint() -> Command {
    let mut c = Command::cargo_bin("bilint").unwrap();
    c.current_dir(root()).env_remove("NO_COLOR");
    c
}

/// Runs bilint in `dir` and returns (exit code, stdout, stderr).
pub fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("bilint")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub fn run(args: &[&str]) -> (i32, String, String) {
    run_in(&root(), args)
}

/// The JSON diagnostics of `bilint check ARGS --output-format json`.
pub fn json_diagnostics(args: &[&str]) -> (i32, Vec<Value>) {
    let mut all = args.to_vec();
    all.extend(["--output-format", "json"]);
    let (code, out, err) = run(&all);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}\n{err}"));
    (code, v.as_array().unwrap().clone())
}

/// A temporary folder holding a copy of the sample page as `page.txt`.
pub fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    std::fs::write(&page, std::fs::read(root().join(SAMPLE)).unwrap()).unwrap();
    (dir, page)
}
