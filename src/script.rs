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
