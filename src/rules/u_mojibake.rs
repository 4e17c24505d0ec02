use std::ops::Range;

use encoding_rs::{GBK, WINDOWS_1252};
use memchr::memmem;

use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::fix::{Applicability, Fix};
use crate::script::{is_cjk_punct, is_han};

declare_rule! {
    /// ## What it finds
    /// Mojibake: UTF-8 text that was decoded with the wrong codec.
    ///
    /// - UTF-8 read as Windows-1252 (or Latin-1): `Ã©` for `é`, `â€™` for
    ///   `’`, `â€œ` for `“`, `ä¸Šæµ·` for `上海`. A run is flagged when its
    ///   characters, mapped back to Windows-1252 bytes, form the lead and
    ///   continuation bytes of UTF-8 characters that are plausible in a news
    ///   text (Latin, Greek, Cyrillic, punctuation, CJK, emoji).
    /// - UTF-8 read as GBK: `锟斤拷`, `烫烫烫` and `屯屯屯` (the traces of lost
    ///   bytes and of uninitialised memory), and a few tell-tale sequences:
    ///   `鈥` before the second half of a curly quote or dash (`鈥檚` for
    ///   `’s`, `鈥�`), `銆` and `锛` before the second half of Chinese
    ///   punctuation (`銆�` for `。`, `锛�` for `，`), and `漏` (the GBK
    ///   reading of `©`) standing in English text.
    ///
    /// Accented letters in real words are not flagged (`café`, `São Paulo`,
    /// `Zürich`, `naïve`, `Ångström`), nor are symbols such as `©`, `®`,
    /// `°C`, `½`, nor ordinary Chinese text.
    ///
    /// ## Why it matters
    /// Mojibake is noise a model learns to copy; in a Chinese half it
    /// replaces the whole sentence by nonsense that still looks like Chinese.
    ///
    /// ## Examples
    /// ```text
    /// The countryâ€™s GDP grew.   <- flagged: `â€™` is `’`
    /// The country’s GDP grew.     <- not flagged
    /// 发展锟斤拷成果             <- flagged
    /// ```
    ///
    /// ## Fix
    /// Unsafe, for Windows-1252 mojibake only, and only when the reverse
    /// transcoding round-trips exactly (the decoded text, read as
    /// Windows-1252 again, gives back the flagged run). GBK mojibake has lost
    /// bytes and is only reported.
    pub struct Mojibake {
        code: "U006",
        name: "mojibake",
        family: Unicode,
        severity: Error,
        fix: Unsafe,
        summary: "mojibake: UTF-8 decoded as Windows-1252 or GBK",
    }
}

