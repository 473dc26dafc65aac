//! Prints docs/CODEBOOK.md: `cargo run -p skjema-exporter --example codebook > docs/CODEBOOK.md`.

fn main() {
    print!("{}", skjema_exporter::codebook_markdown());
}
