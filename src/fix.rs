//! Fixes: edits over byte ranges, their applicability, and applying them
//! without overlap.

use std::ops::Range;

use serde::Serialize;

use crate::source::SourceText;

/// How safe a fix is to apply without a human looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Changes content: dropping a fragment, inserting a guessed date.
    Unsafe,
    /// Keeps the meaning: spacing, punctuation width, NFC, deleting a share widget.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// Replace `range` with `content`. An empty range inserts; empty content deletes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Edit {
    pub byte_start: usize,
    pub byte_end: usize,
    pub content: String,
}

impl Edit {
    pub fn range(&self) -> Range<usize> {
        self.byte_start..self.byte_end
    }
}

/// One or more edits that belong together, applied all or not at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    pub message: String,
    pub edits: Vec<Edit>,
}

impl Fix {
    fn new(applicability: Applicability, message: impl Into<String>, mut edits: Vec<Edit>) -> Fix {
        edits.sort();
        Fix {
            applicability,
            message: message.into(),
            edits,
        }
    }

    pub fn replace(
        applicability: Applicability,
        message: impl Into<String>,
        range: Range<usize>,
        content: impl Into<String>,
    ) -> Fix {
        Fix::new(
            applicability,
            message,
            vec![Edit {
                byte_start: range.start,
                byte_end: range.end,
                content: content.into(),
            }],
        )
    }

    pub fn delete(applicability: Applicability, message: impl Into<String>, range: Range<usize>) -> Fix {
        Fix::replace(applicability, message, range, "")
    }

    pub fn insert(
        applicability: Applicability,
        message: impl Into<String>,
        at: usize,
        content: impl Into<String>,
    ) -> Fix {
        Fix::replace(applicability, message, at..at, content)
    }

    /// Several edits at once (e.g. one per character to convert).
    pub fn edits(
        applicability: Applicability,
        message: impl Into<String>,
        edits: impl IntoIterator<Item = (Range<usize>, String)>,
    ) -> Fix {
        Fix::new(
            applicability,
            message,
            edits
                .into_iter()
                .map(|(r, content)| Edit {
                    byte_start: r.start,
                    byte_end: r.end,
                    content,
                })
                .collect(),
        )
    }

    /// Deletes the whole line that holds `offset`, with its line ending (or,
    /// for a last line without one, the line ending before it).
    pub fn delete_line(
        applicability: Applicability,
        message: impl Into<String>,
        src: &SourceText,
        offset: usize,
    ) -> Fix {
        let line = src.line_index(offset);
        let mut range = src.line_span_with_ending(line);
        if range.end == src.text.len() && !src.text[range.clone()].ends_with('\n') && line > 0 {
            // Last line without a newline: take the newline before it.
            let prev = src.line_span(line - 1).end;
            range.start = prev;
        }
        if line == 0 && src.has_bom() {
            // The BOM belongs to the file, not to its first line.
            range.start = range.start.max('\u{FEFF}'.len_utf8());
        }
        Fix::delete(applicability, message, range)
    }

    pub fn range(&self) -> Range<usize> {
        let start = self.edits.iter().map(|e| e.byte_start).min().unwrap_or(0);
        let end = self.edits.iter().map(|e| e.byte_end).max().unwrap_or(0);
        start..end
    }
}

/// Applies the fixes that do not overlap (touching counts as overlap, except
/// for identical edits shared by two fixes), in order of position. Returns
/// the new text and the indices of the fixes that were applied.
pub fn apply_fixes<'a>(text: &str, fixes: impl IntoIterator<Item = &'a Fix>) -> (String, Vec<usize>) {
    let mut fixes: Vec<(usize, &Fix)> = fixes.into_iter().enumerate().collect();
    fixes.sort_by(|a, b| {
        let (ra, rb) = (a.1.range(), b.1.range());
        ra.start.cmp(&rb.start).then(ra.end.cmp(&rb.end)).then(a.0.cmp(&b.0))
    });
    let mut out = String::with_capacity(text.len());
    let mut last_end: Option<usize> = None;
    let mut applied = Vec::new();
    let mut last_edits: Vec<&Edit> = Vec::new();
    for (i, fix) in fixes {
        if fix.edits.is_empty() {
            continue;
        }
        if last_edits.len() == fix.edits.len() && last_edits.iter().zip(&fix.edits).all(|(a, b)| *a == b) {
            // The same change offered twice (by two rules): apply it once.
            applied.push(i);
            continue;
        }
        let start = fix.range().start;
        if let Some(end) = last_end {
            if start <= end {
                continue;
            }
        }
        // Edits within one fix must not overlap each other either.
        if fix.edits.windows(2).any(|w| w[0].byte_end > w[1].byte_start) {
            continue;
        }
        let mut cursor = last_end.unwrap_or(0);
        for e in &fix.edits {
            out.push_str(&text[cursor..e.byte_start]);
            out.push_str(&e.content);
            cursor = e.byte_end;
        }
        last_end = Some(cursor);
        last_edits = fix.edits.iter().collect();
        applied.push(i);
    }
    out.push_str(&text[last_end.unwrap_or(0)..]);
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Applicability::Safe;

    #[test]
    fn non_overlapping_edits_apply_in_order() {
        let text = "a , b .";
        let fixes = [Fix::delete(Safe, "x", 5..6), Fix::delete(Safe, "x", 1..2)];
        let (out, applied) = apply_fixes(text, &fixes);
        assert_eq!(out, "a, b.");
        assert_eq!(applied.len(), 2);
    }

    #[test]
    fn overlapping_and_touching_fixes_are_skipped() {
        let text = "abcdef";
        let fixes = [
            Fix::replace(Safe, "x", 1..3, "X"),
            Fix::replace(Safe, "y", 2..4, "Y"),
            Fix::replace(Safe, "z", 3..4, "Z"),
        ];
        let (out, applied) = apply_fixes(text, &fixes);
        assert_eq!(out, "aXdef");
        assert_eq!(applied, vec![0]);
    }

    #[test]
    fn deleting_the_first_line_keeps_the_bom() {
        for text in ["\u{feff}share to\nrest\n", "\u{feff}share to"] {
            let src = SourceText::new(text.to_string());
            let (out, _) = apply_fixes(text, [&Fix::delete_line(Safe, "x", &src, 3)]);
            assert!(out.starts_with('\u{feff}'), "{text:?} -> {out:?}");
            assert!(!out.contains("share"), "{text:?} -> {out:?}");
        }
    }

    #[test]
    fn identical_fixes_apply_once() {
        let fixes = [Fix::delete(Safe, "a", 0..1), Fix::delete(Safe, "b", 0..1)];
        let (out, applied) = apply_fixes("xy", &fixes);
        assert_eq!(out, "y");
        assert_eq!(applied, vec![0, 1]);
    }
}
