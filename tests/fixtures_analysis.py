"""A hand-built :class:`~beleidslens.analysis.Analysis` for renderer, audit and compare tests.

The sample text is our own (written for these tests, not taken from any corpus). It contains
a passage with ``<script>alert(1)</script><script>window.__xss = true</script>`` and ``&`` so every renderer's escaping is tested,
a cell-formula lookalike (``=SOM(...)``) for spreadsheet injection, and é/ë/€ for encodings.

Use :func:`make_analysis` (fresh object each call) or the text constants directly.
"""

from __future__ import annotations

from beleidslens.analysis.result import (
    Amount,
    Analysis,
    AspectStatus,
    AspectVerdict,
    DocumentRef,
    Evidence,
    FrameworkRef,
    Location,
    Passage,
    Target,
    ThemeResult,
)

# (section heading path, page, paragraph text)
_PARAGRAPHS: list[tuple[str, int, str]] = [
    ("", 1, "Voorbeeldakkoord 2030: samen sterker"),
    ("1. Een sterke economie", 1, "1. Een sterke economie"),
    (
        "1. Een sterke economie",
        1,
        "Het mkb is de motor van onze economie. We investeren € 2 miljard per jaar extra in "
        "onderzoek en innovatie.",
    ),
    (
        "1. Een sterke economie",
        1,
        "We zorgen voor een stabiel ondernemingsklimaat & een gelijk speelveld voor de "
        "maakindustrie.",
    ),
    ("1. Een sterke economie", 2, "Financiële ideeën worden besproken met het bedrijfsleven."),
    ("2. Duurzaam land", 2, "2. Duurzaam land"),
    (
        "2. Duurzaam land",
        2,
        "We verlagen de uitstoot van broeikasgassen met 55% in 2030 ten opzichte van 1990.",
    ),
    (
        "2. Duurzaam land",
        2,
        "Er komt een klimaatfonds van € 35 miljard voor de komende tien jaar.",
    ),
    (
        "2. Duurzaam land",
        3,
        "=SOM(A1:A9) is geen formule maar tekst over de energierekening van huishoudens.",
    ),
    ("3. Digitale veiligheid", 3, "3. Digitale veiligheid"),
    (
        "3. Digitale veiligheid",
        3,
        "We pakken cybercriminaliteit aan & versterken het Nationaal Cyber Security Centrum "
        "met <script>alert(1)</script><script>window.__xss = true</script> als voorbeeld van een aanval.",
    ),
    (
        "3. Digitale veiligheid",
        4,
        "Overheidsalgoritmen worden getoetst en openbaar gemaakt in een register.",
    ),
]

DOCUMENT_TEXT: str = "\n\n".join(p[2] for p in _PARAGRAPHS) + "\n"


def _location(text: str) -> Location:
    start = DOCUMENT_TEXT.index(text)
    for section, page, para in _PARAGRAPHS:
        if text in para:
            return Location(start=start, end=start + len(text), page=page, section=section)
    raise ValueError(text)


def _passage(pid: str, text: str, score: float, selected: bool, aspects: list[str]) -> Passage:
    return Passage(
        id=pid,
        text=text,
        score=score,
        selected=selected,
        location=_location(text),
        aspects=aspects,
        commitment=selected,
    )


def _evidence(passage: Passage) -> Evidence:
    return Evidence(
        passage_id=passage.id,
        text=passage.text,
        score=min(1.0, passage.score / 10),
        location=passage.location,
    )


