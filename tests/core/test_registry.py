"""The registry as the single extension point: register(registries), plugins through the
entry point (a broken one is one line and leaves the built-ins working), declared
requirements, base names, and CLI choices built from the registries."""

from __future__ import annotations

import logging
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from beleidslens.cli import cli
from beleidslens.errors import MissingDependencyError
from beleidslens.registry import Registry, base_name, plugin_errors, registries

REPO = Path(__file__).resolve().parents[2]
SAMPLE = str(REPO / "examples" / "voorbeeldakkoord.txt")

PLUGIN = """
from beleidslens.scoring.lexical import LexicalScorer


class Loud(LexicalScorer):
    name = "loud.v1"


def _money_upper(report, lang):
    return report.to_json().upper()


def register(registries):
    registries.scorers.register("loud.v1", Loud, "lexical, from a plugin")
    registries.money_renderers.register("upper.v1", lambda: _money_upper, "JSON in capitals")
"""

BROKEN = """
def register(registries):
    registries.scorers.register("half.v1", object, "registered before the failure")
    raise RuntimeError("the plugin's own bug\\nsecond line")
"""


def _dist(root: Path, name: str, module: str, source: str, target: str) -> None:
    """A minimal installed distribution: a module and its dist-info with an entry point."""
    (root / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = root / f"{name}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[beleidslens.plugins]\n{name} = {target}\n")


def test_base_name() -> None:
    assert base_name("lexical.v1") == "lexical"
    assert base_name("markdown.v12") == "markdown"
    assert base_name("lexical") == "lexical"
    assert base_name("my-plugin.v3") == "my-plugin"


def test_declared_requirements_are_checked_without_import() -> None:
    reg: Registry[object] = Registry("scoring backend")
    reg.register("need.v1", object, "x", requires=("json", "no_such_module_xyz"), extra="need")
    reg.register("free.v1", object, "y")
    assert reg.missing_requirements("need") == ["no_such_module_xyz"]
    err = reg.requirement_error("need")
    assert isinstance(err, MissingDependencyError)
    assert "the need backend" in str(err) and "beleidslens[need]" in str(err)
    assert reg.requirement_error("free") is None
    assert reg.base_names() == ["free", "need"]


def test_builtin_extras_are_declared() -> None:
    scorers = registries().scorers
    assert scorers.get("embedding").requires == ("sentence_transformers", "torch")
    assert scorers.get("embedding").extra == "embeddings"
    assert scorers.get("llm").requires == ("openai",)
    assert scorers.missing_requirements("lexical") == []


def test_every_report_kind_is_registered() -> None:
    regs = registries()
    assert regs.audit_renderers.base_names() == ["html", "json", "markdown"]
    assert regs.compare_renderers.base_names() == ["html", "json", "markdown"]
    assert regs.money_renderers.base_names() == ["csv", "json", "text"]
    assert regs.document_renderers.base_names() == ["json", "outline", "text"]
    assert regs.evaluation_renderers.base_names() == ["json", "text"]
    assert regs.simulation_renderers.base_names() == ["json", "text"]
    assert regs.corpus_renderers.base_names() == ["html", "markdown", "xlsx"]
    assert "expert" in regs.renderers.base_names()


def test_every_format_choice_comes_from_a_registry() -> None:
    """No command lists its formats by hand: each --format is a RegistryChoice."""
    import click

    from beleidslens.cli.options import RegistryChoice

    ctx = click.Context(cli)
    formats = {}
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert command is not None
        for param in command.params:
            if "--format" in getattr(param, "opts", ()):
                formats[name] = param.type
    assert {"analyze", "render", "audit", "compare", "money", "ingest", "evaluate"} <= set(
        formats
    ) and {"simulate", "corpus-report"} <= set(formats)
    wrong = [name for name, kind in formats.items() if not isinstance(kind, RegistryChoice)]
    assert wrong == []


