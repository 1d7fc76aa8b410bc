"""Outputs held byte-identical by ``tests/core/test_identity.py``, and the script that records them.

Every output a user can get from the bundled samples (``examples/``, ``tests/data``) and from
the 2021 coalition agreement in ``../shared/corpus`` is produced here through the library
(analysis JSON and every report format, audit, compare and money in every format), and its
SHA-256 digest is kept in ``tests/data/identity.json``. Only digests are stored: no corpus
text enters the repository. The ``created`` timestamp of an analysis is fixed before
rendering; paths are given relative to the repository root, as a user in the checkout would.

A refactor must leave every digest unchanged. A deliberate change of behaviour (scoring,
ingestion, a report's layout) regenerates the digests **in the same commit** and says so in
the commit message::

    .venv/bin/python tests/identity.py --update          # all cases (corpus when present)
    .venv/bin/python tests/identity.py --dump /tmp/out   # write the outputs to compare by eye

``--dump`` on two checkouts followed by ``diff -r`` shows what a change did.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import sys
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REFERENCE = REPO / "tests" / "data" / "identity.json"
CREATED = "2000-01-01T00:00:00+00:00"

EXAMPLE_TXT = "examples/voorbeeldakkoord.txt"
EXAMPLE_MD = "examples/voorbeeldakkoord.md"
PLANTED = "tests/data/audit/planted-voorbeeldakkoord.md"
AGREEMENT = "../shared/corpus/coalitieakkoord-2021-2025.txt"
GOLD_DEV = "../shared/gold/kwetsbaarheden-2021-dev.md"
FRAMEWORKS = ("kwetsbaarheden", "sdg")
REPORT_FORMATS = ("json", "markdown", "expert", "html", "csv", "xlsx", "docx")
LANGS = ("nl", "en")

Output = Callable[[], "str | bytes"]


@contextmanager
def in_repo() -> Iterator[None]:
    """Relative paths (as recorded in the outputs) resolve from the repository root."""
    old = Path.cwd()
    os.chdir(REPO)
    try:
        yield
    finally:
        os.chdir(old)


def _analysis(document: str, framework: str) -> tuple[object, object]:
    from beleidslens.analysis.pipeline import analyze
    from beleidslens.framework import load_framework
    from beleidslens.ingest import load_document

    doc = load_document(document)
    result = analyze(doc, load_framework(framework))
    result.created = CREATED
    return result, doc


def _report_cases(document: str, prefix: str) -> dict[str, Output]:
    from beleidslens.render.base import RENDERERS, RenderOptions

    cases: dict[str, Output] = {}
    for fw in FRAMEWORKS:
        cache: dict[str, tuple[object, object]] = {}

        def get(fw: str = fw, cache: dict[str, tuple[object, object]] = cache) -> tuple:
            if "r" not in cache:
                cache["r"] = _analysis(document, fw)
            return cache["r"]

        for fmt in REPORT_FORMATS:
            for lang in LANGS if fmt != "json" else ("nl",):

                def out(fmt: str = fmt, lang: str = lang, get: Callable = get) -> str | bytes:
                    result, doc = get()
                    renderer = RENDERERS.create(fmt)
                    return renderer.render(result, RenderOptions(lang=lang), doc)  # type: ignore[arg-type]

                cases[f"{prefix}/{fw}/report.{fmt}.{lang}"] = out
    return cases


def _money_cases(document: str, prefix: str) -> dict[str, Output]:
    def report() -> object:
        from beleidslens.extract import extract_money
        from beleidslens.ingest import load_document

        return extract_money(load_document(document))

    from beleidslens.extract.render import render_csv, render_text

    return {
        f"{prefix}/money.json": lambda: report().to_json(),  # type: ignore[attr-defined]
        f"{prefix}/money.csv": lambda: render_csv(report()),  # type: ignore[arg-type]
        f"{prefix}/money.text.nl": lambda: render_text(report(), "nl"),  # type: ignore[arg-type]
        f"{prefix}/money.text.en": lambda: render_text(report(), "en"),  # type: ignore[arg-type]
    }


def _audit_cases(human: str, document: str, prefix: str) -> dict[str, Output]:
    from beleidslens.audit import audit_files
    from beleidslens.audit.render import render_audit

    cache: dict[str, object] = {}

    def report() -> object:
        if "r" not in cache:
            cache["r"] = audit_files(human, document, "kwetsbaarheden")
        return cache["r"]

    cases: dict[str, Output] = {}
    for fmt in ("markdown", "json", "html"):
        for lang in LANGS if fmt != "json" else ("nl",):
            cases[f"{prefix}/audit.{fmt}.{lang}"] = (
                lambda fmt=fmt, lang=lang: render_audit(report(), fmt, lang)  # type: ignore[arg-type]
            )
    return cases


def _compare_cases(documents: list[str], prefix: str) -> dict[str, Output]:
    from beleidslens.compare import compare_files, render_comparison

    cache: dict[str, object] = {}

    def result() -> object:
        if "r" not in cache:
            cache["r"] = compare_files(documents, "kwetsbaarheden")
        return cache["r"]

    cases: dict[str, Output] = {}
    for fmt in ("markdown", "html", "json"):
        for lang in LANGS if fmt != "json" else ("nl",):
            cases[f"{prefix}/compare.{fmt}.{lang}"] = (
                lambda fmt=fmt, lang=lang: render_comparison(result(), fmt, lang)  # type: ignore[arg-type]
            )
    return cases


def sample_cases() -> dict[str, Output]:
    """Outputs of our own samples (always available)."""
    cases: dict[str, Output] = {}
    for doc, name in ((EXAMPLE_TXT, "example-txt"), (EXAMPLE_MD, "example-md")):
        cases.update(_report_cases(doc, name))
        cases.update(_money_cases(doc, name))
    cases.update(_audit_cases(PLANTED, EXAMPLE_TXT, "planted"))
    cases.update(_compare_cases([EXAMPLE_TXT, EXAMPLE_MD], "examples"))
    return cases


def corpus_cases() -> dict[str, Output]:
    """Outputs of the 2021 agreement (needs ../shared)."""
    cases: dict[str, Output] = {}
    cases.update(_report_cases(AGREEMENT, "agreement"))
    cases.update(_money_cases(AGREEMENT, "agreement"))
    cases.update(_audit_cases(GOLD_DEV, AGREEMENT, "agreement-dev"))
    cases.update(_compare_cases([AGREEMENT, EXAMPLE_TXT], "agreement"))
    return cases


_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*")


def canonical(payload: str | bytes) -> bytes:
    """The bytes compared: text as UTF-8; a zip (docx, xlsx) as its members' names and
    contents in order, the creation and modification stamps of its core properties blanked
    (the zip's own file dates and the stamps are the clock, not the report)."""
    if isinstance(payload, str):
        return payload.encode("utf-8")
    if not payload.startswith(b"PK"):
        return payload
    parts: list[bytes] = []
    with zipfile.ZipFile(io.BytesIO(payload)) as zf:
        for name in zf.namelist():
            data = zf.read(name)
            if name == "docProps/core.xml":
                data = _STAMP.sub(rb"\1", data)
            parts += [name.encode("utf-8"), data]
    return b"\x00".join(parts)


def digest(payload: str | bytes) -> str:
    return hashlib.sha256(canonical(payload)).hexdigest()


def load_reference() -> dict[str, dict[str, str]]:
    return json.loads(REFERENCE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def compute(cases: dict[str, Output], dump: Path | None = None) -> dict[str, str]:
    out: dict[str, str] = {}
    with in_repo():
        for name, make in sorted(cases.items()):
            payload = make()
            out[name] = digest(payload)
            if dump is not None:
                path = dump / name
                path.parent.mkdir(parents=True, exist_ok=True)
                if isinstance(payload, str):
                    path.write_text(payload, encoding="utf-8")
                else:
                    path.write_bytes(payload)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="rewrite tests/data/identity.json")
    parser.add_argument("--dump", type=Path, help="write every output below this folder")
    args = parser.parse_args(argv)
    have_corpus = (REPO / AGREEMENT).exists()
    groups = {"samples": sample_cases()}
    if have_corpus:
        groups["corpus"] = corpus_cases()
    else:
        print("../shared not present: corpus digests are kept as they are", file=sys.stderr)
    old = load_reference() if REFERENCE.exists() else {}
    new = dict(old)
    changed = 0
    for group, cases in groups.items():
        digests = compute(cases, args.dump)
        changed += sum(1 for k, v in digests.items() if old.get(group, {}).get(k) != v)
        new[group] = digests
    print(f"{changed} of {sum(len(c) for c in groups.values())} outputs differ from the reference")
    if args.update:
        REFERENCE.write_text(json.dumps(new, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {REFERENCE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    raise SystemExit(main())
