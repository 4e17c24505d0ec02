//! Numbers as written in Chinese and English news text, turned into values
//! that the two halves of a pair can be compared by: `35亿元` and
//! `3.5 billion` are both 3,500,000,000; `120万` and `1.2 million` are both
//! 1,200,000; `3.5%` and `3.5 percent` are both 3.5; `第二` and `second`
//! are both 2.
//!
//! Each half is scanned once, left to right. A number is *firm* when it is
//! written in digits and is neither an ordinal nor the year of a date: a
//! firm number the other half lacks is worth reporting. Everything else
//! (Chinese numerals, English number words, ordinals, month names, the year
//! of a date) is *soft*: it can answer for a number of the other half, but
//! its own absence is never reported, because translations spell small
//! numbers out, drop years the dateline already gives and render `十九届`
//! as `the 19th` or `the Nineteenth`.

use std::ops::Range;

use crate::dates::{DateLang, DateMention};
use crate::document::{Analysis, Lang, Paragraph, Segment};

/// What a number counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    /// `1,234.5`, `35亿`, `3.5 billion`, `两千`, `twelve`
    Cardinal,
    /// `3.5%`, `3.5 percent`
    Percent,
    /// `第二`, `second`, `2nd`, `十九届` after 第
    Ordinal,
    /// `December`, `Dec.`: the month as a number
    Month,
    /// The year of a date (`2019年12月6日`, `December 6, 2019`), or the
    /// digits of a cut Chinese date (`126日`).
    DatePart,
}

/// One number found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMention {
    pub span: Range<usize>,
    pub value: f64,
    /// Half the unit of the last digit written when a scaled number is said
    /// to be rounded (`about 1.2 million` stands for 1,150,000..1,250,000,
    /// and so does `约120万`); else 0.
    pub tolerance: f64,
    pub kind: NumberKind,
    /// See the module docs: a soft number can match but is never reported.
    pub soft: bool,
}

impl NumberMention {
    /// The two mentions can name the same quantity.
    pub fn same_value(&self, other: &NumberMention) -> bool {
        // `5月` is not the `five` of `the past five years`.
        if (self.kind == NumberKind::Month) != (other.kind == NumberKind::Month) {
            return false;
        }
        let tol = self.tolerance.max(other.tolerance);
        let scale = self.value.abs().max(other.value.abs());
        (self.value - other.value).abs() <= tol + scale * 1e-9
    }

    pub fn is_firm(&self) -> bool {
        !self.soft
    }
}

// ------------------------------------------------------------ Chinese

/// A Latin letter, ASCII or full-width: digits glued to one are a name
/// (`5G`, `Ｇ20`).
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

fn zh_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn zh_unit(c: char) -> Option<f64> {
    Some(match c {
        '十' => 10.0,
        '百' => 100.0,
        '千' => 1e3,
        '万' => 1e4,
        '亿' => 1e8,
        _ => return None,
    })
}

fn is_zh_numeral(c: char) -> bool {
    zh_digit(c).is_some() || zh_unit(c).is_some()
}

/// A four-digit year followed by a month (`年３月`, `年12月`).
fn is_date_year(value: f64, after: &str) -> bool {
    let digits = after.chars().take_while(|&c| is_digit(c)).count();
    (1000.0..3000.0).contains(&value) && (1..=2).contains(&digits) && after.chars().nth(digits) == Some('月')
}

/// Measure words and units that follow a number (`十九届`, `两千人`, `三个`).
const ZH_COUNTERS: &str =
    "个人名位家项件条次届年月日号天岁倍只座所部种批期轮场支架辆艘吨元米周中章节季层级例起户台套份篇首张本处类成";

