//! Writes the hostile inputs of the reliability tests into a folder, to
//! run a binary against them by hand:
//!
//!     cargo run --release --example hostile -- DIR [--big]
//!     /usr/bin/time -v skjema extract DIR --out OUT
//!
//! `--big` adds the cases that take disk space or minutes to make: a
//! 100 MB one-line transcript and a 16 GiB sparse file (no disk blocks).

#[path = "../tests/hostile/mod.rs"]
mod hostile;

use std::path::{Path, PathBuf};

use hostile::Encoding;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
    else {
        eprintln!("usage: hostile DIR [--big]");
        std::process::exit(2);
    };
    let big = args.iter().any(|a| a == "--big");
    std::fs::create_dir_all(&dir).expect("output folder");
    let write = |name: &str, bytes: &[u8]| {
        std::fs::write(dir.join(name), bytes).expect("write");
        eprintln!("{name}: {} bytes", bytes.len());
    };
    write("healthy.pdf", &hostile::healthy_pdf());
    write(
        "xref-bomb.pdf",
        &hostile::xref_stream_bomb(2 << 30, Encoding::DoubleFlate),
    );
    write(
        "xref-bomb-flate.pdf",
        &hostile::xref_stream_bomb(256 << 20, Encoding::Flate),
    );
    write(
        "objstm-bomb.pdf",
        &hostile::object_stream_bomb(2 << 30, Encoding::DoubleFlate),
    );
    write("widths-10m.pdf", &hostile::huge_widths(10_000_000));
    write("cid-widths-10m.pdf", &hostile::huge_cid_widths(10_000_000));
    let report = hostile::fixture_report_transcript();
    for mb in [1, 2, 4, 8] {
        write(
            &format!("repeated-{mb}mb.txt"),
            hostile::repeated_reports(&report, mb << 20).as_bytes(),
        );
    }
    write("stray-byte.txt", &hostile::stray_byte(&report, "Kommune"));
    write("utf16le.txt", &hostile::utf16(&report, false));
    write("utf16be.txt", &hostile::utf16(&report, true));
    write("cp1252.txt", &hostile::windows_1252(&report));
    write("cr.txt", hostile::line_ends(&report, "\r").as_bytes());
    write("crlf.txt", hostile::line_ends(&report, "\r\n").as_bytes());
    non_utf8_names(&dir, &report);
    if big {
        write(
            "long-line-100mb.txt",
            hostile::one_long_line(&report, 100 << 20).as_bytes(),
        );
        let huge = std::fs::File::create(dir.join("sparse-16g.txt")).expect("create");
        huge.set_len(16 << 30).expect("sparse file");
        eprintln!("sparse-16g.txt: 16 GiB (sparse)");
    }
}

#[cfg(unix)]
fn non_utf8_names(dir: &Path, report: &str) {
    use std::os::unix::ffi::OsStrExt;
    for (name, municipality) in [
        (&b"rapport-\xe6.txt"[..], "Moss"),
        (b"rapport-\xf8.txt", "Asker"),
    ] {
        let path = dir.join(std::ffi::OsStr::from_bytes(name));
        let text = report.replacen("Moss", municipality, 1);
        std::fs::write(&path, text).expect("write");
        eprintln!("{}: a name that is not UTF-8", path.display());
    }
}

#[cfg(not(unix))]
fn non_utf8_names(_dir: &Path, _report: &str) {}
