//! The extractor's output: pages of positioned text and ruling lines.
//!
//! Coordinates are PDF points with the origin at the page's top-left corner
//! (`top` grows downwards), as pdfplumber and the table benchmark use them.

use serde::Serialize;

/// An axis-aligned box: `[x0, top, x1, bottom]` in points from the top-left.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BBox {
    /// Left edge.
    pub x0: f64,
    /// Top edge.
    pub top: f64,
    /// Right edge.
    pub x1: f64,
    /// Bottom edge.
    pub bottom: f64,
}

impl BBox {
    /// The smallest box holding both.
    pub fn union(&self, other: &BBox) -> BBox {
        BBox {
            x0: self.x0.min(other.x0),
            top: self.top.min(other.top),
            x1: self.x1.max(other.x1),
            bottom: self.bottom.max(other.bottom),
        }
    }

    /// Width in points.
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    /// Height in points.
    pub fn height(&self) -> f64 {
        self.bottom - self.top
    }

    /// As the `[x0, top, x1, bottom]` array of the model.
    pub fn to_array(&self) -> [f64; 4] {
        [self.x0, self.top, self.x1, self.bottom]
    }
}

/// One word: glyphs of one font size on one baseline with no gap between them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Word {
    /// The text, NFC-normalised.
    pub text: String,
    /// Where it is on the page; `None` for text input.
    pub bbox: Option<BBox>,
    /// Font size in points (0 for text input).
    pub font_size: f64,
    /// Writing direction in degrees counter-clockwise: 0 for normal text, 90/270 vertical.
    pub rotation: f64,
    /// Name of the font, where known (base font without subset prefix).
    pub font: Option<String>,
}

/// One line of text in reading order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextLine {
    /// The words joined by single spaces.
    pub text: String,
    /// Where it is on the page; `None` for text input.
    pub bbox: Option<BBox>,
    /// The line's words, left to right.
    pub words: Vec<Word>,
    /// The table cell this line sits in, if any.
    pub cell: Option<CellRef>,
}

impl TextLine {
    /// A line of the given words (left to right): its text their texts
    /// joined by single spaces, its box theirs.
    pub fn of_words(words: Vec<Word>, cell: Option<CellRef>) -> TextLine {
        TextLine {
            text: words
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            bbox: words
                .iter()
                .filter_map(|w| w.bbox)
                .reduce(|a, b| a.union(&b)),
            words,
            cell,
        }
    }
}

/// Position of a text line inside a table of its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CellRef {
    /// Index into the page's `tables`.
    pub table: usize,
    /// Row of the cell (0-based).
    pub row: usize,
    /// Column of the cell (0-based).
    pub col: usize,
}

/// One cell of a table grid.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// The cell's text: its lines joined by newlines, empty when blank.
    pub text: String,
    /// The cell's box.
    pub bbox: BBox,
    /// Number of grid rows this cell spans (1 when not merged).
    pub row_span: usize,
    /// Number of grid columns this cell spans (1 when not merged).
    pub col_span: usize,
}

/// How a table was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TableMethod {
    /// From ruling lines.
    Lattice,
    /// From text alignment.
    Stream,
}

/// A table as a grid: `rows[r][c]` is `None` where a spanning cell to the
/// left or above covers the position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// The table's box.
    pub bbox: BBox,
    /// The grid, row by row.
    pub rows: Vec<Vec<Option<Cell>>>,
    /// Lattice or stream.
    pub method: TableMethod,
}

/// A region the table engine looked at as a possible table: kept (it is
/// one of the page's tables) or rejected, with the reason. Drawn by
/// [`crate::debug_svg`] so that a person can check the engine's decisions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableCandidate {
    /// The region's box.
    pub bbox: BBox,
    /// From ruling lines or from text alignment.
    pub method: TableMethod,
    /// `None` when the region became a table; otherwise why it did not,
    /// as a short phrase ("prose", "key-value block", ...).
    pub rejected: Option<&'static str>,
}

/// Whether a ruling came from a stroked or a filled path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RulingKind {
    /// A stroked line or rectangle edge.
    Stroke,
    /// A thin filled rectangle (Word draws cell borders this way).
    Fill,
}

/// A horizontal or vertical line segment drawn on the page.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Ruling {
    /// The segment's box (zero or near-zero width or height).
    pub bbox: BBox,
    /// Stroked or filled.
    pub kind: RulingKind,
}

impl Ruling {
    /// True when the segment runs left to right.
    pub fn is_horizontal(&self) -> bool {
        self.bbox.width() >= self.bbox.height()
    }
}

/// One page of a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    /// Page width in points (0 for text input).
    pub width: f64,
    /// Page height in points (0 for text input).
    pub height: f64,
    /// Horizontal text lines in reading order (their words are the page's
    /// words; see [`Page::words`]).
    pub lines: Vec<TextLine>,
    /// Text set rotated or vertically (e.g. a cover title along the page
    /// edge), kept out of `words` and `lines`; one line per run of text.
    pub rotated: Vec<TextLine>,
    /// Ruling lines from stroked and filled paths.
    pub rulings: Vec<Ruling>,
    /// Filled areas thicker than a line (shading, chart bars, colour
    /// patches), as boxes; the page background is left out.
    pub fills: Vec<BBox>,
    /// Tables found on the page; lines inside them carry a [`CellRef`].
    pub tables: Vec<Table>,
    /// Every region the table engine considered, kept or rejected.
    pub candidates: Vec<TableCandidate>,
    /// Problems met on this page that did not stop it.
    pub problems: Vec<Problem>,
}

impl Page {
    /// Horizontal words in reading order: the words of the lines, which
    /// own them (a second copy per page cost a clone and a free per word).
    pub fn words(&self) -> impl Iterator<Item = &Word> {
        self.lines.iter().flat_map(|l| l.words.iter())
    }
}

/// Document metadata read from the PDF's information dictionary.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Metadata {
    /// `Producer`.
    pub producer: Option<String>,
    /// `Creator`.
    pub creator: Option<String>,
    /// `CreationDate` as ISO 8601.
    pub created: Option<String>,
    /// `Title`.
    pub title: Option<String>,
    /// The document was encrypted (and opened with the empty password).
    pub encrypted: bool,
}

/// A whole extracted document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// PDF or text.
    pub media_type: super::MediaType,
    /// The pages in order.
    pub pages: Vec<Page>,
    /// Metadata (empty for text input).
    pub metadata: Metadata,
    /// Problems that concern the whole document but did not stop it.
    pub problems: Vec<Problem>,
}

/// What kind of trouble the extractor met without giving up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ProblemKind {
    /// The PDF was encrypted and opened with the empty user password.
    Encrypted,
    /// No page holds any text (a scan without a text layer).
    NoTextLayer,
    /// A font has no usable Unicode map; its text may be wrong or missing.
    NoUnicodeMap,
    /// A font's Unicode map had entries damaged by a program that re-wrote
    /// the PDF (Ghostscript's ligatures); they were read back.
    RepairedUnicodeMap,
    /// A page could not be read; the others were kept.
    PageFailed,
    /// A resource limit cut the work short.
    LimitReached,
    /// A text file's bytes were not all valid in its encoding; those that
    /// were not were read as Windows-1252 (or U+FFFD).
    Encoding,
    /// Anything else worth a warning.
    Other,
}

/// A problem met while extracting, with the page it concerns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// What kind of problem.
    pub kind: ProblemKind,
    /// 1-based page, when it concerns one page.
    pub page: Option<u32>,
    /// One clear English sentence.
    pub message: String,
}
