//! Finding repeated text: a 64-bit hash of text with its whitespace
//! normalised, the repeated paragraphs of a document, and [`SeenHashes`], a
//! memory-bounded corpus-wide table of where each paragraph or record was
//! first seen.
//!
//! Texts are compared after normalising whitespace: leading and trailing
//! whitespace is dropped and every inner run of whitespace (line breaks
//! included) counts as one space. Nothing else is folded: a repeat is the
//! same text, not a similar one.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::document::Analysis;
use crate::script::{is_cjk_punct, is_han, is_space};

const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// The characters of `text` with whitespace normalised: no leading or
/// trailing whitespace, each inner run of whitespace as one `' '`.
pub fn normalized_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut chars = text.trim_matches(is_space).chars().peekable();
    std::iter::from_fn(move || {
        let c = chars.next()?;
        if is_space(c) {
            while chars.next_if(|&c| is_space(c)).is_some() {}
            return Some(' ');
        }
        Some(c)
    })
}

/// A 64-bit hash of the whitespace-normalised text: the same for texts that
/// differ only in whitespace, and (with odds of 2^-64 per pair) different
/// otherwise. Deterministic; not meant to be stored across versions.
pub fn normalized_hash(text: &str) -> u64 {
    normalized_hash_and_len(text).0
}

const MIX_1: u64 = 0x9E37_79B9_7F4A_7C15;
const MIX_2: u64 = 0xBF58_476D_1CE4_E5B9;

/// One step of the hash: fold 8 bytes into the state.
#[inline]
fn mix(h: u64, x: u64) -> u64 {
    let h = (h ^ x).wrapping_mul(MIX_1);
    h ^ (h >> 29)
}

/// The final avalanche (the SplitMix64 finaliser).
fn finish(mut h: u64) -> u64 {
    h = (h ^ (h >> 30)).wrapping_mul(MIX_2);
    h = (h ^ (h >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 31)
}

/// Folds a word (a run of non-space characters) into the state, 8 bytes a
/// step, its length first so that word boundaries count.
fn mix_word(mut h: u64, word: &[u8]) -> u64 {
    h = mix(h, word.len() as u64);
    let mut chunks = word.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        h = mix(h, u64::from_le_bytes(last));
    }
    h
}

/// The hash of the whitespace-normalised text and its length in
/// characters, in one pass.
pub fn normalized_hash_and_len(text: &str) -> (u64, usize) {
    let bytes = text.as_bytes();
    let mut h = 0;
    let mut chars = 0;
    let mut words = 0;
    let mut word_start: Option<usize> = None;
    let mut i = 0;
    let mut end_word = |h: &mut u64, from: usize, to: usize| {
        *h = mix_word(*h, &bytes[from..to]);
        // Count the bytes that start a character.
        chars += bytes[from..to].iter().filter(|&&b| b & 0xC0 != 0x80).count();
        words += 1;
    };
    while i < bytes.len() {
        let b = bytes[i];
        let (len, space) = if b.is_ascii() {
            (1, matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C))
        } else if (0xE4..=0xE9).contains(&b) {
            // The lead byte of most Han characters: never a space.
            (3, false)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.len_utf8(), is_space(c))
        };
        match (space, word_start) {
            (true, Some(s)) => {
                end_word(&mut h, s, i);
                word_start = None;
            }
            (false, None) => word_start = Some(i),
            _ => {}
        }
        i += len;
    }
    if let Some(s) = word_start {
        end_word(&mut h, s, bytes.len());
    }
    // The spaces between words are characters too.
    (finish(h), chars + words.max(1) - 1)
}

/// Whether two texts are the same once whitespace is normalised.
pub fn same_normalized(a: &str, b: &str) -> bool {
    normalized_chars(a).eq(normalized_chars(b))
}

/// The number of characters of the whitespace-normalised text.
pub fn normalized_len(text: &str) -> usize {
    normalized_hash_and_len(text).1
}

/// The width of the whitespace-normalised text in columns: Han characters
/// and full-width punctuation take two, everything else one. A Han
/// character says about as much as two Latin letters, so one length limit
/// serves both languages.
pub fn normalized_width(text: &str) -> usize {
    normalized_chars(text)
        .map(|c| if is_han(c) || is_cjk_punct(c) { 2 } else { 1 })
        .sum()
}

/// A paragraph that repeats an earlier paragraph of the same document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatedParagraph {
    /// Index of the repeat in `Analysis::paragraphs`.
    pub paragraph: usize,
    /// Index of the first occurrence.
    pub first: usize,
}

