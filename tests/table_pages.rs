//! The table engine on 251 pages of real-world PDFs nobody tuned it on:
//! `tests/table_pages/labels.tsv` says, for pages of `../shared/corpus/pdf/`,
//! where a person looking at the page saw tables (and that most of the
//! pages hold none). Prints precision and recall over the labelled tables
//! (a predicted table matches a labelled one on the same page when their
//! boxes overlap with IoU >= 0.5, one to one; a prediction inside a region
//! labelled "either way" counts neither way) against issue 12's target of
//! 0.97, and fails when they fall below the floors reached so far.
//!
//! `cargo test --test table_pages -- --nocapture` shows the figures and
//! every page where the engine and the labels disagree.

use std::path::PathBuf;

mod table_support;

use skjema_extractor::{extract, BBox, ExtractOptions};
use table_support::{area, intersection, iou};

/// Issue 12's target for precision and recall on the labelled pages (not
/// reached yet; printed beside the figures).
const TARGET: f64 = 0.97;
/// Floors the engine must not fall below: the figures reached when the
/// labelled set was made (precision 0.842, recall 0.944), so that a change
/// that loses ground fails here.
const MIN_PRECISION: f64 = 0.84;
const MIN_RECALL: f64 = 0.94;
/// Smallest overlap (intersection over union) for a match.
const MIN_IOU: f64 = 0.5;

struct Label {
    file: String,
    page: u32,
    tables: Vec<BBox>,
    either_way: Vec<BBox>,
}

/// Parses `x0,top,x1,bottom`.
fn parse_box(s: &str) -> Option<BBox> {
    let v: Vec<f64> = s
        .split(',')
        .map(|x| x.trim().parse().ok())
        .collect::<Option<_>>()?;
    match v.as_slice() {
        [x0, top, x1, bottom] => Some(BBox {
            x0: *x0,
            top: *top,
            x1: *x1,
            bottom: *bottom,
        }),
        _ => None,
    }
}

fn labels() -> Vec<Label> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/table_pages/labels.tsv");
    let text = std::fs::read_to_string(&path).expect("tests/table_pages/labels.tsv is readable");
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [file, page, boxes] = cols.as_slice() else {
            panic!(
                "labels.tsv line {}: expected three tab-separated columns",
                n + 1
            );
        };
        let mut label = Label {
            file: (*file).to_owned(),
            page: page.parse().expect("page number"),
            tables: Vec::new(),
            either_way: Vec::new(),
        };
        if *boxes != "-" {
            for b in boxes.split(';') {
                let (list, spec) = match b.strip_prefix('?') {
                    Some(rest) => (&mut label.either_way, rest),
                    None => (&mut label.tables, b),
                };
                list.push(
                    parse_box(spec)
                        .unwrap_or_else(|| panic!("labels.tsv line {}: bad box {b:?}", n + 1)),
                );
            }
        }
        out.push(label);
    }
    out
}

/// Matches predictions to labelled tables one to one, best overlap first;
/// returns (matched, unmatched predictions outside "either way" regions).
fn score_page(pred: &[BBox], label: &Label) -> (usize, usize) {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, p) in pred.iter().enumerate() {
        for (j, t) in label.tables.iter().enumerate() {
            let v = iou(p, t);
            if v >= MIN_IOU {
                pairs.push((v, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut used_p = vec![false; pred.len()];
    let mut used_t = vec![false; label.tables.len()];
    let mut matched = 0;
    for (_, i, j) in pairs {
        if !used_p[i] && !used_t[j] {
            used_p[i] = true;
            used_t[j] = true;
            matched += 1;
        }
    }
    let false_positives = pred
        .iter()
        .zip(&used_p)
        .filter(|(p, used)| {
            !**used
                && !label
                    .either_way
                    .iter()
                    .any(|r| iou(p, r) >= MIN_IOU || intersection(p, r) >= 0.5 * area(p))
        })
        .count();
    (matched, false_positives)
}

#[test]
fn labelled_corpus_pages() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/pdf");
    assert!(
        corpus.is_dir(),
        "{} is missing (shared/ must sit beside the repository)",
        corpus.display()
    );
    let labels = labels();
    assert!(
        labels.len() >= 150,
        "the labelled set has {} pages",
        labels.len()
    );
    let options = ExtractOptions::default();
    let (mut tp, mut fp, mut gold) = (0usize, 0usize, 0usize);
    // Pages: does the engine see a table where the labels do?
    let (mut page_tp, mut page_fp, mut page_fn) = (0usize, 0usize, 0usize);
    let mut disagreements = Vec::new();
    let mut cache: Option<(String, skjema_extractor::Document)> = None;
    for label in &labels {
        if cache.as_ref().map(|(f, _)| f.as_str()) != Some(label.file.as_str()) {
            let bytes = std::fs::read(corpus.join(&label.file))
                .unwrap_or_else(|e| panic!("{}: {e}", label.file));
            let doc = extract(&bytes, &options).unwrap_or_else(|e| panic!("{}: {e}", label.file));
            cache = Some((label.file.clone(), doc));
        }
        let Some((_, doc)) = &cache else { continue };
        let pred: Vec<BBox> = doc
            .pages
            .iter()
            .filter(|p| p.number == label.page)
            .flat_map(|p| p.tables.iter().map(|t| t.bbox))
            .collect();
        let (m, f) = score_page(&pred, label);
        tp += m;
        fp += f;
        gold += label.tables.len();
        let (seen, labelled) = (m + f > 0, !label.tables.is_empty());
        match (seen, labelled) {
            (true, true) => page_tp += 1,
            (true, false) if f > 0 => page_fp += 1,
            (false, true) => page_fn += 1,
            _ => {}
        }
        if f > 0 || m < label.tables.len() {
            disagreements.push(format!(
                "  {} p{}: {} found, {} labelled, {} matched, {} not tables",
                label.file,
                label.page,
                pred.len(),
                label.tables.len(),
                m,
                f
            ));
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / gold.max(1) as f64;
    let page_precision = page_tp as f64 / (page_tp + page_fp).max(1) as f64;
    let page_recall = page_tp as f64 / (page_tp + page_fn).max(1) as f64;
    println!(
        "labelled corpus pages: {} pages ({} without a table), {} tables labelled, {} found, {} matched",
        labels.len(),
        labels.iter().filter(|l| l.tables.is_empty()).count(),
        gold,
        tp + fp,
        tp
    );
    println!("  tables: precision {precision:.3}, recall {recall:.3} (target {TARGET:.2})");
    println!("  pages with a table: precision {page_precision:.3}, recall {page_recall:.3}");
    for d in &disagreements {
        println!("{d}");
    }
    assert!(
        precision >= MIN_PRECISION && recall >= MIN_RECALL,
        "table precision {precision:.3} / recall {recall:.3} below the floors {MIN_PRECISION} / {MIN_RECALL}"
    );
}
