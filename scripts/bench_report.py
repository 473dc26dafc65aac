#!/usr/bin/env python3
"""Benchmark driver behind scripts/bench (Python 3.11 standard library only).

Times `skjema extract` (the whole pipeline: parse, layout, tables, mapping,
every export) against `pdftotext` run once per file, the way a shell loop
runs it, on the same inputs, and prints one table. Every figure is the
median of --runs runs; ratios are taken between runs of the same command
invocation, so machine noise hits both sides alike.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PDFTOTEXT_TIMEOUT = 20.0


def pdf_pages(path: Path) -> int:
    """Pages as pdfinfo counts them (0 when it cannot read the file)."""
    try:
        out = subprocess.run(
            ["pdfinfo", str(path)], capture_output=True, text=True, timeout=20, errors="replace"
        ).stdout
    except subprocess.TimeoutExpired:
        return 0
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else 0


def list_pdfs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def time_pdftotext(files: list[Path]) -> tuple[float, dict[Path, float]]:
    """One pdftotext process per file; total wall time and per-file times."""
    per_file = {}
    start = time.perf_counter()
    for f in files:
        t0 = time.perf_counter()
        try:
            subprocess.run(
                ["pdftotext", "-q", str(f), "-"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=PDFTOTEXT_TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            pass
        per_file[f] = time.perf_counter() - t0
    return time.perf_counter() - start, per_file


def time_skjema(binary: str, inputs: Path, jobs: int) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one `skjema extract` run."""
    with tempfile.TemporaryDirectory(prefix="skjema-bench-out-") as out:
        cmd = [binary, "extract", str(inputs), "--out", out, "--jobs", str(jobs), "--quiet"]
        time_bin = shutil.which("time", path="/usr/bin:/bin") or ""
        if time_bin:
            cmd = [time_bin, "-v"] + cmd
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
        wall = time.perf_counter() - t0
        if proc.returncode not in (0, 1):
            sys.exit(f"skjema failed ({proc.returncode}): {proc.stderr[-2000:]}")
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
        return wall, int(m.group(1)) if m else 0


def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def make_copies(fixtures: Path, target: Path, count: int) -> list[Path]:
    """`count` unique files: fixtures with a PDF comment after %%EOF."""
    sources = list_pdfs(fixtures)
    made = []
    i = 0
    while len(made) < count:
        src = sources[i % len(sources)]
        dst = target / f"{i // len(sources):04d}-{src.name}"
        dst.write_bytes(src.read_bytes() + f"\n% copy {i}\n".encode())
        made.append(dst)
        i += 1
    return made