/// Every paragraph that repeats an earlier one of its document, in order.
/// A repeat has the width of its first occurrence, so callers that want
/// only wide (or only narrow) paragraphs filter the repeats.
pub fn repeated_paragraphs(text: &str, analysis: &Analysis) -> Vec<RepeatedParagraph> {
    let mut out = Vec::new();
    let mut seen: HashMap<u64, usize, IdentityBuild> = HashMap::default();
    for doc in &analysis.documents {
        seen.clear();
        for i in doc.paragraphs.clone() {
            let t = &text[analysis.paragraphs[i].span.clone()];
            match seen.entry(normalized_hash(t)) {
                Entry::Vacant(v) => {
                    v.insert(i);
                }
                Entry::Occupied(o) => {
                    let first = *o.get();
                    // A hash collision is not a repeat.
                    if same_normalized(t, &text[analysis.paragraphs[first].span.clone()]) {
                        out.push(RepeatedParagraph { paragraph: i, first });
                    }
                }
            }
        }
    }
    out
}

/// A hasher for keys that already are hashes: it passes the `u64` through.
#[derive(Default)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is expected; fold anything else in.
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type IdentityBuild = BuildHasherDefault<IdentityHasher>;

/// Where a text was first seen: the index of its file (as the caller
/// numbers them) and its 1-based line.
pub type Place = (u32, u32);

/// Corpus-wide duplicate finder: remembers, for the hash of each
/// paragraph or record it is shown, where it was first seen, and answers
/// whether a text was seen before.
///
/// Memory is bounded: at most `max_entries` entries are kept, each 17 bytes
/// in a hash table that is at most 8/7 times as large as its entries
/// (rounded up to a power of two).
/// When the table is full it stops remembering new texts but still checks
/// against the ones it holds: filling up never makes it report a repeat
/// that is not one, it only misses repeats of texts first seen after the
/// table filled. Equal hashes count as equal texts: with 64-bit hashes
/// a false repeat among a billion texts has a chance of about 3%.
#[derive(Debug)]
pub struct SeenHashes {
    seen: HashMap<u64, Place, IdentityBuild>,
    max_entries: usize,
    min_width: usize,
    full: bool,
}

impl SeenHashes {
    /// Default cap: 7/8 of 2^21, the most a table of 2^21 slots holds
    /// (about 36 MB).
    pub const DEFAULT_MAX_ENTRIES: usize = (1 << 21) / 8 * 7;
    /// Default minimum length, in characters of the normalised text: short
    /// lines (`0`, `share to`, a copyright line) repeat on every page and are
    /// the boilerplate rules' business.
    pub const DEFAULT_MIN_CHARS: usize = 50;

    pub fn new() -> SeenHashes {
        SeenHashes::with_limits(Self::DEFAULT_MAX_ENTRIES, Self::DEFAULT_MIN_CHARS)
    }

    /// A finder that keeps at most `max_entries` texts and ignores texts
    /// narrower than `min_width` columns (after normalising whitespace).
    pub fn with_limits(max_entries: usize, min_width: usize) -> SeenHashes {
        SeenHashes {
            seen: HashMap::with_capacity_and_hasher(max_entries.min(1 << 16), IdentityBuild::default()),
            max_entries,
            min_width,
            full: false,
        }
    }

    /// Where `text` was first seen, when it was seen before; otherwise
    /// remembers it as seen at `(file, line)` (while there is room) and
    /// returns `None`. Texts shorter than the minimum are never remembered
    /// and always get `None`.
    pub fn check(&mut self, text: &str, file: u32, line: u32) -> Option<Place> {
        // No character is wider than its UTF-8 bytes.
        if text.len() < self.min_width {
            return None;
        }
        self.check_hash(normalized_hash(text), normalized_width(text), file, line)
    }

    /// As `check`, for a text already hashed with `normalized_hash` whose
    /// normalised width is `width` (so workers can hash in parallel and one
    /// thread keeps the table).
    pub fn check_hash(&mut self, hash: u64, width: usize, file: u32, line: u32) -> Option<Place> {
        if width < self.min_width {
            return None;
        }
        if let Some(&first) = self.seen.get(&hash) {
            return Some(first);
        }
        if self.seen.len() < self.max_entries {
            self.seen.insert(hash, (file, line));
        } else {
            self.full = true;
        }
        None
    }

