//! Stream filters decoded by skjema itself (PDF 32000-1, 7.4): bounded in
//! output size and tolerant of damage, keeping what decoded before it.
//!
//! Every filter a PDF may chain is decoded here, never by lopdf: lopdf's
//! decoders inflate into an unbounded buffer, so a stream of a few
//! kilobytes could ask for gigabytes. Each decoder stops at `limit` bytes
//! and asks the document's budget ([`crate::budget::fits`]) before it
//! grows its buffer, so no decoded stream takes more than the document
//! may still use.

use lopdf::{Dictionary, Object};

use super::objects::StreamProblem;
use crate::budget;

type Decoded = (Vec<u8>, Option<StreamProblem>);

/// A filter of a stream's chain and its `/DecodeParms`.
pub(crate) struct Step<'a> {
    pub name: &'a [u8],
    pub params: Option<&'a Dictionary>,
}

/// Decodes `data` through every filter of `chain` in order, keeping each
/// step's output under `limit` bytes. Image codecs end the chain with no
/// bytes (their data is pixels, with no text to read); an unknown filter
/// too, with a `Damaged` problem.
pub(crate) fn decode_chain(data: &[u8], chain: &[Step<'_>], limit: usize) -> Decoded {
    let mut current: std::borrow::Cow<'_, [u8]> = std::borrow::Cow::Borrowed(data);
    let mut problem = None;
    for step in chain {
        let (out, p) = match step.name {
            b"FlateDecode" | b"Fl" => {
                let (out, p) = inflate(&current, limit);
                predict(out, p, step.params)
            }
            b"LZWDecode" | b"LZW" => {
                let early = !matches!(
                    step.params.map(|d| d.get(b"EarlyChange")),
                    Some(Ok(Object::Integer(0)))
                );
                let (out, p) = lzw(&current, early, limit);
                predict(out, p, step.params)
            }
            b"ASCIIHexDecode" | b"AHx" => (ascii_hex(&current), None),
            b"ASCII85Decode" | b"A85" => ascii85(&current),
            b"RunLengthDecode" | b"RL" => run_length(&current, limit),
            b"DCTDecode" | b"DCT" | b"JPXDecode" | b"JBIG2Decode" | b"CCITTFaxDecode" | b"CCF"
            | b"Crypt" => return (Vec::new(), problem),
            _ => return (Vec::new(), Some(StreamProblem::Damaged)),
        };
        problem = problem.or(p);
        current = std::borrow::Cow::Owned(out);
        if problem == Some(StreamProblem::TooLarge) || budget::check() {
            break;
        }
    }
    let mut out = current.into_owned();
    if out.len() > limit {
        out.truncate(limit);
        problem = Some(StreamProblem::TooLarge);
    }
    (out, problem)
}

/// The filters of a stream's dictionary with their parameters (`/Filter`
/// a name or an array, `/DecodeParms` a dictionary or an array of them),
/// references followed by `resolve`.
pub(crate) fn chain_of<'a>(
    dict: &'a Dictionary,
    resolve: &dyn Fn(&'a Object) -> Option<&'a Object>,
) -> Vec<Step<'a>> {
    let params_of = |key: &[u8]| dict.get(key).ok().and_then(resolve);
    let params = params_of(b"DecodeParms").or_else(|| params_of(b"DP"));
    let param_at = |i: usize| -> Option<&'a Dictionary> {
        match params? {
            Object::Dictionary(d) if i == 0 => Some(d),
            Object::Array(a) => match resolve(a.get(i)?)? {
                Object::Dictionary(d) => Some(d),
                _ => None,
            },
            _ => None,
        }
    };
    let filter = dict
        .get(b"Filter")
        .ok()
        .or_else(|| dict.get(b"F").ok())
        .and_then(resolve);
    match filter {
        Some(Object::Name(n)) => vec![Step {
            name: n,
            params: param_at(0),
        }],
        Some(Object::Array(a)) => a
            .iter()
            .filter_map(resolve)
            .enumerate()
            .filter_map(|(i, o)| match o {
                Object::Name(n) => Some(Step {
                    name: n,
                    params: param_at(i),
                }),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Undoes a PNG predictor (`/Predictor` 10 to 15) named in `params`, as
/// lopdf does; other predictors leave the data as it is.
fn predict(data: Vec<u8>, problem: Option<StreamProblem>, params: Option<&Dictionary>) -> Decoded {
    let int = |key: &[u8], default: i64| match params.map(|p| p.get(key)) {
        Some(Ok(Object::Integer(n))) => *n,
        _ => default,
    };
    let predictor = int(b"Predictor", 1);
    if !(10..=15).contains(&predictor) || data.is_empty() {
        return (data, problem);
    }
    let (colors, bits, columns) = (
        usize::try_from(int(b"Colors", 1).max(1)).unwrap_or(1),
        usize::try_from(int(b"BitsPerComponent", 8).max(8)).unwrap_or(8),
        usize::try_from(int(b"Columns", 1).max(1)).unwrap_or(1),
    );
    match png_unpredict(&data, colors, bits, columns) {
        Some(out) => (out, problem),
        None => (data, Some(StreamProblem::Damaged)),
    }
}

/// Undoes the PNG predictors (RFC 2083, 6): each row starts with its
/// filter type (None, Sub, Up, Average, Paeth). A short last row is kept.
pub(crate) fn png_unpredict(
    data: &[u8],
    colors: usize,
    bits: usize,
    columns: usize,
) -> Option<Vec<u8>> {
    if !(1..=32).contains(&colors) || !matches!(bits, 1 | 2 | 4 | 8 | 16) || columns == 0 {
        return None;
    }
    let bits_per_pixel = colors * bits;
    let bpp = (bits_per_pixel / 8).max(1);
    let row_len = bits_per_pixel.checked_mul(columns)?.div_ceil(8);
    let mut out = Vec::with_capacity(data.len());
    // No row is longer than the data, whatever /Columns says.
    let mut prev = vec![0u8; row_len.min(data.len())];
    let mut cur = prev.clone();
    for chunk in data.chunks(row_len.saturating_add(1)) {
        let Some((&kind, row)) = chunk.split_first() else {
            break;
        };
        for (i, &x) in row.iter().enumerate() {
            let a = i
                .checked_sub(bpp)
                .and_then(|j| cur.get(j))
                .copied()
                .unwrap_or(0);
            let b = prev.get(i).copied().unwrap_or(0);
            let c = i
                .checked_sub(bpp)
                .and_then(|j| prev.get(j))
                .copied()
                .unwrap_or(0);
            let v = match kind {
                0 => x,
                1 => x.wrapping_add(a),
                2 => x.wrapping_add(b),
                3 => x.wrapping_add(((u16::from(a) + u16::from(b)) / 2) as u8),
                4 => x.wrapping_add(paeth(a, b, c)),
                _ => return None,
            };
            if let Some(slot) = cur.get_mut(i) {
                *slot = v;
            }
        }
        let done = cur.get(..row.len()).unwrap_or_default();
        out.extend_from_slice(done);
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(out)
}

pub(crate) fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// LZWDecode (PDF 32000-1, 7.4.4), at most `limit` bytes; `early` is
/// `/EarlyChange` (code width grows one code early, the default).
pub(crate) fn lzw(data: &[u8], early: bool, limit: usize) -> Decoded {
    use weezl::{decode::Decoder, BitOrder, LzwStatus};
    let mut decoder = if early {
        Decoder::with_tiff_size_switch(BitOrder::Msb, 8)
    } else {
        Decoder::new(BitOrder::Msb, 8)
    };
    let mut out = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    let mut input = data;
    loop {
        if out.len() > limit {
            out.truncate(limit);
            return (out, Some(StreamProblem::TooLarge));
        }
        if !budget::fits(chunk.len()) {
            return (out, Some(StreamProblem::TooLarge));
        }
        let result = decoder.decode_bytes(input, &mut chunk);
        out.extend_from_slice(chunk.get(..result.consumed_out).unwrap_or_default());
        input = input.get(result.consumed_in..).unwrap_or_default();
        match result.status {
            Ok(LzwStatus::Done) => break,
            Err(_) => return (out, Some(StreamProblem::Damaged)),
            // The data ended without an end code: what decoded stays.
            Ok(_) if result.consumed_out == 0 && result.consumed_in == 0 => break,
            Ok(_) => {}
        }
    }
    if out.len() > limit {
        out.truncate(limit);
        return (out, Some(StreamProblem::TooLarge));
    }
    (out, None)
}

/// FlateDecode (zlib; raw deflate as a fallback), at most `limit` bytes.
pub(crate) fn inflate(data: &[u8], limit: usize) -> Decoded {
    let (out, complete) = inflate_into(data, limit, true);
    if out.len() > limit {
        let mut out = out;
        out.truncate(limit);
        return (out, Some(StreamProblem::TooLarge));
    }
    match complete {
        true => (out, None),
        false if out.is_empty() => {
            // Some producers write raw deflate without the zlib header.
            let (mut raw, complete) = inflate_into(data, limit, false);
            raw.truncate(limit);
            (raw, (!complete).then_some(StreamProblem::Damaged))
        }
        false => (out, Some(StreamProblem::Damaged)),
    }
}

/// Inflates straight into one growing buffer (a `Read` adapter copies
/// through small probe reads, which showed in the profile), stopping once
/// more than `limit` bytes are out; says whether the stream ended cleanly.
fn inflate_into(data: &[u8], limit: usize, zlib: bool) -> (Vec<u8>, bool) {
    use flate2::{Decompress, FlushDecompress, Status};
    let cap = limit.saturating_add(1);
    let first = data.len().saturating_mul(4).max(256).min(cap);
    if !budget::fits(first) {
        return (Vec::new(), false);
    }
    let mut out = Vec::with_capacity(first);
    let mut z = Decompress::new(zlib);
    loop {
        if out.len() >= cap {
            return (out, false);
        }
        if out.len() == out.capacity() {
            let more = out.len().max(4096).min(cap - out.len());
            if !budget::fits(more) {
                return (out, false);
            }
            out.reserve_exact(more);
        }
        let consumed = usize::try_from(z.total_in()).unwrap_or(usize::MAX);
        let input = data.get(consumed..).unwrap_or_default();
        let (in_before, out_before) = (z.total_in(), z.total_out());
        match z.decompress_vec(input, &mut out, FlushDecompress::None) {
            Ok(Status::StreamEnd) => return (out, true),
            Ok(_) => {
                // No progress with room to spare: the data ran out early.
                if z.total_in() == in_before
                    && z.total_out() == out_before
                    && out.len() < out.capacity()
                {
                    return (out, false);
                }
            }
            Err(_) => return (out, false),
        }
    }
}

/// The value of one hexadecimal digit.
pub(crate) fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// ASCIIHexDecode: pairs of hex digits up to `>`, white space ignored.
pub(crate) fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 2);
    ascii_hex_into(data, &mut out);
    out
}

/// [`ascii_hex`] appending to `out`.
pub(crate) fn ascii_hex_into(data: &[u8], out: &mut Vec<u8>) {
    let mut high = None;
    for &b in data {
        if b == b'>' {
            break;
        }
        if let Some(v) = hex_value(b) {
            match high.take() {
                Some(h) => out.push(h << 4 | v),
                None => high = Some(v),
            }
        }
    }
    if let Some(h) = high {
        out.push(h << 4);
    }
}

/// ASCII85Decode: groups of five digits `!`–`u`, `z` for four zeros, up to `~>`.
pub(crate) fn ascii85(data: &[u8]) -> Decoded {
    let mut out = Vec::with_capacity(data.len() * 4 / 5);
    let mut group = [0u8; 5];
    let mut n = 0usize;
    let mut problem = None;
    for &b in data {
        match b {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0, 0, 0, 0]),
            b'!'..=b'u' => {
                if let Some(slot) = group.get_mut(n) {
                    *slot = b - b'!';
                }
                n += 1;
                if n == 5 {
                    let v = group.iter().fold(0u64, |acc, &d| acc * 85 + u64::from(d));
                    out.extend_from_slice(&(v.min(u64::from(u32::MAX)) as u32).to_be_bytes());
                    n = 0;
                }
            }
            b if b.is_ascii_whitespace() || b == 0 => {}
            _ => problem = Some(StreamProblem::Damaged),
        }
    }
    if n > 1 {
        // A final partial group: pad with 'u' and keep n - 1 bytes.
        for slot in group.iter_mut().skip(n) {
            *slot = 84;
        }
        let v = group.iter().fold(0u64, |acc, &d| acc * 85 + u64::from(d));
        let bytes = (v.min(u64::from(u32::MAX)) as u32).to_be_bytes();
        out.extend_from_slice(bytes.get(..n - 1).unwrap_or_default());
    }
    (out, problem)
}

