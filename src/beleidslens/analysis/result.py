"""The analysis result: what ``beleidslens analyze`` produces and every renderer consumes.

Versioned by :data:`SCHEMA_VERSION` (``beleidslens.analysis/1``); documented in
``docs/analysis-schema.md`` and exported as JSON Schema by ``Analysis.model_json_schema()``.
Loading a JSON analysis validates it (unknown keys rejected).
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..document.trace import Amount, Location, Target
from ..errors import AnalysisError

SCHEMA_VERSION = "beleidslens.analysis/1"

__all__ = [
    "SCHEMA_VERSION",
    "Amount",
    "Analysis",
    "AspectStatus",
    "AspectVerdict",
    "DocumentRef",
    "Evidence",
    "FrameworkRef",
    "Location",
    "Passage",
    "Target",
    "ThemeResult",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Passage(_Model):
    """A candidate passage for a theme: one of the document's own units (or its sentences)."""

    id: str = Field(description="stable id within the analysis")
    text: str = Field(description="exact source text, whitespace normalized")
    score: float = Field(
        description="relevance score (higher is better), comparable within a theme"
    )
    selected: bool = Field(description="true when the passage goes into the report")
    location: Location
    aspects: list[str] = Field(default_factory=list, description="ids of aspects it serves")
    kind: str = Field(
        "paragraph", description="document unit: bullet, paragraph, sentence, table_row"
    )
    commitment: bool = Field(
        False, description="reads as a commitment (what the government will do)"
    )
    origin: Literal["engine", "human"] = Field(
        "engine", description="engine suggestion or added by a reviewer"
    )


class AspectStatus(StrEnum):
    ADDRESSED = "addressed"
    NOT_ADDRESSED = "not_addressed"
    UNCERTAIN = "uncertain"


class Evidence(_Model):
    passage_id: str | None = None
    text: str
    score: float
    location: Location
    stance: Literal["against"] | None = Field(
        None,
        description="'against' when the sentence rejects the aspect's remedy "
        "(analysis.stance); such evidence does not make the aspect addressed",
    )


class AspectVerdict(_Model):
    id: str
    label: str
    status: AspectStatus
    score: float = Field(description="strength of the best evidence, 0..1")
    evidence: list[Evidence] = Field(default_factory=list, description="best evidence, best first")
    note: str | None = Field(None, description="reviewer's note")


class ThemeResult(_Model):
    id: str
    label: str
    description: str = ""
    passages: list[Passage] = Field(default_factory=list, description="candidates, best first")
    aspects: list[AspectVerdict] = Field(default_factory=list)
    amounts: list[Amount] = Field(
        default_factory=list, description="amounts in the selected passages"
    )
    targets: list[Target] = Field(
        default_factory=list, description="targets in the selected passages"
    )

    @property
    def selected(self) -> list[Passage]:
        return [p for p in self.passages if p.selected]


class DocumentRef(_Model):
    name: str
    title: str | None = None
    format: str
    sha256: str
    page_count: int | None = None
    characters: int = 0
    notes: list[str] = Field(
        default_factory=list,
        description="what ingestion had to guess, as codes (e.g. 'structure_from_punctuation'); "
        "omitted from the JSON when empty",
    )

    @property
    def display_name(self) -> str:
        """What a reader sees: the title, else the file name without its folders."""
        return self.title or self.file_name

    @property
    def file_name(self) -> str:
        """The file name without its folders (a URL as it is): never a local path."""
        name = self.name.replace("\\", "/").rstrip("/")
        return name if "://" in name else name.rsplit("/", 1)[-1]


class FrameworkRef(_Model):
    id: str
    name: str
    version: str = "1"
    digest: str = ""


class Analysis(_Model):
    schema_: str = Field(SCHEMA_VERSION, alias="schema")
    generator: str = Field("beleidslens", description="tool and version that produced it")
    created: str | None = Field(None, description="ISO timestamp; the only non-deterministic field")
    document: DocumentRef
    framework: FrameworkRef
    backend: str = Field(description="scoring backend with version, e.g. 'lexical.v1'")
    parameters: dict[str, Any] = Field(default_factory=dict)
    themes: list[ThemeResult]
    amounts: list[Amount] = Field(default_factory=list, description="every amount in the document")
    targets: list[Target] = Field(default_factory=list, description="every target in the document")
    document_text: str | None = Field(
        None, description="the normalized document text (for 'show in context'); optional"
    )

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def theme(self, theme_id: str) -> ThemeResult:
        for t in self.themes:
            if t.id == theme_id:
                return t
        raise KeyError(theme_id)

    def to_pandas(self, table: str = "passages") -> Any:
        """``passages``, ``aspects`` or ``amounts`` as a DataFrame (the extra ``pandas``);
        the same columns as the tables of ``beleidslens batch``."""
        from ..corpus.tables import analysis_tables

        return analysis_tables(self).to_pandas(table)

    def to_frame(self, table: str = "passages") -> Any:
        """Same as :meth:`to_pandas`."""
        return self.to_pandas(table)

    def to_json(self, *, include_text: bool = True) -> str:
        data = self.model_dump(mode="json", by_alias=True)
        if not data["document"]["notes"]:
            del data["document"]["notes"]
        if not include_text:
            data["document_text"] = None
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str, source: str = "<analysis>") -> Analysis:
        from ..jsonutil import JSONLimitError, bounded_loads

        try:
            data = bounded_loads(text)
        except json.JSONDecodeError as exc:
            raise AnalysisError(f"not valid JSON (line {exc.lineno}: {exc.msg})", source) from None
        except JSONLimitError as exc:
            raise AnalysisError(str(exc), source) from None
        if not isinstance(data, dict) or data.get("schema") != SCHEMA_VERSION:
            found = data.get("schema") if isinstance(data, dict) else type(data).__name__
            raise AnalysisError(
                f"not a beleidslens analysis (schema {found!r}, expected {SCHEMA_VERSION!r})",
                source,
            )
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(p) for p in err["loc"])
            raise AnalysisError(f"{loc}: {err['msg']}", source) from None

    @classmethod
    def load(cls, path: str | Path) -> Analysis:
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise AnalysisError("no such file", p) from None
        except IsADirectoryError:
            raise AnalysisError("is a directory, expected an analysis JSON file", p) from None
        except UnicodeDecodeError:
            raise AnalysisError("not UTF-8 text (expected an analysis JSON file)", p) from None
        except OSError as exc:
            raise AnalysisError(f"cannot read: {exc.strerror or exc}", p) from None
        return cls.from_json(text, str(p))
