//! The limits of one input: `--max-input-size` (files larger are refused
//! before they are read) and `--max-memory` (the memory budget of reading
//! one document), with the default budget sized to the machine.
//!
//! Default memory budget: the memory this process may use (the smaller of
//! the machine's memory and a cgroup limit, as Slurm and Kubernetes set
//! one), less [`RESERVED`] for the writer and the process itself, shared
//! by the `--jobs` documents read at once, and kept between [`MIN_BUDGET`]
//! and [`MAX_BUDGET`]. So `--jobs` × budget fits the machine (or the job's
//! allocation) whatever it is.

/// Memory kept back from the documents for the writer, the file lists and
/// the program (bytes).
pub const RESERVED: u64 = 256 << 20;
/// The default budget is never smaller (a report takes 10–50 MB).
pub const MIN_BUDGET: u64 = 256 << 20;
/// Nor larger: no report needs more, and a document that does is hostile.
pub const MAX_BUDGET: u64 = 2 << 30;
/// When the memory of the machine cannot be found out.
pub const FALLBACK_BUDGET: u64 = 1 << 30;
/// `--max-input-size` when none is given: the CLI's default "512M", for
/// front ends that build the arguments themselves (the Python package).
pub const DEFAULT_MAX_INPUT_SIZE: u64 = 512 << 20;

/// Parses a size: bytes, or a number with K, M, G or T (powers of 1024;
/// `KB`, `MiB`, `GiB` … and lower case read the same): `512M`, `2G`, `1.5GiB`.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let usage = || format!("expected a size such as 512M, 2G or 1073741824; got {text:?}");
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let number: f64 = number.parse().map_err(|_| usage())?;
    let unit = unit.trim().to_ascii_lowercase();
    let unit = unit.trim_end_matches('b').trim_end_matches('i');
    let factor: u64 = match unit {
        "" => 1,
        "k" => 1 << 10,
        "m" => 1 << 20,
        "g" => 1 << 30,
        "t" => 1 << 40,
        _ => return Err(usage()),
    };
    let bytes = number * factor as f64;
    if !bytes.is_finite() || bytes < 1.0 || bytes > u64::MAX as f64 {
        return Err(usage());
    }
    Ok(bytes as u64)
}

/// A size as people read it: `512 MiB`, `1.5 GiB`.
pub fn show_size(bytes: u64) -> String {
    const UNITS: [(&str, u64); 4] = [
        ("TiB", 1 << 40),
        ("GiB", 1 << 30),
        ("MiB", 1 << 20),
        ("KiB", 1 << 10),
    ];
    for (name, size) in UNITS {
        if bytes >= size {
            let value = bytes as f64 / size as f64;
            return if value.fract() < 0.05 {
                format!("{value:.0} {name}")
            } else {
                format!("{value:.1} {name}")
            };
        }
    }
    format!("{bytes} bytes")
}

/// The default memory budget of one document for `jobs` at once.
pub fn default_budget(jobs: usize) -> u64 {
    match usable_memory() {
        Some(total) => {
            let share = total.saturating_sub(RESERVED) / jobs.max(1) as u64;
            share.clamp(MIN_BUDGET, MAX_BUDGET)
        }
        None => FALLBACK_BUDGET,
    }
}

/// Memory this process may use: the machine's, or less under a cgroup
/// limit (cgroup v2 `memory.max`, v1 `memory.limit_in_bytes`).
pub fn usable_memory() -> Option<u64> {
    let machine = machine_memory();
    let cgroup = cgroup_limit();
    match (machine, cgroup) {
        (Some(m), Some(c)) => Some(m.min(c)),
        (m, c) => m.or(c),
    }
}

fn machine_memory() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = meminfo.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    kb.checked_mul(1024)
}

fn cgroup_limit() -> Option<u64> {
    [
        "/sys/fs/cgroup/memory.max",
        "/sys/fs/cgroup/memory/memory.limit_in_bytes",
    ]
    .iter()
    .filter_map(|p| std::fs::read_to_string(p).ok())
    .filter_map(|s| s.trim().parse::<u64>().ok())
    // v1 reports "no limit" as a huge number.
    .find(|&limit| limit < 1 << 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_default_input_cap_is_the_clis() {
        assert_eq!(super::parse_size("512M"), Ok(super::DEFAULT_MAX_INPUT_SIZE));
    }

    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(parse_size("512M"), Ok(512 << 20));
        assert_eq!(parse_size("2G"), Ok(2 << 30));
        assert_eq!(parse_size("2GiB"), Ok(2 << 30));
        assert_eq!(parse_size("1.5g"), Ok(3 << 29));
        assert_eq!(parse_size("64kb"), Ok(64 << 10));
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        for bad in ["", "M", "12X", "-1G", "0", "1e3"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
        assert_eq!(show_size(512 << 20), "512 MiB");
        assert_eq!(show_size(3 << 29), "1.5 GiB");
        assert_eq!(show_size(100), "100 bytes");
    }

    #[test]
    fn the_default_budget_shares_the_memory_between_jobs() {
        let one = default_budget(1);
        let many = default_budget(64);
        assert!((MIN_BUDGET..=MAX_BUDGET).contains(&one));
        assert!(many <= one);
        assert!(many >= MIN_BUDGET);
    }
}
