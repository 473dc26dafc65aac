//! Which files a run reads: the given files, and every regular file under the
//! given folders, sorted by path so that the output order never depends on
//! the order a file system lists a folder in.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

/// One thing to turn into a report, or the reason it cannot even be listed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// A regular file.
    File(PathBuf),
    /// A folder that could not be listed; it becomes a row of errors.csv.
    Unreadable(PathBuf, String),
}

impl Input {
    /// The path as given or joined (relative stays relative).
    pub fn path(&self) -> &Path {
        match self {
            Input::File(path) | Input::Unreadable(path, _) => path,
        }
    }
}

/// Folders and files whose name starts with a dot are not inputs.
fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with('.'))
}

/// Lists the inputs, sorted and without duplicates. `skip` is a folder never
/// entered (the output directory, so a re-run does not read its own output).
pub fn collect_inputs(given: &[PathBuf], skip: Option<&Path>) -> anyhow::Result<Vec<Input>> {
    let mut found = Vec::new();
    for path in given {
        let meta = std::fs::metadata(path)
            .with_context(|| format!("input {} cannot be opened", path.display()))?;
        if meta.is_dir() {
            walk(path, skip, &mut found);
        } else if meta.is_file() {
            found.push(Input::File(path.clone()));
        } else {
            bail!("input {} is neither a file nor a folder", path.display());
        }
    }
    found.sort_by(|a, b| a.path().cmp(b.path()));
    found.dedup_by(|a, b| a.path() == b.path());
    Ok(found)
}

fn walk(dir: &Path, skip: Option<&Path>, found: &mut Vec<Input>) {
    if let (Some(skip), Ok(here)) = (skip, dir.canonicalize()) {
        if here == skip {
            tracing::info!(dir = %dir.display(), "not reading the output directory");
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            found.push(Input::Unreadable(dir.to_path_buf(), err.to_string()));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                found.push(Input::Unreadable(dir.to_path_buf(), err.to_string()));
                continue;
            }
        };
        let path = entry.path();
        if is_hidden(&path) {
            continue;
        }
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => walk(&path, skip, found),
            Ok(kind) if kind.is_file() => found.push(Input::File(path)),
            // Symbolic links to files are followed; links to folders are not,
            // so a link loop cannot make the walk endless.
            Ok(kind) if kind.is_symlink() => {
                if std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
                    found.push(Input::File(path));
                } else {
                    tracing::warn!(path = %path.display(), "skipping a link that is not to a regular file");
                }
            }
            Ok(_) => tracing::debug!(path = %path.display(), "skipping a special file"),
            Err(err) => found.push(Input::Unreadable(path, err.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_walked_sorted_and_hidden_entries_skipped() {
        let root = tempfile::tempdir().unwrap();
        let base = root.path();
        std::fs::create_dir_all(base.join("b/sub")).unwrap();
        std::fs::create_dir_all(base.join(".git")).unwrap();
        std::fs::create_dir_all(base.join("out")).unwrap();
        for file in [
            "b/sub/z.pdf",
            "b/a.txt",
            "c",
            ".hidden.pdf",
            ".git/x",
            "out/reports.csv",
        ] {
            std::fs::write(base.join(file), b"x").unwrap();
        }
        let skip = base.join("out").canonicalize().unwrap();
        let inputs = collect_inputs(
            &[base.join("b"), base.join("c"), base.join("b")],
            Some(&skip),
        )
        .unwrap();
        let paths: Vec<_> = inputs
            .iter()
            .map(|i| i.path().strip_prefix(base).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            paths,
            [
                PathBuf::from("b/a.txt"),
                PathBuf::from("b/sub/z.pdf"),
                PathBuf::from("c")
            ]
        );

        let all = collect_inputs(&[base.to_path_buf()], Some(&skip)).unwrap();
        assert_eq!(all.len(), 3, "{all:?}");
    }

    #[test]
    fn a_missing_input_is_an_error_naming_it() {
        let err = collect_inputs(&[PathBuf::from("no/such/file.pdf")], None).unwrap_err();
        assert!(err.to_string().contains("no/such/file.pdf"), "{err}");
    }
}
