"""Does a sentence read as a commitment (what the government will do)?

Policy documents state intentions in a few recurring shapes: a first-person plural subject
with a present-tense or future verb (``We investeren…``, ``Wij gaan…``), the cabinet as
subject (``Het kabinet gaat…``), existential announcements (``Er komt…``, ``Er komen…``) and
passive announcements (``…wordt ingevoerd``, ``…worden verhoogd``). Background prose
("Nederland is…", "De afgelopen jaren…") matches none of these.
"""

from __future__ import annotations

import re

_SUBJECT = r"(?:we|wij|het kabinet|dit kabinet|de coalitie|deze coalitie|de regering|het rijk)"
_INTRO = r"(?:[^.;:]{0,80}?,\s*)?"  # a fronted clause: "Om X te bereiken, investeren we…"
_ANNOUNCE = re.compile(
    rf"^\s*(?:{_INTRO}(?:{_SUBJECT})\s+\w+|{_INTRO}er\s+(?:komt|komen|wordt|worden)\b)",
    re.IGNORECASE,
)
# inverted order after a fronted phrase: "Daarom investeren we", "In 2025 verhogen wij"
_INVERTED = re.compile(r"^\s*[^.;:]{0,100}?\b\w+(?:n|t|d)\s+(?:we|wij)\b", re.IGNORECASE)
_PASSIVE = re.compile(
    r"\b(?:wordt|worden|zal|zullen)\b[^.;]{0,80}?\b(?:ingevoerd|verhoogd|verlaagd|"
    r"uitgebreid|versterkt|geïnvesteerd|ingezet|afgeschaft|gerealiseerd|verbeterd|"
    r"gestimuleerd|gefaciliteerd|aangepakt|opgericht|ingesteld|vastgelegd|verplicht|"
    r"beschikbaar gesteld|vrijgemaakt|uitgebreid|gemaakt|geregeld|wettelijk)\b",
    re.IGNORECASE,
)
_WILL = re.compile(r"\b(?:we|wij)\s+(?:gaan|zullen|willen|zetten in|zorgen)\b", re.IGNORECASE)
# continuity of policy: "X blijft de norm", "we blijven investeren"
_CONTINUE = re.compile(r"\b(?:blijft|blijven)\b", re.IGNORECASE)
_NOT_COMMIT = re.compile(
    r"^\s*(?:we|wij)\s+(?:zien|weten|merken|constateren|hebben gezien)\b", re.IGNORECASE
)


def is_commitment(sentence: str) -> bool:
    """True when the sentence announces something the government will do."""
    if _NOT_COMMIT.search(sentence):
        return False
    return bool(
        _ANNOUNCE.search(sentence)
        or _INVERTED.search(sentence[:140])
        or _PASSIVE.search(sentence)
        or _WILL.search(sentence)
        or _CONTINUE.search(sentence)
    )
