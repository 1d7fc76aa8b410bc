"""Bounded cost per input, checked without timing: memory measured with tracemalloc, and the
DOCX reader compared with python-docx's own reading (it no longer goes through python-docx's
per-paragraph style look-ups, which made 5,000 paragraphs take 13 s)."""

from __future__ import annotations

import io
import random
import subprocess
import sys
import tracemalloc
from pathlib import Path

from beleidslens.ingest.docx import docx_items
from beleidslens.ingest.spaces import collapse
from beleidslens.ingest.text import TextIngester


def test_collapse_equals_split_join_across_chunks(monkeypatch: object) -> None:
    import beleidslens.ingest.spaces as spaces

    rnd = random.Random(7)
    pieces = ["a", "bc", " ", "  ", "\t", "\n", "\u00a0", "\u2028", "\x1c", "woord"]
    long_text = "".join(rnd.choice(pieces) for _ in range(300_000))
    assert collapse(long_text) == " ".join(long_text.split())
    setattr(spaces, "CHUNK", 5)  # noqa: B010 - tiny chunks: every boundary case
    try:
        for _ in range(500):
            text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 40)))
            assert collapse(text) == " ".join(text.split()), repr(text)
    finally:
        setattr(spaces, "CHUNK", 1 << 20)  # noqa: B010


def test_one_line_text_memory_is_a_few_times_its_size() -> None:
    """A text of one 5 MB line: the whole ingest peaks under 5 x its size (it peaked at
    20 x: word lists built to collapse whitespace and to test for table rows)."""
    rnd = random.Random(3)
    words = [
        "wij",
        "gaan",
        "de",
        "woningbouw",
        "versnellen",
        "en",
        "investeren",
        "in",
        "onderwijs",
        "zorg",
    ]
    data = " ".join(rnd.choice(words) for _ in range(700_000)).encode()
    tracemalloc.start()
    try:
        doc = TextIngester().read(data, "een-regel.txt")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    doc.check()
    assert peak < 5 * len(data), f"peak {peak / 1e6:.0f} MB for {len(data) / 1e6:.0f} MB"


def _python_docx_reading(data: bytes) -> list[str]:
    import docx

    d = docx.Document(io.BytesIO(data))
    return [" ".join(p.text.split()) for p in d.paragraphs if p.text.strip()]


def test_docx_reads_what_python_docx_reads_without_its_lookups(tmp_path: Path) -> None:
    import docx

    rnd = random.Random(5)
    d = docx.Document()
    for i in range(300):
        kind = rnd.random()
        if kind < 0.1:
            d.add_heading(f"Hoofdstuk {i}", rnd.randint(1, 3))
        elif kind < 0.3:
            d.add_paragraph(f"punt {i}", style="List Bullet")
        else:
            p = d.add_paragraph(f"Alinea {i}\tmet tab")
            p.add_run().add_break()
            p.add_run("en meer")
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    assert [text for _kind, text, _lvl, _m in docx_items(data, "x.docx")] == _python_docx_reading(
        data
    )
    path = tmp_path / "x.docx"
    path.write_bytes(data)
    probe = (
        "import sys; from beleidslens.ingest.docx import DocxIngester; "
        f"DocxIngester().read(open({str(path)!r}, 'rb').read(), 'x.docx'); "
        "print('docx' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr  # python-docx is not loaded to read
