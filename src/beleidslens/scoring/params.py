"""The scoring backends' parameter models, and helpers the model-backed scorers share.

Every tuned number of a backend is a field of its pydantic model below (``extra="forbid"``,
a description and a range each), so it is validated in one place, recorded whole in
``Analysis.parameters.scorer`` and documented — with the measurement that chose it — in
``docs/scoring.md``.

Options arrive as Python values from the library and as strings from the CLI
(``--backend-option blend=0.5``); :meth:`BackendParams.from_options` validates both and turns
any problem into one line (:class:`~beleidslens.errors.AnalysisError`). A model backend
passes its lexical pre-ranker's options as ``lexical.NAME=VALUE`` (or ``lexical={...}``).
A plugin's scorer can subclass :class:`BackendParams` the same way.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar, Literal, Self

from annotated_types import Ge, Gt, Le, Lt
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import AnalysisError

_KINDS = {"int": "int", "float": "float", "bool": "bool", "string": "str"}


class BackendParams(BaseModel):
    """Base of a backend's parameter model: strict names, typed and range-checked values."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)
    backend: ClassVar[str] = "scoring"  # the name used in error messages

    @classmethod
    def from_options(cls, options: Mapping[str, Any] | None = None) -> Self:
        """Validate ``options`` (``lexical.k1`` keys fill the nested ``lexical`` model)."""
        given: dict[str, Any] = {}
        for key, value in (options or {}).items():
            head, dot, rest = key.partition(".")
            if dot and head in cls.model_fields:
                nested = given.setdefault(head, {})
                if isinstance(nested, dict):
                    nested[rest] = value
                continue
            given[key] = value
        try:
            return cls.model_validate(given)
        except ValidationError as exc:
            raise _one_line(cls, exc) from None

    def recorded(self) -> dict[str, Any]:
        """The parameters as recorded in an analysis, sorted by name."""
        return dict(sorted(self.model_dump().items()))


def _field(model: type[BaseModel], loc: tuple[Any, ...]) -> Any:
    info = None
    for part in loc:
        info = model.model_fields.get(str(part)) if model is not None else None
        if info is None:
            return None
        ann = info.annotation
        model = ann if isinstance(ann, type) and issubclass(ann, BaseModel) else None  # type: ignore[assignment]
    return info


def _range(info: Any) -> str:
    lo = hi = ""
    for m in getattr(info, "metadata", []):
        if isinstance(m, Ge):
            lo = f"[{m.ge}"
        elif isinstance(m, Gt):
            lo = f"({m.gt}"
        elif isinstance(m, Le):
            hi = f"{m.le}]"
        elif isinstance(m, Lt):
            hi = f"{m.lt})"
    if lo and hi:
        return f"in {lo}, {hi}"
    if lo:
        return (">= " if lo[0] == "[" else "> ") + lo[1:]
    return ("<= " if hi.endswith("]") else "< ") + hi[:-1] if hi else "valid"


def _one_line(model: type[BackendParams], exc: ValidationError) -> AnalysisError:
    errors = exc.errors()
    name = model.backend
    unknown = sorted(".".join(map(str, e["loc"])) for e in errors if e["type"] == "extra_forbidden")
    if unknown:
        known = ", ".join(sorted(model.model_fields))
        return AnalysisError(
            f"{name} backend: unknown option(s) {', '.join(unknown)}; known: {known}"
        )
    e = errors[0]
    key = ".".join(map(str, e["loc"]))
    if not key:  # a rule between fields
        return AnalysisError(f"{name} backend: {e['msg'].removeprefix('Value error, ')}")
    value = e.get("input")
    kind = e["type"].split("_")[0]
    if e["type"].startswith(("greater_than", "less_than")):
        must = _range(_field(model, e["loc"]))
    elif kind in _KINDS:
        must = _KINDS[kind]
    elif e["type"] == "literal_error":
        must = str((e.get("ctx") or {}).get("expected", "one of the allowed values"))
    else:
        return AnalysisError(f"{name} backend: option {key}: {e['msg'].lower()}")
    return AnalysisError(f"{name} backend: option {key}={value!r} must be {must}")


def _f(default: Any, description: str, **bounds: float) -> Any:
    return Field(default, description=description, **bounds)  # type: ignore[call-overload]


