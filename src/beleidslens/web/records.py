"""The records the workbench store reads and writes, and the identity of a passage."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ..errors import BeleidslensError


class StoreError(BeleidslensError):
    """The workbench database cannot be opened or is not a beleidslens database."""

    exit_code = 8
    http_status = 500


class NotFoundError(BeleidslensError):
    """A document, analysis or passage that does not exist."""

    http_status = 404


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def passage_key(theme_id: str, start: int, end: int, text: str) -> str:
    """Stable identity of a passage in a theme: offsets plus a hash of its text."""
    digest = hashlib.sha1(f"{theme_id}|{start}|{end}|{text}".encode()).hexdigest()
    return digest[:16]


@dataclass
class Decision:
    """The current review state of one passage."""

    key: str
    theme_id: str  # theme the passage was suggested for (or added to)
    status: str  # accepted | rejected
    target_theme: str | None  # set when moved to another theme
    start: int  # current span: trimmed or added passages differ from the engine's
    end: int
    text: str
    origin: str  # engine | human
    passage: dict[str, Any]  # snapshot of the passage as first decided (Passage.model_dump)
    version: int = 1
    updated: str = ""
    # set by save_decision when the page saw an older version: the state another window had
    # stored in the meantime (this decision was still recorded and is now the current state)
    clash: dict[str, Any] | None = None


@dataclass
class Verdict:
    theme_id: str
    aspect_id: str
    status: str
    note: str | None
    version: int = 1
    updated: str = ""
    # set by save_verdict when the page saw an older version: the verdict another window
    # had stored meanwhile (this one was still recorded and is now the current state)
    clash: dict[str, Any] | None = None


@dataclass
class RunInfo:
    id: int
    analysis_id: int
    status: str
    stage: str
    progress: float
    error: str | None
    started: str
    finished: str | None


@dataclass
class AnalysisInfo:
    id: int
    document_id: int
    framework_id: int
    backend: str
    created: str
    document_name: str
    document_title: str | None
    framework_key: str
    framework_name: str
    position_theme: str | None = None
    position_key: str | None = None
    backend_options: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.document_title or self.document_name
