"""Find where a quoted text is in a document: exact, composite, altered or not found.

Matching works on a *normalized* view of the document text (Unicode NFKC, typographic quotes
and dashes unified, soft hyphens and whitespace runs collapsed, words hyphenated across a
line break joined) with a map back to the original offsets, so a quote that differs only in
whitespace or quote style counts as exact and every finding points at the original text.

A quote that is not found in one piece is split into segments (sentences); each segment is
located on its own. When all segments are found exactly but not next to each other, the
quote is a *composite* of several passages (experts often stitch sentences together). A
segment that is not found exactly is compared with its closest original on word level
(:mod:`difflib`); similar enough means *altered* (with a word diff), otherwise *not found*.
"""

from __future__ import annotations

import difflib
import heapq
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from operator import itemgetter

from .options import AuditOptions

_QUOTES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "`": "'",
        "´": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "\u00a0": " ",
        "•": " ",
    }
)
_WORD = re.compile(r"\w+(?:[-'’.,]\w+)*|[^\w\s]", re.UNICODE)
# sentence ends: not after abbreviations such as "mln." or "o.a." (next word is lower case)
_SEGMENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])|(?<=;)\s+|(?<=[a-zà-ÿ)][.!?])(?=[A-Z])")

# similarity (difflib ratio over words) from which a segment counts as altered, not invented
ALTERED_MIN_RATIO = AuditOptions().altered_min_ratio


class MatchKind(StrEnum):
    EXACT = "exact"
    COMPOSITE = "composite"
    ALTERED = "altered"
    NOT_FOUND = "not_found"


def normalize_char_stream(text: str) -> tuple[str, list[int]]:
    """Normalized text and, per normalized character, the original offset it came from."""
    out: list[str] = []
    pos: list[int] = []
    i, n = 0, len(text)
    pending_space = -1
    while i < n:
        ch = text[i]
        # a word hyphenated across a line break: "kwets-\nbaarheid" → "kwetsbaarheid"
        if ch in "-\u00ad" and out and out[-1].isalpha():
            j = i + 1
            while j < n and text[j] in " \t\r":
                j += 1
            if j < n and text[j] == "\n":
                k = j
                while k < n and text[k].isspace():
                    k += 1
                if k < n and text[k].islower():
                    i = k
                    continue
        if ch == "\u00ad" or ch == "\u200b":
            i += 1
            continue
        norm = unicodedata.normalize("NFKC", ch).translate(_QUOTES)
        for c in norm:
            if c.isspace():
                if out and pending_space < 0:
                    pending_space = i
            else:
                if pending_space >= 0:
                    out.append(" ")
                    pos.append(pending_space)
                    pending_space = -1
                out.append(c)
                pos.append(i)
        i += 1
    return "".join(out), pos


def normalize(text: str) -> str:
    return normalize_char_stream(text)[0]


def split_segments(text: str) -> list[str]:
    """Sentences of a quote (also where an expert glued two sentences without a space)."""
    parts = [p.strip() for p in _SEGMENT_SPLIT.split(text)]
    return [p for p in parts if p]


@dataclass(slots=True)
class Token:
    text: str
    key: str  # casefolded, for matching
    start: int  # offset in the normalized text
    end: int


def tokenize(norm: str) -> list[Token]:
    return [
        Token(m.group(), m.group().casefold(), m.start(), m.end()) for m in _WORD.finditer(norm)
    ]


@dataclass(slots=True)
class SegmentMatch:
    """Where one segment of a quote is in the document (offsets into the original text)."""

    text: str
    kind: MatchKind  # exact, altered or not_found
    start: int | None = None
    end: int | None = None
    ratio: float = 0.0
    original: str | None = None  # the source text the segment was compared with
    diff: str | None = None  # word diff: [-source-]{+quote+}


