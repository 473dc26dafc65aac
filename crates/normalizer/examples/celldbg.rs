//! Debug: for single-word cell lines followed by a lower-case line, prints the gap to the cell's inner right edge in ems.
use skjema_extractor::{extract, ExtractOptions};
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap();
        let doc = extract(&bytes, &ExtractOptions::default()).unwrap();
        for p in &doc.pages {
            for (ti, t) in p.tables.iter().enumerate() {
                for (r, row) in t.rows.iter().enumerate() {
                    for (c, cell) in row.iter().enumerate() {
                        let Some(cell) = cell else { continue };
                        let lines: Vec<_> = p
                            .lines
                            .iter()
                            .filter(|l| {
                                l.cell
                                    .is_some_and(|x| x.table == ti && x.row == r && x.col == c)
                            })
                            .collect();
                        let pad = lines
                            .iter()
                            .map(|l| l.bbox.unwrap().x0 - cell.bbox.x0)
                            .fold(f64::INFINITY, f64::min);
                        for w in lines.windows(2) {
                            if w[0].words.len() == 1
                                && w[1].text.chars().next().is_some_and(|c| c.is_lowercase())
                            {
                                let fs = w[0].words[0].font_size;
                                let gap = (cell.bbox.x1 - pad - w[0].bbox.unwrap().x1) / fs;
                                println!("{gap:.2} {} | {}", w[0].text, w[1].text);
                            }
                        }
                    }
                }
            }
        }
    }
}
