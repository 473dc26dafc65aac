//! Reading order of a page set in two columns, and of label/value lines,
//! which must stay whole.

mod common;

use common::{pdf, text};
use skjema_extractor::{extract, ExtractOptions};

#[test]
fn two_columns_are_read_left_column_first() {
    let mut ops = text(
        72.0,
        740.0,
        12.0,
        b"Overskrift over begge spaltene i rapporten",
    );
    for (i, y) in [700.0, 686.0, 672.0, 658.0].iter().enumerate() {
        let left = format!("Venstre spalte linje {} med tekst her", i + 1);
        let right = format!("Hoyre spalte linje {} med tekst der", i + 1);
        ops.extend(text(72.0, *y, 10.0, left.as_bytes()));
        ops.extend(text(320.0, *y, 10.0, right.as_bytes()));
    }
    ops.extend(text(
        72.0,
        600.0,
        12.0,
        b"Avslutning som spenner over hele bredden av siden",
    ));
    let doc = extract(&pdf(ops), &ExtractOptions::default()).expect("extracts");
    let texts: Vec<&str> = doc.pages[0].lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            "Overskrift over begge spaltene i rapporten",
            "Venstre spalte linje 1 med tekst her",
            "Venstre spalte linje 2 med tekst her",
            "Venstre spalte linje 3 med tekst her",
            "Venstre spalte linje 4 med tekst her",
            "Hoyre spalte linje 1 med tekst der",
            "Hoyre spalte linje 2 med tekst der",
            "Hoyre spalte linje 3 med tekst der",
            "Hoyre spalte linje 4 med tekst der",
            "Avslutning som spenner over hele bredden av siden",
        ]
    );
}

#[test]
fn label_value_lines_stay_whole() {
    let mut ops = Vec::new();
    for (i, (label, value)) in [
        (&b"Programnavn:"[..], &b"Bolig for alle i kommunen"[..]),
        (b"Kommune:", b"Moss kommune"),
        (b"Programleder:", b"Kari Nordmann"),
        (b"Utfylt av:", b"Ola Nordmann"),
    ]
    .iter()
    .enumerate()
    {
        let y = 700.0 - 16.0 * i as f64;
        ops.extend(text(72.0, y, 11.0, label));
        ops.extend(text(220.0, y, 11.0, value));
    }
    let doc = extract(&pdf(ops), &ExtractOptions::default()).expect("extracts");
    let texts: Vec<&str> = doc.pages[0].lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            "Programnavn: Bolig for alle i kommunen",
            "Kommune: Moss kommune",
            "Programleder: Kari Nordmann",
            "Utfylt av: Ola Nordmann",
        ]
    );
}
