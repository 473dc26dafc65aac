"""Renders a document as a Word file with python-docx, for LibreOffice to export.

Word-specific features the real forms have are set in the XML directly:
repeating table header rows (``w:tblHeader``), vertical text in a cover cell
(``w:textDirection``), cell shading, and a PAGE field in the footer.
"""

from __future__ import annotations

import io

from docx import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .blocks import Cell, Cover, Document, Figure, Footnote, Heading, LabelValues, P, PageBreak, Table, Toc
from .pngdraw import bar_chart_png

PAGE_W_CM = 21.0
PAGE_H_CM = 29.7


def _set_font(style, name: str, size: float = None) -> None:
    style.font.name = name
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    if size:
        style.font.size = Pt(size)


def render(doc: Document, path: str) -> None:
    d = DocxDocument()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(PAGE_W_CM), Cm(PAGE_H_CM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Cm(doc.margins_cm))
    _set_font(d.styles["Normal"], doc.font, doc.body_pt)
    d.styles["Normal"].paragraph_format.space_after = Pt(4)
    for lvl, extra in ((1, 4), (2, 2), (3, 0.5)):
        st = d.styles[f"Heading {lvl}"]
        _set_font(st, doc.font, doc.body_pt + extra)
        st.font.color.rgb = RGBColor(0x1F, 0x38, 0x64)
    d.core_properties.title = doc.title
    d.core_properties.author = "Boligsosialt utviklingsprogram"
    if doc.header_text:
        hp = sec.header.paragraphs[0]
        hp.text = doc.header_text
        hp.runs[0].font.size = Pt(8.5)
    if doc.footer_text:
        fp = sec.footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = fp.add_run(doc.footer_text + " ")
        run.font.size = Pt(8.5)
        if doc.page_numbers:
            _page_field(fp)
    width_cm = PAGE_W_CM - 2 * doc.margins_cm
    for b in doc.blocks:
        _block(d, b, doc, width_cm)
    d.save(path)


def _page_field(paragraph) -> None:
    run = paragraph.add_run()
    run.font.size = Pt(8.5)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text.strip() == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


def _para(container, p: P, base_pt: float):
    par = container.add_paragraph()
    run = par.add_run(p.text)
    run.bold = p.bold or p.kind == "title"
    if p.kind == "guidance":
        run.italic = True
        run.font.size = Pt(base_pt - 1.5)
        run.font.color.rgb = RGBColor(0x33, 0x33, 0x33)
    elif p.kind == "caption":
        run.italic = True
        run.font.size = Pt(base_pt - 1)
    elif p.kind == "title":
        run.font.size = Pt(22)
    elif p.kind == "subtitle":
        run.font.size = Pt(15)
    elif p.kind == "small":
        run.font.size = Pt(base_pt - 2.5)
    elif p.kind == "bullet":
        par.paragraph_format.left_indent = Cm(0.9)
        par.paragraph_format.first_line_indent = Cm(-0.5)
        par.paragraph_format.space_after = Pt(1)
    if p.align == "right":
        par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif p.align == "center":
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return par


def _shade(cell, fill: str = "D9E2F3") -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _fill_cell(cell, c: Cell, pt: float) -> None:
    first = True
    for p in c.paras:
        par = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        run = par.add_run(p.text)
        run.bold = p.bold
        run.font.size = Pt(pt - (1 if p.kind == "guidance" else 0))
        run.italic = p.kind == "guidance"
        par.paragraph_format.space_after = Pt(1)
    if c.shade:
        _shade(cell)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _vertical_borders_off(table) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side, val in (("top", "single"), ("left", "nil"), ("bottom", "single"), ("right", "nil"),
                      ("insideH", "single"), ("insideV", "nil")):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), val)
        if val == "single":
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    tblpr.append(borders)


