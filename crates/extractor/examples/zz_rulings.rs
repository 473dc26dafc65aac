use skjema_extractor::{extract, ExtractOptions};
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&a[1]).unwrap();
    let pn: u32 = a[2].parse().unwrap();
    let (y0, y1): (f64, f64) = (a[3].parse().unwrap(), a[4].parse().unwrap());
    let doc = extract(&bytes, &ExtractOptions::default()).unwrap();
    let p = doc.pages.iter().find(|p| p.number == pn).unwrap();
    for r in &p.rulings {
        if r.bbox.top >= y0 && r.bbox.bottom <= y1 && r.is_horizontal() {
            println!(
                "{:.1} {:.1} {:.1} {:.1} {:?}",
                r.bbox.x0, r.bbox.top, r.bbox.x1, r.bbox.bottom, r.kind
            );
        }
    }
    for t in &p.tables {
        for row in &t.rows {
            let c = row.iter().flatten().next();
            if let Some(c) = c {
                println!("row top {:.1} bottom {:.1}", c.bbox.top, c.bbox.bottom);
            }
        }
    }
}
