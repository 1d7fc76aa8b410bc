"""Re-ranking after review decisions and the replayed screening, on own small samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from beleidslens.cli import main
from beleidslens.learn.rerank import Candidate, Reranker, RerankParams
from beleidslens.learn.simulate import _curve

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

CANDIDATES = [
    Candidate("a", "We bouwen meer sociale huurwoningen voor starters.", 0.9),
    Candidate("b", "De gemeente versterkt het ondernemersloket voor het mkb.", 0.8),
    Candidate("c", "Het mkb krijgt minder regeldruk bij vergunningen.", 0.7),
    Candidate("d", "Starters krijgen voorrang bij huurwoningen in de wijk.", 0.6),
    Candidate("e", "We planten bomen in de parken.", 0.5),
]


def test_no_decisions_keep_the_engines_order() -> None:
    ranked = Reranker(CANDIDATES).rank({})
    assert [r.id for r in ranked] == ["a", "b", "c", "d", "e"]
    assert all(r.moved == 0 and not r.like and not r.unlike for r in ranked)


def test_more_like_this_moves_up_and_says_why() -> None:
    rr = Reranker(CANDIDATES, RerankParams(accept_weight=1.0, reject_weight=0.5))
    ranked = rr.rank({"a": True, "b": False})
    ids = [r.id for r in ranked]
    assert ids[0] == "d"  # shares starters and huurwoningen with the accepted passage
    d = ranked[0]
    assert d.moved == 1 and "starter" in d.like and "huurwoning" in d.like
    c = next(r for r in ranked if r.id == "c")
    assert "mkb" in c.unlike  # resembles the rejected passage
    assert ids.index("c") > ids.index("e") or c.moved <= 0
    assert "a" not in ids and "b" not in ids  # decided candidates leave the list


def test_rejection_alone_pushes_similar_down() -> None:
    rr = Reranker(CANDIDATES, RerankParams(reject_weight=2.0))
    ranked = rr.rank({"b": False})
    c = next(r for r in ranked if r.id == "c")
    assert c.moved < 0 and c.unlike == ["mkb"]


def test_curve_marks() -> None:
    bullets = [["bouw", "huur", "woning"], ["mkb", "regel", "druk"]]
    order = [
        (False, ["x"]),
        (True, ["bouw", "huur", "woning"]),
        (False, ["y"]),
        (True, ["mkb", "regel", "druk"]),
    ]
    c = _curve(order, bullets)
    assert (c.screened_50, c.screened_90, c.screened_all) == (2, 4, 4)
    c = _curve(order[:3], bullets)
    assert (c.screened_50, c.screened_90, c.screened_all) == (2, None, None)


GOLD = """Bijdrage van het voorbeeld

Hier laten we zien wat de bijdrage van het voorbeeld is aan de thema's.

Economische kwetsbaarheid

 • We versterken het ondernemersloket, zodat ondernemers binnen vijf werkdagen antwoord krijgen op hun vragen over vergunningen.
 • Samen met het mbo en de hogeschool richten we een innovatiecentrum op voor de maakindustrie in de regio.
 • Een zin over walvissen op de maan die nergens in het akkoord staat en nooit gevonden wordt.

Digitale kwetsbaarheid

"""


def test_simulate_cli_json_and_plot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold.md"
    gold.write_text(GOLD, encoding="utf-8")
    plot = tmp_path / "curve.svg"
    main(
        [
            "simulate",
            str(EXAMPLES / "voorbeeldakkoord.md"),
            "-f",
            "kwetsbaarheden",
            "--gold",
            str(gold),
            "--plot",
            str(plot),
        ]
    )
    data = json.loads(capsys.readouterr().out)
    assert [t["id"] for t in data["themes"]] == ["economisch"]  # unassessed theme skipped
    t = data["themes"][0]
    assert t["gold"] == 3 and t["candidates"] > 10
    for reader in ("engine", "learning"):
        r = t[reader]
        assert r["screened_50"] is not None and r["screened_50"] <= 10
        assert r["screened_90"] is None and r["screened_all"] is None  # the moon bullet
        assert r["wss_90"] is None and r["within_goal"] is False
    svg = plot.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and svg.count("<polyline") == 3 and "economisch" in svg
    main(
        [
            "simulate",
            str(EXAMPLES / "voorbeeldakkoord.md"),
            "-f",
            "kwetsbaarheden",
            "--gold",
            str(gold),
            "--format",
            "text",
        ]
    )
    assert "within the goal" in capsys.readouterr().out


def test_simulate_reaches_found_bullets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold.md"
    gold.write_text(
        GOLD.replace(
            " • Een zin over walvissen op de maan die nergens in het akkoord staat en nooit "
            "gevonden wordt.\n",
            "",
        ),
        encoding="utf-8",
    )
    main(
        [
            "simulate",
            str(EXAMPLES / "voorbeeldakkoord.md"),
            "-f",
            "kwetsbaarheden",
            "--gold",
            str(gold),
        ]
    )
    t = json.loads(capsys.readouterr().out)["themes"][0]
    doc90 = t["document"]["screened_90"]
    assert doc90 is not None
    for reader in ("engine", "learning"):
        r = t[reader]
        assert r["screened_all"] is not None and r["screened_90"] <= doc90
        assert r["wss_90"] == round(1 - r["screened_90"] / doc90, 4)
