//! Rules that tell a borderless ("stream") table from other text that
//! lines up in columns. Each rule looks at the finished grid of cell texts
//! and names the class of text it rejects:
//!
//! - **no column of figures**: without ruling lines, a table is told by its
//!   data. Running prose, lists of terms, form labels, a chart's legend,
//!   code with comments and line-numbered transcripts all line up in
//!   columns, but none has a column (other than the first, which may hold
//!   list numbers or line numbers) in which most cells are figures. Codes
//!   of capitals and digits ("A1", "SF605") and figures with a bracketed
//!   note ("21:00-22:45(105min)", a timetable's slots) count as data
//!   here: a grid of codes or a programme of slots is a table. A
//!   region drawn as a table ([`drawn_as_table`]: rules across its whole
//!   width above and below, or down its whole height between columns, as
//!   a "booktabs" table is set) needs no figures.
//!   A column of ticks only (✓, ✗, a cross "X": a matrix of who takes part
//!   in what) is data too.
//! - **key-value block**: "Label: value" lines side by side (an invoice's
//!   header, a document's metadata block, patch labels "A = 0.75") are a
//!   form's fields, not a table: most cells end with a colon or hold a
//!   "name: value" or "name = value" pair.
//! - **table of contents**: titles with page numbers; the last column is a
//!   run of small whole numbers that never decreases and no other column
//!   (after list numbers) holds figures.
//! - **prose**: a sentence running on from one cell into the next (the
//!   right-hand cell starts in lower case after a word): justified text
//!   whose wide word spaces look like column gaps.
//! - **chart axis labels**: the only figures are evenly stepped runs (the
//!   tick labels of a chart's axes, a column per axis, perhaps a row of
//!   years under the plot), the rest is legend text. Years on top of rows
//!   each led by a label, with amounts under them, are a table's header.
//! - **unreadable text**: most cells hold no letter or digit, only
//!   stray marks ("%", "&", "!#"), or words mixed of letters and marks no
//!   word or figure carries ("&C&", "<&(7009)&", "5.D/7&"): the glyphs of
//!   a font whose text layer carries no meaning (no ToUnicode map; a
//!   subset font's glyph codes read as ASCII), scattered over prose, a
//!   reference list or a drawing. Cells of lone letters or digits ("6",
//!   "D", "2 6 D") count neither way: item numbers in a table, codes that
//!   happen to be letters in such a layer. Whatever the page shows there, its text cannot be read as
//!   a table. A region drawn as a table keeps its place (a table a reader
//!   sees, even when its text is unreadable).
//! - **misread text layer**: most words are garbled ([`crate::garbled`]):
//!   an OCR layer that read one script as another. Ruled or not: its words
//!   are no table's text whatever the page shows under them.
//! - **book index**: most cells are index entries, a term with its page
//!   references after a comma ("Drucker, Peter, 103", "piracy of, 64,
//!   67–69"), a sub-heading ending in a colon, or a run-over line of page
//!   references: an index set in two columns, whose page numbers pass for
//!   a column of figures. In a table a figure stands in a cell of its own,
//!   not after a comma that ends the cell's words.
//! - **same text across each row**: in most rows every cell starts with
//!   the same word (the time axes of a timetable's days side by side, a test
//!   pattern); a table's columns hold different data.

use crate::geometry::{BBox, Cell, Ruling};

/// Smallest share of a column's body cells that must be figures for it to
/// be a column of figures.
const FIGURE_COLUMN_SHARE: f64 = 0.4;
/// Fewest figure cells in a column of figures.
const FIGURE_COLUMN_MIN: usize = 2;
/// Most words in a cell holding a figure that still counts as a figure
/// ("$9,594 or less", "Kr. 950.000", "12 months").
const FIGURE_CELL_MAX_WORDS: usize = 3;
/// Smallest share of non-empty cells that are labels or "name: value"
/// pairs for a key-value block.
const KEY_VALUE_SHARE: f64 = 0.5;
/// Fewest rows in a table of contents.
const CONTENTS_MIN_ROWS: usize = 3;
/// Largest page number in a table of contents (more digits are data).
const CONTENTS_MAX_PAGE: u32 = 9999;
/// Smallest share of cell-to-cell steps inside a row where a sentence runs
/// on, for prose.
const PROSE_RUN_ON_SHARE: f64 = 0.34;
/// Fewest such steps for prose.
const PROSE_RUN_ON_MIN: usize = 2;

/// The cell texts of a grid, `None` where a spanning cell covers the
/// position, `""` for empty cells.
type Texts<'a> = Vec<Vec<Option<&'a str>>>;

fn texts(rows: &[Vec<Option<Cell>>]) -> Texts<'_> {
    rows.iter()
        .map(|r| {
            r.iter()
                .map(|c| c.as_ref().map(|c| c.text.trim()))
                .collect()
        })
        .collect()
}

/// Why a borderless grid is no table, if it is none; `ruled` when the
/// region is [`drawn_as_table`].
pub(crate) fn stream_verdict(rows: &[Vec<Option<Cell>>], ruled: bool) -> Option<&'static str> {
    let t = texts(rows);
    if !ruled && is_unreadable(&t) {
        Some("unreadable text")
    } else if is_key_value_block(&t) {
        Some("key-value block")
    } else if is_contents(&t) {
        Some("table of contents")
    } else if runs_on_like_prose(&t) {
        Some("prose")
    } else if is_book_index(&t) {
        Some("book index")
    } else if repeats_across_rows(&t) {
        Some("same text across each row")
    } else if is_chart_axis(&t) {
        Some("chart axis labels")
    } else if !ruled && !has_figure_column(&t) && !has_tick_column(&t) {
        Some("no column of figures")
    } else if crate::garbled::is_misread_text(t.iter().flatten().flatten().copied()) {
        Some("misread text layer")
    } else {
        None
    }
}

/// Smallest share of a region's width (or height) a rule must cover to
/// frame it.
const FRAME_COVER: f64 = 0.8;
/// How far (em of the region's text) outside the region a framing rule
/// may lie.
const FRAME_REACH_EM: f64 = 2.0;
/// How far (em) inside the region's first line a rule above it may lie.
const FRAME_INSIDE_EM: f64 = 0.5;
/// Smallest share of the region's height between its first and last
/// full-width rule when there is no rule above the first line (a caption
/// inside the region).
const FRAME_SPAN: f64 = 0.5;
/// A ruling this close (points) to the edge of a filled area is that edge.
const FILL_EDGE_SLACK: f64 = 0.5;

