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
        let bad = &ctx.src.invalid_utf8;
        let mut i = 0;
        while i < bad.len() {
            // Adjacent bad sequences make one finding.
            let mut j = i + 1;
            while j < bad.len() && bad[j].span.start == bad[j - 1].span.end {
                j += 1;
            }
            let bytes: Vec<String> = bad[i..j].iter().flat_map(|b| b.bytes.iter()).take(8).map(|b| format!("{b:02X}")).collect();
            out.push(Diagnostic::new(
                &Self::META,
                bad[i].span.start..bad[j - 1].span.end,
                format!("bytes that are not UTF-8 at file offset {}: {}", bad[i].file_offset, bytes.join(" ")),
            ).with_help("re-decode the page with its real encoding (often GBK or Windows-1252)"));
            i = j;
        }
    }
}
