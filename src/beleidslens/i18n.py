"""Labels a reader sees, in Dutch (default) and English.

Code, identifiers and docs are English; everything in a report or the web app goes through
:func:`t` so it is Dutch by default and English with ``--lang en``.
"""

from __future__ import annotations

LANGUAGES = ("nl", "en")

_LABELS: dict[str, dict[str, str]] = {
    "not": {"nl": "NIET", "en": "NOT"},
    "uncertain_mark": {"nl": "ONZEKER", "en": "UNCERTAIN"},
    # an uncertain aspect whose best evidence rejects its remedy (analysis.stance)
    "stance_against": {"nl": "het document wijst dit af", "en": "the document rejects this"},
    "page_ref": {"nl": "blz. {page}", "en": "p. {page}"},
    "addressed": {"nl": "geadresseerd", "en": "addressed"},
    "not_addressed": {"nl": "niet geadresseerd", "en": "not addressed"},
    "uncertain": {"nl": "onzeker", "en": "uncertain"},
    "report_title": {"nl": "Bijdrage van het document", "en": "Contribution of the document"},
    "report_intro": {
        "nl": "Hier laten we zien wat de bijdrage van {document} is aan de thema's van {framework}.",
        "en": "This report shows what {document} contributes to the themes of {framework}.",
    },
    "page": {"nl": "pagina", "en": "page"},
    "section": {"nl": "sectie", "en": "section"},
    "score": {"nl": "score", "en": "score"},
    "theme": {"nl": "thema", "en": "theme"},
    "aspect": {"nl": "aspect", "en": "aspect"},
    "aspects": {"nl": "aspecten", "en": "aspects"},
    "passages": {"nl": "passages", "en": "passages"},
    "selected": {"nl": "geselecteerd", "en": "selected"},
    "selected_passages": {"nl": "geselecteerde passages", "en": "selected passages"},
    "text": {"nl": "tekst", "en": "text"},
    "status": {"nl": "status", "en": "status"},
    "amounts": {"nl": "bedragen", "en": "amounts"},
    "targets": {"nl": "doelen", "en": "targets"},
    "period": {"nl": "periode", "en": "period"},
    "amount": {"nl": "bedrag", "en": "amount"},
    "show_in_context": {"nl": "toon in context", "en": "show in context"},
    "other_candidates": {"nl": "overige kandidaten", "en": "other candidates"},
    "search": {"nl": "zoeken", "en": "search"},
    "nothing": {"nl": "-", "en": "-"},
    "coverage": {"nl": "dekking", "en": "coverage"},
    "evidence": {"nl": "bewijs", "en": "evidence"},
    "note": {"nl": "notitie", "en": "note"},
    "doc_note_structure_from_punctuation": {
        "nl": "Let op: dit document had geen herkenbare alinea's (geen of nauwelijks "
        "regeleinden). De indeling in alinea's is afgeleid uit de interpunctie: passages zijn "
        "groepjes van enkele zinnen, niet de alinea's van de auteur.",
        "en": "Note: this document had no recognisable paragraphs (no or hardly any line "
        "breaks). Its paragraphs were recovered from punctuation: passages are groups of a few "
        "sentences, not the author's paragraphs.",
    },
}


def document_notes(notes: list[str], lang: str = "nl") -> list[str]:
    """The reader's sentence for each of a document's ingestion notes (``DocumentRef.notes``)."""
    return [t(f"doc_note_{code}", lang) for code in notes]


def t(key: str, lang: str = "nl", **fmt: object) -> str:
    """Translate ``key``; unknown keys return the key itself so nothing breaks silently."""
    entry = _LABELS.get(key)
    text = key if entry is None else entry.get(lang) or entry["nl"]
    return text.format(**fmt) if fmt else text


def add_labels(labels: dict[str, dict[str, str]]) -> None:
    """Let a module register its own labels (keys must not clash)."""
    for key, value in labels.items():
        if key in _LABELS and _LABELS[key] != value:
            raise ValueError(f"label {key!r} already defined differently")
        _LABELS[key] = value
