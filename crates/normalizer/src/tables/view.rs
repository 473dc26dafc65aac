//! A table as the PDF reader sees it: cell texts rebuilt from the page's
//! lines (so words a narrow cell broke in the middle are joined again),
//! grid rows that no ruling separates joined into one, with the heading
//! printed above the table.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use skjema_extractor::{BBox, Cell, Document, Page, Table, TableMethod, TextLine};

use crate::deadline::within_budget;
use crate::grid::{raw_lines, Value};
use crate::sections::running::{band, is_page_number, key};
use crate::values::{clean_name, clean_text, join_wrapped_lines, year_of};

/// Rows in the grid of a table view.
pub(super) type Rows = Vec<Vec<Option<CellText>>>;

/// One cell: its cleaned text and where it is.
#[derive(Debug, Clone)]
pub struct CellText {
    /// Lines joined as prose, None when blank.
    pub text: Option<String>,
    /// The raw text as extracted (lines joined by "\n").
    pub raw: String,
    /// The cell's box.
    pub bbox: BBox,
    /// Grid rows the cell spans (1 when not merged).
    pub row_span: usize,
    /// Grid columns the cell spans (1 when not merged).
    pub col_span: usize,
    /// The text begins with the rest of a word broken at the end of the
    /// previous page's part of the row ("t" of "Forsinke" / "t").
    pub starts_with_fragment: bool,
    /// [`CellText::match_texts`], built on first use: every table kind of
    /// the form matches its headers and labels against the same texts.
    match_texts: OnceCell<Texts>,
}

/// Texts kept one after another in one buffer (a cell may have 65 of them).
#[derive(Debug, Clone, Default)]
pub struct Texts {
    buf: String,
    /// Where each text ends in `buf`; each starts where the previous ends.
    ends: Vec<usize>,
}

impl Texts {
    /// The texts in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .map(|(s, e)| self.buf.get(s..e).unwrap_or(""))
    }
}

/// A table of one page, ready for mapping.
#[derive(Debug, Clone)]
pub struct TableView {
    /// 1-based page.
    pub page: u32,
    /// The grid; `None` where a spanning cell covers the position.
    pub rows: Vec<Vec<Option<CellText>>>,
    /// The text line printed right above the table (its heading), if any.
    pub heading: Option<String>,
    /// The table is the first thing on its page (it may continue a table
    /// of the previous page).
    pub at_page_top: bool,
}

impl CellText {
    /// The cell as a value of the intermediate, on `page`.
    pub fn value(&self, page: u32) -> Value {
        Value {
            text: self.text.clone(),
            raw: self.raw.clone(),
            page,
            bbox: Some(self.bbox),
            starts_with_fragment: self.starts_with_fragment,
        }
    }

    /// The texts to match a header or label against: the cleaned text, and
    /// the raw lines glued in every way a narrow cell may have broken words
    /// ("Annen" / "finansierin" / "g" → "Annen finansiering" among others).
    pub fn match_texts(&self) -> &Texts {
        self.match_texts
            .get_or_init(|| glued_texts(self.text.as_deref(), &self.raw))
    }
}

/// Most words of a cell whose broken lines are glued for matching.
const MAX_GLUED_WORDS: usize = 16;

/// The cleaned text, then every gluing of the raw lines (see
/// [`CellText::match_texts`]), each text once.
fn glued_texts(text: Option<&str>, raw: &str) -> Texts {
    let lines = raw_lines(raw);
    // Headers and labels are a few words; a longer cell is an answer, and
    // gluing its lines every way would only cost.
    let words = text.map_or(0, |t| t.split_whitespace().count());
    let glue = words <= MAX_GLUED_WORDS;
    let breaks: Vec<usize> = (1..lines.len())
        .filter(|_| glue)
        .filter(|&i| match (lines.get(i - 1), lines.get(i)) {
            (Some(p), Some(l)) => word_goes_on(p, l),
            _ => false,
        })
        .take(6)
        .collect();
    let len = lines.iter().map(|l| l.len() + 1).sum::<usize>();
    let variants = (1usize << breaks.len()) - 1;
    let mut out = Texts {
        buf: String::with_capacity(text.map_or(0, str::len) + variants * len),
        ends: Vec::with_capacity(variants + 1),
    };
    if let Some(t) = text {
        out.buf.push_str(t);
        out.ends.push(out.buf.len());
    }
    for mask in 1u32..(1 << breaks.len()) {
        let start = out.buf.len();
        for (i, line) in lines.iter().enumerate() {
            let glue = breaks
                .iter()
                .position(|&b| b == i)
                .is_some_and(|k| mask & (1 << k) != 0);
            if i > 0 && !glue {
                out.buf.push(' ');
            }
            out.buf.push_str(line);
        }
        // Two gluings differ at the first break where their masks do: the
        // lines are trimmed, so one has a space where the other has the
        // next line's letter. Only the cleaned text can repeat one.
        if text.is_some() && text == out.buf.get(start..) {
            out.buf.truncate(start);
        } else {
            out.ends.push(out.buf.len());
        }
    }
    out
}

/// Whether a word at the end of line `before` may go on at the start of
/// `after` (a narrow cell broke it): letters on both sides, and the rest in
/// lower case ("Regnsk" / "ap") or, after a word in capitals, in capitals
/// too ("TOTAL" / "T").
fn word_goes_on(before: &str, after: &str) -> bool {
    let Some(last) = before.chars().next_back().filter(|c| c.is_alphabetic()) else {
        return false;
    };
    let Some(next) = after.chars().next() else {
        return false;
    };
    if next.is_lowercase() {
        return true;
    }
    let word = before.split_whitespace().next_back().unwrap_or("");
    last.is_uppercase()
        && next.is_uppercase()
        && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !word.chars().any(char::is_lowercase)
}

impl TableView {
    /// Cleaned text of a cell, "" when blank or covered.
    pub fn text(&self, row: usize, col: usize) -> &str {
        self.cell(row, col)
            .and_then(|c| c.text.as_deref())
            .unwrap_or("")
    }

    /// The cell at a position, if not covered.
    pub fn cell(&self, row: usize, col: usize) -> Option<&CellText> {
        self.rows.get(row)?.get(col)?.as_ref()
    }

    /// Number of columns (of the first row).
    pub fn width(&self) -> usize {
        self.rows.first().map_or(0, Vec::len)
    }
}

/// Words the municipality's text uses in the middle of lines: a line that
/// starts with one of these after a one-word line is an ordinary wrap.
/// Built when first asked, which the tables of many documents never do.
#[derive(Debug)]
pub struct Vocabulary<'d> {
    doc: &'d Document,
    inner: OnceCell<WordSet<'d>>,
    /// Words that stand before another word on some printed line: whole
    /// words, never the first piece of one a narrow cell broke (that piece
    /// ends its line).
    whole: OnceCell<WordSet<'d>>,
}

type WordSet<'d> = HashSet<Cow<'d, str>, BuildHasherDefault<WordHasher>>;

/// A fast hash for the vocabulary's short words (the set only answers
/// whether a word is in it, so the hash decides nothing else).
#[derive(Debug, Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// Frequent short words that begin ordinary wrapped lines.
const COMMON_WORDS: &[&str] = &[
    "i", "og", "på", "som", "for", "til", "av", "med", "er", "blant", "om", "en", "et", "det",
    "de", "den", "at", "ved", "fra", "mot", "under", "over", "etter", "før", "hos", "eller",
    "samt", "kommunen", "har", "skal", "kan", "å", "enn", "men", "så", "vi", "ble", "ikke", "ca",
    "kr", "pr", "nr", "mv", "jf",
];

