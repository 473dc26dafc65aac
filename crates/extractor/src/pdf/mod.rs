//! PDF input: our lazy object store ([`lazy`]) reads the objects the
//! pages reach, with lopdf's whole-file load behind it; our own content
//! interpreter ([`interp`]) reads each page's text and paths into a
//! [`collector`].
//!
//! Why two readers: lopdf parses every object of a file before anything
//! can be read, and tagged PDFs carry hundreds of structure elements that
//! skjema never looks at, so that parse (and dropping it) was a sixth of
//! the pipeline's time. The lazy store parses on demand. lopdf stays for
//! what the store leaves alone: encrypted files (lopdf decrypts), files
//! whose cross-reference section cannot be read, and any file in which
//! the store met an object it could not parse; such a file is read again
//! whole by lopdf, so damaged files come out exactly as they always have.
//!
//! Why not pdf-extract, as first planned: its page interpretation rebuilt
//! every font and CMap on every page (two thirds of skjema's run time went
//! there), and it panicked on damaged fonts, CMaps and content (in itself
//! and in `type1-encoding-parser`, `adobe-cmap-parser` and its CFF code),
//! which took a rewriting pass over every page and font to keep at bay.
//! The interpreter here loads each font once per document, never panics on
//! input, and enforces the limits of [`ExtractOptions`] as it runs; see
//! [`interp`] for the details.
//!
//! lopdf 0.42 has no repair mode, so a file whose cross-reference table is
//! missing or broken (typically truncated) gets one rebuilt here by
//! scanning for `N G obj` headers ([`repair`]) before we give up.
//!
//! Both readers give the same documents: on the 32 fixtures and the 973
//! files of the real-world corpus, the only differences are files the
//! lazy store reads better (a cross-reference table lopdf's strict parser
//! refuses, a stream with a wrong or missing `/Length` that it cuts at
//! `endstream` where lopdf drops the content).

mod cmap;
pub(crate) mod collector;
mod encoding;
mod filters;
mod font;
mod interp;
mod lazy;
mod lexer;
mod metadata;
mod objects;
mod repair;
mod std14;
mod unicode_repair;

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

use lopdf::Document as PdfDoc;

use crate::geometry::{Document, Page, Problem, ProblemKind};
use crate::{lattice, layout, page_builder, ExtractError, ExtractOptions, MediaType};
use collector::PageCollector;

/// Extracts a PDF held in memory.
pub(crate) fn extract_pdf(
    bytes: &[u8],
    options: &ExtractOptions,
) -> Result<Document, ExtractError> {
    extract_pdf_with(bytes, options, false).0
}

/// [`extract_pdf`], telling which reader it used: `None` for the lazy
/// store, else why lopdf read the file. `force_lopdf` skips the lazy
/// store (to compare the two).
pub(crate) fn extract_pdf_with(
    bytes: &[u8],
    options: &ExtractOptions,
    force_lopdf: bool,
) -> (Result<Document, ExtractError>, Option<String>) {
    let why = if force_lopdf {
        "forced".to_owned()
    } else {
        match lazy::LazyStore::open(bytes, options.max_objects, options.max_stream_bytes) {
            Ok(store) => match extract_lazy(&store, options) {
                Ok(doc) => return (Ok(doc), None),
                Err(why) => why,
            },
            Err(lazy::OpenError::TooManyObjects(n)) => {
                return (Err(too_many_objects(n, options)), None)
            }
            Err(e) => e.to_string(),
        }
    };
    tracing::debug!("reading the PDF with lopdf ({why})");
    (extract_loaded(bytes, options), Some(why))
}

fn too_many_objects(n: usize, options: &ExtractOptions) -> ExtractError {
    ExtractError::Unsupported(format!(
        "the PDF holds {n} objects, more than the limit of {} (max_objects)",
        options.max_objects
    ))
}

/// Through the lazy store; `Err` (why) when lopdf must read the file
/// instead: no catalog or pages, or an object the store could not read.
fn extract_lazy(store: &lazy::LazyStore<'_>, options: &ExtractOptions) -> Result<Document, String> {
    let objs = objects::Objects {
        doc: store,
        max_depth: options.max_ref_depth,
        max_stream_bytes: options.max_stream_bytes,
    };
    let page_ids = lazy::page_tree(&objs, store.trailer(), store.object_count());
    if page_ids.is_empty() {
        return Err("no pages found".into());
    }
    let meta = metadata::read(store.trailer(), &objs);
    // Once an object fails, lopdf reads the file again: stop early.
    let failed = || store.failures() > 0;
    let doc = read_pages(objs, &page_ids, meta, Vec::new(), options, &failed);
    let failed_page = doc
        .pages
        .iter()
        .flat_map(|p| &p.problems)
        .any(|p| p.kind == ProblemKind::PageFailed);
    match (store.failures(), store.misses()) {
        (0, 0) if !failed_page => Ok(doc),
        (failures, misses) => Err(format!(
            "{failures} unreadable objects, {misses} missing, page failed: {failed_page}"
        )),
    }
}

