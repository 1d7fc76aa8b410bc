"""Pydantic schema of a framework file (``schema: 1``). Unknown keys are rejected."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Identifier = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9_]+$", min_length=1, max_length=64, description="stable key: a-z, 0-9, _"
    ),
]


# a category code of an external coding scheme, e.g. the Manifesto Project's "504" or
# "202.1" (sub-category): digits, optionally a dot and more digits
Code = Annotated[str, Field(pattern=r"^[0-9]{1,4}(?:\.[0-9]{1,2})?$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _unique_codes(codes: list[str]) -> list[str]:
    if len(set(codes)) != len(codes):
        raise ValueError("duplicate code")
    return codes


class Aspect(_Strict):
    """A remedy: something a document may or may not address."""

    id: Identifier
    label: str = Field(min_length=1, description="label as it appears in a report (NIET: lines)")
    description: str = Field("", description="what addressing this aspect means, in plain words")
    keywords: list[str] = Field(default_factory=list, description="optional search hints")
    codes: list[Code] = Field(
        default_factory=list,
        description="codes of an external coding scheme this aspect stands for (e.g. the "
        "Manifesto Project's '504'); used to evaluate against coded documents",
    )

    _codes = field_validator("codes")(_unique_codes)


class Theme(_Strict):
    """A theme of the framework (a vulnerability, an SDG, a dimension of broad welfare)."""

    id: Identifier
    label: str = Field(min_length=1, description="name as it appears in a report")
    description: str = Field("", description="what the theme is about")
    keywords: list[str] = Field(default_factory=list, description="optional search hints")
    aspects: list[Aspect] = Field(default_factory=list, description="the theme's remedies")
    codes: list[Code] = Field(
        default_factory=list,
        description="codes of an external coding scheme the theme groups; when empty, the "
        "union of its aspects' codes",
    )

    _codes = field_validator("codes")(_unique_codes)

    @property
    def all_codes(self) -> list[str]:
        """The theme's codes, or else its aspects' codes (document order, no repeats)."""
        if self.codes:
            return list(self.codes)
        return list(dict.fromkeys(c for a in self.aspects for c in a.codes))

    @field_validator("aspects")
    @classmethod
    def _unique_aspects(cls, aspects: list[Aspect]) -> list[Aspect]:
        seen: set[str] = set()
        for a in aspects:
            if a.id in seen:
                raise ValueError(f"duplicate aspect id {a.id!r}")
            seen.add(a.id)
        return aspects


class Framework(_Strict):
    """A framework of themes, each with aspects."""

    schema_: int = Field(1, alias="schema", description="framework file format version; must be 1")
    id: Identifier
    name: str = Field(min_length=1)
    language: str = Field("nl", pattern=r"^[a-z]{2}$")
    description: str = ""
    version: str = Field("1", description="version of the framework's content")
    themes: list[Theme] = Field(min_length=1)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("schema_")
    @classmethod
    def _schema_one(cls, v: int) -> int:
        if v != 1:
            raise ValueError("only schema 1 is supported")
        return v

    @model_validator(mode="after")
    def _unique_themes(self) -> Framework:
        seen: set[str] = set()
        for t in self.themes:
            if t.id in seen:
                raise ValueError(f"duplicate theme id {t.id!r}")
            seen.add(t.id)
        return self

    def theme(self, theme_id: str) -> Theme:
        for t in self.themes:
            if t.id == theme_id:
                return t
        raise KeyError(theme_id)
