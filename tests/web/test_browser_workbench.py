"""The workbench as a user drives it: headless Debian Chromium through the whole flow."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from _browser import browser_page
from beleidslens.web.app import create_app
from test_web_support import live_server

REPO = Path(__file__).resolve().parents[2]
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


# -- the points of issue 12 item 6, on our own small sample with the fake engine -------------
def _fast_review(page: Any, base: str, tmp: Path) -> None:
    """Upload the sample, analyse it with the fake engine, open the review of 'economie'."""
    from test_web_support import SAMPLE_FRAMEWORK, SAMPLE_TEXT

    p = page
    path = tmp / "akkoord.txt"
    extra = "\n4. Meer werk\n\nOndernemers en werkenden krijgen hulp bij scholing; het minimumloon stijgt.\n"
    path.write_text(SAMPLE_TEXT + extra, encoding="utf-8")
    p.goto(base + "/new")
    p.set_input_files("input[name=file]", str(path))
    p.click("form[action='/documents'] button[type=submit]")
    p.wait_for_url(re.compile(r"/documents/\d+$"))
    p.fill("textarea[name=framework_yaml]", SAMPLE_FRAMEWORK)
    p.click("#analyze")
    p.wait_for_selector(".workbench")
    p.goto(p.url.split("?")[0] + "?theme=economie")
    p.wait_for_selector(".workbench")


@pytest.fixture
def fast_app(tmp_path: Path) -> Any:
    from test_web_support import fake_analyze

    return create_app(tmp_path / "wb.sqlite3", analyze=fake_analyze)


@pytest.mark.browser
def test_the_keyboard_cursor_follows_the_mouse(fast_app: Any, tmp_path: Path) -> None:
    with live_server(fast_app) as base, browser_page() as page:
        _fast_review(page, base, tmp_path)
        cards = page.locator("#cards .passage")
        assert cards.count() >= 3
        keys = [cards.nth(i).get_attribute("data-key") for i in range(3)]
        assert "current" in (cards.nth(0).get_attribute("class") or "")
        # reject the second card with the mouse: it becomes the current card
        page.click(f"#c-{keys[1]} .act-reject")
        page.wait_for_selector(f"#c-{keys[1]}.state-rejected.current")
        # j then a acts on the card after the one clicked (was: on the second card again)
        page.keyboard.press("j")
        page.wait_for_selector(f"#c-{keys[2]}.current")
        page.keyboard.press("a")
        page.wait_for_selector(f"#c-{keys[2]}.state-accepted")
        assert "state-rejected" in (page.locator(f"#c-{keys[1]}").get_attribute("class") or "")
        assert "state-pending" in (page.locator(f"#c-{keys[0]}").get_attribute("class") or "")
        # a click on the text of a card moves the cursor too
        page.click(f"#c-{keys[0]} .ptext")
        page.wait_for_selector(f"#c-{keys[0]}.current")
        assert not page.console_errors, page.console_errors


@pytest.mark.browser
def test_a_text_selection_snaps_to_whole_words(fast_app: Any, tmp_path: Path) -> None:
    with live_server(fast_app) as base, browser_page() as page:
        _fast_review(page, base, tmp_path)
        # select from inside "zonnepanelen" to inside "scholen"
        page.evaluate(
            """() => {
              const pane = document.getElementById("doctext");
              const walker = document.createTreeWalker(pane, NodeFilter.SHOW_TEXT);
              let node;
              while ((node = walker.nextNode())) {
                const i = node.data.indexOf("zonnepanelen op alle scholen");
                if (i < 0) continue;
                const range = document.createRange();
                range.setStart(node, i + 5);
                range.setEnd(node, i + "zonnepanelen op alle sch".length);
                const sel = window.getSelection();
                sel.removeAllRanges();
                sel.addRange(range);
                pane.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
                return;
              }
              throw new Error("sample sentence not in the text view");
            }"""
        )
        page.wait_for_selector("#add-form:not([hidden])")
        assert page.locator("#add-form .preview").inner_text() == "zonnepanelen op alle scholen"
        assert page.input_value("#add-form input[name=text]") == "zonnepanelen op alle scholen"
        page.click("#add-form button[type=submit]")
        page.wait_for_selector("#cards .passage .badge.human")
        added = page.locator("#cards .passage:has(.badge.human) mark.hit").first.inner_text()
        assert added == "zonnepanelen op alle scholen"
        assert not page.console_errors, page.console_errors


@pytest.mark.browser
@pytest.mark.parametrize("width", [1366, 700])
def test_forms_stay_inside_their_cards(fast_app: Any, tmp_path: Path, width: int) -> None:
    with live_server(fast_app) as base, browser_page({"width": width, "height": 900}) as page:
        page.goto(base + "/new")
        assert "50 MB" in page.locator("form[action='/documents']").inner_text()
        assert "50 MB" in page.locator("form[action='/import']").inner_text()
        client = page.context.request
        html = client.get(base + "/new").text()
        token = re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)  # type: ignore[union-attr]
        from test_web_support import SAMPLE_TEXT

        r = client.post(
            base + "/documents",
            multipart={
                "csrf_token": token,
                "file": {"name": "a.txt", "mimeType": "text/plain", "buffer": SAMPLE_TEXT.encode()},
            },
            max_redirects=0,
        )
        page.goto(base + str(r.headers["location"]))
        page.wait_for_selector("form.card")
        assert "50 MB" in page.locator("form.card").inner_text()
        overflow = page.evaluate(
            """() => {
              const card = document.querySelector("form.card");
              const box = card.getBoundingClientRect();
              const out = [];
              for (const el of card.querySelectorAll("*")) {
                const r = el.getBoundingClientRect();
                if (r.width && (r.right > box.right + 0.5 || r.left < box.left - 0.5))
                  out.push(el.tagName + "." + el.className + " " + Math.round(r.right - box.right));
              }
              if (card.scrollWidth > card.clientWidth + 1) out.push("card scrolls");
              if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push("page");
              return out;
            }"""
        )
        assert overflow == [], overflow


@pytest.mark.browser
def test_a_stale_aspect_verdict_gets_the_notice(fast_app: Any, tmp_path: Path) -> None:
    with live_server(fast_app) as base, browser_page() as page:
        _fast_review(page, base, tmp_path)
        aspect = page.locator(".aspects .aspect").first
        aspect_id = aspect.get_attribute("id")
        other = page.context.new_page()
        other.goto(page.url)
        other.select_option(f"#{aspect_id} select[name=status]", "not_addressed")
        other.click(f"#{aspect_id} button[type=submit]")
        other.wait_for_selector(f"#{aspect_id}.is-decided")
        other.close()
        page.select_option(f"#{aspect_id} select[name=status]", "addressed")
        page.click(f"#{aspect_id} button[type=submit]")
        page.wait_for_selector(f"#{aspect_id} .clash")
        notice = page.locator(f"#{aspect_id} .clash").inner_text()
        assert "ander venster" in notice and "niet geadresseerd" in notice
        # the answer carries the new version: the next verdict from this page is not stale
        page.select_option(f"#{aspect_id} select[name=status]", "uncertain")
        page.click(f"#{aspect_id} button[type=submit]")
        page.wait_for_selector(f"#{aspect_id}.status-uncertain")
        assert page.locator(f"#{aspect_id} .clash").count() == 0
        assert not page.console_errors, page.console_errors


@pytest.mark.browser
def test_trimming_sends_the_cards_current_version(fast_app: Any, tmp_path: Path) -> None:
    """The trim list is rendered once per card (cached), so its forms take the version from
    the card's own form (hx-include): the current one after a decision on this page, and
    a stale one, with the notice, after a decision in another window."""
    with live_server(fast_app) as base, browser_page() as page:
        _fast_review(page, base, tmp_path)
        trimmable = page.locator("#cards .passage:has(details.trim)")
        assert trimmable.count() >= 2
        keys = [trimmable.nth(i).get_attribute("data-key") for i in range(2)]
        sent: list[str] = []
        page.on("request", lambda r: sent.append(r.post_data or "") if "/decide" in r.url else None)

        def trim(key: str | None) -> None:
            page.click(f"#c-{key} details.trim summary")
            page.click(f"#c-{key} details.trim button[value=trim]")

        # this page decided last: the trim carries that version and gets no notice
        page.click(f"#c-{keys[0]} .act-accept")
        page.wait_for_selector(f"#c-{keys[0]}.state-accepted[data-version='1']")
        trim(keys[0])
        page.wait_for_selector(f"#c-{keys[0]}[data-version='2']")
        assert "seen_version=1" in sent[-1]
        assert page.locator(f"#c-{keys[0]} .clash").count() == 0
        # another window decided since this page's last answer: the notice
        page.click(f"#c-{keys[1]} .act-accept")
        page.wait_for_selector(f"#c-{keys[1]}[data-version='1']")
        other = page.context.new_page()
        other.goto(page.url)
        other.click(f"#c-{keys[1]} .act-reject")
        other.wait_for_selector(f"#c-{keys[1]}.state-rejected")
        other.close()
        trim(keys[1])
        page.wait_for_selector(f"#c-{keys[1]} .clash")
        assert "seen_version=1" in sent[-1]
        assert "ander venster" in page.locator(f"#c-{keys[1]} .clash").inner_text()
        assert not page.console_errors, page.console_errors