    /// How many texts are remembered.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    /// Whether a text went unremembered because the table was full.
    pub fn is_full(&self) -> bool {
        self.full
    }
}

impl Default for SeenHashes {
    fn default() -> Self {
        SeenHashes::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceText;

    #[test]
    fn whitespace_is_normalised_and_nothing_else() {
        assert_eq!(normalized_chars("  a \n\t b  ").collect::<String>(), "a b");
        assert_eq!(normalized_hash("全会 在\n成都"), normalized_hash("全会 在 成都"));
        assert_ne!(normalized_hash("The session"), normalized_hash("the session"));
        assert!(same_normalized("a  b\n", " a b"));
        assert!(!same_normalized("a b", "ab"));
        assert_eq!(normalized_width("全会 ab。"), 9);
        assert_eq!(normalized_len(" 全会\u{3000}\n ab。 "), 6);
        assert_eq!(normalized_len(""), 0);
        assert_eq!(normalized_len("  "), 0);
        assert_ne!(normalized_hash("ab c"), normalized_hash("a bc"));
        assert_ne!(normalized_hash(""), normalized_hash(" a"));
        assert_eq!(normalized_hash("  "), normalized_hash(""));
        // Long words go 8 bytes a step; the tail and the length still count.
        assert_ne!(normalized_hash("abcdefgh"), normalized_hash("abcdefgh\0"));
        assert_eq!(
            normalized_hash("国家统计局发布的数据显示 ok"),
            normalized_hash("国家统计局发布的数据显示\u{3000}ok")
        );
    }

    #[test]
    fn repeated_paragraphs_stay_within_a_document() {
        let p = "The plenary session pointed out the need to further advance the reform of the rural system.";
        let text = format!("{p}\n\nOther text.\n\n{p}\n\n=====\n\n{p}\n");
        let src = SourceText::new(text.clone());
        let a = Analysis::new(&src);
        assert_eq!(
            repeated_paragraphs(&text, &a),
            vec![RepeatedParagraph { paragraph: 2, first: 0 }]
        );
    }

    #[test]
    fn seen_hashes_reports_the_first_occurrence() {
        let mut seen = SeenHashes::with_limits(10, 10);
        let text = "北京今年计划投资5亿元，用于乡村公路建设。";
        assert_eq!(seen.check(text, 0, 3), None);
        assert_eq!(seen.check(text, 0, 4), Some((0, 3)));
        assert_eq!(seen.check(&format!(" {text}\n"), 2, 9), Some((0, 3)));
        assert_eq!(seen.check("上海今年计划投资5亿元，用于乡村公路建设。", 2, 10), None);
        assert_eq!(seen.len(), 2);
    }

    #[test]
    fn seen_hashes_skips_short_texts() {
        let mut seen = SeenHashes::with_limits(10, 10);
        for line in 1..5 {
            assert_eq!(seen.check("share to", 0, line), None);
            assert_eq!(seen.check("0", 0, line), None);
        }
        assert!(seen.is_empty());
        // Exactly the minimum is long enough; a Han character counts two.
        assert_eq!(seen.check("中国五个字", 0, 1), None);
        assert_eq!(seen.check("中国五个字", 0, 2), Some((0, 1)));
        assert_eq!(seen.check("0123456789", 0, 1), None);
        assert_eq!(seen.check("0123456789", 0, 2), Some((0, 1)));
    }

    #[test]
    fn seen_hashes_memory_cap_stops_inserting_but_keeps_checking() {
        let mut seen = SeenHashes::with_limits(3, 1);
        for i in 0..3u32 {
            assert_eq!(seen.check(&format!("paragraph {i}"), 0, i + 1), None);
        }
        assert!(!seen.is_full());
        // Full: a new text is not remembered...
        assert_eq!(seen.check("paragraph 3", 1, 1), None);
        assert_eq!(seen.check("paragraph 3", 1, 2), None);
        assert!(seen.is_full());
        assert_eq!(seen.len(), 3);
        // ...but the remembered ones are still found.
        assert_eq!(seen.check("paragraph 1", 1, 3), Some((0, 2)));
        for i in 0..1000 {
            seen.check(&format!("more text {i}"), 2, i);
        }
        assert_eq!(seen.len(), 3);
    }

    #[test]
    fn identity_hasher_passes_hashes_through() {
        let mut h = IdentityHasher::default();
        h.write_u64(42);
        assert_eq!(h.finish(), 42);
    }
}
