"""Dutch sentence splitting with exact offsets.

A sentence ends at ``.``, ``?`` or ``!`` (plus any closing quotes or brackets) followed by
whitespace and a capital letter, a digit, an opening quote or bracket, or a bullet — unless
the word before the full stop is a known abbreviation (``o.a.``, ``bijv.``, ``art.``), an
initial (``J.``, ``J.P.``), a dotted abbreviation (``d.w.z.``) or the number of a numbered
item at the start of a sentence (``1.``).

Units of amounts (``mln.``, ``mld.``, ``mrd.``) are *not* abbreviations here: ``€ 1,5 mld.
per jaar`` does not split (lower case follows) and ``€ 60 mld. Deze fondsen …`` does, because
in policy texts an amount at the end of a sentence is common. The same holds for ``etc.``
and ``enz.``.

An abbreviation that can close a sentence — an upper-case one (``B.V.``, ``N.V.``) or a
list's ``e.d.`` / ``e.a.`` — does end it when a word that opens Dutch sentences and is no
part of a name follows (``…de Maatschappelijke B.V. Ook komt er…``); after a title
(``dhr. De Vries``) or ``o.a.`` nothing changes.

No third-party model is used: spaCy's blank Dutch sentencizer splits after ``mld.``.
"""

from __future__ import annotations

import re

# Lower-case abbreviations (without their final full stop) after which a sentence never ends.
_ABBREVIATION_TEXT = """
    o.a bijv bv b.v nr nrs art artt e.d d.w.z m.b.t t.a.v i.v.m o.b.v m.n a.s z.s.m ca
    resp jl vs incl excl zgn zg mevr dhr drs dr mr ir prof ing st blz pag e.a evt
    min max cf vgl i.c n.a.v m.u.v c.q a.d.h.v o.m v.w.b e.e.a t.z.t m.i.v w.v i.s.m
    i.o.m m.b.v t.b.v t.o.v v.d p.j p.p p.m d.d d.m.v o.l.v i.p.v m.a.w o.i.d e.v ev
    jan feb mrt apr jun jul aug sep sept okt nov dec
    hfdst par afd tel fig tab bijl vlg
    mw mvr kol adm
"""
ABBREVIATIONS: frozenset[str] = frozenset(_ABBREVIATION_TEXT.split())

# abbreviations (lower case, no final stop) that can close a sentence, besides upper-case ones
_CLOSING = frozenset({"e.d", "e.a", "e.v", "ev"})  # b.v. is "bijvoorbeeld": it never closes
# capitalised words that open sentences and are not part of names ("De", "Van", "In 't",
# "Op de" are: "mevr. S.M. In 't Veld")
_OPENER_TEXT = """ook we wij dit deze dat daarom daarnaast daarmee daarbij daarvoor er zo bovendien
    hiermee hierbij hiervoor hierdoor zij ze ons onze het voor met om als door naast
    verder tevens tegelijk wel niet ik wie wat waar hoe zodat omdat maar en"""
_OPENERS = frozenset(w.capitalize() for w in _OPENER_TEXT.split())
_END = re.compile(r"[.?!…]+[\"'”’)\]]*(?=\s)")
_NEXT_OK = re.compile(r"\s+(?=[A-ZÀ-ÖØ-Þ0-9\"'“‘(\[•€])")
_WORD_BEFORE = re.compile(r"(\S+)$")
_INITIALS = re.compile(r"^\(?(?:[A-ZÀ-ÖØ-Þ]\.)*[A-ZÀ-ÖØ-Þ]$")
_DOTTED = re.compile(r"^\(?(?:[A-Za-z]{1,3}\.)+[A-Za-z]{1,3}$")
_NUMBER = re.compile(r"^\(?\d{1,3}[a-z]?$|^[IVXivx]{1,5}$|^[a-z]$")


def _is_abbreviation(token: str, sentence_start: bool) -> bool:
    """``token`` is the word before a full stop, without that stop."""
    bare = token.lstrip("(\"'“‘[")
    if not bare:
        return False
    if bare.lower() in ABBREVIATIONS:
        return True
    if _INITIALS.match(bare):
        return True
    if "." in bare and _DOTTED.match(bare):
        return True
    return bool(sentence_start and _NUMBER.match(bare))


def _closes(token: str, text: str, at: int, stop: int) -> bool:
    """An abbreviation that can close a sentence (module docstring) before an opener."""
    bare = token.lstrip("(\"'“‘[")
    upper = bare.isupper() and "." in bare and bool(_DOTTED.match(bare))
    if not upper and bare.lower() not in _CLOSING:
        return False
    word = _FIRST_WORD.match(text, at, stop)
    return word is not None and word.group(0) in _OPENERS


_FIRST_WORD = re.compile(r"[A-Z][a-z]+\b")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences in ``text[start:end]``.

    Offsets are absolute (into ``text``); each span is stripped of surrounding whitespace, so
    ``text[s:e]`` never starts or ends with whitespace. Whitespace-only input gives ``[]``.
    """
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    sent_start = start
    pos = start
    while True:
        m = _END.search(text, pos, stop)
        if m is None:
            break
        pos = m.end()
        nxt = _NEXT_OK.match(text, m.end(), stop)
        if nxt is None:
            continue
        if text[m.start()] == ".":
            before = _WORD_BEFORE.search(text, sent_start, m.start())
            if before is not None:
                token = before.group(1)
                first = text[sent_start : before.start()].strip() == ""
                if _is_abbreviation(token, first) and (
                    first or not _closes(token, text, nxt.end(), stop)
                ):
                    continue
        spans.append((sent_start, m.end()))
        sent_start = nxt.end()
        pos = sent_start
    spans.append((sent_start, stop))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings (convenience for tests and tools)."""
    return [text[s:e] for s, e in split_sentences(text)]
