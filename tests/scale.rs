//! Corpora at scale: pieces checked in parallel give the findings of a
//! whole-file check in the same order; --annotate as a pipeline stage.

mod common;

use std::fs;
use std::process::Command as Process;

use common::*;

/// A generated corpus from the shared benchmark generator.
fn generated(format: &str, mb: &str, seed: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("c.{format}"));
    let generator = root().join("../shared/bench/gen_corpus.py");
    let out = Process::new("python3")
        .arg(&generator)
        .args(["--format", format, "--mb", mb, "--seed", seed, "--dirty-rate", "0.1"])
        .output()
        .expect("python3 runs the corpus generator");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    fs::write(&path, out.stdout).unwrap();
    (dir, path)
}

fn jsonl_out(path: &std::path::Path, chunk: &str, threads: &str) -> String {
    let out = bilint()
        .env("BILINT_CHUNK_BYTES", chunk)
        .args([
            "check",
            path.to_str().unwrap(),
            "--output-format",
            "jsonl",
            "--threads",
            threads,
        ])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn pieces_and_threads_do_not_change_the_findings() {
    for format in ["txt", "jsonl"] {
        let (_dir, path) = generated(format, "1", "5");
        let whole = jsonl_out(&path, "1000000000", "1");
        assert!(whole.lines().count() > 100, "{format}: a dirty corpus has findings");
        assert_eq!(
            jsonl_out(&path, "60000", "1"),
            whole,
            "{format}: small pieces, one thread"
        );
        assert_eq!(
            jsonl_out(&path, "60000", "2"),
            whole,
            "{format}: small pieces, two threads"
        );
    }
}

#[test]
fn annotate_is_a_pipeline_stage() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("in.jsonl"),
        "{\"id\": \"a-1\", \"zh\": \"全会在成都举行。\", \"en\": \"It met .\"}\n[1]\n{\"id\": \"a-2\", \"zh\": \"全会闭幕。\", \"en\": \"It closed.\"}\n",
    )
    .unwrap();
    // Keep only the records without findings, as a pipeline would.
    let bin = assert_cmd::cargo::cargo_bin("bilint");
    let script = format!(
        "cat in.jsonl | {} check - --input-format jsonl --annotate | python3 -c \"import sys, json; [print(l, end='') for l in sys.stdin if l.startswith('{{') and not json.loads(l)['bilint']]\"",
        bin.display()
    );
    let out = Process::new("sh")
        .arg("-c")
        .arg(&script)
        .current_dir(dir.path())
        .output()
        .unwrap();
    let kept = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        kept,
        "{\"id\": \"a-2\", \"zh\": \"全会闭幕。\", \"en\": \"It closed.\", \"bilint\": []}\n"
    );

    let out = bilint()
        .args(["check", "-", "--input-format", "jsonl", "--annotate"])
        .write_stdin("{\"zh\": \"全会在成都举行。\", \"en\": \"It met .\"}\n[1]\n")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "every input line comes back: {text}");
    let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(first["bilint"][0]["code"], "P001");
    assert_eq!(first["bilint"][0]["field"], "en");
    assert_eq!(lines[1], "[1]");
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let (_dir, path) = generated("txt", "1", "9");
    let out = bilint()
        .args(["check", path.to_str().unwrap(), "--output-format", "json"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stderr).unwrap().is_empty());
}

/// `--fix` fixes a page file piece by piece: the fixed file and the findings
/// left are those of fixing it whole.
#[test]
fn fixing_in_pieces_equals_fixing_whole() {
    let (dir, path) = generated("txt", "1", "7");
    let whole = dir.path().join("whole.txt");
    fs::copy(&path, &whole).unwrap();
    let fix = |p: &std::path::Path, chunk: &str| {
        let out = bilint()
            .env("BILINT_CHUNK_BYTES", chunk)
            .args([
                "check",
                p.to_str().unwrap(),
                "--fix",
                "--unsafe-fixes",
                "--output-format",
                "concise",
            ])
            .output()
            .unwrap();
        String::from_utf8(out.stdout)
            .unwrap()
            .replace(p.to_str().unwrap(), "FILE")
    };
    let left_pieces = fix(&path, "60000");
    let left_whole = fix(&whole, "1000000000");
    assert_eq!(
        fs::read(&path).unwrap(),
        fs::read(&whole).unwrap(),
        "the same fixed file"
    );
    assert_eq!(left_pieces, left_whole, "the same findings left");
    assert!(left_whole.lines().count() > 10);
}
