//! The format's lexical grammar, written once.
//!
//! A dataset file is RON text: white space, comments (`//` to the end of the
//! line, `/* */` nested), strings (`"…"` with escapes, raw `r#"…"#`, and the byte
//! forms `b"…"` and `br#"…"#`), char literals (`'x'`, `'\''`), `#![…]`
//! attributes, brackets, `,` and `:`, and words (names and numbers). Three
//! readers step over it: the fast reader (values), the streaming reader (where
//! each event ends) and the source map (where each record and field starts).
//! They all step with the functions here, on bytes with byte offsets, so that
//! they cannot disagree on where a string or a comment ends.
//!
//! Nothing here fails. A token that runs past the end of the bytes is reported
//! as incomplete (`None`): the streaming reader then reads more, the others
//! treat it as the end of the text. Whether the text is a valid dataset is for
//! the fast reader and, in the end, ron to say.
//!
//! What stays outside, on purpose: the shape of a dataset (which fields hold
//! records, what a value looks like) is in the fast reader and the source map,
//! which read tokens from here; numbers, `Some(..)`, and which escapes the fast
//! reader decodes itself are values, not tokens; and ron, the authority, has
//! its own full grammar, which the property tests hold the others to.

/// The deepest nesting of brackets read: ron is given this limit, and the fast
/// reader leaves anything deeper to ron, which reports it.
pub const MAX_NESTING: usize = 64;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// `(`, `[` or `{`.
    Open(u8),
    /// `)`, `]` or `}`.
    Close(u8),
    /// `,`.
    Comma,
    /// `:`.
    Colon,
    /// `"…"` or `b"…"`; `escaped` when it holds a backslash.
    String {
        /// The string holds at least one escape.
        escaped: bool,
    },
    /// `r"…"`, `r#"…"#`, `br#"…"#`.
    RawString,
    /// `'x'`, `'\''`, `'\u{…}'`.
    Char,
    /// `#![…]` or `#[…]`.
    Attribute,
    /// A name or a number: a run of letters, digits and `_` (with `r#` before a
    /// raw name).
    Word,
    /// Any other byte (`-`, `.`, `+`, a stray character).
    Other,
}

/// One token: what it is and the bytes it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Its first byte.
    pub start: usize,
    /// Just after its last byte.
    pub end: usize,
}

/// Where the next token starts at or after `at`: past white space and comments.
/// `bytes.len()` when the text ends first, also inside an unclosed comment.
#[inline]
pub fn skip_blank(bytes: &[u8], at: usize) -> usize {
    blank_end(bytes, at).unwrap_or(bytes.len())
}

/// Like [`skip_blank`], but `None` when the text ends inside a block comment
/// (which ron refuses).
#[inline]
pub fn blank_end(bytes: &[u8], mut at: usize) -> Option<usize> {
    loop {
        match bytes.get(at) {
            Some(b' ' | b'\n' | b'\r' | b'\t') => at += 1,
            Some(b'/') if bytes.get(at + 1) == Some(&b'/') => {
                at = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n + 1);
            }
            Some(b'/') if bytes.get(at + 1) == Some(&b'*') => at = block_comment_end(bytes, at)?,
            _ => return Some(at),
        }
    }
}

/// The end of the nested block comment starting at `at` (`/*`), if it closes.
fn block_comment_end(bytes: &[u8], mut at: usize) -> Option<usize> {
    let mut depth = 0usize;
    loop {
        match (bytes.get(at)?, bytes.get(at + 1)) {
            (b'/', Some(b'*')) => {
                depth += 1;
                at += 2;
            }
            (b'*', Some(b'/')) => {
                depth -= 1;
                at += 2;
                if depth == 0 {
                    return Some(at);
                }
            }
            _ => at += 1,
        }
    }
}

