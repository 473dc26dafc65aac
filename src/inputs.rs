//! Which files a run reads: the given files, and every regular file under the
//! given folders, sorted by path so that the output order never depends on
//! the order a file system lists a folder in.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

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

/// A path as the outputs show it (`source_path`, `errors.csv`, …): as
/// written when it is valid UTF-8, the usual case. A path that is not (a
/// name in Latin-1 copied from an old system) is kept losslessly in an
/// escaped form: each byte that is not UTF-8 as `\xNN` and each backslash
/// as `\\`; a valid path that holds `\x` or `\\` is escaped the same way,
/// so that no two paths ever show alike and [`path_of_shown`] maps every
/// shown path back to its file. (On Windows, paths are UTF-16 and shown
/// with any unpaired surrogate as U+FFFD.)
pub fn shown(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        match std::str::from_utf8(bytes) {
            Ok(text) if !text.contains("\\x") && !text.contains("\\\\") => text.to_string(),
            _ => escape(bytes),
        }
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().into_owned()
    }
}

/// The escaped form of [`shown`].
#[cfg(unix)]
fn escape(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 8);
    let mut rest = bytes;
    while !rest.is_empty() {
        let (valid, bad) = match std::str::from_utf8(rest) {
            Ok(valid) => (valid, 0),
            Err(e) => {
                let valid = std::str::from_utf8(rest.get(..e.valid_up_to()).unwrap_or_default())
                    .unwrap_or_default();
                let left = rest.len() - e.valid_up_to();
                (valid, e.error_len().unwrap_or(left).max(1))
            }
        };
        out.push_str(&valid.replace('\\', "\\\\"));
        let stray = rest.get(valid.len()..valid.len() + bad).unwrap_or_default();
        for b in stray {
            out.push_str(&format!("\\x{b:02x}"));
        }
        rest = rest.get(valid.len() + bad..).unwrap_or_default();
    }
    out
}

/// The path a [`shown`] path stands for: the documented inverse, which
/// only the tests need in the program.
#[cfg(test)]
pub fn path_of_shown(shown: &str) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        if !shown.contains("\\x") && !shown.contains("\\\\") {
            return PathBuf::from(shown);
        }
        let bytes = shown.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            let hex = |j: usize| {
                bytes
                    .get(j)
                    .and_then(|&c| char::from(c).to_digit(16))
                    .and_then(|d| u8::try_from(d).ok())
            };
            match (b, bytes.get(i + 1)) {
                (b'\\', Some(b'\\')) => {
                    out.push(b'\\');
                    i += 2;
                }
                (b'\\', Some(b'x')) => match (hex(i + 2), hex(i + 3)) {
                    (Some(hi), Some(lo)) => {
                        out.push(hi << 4 | lo);
                        i += 4;
                    }
                    _ => {
                        out.push(b);
                        i += 1;
                    }
                },
                _ => {
                    out.push(b);
                    i += 1;
                }
            }
        }
        PathBuf::from(std::ffi::OsStr::from_bytes(&out))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(shown)
    }
}

/// Folders and files whose name starts with a dot are not inputs.
fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with('.'))
}

/// `--include` / `--exclude`: which files found under a folder are inputs.
///
/// A pattern without `/` is matched against the file name (`*.pdf`); for
/// `--exclude` also against the name of every folder below the given one
/// (`--exclude Gammelt`). A pattern with `/` is matched against the path
/// below the given folder (`2012/**/*.pdf`). Matching ignores case, as
/// archives copied from Windows mix `.pdf` and `.PDF`. Files named on the
/// command line are always read.
#[derive(Debug, Default)]
pub struct Filter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

fn glob_set(patterns: &[String], what: &str) -> anyhow::Result<Option<GlobSet>> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut set = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = GlobBuilder::new(pattern)
            .case_insensitive(true)
            .literal_separator(pattern.contains('/'))
            .build()
            .with_context(|| format!("{what} {pattern:?} is not a valid glob pattern"))?;
        set.add(glob);
    }
    Ok(Some(set.build()?))
}

impl Filter {
    /// Builds the filter; a pattern that is not a glob is a usage error.
    pub fn new(include: &[String], exclude: &[String]) -> anyhow::Result<Filter> {
        Ok(Filter {
            include: glob_set(include, "--include")?,
            exclude: glob_set(exclude, "--exclude")?,
        })
    }

