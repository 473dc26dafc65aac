"""Document model (see gen.py) -> one HTML file, printed by headless Chromium
or imported by LibreOffice Writer."""
import html

PAGE = {"A4": "210mm 297mm", "Letter": "8.5in 11in", "A4L": "297mm 210mm"}


def esc(t):
    return html.escape(t, quote=False)


def run_html(r):
    if isinstance(r, str):
        return esc(r).replace("\n", "<br>")
    css = []
    if r.get("bold"):
        css.append("font-weight:bold")
    if r.get("italic"):
        css.append("font-style:italic")
    if r.get("size"):
        css.append(f"font-size:{r['size']}pt")
    if r.get("font"):
        css.append(f"font-family:'{r['font']}'")
    if r.get("color"):
        css.append(f"color:{r['color']}")
    t = esc(r["text"]).replace("\n", "<br>")
    if r.get("sup"):
        t = f"<sup>{t}</sup>"
    return f'<span style="{";".join(css)}">{t}</span>' if css else t


def para_style(b):
    css = []
    if b.get("size"):
        css.append(f"font-size:{b['size']}pt")
    if b.get("bold"):
        css.append("font-weight:bold")
    if b.get("italic"):
        css.append("font-style:italic")
    if b.get("align"):
        css.append(f"text-align:{b['align']}")
    if b.get("color"):
        css.append(f"color:{b['color']}")
    if b.get("font"):
        css.append(f"font-family:'{b['font']}'")
    if b.get("space_after") is not None:
        css.append(f"margin:0 0 {b['space_after']}pt 0")
    return ";".join(css)


def runs_of(b):
    if "runs" in b:
        return "".join(run_html(r) for r in b["runs"])
    return esc(b.get("text", "")).replace("\n", "<br>")


def cell_html(c, tag, attrs, tstyle):
    if isinstance(c, str):
        c = {"text": c}
    css = []
    if c.get("bold"):
        css.append("font-weight:bold")
    if c.get("italic"):
        css.append("font-style:italic")
    if c.get("size"):
        css.append(f"font-size:{c['size']}pt")
    if c.get("align"):
        css.append(f"text-align:{c['align']}")
    if c.get("color"):
        css.append(f"color:{c['color']}")
    if c.get("shade"):
        css.append(f"background:{c['shade']}")
    if "runs" in c:
        body = "".join(run_html(r) for r in c["runs"])
    else:
        body = "<br>".join(esc(x) for x in c.get("text", "").split("\n"))
    if c.get("rotate"):
        body = f'<div style="writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap">{body}</div>'
    st = f' style="{";".join(css)}"' if css else ""
    return f"<{tag}{attrs}{st}>{body}</{tag}>"


