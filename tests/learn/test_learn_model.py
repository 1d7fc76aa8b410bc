"""Supervised coding on own small samples: context, calibration, the model file, the CLI."""

from __future__ import annotations

import csv
import json
import zipfile
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from _learn import FILLER, need_sklearn, sample_rows
from beleidslens.cli import main
from beleidslens.learn.params import LearnParams

P = LearnParams(min_df=1, jobs=1)


@pytest.fixture(autouse=True)
def _sklearn() -> None:
    need_sklearn()


def _filler_accuracy(params: LearnParams) -> float:
    from beleidslens.learn.model import train

    coder, _ = train(sample_rows(seed=1), params)
    test = sample_rows(groups=4, seed=2)
    proba = coder.predict_proba(test)
    idx = [i for i, r in enumerate(test) if r.text in FILLER]
    pred = [coder.classes[int(proba[i].argmax())] for i in idx]
    return float(np.mean([p == test[i].label for p, i in zip(pred, idx, strict=True)]))


def test_neighbours_code_rows_their_words_cannot() -> None:
    alone = P.model_copy(update=dict(window=0, heading_weight=0.0, smooth=0.0, folds=0))
    with_context = P.model_copy(update=dict(window=2, heading_weight=0.0, smooth=0.0, folds=0))
    assert _filler_accuracy(alone) < 0.6
    assert _filler_accuracy(with_context) > 0.85


def test_heading_is_a_feature() -> None:
    only_heading = P.model_copy(update=dict(window=0, heading_weight=1.0, smooth=0.0, folds=0))
    assert _filler_accuracy(only_heading) > 0.85


def test_parallel_min_rows_decides_the_worker_processes() -> None:
    from beleidslens.learn.model import _classifier

    two = P.model_copy(update={"jobs": 2})
    assert type(_classifier(two, 100)).__name__ == "LinearSVC"
    fanned = _classifier(two.model_copy(update={"parallel_min_rows": 50}), 100)
    assert type(fanned).__name__ == "OneVsRestClassifier"


def test_smooth_grid_is_what_cross_validation_chooses_from() -> None:
    from beleidslens.learn.model import train

    rows = sample_rows(groups=9, per_group=20, seed=4)
    for grid in ((0.5,), (0.0,)):
        _, cv = train(rows, P.model_copy(update={"smooth_grid": grid}))
        assert cv.smooth == grid[0]


@pytest.mark.parametrize(
    ("key", "value"),
    [("smooth_grid", [2.0]), ("word_ngrams", [2, 1]), ("C", 0), ("class_weight", "x")],
)
def test_learning_parameters_refuse_in_one_line(key: str, value: object) -> None:
    from beleidslens.errors import AnalysisError

    with pytest.raises(AnalysisError) as exc:
        LearnParams.from_options({key: value})
    assert str(exc.value).startswith(f"learning parameter {key}") and "\n" not in str(exc.value)
    assert LearnParams.from_dict({"smooth_grid": [0.1], "newer": 1}).smooth_grid == (0.1,)


def test_cross_validation_by_group_and_calibration() -> None:
    from beleidslens.learn.model import train

    rows = sample_rows(groups=9, per_group=60, noise=0.35, seed=3)
    # no heading, no neighbours: the noisy rows stay uncertain
    coder, cv = train(rows, P.model_copy(update=dict(window=0, heading_weight=0.0)))
    assert cv.folds == 3 and cv.by == "group" and cv.classes == 3
    assert 0.5 < cv.accuracy < 1.0 and cv.per_class and cv.smooth in (0.0, 0.15, 0.3, 0.5)
    # calibrated: on unseen rows the mean top probability is close to the accuracy
    test = [r for r in sample_rows(groups=6, per_group=60, noise=0.35, seed=4)]
    proba = coder.predict_proba(test)
    keep = [i for i, r in enumerate(test) if not r.is_heading]
    top = proba[keep].max(1)
    correct = np.array([coder.classes[int(proba[i].argmax())] == test[i].label for i in keep])
    assert abs(float(top.mean()) - float(correct.mean())) < 0.08
    assert np.allclose(proba.sum(1), 1.0)
    # uncalibrated softmax of SVM margins (T = 1) is far from the accuracy
    from beleidslens.learn.model import softmax

    raw = softmax(coder.scores(test), 1.0)[keep].max(1)
    assert abs(float(raw.mean()) - float(correct.mean())) > abs(
        float(top.mean()) - float(correct.mean())
    )


