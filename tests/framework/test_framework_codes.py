"""The optional ``codes`` field of themes and aspects, and the built-in ``marpor`` framework."""

from __future__ import annotations

import csv

import pytest

from beleidslens.errors import FrameworkError
from beleidslens.framework import load_framework, parse_framework
from beleidslens.framework.loader import framework_digest
from conftest import shared_path

_SMALL = """
schema: 1
id: t
name: T
themes:
  - id: zorg
    label: Zorg
    aspects:
      - id: huisarts
        label: huisarts dichtbij
        codes: {codes}
      - id: ggz
        label: ggz
        codes: ["504.1"]
"""


def test_aspect_codes_make_the_theme_codes() -> None:
    fw = parse_framework(_SMALL.format(codes='["504", "505"]'), "t.yaml")
    theme = fw.themes[0]
    assert theme.codes == []
    assert theme.all_codes == ["504", "505", "504.1"]


@pytest.mark.parametrize("bad", ['["50a"]', '["504", "504"]', '[""]', '["12345"]'])
def test_bad_codes_are_rejected_with_their_line(bad: str) -> None:
    with pytest.raises(FrameworkError) as err:
        parse_framework(_SMALL.format(codes=bad), "t.yaml")
    assert "t.yaml" in str(err.value) and "codes" in str(err.value)


def test_codes_change_the_digest_only_when_present() -> None:
    with_codes = parse_framework(_SMALL.format(codes='["504"]'), "t.yaml")
    other = parse_framework(_SMALL.format(codes='["505"]'), "t.yaml")
    assert framework_digest(with_codes) != framework_digest(other)


def test_marpor_framework_one_category_per_aspect() -> None:
    fw = load_framework("marpor")
    codes = [c for t in fw.themes for a in t.aspects for c in a.codes]
    # one category an aspect, except a matter the codebook has no category for
    assert all(len(a.codes) == 1 for t in fw.themes for a in t.aspects if a.id != "migratie_asiel")
    theme = fw.theme("integratie_diversiteit")
    assert not next(a for a in theme.aspects if a.id == "migratie_asiel").codes
    assert len(codes) == len(set(codes)) >= 50  # each category in one aspect only
    assert all(a.label and a.description and a.keywords for t in fw.themes for a in t.aspects)
    assert "000" not in codes


@pytest.mark.corpus
def test_marpor_codes_exist_in_the_codebook() -> None:
    path = shared_path("corpus", "marpor-codebook", "codebook_categories_MPDS2020a-1.csv")
    with path.open(encoding="utf-8") as fh:
        known = {row["code"] for row in csv.DictReader(fh) if row["type"] == "main"}
    fw = load_framework("marpor")
    assert {c for t in fw.themes for c in t.all_codes} <= known
