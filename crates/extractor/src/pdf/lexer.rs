//! A tokenizer for content streams and CMaps (the PostScript-like syntax of
//! PDF 32000-1, 7.2–7.3 and 7.8.2), written for speed and for damaged input:
//! it never fails, it skips what it cannot read, and it borrows names and
//! operators from the input instead of allocating them.

use std::borrow::Cow;

use super::filters::hex_value;

/// One operand of a content-stream operator.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Operand<'a> {
    Number(f64),
    Name(Cow<'a, [u8]>),
    /// A literal or hexadecimal string, decoded to its bytes.
    Str(Vec<u8>),
    /// A hexadecimal string as written, up to and including its `>`, from a
    /// lexer made with [`Lexer::raw_hex`].
    Hex(&'a [u8]),
    Array(Vec<Operand<'a>>),
    /// A dictionary (marked-content properties, inline-image parameters);
    /// only its `/ActualText` string is kept (the text a marked-content
    /// sequence stands for), nothing else reads it.
    Dict(Option<Vec<u8>>),
    Bool(bool),
    Null,
}

impl Operand<'_> {
    pub fn number(&self) -> Option<f64> {
        match self {
            Operand::Number(n) if n.is_finite() => Some(*n),
            _ => None,
        }
    }

    pub fn name(&self) -> Option<&[u8]> {
        match self {
            Operand::Name(n) => Some(n),
            _ => None,
        }
    }
}

/// A token: an operand, the start or end of an array, or an operator keyword.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Token<'a> {
    Operand(Operand<'a>),
    ArrayStart,
    ArrayEnd,
    DictStart,
    DictEnd,
    Keyword(&'a [u8]),
}

/// Nesting limit for arrays and dictionaries inside one operand.
const MAX_NESTING: u32 = 32;
/// Items kept of one array operand (a `TJ` array of a line has tens);
/// the rest of a longer one is read past, so memory stays bounded.
const MAX_ARRAY_ITEMS: usize = 1 << 16;
/// `DIGIT_SCALES[k]`: 1 divided by 10, k times over, as the digit loop of
/// [`Lexer::number`] divided it (the same operations give the same bits,
/// at compile time as at run time); looking the scale of a fractional
/// digit up spares a division per digit of every coordinate.
const DIGIT_SCALES: [f64; 24] = {
    let mut scales = [1.0; 24];
    let mut k = 1;
    while k < scales.len() {
        scales[k] = scales[k - 1] / 10.0;
        k += 1;
    }
    scales
};

/// Array buffers kept for reuse (an operator takes one array, rarely more).
const MAX_SPARE_ARRAYS: usize = 4;

pub(crate) struct Lexer<'a> {
    input: &'a [u8],
    pos: usize,
    /// Hex strings stay undecoded ([`Operand::Hex`]).
    raw_hex: bool,
    /// Emptied array buffers given back by [`Lexer::recycle`], for the next
    /// arrays: a `TJ` array per text run grown item by item was several
    /// allocations a run.
    spare: Vec<Vec<Operand<'a>>>,
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

impl<'a> Lexer<'a> {
    pub fn new(input: &'a [u8]) -> Self {
        Lexer {
            input,
            pos: 0,
            raw_hex: false,
            spare: Vec::new(),
        }
    }

    /// Leaves hex strings undecoded: page content shows text mostly as hex
    /// strings of a glyph or two, and decoding each into a buffer of its
    /// own cost an allocation per glyph.
    pub fn raw_hex(mut self) -> Self {
        self.raw_hex = true;
        self
    }

    fn peek(&self) -> Option<u8> {
        self.input.get(self.pos).copied()
    }

    fn skip_white_and_comments(&mut self) {
        while let Some(b) = self.peek() {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\r' || c == b'\n' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next token, or `None` at the end of the input.
    pub fn next_token(&mut self) -> Option<Token<'a>> {
        loop {
            self.skip_white_and_comments();
            let b = self.peek()?;
            let token = match b {
                b'/' => {
                    self.pos += 1;
                    Token::Operand(Operand::Name(self.name()))
                }
                b'(' => {
                    self.pos += 1;
                    Token::Operand(Operand::Str(self.literal_string()))
                }
                b'<' => {
                    if self.input.get(self.pos + 1) == Some(&b'<') {
                        self.pos += 2;
                        Token::DictStart
                    } else {
                        self.pos += 1;
                        if self.raw_hex {
                            Token::Operand(Operand::Hex(self.raw_hex_string()))
                        } else {
                            Token::Operand(Operand::Str(self.hex_string()))
                        }
                    }
                }
                b'>' => {
                    self.pos += 1;
                    if self.peek() == Some(b'>') {
                        self.pos += 1;
                        Token::DictEnd
                    } else {
                        continue;
                    }
                }
                b'[' => {
                    self.pos += 1;
                    Token::ArrayStart
                }
                b']' => {
                    self.pos += 1;
                    Token::ArrayEnd
                }
                b'{' | b'}' | b')' => {
                    // PostScript procedures (in Type 4 functions, never in
                    // content) and stray parentheses carry nothing for us.
                    self.pos += 1;
                    continue;
                }
                b'+' | b'-' | b'.' | b'0'..=b'9' => match self.number() {
                    Some(n) => Token::Operand(Operand::Number(n)),
                    None => continue,
                },
                _ => {
                    let start = self.pos;
                    while let Some(c) = self.peek() {
                        if is_white(c) || is_delim(c) {
                            break;
                        }
                        self.pos += 1;
                    }
                    if self.pos == start {
                        self.pos += 1;
                        continue;
                    }
                    let word = self.input.get(start..self.pos).unwrap_or_default();
                    match word {
                        b"true" => Token::Operand(Operand::Bool(true)),
                        b"false" => Token::Operand(Operand::Bool(false)),
                        b"null" => Token::Operand(Operand::Null),
                        _ => Token::Keyword(word),
                    }
                }
            };
            return Some(token);
        }
    }

    fn name(&mut self) -> Cow<'a, [u8]> {
        let start = self.pos;
        let mut escaped = false;
        while let Some(c) = self.peek() {
            if is_white(c) || is_delim(c) {
                break;
            }
            escaped |= c == b'#';
            self.pos += 1;
        }
        let raw = self.input.get(start..self.pos).unwrap_or_default();
        if !escaped {
            return Cow::Borrowed(raw);
        }
        let mut out = Vec::with_capacity(raw.len());
        let mut i = 0;
        while let Some(&c) = raw.get(i) {
            if c == b'#' {
                let hi = raw.get(i + 1).copied().and_then(hex_value);
                let lo = raw.get(i + 2).copied().and_then(hex_value);
                if let (Some(hi), Some(lo)) = (hi, lo) {
                    out.push(hi << 4 | lo);
                    i += 3;
                    continue;
                }
            }
            out.push(c);
            i += 1;
        }
        Cow::Owned(out)
    }

    fn number(&mut self) -> Option<f64> {
        let start = self.pos;
        let mut seen_digit = false;
        let mut seen_dot = false;
        if matches!(self.peek(), Some(b'+' | b'-')) {
            self.pos += 1;
        }
        // Some producers write "--5" or "-+5"; treat extra signs as noise.
        while matches!(self.peek(), Some(b'+' | b'-')) {
            self.pos += 1;
        }
        let mut value: f64 = 0.0;
        let mut scale = 1.0;
        let mut fraction_digits = 0;
        while let Some(c) = self.peek() {
            match c {
                b'0'..=b'9' => {
                    seen_digit = true;
                    let d = f64::from(c - b'0');
                    if seen_dot {
                        fraction_digits += 1;
                        scale = match DIGIT_SCALES.get(fraction_digits) {
                            Some(&s) => s,
                            None => scale / 10.0,
                        };
                        value += d * scale;
                    } else {
                        value = value * 10.0 + d;
                    }
                }
                b'.' if !seen_dot => seen_dot = true,
                _ => break,
            }
            self.pos += 1;
        }
        if !seen_digit {
            // A lone sign or dot: skip any glued word too.
            while let Some(c) = self.peek() {
                if is_white(c) || is_delim(c) {
                    break;
                }
                self.pos += 1;
            }
            return (self.pos == start + 1 && self.input.get(start) == Some(&b'.')).then_some(0.0);
        }
        let negative = self.input.get(start) == Some(&b'-');
        Some(if negative { -value } else { value })
    }

    fn literal_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 1u32;
        while let Some(c) = self.peek() {
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(c);
                }
                b'\\' => {
                    if !push_escape(self.input, &mut self.pos, &mut out) {
                        break;
                    }
                }
                _ => out.push(c),
            }
        }
        out
    }

    fn hex_string(&mut self) -> Vec<u8> {
        super::filters::ascii_hex(self.raw_hex_string())
    }

    fn raw_hex_string(&mut self) -> &'a [u8] {
        let rest = self.input.get(self.pos..).unwrap_or_default();
        let len = rest
            .iter()
            .position(|&b| b == b'>')
            .map_or(rest.len(), |i| i + 1);
        self.pos += len;
        rest.get(..len).unwrap_or_default()
    }

    /// After an `ID` operator: skips the inline image's data up to and
    /// including the `EI` that ends it (white space on both sides).
    pub fn skip_inline_image(&mut self) {
        // One white-space byte follows ID.
        self.pos += 1;
        let data = self.input.get(self.pos..).unwrap_or_default();
        let mut i = 0;
        while i + 1 < data.len() {
            let ends = data.get(i) == Some(&b'E')
                && data.get(i + 1) == Some(&b'I')
                && i > 0
                && data.get(i - 1).copied().is_some_and(is_white)
                && data.get(i + 2).is_none_or(|&c| is_white(c));
            if ends {
                self.pos += i + 2;
                return;
            }
            i += 1;
        }
        self.pos = self.input.len();
    }

    /// Empties `operands`, keeping the buffers of its arrays for the arrays
    /// still to be read.
    pub fn recycle(&mut self, operands: &mut Vec<Operand<'a>>) {
        for o in operands.drain(..) {
            if let Operand::Array(mut items) = o {
                if self.spare.len() < MAX_SPARE_ARRAYS {
                    items.clear();
                    self.spare.push(items);
                }
            }
        }
    }

    /// Reads one complete operand that starts with `first` (arrays and
    /// dictionaries are read to their end); gives back tokens that are not
    /// operands (keywords, stray closers).
    pub fn operand(&mut self, first: Token<'a>) -> Result<Operand<'a>, Token<'a>> {
        self.operand_at(first, 0)
    }

    fn operand_at(&mut self, first: Token<'a>, depth: u32) -> Result<Operand<'a>, Token<'a>> {
        match first {
            Token::Operand(o) => Ok(o),
            Token::ArrayStart => {
                let mut items = self.spare.pop().unwrap_or_default();
                while let Some(t) = self.next_token() {
                    if crate::budget::check() {
                        break;
                    }
                    match t {
                        Token::ArrayEnd => break,
                        // An operator inside an array means the array was
                        // never closed: end it there and let the operator run.
                        Token::Keyword(_) => break,
                        t if depth < MAX_NESTING => {
                            if let Ok(o) = self.operand_at(t, depth + 1) {
                                if items.len() < MAX_ARRAY_ITEMS {
                                    items.push(o);
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Ok(Operand::Array(items))
            }
            Token::DictStart => {
                let mut level = 1u32;
                let mut actual_text = None;
                let mut after_key = false;
                while let Some(t) = self.next_token() {
                    match t {
                        Token::DictStart => level += 1,
                        Token::DictEnd => {
                            level -= 1;
                            if level == 0 {
                                break;
                            }
                        }
                        Token::Operand(Operand::Name(n)) if level == 1 => {
                            after_key = n.as_ref() == b"ActualText";
                            continue;
                        }
                        Token::Operand(Operand::Str(v)) if level == 1 && after_key => {
                            actual_text = Some(v);
                        }
                        Token::Operand(Operand::Hex(h)) if level == 1 && after_key => {
                            let mut v = Vec::new();
                            super::filters::ascii_hex_into(h, &mut v);
                            actual_text = Some(v);
                        }
                        _ => {}
                    }
                    after_key = false;
                }
                Ok(Operand::Dict(actual_text))
            }
            other => Err(other),
        }
    }
}

/// Decodes the escape after a backslash in a literal string (PDF 32000-1,
/// 7.3.4.2) starting at `*pos`, appending its byte to `out`; false when the
/// input ends first. Shared by the content lexer and the object parser.
pub(crate) fn push_escape(input: &[u8], pos: &mut usize, out: &mut Vec<u8>) -> bool {
    let Some(&e) = input.get(*pos) else {
        return false;
    };
    *pos += 1;
    match e {
        b'n' => out.push(b'\n'),
        b'r' => out.push(b'\r'),
        b't' => out.push(b'\t'),
        b'b' => out.push(8),
        b'f' => out.push(12),
        b'\r' => {
            if input.get(*pos) == Some(&b'\n') {
                *pos += 1;
            }
        }
        b'\n' => {}
        b'0'..=b'7' => {
            let mut v = u32::from(e - b'0');
            for _ in 0..2 {
                match input.get(*pos) {
                    Some(&d @ b'0'..=b'7') => {
                        v = v * 8 + u32::from(d - b'0');
                        *pos += 1;
                    }
                    _ => break,
                }
            }
            // Overflow past one byte is ignored, as the spec says.
            out.push((v & 0xff) as u8);
        }
        other => out.push(other),
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &[u8]) -> Vec<Token<'_>> {
        let mut l = Lexer::new(s);
        let mut out = Vec::new();
        while let Some(t) = l.next_token() {
            out.push(t);
        }
        out
    }

    #[test]
    fn reads_numbers_names_strings_and_operators() {
        let t =
            tokens(b"BT /F1#20a 12.5 Tf -.5 0 Td (a\\(b\\)\\101\\\nc) Tj <48 69 7> Tj ET % note\n");
        assert_eq!(t[0], Token::Keyword(b"BT"));
        assert_eq!(
            t[1],
            Token::Operand(Operand::Name(Cow::Owned(b"F1 a".to_vec())))
        );
        assert_eq!(t[2], Token::Operand(Operand::Number(12.5)));
        assert_eq!(t[4], Token::Operand(Operand::Number(-0.5)));
        assert_eq!(t[7], Token::Operand(Operand::Str(b"a(b)Ac".to_vec())));
        assert_eq!(t[9], Token::Operand(Operand::Str(vec![0x48, 0x69, 0x70])));
        assert_eq!(t.last(), Some(&Token::Keyword(b"ET")));
    }

    #[test]
    fn reads_arrays_and_skips_dicts() {
        let mut l = Lexer::new(b"[(a) -120 [1 2] ] << /A << /B 1 >> >> BDC");
        let first = l.next_token().unwrap();
        let arr = l.operand(first).unwrap();
        assert_eq!(
            arr,
            Operand::Array(vec![
                Operand::Str(b"a".to_vec()),
                Operand::Number(-120.0),
                Operand::Array(vec![Operand::Number(1.0), Operand::Number(2.0)])
            ])
        );
        let d = l.next_token().unwrap();
        assert_eq!(l.operand(d), Ok(Operand::Dict(None)));
        assert_eq!(l.next_token(), Some(Token::Keyword(b"BDC")));
    }

    #[test]
    fn keeps_the_actual_text_of_marked_content() {
        let mut l = Lexer::new(b"/Span << /Lang (nb) /ActualText <FEFF00AD> >> BDC").raw_hex();
        let _tag = l.next_token().unwrap();
        let d = l.next_token().unwrap();
        assert_eq!(
            l.operand(d),
            Ok(Operand::Dict(Some(vec![0xFE, 0xFF, 0x00, 0xAD])))
        );
        let mut l = Lexer::new(b"<< /ActualText (fi) /A << /ActualText (x) >> >>");
        let d = l.next_token().unwrap();
        assert_eq!(l.operand(d), Ok(Operand::Dict(Some(b"fi".to_vec()))));
    }

    #[test]
    fn skips_inline_images() {
        let mut l = Lexer::new(b"BI /W 2 ID \x00EI\xff EI Q");
        let mut seen = Vec::new();
        while let Some(t) = l.next_token() {
            if t == Token::Keyword(b"ID") {
                l.skip_inline_image();
                continue;
            }
            seen.push(t);
        }
        assert_eq!(seen.last(), Some(&Token::Keyword(b"Q")));
        assert!(!seen.contains(&Token::Keyword(b"EI")));
    }

    #[test]
    fn never_fails_on_garbage() {
        for input in [
            &b"((("[..],
            b"<<<<",
            b"[[[[",
            b"-",
            b"\\",
            b"<zz",
            b"/#",
            b"1.2.3",
        ] {
            let _ = tokens(input);
        }
        let mut l = Lexer::new(b"[[[[[[");
        let t = l.next_token().unwrap();
        assert!(l.operand(t).is_ok());
    }
}
