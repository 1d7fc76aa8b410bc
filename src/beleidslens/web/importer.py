"""Import a saved analysis (its JSON) into the workbench store, ready for review.

A library function, so the web route, the tests and any script share one rule: the document
text the analysis carries becomes a document row, its framework a framework row (the
built-in one when the themes match, else one rebuilt from the themes), and the analysis
keeps the backend's full versioned name (``lexical.v1``), as saved analyses promise.
"""

from __future__ import annotations

import json

import yaml

from ..analysis.result import Analysis
from ..errors import AnalysisError, BeleidslensError
from ..framework.loader import builtin_frameworks, parse_framework
from .store import Store


def import_analysis(store: Store, analysis: Analysis) -> int:
    """Store ``analysis`` (which must carry its document text) as a finished run; its id."""
    if not analysis.document_text:
        raise AnalysisError("the analysis does not contain the document text", "import")
    doc_text = analysis.document_text
    model_json = None
    try:
        from ..ingest import parse_text

        document = parse_text(doc_text, name=analysis.document.name)
        if document.text == doc_text:
            model_json = json.dumps(document.to_dict(), ensure_ascii=False)
    except (ImportError, BeleidslensError):
        model_json = None
    doc_id = store.add_document(
        name=analysis.document.name,
        title=analysis.document.title,
        format=analysis.document.format,
        sha256=analysis.document.sha256,
        size=len(doc_text.encode()),
        text=doc_text,
        model_json=model_json,
    )
    fw_yaml, origin = framework_yaml_for(analysis)
    framework = parse_framework(fw_yaml, f"import:{analysis.framework.id}")
    fw_id = store.add_framework(
        key=framework.id, name=framework.name, yaml_text=fw_yaml, origin=origin
    )
    analysis_id = store.add_analysis(doc_id, fw_id, analysis.backend)
    store.add_finished_run(analysis_id, analysis.to_json())
    return analysis_id


def framework_yaml_for(analysis: Analysis) -> tuple[str, str]:
    """(YAML, origin): the built-in framework the analysis used, or one rebuilt from its themes."""
    builtins = builtin_frameworks()
    text = builtins.get(analysis.framework.id)
    if text is not None:
        fw = parse_framework(text, f"builtin:{analysis.framework.id}")
        if [t.id for t in fw.themes] == [t.id for t in analysis.themes]:
            return text, "builtin"
    data = {
        "schema": 1,
        "id": analysis.framework.id,
        "name": analysis.framework.name,
        "version": analysis.framework.version,
        "themes": [
            {
                "id": t.id,
                "label": t.label,
                "description": t.description,
                "aspects": [{"id": a.id, "label": a.label} for a in t.aspects],
            }
            for t in analysis.themes
        ],
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "import"
