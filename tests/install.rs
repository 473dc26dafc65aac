//! What the README promises about installing skjema holds: the release
//! profile makes a stripped binary (a profiling profile keeps symbols), and
//! the install section names the command and the Rust version the workspace
//! actually requires.

use std::path::PathBuf;

fn read(name: &str) -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap()
}

/// The lines of a `[section]` of a TOML file, up to the next section.
fn section(toml: &str, name: &str) -> Vec<String> {
    toml.lines()
        .skip_while(|l| l.trim() != format!("[{name}]"))
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .map(|l| l.split('#').next().unwrap_or("").replace(' ', ""))
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn release_is_stripped_and_profiling_keeps_symbols() {
    let toml = read("Cargo.toml");
    let release = section(&toml, "profile.release");
    assert!(release.contains(&"strip=true".to_string()), "{release:?}");
    assert!(release.contains(&"debug=false".to_string()), "{release:?}");
    let profiling = section(&toml, "profile.profiling");
    assert!(
        profiling.contains(&"inherits=\"release\"".to_string()),
        "{profiling:?}"
    );
    assert!(
        profiling.contains(&"strip=\"none\"".to_string()),
        "{profiling:?}"
    );
    assert!(
        profiling.iter().any(|l| l.starts_with("debug=")),
        "{profiling:?}"
    );
}

#[test]
fn the_readme_says_how_to_install_and_which_rust() {
    let toml = read("Cargo.toml");
    let version = section(&toml, "workspace.package")
        .into_iter()
        .find_map(|l| {
            l.strip_prefix("rust-version=")
                .map(|v| v.trim_matches('"').to_string())
        })
        .expect("rust-version");
    let readme = read("README.md");
    assert!(readme.contains("cargo install --path ."), "install command");
    assert!(
        readme.contains(&format!("Rust {version} or newer")),
        "README names Rust {version}"
    );
    assert!(
        !readme.contains("single static"),
        "the binary is linked dynamically against the C library"
    );
}