    /// Whether the file at `relative` (below the folder given) is an input.
    fn admits(&self, relative: &Path) -> bool {
        let name = relative.file_name().map(Path::new);
        let matches =
            |set: &GlobSet| set.is_match(relative) || name.is_some_and(|n| set.is_match(n));
        if let Some(include) = &self.include {
            if !matches(include) {
                return false;
            }
        }
        if let Some(exclude) = &self.exclude {
            if matches(exclude)
                || relative
                    .parent()
                    .into_iter()
                    .flat_map(Path::components)
                    .any(|c| exclude.is_match(Path::new(c.as_os_str())))
            {
                return false;
            }
        }
        true
    }
}

/// The inputs of a run and what was left out on the way.
#[derive(Debug, Default)]
pub struct Collected {
    /// Sorted, without duplicates.
    pub inputs: Vec<Input>,
    /// Files under the given folders that `--include`/`--exclude` left out.
    pub filtered_out: usize,
    /// Things the user should know: the output folder was not read, …
    pub notes: Vec<String>,
}

/// Where the run writes, so a walk does not read it back as input: the
/// folder itself when it lies inside an input folder, or only the files a
/// run writes when the output folder is an input folder itself.
#[derive(Debug, Clone, Default)]
pub struct OutputDir {
    /// The output folder, canonical (none when it does not exist yet).
    pub canonical: Option<PathBuf>,
    /// File names a run writes at the top of the output folder.
    pub written: Vec<String>,
    /// Folder inside the output folder that holds only files a run writes.
    pub subfolders: Vec<String>,
}

/// Lists the inputs, sorted and without duplicates, leaving out the output
/// folder `out` and what `filter` rejects.
pub fn collect_inputs(
    given: &[PathBuf],
    out: &OutputDir,
    filter: &Filter,
) -> anyhow::Result<Collected> {
    let mut collected = Collected::default();
    for path in given {
        let meta = std::fs::metadata(path)
            .with_context(|| format!("input {} cannot be opened", path.display()))?;
        if meta.is_dir() {
            walk(path, path, out, filter, &mut collected);
        } else if meta.is_file() {
            collected.inputs.push(Input::File(path.clone()));
        } else {
            bail!("input {} is neither a file nor a folder", path.display());
        }
    }
    collected.inputs.sort_by(|a, b| a.path().cmp(b.path()));
    collected.inputs.dedup_by(|a, b| a.path() == b.path());
    collected.notes.sort();
    collected.notes.dedup();
    Ok(collected)
}

