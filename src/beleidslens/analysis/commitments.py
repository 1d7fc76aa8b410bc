"""Does a sentence read as a commitment (what the government will do)?

Policy documents state intentions in a few recurring shapes, and this module grades a
sentence by them (:func:`commitment_strength`):

* **strong** (1.0) — a first-person plural subject with an action verb (``We investeren…``,
  ``Wij gaan…``, ``We zetten in op…``, also inverted after a fronted phrase: ``Daarom
  verhogen we…``), the cabinet, coalition or council as subject (``Het kabinet gaat…``), existential
  announcements (``Er komt…``, ``Er komen…``, ``Er wordt…``) and passive announcements
  (``…wordt ingevoerd``, ``…worden verhoogd``);
* **weak** (0.5) — wishes and norms (``We willen…``, ``…moet…``), continuity of
  policy (``…blijft het doel``, ``…wordt voortgezet`` is strong), stated priorities and aims
  (``Voor deze coalitie is X belangrijk``, ``Ons doel is…``, ``Onze aanpak richt zich op…``),
  provisions (``Inwoners krijgen…``); in a bullet list, also a verbless action item
  (``Meer geld voor…``, ``Het invoeren van…``);
* **background** (0.0) — descriptions and problem statements: copula sentences
  (``Nederland is…``, ``Onze economie draait op…``), observations (``We zien…``, ``We leven
  in…``) and everything that matches none of the shapes above.
"""

from __future__ import annotations

import re

STRONG = 1.0
WEAK = 0.5
BACKGROUND = 0.0

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
_SUBJECT_FIRST = re.compile(
    rf"^\s*(?:[^.;:]{{0,100}}?,\s*)?(?:{_SUBJECT})\s+(?P<verb>\w+)(?:\s+(?P<next>\w+))?",
    re.IGNORECASE,
)
# inverted order after a fronted phrase: "Daarom investeren we", "In 2025 verhogen wij"
_INVERTED = re.compile(r"\b(?P<verb>\w+)\s+(?:we|wij)\b", re.IGNORECASE)
_EXISTENTIAL = re.compile(
    r"(?:^|[,:;]\s*|\b(?:daarom|ook|daarnaast|bovendien|tevens|verder|dan|nu|straks)\s+)"
    r"er\s+(?:komt|komen|wordt|worden|gaat|gaan)\b",
    re.IGNORECASE,
)
_PARTICIPLE = (
    r"(?!(?:verband|gebied|bekend|verschil\w*|gezondheid|gevolgd)\b)"
    r"(?:(?:ge|ver|be|ont|her|er)\w{3,}(?<!end)(?<!heid)(?:d|t)|ge\w{3,}en|"
    r"(?:uit|in|aan|op|af|toe|door|voort|vast|mee|samen|bij|weg|terug|over|neer|om|"
    r"vrij|teweeg|tegen|tot stand)\s?ge\w{2,}(?:d|t|en|an)|geïnvesteerd|geïntroduceerd|"
    r"gecontinueerd|gerealiseerd|gefaciliteerd|gestimuleerd|verplicht|wettelijk verankerd|"
    r"beschikbaar gesteld|mogelijk gemaakt|ingevoerd|ingezet|ingesteld|ingericht)"
)
_PASSIVE = re.compile(
    rf"\b(?:wordt|worden)\b[^.;]{{0,90}}?\b{_PARTICIPLE}\b|\b{_PARTICIPLE}\s+(?:wordt|worden)\b",
    re.IGNORECASE,
)
# norms (weak); "zal leiden tot…" is a forecast, not a commitment, so "zal" alone is not here
_FUTURE = re.compile(r"\b(?:moet|moeten|dient|dienen)\b", re.IGNORECASE)
_CONTINUE = re.compile(r"\b(?:blijft|blijven)\b", re.IGNORECASE)
_PRIORITY = re.compile(
    r"\b(?:voor|volgens)\s+(?:ons|deze coalitie|dit kabinet|het kabinet|de coalitie)\b"
    r"[^.;]{0,80}\b(?:belangrijk|essentieel|van (?:\w+ )?belang|prioriteit|cruciaal|onmisbaar)",
    re.IGNORECASE,
)
# a verbless action item in a bullet list: "Meer geld voor…", "Het invoeren van…"
_ACTION_ITEM = re.compile(
    r"^\s*(?:(?:het|de)\s+)?(?:\w+en\s+van|meer|extra|minder|betere?|nieuwe?|geen|"
    r"snellere?|sterkere?|eerlijkere?|investeringen|invoering|uitbreiding|verhoging|"
    r"verlaging|versterking|aanpak|ondersteuning)\b",
    re.IGNORECASE,
)
_CLAUSES = re.compile(r"[:;]\s+")
# stated aims: "Ons doel is 55% minder uitstoot", "Onze aanpak richt zich op…"
_AIM = re.compile(
    r"^\s*(?:ons|onze)\s+(?:[\w-]+\s+){0,3}?\w*(?:doel|doelen|ambitie|inzet|streven|aanpak|"
    r"beleid|prioriteit)\b[^.;]{0,40}?\b(?:is|zijn|richt zich|richten zich|gericht)\b",
    re.IGNORECASE,
)
# provisions: "Inwoners met een uitkering krijgen persoonlijke begeleiding"
_RECEIVE = re.compile(r"\b(?:krijgt|krijgen)\b", re.IGNORECASE)
_COPULA = re.compile(r"\b(?:is|zijn|was|waren|heeft|hebben|had|hadden)\b", re.IGNORECASE)