/// The value of a run of Chinese numerals: `一百二十六` = 126, `两千` =
/// 2000, `三亿五千万` = 350,000,000, `二〇一九` = 2019.
pub fn parse_zh_numeral(run: &str) -> Option<f64> {
    if run.is_empty() {
        return None;
    }
    if !run.chars().any(|c| zh_unit(c).is_some()) {
        // Digit by digit: 二〇一九.
        let mut v = 0.0;
        for c in run.chars() {
            v = v * 10.0 + f64::from(zh_digit(c)?);
        }
        return Some(v);
    }
    let (mut total, mut section, mut num) = (0.0f64, 0.0f64, 0.0f64);
    let mut seen_digit = false;
    for c in run.chars() {
        if let Some(d) = zh_digit(c) {
            num = f64::from(d);
            seen_digit = true;
        } else {
            match c {
                '十' | '百' | '千' => {
                    let unit = zh_unit(c)?;
                    section += if num == 0.0 { 1.0 } else { num } * unit;
                    num = 0.0;
                }
                '万' => {
                    section = (section + num) * 1e4;
                    total += section;
                    section = 0.0;
                    num = 0.0;
                }
                '亿' => {
                    total = (total + section + num) * 1e8;
                    section = 0.0;
                    num = 0.0;
                }
                _ => return None,
            }
        }
    }
    let v = total + section + num;
    (seen_digit || run.starts_with('十')).then_some(v).filter(|v| *v > 0.0)
}

/// The digit `c` stands for: ASCII or full-width (`２０１９`, reported by
/// the Unicode rules but still a number).
fn digit_value(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - 0xFF10 + '0' as u32),
        _ => None,
    }
}

pub(crate) fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// Zero-width characters a scraper leaves inside a number (`20\u{200B}19`).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// A run of digits with `,` thousands groups and a `.` decimal part,
/// starting at byte `start`: (end, value, digits after the point).
fn digit_run(s: &str, start: usize) -> (usize, f64, u32) {
    let chars: Vec<(usize, char)> = s[start..]
        .char_indices()
        .map(|(i, c)| (start + i, c))
        .take_while(|&(_, c)| is_digit(c) || is_invisible(c) || matches!(c, ',' | '.' | '\u{A0}' | '\u{3000}'))
        .collect();
    let digit = |k: usize| chars.get(k).and_then(|&(_, c)| digit_value(c));
    let mut plain = String::new();
    let mut k = 0;
    let mut decimals = 0;
    let mut in_fraction = false;
    while k < chars.len() {
        let c = chars[k].1;
        if let Some(d) = digit_value(c) {
            plain.push(d);
            decimals += u32::from(in_fraction);
            k += 1;
        } else if ((is_invisible(c) || matches!(c, '\u{A0}' | '\u{3000}'))
            && digit(k + 1).is_some()
            && !plain.is_empty())
            || (c == ',' && !in_fraction && (1..=3).all(|o| digit(k + o).is_some()) && digit(k + 4).is_none())
        {
            // A zero-width character inside the number, or a thousands separator.
            k += 1;
        } else if c == '.' && !in_fraction && digit(k + 1).is_some() {
            plain.push('.');
            in_fraction = true;
            k += 1;
        } else {
            break;
        }
    }
    let end = match chars.get(k) {
        Some(&(i, _)) => i,
        None => chars.last().map_or(start, |&(i, c)| i + c.len_utf8()),
    };
    (end, plain.parse().unwrap_or(0.0), decimals)
}

/// The end of a URL starting at byte `i` of `s` (`http://`, `https://`,
/// `www.`): its digits are not quantities.
fn url_end(s: &str, i: usize) -> Option<usize> {
    let head = s.get(i..(i + 8).min(s.len()))?.to_ascii_lowercase();
    if !(head.starts_with("http://") || head.starts_with("https://") || head.starts_with("www.")) {
        return None;
    }
    let len = s[i..]
        .find(|c: char| c.is_whitespace() || matches!(c, ']' | ')' | '>' | '"') || !c.is_ascii())
        .unwrap_or(s.len() - i);
    Some(i + len)
}

fn rounding(scale: f64, decimals: u32) -> f64 {
    if scale > 1.0 && decimals > 0 {
        scale * 10f64.powi(-(decimals as i32)) / 2.0
    } else {
        0.0
    }
}

