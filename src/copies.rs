//! Files with the same bytes are one report. Archives are full of copies
//! ("rapport.pdf" and "rapport (2).pdf"); reading each would give rows with
//! one `report_id` several times and break every key of the dataset. Before
//! the run, inputs are grouped by content: only files whose size another
//! file shares can be copies, so only those are hashed (a pass that costs a
//! read of the candidates, not of the archive). The first path of a group in
//! sorted order is read; the others become rows of duplicates.csv and are
//! listed in the report's `source.paths`.

use std::collections::{BTreeMap, HashMap};

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
    let candidates: Vec<usize> = by_size
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
            .map(|input| input.path().display().to_string())
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
        assert_eq!(names, ["a.pdf", "b.pdf", "d.pdf"]);
        let a = dir.path().join("a.pdf").display().to_string();
        let copies = &grouped.copies[&a];
        assert_eq!(copies.len(), 2);
        assert!(copies[0].ends_with("c.pdf") && copies[1].ends_with("e.pdf"));
        assert_eq!(grouped.copies.len(), 1);
    }
}