/// The token starting at `at`, which must not be blank (see [`skip_blank`]);
/// `None` at the end of the bytes or when the token runs past it.
#[inline]
pub fn token(bytes: &[u8], at: usize) -> Option<Token> {
    let first = *bytes.get(at)?;
    let (kind, end) = match first {
        b'(' | b'[' | b'{' => (TokenKind::Open(first), at + 1),
        b')' | b']' | b'}' => (TokenKind::Close(first), at + 1),
        b',' => (TokenKind::Comma, at + 1),
        b':' => (TokenKind::Colon, at + 1),
        b'"' => {
            let (end, escaped) = string_end(bytes, at)?;
            (TokenKind::String { escaped }, end)
        }
        b'\'' => (TokenKind::Char, char_end(bytes, at)?),
        b'#' => match attribute_end(bytes, at) {
            Some(end) => (TokenKind::Attribute, end),
            None if bytes.len() - at < 3 || has_bracket_after_hash(bytes, at) => return None,
            None => (TokenKind::Other, at + 1),
        },
        b'b' if bytes.get(at + 1) == Some(&b'"') => {
            let (end, escaped) = string_end(bytes, at + 1)?;
            (TokenKind::String { escaped }, end)
        }
        b'b' if bytes.get(at + 1) == Some(&b'r') && raw_string_follows(bytes, at + 1) => {
            (TokenKind::RawString, raw_string_end(bytes, at + 1)?)
        }
        b'r' if raw_string_follows(bytes, at) => (TokenKind::RawString, raw_string_end(bytes, at)?),
        b'r' if bytes.get(at + 1) == Some(&b'#') => (TokenKind::Word, word_end(bytes, at + 2)),
        b if is_word_byte(b) => (TokenKind::Word, word_end(bytes, at)),
        _ => (TokenKind::Other, at + 1),
    };
    Some(Token {
        kind,
        start: at,
        end,
    })
}

/// The next token at or after `at`, past white space and comments.
#[inline]
pub fn next_token(bytes: &[u8], at: usize) -> Option<Token> {
    token(bytes, skip_blank(bytes, at))
}

/// Whether `b` belongs in a name or a number.
#[inline]
pub fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The end of the run of name bytes starting at `at`.
#[inline]
pub fn word_end(bytes: &[u8], at: usize) -> usize {
    bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(|&b| !is_word_byte(b)))
        .map_or(bytes.len(), |n| at + n)
}

/// The end of the string whose opening quote is at `at` (just after its closing
/// quote), and whether it holds an escape; `None` when it does not close.
#[inline]
pub fn string_end(bytes: &[u8], at: usize) -> Option<(usize, bool)> {
    let mut i = at + 1;
    let mut escaped = false;
    loop {
        i += memchr::memchr2(b'"', b'\\', bytes.get(i..)?)?;
        if bytes[i] == b'"' {
            return Some((i + 1, escaped));
        }
        escaped = true;
        i += 2;
    }
}

/// Whether a raw string starts at `at` (`r` then `#`s then `"`).
fn raw_string_follows(bytes: &[u8], at: usize) -> bool {
    if bytes.get(at) != Some(&b'r') {
        return false;
    }
    let hashes = bytes
        .get(at + 1..)
        .map_or(0, |rest| rest.iter().take_while(|&&b| b == b'#').count());
    bytes.get(at + 1 + hashes) == Some(&b'"')
}

/// The end of the raw string starting at `at` (its `r`): after the quote and as
/// many `#` as opened it.
fn raw_string_end(bytes: &[u8], at: usize) -> Option<usize> {
    let hashes = bytes[at + 1..].iter().take_while(|&&b| b == b'#').count();
    let mut i = at + 2 + hashes;
    loop {
        i += memchr::memchr(b'"', bytes.get(i..)?)?;
        let closing = bytes.get(i + 1..i + 1 + hashes)?;
        if closing.iter().all(|&b| b == b'#') {
            return Some(i + 1 + hashes);
        }
        i += 1;
    }
}

/// The end of the char literal whose quote is at `at`. An escape (`'\''`,
/// `'\u{…}'`) runs to the next quote; a quote with no closing quote on its line
/// is one byte, which ron will report.
fn char_end(bytes: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    if *bytes.get(i)? == b'\\' {
        i += 2;
    } else {
        // One character, of one to four bytes.
        i += 1;
        while bytes.get(i).is_some_and(|&b| b & 0xC0 == 0x80) {
            i += 1;
        }
    }
    loop {
        match *bytes.get(i)? {
            b'\'' => return Some(i + 1),
            b'\n' => return Some(at + 1),
            _ => i += 1,
        }
    }
}

/// Whether `#` at `at` is followed by `[` or `![`, the start of an attribute.
fn has_bracket_after_hash(bytes: &[u8], at: usize) -> bool {
    matches!(
        (bytes.get(at + 1), bytes.get(at + 2)),
        (Some(b'['), _) | (Some(b'!'), Some(b'['))
    )
}

/// The end of the attribute starting at `at` (`#![` or `#[`), just after the
/// `]` that balances its `[`.
fn attribute_end(bytes: &[u8], at: usize) -> Option<usize> {
    if !has_bracket_after_hash(bytes, at) {
        return None;
    }
    let open = if bytes[at + 1] == b'!' {
        at + 2
    } else {
        at + 1
    };
    let mut depth = 0usize;
    let mut i = open;
    loop {
        let t = next_token(bytes, i)?;
        match t.kind {
            TokenKind::Open(_) => depth += 1,
            TokenKind::Close(_) => {
                depth -= 1;
                if depth == 0 {
                    return Some(t.end);
                }
            }
            _ => {}
        }
        i = t.end;
    }
}