/// Is the region drawn as a table without a full grid? Either two or more
/// rules run across its whole width, one above its first row or far apart
/// (top, under the header, bottom), with no rules down its left and right
/// edges (a "booktabs" table, not a box round text), or rules run down its
/// whole height between its columns, one of them inside it (column rules
/// without row rules). Edges of filled areas (shading, highlights) are no
/// rules.
pub(crate) fn drawn_as_table(
    b: &BBox,
    rows: &[Vec<Option<Cell>>],
    rulings: &[Ruling],
    fills: &[BBox],
    em: f64,
) -> bool {
    let em = em.max(1.0);
    let reach = FRAME_REACH_EM * em;
    let near = |a: f64, b: f64| (a - b).abs() <= FILL_EDGE_SLACK;
    let fill_edge = |r: &BBox| {
        fills.iter().any(|f| {
            (near(r.top, f.top) || near(r.bottom, f.bottom) || near(r.top, f.bottom))
                && near(r.x0, f.x0)
                && near(r.x1, f.x1)
                || (near(r.x0, f.x0) || near(r.x1, f.x1) || near(r.x0, f.x1))
                    && near(r.top, f.top)
                    && near(r.bottom, f.bottom)
        })
    };
    let lines: Vec<(bool, BBox)> = rulings
        .iter()
        .filter(|r| !fill_edge(&r.bbox))
        .map(|r| (r.is_horizontal(), r.bbox))
        .collect();
    // Rules drawn in pieces (one per cell) count by the length they cover
    // together at one position.
    let down = covering_rules(
        lines
            .iter()
            .filter(|(h, r)| !h && r.x0 >= b.x0 - reach && r.x1 <= b.x1 + reach)
            .map(|(_, r)| ((r.x0 + r.x1) / 2.0, r.top, r.bottom)),
        b.top,
        b.bottom,
    );
    let across = covering_rules(
        lines
            .iter()
            .filter(|(h, r)| *h && r.top >= b.top - reach && r.bottom <= b.bottom + reach)
            .map(|(_, r)| ((r.top + r.bottom) / 2.0, r.x0, r.x1)),
        b.x0,
        b.x1,
    );
    let edge = |x: f64| down.iter().any(|&d| (d - x).abs() <= em);
    let boxed = edge(b.x0) && edge(b.x1);
    let top = across.iter().any(|&y| y <= b.top + FRAME_INSIDE_EM * em);
    let (lowest, highest) = across
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &y| {
            (lo.min(y), hi.max(y))
        });
    let spans = highest - lowest >= FRAME_SPAN * b.height();
    if across.len() >= 2 && (top || spans) && !boxed {
        return true;
    }
    // A column rule: inside the region, through no cell's text.
    let cells: Vec<BBox> = rows
        .iter()
        .flatten()
        .flatten()
        .filter(|c| !c.text.is_empty())
        .map(|c| c.bbox)
        .collect();
    let inner = down
        .iter()
        .any(|&x| x > b.x0 + em && x < b.x1 - em && !cells.iter().any(|c| c.x0 < x && x < c.x1));
    inner && down.len() >= 2
}

/// Positions of the rules (given as `(position, from, to)` pieces) that
/// together cover at least [`FRAME_COVER`] of `lo..hi` at one position
/// (pieces within a point of each other are one rule).
fn covering_rules(pieces: impl Iterator<Item = (f64, f64, f64)>, lo: f64, hi: f64) -> Vec<f64> {
    let mut pieces: Vec<(f64, f64, f64)> = pieces.collect();
    pieces.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut out = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let Some(&(pos, _, _)) = pieces.get(i) else {
            break;
        };
        let mut j = i;
        while pieces.get(j).is_some_and(|p| p.0 - pos <= 1.0) {
            j += 1;
        }
        let mut group: Vec<(f64, f64)> = pieces
            .get(i..j)
            .unwrap_or(&[])
            .iter()
            .map(|&(_, a, b)| (a.max(lo), b.min(hi)))
            .filter(|(a, b)| b > a)
            .collect();
        group.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (mut covered, mut end) = (0.0, f64::NEG_INFINITY);
        for (a, b) in group {
            let start = a.max(end);
            if b > start {
                covered += b - start;
            }
            end = end.max(b);
        }
        if covered >= FRAME_COVER * (hi - lo) {
            out.push(pos);
        }
        i = j;
    }
    out
}

/// A word as a number: digits with thousands and decimal separators,
/// optionally signed, in brackets, with a currency sign, a per cent or
/// per mille sign, a footnote mark or a unit of up to two letters
/// ("13.0x", "9MM", "1.1M"); ranges "1–3" and dates "28.09.2010" count.
pub(crate) fn is_figure(word: &str) -> bool {
    let w = word.trim_matches(|c: char| {
        matches!(
            c,
            '(' | ')'
                | '['
                | ']'
                | '*'
                | '†'
                | '‡'
                | '%'
                | '‰'
                | '$'
                | '€'
                | '£'
                | '¥'
                | '+'
                | '-'
                | '–'
                | '−'
                | '±'
                | '<'
                | '>'
                | '≤'
                | '≥'
                | '~'
                | '≈'
                | '\''
                | '"'
        )
    });
    let digits_end = w
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_ascii_digit())
        .map(|(i, c)| i + c.len_utf8());
    let Some(end) = digits_end else {
        return false;
    };
    let (number, unit) = w.split_at(end);
    let unit_ok = unit.chars().count() <= 2 && unit.chars().all(|c| c.is_alphabetic() || c == '%');
    // An ordinal ("2nd", "21st", "4th") names a place, as a header or a
    // label does; it is no amount with a unit.
    let ordinal = number.chars().all(|c| c.is_ascii_digit())
        && ["st", "nd", "rd", "th"].contains(&unit.to_lowercase().as_str());
    unit_ok
        && !ordinal
        && number.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    '.' | ',' | ' ' | '\u{a0}' | '\'' | '’' | ':' | '/' | '-' | '–'
                )
        })
}

