//! Rule packs and bilint.toml, as a user writes them.

mod common;

use std::fs;

use common::*;

const USER_PACK: &str = r#"[[rule]]
code = "B901"
name = "example-site-footer"
severity = "error"
scope = "line"
pattern = '^本站声明：.*$'
message = "site footer left by the scraper"
help = "delete the line"
fix = "delete-line"

[[rule.examples]]
text = "本站声明：转载请注明出处"
flagged = true
"#;

const PAGE: &str = "The session was held in Chengdu.\n\n本站声明：转载请注明出处\n\nIt closed the next day.\n";

#[test]
fn a_user_pack_flags_and_fixes_without_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("packs")).unwrap();
    fs::write(dir.path().join("packs/site.toml"), USER_PACK).unwrap();
    fs::write(dir.path().join("page.txt"), PAGE).unwrap();
    let (code, out, err) = run_in(
        dir.path(),
        &["check", "--rules", "packs", "page.txt", "--output-format", "json"],
    );
    assert_eq!(code, 1, "{err}");
    let diags: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(diags.len(), 1, "{out}");
    assert_eq!(diags[0]["code"], "B901");
    assert_eq!(diags[0]["family"], "boilerplate");
    assert_eq!(diags[0]["line"], 3);
    let (code, _, err) = run_in(dir.path(), &["check", "--rules", "packs", "page.txt", "--fix"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        fs::read_to_string(dir.path().join("page.txt")).unwrap(),
        "The session was held in Chengdu.\n\n\nIt closed the next day.\n"
    );
}

fn pack_error(pack: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("packs")).unwrap();
    fs::write(dir.path().join("packs/site.toml"), pack).unwrap();
    fs::write(dir.path().join("page.txt"), PAGE).unwrap();
    let (code, _, err) = run_in(
        dir.path(),
        &["check", "--rules", "packs", "page.txt", "--color", "never"],
    );
    (code, err)
}

#[test]
fn a_broken_regex_exits_two_naming_the_pack_and_line() {
    let (code, err) = pack_error(&USER_PACK.replace("'^本站声明：.*$'", "'^本站声明：(.*$'"));
    assert_eq!(code, 2);
    assert!(err.contains("packs/site.toml"), "{err}");
    assert!(err.contains("the pattern is not a valid regex"), "{err}");
    assert!(err.contains(":6:"), "line 6 of the pack: {err}");
}

#[test]
fn an_example_the_rule_contradicts_exits_two() {
    let (code, err) = pack_error(&USER_PACK.replace("flagged = true", "flagged = false"));
    assert_eq!(code, 2);
    assert!(err.contains("packs/site.toml"), "{err}");
    assert!(err.contains("contradicts its example"), "{err}");
    assert!(err.contains("site.toml:11:1"), "line of the example: {err}");
}

#[test]
fn a_duplicate_code_exits_two() {
    let (code, err) = pack_error(&USER_PACK.replace("B901", "B001"));
    assert_eq!(code, 2);
    assert!(err.contains("packs/site.toml: rule code B001 is already used"), "{err}");
    assert!(err.contains("site.toml:2:8"), "points at the code in the pack: {err}");
}

#[test]
fn config_in_the_working_directory_silences_a_family() {
    let (dir, _) = sample_copy();
    let (_, out, _) = run_in(dir.path(), &["check", "page.txt", "--output-format", "json"]);
    assert!(out.contains("\"boilerplate\""));
    fs::write(dir.path().join("bilint.toml"), "ignore = [\"B\"]\n").unwrap();
    let (_, out, _) = run_in(dir.path(), &["check", "page.txt", "--output-format", "json"]);
    assert!(!out.contains("\"boilerplate\""), "{out}");
    assert!(out.contains("\"truncation\""), "{out}");
}

#[test]
fn config_errors_point_into_the_file() {
    let (dir, _) = sample_copy();
    fs::write(dir.path().join("bilint.toml"), "select = [\"T\"]\nignor = [\"B\"]\n").unwrap();
    let (code, _, err) = run_in(dir.path(), &["check", "page.txt", "--color", "never"]);
    assert_eq!(code, 2);
    assert!(err.contains("bilint.toml"), "{err}");
    assert!(err.contains("did you mean `ignore`?"), "{err}");
    fs::write(dir.path().join("bilint.toml"), "ignore = [\"Q9\"]\n").unwrap();
    let (code, _, err) = run_in(dir.path(), &["check", "page.txt", "--color", "never"]);
    assert_eq!(code, 2);
    assert!(err.contains("`Q9` names no rule"), "{err}");
}

#[test]
fn config_severity_and_per_path_ignores() {
    let (dir, _) = sample_copy();
    fs::write(
        dir.path().join("bilint.toml"),
        "[severity]\nB004 = \"error\"\n[per-path-ignores]\n\"page.txt\" = [\"T\"]\n",
    )
    .unwrap();
    let (_, out, _) = run_in(dir.path(), &["check", "page.txt", "--output-format", "json"]);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(
        diags.iter().any(|d| d["code"] == "B004" && d["severity"] == "error"),
        "{out}"
    );
    assert!(!diags.iter().any(|d| d["family"] == "truncation"), "{out}");
}

#[test]
fn a_unicode_word_boundary_gets_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("packs")).unwrap();
    fs::write(
        dir.path().join("packs/site.toml"),
        USER_PACK
            .replace("'^本站声明：.*$'", r"'\bsubscribe\b'")
            .replace("text = \"本站声明：转载请注明出处\"", "text = \"please subscribe now\""),
    )
    .unwrap();
    fs::write(dir.path().join("page.txt"), PAGE).unwrap();
    let (code, _, err) = run_in(dir.path(), &["check", "--rules", "packs", "page.txt"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning: packs/site.toml: rule B901"), "{err}");
    assert!(err.contains("(?-u:\\b)"), "{err}");
}