/// Words that join clauses, and abbreviations ("ca.", "kr"): a line
/// starting with one is an ordinary wrap.
fn stands_alone(word: &str) -> bool {
    matches!(
        &*bare(word),
        "og" | "i" | "å" | "på" | "om" | "av" | "ca" | "kr" | "pr" | "nr" | "mv" | "jf"
    )
}

/// The word without surrounding punctuation, lower-cased.
fn bare(word: &str) -> Cow<'_, str> {
    let t = word.trim_matches(|c: char| !c.is_alphanumeric());
    // Most words are lower case already and need no copy.
    let unchanged = t.chars().all(|c| {
        if c.is_ascii() {
            !c.is_ascii_uppercase()
        } else {
            let mut lower = c.to_lowercase();
            lower.next() == Some(c) && lower.next().is_none()
        }
    });
    if unchanged {
        Cow::Borrowed(t)
    } else {
        Cow::Owned(t.to_lowercase())
    }
}

impl<'d> Vocabulary<'d> {
    /// Every word standing after another word on some line of the document.
    pub fn of(doc: &'d Document) -> Vocabulary<'d> {
        Vocabulary {
            doc,
            inner: OnceCell::new(),
            whole: OnceCell::new(),
        }
    }

    /// Is the word seen whole elsewhere in the document (a word space and
    /// another word after it on its printed line)?
    fn is_whole(&self, word: &str) -> bool {
        let w = bare(word);
        w.chars().count() > 1 && self.whole.get_or_init(|| self.paired(false)).contains(&*w)
    }

    fn is_word(&self, word: &str) -> bool {
        let w = bare(word);
        // Single letters mid-line are list marks or broken headers, not words.
        COMMON_WORDS.contains(&&*w) || (w.chars().count() > 1 && self.words().contains(&*w))
    }

    fn words(&self) -> &WordSet<'d> {
        self.inner.get_or_init(|| self.paired(true))
    }

    /// The first (or, `second`, the second) words of every two that follow
    /// each other on a printed line of the document, bare.
    fn paired(&self, second: bool) -> WordSet<'d> {
        self.doc
            .pages
            .iter()
            .flat_map(|p| p.lines.iter())
            .flat_map(|l| l.words.windows(2))
            .filter_map(|pair| match pair {
                [before, after] if follows_on_its_line(before, after) => {
                    Some(bare(if second { &after.text } else { &before.text }))
                }
                _ => None,
            })
            .collect()
    }
}

/// Whether `word` stands right after `before` on one printed line, a word
/// space apart: a line of the page may run across a table's columns (the
/// next cell's first word is no word in the middle of a line), and a line a
/// table engine joined from a ruled row's wrapped lines holds the first
/// words of later printed lines too, which may be pieces of broken words.
/// Words without a place (text input) follow on.
fn follows_on_its_line(before: &skjema_extractor::Word, word: &skjema_extractor::Word) -> bool {
    match (before.bbox, word.bbox) {
        (Some(a), Some(b)) => {
            let em = before.font_size.max(a.height()).max(1.0);
            (b.top - a.top).abs() < a.height().max(1.0) * 0.5 && b.x0 > a.x0 && b.x0 - a.x1 < em
        }
        _ => true,
    }
}

/// Slack (ems) on a letter's width when asking whether it fits a gap: the
/// cell's right padding is only estimated.
const WIDTH_SLACK: f64 = 0.15;

/// A lower-case letter's width in ems, as in Helvetica (Adobe's metrics);
/// other text faces differ little in these proportions.
fn letter_width(c: char) -> f64 {
    match c.to_lowercase().next().unwrap_or(c) {
        'f' | 't' => 0.278,
        'i' | 'j' | 'l' => 0.222,
        'r' => 0.333,
        'c' | 'k' | 's' | 'v' | 'x' | 'y' | 'z' => 0.5,
        'm' => 0.833,
        'w' => 0.722,
        'æ' => 0.889,
        'ø' => 0.611,
        _ => 0.556,
    }
}

/// Joins a cell's lines. A word wider than its cell is broken without a
/// hyphen ("kartleggingsver" / "ktøy"): a one-word line that fills the cell,
/// followed by a lower-case start that is no word of the document, is
/// joined without a space; everything else joins as prose.
fn join_cell_lines(lines: &[&TextLine], cell: &BBox, vocabulary: &Vocabulary) -> String {
    // The cell's inner right edge, taking its right padding to equal its left.
    let left_pad = lines
        .iter()
        .filter_map(|l| l.bbox.map(|b| b.x0 - cell.x0))
        .fold(f64::INFINITY, f64::min);
    let pad = Some(left_pad).filter(|p| p.is_finite());
    let inner_right = cell.x1 - pad.map_or(0.0, |p| p.max(0.0));
    let mut pieces: Vec<String> = Vec::new();
    // (the last line is one word filling the cell, near it, no word of the
    // document mid-line, its room left in ems, the word itself)
    let mut last: Option<(bool, bool, bool, f64, &str)> = None;
    for line in within_budget(lines) {
        let text = line.text.trim();
        if text.is_empty() {
            continue;
        }
        let next_word = text.split_whitespace().next().unwrap_or("");
        let lower = next_word.chars().next().is_some_and(char::is_lowercase);
        let short_piece = bare(next_word).chars().count() <= 2;
        // A word the document prints whole elsewhere, a word space after
        // it, before a word (one of the document's, or of three letters or
        // more) is no piece of a broken one: two words wrapped ("Redusert" /
        // "omfang" in a column as wide as its widest word). A letter or two
        // that are no word still end it ("styringsgruppe" / "n.").
        let a_word = || !short_piece || vocabulary.is_word(next_word);
        let glue = lower
            && match last {
                // Tight against the edge and followed by no word of the document.
                Some((true, ..)) if !vocabulary.is_word(next_word) => true,
                // A long non-word followed by a piece of one or two letters
                // ("oppfølgingstea" / "m."): a word wider than its cell breaks
                // where the line is full, so the next letter would not have
                // fitted before the edge ("Arbeidsgruppe" / "er" had room
                // for an "e": a wrap between words).
                Some((_, true, true, gap, _)) => {
                    short_piece
                        && !stands_alone(next_word)
                        && next_word
                            .chars()
                            .next()
                            .is_some_and(|c| gap < letter_width(c) + WIDTH_SLACK)
                }
                _ => false,
            }
            && !(last.is_some_and(|(.., word)| vocabulary.is_whole(word)) && a_word());
        match pieces.last_mut() {
            Some(last) if glue => last.push_str(text),
            _ => pieces.push(text.to_string()),
        }
        last = match (line.bbox, line.words.as_slice()) {
            (Some(b), [word]) => {
                let letters = word.text.chars().filter(|c| c.is_alphabetic()).count();
                let ends_word = word.text.ends_with(|c: char| !c.is_alphanumeric());
                let gap = (inner_right - b.x1) / word.font_size.max(4.0);
                let tight = letters >= 4 && !ends_word && gap < 0.61;
                let near = letters >= 8 && !ends_word && gap < 1.0;
                // Whether the word is no word of the document matters only
                // when it is near the edge; asking may build the vocabulary.
                Some((
                    tight,
                    near,
                    near && !vocabulary.is_word(&word.text),
                    gap,
                    word.text.as_str(),
                ))
            }
            _ => None,
        };
    }
    let refs: Vec<&str> = pieces.iter().map(String::as_str).collect();
    join_wrapped_lines(&refs)
}

