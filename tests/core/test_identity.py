"""Byte identity: every output of the samples and of the 2021 agreement stays as recorded.

The cases and how they are compared are in ``tests/identity.py``: the analysis JSON and every
report format (both languages), audit, compare and money outputs, each held by its SHA-256
digest in ``tests/data/identity.json`` (digests only, never corpus text).

A refactor leaves them all unchanged. **A deliberate change of behaviour** (scoring,
ingestion, a renderer) regenerates the digests in the same commit, and the commit message
says which outputs changed and why::

    .venv/bin/python tests/identity.py --update

``tests/identity.py --dump DIR`` writes the outputs themselves, to ``diff -r`` two checkouts.
"""

from __future__ import annotations

import pytest

from conftest import shared_path
from identity import compute, corpus_cases, load_reference, sample_cases


def _check(group: str, cases: dict) -> None:
    expected = load_reference()[group]
    actual = compute(cases)
    assert sorted(actual) == sorted(expected), "cases and reference differ: run --update"
    changed = sorted(name for name in actual if actual[name] != expected[name])
    assert not changed, (
        f"{len(changed)} of {len(actual)} outputs changed: {', '.join(changed)}. A deliberate "
        "change regenerates them in the same commit: python tests/identity.py --update"
    )


def test_samples_byte_identical() -> None:
    _check("samples", sample_cases())


@pytest.mark.corpus
def test_agreement_byte_identical() -> None:
    shared_path("corpus", "coalitieakkoord-2021-2025.txt")
    shared_path("gold", "kwetsbaarheden-2021-dev.md")
    _check("corpus", corpus_cases())
