//! What the punctuation rules (family `P`) share: telling URLs and e-mail
//! addresses from prose, finding the token around a position, and the runs
//! of spaces of a span.

/// Does this whitespace-free token look like a URL or an e-mail address?
/// Punctuation next to one is part of the address, not of a sentence.
pub fn is_url_or_email(token: &str) -> bool {
    let lower = token.trim_start_matches(['(', '[', '<', '"', '\'']);
    if lower.contains("://") {
        return true;
    }
    if lower.len() >= 4 && lower.as_bytes()[..4].eq_ignore_ascii_case(b"www.") {
        return true;
    }
    // local@domain.tld
    match lower.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && local
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"._%+-".contains(&b))
                && domain.contains('.')
                && domain.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        }
        None => false,
    }
}

/// The byte range of the whitespace-free token that ends at `end` in `text`.
pub fn token_ending_at(text: &str, end: usize) -> std::ops::Range<usize> {
    let start = text[..end]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    start..end
}

/// Is `start` the first non-blank position of its line?
pub fn at_line_start(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\t']);
    before.is_empty() || before.ends_with('\n')
}

/// The runs of ASCII spaces within `span`, each as the range of the run.
pub fn space_runs(bytes: &[u8], span: std::ops::Range<usize>) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut i = span.start;
    std::iter::from_fn(move || {
        while i < span.end && bytes[i] != b' ' {
            i += 1;
        }
        if i >= span.end {
            return None;
        }
        let start = i;
        while i < span.end && bytes[i] == b' ' {
            i += 1;
        }
        Some(start..i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_addresses() {
        for t in [
            "http://hnlsyfood.com",
            "https://a.cn/x?y=1",
            "www.sc.gov.cn",
            "(www.x.com",
            "news@xinhua.org",
        ] {
            assert!(is_url_or_email(t), "{t}");
        }
        for t in ["2019", "Jinping", "U.S.", "@handle", "a@b", "3.5"] {
            assert!(!is_url_or_email(t), "{t}");
        }
    }

    #[test]
    fn tokens_and_line_starts() {
        let t = "see www.x.com .\n  1 . item";
        assert_eq!(&t[token_ending_at(t, 13)], "www.x.com");
        assert!(at_line_start(t, 18));
        assert!(!at_line_start(t, 4));
    }
}
