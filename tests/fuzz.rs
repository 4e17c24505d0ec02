//! Property tests: arbitrary input never panics, every diagnostic points at
//! char boundaries inside its text, fixing changes only what the fixes say
//! and settles, and packs and configs load or fail with a span in the file.
//!
//! A normal `cargo test` runs a few hundred cases per property; run longer
//! with `PROPTEST_CASES=100000 cargo test --release --test fuzz`. Inputs that
//! once failed are kept in `tests/fuzz.proptest-regressions` and
//! `tests/data/fuzz/` (the latter run by `seed_inputs_hold_the_properties`).

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

use bilint::config::Config;
use bilint::fix::apply_fixes;
use bilint::packs;
use bilint::records::{self, FieldNames, Parsed, RecordFormat};
use bilint::report::{self, FileReport, Origin};
use bilint::{Applicability, Diagnostic, Linter, Registry, Selection, SourceText};

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| {
        let packs = packs::default_packs().expect("the default packs load");
        Linter::new(Registry::new(packs), &Selection::default())
    })
}

/// `cases` unless `PROPTEST_CASES` says otherwise.
fn config(cases: u32) -> ProptestConfig {
    let mut c = ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    };
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = cases;
    }
    c
}

/// Every span of every diagnostic (and fix edit) is on char boundaries
/// inside the text, and the printers can place and render it.
fn check_spans(src: &SourceText, diags: &[Diagnostic], origin: &Origin) {
    let text = &src.text;
    let ok = |r: &std::ops::Range<usize>| {
        r.start <= r.end && r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
    };
    for d in diags {
        assert!(ok(&d.span), "{} span {:?} in {:?}", d.rule.code, d.span, text);
        for l in &d.labels {
            assert!(ok(&l.span), "{} label {:?} in {:?}", d.rule.code, l.span, text);
        }
        if let Some(f) = &d.fix {
            for e in &f.edits {
                assert!(ok(&e.range()), "{} edit {:?} in {:?}", d.rule.code, e.range(), text);
            }
        }
    }
    let report = FileReport {
        path: "fuzz",
        src,
        diagnostics: diags,
        origin,
    };
    for o in report::json::objects(&report) {
        serde_json::to_value(o).expect("a diagnostic serialises");
    }
    let mut out = String::new();
    report::pretty::render(&report, &report::pretty::handler(false), &mut out);
    let _ = bilint::baseline::fingerprints("fuzz", src, diags);
}

/// Checks bytes as a page.
fn check_txt(bytes: &[u8]) {
    let src = SourceText::from_bytes(bytes.to_vec());
    let diags = linter().check(&src);
    check_spans(&src, &diags, &Origin::File);
}

/// Checks bytes as a JSONL or TSV file, record by record.
fn check_records(bytes: &[u8], format: RecordFormat) {
    let src = SourceText::from_bytes(bytes.to_vec());
    let fields = FieldNames::default();
    for line in records::lines(&src.text) {
        match records::parse_line(format, &line, &fields) {
            Parsed::Blank => {}
            Parsed::Problem(meta, span, _) => {
                assert!(
                    span.end <= line.text.len()
                        && line.text.is_char_boundary(span.start)
                        && line.text.is_char_boundary(span.end),
                    "{} span {span:?} in {:?}",
                    meta.code,
                    line.text
                );
            }
            Parsed::Record(rec) => {
                let diags = linter().check_with(&rec.src, &rec.analysis(true));
                let origin = Origin::Record {
                    line: rec.line,
                    line_start: rec.line_start,
                    fields: Some(report::Fields {
                        zh_len: rec.zh_len,
                        names: (format == RecordFormat::Jsonl).then(|| ("zh".into(), "en".into())),
                    }),
                };
                check_spans(&rec.src, &diags, &origin);
                for level in [Applicability::Safe, Applicability::Unsafe] {
                    let (zh, en, _, still) = records::fix_record(linter(), &rec, true, level);
                    assert!(
                        still.is_empty(),
                        "record fixes did not settle ({still:?}): {:?}",
                        line.text
                    );
                    // Fixing the fixed record changes nothing.
                    let again = records::Record {
                        src: SourceText::new(format!("{zh}\n{en}")),
                        zh_len: zh.len(),
                        line: rec.line,
                        line_start: rec.line_start,
                        date: rec.date,
                        page: rec.page.clone(),
                        object: None,
                    };
                    let (zh2, en2, _, _) = records::fix_record(linter(), &again, true, level);
                    assert_eq!(
                        (&zh2, &en2),
                        (&zh, &en),
                        "a second record fix changed it: {:?}",
                        line.text
                    );
                }
            }
        }
    }
}