/// Marks that stand for "no value" in a table ("–", "n/a", "*"); they
/// neither make nor break a column of figures.
pub(crate) fn is_no_value(text: &str) -> bool {
    let t = text.trim();
    t.is_empty()
        || t.chars()
            .all(|c| matches!(c, '-' | '–' | '—' | '−' | '*' | '.' | '…' | 'x' | 'X'))
        || matches!(
            t.to_lowercase().as_str(),
            "n/a" | "na" | "n.a." | "nil" | "none" | "nm" | "n.m." | "..."
        )
}

/// Is the cell a figure: every word a figure, or a figure among a few
/// words ("$9,594 or less", "Kr. 950.000", "12 months")?
pub(crate) fn is_figure_cell(text: &str) -> bool {
    // A dash set apart between two figures ("21:00 - 22:45", "12 – 15")
    // is the range's sign, no word of its own.
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| !w.chars().all(|c| matches!(c, '-' | '–' | '—' | '−')))
        .collect();
    let figures = words.iter().filter(|w| is_figure(w)).count();
    figures > 0 && (words.len() <= FIGURE_CELL_MAX_WORDS || figures == words.len())
}

/// The rows below the first (a header) when there are more than two.
fn body<'a, 'b>(t: &'b Texts<'a>) -> &'b [Vec<Option<&'a str>>] {
    if t.len() > 2 {
        t.get(1..).unwrap_or(&[])
    } else {
        t.as_slice()
    }
}

/// The first column holding any text.
fn first_used_column(t: &Texts<'_>) -> usize {
    let cols = t.iter().map(Vec::len).max().unwrap_or(0);
    (0..cols)
        .find(|&c| {
            t.iter()
                .any(|r| r.get(c).copied().flatten().is_some_and(|s| !s.is_empty()))
        })
        .unwrap_or(0)
}

/// Is there a column, other than the first, in which at least
/// [`FIGURE_COLUMN_SHARE`] of the body cells with a value are figures?
fn has_figure_column(t: &Texts<'_>) -> bool {
    let cols = t.iter().map(Vec::len).max().unwrap_or(0);
    let first = first_used_column(t);
    (first + 1..cols).any(|c| is_figure_column(t, c))
}

/// Are at least [`FIGURE_COLUMN_SHARE`] of column `c`'s body cells with a
/// value figures (or codes and time slots, [`is_data_token`])?
fn is_figure_column(t: &Texts<'_>, c: usize) -> bool {
    let (mut values, mut figures) = (0usize, 0usize);
    for cell in body(t).iter().filter_map(|r| r.get(c).copied().flatten()) {
        if is_no_value(cell) {
            continue;
        }
        values += 1;
        figures += usize::from(is_figure_cell(cell) || is_data_token(cell));
    }
    figures >= FIGURE_COLUMN_MIN && figures as f64 >= FIGURE_COLUMN_SHARE * values as f64
}

/// A tick set in a cell of a matrix (who takes part in what): a check or
/// ballot mark, or a cross written as a letter.
pub(crate) fn is_tick_mark(text: &str) -> bool {
    let mut chars = text.trim().chars();
    matches!(
        (chars.next(), chars.next()),
        (
            Some('✓' | '✔' | '✗' | '✘' | '☒' | '☑' | '×' | 'x' | 'X'),
            None
        )
    )
}

/// Is there a column, other than the first, whose body cells with text are
/// all ticks, two or more? A matrix of ticks is data as much as figures
/// are; a cross alone among figures is a statistics table's "suppressed"
/// sign ([`is_no_value`]), but not in a column of nothing else.
fn has_tick_column(t: &Texts<'_>) -> bool {
    let cols = t.iter().map(Vec::len).max().unwrap_or(0);
    let first = first_used_column(t);
    (first + 1..cols).any(|c| {
        let cells: Vec<&str> = body(t)
            .iter()
            .filter_map(|r| r.get(c).copied().flatten())
            .filter(|s| !s.is_empty())
            .collect();
        cells.len() >= FIGURE_COLUMN_MIN && cells.iter().all(|s| is_tick_mark(s))
    })
}

/// Longest code ([`is_data_token`]) in characters.
const CODE_MAX_CHARS: usize = 10;
/// Most letters in the unit of a bracketed note after a figure ("(105min)").
const NOTE_UNIT_MAX_LETTERS: usize = 3;

/// Is the whole cell one data token that is no plain figure: a code of
/// capitals and digits ("A1", "F3", "SF605", "B-12"), or a figure with a
/// bracketed note of a figure and a short unit ("21:00-22:45(105min)",
/// "12.5(3.1)")? A column of such cells is data as much as a column of
/// figures (a grid of seat or cell codes, a timetable's slots); words
/// with lower-case letters ("3rd", "mp3") are not codes.
fn is_data_token(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.contains(char::is_whitespace) {
        return false;
    }
    if let Some((head, rest)) = t.split_once('(') {
        let note = rest.strip_suffix(')').unwrap_or(rest);
        let digits_end = note
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_ascii_digit())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let (number, unit) = note.split_at(digits_end);
        return is_figure(head)
            && !number.is_empty()
            && is_figure(number)
            && unit.chars().count() <= NOTE_UNIT_MAX_LETTERS
            && unit.chars().all(char::is_alphabetic);
    }
    let code = t.trim_end_matches([',', ';']);
    code.chars().count() <= CODE_MAX_CHARS
        && code.chars().any(|c| c.is_ascii_digit())
        && code.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '-' | '/' | '.'))
}

/// A label ("Date:") or a "name: value" / "name = value" pair.
fn is_key_value_cell(text: &str) -> bool {
    let t = text.trim();
    if t.ends_with(':') && t.chars().any(char::is_alphabetic) {
        return true;
    }
    [": ", " = ", "= "].iter().any(|sep| {
        t.split_once(sep).is_some_and(|(name, value)| {
            let name = name.trim();
            !name.is_empty()
                && !value.trim().is_empty()
                && name.split_whitespace().count() <= 4
                && name.chars().any(char::is_alphabetic)
        })
    })
}

