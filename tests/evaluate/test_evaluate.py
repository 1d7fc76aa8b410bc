from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from beleidslens.analysis.result import (
    Analysis,
    AspectVerdict,
    DocumentRef,
    FrameworkRef,
    Location,
    Passage,
    ThemeResult,
)
from beleidslens.cli import cli
from beleidslens.evaluate.gold import parse_expert_markdown
from beleidslens.evaluate.metrics import bullet_found, evaluate, passage_hit
from beleidslens.framework import parse_framework
from beleidslens.nlp import content_tokens

FW = parse_framework(
    """\
schema: 1
id: mini
name: Mini
themes:
  - id: wonen
    label: Wonen
    aspects:
      - {id: bouwen, label: meer woningen bouwen}
      - {id: huur, label: lagere huren}
  - id: zorg
    label: Zorg
    aspects:
      - {id: preventie, label: preventie}
  - id: cultuur
    label: Cultuur
""",
    "mini.yaml",
)

GOLD = """\
Bijdrage Mini

Hier laten we zien wat de bijdrage van het akkoord is aan de thema's.
Wonen

 • We bouwen honderdduizend woningen per jaar. Daarvoor komt een landelijk bouwfonds.
 • We beschermen huurders beter tegen hoge huren en slecht onderhoud van woningen.

NIET: lagere huren

Zorg

-

Cultuur
"""

B1 = "We bouwen honderdduizend woningen per jaar."
B1b = "Daarvoor komt een landelijk bouwfonds."
OTHER = "We verbeteren de bereikbaarheid van het platteland met nieuwe buslijnen."


def _p(i: int, text: str, selected: bool, score: float) -> Passage:
    return Passage(
        id=f"p{i}", text=text, score=score, selected=selected, location=Location(start=i, end=i + 1)
    )


def _analysis() -> Analysis:
    wonen = ThemeResult(
        id="wonen",
        label="Wonen",
        passages=[_p(1, B1, True, 0.9), _p(2, B1b, True, 0.8), _p(3, OTHER, True, 0.7)],
        aspects=[
            AspectVerdict(id="bouwen", label="meer woningen bouwen", status="addressed", score=0.9),
            AspectVerdict(id="huur", label="lagere huren", status="not_addressed", score=0.1),
        ],
    )
    zorg = ThemeResult(
        id="zorg",
        label="Zorg",
        passages=[_p(4, OTHER, True, 0.5)],
        aspects=[AspectVerdict(id="preventie", label="preventie", status="addressed", score=0.6)],
    )
    cultuur = ThemeResult(id="cultuur", label="Cultuur", passages=[_p(5, OTHER, True, 0.5)])
    return Analysis(
        document=DocumentRef(name="x.txt", format="txt", sha256="0"),
        framework=FrameworkRef(id="mini", name="Mini"),
        backend="lexical.v1",
        themes=[wonen, zorg, cultuur],
    )


def test_matching_rule_units() -> None:
    bullet = content_tokens(B1 + " " + B1b)
    assert passage_hit(content_tokens(B1), [bullet]) == 0  # a sentence of a bullet is a hit
    assert passage_hit(content_tokens(OTHER), [bullet]) is None
    # a bullet split into sentences still counts once both are selected
    assert bullet_found(bullet, [content_tokens(B1), content_tokens(B1b)])
    assert not bullet_found(bullet, [content_tokens(B1b)])
    # shared vocabulary without shared wording is not a hit
    assert (
        passage_hit(content_tokens("Woningen bouwen we per jaar honderdduizend."), [bullet]) is None
    )


def test_numbers_on_a_hand_made_gold() -> None:
    ev = evaluate(_analysis(), parse_expert_markdown(GOLD), FW)
    d = ev.to_dict()
    assert d["excluded"] == ["Cultuur"]  # heading with nothing under it: not assessed
    wonen, zorg = ev.themes
    assert (wonen.bullets, wonen.found, wonen.selected, wonen.hits) == (2, 1, 3, 2)
    assert wonen.r_precision == 1.0  # top 2 of the ranking are both hits
    assert (wonen.niet, wonen.niet_not_addressed) == (1, 1)
    assert wonen.engine_not_addressed == wonen.engine_not_addressed_in_gold == 1
    assert zorg.empty and (zorg.selected, zorg.hits) == (1, 0)  # '-' theme: a false positive
    assert d["overall"]["recall"] == 0.5
    assert d["overall"]["precision"] == 0.5  # 2 hits of 4 selected
    assert d["overall"]["niet_agreement"] == 1.0


def test_cli_text_and_json(tmp_path: Path) -> None:
    a = tmp_path / "a.json"
    a.write_text(_analysis().to_json())
    g = tmp_path / "gold.md"
    g.write_text(GOLD)
    fw = tmp_path / "mini.yaml"
    fw.write_text(FW.model_dump_json(by_alias=True))  # JSON is YAML
    runner = CliRunner()
    res = runner.invoke(cli, ["evaluate", str(a), str(g), "--framework", str(fw)])
    assert res.exit_code == 0, res.output
    assert "overall" in res.output and "0.50" in res.output
    res = runner.invoke(
        cli, ["evaluate", str(a), str(g), "--framework", str(fw), "--format", "json"]
    )
    assert json.loads(res.output)["overall"]["recall"] == 0.5


def test_unit_rule_is_stricter() -> None:
    from beleidslens.evaluate.metrics import unit_found, unit_hit

    bullet = content_tokens(B1 + " " + B1b)
    s1, s2 = content_tokens(B1), content_tokens(B1b)
    # a lone sentence lies inside the bullet (a unit hit) but does not find it
    assert unit_hit(s1, [bullet]) == 0
    assert not unit_found(bullet, [s1, s2])  # split into sentences: not found as a unit
    assert bullet_found(bullet, [s1, s2])  # …while the documented rule still finds it
    assert unit_found(bullet, [bullet])
    # a passage running on into another matter is not inside the bullet
    longer = content_tokens(B1 + " " + B1b + " Ook de bibliotheek krijgt geld.")
    assert passage_hit(longer, [bullet]) == 0
    assert unit_hit(longer, [bullet]) is None
    assert not unit_found(bullet, [longer])


def test_unit_numbers_reported() -> None:
    d = evaluate(_analysis(), parse_expert_markdown(GOLD), FW).to_dict()["overall"]
    assert d["unit"]["found"] == 0  # B1 and B1b selected separately
    assert d["unit"]["hits"] == 2
    assert d["unit"]["recall"] == 0.0 and d["unit"]["precision"] == 0.5
