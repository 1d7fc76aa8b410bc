from __future__ import annotations

from beleidslens.nlp import (
    STOPWORDS,
    analyze,
    analyze_word,
    content_tokens,
    is_stopword,
    lemma,
    split_compound,
    tokenize,
)


def test_tokenize_offsets_and_hyphens() -> None:
    text = "We halen 55% CO2-reductie, en zzp’ers krijgen zekerheid."
    toks = tokenize(text)
    assert [t.norm for t in toks] == [
        "we",
        "halen",
        "55",
        "co2-reductie",
        "en",
        "zzp'ers",
        "krijgen",
        "zekerheid",
    ]
    for t in toks:
        assert text[t.start : t.end] == t.text


def test_lemmas() -> None:
    assert lemma("woningen") == "woning"
    assert lemma("kinderen") == "kind"
    assert lemma("onbekendwoordxyz") == "onbekendwoordxyz"


def test_compound_splitting_with_linking_morphemes() -> None:
    assert split_compound("energienetwerken") == ("energie", "netwerk")
    assert split_compound("schuldenaanpak") == ("schuld", "aanpak")
    assert split_compound("cybercriminaliteit") == ("cyber", "criminaliteit")
    assert split_compound("vestigingsklimaat") == ("vestiging", "klimaat")  # -s-


def test_compound_splitting_leaves_words_alone() -> None:
    for word in ("aanpakken", "gemeenten", "overheid", "ondernemers", "beleid", "kunstmatige"):
        assert split_compound(word) == (), word


def test_stopwords() -> None:
    assert is_stopword("de") and is_stopword("worden") and is_stopword("x")
    for topic in ("gemeente", "werk", "zorg", "klimaat", "onderwijs"):
        assert topic not in STOPWORDS


def test_analyze_keeps_whole_word_and_parts() -> None:
    terms = analyze_word("energienetwerken")
    assert terms[0] == "energienetwerken" and "energie" in terms and "netwerk" in terms
    assert analyze_word("de") == ()
    assert analyze("In 2030 bouwen we 100 woningen") == ["2030", "bouwen", "woning"]
    assert content_tokens("De aanpak van schulden.") == ["aanpak", "schulden"]