/// RunLengthDecode, at most `limit` bytes.
pub(crate) fn run_length(data: &[u8], limit: usize) -> Decoded {
    let mut out = Vec::new();
    let mut i = 0usize;
    while let Some(&len) = data.get(i) {
        if out.len() > limit {
            out.truncate(limit);
            return (out, Some(StreamProblem::TooLarge));
        }
        if out.len() == out.capacity() && !budget::fits(out.len().max(4096)) {
            return (out, Some(StreamProblem::TooLarge));
        }
        match len {
            128 => break,
            0..=127 => {
                let n = usize::from(len) + 1;
                match data.get(i + 1..i + 1 + n) {
                    Some(run) => out.extend_from_slice(run),
                    None => {
                        out.extend_from_slice(data.get(i + 1..).unwrap_or_default());
                        return (out, Some(StreamProblem::Damaged));
                    }
                }
                i += 1 + n;
            }
            _ => {
                let Some(&b) = data.get(i + 1) else {
                    return (out, Some(StreamProblem::Damaged));
                };
                out.extend(std::iter::repeat_n(b, 257 - usize::from(len)));
                i += 2;
            }
        }
    }
    (out, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn ascii_filters() {
        assert_eq!(ascii_hex(b"48 65 6C6c 6>"), b"Hel\x6c\x60");
        // "Man " is "9jqo^" in ASCII85; "z" is four zeros; a partial group at the end.
        assert_eq!(ascii85(b"9jqo^z~>").0, b"Man \0\0\0\0");
        assert_eq!(ascii85(b"9jqo^F*2L~>").0, b"Man sur");
        assert_eq!(
            run_length(&[2, b'a', b'b', b'c', 254, b'x', 128], 100).0,
            b"abcxxx"
        );
    }

    #[test]
    fn inflate_stops_at_the_limit_and_keeps_damaged_prefixes() {
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        // Text that compresses into many blocks, so half the stream decodes to something.
        let text: Vec<u8> = (0u32..10_000)
            .flat_map(|i| (i * 7919 % 10_007).to_string().into_bytes())
            .collect();
        enc.write_all(&text).unwrap();
        let full = enc.finish().unwrap();
        let (out, p) = inflate(&full, 100);
        assert_eq!((out.len(), p), (100, Some(StreamProblem::TooLarge)));
        let (out, p) = inflate(&full, 1 << 20);
        assert_eq!((out.len(), p), (text.len(), None));
        let cut = full.get(..full.len() / 2).unwrap();
        let (out, p) = inflate(cut, 1 << 20);
        assert_eq!(p, Some(StreamProblem::Damaged));
        assert!(!out.is_empty());
        assert_eq!(run_length(&[5, b'a'], 100).1, Some(StreamProblem::Damaged));
    }
}
