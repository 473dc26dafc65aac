"""Renders a document as HTML for headless Chromium's print-to-PDF.

Chromium repeats a table's <thead> on every printed page, draws the running
header and footer from CSS page-margin boxes (with ``counter(page)``), and
sets the cover's edge title with ``writing-mode: vertical-rl``.
"""

from __future__ import annotations

import base64
import html
from typing import List

from .blocks import Cell, Cover, Document, Figure, Footnote, Heading, LabelValues, P, PageBreak, Table, Toc
from .pngdraw import bar_chart_png


def esc(s: str) -> str:
    return html.escape(s, quote=True)


def _css_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(doc: Document) -> str:
    out: List[str] = []
    margin_boxes = ""
    if doc.header_text:
        margin_boxes += f"@top-left {{ content: {_css_str(doc.header_text)}; font-size: 8.5pt; color: #444; }}\n"
    if doc.footer_text:
        page = ' " " counter(page)' if doc.page_numbers else ""
        margin_boxes += f"@bottom-center {{ content: {_css_str(doc.footer_text)}{page}; font-size: 8.5pt; }}\n"
    css = f"""
@page {{ size: A4; margin: {doc.margins_cm}cm {doc.margins_cm}cm {doc.margins_cm + 0.3}cm {doc.margins_cm}cm;
{margin_boxes}}}
body {{ font-family: "{doc.font}"; font-size: {doc.body_pt}pt; line-height: 1.25; }}
h1 {{ font-size: {doc.body_pt + 4}pt; margin: 14pt 0 6pt; }}
h2 {{ font-size: {doc.body_pt + 2}pt; margin: 12pt 0 4pt; }}
h3 {{ font-size: {doc.body_pt + 0.5}pt; margin: 10pt 0 4pt; }}
p {{ margin: 0 0 5pt; }}
p.guidance {{ font-style: italic; font-size: {doc.body_pt - 1.5}pt; color: #333; }}
p.caption {{ font-style: italic; font-size: {doc.body_pt - 1}pt; }}
p.footnote {{ font-size: {doc.body_pt - 2.5}pt; border-top: 0.5pt solid #000; width: 40%; padding-top: 2pt; }}
table {{ border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; table-layout: fixed; }}
td, th {{ border: 0.75pt solid #000; vertical-align: top; padding: 2pt 3pt; text-align: left; font-weight: normal; }}
table.plain td, table.plain th {{ border: none; }}
table.headonly td {{ border: none; }}
table.narrow td, table.narrow th {{ padding: 0.5pt 1pt; }}
table.middle td, table.middle th {{ vertical-align: middle; }}
table.middle td p {{ line-height: 1.9; }}
p.bullet {{ margin: 0 0 1pt 1.6em; text-indent: -0.9em; }}
td p, th p {{ margin: 0 0 2pt; }}
.shade {{ background: #d9e2f3; }}
.pb {{ break-after: page; }}
.cover {{ position: relative; height: 24cm; }}
.cover .lines {{ position: absolute; top: 7cm; left: 2.2cm; right: 0; }}
.cover p.title {{ font-size: 22pt; font-weight: bold; margin-bottom: 14pt; }}
.cover p.subtitle {{ font-size: 15pt; margin-bottom: 12pt; }}
.vert {{ position: absolute; left: 0; top: 0; height: 24cm; writing-mode: vertical-rl; transform: rotate(180deg);
        font-size: 20pt; letter-spacing: 3pt; color: #1f3864; font-weight: bold; text-align: center; }}
.toc p {{ margin: 0 0 3pt; }}
.toc p.l2 {{ margin-left: 1.2em; }}
figure {{ margin: 8pt 0; }}
"""
    out.append(f"<!DOCTYPE html><html lang=\"nb\"><head><meta charset=\"utf-8\"><title>{esc(doc.title)}</title>"
               f"<style>{css}</style></head><body>")
    for b in doc.blocks:
        out.append(_block(b))
    out.append("</body></html>")
    return "\n".join(out)


def _p(p: P) -> str:
    text = esc(p.text) if p.text else "&nbsp;"
    if p.bold:
        text = f"<b>{text}</b>"
    cls = f' class="{p.kind}"' if p.kind != "normal" else ""
    style = f' style="text-align:{p.align}"' if p.align != "left" else ""
    return f"<p{cls}{style}>{text}</p>"


def _cell(c: Cell, tag: str) -> str:
    attrs = ' class="shade"' if c.shade else ""
    if c.span > 1:
        attrs += f' colspan="{c.span}"'
    if c.rowspan > 1:
        attrs += f' rowspan="{c.rowspan}"'
    return f"<{tag}{attrs}>" + "".join(_p(p) for p in c.paras) + f"</{tag}>"


def _block(b) -> str:
    if isinstance(b, P):
        return _p(b)
    if isinstance(b, Heading):
        return f"<h{b.level}>{esc(b.text)}</h{b.level}>"
    if isinstance(b, PageBreak):
        return '<div class="pb"></div>'
    if isinstance(b, Footnote):
        return f'<p class="footnote">{esc(b.text)}</p>'
    if isinstance(b, Cover):
        vert = f'<div class="vert">{esc(b.vertical_text)}</div>' if b.vertical_text else ""
        return f'<div class="cover">{vert}<div class="lines">' + "".join(_p(p) for p in b.lines) + "</div></div>"
    if isinstance(b, LabelValues):
        w = int(b.label_width * 100)
        if b.as_table:
            rows = "".join(f"<tr><td style=\"width:{w}%\"><b>{esc(lbl)}</b></td><td>{esc(val)}</td></tr>"
                           for lbl, val in b.pairs)
            return f"<table>{rows}</table>"
        return "".join(f"<p><b>{esc(lbl)}</b> {esc(val)}</p>" for lbl, val in b.pairs)
    if isinstance(b, Table):
        cols = "".join(f'<col style="width:{w * 100:.1f}%">' for w in b.widths)
        head = "".join("<tr>" + "".join(_cell(c, "th") for c in row) + "</tr>" for row in b.header)
        body = "".join(("<tr style=\"break-before: page\">" if n == b.break_before_row else "<tr>") +
                       "".join(_cell(c, "td") for c in row) + "</tr>" for n, row in enumerate(b.rows))
        classes = (([] if b.borders else ["plain"]) + (["narrow"] if b.narrow_padding else [])
                   + (["headonly"] if b.header_ruled_only else []) + (["middle"] if b.valign_middle else []))
        cls = f' class="{" ".join(classes)}"' if classes else ""
        # A header that does not repeat on the next page is a first body row, not a <thead>.
        head = f"<thead>{head}</thead><tbody>" if b.repeat_header else f"<tbody>{head}"
        return (f'<table{cls} style="font-size:{b.font_pt}pt"><colgroup>{cols}</colgroup>'
                f"{head}{body}</tbody></table>")
    if isinstance(b, Figure):
        data = base64.b64encode(bar_chart_png(b.bars)).decode()
        return (f'<figure><img alt="" style="width:9cm" src="data:image/png;base64,{data}">'
                f'<p class="caption">{esc(b.caption)}</p></figure>')
    if isinstance(b, Toc):
        items = "".join(f'<p class="l{lvl}">{esc(t)}</p>' for lvl, t in b.entries)
        return f'<div class="toc"><h1>{esc(b.title)}</h1>{items}</div>'
    raise TypeError(b)
