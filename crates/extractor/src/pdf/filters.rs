//! Stream filters decoded by skjema itself (PDF 32000-1, 7.4): bounded in
//! output size and tolerant of damage, keeping what decoded before it.

use super::objects::StreamProblem;

type Decoded = (Vec<u8>, Option<StreamProblem>);

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
    let mut out = Vec::with_capacity(data.len().saturating_mul(4).max(256).min(cap));
    let mut z = Decompress::new(zlib);
    loop {
        if out.len() >= cap {
            return (out, false);
        }
        if out.len() == out.capacity() {
            let more = out.len().max(4096).min(cap - out.len());
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