def table_html(b):
    rows = b["rows"]
    ncol = max(len(r) for r in rows)
    covered = set()
    span = {}
    for (r, c, rs, cs) in b.get("merges", []):
        span[(r, c)] = (rs, cs)
        for i in range(r, r + rs):
            for j in range(c, c + cs):
                if (i, j) != (r, c):
                    covered.add((i, j))
    borders = b.get("borders", "all")
    fs = b.get("font_size")
    tcss = ["border-collapse:collapse", "width:100%" if not b.get("widths") else ""]
    if fs:
        tcss.append(f"font-size:{fs}pt")
    out = [f'<table class="b-{borders}" style="{";".join(x for x in tcss if x)}">']
    if b.get("widths"):
        out.append("<colgroup>" + "".join(f'<col style="width:{w}mm">' for w in b["widths"]) + "</colgroup>")
    hr = b.get("header_rows", 0)
    rep = b.get("repeat_header", False)
    for i, row in enumerate(rows):
        if i == 0 and hr and rep:
            out.append("<thead>")
        if i == hr and hr and rep:
            out.append("</thead><tbody>")
        elif i == 0 and not (hr and rep):
            out.append("<tbody>")
        tr_css = ' style="break-inside:avoid"' if b.get("cant_split") else ""
        out.append(f"<tr{tr_css}>")
        for j in range(ncol):
            if (i, j) in covered:
                continue
            c = row[j] if j < len(row) else ""
            attrs = ""
            if (i, j) in span:
                rs, cs = span[(i, j)]
                if rs > 1:
                    attrs += f' rowspan="{rs}"'
                if cs > 1:
                    attrs += f' colspan="{cs}"'
            tag = "th" if i < hr else "td"
            out.append(cell_html(c, tag, attrs, b))
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def render(doc, path, for_libreoffice=False):
    page = doc["page"]
    m = page["margins_mm"]
    font = doc["font"]
    css = [
        f"@page {{ size: {PAGE[page['size']]}; margin: {m[0]}mm {m[1]}mm {m[2]}mm {m[3]}mm;",
    ]
    if doc.get("header") and not for_libreoffice:
        css.append(f'  @top-right {{ content: "{doc["header"]}"; font-size: 8pt; font-family: "{font["family"]}"; }}')
    if doc.get("footer") and not for_libreoffice:
        f = doc["footer"].replace('"', '\\"').replace("{page}", '" counter(page) "')
        css.append(f'  @bottom-center {{ content: "{f}"; font-size: 8pt; font-family: "{font["family"]}"; }}')
    css.append("}")
    css.append(f"body {{ font-family: '{font['family']}'; font-size: {font['size']}pt; line-height: {font.get('leading', 1.2)}; }}")
    css.append("p { margin: 0 0 5pt 0; }")
    css.append("h1 { font-size: 1.5em; margin: 12pt 0 6pt 0; } h2 { font-size: 1.2em; margin: 10pt 0 4pt 0; }"
               " h3 { font-size: 1.05em; margin: 8pt 0 3pt 0; }")
    css.append("table { margin: 4pt 0 8pt 0; } td, th { vertical-align: top; padding: 2pt 4pt; text-align: left; }")
    css.append("th { font-weight: bold; }")
    css.append(".b-all td, .b-all th { border: 0.6pt solid #000; }")
    css.append(".b-horizontal td, .b-horizontal th { border-top: 0.6pt solid #555; border-bottom: 0.6pt solid #555; }")
    css.append(".b-none td, .b-none th { border: none; }")
    css.append(".tabs { white-space: pre; }")
    css.append(".pb { break-after: page; }")
    css.append(".vert { position: absolute; left: -2mm; top: 10mm; writing-mode: vertical-rl; "
               "transform: rotate(180deg); font-size: 26pt; letter-spacing: 4pt; color: #777; }")
    body = []
    for b in doc["blocks"]:
        body.append(block_html(b, for_libreoffice))
    with open(path, "w", encoding="utf-8") as f:
        f.write("<!DOCTYPE html>\n<html lang=\"no\"><head><meta charset=\"utf-8\">"
                f"<title>{esc(doc.get('title', ''))}</title><style>\n" + "\n".join(css) + "\n</style></head><body>\n")
        f.write("\n".join(body))
        f.write("\n</body></html>\n")


def block_html(b, lo):
    t = b["t"]
    if t == "p":
        return f'<p style="{para_style(b)}">{runs_of(b)}</p>'
    if t == "h":
        lvl = b.get("level", 1)
        st = para_style(b)
        return f'<h{lvl} style="{st}">{runs_of(b)}</h{lvl}>'
    if t == "table":
        return table_html(b)
    if t == "tabs":
        w = b.get("stop_mm", 50)
        lines = []
        for lab, val in b["lines"]:
            if lo:
                lines.append(f"<p>{esc(lab)}\t{esc(val)}</p>")
            else:
                lines.append(f'<div class="tabs" style="tab-size:{max(4, int(w / 2.2))}">{esc(lab)}\t{esc(val)}</div>')
        return "\n".join(lines)
    if t == "pagebreak":
        return '<div class="pb"></div>'
    if t == "cover":
        inner = "\n".join(block_html(x, lo) for x in b["blocks"])
        vert = ""
        if b.get("vertical") and not lo:
            vert = f'<div class="vert">{esc(b["vertical"])}</div>'
        return f'<div style="position:relative;min-height:200mm">{vert}{inner}</div><div class="pb"></div>'
    if t == "toc":
        rows = []
        for num, title, page in b["entries"]:
            ind = 12 if "." in num.strip(".") else 0
            rows.append(f'<div style="display:flex;margin-left:{ind}pt"><span>{esc(num)} {esc(title)}</span>'
                        f'<span style="flex:1;border-bottom:1px dotted #000;margin:0 3pt 4pt 3pt"></span>'
                        f"<span>{page}</span></div>")
        return "\n".join(rows)
    if t == "fixed_header":
        return f'<div style="position:fixed;top:-12mm;right:0;font-size:8pt">{esc(b["text"])}</div>'
    raise ValueError(t)
