#!/usr/bin/env python3
"""Non-test lines of a Rust source tree, by module (default: the normalizer).

A line counts unless it belongs to an item marked `#[cfg(test)]` (a test
module, a test-only function or type, with its attributes and doc comments
above it) or to a file that is declared only under `#[cfg(test)]`
(`#[cfg(test)] mod testutil;`). Test files outside `src/` (`tests/`) are not
read. Two figures: all lines, and code lines (not blank, not a comment).

    python3 scripts/count_lines.py [SRC_DIR]
"""

import re
import sys
from collections import defaultdict
from pathlib import Path

CFG_TEST = re.compile(r"^\s*#\[cfg\(test\)\]\s*$")
MOD_DECL = re.compile(r"^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;")


def item_end(lines, start):
    """Index after the item that begins at `start` (attributes included)."""
    depth = 0
    opened = False
    i = start
    while i < len(lines):
        code = strip_strings(lines[i])
        for ch in code:
            if ch == "{":
                depth += 1
                opened = True
            elif ch == "}":
                depth -= 1
        i += 1
        if opened and depth <= 0:
            return i
        if not opened and code.rstrip().endswith(";") and not code.lstrip().startswith("#"):
            return i
    return i


def strip_strings(line):
    """The line without string/char literals and a trailing `//` comment."""
    line = re.sub(r'"(?:\\.|[^"\\])*"', '""', line)
    line = re.sub(r"'(?:\\.|[^'\\])'", "''", line)
    return line.split("//", 1)[0]


def count_file(path, test_files):
    lines = path.read_text(encoding="utf-8").splitlines()
    keep = [True] * len(lines)
    i = 0
    while i < len(lines):
        if CFG_TEST.match(lines[i]):
            # doc comments and attributes directly above belong to the item
            j = i
            while j > 0 and lines[j - 1].strip().startswith(("///", "#[")):
                j -= 1
            end = item_end(lines, i + 1)
            decl = next((MOD_DECL.match(l) for l in lines[i + 1 : end] if MOD_DECL.match(l)), None)
            if decl:
                test_files.add((path.parent, decl.group(1), path.name))
            for k in range(j, end):
                keep[k] = False
            i = end
            continue
        i += 1
    kept = [l for l, k in zip(lines, keep) if k]
    code = [l for l in kept if l.strip() and not l.strip().startswith("//")]
    return len(kept), len(code)


def main():
    src = Path(sys.argv[1] if len(sys.argv) > 1 else "crates/normalizer/src")
    files = sorted(src.rglob("*.rs"))
    test_files = set()
    counts = {f: count_file(f, test_files) for f in files}
    excluded = set()
    for parent, name, declared_in in test_files:
        base = parent if declared_in in ("mod.rs", "lib.rs", "main.rs") else parent / Path(declared_in).stem
        for cand in (base / f"{name}.rs", base / name / "mod.rs"):
            excluded.add(cand)
        excluded.update(f for f in files if (base / name) in f.parents)
    by_module = defaultdict(lambda: [0, 0])
    for f, (all_lines, code) in counts.items():
        if f in excluded:
            continue
        rel = f.relative_to(src)
        module = rel.parts[0] + "/" if len(rel.parts) > 1 else rel.name
        by_module[module][0] += all_lines
        by_module[module][1] += code
    print(f"{'module':<20} {'lines':>7} {'code':>7}")
    for module in sorted(by_module):
        a, c = by_module[module]
        print(f"{module:<20} {a:>7} {c:>7}")
    total = [sum(v[0] for v in by_module.values()), sum(v[1] for v in by_module.values())]
    print(f"{'total':<20} {total[0]:>7} {total[1]:>7}")
    if excluded & set(files):
        names = ", ".join(str(f.relative_to(src)) for f in sorted(excluded & set(files)))
        print(f"test-only files left out: {names}")


if __name__ == "__main__":
    main()