def _rows_csv(path: Path, rows: list, with_labels: bool = True) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc", "text", "code"])
        for r in rows:
            w.writerow([r.group, r.text, r.label if with_labels or r.is_heading else ""])
    return path


def _train_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    data = _rows_csv(tmp_path / "train.csv", sample_rows(seed=5))
    model = tmp_path / "model.blm"
    main(
        [
            "train",
            str(data),
            "--text-column",
            "text",
            "--label-column",
            "code",
            "--group-column",
            "doc",
            "-o",
            str(model),
            "--report",
        ]
    )
    out = capsys.readouterr().out
    assert "3-fold cross-validation by group: accuracy" in out and "macro-F1" in out
    assert "onderwijs" in out  # per-class lines
    return model


def test_train_and_classify_cli_keep_input_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = _train_cli(tmp_path, capsys)
    rows = sample_rows(groups=2, seed=6)
    data = _rows_csv(tmp_path / "new.csv", rows, with_labels=False)
    out = tmp_path / "coded.csv"
    main(
        [
            "classify",
            str(data),
            "--model",
            str(model),
            "--group-column",
            "doc",
            "--label-column",
            "code",
            "-o",
            str(out),
        ]
    )
    got = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [g["text"] for g in got] == [r.text for r in rows]
    assert list(got[0]) == ["doc", "text", "code", "predicted", "probability"]
    assert all(g["predicted"] == "" for g, r in zip(got, rows, strict=True) if r.is_heading)
    content = [
        (g, r) for g, r in zip(got, rows, strict=True) if r.text not in FILLER and not r.is_heading
    ]
    assert np.mean([g["predicted"] == r.label for g, r in content]) > 0.9
    assert all(0 < float(g["probability"]) <= 1 for g, _ in content)


def test_classify_a_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = _train_cli(tmp_path, capsys)
    doc = tmp_path / "doc.md"
    doc.write_text(
        "# Wonen\n\nWe bouwen meer woning voor starter en corporatie. "
        "De huur gaat omlaag.\n\n# Zorg\n\nDe huisarts en de verpleging "
        "krijgen meer tijd voor de patiënt.\n",
        encoding="utf-8",
    )
    main(["classify", str(doc), "--model", str(model)])
    got = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert [g["predicted"] for g in got] == ["wonen", "wonen", "zorg"]
    assert got[0]["heading"] == "Wonen" and "page" in got[0]


def _rewrite(model: Path, target: Path, **changes: object) -> Path:
    with zipfile.ZipFile(model) as zf:
        items = {n: zf.read(n) for n in zf.namelist()}
    header = json.loads(items["beleidslens-model.json"])
    header.update(changes)
    items["beleidslens-model.json"] = json.dumps(header).encode()
    with zipfile.ZipFile(target, "w") as zf:
        for n, data in items.items():
            zf.writestr(n, data)
    return target


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"sklearn": "0.9.0"}, "saved with scikit-learn 0.9.0"),
        ({"format_version": 99}, "format version 99 is not supported"),
        ({"payload_sha256": "0" * 64}, "does not match its header"),
        ({"format": "something-else"}, "not a beleidslens model file"),
        ({"params": {"min_df": 0}}, "bad learning parameter min_df: "),
    ],
)
def test_model_file_refuses_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], changes: dict, message: str
) -> None:
    model = _train_cli(tmp_path, capsys)
    bad = _rewrite(model, tmp_path / "bad.blm", **changes)
    data = _rows_csv(tmp_path / "x.csv", sample_rows(groups=1, seed=7))
    with pytest.raises(SystemExit) as exc:
        main(["classify", str(data), "--model", str(bad)])
    assert exc.value.code != 0
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and message in err and "bad.blm" in err


