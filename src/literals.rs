//! Required literals of a regex: a set of strings one of which stands in
//! every match. Pack rules with such a set are found by one Aho-Corasick
//! scan of the whole text instead of running each rule on every line, so
//! hundreds of rules cost about what a few do.

use regex_syntax::hir::{Class, Hir, HirKind};

/// Largest literal set kept for one rule; past it the rule runs unfiltered.
const MAX_SET: usize = 64;
/// A class of at most this many characters is expanded into literals.
const MAX_CLASS: u32 = 8;
/// Literals shorter than this (in bytes) match too often to filter anything.
const MIN_USEFUL_LEN: usize = 2;

/// The required literals of `pattern`, lower-cased for an ASCII
/// case-insensitive search; `None` when it has no useful set.
pub fn required_literals(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::ParserBuilder::new().build().parse(pattern).ok()?;
    let set = required(&hir)?;
    let min = set.iter().map(Vec::len).min()?;
    (min >= MIN_USEFUL_LEN).then_some(set)
}

fn lower(mut v: Vec<u8>) -> Vec<u8> {
    v.make_ascii_lowercase();
    v
}

fn normalise(mut set: Vec<Vec<u8>>) -> Option<Vec<Vec<u8>>> {
    set.sort();
    set.dedup();
    (set.len() <= MAX_SET && !set.is_empty()).then_some(set)
}

/// The characters of a small class as literals.
fn class_literals(c: &Class) -> Option<Vec<Vec<u8>>> {
    match c {
        Class::Unicode(u) => {
            let n: u32 = u.ranges().iter().map(|r| r.end() as u32 - r.start() as u32 + 1).sum();
            if n > MAX_CLASS {
                return None;
            }
            let chars = u.ranges().iter().flat_map(|r| r.start()..=r.end());
            normalise(chars.map(|c| lower(c.to_string().into_bytes())).collect())
        }
        Class::Bytes(b) => {
            let n: u32 = b.ranges().iter().map(|r| r.end() as u32 - r.start() as u32 + 1).sum();
            if n > MAX_CLASS {
                return None;
            }
            normalise(
                b.ranges()
                    .iter()
                    .flat_map(|r| r.start()..=r.end())
                    .map(|b| lower(vec![b]))
                    .collect(),
            )
        }
    }
}

/// An expression that matches exactly one of a few strings.
fn exact(h: &Hir) -> Option<Vec<Vec<u8>>> {
    match h.kind() {
        HirKind::Literal(l) => Some(vec![lower(l.0.to_vec())]),
        HirKind::Class(c) => class_literals(c),
        HirKind::Capture(c) => exact(&c.sub),
        _ => None,
    }
}

/// How good a literal set is as a filter: longer shortest literal first,
/// then fewer literals.
fn score(set: &[Vec<u8>]) -> (usize, std::cmp::Reverse<usize>) {
    (
        set.iter().map(Vec::len).min().unwrap_or(0),
        std::cmp::Reverse(set.len()),
    )
}

fn required(h: &Hir) -> Option<Vec<Vec<u8>>> {
    match h.kind() {
        HirKind::Literal(_) | HirKind::Class(_) => exact(h),
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
        HirKind::Alternation(alts) => {
            let mut all = Vec::new();
            for a in alts {
                all.extend(required(a)?);
            }
            normalise(all)
        }
        HirKind::Concat(items) => {
            // Runs of exact items multiply into longer literals; any item's
            // own required set is a candidate too. Keep the best.
            let mut best: Option<Vec<Vec<u8>>> = None;
            let mut run: Option<Vec<Vec<u8>>> = None;
            let consider = |cand: Option<Vec<Vec<u8>>>, best: &mut Option<Vec<Vec<u8>>>| {
                if let Some(c) = cand {
                    if best.as_ref().is_none_or(|b| score(&c) > score(b)) {
                        *best = Some(c);
                    }
                }
            };
            for item in items {
                match exact(item) {
                    Some(set) => {
                        run = match run.take() {
                            None => Some(set),
                            Some(prev) => {
                                let product: Vec<Vec<u8>> = prev
                                    .iter()
                                    .flat_map(|a| set.iter().map(move |b| [a.as_slice(), b.as_slice()].concat()))
                                    .collect();
                                match normalise(product) {
                                    Some(p) => Some(p),
                                    None => {
                                        consider(Some(prev), &mut best);
                                        Some(set)
                                    }
                                }
                            }
                        };
                    }
                    None => {
                        consider(run.take(), &mut best);
                        consider(required(item), &mut best);
                    }
                }
            }
            consider(run, &mut best);
            best
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(p: &str) -> Option<Vec<String>> {
        required_literals(p).map(|v| v.into_iter().map(|b| String::from_utf8(b).unwrap()).collect())
    }

    #[test]
    fn finds_the_strings_every_match_holds() {
        assert_eq!(lits("^本站声明：.*$"), Some(vec!["本站声明：".to_string()]));
        assert_eq!(
            lits(r"^\s*(?:share to|分享到)\s*$"),
            Some(vec!["share to".into(), "分享到".into()])
        );
        // Unicode case folding: the long s matches `s` too.
        assert_eq!(
            lits(r"(?i:select another)"),
            Some(vec!["select another".into(), "ſelect another".into()])
        );
        assert_eq!(
            lits(r"\s?\[(?i:https?://|www\.)[^\]]+\]"),
            Some(vec!["http".into(), "www.".into()])
        );
    }

    #[test]
    fn no_set_when_a_match_can_avoid_every_literal() {
        assert_eq!(lits(r"^\s*$"), None);
        assert_eq!(lits(r"a|\w+"), None);
        assert_eq!(lits(r"(?:abc)?def*"), Some(vec!["de".into()]));
        assert_eq!(lits(r"^[0-9]{1,3}$"), None);
    }
}
