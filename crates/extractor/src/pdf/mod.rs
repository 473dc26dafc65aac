//! PDF input: our lazy object store ([`lazy`]) reads the objects the
//! pages reach; our own content interpreter ([`interp`]) reads each page's
//! text and paths into a [`collector`].
//!
//! Why not lopdf's whole-file load: it parses every object of a file
//! before anything can be read (tagged PDFs carry hundreds of structure
//! elements skjema never looks at; that parse was a sixth of the
//! pipeline's time), and it cannot be bounded from outside: it inflates
//! cross-reference and object streams with no limit (a 4 KB file took
//! 2.2 GB) and parses arrays of any length. It was the fallback for
//! encrypted and damaged files; the store now covers those itself (see
//! [`lazy`]): a file is read strictly first, and when the store meets an
//! object it cannot read, read again tolerantly (unreadable objects are
//! null, as lopdf had them), and when its cross-reference section cannot
//! be read, through a table rebuilt by scanning for `N G obj` headers
//! ([`repair`]). lopdf's load stays reachable only through
//! [`extract_pdf_with`] with `force_lopdf`, to compare the two readers.
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
//! Every loop over input checks the document's [`crate::budget`]; a
//! document over its time or memory budget stops within a fraction of a
//! second and comes back as [`ExtractError::OverBudget`].

mod cmap;
pub(crate) mod collector;
mod colour;
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

/// [`extract_pdf`], telling how the store read the file: `None` when
/// strictly, else why it had to read tolerantly. `force_lopdf` reads the
/// file through lopdf's whole-file load instead (to compare the readers;
/// that load is not bounded, see the module comment).
pub(crate) fn extract_pdf_with(
    bytes: &[u8],
    options: &ExtractOptions,
    force_lopdf: bool,
) -> (Result<Document, ExtractError>, Option<String>) {
    if force_lopdf {
        return (extract_loaded(bytes, options), Some("forced".into()));
    }
    let open = |bytes, tolerant| {
        lazy::LazyStore::open(
            bytes,
            options.max_objects,
            options.max_stream_bytes,
            tolerant,
        )
    };
    let why = match open(bytes, false) {
        Ok(store) => match extract_lazy(&store, options, Vec::new()) {
            Ok(doc) => return (Ok(doc), None),
            Err(why) => why,
        },
        Err(e) => match refused(e, options) {
            Ok(why) => why,
            Err(err) => return (Err(err), None),
        },
    };
    if let Some(over) = crate::budget::exceeded() {
        return (Err(ExtractError::OverBudget(over)), Some(why));
    }
    tracing::debug!("reading the PDF tolerantly ({why})");
    let as_written = match open(bytes, true) {
        Ok(store) => match extract_lazy(&store, options, Vec::new()) {
            Ok(doc) => return (Ok(doc), Some(why)),
            Err(no_pages) => no_pages,
        },
        Err(e) => match refused(e, options) {
            Ok(unreadable) => unreadable,
            Err(err) => return (Err(err), Some(why)),
        },
    };
    if let Some(over) = crate::budget::exceeded() {
        return (Err(ExtractError::OverBudget(over)), Some(why));
    }
    // The cross-reference section is lost or points nowhere useful: a table
    // rebuilt from the objects' headers.
    let rebuilt = repair::rebuild_xref(bytes);
    let result = match &rebuilt {
        None => Err(ExtractError::BrokenPdf(describe(&as_written))),
        Some(fixed) => match open(fixed, true) {
            Ok(store) => {
                let problem = Problem {
                    kind: ProblemKind::Other,
                    page: None,
                    message: format!(
                        "the PDF is damaged ({}); its cross-reference table was rebuilt and some content may be missing",
                        describe_as_written(&as_written)
                    ),
                };
                extract_lazy(&store, options, vec![problem])
                    .map_err(|no_pages| ExtractError::BrokenPdf(describe(&no_pages)))
            }
            Err(e) => match refused(e, options) {
                Ok(_) => Err(ExtractError::BrokenPdf(describe(&as_written))),
                Err(err) => Err(err),
            },
        },
    };
    let result = match crate::budget::exceeded() {
        Some(over) => Err(ExtractError::OverBudget(over)),
        None => result,
    };
    (result, Some(why))
}

/// An error that ends the reading (`Err`), or why the store could not
/// open the file as it is (`Ok`, to try another way).
fn refused(e: lazy::OpenError, options: &ExtractOptions) -> Result<String, ExtractError> {
    match e {
        lazy::OpenError::TooManyObjects(n) => Err(too_many_objects(n, options)),
        lazy::OpenError::NeedsPassword => Err(ExtractError::Encrypted),
        other => Ok(other.to_string()),
    }
}

