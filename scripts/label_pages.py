#!/usr/bin/env python3
"""Renders PDF pages for a person to label tables on them by eye.

    python3 scripts/label_pages.py OUT_DIR FILE.pdf:PAGE [FILE.pdf:PAGE ...]
    python3 scripts/label_pages.py OUT_DIR --list pages.txt   # one FILE:PAGE a line
    python3 scripts/label_pages.py OUT_DIR --labels tests/table_pages/labels.tsv PDF_DIR

Each page becomes OUT_DIR/<n>.png: the page as pdftoppm renders it (72 dpi,
one pixel a point, unless DPI is set), turned back to the unrotated MediaBox frame, with a light
grid every 50 points labelled in the coordinates the table engine and the
labelled set use (points from the top-left corner of the unrotated MediaBox),
so a table's box can be read off the picture. With --labels, every labelled
page is drawn with its labelled boxes on top (green; dashed orange for the
"either way" regions), to check the labels by eye. Nothing of skjema runs: the
picture is what a reader of the PDF sees. Needs poppler-utils and Pillow
(`pip install pillow`); used to make tests/table_pages/labels.tsv, never by
the tests.
"""
import os
import re
import subprocess
import sys
import tempfile

from PIL import Image, ImageDraw

DPI = int(os.environ.get("DPI", "72"))
STEP = 50


def page_geometry(pdf, page):
    info = subprocess.run(
        ["pdfinfo", "-f", str(page), "-l", str(page), "-box", pdf],
        capture_output=True, text=True, check=False,
    ).stdout
    rot = re.search(rf"Page\s+{page} rot:\s+(\d+)", info)
    media = re.search(rf"Page\s+{page} MediaBox:\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", info)
    if not media:
        return None
    x0, y0, x1, y1 = (float(v) for v in media.groups())
    return int(rot.group(1)) % 360 if rot else 0, abs(x1 - x0), abs(y1 - y0)


def render(pdf, page, out_png, boxes=()):
    geo = page_geometry(pdf, page)
    if geo is None:
        return False
    rot, width, height = geo
    with tempfile.TemporaryDirectory() as tmp:
        stem = os.path.join(tmp, "p")
        subprocess.run(
            ["pdftoppm", "-q", "-png", "-r", str(DPI), "-f", str(page), "-l", str(page), "-singlefile", pdf, stem],
            check=False, timeout=60,
        )
        if not os.path.exists(stem + ".png"):
            return False
        img = Image.open(stem + ".png").convert("RGB")
    # pdftoppm turns the page by /Rotate clockwise; turn it back.
    if rot:
        img = img.rotate(rot, expand=True)
    scale_x, scale_y = img.width / width, img.height / height
    draw = ImageDraw.Draw(img, "RGBA")
    for x in range(0, int(width) + 1, STEP):
        px = x * scale_x
        draw.line([(px, 0), (px, img.height)], fill=(0, 120, 255, 70 if x % 100 else 130))
        if x % 100 == 0:
            draw.text((px + 1, 1), str(x), fill=(0, 90, 220, 255))
    for y in range(0, int(height) + 1, STEP):
        py = y * scale_y
        draw.line([(0, py), (img.width, py)], fill=(255, 60, 0, 70 if y % 100 else 130))
        if y % 100 == 0:
            draw.text((1, py + 1), str(y), fill=(220, 50, 0, 255))
    for either_way, (x0, top, x1, bottom) in boxes:
        rect = [x0 * scale_x, top * scale_y, x1 * scale_x, bottom * scale_y]
        colour = (255, 140, 0, 255) if either_way else (0, 170, 0, 255)
        draw.rectangle(rect, outline=colour, width=3 if not either_way else 1)
    img.save(out_png)
    return True


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    out = argv[1]
    os.makedirs(out, exist_ok=True)
    specs = argv[2:]
    if specs[0] == "--labels":
        pdf_dir = specs[2]
        with open(specs[1], encoding="utf-8") as f:
            rows = [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]
        for n, (name, page, tables) in enumerate(rows, 1):
            boxes = []
            for b in ([] if tables == "-" else tables.split(";")):
                boxes.append((b.startswith("?"), [float(v) for v in b.lstrip("?").split(",")]))
            ok = render(os.path.join(pdf_dir, name), int(page), os.path.join(out, f"{n:03d}.png"), boxes)
            print(f"{n:03d}\t{name}:{page}\t{'ok' if ok else 'FAILED'}")
        return 0
    if specs[0] == "--list":
        with open(specs[1], encoding="utf-8") as f:
            specs = [line.strip() for line in f if line.strip()]
    for n, spec in enumerate(specs, 1):
        pdf, _, page = spec.rpartition(":")
        ok = render(pdf, int(page), os.path.join(out, f"{n:03d}.png"))
        print(f"{n:03d}\t{spec}\t{'ok' if ok else 'FAILED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