def linked_subset(files: list[Path], target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for i, f in enumerate(files):
        (target / f"{i:05d}-{f.name}").symlink_to(f.resolve())


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []

    def add(self, what: str, value: str, target: str = "") -> None:
        self.rows.append((what, value, target))
        print(f"  {what:<58} {value:>18}  {target}", flush=True)

    def markdown(self) -> str:
        lines = ["| measure | value | target |", "|---|---:|---|"]
        lines += [f"| {w} | {v} | {t} |" for w, v, t in self.rows]
        return "\n".join(lines)


def compare(table: Table, label: str, binary: str, folder: Path, files: list[Path],
            pages: dict[Path, int], runs: int, target: float | None,
            jobs_two: bool, sub10: Path | None) -> None:
    """skjema --jobs 1 against the pdftotext loop (and --jobs 2) on `folder`."""
    n_pages = sum(pages.get(f, 0) for f in files)
    big = [f for f in files if pages.get(f, 0) >= 10]
    big_pages = sum(pages[f] for f in big)
    sk1, sk2, pt, rss, skbig, ptbig = [], [], [], [], [], []
    for r in range(runs):
        wall, kib = time_skjema(binary, folder, 1)
        sk1.append(wall)
        rss.append(kib)
        total, per_file = time_pdftotext(files)
        pt.append(total)
        if jobs_two:
            sk2.append(time_skjema(binary, folder, 2)[0])
        if sub10 is not None and big:
            skbig.append(time_skjema(binary, sub10, 1)[0])
            ptbig.append(sum(per_file[f] for f in big))
        print(f"    run {r + 1}/{runs}: skjema -j1 {wall:.2f} s, pdftotext {total:.2f} s"
              + (f", skjema -j2 {sk2[-1]:.2f} s" if jobs_two else ""), flush=True)
    table.add(f"{label}: files / pages", f"{len(files)} / {n_pages}")
    table.add(f"{label}: skjema --jobs 1 pages/s", f"{n_pages / med(sk1):.1f}")
    table.add(f"{label}: pdftotext (one process per file) pages/s", f"{n_pages / med(pt):.1f}")
    ratios = [p / s for s, p in zip(sk1, pt)]
    table.add(f"{label}: ratio skjema/pdftotext (pages/s)", f"{med(ratios):.2f}x",
              f">= {target}x" if target else "")
    if sub10 is not None and big:
        table.add(f"{label}, files >= 10 pages: files / pages", f"{len(big)} / {big_pages}")
        table.add(f"{label}, files >= 10 pages: ratio skjema/pdftotext",
                  f"{med([p / s for s, p in zip(skbig, ptbig)]):.2f}x", ">= 1.5x")
    if jobs_two:
        table.add(f"{label}: skjema --jobs 2 pages/s", f"{n_pages / med(sk2):.1f}")
        table.add(f"{label}: speed-up --jobs 2 / --jobs 1",
                  f"{med([a / b for a, b in zip(sk1, sk2)]):.2f}x", ">= 1.8x")
    table.add(f"{label}: peak RSS skjema --jobs 1", f"{max(rss) / 1024:.0f} MiB")


def report_accuracy(table: Table, binary: str, bench: Path) -> None:
    """(e) The report benchmark: skjema's reports scored by the benchmark's own score.py."""
    print("(e) report benchmark: accuracy against its gold (score.py)", flush=True)
    with tempfile.TemporaryDirectory(prefix="skjema-bench-reports-") as out:
        subprocess.run([binary, "extract", str(bench / "pdf"), "--out", out, "--quiet"],
                       capture_output=True, text=True)
        scored = subprocess.run([sys.executable, str(bench / "score.py"), str(bench / "gold"),
                                 str(Path(out) / "reports.jsonl")], capture_output=True, text=True).stdout
    groups = {}
    for line in scored.splitlines():
        parts = line.split()
        if len(parts) == 8 and parts[0] != "group" and parts[0] != "all":
            try:
                groups[parts[0]] = float(parts[7])
            except ValueError:
                pass
    overall = re.search(r"^overall: ([0-9.]+)", scored, re.M)
    reports = len(list((bench / "pdf").glob("*.pdf")))
    table.add(f"report benchmark ({reports} reports): overall share of gold values",
              overall.group(1) if overall else "n/a", ">= 0.99")
    if groups:
        worst = min(groups, key=groups.get)
        table.add("report benchmark: lowest field group", f"{worst} {groups[worst]:.3f}", ">= 0.97")


def transcript_scaling(table: Table, binary: str, hostile: str, runs: int) -> None:
    """(f) The transcript path on one file of 1, 2, 4 and 8 MB of repeated reports: processor
    time per MB should stay flat (linear time), at most 1.5x the 1 MB figure."""
    print("(f) transcript path: repeated reports of 1, 2, 4 and 8 MB", flush=True)
    with tempfile.TemporaryDirectory(prefix="skjema-bench-hostile-") as tmp:
        tmp = Path(tmp)
        subprocess.run([hostile, str(tmp / "gen")], capture_output=True, check=True)
        per_mb = {}
        for mb in (1, 2, 4, 8):
            folder = tmp / f"r{mb}"
            folder.mkdir()
            (folder / f"repeated-{mb}mb.txt").symlink_to(tmp / "gen" / f"repeated-{mb}mb.txt")
            times = []
            for _ in range(runs):
                with tempfile.TemporaryDirectory(prefix="skjema-bench-out-") as out:
                    t0 = os.times()
                    subprocess.run([binary, "extract", str(folder), "--out", out, "--quiet",
                                    "--timeout", "600"], capture_output=True)
                    t1 = os.times()
                    times.append((t1.children_user + t1.children_system)
                                 - (t0.children_user + t0.children_system))
            per_mb[mb] = med(times) / mb
            table.add(f"transcript of {mb} MB: processor s per MB", f"{per_mb[mb]:.3f}")
        worst = max(per_mb.values()) / per_mb[1] if per_mb[1] else float("nan")
        table.add("transcript path: worst s/MB over the 1 MB figure", f"{worst:.2f}x", "<= 1.5x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--tables-bin", required=True)
    ap.add_argument("--fixtures", type=Path, required=True)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--tables", type=Path, required=True)
    ap.add_argument("--reports", type=Path, help="the report benchmark (PDFs, gold, score.py) to score")
    ap.add_argument("--copies", type=int, default=512, help="files in the fixtures x N batch")
    ap.add_argument("--mem-files", type=int, default=64, help="N of the N vs 10N memory check")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--markdown", type=Path, help="also write the table here")
    ap.add_argument("--hostile-bin", help="the hostile-input generator (examples/hostile.rs): "
                    "measures the transcript path's scaling on 1, 2, 4 and 8 MB of repeated reports")
    args = ap.parse_args()

    table = Table()
    print(f"skjema benchmark: {args.runs} runs per figure (medians), {os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory(prefix="skjema-bench-") as tmp:
        tmp = Path(tmp)
        # (a) fixtures repeated, each copy unique
        batch = tmp / "fixtures-x"
        batch.mkdir()
        copies = make_copies(args.fixtures, batch, args.copies)
        fixture_pages = {f: pdf_pages(f) for f in list_pdfs(args.fixtures)}
        pages = {c: fixture_pages[args.fixtures / c.name.split("-", 1)[1]] for c in copies}
        print(f"(a) fixtures x{args.copies // len(fixture_pages)}: {len(copies)} files", flush=True)
        compare(table, "fixtures x N", args.bin, batch, copies, pages, args.runs, 3.0, True, None)

        # (b) the real-world corpus
        corpus = list_pdfs(args.corpus)
        print(f"(b) corpus: {len(corpus)} files (counting pages with pdfinfo)", flush=True)
        cpages = {f: pdf_pages(f) for f in corpus}
        sub10 = tmp / "corpus-10-pages"
        linked_subset([f for f in corpus if cpages[f] >= 10], sub10)
        compare(table, "corpus", args.bin, args.corpus, corpus, cpages, args.runs, 3.0, False, sub10)

        # memory flat in batch size: N and 10 N files, --jobs 1
        print(f"(c) memory: {args.mem_files} and {10 * args.mem_files} files, --jobs 1", flush=True)
        small, large = tmp / "mem-small", tmp / "mem-large"
        small.mkdir()
        large.mkdir()
        make_copies(args.fixtures, small, args.mem_files)
        make_copies(args.fixtures, large, 10 * args.mem_files)
        _, rss_small = time_skjema(args.bin, small, 1)
        _, rss_large = time_skjema(args.bin, large, 1)
        table.add(f"peak RSS, {args.mem_files} files --jobs 1", f"{rss_small / 1024:.0f} MiB")
        table.add(f"peak RSS, {10 * args.mem_files} files --jobs 1", f"{rss_large / 1024:.0f} MiB")
        growth = (rss_large / rss_small - 1) * 100 if rss_small else float("nan")
        table.add("peak RSS growth for 10x the files", f"{growth:+.1f} %", "<= +20 %")

    # table engine alone (extract(): parse + layout + lattice tables)
    print("(d) table engine on the ICDAR 2013 development set", flush=True)
    out = subprocess.run([args.tables_bin, str(args.tables), "--runs", str(max(args.runs, 3))],
                         capture_output=True, text=True, check=True).stdout
    tb = json.loads(out.strip().splitlines()[-1])
    table.add("table engine (extract) ICDAR-2013 dev: files / pages", f"{tb['files']} / {tb['pages']}")
    table.add("table engine (extract) ICDAR-2013 dev: ms per page", f"{tb['ms_per_page']:.2f}", "<= 5 ms")

    if args.reports:
        report_accuracy(table, args.bin, args.reports)
    if args.hostile_bin:
        transcript_scaling(table, args.bin, args.hostile_bin, args.runs)

    print("\n" + table.markdown())
    if args.markdown:
        args.markdown.write_text(table.markdown() + "\n")


if __name__ == "__main__":
    main()