@dataclass(slots=True)
class QuoteMatch:
    text: str
    kind: MatchKind
    segments: list[SegmentMatch] = field(default_factory=list)

    @property
    def spans(self) -> list[tuple[int, int]]:
        return [
            (s.start, s.end) for s in self.segments if s.start is not None and s.end is not None
        ]

    @property
    def start(self) -> int | None:
        spans = self.spans
        return min(s for s, _ in spans) if spans else None

    @property
    def end(self) -> int | None:
        spans = self.spans
        return max(e for _, e in spans) if spans else None

    @property
    def passages(self) -> int:
        """Number of separate places in the document the quote was found in."""
        return len(self.spans)


def word_diff_ops(source: str, quote: str) -> list[tuple[str, str]]:
    """Word-level diff as ``(op, words)`` with op ``=`` (same), ``-`` (only in the source)
    or ``+`` (only in the quote)."""
    a, b = source.split(), quote.split()
    ops: list[tuple[str, str]] = []
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            ops.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            ops.append(("+", " ".join(b[j1:j2])))
    return ops


def format_diff(ops: list[tuple[str, str]]) -> str:
    """``[-removed from source-]{+added in quote+}``, equal words as they are."""
    wrap = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}
    return " ".join(wrap[op].format(words) for op, words in ops)


def word_diff(source: str, quote: str) -> str:
    return format_diff(word_diff_ops(source, quote))


