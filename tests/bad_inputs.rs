//! Inputs that are wrong in themselves, and file-system trouble: each gives
//! its own message, and the other files of the run are still checked.

mod common;

use std::fs;
use std::path::Path;

use common::*;
use serde_json::Value;

/// A file next to the bad one, with a finding of its own (B001).
const NEIGHBOUR: &str = "zz-neighbour.txt";

fn dir_with_neighbour() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(NEIGHBOUR), "Title.\n\nshare to\n").unwrap();
    dir
}

/// `bilint check ARGS --output-format json` in `dir`: exit code, the
/// diagnostics, stderr.
fn json_in(dir: &Path, args: &[&str]) -> (i32, Vec<Value>, String) {
    let mut all = vec!["check"];
    all.extend(args);
    all.extend(["--output-format", "json"]);
    let (code, out, err) = run_in(dir, &all);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}\n{err}"));
    (code, v.as_array().unwrap().clone(), err)
}

/// The diagnostics of one path, as (code, line, message).
fn of(diags: &[Value], path: &str) -> Vec<(String, u64, String)> {
    diags
        .iter()
        .filter(|d| d["path"] == path)
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn codes(diags: &[Value], path: &str) -> Vec<String> {
    of(diags, path).into_iter().map(|(c, _, _)| c).collect()
}

fn assert_neighbour_checked(diags: &[Value]) {
    assert_eq!(
        codes(diags, NEIGHBOUR),
        ["B001"],
        "the other file is still checked: {diags:?}"
    );
}

#[test]
fn an_empty_file_is_clean() {
    let dir = dir_with_neighbour();
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    let (code, diags, err) = json_in(dir.path(), &["empty.txt", NEIGHBOUR]);
    assert_eq!(code, 1, "{err}");
    assert!(codes(&diags, "empty.txt").is_empty());
    assert_neighbour_checked(&diags);
    let (code, _, err) = run_in(dir.path(), &["check", "--fix", "empty.txt"]);
    assert_eq!(
        (code, fs::read(dir.path().join("empty.txt")).unwrap()),
        (0, vec![]),
        "{err}"
    );
}

#[test]
fn a_file_holding_only_a_bom_is_clean_and_kept() {
    let dir = dir_with_neighbour();
    let page = dir.path().join("bom.txt");
    fs::write(&page, "\u{feff}").unwrap();
    let (_, diags, _) = json_in(dir.path(), &["bom.txt", NEIGHBOUR]);
    assert!(codes(&diags, "bom.txt").is_empty(), "{diags:?}");
    assert_neighbour_checked(&diags);
    let (code, _, err) = run_in(dir.path(), &["check", "--fix", "bom.txt"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(fs::read_to_string(&page).unwrap(), "\u{feff}");
}

#[test]
fn fix_keeps_the_bom_and_crlf_when_it_deletes_the_first_line() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    fs::write(
        &page,
        "\u{feff}share to\r\nTitle , here.\r\n\r\n人民日报 ，记者\u{a0}报道。\r\n",
    )
    .unwrap();
    let (_, _, err) = run_in(dir.path(), &["check", "--fix", "page.txt"]);
    let fixed = fs::read_to_string(&page).unwrap();
    assert!(fixed.starts_with('\u{feff}'), "BOM kept: {fixed:?} {err}");
    assert!(!fixed.contains("share to"), "{fixed:?}");
    assert!(fixed.contains("Title, here."), "{fixed:?}");
    let lone_lf = fixed.match_indices('\n').any(|(i, _)| !fixed[..i].ends_with('\r'));
    assert!(!lone_lf, "CRLF kept: {fixed:?}");
}

#[test]
fn bytes_that_are_not_utf8_mid_page_are_a_finding_and_the_rest_is_checked() {
    let dir = dir_with_neighbour();
    let bytes = b"The first line.\n\nThe \xff\xfe text .\n\nshare to\n".to_vec();
    fs::write(dir.path().join("bad.txt"), &bytes).unwrap();
    let (code, diags, _) = json_in(dir.path(), &["bad.txt", NEIGHBOUR]);
    assert_eq!(code, 1);
    let found = of(&diags, "bad.txt");
    let i001 = found.iter().find(|(c, _, _)| c == "I001").expect("I001");
    assert_eq!(i001.1, 3);
    assert!(i001.2.contains("file offset 21: FF FE"), "{}", i001.2);
    let bad = diags.iter().find(|d| d["code"] == "I001").unwrap();
    assert_eq!(bad["byte_start"], 21, "offsets are file offsets");
    // Findings after the bad bytes, at their file offsets.
    let p001 = diags
        .iter()
        .find(|d| d["path"] == "bad.txt" && d["code"] == "P001")
        .expect("P001");
    assert_eq!(p001["byte_start"], 28);
    assert!(codes(&diags, "bad.txt").contains(&"B001".to_string()));
    assert_neighbour_checked(&diags);
    // --fix leaves such a file as it is, and says why.
    let (_, _, err) = run_in(dir.path(), &["check", "--fix", "bad.txt"]);
    assert!(err.contains("bad.txt: not fixed"), "{err}");
    assert_eq!(fs::read(dir.path().join("bad.txt")).unwrap(), bytes);
}

#[test]
fn a_binary_file_is_skipped_with_one_finding() {
    let dir = dir_with_neighbour();
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    png.extend(b"share to\n \xff\xfe , x\n".repeat(200));
    fs::write(dir.path().join("image.txt"), &png).unwrap();
    fs::write(dir.path().join("image.jsonl"), &png).unwrap();
    let (code, diags, _) = json_in(dir.path(), &["image.txt", "image.jsonl", NEIGHBOUR]);
    assert_eq!(code, 1);
    for name in ["image.txt", "image.jsonl"] {
        let found = of(&diags, name);
        assert_eq!(found.len(), 1, "one finding, nothing linted as text: {found:?}");
        assert_eq!(found[0].0, "I005");
        assert!(found[0].2.contains("NUL byte at file offset 8"), "{}", found[0].2);
    }
    assert_neighbour_checked(&diags);
    let (_, _, _) = run_in(dir.path(), &["check", "--fix", "image.txt"]);
    assert_eq!(fs::read(dir.path().join("image.txt")).unwrap(), png, "--fix leaves it");
    // In a file read in pieces, a binary piece is reported where it starts.
    let mut mixed = b"Title.\n\n".repeat(8);
    mixed.extend(b"\x00\x01\x02\n");
    fs::write(dir.path().join("mixed.txt"), &mixed).unwrap();
    let (_, out, _) = run_in(dir.path(), &["check", "mixed.txt", "--output-format", "concise"]);
    assert!(out.contains("I005"), "{out}");
}

/// One line of `mb` megabytes with findings at its start and end; a check
/// reads it in pieces, and must neither cut the line nor slow down.
/// (100 MB takes minutes in a debug build; 20 MB shows the same.)
#[test]
fn one_very_long_line_is_checked_whole() {
    let mb = 20;
    let dir = dir_with_neighbour();
    let path = dir.path().join("long.txt");
    let unit = "The session was held in Chengdu and Xi Jinping spoke there. ";
    let mut line = String::with_capacity(mb << 20);
    line.push_str("Start , here. ");
    while line.len() < mb << 20 {
        line.push_str(unit);
    }
    line.push_str("End , here.\n");
    fs::write(&path, &line).unwrap();
    let (code, diags, err) = json_in(dir.path(), &["long.txt", NEIGHBOUR]);
    assert_eq!(code, 1, "{err}");
    // The repeated sentence is a repetition loop (A006, A005): leave the
    // alignment family out and look at what piece cuts could break.
    let found: Vec<&Value> = diags
        .iter()
        .filter(|d| d["path"] == "long.txt" && d["family"] != "alignment")
        .collect();
    let codes: Vec<&Value> = found.iter().map(|d| &d["code"]).collect();
    assert_eq!(
        found.len(),
        2,
        "only the two real findings, none at piece cuts: {codes:?}"
    );
    let last = found[1];
    assert_eq!(last["code"], "P001");
    assert_eq!(last["line"], 1);
    // The line is ASCII: the column is the byte offset plus one.
    let at = line.len() - " , here.\n".len();
    assert_eq!(last["byte_start"].as_u64().unwrap() as usize, at);
    assert_eq!(last["column"].as_u64().unwrap() as usize, at + 1);
    assert_neighbour_checked(&diags);
}

#[test]
fn jsonl_lines_that_are_not_records() {
    let dir = dir_with_neighbour();
    let lines = [
        r#"[1, 2, 3]"#,
        r#""just a string""#,
        r#"{"zh": "全会在成都举行。", "en": "The se"#,
        r#"{"zh": 12, "en": "twelve"}"#,
        r#"{"zh": "全会在成都举行。", "en": null}"#,
        r#"{"en": "no zh"}"#,
        r#"{"zh": "全会在成都举行。", "en": "The session , was held."}"#,
    ];
    fs::write(dir.path().join("c.jsonl"), lines.join("\n") + "\n").unwrap();
    let (code, diags, _) = json_in(dir.path(), &["c.jsonl", NEIGHBOUR]);
    assert_eq!(code, 1);
    let found = of(&diags, "c.jsonl");
    let want = [
        ("I002", 1, "the line is an array, not a JSON object"),
        ("I002", 2, "the line is a string, not a JSON object"),
        ("I002", 3, "not a JSON record: EOF while parsing a string"),
        ("I003", 4, "field `zh` is a number, not text"),
        ("I003", 5, "field `en` is null, not text"),
        ("I003", 6, "the record has no `zh` field"),
        ("P001", 7, "space before"),
    ];
    assert_eq!(found.len(), want.len(), "{found:?}");
    for ((code, line, msg), (wc, wl, wm)) in found.iter().zip(want) {
        assert_eq!((code.as_str(), *line), (wc, wl), "{msg}");
        assert!(
            msg.starts_with(wm) || msg.contains(wm),
            "line {line}: {msg:?} should say {wm:?}"
        );
    }
    assert_neighbour_checked(&diags);
}

#[test]
fn deeply_nested_json_is_a_finding_not_a_crash() {
    let dir = dir_with_neighbour();
    let deep_array = "[".repeat(100_000) + &"]".repeat(100_000);
    let deep_object = r#"{"a":"#.repeat(5_000) + "1" + &"}".repeat(5_000);
    let good = r#"{"zh": "全会在成都举行。", "en": "The session , was held."}"#;
    fs::write(
        dir.path().join("deep.jsonl"),
        format!("{deep_array}\n{deep_object}\n{good}\n"),
    )
    .unwrap();
    let (code, diags, err) = json_in(dir.path(), &["deep.jsonl", NEIGHBOUR]);
    assert_eq!(code, 1, "{err}");
    let found = of(&diags, "deep.jsonl");
    assert_eq!(found.len(), 3, "{found:?}");
    for (i, f) in found[..2].iter().enumerate() {
        assert_eq!((f.0.as_str(), f.1), ("I002", i as u64 + 1));
        assert!(f.2.contains("recursion limit exceeded"), "{}", f.2);
    }
    assert_eq!(found[2].0, "P001");
    assert_neighbour_checked(&diags);
}

#[cfg(unix)]
#[test]
fn a_folder_with_a_symlink_loop_is_walked_once() {
    let dir = dir_with_neighbour();
    let corpus = dir.path().join("corpus");
    fs::create_dir_all(corpus.join("sub")).unwrap();
    fs::write(corpus.join("sub/page.txt"), "Title.\n\nshare to\n").unwrap();
    std::os::unix::fs::symlink("..", corpus.join("sub/up")).unwrap();
    std::os::unix::fs::symlink(".", corpus.join("self")).unwrap();
    let (code, diags, err) = json_in(dir.path(), &["corpus", NEIGHBOUR]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(codes(&diags, "corpus/sub/page.txt"), ["B001"], "{diags:?}");
    assert_eq!(diags.len(), 2, "links are not followed: {diags:?}");
    assert_neighbour_checked(&diags);
}

/// Permission bits do not stop root from reading, so as root the test
/// reads a path through a file (`page.txt/x.txt`): the same "cannot read"
/// path of bilint, with its own message.
#[cfg(unix)]
#[test]
fn an_unreadable_file_is_named_and_the_rest_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = dir_with_neighbour();
    let locked = dir.path().join("locked.txt");
    fs::write(&locked, "share to\n").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let privileged = fs::File::open(&locked).is_ok();
    let (name, message) = if privileged {
        ("locked.txt/x.txt", "locked.txt/x.txt: not a directory")
    } else {
        ("locked.txt", "locked.txt: permission denied")
    };
    let (code, diags, err) = json_in(dir.path(), &[name, NEIGHBOUR]);
    assert_eq!(code, 2, "bilint could not do its job");
    assert!(err.to_lowercase().contains(&format!("error: {message}")), "{err}");
    assert_neighbour_checked(&diags);
}

/// A path that is gone by the time it is read (named on the command line,
/// or a link whose target was removed) takes the same path as a file that
/// vanished after the folder was listed: named on stderr, exit 2.
#[cfg(unix)]
#[test]
fn a_path_that_vanished_is_named_and_the_rest_checked() {
    let dir = dir_with_neighbour();
    fs::write(dir.path().join("gone.txt"), "x").unwrap();
    std::os::unix::fs::symlink("gone.txt", dir.path().join("link.txt")).unwrap();
    fs::remove_file(dir.path().join("gone.txt")).unwrap();
    for fix in [false, true] {
        let mut args = vec!["gone.txt", "link.txt", NEIGHBOUR];
        if fix {
            args.push("--diff");
        }
        let (code, out, err) = run_in(
            dir.path(),
            &[&["check"][..], &args, &["--output-format", "concise"]].concat(),
        );
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("error: gone.txt: no such file or directory"), "{err}");
        assert!(err.contains("error: link.txt: no such file or directory"), "{err}");
        if !fix {
            assert!(out.contains(&format!("{NEIGHBOUR}:3:1: B001")), "{out}");
        }
    }
}

#[test]
fn fix_refuses_a_file_that_changed_on_disk_after_it_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    fs::write(&page, "Title , here.\n").unwrap();
    let read = fs::read(&page).unwrap();
    fs::write(&page, "Someone else's edit.\n").unwrap();
    let err = bilint::write::write_atomic(&page, &read, b"Title, here.\n").unwrap_err();
    assert!(err.contains("changed on disk"), "{err}");
    assert_eq!(fs::read_to_string(&page).unwrap(), "Someone else's edit.\n");
    // No temporary file is left behind.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    // Unchanged: written.
    bilint::write::write_atomic(&page, b"Someone else's edit.\n", b"Fixed.\n").unwrap();
    assert_eq!(fs::read_to_string(&page).unwrap(), "Fixed.\n");
}

