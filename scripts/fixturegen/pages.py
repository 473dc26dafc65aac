"""Pages of each section, read from the rendered PDF.

The sections themselves (number, title, prompt, text) are the layout's own
record (``Document.sections``); only where each heading and the last line of
each section landed is a fact of the PDF. It is found by walking the blocks
in document order through the text of ``pdftotext`` with a character cursor:
each block's text (whitespace removed, NFKC) is searched from the cursor on,
so a repeated sentence or the table of contents cannot be taken for a later
block. Running headers and footers are removed from each page first.
"""

from __future__ import annotations

import bisect
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import List, Optional, Tuple

from .blocks import Cell, Document, Figure, Footnote, Heading, LabelValues, P, Table, Toc


def squash(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    return re.sub(r"\s+", "", s)


def page_texts(pdf: Path) -> List[str]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                         text=True).stdout
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    return pages


class Locator:
    def __init__(self, pdf: Path, doc: Document):
        texts = []
        header = squash(doc.header_text or "")
        footer = squash(doc.footer_text or "")
        for t in page_texts(pdf):
            q = squash(t)
            if header:
                q = q.replace(header, "")
            if footer:
                q = re.sub(re.escape(footer) + r"\d*", "", q)
            texts.append(q)
        self.starts = []
        self.text = ""
        for q in texts:
            self.starts.append(len(self.text))
            self.text += q
        self.cursor = 0

    def page(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)  # 1-based

    def find(self, s: str, advance: bool = True, window: Optional[int] = 4000,
              tails: bool = True) -> Optional[Tuple[int, int]]:
        """(page of first char, page of last char) of the first match of s at or after the cursor.

        The whole text is looked for within ``window`` characters of the cursor (None: anywhere); failing
        that (a paragraph split by a table row or a page), its last 24 or 12 characters, within 1500."""
        q = squash(s)
        if not q:
            return None
        cands = [(q, window)] + ([(q[-24:], 1500), (q[-12:], 1500)] if tails and len(q) > 12 else [])
        for cand, win in cands:
            if len(cand) < 2:
                continue
            pos = self.text.find(cand, self.cursor)
            if pos >= 0 and (win is None or pos - self.cursor <= win):
                end = pos + len(cand)
                if advance:
                    self.cursor = end
                return self.page(pos), self.page(end - 1)
        return None


def _cell_text(c: Cell) -> str:
    return " ".join(p.text for p in c.paras if p.text)


def _anchor(b) -> str:
    if isinstance(b, (Heading, P, Footnote)):
        return b.text
    if isinstance(b, Figure):
        return b.caption
    if isinstance(b, Table) and (b.header or b.rows):
        t = _cell_text((b.header or b.rows)[0][0])
        return t if len(squash(t)) >= 8 else ""
    return ""


def block_pages(loc: Locator, b, next_text: str = "") -> Optional[Tuple[int, int]]:
    """First and last page of a block's text, advancing the cursor past it; None when it has no text."""
    if isinstance(b, Heading):
        return loc.find(b.text, window=None)
    if isinstance(b, P):
        return loc.find(b.text) if b.text.strip() else None
    if isinstance(b, Footnote):
        return loc.find(b.text, tails=False)
    if isinstance(b, Figure):
        return loc.find(b.caption)
    if isinstance(b, LabelValues):
        first = loc.find(b.pairs[0][0])
        last = None
        for lbl, val in b.pairs:
            last = loc.find(val) or loc.find(lbl) or last
        if first and last:
            return first[0], last[1]
        return first or last
    if isinstance(b, Toc):
        loc.find(b.title)
        got = None
        for _, t in b.entries:
            got = loc.find(t) or got
        return got
    if isinstance(b, Table):
        first = None
        rows = b.header + b.rows
        for c in rows[0]:
            if len(squash(_cell_text(c))) >= 3:
                first = loc.find(_cell_text(c), advance=False)
                if first:
                    break
        # Walk the body row by row (first cell of each row) to keep the cursor inside the table,
        # then take the latest page among the last row's cells.
        start = loc.cursor
        # The text after the table bounds where its rows can be: the last character before it is the
        # table's last (pdftotext keeps a table's text together, between what precedes and follows it).
        nq = squash(next_text)
        bound = loc.text.find(nq, start) if len(nq) >= 8 else -1
        for row in b.rows[:-1]:
            t = _cell_text(row[0])
            if len(squash(t)) >= 4:
                before = loc.cursor
                loc.find(t)
                if bound >= 0 and loc.cursor > bound:
                    loc.cursor = before
        base = loc.cursor
        best_page, best_end = None, base
        for c in b.rows[-1] if b.rows else []:
            t = _cell_text(c)
            if len(squash(t)) < 3:
                continue
            loc.cursor = base
            got = loc.find(t, window=2500, tails=len(squash(t)) > 30)
            if got and bound >= 0 and loc.cursor > bound:
                got = None
            if got and (best_page is None or got[1] > best_page):
                best_page = got[1]
            if got:
                best_end = max(best_end, loc.cursor)
        loc.cursor = max(best_end, start)
        if bound > start:
            best_page = loc.page(bound - 1)
            loc.cursor = bound
        if best_page is None:
            return first
        return (first[0] if first else best_page), best_page
    return None


def section_pages(pdf: Path, doc: Document, name: str) -> List[Tuple[int, int]]:
    loc = Locator(pdf, doc)
    pages: List[Optional[Tuple[int, int]]] = []
    for k, b in enumerate(doc.blocks):
        nxt = next((_anchor(x) for x in doc.blocks[k + 1:] if _anchor(x).strip()), "")
        pages.append(block_pages(loc, b, nxt))
    out = []
    for s in doc.sections:
        head = pages[s.first_block]
        if head is None:
            print(f"{name}: heading not found in PDF text: {doc.blocks[s.first_block]}", file=sys.stderr)
            head = (out[-1][1] if out else 1, out[-1][1] if out else 1)
        last = head[1]
        for k in range(s.first_block + 1, s.end_block):
            if isinstance(doc.blocks[k], Toc):
                continue
            if pages[k] is not None:
                last = max(last, pages[k][1])
        out.append((head[0], last))
    return out
