"""Labels of the review workbench, Dutch first, registered with :mod:`beleidslens.i18n`."""

from __future__ import annotations

from collections.abc import Callable

from .. import i18n

_WEB_LABELS: dict[str, dict[str, str]] = {
    "web.backend": {"nl": "Scoringsmethode", "en": "Scoring backend"},
    "web.backend_default": {"nl": "standaard", "en": "default"},
    "web.backend_missing": {"nl": "niet geïnstalleerd", "en": "not installed"},
    "web.backend_options": {"nl": "Opties", "en": "Options"},
    "web.backend_options_help": {
        "nl": "één SLEUTEL=WAARDE per regel, als --backend-option (zie docs/scoring.md)",
        "en": "one KEY=VALUE per line, like --backend-option (see docs/scoring.md)",
    },
    "web.rerun_with": {
        "nl": "Opnieuw analyseren met andere methode…",
        "en": "Re-run with another backend…",
    },
    "web.clash": {
        "nl": "Dit oordeel is intussen in een ander venster gewijzigd ({other}). Uw keuze is "
        "opgeslagen en is nu de huidige stand; beide staan in de geschiedenis.",
        "en": "This decision was changed in another window in the meantime ({other}). Your "
        "choice is saved and is now the current state; both are in the history.",
    },
    "web.app_name": {"nl": "beleidslens werkbank", "en": "beleidslens workbench"},
    "web.overview": {"nl": "Overzicht", "en": "Overview"},
    "web.new": {"nl": "Nieuw document", "en": "New document"},
    "web.language": {"nl": "English", "en": "Nederlands"},
    "web.documents": {"nl": "Documenten en analyses", "en": "Documents and analyses"},
    "web.no_analyses": {
        "nl": "Nog geen analyses. Begin met een nieuw document.",
        "en": "No analyses yet. Start with a new document.",
    },
    "web.document": {"nl": "Document", "en": "Document"},
    "web.framework": {"nl": "Raamwerk", "en": "Framework"},
    "web.created": {"nl": "Aangemaakt", "en": "Created"},
    "web.review_progress": {"nl": "Beoordeeld", "en": "Reviewed"},
    "web.state": {"nl": "Status", "en": "State"},
    "web.open": {"nl": "Openen", "en": "Open"},
    "web.run_running": {"nl": "bezig", "en": "running"},
    "web.run_done": {"nl": "klaar", "en": "done"},
    "web.run_failed": {"nl": "mislukt", "en": "failed"},
    "web.upload_title": {"nl": "Document toevoegen", "en": "Add a document"},
    "web.upload_file": {"nl": "Bestand", "en": "File"},
    "web.upload_types": {
        "nl": "Toegestaan: {types}; hoogstens {size}.",
        "en": "Allowed: {types}; at most {size}.",
    },
    "web.or_url": {"nl": "of een webadres (URL)", "en": "or a web address (URL)"},
    "web.upload_button": {"nl": "Inlezen", "en": "Read document"},
    "web.import_title": {"nl": "Analyse importeren", "en": "Import an analysis"},
    "web.import_help": {
        "nl": "Een eerder geëxporteerde JSON-analyse (met documenttekst) weer beoordelen.",
        "en": "Review an analysis exported earlier as JSON (with the document text).",
    },
    "web.import_button": {"nl": "Importeren", "en": "Import"},
    "web.choose_framework": {"nl": "Kies een raamwerk", "en": "Choose a framework"},
    "web.builtin_framework": {"nl": "Ingebouwd raamwerk", "en": "Built-in framework"},
    "web.own_framework": {
        "nl": "of een eigen raamwerk (YAML-bestand of geplakte tekst)",
        "en": "or your own framework (YAML file or pasted text)",
    },
    "web.analyze_button": {"nl": "Analyseren", "en": "Analyse"},
    "web.framework_error": {"nl": "Fout in het raamwerk", "en": "Error in the framework"},
    "web.characters": {"nl": "tekens", "en": "characters"},
    "web.analysis_running": {"nl": "De analyse loopt", "en": "The analysis is running"},
    "web.analysis_failed": {"nl": "De analyse is mislukt", "en": "The analysis failed"},
    "web.rerun_running": {
        "nl": "Een nieuwe analyse loopt; u kunt de vorige resultaten blijven beoordelen.",
        "en": "A new analysis is running; you can keep reviewing the previous results.",
    },
    "web.previous_kept": {
        "nl": "De vorige resultaten blijven beschikbaar.",
        "en": "The previous results remain available.",
    },
    "web.themes": {"nl": "Thema's", "en": "Themes"},
    "web.suggested": {"nl": "voorgesteld", "en": "suggested"},
    "web.pending": {"nl": "open", "en": "open"},
    "web.accepted": {"nl": "geaccepteerd", "en": "accepted"},
    "web.rejected": {"nl": "verworpen", "en": "rejected"},
    "web.moved_out": {"nl": "verplaatst naar {theme}", "en": "moved to {theme}"},
    "web.moved_in": {"nl": "verplaatst uit {theme}", "en": "moved from {theme}"},
    "web.trimmed": {"nl": "ingekort", "en": "trimmed"},
    "web.human": {"nl": "toegevoegd", "en": "added"},
    "web.orphan": {
        "nl": "eerder beoordeeld; niet meer voorgesteld",
        "en": "reviewed earlier; no longer suggested",
    },
    "web.accept": {"nl": "Accepteren", "en": "Accept"},
    "web.reject": {"nl": "Verwerpen", "en": "Reject"},
    "web.move": {"nl": "Verplaatsen", "en": "Move"},
    "web.trim": {"nl": "Inkorten tot zin", "en": "Trim to a sentence"},
    "web.keep_sentence": {"nl": "alleen deze zin", "en": "only this sentence"},
    "web.move_to": {"nl": "Verplaatsen naar thema", "en": "Move to theme"},
    "web.cancel": {"nl": "Annuleren", "en": "Cancel"},
    "web.no_passages": {
        "nl": "Geen passages voor dit thema. Selecteer tekst in het document om er een toe te voegen.",
        "en": "No passages for this theme. Select text in the document to add one.",
    },
    "web.verdicts": {"nl": "Aspecten (remedies)", "en": "Aspects (remedies)"},
    "web.engine_says": {"nl": "analyse", "en": "engine"},
    "web.confirm": {"nl": "Vastleggen", "en": "Save"},
    "web.confirmed": {"nl": "vastgelegd", "en": "saved"},
    "web.note_placeholder": {"nl": "notitie (optioneel)", "en": "note (optional)"},
    "web.document_view": {"nl": "Documenttekst", "en": "Document text"},
    "web.add_selection": {
        "nl": "Selectie toevoegen aan {theme}",
        "en": "Add selection to {theme}",
    },
    "web.select_hint": {
        "nl": "Selecteer tekst om een passage toe te voegen aan het huidige thema.",
        "en": "Select text to add a passage to the current theme.",
    },
    "web.export": {"nl": "Exporteren", "en": "Export"},
    # export menu entries by report format; a plugin's format shows its own name
    "web.format_docx": {"nl": "Word (.docx)", "en": "Word (.docx)"},
    "web.format_xlsx": {"nl": "Excel (.xlsx)", "en": "Excel (.xlsx)"},
    "web.format_csv": {"nl": "CSV (.csv)", "en": "CSV (.csv)"},
    "web.format_html": {"nl": "Webpagina (.html)", "en": "Web page (.html)"},
    "web.format_markdown": {"nl": "Markdown (.md)", "en": "Markdown (.md)"},
    "web.format_json": {
        "nl": "JSON (.json, weer te importeren)",
        "en": "JSON (.json, can be imported again)",
    },
    "web.rerun": {"nl": "Opnieuw analyseren", "en": "Re-run analysis"},
    "web.edit_framework": {"nl": "Raamwerk bewerken", "en": "Edit framework"},
    "web.save_and_rerun": {
        "nl": "Opslaan en opnieuw analyseren",
        "en": "Save and re-run",
    },
    "web.keys_help": {
        "nl": "Toetsen: j/k volgende/vorige · a accepteren · r verwerpen · m verplaatsen",
        "en": "Keys: j/k next/previous · a accept · r reject · m move",
    },
    "web.error_title": {"nl": "Er ging iets mis", "en": "Something went wrong"},
    "web.error_back": {"nl": "Terug naar het overzicht", "en": "Back to the overview"},
    "web.login_title": {"nl": "Toegang", "en": "Access"},
    "web.login_help": {
        "nl": "Deze werkbank vraagt het toegangswachtwoord dat bij het starten is getoond.",
        "en": "This workbench asks for the access token shown when it was started.",
    },
    "web.login_token": {"nl": "Toegangswachtwoord", "en": "Access token"},
    "web.login_submit": {"nl": "Doorgaan", "en": "Continue"},
    "web.error_csrf": {
        "nl": "Het formulier is verlopen of niet van deze site (CSRF-controle). Laad de pagina opnieuw.",
        "en": "The form expired or did not come from this site (CSRF check). Reload the page.",
    },
    "web.error_too_large": {
        "nl": "Het bestand is te groot (hoogstens {size}).",
        "en": "The file is too large (at most {size}).",
    },
    "web.error_not_found": {"nl": "Niet gevonden.", "en": "Not found."},
    "web.error_internal": {
        "nl": "Interne fout. De gegevens in de database zijn niet aangetast.",
        "en": "Internal error. The data in the database is unaffected.",
    },
    "web.error_field": {"nl": "ongeldige waarde in veld {field}", "en": "bad value in {field}"},
    "web.upload_limit": {"nl": "Hoogstens {size}.", "en": "At most {size}."},
    "web.error_bad_request": {
        "nl": "Ongeldig verzoek: {detail}",
        "en": "Invalid request: {detail}",
    },
    "web.error_no_input": {
        "nl": "Kies een bestand of vul een webadres in.",
        "en": "Choose a file or enter a web address.",
    },
    "web.error_no_text": {
        "nl": "Deze analyse bevat geen documenttekst (document_text) en kan niet beoordeeld worden.",
        "en": "This analysis has no document text (document_text) and cannot be reviewed.",
    },
    "web.error_selection": {
        "nl": "De selectie past niet bij de documenttekst.",
        "en": "The selection does not match the document text.",
    },
    "web.line": {"nl": "regel", "en": "line"},
    "web.stage": {"nl": "stap", "en": "stage"},
}

i18n.add_labels(_WEB_LABELS)


def translator(lang: str) -> Callable[..., str]:
    """``t(key, **fmt)`` bound to a language, for templates."""

    def _t(key: str, **fmt: object) -> str:
        return i18n.t(key, lang, **fmt)

    return _t