/// Some producers leave a gap before a full stop or comma ("husleierestanser .");
/// Norwegian text never has one.
fn tighten_punctuation(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' '
            && chars
                .peek()
                .is_some_and(|n| matches!(n, '.' | ',' | ';' | ':' | '!' | '?' | ')'))
        {
            // "kr ,-" is a written blank amount, not prose.
            let mut ahead = chars.clone();
            ahead.next();
            if ahead.peek() != Some(&'-') {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// A line's words printed on more than one line (a table engine joined a
/// ruled row's wrapped lines into one), split back into the printed lines,
/// top to bottom; None when the words stand on one line. Where a cell
/// wrapped, and whether a word was broken there, is only seen on the
/// printed lines.
fn printed_lines(line: &TextLine) -> Option<Vec<TextLine>> {
    let mut words: Vec<&skjema_extractor::Word> = line.words.iter().collect();
    words.sort_by(|a, b| word_top(a).total_cmp(&word_top(b)));
    let mut groups: Vec<Vec<&skjema_extractor::Word>> = Vec::new();
    for w in words {
        let b = w.bbox?;
        match groups.last_mut() {
            Some(g)
                if g.first()
                    .and_then(|f| f.bbox)
                    .is_some_and(|f| (b.top - f.top).abs() < f.height().max(1.0) * 0.5) =>
            {
                g.push(w)
            }
            _ => groups.push(vec![w]),
        }
    }
    if groups.len() < 2 {
        return None;
    }
    Some(
        groups
            .into_iter()
            .map(|mut g| {
                g.sort_by(|a, b| word_x0(a).total_cmp(&word_x0(b)));
                let words: Vec<skjema_extractor::Word> = g.into_iter().cloned().collect();
                TextLine::of_words(words, line.cell)
            })
            .collect(),
    )
}

/// The words of the page's lines tied to no cell whose middle lies in
/// `cell`, as one line (None when there are none).
fn words_in_box(page: &Page, cell: &BBox) -> Option<TextLine> {
    let words: Vec<skjema_extractor::Word> = page
        .lines
        .iter()
        .filter(|l| l.cell.is_none())
        .filter(|l| {
            l.bbox.is_some_and(|b| {
                b.x0 <= cell.x1 && b.x1 >= cell.x0 && b.top <= cell.bottom && b.bottom >= cell.top
            })
        })
        .flat_map(|l| l.words.iter())
        .filter(|w| {
            w.bbox
                .is_some_and(|b| crate::flow::centre_in(&b, cell, 0.0))
        })
        .cloned()
        .collect();
    let line = TextLine::of_words(words, None);
    line.bbox.is_some().then_some(line)
}

fn word_top(w: &skjema_extractor::Word) -> f64 {
    w.bbox.map_or(0.0, |b| b.top)
}

fn word_x0(w: &skjema_extractor::Word) -> f64 {
    w.bbox.map_or(0.0, |b| b.x0)
}

fn cell_lines(page: &Page, table: usize, row: usize, col: usize) -> Vec<&TextLine> {
    page.lines
        .iter()
        .filter(|l| {
            l.cell
                .is_some_and(|c| c.table == table && c.row == row && c.col == col)
        })
        .collect()
}

/// A ruling this close (points) to a row boundary separates the rows.
const RULING_SNAP: f64 = 2.5;
/// Least length (points) of ruling over the table that counts.
const RULING_MIN_LENGTH: f64 = 12.0;

/// The grid rows of a ruled table that belong together. A table engine
/// may cut one ruled row into several at the gaps between its lines
/// ("Aktivitet 2:" / "Kartlegging av" / "boligbehov"); where most row
/// boundaries of a lattice table are ruled, a boundary without a ruling
/// is no boundary.
fn row_groups(page: &Page, table: &Table) -> Vec<Range<usize>> {
    let n = table.rows.len();
    let singles = || (0..n).map(|r| r..r + 1).collect();
    if table.method != TableMethod::Lattice || n < 3 {
        return singles();
    }
    let top_of = |r: usize| -> Option<f64> {
        table
            .rows
            .get(r)?
            .iter()
            .flatten()
            .map(|c| c.bbox.top)
            .min_by(f64::total_cmp)
    };
    let ruled = |y: f64| {
        page.rulings.iter().filter(|r| r.is_horizontal()).any(|r| {
            let mid = (r.bbox.top + r.bbox.bottom) / 2.0;
            let overlap = r.bbox.x1.min(table.bbox.x1) - r.bbox.x0.max(table.bbox.x0);
            (mid - y).abs() <= RULING_SNAP && overlap >= RULING_MIN_LENGTH
        })
    };
    // A boundary whose row has no cell of its own (all covered) is kept.
    let boundaries: Vec<bool> = (1..n).map(|r| top_of(r).is_none_or(ruled)).collect();
    let ruled_count = boundaries.iter().filter(|&&b| b).count();
    if ruled_count * 2 < boundaries.len() || ruled_count == boundaries.len() {
        return singles();
    }
    let mut groups = Vec::new();
    let mut start = 0;
    for (i, &is_ruled) in boundaries.iter().enumerate() {
        if is_ruled {
            groups.push(start..i + 1);
            start = i + 1;
        }
    }
    groups.push(start..n);
    groups
}

/// The cell at column `c` of the grid rows `group`, joined into one.
fn group_cell(
    page: &Page,
    index: usize,
    table: &Table,
    group: &Range<usize>,
    c: usize,
    group_of: &dyn Fn(usize) -> usize,
    vocabulary: &Vocabulary,
) -> Option<CellText> {
    let parts: Vec<(usize, &skjema_extractor::Cell)> = group
        .clone()
        .filter_map(|r| {
            table
                .rows
                .get(r)
                .and_then(|row| row.get(c))
                .and_then(|cell| cell.as_ref())
                .map(|cell| (r, cell))
        })
        .collect();
    let &(first_row, first) = parts.first()?;
    let found: Vec<&TextLine> = parts
        .iter()
        .flat_map(|&(r, _)| cell_lines(page, index, r, c))
        .collect();
    let bbox = parts
        .iter()
        .map(|(_, cell)| cell.bbox)
        .reduce(|a, b| a.union(&b))
        .unwrap_or(first.bbox);
    // A table engine that built the cell from words it did not tie to the
    // cell leaves no line for it; its words are still on the page.
    let loose = if found.is_empty() {
        words_in_box(page, &bbox)
    } else {
        None
    };
    let sources: Vec<&TextLine> = found.iter().copied().chain(loose.as_ref()).collect();
    let split: Vec<Option<Vec<TextLine>>> = sources.iter().map(|l| printed_lines(l)).collect();
    let lines: Vec<&TextLine> = sources
        .iter()
        .zip(&split)
        .flat_map(|(&line, printed)| match printed {
            Some(printed) => printed.iter().collect::<Vec<_>>(),
            None => vec![line],
        })
        .collect();
    // Such a cell's box is only its words' extent, so its widest line
    // would always look full: its column's widest line tells better where
    // the lines broke.
    let edge = match (&loose, text_right(table, c)) {
        (Some(_), Some(x1)) if x1 > bbox.x1 && first.col_span <= 1 => BBox { x1, ..bbox },
        _ => bbox,
    };
    let raw = parts
        .iter()
        .map(|(_, cell)| cell.text.as_str())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let last_row = first_row.saturating_add(first.row_span.max(1) - 1);
    let row_span = group_of(last_row)
        .saturating_add(1)
        .saturating_sub(group_of(first_row));
    let joined = if lines.is_empty() {
        let raw_lines: Vec<&str> = raw.lines().collect();
        join_wrapped_lines(&raw_lines)
    } else {
        join_cell_lines(&lines, &edge, vocabulary)
    };
    let first_word = joined.split_whitespace().next().unwrap_or("");
    let starts_with_fragment = first_word.chars().next().is_some_and(char::is_lowercase)
        && bare(first_word).chars().count() <= 3
        && !vocabulary.is_word(first_word);
    Some(CellText {
        starts_with_fragment,
        text: clean_text(&tighten_punctuation(&joined)),
        raw,
        bbox,
        row_span: row_span.max(1),
        col_span: first.col_span.max(1),
        match_texts: OnceCell::new(),
    })
}

fn view_of(
    page: &Page,
    previous: Option<&Page>,
    index: usize,
    table: &Table,
    vocabulary: &Vocabulary,
) -> TableView {
    let groups = row_groups(page, table);
    let group_of = |r: usize| groups.iter().position(|g| g.contains(&r)).unwrap_or(r);
    let width = table.rows.first().map_or(0, Vec::len);
    let rows = groups
        .iter()
        .map(|group| {
            (0..width)
                .map(|c| group_cell(page, index, table, group, c, &group_of, vocabulary))
                .collect()
        })
        .collect();
    // A line starting at a later column's left edge is a piece of the
    // header the engine left above the grid ("Status for aktiviteten:"
    // over its column), not the table's heading.
    let spans = column_spans(table);
    let header_piece = |b: &BBox| {
        spans
            .iter()
            .skip(1)
            .any(|&(x0, _)| (b.x0 - x0).abs() <= 3.0)
    };
    let heading = page
        .lines
        .iter()
        .filter(|l| l.cell.is_none())
        .filter(|l| {
            l.bbox
                .is_some_and(|b| b.bottom <= table.bbox.top + 1.0 && !header_piece(&b))
        })
        .max_by(|a, b| top(a).total_cmp(&top(b)))
        .and_then(|l| clean_name(&l.text));
    let content_above = page.lines.iter().any(|l| {
        l.cell.is_none_or(|c| c.table != index)
            && l.bbox.is_some_and(|b| b.bottom <= table.bbox.top + 1.0)
            && !previous.is_some_and(|p| repeats_running(p, page, l))
    });
    TableView {
        page: page.number,
        rows,
        heading,
        at_page_top: !content_above,
    }
}

/// The top of a line (0 without a box).
pub(super) fn top(line: &TextLine) -> f64 {
    line.bbox.map_or(0.0, |b| b.top)
}

/// A line in the top band that the page before also prints in its top
/// band (figures aside: "Side 2", "Side 3"): a running header, by the band
/// and likeness the sections leave running headers out by. A line in the
/// top band that does not repeat is the page's first line of content (a
/// table row carried over where the top margin is narrow).
fn repeats_running(previous: &Page, page: &Page, line: &TextLine) -> bool {
    let top_band = |p: &Page, l: &TextLine| band(l.bbox, p.height) == Some(true);
    let own = key(&line.text);
    top_band(page, line)
        && previous
            .lines
            .iter()
            .any(|l| top_band(previous, l) && key(&l.text) == own)
}

/// Whether a line ends above the page's footer band (the bottom 7 %, where
/// page numbers and running footers stand); true when the page has no size.
fn above_footer_band(page: &Page, b: &BBox) -> bool {
    page.height <= 0.0 || b.bottom < page.height * 0.93
}

/// The last line of a page below all its tables and above its footer band:
/// a heading left at the foot of the page when its table moved to the next.
fn orphan_heading(page: &Page) -> Option<String> {
    foot_lines(page).last().and_then(|l| clean_name(&l.text))
}

/// A page's lines below all its tables and above its footer band, in the
/// page's order.
pub(super) fn foot_lines(page: &Page) -> impl Iterator<Item = &TextLine> {
    let tables_bottom = page
        .tables
        .iter()
        .map(|t| t.bbox.bottom)
        .fold(0.0_f64, f64::max);
    page.lines.iter().filter(move |l| {
        l.cell.is_none()
            && l.bbox
                .is_some_and(|b| b.top >= tables_bottom && above_footer_band(page, &b))
    })
}

/// The right edge of column `c`'s widest text: its unmerged cells that
/// hold text. An empty cell of a borderless table spans the gap to the
/// next column, which no line of the column reached.
fn text_right(table: &Table, c: usize) -> Option<f64> {
    unmerged_cells(table, c)
        .filter(|cell| !cell.text.trim().is_empty())
        .map(|cell| cell.bbox.x1)
        .reduce(f64::max)
}

/// The cells of column `c` that span no other column: those that say
/// where the column stands.
fn unmerged_cells(table: &Table, c: usize) -> impl Iterator<Item = &Cell> {
    table
        .rows
        .iter()
        .filter_map(move |row| row.get(c)?.as_ref())
        .filter(|cell| cell.col_span <= 1)
}

/// The column spans of a table: each column's leftmost and rightmost
/// edge over its unmerged cells.
fn column_spans(table: &Table) -> Vec<(f64, f64)> {
    let width = table.rows.first().map_or(0, Vec::len);
    (0..width)
        .map(|c| {
            unmerged_cells(table, c).fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), cell| {
                (a.min(cell.bbox.x0), b.max(cell.bbox.x1))
            })
        })
        .collect()
}

/// The column spans a plain line's words are placed in: None with fewer
/// than two columns or a column no unmerged cell bounds.
pub(super) fn line_columns(table: &Table) -> Option<Vec<(f64, f64)>> {
    let spans = column_spans(table);
    (spans.len() >= 2 && !spans.iter().any(|(a, b)| a > b)).then_some(spans)
}

/// Whether the page ends in a table: below its tables only the footer
/// band or a page number, as the sections tell one.
fn ends_in_a_table(page: &Page) -> bool {
    foot_lines(page).all(|l| is_page_number(&l.text))
}

/// A text line split into the columns `spans`, and whether it is a full
/// row. Every word must sit inside one column, words of different columns
/// parted by a gap wider than a word space (a table's cell gap, not
/// prose): an em, or half an em when the word starts where its column's
/// cells start (a table printed with narrow cell padding sets a figure
/// less than an em after a label that fills its column); None when they
/// do not. A full row has its first word in the first column and a
/// figure in another.
pub(super) fn line_in_columns(
    line: &TextLine,
    spans: &[(f64, f64)],
) -> Option<(Vec<Option<CellText>>, bool)> {
    let mut cells: Vec<Vec<&skjema_extractor::Word>> = vec![Vec::new(); spans.len()];
    let mut last: Option<(usize, f64)> = None;
    for word in &line.words {
        let b = word.bbox?;
        let mid = (b.x0 + b.x1) / 2.0;
        let em = word.font_size.max(4.0);
        // A word past its column's widest text on the page before, a word
        // space after the cell's last word, goes on in that cell (a wider
        // amount in the last column: "1 190 000,-").
        let col = match spans
            .iter()
            .position(|&(x0, x1)| mid >= x0 - 2.0 && mid <= x1 + 2.0)
        {
            Some(col) => col,
            None => match last {
                Some((prev_col, prev_x1)) if b.x0 - prev_x1 < em * 0.5 => prev_col,
                _ => return None,
            },
        };
        if let Some((prev_col, prev_x1)) = last {
            if col < prev_col {
                return None;
            }
            let gap = b.x0 - prev_x1;
            let aligned = spans
                .get(col)
                .is_some_and(|&(x0, _)| (b.x0 - x0).abs() <= 2.0);
            let cell_gap = if aligned { em * 0.5 } else { em };
            if col > prev_col && gap < cell_gap {
                return None;
            }
        }
        last = Some((col, b.x1));
        cells.get_mut(col)?.push(word);
    }
    let filled = cells.iter().filter(|c| !c.is_empty()).count();
    // A figure beside the label: a heading whose title a tab put in the
    // next column ("C.3.  Andre virkemidler") is no row.
    let figure = cells
        .iter()
        .skip(1)
        .flatten()
        .any(|w| w.text.chars().any(|c| c.is_ascii_digit()));
    if filled == 0 {
        return None;
    }
    let full = !cells.first().is_none_or(Vec::is_empty) && filled >= 2 && figure;
    Some((
        cells
            .into_iter()
            .map(|words| {
                let part = TextLine::of_words(words.into_iter().cloned().collect(), None);
                Some(CellText {
                    text: clean_text(&part.text),
                    bbox: part.bbox?,
                    raw: part.text,
                    row_span: 1,
                    col_span: 1,
                    starts_with_fragment: false,
                    match_texts: OnceCell::new(),
                })
            })
            .collect(),
        full,
    ))
}

/// A row's cells with a wrapped line's parts added below them.
pub(super) fn extend_row(row: &mut [Option<CellText>], cells: Vec<Option<CellText>>) {
    for (slot, more) in row.iter_mut().zip(cells) {
        if let Some(more) = more {
            extend_cell(slot, more);
        }
    }
}

/// A cell's text with a wrapped line's part added below it.
fn extend_cell(slot: &mut Option<CellText>, more: CellText) {
    match slot {
        Some(cell) => {
            let raw = format!("{}\n{}", cell.raw, more.raw);
            let lines: Vec<&str> = raw.lines().collect();
            cell.text = clean_text(&join_wrapped_lines(&lines));
            cell.raw = raw;
            cell.bbox = cell.bbox.union(&more.bbox);
            cell.match_texts = OnceCell::new();
        }
        None => *slot = Some(more),
    }
}

/// Whether `next`, set close under a label's first line (`label`), keeps
/// to the columns and holds a figure beside the label: the row's figures,
/// set against the middle of its wrapped label.
fn holds_the_row_figures(next: &TextLine, label: &TextLine, spans: &[(f64, f64)]) -> bool {
    gap_under(label, next).is_some_and(|(_, close)| close)
        && line_in_columns(next, spans).is_some_and(|(cells, _)| figures_beside(&cells))
}

/// The blank gap from `above` down to `below`, and whether `below` is set
/// close under it: measured in the smaller type of the two lines, as a
/// heading in large type after a blank line is not close to the row above.
pub(super) fn gap_under(above: &TextLine, below: &TextLine) -> Option<(f64, bool)> {
    let size = |l: &TextLine| l.words.first().map_or(10.0, |w| w.font_size.max(4.0));
    let gap = below.bbox?.top - above.bbox?.bottom;
    Some((gap, gap <= size(above).min(size(below)) * 0.8))
}

/// Whether a figure stands in a cell beside the label column.
fn figures_beside(cells: &[Option<CellText>]) -> bool {
    cells
        .iter()
        .skip(1)
        .flatten()
        .any(|c| c.raw.chars().any(|ch| ch.is_ascii_digit()))
}

/// The widest gap between two rows' text in a table (0 with one row).
fn widest_row_gap(table: &Table) -> f64 {
    let spans: Vec<(f64, f64)> = table
        .rows
        .iter()
        .filter_map(|r| {
            r.iter()
                .flatten()
                .filter(|c| c.row_span <= 1 && !c.text.trim().is_empty())
                .map(|c| (c.bbox.top, c.bbox.bottom))
                .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
        })
        .collect();
    spans
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some(b.0 - a.1),
            _ => None,
        })
        .fold(0.0, f64::max)
}

