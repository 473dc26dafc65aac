//! Prints what the extractor sees in a file: lines with boxes and cell
//! references, rotated lines, ruling counts and tables as grids.
//!
//! `cargo run -p skjema-extractor --example dump -- file.pdf [page]`

use skjema_extractor::{extract, BBox, ExtractOptions};

fn bbox(b: &Option<BBox>) -> String {
    match b {
        Some(b) => format!("[{:6.1} {:6.1} {:6.1} {:6.1}]", b.x0, b.top, b.x1, b.bottom),
        None => "[no box]".into(),
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: dump FILE [PAGE]");
        std::process::exit(2);
    };
    let only: Option<u32> = args.next().and_then(|p| p.parse().ok());
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let doc = match extract(&bytes, &ExtractOptions::default()) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "{path}: {:?}, {} pages, {:?}",
        doc.media_type,
        doc.pages.len(),
        doc.metadata
    );
    for p in &doc.problems {
        println!("problem: {:?} {}", p.kind, p.message);
    }
    for page in doc
        .pages
        .iter()
        .filter(|p| only.is_none_or(|n| n == p.number))
    {
        println!(
            "\n=== page {} ({:.0} x {:.0}): {} lines, {} words, {} rotated, {} rulings, {} tables",
            page.number,
            page.width,
            page.height,
            page.lines.len(),
            page.words().count(),
            page.rotated.len(),
            page.rulings.len(),
            page.tables.len()
        );
        for p in &page.problems {
            println!("problem: {:?} {}", p.kind, p.message);
        }
        for l in &page.lines {
            let cell = l
                .cell
                .map(|c| format!("T{}r{}c{}", c.table, c.row, c.col))
                .unwrap_or_default();
            println!("{} {:9} {}", bbox(&l.bbox), cell, l.text);
        }
        for l in &page.rotated {
            let rot = l.words.first().map_or(0.0, |w| w.rotation);
            println!("rotated {rot:5.1}° {} {}", bbox(&l.bbox), l.text);
        }
        for c in &page.candidates {
            println!(
                "candidate {:?} {} {}",
                c.method,
                bbox(&Some(c.bbox)),
                c.rejected.unwrap_or("kept")
            );
        }
        for (i, t) in page.tables.iter().enumerate() {
            let cols = t.rows.first().map_or(0, Vec::len);
            println!(
                "--- table {i}: {} x {} {:?} {}",
                t.rows.len(),
                cols,
                t.method,
                bbox(&Some(t.bbox))
            );
            for row in &t.rows {
                let cells: Vec<String> = row
                    .iter()
                    .map(|c| match c {
                        Some(c) => {
                            let span = if c.row_span > 1 || c.col_span > 1 {
                                format!("<{}x{}>", c.row_span, c.col_span)
                            } else {
                                String::new()
                            };
                            format!("{span}{}", c.text.replace('\n', "⏎"))
                        }
                        None => "·".into(),
                    })
                    .collect();
                println!("| {} |", cells.join(" | "));
            }
        }
    }
}
