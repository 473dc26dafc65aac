"""Document model (see gen.py) -> .docx with python-docx (exported to PDF by LibreOffice)."""
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, None: None}
SIZES = {"A4": (210, 297), "Letter": (215.9, 279.4), "A4L": (297, 210)}


def set_font(run_or_style, family):
    run_or_style.font.name = family
    rpr = run_or_style.element.get_or_add_rPr() if hasattr(run_or_style.element, "get_or_add_rPr") else None
    if rpr is not None:
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.append(fonts)
        for k in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(k), family)


def add_run(p, r):
    if isinstance(r, str):
        r = {"text": r}
    parts = r["text"].split("\n")
    for i, part in enumerate(parts):
        run = p.add_run(part)
        if i < len(parts) - 1:
            run.add_break()
        if r.get("bold"):
            run.bold = True
        if r.get("italic"):
            run.italic = True
        if r.get("size"):
            run.font.size = Pt(r["size"])
        if r.get("font"):
            set_font(run, r["font"])
        if r.get("color"):
            run.font.color.rgb = RGBColor.from_string(r["color"].lstrip("#").upper())
        if r.get("sup"):
            run.font.superscript = True


def fill_para(p, b):
    if "runs" in b:
        for r in b["runs"]:
            add_run(p, r)
    else:
        add_run(p, {k: b.get(k) for k in ("text", "bold", "italic", "size", "font", "color")} | {"text": b.get("text", "")})
    if b.get("align"):
        p.alignment = ALIGN[b["align"]]
    if b.get("space_after") is not None:
        p.paragraph_format.space_after = Pt(b["space_after"])


def page_field(p):
    run = p.add_run()
    f1 = OxmlElement("w:fldChar")
    f1.set(qn("w:fldCharType"), "begin")
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = " PAGE "
    f2 = OxmlElement("w:fldChar")
    f2.set(qn("w:fldCharType"), "separate")
    t = OxmlElement("w:t")
    t.text = "1"
    f3 = OxmlElement("w:fldChar")
    f3.set(qn("w:fldCharType"), "end")
    for e in (f1, it, f2, t, f3):
        run._r.append(e)
    return run


def set_cell_borders(cell, on):
    tcpr = cell._tc.get_or_add_tcPr()
    b = OxmlElement("w:tcBorders")
    for edge in ("top", "left", "bottom", "right"):
        e = OxmlElement(f"w:{edge}")
        if on == "all" or (on == "horizontal" and edge in ("top", "bottom")):
            e.set(qn("w:val"), "single")
            e.set(qn("w:sz"), "4")
            e.set(qn("w:color"), "000000")
        else:
            e.set(qn("w:val"), "nil")
        b.append(e)
    tcpr.append(b)


def rotate_cell(cell):
    tcpr = cell._tc.get_or_add_tcPr()
    td = OxmlElement("w:textDirection")
    td.set(qn("w:val"), "btLr")
    tcpr.append(td)


def shade_cell(cell, color):
    tcpr = cell._tc.get_or_add_tcPr()
    sh = OxmlElement("w:shd")
    sh.set(qn("w:val"), "clear")
    sh.set(qn("w:color"), "auto")
    sh.set(qn("w:fill"), color.lstrip("#"))
    tcpr.append(sh)


def fill_cell(cell, c, size):
    if isinstance(c, str):
        c = {"text": c}
    cell.paragraphs[0].text = ""
    if "runs" in c:
        p = cell.paragraphs[0]
        for r in c["runs"]:
            add_run(p, r if isinstance(r, str) else r | ({"size": r.get("size") or size} if size else {}))
    else:
        lines = c.get("text", "").split("\n")
        for i, line in enumerate(lines):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            add_run(p, {"text": line, "bold": c.get("bold"), "italic": c.get("italic"),
                        "size": c.get("size") or size, "color": c.get("color")})
            p.paragraph_format.space_after = Pt(0)
            if c.get("align"):
                p.alignment = ALIGN[c["align"]]
    if c.get("rotate"):
        rotate_cell(cell)
    if c.get("shade"):
        shade_cell(cell, c["shade"])