/// Every number of the Chinese text `text[range]`; spans are offsets in `text`.
pub fn zh_numbers(text: &str, range: Range<usize>) -> Vec<NumberMention> {
    let s = &text[range.clone()];
    let base = range.start;
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        if let Some(end) = url_end(s, i) {
            prev = Some('/');
            i = end;
            continue;
        }
        if is_digit(c) {
            let (end, value, decimals) = digit_run(s, i);
            let next = s[end..].chars().next();
            let glued = prev.is_some_and(is_latin_letter) || next.is_some_and(is_latin_letter);
            let mut stop = end;
            let mut kind = if prev == Some('第') {
                NumberKind::Ordinal
            } else {
                NumberKind::Cardinal
            };
            let mut scale = 1.0;
            let rest = s[end..].trim_start_matches(is_invisible);
            stop += s[end..].len() - rest.len();
            if rest.starts_with('月') && kind == NumberKind::Cardinal {
                kind = NumberKind::Month;
            } else if rest.starts_with('年') && is_date_year(value, &rest['年'.len_utf8()..]) {
                // The year of a date the date finder missed (`2015年３月22日`).
                kind = NumberKind::DatePart;
            } else if rest.starts_with('%') || rest.starts_with('％') {
                kind = NumberKind::Percent;
                stop += rest.chars().next().map_or(0, char::len_utf8);
            } else if rest.starts_with("万亿") {
                scale = 1e12;
                stop += "万亿".len();
            } else if rest.starts_with('亿') {
                scale = 1e8;
                stop += '亿'.len_utf8();
            } else if rest.starts_with('万') {
                scale = 1e4;
                stop += '万'.len_utf8();
            }
            if !glued {
                let hedged = prev.is_some_and(|p| "约近逾超".contains(p)) || s[stop..].starts_with(['多', '余']);
                out.push(NumberMention {
                    span: base + i..base + stop,
                    value: value * scale,
                    tolerance: if hedged { rounding(scale, decimals) } else { 0.0 },
                    kind,
                    soft: kind == NumberKind::DatePart,
                });
            }
            prev = s[..stop].chars().next_back();
            i = stop;
            continue;
        }
        if is_zh_numeral(c) {
            let mut end = i;
            for ch in s[i..].chars() {
                if !is_zh_numeral(ch) {
                    break;
                }
                end += ch.len_utf8();
            }
            let run = &s[i..end];
            let next = s[end..].chars().next();
            let ordinal = prev == Some('第');
            let has_digit = run.chars().any(|c| zh_digit(c).is_some());
            let leads_with_scale = run.starts_with(['万', '亿', '百', '千']);
            let counted = next.is_some_and(|n| ZH_COUNTERS.contains(n));
            let idiom = (run == "十" && next == Some('分')) || run == "千万" || run == "万一";
            let keep = !leads_with_scale
                && !idiom
                && (ordinal || run.chars().count() >= 2 || (counted && (has_digit || run == "十")));
            if keep {
                if let Some(value) = parse_zh_numeral(run) {
                    out.push(NumberMention {
                        span: base + i..base + end,
                        value,
                        tolerance: 0.0,
                        kind: if ordinal {
                            NumberKind::Ordinal
                        } else {
                            NumberKind::Cardinal
                        },
                        soft: true,
                    });
                }
            }
            prev = run.chars().next_back();
            i = end;
            continue;
        }
        prev = Some(c);
        i += c.len_utf8();
    }
    out
}

// ------------------------------------------------------------ English

