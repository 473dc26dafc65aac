//! scratch: print rulings of a page
fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let bytes = std::fs::read(&a[0]).unwrap();
    let p: usize = a[1].parse().unwrap();
    let doc = skjema_extractor::extract(&bytes, &Default::default()).unwrap();
    let page = &doc.pages[p - 1];
    for r in &page.rulings {
        let b = r.bbox;
        println!("{:?} {:7.1} {:7.1} {:7.1} {:7.1}", r.kind, b.x0, b.top, b.x1, b.bottom);
    }
}