class LexicalParams(BackendParams):
    """``lexical.v1``: BM25 over Dutch lemmas and compound parts (``docs/scoring.md``)."""

    backend: ClassVar[str] = "lexical"

    k1: float = _f(1.2, "BM25 term-frequency saturation", ge=0.0, le=10.0)
    b: float = _f(0.75, "BM25 length normalization", ge=0.0, le=1.0)
    prf_docs: int = _f(6, "top units a query's expansion terms are taken from", ge=0, le=100)
    prf_terms: int = _f(8, "expansion terms added per query (0: no expansion)", ge=0, le=100)
    prf_min_docs: int = _f(2, "top units an expansion term must occur in", ge=1, le=100)
    prf_weight: float = _f(
        0.25, "total weight of the expansion terms (the query's own sum to 1)", ge=0.0, le=10.0
    )
    heading_weight: float = _f(
        0.35, "weight of the unit's heading-path score (section context)", ge=0.0, le=10.0
    )
    section_weight: float = _f(
        0.25, "weight of the mean score of the unit's section", ge=0.0, le=10.0
    )
    scale: float = _f(1.6, "raw score that maps to 1 - 1/e (about 0.63)", gt=0.0, le=100.0)
    reference_idf: float = _f(
        6.9,
        "largest idf of a document of ~1,500 units (a long coalition agreement): scale is "
        "multiplied by idf_max(N) / reference_idf so short and long documents compare",
        gt=0.0,
        le=50.0,
    )
    phrase_gap: int = _f(1, "other words allowed between two words of a phrase", ge=0, le=10)
    phrase_share: float = _f(
        0.8, "weight a rare word (Zipf <= common_zipf_low) keeps inside a phrase", ge=0.0, le=1.0
    )
    phrase_share_common: float = _f(
        0.6,
        "weight a very common word (Zipf >= common_zipf_high) keeps inside a phrase",
        ge=0.0,
        le=1.0,
    )
    phrase_modifier: float = _f(
        1.0, "factor on the share of a word before the phrase's head", ge=0.0, le=2.0
    )
    common_zipf_low: float = _f(
        4.0, "Zipf frequency up to which a phrase word counts as rare", ge=0.0, le=8.0
    )
    common_zipf_high: float = _f(
        5.5, "Zipf frequency from which a phrase word counts as very common", ge=0.0, le=8.0
    )
    frame_damping: float = _f(
        0.5,
        "a word whose family damping is below this is a frame word of the framework "
        "(used by most themes): it ends a phrase",
        ge=0.0,
        le=1.0,
    )

    @model_validator(mode="after")
    def _zipf_order(self) -> Self:
        if self.common_zipf_low >= self.common_zipf_high:
            raise ValueError("common_zipf_low must be below common_zipf_high")
        return self


