"""The audit report's data model (JSON schema ``beleidslens.audit/1``)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .locate import MatchKind

SCHEMA_VERSION = "beleidslens.audit/1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Where(_Model):
    start: int
    end: int
    page: int | None = None
    section: str = ""


class SegmentFinding(_Model):
    text: str = Field(description="the segment as the human wrote it")
    status: MatchKind
    where: Where | None = None
    ratio: float = Field(0.0, description="word similarity with the closest original, 0..1")
    original: str | None = Field(None, description="the source text compared with")
    diff: list[tuple[str, str]] = Field(
        default_factory=list, description="word diff ops: '=', '-' (source only), '+' (human)"
    )


class ThemeScore(_Model):
    theme_id: str
    label: str
    score: float


class BulletFinding(_Model):
    line: int
    text: str
    status: MatchKind
    passages: int = Field(0, description="number of separate source passages it was found in")
    segments: list[SegmentFinding] = Field(default_factory=list)
    where: Where | None = None
    duplicate_of: list[int] = Field(default_factory=list, description="lines of its copies")
    better_theme: ThemeScore | None = Field(
        None, description="set when the scorer clearly prefers another theme"
    )
    own_theme_score: float | None = None


class EvidenceFinding(_Model):
    text: str
    score: float
    where: Where


class NietFinding(_Model):
    line: int
    text: str
    aspect_id: str | None = None
    aspect_label: str | None = None
    engine_status: str | None = Field(None, description="the engine's verdict for the aspect")
    contradicted: bool = False
    doubtful: bool = Field(
        False, description="the engine finds the aspect uncertain: evidence shown, not counted"
    )
    evidence: list[EvidenceFinding] = Field(default_factory=list)


class LeftOutPassage(_Model):
    text: str
    score: float
    where: Where


class ThemeAudit(_Model):
    heading: str
    line: int
    theme_id: str | None = Field(None, description="framework theme; None when unmatched")
    theme_label: str | None = None
    empty: bool = False
    bullets: list[BulletFinding] = Field(default_factory=list)
    niet: list[NietFinding] = Field(default_factory=list)
    left_out: list[LeftOutPassage] = Field(default_factory=list)


class Duplicate(_Model):
    text: str
    lines: list[int]
    headings: list[str]


class Summary(_Model):
    bullets: int = 0
    exact: int = 0
    composite: int = 0
    altered: int = 0
    not_found: int = 0
    duplicates: int = 0
    wrong_theme: int = 0
    niet_claims: int = 0
    niet_contradicted: int = 0
    niet_doubtful: int = 0
    left_out: int = 0
    unmatched_headings: int = 0


class AuditReport(_Model):
    schema_: str = Field(SCHEMA_VERSION, alias="schema")
    human: str = Field(description="the human analysis file")
    document: str
    framework: str
    backend: str | None = None
    checks_skipped: list[str] = Field(default_factory=list)
    summary: Summary = Field(default_factory=Summary)
    themes: list[ThemeAudit] = Field(default_factory=list)
    duplicates: list[Duplicate] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json(self) -> str:
        return self.model_dump_json(by_alias=True, indent=2) + "\n"

    def bullets(self) -> list[tuple[ThemeAudit, BulletFinding]]:
        return [(th, b) for th in self.themes for b in th.bullets]
