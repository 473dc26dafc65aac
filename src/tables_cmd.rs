//! `skjema tables <inputs…> --out DIR`: every table the extractor finds, one
//! JSON per input in the prediction format of the table benchmark
//! (`../shared/bench/tables/README.md`), so the engine can be scored.
//!
//! Inputs are found like `extract` finds them (folders walked, hidden files
//! skipped, `--include`/`--exclude`). Output names mirror the input tree
//! below each folder given (`in/a/rapport.pdf` → `OUT/a/rapport.json`; a
//! file named on the command line → `OUT/<name>.json`); when two inputs would
//! still get one name, the later one gets its report id in the name
//! (`rapport.0123456789abcdef.json`), so no output is written over another.
//! An input that cannot be read is a row of `OUT/errors.csv` (as in
//! `extract`) and the exit code is 1.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use sha2::{Digest, Sha256};
use skjema_exporter::{CsvSink, ErrorKind, ErrorRow, Row, ERRORS};
use skjema_extractor::{extract, tables_prediction, Document, ExtractOptions};

use crate::cli::TablesArgs;
use crate::document::explain;
use crate::inputs::{collect_inputs, Filter, Input, OutputDir};
use crate::panic_guard::run_guarded;

/// What a `tables` run did.
#[derive(Debug)]
pub struct TablesSummary {
    /// Input files.
    pub files: usize,
    /// Inputs read, with their tables written.
    pub documents: usize,
    /// Tables found over all documents.
    pub tables: usize,
    /// Inputs in errors.csv.
    pub errors: usize,
    /// Wall time.
    pub elapsed: Duration,
}

impl TablesSummary {
    /// The one-line summary printed on stderr.
    pub fn line(&self) -> String {
        format!(
            "{} files: {} documents with {} tables, {} errors in {:.2} s",
            self.files,
            self.documents,
            self.tables,
            self.errors,
            self.elapsed.as_secs_f64()
        )
    }
}

/// Runs `skjema tables`.
pub fn run(args: &TablesArgs) -> anyhow::Result<TablesSummary> {
    let started = Instant::now();
    let out = &args.out;
    let filter = Filter::new(&args.filter.include, &args.filter.exclude)?;
    let output = OutputDir {
        canonical: out.canonicalize().ok(),
        ..OutputDir::default()
    };
    if output.canonical.is_some()
        && args
            .inputs
            .iter()
            .any(|i| i.canonicalize().ok() == output.canonical)
    {
        anyhow::bail!(
            "--out {} is an input folder; choose an output folder outside the inputs",
            out.display()
        );
    }
    let collected = collect_inputs(&args.inputs, &output, &filter)?;
    if collected.inputs.is_empty() {
        anyhow::bail!("no input files found in the given paths");
    }
    for note in &collected.notes {
        if !args.quiet {
            eprintln!("note: {note}");
        }
    }
    // One run at a time per output folder, as `extract` (creates it).
    let _lock = crate::out_lock::lock(out)?;
    let mut names = OutputNames::default();
    let mut errors = Vec::new();
    let mut summary = TablesSummary {
        files: collected.inputs.len(),
        documents: 0,
        tables: 0,
        errors: 0,
        elapsed: Duration::ZERO,
    };
    for input in &collected.inputs {
        match read_one(input) {
            Ok((doc, sha256)) => {
                let file_name = input
                    .path()
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let value = tables_prediction(&file_name, &doc);
                let relative = names.claim(&mirrored(input.path(), &args.inputs), &sha256);
                write_json(&out.join(&relative), &value)?;
                if let Some(dir) = &args.debug {
                    // Pictures mirror the JSON names: `a/rapport.json` →
                    // `DIR/a/rapport.p<N>.svg`.
                    let picture = relative.with_extension("");
                    let folder = picture.parent().map_or(dir.clone(), |p| dir.join(p));
                    let stem = picture
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| "document".into());
                    crate::debug_pictures::write(&folder, &stem, &doc)?;
                }
                summary.documents += 1;
                summary.tables += value["tables"].as_array().map_or(0, Vec::len);
            }
            Err(row) => errors.push(row),
        }
    }
    summary.errors = errors.len();
    write_errors(out, &errors)?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Reads and extracts one input; every failure is an errors.csv row.