/// Fixing: no panic, only the ranges of the applied fixes change, the BOM
/// and CRLF line endings stay, it settles, and fixing again changes nothing.
fn check_fix(text: &str) {
    let src = SourceText::new(text.to_string());
    for level in [Applicability::Safe, Applicability::Unsafe] {
        // One pass, against a plain reference: each applied fix's edits,
        // applied from the end, give the same text.
        let diags = linter().check(&src);
        let fixes: Vec<_> = diags
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .filter(|f| f.applicability >= level)
            .collect();
        let (once, applied) = apply_fixes(text, fixes.iter().copied());
        let mut edits: Vec<_> = applied.iter().flat_map(|&i| fixes[i].edits.iter()).collect();
        edits.sort_by_key(|e| (e.byte_start, e.byte_end));
        edits.dedup();
        for w in edits.windows(2) {
            assert!(
                w[0].byte_end <= w[1].byte_start,
                "applied edits overlap: {w:?} in {text:?}"
            );
        }
        let mut reference = text.to_string();
        for e in edits.iter().rev() {
            reference.replace_range(e.range(), &e.content);
        }
        assert_eq!(once, reference, "bytes outside the edits changed in {text:?}");

        let outcome = linter().fix(&src, level);
        assert!(
            outcome.unconverged.is_empty(),
            "fixes did not settle ({:?}) for {text:?}",
            outcome.unconverged
        );
        let fixed = &outcome.text;
        if text.starts_with('\u{feff}') {
            assert!(fixed.starts_with('\u{feff}'), "the BOM was lost: {text:?} -> {fixed:?}");
        }
        let lone_lf = |s: &str| {
            s.bytes()
                .enumerate()
                .any(|(i, b)| b == b'\n' && (i == 0 || s.as_bytes()[i - 1] != b'\r'))
        };
        if text.contains("\r\n") && !lone_lf(text) {
            assert!(!lone_lf(fixed), "a CRLF line ending was broken: {text:?} -> {fixed:?}");
        }
        let again = linter().fix(&SourceText::new(fixed.clone()), level);
        assert_eq!(&again.text, fixed, "a second fix changed {text:?} (level {level:?})");
        check_spans(&SourceText::new(fixed.clone()), &outcome.remaining, &Origin::File);
    }
}

/// A pack or config that fails to load carries a span inside the file.
fn check_toml(text: &str) {
    let errors = [
        packs::parse_pack("fuzz.toml", text).err(),
        Config::parse("bilint.toml", text, Path::new(".")).err(),
    ];
    for e in errors.into_iter().flatten() {
        if let Some(span) = e.span {
            let r = span.offset()..span.offset() + span.len();
            assert!(
                r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
                "error span {r:?} outside {text:?}: {}",
                e.message
            );
        }
        let mut out = String::new();
        let _ = report::pretty::handler(false).render_report(&mut out, &e);
        let _ = e.line();
    }
}

/// Pieces of scraped pages: boilerplate, the defects the fixes repair, and
/// characters that are easy to split in the middle.
const PIECES: &[&str] = &[
    "分享到",
    "Select another platform >>",
    "share to",
    "扫一扫",
    "\n",
    "\n",
    "\n\n",
    "\r\n",
    " ",
    "  ",
    "\t",
    " ,",
    " .",
    " 's",
    "人,候补",
    "人民日报",
    "中文测试。",
    "会议在成都举行，",
    "\u{a0}",
    "\u{3000}",
    "\u{200b}",
    "\u{feff}",
    "ＡＢＣ１２",
    "ｘ",
    "å¤§å®¶",
    "Ã©tÃ©",
    "鍙戝竷",
    "e\u{301}",
    "\u{fffd}",
    "2019年12月6日",
    "126日",
    "2月30日",
    "December 6, 2019",
    "Friday, December 6, 2019",
    "February 30",
    "（",
    "）",
    "(",
    ")",
    "“",
    "”",
    "\"",
    "'",
    "：",
    "，",
    "。",
    "!",
    "?",
    "0",
    "X",
    "×",
    "|",
    "=====",
    "[http://hnlsyfood.com]",
    "【2019-12-07】 【四川日报】 ",
    "Photo by reporter Ouyang Jie",
    "记者 张三 摄",
    "责任编辑：李四",
    "[Print] [Close]",
    "首页 > 新闻",
    "The session was held in Chengdu",
    "Xi Jinping",
    "the plenary session",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => "[a-z]{1,8}",
        1 => "[\u{4e00}-\u{4e80}]{1,6}",
    ]
}

/// A page with injected defects, sometimes with a BOM, sometimes CRLF.
fn page() -> impl Strategy<Value = String> {
    (prop::collection::vec(piece(), 0..60), any::<bool>(), any::<bool>()).prop_map(|(pieces, bom, crlf)| {
        let mut text = pieces.concat();
        if crlf {
            text = text.replace("\r\n", "\n").replace('\n', "\r\n");
        }
        if bom {
            text.insert(0, '\u{feff}');
        }
        text
    })
}

