//! Running the outside tools that load a dataset (Python with pandas,
//! pyarrow, DuckDB and polars; R with readr), on a fixture run written with
//! `--format csv,parquet`. A missing tool skips the check with a message,
//! unless `SKJEMA_REQUIRE_TOOLS` is set (scripts/test sets it after
//! installing them), where it fails.

use std::path::Path;
use std::process::Command;

/// Writes the fixture dataset into `dir/out`.
pub fn fixture_dataset(dir: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_skjema"))
        .args([
            "extract",
            "fixtures/pdf",
            "--quiet",
            "--format",
            "csv,parquet",
            "--out",
        ])
        .arg(dir.join("out"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("skjema runs");
    assert!(status.success(), "extract over the fixtures: {status}");
}

/// Whether a program runs at all (`program args` exits 0); when it does not
/// and the tools are not required, says so and returns false.
pub fn available(program: &str, args: &[&str], what: &str) -> bool {
    let ok = Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("SKJEMA_REQUIRE_TOOLS").is_none(),
            "{what} is required (SKJEMA_REQUIRE_TOOLS) but missing"
        );
        eprintln!("skipped: {what} is not installed; scripts/test installs it");
    }
    ok
}

/// Runs `program` on a script file in `dir` and fails with its output
/// unless it exits 0.
pub fn run_script(dir: &Path, program: &str, file: &str, script: &str) {
    let path = dir.join(file);
    std::fs::write(&path, script).unwrap();
    let out = Command::new(program)
        .arg(&path)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{program} could not start: {e}"));
    assert!(
        out.status.success(),
        "{program} {file} failed:\n--- script ---\n{script}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