def make_analysis(*, with_text: bool = True) -> Analysis:
    """A small three-theme analysis of :data:`DOCUMENT_TEXT`."""
    p_mkb = _passage("p1", _PARAGRAPHS[2][2], 8.5, True, ["innovatie", "ondernemersklimaat"])
    p_klimaat = _passage("p2", _PARAGRAPHS[3][2], 6.1, True, ["ondernemersklimaat"])
    p_fin = _passage("p3", _PARAGRAPHS[4][2], 1.2, False, [])
    p_co2 = _passage("p4", _PARAGRAPHS[6][2], 9.0, True, ["klimaatdoelen"])
    p_fonds = _passage("p5", _PARAGRAPHS[7][2], 7.4, True, ["regie_financiering"])
    p_formula = _passage("p6", _PARAGRAPHS[8][2], 0.9, False, [])
    p_cyber = _passage("p7", _PARAGRAPHS[10][2], 8.8, True, ["cybercrime", "vitale_infra"])
    p_algo = _passage("p8", _PARAGRAPHS[11][2], 5.0, True, ["ai_verantwoording"])

    amount_innovatie = Amount(
        value_eur=2_000_000_000,
        text="€ 2 miljard",
        unit="miljard",
        period="per jaar",
        sentence="We investeren € 2 miljard per jaar extra in onderzoek en innovatie.",
        location=p_mkb.location,
    )
    amount_fonds = Amount(
        value_eur=35_000_000_000,
        text="€ 35 miljard",
        unit="miljard",
        period="cumulatief",
        sentence=p_fonds.text,
        location=p_fonds.location,
    )
    target_co2 = Target(
        value=55,
        text="55% in 2030",
        subject="uitstoot van broeikasgassen",
        year=2030,
        sentence=p_co2.text,
        location=p_co2.location,
    )

    def verdict(
        aid: str, label: str, status: AspectStatus, score: float, ev: list[Passage]
    ) -> AspectVerdict:
        return AspectVerdict(
            id=aid, label=label, status=status, score=score, evidence=[_evidence(p) for p in ev]
        )

    themes = [
        ThemeResult(
            id="economisch",
            label="Economische kwetsbaarheid",
            description="Een smalle economische basis met weinig buffers.",
            passages=[p_mkb, p_klimaat, p_fin],
            aspects=[
                verdict(
                    "buffers",
                    "het aanhouden van voldoende reserves om zelf een tegenslag te kunnen opvangen",
                    AspectStatus.NOT_ADDRESSED,
                    0.05,
                    [],
                ),
                verdict(
                    "innovatie",
                    "investeren in kennis, innovatie en onderzoek",
                    AspectStatus.ADDRESSED,
                    0.85,
                    [p_mkb],
                ),
                verdict(
                    "ondernemersklimaat",
                    "een sterk en stabiel klimaat voor ondernemers en het mkb",
                    AspectStatus.ADDRESSED,
                    0.7,
                    [p_klimaat, p_mkb],
                ),
                verdict(
                    "gelijk_speelveld",
                    "eerlijke concurrentie en een gelijk speelveld",
                    AspectStatus.UNCERTAIN,
                    0.35,
                    [p_klimaat],
                ),
            ],
            amounts=[amount_innovatie],
        ),
        ThemeResult(
            id="ecologisch",
            label="Ecologische kwetsbaarheid",
            description="Klimaatverandering en verlies van biodiversiteit.",
            passages=[p_co2, p_fonds, p_formula],
            aspects=[
                verdict(
                    "klimaatdoelen",
                    "ambitieuze en bindende doelen voor minder uitstoot",
                    AspectStatus.ADDRESSED,
                    0.9,
                    [p_co2],
                ),
                verdict(
                    "regie_financiering",
                    "regie en geld voor de transitie",
                    AspectStatus.ADDRESSED,
                    0.74,
                    [p_fonds],
                ),
                verdict(
                    "adaptatie",
                    "aanpassing aan het veranderende klimaat",
                    AspectStatus.NOT_ADDRESSED,
                    0.0,
                    [],
                ),
            ],
            amounts=[amount_fonds],
            targets=[target_co2],
        ),
        ThemeResult(
            id="digitaal",
            label="Digitale kwetsbaarheid",
            description="Afhankelijkheid van digitale systemen.",
            passages=[p_cyber, p_algo],
            aspects=[
                verdict(
                    "cybercrime",
                    "aanpak van cybercriminaliteit",
                    AspectStatus.ADDRESSED,
                    0.88,
                    [p_cyber],
                ),
                verdict(
                    "vitale_infra",
                    "bescherming van bedrijven en vitale infrastructuur",
                    AspectStatus.UNCERTAIN,
                    0.4,
                    [p_cyber],
                ),
                verdict(
                    "ai_verantwoording",
                    "verantwoording over de inzet van AI en algoritmiek",
                    AspectStatus.ADDRESSED,
                    0.5,
                    [p_algo],
                ),
            ],
        ),
    ]
    return Analysis(
        document=DocumentRef(
            name="voorbeeld-<akkoord>.txt",
            title="Voorbeeldakkoord 2030 & co",
            format="txt",
            sha256="0" * 64,
            page_count=4,
            characters=len(DOCUMENT_TEXT),
        ),
        framework=FrameworkRef(id="kwetsbaarheden", name="Kwetsbaarheden van Nederland"),
        backend="lexical.v1",
        themes=themes,
        amounts=[amount_innovatie, amount_fonds],
        targets=[target_co2],
        document_text=DOCUMENT_TEXT if with_text else None,
    )


SCRIPT_PASSAGE_ID = "p7"