const EN_CARDINALS: [&str; 12] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
];
const EN_TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const EN_ORDINALS: [&str; 20] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
];
use crate::dates::MONTHS_EN as EN_MONTHS;
const EN_MONTH_ABBR: [(&str, u32); 10] = [
    ("Jan.", 1),
    ("Feb.", 2),
    ("Mar.", 3),
    ("Apr.", 4),
    ("Aug.", 8),
    ("Sep.", 9),
    ("Sept.", 9),
    ("Oct.", 10),
    ("Nov.", 11),
    ("Dec.", 12),
];
/// Words before a number that say it is rounded (`about 1.2 million`,
/// `more than 1.2 million`): only then may it differ within its last digit.
const EN_HEDGES: [&str; 9] = [
    "about",
    "around",
    "nearly",
    "almost",
    "over",
    "than",
    "some",
    "roughly",
    "approximately",
];

/// Words before `May` that make it the month rather than the verb.
const MAY_BEFORE: [&str; 12] = [
    "in", "of", "since", "until", "by", "early", "late", "mid", "end", "from", "last", "next",
];

fn word_scale(word: &str) -> Option<f64> {
    Some(match word {
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}

/// The next word after byte `at` (skipping spaces): (start, end).
fn next_word(s: &str, at: usize) -> Option<(usize, usize)> {
    let start = at + s[at..].len() - s[at..].trim_start_matches(is_blank).len();
    let len = s[start..]
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(s.len() - start);
    (len > 0).then_some((start, start + len))
}

/// A space between words, with the no-break and ideographic spaces a
/// scraper leaves.
fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\u{A0}' | '\u{3000}') || is_invisible(c)
}

fn prev_word(s: &str, at: usize) -> Option<&str> {
    let head = s[..at].trim_end_matches(is_blank);
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_ascii_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    (start < head.len()).then(|| &head[start..])
}

/// Every number of the English text `text[range]`; spans are offsets in `text`.
pub fn en_numbers(text: &str, range: Range<usize>) -> Vec<NumberMention> {
    let s = &text[range.clone()];
    let base = range.start;
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if let Some(end) = url_end(s, i) {
            i = end;
            continue;
        }
        if c.is_ascii_digit() || c == 0xEF && s[i..].starts_with(is_digit) {
            let (end, value, decimals) = digit_run(s, i);
            let before = s[..i].chars().next_back();
            let mut glued = before.is_some_and(|p| p.is_ascii_alphanumeric());
            // `COVID-19`, `G-20`: a code, not a quantity; `magnitude-6.5` is one.
            if before == Some('-') {
                let head = &s[..i - 1];
                glued |= head.chars().next_back().is_some_and(|p| p.is_ascii_uppercase());
            }
            let mut kind = NumberKind::Cardinal;
            let mut stop = end;
            let mut scale = 1.0;
            let suffix_len = s[end..]
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(s.len() - end);
            let suffix = &s[end..end + suffix_len];
            if !suffix.is_empty() {
                match suffix {
                    "st" | "nd" | "rd" | "th" => {
                        kind = NumberKind::Ordinal;
                        stop = end + suffix_len;
                    }
                    "km" | "kg" | "cm" | "mm" | "m" => stop = end + suffix_len,
                    _ => glued = true,
                }
            } else if s[end..].starts_with('%') {
                kind = NumberKind::Percent;
                stop = end + 1;
            } else if let Some((ws, we)) = next_word(s, end) {
                let w = &s[ws..we];
                if w == "percent" {
                    kind = NumberKind::Percent;
                    stop = we;
                } else if w == "per" && next_word(s, we).is_some_and(|(a, z)| &s[a..z] == "cent") {
                    kind = NumberKind::Percent;
                    stop = next_word(s, we).map_or(we, |(_, z)| z);
                } else if let Some(k) = word_scale(w) {
                    scale = k;
                    stop = we;
                }
            }
            if !glued {
                let hedged = prev_word(s, i).is_some_and(|w| EN_HEDGES.contains(&w.to_ascii_lowercase().as_str()));
                out.push(NumberMention {
                    span: base + i..base + stop,
                    value: value * scale,
                    tolerance: if hedged { rounding(scale, decimals) } else { 0.0 },
                    kind,
                    soft: kind == NumberKind::Ordinal,
                });
            }
            i = stop.max(i + 1);
            continue;
        }
        if c.is_ascii_alphabetic() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            let len = s[i..].find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(s.len() - i);
            let word = &s[i..i + len];
            let lower = word.to_ascii_lowercase();
            let mut end = i + len;
            let mut found: Option<(f64, NumberKind)> = None;
            if let Some(k) = EN_CARDINALS.iter().position(|w| *w == lower) {
                found = Some(((k + 1) as f64, NumberKind::Cardinal));
            } else if let Some(k) = EN_TENS.iter().position(|w| *w == lower) {
                found = Some(((k as f64 + 2.0) * 10.0, NumberKind::Cardinal));
            } else if let Some(k) = EN_ORDINALS.iter().position(|w| *w == lower) {
                // `the first 10 months`, `the first half`: not a count.
                let next = next_word(s, end).map(|(a, z)| &s[a..z]);
                let before_number = s[end..]
                    .trim_start_matches(is_blank)
                    .starts_with(|c: char| c.is_ascii_digit())
                    || next.is_some_and(|w| EN_CARDINALS.contains(&w.to_ascii_lowercase().as_str()));
                if !before_number && next != Some("half") {
                    found = Some(((k + 1) as f64, NumberKind::Ordinal));
                }
            } else if let Some(k) = EN_MONTHS.iter().position(|w| *w == word) {
                let may_ok = word != "May"
                    || s[end..]
                        .trim_start_matches(is_blank)
                        .starts_with(|c: char| c.is_ascii_digit())
                    || prev_word(s, i).is_some_and(|w| MAY_BEFORE.contains(&w.to_ascii_lowercase().as_str()));
                if may_ok {
                    found = Some(((k + 1) as f64, NumberKind::Month));
                }
            } else if s[i + len..].starts_with('.') {
                let abbr = &s[i..i + len + 1];
                if let Some((_, m)) = EN_MONTH_ABBR.iter().find(|(a, _)| *a == abbr) {
                    found = Some((f64::from(*m), NumberKind::Month));
                    end += 1;
                }
            }
            if let Some((mut value, kind)) = found {
                if kind == NumberKind::Cardinal {
                    if let Some((ws, we)) = next_word(s, end) {
                        if let Some(k) = word_scale(&s[ws..we]) {
                            value *= k;
                            end = we;
                        }
                    }
                }
                out.push(NumberMention {
                    span: base + i..base + end,
                    value,
                    tolerance: 0.0,
                    kind,
                    soft: true,
                });
            }
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

/// Makes the parts of dates soft: the year of a date with a month (a
/// translation may leave it to the dateline), and the digits of a cut
/// Chinese date (`126日`, reported by the date rules), which are replaced
/// by the month and day they may stand for.
pub fn soften_dates(numbers: &mut Vec<NumberMention>, dates: &[DateMention], text: &str) {
    let mut extra = Vec::new();
    numbers.retain_mut(|n| {
        for d in dates {
            if !(d.span.start <= n.span.start && n.span.end <= d.span.end) {
                continue;
            }
            if let Some(cut) = &d.truncated {
                if d.lang == DateLang::Zh {
                    for split in 1..cut.len() {
                        let (m, day) = cut.split_at(split);
                        let (Ok(m), Ok(day)) = (m.parse::<u32>(), day.parse::<u32>()) else {
                            continue;
                        };
                        if (1..=12).contains(&m) && (1..=31).contains(&day) {
                            for (v, kind) in [(m, NumberKind::Month), (day, NumberKind::DatePart)] {
                                extra.push(NumberMention {
                                    span: n.span.clone(),
                                    value: f64::from(v),
                                    tolerance: 0.0,
                                    kind,
                                    soft: true,
                                });
                            }
                        }
                    }
                    return false;
                }
            }
            if d.month.is_some() && d.year.is_some_and(|y| f64::from(y) == n.value) && text[n.span.clone()].len() == 4 {
                n.kind = NumberKind::DatePart;
                n.soft = true;
            }
        }
        true
    });
    numbers.extend(extra);
    numbers.sort_by_key(|n| n.span.start);
}

// ------------------------------------------------------------ comparing halves

/// A number of one half that the other half does not have.
#[derive(Debug, Clone)]
pub struct NumberGap {
    /// The half the number is in.
    pub lang: Lang,
    pub number: NumberMention,
    /// A number of the other half that is not in this half either: the
    /// two halves disagree (`None`: this number is simply missing there).
    pub other: Option<NumberMention>,
    /// The halves are comparable enough to expect the number on the other
    /// side even when the other side has no number of its own to offer.
    pub expected: bool,
}

/// The byte ratio English/Chinese of a pair's two halves in clean pairs of
/// news text lies within these bounds (measured on generated pairs: 0.24 ..
/// 4.2); outside them one half is not a translation of the whole other half.
pub const RATIO_LOW: f64 = 0.2;
pub const RATIO_HIGH: f64 = 4.5;

/// Characters a Chinese fragment may start with right after a cut number,
/// when punctuation follows them: `人,候补省委委员13人` lost its `76`,
/// `年,全省` lost its `到2021`.
const COUNTER_START: &str = "人年月日号万亿元个名位家项件次届岁倍%％";

/// The English text a Chinese fragment stands for: its own paragraph's
/// next English segment.
fn partner(segments: &[Segment], zh: usize) -> Option<&Segment> {
    segments.get(zh + 1).filter(|s| s.lang == Lang::En)
}

/// The first sentences of `en` whose length reaches `min_len` bytes.
fn en_window(text: &str, en: &Range<usize>, min_len: usize) -> Range<usize> {
    let s = &text[en.clone()];
    for (i, c) in s.char_indices() {
        if matches!(c, '.' | '!' | '?') {
            let after = s[i + 1..].chars().next();
            if after.is_none_or(|a| a == ' ' || a == '"' || a == '\u{201D}') {
                let end = i + 1;
                if end >= min_len {
                    return en.start..en.start + end;
                }
            }
        }
    }
    en.clone()
}

fn pair_off(a: &[NumberMention], b: &[NumberMention]) -> (Vec<bool>, Vec<bool>) {
    let mut ma = vec![false; a.len()];
    let mut mb = vec![false; b.len()];
    for (firm_a, firm_b) in [(true, true), (true, false), (false, true), (false, false)] {
        for (i, x) in a.iter().enumerate() {
            if ma[i] || x.is_firm() != firm_a {
                continue;
            }
            if let Some(j) = (0..b.len()).find(|&j| !mb[j] && b[j].is_firm() == firm_b && b[j].same_value(x)) {
                ma[i] = true;
                mb[j] = true;
            }
        }
    }
    (ma, mb)
}

/// The numbers of a paragraph's Chinese fragments missing from their
/// English, and back. A Chinese fragment is compared with the English
/// segment that follows it; its numbers are looked for in the whole of that
/// English, and the English numbers are expected in the Chinese only within
/// the first sentences of about the fragment's length.
pub fn number_gaps(text: &str, analysis: &Analysis, p: &Paragraph) -> Vec<NumberGap> {
    let dates = analysis.paragraph_dates(p);
    let mut gaps = Vec::new();
    // The page header (`【2019-12-07】 【四川日报】 [2019-12-07]`) is metadata.
    if analysis
        .documents
        .iter()
        .any(|d| d.header.is_some_and(|h| std::ptr::eq(&analysis.paragraphs[h], p)))
    {
        return gaps;
    }
    for (k, zh_seg) in p.segments.iter().enumerate() {
        if zh_seg.lang != Lang::Zh {
            continue;
        }
        let Some(en_seg) = partner(&p.segments, k) else {
            continue;
        };
        // Only numbers written in digits are ever reported: halves without a
        // digit have nothing to report.
        let has_digit = |r: &Range<usize>| {
            let b = &text.as_bytes()[r.clone()];
            b.iter().any(u8::is_ascii_digit) || text[r.clone()].contains(|c: char| ('０'..='９').contains(&c))
        };
        if !has_digit(&zh_seg.span) && !has_digit(&en_seg.span) {
            continue;
        }
        let zh_len = zh_seg.span.len();
        let en_len = en_seg.span.len();
        let mut zh = zh_numbers(text, zh_seg.span.clone());
        let mut en = en_numbers(text, en_seg.span.clone());
        soften_dates(&mut zh, dates, text);
        soften_dates(&mut en, dates, text);
        if !zh.iter().chain(&en).any(NumberMention::is_firm) {
            continue;
        }
        let window = if (en_len as f64) <= zh_len as f64 * RATIO_HIGH {
            en_seg.span.clone()
        } else {
            en_window(text, &en_seg.span, (zh_len as f64 * RATIO_LOW * 4.0) as usize)
        };
        let mut head = text[zh_seg.span.clone()].chars();
        let cut_number = head.next().is_some_and(|c| COUNTER_START.contains(c))
            && head
                .next()
                .is_some_and(|c| matches!(c, ',' | '，' | '、' | '。' | ';' | '；'));
        let en_expected = (window.len() as f64) <= zh_len as f64 * RATIO_HIGH || cut_number;
        let zh_expected = en_len as f64 >= zh_len as f64 * RATIO_LOW;
        let (mz, me) = pair_off(&zh, &en);
        let in_window = |n: &NumberMention| n.span.end <= window.end;
        let open_zh: Vec<&NumberMention> = zh.iter().zip(&mz).filter(|(_, m)| !**m).map(|(n, _)| n).collect();
        let open_en: Vec<&NumberMention> = en
            .iter()
            .zip(&me)
            .filter(|(n, m)| !**m && in_window(n))
            .map(|(n, _)| n)
            .collect();
        let pick = |open: &[&NumberMention]| -> Option<NumberMention> {
            open.iter()
                .find(|n| n.is_firm())
                .or_else(|| open.first())
                .map(|n| (*n).clone())
        };
        for n in open_zh.iter().filter(|n| n.is_firm()) {
            gaps.push(NumberGap {
                lang: Lang::Zh,
                number: (*n).clone(),
                other: pick(&open_en),
                expected: zh_expected,
            });
        }
        for n in open_en.iter().filter(|n| n.is_firm()) {
            gaps.push(NumberGap {
                lang: Lang::En,
                number: (*n).clone(),
                other: pick(&open_zh),
                expected: en_expected,
            });
        }
    }
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zh(s: &str) -> Vec<(String, f64, bool)> {
        zh_numbers(s, 0..s.len())
            .into_iter()
            .map(|n| (s[n.span].to_string(), n.value, n.soft))
            .collect()
    }

    fn en(s: &str) -> Vec<(String, f64, bool)> {
        en_numbers(s, 0..s.len())
            .into_iter()
            .map(|n| (s[n.span].to_string(), n.value, n.soft))
            .collect()
    }

    fn values(v: Vec<(String, f64, bool)>) -> Vec<f64> {
        v.into_iter().map(|x| x.1).collect()
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(parse_zh_numeral("一百二十六"), Some(126.0));
        assert_eq!(parse_zh_numeral("两千"), Some(2000.0));
        assert_eq!(parse_zh_numeral("十九"), Some(19.0));
        assert_eq!(parse_zh_numeral("三亿五千万"), Some(350_000_000.0));
        assert_eq!(parse_zh_numeral("二〇一九"), Some(2019.0));
        assert_eq!(parse_zh_numeral("一千零五"), Some(1005.0));
        assert_eq!(parse_zh_numeral("五万亿"), Some(5e12));
    }

    #[test]
    fn chinese_text() {
        assert_eq!(
            values(zh("该公司2019年营业收入达到35亿元，净利润增长3.5%。")),
            vec![2019.0, 3.5e9, 3.5]
        );
        assert_eq!(values(zh("全省共有120万人参加，1,234.5吨")), vec![1.2e6, 1234.5]);
        assert_eq!(
            zh("党的十九届四中全会，第二部分，两千人"),
            vec![
                ("十九".to_string(), 19.0, true),
                ("四".to_string(), 4.0, true),
                ("二".to_string(), 2.0, true),
                ("两千".to_string(), 2000.0, true)
            ]
        );
        assert_eq!(values(zh("第2季度")), vec![2.0]);
        // Full-width digits and a zero-width space inside a number.
        assert_eq!(values(zh("２０１９年增长3\u{200B}5%")), vec![2019.0, 35.0]);
        assert_eq!(zh("5月份")[0].1, 5.0);
        assert_eq!(zh("10\u{FEFF}月5日")[0].0, "10\u{FEFF}");
        assert_eq!(values(zh("2\u{3000}022年底")), vec![2022.0]);
        // The year of a date is soft even where the date finder misses the date.
        assert_eq!(zh("2015年３月22日")[0], ("2015".to_string(), 2015.0, true));
        // Words that hold a numeral without counting anything.
        assert!(zh("进一步加强，十分重要，千方百计，万一，统一，一些").is_empty());
        // 5G is a name; a URL's digits are not quantities.
        assert!(zh("5G网络").is_empty());
        assert!(zh("详见www.example.com/2019/12/c_123.htm").is_empty());
    }

    #[test]
    fn english_text() {
        assert_eq!(
            values(en(
                "revenue reached 3.5 billion yuan in 2019, with net profit up 3.5 percent"
            )),
            vec![3.5e9, 2019.0, 3.5]
        );
        assert_eq!(
            values(en("1.2 million people, 350,000 visits, 800 million yuan, 4.2%")),
            vec![1.2e6, 350_000.0, 8e8, 4.2]
        );
        assert_eq!(
            en("the second part, the 19th CPC Central Committee, three people"),
            vec![
                ("second".to_string(), 2.0, true),
                ("19th".to_string(), 19.0, true),
                ("three".to_string(), 3.0, true)
            ]
        );
        assert_eq!(
            values(en("As of the end of March, on Dec. 6, in May")),
            vec![3.0, 12.0, 6.0, 5.0]
        );
        // Not numbers: codes, the verb `may`, `first` before a count or `half`.
        assert!(en("COVID-19 and 5G and G20; it may rain; the first half of the year").is_empty());
        assert_eq!(values(en("in the first 10 months")), vec![10.0]);
        assert!(en("[http://www.xinhuanet.com/201912/07/c_1125318.htm] [Www.qzxx.net/2019]").is_empty());
        assert_eq!(values(en("a magnitude-6.5 earthquake")), vec![6.5]);
        assert_eq!(values(en("800\u{A0}million yuan")), vec![8e8]);
        // A character of several bytes right before a number or a month.
        assert_eq!(
            values(en("rose\u{A0}4.2 percent, On \u{2060}April 5, â€œgrow 3")),
            vec![4.2, 4.0, 5.0, 3.0]
        );
    }

    #[test]
    fn scaled_values_compare() {
        let a = &zh_numbers("35亿", 0.."35亿".len())[0];
        let b = &en_numbers("3.5 billion", 0.."3.5 billion".len())[0];
        assert!(a.same_value(b));
        let a = &zh_numbers("1234万", 0.."1234万".len())[0];
        let b = &en_numbers("about 12.3 million", 0.."about 12.3 million".len())[0];
        assert!(a.same_value(b), "rounded to a tenth of a million");
        let b = &en_numbers("12.3 million", 0.."12.3 million".len())[0];
        assert!(!a.same_value(b), "not said to be rounded");
        let b = &en_numbers("12.35 million", 0.."12.35 million".len())[0];
        assert!(!a.same_value(b));
        let a = &zh_numbers("35万", 0.."35万".len())[0];
        let b = &en_numbers("350,000", 0.."350,000".len())[0];
        assert!(a.same_value(b));
    }
}
