//! Dates as written in Chinese and English news text, found once per text.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

/// Which writing a date mention is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateLang {
    /// `2019年12月6日`, `12月6日`, `6日`
    Zh,
    /// `December 6, 2019`, `Dec. 6`, `6 December 2019`
    En,
    /// `2019-12-07`, `2019/12/07`
    Iso,
}

/// One date found in the text. Parts that were not written are `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub span: Range<usize>,
    pub lang: DateLang,
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// A Chinese day number with no month before it that cannot be a day
    /// (`126日`): the digits as written.
    pub truncated: Option<String>,
    /// A weekday written right next to the date: 0 = Monday … 6 = Sunday.
    pub weekday: Option<(u32, Range<usize>)>,
}

impl DateMention {
    /// Month and day are both known.
    pub fn has_month_day(&self) -> bool {
        self.month.is_some() && self.day.is_some()
    }

    /// The two mentions can name the same day: month and day agree, and the
    /// years agree where both are written.
    pub fn compatible(&self, other: &DateMention) -> bool {
        self.month == other.month
            && self.day == other.day
            && match (self.year, other.year) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    }

    /// Month and day exist in the calendar (Feb 29 needs a leap year when
    /// the year is written).
    pub fn is_possible(&self) -> bool {
        match (self.month, self.day) {
            (Some(m), Some(d)) => (1..=12).contains(&m) && d >= 1 && d <= days_in_month(self.year.unwrap_or(2000), m),
            (Some(m), None) => (1..=12).contains(&m),
            _ => true,
        }
    }

    pub fn ymd(&self) -> Option<Ymd> {
        Ymd::new(self.year?, self.month?, self.day?)
    }
}

/// A valid calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Ymd {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Ymd> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(Ymd { year, month, day })
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    pub fn days(&self) -> i64 {
        let (y, m, d) = (self.year as i64, self.month as i64, self.day as i64);
        let y = if m <= 2 { y - 1 } else { y };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(&self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        ((self.days() + 3).rem_euclid(7)) as u32
    }

    pub fn zh(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

impl std::fmt::Display for Ymd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

pub const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
pub const WEEKDAYS_ZH: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_from_en(name: &str) -> Option<u32> {
    let key = name.trim_end_matches('.');
    let m = match &key[..3.min(key.len())] {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    Some(m)
}

fn weekday_from_en(name: &str) -> Option<u32> {
    WEEKDAYS_EN.iter().position(|w| *w == name).map(|i| i as u32)
}

fn weekday_from_zh(c: &str) -> Option<u32> {
    match c {
        "天" => Some(6),
        _ => WEEKDAYS_ZH.iter().position(|w| *w == c).map(|i| i as u32),
    }
}

const MONTH_EN: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Sept|Oct\.|Nov\.|Dec\.)";
const WEEKDAY_EN: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";

struct Patterns {
    zh: Regex,
    en: Regex,
    iso: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        // Alternatives, longest first: y-m-d, y-m, m-d, m, and a bare day.
        zh: Regex::new(
            r"(?x)
            (?P<y>[0-9]{4})\s?年\s?(?:(?P<ym>[0-9]{1,2})\s?月\s?(?:(?P<yd>[0-9]{1,2})\s?[日号])?)?
            (?:[（(]?星期(?P<w1>[一二三四五六日天])[）)]?)?
            | (?P<m>[0-9]{1,2})\s?月\s?(?:(?P<md>[0-9]{1,2})\s?[日号])?
            (?:[（(]?星期(?P<w2>[一二三四五六日天])[）)]?)?
            | (?P<d>[0-9]{1,4})日",
        )
        .expect("zh date pattern"),
        en: Regex::new(&format!(
            r"(?x)
            (?:(?P<wa>{WEEKDAY_EN}),?[\x20\t]+)?
            (?:
              (?-u:\b)(?P<mon>{MONTH_EN})[\x20\t]+(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:[\x20\t]*,[\x20\t]*(?P<year>[0-9]{{4}})(?-u:\b))?
            | (?-u:\b)(?P<day2>[0-9]{{1,2}})[\x20\t]+(?P<mon2>{MONTH_EN})(?:,?[\x20\t]+(?P<year2>[0-9]{{4}})(?-u:\b))?
            | (?-u:\b)(?P<mon3>{MONTH_EN})[\x20\t]+(?P<year3>[0-9]{{4}})(?-u:\b)
            )
            (?:[\x20\t]*\((?P<wb>{WEEKDAY_EN})\))?"
        ))
        .expect("en date pattern"),
        iso: Regex::new(r"(?-u:\b)([0-9]{4})([-/.])([0-9]{1,2})([-/.])([0-9]{1,2})(?-u:\b)")
            .expect("iso date pattern"),
    })
}

fn num<T: std::str::FromStr>(m: Option<regex::Match<'_>>) -> Option<T> {
    m.and_then(|m| m.as_str().parse().ok())
}

