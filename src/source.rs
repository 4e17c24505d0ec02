//! A file read into memory: its text, where its lines start, and what was
//! wrong with its bytes.

use std::ops::Range;
use std::sync::OnceLock;

/// Bytes between the marks of the char-count index.
const CHAR_MARK: usize = 4096;

/// One input text with a line index, so a byte offset turns into a line and
/// a column without rescanning the text.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The text as read; a leading BOM is kept so offsets are file offsets.
    pub text: String,
    /// Byte offset of the start of each line (always starts with 0).
    line_starts: Vec<usize>,
    /// Spans (in `text`) where bytes that are not UTF-8 were replaced by U+FFFD.
    pub invalid_utf8: Vec<InvalidBytes>,
    /// Offset in the file of the text's first byte (a file read in pieces).
    pub base: usize,
    /// Lines of the file before the text's first line.
    pub base_line: usize,
    /// Characters before every `CHAR_MARK`th byte, built on first use, so
    /// a column on a long line is found without counting from its start.
    char_marks: OnceLock<Vec<usize>>,
    /// Where a NUL byte was found near the start: the input is binary.
    pub binary: Option<usize>,
}

/// A run of bytes that were not UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidBytes {
    /// Where the replacement character stands in the decoded text.
    pub span: Range<usize>,
    /// Offset of the bad bytes in the file.
    pub file_offset: usize,
    /// The bad bytes themselves (at most a few).
    pub bytes: Vec<u8>,
}

impl SourceText {
    pub fn new(text: String) -> Self {
        let line_starts = line_starts(&text);
        SourceText {
            text,
            line_starts,
            invalid_utf8: Vec::new(),
            base: 0,
            base_line: 0,
            char_marks: OnceLock::new(),
            binary: None,
        }
    }

    /// Decodes bytes as UTF-8; each invalid sequence becomes U+FFFD and is
    /// recorded, so the file is still checked.
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        SourceText::from_bytes_at(bytes, 0)
    }

    /// As `from_bytes`, for a piece of a file that starts at offset `base`.
    pub fn from_bytes_at(bytes: Vec<u8>, base: usize) -> Self {
        let binary = find_nul(&bytes).map(|i| base + i);
        let mut src = SourceText::decode(bytes);
        src.base = base;
        src.binary = binary;
        for run in &mut src.invalid_utf8 {
            run.file_offset += base;
        }
        src
    }

    fn decode(bytes: Vec<u8>) -> Self {
        match String::from_utf8(bytes) {
            Ok(text) => SourceText::new(text),
            Err(err) => {
                let bytes = err.into_bytes();
                let mut text = String::with_capacity(bytes.len() + 16);
                let mut invalid: Vec<InvalidBytes> = Vec::new();
                for chunk in bytes.utf8_chunks() {
                    text.push_str(chunk.valid());
                    let bad = chunk.invalid();
                    if !bad.is_empty() {
                        let start = text.len();
                        let file_offset =
                            chunk.valid().as_ptr() as usize - bytes.as_ptr() as usize + chunk.valid().len();
                        text.push('\u{FFFD}');
                        match invalid.last_mut() {
                            // Adjacent bad sequences make one run.
                            Some(prev) if prev.span.end == start => {
                                prev.span.end = text.len();
                                prev.bytes.extend_from_slice(bad);
                            }
                            _ => invalid.push(InvalidBytes {
                                span: start..text.len(),
                                file_offset,
                                bytes: bad.to_vec(),
                            }),
                        }
                    }
                }
                let mut src = SourceText::new(text);
                src.invalid_utf8 = invalid;
                src
            }
        }
    }

    /// The offset in the file of an offset in the text: where bytes that
    /// were not UTF-8 became U+FFFD, the file holds other bytes than the text.
    pub fn file_offset(&self, offset: usize) -> usize {
        let runs = &self.invalid_utf8;
        // Runs are in order: find the last one that ends at or before `offset`.
        let i = runs.partition_point(|r| r.span.end <= offset);
        match (i.checked_sub(1).map(|j| &runs[j]), runs.get(i)) {
            // Inside a run of replacement characters: its end in the file.
            (_, Some(run)) if run.span.start < offset => run.file_offset + run.bytes.len(),
            // (run.file_offset already counts `base`)
            (Some(run), _) => run.file_offset + run.bytes.len() + (offset - run.span.end),
            (None, _) => self.base + offset,
        }
    }

    pub fn has_bom(&self) -> bool {
        self.text.starts_with('\u{FEFF}')
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based line index of a byte offset.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// The byte range of line `i` (0-based), without its line ending.
    pub fn line_span(&self, i: usize) -> Range<usize> {
        let start = self.line_starts[i];
        let mut end = self.line_starts.get(i + 1).copied().unwrap_or(self.text.len());
        let bytes = self.text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
            if end > start && bytes[end - 1] == b'\r' {
                end -= 1;
            }
        }
        start..end
    }

    /// The byte range of line `i` including its line ending.
    pub fn line_span_with_ending(&self, i: usize) -> Range<usize> {
        let start = self.line_starts[i];
        let end = self.line_starts.get(i + 1).copied().unwrap_or(self.text.len());
        start..end
    }

    /// The 1-based line of a byte offset in the file (for messages that name
    /// another line).
    pub fn file_line(&self, offset: usize) -> usize {
        self.base_line + self.line_index(offset) + 1
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        (line + 1, self.char_count(start..offset) + 1)
    }

    /// The number of characters in a range of the text, in time that does
    /// not grow with the offsets (a report of many findings on one long
    /// line would otherwise count from the line start for each).
    pub fn char_count(&self, range: Range<usize>) -> usize {
        if range.end - range.start <= 2 * CHAR_MARK {
            return count_chars(&self.text.as_bytes()[range]);
        }
        self.chars_before(range.end) - self.chars_before(range.start)
    }

    fn chars_before(&self, offset: usize) -> usize {
        let bytes = self.text.as_bytes();
        let marks = self.char_marks.get_or_init(|| {
            let mut marks = Vec::with_capacity(bytes.len() / CHAR_MARK + 1);
            let mut n = 0;
            marks.push(0);
            for block in bytes.chunks_exact(CHAR_MARK) {
                n += count_chars(block);
                marks.push(n);
            }
            marks
        });
        let i = offset / CHAR_MARK;
        marks[i] + count_chars(&bytes[i * CHAR_MARK..offset])
    }
}

