//! Compares the lazy object store with lopdf's whole-file load: every
//! file is extracted both ways and the documents' debug forms compared.
//!
//! `cargo run --release -p skjema-extractor --example lazy_compare -- FILE...`

use skjema_extractor::{extract_pdf_with, ExtractOptions};

fn main() {
    let options = ExtractOptions::default();
    let (mut same, mut differ, mut fallback) = (0, 0, 0);
    let mut reasons: std::collections::BTreeMap<String, usize> = Default::default();
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("{path}: unreadable");
            continue;
        };
        let (lazy, why) = extract_pdf_with(&bytes, &options, false);
        let (loaded, _) = extract_pdf_with(&bytes, &options, true);
        if let Some(why) = &why {
            fallback += 1;
            // Counts without the numbers.
            let kind: String = why.chars().filter(|c| !c.is_ascii_digit()).collect();
            *reasons.entry(kind).or_default() += 1;
            if std::env::var_os("VERBOSE").is_some() {
                println!("FALLBACK {path}: {why}");
            }
        }
        let (a, b) = (format!("{lazy:?}"), format!("{loaded:?}"));
        if a == b {
            same += 1;
        } else {
            differ += 1;
            println!("DIFFERS {path} (lazy path: {})", why.is_none());
            if std::env::var_os("DUMP").is_some() {
                let dir = std::path::Path::new("/tmp/lazy_diff");
                let _ = std::fs::create_dir_all(dir);
                let name = std::path::Path::new(&path)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                let _ = std::fs::write(dir.join(format!("{name}.lazy")), a.replace("), ", "),\n"));
                let _ = std::fs::write(dir.join(format!("{name}.lopdf")), b.replace("), ", "),\n"));
            }
        }
    }
    println!("identical {same}, different {differ}, read by lopdf {fallback}");
    for (why, n) in reasons {
        println!("  {n:5}  {why}");
    }
}