def _table(d, t: Table, width_cm: float) -> None:
    ncols = len(t.widths)
    table = d.add_table(rows=0, cols=ncols)
    table.style = d.styles["Table Grid"] if t.borders else None
    if t.borders and getattr(t, "rules_only", False):
        _vertical_borders_off(table)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    covered = {}  # (row, col) -> the spanning cell that covers it
    merges = []
    all_rows = [(True, r) for r in t.header] + [(False, r) for r in t.rows]
    for ri, (is_header, cells) in enumerate(all_rows):
        row = table.add_row()
        if is_header and t.repeat_header:
            _repeat_header(row)
        col = 0
        for c in cells:
            while (ri, col) in covered:
                col += 1
            if col >= ncols:
                break
            _fill_cell(row.cells[col], c, t.font_pt)
            if c.span > 1 or c.rowspan > 1:
                merges.append((ri, col, ri + c.rowspan - 1, min(ncols, col + c.span) - 1))
                for rr in range(ri, ri + c.rowspan):
                    for cc in range(col, col + c.span):
                        if (rr, cc) != (ri, col):
                            covered[(rr, cc)] = c
            col += c.span
        for (rr, cc), c in covered.items():
            if rr == ri and c.shade and cc < ncols:
                _shade(row.cells[cc])
    for n, w in enumerate(t.widths):
        table.columns[n].width = Cm(w * width_cm)
        for cell in table.columns[n].cells:
            cell.width = Cm(w * width_cm)
    for r0, c0, r1, c1 in merges:
        table.cell(r0, c0).merge(table.cell(r1, c1))
    d.add_paragraph()


def _cover(d, b: Cover, doc: Document, width_cm: float) -> None:
    if not b.vertical_text:
        for _ in range(6):
            d.add_paragraph()
        for p in b.lines:
            _para(d, p, doc.body_pt)
        return
    table = d.add_table(rows=1, cols=2)
    table.autofit = False
    row = table.rows[0]
    trpr = row._tr.get_or_add_trPr()
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), str(int(22 * 567)))
    height.set(qn("w:hRule"), "exact")
    trpr.append(height)
    left, right = row.cells
    left.width, right.width = Cm(2.5), Cm(width_cm - 2.5)
    table.columns[0].width, table.columns[1].width = Cm(2.5), Cm(width_cm - 2.5)
    tcpr = left._tc.get_or_add_tcPr()
    direction = OxmlElement("w:textDirection")
    direction.set(qn("w:val"), "btLr")
    tcpr.append(direction)
    _shade(left, "1F3864")
    run = left.paragraphs[0].add_run(b.vertical_text)
    run.bold = True
    run.font.size = Pt(20)
    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for _ in range(6):
        right.add_paragraph()
    for p in b.lines:
        _para(right, p, doc.body_pt)


def _block(d, b, doc: Document, width_cm: float) -> None:
    if isinstance(b, P):
        _para(d, b, doc.body_pt)
    elif isinstance(b, Heading):
        d.add_heading(b.text, b.level)
    elif isinstance(b, PageBreak):
        d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    elif isinstance(b, Footnote):
        _para(d, P(b.text, "small"), doc.body_pt)
    elif isinstance(b, Cover):
        _cover(d, b, doc, width_cm)
    elif isinstance(b, LabelValues):
        if b.as_table:
            rows = [[Cell([P(lbl, bold=True)]), Cell.of(val)] for lbl, val in b.pairs]
            _table(d, Table([], rows, [b.label_width, 1 - b.label_width], doc.body_pt, False), width_cm)
        else:
            for lbl, val in b.pairs:
                par = d.add_paragraph()
                par.add_run(lbl).bold = True
                par.add_run(" " + val)
    elif isinstance(b, Table):
        _table(d, b, width_cm)
    elif isinstance(b, Figure):
        d.add_picture(io.BytesIO(bar_chart_png(b.bars)), width=Cm(9))
        _para(d, P(b.caption, "caption"), doc.body_pt)
    elif isinstance(b, Toc):
        d.add_heading(b.title, 1)
        for lvl, text in b.entries:
            par = d.add_paragraph(text)
            par.paragraph_format.left_indent = Cm(0.8 * (lvl - 1))
            par.paragraph_format.space_after = Pt(2)
    else:
        raise TypeError(b)
