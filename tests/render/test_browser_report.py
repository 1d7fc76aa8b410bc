"""The HTML report in a real browser (Debian's Chromium via Playwright)."""

from __future__ import annotations

from pathlib import Path

import pytest

from _browser import browser_page
from beleidslens.render import RenderOptions, render
from fixtures_analysis import make_analysis

pytestmark = pytest.mark.browser


def _write_report(tmp_path: Path, lang: str = "nl") -> Path:
    html = render(make_analysis(), "html", RenderOptions(lang=lang))
    assert isinstance(html, str)
    path = tmp_path / "rapport.html"
    path.write_text(html, encoding="utf-8")
    return path


def test_report_in_browser(tmp_path: Path) -> None:
    path = _write_report(tmp_path)
    with browser_page() as page:
        page.add_init_script("window.__xss = false;")
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        assert page.console_errors == []
        page.screenshot(path=str(tmp_path / "top.png"), full_page=True)

        # <script> in the document is shown as text and never runs
        assert page.evaluate("window.__xss === false")
        assert dialogs == []
        body_text = page.inner_text("#theme-digitaal")
        assert "<script>alert(1)</script>" in body_text
        assert page.locator("script:not([type])").count() == 1  # only our own

        # "toon in context" opens the passage highlighted, in view
        link = page.locator("#theme-digitaal a.ctx").first
        assert link.inner_text() == "toon in context"
        link.click()
        mark = page.locator("#doctext mark")
        mark.wait_for(state="visible")
        assert "cybercriminaliteit aan & versterken" in mark.inner_text()
        assert "<script>alert(1)</script>" in mark.inner_text()
        inside = page.evaluate(
            """() => { const r = document.querySelector('#doctext mark').getBoundingClientRect();
                 return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight
                        && r.right <= window.innerWidth && r.height > 0; }"""
        )
        assert inside
        page.screenshot(path=str(tmp_path / "context.png"))
        page.click("#drawer-close")
        assert page.locator("#document").is_hidden()

        # search filters passages client-side (accent-insensitive)
        visible_before = page.locator("li.passage:visible").count()
        page.fill("#search", "klimaatfonds")
        visible = page.locator("li.passage:visible")
        assert visible.count() == 1
        assert "klimaatfonds" in visible.first.inner_text()
        assert page.inner_text("#search-count").strip() == "1 treffer"
        page.fill("#search", "de")  # many passages: the plural
        many = page.locator("li.passage:visible").count()
        assert many > 1
        assert page.inner_text("#search-count").strip() == f"{many} treffers"
        page.fill("#search", "financiele ideeen")  # folded away, without accents
        assert page.locator("li.passage:visible").count() == 1
        page.fill("#search", "")
        assert page.locator("li.passage.hidden-by-search").count() == 0
        assert page.locator("li.passage:visible").count() >= visible_before
        page.screenshot(path=str(tmp_path / "final.png"), full_page=True)
        assert page.console_errors == []


def test_report_english_in_browser(tmp_path: Path) -> None:
    path = _write_report(tmp_path, lang="en")
    with browser_page() as page:
        page.goto(path.as_uri())
        assert page.locator("a.ctx").first.inner_text() == "show in context"
        assert page.console_errors == []


def test_sample_document_report_in_browser(tmp_path: Path) -> None:
    """The real pipeline on the bundled sample agreement, opened in Chromium."""
    from beleidslens.analysis.pipeline import analyze
    from beleidslens.framework import load_framework
    from beleidslens.ingest import load_document

    repo = Path(__file__).resolve().parents[2]
    analysis = analyze(
        load_document(repo / "examples" / "voorbeeldakkoord.txt"), load_framework("kwetsbaarheden")
    )
    html = render(analysis, "html")
    assert isinstance(html, str)
    path = tmp_path / "voorbeeld.html"
    path.write_text(html, encoding="utf-8")
    with browser_page() as page:
        page.goto(path.as_uri())
        assert page.console_errors == []
        links = page.locator("a.ctx:visible")
        assert links.count() > 0
        last = links.nth(links.count() - 1)
        passage_text = last.locator("xpath=ancestor::li[1]//blockquote").inner_text()
        last.scroll_into_view_if_needed()
        last.click()
        mark = page.locator("#doctext mark")
        mark.wait_for(state="visible")
        assert " ".join(mark.inner_text().split()) == " ".join(passage_text.split())
        assert page.evaluate(
            """() => { const r = document.querySelector('#doctext mark').getBoundingClientRect();
                 return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }"""
        )
        page.screenshot(path=str(tmp_path / "voorbeeld-context.png"))
        assert page.console_errors == []


def test_long_theme_labels_stay_clear_of_their_bars_and_no_local_path(tmp_path: Path) -> None:
    analysis = make_analysis()
    long_labels = [
        "Maatschappelijke kwetsbaarheid, WWWW MMMM en bestaanszekerheid voor iedereen",
        "Overige bijdrage aan de Maatschappelijke Waarde van Werk en Welzijn",
        "Kort",
    ]
    themes = [
        th.model_copy(update={"label": label})
        for th, label in zip(analysis.themes, long_labels, strict=False)
    ] + analysis.themes[len(long_labels) :]
    document = analysis.document.model_copy(update={"name": "/home/analist/geheim/akkoord.txt"})
    html = render(analysis.model_copy(update={"themes": themes, "document": document}), "html")
    assert isinstance(html, str)
    assert "/home/analist" not in html
    path = tmp_path / "lang.html"
    path.write_text(html, encoding="utf-8")
    with browser_page() as page:
        page.goto(path.as_uri())
        boxes = page.evaluate(
            """() => [...document.querySelectorAll('svg.coverage .cov-row')].map(row => {
                 const label = row.querySelector('.cov-label').getBBox();
                 const track = row.querySelector('rect.track').getBBox();
                 return [label.x + label.width, track.x];
               })"""
        )
        assert len(boxes) == len(themes)
        for label_end, bar_start in boxes:
            assert label_end <= bar_start - 4, boxes
        assert "akkoord.txt" in page.inner_text("header")
        assert page.console_errors == []
