"""The raw-text gap: which gold pairs the bitext path misses under each English layout, and why.

``python -m eval.gap --layout prose`` runs the bitext aligner (no flags: they do not move boundaries) on
FLORES long documents and Tatoeba, prints found / ceiling / boundary F1 per corpus, and with ``--dump`` every
findable gold pair that was missed, classified by what the output did with it (``miss_class``). FLORES
documents get their Thai start prior from a boundary model trained without them (``held_out_segments``),
Tatoeba from the shipped model (not trained on Tatoeba), so no figure is read off training data.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from eval.bitext_seg import findable
from eval.data import ParallelDoc
from eval.layouts import LAYOUTS, laid_out
from eval.score import boundary_scores, prf, span_matches
from thalign.align import get_aligner
from thalign.align.priors import boundary_model
from thalign.config import AlignConfig
from thalign.embed import Embedder
from thalign.pipeline import segment_side
from thalign.segment import get_segmenter
from thalign.segment.learned import BoundaryModel


@dataclass(frozen=True)
class Miss:
    """A findable gold pair the output did not find, with what the output made of it."""

    doc: str
    kind: str
    th_gold: str
    en_gold: str
    th_out: list[str]
    en_out: list[str]


def miss_class(th_ok: bool, en_ok: bool, en_pieces: int, th_pieces: int) -> str:
    """Why a findable gold pair was missed: ``thai-cut`` (the English bead is right, the Thai span is not),
    ``english-cut`` (the Thai span is right, the English is not: the English bead is one of the pieces
    the segmenter cut), ``both``, each with ``/split`` when the English segmenter cut the gold line."""
    kind = "thai-cut" if en_ok and not th_ok else "english-cut" if th_ok and not en_ok else "both"
    return f"{kind}/split" if en_pieces > 1 else kind if th_pieces > 0 else "unaligned"


def run_layout(docs: Sequence[ParallelDoc], embedder: Embedder, layout: str,
               models: Sequence[BoundaryModel | None] | None = None) -> tuple[dict[str, Any], list[Miss]]:
    """Found, ceiling and Thai boundary P/R/F1 of the bitext path on ``docs`` in ``layout``; ``models[i]``
    (when given) is the boundary model behind document i's start prior. ``ceiling`` is eval.bitext_seg's
    (a piece of the English covers 80% of the gold line); ``tight_ceiling`` also applies the 150% rule to
    the English (``layout_ceiling``'s strict bound): a gold line the segmenter glued to its neighbour (no final
    stop, "A.D. Its") cannot be found by any output, since English sentences are never cut."""
    config = AlignConfig(checks=())
    config = replace(config, en_segmenter="lines" if layout == "lines" else config.en_segmenter)
    english = get_segmenter(AlignConfig().en_segmenter)
    aligner = get_aligner(config)
    tp = fp = fn = found = possible = tight = total = 0
    misses: list[Miss] = []
    for i, doc in enumerate(docs):
        (th_text, th_gold), (en_text, en_gold) = laid_out(doc.th, layout, "th"), laid_out(doc.en, layout, "en")
        en = segment_side(en_text, "en", config)
        with boundary_model(models[i] if models else None):
            out = aligner(th_text, en, embedder)
        t, f, n = boundary_scores([th_text[a:b] for a, b in th_gold], [s.text for s in out.th])
        tp, fp, fn = tp + t, fp + f, fn + n
        pairs = [((out.th[b.th[0]].start, out.th[b.th[-1]].end), (en[b.en[0]].start, en[b.en[-1]].end), b)
                 for b in out.beads if b.th and b.en]
        pieces = [(s.start, s.end) for s in english(en_text)] if layout != "lines" else en_gold
        for g_th, g_en in zip(th_gold, en_gold):
            total += 1
            if not findable(g_en, pieces, strict=False):
                continue
            possible += 1
            tight += findable(g_en, pieces)
            if any(span_matches(g_th, a) and span_matches(g_en, b) for a, b, _ in pairs):
                found += 1
                continue
            near = [(a, b, bead) for a, b, bead in pairs if a[1] > g_th[0] and a[0] < g_th[1]]
            en_near = [s for s in en if s.end > g_en[0] and s.start < g_en[1]]
            kind = miss_class(any(span_matches(g_th, a) for a, _, _ in near), any(span_matches(g_en, b) for _, b, _ in near),
                              len(en_near), len(near))
            misses.append(Miss(doc.name, kind, th_text[g_th[0]:g_th[1]], en_text[g_en[0]:g_en[1]],
                               [" ".join(out.th[k].text for k in bead.th) for _, _, bead in near],
                               [" ".join(en[k].text for k in bead.en) for _, _, bead in near]))
    row = {"layout": layout, "found": found / max(total, 1), "ceiling": possible / max(total, 1),
           "tight_ceiling": tight / max(total, 1), **prf(tp, fp, fn),
           "gold_pairs": total}
    return row, misses


def flores_models(longs: Sequence[ParallelDoc]) -> list[BoundaryModel]:
    """For each FLORES long document, a boundary model trained on the FLORES documents that share no
    sentence with it (plus TUD train, as the shipped model is trained), of the bitext prior's kind: base features
    only (``Features(())``, the prior reads no crfcut marginals) at the prior's C."""
    from eval.data import flores_documents, tud_texts
    from eval.train_segmenter import TEXT_SIZE, Features, held_out_segments

    segmenters = held_out_segments([d.th for d in longs], [d.th for d in flores_documents()],
                                   extra=tud_texts("train", TEXT_SIZE), features=Features(()))
    return [s.model for s in segmenters]


