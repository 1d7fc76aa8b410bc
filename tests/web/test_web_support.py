"""Helpers for the web workbench tests (no tests here): a fake analysis engine, a sample
document of our own, and a uvicorn server on an ephemeral loopback port in a thread."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from beleidslens.analysis.result import (
    Analysis,
    AspectStatus,
    AspectVerdict,
    DocumentRef,
    FrameworkRef,
    Location,
    Passage,
    ThemeResult,
)

# Our own small Dutch sample (not from any corpus). Contains markup to test escaping.
SAMPLE_TEXT = """Akkoord van de gemeente Voorbeeld

1. Werk en inkomen

We helpen ondernemers in het mkb met een loket voor innovatie. Starters krijgen een lening.

Werkenden met een flexibel contract krijgen meer zekerheid. We verhogen het minimumloon.

2. Klimaat

We leggen zonnepanelen op alle scholen. De gemeente koopt groene stroom in.

We planten duizend bomen tegen hitte in de wijken. <script>alert("x")</script> is geen code.

3. Veiligheid

We pakken ondermijning aan met extra wijkagenten. Cybercriminaliteit krijgt een eigen team.
"""

SAMPLE_FRAMEWORK = """schema: 1
id: proef
name: Proefraamwerk
themes:
  - id: economie
    label: Economie
    keywords: [ondernemers, mkb, minimumloon, werkenden]
    aspects:
      - id: innovatie
        label: innovatie stimuleren
        keywords: [innovatie]
      - id: buffers
        label: buffers aanhouden
        keywords: [reserves]
  - id: klimaat
    label: Klimaat
    keywords: [zonnepanelen, stroom, bomen, hitte]
    aspects:
      - id: energie
        label: schone energie
        keywords: [zonnepanelen, stroom]
  - id: veiligheid
    label: Veiligheid
    keywords: [ondermijning, wijkagenten, cybercriminaliteit]
    aspects:
      - id: cyber
        label: digitale veiligheid
        keywords: [cybercriminaliteit]
"""


def fake_analyze(
    document: Any,
    framework: Any,
    *,
    backend: str = "lexical",
    progress: Callable[[str, float], None] | None = None,
    **_: Any,
) -> Analysis:
    """A tiny keyword engine: every paragraph with a theme keyword is a candidate."""
    text: str = document.text
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    themes = []
    for n, theme in enumerate(framework.themes):
        if progress:
            progress("score", n / len(framework.themes))
        passages = []
        for start, end in paragraphs:
            para = text[start:end]
            score = sum(para.lower().count(k.lower()) for k in theme.keywords)
            if score and len(para) > 40:
                passages.append(
                    Passage(
                        id=f"{theme.id}-{start}",
                        text=para,
                        score=float(score),
                        selected=score >= 1,
                        location=Location(start=start, end=end, page=1, section=""),
                    )
                )
        verdicts = []
        for a in theme.aspects:
            hit = any(k.lower() in text.lower() for k in a.keywords)
            verdicts.append(
                AspectVerdict(
                    id=a.id,
                    label=a.label,
                    status=AspectStatus.ADDRESSED if hit else AspectStatus.NOT_ADDRESSED,
                    score=1.0 if hit else 0.0,
                )
            )
        themes.append(
            ThemeResult(id=theme.id, label=theme.label, passages=passages, aspects=verdicts)
        )
    if progress:
        progress("done", 1.0)
    return Analysis(
        document=DocumentRef(
            name=document.source.name,
            format=document.source.format,
            sha256="x",
            characters=len(text),
        ),
        framework=FrameworkRef(id=framework.id, name=framework.name),
        backend=backend if ".v" in backend else f"{backend}.v1",
        themes=themes,
        document_text=text,
    )


@contextmanager
def live_server(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn on 127.0.0.1 and an ephemeral port; yields the base URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
