"""Sums of consecutive rows, bit for bit as ``np.add.reduceat(values, starts, axis=0)``.

``reduceat`` over the rows of a 2-D array calls its inner loop once per segment *and
column*: for the meaning vectors of a few thousand texts (tens of thousands of term rows of
a few hundred dimensions) that is most of the soft match's time. :func:`segment_sums`
computes the same figures with whole-array operations: numpy adds a segment's first row to
the pairwise sum of the others (``pairwise_sum`` in numpy's loops: up to 7 terms in
sequence; up to 128 in eight interleaved accumulators combined as ``((r0 + r1) + (r2 + r3))
+ ((r4 + r5) + (r6 + r7))``, then the remainder; longer ones split in two at a multiple of
8), and so does this, for all segments of one length at once. Float addition is the same
correctly rounded operation in both, so the results are identical (a test holds them to
``reduceat`` on random data, negative zeros and long segments included).
"""

from __future__ import annotations

import numpy as np

_BLOCK = 128  # numpy's PW_BLOCKSIZE
_UNROLL = 8


def segment_sums(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Row sums of ``values[starts[i]:starts[i + 1]]`` (the last to the end); ``starts``
    strictly increasing from 0, as ``np.add.reduceat`` with such indices gives them."""
    n = len(values)
    if not len(starts):
        return np.zeros((0, *values.shape[1:]), dtype=values.dtype)
    starts = np.asarray(starts, dtype=np.int64)
    lengths = np.diff(np.append(starts, n))
    out = values[starts].copy()
    for rest in np.unique(lengths - 1):
        if rest <= 0:
            continue
        which = np.flatnonzero(lengths - 1 == rest)
        block = values[(starts[which] + 1)[:, None] + np.arange(rest)]
        out[which] += _pairwise(block)
    return out


def weighted_segment_sums(
    table: np.ndarray, rows: np.ndarray, weights: np.ndarray, starts: np.ndarray
) -> np.ndarray:
    """``segment_sums(table[rows] * weights[:, None], starts)``, bit for bit, without the
    ``[len(rows), dims]`` intermediate: each segment length's rows are gathered from
    ``table`` and weighted where they are summed (the same products, the same sums)."""
    n = len(rows)
    if not len(starts):
        return np.zeros((0, *table.shape[1:]), dtype=np.result_type(table, weights))
    starts = np.asarray(starts, dtype=np.int64)
    lengths = np.diff(np.append(starts, n))
    out = table[rows[starts]]
    out *= weights[starts][:, None]
    for rest in np.unique(lengths - 1):
        if rest <= 0:
            continue
        which = np.flatnonzero(lengths - 1 == rest)
        at = (starts[which] + 1)[:, None] + np.arange(rest)
        block = table[rows[at]]
        block *= weights[at][..., None]
        out[which] += _pairwise(block)
    return out


def _pairwise(x: np.ndarray) -> np.ndarray:
    """numpy's pairwise sum along axis 1 of ``x`` (segments × terms × dims)."""
    n = x.shape[1]
    if n < _UNROLL:
        res = x[:, 0].copy()
        for k in range(1, n):
            res += x[:, k]
        return res
    if n <= _BLOCK:
        r = x[:, :_UNROLL].copy()
        i = _UNROLL
        while i < n - n % _UNROLL:
            r += x[:, i : i + _UNROLL]
            i += _UNROLL
        res = ((r[:, 0] + r[:, 1]) + (r[:, 2] + r[:, 3])) + (
            (r[:, 4] + r[:, 5]) + (r[:, 6] + r[:, 7])
        )
        for k in range(i, n):
            res += x[:, k]
        return res
    half = n // 2
    half -= half % _UNROLL
    return _pairwise(x[:, :half]) + _pairwise(x[:, half:])
