"""A self-contained HTML review report: the pairs side by side, flags marked, and an alignment map.

No network: styles, script and the map (a PNG of the sentence similarity matrix, with the chosen path
drawn over it as SVG) are all inside the one file.
"""

from __future__ import annotations

import base64
import html
import json
import re
import struct
import zlib
from collections import Counter
from collections.abc import Sequence

import numpy as np

from thalign.config import AlignConfig
from thalign.types import AlignmentResult, Bead, Flag

MAP_CELLS = 400
"""Largest map side in cells; longer documents are averaged down to this."""

STYLE = """
body{font-family:system-ui,'Noto Sans Thai',sans-serif;margin:0;color:#222}
header{padding:12px 20px;background:#f4f4f6;border-bottom:1px solid #ddd}
h1{font-size:18px;margin:0 0 6px}.sig{font:12px monospace;color:#666}
main{display:flex;gap:20px;padding:16px 20px;align-items:flex-start}
#pairs{flex:1;border-collapse:collapse;font-size:14px}
#pairs td,#pairs th{border-bottom:1px solid #eee;padding:6px 8px;vertical-align:top}
#pairs td.th{width:42%}#pairs td.en{width:42%}.conf{font:12px monospace;white-space:nowrap}
tr.low .conf{color:#b00;font-weight:bold}td.gap{background:repeating-linear-gradient(45deg,#fff,#fff 6px,#fbe9e9 6px,#fbe9e9 12px)}
.flag{display:inline-block;font-size:11px;border-radius:3px;padding:1px 5px;margin:2px 2px 0 0;color:#fff;background:#888}
.flag.error{background:#c0392b}.flag.warning{background:#d68910}.flag.info{background:#2471a3}
mark{background:#fde68a;padding:0 1px}mark.term{background:#f5b7b1;border-bottom:2px solid #c0392b}aside{position:sticky;top:10px;width:420px}
#filters label{margin-right:10px;font-size:13px;white-space:nowrap}.kind{font:11px monospace;color:#888}
"""

SCRIPT = """
function applyFilter(){
  const on=[...document.querySelectorAll('#filters input:checked')].map(x=>x.value);
  const all=document.getElementById('all').checked;
  document.querySelectorAll('#pairs tbody tr').forEach(tr=>{
    const kinds=(tr.dataset.flags||'').split(' ').filter(Boolean);
    tr.style.display=(all||kinds.some(k=>on.includes(k)))?'':'none';});
}
document.querySelectorAll('#filters input').forEach(x=>x.addEventListener('change',applyFilter));
"""


