from __future__ import annotations

from pathlib import Path

import pytest

from beleidslens.evaluate.gold import match_aspect, match_theme, parse_expert_markdown
from beleidslens.framework import load_framework

SAMPLE = (
    "\ufeffBijdrage Voorbeeld\r\n\r\n"
    "Hier laten we zien wat de bijdrage van het voorbeeld is aan de thema's.\r\n"
    "Economische kwetsbaarheid\r\n\r\n"
    " • We investeren in het mkb.\r\n"
    "   Dat doen we samen met de regio.\r\n"
    "  - Er komt een fonds voor innovatie.\r\n"
    "* We verlagen de lasten (p. 12)\r\n\r\n"
    "NIET: meer lokale productieketens.\r\n\r\n"
    "## Digitale kwetsbaarheid\r\n\r\n"
    "-\r\n\r\n"
    "Bestuurlijke kwetsbaarheid\r\n"
)


def test_parse_structure() -> None:
    a = parse_expert_markdown(SAMPLE, "x.md")
    assert a.title == "Bijdrage Voorbeeld"
    assert a.intro.startswith("Hier laten we zien")
    assert [t.heading for t in a.themes] == [
        "Economische kwetsbaarheid",
        "Digitale kwetsbaarheid",
        "Bestuurlijke kwetsbaarheid",
    ]
    eco, dig, best = a.themes
    assert [b.text for b in eco.bullets] == [
        "We investeren in het mkb. Dat doen we samen met de regio.",
        "Er komt een fonds voor innovatie.",
        "We verlagen de lasten",
    ]
    assert eco.bullets[0].line == 6
    assert [n.text for n in eco.niet] == ["meer lokale productieketens."]
    assert dig.empty and dig.assessed and not dig.bullets
    assert not best.assessed and not best.empty


def test_match_theme_and_aspect_tolerant() -> None:
    fw = load_framework("kwetsbaarheden")
    assert match_theme("economische  KWETSBAARHEID", fw).id == "economisch"  # type: ignore[union-attr]
    assert match_theme("Onvoldoende toegerust op een gezondheidscrisis", fw).id == "gezondheid"  # type: ignore[union-attr]
    assert match_theme("Digitale kwetsbaarhed", fw).id == "digitaal"  # type: ignore[union-attr]
    assert match_theme("Iets heel anders", fw) is None
    digitaal = fw.theme("digitaal")
    assert match_aspect("verantwoording inzet AI algoritmiek", digitaal) == "ai_verantwoording"
    assert match_aspect("aanpak van cybercriminaliteit.", digitaal) == "cybercrime"
    assert match_aspect("volkomen onbekend", digitaal) is None


@pytest.mark.corpus
def test_parses_dev_gold(gold_dev_path: Path) -> None:
    fw = load_framework("kwetsbaarheden")
    a = parse_expert_markdown(gold_dev_path.read_text(encoding="utf-8"), str(gold_dev_path))
    assert a.themes
    for t in a.themes:
        theme = match_theme(t.heading, fw)
        assert theme is not None, t.heading
        for n in t.niet:
            assert match_aspect(n.text, theme) is not None, n.text
    assert any(t.empty for t in a.themes)
