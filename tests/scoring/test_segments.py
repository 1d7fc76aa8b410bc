"""segment_sums is np.add.reduceat over rows, bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from beleidslens.nlp.segments import segment_sums, weighted_segment_sums


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_segment_sums_equal_reduceat_bit_for_bit(dtype: type) -> None:
    rng = np.random.default_rng(1)
    bits = np.uint32 if dtype is np.float32 else np.uint64
    for trial in range(40):
        # short segments (sequential sums), up to 128 (eight accumulators), longer (split)
        lengths = rng.integers(1, 400 if trial % 2 else 30, size=int(rng.integers(1, 40)))
        n, d = int(lengths.sum()), int(rng.integers(1, 7))
        scale = 10.0 ** rng.integers(-6, 6, size=(n, d))
        values = (rng.standard_normal((n, d)) * scale).astype(dtype)
        values[rng.random((n, d)) < 0.1] = -0.0
        values[rng.random((n, d)) < 0.05] = 0.0
        starts = np.r_[0, np.cumsum(lengths)[:-1]]
        expected = np.add.reduceat(values, starts, axis=0)
        got = segment_sums(values, starts)
        assert got.dtype == expected.dtype and got.shape == expected.shape
        assert np.array_equal(got.view(bits), expected.view(bits)), trial


def test_segment_sums_of_nothing() -> None:
    empty = segment_sums(np.zeros((0, 3), dtype=np.float32), np.zeros(0, dtype=np.int64))
    assert empty.shape == (0, 3)
    one = np.array([[-0.0, 1.5]], dtype=np.float32)
    assert np.array_equal(segment_sums(one, np.array([0])).view(np.uint32), one.view(np.uint32))


def test_weighted_segment_sums_equal_the_weighted_rows_summed() -> None:
    rng = np.random.default_rng(2)
    table = rng.standard_normal((300, 5)).astype(np.float32)
    table[rng.random((300, 5)) < 0.05] = -0.0
    for trial in range(20):
        lengths = rng.integers(1, 300 if trial % 2 else 20, size=int(rng.integers(1, 30)))
        n = int(lengths.sum())
        rows = rng.integers(0, 300, size=n)
        weights = (rng.random(n) * 10.0 ** rng.integers(-3, 3, size=n)).astype(np.float32)
        starts = np.r_[0, np.cumsum(lengths)[:-1]]
        expected = np.add.reduceat(table[rows] * weights[:, None], starts, axis=0)
        got = weighted_segment_sums(table, rows, weights, starts)
        assert np.array_equal(got.view(np.uint32), expected.view(np.uint32)), trial
