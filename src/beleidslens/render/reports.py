"""The ``(report, lang)`` renderers of ``ingest``, ``evaluate`` and ``simulate`` whose report
has no renderer of its own (registered in :mod:`beleidslens.render.builtin`)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..document import Document
    from ..evaluate.metrics import Evaluation
    from ..learn.simulate import ThemeReplay


def document_text(document: Document, _lang: str) -> str:
    return document.text + "\n"


def document_json(document: Document, _lang: str) -> str:
    return json.dumps(document.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"


def evaluation_text(evaluation: Evaluation, _lang: str) -> str:
    from ..evaluate.metrics import format_text

    return format_text(evaluation)


def evaluation_json(evaluation: Evaluation, _lang: str) -> str:
    return json.dumps(evaluation.to_dict(), ensure_ascii=False, indent=2) + "\n"


def simulation_json(replays: list[ThemeReplay], _lang: str) -> str:
    from ..learn.simulate import SIMULATION

    goal = replays[0].goal_factor if replays else SIMULATION.goal_factor
    payload = {"goal_factor": goal, "themes": [r.to_dict() for r in replays]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def simulation_text(replays: list[ThemeReplay], _lang: str) -> str:
    from ..learn.simulate import format_text

    return format_text(replays)