#[cfg(unix)]
#[test]
fn fix_refuses_a_read_only_file_or_folder() {
    use std::os::unix::fs::PermissionsExt;
    let dir = dir_with_neighbour();
    let page = dir.path().join("page.txt");
    fs::write(&page, "Title.\n\nshare to\n").unwrap();
    fs::set_permissions(&page, fs::Permissions::from_mode(0o444)).unwrap();
    let (code, out, err) = run_in(
        dir.path(),
        &["check", "--fix", "page.txt", NEIGHBOUR, "--output-format", "concise"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("page.txt: not fixed: the file is read-only"), "{err}");
    assert_eq!(fs::read_to_string(&page).unwrap(), "Title.\n\nshare to\n");
    assert!(out.contains("page.txt:3:1: B001"), "its findings are reported: {out}");
    assert_eq!(
        fs::read_to_string(dir.path().join(NEIGHBOUR)).unwrap(),
        "Title.\n\n",
        "the other file is fixed"
    );

    let ro = dir.path().join("ro");
    fs::create_dir(&ro).unwrap();
    fs::write(ro.join("page.txt"), "Title.\n\nshare to\n").unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
    let (code, _, err) = run_in(dir.path(), &["check", "--fix", "ro/page.txt"]);
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 2);
    assert!(
        err.contains("ro/page.txt: not fixed: its folder") && err.contains("is read-only"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(ro.join("page.txt")).unwrap(), "Title.\n\nshare to\n");
}

#[cfg(unix)]
#[test]
fn fix_through_a_symlink_rewrites_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("real")).unwrap();
    let target = dir.path().join("real/page.txt");
    fs::write(&target, "Title.\n\nshare to\n").unwrap();
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink("real/page.txt", &link).unwrap();
    let (code, _, err) = run_in(dir.path(), &["check", "--fix", "link.txt"]);
    assert_eq!(code, 0, "{err}");
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(fs::read_link(&link).unwrap(), Path::new("real/page.txt"));
    assert_eq!(fs::read_to_string(&target).unwrap(), "Title.\n\n");
    let leftovers: Vec<_> = fs::read_dir(dir.path().join("real")).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left");
}

