"""The Python API: ``import beleidslens as bl`` is cheap, docs/python.md runs as written."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from _extras import require_extra
from conftest import REPO

DOC = REPO / "docs" / "python.md"


def _blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)\n```", DOC.read_text(encoding="utf-8"), flags=re.S)


def _run(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    exec(compile(code, str(DOC), "exec"), {"__name__": "__docs__"})


def test_import_is_cheap() -> None:
    code = (
        "import sys, beleidslens as bl; "
        "print(sorted(m for m in sys.modules if m.startswith(('beleidslens.', 'pydantic', "
        "'numpy', 'pandas'))), callable(bl.batch), bl.__version__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("]")[0] == "["  # no submodule, no heavy library
    assert "True" in out.stdout


def test_public_names() -> None:
    import beleidslens as bl
    from beleidslens.analysis.result import Analysis

    assert set(bl.__all__) <= set(dir(bl))
    assert bl.Analysis is Analysis
    import beleidslens.corpus

    assert callable(bl.batch) and bl.batch.__module__ == "beleidslens.api"
    with pytest.raises(AttributeError):
        _ = bl.no_such_name  # type: ignore[attr-defined]


def test_python_doc_example_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = _blocks()
    assert len(blocks) == 2
    _run(blocks[0], monkeypatch)
    out = capsys.readouterr().out
    assert "passages selected" in out and "2 analysed, 0 failed" in out


@pytest.mark.extra
def test_python_doc_pandas_example_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    require_extra("pandas", "pandas")
    _run(_blocks()[1], monkeypatch)
    out = capsys.readouterr().out
    assert "voorbeeldakkoord" in out


def test_to_pandas_without_pandas_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import beleidslens as bl
    from beleidslens.errors import MissingDependencyError

    analysis = bl.analyze(REPO / "examples" / "voorbeeldakkoord.txt", framework="kwetsbaarheden")
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if not installed
    with pytest.raises(MissingDependencyError, match=r"pip install 'beleidslens\[pandas\]'"):
        analysis.to_pandas()
    from beleidslens.corpus.tables import analysis_tables

    tables = analysis_tables(analysis)
    assert len(tables.rows("passages")) == sum(len(t.passages) for t in analysis.themes)