class SemanticParams(LexicalParams):
    """``lexical.v2``: ``lexical.v1`` plus the shipped semantic model
    (``beleidslens/scoring/semantic.py``; the measurements that chose each value are in
    ``docs/scoring.md``, "Semantic model")."""

    backend: ClassVar[str] = "lexical.v2"

    model: str = _f("", "path of a semantic model .npz (empty: the shipped model)")
    window: float = _f(1.0, "weight of the window space in meaning vectors", ge=0.0, le=10.0)
    heading: float = _f(1.0, "weight of the heading <-> passage space", ge=0.0, le=10.0)
    category: float = _f(0.0, "weight of the MARPOR category space", ge=0.0, le=10.0)
    context_weight: float = _f(
        0.5, "weight of the heading path's vector added to a unit's", ge=0.0, le=10.0
    )
    group_weight: float = _f(
        0.3, "weight of the section's mean vector added to a unit's", ge=0.0, le=10.0
    )
    blend: float = _f(0.3, "share of the calibrated soft-match score", ge=0.0, le=1.0)
    expand_terms: int = _f(6, "domain terms added per query (0: none)", ge=0, le=100)
    expand_min_sim: float = _f(
        0.55, "least cosine of a domain term to a query term", ge=-1.0, le=1.0
    )
    expand_weight: float = _f(
        0.15, "total weight of the domain terms (the query's own sum to 1)", ge=0.0, le=10.0
    )
    # word senses (docs/scoring.md, "Word senses"), --quick marpor dev P@5/P@10/selP, gold
    # dev recall/prec: quartile only (before) .623/.543/.611, .818/.500; + document 0.98,
    # margin 0.1: family 0 .631/.545/.615 (prison passage f=1.00), 0.5 f=0.94, 1 (chosen)
    # .631/.547/.611, .818/.545 (f=0.74), 2 gold recall .727; margin 0.125/0.15 gold .500;
    # penalty 0.7 .633/.547/.615, 0.35 gold .500; document quantile 0.99 gold recall .727
    sense_penalty: float = _f(
        0.5,
        "share of its lexical score a unit loses when the meaning of its context falls far "
        "below the reference (word senses from context)",
        ge=0.0,
        le=1.0,
    )
    sense_margin: float = _f(
        0.1, "cosine shortfall at which the sense penalty starts (full at twice it)", gt=0.0,
        le=2.0,
    )  # fmt: skip
    sense_quantile: float = _f(
        0.75,
        "the reference is at least this quantile of the context cosines of the query's "
        "lexical matches",
        ge=0.0,
        le=1.0,
    )
    sense_family: float = _f(
        1.0,
        "weight of the mean meaning of the query's family (its theme and the theme's aspects) "
        "added to the query's own in the sense check: the theme names the sense a bare keyword "
        "leaves open",
        ge=0.0,
        le=10.0,
    )
    # --quick (units with the query's terms out of the document reference): 1 .631/.547/.613,
    # gold .818/.545; 2 .631/.552/.613, gold .818/.500; 4 .628/.549/.619, gold .727/.417
    sense_context: float = _f(
        1.0,
        "weight of the unit's surroundings (heading path and section, as in its meaning "
        "vector) beside its own words in the context the sense check compares",
        ge=0.0,
        le=20.0,
    )
    # --quick (as above; pimpo dev): 0 .631/.547/.613, .500/.450/.667, .818/.545; 0.8, 0.9
    # (chosen), 0.95 .637/.55x/.607, .700/.550/.714, .818/.500. Full, 0 -> 0.9: marpor dev
    # .614/.530/.626 -> .624/.549/.651, pimpo dev .512/.456/.522 -> .575/.475/.667
    sense_section_quantile: float = _f(
        0.9,
        "a match is spared when its surroundings alone (heading path, section) reach this "
        "quantile of all units' less the margin (0: off)",
        ge=0.0,
        le=1.0,
    )
    sense_doc_quantile: float = _f(
        0.98,
        "…and at least this quantile of the cosines of all the document's units (what the "
        "document's most on-theme passages reach; 0: off)",
        ge=0.0,
        le=1.0,
    )
    concepts: str = _f("", "path of a concept model .npz (empty: the shipped model)")
    # bench_quality.py, full, MARPOR dev P@5/P@10/selP (selected), cross-fitted concept
    # models (docs/scoring.md, "The concept model"): 0 .455/.398/.486 (212); quantile
    # calibration 0.6 .578/.500/.505, 0.8 .589/.518/.570, 1.0 .593/.521/.625 (240, context
    # 0.2); probability 0.5 .603/.522/.668 (1424), 0.6 .608/.526/.631 (1568), 0.7 (chosen)
    # .613/.529/.626 (1514) with PImPo P@5 .537 -> .512; aspects a programme codes >= 5
    # times judged addressed 33 % / 53 % / 69 %, never-coded ones addressed 7 % / 7 % / 8 %
    concept: float = _f(
        0.7,
        "share of the calibrated concept score (codebook categories) in a query's score",
        ge=0.0,
        le=1.0,
    )
    # full, marpor with its codes stripped (--strip-codes): 0 .455/.398/.486 (212 selected),
    # 0.6 quantile .563/.495/.512 (80), 0.6 probability .565/.495/.624 (1435); on the dev
    # gold (kwetsbaarheden) 0.6 drops recall .818 -> .364 unless concept_fit keeps it off
    concept_uncoded: float = _f(
        0.6,
        "the same share for a query that names no code the concept model knows (its own "
        "text's category distribution is matched)",
        ge=0.0,
        le=1.0,
    )
    # median largest category probability of a framework's uncoded queries: marpor's own
    # text 0.99, sdg 0.83, kwetsbaarheden 0.64 (cross-cutting themes); 0.9 lets only a
    # framework written like the codebook use concept_uncoded
    concept_fit: float = _f(
        0.9,
        "concept_uncoded applies only when the median of the uncoded queries' largest "
        "category probability reaches this (the framework reads like the codebook)",
        ge=0.0,
        le=1.0,
    )
    # full at 0.8 (context 0.2): quantile .593/.519/.601 with 153 selected; probability at
    # 0.5 .603/.522/.668 with 1424 (a probability reaches the selection gates, a rank
    # mapped onto weak lexical scores does not)
    concept_calibration: Literal["quantile", "probability"] = _f(
        "probability",
        "the concept score mapped onto the query's current scores (quantile) or taken as "
        "the probability it is",
    )
    # full, probability at 0.5: 0 .605/.521/.619 (1662 selected), 0.2 .603/.522/.668 (1424),
    # 0.4 .597/.521/.692 (850); quantile at 0.8: 0 .589/.518/.570, 0.2 .593/.519/.601
    # bench_quality.py full (no peer), MARPOR dev P@5/P@10, set-aside P@5/P@10, PImPo dev
    # P@5/P@10, set-aside P@5/P@10: 0 .656/.598 .612/.533 .588/.544 .400/.350; 0.15
    # .653/.595 .613/.531 .600/.562 .450/.375; 0.3 .653/.590 .605/.534 .625/.562 .450/.350;
    # 0.45 .646/.585 .595/.527 .637/.569; 0.6 .639/.580 .580/.526 .675/.575; dev gold
    # unchanged (no codes). 0.15: the best set-aside mean of the two data sets
    concept_text_mix: float = _f(
        0.15,
        "share, in a coded query's concept score, of its own text's category distribution "
        "matched with the unit's (the uncoded queries' score)",
        ge=0.0,
        le=1.0,
    )
    concept_context: float = _f(
        0.2, "weight of the section's mean category distribution in a unit's", ge=0.0, le=1.0
    )
    # --quick at concept 0.8: 0 .627/.544, 0.2 .606/.526, 0.4 .568/.487
    concept_heading: float = _f(
        0.0, "weight of the heading path's category distribution in a unit's", ge=0.0, le=1.0
    )
    # --quick at concept 0.8: 0 .627/.544, 0.2 .628/.542, 0.4 .626/.551 (PImPo lower): off
    concept_neighbours: float = _f(
        0.0,
        "weight of the neighbouring units' (same section) mean category distribution in a unit's",
        ge=0.0,
        le=1.0,
    )


