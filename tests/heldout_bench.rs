//! The held-out report set (`tests/heldout/`): 28 report PDFs on the four
//! forms made by an independent generator (`scripts/heldout/`, written
//! without reading the engine) with other layouts and other producers than
//! the fixtures and the shared benchmark: python-docx → LibreOffice,
//! HTML → Chromium, HTML imported into LibreOffice Writer, and Ghostscript
//! re-writes of the first two. The gold is the generator's ground truth.
//! Scored with the rules of the shared benchmark's `score.py`
//! (`bench_score`); prints the accuracy per field group, form, producer and
//! report, and the gold values lost silently.
//!
//! The floors sit a little below the measured figures, so a regression
//! fails; they are not the project's targets (those are issue 11's, held
//! by `reports_bench`).
//!
//! `cargo test --release --test heldout_bench -- --nocapture`

mod bench_score;

use std::path::PathBuf;

use bench_score::run::{failures, print_tables, run_all, tabulate, Floors};

/// Measured after the first round of fixes for this set: overall 0.641,
/// weakest part (producer lohtml) 0.213, 126 of 2,343 gold values lost
/// silently (before them: 0.512 overall on the same gold). Merged with the
/// second table round, LibreOffice-HTML budget tables whose columns shift
/// put amounts into the activity cell ("Programledelse og 825 000") with no
/// issue (156 silent) until such rows were flagged on the list. Third
/// round (labels parted by a space, lists read from the page text when no
/// grid is found, households rows known by keywords and wrapped labels,
/// final reports' foreword prose): 0.740 overall, weakest part lohtml
/// 0.393, 103 silent. Fourth round (the stronger header takes a role two
/// columns name, reworded indicator rows, a printed prompt as no answer,
/// amounts broken inside their øre, an indicator's full date, "Egenandel"
/// as own funding): 0.764 overall, lohtml 0.393, 87 silent. Tables
/// continued on the next page without their header (year tables, and rows
/// carried over as plain text lines): 0.776 overall, lohtml 0.393, 61
/// silent. Tables ruled with horizontal lines only read with their
/// columns (a ruled band's wrapped lines one row, word-only rows ruled
/// apart a table, a header printed twice cutting stacked tables): 0.797
/// overall, h09 0.132 → 0.519, but 86 silent: the newly found tables give
/// the normalizer rows it drops without an issue (h09: the last row of a
/// table continued from the page before or followed by a footnote row, 18
/// values), a normalizer class left to issue 11. Fifth round (an area heading over a table that was not read is
/// an issue, a header piece above the grid is no area, a row number
/// centred inside a "Nr. Aktivitet" label, the status legend alone as the
/// status header): 0.778 overall, lohtml 0.412, 17 silent (before the
/// horizontal-rule tables were merged). Both merged: 0.799 overall, 42
/// silent. Sixth round, cell text on its printed lines: a table engine
/// that joins a ruled row's wrapped lines into one line (or ties no line
/// to the cell) hid where a narrow cell broke a word ("Boveiledertjen
/// este", "styringsgrup pen.", h09); the cell is read again on its printed
/// lines, from the page's words when no line is tied to it, against its
/// column's widest line. The document's words "in the middle of a line"
/// no longer count a word across a column gap or on the next printed line
/// (which made such pieces words); frequent short words and abbreviations
/// ("enn", "ca.") after a full line are a wrap ("Forsinketca.", h08).
/// 0.816 overall, lohtml 0.430, 29 silent. Left: "Redusert" / "omfang"
/// (h13) and "bomiljøarbeider" / "er" (h08) look like a broken word to
/// the geometry and the document's words alike; "Opplæringspla" / "n"
/// (h09, a row of 7 values) ends 0.8 em short of its column's widest line.
/// Seventh round, tables ruled with horizontal lines only: a ruled region
/// of long cells is no prose (rules part its rows), a row broken over a
/// page is joined between its rules when its lines carry on in lower
/// case, and a loose cell's edge is its column's widest text, not an empty
/// cell's bound: 0.826 overall, 28 silent (h06 0.669 -> 0.835, h09 0.623
/// -> 0.670, its lost row found; left: "Redusert" / "omfang" now in h09
/// too, "Opplæringsplanen" / "er" glued, h06 indicators' labels).
/// Merged with the table engine's round of the same day (white fills draw
/// no rulings, shadowed or staggered boxes are a diagram, a title line
/// across a region's columns parts two stacked tables): 0.832 overall, 28
/// silent; h09 0.670 -> 0.906 (its budget and funding tables parted), but
/// h12 0.344 -> 0.219: with the title-line rule its budget table (whose
/// columns LibreOffice's HTML import shifts row by row) is cut into other
/// columns, and its amounts go to an issue instead of half of them to the
/// right columns (lohtml 0.430 -> 0.393; measured with the rule switched
/// off: 0.826 overall, h12 0.344, h09 0.670). Rows of a year table carried
/// to the next page as text lines were dropped when the page's top margin
/// put them in the running-header band, when a figure stood less than an
/// em after a label filling its column (narrow cell padding) or a wider
/// amount ran past the column's widest text on the page before: 0.835
/// overall, 21 silent (h19 0.500 -> 0.554, its 4 silent funding values).
/// Rows the form prints that no table gave, and rows that are no rows: a
/// household category missing from the tables is an issue on the list (h06's
/// last row, cut off by a page break the table finder did not follow), an
/// indicator row of words only (a note on the source, a heading naming a
/// count another row gives) is no indicator (h06), and a list's printed
/// header row outside every grid is an issue for every list with column
/// headers: 0.837 overall, 10 silent (h06 0.835 -> 0.868, 11 silent -> 0).
/// A district the cover names ("Bydel Søndre Nordstrand, Oslo kommune")
/// refines a municipality found without one, and a final report's owner
/// is read from its fact block ("Prosjekteier: Helse- og sosialsjef NN"; a
/// body such as "X kommune" is no person): 0.837, 8 silent (h23, h26 1.000).
/// A borderless table's last row keeps the lines its cell wraps onto below
/// the table's last line of two cells (h17's last goal "… kjenner" /
/// "Husbankens virkemidler"): 0.838, 6 silent (h17 0.757 -> 0.784).
/// Borderless tables the stream checks threw away, and a table's head left
/// behind by a page break: a matrix of ticks ("X", "✓", a lower-case "x"
/// that carries on no sentence) is data as figures are, and rows holding
/// only their label after its last row are rows when the table already has
/// such a row; a row of amounts written with their currency ("kr 400
/// 000,-") under a row of years is no chart's axis labels; a header and a
/// row left as plain lines at the foot of the page before a table (too few
/// for the table engine) are its first rows: 0.857, 6 silent (partners
/// 0.768 -> 1.000, funding 0.769 -> 0.845; h17 0.784, h20 0.729, h28
/// 0.634 -> 1.000; h09 fell 0.906 -> 0.670 there, its funding table taken
/// for a chart's labels, and was back once two amounts to a row count as
/// no more than a chart's side labels). Tables as LibreOffice imports them
/// from HTML, or Chromium prints them: no rules, a shaded box behind each
/// header cell, side by side, the cells centred in their rows' height.
/// The boxes are the columns (text set close across a column's edge no
/// longer joins two columns), such a header draws the table as rules do
/// when a figure stands below it, and a line set between two lines of a
/// wrapped cell, reaching into both and filling only the other columns, is
/// that row's (a number or status centred beside a description): 0.907,
/// 6 silent (lohtml 0.405 -> 0.695; h12 0.219 -> 0.760, h22 0.500 and h27
/// 0.440 -> 1.000, h05 0.451 -> 0.549). A word the document prints whole
/// elsewhere, a word space and another word after it on its line, is no
/// first piece of a broken word when a word follows it (one of the
/// document's, or of three letters or more; "styringsgruppe" / "n." is
/// still one): "Redusert" / "omfang" (h09, h13: a
/// column as wide as its widest word) and "bomiljøarbeider" / "er" (h08)
/// are two words: 0.909, 1 silent. Left: "Opplæringsplanen" / "er" (h09),
/// whose first word stands nowhere else, fills its line and leaves no
/// room for an "e": the geometry and the document's words say "broken".
/// Rows carried to the next page as plain lines, from a table whose cells
/// are centred and padded (LibreOffice's HTML import): a label's first
/// line and the line under it holding the row's figures are one row, and a
/// row as far below the one above as the table's rows stand apart on the
/// page before goes on (a label's first line there when the line under it
/// holds figures); a count written with its unit ("24 stk.") is read:
/// 0.914, 1 silent (h05 0.549 -> 0.609, its households B and C).
/// Two borderless tables stacked under a title set larger than both, in
/// different type sizes, are two tables (the stream region parts at the
/// title; the parts are not joined back as a table cut at a group label);
/// a line with fewer cells is a new row, not the row's cells wrapped, when
/// it puts a figure under the row's key into a column the key's last line
/// left empty, or is a figure key (a year) under a figure key as far down
/// as the table's rows stand apart: 0.943, 1 silent (h03 0.530 -> 0.970,
/// h06 0.876 -> 0.893, h09 0.915 -> 0.991).
/// A shaded header band ending right above a region's first line (the
/// header's lines read apart from the rows) gives the rows its columns, its
/// last row of boxes (no line with two cells in one box); a second header
/// row that names more columns joins the header though no cell spans into
/// it: 0.945, 1 silent (h06 0.893 -> 0.934, its budget's own funding).
/// The households' dated headers are read without "pr." ("Status behov"
/// spanning "01.01.2014" and "31.12.2014"): 0.954, 1 silent (h07 0.836 ->
/// 1.000, its table found by its header, columns in another order).
/// 2026-12-05, with the classes a second, fresh batch showed (below): cells
/// centred in their row's height kept in the table with the header above
/// them (h19 0.770 -> 0.919, h12 0.760 -> 0.917), a header left alone at a
/// page foot and indicator rows no grid gave read (h05's indicators), a
/// shaded header painted twice one box, counts written with the noun they
/// count ("70 husstander"): 0.971, 1 silent.
const FLOORS: Floors = Floors {
    overall: 0.965,
    part: 0.65,
    silent: 1,
};