def _png(matrix: np.ndarray) -> bytes:
    """Grey-scale PNG of values in [0, 1] (dark = similar), written with zlib: no imaging library needed."""
    pixels = (255 - np.clip(matrix, 0, 1) * 255).astype(np.uint8)
    raw = b"".join(b"\x00" + row.tobytes() for row in pixels)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", pixels.shape[1], pixels.shape[0], 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def _pool(matrix: np.ndarray, limit: int) -> tuple[np.ndarray, float, float]:
    """Average blocks so neither side exceeds ``limit``; returns the matrix and the row/column scale."""
    fr = max(1, -(-matrix.shape[0] // limit))
    fc = max(1, -(-matrix.shape[1] // limit))
    rows, cols = -(-matrix.shape[0] // fr), -(-matrix.shape[1] // fc)
    padded = np.full((rows * fr, cols * fc), np.nan)
    padded[: matrix.shape[0], : matrix.shape[1]] = matrix
    return np.nanmean(padded.reshape(rows, fr, cols, fc), axis=(1, 3)), 1 / fr, 1 / fc


def alignment_map(result: AlignmentResult) -> str:
    """SVG: similarity matrix (Thai rows, English columns) with the alignment path over it."""
    if not result.vectors or not len(result.th) or not len(result.en):
        return "<p>No alignment map (no vectors or an empty side).</p>"
    th, en = result.vectors
    sims = np.asarray(th) @ np.asarray(en).T
    lo, hi = np.percentile(sims, 5), np.percentile(sims, 99.5)
    scaled = (sims - lo) / max(hi - lo, 1e-6)
    pooled, sr, sc = _pool(scaled, MAP_CELLS)
    image = base64.b64encode(_png(np.nan_to_num(pooled))).decode()
    h, w = pooled.shape
    points, i, j = ["0,0"], 0, 0
    for bead in result.beads:
        i, j = i + len(bead.th), j + len(bead.en)
        points.append(f"{j * sc:.2f},{i * sr:.2f}")
    nulls = "".join(
        f'<circle cx="{(b.en[0] + 0.5) * sc if b.en else (sum(len(x.en) for x in result.beads[:k]) * sc):.2f}" '
        f'cy="{(b.th[0] + 0.5) * sr if b.th else (sum(len(x.th) for x in result.beads[:k]) * sr):.2f}" '
        f'r="{max(0.4, 0.45 * max(sr, sc)):.2f}" fill="#e11"><title>{b.kind}</title></circle>'
        for k, b in enumerate(result.beads) if not (b.th and b.en))
    return (f'<svg id="map" viewBox="0 0 {w} {h}" width="400" height="{400 * h / w:.0f}" '
            f'preserveAspectRatio="none" xmlns="http://www.w3.org/2000/svg">'
            f'<image href="data:image/png;base64,{image}" width="{w}" height="{h}" preserveAspectRatio="none" '
            f'style="image-rendering:pixelated"/>'
            f'<polyline points="{" ".join(points)}" fill="none" stroke="#1e88e5" stroke-width="{max(0.5, 1.5 * max(sr, sc)):.2f}" '
            f'vector-effect="non-scaling-stroke"/>{nulls}</svg>'
            f'<p class="kind">Rows: {len(result.th)} Thai sentences · columns: {len(result.en)} English · dark = similar · '
            f'blue = chosen path · red dots = unaligned sentences</p>')


def _marked(text: str, spans: list[str], words: Sequence[str] = (), latin: bool = False) -> str:
    """Escape ``text`` and mark the first place of each flag span, and every place of each unmatched word
    (class ``term``; English words only as whole words, so "cat" is not marked inside "category")."""
    found: list[tuple[int, int, str]] = []
    for span in sorted({s for s in spans if s}, key=len, reverse=True):
        at = text.find(span)
        if at >= 0:
            found.append((at, at + len(span), ""))
    for word in sorted({w for w in words if w}, key=len, reverse=True):
        pattern = rf"(?<![\w]){re.escape(word)}(?![\w])" if latin else re.escape(word)
        found += [(m.start(), m.end(), "term") for m in re.finditer(pattern, text)]
    out, at = [], 0
    for start, end, css in sorted(found, key=lambda f: (f[0], -f[1])):
        if start < at:
            continue  # overlaps a mark already placed
        title = ' class="term" title="no counterpart on the other side"' if css else ""
        out += [html.escape(text[at:start]), f"<mark{title}>{html.escape(text[start:end])}</mark>"]
        at = end
    return "".join(out) + html.escape(text[at:])


def _row(result: AlignmentResult, index: int, bead: Bead, flags: list[Flag]) -> str:
    th = _marked(result.bead_text(bead, "th"), [f.th_span for f in flags if not f.th_words],
                 [w for f in flags for w in f.th_words])
    en = _marked(result.bead_text(bead, "en"), [f.en_span for f in flags if not f.en_words],
                 [w for f in flags for w in f.en_words], latin=True)
    badges = "".join(f'<span class="flag {f.severity}" title="{html.escape(f.evidence)}">{html.escape(f.kind)}</span>'
                     f'<div class="kind">{html.escape(f.evidence)}</div>' for f in flags)
    kinds = " ".join(sorted({f.kind for f in flags}))
    low = " low" if bead.confidence < 0.5 else ""
    return (f'<tr class="bead{low}" data-flags="{kinds}" id="b{index}"><td class="conf">{bead.confidence:.2f}<br>'
            f'<span class="kind">{bead.kind}</span></td>'
            f'<td class="th{"" if bead.th else " gap"}" lang="th">{th}</td>'
            f'<td class="en{"" if bead.en else " gap"}" lang="en">{en}{badges}</td></tr>')


def format_html(result: AlignmentResult, config: AlignConfig) -> bytes:
    counts = Counter(f.kind for f in result.flags)
    filters = '<label><input type="checkbox" id="all" checked> all pairs</label>' + "".join(
        f'<label><input type="checkbox" value="{html.escape(k)}" checked> {html.escape(k)} ({n})</label>'
        for k, n in sorted(counts.items()))
    rows = "".join(_row(result, k, b, result.flags_for(k)) for k, b in enumerate(result.beads))
    summary = {"thai": len(result.th), "english": len(result.en), "beads": len(result.beads), "flags": dict(counts)}
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>thalign review</title><style>{STYLE}</style></head>
<body><header><h1>Alignment review · {len(result.th)} Thai / {len(result.en)} English sentences · {len(result.beads)} pairs ·
{len(result.flags)} flags</h1><div class="sig">{html.escape(result.signature)}</div>
<div id="filters">{filters}</div></header>
<main><table id="pairs"><thead><tr><th>conf</th><th>Thai</th><th>English</th></tr></thead><tbody>{rows}</tbody></table>
<aside><h2 style="font-size:15px">Alignment map</h2>{alignment_map(result)}</aside></main>
<script type="application/json" id="summary">{html.escape(json.dumps(summary, ensure_ascii=False))}</script>
<script>{SCRIPT}</script></body></html>
"""
    return page.encode("utf-8")
