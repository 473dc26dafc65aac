//! Robustness on real PDFs: the shared corpus and the project's fixtures.
//! Skipped when the folders are missing.

use std::path::Path;

use skjema_extractor::{extract, ExtractError, ExtractOptions};

fn pdfs(dir: &str) -> Vec<std::path::PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<_> = rd
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    v.sort();
    v
}

/// A handful of small corpus files: none may panic out of `extract`, and
/// password-protected ones give `Encrypted`.
#[test]
fn corpus_sample_never_panics() {
    let files = pdfs("/work/shared/corpus/pdf");
    if files.is_empty() {
        eprintln!("corpus missing; skipped");
        return;
    }
    let small: Vec<_> = files
        .iter()
        .filter(|p| std::fs::metadata(p).is_ok_and(|m| m.len() < 200_000))
        .step_by(9)
        .take(40)
        .collect();
    let mut ok = 0;
    for path in &small {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        match extract(
            &bytes,
            &ExtractOptions {
                max_pages: 20,
                ..ExtractOptions::default()
            },
        ) {
            Ok(doc) => {
                ok += 1;
                assert!(!doc.pages.is_empty(), "{}", path.display());
            }
            Err(
                ExtractError::Encrypted | ExtractError::BrokenPdf(_) | ExtractError::NotADocument,
            ) => {}
            Err(e) => panic!("{}: {e}", path.display()),
        }
    }
    assert!(
        ok * 2 >= small.len(),
        "only {ok} of {} files extracted",
        small.len()
    );
}

#[test]
fn lopdf_unicode_sample_has_text() {
    let path = Path::new("/work/shared/corpus/pdf/J-F-Liu_lopdf__assets_unicode_af1792a7.pdf");
    let Ok(bytes) = std::fs::read(path) else {
        return;
    };
    let doc = extract(&bytes, &ExtractOptions::default()).expect("extracts");
    assert!(doc.pages.iter().any(|p| !p.lines.is_empty()));
}

/// The generated report fixtures: every page has text and nothing fails.
#[test]
fn fixtures_extract_without_page_failures() {
    for path in pdfs(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/pdf")) {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let doc = extract(&bytes, &ExtractOptions::default())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for p in &doc.pages {
            assert!(
                p.problems.is_empty(),
                "{}: {:?}",
                path.display(),
                p.problems
            );
        }
        assert!(
            doc.pages.iter().any(|p| !p.lines.is_empty()),
            "{}",
            path.display()
        );
    }
}