fn read_one(input: &Input) -> Result<(Document, String), ErrorRow> {
    let shown = crate::inputs::shown(input.path());
    let error = |sha256: Option<String>, kind: ErrorKind, reason: String| ErrorRow {
        path: shown.clone(),
        sha256,
        kind,
        reason,
    };
    let path = match input {
        Input::File(path) => path,
        Input::Unreadable(_, cause) => {
            return Err(error(
                None,
                ErrorKind::Io,
                format!(
                    "the folder {shown} could not be listed ({cause}); its files were not read."
                ),
            ))
        }
    };
    let bytes = std::fs::read(path).map_err(|err| {
        error(
            None,
            ErrorKind::Io,
            format!("{shown} could not be read ({err}); expected a readable file."),
        )
    })?;
    let sha256 = format!("{:x}", Sha256::digest(&bytes));
    match run_guarded(|| extract(&bytes, &ExtractOptions::default())) {
        Ok(Ok(doc)) => Ok((doc, sha256)),
        Ok(Err(err)) => {
            let (kind, reason) = explain(&shown, &err);
            Err(error(Some(sha256), kind, reason))
        }
        Err(panic) => Err(error(
            Some(sha256),
            ErrorKind::Panic,
            format!("skjema crashed while reading {shown} ({panic}); this is a bug in skjema."),
        )),
    }
}

/// The output path of an input, mirroring the tree below the folder given
/// (the first given folder it lies in), or its file name for a file given.
fn mirrored(input: &Path, given: &[PathBuf]) -> PathBuf {
    let below = given
        .iter()
        .filter(|g| g.is_dir())
        .find_map(|g| input.strip_prefix(g).ok())
        .map(Path::to_path_buf);
    let relative = below
        .filter(|r| r.components().count() > 0)
        .unwrap_or_else(|| input.file_name().map(PathBuf::from).unwrap_or_default());
    relative.with_extension("json")
}

/// Output names handed out so far.
#[derive(Default)]
struct OutputNames {
    taken: HashSet<PathBuf>,
}

impl OutputNames {
    /// `wanted`, or `wanted` with the report id when another input has it.
    fn claim(&mut self, wanted: &Path, sha256: &str) -> PathBuf {
        if self.taken.insert(wanted.to_path_buf()) {
            return wanted.to_path_buf();
        }
        let id = sha256.get(..16).unwrap_or(sha256);
        let stem = wanted
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut n = 1;
        loop {
            let suffix = if n == 1 {
                id.to_string()
            } else {
                format!("{id}-{n}")
            };
            let candidate = wanted.with_file_name(format!("{stem}.{suffix}.json"));
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

/// Writes a file whole or not at all (temporary + rename).
fn write_json(target: &Path, value: &serde_json::Value) -> anyhow::Result<()> {
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("could not create {}", dir.display()))?;
    }
    let text = serde_json::to_string(value)?;
    let temp = target.with_extension("json.skjema-tmp");
    std::fs::write(&temp, text)
        .and_then(|()| std::fs::rename(&temp, target))
        .with_context(|| format!("could not write {}", target.display()))
}

fn write_errors(out: &Path, errors: &[ErrorRow]) -> anyhow::Result<()> {
    let target = out.join("errors.csv");
    let mut sink = CsvSink::new(&target, Vec::new());
    sink.write_header(&ERRORS.header())?;
    for row in errors {
        let row = Row {
            report_id: "",
            index: 0,
            item: row,
        };
        ERRORS.write_row(&row, &mut sink)?;
    }
    let bytes = sink.into_inner()?;
    let temp = out.join(".errors.csv.skjema-tmp");
    std::fs::write(&temp, bytes)
        .and_then(|()| std::fs::rename(&temp, &target))
        .with_context(|| format!("could not write {}", target.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_mirror_the_tree_and_never_collide() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("in");
        std::fs::create_dir_all(root.join("a")).unwrap();
        let given = [root.clone(), PathBuf::from("b/rapport.pdf")];
        assert_eq!(
            mirrored(&root.join("a/rapport.pdf"), &given),
            PathBuf::from("a/rapport.json")
        );
        assert_eq!(
            mirrored(Path::new("b/rapport.pdf"), &given),
            PathBuf::from("rapport.json")
        );
        let mut names = OutputNames::default();
        let sha = "0123456789abcdef0123";
        assert_eq!(
            names.claim(Path::new("rapport.json"), sha),
            PathBuf::from("rapport.json")
        );
        assert_eq!(
            names.claim(Path::new("rapport.json"), sha),
            PathBuf::from("rapport.0123456789abcdef.json")
        );
        assert_eq!(
            names.claim(Path::new("rapport.json"), sha),
            PathBuf::from("rapport.0123456789abcdef-2.json")
        );
    }
}