/// Two `--fix` runs on one file at once, one with unsafe fixes: the file
/// ends up as one run's complete output (the other refuses, or writes its
/// own complete output first), never a mix.
#[test]
fn two_fix_runs_at_once_leave_one_complete_output() {
    let page_text = std::fs::read_to_string(root().join(SAMPLE)).unwrap().repeat(40);
    let expected = |unsafe_fixes: bool| {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("page.txt"), &page_text).unwrap();
        let mut args = vec!["check", "--fix", "page.txt"];
        if unsafe_fixes {
            args.push("--unsafe-fixes");
        }
        run_in(dir.path(), &args);
        fs::read_to_string(dir.path().join("page.txt")).unwrap()
    };
    let (safe, unsafe_) = (expected(false), expected(true));
    assert_ne!(safe, unsafe_);
    let exe = assert_cmd::cargo::cargo_bin("bilint");
    for _ in 0..4 {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("page.txt");
        fs::write(&page, &page_text).unwrap();
        let spawn = |extra: &[&str]| {
            std::process::Command::new(&exe)
                .current_dir(dir.path())
                .args(["check", "--fix", "--quiet", "page.txt"])
                .args(extra)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(&[]), spawn(&["--unsafe-fixes"]));
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        let result = fs::read_to_string(&page).unwrap();
        assert!(
            result == safe || result == unsafe_,
            "the file is a mix of the two outputs"
        );
        for out in [a, b] {
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                out.status.code() == Some(1) || err.contains("changed on disk"),
                "each run fixes it or refuses: {err}"
            );
        }
        let leftovers = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file left");
    }
}
