//! A property test without a framework: `extract` never panics — not even a
//! panic caught inside the extractor — on randomly mutated fixture PDFs.
//! A fixed xorshift seed keeps it reproducible; the case count is small so
//! the test stays quick (`cargo fuzz run pdf` is the long version).

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use skjema_extractor::{extract, ExtractOptions};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, bytes: &[u8]) -> Vec<u8> {
    let mut b = bytes.to_vec();
    for _ in 0..=rng.below(8) {
        let at = rng.below(b.len());
        match rng.below(5) {
            0 => b[at] = rng.next() as u8,
            1 => b.truncate(at.max(16)),
            2 => {
                let len = rng.below(64).min(b.len() - at);
                b.drain(at..at + len);
            }
            3 => {
                let from = rng.below(b.len());
                let len = rng.below(256).min(b.len() - from);
                let chunk = b[from..from + len].to_vec();
                b.splice(at..at, chunk);
            }
            _ => {
                let tokens: [&[u8]; 8] = [
                    b" obj",
                    b"endobj",
                    b" R ",
                    b"<<",
                    b">>",
                    b"[",
                    b"stream\n",
                    b"9999999999",
                ];
                let t = tokens[rng.below(tokens.len())];
                b.splice(at..at, t.iter().copied());
            }
        }
    }
    b
}

#[test]
fn extract_never_panics_on_mutated_fixtures() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pdf");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let panics = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&panics);
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        seen.fetch_add(1, Ordering::SeqCst);
        default_hook(info);
    }));
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let options = ExtractOptions {
        max_pages: 3,
        ..ExtractOptions::default()
    };
    for _ in 0..48 {
        let path = &files[rng.below(files.len())];
        let bytes = std::fs::read(path).expect("fixture");
        let mutated = mutate(&mut rng, &bytes);
        let _ = extract(&mutated, &options);
    }
    assert_eq!(
        panics.load(Ordering::SeqCst),
        0,
        "a panic happened (see stderr)"
    );
}