/// Through lopdf, which loads every object first (and repairs and
/// decrypts).
fn extract_loaded(bytes: &[u8], options: &ExtractOptions) -> Result<Document, ExtractError> {
    let mut problems = Vec::new();
    let mut doc = match PdfDoc::load_mem(bytes) {
        Ok(d) => d,
        Err(first) => {
            tracing::debug!("lopdf could not load the PDF ({first}); trying to rebuild its cross-reference table");
            match repair::rebuild_xref(bytes).and_then(|fixed| PdfDoc::load_mem(&fixed).ok()) {
                Some(d) => {
                    problems.push(Problem {
                        kind: ProblemKind::Other,
                        page: None,
                        message: format!(
                            "the PDF is damaged ({}); its cross-reference table was rebuilt and some content may be missing",
                            describe_load_error(&first)
                        ),
                    });
                    d
                }
                None => return Err(ExtractError::BrokenPdf(describe_load_error(&first))),
            }
        }
    };
    if doc.is_encrypted() {
        // lopdf already tried the empty user password while loading.
        if doc.decrypt("").is_err() {
            return Err(ExtractError::Encrypted);
        }
    }
    if doc.objects.len() > options.max_objects {
        return Err(too_many_objects(doc.objects.len(), options));
    }
    let objs = objects::Objects {
        doc: &doc,
        max_depth: options.max_ref_depth,
        max_stream_bytes: options.max_stream_bytes,
    };
    let mut meta = metadata::read(&doc.trailer, &objs);
    if doc.was_encrypted() {
        meta.encrypted = true;
        problems.push(Problem {
            kind: ProblemKind::Encrypted,
            page: None,
            message: "the PDF is encrypted; it was opened with the empty user password".into(),
        });
    }
    let page_ids = doc.get_pages();
    if page_ids.is_empty() {
        return Err(ExtractError::BrokenPdf(
            "the PDF has no pages (its page tree is missing or empty)".into(),
        ));
    }
    Ok(read_pages(
        objs,
        &page_ids,
        meta,
        problems,
        options,
        &|| false,
    ))
}

/// Every page (up to `max_pages`, or until `abort` says so), then the
/// document-wide problems.
fn read_pages(
    objs: objects::Objects<'_>,
    page_ids: &BTreeMap<u32, lopdf::ObjectId>,
    metadata: crate::geometry::Metadata,
    mut problems: Vec<Problem>,
    options: &ExtractOptions,
    abort: &dyn Fn() -> bool,
) -> Document {
    let mut interpreter = interp::Interpreter::new(objs, options.max_ops_per_page);
    let mut pages = Vec::new();
    // One collector for all pages: its glyph buffer (often hundreds of
    // kilobytes) is allocated once per document, not grown anew per page.
    let mut collector = PageCollector::new(options.thin_fill);
    for (&number, &page_id) in page_ids.iter() {
        if abort() {
            break;
        }
        if pages.len() as u32 >= options.max_pages {
            problems.push(Problem {
                kind: ProblemKind::LimitReached,
                page: Some(number),
                message: format!(
                    "only the first {} of {} pages were read (max_pages)",
                    options.max_pages,
                    page_ids.len()
                ),
            });
            break;
        }
        let page = extract_page(
            &mut interpreter,
            &mut collector,
            page_id,
            pages.len() as u32 + 1,
            options,
        );
        pages.push(page);
    }
    for name in interpreter.fonts_missing_unicode() {
        problems.push(Problem {
            kind: ProblemKind::NoUnicodeMap,
            page: None,
            message: format!(
                "the font {name} has no Unicode map for some of its characters (no ToUnicode entry, no known glyph name); their text may be wrong or missing"
            ),
        });
    }
    for (name, repairs) in interpreter.fonts_with_repaired_unicode() {
        problems.push(Problem {
            kind: ProblemKind::RepairedUnicodeMap,
            page: None,
            message: unicode_repair::message(&name, &repairs),
        });
    }
    let has_text = pages
        .iter()
        .any(|p| p.words().next().is_some() || !p.rotated.is_empty());
    if !has_text {
        problems.push(Problem {
            kind: ProblemKind::NoTextLayer,
            page: None,
            message: "no page has any text; the PDF is probably a scan without a text layer".into(),
        });
    }
    Document {
        media_type: MediaType::Pdf,
        pages,
        metadata,
        problems,
    }
}

