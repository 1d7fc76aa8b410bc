"""Periods that qualify an amount: ``per jaar``, ``structureel``, ``t/m 2030``, …

Each pattern yields the words as written plus a normalized value:

=========================================  ===================
as written                                 normalized
=========================================  ===================
per jaar, jaarlijks, p/j, per jaar extra   ``per_year``
per maand / per week / per kwartaal        ``per_month`` …
structureel, structurele                   ``structural``
incidenteel, incidentele                   ``incidental``
eenmalig, eenmalige                        ``one_off``
cumulatief, in totaal                      ``cumulative`` / ``total``
(voor) de komende 10 jaar, gedurende 10    ``next_years:10``
t/m 2030, tot en met 2030, tot 2030        ``until:2030``
in 2025                                    ``in:2025``
vanaf 2024, met ingang van 2024            ``from:2024``
2022-2025, in de periode 2022–2025         ``period:2022-2025``
(deze) kabinetsperiode                     ``cabinet_period``
=========================================  ===================
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_YEAR = r"(?:19|20)\d\d"


@dataclass(frozen=True, slots=True)
class PeriodMention:
    text: str
    normalized: str
    start: int
    end: int


def _n_years(m: re.Match[str]) -> str:
    return f"next_years:{m.group('n').replace('–', '-')}"


_PATTERNS: list[tuple[re.Pattern[str], object]] = [
    (
        re.compile(
            rf"\b(?:in\s+de\s+periode\s+|voor\s+de\s+periode\s+)?(?P<a>{_YEAR})\s?[-–]\s?(?P<b>{_YEAR})\b"
        ),
        lambda m: f"period:{m.group('a')}-{m.group('b')}",
    ),
    (
        re.compile(
            r"\b(?:(?:voor|in|gedurende|over)\s+)?(?:de\s+)?(?:komende|eerstvolgende|volgende)\s+"
            r"(?P<n>\d+(?:\s?[-–]\s?\d+)?)\s+jaar\b",
            re.I,
        ),
        _n_years,
    ),
    (re.compile(r"\bgedurende\s+(?P<n>\d+)\s+jaar\b", re.I), _n_years),
    (
        re.compile(rf"\b(?:t/m|tot\s+en\s+met|tot(?:\s+aan)?|uiterlijk)\s+(?P<y>{_YEAR})\b", re.I),
        lambda m: f"until:{m.group('y')}",
    ),
    (
        re.compile(rf"\b(?:vanaf|met\s+ingang\s+van|m\.i\.v\.)\s+(?P<y>{_YEAR})\b", re.I),
        lambda m: f"from:{m.group('y')}",
    ),
    (re.compile(rf"\bin\s+(?P<y>{_YEAR})\b", re.I), lambda m: f"in:{m.group('y')}"),
    (re.compile(r"\b(?:per\s+jaar|jaarlijks|jaarlijkse|p/j|per\s+jr\.?)(?!\w)", re.I), "per_year"),
    (re.compile(r"\bper\s+maand\b|\bmaandelijks\b", re.I), "per_month"),
    (re.compile(r"\bper\s+week\b", re.I), "per_week"),
    (re.compile(r"\bper\s+kwartaal\b", re.I), "per_quarter"),
    (re.compile(r"\bstructure(?:el|le)\b", re.I), "structural"),
    (re.compile(r"\bincidente(?:el|le)\b", re.I), "incidental"),
    (re.compile(r"\beenmalig(?:e)?\b", re.I), "one_off"),
    (re.compile(r"\bcumulatie(?:f|ve)\b", re.I), "cumulative"),
    (re.compile(r"\bin\s+totaal\b", re.I), "total"),
    (re.compile(r"\b(?:deze|de|in\s+de|tijdens\s+de)\s+kabinetsperiode\b", re.I), "cabinet_period"),
]


def find_periods(text: str, start: int = 0, end: int | None = None) -> list[PeriodMention]:
    """All period mentions in ``text[start:end]``, in order, without overlaps."""
    end = len(text) if end is None else end
    found: list[PeriodMention] = []
    taken: list[tuple[int, int]] = []
    for pattern, norm in _PATTERNS:
        for m in pattern.finditer(text, start, end):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            value = norm(m) if callable(norm) else str(norm)
            taken.append((s, e))
            found.append(PeriodMention(m.group(0), value, s, e))
    found.sort(key=lambda p: p.start)
    return found