/// Words a person understands for why a PDF could not be read.
fn describe(why: &str) -> String {
    if why.contains("startxref") || why.contains("section") || why.contains("header line") {
        format!("no usable cross-reference table found (the file may be truncated): {why}")
    } else if why.contains("%PDF-") {
        format!("the file has no valid PDF header: {why}")
    } else if why.contains("no pages") {
        "the PDF has no pages (its page tree is missing or empty)".to_string()
    } else {
        why.to_string()
    }
}

/// Why the file as written failed, when a rebuilt cross-reference table
/// then reads it: "no pages" there means the trailer's catalog led to no
/// page tree, not that the document has none (the rebuilt table found them).
fn describe_as_written(why: &str) -> String {
    if why.contains("no pages") {
        "the catalog its trailer names leads to no page tree".to_string()
    } else {
        describe(why)
    }
}

fn too_many_objects(n: usize, options: &ExtractOptions) -> ExtractError {
    ExtractError::Unsupported(format!(
        "the PDF holds {n} objects, more than the limit of {} (max_objects)",
        options.max_objects
    ))
}

/// Through the store. A strict store gives `Err` (why) when an object
/// could not be read, so the file is read again tolerantly; both give
/// `Err` when there are no pages.
fn extract_lazy(
    store: &lazy::LazyStore<'_>,
    options: &ExtractOptions,
    mut problems: Vec<Problem>,
) -> Result<Document, String> {
    let objs = objects::Objects {
        doc: store,
        max_depth: options.max_ref_depth,
        max_stream_bytes: options.max_stream_bytes,
    };
    let page_ids = lazy::page_tree(&objs, store.trailer(), store.object_count());
    if page_ids.is_empty() {
        return Err("no pages found".into());
    }
    let mut meta = metadata::read(store.trailer(), &objs);
    if store.encrypted() {
        meta.encrypted = true;
        problems.push(Problem {
            kind: ProblemKind::Encrypted,
            page: None,
            message: "the PDF is encrypted; it was opened with the empty user password".into(),
        });
    }
    // A strict store stops at the first object that fails: the file is
    // read again tolerantly anyway.
    let strict = !store.tolerant();
    let failed = || strict && store.failures() > 0;
    let mut doc = read_pages(objs, &page_ids, meta, problems, options, &failed);
    let failed_page = doc
        .pages
        .iter()
        .flat_map(|p| &p.problems)
        .any(|p| p.kind == ProblemKind::PageFailed);
    if strict && (store.failures() > 0 || store.misses() > 0 || failed_page) {
        return Err(format!(
            "{} unreadable objects, {} missing, page failed: {failed_page}",
            store.failures(),
            store.misses()
        ));
    }
    if store.cut() > 0 {
        doc.problems.push(Problem {
            kind: ProblemKind::LimitReached,
            page: None,
            message: format!(
                "{} arrays or dictionaries hold more entries than the limits ({} and {}); only their first entries were read",
                store.cut(),
                lazy::MAX_ARRAY_ITEMS,
                lazy::MAX_DICT_ENTRIES
            ),
        });
    }
    Ok(doc)
}

/// Through lopdf's whole-file load (and its repair and decryption), for
/// comparing the two readers only: nothing here is bounded.
fn extract_loaded(bytes: &[u8], options: &ExtractOptions) -> Result<Document, ExtractError> {
    let mut problems = Vec::new();
    let mut doc = match PdfDoc::load_mem(bytes) {
        Ok(d) => d,
        Err(first) => {
            match repair::rebuild_xref(bytes).and_then(|fixed| PdfDoc::load_mem(&fixed).ok()) {
                Some(d) => {
                    problems.push(Problem {
                        kind: ProblemKind::Other,
                        page: None,
                        message: format!(
                            "the PDF is damaged ({first}); its cross-reference table was rebuilt and some content may be missing"
                        ),
                    });
                    d
                }
                None => return Err(ExtractError::BrokenPdf(first.to_string())),
            }
        }
    };
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(ExtractError::Encrypted);
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
        if abort() || crate::budget::check() {
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
    let mut words = layout::horizontal_words(
        &collector.glyphs,
        &collector.text,
        options.word_gap,
        options.line_tolerance,
    );
    // Words wholly outside the CropBox are not on the page a reader sees
    // (a printer's slug line, line numbers set in the trimmed margin); in
    // a table they would be a column of their own.
    if let Some(visible) = collector.visible {
        words.retain(|w| {
            let b = w.bbox();
            b.x1 > visible.x0
                && b.x0 < visible.x1
                && b.bottom > visible.top
                && b.top < visible.bottom
        });
    }
    page.rotated = layout::rotated_lines(
        &collector.glyphs,
        &collector.text,
        options.word_gap,
        options.line_tolerance,
    );
    collector.settle_white_fills();
    let grids = lattice::find_grids(&collector.rulings, &options.lattice());
    page.fills = std::mem::take(&mut collector.fills);
    page.rulings = std::mem::take(&mut collector.rulings);
    page_builder::assemble(&mut page, words, grids, options.line_tolerance);
    page
}
