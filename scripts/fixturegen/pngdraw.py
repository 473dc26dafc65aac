"""A tiny PNG writer for the figures: a bar chart drawn pixel by pixel.

No imaging library is needed, and the pictures stay at a few KB (palette
colours, zlib-compressed), keeping fixtures/ small.
"""

from __future__ import annotations

import struct
import zlib
from typing import List, Tuple

W, H = 360, 180
PALETTE = [(255, 255, 255), (0, 0, 0), (47, 84, 150), (200, 200, 200)]


def bar_chart_png(bars: List[Tuple[str, int]]) -> bytes:
    px = [[0] * W for _ in range(H)]
    for x in range(20, W - 10):  # axis
        px[H - 20][x] = 1
    for y in range(10, H - 19):
        px[y][20] = 1
    for y in range(H - 20 - 1, 10, -30):  # grid
        for x in range(21, W - 10, 3):
            px[y][x] = 3
    top = max((v for _, v in bars), default=1) or 1
    slot = (W - 40) // max(1, len(bars))
    for n, (_, v) in enumerate(bars):
        h = int((H - 40) * v / top)
        x0 = 30 + n * slot
        for y in range(H - 21 - h, H - 20):
            for x in range(x0, x0 + slot - 14):
                px[y][x] = 2
    raw = b"".join(b"\x00" + bytes(row) for row in px)
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", W, H, 8, 3, 0, 0, 0)
    plte = b"".join(bytes(c) for c in PALETTE)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"PLTE", plte) +
            chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
