"""Does a sentence read as a commitment (what the government will do)?

Policy documents state intentions in a few recurring shapes, and this module grades a
sentence by them (:func:`commitment_strength`):

* **strong** (1.0) — a first-person plural subject with an action verb (``We investeren…``,
  ``Wij gaan…``, ``We zetten in op…``, also inverted after a fronted phrase: ``Daarom
  verhogen we…``), the cabinet, coalition or council as subject (``Het kabinet gaat…``), existential
  announcements (``Er komt…``, ``Er komen…``, ``Er wordt…``) and passive announcements
  (``…wordt ingevoerd``, ``…worden verhoogd``);
* **weak** (``AnalysisOptions.weak_commitment``, 0.5) — wishes and norms (``We willen…``, ``…moet…``), continuity of
  policy (``…blijft het doel``, ``…wordt voortgezet`` is strong), stated priorities and aims
  (``Voor deze coalitie is X belangrijk``, ``Ons doel is…``, ``Onze aanpak richt zich op…``),
  provisions (``Inwoners krijgen…``); in a bullet list, also a verbless action item
  (``Meer geld voor…``, ``Het invoeren van…``);
* **background** (0.0) — descriptions and problem statements: copula sentences
  (``Nederland is…``, ``Onze economie draait op…``), observations (``We zien…``, ``We leven
  in…``) and everything that matches none of the shapes above.

The grades' ends are the scale (0 background, 1 commitment: ``commitment_weight`` maps them
to ``background_factor`` and ``commitment_factor``); the weak grade and the character windows
of the shapes (``commitment_*_chars``, ``*_gap_chars``) are analysis options, recorded in
``Analysis.parameters.options`` (docs/scoring.md names who chose each).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .options import AnalysisOptions

STRONG = 1.0
BACKGROUND = 0.0
_DEFAULT = AnalysisOptions()
#: the default weak grade (``AnalysisOptions.weak_commitment``)
WEAK = _DEFAULT.weak_commitment

_SUBJECT = (
    r"(?:we|wij|het kabinet|dit kabinet|het nieuwe kabinet|de coalitie|deze coalitie|"
    r"de regering|het rijk|de gemeente|het college|de provincie)"
)
# verbs after "we" that describe or observe instead of commit
_NOT_ACTION = (
    r"(?:zien|weten|merken|constateren|leven|wonen|zijn|waren|hebben|hadden|kennen|staan|"
    r"beseffen|realiseren ons|vinden|denken|hopen|geloven|delen|herkennen|worden|werden|"
    r"kunnen|konden|mogen|moesten|zagen|wisten|hebben gezien|staan voor|begrijpen|erkennen|"
    r"is|was)"
)
_WEAK_VERBS = r"(?:willen|wilden|moeten|streven|vinden het|verwachten|zouden)"
# words that open a subordinate clause: "omdat we", "zodat we" are not main-clause verbs
_SUBORDINATORS = frozenset(
    [
        "dat",
        "omdat",
        "als",
        "zodat",
        "voordat",
        "nadat",
        "wanneer",
        "waar",
        "hoe",
        "wat",
        "die",
        "terwijl",
        "toen",
        "indien",
        "zoals",
        "waarmee",
        "waardoor",
        "waarbij",
        "waarin",
        "waarvoor",
        "tenzij",
        "zolang",
        "totdat",
        "opdat",
        "of",
        "mits",
        "hoewel",
        "ofschoon",
    ]
)
# inverted order after a fronted phrase: "Daarom investeren we", "In 2025 verhogen wij"
_INVERTED = re.compile(r"\b(?P<verb>\w+)\s+(?:we|wij)\b", re.IGNORECASE)


class _Folded:
    """A case-insensitive shape whose letters are all lowercase. On ASCII text it runs
    case-sensitively on the lowercased text (:func:`_lowered`, once per sentence): the same
    answer, since for ASCII characters ignoring case is comparing the lowercase forms (the
    special Unicode case pairs need a non-ASCII character), and up to three times faster
    (the passive shape). Other text takes the case-insensitive pattern."""

    def __init__(self, pattern: str) -> None:
        if re.sub(r"\\.", "", pattern) != re.sub(r"\\.", "", pattern).lower():
            raise ValueError("a folded shape is written in lowercase")
        self.any_case = re.compile(pattern, re.IGNORECASE)
        self.lowercase = re.compile(pattern)

    def search(self, text: str, lowered: str | None) -> bool:
        if lowered is None:
            return self.any_case.search(text) is not None
        return self.lowercase.search(lowered) is not None


def _lowered(text: str) -> str | None:
    """``text`` lowercased for the :class:`_Folded` shapes; None when it is not ASCII."""
    return text.lower() if text.isascii() else None


_EXISTENTIAL = _Folded(
    r"(?:^|[,:;]\s*|\b(?:daarom|ook|daarnaast|bovendien|tevens|verder|dan|nu|straks)\s+)"
    r"er\s+(?:komt|komen|wordt|worden|gaat|gaan)\b"
)
_PARTICIPLE = (
    r"(?!(?:verband|gebied|bekend|verschil\w*|gezondheid|gevolgd)\b)"
    r"(?:(?:ge|ver|be|ont|her|er)\w{3,}(?<!end)(?<!heid)(?:d|t)|ge\w{3,}en|"
    r"(?:uit|in|aan|op|af|toe|door|voort|vast|mee|samen|bij|weg|terug|over|neer|om|"
    r"vrij|teweeg|tegen|tot stand)\s?ge\w{2,}(?:d|t|en|an)|geïnvesteerd|geïntroduceerd|"
    r"gecontinueerd|gerealiseerd|gefaciliteerd|gestimuleerd|verplicht|wettelijk verankerd|"
    r"beschikbaar gesteld|mogelijk gemaakt|ingevoerd|ingezet|ingesteld|ingericht)"
)
# norms (weak); "zal leiden tot…" is a forecast, not a commitment, so "zal" alone is not here
_FUTURE = _Folded(r"\b(?:moet|moeten|dient|dienen)\b")
_CONTINUE = _Folded(r"\b(?:blijft|blijven)\b")
# a verbless action item in a bullet list: "Meer geld voor…", "Het invoeren van…"
_ACTION_ITEM = re.compile(
    r"^\s*(?:(?:het|de)\s+)?(?:\w+en\s+van|meer|extra|minder|betere?|nieuwe?|geen|"
    r"snellere?|sterkere?|eerlijkere?|investeringen|invoering|uitbreiding|verhoging|"
    r"verlaging|versterking|aanpak|ondersteuning)\b",
    re.IGNORECASE,
)
_CLAUSES = re.compile(r"[:;]\s+")
# provisions: "Inwoners met een uitkering krijgen persoonlijke begeleiding"
_RECEIVE = _Folded(r"\b(?:krijgt|krijgen)\b")
_COPULA = _Folded(r"\b(?:is|zijn|was|waren|heeft|hebben|had|hadden)\b")


class _Shapes(NamedTuple):
    subject_first: re.Pattern[str]
    passive: _Folded
    priority: _Folded
    aim: _Folded


@lru_cache(maxsize=16)
def _shapes(fronted: int, passive: int, priority: int, aim: int) -> _Shapes:
    """The shapes with character windows (analysis options), compiled once per setting."""
    return _Shapes(
        re.compile(
            rf"^\s*(?:[^.;:]{{0,{fronted}}}?,\s*)?(?:{_SUBJECT})\s+(?P<verb>\w+)"
            r"(?:\s+(?P<next>\w+))?",
            re.IGNORECASE,
        ),
        _Folded(
            rf"\b(?:wordt|worden)\b[^.;]{{0,{passive}}}?\b{_PARTICIPLE}\b"
            rf"|\b{_PARTICIPLE}\s+(?:wordt|worden)\b"
        ),
        _Folded(
            r"\b(?:voor|volgens)\s+(?:ons|deze coalitie|dit kabinet|het kabinet|de coalitie)\b"
            rf"[^.;]{{0,{priority}}}\b(?:belangrijk|essentieel|van (?:\w+ )?belang|prioriteit|"
            r"cruciaal|onmisbaar)"
        ),
        # stated aims: "Ons doel is 55% minder uitstoot", "Onze aanpak richt zich op…"
        _Folded(
            r"^\s*(?:ons|onze)\s+(?:[\w-]+\s+){0,3}?\w*(?:doel|doelen|ambitie|inzet|streven|"
            rf"aanpak|beleid|prioriteit)\b[^.;]{{0,{aim}}}?\b(?:is|zijn|richt zich|richten zich|"
            r"gericht)\b"
        ),
    )


def _options_shapes(opts: AnalysisOptions) -> _Shapes:
    return _shapes(
        opts.commitment_fronted_chars,
        opts.passive_gap_chars,
        opts.priority_gap_chars,
        opts.aim_gap_chars,
    )


def _action_verb(verb: str | None, nxt: str | None, weak: float) -> float:
    if not verb:
        return BACKGROUND
    v = verb.lower()
    if re.fullmatch(_NOT_ACTION, v) or (nxt and re.fullmatch(_NOT_ACTION, f"{v} {nxt.lower()}")):
        return BACKGROUND
    if re.fullmatch(_WEAK_VERBS, v):
        return weak
    return STRONG


def _clause_strength(clause: str, shapes: _Shapes, opts: AnalysisOptions) -> float:
    head = clause[: opts.commitment_head_chars]
    m = shapes.subject_first.match(head)
    if m:
        level = _action_verb(m.group("verb"), m.group("next"), opts.weak_commitment)
        if level:
            return level
    for m in _INVERTED.finditer(head[: opts.commitment_inverted_chars]):
        verb = m.group("verb")
        low = verb.lower()
        if low in _SUBORDINATORS or low.startswith("waar") or not verb[0].isalpha():
            continue
        if m.start() == 0:  # "Investeren we…?": a question or a heading, not a commitment
            continue
        # "Dat realiseren we ons": realize, not carry out
        reflexive = head[m.end() : m.end() + 5].lower().startswith(" ons")
        if reflexive and low == "realiseren":
            level = BACKGROUND
        else:
            level = _action_verb(verb, None, opts.weak_commitment)
        if level:
            return level
        break
    return BACKGROUND


def commitment_strength(
    sentence: str, *, bullet: bool = False, opts: AnalysisOptions | None = None
) -> float:
    """1.0 for a commitment, ``opts.weak_commitment`` (0.5) for a weaker one (wish, norm,
    continuity, priority), 0.0 for background prose (see the module docstring)."""
    opts = opts or _DEFAULT
    shapes = _options_shapes(opts)
    weak = opts.weak_commitment
    # each main clause: "Inwoners krijgen meer invloed: we voeren het uitdaagrecht in"
    level = max(_clause_strength(c, shapes, opts) for c in _CLAUSES.split(sentence) if c.strip())
    low = _lowered(sentence)
    if (
        level >= STRONG
        or _EXISTENTIAL.search(sentence, low)
        or shapes.passive.search(sentence, low)
    ):
        return STRONG
    if level or _FUTURE.search(sentence, low) or _CONTINUE.search(sentence, low):
        return weak
    if (
        shapes.priority.search(sentence, low)
        or shapes.aim.search(sentence, low)
        or _RECEIVE.search(sentence, low)
    ):
        return weak
    if bullet and _ACTION_ITEM.match(sentence) and not _COPULA.search(sentence, low):
        return weak
    return BACKGROUND


def is_commitment(
    sentence: str, *, bullet: bool = False, opts: AnalysisOptions | None = None
) -> bool:
    """True when the sentence announces something the government will (or wants to) do."""
    return commitment_strength(sentence, bullet=bullet, opts=opts) > BACKGROUND
