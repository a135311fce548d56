"""The reading page in a real browser (Debian's Chromium under Playwright): the highlighting
and view switches change what is shown, and apparatus notes and index entries open in a panel
by mouse and by keyboard."""
from __future__ import annotations

import pytest

from browser_support import record_problems, tab_to

READING = "sources/notes.html"  # has persons, slips (sic/corr), an artefact and contested claims


@pytest.fixture()
def reading(page, site_url):
    problems = record_problems(page)
    page.goto(site_url + READING)
    page.wait_for_selector("#reading-controls:not([hidden])")
    yield page
    assert not problems.all(), problems.all()


def background(page, selector: str) -> str:
    return page.eval_on_selector(selector, "el => getComputedStyle(el).backgroundColor")


def test_controls_are_shown_only_with_the_script(browser, site_url) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + READING)
        assert page.locator("#reading-controls").is_hidden()
        # without the script everything is on the page: both readings and every note
        assert page.locator(".tei-sic").first.is_visible() and page.locator(".tei-corr").first.is_visible()
        assert page.locator("[id^='note-claim-']").count() > 0
    finally:
        context.close()


@pytest.mark.parametrize("kind", ["person", "place", "org", "date", "num"])
def test_highlight_switch_changes_what_is_shown(reading, kind: str) -> None:
    """By default only the contested claims are highlighted; every other layer on demand."""
    entity = f"#reading .source-text .ent-{kind}"
    box = reading.locator(f"input[name='highlight'][value='{kind}']")
    assert not box.is_checked()
    assert background(reading, entity) in ("rgba(0, 0, 0, 0)", "transparent"), f"{kind} is highlighted at first"
    box.check()
    assert "hl-" + kind in reading.get_attribute("#reading", "class").split()
    marked = background(reading, entity)
    assert marked not in ("rgba(0, 0, 0, 0)", "transparent")
    # the other kinds stay as they were
    other = "person" if kind != "person" else "place"
    assert background(reading, f"#reading .source-text .ent-{other}") in ("rgba(0, 0, 0, 0)", "transparent")
    assert reading.locator("input[name='highlight'][value='claim']").is_checked()
    box.uncheck()
    assert background(reading, entity) in ("rgba(0, 0, 0, 0)", "transparent")


def test_claim_highlight_switch(reading) -> None:
    claim = "#reading .source-text .seg-claim"
    before = background(reading, claim)
    reading.locator("input[name='highlight'][value='claim']").uncheck()
    assert background(reading, claim) != before


def test_edited_view_is_the_default(reading) -> None:
    assert reading.locator("input[name='view'][value='edited']").is_checked()
    assert "view-edited" in reading.get_attribute("#reading", "class").split()
    assert reading.locator(".source-text .tei-corr").first.is_visible()
    assert reading.locator(".source-text .tei-sic").first.is_hidden()
    assert reading.locator(".source-text .artefact").first.is_hidden()


def test_diplomatic_view_shows_sic_and_artefacts(reading) -> None:
    sic, corr = reading.locator(".source-text .tei-sic").first, reading.locator(".source-text .tei-corr").first
    artefact = reading.locator(".source-text .artefact").first
    assert sic.inner_text() == "Bourgeosis" and corr.is_visible()
    reading.locator("input[name='view'][value='diplomatic']").check()
    assert sic.is_visible() and corr.is_hidden() and artefact.is_visible()
    assert "Bourgeosis" in reading.locator(".source-text").inner_text()
    reading.locator("input[name='view'][value='edited']").check()
    assert sic.is_hidden() and corr.is_visible() and artefact.is_hidden()


def panel_text(page) -> str:
    panel = page.locator("#pe-panel")
    panel.wait_for(state="visible")
    return panel.inner_text()


def test_apparatus_note_opens_by_mouse(reading) -> None:
    sign = reading.locator("#reading .source-text a.note-sign").first
    note_id = sign.get_attribute("data-note")
    sign.click()
    text = panel_text(reading)
    assert reading.locator(f"#{note_id}").inner_text().strip()[:40] in text
    assert sign.get_attribute("aria-expanded") == "true"
    assert reading.evaluate("document.activeElement.classList.contains('pe-panel-close')")
    reading.locator("#pe-panel .pe-panel-close").click()
    assert reading.locator("#pe-panel").is_hidden()
    assert reading.evaluate("document.activeElement.classList.contains('note-sign')"), "focus goes back to the sign"


def test_apparatus_note_opens_by_keyboard(reading) -> None:
    selector = "#reading .source-text a.note-sign"
    tab_to(reading, selector)
    reading.keyboard.press("Enter")
    text = panel_text(reading)
    note_id = reading.get_attribute(selector, "data-note")
    assert reading.locator(f"#{note_id}").inner_text().strip()[:40] in text
    assert reading.url.endswith(READING), "the panel opens in place; the page does not jump"
    reading.keyboard.press("Escape")
    assert reading.locator("#pe-panel").is_hidden()
    assert reading.evaluate("sel => document.activeElement === document.querySelector(sel)", selector)


def test_entity_panel_opens_by_mouse(reading) -> None:
    reading.locator("#reading .source-text a.ent-person[data-ref='per-yezhov']").first.click()
    text = panel_text(reading)
    assert "Nikolai Yezhov" in text and "Ezhov" in text  # the index entry with its variant spellings
    assert reading.locator("#pe-panel-title").inner_text() == "Nikolai Yezhov"


def test_entity_panel_opens_by_keyboard(reading) -> None:
    selector = "#reading .source-text a.ent-person[data-ref='per-yezhov']"
    tab_to(reading, selector)
    reading.keyboard.press("Enter")
    assert "Nikolai Yezhov" in panel_text(reading)
    # the panel's own controls are reachable: Tab from the close button stays usable
    assert reading.evaluate("document.activeElement.classList.contains('pe-panel-close')")
    reading.keyboard.press("Enter")  # Enter on the close button closes it
    assert reading.locator("#pe-panel").is_hidden()


def test_entity_link_works_without_the_panel(browser, site_url) -> None:
    """Without JavaScript the same link leads to the entity's index entry page."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + READING)
        page.locator("#reading .source-text a.ent-person[data-ref='per-yezhov']").first.click()
        page.wait_for_url("**/indexes/persons/per-yezhov.html")
        assert page.locator("h1").inner_text() == "Nikolai Yezhov"
    finally:
        context.close()
