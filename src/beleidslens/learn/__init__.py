"""Learning from coded examples and from the analyst's own decisions (``docs/learning.md``).

* :mod:`.rows` — coded rows from a CSV or the passages of a document, with their context
  (neighbouring rows and the current heading within a group).
* :mod:`.features` / :mod:`.model` — a calibrated linear classifier over word and character
  n-grams of a row, its neighbours and its heading (scikit-learn, the ``[learn]`` extra).
* :mod:`.modelfile` — the versioned model file.
* :mod:`.rerank` — "meer zoals deze": re-ranking a theme's candidates after review decisions
  (no extra needed).
* :mod:`.simulate` — replays an analyst screening each theme against an expert analysis.
"""

from __future__ import annotations
