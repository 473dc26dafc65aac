//! Rebuilding a lost cross-reference table (lopdf 0.42 has no repair mode).
//!
//! Truncated downloads and broken writers leave objects intact but the
//! table at the end missing or wrong. Scanning the bytes for `N G obj`
//! headers gives every object's offset; a fresh table and trailer appended
//! to a copy of the file let lopdf load what survived.

/// The largest object number PDF allows (ISO 32000-1, Annex C).
const MAX_OBJECT_NUMBER: u32 = 8_388_607;

/// A copy of `bytes` with a new xref table and trailer, or `None` when no
/// catalog object is found.
pub(crate) fn rebuild_xref(bytes: &[u8]) -> Option<Vec<u8>> {
    let start = bytes.windows(5).position(|w| w == b"%PDF-")?;
    let body = bytes.get(start..)?;
    let mut offsets: std::collections::BTreeMap<u32, (usize, u16)> =
        std::collections::BTreeMap::new();
    let mut root: Option<(u32, u16)> = None;
    let mut info: Option<(u32, u16)> = None;
    let mut i = 0;
    while let Some(rel) = find(body.get(i..)?, b" obj") {
        let at = i + rel;
        i = at + 4;
        // Walk back over "N G" before " obj".
        let Some((num, gen, header_start)) = parse_header(body, at) else {
            continue;
        };
        // PDF's own limit on object numbers; larger ones are junk (and
        // would make the rebuilt table gigabytes long).
        if num > MAX_OBJECT_NUMBER {
            continue;
        }
        offsets.insert(num, (header_start, gen));
        let window = body.get(at..(at + 400).min(body.len())).unwrap_or(&[]);
        let window = window.split(|&b| b == b'>').next().unwrap_or(window);
        let compact: Vec<u8> = window
            .iter()
            .copied()
            .filter(|b| !b.is_ascii_whitespace())
            .collect();
        if find(&compact, b"/Type/Catalog").is_some() {
            root = Some((num, gen));
        }
        if info.is_none()
            && (find(window, b"/Producer").is_some() || find(window, b"/Creator").is_some())
        {
            info = Some((num, gen));
        }
    }
    let (root_num, root_gen) = root?;
    let size = offsets.keys().next_back().copied().unwrap_or(0) + 1;
    let mut out = body.to_vec();
    out.push(b'\n');
    let xref_at = out.len();
    out.extend_from_slice(format!("xref\n0 {size}\n").as_bytes());
    for n in 0..size {
        match offsets.get(&n) {
            Some(&(off, gen)) => {
                out.extend_from_slice(format!("{off:010} {gen:05} n\r\n").as_bytes())
            }
            None => out.extend_from_slice(b"0000000000 65535 f\r\n"),
        }
    }
    let info_entry = info
        .map(|(n, g)| format!(" /Info {n} {g} R"))
        .unwrap_or_default();
    out.extend_from_slice(
        format!("trailer\n<< /Size {size} /Root {root_num} {root_gen} R{info_entry} >>\nstartxref\n{xref_at}\n%%EOF\n")
            .as_bytes(),
    );
    Some(out)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Reads "N G" ending just before `at` (the space of " obj"); the header
/// must start a line.
fn parse_header(body: &[u8], at: usize) -> Option<(u32, u16, usize)> {
    let mut j = at;
    let digits_back = |j: &mut usize| -> Option<usize> {
        let end = *j;
        while *j > 0 && body.get(*j - 1).is_some_and(u8::is_ascii_digit) {
            *j -= 1;
        }
        (end > *j).then_some(end)
    };
    let gen_end = digits_back(&mut j)?;
    let gen: u16 = std::str::from_utf8(body.get(j..gen_end)?)
        .ok()?
        .parse()
        .ok()?;
    if j == 0 || body.get(j - 1).is_none_or(|b| *b != b' ') {
        return None;
    }
    j -= 1;
    let num_end = digits_back(&mut j)?;
    let num: u32 = std::str::from_utf8(body.get(j..num_end)?)
        .ok()?
        .parse()
        .ok()?;
    let line_start = j == 0 || body.get(j - 1).is_some_and(|b| matches!(b, b'\n' | b'\r'));
    line_start.then_some((num, gen, j))
}
