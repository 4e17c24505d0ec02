use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};

declare_rule! {
    /// ## What it finds
    /// A file (or a piece of a large file) that is binary, not text: it holds
    /// a NUL byte in its first few KiB. Images, archives, PDFs and UTF-16 text
    /// all do; a scraped UTF-8 page never does.
    ///
    /// ## Why it matters
    /// A binary file in a corpus is a download that went wrong (an image or a
    /// compressed response saved as the page). Linting it as text would only
    /// bury the one real finding under thousands of meaningless ones, so it
    /// is skipped and reported once.
    ///
    /// ## Fix
    /// None: fetch the page again, or decode it (UTF-16 text: convert it to
    /// UTF-8).
    pub struct BinaryFile {
        code: "I005",
        name: "binary-file",
        family: Input,
        severity: Error,
        fix: None,
        summary: "binary file (a NUL byte near its start): skipped, not linted as text",
    }
}

impl Rule for BinaryFile {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if let Some(at) = ctx.src.binary {
            out.push(
                Diagnostic::new(
                    &Self::META,
                    0..0,
                    format!("binary file: a NUL byte at file offset {at}; it is not checked as text"),
                )
                .with_help("fetch the page again, or convert it to UTF-8 text if it is UTF-16"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Analysis;
    use crate::source::SourceText;

    fn check(bytes: &[u8]) -> Vec<Diagnostic> {
        let src = SourceText::from_bytes(bytes.to_vec());
        let analysis = Analysis::new(&src);
        let mut out = Vec::new();
        BinaryFile.check(
            &Context {
                src: &src,
                analysis: &analysis,
            },
            &mut out,
        );
        out
    }

    #[test]
    fn flags_a_nul_byte_near_the_start() {
        let out = check(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
        assert_eq!(out.len(), 1);
        assert!(out[0].message.contains("offset 8"), "{}", out[0].message);
    }

    #[test]
    fn text_is_not_binary() {
        assert!(check("全会在成都举行。\nThe session.\n".as_bytes()).is_empty());
    }
}