/// Rows of the previous page's last table that the page break carried to
/// the top of this page as plain text lines (no ruling round them, no
/// header repeated, too few for the table engine): the lines above
/// anything else on the page that fall into that table's columns, as a
/// view at the page top for the table readers to continue the table with,
/// and the box of those lines (they are the table's, not the page's prose).
fn carried_rows(previous: &Page, page: &Page) -> Option<(TableView, BBox)> {
    let table = previous.tables.last()?;
    if !ends_in_a_table(previous) {
        return None;
    }
    let spans = line_columns(table)?;
    let first_table = page
        .tables
        .iter()
        .map(|t| t.bbox.top)
        .fold(f64::INFINITY, f64::min);
    let mut lines: Vec<&TextLine> = page
        .lines
        .iter()
        .filter(|l| l.cell.is_none() && !repeats_running(previous, page, l))
        .filter(|l| l.bbox.is_some_and(|b| b.bottom <= first_table + 1.0))
        .collect();
    lines.sort_by(|a, b| top(a).total_cmp(&top(b)));
    // Rows parted by their cells' padding: a full row as far below the
    // one above as the table's rows stand apart on the page before goes on.
    let (rows, used, _) = lines_as_rows(&lines, &spans, widest_row_gap(table)).filter(|r| r.2)?;
    let view = TableView {
        page: page.number,
        rows,
        heading: None,
        at_page_top: true,
    };
    Some((view, used))
}