/// Are most cells labels, "name: value" pairs or the values right of a
/// label ("Author: | NRN Team")? Marks without letters or digits (list
/// bullets "+", "-") do not count.
fn is_key_value_block(t: &Texts<'_>) -> bool {
    let (mut cells, mut pairs) = (0usize, 0usize);
    for row in t {
        let mut after_label = false;
        for cell in row.iter().filter_map(|c| *c) {
            let lines: Vec<&str> = cell
                .split('\n')
                .map(str::trim)
                .filter(|l| l.chars().any(char::is_alphanumeric))
                .collect();
            if lines.is_empty() {
                continue;
            }
            let labels = lines.iter().filter(|l| is_key_value_cell(l)).count();
            cells += lines.len();
            pairs += if after_label { lines.len() } else { labels };
            after_label = labels == lines.len() && lines.iter().all(|l| l.ends_with(':'));
        }
    }
    cells > 0 && pairs as f64 >= KEY_VALUE_SHARE * cells as f64
}

/// A page number as a table of contents sets it: digits, perhaps after
/// the end of a dot leader.
fn page_number(text: &str) -> Option<u32> {
    let t = text.trim().trim_start_matches(['.', '…', '·', ' ']);
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    t.parse().ok().filter(|&n| n <= CONTENTS_MAX_PAGE)
}

/// Is the region a table of contents: a column (after the titles) of page
/// numbers that never decrease, with titles only between the list numbers
/// and it? Text without figures may stand right of it (the other column of
/// the page).
fn is_contents(t: &Texts<'_>) -> bool {
    let cols = t.iter().map(Vec::len).max().unwrap_or(0);
    let first = first_used_column(t);
    (first + 1..cols)
        .any(|c| page_number_column(t, first, c) && !(c + 1..cols).any(|k| is_figure_column(t, k)))
}

fn page_number_column(t: &Texts<'_>, first: usize, col: usize) -> bool {
    let mut pages = Vec::new();
    for row in t {
        let Some(cell) = row.get(col).copied().flatten().filter(|s| !s.is_empty()) else {
            continue;
        };
        for line in cell.split('\n') {
            match page_number(line) {
                Some(n) => pages.push(n),
                None => return false,
            }
        }
        // Between the list numbers and the page numbers: titles only.
        let middle = row.get(first + 1..col).unwrap_or(&[]);
        if middle
            .iter()
            .flatten()
            .any(|c| !c.is_empty() && is_figure_cell(c))
        {
            return false;
        }
    }
    pages.len() >= CONTENTS_MIN_ROWS
        && pages.windows(2).all(|w| matches!(w, [a, b] if a <= b))
        && pages.first() != pages.last()
}

/// Smallest share of the non-empty cells that hold a letter or a digit
/// for readable text.
const READABLE_SHARE: f64 = 0.5;

/// Marks that stand inside or beside the letters of a word only when the
/// text layer is a font's glyph codes read as ASCII (a subset font numbers
/// its glyphs from `!` on, so the commonest letters come out as `&`, `<`,
/// `@`: "&C&", "<&(7009)&"). Marks a table's figures and words carry
/// (".,:;-–()%/$€£+'", footnote stars, "#1", "[12]") are not among them.
const GLYPH_CODE_MARKS: &[char] = &['&', '<', '>', '@', '!', '=', '~', '^', '\\', '{', '}', '`'];

/// Is a word readable: a letter or a digit, and none of the
/// [`GLYPH_CODE_MARKS`]?
fn is_readable_word(word: &str) -> bool {
    word.chars().any(char::is_alphanumeric) && !word.contains(GLYPH_CODE_MARKS)
}

/// Do fewer than [`READABLE_SHARE`] of the non-empty cells read as text,
/// at least half of their words readable ([`is_readable_word`])? ("No
/// value" marks such as "–" and "*" do not count either way, nor do cells
/// of lone letters or digits, "6", "D", "2 6 D": a table's item numbers
/// and ticks, or glyph codes that happen to be letters.)
fn is_unreadable(t: &Texts<'_>) -> bool {
    let (mut cells, mut readable) = (0usize, 0usize);
    for cell in t.iter().flatten().filter_map(|c| *c) {
        let lone = |w: &str| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_alphanumeric) && chars.next().is_none()
        };
        if is_no_value(cell) || cell.split_whitespace().all(lone) {
            continue;
        }
        cells += 1;
        let (words, good) = cell.split_whitespace().fold((0usize, 0usize), |(n, g), w| {
            (n + 1, g + usize::from(is_readable_word(w)))
        });
        readable += usize::from(2 * good >= words);
    }
    cells > 0 && (readable as f64) < READABLE_SHARE * cells as f64
}

/// Smallest share of the non-empty cells that are index entries (or their
/// sub-headings and run-over lines) for a book index.
const INDEX_SHARE: f64 = 0.6;
/// Fewest cells that name a term with its page references for an index.
const INDEX_MIN_ENTRIES: usize = 4;

/// A page reference in an index: a page or a range ("103", "106–7",
/// "18–19"), perhaps a note ("329n", "112f", "12ff"), perhaps followed by
/// a comma before the next reference.
fn is_page_reference(word: &str) -> bool {
    let w = word.trim_end_matches([',', ';', '.']);
    let w = w.trim_end_matches("ff").trim_end_matches(['n', 'f']);
    !w.is_empty()
        && w.chars().next().is_some_and(|c| c.is_ascii_digit())
        && w.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '–' | '-'))
}

/// What kind of index line a line of a cell is: `Some(true)` for a term
/// with page references after a comma, `Some(false)` for a sub-heading
/// ("drugs:") or a run-over line of references ("41–42, 43, 44–45"),
/// `None` for anything else.
fn index_line(line: &str) -> Option<bool> {
    let l = line.trim();
    if l.ends_with(':') && l.chars().any(char::is_alphabetic) {
        return Some(false);
    }
    let words: Vec<&str> = l.split_whitespace().collect();
    // The page references: the trailing run of words that are references.
    let refs = words
        .iter()
        .rev()
        .take_while(|w| is_page_reference(w))
        .count();
    let term = words.len().checked_sub(refs)?;
    if refs == 0 {
        return None;
    }
    if term == 0 {
        // A run-over line: references only, set apart by commas.
        return (refs >= 2 && l.contains(", ")).then_some(false);
    }
    // The term's last word ends in the comma before the references.
    let last_term = words.get(term - 1)?;
    (last_term.ends_with(',') && last_term.chars().any(char::is_alphabetic)).then_some(true)
}

