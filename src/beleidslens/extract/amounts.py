"""Money amounts in Dutch policy text.

Recognized forms (value in euros, unit as written):

* currency first: ``€ 1,5 mld.``, ``€1.000 miljoen``, ``€ 500 mln per jaar``, ``EUR 5 mln``,
  ``€ 50k``, ``€ -200 mln``, ``-€ 200 mln``, ``€ 1.000,-``;
* currency last: ``30 miljoen euro``, ``anderhalf miljard euro``, ``500 euro``;
* ranges: ``€ 2 à 3 miljard``, ``€ 1 tot 2 mld``, ``€ 1-2 mld``, ``€ 500 mln tot € 1 mld``;
* bare abbreviations, which in policy text mean euros: ``25 mld. t/m 2035``, ``(75 mln)`` —
  only when the next word is not a noun like ``inwoners`` (``2 mln inwoners`` is no amount).

``miljoen``/``miljard`` without ``€`` or ``euro`` (``2 miljoen woningen``) are not amounts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document.trace import Amount, Location
from . import params
from .hints import Hint
from .numbers import NUMBER, WORD_NUMBER, is_year, parse_number, unit_multiplier
from .periods import PeriodMention, find_periods
from .sentences import SentenceIndex

_UNIT = r"(?:miljoen|miljard|duizend|mln\.?|mld\.?|mrd\.?|mio\.?|dzd\.?|k)(?![\w])"
_ABBR = r"(?:mln\.?|mld\.?|mrd\.?)(?![\w])"
_CONN = r"(?:à|a|tot|-|–)"
_CUR = r"(?:€|\bEUR\b)"
_NEG = r"[-−]"

_AMOUNT_RE = re.compile(
    rf"""
    # A: currency first
    (?P<a>
      (?:(?<![\w\d.,])(?P<a_neg>{_NEG})(?={_CUR}))?
      {_CUR}\s?(?P<a_neg2>{_NEG}\s?)?(?P<a_n1>{NUMBER})(?:,-)?
      (?:\s?(?P<a_u1>{_UNIT}))?
      (?:\s?(?P<a_conn>{_CONN})\s?(?:{_CUR}\s?)?(?P<a_n2>{NUMBER})(?:\s?(?P<a_u2>{_UNIT}))?)?
      (?:\s(?P<a_eur>euro)(?![\w]))?
    )
    |
    # B: currency last ("30 miljoen euro")
    (?P<b>
      (?<![\w\d.,€-])(?P<b_neg>{_NEG})?(?P<b_n1>{NUMBER}|\b{WORD_NUMBER}\b)
      (?:\s?(?P<b_u1>{_UNIT}))?
      (?:\s?(?P<b_conn>{_CONN})\s?(?P<b_n2>{NUMBER})(?:\s?(?P<b_u2>{_UNIT}))?)?
      \s(?P<b_eur>euro)(?![\w])
    )
    |
    # C: bare abbreviation ("25 mld. t/m 2035")
    (?P<c>
      (?<![\w\d.,€-])(?P<c_neg>{_NEG})?(?P<c_n1>{NUMBER})
      (?:\s?(?P<c_conn>{_CONN})\s?(?P<c_n2>{NUMBER}))?
      \s?(?P<c_u2>{_ABBR})
    )
    """,
    re.X | re.I,
)

# Words that may follow a bare 'mln'/'mld' when it means euros.
_BARE_FOLLOWERS = frozenset(
    [
        "euro",
        "per",
        "structureel",
        "structurele",
        "incidenteel",
        "incidentele",
        "eenmalig",
        "cumulatief",
        "t/m",
        "tot",
        "voor",
        "in",
        "vanaf",
        "extra",
        "beschikbaar",
        "taakstellend",
        "uit",
        "aan",
        "en",
        "of",
        "op",
        "om",
        "bovenop",
        "over",
        "is",
        "wordt",
        "worden",
        "gaat",
        "gaan",
        "w.v.",
        "waarvan",
        "oplopend",
        "oplopende",
        "te",
        "netto",
        "bruto",
        "jaarlijks",
        "voor,",
        "via",
        "naar",
        "investeren",
        "geïnvesteerd",
        "uitgetrokken",
        "gereserveerd",
    ]
)

_WORD = re.compile(r"\s*([^\s\d(),;:]+)")


@dataclass(frozen=True, slots=True)
class _Raw:
    start: int
    end: int
    low: float
    high: float | None
    unit: str | None


def _accept_bare(text: str, end: int, unit: str) -> bool:
    """A bare 'mln'/'mld' is money unless a noun follows (``2 mln inwoners``)."""
    m = _WORD.match(text, end)
    if m is None:
        return True
    word = m.group(1)
    if not word[0].isalpha():
        return True
    if unit.endswith(".") and word[0].isupper():
        return True  # "… 60 mld. Deze …": sentence end
    return word.lower().rstrip(".,") in _BARE_FOLLOWERS


def _scan(text: str) -> list[_Raw]:
    out: list[_Raw] = []
    for m in _AMOUNT_RE.finditer(text):
        kind = "a" if m.group("a") else "b" if m.group("b") else "c"
        g = m.groupdict()
        n1, n2 = g[f"{kind}_n1"], g[f"{kind}_n2"]
        u1 = g.get(f"{kind}_u1")
        u2 = g.get(f"{kind}_u2")
        start, end = m.span()
        negative = bool(g.get(f"{kind}_neg") or g.get(f"{kind}_neg2"))
        if kind == "c" and not _accept_bare(text, end, u2 or ""):
            continue
        try:
            v1 = parse_number(n1)
            v2 = parse_number(n2) if n2 else None
        except ValueError:
            continue
        if v2 is not None and n2 and is_year(v2, n2) and not u2:
            # "€ 30 miljoen tot 2030" is an amount plus a period, not a range
            if kind != "a":
                continue
            end = m.end("a_u1") if u1 else m.end("a_n1")
            v2 = None
        if kind == "a" and text.startswith(",-", end):
            end += 2  # "€ 1.000,-"
        if kind == "c" and not u2:
            continue
        if v2 is None:
            unit = u1 or (u2 if kind == "c" else None)
            mult = unit_multiplier(unit)
            low, high = v1 * mult, None
        else:
            unit = u2 or u1
            mult2 = unit_multiplier(u2 or u1)
            mult1 = unit_multiplier(u1 or u2)
            low, high = v1 * mult1, v2 * mult2
        if negative:
            low = -low
            high = -high if high is not None else None
        out.append(_Raw(start, end, low, high, unit))
    return out


_HINT = Hint(("€", "eur", "mln", "mld", "mrd"))

# Where a period phrase may sit relative to its amount: MoneyParams.period_*_chars
_AFTER_STOP = re.compile(r"[;:]|,\s|\sen\s|\smaar\s|\sterwijl\s|[.!?](?:\s|$)")
_BEFORE_STOP = re.compile(r"[;:]|[.!?]\s+(?=[A-Z•])")


def _periods_for(
    text: str, raw: _Raw, prev_end: int, next_start: int, sent: tuple[int, int]
) -> list[PeriodMention]:
    p = params.PARAMS
    after_end = min(raw.end + p.period_after_chars, next_start, sent[1])
    stop = _AFTER_STOP.search(text, raw.end, after_end)
    if stop:
        after_end = stop.start()
    before_start = max(raw.start - p.period_before_chars, prev_end, sent[0])
    for stop_m in _BEFORE_STOP.finditer(text, before_start, raw.start):
        before_start = stop_m.end()
    before = find_periods(text, before_start, raw.start)
    after = find_periods(text, raw.end, after_end)
    return before + after


def find_amounts(text: str, base_offset: int = 0) -> list[Amount]:
    """Every money amount in ``text``.

    Offsets in the returned locations are ``base_offset`` + offsets in ``text``, so that
    ``text[a.location.start - base_offset : a.location.end - base_offset] == a.text``.
    ``sentence`` is the sentence the amount is in (a light splitter; ``extract_money`` uses
    the document's own sentences).
    """
    if not _HINT.search(text):
        return []
    raws = _scan(text)
    if not raws:
        return []
    index = SentenceIndex(text)
    out: list[Amount] = []
    for i, raw in enumerate(raws):
        prev_end = raws[i - 1].end if i else 0
        next_start = raws[i + 1].start if i + 1 < len(raws) else len(text)
        s_start, s_end = index.span(raw.start)
        s_end = max(s_end, raw.end)
        periods = _periods_for(text, raw, prev_end, next_start, (s_start, s_end))
        period = ", ".join(p.text for p in periods) or None
        period_norm = "+".join(p.normalized for p in periods) or None
        out.append(
            Amount(
                value_eur=raw.low,
                text=text[raw.start : raw.end],
                unit=raw.unit,
                period=period,
                period_normalized=period_norm,
                sentence=text[s_start:s_end],
                sentence_start=base_offset + s_start,
                sentence_end=base_offset + s_end,
                location=Location(start=base_offset + raw.start, end=base_offset + raw.end),
                low_eur=raw.low if raw.high is not None else None,
                high_eur=raw.high,
            )
        )
    return out
