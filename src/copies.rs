//! Files with the same bytes are one report. Archives are full of copies
//! ("rapport.pdf" and "rapport (2).pdf"); reading each would give rows with
//! one `report_id` several times and break every key of the dataset. Before
//! the run, inputs are grouped by content: only files whose size another
//! file shares can be copies, and of those only files whose first and last
//! [`PROBE`] bytes are also the same as another's are hashed whole (a PDF's
//! end holds its cross-reference offsets and document id, so different files
//! of one size almost always differ there). The pass reads a few kilobytes
//! of most files and all of only the likely copies. The first path of a
//! group in sorted order is read; the others become rows of duplicates.csv
//! and are listed in the report's `source.paths`.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use sha2::{Digest, Sha256};

use rayon::prelude::*;

use crate::inputs::Input;
use crate::shard::hash_file;

/// The inputs to read, and for each path read, its copies (sorted).
#[derive(Debug, Default)]
pub struct Grouped {
    /// Inputs to read, in their sorted order.
    pub inputs: Vec<Input>,
    /// Path read (as shown in the outputs) → paths of its copies.
    pub copies: HashMap<String, Vec<String>>,
}

/// Groups the inputs by content; `pool` hashes the candidates.
pub fn group_copies(inputs: Vec<Input>, pool: &rayon::ThreadPool) -> Grouped {
    let mut by_size: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    for (i, input) in inputs.iter().enumerate() {
        if let Input::File(path) = input {
            if let Ok(meta) = std::fs::metadata(path) {
                by_size.entry(meta.len()).or_default().push(i);
            }
        }
    }
    let same_size: Vec<usize> = by_size
        .into_values()
        .filter(|group| group.len() > 1)
        .flatten()
        .collect();
    let probes: Vec<(usize, Option<[u8; 32]>)> = pool.install(|| {
        same_size
            .par_iter()
            .map(|&i| {
                let probe = match inputs.get(i) {
                    Some(Input::File(path)) => probe(path).ok(),
                    _ => None,
                };
                (i, probe)
            })
            .collect()
    });
    let mut by_probe: BTreeMap<[u8; 32], Vec<usize>> = BTreeMap::new();
    for (i, probe) in probes {
        if let Some(probe) = probe {
            by_probe.entry(probe).or_default().push(i);
        }
    }
    let candidates: Vec<usize> = by_probe
        .into_values()
        .filter(|group| group.len() > 1)
        .flatten()
        .collect();
    let digests: Vec<(usize, Option<[u8; 32]>)> = pool.install(|| {
        candidates
            .par_iter()
            .map(|&i| {
                let digest = match inputs.get(i) {
                    Some(Input::File(path)) => hash_file(path).ok(),
                    _ => None,
                };
                (i, digest)
            })
            .collect()
    });
    // Input order is sorted, so the lowest index of a digest is its first path.
    let mut first_of: HashMap<[u8; 32], usize> = HashMap::new();
    let mut copy_of: HashMap<usize, usize> = HashMap::new();
    let mut sorted = digests;
    sorted.sort_by_key(|(i, _)| *i);
    for (i, digest) in sorted {
        let Some(digest) = digest else { continue };
        match first_of.get(&digest) {
            Some(&first) => {
                copy_of.insert(i, first);
            }
            None => {
                first_of.insert(digest, i);
            }
        }
    }
    let shown = |i: usize| {
        inputs
            .get(i)
            .map(|input| crate::inputs::shown(input.path()))
            .unwrap_or_default()
    };
    let mut copies: HashMap<String, Vec<String>> = HashMap::new();
    let mut copy_indexes: Vec<(&usize, &usize)> = copy_of.iter().collect();
    copy_indexes.sort();
    for (&copy, &first) in copy_indexes {
        copies.entry(shown(first)).or_default().push(shown(copy));
    }
    let inputs = inputs
        .into_iter()
        .enumerate()
        .filter_map(|(i, input)| (!copy_of.contains_key(&i)).then_some(input))
        .collect();
    Grouped { inputs, copies }
}

/// Bytes read from each end of a file before it is hashed whole.
pub const PROBE: u64 = 4096;

/// SHA-256 of a file's length, first and last [`PROBE`] bytes.
fn probe(path: &Path) -> std::io::Result<[u8; 32]> {
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    let mut hasher = Sha256::new();
    hasher.update(len.to_le_bytes());
    let mut buffer = Vec::with_capacity(2 * PROBE as usize);
    (&mut file).take(PROBE).read_to_end(&mut buffer)?;
    if len > PROBE {
        file.seek(SeekFrom::Start(len.saturating_sub(PROBE).max(PROBE)))?;
        file.take(PROBE).read_to_end(&mut buffer)?;
    }
    hasher.update(&buffer);
    Ok(hasher.finalize().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_grouped_under_their_first_path() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            Input::File(path)
        };
        let inputs = vec![
            write("a.pdf", b"report one"),
            write("b.pdf", b"report two"), // same size, other bytes
            write("c.pdf", b"report one"),
            write("d.pdf", b"short"),
            write("e.pdf", b"report one"),
        ];
        // Same size, same ends, other middle: hashed whole and told apart.
        let big = |middle: u8| {
            let mut bytes = vec![b'%'; 3 * PROBE as usize];
            bytes[PROBE as usize + 10] = middle;
            bytes
        };
        let mut inputs = inputs;
        inputs.push(write("f.pdf", &big(b'1')));
        inputs.push(write("g.pdf", &big(b'2')));
        inputs.push(write("h.pdf", &big(b'1')));
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let grouped = group_copies(inputs, &pool);
        let names: Vec<String> = grouped
            .inputs
            .iter()
            .map(|i| i.path().file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.pdf", "b.pdf", "d.pdf", "f.pdf", "g.pdf"]);
        let a = dir.path().join("a.pdf").display().to_string();
        let copies = &grouped.copies[&a];
        assert_eq!(copies.len(), 2);
        assert!(copies[0].ends_with("c.pdf") && copies[1].ends_with("e.pdf"));
        let f = dir.path().join("f.pdf").display().to_string();
        assert_eq!(grouped.copies[&f].len(), 1);
        assert!(grouped.copies[&f][0].ends_with("h.pdf"));
        assert_eq!(grouped.copies.len(), 2);
    }
}
