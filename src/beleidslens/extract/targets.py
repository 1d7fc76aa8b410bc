"""Quantified targets: percentages with their year and subject, and absolute targets.

* ``55% CO2-reductie in 2030`` → 55, ``%``, subject ``CO2-reductie``, year 2030;
* ``60 procent minder uitstoot in 2030`` → subject ``minder uitstoot``;
* ``in 2030 moet 70% van de stroom duurzaam zijn`` → subject ``stroom``;
* ``een reductie van 70% in 2035 en 80% in 2040`` → both with subject ``reductie``;
* ``100.000 woningen per jaar`` → 100000, unit ``woningen``, period ``per jaar``;
* ``10 Mton CO2-reductie in 2030`` → 10, unit ``Mton``.

A percentage counts as a target when its sentence names a year or uses target words
(``doel``, ``reductie``, ``minder``, ``ten minste``, ``verhogen``, ``naar``, ``tot`` …);
a bare statistic (``28% van de leerlingen``) does not.
"""

from __future__ import annotations

import re

from ..document.trace import Location, Target
from . import params
from .hints import Hint
from .numbers import NUMBER, YEAR_RE, parse_number
from .sentences import SentenceIndex

_PCT_RE = re.compile(
    rf"(?<![\w\d.,])(?P<neg>[-−])?(?P<n>{NUMBER})\s?(?P<u>%|procent\b|procentpunt(?:en)?\b)",
    re.I,
)
_ABS_RE = re.compile(
    rf"(?<![\w\d.,€-])(?P<n>{NUMBER})\s?(?P<u>Mton\b|megaton\b|GW\b|gigawatt\b|TWh\b|PJ\b|hectare\b)"
    r"|(?<![\w\d.,€-])(?P<n2>\d{1,3}(?:\.\d{3})+)\s(?P<noun>[a-zà-ÿ][a-zà-ÿ-]{3,})",
)

_STOP = frozenset(
    """in voor van tot en of is zijn wordt worden te om
    die dat bij op per naar met aan als uit door na
    tegen over zal zullen moet moeten kan kunnen de het een we
    wij ons onze hun dit deze ten opzichte minste tenminste minimaal circa
    ca. rond ruim bijna zo'n uiterlijk jaar jaarlijks ook nog al wel
    niet want maar terwijl omdat wanneer waarbij waarmee neerkomt komt gaat gaan
    stijgt daalt stapsgewijs verder extra nu meer mikt mikken richt richten zet
    zetten inzetten koerst koersen uitkomen uitkomt gericht hogen verhogen verlagen brengen stijgen
    dalen groeien bedragen bedraagt verminderen terugbrengen teruggebracht verhoogd verlaagd bouwen realiseren bereiken
    halen""".split()  # noqa: SIM905
)
_HEAD_OK = frozenset({"minder", "meer", "extra"})
_CUES = re.compile(
    r"\b(?:doel\w*|streef\w*|streven|ambitie\w*|reductie\w*|minder|minimaal|ten\s?minste|"
    r"minstens|verho(?:gen|ging|gd)|verla(?:gen|ging|agd)|naar|tot|moet|moeten|halver\w*|"
    r"verdubbel\w*|uiterlijk|bereiken|realiseren|bouwen|vermindering|besparing|afname|toename|"
    r"groei|stijging|daling)\b",
    re.I,
)
_WORDS = re.compile(r"[^\s,.;:()!?\"“”]+")
_AFTER_YEAR = re.compile(
    r"\s*(?:\(?\s*(?:in|voor|uiterlijk|tot|na|rond|per|vanaf|tegen|anno|t/m)\s+)?(?P<y>(?:19|20)\d\d)\b",
    re.I,
)
_BEFORE_NOUN = re.compile(
    r"(?P<w>[\w-]+)\s+(?:van|tot|naar|met|op)\s+(?:(?:ten\s?minste|tenminste|minimaal|minstens|"
    r"circa|ca\.|ongeveer|rond|maximaal|bijna|zo'n|ruim|de|het)\s+)*(?:[-−])?$",
    re.I,
)
_HINT = Hint(
    ("%", "procent", "mton", "megaton", "GW", "gigawatt", "TWh", "PJ", "hectare"), r"\d\.\d\d\d"
)
_VAN_DE = re.compile(r"\s+van\s+(?:de|het|alle|onze|ons)\s+(?P<w>[\w-]+)", re.I)


def _noun_phrase_after(text: str, pos: int, limit: int) -> str | None:
    m = _VAN_DE.match(text, pos, limit)
    if m and m.group("w").lower() not in _STOP:
        return m.group("w")
    words: list[str] = []
    end_pos = pos
    for w in _WORDS.finditer(text, pos, limit):
        gap = text[end_pos : w.start()]
        if words and (not gap.isspace() or "\n\n" in gap):
            break
        if not words and gap.strip():
            break
        word = w.group(0)
        low = word.lower()
        if (low in _STOP and low not in _HEAD_OK) or YEAR_RE.fullmatch(word) or word[0].isdigit():
            break
        if words and low in _HEAD_OK:
            break
        words.append(word)
        end_pos = w.end()
        if len(words) == 3 or (low not in _HEAD_OK and len(words) >= 2):
            break
    if not words or all(w.lower() in _HEAD_OK for w in words):
        return None
    return " ".join(words)