/// Where the dataset's own text starts: after white space, comments and
/// attributes. `None` when the bytes end first.
pub fn after_attributes(bytes: &[u8], mut at: usize) -> Option<usize> {
    loop {
        let t = next_token(bytes, at)?;
        if t.kind != TokenKind::Attribute {
            return Some(t.start);
        }
        at = t.end;
    }
}

/// Whether `bytes` (after any byte-order mark) can begin a dataset: after
/// blanks and attributes, `Dataset(` or `(`. `Err` gives the offset of what
/// cannot, so that a file of anything else is refused from its first block.
/// Text that ends first (or an attribute longer than `bytes`) may still begin
/// one.
pub fn begins_dataset(bytes: &[u8]) -> Result<(), usize> {
    match after_attributes(bytes, 0) {
        None => Ok(()),
        Some(at) => match bytes[at] {
            b'D' | b'(' => Ok(()),
            _ => Err(at),
        },
    }
}

/// The end of the value starting at `at` (a list element or a field's value):
/// where its brackets balance again, just before the `,` or closing bracket that
/// follows it. `None` when the value runs past the end of `bytes`.
///
/// This runs over every byte of a streamed file, so it steps by bytes and calls
/// the token rules only where a token needs them (strings, chars, attributes).
#[inline]
pub fn value_end(bytes: &[u8], at: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = at;
    loop {
        i = skip_blank(bytes, i);
        let b = *bytes.get(i)?;
        match b {
            b'(' | b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' if depth == 0 => return Some(i),
            b')' | b']' | b'}' => {
                depth -= 1;
                i += 1;
            }
            b',' if depth == 0 => return Some(i),
            b'"' => i = string_end(bytes, i)?.0,
            b'\'' | b'#' | b'r' | b'b' => i = token(bytes, i)?.end,
            _ if is_word_byte(b) => i = word_end(bytes, i),
            _ => i += 1,
        }
        if depth == 0 {
            // A complete value is followed by `,` or a closing bracket: stop
            // before reading past it, which the text may not hold yet.
            match bytes.get(skip_blank(bytes, i))? {
                b',' | b')' | b']' | b'}' => return Some(i),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(t) = next_token(bytes, at) {
            out.push((t.kind, &text[t.start..t.end]));
            at = t.end;
        }
        out
    }

    #[test]
    fn strings_of_every_form_are_one_token() {
        let text = r####"("a \"b\" (", r#"raw " ) "#, b"bytes", br##"raw "# bytes"##, '\'', ')', r#name)"####;
        let tokens = kinds(text);
        let kinds: Vec<TokenKind> = tokens.iter().map(|t| t.0).collect();
        assert_eq!(
            kinds,
            vec![
                TokenKind::Open(b'('),
                TokenKind::String { escaped: true },
                TokenKind::Comma,
                TokenKind::RawString,
                TokenKind::Comma,
                TokenKind::String { escaped: false },
                TokenKind::Comma,
                TokenKind::RawString,
                TokenKind::Comma,
                TokenKind::Char,
                TokenKind::Comma,
                TokenKind::Char,
                TokenKind::Comma,
                TokenKind::Word,
                TokenKind::Close(b')'),
            ]
        );
        assert_eq!(tokens[13].1, "r#name");
    }

    #[test]
    fn comments_nest_and_are_skipped() {
        let text = "/* a /* nested ) */ still ] */ // line (\n x";
        assert_eq!(kinds(text), vec![(TokenKind::Word, "x")]);
        assert_eq!(skip_blank(b"/* open /* */", 0), 13);
    }

    #[test]
    fn attributes_are_one_token_and_skipped_before_the_dataset() {
        let text = "\n#![enable(implicit_some, unwrap_newtypes)] // note\n Dataset(";
        let start = after_attributes(text.as_bytes(), 0).expect("text");
        assert_eq!(&text[start..], "Dataset(");
    }

    #[test]
    fn what_runs_past_the_end_is_incomplete() {
        for text in ["\"open", "r#\"open\"", "'", "#![enable(", "b\"x"] {
            assert_eq!(next_token(text.as_bytes(), 0), None, "{text}");
        }
    }

    #[test]
    fn a_value_ends_where_its_brackets_balance() {
        let text = "Event(id: \"a,)\", tags: [\"x\"]) , next";
        assert_eq!(value_end(text.as_bytes(), 0), Some(29));
        assert_eq!(value_end(b"Event(id: \"a\"", 0), None);
        assert_eq!(value_end(b"12 ]", 0), Some(2));
    }
}