DEFAULT_EMBEDDING_MODEL = "sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2"


class EmbeddingParams(BackendParams):
    """``embedding.v1``: sentence-transformers similarity calibrated and blended with lexical."""

    backend: ClassVar[str] = "embedding"

    model: str = _f(DEFAULT_EMBEDDING_MODEL, "local model directory or hub model name")
    batch_size: int = _f(32, "texts per encoding batch", ge=1, le=4096)
    device: str = _f("cpu", "torch device (cpu, cuda, ...)")
    blend: float = _f(0.5, "share of the calibrated embedding score", ge=0.0, le=1.0)
    calibration: Literal["quantile", "logistic"] = _f(
        "quantile", "how cosines map onto the lexical scale"
    )
    center: float = _f(
        0.3, "logistic calibration: cosine of a half-relevant passage", ge=-1.0, le=1.0
    )
    width: float = _f(0.1, "logistic calibration: spread around center", gt=0.0, le=10.0)
    context_weight: float = _f(
        0.3, "weight of the heading path's embedding added to a unit's", ge=0.0, le=10.0
    )
    disk_cache: bool = _f(True, "keep embeddings on disk between runs")
    revision: str | None = _f(None, "hub model revision")
    download: bool = _f(False, "fetch a hub model missing from the local cache")
    memory_cache: int = _f(
        200_000,
        "embeddings kept in process memory, shared by all embedding scorers (~300 MB at 384 "
        "dimensions; the oldest go first; 0: none kept between calls). Not recorded: it "
        "changes no score",
        ge=0,
        le=100_000_000,
    )
    lexical: LexicalParams = _f(LexicalParams(), "options of the lexical.v1 scores blended in")

    def recorded(self) -> dict[str, Any]:
        out = super().recorded()
        if out["revision"] is None:
            del out["revision"]
        del out["memory_cache"]
        return out


class LLMParams(BackendParams):
    """``llm.v1``: an OpenAI-compatible model grades the lexical top candidates."""

    backend: ClassVar[str] = "llm"

    base_url: str | None = _f(None, "server URL (default $BELEIDSLENS_LLM_BASE_URL)")
    model: str | None = _f(None, "model name (default $BELEIDSLENS_LLM_MODEL)")
    api_key: str | None = _f(None, "API key (default $OPENAI_API_KEY; never recorded)")
    timeout: float = _f(60.0, "seconds to wait for an answer", gt=0.0, le=3600.0)
    max_candidates: int = _f(20, "best lexical units graded per query", ge=1, le=1000)
    batch_size: int = _f(20, "passages per request", ge=1, le=1000)
    blend: float = _f(0.7, "share of the model's grade in the score", ge=0.0, le=1.0)
    seed: int = _f(0, "sampling seed sent with every request")
    lang: Literal["nl", "en"] = _f("nl", "language of the prompt")
    concurrency: int = _f(4, "requests in flight at a time", ge=1, le=64)
    disk_cache: bool = _f(True, "keep answers on disk between runs")
    lexical: LexicalParams = _f(LexicalParams(), "options of the lexical.v1 pre-ranker")

    def recorded(self) -> dict[str, Any]:
        out = super().recorded()
        out.pop("api_key", None)
        return out


def cache_root() -> Path:
    """``$BELEIDSLENS_HOME/cache``, else the platform cache directory."""
    home = os.environ.get("BELEIDSLENS_HOME")
    if home:
        return Path(home) / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("beleidslens"))


def content_hash(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()