/// Are most lines of the region's cells index entries?
fn is_book_index(t: &Texts<'_>) -> bool {
    let (mut lines, mut index, mut entries) = (0usize, 0usize, 0usize);
    for cell in t.iter().flatten().filter_map(|c| *c) {
        for line in cell.split('\n').filter(|l| !l.trim().is_empty()) {
            lines += 1;
            if let Some(entry) = index_line(line) {
                index += 1;
                entries += usize::from(entry);
            }
        }
    }
    entries >= INDEX_MIN_ENTRIES && index as f64 >= INDEX_SHARE * lines as f64
}

/// Smallest share of the rows with two or more cells in which every cell
/// holds the same text, for a region of repeated text.
const REPEATED_ROW_SHARE: f64 = 0.5;

/// Do most rows repeat one text (by its first word) in all their cells?
fn repeats_across_rows(t: &Texts<'_>) -> bool {
    let (mut multi, mut same) = (0usize, 0usize);
    for row in t {
        // Each cell by its first word: the repeated text may run on in
        // some cells ("12:10 Cult").
        let cells: Vec<&str> = row
            .iter()
            .filter_map(|c| *c)
            .filter_map(|c| c.split_whitespace().next())
            .collect();
        if cells.len() < 2 {
            continue;
        }
        multi += 1;
        same += usize::from(cells.windows(2).all(|w| matches!(w, [a, b] if a == b)));
    }
    multi > 0 && same as f64 >= REPEATED_ROW_SHARE * multi as f64
}

/// Fewest values of an evenly stepped run that make an axis.
const AXIS_MIN_VALUES: usize = 3;

/// Are the values evenly stepped (one constant, non-zero step)?
fn evenly_stepped(values: &[f64]) -> bool {
    let steps: Vec<f64> = values
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some(b - a),
            _ => None,
        })
        .collect();
    let scale = values.iter().fold(0.0f64, |m, v| m.max(v.abs())).max(1e-9);
    values.len() >= AXIS_MIN_VALUES
        && steps.first().is_some_and(|&first| {
            first != 0.0 && steps.iter().all(|s| (s - first).abs() <= 1e-6 * scale)
        })
}

/// A figure written with a short word beside it, its digits outnumbering
/// its letters ("kr 400 000,-", "Kr. 1.150.000"); a legend's "Serie 1" is
/// a name with a number.
fn is_written_amount(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    digits > letters && text.split_whitespace().any(is_figure)
}

/// Are the region's only figures the tick labels of a chart's axes:
/// columns (and perhaps rows) of evenly stepped values, with words (a
/// legend) for the rest?
fn is_chart_axis(t: &Texts<'_>) -> bool {
    let figure = |c: &str| crate::stream::parse_figure(c);
    // A row of figures only, evenly stepped, is an axis under the plot.
    let axis_row = |row: &Vec<Option<&str>>| {
        let cells: Vec<&str> = row
            .iter()
            .filter_map(|c| *c)
            .filter(|c| !c.is_empty())
            .collect();
        let values: Vec<f64> = cells.iter().filter_map(|c| figure(c)).collect();
        values.len() == cells.len() && evenly_stepped(&values)
    };
    let rows: Vec<&Vec<Option<&str>>> = t.iter().filter(|r| !axis_row(r)).collect();
    let has_axis_row = rows.len() < t.len();
    // Beside the plot, a row holds at most a tick label on each side. An
    // amount written with its currency ("kr 400 000,-", "1 350 000 kr") is
    // no tick label, but a figure of the row all the same: a row of more
    // such amounts is data.
    let figures_in = |r: &Vec<Option<&str>>| {
        r.iter()
            .filter_map(|c| *c)
            .filter(|c| figure(c).is_some())
            .count()
    };
    let amounts_in = |r: &Vec<Option<&str>>| {
        r.iter()
            .filter_map(|c| *c)
            .filter(|c| figure(c).is_some() || is_written_amount(c))
            .count()
    };
    if rows.iter().any(|r| amounts_in(r) > 2) {
        return false;
    }
    // Years over a table's columns: the stepped row on top, under it rows
    // each led by a label with amounts beside it. A chart's axis row is
    // under its plot.
    let labelled = |r: &&Vec<Option<&str>>| {
        r.first()
            .copied()
            .flatten()
            .is_some_and(|c| c.chars().any(char::is_alphabetic))
    };
    if let Some((top, below)) = t.split_first() {
        if axis_row(top)
            && below.len() >= AXIS_MIN_VALUES
            && below.iter().all(|r| labelled(&r))
            && below.iter().filter(|r| amounts_in(r) > 0).count() >= AXIS_MIN_VALUES
        {
            return false;
        }
    }
    let cols = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    let mut axes = 0usize;
    for c in 0..cols {
        let values: Vec<f64> = rows
            .iter()
            .filter_map(|r| r.get(c).copied().flatten())
            .filter_map(figure)
            .collect();
        if values.len() < AXIS_MIN_VALUES {
            // Too few to tell.
            continue;
        }
        if !evenly_stepped(&values) {
            return false;
        }
        axes += 1;
    }
    axes >= 2 || (has_axis_row && axes + usize::from(rows.iter().any(|r| figures_in(r) > 0)) >= 1)
}