def test_a_registered_renderer_is_a_choice(fresh_registries: object) -> None:
    """A format registered like a plugin's (after the built-ins) is offered and used."""

    def shout(document: object, lang: str) -> str:
        return f"{lang}:" + getattr(document, "text", "").upper()

    regs = registries()
    regs.document_renderers.register("shout.v1", lambda: shout, "the text in capitals")
    regs.corpus_renderers.register("shout.v1", lambda: shout, "capitals")
    runner = CliRunner()
    out = runner.invoke(cli, ["ingest", SAMPLE, "--format", "shout", "--lang", "en"])
    assert out.exit_code == 0, out.output
    assert out.output.startswith("en:") and "DIGITALE" in out.output
    assert "shout" in runner.invoke(cli, ["ingest", "--help"]).output
    assert "shout" in runner.invoke(cli, ["corpus-report", "--help"]).output
    bad = runner.invoke(cli, ["evaluate", "a.json", "b.md", "--format", "shout"])
    assert bad.exit_code == 2 and "'shout' is not one of 'json', 'text'" in bad.output
    assert "shout.v1" in runner.invoke(cli, ["backends"]).output


def test_fake_scorer_fixture_runs_an_analysis(fake_scorer: str) -> None:
    from beleidslens.analysis.pipeline import analyze
    from beleidslens.framework import load_framework
    from beleidslens.ingest import load_document

    result = analyze(load_document(SAMPLE), load_framework("kwetsbaarheden"), backend=fake_scorer)
    assert result.backend == "fake.v1"
    assert any(p.score > 0 for t in result.themes for p in t.passages)
    out = CliRunner().invoke(cli, ["backends"])
    assert "fake.v1" in out.output


def test_plugin_loads_through_the_entry_point(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_registries: object
) -> None:
    _dist(tmp_path, "loudplugin", "loudplugin", PLUGIN, "loudplugin:register")
    monkeypatch.syspath_prepend(str(tmp_path))
    fresh_registries()  # type: ignore[operator]
    regs = registries()
    assert "loud.v1" in regs.scorers.names() and "lexical.v1" in regs.scorers.names()
    assert regs.scorers.create("loud").score_one  # a working scorer
    runner = CliRunner()
    out = runner.invoke(cli, ["money", SAMPLE, "--format", "upper"])  # a choice from the plugin
    assert out.exit_code == 0, out.output
    assert '"SCHEMA": "BELEIDSLENS.MONEY/1"' in out.output
    assert "upper" in runner.invoke(cli, ["money", "--help"]).output
    assert plugin_errors() == []
    sys.modules.pop("loudplugin", None)


@pytest.mark.parametrize(
    ("source", "target", "expect"),
    [
        (BROKEN, "halfplugin:register", "RuntimeError: the plugin's own bug"),
        ("import no_such_module_xyz\n", "halfplugin:register", "ModuleNotFoundError"),
        ("register = 3\n", "halfplugin:register", "TypeError"),
    ],
)
def test_broken_plugin_is_one_line_and_builtins_work(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    fresh_registries: object,
    source: str,
    target: str,
    expect: str,
) -> None:
    _dist(tmp_path, "halfplugin", "halfplugin", source, target)
    monkeypatch.syspath_prepend(str(tmp_path))
    with caplog.at_level(logging.WARNING, logger="beleidslens"):
        fresh_registries()  # type: ignore[operator]
    errors = plugin_errors()
    assert len(errors) == 1 and expect in errors[0] and "\n" not in errors[0]
    assert "halfplugin" in errors[0]
    warnings = [r.getMessage() for r in caplog.records if r.name == "beleidslens"]
    assert len(warnings) == 1 and "\n" not in warnings[0]
    regs = registries()
    assert "half.v1" not in regs.scorers.names()  # what it registered is undone
    assert {"lexical.v1", "embedding.v1", "llm.v1"} <= set(regs.scorers.names())
    out = CliRunner().invoke(cli, ["money", SAMPLE, "--format", "json"])
    assert out.exit_code == 0
    sys.modules.pop("halfplugin", None)


def test_concurrent_first_lookups_wait_for_the_builtins(
    fresh_registries: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A workbench answers requests in threads: none may see half-filled registries (the
    built-ins are made slow to register, so a thread that did not wait would fail)."""
    import time
    from concurrent.futures import ThreadPoolExecutor

    from beleidslens import builtins
    from beleidslens import registry as reg

    slow = builtins.register_all

    def register_all(registries: object) -> None:
        time.sleep(0.3)
        slow(registries)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "register_all", register_all)
    for r in registries().all():
        r._entries = {}
    reg._plugins_loaded = reg._plugins_done = False
    with ThreadPoolExecutor(max_workers=8) as pool:
        names = list(pool.map(lambda _i: registries().scorers.resolve("lexical"), range(16)))
    assert len(set(names)) == 1 and names[0].startswith("lexical.v")
