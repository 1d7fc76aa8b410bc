"""``embedding.v1`` with a tiny model built here, fully offline (no hub, no download)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from _extras import require_extra
from beleidslens.analysis.options import AnalysisOptions
from beleidslens.analysis.pipeline import analyze
from beleidslens.cli import main
from beleidslens.errors import AnalysisError
from beleidslens.framework import load_framework
from beleidslens.ingest import load_document
from beleidslens.scoring import SCORERS, Query, ScoringUnit
from beleidslens.scoring import embedding as emb
from beleidslens.scoring.calibrate import blend, logistic, quantile_match
from beleidslens.scoring.lexical import LexicalScorer
from conftest import EXAMPLES

require_extra("sentence_transformers", "embeddings")
pytestmark = pytest.mark.extra

SENTENCES = [
    "We investeren in energienetwerken en duurzame energie voor iedereen.",
    "Het kabinet verhoogt het budget voor cybersecurity en digitale weerbaarheid.",
    "Er komt een aanpak van problematische schulden voor gezinnen.",
    "De zorg blijft toegankelijk en betaalbaar, ook in de regio.",
    "Gemeenten krijgen meer geld voor woningbouw en betaalbare huur.",
    "We versterken de krijgsmacht en werken samen binnen de NAVO.",
    "Onderwijs en kansengelijkheid staan voorop in het beleid.",
    "Klimaatadaptatie en waterveiligheid vragen om een lange adem.",
]


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 2-layer BERT (hidden 32) with a WordPiece vocabulary trained on a few Dutch
    sentences, wrapped as a SentenceTransformer and saved; seconds, not minutes."""
    import torch
    from sentence_transformers import SentenceTransformer
    from tokenizers import Tokenizer, normalizers, pre_tokenizers, processors, trainers
    from tokenizers import models as tok_models
    from transformers import BertConfig, BertModel, BertTokenizerFast

    try:
        from sentence_transformers.sentence_transformer.modules import Pooling, Transformer
    except ImportError:  # older sentence-transformers
        from sentence_transformers.models import Pooling, Transformer

    root = tmp_path_factory.mktemp("tiny-model")
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tok = Tokenizer(tok_models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.train_from_iterator(
        SENTENCES * 3, trainers.WordPieceTrainer(vocab_size=400, special_tokens=specials)
    )
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", tok.token_to_id("[CLS]")), ("[SEP]", tok.token_to_id("[SEP]"))],
    )
    fast = BertTokenizerFast(
        tokenizer_object=tok,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
    )
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=tok.get_vocab_size(),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=256,
    )
    bert_dir = root / "bert"
    BertModel(config).save_pretrained(bert_dir)
    fast.save_pretrained(bert_dir)
    transformer = Transformer(str(bert_dir), max_seq_length=128)
    dim = getattr(transformer, "get_embedding_dimension", None) or (
        transformer.get_word_embedding_dimension
    )
    model = SentenceTransformer(modules=[transformer, Pooling(dim(), "mean")], device="cpu")
    out = root / "st"
    model.save(str(out))
    return out


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    emb._MEMORY.clear()  # each test sees a cold process cache


def _units() -> list[ScoringUnit]:
    return [
        ScoringUnit(str(i), s, "Hoofdstuk › Thema" if i % 2 else "", f"g{i // 3}")
        for i, s in enumerate(SENTENCES)
    ]


def _queries() -> list[Query]:
    return [
        Query("energie", (("Energie", 3.0), ("energienetwerken, duurzame energie", 2.0))),
        Query("schulden", (("Schulden", 3.0), ("aanpak van schulden, gezinnen", 2.0))),
        Query("digitaal", (("Digitale weerbaarheid", 3.0), ("cybersecurity", 2.0), ("", 1.0))),
    ]


def test_scores_have_the_shape_and_range_of_the_interface(tiny_model: Path) -> None:
    for calibration in ("quantile", "logistic"):
        for weight in (0.0, 0.5, 1.0):
            scorer = SCORERS.create(
                "embedding", model=str(tiny_model), blend=weight, calibration=calibration
            )
            scores = scorer.score(_units(), _queries())
            assert scores.shape == (3, len(SENTENCES))
            assert scores.dtype == np.float64
            assert (scores >= 0).all() and (scores <= 1).all()
    assert scorer.score([], _queries()).shape == (3, 0)
    assert scorer.score(_units(), []).shape == (0, len(SENTENCES))