def add_table(doc, b):
    rows = b["rows"]
    ncol = max(len(r) for r in rows)
    t = doc.add_table(rows=len(rows), cols=ncol)
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    t.autofit = False
    widths = b.get("widths")
    for i, row in enumerate(rows):
        for j in range(ncol):
            cell = t.cell(i, j)
            fill_cell(cell, row[j] if j < len(row) else "", b.get("font_size"))
            set_cell_borders(cell, b.get("borders", "all"))
            if widths:
                cell.width = Mm(widths[j])
    if widths:
        grid = t._tbl.tblGrid
        for j, gc in enumerate(grid.findall(qn("w:gridCol"))):
            gc.set(qn("w:w"), str(int(widths[j] * 56.7)))
    hr = b.get("header_rows", 0)
    for i, tr in enumerate(t.rows):
        trpr = tr._tr.get_or_add_trPr()
        if i < hr and b.get("repeat_header"):
            e = OxmlElement("w:tblHeader")
            e.set(qn("w:val"), "true")
            trpr.append(e)
        if b.get("cant_split"):
            trpr.append(OxmlElement("w:cantSplit"))
    for (r, c, rs, cs) in b.get("merges", []):
        a = t.cell(r, c)
        z = t.cell(r + rs - 1, c + cs - 1)
        keep = a.text
        m = a.merge(z)
        # merging concatenates the paragraphs of every merged cell; keep the top-left text only
        for p in m.paragraphs[1:]:
            if not p.text.strip():
                p._p.getparent().remove(p._p)
        _ = keep
    doc.add_paragraph().paragraph_format.space_after = Pt(2)
    return t


def render(doc_model, path):
    d = Document()
    st = d.styles["Normal"]
    set_font(st, doc_model["font"]["family"])
    st.font.size = Pt(doc_model["font"]["size"])
    st.paragraph_format.space_after = Pt(4)
    for name, scale in (("Heading 1", 1.45), ("Heading 2", 1.2), ("Heading 3", 1.05)):
        hs = d.styles[name]
        set_font(hs, doc_model["font"].get("heading_family", doc_model["font"]["family"]))
        hs.font.size = Pt(round(doc_model["font"]["size"] * scale))
        hs.font.color.rgb = RGBColor(0, 0, 0)
    sec = d.sections[0]
    w, h = SIZES[doc_model["page"]["size"]]
    if doc_model["page"]["size"] == "A4L":
        sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(w), Mm(h)
    mt, mr, mb, ml = doc_model["page"]["margins_mm"]
    sec.top_margin, sec.right_margin, sec.bottom_margin, sec.left_margin = Mm(mt), Mm(mr), Mm(mb), Mm(ml)
    if doc_model.get("header"):
        hp = sec.header.paragraphs[0]
        hp.text = doc_model["header"]
        hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for r in hp.runs:
            r.font.size = Pt(8)
    if doc_model.get("footer"):
        fp = sec.footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pre, _, post = doc_model["footer"].partition("{page}")
        r = fp.add_run(pre)
        r.font.size = Pt(8)
        if "{page}" in doc_model["footer"]:
            page_field(fp).font.size = Pt(8)
            r2 = fp.add_run(post)
            r2.font.size = Pt(8)
    if doc_model.get("different_first_page"):
        sec.different_first_page_header_footer = True
    for b in doc_model["blocks"]:
        add_block(d, b)
    d.core_properties.author = doc_model.get("author", "")
    d.core_properties.title = doc_model.get("title", "")
    d.save(path)


def add_block(d, b):
    t = b["t"]
    if t == "p":
        p = d.add_paragraph()
        fill_para(p, b)
    elif t == "h":
        p = d.add_heading(level=b.get("level", 1))
        fill_para(p, b)
    elif t == "table":
        add_table(d, b)
    elif t == "tabs":
        for lab, val in b["lines"]:
            p = d.add_paragraph()
            p.paragraph_format.tab_stops.add_tab_stop(Mm(b.get("stop_mm", 50)))
            p.paragraph_format.space_after = Pt(1)
            p.add_run(f"{lab}\t{val}")
    elif t == "pagebreak":
        d.add_page_break()
    elif t == "cover":
        if b.get("vertical"):
            t2 = d.add_table(rows=1, cols=2)
            t2.autofit = False
            c0, c1 = t2.cell(0, 0), t2.cell(0, 1)
            c0.width, c1.width = Mm(18), Mm(140)
            fill_cell(c0, {"text": b["vertical"], "rotate": True, "size": 22, "color": "#777777"}, None)
            set_cell_borders(c0, "none")
            set_cell_borders(c1, "none")
            tr = t2.rows[0]._tr.get_or_add_trPr()
            hgt = OxmlElement("w:trHeight")
            hgt.set(qn("w:val"), str(int(200 * 56.7)))
            tr.append(hgt)
            first = True
            for x in b["blocks"]:
                p = c1.paragraphs[0] if first else c1.add_paragraph()
                first = False
                fill_para(p, x)
        else:
            for x in b["blocks"]:
                add_block(d, x)
        d.add_page_break()
    elif t == "toc":
        for num, title, page in b["entries"]:
            p = d.add_paragraph()
            p.paragraph_format.space_after = Pt(1)
            if "." in num.strip("."):
                p.paragraph_format.left_indent = Mm(5)
            p.paragraph_format.tab_stops.add_tab_stop(Mm(150), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            p.add_run(f"{num} {title}\t{page}")
    elif t == "fixed_header":
        pass
    else:
        raise ValueError(t)
