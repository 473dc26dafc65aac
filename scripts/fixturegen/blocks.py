"""A small document model both renderers draw: the forms are built once as
blocks, and the Word and HTML renderers only decide how each block looks.

Keeping the content in one place is what makes the two producers' PDFs carry
the same values, so one expected JSON per report holds for either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Union


@dataclass
class P:
    """A paragraph. ``kind``: normal, guidance (the form's printed help, italic
    and smaller), label (bold), small, caption, title, subtitle, bullet (a list
    item: the text starts with its marker "•", "-" or "o" and is indented)."""

    text: str
    kind: str = "normal"
    bold: bool = False
    align: str = "left"


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Cell:
    """A table cell: one or more paragraphs (a long label plus its printed
    explanation, or a comment over several lines)."""

    paras: List[P]
    shade: bool = False
    span: int = 1
    vertical: bool = False
    rowspan: int = 1

    @staticmethod
    def of(text: str, kind: str = "normal", bold: bool = False, shade: bool = False, span: int = 1,
           rowspan: int = 1) -> "Cell":
        lines = text.split("\n") if text else [""]
        return Cell([P(line, kind, bold) for line in lines], shade=shade, span=span, rowspan=rowspan)


@dataclass
class Table:
    """Rows list only the cells that start in them (HTML semantics): a cell with
    ``span``/``rowspan`` > 1 covers the grid positions to its right/below."""

    header: List[List[Cell]]
    rows: List[List[Cell]]
    widths: List[float]
    font_pt: float = 9.0
    repeat_header: bool = True
    borders: bool = True
    # The body row the page break must fall before (a table broken over a page), and cells set
    # with a word processor's narrow padding: both as real reports print them.
    break_before_row: Optional[int] = None
    narrow_padding: bool = False
    # Only the header boxed (shaded and ruled), the body below it ruled by nothing.
    header_ruled_only: bool = False
    # Cells set in the middle of their row's height, their lines set far apart (LibreOffice's import
    # of an HTML table).
    valign_middle: bool = False


@dataclass
class LabelValues:
    """Label/value pairs, as a bordered two-column table or as "Label: value" lines."""

    pairs: List[tuple]
    as_table: bool
    label_width: float = 0.35


@dataclass
class PageBreak:
    pass


@dataclass
class Cover:
    lines: List[P]
    vertical_text: Optional[str] = None


@dataclass
class Figure:
    """A small bar chart drawn as a picture, with its caption below."""

    bars: List[tuple]
    caption: str


@dataclass
class Toc:
    title: str
    entries: List[tuple]  # (level, text)


@dataclass
class Footnote:
    text: str


Block = Union[P, Heading, Table, LabelValues, PageBreak, Cover, Figure, Toc, Footnote]


@dataclass
class SectionMark:
    """Ground truth of one printed heading and what follows it until the next
    heading: blocks ``first_block`` … ``end_block`` - 1 of the document."""

    number: Optional[str]
    title: str
    parent: Optional[str]
    prompt: List[str]
    text: List[object]  # paragraphs (str) and lists (marker, [items])
    first_block: int
    end_block: int = -1


@dataclass
class Document:
    title: str
    font: str
    body_pt: float
    blocks: List[Block] = field(default_factory=list)
    header_text: Optional[str] = None
    footer_text: Optional[str] = None  # followed by the page number when page_numbers
    page_numbers: bool = False
    margins_cm: float = 2.0
    sections: List[SectionMark] = field(default_factory=list, repr=False)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)
