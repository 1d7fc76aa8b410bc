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
    words,
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


def test_subscript_digits_are_digits() -> None:
    """'CO₂-heffing' (as PDFs write it) is the framework's 'CO2-heffing'; offsets still fit."""
    text = "We behouden de CO₂-heffing en bouwen 50 m² per woning."
    toks = tokenize(text)
    assert "co2-heffing" in [t.norm for t in toks] and "m2" in words(text)
    assert all(text[t.start : t.end] == t.text for t in toks)
    assert "co2-heffing" in content_tokens(text)
    assert analyze("CO₂-heffing") == analyze("CO2-heffing")


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


def test_compounds_of_three_words_and_verb_stems() -> None:
    # a rare middle part that is itself a compound of common words
    assert split_compound("minimumuurloon") == ("minimum", "uur", "loon")
    assert split_compound("schuldhulptrajecten") == ("schuld", "hulp", "traject")
    # a verb stem as first part stands for its infinitive
    assert split_compound("uitzendwerk") == ("uitzenden", "werk")
    # two common words still win over a deeper split
    assert split_compound("energienetwerken") == ("energie", "netwerk")
    # participles and -ing nouns are not compounds of stems and suffix-like words
    for word in ("bestrijding", "saldoverslechterend", "versterking", "verminking"):
        assert split_compound(word) == (), word


def test_hyphens_and_diaereses_meet() -> None:
    assert "reintegratie" in analyze_word("re-integratie")
    assert analyze_word("reïntegratie") == ("reintegratie",)
    assert "integratie" in analyze_word("re-integratie")
    assert analyze("financiële") == ["financieel"]
    assert "co2reductie" not in analyze_word("co2-reductie")


def test_low_memory_lemmatizer_gives_simplemma_default_lemmas() -> None:
    # the stream-backed dictionary (cheaper cold start) must not change a single lemma
    from simplemma import Lemmatizer

    from beleidslens.nlp.lemma import _lemmatizer

    sample = (
        "De kinderen wonen in betaalbare woningen; gemeenten investeerden fors in "
        "energienetwerken, schuldhulptrajecten en ondernemers die werkten aan "
        "reïntegratie. Wij verhogen de uitkeringen en zorgden voor veiligere wijken."
    )
    default = Lemmatizer()
    forms = sorted({w for w in words(sample) if len(w) >= 4 and w.isalpha()})
    assert len(forms) > 15
    for form in forms:
        assert _lemmatizer().lemmatize(form, lang="nl") == default.lemmatize(form, lang="nl")


def test_compound_parameters_drive_the_splitter() -> None:
    from beleidslens.nlp import compounds
    from beleidslens.nlp.params import CompoundParams

    assert compounds.PARAMS.recorded() == CompoundParams().recorded()
    try:
        compounds.configure(CompoundParams(min_word=20))
        assert split_compound("energienetwerken") == ()
        assert "energie" not in analyze_word("energienetwerken")  # the word cache was dropped
        compounds.configure(CompoundParams(min_zipf_short=8.0, min_zipf=8.0, min_zipf_long=8.0))
        assert split_compound("schuldenaanpak") == ()
    finally:
        compounds.configure(CompoundParams())
    assert split_compound("energienetwerken") == ("energie", "netwerk")
    assert "energie" in analyze_word("energienetwerken")