/// The rows plain lines in a table's columns (`spans`) make, read down
/// from the first, and the box of the lines taken: full rows (a label and
/// a figure), and the lines their cells wrapped onto: a line keeping to
/// the columns set right under the line before goes into the row above
/// (lines before any full row are rows of their own: a header). A blank
/// gap wider than `apart` or a line across the columns ends the rows.
/// The last of the three: whether a full row was among them.
pub(super) fn lines_as_rows(
    lines: &[&TextLine],
    spans: &[(f64, f64)],
    apart: f64,
) -> Option<(Rows, BBox, bool)> {
    let mut rows: Vec<Vec<Option<CellText>>> = Vec::new();
    let mut full_rows = 0;
    let mut prev: Option<&TextLine> = None;
    let mut used: Option<BBox> = None;
    for (k, line) in lines.iter().enumerate() {
        let Some(bbox) = line.bbox else { break };
        let Some((cells, full)) = line_in_columns(line, spans) else {
            break;
        };
        let (gap, close) = prev.and_then(|p| gap_under(p, line)).unwrap_or((0.0, true));
        // A label's first line with nothing beside it, and the line under
        // it holding the row's figures (set against the label's middle,
        // with the label's next line or on a line of their own), are one
        // row.
        let label_only = rows
            .last()
            .is_some_and(|r| r.iter().skip(1).all(Option::is_none));
        let completes =
            full || (cells.first().is_some_and(Option::is_none) && figures_beside(&cells));
        if completes && close && label_only && full_rows < rows.len() {
            if let Some(row) = rows.last_mut() {
                extend_row(row, cells);
            }
            full_rows += 1;
        } else if full && (close || rows.is_empty() || (full_rows > 0 && gap <= apart)) {
            rows.push(cells);
            full_rows += 1;
        } else if !full
            && !close
            && full_rows > 0
            && gap <= apart
            && cells.iter().skip(1).all(Option::is_none)
            && lines
                .get(k + 1)
                .is_some_and(|next| holds_the_row_figures(next, line, spans))
        {
            // The next row's label, its figures on the line under it.
            rows.push(cells);
        } else if !full && close {
            match rows.last_mut() {
                Some(row) if full_rows > 0 => extend_row(row, cells),
                _ => rows.push(cells),
            }
        } else {
            break;
        }
        prev = Some(line);
        used = Some(used.map_or(bbox, |u| u.union(&bbox)));
    }
    used.map(|u| (rows, u, full_rows > 0))
}

