"""The workbench as a user drives it: headless Debian Chromium through the whole flow."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from _browser import browser_page
from beleidslens.web.app import create_app
from test_web_support import live_server

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "examples" / "voorbeeldakkoord.txt"


def _section(markdown: str, label: str, labels: list[str]) -> str:
    """The part of the Markdown report under theme ``label`` (up to the next theme label)."""
    lines = markdown.splitlines()
    out: list[str] = []
    inside = False
    for line in lines:
        bare = line.lstrip("#").strip()
        if bare in labels:
            inside = bare == label
            continue
        if inside:
            out.append(line)
    return "\n".join(out)


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


@pytest.mark.browser
def test_review_flow_by_keyboard_and_export(tmp_path: Path) -> None:
    assert SAMPLE.exists(), "examples/voorbeeldakkoord.txt is part of the repository"
    app = create_app(tmp_path / "wb.sqlite3")  # the real analysis pipeline
    with live_server(app) as base, browser_page({"width": 1366, "height": 768}) as page:
        page.set_default_timeout(60_000)
        page.goto(base + "/new")
        page.set_input_files("input[name=file]", str(SAMPLE))
        page.click("form[action='/documents'] button[type=submit]")
        page.wait_for_url(re.compile(r"/documents/\d+$"))
        page.check("input[name=builtin][value=kwetsbaarheden]")
        assert page.is_checked("input[name=backend][value='lexical.v2']")
        page.click("#analyze")
        page.wait_for_selector(".workbench", timeout=120_000)

        # pick a theme with at least three passages
        hrefs = [a.get_attribute("href") for a in page.locator("nav.themes li a").element_handles()]
        for href in hrefs:
            if page.locator("#cards .passage").count() >= 3:
                break
            page.goto(base + str(href))
            page.wait_for_selector(".workbench")
        cards = page.locator("#cards .passage")
        assert cards.count() >= 3
        theme_label = page.locator("section.review h1").inner_text().strip()
        labels = [a.strip() for a in page.locator("nav.themes li a").all_inner_texts()]
        texts = [cards.nth(i).locator("mark.hit").inner_text() for i in range(3)]
        keys = [cards.nth(i).get_attribute("data-key") for i in range(3)]

        # the first card is focused on load: accept, reject, move by keyboard
        assert "current" in (cards.nth(0).get_attribute("class") or "")
        page.keyboard.press("a")
        page.wait_for_selector(f"#c-{keys[0]}.state-accepted")
        page.wait_for_selector(f"#c-{keys[1]}.current")
        page.keyboard.press("r")
        page.wait_for_selector(f"#c-{keys[1]}.state-rejected")
        page.wait_for_selector(f"#c-{keys[2]}.current")
        page.keyboard.press("m")
        page.wait_for_selector("#move-dialog[open]")
        target_label = (
            page.locator("#move-dialog .move-target[data-n='1']").inner_text().split(" ", 1)[1]
        ).strip()
        page.keyboard.press("1")
        page.wait_for_selector(f"#c-{keys[2]}.state-moved_out")
        assert page.locator("#cards .clash").count() == 0  # the page's versions were current

        # a second tab changes the first passage; this (now stale) tab's decision is still
        # recorded and the card says so
        other = page.context.new_page()
        other.goto(page.url)
        other.click(f"#c-{keys[0]} .act-reject")
        other.wait_for_selector(f"#c-{keys[0]}.state-rejected")
        other.close()
        page.click(f"#c-{keys[0]} .act-accept")
        page.wait_for_selector(f"#c-{keys[0]}.state-accepted .clash")
        assert "ander venster" in page.locator(f"#c-{keys[0]} .clash").inner_text()
        page.screenshot(path=str(tmp_path / "workbench.png"))

        # add a passage by selecting text in the document view
        page.evaluate(
            """() => {
              const pane = document.getElementById("doctext");
              const walker = document.createTreeWalker(pane, NodeFilter.SHOW_TEXT);
              let node;
              while ((node = walker.nextNode())) {
                if (node.parentElement !== pane) continue;
                const m = /[A-Z][^\\n]{60,}/.exec(node.data);
                if (!m) continue;
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + 60);
                const sel = window.getSelection();
                sel.removeAllRanges();
                sel.addRange(range);
                pane.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
                return;
              }
            }"""
        )
        page.wait_for_selector("#add-form:not([hidden])")
        page.click("#add-form button[type=submit]")
        page.wait_for_selector("#cards .passage .badge.human")
        added = page.locator("#cards .passage:has(.badge.human) mark.hit").first.inner_text()

        # reload: the decisions are still there
        page.reload()
        page.wait_for_selector(f"#c-{keys[0]}.state-accepted")
        page.wait_for_selector(f"#c-{keys[1]}.state-rejected")
        assert page.locator(".review-counter strong").inner_text().strip() != "0"

        page.click("details.menu summary")
        with page.expect_download() as dl:
            page.click("a.export-markdown")
        out = tmp_path / "report.md"
        dl.value.save_as(out)
        assert not page.console_errors, page.console_errors

    markdown = _norm(out.read_text(encoding="utf-8"))
    own = _norm(_section(out.read_text(encoding="utf-8"), theme_label, labels))
    target = _norm(_section(out.read_text(encoding="utf-8"), target_label, labels))
    assert _norm(texts[0])[:60] in own
    assert _norm(texts[1])[:60] not in own
    assert _norm(texts[2])[:60] not in own
    assert _norm(texts[2])[:60] in target
    assert _norm(added) in own
    assert markdown