fn walk(root: &Path, dir: &Path, out: &OutputDir, filter: &Filter, found: &mut Collected) {
    let here = dir.canonicalize().ok();
    let is_output = out.canonical.is_some() && here == out.canonical;
    if is_output && dir != root {
        found.notes.push(format!(
            "not reading {}: it is the output folder",
            dir.display()
        ));
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            found
                .inputs
                .push(Input::Unreadable(dir.to_path_buf(), err.to_string()));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                found
                    .inputs
                    .push(Input::Unreadable(dir.to_path_buf(), err.to_string()));
                continue;
            }
        };
        let path = entry.path();
        if is_hidden(&path) {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_output && (out.written.contains(&name) || out.subfolders.contains(&name)) {
            found.notes.push(format!(
                "not reading the files of an earlier run in {} (the output folder)",
                dir.display()
            ));
            continue;
        }
        let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        let add = |found: &mut Collected, path: PathBuf| {
            if filter.admits(&relative) {
                found.inputs.push(Input::File(path));
            } else {
                found.filtered_out += 1;
            }
        };
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => walk(root, &path, out, filter, found),
            Ok(kind) if kind.is_file() => add(found, path),
            // Symbolic links to files are followed; links to folders are not,
            // so a link loop cannot make the walk endless.
            Ok(kind) if kind.is_symlink() => {
                if std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
                    add(found, path);
                } else {
                    tracing::warn!(path = %path.display(), "skipping a link that is not to a regular file");
                }
            }
            Ok(_) => tracing::debug!(path = %path.display(), "skipping a special file"),
            Err(err) => found.inputs.push(Input::Unreadable(path, err.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(base: &Path, names: &[&str]) {
        for name in names {
            let path = base.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, b"x").unwrap();
        }
    }

    fn relative(base: &Path, collected: &Collected) -> Vec<String> {
        collected
            .inputs
            .iter()
            .map(|i| i.path().strip_prefix(base).unwrap().display().to_string())
            .collect()
    }

    fn output(dir: &Path) -> OutputDir {
        OutputDir {
            canonical: dir.canonicalize().ok(),
            written: vec!["reports.csv".into(), "datapackage.json".into()],
            subfolders: vec!["reports".into()],
        }
    }

    #[test]
    fn folders_are_walked_sorted_and_hidden_entries_skipped() {
        let root = tempfile::tempdir().unwrap();
        let base = root.path();
        files(
            base,
            &[
                "b/sub/z.pdf",
                "b/a.txt",
                "c",
                ".hidden.pdf",
                ".git/x",
                "out/reports.csv",
            ],
        );
        let out = output(&base.join("out"));
        let none = Filter::default();
        let found = collect_inputs(
            &[base.join("b"), base.join("c"), base.join("b")],
            &out,
            &none,
        )
        .unwrap();
        assert_eq!(relative(base, &found), ["b/a.txt", "b/sub/z.pdf", "c"]);

        let all = collect_inputs(&[base.to_path_buf()], &out, &none).unwrap();
        assert_eq!(all.inputs.len(), 3, "{all:?}");
        assert_eq!(all.notes.len(), 1, "the output folder is noted: {all:?}");
        assert!(all.notes[0].contains("output folder"), "{:?}", all.notes);
    }

    #[test]
    fn an_output_folder_that_is_the_input_folder_skips_only_its_own_files() {
        let root = tempfile::tempdir().unwrap();
        let base = root.path();
        files(
            base,
            &[
                "a.pdf",
                "reports.csv",
                "datapackage.json",
                "reports/0123456789abcdef.json",
                "b/c.pdf",
            ],
        );
        let found =
            collect_inputs(&[base.to_path_buf()], &output(base), &Filter::default()).unwrap();
        assert_eq!(relative(base, &found), ["a.pdf", "b/c.pdf"]);
        assert!(!found.notes.is_empty());
    }

    #[test]
    fn include_and_exclude_choose_files_under_folders_only() {
        let root = tempfile::tempdir().unwrap();
        let base = root.path();
        files(
            base,
            &[
                "in/a.pdf",
                "in/B.PDF",
                "in/notes.txt",
                "in/Gammelt/c.pdf",
                "in/2012/d.pdf",
                "e.txt",
            ],
        );
        let out = OutputDir::default();
        let pick = |include: &[&str], exclude: &[&str]| {
            let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
            let filter = Filter::new(&own(include), &own(exclude)).unwrap();
            let found =
                collect_inputs(&[base.join("in"), base.join("e.txt")], &out, &filter).unwrap();
            (relative(base, &found), found.filtered_out)
        };
        assert_eq!(pick(&[], &[]).0.len(), 6, "default: every file");
        assert_eq!(
            pick(&["*.pdf"], &[]),
            (
                vec![
                    "e.txt".to_string(),
                    "in/2012/d.pdf".into(),
                    "in/B.PDF".into(),
                    "in/Gammelt/c.pdf".into(),
                    "in/a.pdf".into()
                ],
                1
            ),
            "case-insensitive; a file named on the command line is always read"
        );
        assert_eq!(
            pick(&["*.pdf"], &["Gammelt"]).0,
            ["e.txt", "in/2012/d.pdf", "in/B.PDF", "in/a.pdf"],
            "a folder name excludes the folder"
        );
        assert_eq!(pick(&["2012/**"], &[]).0, ["e.txt", "in/2012/d.pdf"]);
        assert!(Filter::new(&["a[".to_string()], &[]).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn paths_that_are_not_utf8_are_shown_apart_and_map_back() {
        use std::os::unix::ffi::OsStrExt;
        let path = |b: &[u8]| PathBuf::from(std::ffi::OsStr::from_bytes(b));
        let cases: [&[u8]; 8] = [
            b"in/rapport.pdf",
            "in/Tønsberg 100%.pdf".as_bytes(),
            b"in/rapport-\xe6.txt",
            b"in/rapport-\xf8.txt",
            b"in/rapport-\\xe6.txt",
            b"in/a\\b.txt",
            b"in/a\\\\b.txt",
            b"in/\xff\\\xfe",
        ];
        let shown_all: Vec<String> = cases.iter().map(|b| shown(&path(b))).collect();
        assert_eq!(shown_all[0], "in/rapport.pdf");
        assert_eq!(
            shown_all[1], "in/Tønsberg 100%.pdf",
            "valid UTF-8 as written"
        );
        assert_eq!(shown_all[2], "in/rapport-\\xe6.txt");
        assert_eq!(shown_all[5], "in/a\\b.txt", "a lone backslash as written");
        let mut distinct = shown_all.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), cases.len(), "{shown_all:?}");
        for (bytes, text) in cases.iter().zip(&shown_all) {
            assert_eq!(path_of_shown(text), path(bytes), "{text}");
        }
    }

    #[test]
    fn a_missing_input_is_an_error_naming_it() {
        let err = collect_inputs(
            &[PathBuf::from("no/such/file.pdf")],
            &OutputDir::default(),
            &Filter::default(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("no/such/file.pdf"), "{err}");
    }
}
