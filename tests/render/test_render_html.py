"""HTML report: self-contained, escaped, Dutch by default."""

from __future__ import annotations

import json
import re

import pytest

from beleidslens.render import RENDERERS, RenderOptions, render
from beleidslens.render.html import format_eur, json_for_script, utf16_offset
from fixtures_analysis import DOCUMENT_TEXT, make_analysis


def _html(lang: str = "nl", **kw: object) -> str:
    out = render(make_analysis(**kw), "html", RenderOptions(lang=lang))  # type: ignore[arg-type]
    assert isinstance(out, str)
    return out


def test_registered_and_self_contained() -> None:
    assert "html.v1" in RENDERERS.names()
    html = _html()
    assert html.startswith("<!DOCTYPE html>")
    # nothing is loaded from a network: no src/href/url() pointing at http(s)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html, re.I)
    assert not re.search(r"@import", html)
    assert "<link" not in html
    assert "<svg" in html and "<style>" in html and "@media print" in html


def test_document_text_is_escaped() -> None:
    html = _html()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "aanval &amp; " not in html  # sanity: & is escaped where it occurs
    assert "cybercriminaliteit aan &amp; versterken" in html
    # the title and file name (document metadata) are escaped too
    assert "voorbeeld-&lt;akkoord&gt;.txt" in html
    # exactly our own two script elements
    assert len(re.findall(r"<script\b", html)) == 2


def test_embedded_document_text_round_trips() -> None:
    html = _html()
    m = re.search(r'<script type="application/json" id="doc-data">(.*?)</script>', html, re.S)
    assert m is not None
    assert json.loads(m.group(1)) == DOCUMENT_TEXT


def test_context_links_carry_offsets() -> None:
    analysis = make_analysis()
    html = _html()
    passage = analysis.theme("ecologisch").passages[0]
    assert f'data-start="{passage.location.start}" data-end="{passage.location.end}"' in html


def test_no_context_links_without_text() -> None:
    html = _html(with_text=False)
    assert 'class="ctx"' not in html
    assert "Documenttekst niet opgenomen" in html


def test_dutch_by_default_english_with_lang() -> None:
    nl = _html()
    assert "toon in context" in nl and "NIET:" in nl and "Overige kandidaten" in nl
    assert 'lang="nl"' in nl
    en = _html("en")
    assert "show in context" in en and "NOT:" in en and "toon in context" not in en
    assert 'lang="en"' in en


def test_content_per_theme() -> None:
    html = _html()
    for theme in make_analysis().themes:
        assert f'id="theme-{theme.id}"' in html
    assert "NIET:</strong> aanpassing aan het veranderende klimaat." in html
    assert '<details class="others">' in html  # unselected candidates folded away
    assert "€ 35,0 mld" in html and "55% in 2030" in html
    assert "pagina 2" in html and "2. Duurzaam land" in html


def test_unselected_can_be_left_out() -> None:
    out = render(make_analysis(), "html", RenderOptions(include_unselected=False))
    assert isinstance(out, str)
    assert "Financiële ideeën" not in out.split("doc-data")[0]


def test_helpers() -> None:
    assert json_for_script("</script>&") == '"\\u003c/script\\u003e\\u0026"'
    assert utf16_offset("a😀b", 2) == 3
    assert format_eur(2_000_000_000) == "€ 2,0 mld"
    assert format_eur(1_500_000, "en") == "€ 1.5 m"
    assert format_eur(12_500) == "€ 12.500"


def test_utf16_offsets_match_the_encoding() -> None:
    from beleidslens.render.html import Utf16Offsets

    for text in ("", "plain Dutch tekst", "a😀b𝄞c — é\u2028d😀"):
        offsets = Utf16Offsets(text)
        for i in range(len(text) + 1):
            assert offsets(i) == len(text[:i].encode("utf-16-le")) // 2


def test_html_builds_one_offset_map_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rendering is linear in the document: the text is scanned once, not once per passage."""
    import beleidslens.render.html as html

    built: list[int] = []
    original = html.Utf16Offsets.__init__

    def counting(self: html.Utf16Offsets, text: str) -> None:
        built.append(len(text))
        original(self, text)

    monkeypatch.setattr(html.Utf16Offsets, "__init__", counting)
    analysis = make_analysis()
    assert sum(len(t.passages) for t in analysis.themes) > 1
    render(analysis, "html", RenderOptions())
    assert built == [len(analysis.document_text or "")]
