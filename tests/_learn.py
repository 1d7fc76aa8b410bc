"""Helpers of the learning tests: the ``[learn]`` extra and small own samples."""

from __future__ import annotations

import importlib.util
import os
import random

import pytest

from beleidslens.learn.rows import Row


def need_sklearn() -> None:
    """Skip without scikit-learn, except when CI is set (then the tests must run)."""
    if importlib.util.find_spec("sklearn") is None:
        if os.environ.get("CI"):
            pytest.fail("scikit-learn is missing and CI is set: install '.[test]'")
        pytest.skip("scikit-learn not installed (pip install 'beleidslens[learn]')")


VOCAB = {
    "wonen": "woning huur bouwen corporatie starter hypotheek wijk",
    "onderwijs": "school leraar onderwijs klas leerling examen student",
    "zorg": "zorg ziekenhuis arts patiënt verpleging huisarts medicijn",
}
FILLER = ["Dat moet anders.", "Daar zetten we ons voor in.", "Zo gaan we verder."]


def sample_rows(
    groups: int = 6, per_group: int = 40, noise: float = 0.0, seed: int = 0
) -> list[Row]:
    """Groups of stretches of one class; some rows are filler that only context can code;
    with ``noise`` a share of the rows draws its words from another class."""
    rng = random.Random(seed)
    labels = sorted(VOCAB)
    rows: list[Row] = []
    for g in range(groups):
        n = 0
        while n < per_group:
            label = rng.choice(labels)
            rows.append(Row(label.capitalize(), "H", f"doc{g}", "", True))
            heading = label.capitalize()
            for _ in range(rng.randint(4, 8)):
                if rng.random() < 0.2:
                    text = rng.choice(FILLER)
                else:
                    src = rng.choice(labels) if rng.random() < noise else label
                    text = " ".join(rng.choices(VOCAB[src].split(), k=5)) + "."
                rows.append(Row(text, label, f"doc{g}", heading))
                n += 1
    return rows
