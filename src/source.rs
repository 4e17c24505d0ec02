//! A file read into memory: its text, where its lines start, and what was
//! wrong with its bytes.

use std::ops::Range;

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
        }
    }

    /// Decodes bytes as UTF-8; each invalid sequence becomes U+FFFD and is
    /// recorded, so the file is still checked.
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        SourceText::from_bytes_at(bytes, 0)
    }

    /// As `from_bytes`, for a piece of a file that starts at offset `base`.
    pub fn from_bytes_at(bytes: Vec<u8>, base: usize) -> Self {
        let mut src = SourceText::decode(bytes);
        src.base = base;
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
        let mut mapped = self.base + offset;
        for run in &self.invalid_utf8 {
            if run.span.end <= offset {
                mapped = run.file_offset + run.bytes.len() + (offset - run.span.end);
                // (run.file_offset already counts `base`)
            } else if run.span.start < offset {
                // Inside a run of replacement characters: its end in the file.
                mapped = run.file_offset + run.bytes.len();
            } else {
                break;
            }
        }
        mapped
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
        let col = self.text[start..offset].chars().count() + 1;
        (line + 1, col)
    }
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