/// Does a sentence run on from one cell into the next in many rows?
fn runs_on_like_prose(t: &Texts<'_>) -> bool {
    let (mut steps, mut run_on) = (0usize, 0usize);
    for row in t {
        let cells: Vec<&str> = row
            .iter()
            .filter_map(|c| *c)
            .filter(|c| !c.is_empty())
            .collect();
        for pair in cells.windows(2) {
            let [left, right] = pair else { continue };
            steps += 1;
            let ends_in_word = left
                .split('\n')
                .next_back()
                .and_then(|l| l.chars().next_back())
                .is_some_and(char::is_alphabetic);
            // A tick "x" beside a label carries on no sentence.
            let starts_lower =
                right.chars().next().is_some_and(char::is_lowercase) && !is_tick_mark(right);
            run_on += usize::from(ends_in_word && starts_lower);
        }
    }
    run_on >= PROSE_RUN_ON_MIN && run_on as f64 >= PROSE_RUN_ON_SHARE * steps as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::BBox;

    fn grid(rows: &[&[&str]]) -> Vec<Vec<Option<Cell>>> {
        let b = BBox {
            x0: 0.0,
            top: 0.0,
            x1: 1.0,
            bottom: 1.0,
        };
        rows.iter()
            .map(|r| {
                r.iter()
                    .map(|t| {
                        Some(Cell {
                            text: (*t).to_owned(),
                            bbox: b,
                            row_span: 1,
                            col_span: 1,
                        })
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn codes_and_time_slots_are_data_tokens() {
        for t in [
            "A1",
            "F3",
            "SF605",
            "B-12",
            "21:00-22:45(105min)",
            "12.5(3.1)",
            "7(2)",
        ] {
            assert!(is_data_token(t), "{t}");
        }
        for t in [
            "3rd",
            "mp3",
            "Table",
            "A1 B1",
            "10:00(lunch)",
            "(12)",
            "ABCDEFGHIJK1",
            "2021",
        ] {
            assert!(!is_data_token(t), "{t}");
        }
    }

    #[test]
    fn a_grid_of_codes_or_slots_has_a_column_of_data() {
        let codes = grid(&[
            &["Outer 1", "Outer 2", "Long 1"],
            &["A1", "B1", "C1"],
            &["", "", "C2"],
            &["", "", "C3"],
        ]);
        assert_eq!(stream_verdict(&codes, false), None);
        let slots = grid(&[
            &["Talk", "Slot"],
            &["Opening", "09:00-09:30(30min)"],
            &["Keynote", "09:30-11:15(105min)"],
            &["Panel", "11:30-12:30(60min)"],
        ]);
        assert_eq!(stream_verdict(&slots, false), None);
        // The same slots set with spaces round the dash and before the
        // bracket: the dash is the range's sign, not a fourth word.
        let spaced = grid(&[
            &["Talk", "Slot"],
            &["Opening", "09:00 - 09:30 (30min)"],
            &["Keynote", "09:30 - 11:15 (105min)"],
            &["Panel", "11:30 – 12:30 (60min)"],
        ]);
        assert_eq!(stream_verdict(&spaced, false), None);
        assert!(!is_figure_cell("from - to - where - when"));
        let words = grid(&[
            &["Name", "Role"],
            &["Anne", "Chair"],
            &["Kari", "Member"],
            &["Ola", "Secretary"],
        ]);
        assert_eq!(stream_verdict(&words, false), Some("no column of figures"));
    }

    #[test]
    fn figures_are_numbers_with_their_signs_and_units() {
        for w in [
            "1,234",
            "(12.5)",
            "-3",
            "45%",
            "$9,594",
            "13.0x",
            "28.09.2010",
            "1–3",
            "9MM",
        ] {
            assert!(is_figure(w), "{w}");
        }
        for w in [
            "Total",
            "x86",
            "v2",
            "abc1d",
            "A1",
            "asdfASDF1234",
            "III",
            "2nd",
            "21st",
            "4TH",
        ] {
            assert!(!is_figure(w), "{w}");
        }
    }

    #[test]
    fn marks_without_letters_or_digits_are_unreadable_text() {
        let t = grid(&[
            &["&", "4 K +", "%", "'"],
            &["%", "(7000)", "!#", "&"],
            &["(", "#", "**", ","],
            &["%", "'", "& 6", "%"],
        ]);
        assert_eq!(stream_verdict(&t, false), Some("unreadable text"));
        assert_eq!(stream_verdict(&t, true), None);
        // Dashes for "no value" are no unreadable text.
        let table = grid(&[
            &["State", "2011", "2012"],
            &["Kerala", "–", "–"],
            &["Goa", "21.4", "–"],
            &["Assam", "1.2", "2.8"],
            &["Bihar", "–", "–"],
        ]);
        assert_eq!(stream_verdict(&table, false), None);
        // Glyph codes that happen to be lone letters or digits do not make
        // marks readable ...
        let codes = grid(&[
            &["6", "7)&", "D", "!#"],
            &["%", "2 6 D", "(-.45)", "5"],
            &["D#", "8", "&./ %", "6 I"],
            &["3", "%&", "2", "'"],
        ]);
        assert_eq!(stream_verdict(&codes, false), Some("unreadable text"));
        // ... and a table's item numbers do not make it unreadable.
        let items = grid(&[
            &["No.", "Item", "Cost"],
            &["1", "Rent", "1,200"],
            &["2", "Heating", "310"],
            &["3", "Insurance", "95"],
        ]);
        assert_eq!(stream_verdict(&items, false), None);
    }

    #[test]
    fn words_of_glyph_codes_are_unreadable_text() {
        // A reference list in a subset font read as its glyph codes: a few
        // real words survive among words of marks and capitals.
        let t = grid(&[
            &["O& > <", "<& (7009)&", "D"],
            &["", "& Jr. of Org., End User Computing,", "5.D/7&"],
            &["%", "& Information", "-/;D.-&"],
            &["6& <& > $", "&C& (-./5)& !", "K"],
            &["E", "& ! !", "& -5;D-47&"],
            &["6&<& $", "( &)", "@"],
        ]);
        assert_eq!(stream_verdict(&t, false), Some("unreadable text"));
        // Figures with footnote stars, "R&D" and a "#" column stay a table.
        let table = grid(&[
            &["#", "Item", "2011", "2012"],
            &["1", "R&D", "12.4*", "13.0**"],
            &["2", "Sales", "(3.1)", "4.2*"],
            &["3", "Staff", "21.4", "–"],
        ]);
        assert_eq!(stream_verdict(&table, false), None);
    }

    #[test]
    fn an_index_in_two_columns_is_no_table() {
        let t = grid(&[
            &["democracy:", "DreamWorks, 106–7"],
            &["digital sharing within, 19", "Dreyfuss, Rochelle, 18"],
            &["public discourse in, 42, 45", "Drucker, Peter, 103"],
            &["semiotic, 301–2", "drugs:"],
            &["41–42, 43, 44–45", "illegal, 166–67, 201, 207"],
            &["Democratic Party, 249", "Dryden, John, 316n"],
        ]);
        assert_eq!(stream_verdict(&t, false), Some("book index"));
        // Figures in cells of their own, or after words without a comma.
        let table = grid(&[
            &["Municipality", "Households", "Flats"],
            &["Oslo, east", "1,204", "12 flats"],
            &["Bergen", "640", "7 flats"],
            &["Moss, centre", "88", "3 flats"],
            &["Bodø", "120", "9 flats"],
        ]);
        assert_eq!(stream_verdict(&table, false), None);
    }

    #[test]
    fn a_table_of_figures_is_kept() {
        let t = grid(&[
            &["State", "2011", "2012"],
            &["Kerala", "7.2", "0.5"],
            &["Goa", "21.4", "–"],
            &["Moss", "Kr. 9.500", "n/a"],
            &["Assam", "37.4", "2.8"],
        ]);
        assert_eq!(stream_verdict(&t, false), None);
    }

    #[test]
    fn words_in_columns_without_figures_are_no_table() {
        // Form field labels over their values, a legend, a code listing.
        let t = grid(&[
            &["AlignLeft", "AlignMiddle", "AlignRight"],
            &["asdfASDF1234", "asdfASDF1234", "asdfASDF1234"],
            &[
                "AlignLeft-Filled",
                "AlignMiddle-Filled",
                "AlignRight-Filled",
            ],
        ]);
        assert_eq!(stream_verdict(&t, false), Some("no column of figures"));
        let code = grid(&[
            &["v0 := ld state[748]", "// load primes"],
            &["st sp[0], v0", "// store primes"],
            &["v1 := ld state[764]", "// load k"],
        ]);
        assert_eq!(stream_verdict(&code, false), Some("no column of figures"));
    }

    #[test]
    fn a_table_drawn_with_rules_needs_no_figures() {
        let t = grid(&[
            &["Item No.", "Candidate item"],
            &["1", "I often become confused"],
            &["2", "I make errors frequently"],
            &["3", "Interacting is frustrating"],
        ]);
        assert_eq!(stream_verdict(&t, false), Some("no column of figures"));
        assert_eq!(stream_verdict(&t, true), None);
    }

    #[test]
    fn rules_round_a_region_draw_it_as_a_table_but_a_box_or_shading_does_not() {
        let b = BBox {
            x0: 100.0,
            top: 100.0,
            x1: 400.0,
            bottom: 200.0,
        };
        let rule = |x0: f64, top: f64, x1: f64, bottom: f64| Ruling {
            bbox: BBox {
                x0,
                top,
                x1,
                bottom,
            },
            kind: crate::geometry::RulingKind::Stroke,
        };
        // Two columns of text: 100-180 and 260-400.
        let mut cells = grid(&[&["a", "b"], &["c", "d"]]);
        for row in &mut cells {
            for (i, c) in row.iter_mut().flatten().enumerate() {
                c.bbox = if i == 0 {
                    BBox {
                        x0: 100.0,
                        top: 100.0,
                        x1: 180.0,
                        bottom: 200.0,
                    }
                } else {
                    BBox {
                        x0: 260.0,
                        top: 100.0,
                        x1: 400.0,
                        bottom: 200.0,
                    }
                };
            }
        }
        // Top rule, rule under the header, bottom rule.
        let booktabs = [
            rule(98.0, 97.0, 402.0, 97.0),
            rule(98.0, 115.0, 402.0, 115.0),
            rule(98.0, 203.0, 402.0, 203.0),
        ];
        assert!(drawn_as_table(&b, &cells, &booktabs, &[], 10.0));
        // A rule under a heading and a short one are no frame.
        let not = [
            rule(98.0, 97.0, 402.0, 97.0),
            rule(98.0, 203.0, 200.0, 203.0),
        ];
        assert!(!drawn_as_table(&b, &cells, &not, &[], 10.0));
        // A box round the text is a frame, not a table.
        let mut boxed = booktabs.to_vec();
        boxed.extend([
            rule(98.0, 97.0, 98.0, 203.0),
            rule(402.0, 97.0, 402.0, 203.0),
        ]);
        assert!(!drawn_as_table(&b, &cells, &boxed, &[], 10.0));
        // ... unless a column rule runs between the columns.
        boxed.push(rule(220.0, 97.0, 220.0, 203.0));
        assert!(drawn_as_table(&b, &cells, &boxed, &[], 10.0));
        // The edges of a highlighted band are no rules.
        let band = BBox {
            x0: 98.0,
            top: 97.0,
            x1: 402.0,
            bottom: 203.0,
        };
        assert!(!drawn_as_table(&b, &cells, &booktabs[..1], &[band], 10.0));
        let edges = [
            rule(98.0, 97.0, 402.0, 97.0),
            rule(98.0, 203.0, 402.0, 203.0),
        ];
        assert!(!drawn_as_table(&b, &cells, &edges, &[band], 10.0));
    }

    #[test]
    fn line_numbers_or_list_numbers_beside_text_are_no_table() {
        let t = grid(&[
            &["1", "IN THE SUPREME COURT OF THE UNITED STATES"],
            &["2", "MICHAEL A. KNOWLES, Warden"],
            &["3", "Petitioner"],
            &["4", "Washington, D.C."],
        ]);
        assert_eq!(stream_verdict(&t, false), Some("no column of figures"));
    }

    #[test]
    fn labels_with_values_are_a_key_value_block() {
        let t = grid(&[
            &["Doc-No.:", "GAL-MAN-0069"],
            &["Issue:", "1.3"],
            &["Date:", "28.09.2010"],
            &["Page:", "1147 of 1147"],
        ]);
        assert_eq!(stream_verdict(&t, false), Some("key-value block"));
        let patches = grid(&[
            &["A = 0.75", "A = 0.80"],
            &["A = 0.55", "A = 0.60"],
            &["A = 0.35", "A = 0.40"],
        ]);
        assert_eq!(stream_verdict(&patches, false), Some("key-value block"));
        // Labels with their values in the next cell, bullets beside
        // "name = value" items.
        let meta = grid(&[
            &["Author:", "NRN Team", ""],
            &["Version:", "1.0", ""],
            &["Created:", "2004-04-06", "«type» Entity"],
            &["-", "NID: UUID", ""],
        ]);
        assert_eq!(stream_verdict(&meta, false), Some("key-value block"));
        let codes = grid(&[
            &["«CodeList»", ""],
            &["+", "Unknown = -1:"],
            &["+", "Falls = 1:"],
            &["+", "Rapids = 2:"],
        ]);
        assert_eq!(stream_verdict(&codes, false), Some("key-value block"));
        // A table with a label column and figures is none.
        let t = grid(&[
            &["County", "2010", "2011"],
            &["Agder", "3", "4"],
            &["Viken", "9", "12"],
        ]);
        assert_eq!(stream_verdict(&t, false), None);
    }

    #[test]
    fn titles_with_rising_page_numbers_are_contents() {
        let t = grid(&[
            &["1", "Introduction", "1"],
            &["2", "Document structures", "1"],
            &["3", "Citations", "2"],
            &["4", "Results", "5"],
        ]);
        assert_eq!(stream_verdict(&t, false), Some("table of contents"));
        // Beside other text (the page's second column), lines of one cell.
        let t = grid(&[
            &["1", "Introduction", "1", "An aligned set of equations:"],
            &[
                "2",
                "Structures\n2.1 Lists\n2.2 Figures",
                "1\n1\n2",
                "f(x) = sin x",
            ],
            &["3", "Citations", "2", ""],
        ]);
        assert_eq!(stream_verdict(&t, false), Some("table of contents"));
        // Ranks rising beside scores are data.
        let d = grid(&[
            &["Name", "Rank", "Score"],
            &["Oslo", "1", "9.5"],
            &["Bergen", "2", "8.1"],
            &["Moss", "3", "7.7"],
            &["Bø", "4", "7.0"],
        ]);
        assert_eq!(stream_verdict(&d, false), None);
        // Falling figures are data.
        let d = grid(&[
            &["Oslo", "9"],
            &["Bergen", "5"],
            &["Moss", "2"],
            &["Bø", "1"],
        ]);
        assert_eq!(stream_verdict(&d, false), None);
    }

    #[test]
    fn the_same_text_across_each_row_is_no_table() {
        let t = grid(&[
            &["11:25", "11:25", "11:25"],
            &["11:30", "11:30", "11:30"],
            &["11:35", "11:35 Cult", "11:35"],
            &["11:40", "11:40", "11:40"],
        ]);
        assert_eq!(stream_verdict(&t, false), Some("same text across each row"));
    }

    #[test]
    fn the_tick_labels_of_a_chart_are_no_table() {
        let t = grid(&[
            &["7,300", "Between-state income inequality", "0.11"],
            &["7,200", "mortality (Gini index)", "0.10"],
            &["7,100", "", "0.09"],
            &["7,000", "", "0.08"],
        ]);
        assert_eq!(stream_verdict(&t, false), Some("chart axis labels"));
        // Data are not evenly stepped.
        let d = grid(&[
            &["Oslo", "7,300", "0.11"],
            &["Bergen", "7,150", "0.10"],
            &["Moss", "7,100", "0.07"],
        ]);
        assert_eq!(stream_verdict(&d, false), None);
    }

    #[test]
    fn years_over_amounts_written_with_their_currency_are_a_table() {
        // The years are an evenly stepped row; the amounts, written with
        // "kr" or in words, are no plain figures, but a row of them is data.
        let t = grid(&[
            &["", "2009", "2010", "2011", "2012", "2013"],
            &[
                "Egenandel kommunen",
                "kr 400 000,-",
                "Kr. 450.000",
                "500.000",
                "kr 50 000,-",
                "375 000,-",
            ],
            &[
                "Totalt",
                "1,7 mill",
                "Kr. 1.150.000",
                "1,8 mill.",
                "1 350 000 kr",
                "1 825 000",
            ],
        ]);
        assert_eq!(stream_verdict(&t, false), None);
        // A legend's series names are names with a number, no amounts.
        assert!(is_written_amount("1 350 000 kr"));
        assert!(!is_written_amount("Serie 1"));
        assert!(!is_written_amount("Tilskudd fra kommunen"));
    }

    #[test]
    fn years_over_labelled_rows_that_fill_the_first_years_are_a_table() {
        // A half-year report fills two of the programme's years: no row
        // holds more than two amounts, as a row beside a chart's plot may,
        // and amounts written with their currency are no plain figures.
        let t = grid(&[
            &["", "2010", "2011", "2012", "2013", "2014"],
            &["Tilskudd", "kr 300 000,-", "500 000,00", "", "", ""],
            &["Egenandel", "100.000", "150 000,-", "", "", ""],
            &["Annen finansiering", "", "kr 20 000,-", "", "", ""],
            &["Sum", "400 000", "Kr. 670.000", "", "", ""],
        ]);
        assert_eq!(stream_verdict(&t, false), None);
        // The axis under a chart's plot, its ticks above it, stays one.
        let c = grid(&[
            &["600", "", "", "", "", ""],
            &["400", "", "", "", "", ""],
            &["200", "", "", "", "", ""],
            &["", "2010", "2011", "2012", "2013", "2014"],
        ]);
        assert_eq!(stream_verdict(&c, false), Some("chart axis labels"));
    }

    #[test]
    fn a_matrix_of_ticks_is_a_table() {
        for tick in ["X", "x", "✓"] {
            let t = grid(&[
                &["Aktør", "Aktiv deltakelse", "Blir informert"],
                &["Planseksjon", tick, ""],
                &["Boligforvaltning", "", tick],
                &["Politi", tick, ""],
            ]);
            assert_eq!(stream_verdict(&t, false), None, "{tick}");
        }
        // Words beside words stay a list of terms.
        let t = grid(&[
            &["Aktør", "Rolle"],
            &["Planseksjon", "Deltar"],
            &["Politi", "Informert"],
        ]);
        assert_eq!(stream_verdict(&t, false), Some("no column of figures"));
    }

    #[test]
    fn a_sentence_running_across_gaps_is_prose() {
        let t = grid(&[
            &["attached", "to", "HIV/AIDS and", "promoting 12"],
            &["the programme", "was", "run by the", "ministry in 2009"],
        ]);
        assert_eq!(stream_verdict(&t, false), Some("prose"));
    }
}