def _action_verb(verb: str | None, nxt: str | None) -> float:
    if not verb:
        return BACKGROUND
    v = verb.lower()
    if re.fullmatch(_NOT_ACTION, v) or (nxt and re.fullmatch(_NOT_ACTION, f"{v} {nxt.lower()}")):
        return BACKGROUND
    if re.fullmatch(_WEAK_VERBS, v):
        return WEAK
    return STRONG


def _clause_strength(clause: str) -> float:
    head = clause[:200]
    m = _SUBJECT_FIRST.match(head)
    if m:
        level = _action_verb(m.group("verb"), m.group("next"))
        if level:
            return level
    for m in _INVERTED.finditer(head[:160]):
        verb = m.group("verb")
        low = verb.lower()
        if low in _SUBORDINATORS or low.startswith("waar") or not verb[0].isalpha():
            continue
        if m.start() == 0:  # "Investeren we…?": a question or a heading, not a commitment
            continue
        # "Dat realiseren we ons": realize, not carry out
        reflexive = head[m.end() : m.end() + 5].lower().startswith(" ons")
        level = BACKGROUND if reflexive and low == "realiseren" else _action_verb(verb, None)
        if level:
            return level
        break
    return BACKGROUND


def commitment_strength(sentence: str, *, bullet: bool = False) -> float:
    """1.0 for a commitment, 0.5 for a weaker one (wish, norm, continuity, priority), 0.0
    for background prose (see the module docstring)."""
    # each main clause: "Inwoners krijgen meer invloed: we voeren het uitdaagrecht in"
    level = max(_clause_strength(c) for c in _CLAUSES.split(sentence) if c.strip())
    if level >= STRONG or _EXISTENTIAL.search(sentence) or _PASSIVE.search(sentence):
        return STRONG
    if level or _FUTURE.search(sentence) or _CONTINUE.search(sentence):
        return WEAK
    if _PRIORITY.search(sentence) or _AIM.search(sentence) or _RECEIVE.search(sentence):
        return WEAK
    if bullet and _ACTION_ITEM.match(sentence) and not _COPULA.search(sentence):
        return WEAK
    return BACKGROUND


def is_commitment(sentence: str, *, bullet: bool = False) -> bool:
    """True when the sentence announces something the government will (or wants to) do."""
    return commitment_strength(sentence, bullet=bullet) > BACKGROUND
