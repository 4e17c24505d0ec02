use super::{declare_rule, Context, Rule};
use crate::diagnostic::{Diagnostic, RuleMeta};

declare_rule! {
    /// ## What it finds
    /// Bytes that are not UTF-8. The file is read with each bad sequence
    /// replaced by U+FFFD and checked all the same; the diagnostic gives the
    /// offset of the bad bytes in the file.
    ///
    /// ## Why it matters
    /// A corpus in mixed encodings breaks every tool downstream; the bytes
    /// usually come from a page in GBK or Windows-1252 pasted into UTF-8.
    ///
    /// ## Fix
    /// None, and `--fix` leaves such a file alone: writing it back would
    /// replace the bad bytes and lose them.
    pub struct InvalidUtf8 {
        code: "I001",
        name: "invalid-utf8",
        family: Input,
        severity: Error,
        fix: None,
        summary: "bytes that are not UTF-8",
    }
}

impl Rule for InvalidUtf8 {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for bad in &ctx.src.invalid_utf8 {
            let bytes: Vec<String> = bad.bytes.iter().take(8).map(|b| format!("{b:02X}")).collect();
            out.push(
                Diagnostic::new(
                    &Self::META,
                    bad.span.clone(),
                    format!(
                        "bytes that are not UTF-8 at file offset {}: {}",
                        bad.file_offset,
                        bytes.join(" ")
                    ),
                )
                .with_help("re-decode the page with its real encoding (often GBK or Windows-1252)"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Analysis;
    use crate::source::SourceText;

    #[test]
    fn reports_bad_bytes_at_their_file_offset() {
        let src = SourceText::from_bytes(b"ok \xff\xfe end \xc3".to_vec());
        let analysis = Analysis::new(&src);
        let mut out = Vec::new();
        InvalidUtf8.check(
            &Context {
                src: &src,
                analysis: &analysis,
            },
            &mut out,
        );
        assert_eq!(out.len(), 2);
        assert!(out[0].message.contains("offset 3: FF FE"), "{}", out[0].message);
        assert!(out[1].message.contains("offset 10: C3"), "{}", out[1].message);
    }

    #[test]
    fn valid_text_is_clean() {
        let src = SourceText::from_bytes("全会在成都举行。".as_bytes().to_vec());
        let analysis = Analysis::new(&src);
        let mut out = Vec::new();
        InvalidUtf8.check(
            &Context {
                src: &src,
                analysis: &analysis,
            },
            &mut out,
        );
        assert!(out.is_empty());
    }
}