class SourceIndex:
    """A document text prepared for locating quotes."""

    def __init__(self, text: str, altered_min_ratio: float = ALTERED_MIN_RATIO) -> None:
        self.text = text
        self.altered_min_ratio = altered_min_ratio
        self.norm, self._pos = normalize_char_stream(text)
        self._norm_cf = self.norm.casefold()
        self.tokens = tokenize(self.norm)
        self._postings: dict[str, list[int]] = defaultdict(list)
        for i, tok in enumerate(self.tokens):
            self._postings[tok.key].append(i)
        self._df = Counter({k: len(v) for k, v in self._postings.items()})

    # -- offsets --------------------------------------------------------------------------
    def original_span(self, nstart: int, nend: int) -> tuple[int, int]:
        """Original offsets of the normalized span ``[nstart, nend)``."""
        start = self._pos[nstart]
        end = self._pos[nend - 1] + 1
        return start, end

    # -- exact --------------------------------------------------------------------------
    def find_exact(self, quote: str, after: int = 0) -> tuple[int, int] | None:
        """Normalized-text span of ``quote`` (whitespace/quote-normalized, exact case)."""
        q = normalize(quote).strip()
        # a quote cut off mid-sentence often gets a full stop (or an ellipsis) of its own
        trimmed = q.rstrip(".;:,!?… ").lstrip("… ")
        for candidate in (q, trimmed) if trimmed != q else (q,):
            if not candidate:
                continue
            i = self.norm.find(candidate, after)
            if i < 0 and after:
                i = self.norm.find(candidate)
            if i >= 0:
                return i, i + len(candidate)
        return None

    # -- fuzzy --------------------------------------------------------------------------
    def find_closest(self, quote: str) -> tuple[float, int, int] | None:
        """Best-matching span for ``quote`` by word similarity: (ratio, nstart, nend)."""
        qtoks = tokenize(normalize(quote))
        if not qtoks:
            return None
        keys = [t.key for t in qtoks]
        k = len(keys)
        n_docs = max(1, len(self.tokens))
        votes: defaultdict[int, float] = defaultdict(float)
        for j, key in enumerate(keys):
            df = self._df.get(key, 0)
            if df == 0 or df > 2000:
                continue
            weight = math.log(1 + n_docs / df)
            for p in self._postings[key]:
                votes[(p - j) // 4] += weight  # bucket candidate starts
        if not votes:
            return None
        best: tuple[float, int, int] | None = None
        # the 8 best buckets, ties in first-seen order (as Counter.most_common)
        for bucket, _v in heapq.nlargest(8, votes.items(), key=itemgetter(1)):
            lo = max(0, bucket * 4 - 8)
            hi = min(len(self.tokens), bucket * 4 + k + 12)
            window = [t.key for t in self.tokens[lo:hi]]
            sm = difflib.SequenceMatcher(None, window, keys, autojunk=False)
            blocks = [b for b in sm.get_matching_blocks() if b.size]
            if not blocks:
                continue
            first = lo + blocks[0].a
            last = lo + blocks[-1].a + blocks[-1].size - 1
            span_keys = [t.key for t in self.tokens[first : last + 1]]
            ratio = difflib.SequenceMatcher(None, span_keys, keys, autojunk=False).ratio()
            if best is None or ratio > best[0]:
                best = (ratio, self.tokens[first].start, self.tokens[last].end)
        return best

    # -- one segment ----------------------------------------------------------------------
    def locate_segment(self, segment: str, after: int = 0) -> SegmentMatch:
        exact = self.find_exact(segment, after)
        if exact is not None:
            s, e = self.original_span(*exact)
            return SegmentMatch(segment, MatchKind.EXACT, s, e, 1.0, self.text[s:e])
        closest = self.find_closest(segment)
        if closest is None or closest[0] < self.altered_min_ratio:
            ratio = closest[0] if closest else 0.0
            return SegmentMatch(segment, MatchKind.NOT_FOUND, ratio=round(ratio, 3))
        ratio, ns, ne = closest
        s, e = self.original_span(ns, ne)
        source = self.norm[ns:ne]
        return SegmentMatch(
            segment,
            MatchKind.ALTERED,
            s,
            e,
            round(ratio, 3),
            self.text[s:e],
            word_diff(source, normalize(segment)),
        )

    # -- a whole quote --------------------------------------------------------------------
    def locate(self, quote: str) -> QuoteMatch:
        exact = self.find_exact(quote)
        if exact is not None:
            s, e = self.original_span(*exact)
            seg = SegmentMatch(quote, MatchKind.EXACT, s, e, 1.0, self.text[s:e])
            return QuoteMatch(quote, MatchKind.EXACT, [seg])
        segments = split_segments(normalize(quote))
        if len(segments) <= 1:
            seg = self.locate_segment(quote)
            return QuoteMatch(quote, seg.kind, [seg])
        found: list[SegmentMatch] = []
        after = 0
        for text in segments:
            seg = self.locate_segment(text, after)
            if seg.end is not None and seg.kind is MatchKind.EXACT:
                after = self._norm_index(seg.end)
            found.append(seg)
        kinds = {s.kind for s in found}
        if kinds == {MatchKind.EXACT}:
            merged = self._merge_adjacent(found)
            kind = MatchKind.EXACT if len(merged) == 1 else MatchKind.COMPOSITE
            return QuoteMatch(quote, kind, merged)
        if kinds == {MatchKind.NOT_FOUND}:
            # maybe the whole quote is an altered version of one passage
            whole = self.locate_segment(quote)
            return QuoteMatch(quote, whole.kind, [whole])
        return QuoteMatch(quote, MatchKind.ALTERED, self._merge_adjacent(found))

    def _norm_index(self, original_offset: int) -> int:
        import bisect

        return bisect.bisect_left(self._pos, original_offset)

    def _merge_adjacent(self, segments: list[SegmentMatch]) -> list[SegmentMatch]:
        """Join exact segments that follow each other in the document (only space between)."""
        out: list[SegmentMatch] = []
        for seg in segments:
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.kind is MatchKind.EXACT
                and seg.kind is MatchKind.EXACT
                and prev.start is not None
                and prev.end is not None
                and seg.start is not None
                and prev.end <= seg.start
                and not self.text[prev.end : seg.start].strip()
            ):
                prev.text = f"{prev.text} {seg.text}"
                prev.end = seg.end
                prev.original = self.text[prev.start : prev.end]
                continue
            out.append(seg)
        return out