/// JSONL lines: objects with the text fields (some not text), other values,
/// and lines cut short.
fn jsonl() -> impl Strategy<Value = Vec<u8>> {
    let field = || {
        prop_oneof![
            4 => page().prop_map(serde_json::Value::String),
            1 => Just(serde_json::Value::Null),
            1 => any::<i64>().prop_map(serde_json::Value::from),
        ]
    };
    let line = (field(), field(), any::<u8>(), any::<bool>()).prop_map(|(zh, en, cut, spaced)| {
        let mut o = serde_json::Map::new();
        o.insert("url".into(), "http://a/1".into());
        o.insert("zh".into(), zh);
        o.insert("en".into(), en);
        o.insert("date".into(), "2019-12-07".into());
        let mut s = records::json_line(o, spaced);
        if cut % 7 == 0 {
            let mut at = s.len() * usize::from(cut) / 256;
            while !s.is_char_boundary(at) {
                at -= 1;
            }
            s.truncate(at);
        }
        s
    });
    prop::collection::vec(
        prop_oneof![4 => line, 1 => Just("[1, 2]".to_string()), 1 => Just("\"text\"".to_string())],
        0..6,
    )
    .prop_map(|lines| lines.join("\n").into_bytes())
}

/// TSV lines: pages with their newlines made spaces, a tab between.
fn tsv() -> impl Strategy<Value = Vec<u8>> {
    let half = || page().prop_map(|s| s.replace(['\n', '\r'], " "));
    let line = (half(), half(), any::<bool>()).prop_map(|(zh, en, tab)| {
        if tab {
            format!("{zh}\t{en}")
        } else {
            format!("{zh}{en}")
        }
    });
    prop::collection::vec(line, 0..6).prop_map(|lines| lines.join("\n").into_bytes())
}

const PACK: &str = r#"[[rule]]
code = "B901"
name = "example-site-footer"
severity = "error"
scope = "line"
pattern = '^本站声明：.*$'
message = "site footer left by the scraper"
help = "delete the line"
fix = { replace = "", applicability = "safe" }

[[rule.examples]]
text = "本站声明：转载请注明出处"
flagged = true
fixed = ""
"#;

const CONFIG: &str = r#"select = ["T", "B", "D"]
extend-select = ["P001"]
ignore = ["B004"]
exclude = ["raw/**"]
zh-field = "chinese"

[severity]
D003 = "error"

[per-path-ignores]
"archive/*.txt" = ["T"]
"#;

/// A pack or config with bytes cut out, duplicated or replaced.
fn toml_text() -> impl Strategy<Value = String> {
    let base = prop_oneof![Just(PACK), Just(CONFIG)];
    let op = (
        any::<u16>(),
        any::<u16>(),
        prop::sample::select(
            &[
                "",
                "\"",
                "'",
                "[",
                "]",
                "=",
                "\n",
                "中",
                "\\u",
                "[[rule]]\n",
                "{",
                "}",
                "\"\"\"",
                "x",
            ][..],
        ),
    );
    prop_oneof![
        3 => (base, prop::collection::vec(op, 1..6)).prop_map(|(base, ops)| {
            let mut s = base.to_string();
            for (a, len, insert) in ops {
                let mut at = usize::from(a) % (s.len() + 1);
                while !s.is_char_boundary(at) {
                    at -= 1;
                }
                let mut end = (at + usize::from(len) % 8).min(s.len());
                while !s.is_char_boundary(end) {
                    end -= 1;
                }
                s.replace_range(at..end.max(at), insert);
            }
            s
        }),
        1 => any::<String>(),
    ]
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn arbitrary_bytes_check_as_txt(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check_txt(&bytes);
    }

    #[test]
    fn arbitrary_bytes_check_as_records(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check_records(&bytes, RecordFormat::Jsonl);
        check_records(&bytes, RecordFormat::Tsv);
    }

    #[test]
    fn toml_packs_and_configs_load_or_point_into_the_file(text in toml_text()) {
        check_toml(&text);
    }
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn pages_with_defects_check(text in page()) {
        check_txt(text.as_bytes());
    }

    #[test]
    fn pages_with_defects_fix_in_place_and_settle(text in page()) {
        check_fix(&text);
    }

    #[test]
    fn jsonl_records_check_and_fix(bytes in jsonl()) {
        check_records(&bytes, RecordFormat::Jsonl);
    }

    #[test]
    fn tsv_records_check_and_fix(bytes in tsv()) {
        check_records(&bytes, RecordFormat::Tsv);
    }
}

/// The inputs in `tests/data/fuzz/`: each checked in its format (by
/// extension) and, as text, fixed.
#[test]
fn seed_inputs_hold_the_properties() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        match path.extension().and_then(|x| x.to_str()) {
            Some("jsonl") => check_records(&bytes, RecordFormat::Jsonl),
            Some("tsv") => check_records(&bytes, RecordFormat::Tsv),
            Some("toml") => check_toml(&String::from_utf8_lossy(&bytes)),
            _ => {
                check_txt(&bytes);
                if let Ok(text) = std::str::from_utf8(&bytes) {
                    check_fix(text);
                }
            }
        }
        n += 1;
    }
    assert!(n > 0, "no seed inputs in {}", dir.display());
}