/// The producer, from the file name's tail after the form
/// (`h07_arsrapport_2012_gs_docx` → "gs_docx").
fn producer_of(stem: &str) -> String {
    for p in ["gs_docx", "gs_chromium", "docx", "chromium", "lohtml"] {
        if stem.ends_with(&format!("_{p}")) {
            return p.to_string();
        }
    }
    "other".to_string()
}

/// The second batch (`tests/heldout2/`): the same generator drawn from
/// another seed (`scripts/heldout/gen.py --seed 778`) on 2026-12-05, after
/// the first batch had been tuned on. Blind, the pipeline found 0.849 of
/// its values where it found 0.954 of the first batch's: rules fitted to
/// the first batch. That day's rounds took its failure classes (each with
/// a fixture or unit test of its class) and it became a regression set;
/// a third batch (seed 787), never looked into, measured the rounds blind:
/// 0.837 before, 0.891 after. Second batch after the rounds: 0.945 with 15
/// values lost silently (words glued across a line break in narrow cells,
/// "Redusertomfang"; lohtml tables whose every line is centred between its
/// neighbours).
const SECOND_FLOORS: Floors = Floors {
    overall: 0.940,
    part: 0.65,
    silent: 15,
};

#[test]
fn heldout_reports_hold_their_floor() {
    check_batch("tests/heldout", "Held-out reports", &FLOORS);
}

#[test]
fn second_heldout_batch_holds_its_floor() {
    check_batch(
        "tests/heldout2",
        "Held-out reports, second batch",
        &SECOND_FLOORS,
    );
}

fn check_batch(folder: &str, title: &str, floors: &Floors) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(folder);
    let scored = run_all(&dir, producer_of);
    assert!(
        scored.len() >= 28,
        "expected 28 gold files, found {}",
        scored.len()
    );
    let unrecognised: Vec<&str> = scored
        .iter()
        .filter(|s| s.report["template"].as_str() != Some(s.form.as_str()))
        .map(|s| s.stem.as_str())
        .collect();
    let tables = tabulate(&scored);
    print_tables(title, &scored, &tables);
    assert!(
        unrecognised.is_empty(),
        "not read as their form: {unrecognised:?}"
    );
    let failures = failures(&tables, floors);
    assert!(failures.is_empty(), "floors missed: {failures:?}");
}
