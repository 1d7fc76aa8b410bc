"""Reader-facing labels of the learning features (Dutch by default, English available)."""

from __future__ import annotations

from ..i18n import add_labels

add_labels(
    {
        "learn_reader_engine": {"nl": "volgorde van de engine", "en": "engine order"},
        "learn_reader_learning": {
            "nl": "met leren (meer zoals deze)",
            "en": "with learning (more like this)",
        },
        "learn_reader_document": {"nl": "documentvolgorde", "en": "document order"},
        "learn_plot_title": {
            "nl": "Gevonden deel van de passages van de expert tegen het aantal gelezen passages "
            "(groene lijn: {goal} × het aantal passages van de expert)",
            "en": "Share of the expert's passages found against passages screened "
            "(green line: {goal} × the expert's number of passages)",
        },
        "learn_reranked": {
            "nl": "Volgorde aangepast aan uw beslissingen (meer zoals deze)",
            "en": "Order adapted to your decisions (more like this)",
        },
        "learn_moved_up": {
            "nl": "{n} {places} omhoog: lijkt op wat u accepteerde ({terms})",
            "en": "up {n} {places}: resembles what you accepted ({terms})",
        },
        "learn_moved_down": {
            "nl": "{n} {places} omlaag: lijkt op wat u afwees ({terms})",
            "en": "down {n} {places}: resembles what you rejected ({terms})",
        },
        "learn_place": {"nl": "plaats", "en": "place"},
        "learn_places": {"nl": "plaatsen", "en": "places"},
        "learn_framework_model": {
            "nl": "Geleerd van eerdere beslissingen bij dit kader",
            "en": "Learned from earlier decisions with this framework",
        },
        "learn_save": {"nl": "opslaan", "en": "save"},
        "learn_consent": {
            "nl": "Mijn beslissingen bij dit kader mogen een model trainen voor volgende analyses",
            "en": "My decisions with this framework may train a model for later analyses",
        },
    }
)