/// Every table of the document, in page order, and the boxes (with their
/// page) of the rows a page break carried over as plain lines: those lines
/// are the table's, not the page's prose.
pub fn views(doc: &Document) -> (Vec<TableView>, Vec<(u32, BBox)>) {
    let vocabulary = Vocabulary::of(doc);
    let mut out = Vec::new();
    let mut carried_boxes = Vec::new();
    for (p, page) in doc.pages.iter().enumerate() {
        let previous = p.checked_sub(1).and_then(|q| doc.pages.get(q));
        if let Some((carried, used)) = previous.and_then(|prev| carried_rows(prev, page)) {
            out.push(carried);
            carried_boxes.push((page.number, used));
        }
        for (i, table) in within_budget(page.tables.iter().enumerate()) {
            let mut view = view_of(page, previous, i, table, &vocabulary);
            // The page's first table by place: the engines list ruled tables first.
            let first = !page.tables.iter().any(|t| t.bbox.top < table.bbox.top);
            let left = previous
                .filter(|_| view.at_page_top && first)
                .and_then(|prev| Some((prev.number, super::left_rows::left_rows(prev, table)?)));
            if let Some((on, (rows, used, heading))) = left {
                // The table starts at the foot of the page before.
                // A header printed again over the table's own rows is read
                // as a repeated header (blocks) or a new row of years.
                view.rows.splice(0..0, rows);
                view.heading = heading;
                view.at_page_top = false;
                carried_boxes.push((on, used));
            } else if view.at_page_top && first {
                if let Some(heading) = previous.and_then(orphan_heading) {
                    // The table starts here; its heading ended the previous page.
                    view.heading = Some(heading);
                    view.at_page_top = false;
                }
            }
            let rest = split_at_years(&mut view);
            out.push(view);
            out.extend(rest);
        }
    }
    (out, carried_boxes)
}

/// A table with a row of years under rows of amounts ("" | 2010 | 2011 …)
/// is two the engine found as one (a borderless budget and the year table
/// under it): the second starts at that row, a title row above it its
/// heading. A row of years right under the header is the header's own.
fn split_at_years(view: &mut TableView) -> Option<TableView> {
    let width = view.width();
    let mut amounts = false;
    let digits = |t: &str| year_of(t).is_none() && t.contains(|c: char| c.is_ascii_digit());
    let at = (1..view.rows.len()).find(|&r| {
        let text = |c| view.text(r, c);
        let years: Vec<&str> = (1..width).map(text).filter(|t| !t.is_empty()).collect();
        amounts |= (0..width).map(text).any(digits);
        amounts && years.len() >= 2 && years.iter().all(|t| year_of(t).is_some())
    })?;
    let first = view.text(at - 1, 0).to_string();
    let title = (1..width).all(|c| view.text(at - 1, c).is_empty()) && !digits(&first);
    let mut rest = view.clone();
    rest.rows = view.rows.split_off(at);
    view.rows.truncate(at - usize::from(title));
    rest.heading = Some(first).filter(|t| title && !t.is_empty());
    rest.at_page_top = false;
    Some(rest)
}

