from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from beleidslens.analysis.pipeline import analyze
from beleidslens.ingest import parse_text
from test_analysis_samples import DOCUMENT, framework

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "voorbeeldakkoord.txt"


def _without_created(text: str) -> str:
    data = json.loads(text)
    assert data.pop("created")
    return json.dumps(data, ensure_ascii=False, indent=2)


def test_same_input_same_json_in_process() -> None:
    doc = parse_text(DOCUMENT, name="proef.txt")
    a = analyze(doc, framework()).to_json()
    b = analyze(parse_text(DOCUMENT, name="proef.txt"), framework()).to_json()
    assert _without_created(a) == _without_created(b)


def test_same_input_byte_identical_across_processes(tmp_path: Path) -> None:
    """Separate processes (different hash seeds, cold and warm caches) agree byte for byte."""
    exe = str(Path(sys.executable).with_name("beleidslens"))
    outputs = []
    for i, seed in enumerate(("1", "2", "3")):
        out = tmp_path / f"a{i}.json"
        subprocess.run(
            [exe, "analyze", str(EXAMPLE), "--framework", "kwetsbaarheden", "-o", str(out)],
            check=True,
            env={
                "PYTHONHASHSEED": seed,
                "BELEIDSLENS_HOME": str(tmp_path / "home"),
                "PATH": "/usr/bin:/bin",
            },
        )
        text = out.read_text(encoding="utf-8")
        outputs.append([line for line in text.splitlines() if '"created"' not in line])
    assert outputs[0] == outputs[1] == outputs[2]