def test_not_a_model_and_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from beleidslens.learn import modelfile
    from beleidslens.learn.model import train

    junk = tmp_path / "junk.blm"
    junk.write_bytes(b"PK not really")
    with pytest.raises(modelfile.ModelFileError, match="not a beleidslens model"):
        modelfile.load(junk)
    rows = sample_rows(seed=8)
    coder, cv = train(rows, P)
    path = modelfile.save(coder, tmp_path / "m.blm", report=cv.to_dict())
    again, header = modelfile.load(path)
    assert header["format_version"] == modelfile.FORMAT_VERSION and header["sklearn"]
    assert np.allclose(again.predict_proba(rows), coder.predict_proba(rows))


def test_model_never_overwrites_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _rows_csv(tmp_path / "train.csv", sample_rows(seed=9))
    before = data.read_bytes()
    with pytest.raises(SystemExit):
        main(
            ["train", str(data), "--text-column", "text", "--label-column", "code", "-o", str(data)]
        )
    assert data.read_bytes() == before
    assert "overwrite the input" in capsys.readouterr().err


FRAMEWORK = """schema: 1
id: proef
name: Proefkader
language: nl
version: "1"
themes:
  - id: wonen
    label: Wonen
    description: Huisvesting.
    keywords: [woning]
    aspects:
      - id: bouw
        label: bouwen
        keywords: [bouwen]
        codes: ["411.2"]
  - id: zorg
    label: Zorg
    description: Gezondheidszorg.
    keywords: [ziekenhuis]
    aspects:
      - id: zorgtoegang
        label: toegang tot zorg
        keywords: [huisarts]
"""


def test_supervised_backend_scores_the_coded_aspects_only(tmp_path: Path) -> None:
    from beleidslens.analysis.pipeline import build_queries
    from beleidslens.framework import load_framework
    from beleidslens.learn import modelfile
    from beleidslens.learn.model import train
    from beleidslens.scoring import SCORERS, ScoringUnit

    codes = {"wonen": "411", "onderwijs": "506", "zorg": "504", "H": "H"}
    rows = [replace(r, label=codes[str(r.label)]) for r in sample_rows(seed=10)]
    coder, cv = train(rows, P)  # a sub-code 411.2 in the framework falls back to 411
    model = modelfile.save(coder, tmp_path / "m.blm", report=cv.to_dict())
    fw_path = tmp_path / "proef.yaml"
    fw_path.write_text(FRAMEWORK, encoding="utf-8")
    queries = build_queries(load_framework(str(fw_path)))
    units = [
        ScoringUnit("0", "Wij bouwen een woning voor elke starter bij de corporatie.", "", "s"),
        ScoringUnit("1", "De huisarts en het ziekenhuis krijgen meer verpleging.", "", "s"),
    ]
    lexical = SCORERS.create("lexical.v1").score(units, queries)  # what supervised.v1 blends
    scorer = SCORERS.create("supervised", model=str(model), blend="1.0")
    scores = scorer.score(units, queries)
    row = {q.id: i for i, q in enumerate(queries)}
    coded = [row["theme:wonen"], row["aspect:wonen:bouw"]]
    assert scores[coded, 0].min() > 0.9 and scores[coded, 1].max() < 0.1
    uncoded = [row["theme:zorg"], row["aspect:zorg:zorgtoegang"]]
    assert np.array_equal(scores[uncoded], lexical[uncoded])  # no codes: lexical
    assert scorer.parameters()["blend"] == 1.0


def test_supervised_backend_needs_a_model() -> None:
    from beleidslens.errors import AnalysisError
    from beleidslens.scoring import SCORERS

    with pytest.raises(AnalysisError, match="needs a model"):
        SCORERS.create("supervised")
