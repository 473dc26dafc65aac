//! Writes the tables of every PDF in a folder in the table benchmark's
//! prediction format, one `<stem>.json` per PDF, and prints ms per page.
//!
//! `cargo run -p skjema-extractor --release --example tables -- IN_DIR OUT_DIR`
//!
//! With `TABLES_DUMP` set, the whole extracted document is written next to
//! each prediction as `<stem>.doc.json` (words, lines, rulings) for study.

use std::time::Instant;

use skjema_extractor::{extract, table_engine_time, tables_prediction, ExtractOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(input), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: tables IN_DIR OUT_DIR");
        std::process::exit(2);
    };
    let out = std::path::Path::new(out);
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("{}: {e}", out.display());
        std::process::exit(2);
    }
    let mut files: Vec<std::path::PathBuf> = match std::fs::read_dir(input) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")))
            .collect(),
        Err(e) => {
            eprintln!("{input}: {e}");
            std::process::exit(2);
        }
    };
    files.sort();
    let options = ExtractOptions::default();
    let (mut pages, mut secs) = (0usize, 0.0f64);
    for f in &files {
        let Ok(bytes) = std::fs::read(f) else {
            eprintln!("{}: unreadable", f.display());
            continue;
        };
        let t = Instant::now();
        let doc = match extract(&bytes, &options) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{}: {e}", f.display());
                continue;
            }
        };
        secs += t.elapsed().as_secs_f64();
        pages += doc.pages.len();
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = f
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if std::env::var_os("TABLES_DUMP").is_some() {
            if let Ok(full) = serde_json::to_string(&doc) {
                let _ = std::fs::write(out.join(format!("{stem}.doc.json")), full);
            }
        }
        let value = tables_prediction(&name, &doc);
        if let Err(e) = std::fs::write(out.join(format!("{stem}.json")), value.to_string()) {
            eprintln!("{stem}: {e}");
        }
    }
    let per_page = |s: f64| {
        if pages > 0 {
            s * 1000.0 / pages as f64
        } else {
            0.0
        }
    };
    println!(
        "{} files, {} pages, {:.2} ms/page (whole extraction), {:.3} ms/page (table engine alone)",
        files.len(),
        pages,
        per_page(secs),
        per_page(table_engine_time().as_secs_f64())
    );
}