def test_similarity_is_cosine_of_unit_vectors(tiny_model: Path) -> None:
    scorer = SCORERS.create("embedding", model=str(tiny_model), context_weight=0)
    sims = scorer.similarity(_units(), _queries())
    assert (sims >= -1).all() and (sims <= 1).all()
    vectors = scorer.embed([SENTENCES[0], SENTENCES[0]])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(vectors[0], vectors[1])
    # a query whose only field is the unit's text is maximally similar to that unit
    q = Query("same", ((SENTENCES[2], 1.0),))
    assert scorer.similarity(_units(), [q])[0, 2] == pytest.approx(1.0, abs=1e-5)


def test_deterministic_across_scorers_and_cold_caches(tiny_model: Path) -> None:
    a = SCORERS.create("embedding", model=str(tiny_model), blend=1.0, disk_cache=False)
    first = a.score(_units(), _queries())
    emb._MEMORY.clear()
    b = SCORERS.create("embedding", model=str(tiny_model), blend=1.0, disk_cache=False)
    assert np.array_equal(first, b.score(_units(), _queries()))
    assert b.encoded > 0


def test_unchanged_text_is_never_embedded_twice(tiny_model: Path, tmp_path: Path) -> None:
    scorer = SCORERS.create("embedding", model=str(tiny_model))
    calls: list[int] = []
    real = scorer._model.encode

    def counting(texts: list[str], **kw: object) -> object:
        calls.append(len(texts))
        return real(texts, **kw)

    scorer._model.encode = counting
    first = scorer.score(_units(), _queries())
    n_calls = len(calls)
    assert n_calls >= 1 and scorer.encoded == sum(calls)
    assert np.array_equal(first, scorer.score(_units(), _queries()))
    assert len(calls) == n_calls  # memory cache: no second encode
    # one changed unit: only that text is embedded
    units = _units()
    units[0] = ScoringUnit("0", "Een geheel nieuwe zin over waterbeheer.", "", "g0")
    scorer.score(units, _queries())
    assert calls[n_calls:] == [1]

    # disk cache: a new process (cold memory) embeds nothing
    cache_files = list((Path(emb.cache_root()) / "embeddings").glob("*.npz"))
    assert len(cache_files) == 1
    emb._MEMORY.clear()
    fresh = SCORERS.create("embedding", model=str(tiny_model))
    fresh._model.encode = lambda *a, **k: pytest.fail("re-embedded cached text")
    assert np.array_equal(first, fresh.score(_units(), _queries()))
    assert fresh.encoded == 0


def test_blend_zero_is_lexical_and_blend_is_linear(tiny_model: Path) -> None:
    units, queries = _units(), _queries()
    lexical = LexicalScorer().score(units, queries)
    zero = SCORERS.create("embedding", model=str(tiny_model), blend=0.0)
    assert np.array_equal(zero.score(units, queries), lexical)
    full = SCORERS.create("embedding", model=str(tiny_model), blend=1.0).score(units, queries)
    half = SCORERS.create("embedding", model=str(tiny_model), blend=0.5).score(units, queries)
    assert np.allclose(half, 0.5 * lexical + 0.5 * full)
    # quantile calibration keeps each query's lexical score distribution
    assert np.allclose(np.sort(full, axis=1), np.sort(lexical, axis=1))


def test_calibrations_are_monotone() -> None:
    sims = np.array([[0.1, 0.9, 0.5, 0.5], [-0.2, 0.0, 0.3, 0.8]])
    ref = np.array([[0.0, 0.2, 0.7, 0.4], [0.6, 0.1, 0.0, 0.3]])
    q = quantile_match(sims, ref)
    assert q.tolist() == [[0.0, 0.7, 0.4, 0.2], [0.0, 0.1, 0.3, 0.6]]
    lg = logistic(sims, 0.3, 0.1)
    for row_s, row_l in zip(sims, lg, strict=True):
        order = np.argsort(row_s, kind="stable")
        assert (np.diff(row_l[order]) >= 0).all()
    assert logistic(np.array([0.3]), 0.3, 0.1)[0] == pytest.approx(0.5)
    assert np.array_equal(blend(ref, sims, 0.0), ref)


def test_options_are_checked(tiny_model: Path) -> None:
    with pytest.raises(AnalysisError, match="unknown option"):
        SCORERS.create("embedding", model=str(tiny_model), bogus=1)
    with pytest.raises(AnalysisError, match="blend"):
        SCORERS.create("embedding", model=str(tiny_model), blend="1.5")
    with pytest.raises(AnalysisError, match="calibration"):
        SCORERS.create("embedding", model=str(tiny_model), calibration="magic")
    with pytest.raises(AnalysisError, match="must be int"):
        SCORERS.create("embedding", model=str(tiny_model), batch_size="many")