/// What the interpreter had to skip, as problems of the page.
fn add_page_problems(page: &mut Page, report: &interp::PageReport) {
    let number = page.number;
    let mut add = |kind, message: String| {
        page.problems.push(Problem {
            kind,
            page: Some(number),
            message,
        })
    };
    if report.ops_limit {
        add(
            ProblemKind::LimitReached,
            format!("page {number} has more drawing operations than the limit (max_ops_per_page); the rest of the page was skipped"),
        );
    }
    if report.stream_limit {
        add(
            ProblemKind::LimitReached,
            format!("page {number} has a content stream larger than the limit (max_stream_bytes); it was skipped"),
        );
    }
    if report.form_loop {
        add(
            ProblemKind::LimitReached,
            format!("page {number} nests form XObjects in a cycle or deeper than the limit (max_ref_depth); the nested part was skipped"),
        );
    }
    if report.truncated_content {
        add(
            ProblemKind::Other,
            format!("page {number} has damaged content; it was read up to the damage"),
        );
    }
}

/// Words a person understands for lopdf's load errors.
fn describe_load_error(e: &lopdf::Error) -> String {
    use lopdf::Error as E;
    // lopdf's `ParseError` is not public; its messages are stable enough.
    let raw = e.to_string();
    match e {
        E::Xref(_) | E::MissingXrefEntry => {
            format!("no cross-reference table found (the file may be truncated): {raw}")
        }
        E::Parse(_) if raw.contains("cross reference") => {
            format!("no cross-reference table found (the file may be truncated): {raw}")
        }
        E::Parse(_) if raw.contains("trailer") || raw.contains("end of input") => {
            format!("the end of the file is missing or damaged (the file may be truncated): {raw}")
        }
        E::Parse(_) if raw.contains("header") => format!("the file has no valid PDF header: {raw}"),
        _ => raw,
    }
}

fn empty_page(number: u32, width: f64, height: f64) -> Page {
    Page {
        number,
        width,
        height,
        lines: Vec::new(),
        rotated: Vec::new(),
        rulings: Vec::new(),
        fills: Vec::new(),
        tables: Vec::new(),
        candidates: Vec::new(),
        problems: Vec::new(),
    }
}

/// One page. The interpreter does not panic on input; the guard is the
/// last safety net, and a page that still fails comes back empty with a
/// problem while the other pages are kept.
fn extract_page(
    interpreter: &mut interp::Interpreter<'_>,
    collector: &mut PageCollector,
    page_id: lopdf::ObjectId,
    number: u32,
    options: &ExtractOptions,
) -> Page {
    collector.clear();
    let run = catch_unwind(AssertUnwindSafe(|| interpreter.page(page_id, collector)));
    match run {
        Ok(report) => {
            let mut page = build_page(number, collector, options);
            add_page_problems(&mut page, &report);
            page
        }
        Err(panic) => {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown error".into());
            let message = format!("page {number} could not be read (the PDF reader failed: {why})");
            tracing::warn!("{message}");
            let mut page = empty_page(number, collector.width, collector.height);
            page.problems.push(Problem {
                kind: ProblemKind::PageFailed,
                page: Some(number),
                message,
            });
            page
        }
    }
}

pub(crate) fn build_page(
    number: u32,
    collector: &mut PageCollector,
    options: &ExtractOptions,
) -> Page {
    let mut page = empty_page(number, collector.width, collector.height);
    let words = layout::horizontal_words(
        &collector.glyphs,
        &collector.text,
        options.word_gap,
        options.line_tolerance,
    );
    page.rotated = layout::rotated_lines(
        &collector.glyphs,
        &collector.text,
        options.word_gap,
        options.line_tolerance,
    );
    let grids = lattice::find_grids(&collector.rulings, &options.lattice());
    page.fills = std::mem::take(&mut collector.fills);
    page.rulings = std::mem::take(&mut collector.rulings);
    page_builder::assemble(&mut page, words, grids, options.line_tolerance);
    page
}