/// Every date mention in `text`, in order of position.
pub fn find_dates(text: &str) -> Vec<DateMention> {
    let p = patterns();
    let mut out = Vec::new();
    if text.contains('日') || text.contains('月') || text.contains('年') {
        for c in p.zh.captures_iter(text) {
            let whole = c.get(0).unwrap();
            let weekday = c
                .name("w1")
                .or_else(|| c.name("w2"))
                .and_then(|w| weekday_from_zh(w.as_str()).map(|d| (d, w.range())));
            let mention = if let Some(y) = c.name("y") {
                let month: Option<u32> = num(c.name("ym"));
                if month.is_none() {
                    continue; // a year alone is not a date
                }
                DateMention {
                    span: whole.range(),
                    lang: DateLang::Zh,
                    year: y.as_str().parse().ok(),
                    month,
                    day: num(c.name("yd")),
                    truncated: None,
                    weekday,
                }
            } else if c.name("m").is_some() {
                DateMention {
                    span: whole.range(),
                    lang: DateLang::Zh,
                    year: None,
                    month: num(c.name("m")),
                    day: num(c.name("md")),
                    truncated: None,
                    weekday,
                }
            } else {
                let d = c.name("d").unwrap();
                // `前10日`, `每日` style counts are not dates; a bare number
                // glued to 日 is a day of the month, or a cut date.
                let digits = d.as_str();
                let value: u32 = digits.parse().unwrap_or(0);
                let truncated = (value > 31 || digits.len() >= 3).then(|| digits.to_string());
                DateMention {
                    span: whole.range(),
                    lang: DateLang::Zh,
                    year: None,
                    month: None,
                    day: (truncated.is_none()).then_some(value),
                    truncated,
                    weekday: None,
                }
            };
            out.push(mention);
        }
    }
    if memchr::memchr3(b'J', b'D', b'M', text.as_bytes()).is_some()
        || text.contains("Feb")
        || text.contains("Apr")
        || text.contains("Aug")
        || text.contains("Sep")
        || text.contains("Oct")
        || text.contains("Nov")
    {
        for c in p.en.captures_iter(text) {
            let whole = c.get(0).unwrap();
            let weekday = c
                .name("wa")
                .or_else(|| c.name("wb"))
                .and_then(|w| weekday_from_en(w.as_str()).map(|d| (d, w.range())));
            let (mon, day, year) = if let Some(m) = c.name("mon") {
                (m, c.name("day"), c.name("year"))
            } else if let Some(m) = c.name("mon2") {
                (m, c.name("day2"), c.name("year2"))
            } else {
                (c.name("mon3").unwrap(), None, c.name("year3"))
            };
            // "May" alone is too often a verb at a sentence start; it needs a day.
            out.push(DateMention {
                span: whole.range(),
                lang: DateLang::En,
                year: num(year),
                month: month_from_en(mon.as_str()),
                day: num(day),
                truncated: None,
                weekday,
            });
        }
    }
    for c in p.iso.captures_iter(text) {
        if c[2] != c[4] {
            continue;
        }
        out.push(DateMention {
            span: c.get(0).unwrap().range(),
            lang: DateLang::Iso,
            year: num(c.get(1)),
            month: num(c.get(3)),
            day: num(c.get(5)),
            truncated: None,
            weekday: None,
        });
    }
    out.sort_by_key(|d| d.span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> DateMention {
        let v = find_dates(text);
        assert_eq!(v.len(), 1, "{text}: {v:?}");
        v.into_iter().next().unwrap()
    }

    #[test]
    fn chinese_dates() {
        let d = one("2019年12月6日，会议召开");
        assert_eq!((d.year, d.month, d.day), (Some(2019), Some(12), Some(6)));
        let d = one("新华网成都12月6日电");
        assert_eq!((d.year, d.month, d.day), (None, Some(12), Some(6)));
        let d = one("126日中国共产党");
        assert_eq!(d.truncated.as_deref(), Some("126"));
        let d = one("2019年12月6日（星期五）");
        assert_eq!(d.weekday.map(|w| w.0), Some(4));
        assert!(find_dates("2019年是关键一年").is_empty());
    }

    #[test]
    fn english_dates() {
        let d = one("held on December 6 , 2019 .");
        assert_eq!((d.year, d.month, d.day), (Some(2019), Some(12), Some(6)));
        let d = one("CHENGDU, Dec. 6 (Xinhua)");
        assert_eq!((d.year, d.month, d.day), (None, Some(12), Some(6)));
        let d = one("on 6 December 2019, the");
        assert_eq!((d.year, d.month, d.day), (Some(2019), Some(12), Some(6)));
        let d = one("Friday, December 6, 2019");
        assert_eq!(d.weekday.map(|w| w.0), Some(4));
        assert!(find_dates("They may march on.").is_empty());
    }

    #[test]
    fn iso_dates_and_calendar() {
        let d = one("【2019-12-07】");
        assert_eq!(d.ymd(), Ymd::new(2019, 12, 7));
        assert_eq!(Ymd::new(2019, 12, 6).unwrap().weekday(), 4);
        assert_eq!(Ymd::new(1970, 1, 1).unwrap().days(), 0);
        assert!(Ymd::new(2019, 2, 29).is_none());
        assert!(Ymd::new(2020, 2, 29).is_some());
    }
}