def corpora(names: Sequence[str], held_out: bool = True) -> dict[str, tuple[list[ParallelDoc], list[BoundaryModel] | None]]:
    from eval.data import flores_documents, long_documents, tatoeba_documents

    out: dict[str, tuple[list[ParallelDoc], list[BoundaryModel] | None]] = {}
    if "flores-long" in names:
        longs = long_documents(flores_documents())
        out["flores-long"] = (longs, flores_models(longs) if held_out else None)
    if "tatoeba" in names:
        out["tatoeba"] = (tatoeba_documents(), None)
    return out


def main(argv: list[str] | None = None) -> int:
    from eval.__main__ import embedder

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--layout", choices=LAYOUTS, action="append")
    parser.add_argument("--corpus", choices=("flores-long", "tatoeba"), action="append")
    parser.add_argument("--dump", action="store_true", help="print every missed findable gold pair")
    parser.add_argument("--learned-start", type=float, action="append",
                        help="weights of bitext.LEARNED_START to sweep (default: the shipped value)")
    parser.add_argument("--shipped", action="store_true",
                        help="FLORES with the shipped boundary model (trained on FLORES: shows the leak, not a result)")
    parser.add_argument("--learned-floor", type=float, help="override bitext.LEARNED_FLOOR")
    args = parser.parse_args(argv)
    from thalign.align import bitext

    if args.learned_floor is not None:
        bitext.LEARNED_FLOOR = args.learned_floor
    weights = args.learned_start or [bitext.LEARNED_START]
    emb = embedder()
    for name, (docs, models) in corpora(args.corpus or ["flores-long", "tatoeba"], not args.shipped).items():
        for layout, weight in [(layout, w) for layout in args.layout or LAYOUTS for w in weights]:
            bitext.LEARNED_START = weight
            row, misses = run_layout(docs, emb, layout, models)
            print(f"{name:12} {layout:8} w={weight:<5g} found {row['found']:.3f} ceiling {row['ceiling']:.3f} "
                  f"tight {row['tight_ceiling']:.3f} of {row['gold_pairs']} "
                  f"boundary P/R/F1 {row['p']:.3f}/{row['r']:.3f}/{row['f1']:.3f}  misses {dict(Counter(m.kind for m in misses))}",
                  flush=True)
            if args.dump:
                for m in misses:
                    print(f"--- {m.doc} {m.kind}\n  TH gold: {m.th_gold}\n  EN gold: {m.en_gold}")
                    for th, en in zip(m.th_out, m.en_out):
                        print(f"  out TH: {th}\n  out EN: {en}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