impl CellText {
    /// A cell of `text` (lines split at "\n") spanning rows and columns,
    /// for tests.
    #[cfg(test)]
    pub fn new_for_test(text: &str, row_span: usize, col_span: usize) -> CellText {
        let lines: Vec<&str> = text.lines().collect();
        CellText {
            text: clean_text(&join_wrapped_lines(&lines)),
            raw: text.to_string(),
            bbox: BBox {
                x0: 0.0,
                top: 0.0,
                x1: 10.0,
                bottom: 10.0,
            },
            row_span,
            col_span,
            starts_with_fragment: false,
            match_texts: OnceCell::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{doc, line_at, page};
    use skjema_extractor::{Cell, Ruling, RulingKind, TableMethod};

    /// A page whose only table (columns 50–300 and 300–400) ends at y 700.
    fn page_ending_in_a_table() -> Page {
        let cell = |x0: f64, x1: f64| {
            Some(Cell {
                text: "x 1".to_string(),
                bbox: BBox {
                    x0,
                    top: 600.0,
                    x1,
                    bottom: 700.0,
                },
                row_span: 1,
                col_span: 1,
            })
        };
        let mut p = page(1, Vec::new());
        p.tables.push(Table {
            bbox: BBox {
                x0: 50.0,
                top: 600.0,
                x1: 400.0,
                bottom: 700.0,
            },
            rows: vec![vec![cell(50.0, 300.0), cell(300.0, 400.0)]],
            method: TableMethod::Lattice,
        });
        p
    }

    /// One line of a label at x 52 and a figure at x 310.
    fn row_line(label: &str, figure: &str, y: f64) -> TextLine {
        let mut line = line_at(label, 52.0, y);
        line.words.extend(line_at(figure, 310.0, y).words);
        line.text = format!("{label} {figure}");
        line
    }

    #[test]
    fn rows_carried_to_the_next_page_as_text_lines_go_on_in_the_columns() {
        let previous = page_ending_in_a_table();
        let next = page(
            2,
            vec![
                row_line("Antall i midlertidig botilbud", "26", 80.0),
                line_at("over tre måneder", 52.0, 91.0),
                // After a blank gap: a heading whose title a tab set apart.
                row_line("C.3.", "Andre 2 virkemidler", 130.0),
            ],
        );
        let Some((view, used)) = carried_rows(&previous, &next) else {
            panic!("the carried row was not found");
        };
        // The lines taken (not the heading) are the table's, not prose.
        assert!(used.top <= 81.0 && used.bottom < 130.0, "{used:?}");
        assert!(view.at_page_top);
        assert_eq!(view.rows.len(), 1);
        assert_eq!(
            view.text(0, 0),
            "Antall i midlertidig botilbud over tre måneder"
        );
        assert_eq!(view.text(0, 1), "26");
    }

    #[test]
    fn rows_left_at_the_foot_of_the_page_before_join_a_label_to_the_figures_under_it() {
        // The rows carried down and the rows left behind are made by one
        // rule: a label's first line with nothing beside it and the line
        // under it holding the row's figure are one row, not a header row
        // over a row.
        let previous = page(
            1,
            vec![
                line_at("Tabell 2 Boliger", 52.0, 650.0),
                line_at("Antall boliger for", 52.0, 700.0),
                row_line("vanskeligstilte", "26", 711.0),
            ],
        );
        let next = page_ending_in_a_table();
        let Some(table) = next.tables.first() else {
            panic!("no table");
        };
        let Some((rows, used, heading)) = super::super::left_rows::left_rows(&previous, table)
        else {
            panic!("the rows left behind were not found");
        };
        let text = |r: &[Option<CellText>], c: usize| {
            r.get(c)
                .and_then(Option::as_ref)
                .and_then(|c| c.text.clone())
        };
        assert_eq!(rows.len(), 1, "{rows:?}");
        let first = rows.first().map(Vec::as_slice).unwrap_or_default();
        assert_eq!(
            text(first, 0).as_deref(),
            Some("Antall boliger for vanskeligstilte")
        );
        assert_eq!(text(first, 1).as_deref(), Some("26"));
        assert!(used.top >= 700.0, "{used:?}");
        assert_eq!(heading.as_deref(), Some("Tabell 2 Boliger"));
    }

    #[test]
    fn a_carried_row_whose_figure_starts_its_column_less_than_an_em_after_the_label_is_a_row() {
        // Narrow cell padding: the label fills the first column (to x 294)
        // and the figure stands where the second column's cells start
        // (x 300), six points after it.
        let previous = page_ending_in_a_table();
        let tight = |label: &str, figure: &str, y: f64| {
            let mut line = line_at(label, 52.0, y);
            let end = line.words.last().and_then(|w| w.bbox).map_or(0.0, |b| b.x1);
            for w in &mut line.words {
                if let Some(b) = w.bbox.as_mut() {
                    let shift = 294.0 - end;
                    b.x0 += shift;
                    b.x1 += shift;
                }
            }
            line.words.extend(line_at(figure, 300.0, y).words);
            line.text = format!("{label} {figure}");
            line
        };
        let next = page(
            2,
            vec![
                tight("Kommunal egenfinansiering", "380", 80.0),
                // Its cell wider than the column's widest on the page
                // before (to x 400): its last word runs past it.
                tight("Totalt forbruk", "1 190 000 kroner per 31.12.2014", 92.0),
            ],
        );
        let Some((view, _)) = carried_rows(&previous, &next) else {
            panic!("the carried rows were not found");
        };
        assert_eq!(view.rows.len(), 2);
        assert_eq!(view.text(0, 1), "380");
        assert_eq!(view.text(1, 0), "Totalt forbruk");
        assert_eq!(view.text(1, 1), "1 190 000 kroner per 31.12.2014");
        // Less than an em before a word that does not start its column
        // (three points off) is a word space in prose.
        let mut prose = tight("Kommunal egenfinansiering", "380", 80.0);
        if let Some(b) = prose.words.last_mut().and_then(|w| w.bbox.as_mut()) {
            b.x0 += 3.0;
            b.x1 += 3.0;
        }
        let shifted = page(2, vec![prose]);
        assert!(carried_rows(&previous, &shifted).is_none());
    }

    #[test]
    fn a_row_in_the_top_band_is_carried_unless_the_page_before_prints_it_there_too() {
        // A narrow top margin: the carried row stands in the top band of the
        // page, where running headers stand; a heading in large type after a
        // blank line does not join it.
        let previous = page_ending_in_a_table();
        let mut heading = line_at("8. Suksesshistorier", 52.0, 66.0);
        for w in &mut heading.words {
            w.font_size = 24.0;
        }
        let next = page(
            2,
            vec![row_line("Kommunal egenfinansiering", "380", 40.0), heading],
        );
        let Some((view, _)) = carried_rows(&previous, &next) else {
            panic!("the carried row in the top band was not found");
        };
        assert_eq!(view.rows.len(), 1);
        assert_eq!(view.text(0, 0), "Kommunal egenfinansiering");
        // A running header the page before prints too ("Side 1", "Side 2").
        let mut with_header = page_ending_in_a_table();
        with_header.lines.push(row_line("Rapport Side", "1", 20.0));
        let next = page(2, vec![row_line("Rapport Side", "2", 20.0)]);
        assert!(carried_rows(&with_header, &next).is_none());
    }

    #[test]
    fn prose_or_a_heading_at_the_top_of_the_next_page_carries_no_rows() {
        let previous = page_ending_in_a_table();
        let prose = page(
            2,
            vec![line_at(
                "Programmet er forankret i kommuneplanens samfunnsdel og i 2 planer",
                52.0,
                80.0,
            )],
        );
        assert!(carried_rows(&previous, &prose).is_none());
        let heading = page(2, vec![line_at("C.3. Andre virkemidler", 52.0, 80.0)]);
        assert!(carried_rows(&previous, &heading).is_none());
        // Text below the table on its own page: the table did not end there.
        let mut not_last = page_ending_in_a_table();
        not_last
            .lines
            .push(line_at("Kommentar til tabellen", 52.0, 720.0));
        let next = page(2, vec![row_line("Antall boliger", "26", 80.0)]);
        assert!(carried_rows(&not_last, &next).is_none());
        assert!(carried_rows(&previous, &next).is_some());
        // A page number, written out or not, above the footer band ends
        // no table's page less than one in it does.
        for number in ["3", "Side 3 av 12", "- 3 -"] {
            let mut numbered = page_ending_in_a_table();
            numbered.lines.push(line_at(number, 52.0, 760.0));
            assert!(carried_rows(&numbered, &next).is_some(), "{number}");
        }
    }

    #[test]
    fn words_a_narrow_cell_broke_go_on_in_the_same_case() {
        assert!(word_goes_on("Regnsk", "ap"));
        assert!(word_goes_on("TOTAL", "T"));
        assert!(!word_goes_on("Resultat:", "Antall"));
        assert!(!word_goes_on("Status", "Behov"));
        assert!(!word_goes_on("A", "B"));
    }

    fn cell_line(text: &str, x: f64, y: f64) -> TextLine {
        line_at(text, x, y)
    }

    #[test]
    fn a_word_is_glued_to_the_next_piece_only_when_no_letter_fitted() {
        let d = doc(&[&["x"]]);
        let vocabulary = Vocabulary::of(&d);
        let cell = |x1: f64| BBox {
            x0: 0.0,
            top: 0.0,
            x1,
            bottom: 40.0,
        };
        // 4 pt padding: "Arbeidsgruppe" (13 letters, 78 pt, ending at 82)
        // in a cell whose text may reach 91 leaves 0.9 em, room for an "e":
        // the next line is a new word.
        let wide = [
            cell_line("Arbeidsgruppe", 4.0, 0.0),
            cell_line("er etablert", 4.0, 12.0),
        ];
        let refs: Vec<&TextLine> = wide.iter().collect();
        assert_eq!(
            join_cell_lines(&refs, &cell(95.0), &vocabulary),
            "Arbeidsgruppe er etablert"
        );
        // "oppfølgingstea" (84 pt, ending at 88) with text reaching 96
        // leaves 0.8 em, too little for an "m": the word was broken.
        let full = [
            cell_line("oppfølgingstea", 4.0, 0.0),
            cell_line("m.", 4.0, 12.0),
        ];
        let refs: Vec<&TextLine> = full.iter().collect();
        assert_eq!(
            join_cell_lines(&refs, &cell(100.0), &vocabulary),
            "oppfølgingsteam."
        );
        // The same gap before an "e" would have held it.
        let wrap = [
            cell_line("oppfølgingstea", 4.0, 0.0),
            cell_line("er.", 4.0, 12.0),
        ];
        let refs: Vec<&TextLine> = wrap.iter().collect();
        assert_eq!(
            join_cell_lines(&refs, &cell(100.0), &vocabulary),
            "oppfølgingstea er."
        );
    }

    fn grid(rows: &[&[&str]]) -> TableView {
        let cell = |t: &str| Some(CellText::new_for_test(t, 1, 1));
        TableView {
            page: 1,
            rows: rows
                .iter()
                .map(|r| r.iter().map(|t| cell(t)).collect())
                .collect(),
            heading: None,
            at_page_top: true,
        }
    }

    #[test]
    fn a_row_of_years_under_rows_of_amounts_starts_the_year_table() {
        // A borderless budget and the funding table under it, one grid to
        // the table engine: the caption a row of its own, then the years.
        let mut one = grid(&[
            &["Aktivitet", "Budsjett", "Tilskudd fra HB", ""],
            &["Aktivitet 1", "240.000", "170.000", ""],
            &["Totalt", "750.000", "640.000", ""],
            &["Samlet oversikt over hele programperioden", "", "", ""],
            &["", "2010", "2011", "2012"],
            &["Tilskudd fra Husbanken", "200.000", "750.000", "600.000"],
            &["Egenfinansiering fra kommunen", "150.000", "275.000", ""],
        ]);
        let def = crate::testutil::table_def("funding_by_year");
        let whole = super::super::years::blocks(def, std::slice::from_ref(&one));
        assert!(whole.iter().all(|b| b.records.is_empty()));
        let rest = split_at_years(&mut one).expect("the year table");
        assert_eq!(one.rows.len(), 3);
        assert_eq!(rest.text(0, 1), "2010");
        assert_eq!(rest.rows.len(), 3);
        assert_eq!(
            rest.heading.as_deref(),
            Some("Samlet oversikt over hele programperioden")
        );
        assert!(!rest.at_page_top);
        let blocks = super::super::years::blocks(def, &[one, rest]);
        let records: Vec<_> = blocks.iter().flat_map(|b| b.records.iter()).collect();
        assert_eq!(records.len(), 3);
        assert_eq!(
            records.first().and_then(|r| r.text("own_funding")),
            Some("150.000")
        );
        // Years right under the header (no amount above them) are the
        // header's second row: the table stays whole.
        let mut header = grid(&[
            &["Indikator", "Antall", "", ""],
            &["", "2010", "2011", "2012"],
            &["Startlån", "12", "14", "9"],
        ]);
        assert!(split_at_years(&mut header).is_none());
        assert_eq!(header.rows.len(), 3);
    }

    #[test]
    fn a_row_of_years_printed_again_under_the_rows_left_behind_is_read_once() {
        // The head of a year table left at the foot of the page before,
        // its row of years printed again over the table's own rows.
        let mut one = grid(&[
            &["", "2011", "2012"],
            &["Tilskudd fra Husbanken", "100", "200"],
            &["", "2011", "2012"],
            &["Egenfinansiering fra kommunen", "50", "60"],
        ]);
        let rest = split_at_years(&mut one).expect("the year table again");
        let def = crate::testutil::table_def("funding_by_year");
        let blocks = super::super::years::blocks(def, &[one, rest]);
        let read: Vec<_> = blocks
            .iter()
            .flat_map(|b| b.records.iter())
            .map(|r| {
                let cells = r.cells.iter().map(|(k, v)| (k.as_str(), v.text.as_deref()));
                (r.label_text(), cells.collect::<Vec<_>>())
            })
            .collect();
        let (grant, own) = ("grant_husbanken", "own_funding");
        assert_eq!(
            read,
            [
                (Some("2011"), vec![(grant, Some("100"))]),
                (Some("2012"), vec![(grant, Some("200"))]),
                (Some("2011"), vec![(own, Some("50"))]),
                (Some("2012"), vec![(own, Some("60"))]),
            ]
        );
    }

    /// One line of the page holding a ruled row's wrapped cell: the words
    /// of two printed lines, as a table engine joins them.
    fn joined_line(first: &str, second: &str) -> TextLine {
        let mut line = cell_line(first, 4.0, 0.0);
        line.words.extend(cell_line(second, 4.0, 12.0).words);
        line.text = format!("{first} {second}");
        line
    }

    #[test]
    fn a_columns_text_edge_is_its_widest_text_not_an_empty_cells_bound() {
        let cell = |text: &str, x1: f64| {
            Some(Cell {
                text: text.to_string(),
                bbox: BBox {
                    x0: 50.0,
                    top: 0.0,
                    x1,
                    bottom: 10.0,
                },
                row_span: 1,
                col_span: 1,
            })
        };
        // A borderless table's empty cell spans the gap to the next column.
        let table = Table {
            bbox: BBox {
                x0: 50.0,
                top: 0.0,
                x1: 200.0,
                bottom: 20.0,
            },
            rows: vec![
                vec![cell("", 131.7)],
                vec![cell("gjennomgangsleili", 124.7)],
            ],
            method: TableMethod::Stream,
        };
        assert_eq!(text_right(&table, 0), Some(124.7));
        assert_eq!(text_right(&table, 1), None);
    }

    #[test]
    fn a_cell_line_joined_from_printed_lines_is_read_on_its_printed_lines() {
        // "Boveiledertjen" (14 letters, 84 pt) fills its cell; "este" went on
        // below. Read as one line the break is a space ("Boveiledertjen
        // este"); on its printed lines the broken word is joined again.
        let line = joined_line("Boveiledertjen", "este");
        let Some(printed) = printed_lines(&line) else {
            panic!("the words stand on two printed lines");
        };
        let texts: Vec<&str> = printed.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Boveiledertjen", "este"]);
        let d = doc(&[&["x"]]);
        let vocabulary = Vocabulary::of(&d);
        let cell = BBox {
            x0: 0.0,
            top: 0.0,
            x1: 90.0,
            bottom: 30.0,
        };
        let refs: Vec<&TextLine> = printed.iter().collect();
        assert_eq!(
            join_cell_lines(&refs, &cell, &vocabulary),
            "Boveiledertjeneste"
        );
        // An abbreviation after a full line is a wrap, not the rest of a
        // broken word ("Forsinket" / "ca. tre måneder").
        let wrap = [
            cell_line("Forsinket", 4.0, 0.0),
            cell_line("ca. tre", 4.0, 12.0),
        ];
        let refs: Vec<&TextLine> = wrap.iter().collect();
        let narrow = BBox { x1: 62.0, ..cell };
        assert_eq!(
            join_cell_lines(&refs, &narrow, &vocabulary),
            "Forsinket ca. tre"
        );
        // A line on one printed line stays as it is.
        assert!(printed_lines(&cell_line("Prioritert ned", 4.0, 0.0)).is_none());
    }

    #[test]
    fn only_a_word_a_word_space_after_another_on_its_printed_line_is_a_word_mid_line() {
        // A page line running across two columns ("kommunale" | "styringsgrup")
        // and a joined ruled row ("av" over "styringsgrup") put the piece of
        // a broken word after another word; neither makes it a word.
        let mut across = cell_line("kommunale", 4.0, 0.0);
        across
            .words
            .extend(cell_line("styringsgrup", 300.0, 0.0).words);
        let mut p = page(1, vec![across, joined_line("av", "pen.")]);
        p.lines.push(cell_line("møte i styringsgruppen", 4.0, 40.0));
        let d = Document {
            pages: vec![p],
            ..doc(&[])
        };
        let vocabulary = Vocabulary::of(&d);
        assert!(!vocabulary.is_word("styringsgrup"));
        assert!(!vocabulary.is_word("pen."));
        assert!(vocabulary.is_word("styringsgruppen"));
        // Whole: a word space and another word after it on its line; the
        // piece that ends a line, or a page line across columns, is not.
        assert!(vocabulary.is_whole("Møte"));
        assert!(!vocabulary.is_whole("styringsgruppen"));
        assert!(!vocabulary.is_whole("kommunale"));
    }

    fn grid_cell(x0: f64, top: f64, x1: f64, bottom: f64) -> Option<Cell> {
        Some(Cell {
            text: "t".into(),
            bbox: BBox {
                x0,
                top,
                x1,
                bottom,
            },
            row_span: 1,
            col_span: 1,
        })
    }

    fn rule(y: f64) -> Ruling {
        Ruling {
            bbox: BBox {
                x0: 0.0,
                top: y,
                x1: 200.0,
                bottom: y,
            },
            kind: RulingKind::Stroke,
        }
    }

    #[test]
    fn grid_rows_no_ruling_separates_are_one_row() {
        let rows: Vec<Vec<Option<Cell>>> = [0.0, 20.0, 40.0, 50.0, 60.0, 80.0]
            .windows(2)
            .map(|w| vec![grid_cell(0.0, w[0], 200.0, w[1])])
            .collect();
        let table = Table {
            bbox: BBox {
                x0: 0.0,
                top: 0.0,
                x1: 200.0,
                bottom: 80.0,
            },
            rows,
            method: TableMethod::Lattice,
        };
        let mut p = page(1, Vec::new());
        // Ruled at 20, 40 and 60 (and around); nothing at 50.
        p.rulings = [0.0, 20.0, 40.0, 60.0, 80.0]
            .into_iter()
            .map(rule)
            .collect();
        let groups = row_groups(&p, &table);
        assert_eq!(groups, vec![0..1, 1..2, 2..4, 4..5]);
        // A table with (almost) no ruled row boundaries keeps its rows.
        p.rulings = vec![rule(0.0), rule(80.0)];
        assert_eq!(row_groups(&p, &table).len(), 5);
    }
}