def test_missing_model_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(AnalysisError, match="embedding model not found") as info:
        SCORERS.create("embedding", model=str(tmp_path / "nope"))
    assert str(tmp_path / "nope") in str(info.value)
    with pytest.raises(AnalysisError, match="option model is empty"):
        SCORERS.create("embedding", model="")
    # a hub name not in the (empty) local cache, offline: no download attempt, no hang
    with pytest.raises(AnalysisError, match="HF_HUB_OFFLINE") as info:
        SCORERS.create("embedding", model="example-org/no-such-model")
    assert "--backend-option model=" in str(info.value)


def test_hub_model_not_cached_is_fetched_only_on_request(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import socket

    from huggingface_hub import constants

    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setattr(constants, "ENDPOINT", f"http://127.0.0.1:{port}")
    with pytest.raises(AnalysisError, match="download=true") as info:
        SCORERS.create("embedding", model="example-org/no-such-model")
    assert str(info.value).startswith("example-org/no-such-model: ")
    with pytest.raises(AnalysisError, match=f"cannot reach http://127.0.0.1:{port}"):
        SCORERS.create("embedding", model="example-org/no-such-model", download=True)


def test_analyze_with_the_embedding_backend(tiny_model: Path) -> None:
    doc = load_document(EXAMPLES / "voorbeeldakkoord.txt")
    fw = load_framework("kwetsbaarheden")
    opts = AnalysisOptions(scorer={"model": str(tiny_model), "blend": 0.5})
    result = analyze(doc, fw, backend="embedding", options=opts)
    assert result.backend == "embedding.v1"
    recorded = result.parameters["scorer"]
    assert recorded["model"] == str(tiny_model) and recorded["blend"] == 0.5
    assert recorded["calibration"] == "quantile"
    assert len(result.themes) == len(fw.themes)
    passages = [p for t in result.themes for p in t.passages]
    assert passages and all(0 <= p.score <= 1 for p in passages)
    for p in passages:  # traceable to the exact source text
        assert " ".join(doc.text[p.location.start : p.location.end].split()) == p.text
    # the result validates against its own schema after a JSON round trip
    again = type(result).model_validate_json(result.model_dump_json())
    assert again.backend == "embedding.v1"
    # deterministic: from the memory cache, and from the disk cache in a "new process"
    strip = {"created"}
    warm = analyze(doc, fw, backend="embedding", options=opts)
    assert warm.model_dump_json(exclude=strip) == result.model_dump_json(exclude=strip)
    emb._MEMORY.clear()
    disk = analyze(doc, fw, backend="embedding", options=opts)
    assert disk.model_dump_json(exclude=strip) == result.model_dump_json(exclude=strip)


def test_cli_backend_option_and_missing_model(
    tiny_model: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "a.json"
    main(
        [
            "analyze",
            str(EXAMPLES / "voorbeeldakkoord.txt"),
            "--framework",
            "kwetsbaarheden",
            "--backend",
            "embedding",
            "--backend-option",
            f"model={tiny_model}",
            "--backend-option",
            "blend=0.25",
            "--output",
            str(out),
        ]
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["backend"] == "embedding.v1"
    assert data["parameters"]["scorer"]["blend"] == 0.25
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_info:
        main(
            [
                "analyze",
                str(EXAMPLES / "voorbeeldakkoord.txt"),
                "--framework",
                "kwetsbaarheden",
                "--backend",
                "embedding",
                "--backend-option",
                "model=/nonexistent",
            ]
        )
    assert exit_info.value.code != 0
    err = capsys.readouterr().err
    assert err.startswith("beleidslens: error: /nonexistent: embedding model not found")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_cli_start_up_does_not_import_the_model_stacks(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from beleidslens.cli import main\n"
        "try:\n"
        "    main(['backends'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('torch', 'sentence_transformers', 'openai') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert "embedding.v1" in done.stdout and "llm.v1" in done.stdout
    assert "HEAVY []" in done.stdout


def test_memory_cache_is_bounded(tiny_model: Path) -> None:
    scorer = SCORERS.create("embedding", model=str(tiny_model), disk_cache=False)
    expected = scorer.embed(SENTENCES)
    emb._MEMORY.clear()
    small = SCORERS.create("embedding", model=str(tiny_model), disk_cache=False, memory_cache=3)
    assert np.array_equal(small.embed(SENTENCES), expected)
    assert len(emb._MEMORY) == 3
    assert "memory_cache" not in small.parameters()  # changes no score: not recorded