/// Characters in UTF-8 bytes: the bytes that do not continue a character.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// How far into a file a NUL byte makes it binary.
pub const BINARY_SNIFF: usize = 8 << 10;

/// The offset of a NUL byte in the first `BINARY_SNIFF` bytes: text files
/// hold none, binary files (images, archives, UTF-16) nearly always do.
pub fn find_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF)])
}

fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::with_capacity(text.len() / 64 + 1);
    starts.push(0);
    starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
    // A final newline does not open a new line.
    if starts.len() > 1 && *starts.last().unwrap() == text.len() {
        starts.pop();
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        let src = SourceText::new("ab\r\n中文x\nlast".to_string());
        assert_eq!(src.line_count(), 3);
        assert_eq!(src.line_span(0), 0..2);
        assert_eq!(&src.text[src.line_span(1)], "中文x");
        assert_eq!(src.line_col(4 + 6), (2, 3));
        assert_eq!(&src.text[src.line_span(2)], "last");
    }

    #[test]
    fn char_counts_agree_with_counting_from_the_start() {
        let text = "中a\u{e9}x".repeat(5000) + "\nend";
        let src = SourceText::new(text.clone());
        for (a, b) in [(0, 3), (0, text.len()), (7, 20_001), (3, 9_000), (12_000, 12_000)] {
            let (a, b) = (floor(&text, a), floor(&text, b));
            assert_eq!(src.char_count(a..b), text[a..b].chars().count(), "{a}..{b}");
        }
        let last = text.len() - 1;
        assert_eq!(src.line_col(last), (2, 3));
        assert_eq!(
            src.line_col(floor(&text, 10_000)).1,
            text[..floor(&text, 10_000)].chars().count() + 1
        );
    }

    fn floor(text: &str, mut at: usize) -> usize {
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    #[test]
    fn nul_bytes_near_the_start_mark_a_binary_file() {
        assert_eq!(SourceText::from_bytes(b"PK\x03\x04\x00\x00".to_vec()).binary, Some(4));
        assert_eq!(SourceText::from_bytes_at(b"ab\x00".to_vec(), 100).binary, Some(102));
        assert_eq!(SourceText::from_bytes(b"plain text".to_vec()).binary, None);
        let mut late = vec![b'a'; BINARY_SNIFF];
        late.push(0);
        assert_eq!(SourceText::from_bytes(late).binary, None);
    }

    #[test]
    fn offsets_past_invalid_bytes_map_to_the_file() {
        // Two bad bytes became two U+FFFD, six bytes in the text.
        let src = SourceText::from_bytes(b"ab\xff\xfecd".to_vec());
        assert_eq!(src.text, "ab\u{FFFD}\u{FFFD}cd");
        assert_eq!(src.file_offset(2), 2);
        assert_eq!(src.file_offset(8), 4);
        assert_eq!(src.file_offset(9), 5);
        assert_eq!(SourceText::new("abc".into()).file_offset(2), 2);
    }

    #[test]
    fn invalid_bytes_are_replaced_and_recorded() {
        let src = SourceText::from_bytes(b"ok \xff\xfe end".to_vec());
        assert_eq!(src.invalid_utf8.len(), 1);
        assert_eq!(src.invalid_utf8[0].file_offset, 3);
        assert!(src.text.contains('\u{FFFD}'));
    }
}
