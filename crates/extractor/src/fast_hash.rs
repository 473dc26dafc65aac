//! A hasher for maps keyed by small integers (character codes, CIDs,
//! grid positions) that are looked up once per glyph or segment.
//!
//! The standard library's SipHash resists hash flooding, which these maps
//! do not need: their keys are bounded codes and positions, and no caller
//! depends on the order of iteration. SipHash of a code took about 3 % of a
//! run (font widths and ToUnicode lookups of every glyph); a multiply and
//! a rotation take a fraction of that.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`IntHasher`].
pub(crate) type IntMap<K, V> = HashMap<K, V, BuildHasherDefault<IntHasher>>;
/// A `HashSet` with [`IntHasher`].
pub(crate) type IntSet<K> = HashSet<K, BuildHasherDefault<IntHasher>>;

/// Multiplicative hashing of integers (the scheme of rustc's FxHash): each
/// word is mixed in with a rotation, a xor and a multiply by an odd
/// constant; `finish` rotates so the well-mixed high bits reach the low
/// bits the table indexes by.
#[derive(Default, Clone, Copy)]
pub(crate) struct IntHasher(u64);

const SEED: u64 = 0xf135_7aea_2e62_a9c5;

impl IntHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for IntHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            if let Some(dst) = word.get_mut(..chunk.len()) {
                dst.copy_from_slice(chunk);
            }
            self.add(u64::from_le_bytes(word));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u16(&mut self, i: u16) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbouring_codes_spread_over_the_table() {
        // Consecutive codes (a font's widths) must not collide in the low
        // bits a small table indexes by.
        let mut seen = std::collections::HashSet::new();
        for code in 0u32..256 {
            let mut h = IntHasher::default();
            h.write_u32(code);
            seen.insert(h.finish() & 0x3ff);
        }
        assert!(seen.len() > 200, "only {} distinct buckets", seen.len());
    }

    #[test]
    fn maps_find_what_was_put_in() {
        let mut m: IntMap<(usize, usize), u32> = IntMap::default();
        for i in 0..1000 {
            m.insert((i, i * 7), i as u32);
        }
        assert_eq!(m.get(&(10, 70)), Some(&10));
        assert_eq!(m.get(&(10, 71)), None);
        assert_eq!(m.len(), 1000);
    }
}
