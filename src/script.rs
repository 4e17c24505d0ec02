//! Character classes for mixed Chinese-English text.

/// A Han ideograph (CJK unified, extensions, compatibility) or `〇`.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
        || c == '〇'
}

/// Punctuation of Chinese text: CJK symbols, full-width forms of ASCII
/// punctuation, and the quotes and dashes Chinese text uses.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c,
        '\u{3001}'..='\u{303F}'
        | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '…' | '—' | '·' | '“' | '”' | '‘' | '’')
}

/// Whitespace that separates tokens, including NBSP and the ideographic space.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}'
}

/// Characters that close a Chinese sentence (or a quotation or bracket that
/// closes one).
pub fn closes_zh_sentence(c: char) -> bool {
    matches!(
        c,
        '。' | '！'
            | '？'
            | '…'
            | '”'
            | '’'
            | '」'
            | '』'
            | '）'
            | '】'
            | '》'
            | ')'
            | ']'
            | '.'
            | '!'
            | '?'
            | '；'
            | ';'
            | '"'
            | '〕'
    )
}

/// Punctuation that cannot open a Chinese sentence: it closes or continues one.
pub fn cannot_open_zh(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '】'
            | '》'
            | '」'
            | '』'
            | '”'
            | '’'
            | '〕'
            | ')'
            | ']'
            | '}'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
    )
}

/// The partner of an opening bracket or quote, for balance checks.
pub fn closing_partner(c: char) -> Option<char> {
    Some(match c {
        '（' => '）',
        '(' => ')',
        '【' => '】',
        '《' => '》',
        '“' => '”',
        '「' => '」',
        '『' => '』',
        '[' => ']',
        '〔' => '〕',
        _ => return None,
    })
}

pub fn is_closing_bracket(c: char) -> bool {
    matches!(c, '）' | ')' | '】' | '》' | '”' | '」' | '』' | ']' | '〕')
}

/// How much of a text's letters is in each script, weighted by what a
/// character carries: a Han character weighs 3 (its UTF-8 size, about one
/// short English word), a Latin letter 1. Digits, punctuation and symbols
/// do not count, nor do URLs and e-mail addresses (runs of ASCII holding
/// `://`, `www.` or `@`), which are Latin whatever the language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScriptWeights {
    pub han: usize,
    pub latin: usize,
}

impl ScriptWeights {
    pub fn of(text: &str) -> ScriptWeights {
        let mut w = ScriptWeights::default();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() && !b.is_ascii_whitespace() {
                // A run of ASCII without spaces: a word, a number, or a URL.
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii() && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                let run = &text[start..i];
                if !(run.contains("://") || run.contains("www.") || run.contains('@')) {
                    w.latin += run.bytes().filter(u8::is_ascii_alphabetic).count();
                }
                continue;
            }
            if b.is_ascii() {
                i += 1;
                continue;
            }
            let c = text[i..].chars().next().unwrap_or(' ');
            if is_han(c) {
                w.han += 3;
            } else if is_latin_letter(c) {
                w.latin += 1;
            }
            i += c.len_utf8();
        }
        w
    }

    /// The share of the Han weight, 0 when there are no letters.
    pub fn han_share(&self) -> f64 {
        let total = self.han + self.latin;
        if total == 0 {
            0.0
        } else {
            self.han as f64 / total as f64
        }
    }

    /// The share of the Latin weight, 0 when there are no letters.
    pub fn latin_share(&self) -> f64 {
        let total = self.han + self.latin;
        if total == 0 {
            0.0
        } else {
            self.latin as f64 / total as f64
        }
    }
}

/// A Latin letter outside ASCII: accented letters and full-width forms.
fn is_latin_letter(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ') && c.is_alphabetic()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_weights_count_han_thrice_and_skip_urls() {
        assert_eq!(ScriptWeights::of("中国GDP增长6%"), ScriptWeights { han: 12, latin: 3 });
        assert_eq!(
            ScriptWeights::of("来源：http://www.xinhuanet.com/a.htm 新华社"),
            ScriptWeights { han: 15, latin: 0 }
        );
        assert_eq!(
            ScriptWeights::of("Café ＧＤＰ 2019"),
            ScriptWeights { han: 0, latin: 7 }
        );
        assert_eq!(ScriptWeights::of("0").latin_share(), 0.0);
    }
}
