//! `--fix` and `--diff` as a user runs them.

mod common;

use std::fs;
use std::process::Command as Process;

use common::*;

#[test]
fn diff_applies_with_patch_and_equals_fix() {
    let (dir, page) = sample_copy();
    let original = fs::read(&page).unwrap();
    let (code, diff, _) = run_in(dir.path(), &["check", "--diff", "page.txt"]);
    assert_eq!(code, 1, "a fix would change the file");
    assert_eq!(fs::read(&page).unwrap(), original, "--diff writes nothing");
    assert!(diff.starts_with("--- a/page.txt\n+++ b/page.txt\n"), "{diff}");
    assert!(
        diff.lines()
            .any(|l| l.starts_with("@@ ") && l.ends_with("B001 B002 B008 P001")),
        "hunks name their rules:\n{diff}"
    );

    // patch applies the diff to a second copy
    let (dir2, page2) = sample_copy();
    fs::write(dir2.path().join("fix.diff"), &diff).unwrap();
    let st = Process::new("patch")
        .current_dir(dir2.path())
        .args(["-p1", "-i", "fix.diff"])
        .output()
        .unwrap();
    assert!(st.status.success(), "{}", String::from_utf8_lossy(&st.stdout));

    let (code, _, err) = run_in(
        dir.path(),
        &["check", "--fix", "page.txt", "--output-format", "concise"],
    );
    assert_eq!(code, 1, "errors without a safe fix remain: {err}");
    let fixed = fs::read_to_string(&page).unwrap();
    assert_eq!(fixed, fs::read_to_string(&page2).unwrap(), "patched == fixed");
    for gone in ["Select another platform >>", "share to", "0", "X", "\u{a0}"] {
        assert!(!fixed.lines().any(|l| l == gone), "the line {gone:?} should be gone");
    }
    assert!(!fixed.contains("[Http://hnlsyfood.com]"));
    for want in [
        "December 6, 2019.",
        "人，候补",
        "Jinping’s",
        "By 2021, the",
        "capacity building, Basic",
        "2019)",
    ] {
        assert!(fixed.contains(want), "the fixed page should hold {want:?}");
    }
    // unsafe fixes were not applied
    assert!(fixed.contains("126日在成都举行"));
    assert!(fixed.contains("Photo by reporter Ouyang Jie"));

    // a second --fix changes nothing
    let (_, _, _) = run_in(dir.path(), &["check", "--fix", "page.txt"]);
    assert_eq!(fs::read_to_string(&page).unwrap(), fixed);
}

#[test]
fn unsafe_fixes_apply_only_when_asked() {
    let (dir, page) = sample_copy();
    run_in(dir.path(), &["check", "--fix", "--unsafe-fixes", "page.txt"]);
    let fixed = fs::read_to_string(&page).unwrap();
    assert!(fixed.contains("2019年12月6日在成都举行"), "date written in full");
    assert!(!fixed.contains("Photo by reporter"), "byline removed");
    assert!(!fixed.contains("【2019-12-07】"), "header line deleted");
    assert!(!fixed.contains("周年和改革开放"), "stranded fragment dropped");
}

#[test]
fn fix_keeps_bom_crlf_and_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    fs::write(&page, "\u{feff}Title line.\r\n\r\nshare to\r\nThe text stays.\r\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&page, fs::Permissions::from_mode(0o640)).unwrap();
    }
    let (code, _, err) = run_in(dir.path(), &["check", "--fix", "page.txt"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        fs::read_to_string(&page).unwrap(),
        "\u{feff}Title line.\r\n\r\nThe text stays.\r\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(fs::metadata(&page).unwrap().permissions().mode() & 0o777, 0o640);
    }
}

#[test]
fn fix_on_stdin_writes_the_fixed_text_to_stdout() {
    let out = bilint()
        .args(["check", "--fix", "-", "--output-format", "concise"])
        .write_stdin("Text.\n\nshare to\n")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "Text.\n\n");
    assert_eq!(out.status.code(), Some(0));
}

#[cfg(unix)]
#[test]
fn a_failed_write_leaves_the_file_intact_and_names_it() {
    use std::os::unix::fs::PermissionsExt;
    if unsafe_is_root() {
        // root writes into read-only folders; test the read-only file instead.
        let (dir, page) = sample_copy();
        let original = fs::read(&page).unwrap();
        fs::set_permissions(&page, fs::Permissions::from_mode(0o444)).unwrap();
        let (code, _, err) = run_in(dir.path(), &["check", "--fix", "page.txt"]);
        assert_eq!(code, 2);
        assert!(err.contains("page.txt: not fixed: the file is read-only"), "{err}");
        assert_eq!(fs::read(&page).unwrap(), original);
        return;
    }
    let (dir, page) = sample_copy();
    let original = fs::read(&page).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    let (code, _, err) = run_in(dir.path(), &["check", "--fix", "page.txt"]);
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 2);
    assert!(err.contains("page.txt: not fixed"), "{err}");
    assert_eq!(fs::read(&page).unwrap(), original);
}

#[cfg(unix)]
fn unsafe_is_root() -> bool {
    Process::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0"))
        .unwrap_or(false)
}

#[test]
fn a_file_with_bytes_that_are_not_utf8_is_not_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    let bytes = b"Bad \xff bytes.\n\nshare to\n".to_vec();
    fs::write(&page, &bytes).unwrap();
    let (_, _, err) = run_in(dir.path(), &["check", "--fix", "page.txt"]);
    assert!(err.contains("not fixed"), "{err}");
    assert_eq!(fs::read(&page).unwrap(), bytes);
}
