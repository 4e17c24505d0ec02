//! Reading a large file in pieces that end at a natural boundary — a page
//! separator, a blank line, a line end — so pieces can be checked in
//! parallel with little memory, and the findings come out in file order.

use std::io::{self, Read};

/// Pieces are about this large.
pub const CHUNK_TARGET: usize = 2 << 20;
/// Bytes read at a time.
const READ_SIZE: usize = 1 << 20;

/// A piece of a file.
#[derive(Debug)]
pub struct Chunk {
    /// Offset of the piece in the file.
    pub byte: usize,
    /// Lines before the piece.
    pub line: usize,
    pub bytes: Vec<u8>,
    /// The last line of the piece before it (records: the page it was on).
    pub prev_line: Option<Vec<u8>>,
}

/// Cuts a reader into chunks. `records`: every line is a unit, so any line
/// end will do; otherwise a page separator or a blank line is preferred.
pub struct Chunker<R> {
    reader: R,
    buf: Vec<u8>,
    byte: usize,
    line: usize,
    eof: bool,
    records: bool,
    target: usize,
    prev_line: Option<Vec<u8>>,
}

impl<R: Read> Chunker<R> {
    pub fn new(reader: R, records: bool) -> Self {
        Chunker::with_target(reader, records, CHUNK_TARGET)
    }

    pub fn with_target(reader: R, records: bool, target: usize) -> Self {
        Chunker {
            reader,
            buf: Vec::new(),
            byte: 0,
            line: 0,
            eof: false,
            records,
            target,
            prev_line: None,
        }
    }

    /// Reads until the buffer holds `want` bytes or the reader ends.
    fn fill(&mut self, want: usize) -> io::Result<()> {
        while !self.eof && self.buf.len() < want {
            let start = self.buf.len();
            self.buf.resize(start + READ_SIZE.min(want - start), 0);
            let n = loop {
                match self.reader.read(&mut self.buf[start..]) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        self.buf.truncate(start);
                        return Err(e);
                    }
                }
            };
            self.buf.truncate(start + n);
            self.eof = n == 0;
        }
        Ok(())
    }

    /// Where to cut the buffer: after the last page separator, blank line or
    /// line end in its second half, else after the last line end. A piece
    /// never ends inside a line: a rule would see a line cut in two.
    fn cut(&self) -> Option<usize> {
        let buf = &self.buf;
        let from = buf.len() / 2;
        let tail = &buf[from..];
        if !self.records {
            if let Some(i) = memchr::memmem::rfind(tail, b"\n=====\n") {
                return Some(from + i + 7);
            }
            if let Some(i) = memchr::memmem::rfind(tail, b"\n\n") {
                return Some(from + i + 2);
            }
        }
        memchr::memrchr(b'\n', buf).map(|i| i + 1)
    }
}

impl<R: Read> Iterator for Chunker<R> {
    type Item = io::Result<Chunk>;

    fn next(&mut self) -> Option<io::Result<Chunk>> {
        if let Err(e) = self.fill(self.target) {
            return Some(Err(e));
        }
        if self.buf.is_empty() {
            return None;
        }
        let mut at = if self.eof { Some(self.buf.len()) } else { self.cut() };
        while at.is_none() {
            // A line longer than a piece: read on to its end. Only the new
            // bytes can hold the line end.
            let seen = self.buf.len();
            if let Err(e) = self.fill(seen + READ_SIZE) {
                return Some(Err(e));
            }
            at = match memchr::memrchr(b'\n', &self.buf[seen..]) {
                Some(i) => Some(seen + i + 1),
                None if self.eof => Some(self.buf.len()),
                None => None,
            };
        }
        let at = at.unwrap_or(self.buf.len());
        let rest = self.buf.split_off(at);
        let bytes = std::mem::replace(&mut self.buf, rest);
        let lines = memchr::memchr_iter(b'\n', &bytes).count();
        let chunk = Chunk {
            byte: self.byte,
            line: self.line,
            prev_line: self.prev_line.take(),
            bytes,
        };
        self.byte += chunk.bytes.len();
        self.line += lines;
        if self.records {
            let body = chunk.bytes.strip_suffix(b"\n").unwrap_or(&chunk.bytes);
            let start = memchr::memrchr(b'\n', body).map_or(0, |i| i + 1);
            self.prev_line = Some(body[start..].to_vec());
        }
        Some(Ok(chunk))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, records: bool, target: usize) -> Vec<(usize, usize, String)> {
        Chunker::with_target(text.as_bytes(), records, target)
            .map(|c| {
                let c = c.unwrap();
                (c.byte, c.line, String::from_utf8(c.bytes).unwrap())
            })
            .collect()
    }

    #[test]
    fn pieces_cover_the_file_and_end_at_boundaries() {
        let text = "a\n\nb\n\n=====\n\nc\nd\n\ne\n".repeat(50);
        let p = pieces(&text, false, 64);
        assert!(p.len() > 3);
        assert_eq!(p.iter().map(|(_, _, s)| s.as_str()).collect::<String>(), text);
        for w in p.windows(2) {
            assert_eq!(w[1].0, w[0].0 + w[0].2.len());
            assert_eq!(w[1].1, w[0].1 + w[0].2.matches('\n').count());
            assert!(
                w[0].2.ends_with("\n=====\n") || w[0].2.ends_with("\n\n"),
                "{:?}",
                w[0].2
            );
        }
    }

    #[test]
    fn records_cut_at_line_ends_and_a_file_without_one_is_one_piece() {
        let text = "{\"zh\": \"中文\"}\n".repeat(100);
        for (_, _, s) in pieces(&text, true, 50) {
            assert!(s.ends_with('\n'));
        }
        let long = "中".repeat(1000);
        let p = pieces(&long, false, 100);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].2, long);
    }

    #[test]
    fn a_line_longer_than_a_piece_stays_whole() {
        let long = format!("short\n{}\nnext\n", "中".repeat(1 << 19));
        for records in [false, true] {
            let p = pieces(&long, records, 1000);
            assert_eq!(p.iter().map(|(_, _, s)| s.as_str()).collect::<String>(), long);
            assert!(p.iter().all(|(_, _, s)| s.ends_with('\n')), "pieces end at line ends");
            assert!(p.iter().any(|(_, _, s)| s.contains(&"中".repeat(1 << 19))));
        }
    }
}