def _noun_before(text: str, start: int, floor: int) -> str | None:
    m = _BEFORE_NOUN.search(text, max(floor, start - params.PARAMS.target_noun_before_chars), start)
    if m and m.group("w").lower() not in _STOP and not m.group("w")[0].isdigit():
        return m.group("w")
    return None


def _year_for(
    text: str, start: int, end: int, sent: tuple[int, int], next_start: int
) -> int | None:
    m = _AFTER_YEAR.match(
        text, end, min(sent[1], next_start, end + params.PARAMS.target_year_after_chars)
    )
    if m:
        return int(m.group("y"))
    # nearest year elsewhere in the sentence, preferring the words before the number
    best: tuple[int, int] | None = None
    for y in YEAR_RE.finditer(text, sent[0], sent[1]):
        if start <= y.start() < end:
            continue
        dist = start - y.end() if y.end() <= start else (y.start() - end) * 2
        if best is None or dist < best[0]:
            best = (dist, int(y.group(0)))
    return best[1] if best else None


def find_targets(
    text: str, base_offset: int = 0, *, exclude: list[tuple[int, int]] | None = None
) -> list[Target]:
    """Percentage and absolute targets in ``text``; offsets are ``base_offset`` + local.

    ``exclude`` holds local (start, end) spans to ignore, e.g. amounts already found.
    """
    if not _HINT.search(text):
        return []
    hits: list[tuple[int, int, re.Match[str], bool]] = []
    for m in _PCT_RE.finditer(text):
        hits.append((m.start(), m.end(), m, True))
    for m in _ABS_RE.finditer(text):
        hits.append((m.start(), m.end(), m, False))
    if not hits:
        return []
    hits.sort(key=lambda h: h[0])
    spans = exclude or []
    index = SentenceIndex(text)
    out: list[Target] = []
    prev_subject: tuple[int, str] | None = None  # (sentence start, subject)
    for i, (start, end, m, is_pct) in enumerate(hits):
        if any(s < end and start < e for s, e in spans):
            continue
        sent = index.span(start)
        next_start = hits[i + 1][0] if i + 1 < len(hits) else len(text)
        sentence = text[sent[0] : sent[1]]
        year = _year_for(text, start, end, sent, next_start)
        period: str | None = None
        if is_pct:
            value = parse_number(m.group("n"))
            if m.group("neg"):
                value = -value
            unit = "%"
            subject = _noun_phrase_after(text, end, min(sent[1], next_start))
            if subject is None:
                subject = _noun_before(text, start, sent[0])
            if subject is None and prev_subject and prev_subject[0] == sent[0]:
                between = text[hits[i - 1][1] : start] if i else ""
                if re.search(r"\b(?:en|of)\b|,", between):
                    subject = prev_subject[1]
            if year is None and not _CUES.search(sentence):
                continue
        else:
            n = m.group("n") or m.group("n2")
            value = parse_number(n)
            unit = m.group("u") or m.group("noun")
            reach = min(sent[1], end + params.PARAMS.target_period_after_chars)
            after = text[m.end("noun") if m.group("noun") else end : reach]
            pm = re.match(r"\s*(per\s+jaar|jaarlijks|p/j)\b", after, re.I)
            period = pm.group(1) if pm else None
            if m.group("u"):
                subject = _noun_phrase_after(text, end, min(sent[1], next_start)) or _noun_before(
                    text, start, sent[0]
                )
            else:
                noun_start = m.start("noun")
                subject = _noun_phrase_after(text, noun_start, min(sent[1], next_start))
                if subject is None or m.group("noun").lower() in _STOP:
                    continue
                unit = subject.split()[-1]
                if period is None and not _CUES.search(sentence):
                    continue
        if subject:
            prev_subject = (sent[0], subject)
        t_end = end
        ym = _AFTER_YEAR.match(text, end, min(sent[1], next_start, end + 30))
        subj_at = _skip_space(text, end) if is_pct or m.group("u") else m.start("noun")
        if subject and text.startswith(subject, subj_at):
            t_end = subj_at + len(subject)
            ym = _AFTER_YEAR.match(text, t_end, min(sent[1], next_start, t_end + 30))
        vd = _VAN_DE.match(text, end, min(sent[1], next_start))
        if is_pct and vd and subject == vd.group("w"):
            t_end = vd.end()
            ym = _AFTER_YEAR.match(text, t_end, min(sent[1], next_start, t_end + 30))
        if period is not None:
            pm2 = re.compile(r"\s*" + re.escape(period)).match(text, t_end)
            if pm2:
                t_end = pm2.end()
        if ym:
            t_end = max(t_end, ym.end())
        out.append(
            Target(
                value=value,
                unit=unit,
                text=text[start:t_end],
                subject=subject,
                year=year,
                period=period,
                sentence=sentence,
                sentence_start=base_offset + sent[0],
                sentence_end=base_offset + sent[1],
                location=Location(start=base_offset + start, end=base_offset + t_end),
            )
        )
    return out


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos
