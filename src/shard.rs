//! `--shard K/N`: a deterministic part of the inputs, chosen by content so
//! that N machines given the same inputs split them without talking to each
//! other, and identical files (one report_id) always land in the same shard.
//!
//! Rule: an input belongs to shard K when its SHA-256, read as a big-endian
//! 256-bit integer, is K-1 modulo N (in Python: `int(sha256, 16) % N + 1`).
//! Folders that cannot be listed and files that cannot be read have no hash;
//! they go to shard 1, whose errors.csv then reports them once.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::inputs::Input;

/// Shard K of N (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which shard, 1..=count.
    pub index: u32,
    /// How many shards.
    pub count: u32,
}

impl Shard {
    /// Parses `K/N` with 1 <= K <= N.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let usage = || format!("expected K/N with 1 <= K <= N, such as 2/8; got {text:?}");
        let (k, n) = text.split_once('/').ok_or_else(usage)?;
        let index: u32 = k.trim().parse().map_err(|_| usage())?;
        let count: u32 = n.trim().parse().map_err(|_| usage())?;
        if index == 0 || count == 0 || index > count {
            return Err(usage());
        }
        Ok(Shard { index, count })
    }

    /// The shard (1-based) a SHA-256 digest belongs to.
    pub fn of_digest(digest: &[u8], count: u32) -> u32 {
        let n = u128::from(count.max(1));
        let rest = digest
            .iter()
            .fold(0u128, |acc, &byte| (acc * 256 + u128::from(byte)) % n);
        // rest < count <= u32::MAX, so the conversion cannot fail.
        u32::try_from(rest).unwrap_or(0) + 1
    }

    /// Keeps the inputs of this shard, hashing files on `pool` (streaming,
    /// never more than a buffer per thread in memory). Order is kept.
    pub fn select(&self, inputs: Vec<Input>, pool: &rayon::ThreadPool) -> Vec<Input> {
        let count = self.count;
        let keep: Vec<bool> = pool.install(|| {
            inputs
                .par_iter()
                .map(|input| {
                    let shard = match input {
                        Input::File(path) => hash_file(path)
                            .map(|digest| Shard::of_digest(&digest, count))
                            .unwrap_or(1),
                        Input::Unreadable(..) => 1,
                    };
                    shard == self.index
                })
                .collect()
        });
        inputs
            .into_iter()
            .zip(keep)
            .filter_map(|(input, keep)| keep.then_some(input))
            .collect()
    }
}

/// SHA-256 of a file, read in 64 KiB pieces.
pub fn hash_file(path: &Path) -> std::io::Result<[u8; 32]> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(buffer.get(..n).unwrap_or_default());
    }
    Ok(hasher.finalize().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn k_of_n_is_parsed_and_checked() {
        assert_eq!(Shard::parse("2/8"), Ok(Shard { index: 2, count: 8 }));
        assert_eq!(Shard::parse("1/1"), Ok(Shard { index: 1, count: 1 }));
        for bad in ["0/3", "4/3", "3", "a/b", "1/0", ""] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_digest_is_read_as_one_big_endian_integer() {
        // 0x…0102 = 258: 258 % 7 = 6 → shard 7; 258 % 2 = 0 → shard 1.
        let mut digest = [0u8; 32];
        digest[30] = 1;
        digest[31] = 2;
        assert_eq!(Shard::of_digest(&digest, 7), 7);
        assert_eq!(Shard::of_digest(&digest, 2), 1);
        // 2^256 - 1 is 0 mod 3 and mod 5 (2^256 ≡ 1 for both): shard 1.
        let all = [0xffu8; 32];
        assert_eq!(Shard::of_digest(&all, 3), 1);
        assert_eq!(Shard::of_digest(&all, 5), 1);
        // and 2^256 - 1 ≡ 1 mod 7 (2^3 ≡ 1, 256 ≡ 1 mod 3 → 2^256 ≡ 2): 2 - 1 = 1 → shard 2.
        assert_eq!(Shard::of_digest(&all, 7), 2);
        assert_eq!(Shard::of_digest(&all, 1), 1);
    }

    #[test]
    fn every_input_lands_in_exactly_one_shard() {
        let dir = tempfile::tempdir().unwrap();
        let mut inputs = Vec::new();
        for i in 0..40 {
            let path = dir.path().join(format!("f{i:02}"));
            std::fs::write(&path, format!("file {i}")).unwrap();
            inputs.push(Input::File(path));
        }
        inputs.push(Input::Unreadable(dir.path().join("gone"), "denied".into()));
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let mut seen = Vec::new();
        for k in 1..=3 {
            let part = Shard { index: k, count: 3 }.select(inputs.clone(), &pool);
            assert!(!part.is_empty(), "shard {k} of 41 inputs is empty");
            assert!(
                part.windows(2).all(|w| w[0].path() < w[1].path()),
                "order kept"
            );
            seen.extend(part);
        }
        seen.sort();
        let mut all = inputs.clone();
        all.sort();
        assert_eq!(seen, all);
        // The unreadable folder is in shard 1.
        let first = Shard { index: 1, count: 3 }.select(inputs, &pool);
        assert!(first.iter().any(|i| matches!(i, Input::Unreadable(..))));
    }
}