/// The byte a character stands for when UTF-8 was read as Windows-1252.
/// Bytes the code page leaves undefined come out as C1 controls, and a
/// Latin-1 reading gives C1 controls too, so those map to themselves.
fn cp1252_byte(c: char) -> Option<u8> {
    if let 0x80..=0xFF = c as u32 {
        return Some(c as u32 as u8);
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

/// Characters a misread UTF-8 sequence plausibly stood for in a news text.
fn is_plausible(c: char) -> bool {
    matches!(c as u32,
        0xA0..=0x24F            // Latin-1, Latin Extended
        | 0x370..=0x4FF         // Greek, Cyrillic
        | 0x2000..=0x2BFF       // punctuation, currency, letterlike, arrows, symbols
        | 0x2E80..=0x9FFF       // CJK punctuation, kana, ideographs
        | 0xAC00..=0xD7A3       // Hangul
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF       // full-width forms
        | 0x1F000..=0x1FAFF     // emoji
        | 0x20000..=0x2FA1F)
}

/// One UTF-8 character found in Windows-1252 mojibake.
struct Sequence {
    end: usize,
    /// The character, unless a byte of it was lost (shown as U+FFFD).
    decoded: Option<char>,
}

/// The UTF-8 character whose Windows-1252 reading starts at `start`, if the
/// characters there are a lead byte and its continuation bytes.
fn sequence_at(text: &str, start: usize) -> Option<Sequence> {
    let mut chars = text[start..].char_indices();
    let (_, lead) = chars.next()?;
    let len = match lead as u32 {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let mut bytes = [lead as u32 as u8, 0, 0, 0];
    let mut lost = None;
    let mut end = start + lead.len_utf8();
    for (k, byte) in bytes.iter_mut().enumerate().take(len).skip(1) {
        let (i, c) = chars.next()?;
        end = start + i + c.len_utf8();
        if c == '\u{FFFD}' && lost.is_none() {
            lost = Some(k);
            *byte = 0x80;
            continue;
        }
        match cp1252_byte(c) {
            Some(b @ 0x80..=0xBF) => *byte = b,
            _ => return None,
        }
    }
    let decode = |bytes: &[u8]| {
        std::str::from_utf8(bytes)
            .ok()
            .and_then(|s| s.chars().next())
            .filter(|&c| is_plausible(c))
    };
    match lost {
        None => decode(&bytes[..len]).map(|c| Sequence { end, decoded: Some(c) }),
        // A two-byte lead before U+FFFD is too little to go on.
        Some(_) if len == 2 => None,
        Some(k) => (0x80..=0xBF)
            .any(|b| {
                let mut filled = bytes;
                filled[k] = b;
                decode(&filled[..len]).is_some()
            })
            .then_some(Sequence { end, decoded: None }),
    }
}

/// A run of Windows-1252 mojibake.
pub(crate) struct Cp1252Run {
    pub span: Range<usize>,
    /// The text it stood for, unless a byte was lost.
    pub decoded: Option<String>,
}

/// Every run of Windows-1252 mojibake in `text`. Each starts at a lead
/// character (U+00C2–U+00F4, all encoded `C3 xx`), so one memchr pass finds
/// the candidates.
pub(crate) fn cp1252_runs(text: &str) -> Vec<Cp1252Run> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut from = 0;
    while let Some(n) = memchr::memchr(0xC3, &bytes[from..]) {
        let start = from + n;
        let mut end = start;
        let mut decoded = Some(String::new());
        let mut count = 0;
        while let Some(seq) = sequence_at(text, end) {
            end = seq.end;
            count += 1;
            decoded = match (decoded, seq.decoded) {
                (Some(mut s), Some(c)) => {
                    s.push(c);
                    Some(s)
                }
                _ => None,
            };
        }
        if count == 0 {
            from = start + 2;
            continue;
        }
        from = end;
        // One ideograph glued to the end of an English word (`café’”`) is
        // more likely accented text than a misread Chinese character.
        let lone_letter = count == 1
            && decoded
                .as_deref()
                .and_then(|s| s.chars().next())
                .is_some_and(|c| c as u32 >= 0x3040)
            && text[..start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphabetic());
        // A capital letter before a closing quote or dash (`“Ä”`) is a
        // letter in quotes; Â and Ã before one are still mojibake.
        let quoted_letter = count == 1
            && text[start..end].chars().count() == 2
            && !matches!(text[start..].chars().next(), Some('Â' | 'Ã'))
            && text[start..end].ends_with(['’', '”', '›', '»', '–', '—']);
        if !lone_letter && !quoted_letter {
            runs.push(Cp1252Run {
                span: start..end,
                decoded,
            });
        }
    }
    runs
}

/// Whether the character at `pos` belongs to a Windows-1252 misreading of a
/// UTF-8 character (so other rules leave its NBSP, soft hyphen or C1
/// control alone for this rule to report).
pub(crate) fn in_cp1252_mojibake(text: &str, pos: usize) -> bool {
    let mut start = pos;
    for _ in 0..4 {
        if let Some(seq) = sequence_at(text, start) {
            if seq.end > pos {
                return true;
            }
        }
        match text[..start].chars().next_back() {
            Some(c) if !c.is_ascii() => start -= c.len_utf8(),
            _ => return false,
        }
    }
    false
}

/// The first byte of a character's GBK encoding.
fn gbk_lead(c: char) -> Option<u8> {
    let mut buf = [0; 4];
    let (bytes, _, unmappable) = GBK.encode(c.encode_utf8(&mut buf));
    (!unmappable).then(|| bytes.first().copied()).flatten()
}

/// Characters that are the GBK reading of the first two bytes of a UTF-8
/// punctuation mark, with the bytes and the first GBK bytes that the rest
/// of the mark gives.
const GBK_TELLS: &[(&str, [u8; 2], &[u8])] = &[
    // ‘ ’ “ ” – — • … are E2 80 xx.
    ("鈥", [0xE2, 0x80], &[0x93, 0x94, 0x98, 0x99, 0x9C, 0x9D, 0xA2, 0xA6]),
    // 、 。 《 》 「 」 【 】 are E3 80 81..97.
    (
        "銆",
        [0xE3, 0x80],
        &[
            0x81, 0x82, 0x88, 0x89, 0x8A, 0x8B, 0x8C, 0x8D, 0x8E, 0x8F, 0x90, 0x91, 0x94, 0x95,
        ],
    ),
    // ！ （ ） ， ： ； ？ are EF BC 81..9F.
    ("锛", [0xEF, 0xBC], &[0x81, 0x88, 0x89, 0x8C, 0x9A, 0x9B, 0x9F]),
];

/// Runs that are always GBK mojibake: `锟斤拷` is U+FFFD's UTF-8 bytes read
/// as GBK; `烫`/`屯` repeated are the 0xCC/0xCD fill bytes of uninitialised
/// memory. Three in a row, since `屯屯通` and `烫烫的` are words.
const GBK_RUNS: &[(&str, &str)] = &[("锟斤拷", "锟斤拷"), ("烫烫烫", "烫"), ("屯屯屯", "屯")];

fn gbk_findings(text: &str, out: &mut Vec<(Range<usize>, String)>) {
    let bytes = text.as_bytes();
    for (needle, unit) in GBK_RUNS {
        let mut from = 0;
        while let Some(n) = memmem::find(&bytes[from..], needle.as_bytes()) {
            let start = from + n;
            let mut end = start + needle.len();
            while text[end..].starts_with(unit) {
                end += unit.len();
            }
            out.push((
                start..end,
                format!(
                    "GBK mojibake `{}`: bytes were lost when UTF-8 text was decoded as GBK",
                    &text[start..end]
                ),
            ));
            from = end;
        }
    }
    for (tell, utf8, seconds) in GBK_TELLS {
        for start in memmem::find_iter(bytes, tell.as_bytes()) {
            let after = start + tell.len();
            let Some(next) = text[after..].chars().next() else {
                continue;
            };
            let guess = if next == '\u{FFFD}' {
                None
            } else {
                match gbk_lead(next) {
                    Some(b) if seconds.contains(&b) => {
                        let mut buf = [0; 4];
                        let mut raw = utf8.to_vec();
                        raw.extend_from_slice(GBK.encode(next.encode_utf8(&mut buf)).0.as_ref());
                        Some(String::from_utf8_lossy(&raw).into_owned())
                    }
                    _ => continue,
                }
            };
            let span = start..after + next.len_utf8();
            let message = match guess {
                Some(g) => format!(
                    "GBK mojibake `{}`: UTF-8 text read as GBK (it was `{g}`)",
                    &text[span.clone()]
                ),
                None => format!("GBK mojibake `{}`: UTF-8 punctuation read as GBK", &text[span.clone()]),
            };
            out.push((span, message));
        }
    }
    // `漏` is `©` read as GBK; in Chinese it is a word (`漏洞`, `泄漏`).
    for start in memmem::find_iter(bytes, "漏".as_bytes()) {
        let end = start + "漏".len();
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let before = text[line_start..start].trim_end_matches(' ').chars().next_back();
        let after = text[end..]
            .trim_start_matches(' ')
            .chars()
            .next()
            .filter(|&c| c != '\n' && c != '\r');
        let chinese = |c: Option<char>| c.is_some_and(|c| is_han(c) || is_cjk_punct(c));
        let english = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if !chinese(before) && !chinese(after) && (english(before) || english(after)) {
            out.push((start..end, "GBK mojibake `漏`: `©` read as GBK".to_string()));
        }
    }
}

impl Rule for Mojibake {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.text();
        if text.is_ascii() {
            return;
        }
        let invalid = &ctx.src.invalid_utf8;
        for run in cp1252_runs(text) {
            // A U+FFFD that bilint put for bad bytes in the file is not a
            // byte lost upstream.
            let i = invalid.partition_point(|b| b.span.end <= run.span.start);
            if run.decoded.is_none() && invalid.get(i).is_some_and(|b| b.span.start < run.span.end) {
                continue;
            }
            let flagged = &text[run.span.clone()];
            let mut d = Diagnostic::new(
                &Self::META,
                run.span.clone(),
                match &run.decoded {
                    Some(s) => format!("mojibake `{flagged}`: UTF-8 text read as Windows-1252 (it was `{s}`)"),
                    None => format!("mojibake `{flagged}`: UTF-8 text read as Windows-1252, with a byte lost"),
                },
            );
            // Offer the fix only when reading the result as Windows-1252
            // again gives back exactly the flagged run.
            if let Some(s) = run.decoded {
                let (back, _) = WINDOWS_1252.decode_without_bom_handling(s.as_bytes());
                if back == flagged {
                    d = d.with_fix(Fix::replace(
                        Applicability::Unsafe,
                        format!("decode as UTF-8: `{s}`"),
                        run.span,
                        s,
                    ));
                } else {
                    d = d.with_help(format!("probably `{s}`; re-decode the page as UTF-8"));
                }
            } else {
                d = d.with_help("re-decode the page as UTF-8");
            }
            out.push(d);
        }
        let mut gbk = Vec::new();
        gbk_findings(text, &mut gbk);
        for (span, message) in gbk {
            out.push(
                Diagnostic::new(&Self::META, span, message)
                    .with_help("re-decode the page as UTF-8; the lost bytes cannot be recovered from this text"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::rules::testing::{flagged, run};

    fn fixed(text: &str) -> String {
        crate::rules::testing::fixed_by(&Mojibake, text)
    }

    #[test]
    fn flags_utf8_read_as_windows_1252() {
        assert_eq!(flagged(&Mojibake, "The countryâ€™s GDP"), vec!["â€™"]);
        assert_eq!(
            flagged(&Mojibake, "cafÃ© and â€œquotesâ€\u{9D}"),
            vec!["Ã©", "â€œ", "â€\u{9D}"]
        );
        assert_eq!(
            flagged(&Mojibake, "ä¸\u{AD}å›½ç»\u{8F}æµŽ"),
            vec!["ä¸\u{AD}å›½ç»\u{8F}æµŽ"]
        );
        assert_eq!(flagged(&Mojibake, "25Â°C"), vec!["Â°"]);
        // Single characters between digits: 2022年4月4日.
        assert_eq!(flagged(&Mojibake, "2022å¹´4æœˆ4æ—¥在上海"), vec!["å¹´", "æœˆ", "æ—¥"]);
        // The closing quote's last byte is undefined in Windows-1252 and
        // came out as U+FFFD.
        assert_eq!(
            flagged(&Mojibake, "said â€œyesâ€\u{FFFD} today"),
            vec!["â€œ", "â€\u{FFFD}"]
        );
    }

    #[test]
    fn fix_decodes_only_when_it_round_trips() {
        assert_eq!(fixed("The countryâ€™s GDP, cafÃ©"), "The country’s GDP, café");
        assert_eq!(fixed("全会ä¸\u{AD}å›½ç»\u{8F}æµŽ举行"), "全会中国经济举行");
        // `å` `\u{90}` `Ž`: `后` has the byte 0x90, undefined in Windows-1252.
        assert_eq!(fixed("å\u{90}Ž"), "后");
        // Read as Latin-1 (U+0080 for 0x80): flagged, but the fix would not
        // round-trip through Windows-1252, so none is offered.
        let latin1 = "â\u{80}\u{99}";
        assert_eq!(flagged(&Mojibake, latin1), vec![latin1]);
        assert!(run(&Mojibake, latin1)[0].fix.is_none());
        assert!(run(&Mojibake, "â€\u{FFFD}")[0].fix.is_none());
        // A two-byte lead before U+FFFD is not enough.
        assert!(flagged(&Mojibake, "Ñ\u{FFFD} and Î\u{FFFD}").is_empty());
        for d in run(&Mojibake, "cafÃ©") {
            assert_eq!(d.fix.unwrap().applicability, Applicability::Unsafe);
        }
    }

    #[test]
    fn flags_utf8_read_as_gbk() {
        assert_eq!(flagged(&Mojibake, "the country鈥檚 GDP"), vec!["鈥檚"]);
        assert_eq!(
            flagged(&Mojibake, "he said 鈥淎 plan鈥\u{FFFD}, today"),
            vec!["鈥淎", "鈥\u{FFFD}"]
        );
        assert_eq!(flagged(&Mojibake, "发展锟斤拷锟斤拷成果"), vec!["锟斤拷锟斤拷"]);
        assert_eq!(flagged(&Mojibake, "烫烫烫烫烫 屯屯屯"), vec!["烫烫烫烫烫", "屯屯屯"]);
        assert_eq!(flagged(&Mojibake, "Copyright 漏 2019 Xinhua"), vec!["漏"]);
        assert_eq!(flagged(&Mojibake, "全会举行銆\u{FFFD}会议"), vec!["銆\u{FFFD}"]);
        let d = run(&Mojibake, "the country鈥檚 GDP");
        assert!(d[0].message.contains("it was `’s`"), "{}", d[0].message);
        assert!(d[0].fix.is_none());
    }

    #[test]
    fn leaves_accented_words_symbols_and_chinese() {
        for text in [
            "café, São Paulo, Zürich, naïve, Ångström, Gdańsk, Kraków, Besançon.",
            "© 2019 Xinhua, ® marks, 25°C, ½ cup, « guillemets », 10 € and £5.",
            "the café’s owner said “très bien” — and left…",
            "Straße “Ä” Ö’s",
            "全会在成都举行，会议审议通过了决定。",
            "中国共产党四川省第十一届委员会第六次全体会议，于2019年12月6日在成都举行。",
            "出席全会的有省委委员76人,候补省委委员13人。",
            "会议指出，要堵塞漏洞，防止泄漏。村村通、屯屯通，热烫烫的饭菜。",
            "鈥 alone is a rare character.",
        ] {
            assert!(
                flagged(&Mojibake, text).is_empty(),
                "{text}: {:?}",
                flagged(&Mojibake, text)
            );
        }
    }

    #[test]
    fn bad_bytes_in_the_file_are_not_lost_bytes() {
        let mut bytes = "said â€".as_bytes().to_vec();
        bytes.push(0xFF);
        let src = crate::source::SourceText::from_bytes(bytes);
        let analysis = crate::document::Analysis::new(&src);
        let mut out = Vec::new();
        Mojibake.check(
            &Context {
                src: &src,
                analysis: &analysis,
            },
            &mut out,
        );
        assert!(out.is_empty());
    }

    #[test]
    fn other_rules_can_ask_whether_a_character_is_mojibake() {
        let text = "cafÃ\u{A0}ä¸\u{AD}";
        assert!(in_cp1252_mojibake(text, text.find('\u{A0}').unwrap()));
        assert!(in_cp1252_mojibake(text, text.find('\u{AD}').unwrap()));
        assert!(!in_cp1252_mojibake("a\u{A0}b", 1));
        assert!(!in_cp1252_mojibake("é\u{AD}", 2));
    }
}
