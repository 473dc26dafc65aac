"""What scripts/rewrite_check and scripts/rewrite_fixtures share: the three
PDF re-writers, how to install them, and how to compare two reports.

A PDF re-written by another program must give the same dataset: the
re-writers here are the ones researchers' archives pass files through
(Ghostscript to shrink or "fix" a PDF, Cairo when a viewer prints to PDF,
MuPDF when a file is cleaned), run with their plain default settings.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# name → (argv builder, Debian package, program checked for)
TOOLS = {
    "gs": (
        lambda i, o: ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite", f"-sOutputFile={o}", str(i)],
        "ghostscript",
        "gs",
    ),
    "cairo": (lambda i, o: ["pdftocairo", "-pdf", str(i), str(o)], "poppler-utils", "pdftocairo"),
    "mutool": (lambda i, o: ["mutool", "clean", str(i), str(o)], "mupdf-tools", "mutool"),
}

# Issues a re-write may add: they describe the re-writer's damage, which
# was repaired, not a value of the report.
REWRITE_ISSUES = {"repaired_unicode_map"}

# Positions move when a re-writer refits the page (pdftocairo rounds the
# page size to whole points and scales the content into it: 0.1 %, up to
# about 1 pt at the page edge); boxes within this many points are equal.
BBOX_TOLERANCE = 2.0

TIMEOUT = 120


def ensure_tools(names: list[str]) -> None:
    """Installs the re-writers' packages with apt-get when missing (as root)."""
    need = sorted({TOOLS[n][1] for n in names if shutil.which(TOOLS[n][2]) is None})
    if not need:
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"installing {' '.join(need)}", file=sys.stderr)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", *need], check=True, env=env, stdout=subprocess.DEVNULL)
    else:
        sys.exit(f"needs {' '.join(need)} (apt-get install {' '.join(need)})")


def rewrite(tool: str, src: Path, dst: Path) -> str | None:
    """Re-writes one PDF into dst (atomically); an error message or None."""
    argv_of = TOOLS[tool][0]
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(f".{dst.name}.tmp.pdf")
    try:
        r = subprocess.run(argv_of(src, tmp), capture_output=True, text=True, timeout=TIMEOUT, errors="replace")
    except subprocess.TimeoutExpired:
        tmp.unlink(missing_ok=True)
        return f"{tool} {src.name}: timed out after {TIMEOUT} s"
    if r.returncode != 0 or not tmp.exists() or tmp.stat().st_size == 0:
        tmp.unlink(missing_ok=True)
        return f"{tool} {src.name}: exit {r.returncode}: {r.stderr.strip()[:300]}"
    os.replace(tmp, dst)
    return None


def rewrite_all(jobs: list[tuple[str, Path, Path]], workers: int | None = None) -> list[tuple[tuple[str, Path, Path], str]]:
    """Runs (tool, src, dst) re-writes in parallel; the failed ones with why."""
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda j: rewrite(*j), jobs))
    return [(j, e) for j, e in zip(jobs, results) if e]


def _is_bbox(path: str) -> bool:
    return path.rsplit(".", 1)[-1].split("[", 1)[0] == "bbox"


def comparable(report: dict) -> dict:
    """A report without what a re-write may change: where the file came from
    (source, report_id) and the re-writer's own issues."""
    r = {k: v for k, v in report.items() if k not in ("source", "report_id")}
    r["issues"] = [i for i in report.get("issues", []) if i.get("code") not in REWRITE_ISSUES]
    return r


def differences(want, got, path: str = "", tolerance: float = BBOX_TOLERANCE, out=None, shift=None):
    """Field-by-field differences between two JSON values as (path, want, got);
    numbers inside a `bbox` may differ by `tolerance`. `shift` (a one-item
    list) collects the largest bbox difference seen."""
    out = [] if out is None else out
    if isinstance(want, dict) and isinstance(got, dict):
        for k in sorted(set(want) | set(got)):
            differences(want.get(k), got.get(k), f"{path}.{k}" if path else k, tolerance, out, shift)
    elif isinstance(want, list) and isinstance(got, list):
        if len(want) != len(got):
            out.append((f"{path}.len", len(want), len(got)))
        for i, (a, b) in enumerate(zip(want, got)):
            differences(a, b, f"{path}[{i}]", tolerance, out, shift)
    elif (
        isinstance(want, (int, float))
        and isinstance(got, (int, float))
        and not isinstance(want, bool)
        and _is_bbox(path)
    ):
        d = abs(want - got)
        if shift is not None:
            shift[0] = max(shift[0], d)
        if d > tolerance:
            out.append((path, want, got))
    elif want != got:
        out.append((path, want, got))
    return out


def leaf_count(value) -> int:
    if isinstance(value, dict):
        return sum(leaf_count(v) for v in value.values())
    if isinstance(value, list):
        return 1 + sum(leaf_count(v) for v in value)
    return 1
