"""The reading pages as a reader meets them, in Chromium at a phone's and a desktop's size: the
text on the first phone screen, no raw id in visible text on any page type, every note sign
with the register's verdict, the note panel below the navigation with the scholarship in view,
the notes in the margin on a wide screen, the numbering of notes, paragraphs and page breaks,
and no stray space where the edited view hides a gloss."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser_support import PHONE, page_types, record_problems

WIDE = {"width": 1366, "height": 900}
VERDICTS = {"contradicted", "qualified", "disputed", "consistent", "uncheckable"}

# every text node a reader can see, outside code examples (the encoding guidelines show ids on
# purpose, as code)
VISIBLE_TEXT = """() => {
  const out = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const el = walk.currentNode.parentElement;
    if (!el || el.closest('code, pre, script, style, template')) { continue; }
    if (!el.checkVisibility({ visibilityProperty: true })) { continue; }
    out.push(walk.currentNode.data);
  }
  return out.join(' ');
}"""


def reading_pages(site: Path) -> list[str]:
    return sorted(p for name, p in page_types(site).items() if name.startswith("reading-"))


def sigla(site: Path) -> list[str]:
    return sorted(Path(p).stem for p in reading_pages(site))


def raw_ids(text: str, site: Path) -> list[str]:
    """Ids of the TEI as a reader must never see them: a source's (notes-head6, infolist-num111),
    a claim's, an index entry's or a witness's."""
    # an id after "#" is an address's fragment shown as one (how to cite a paragraph), not a label
    patterns = [rf"(?<!#)\b(?:{'|'.join(map(re.escape, sigla(site)))})-[a-z]+\d+\b",
                r"(?<!#)\bclaim-[a-z0-9]+(?:-[a-z0-9]+)+\b", r"(?<!#)\b(?:per|pla|org|bib|wit)-[a-z]+(?:-[a-z0-9]+)*\d*\b"]
    return sorted({m.group(0) for p in patterns for m in re.finditer(p, text)})


@pytest.fixture()
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(20_000)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture()
def wide(browser):
    context = browser.new_context(viewport=WIDE)
    context.set_default_timeout(20_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_the_text_begins_on_the_first_phone_screen(phone, site_url, built_site) -> None:
    for path in reading_pages(built_site):
        problems = record_problems(phone)
        phone.goto(site_url + path)
        top = phone.evaluate("""() => {
          const blocks = document.querySelectorAll('.source-text p, .source-text li, .source-text td');
          for (const b of blocks) {
            if (b.checkVisibility() && b.innerText.trim().split(/\\s+/).length > 2) { return b.getBoundingClientRect().top; }
          }
          return null; }""")
        assert top is not None, path
        assert top < PHONE["height"] - 60, f"{path}: the text begins at {top:.0f} px, below the first screen"
        # the reading options are folded on the phone, but there
        assert phone.locator("#reading-options").is_visible() and not phone.locator("#reading-controls").is_visible()
        assert not problems.all(), problems.all()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_no_raw_id_in_visible_text(browser, site_url, built_site, size: str) -> None:
    context = browser.new_context(viewport=WIDE if size == "desktop" else PHONE)
    try:
        page = context.new_page()
        pages = page_types(built_site)
        found = {}
        for name, path in pages.items():
            if size == "phone" and not name.startswith("reading-"):
                continue
            page.goto(site_url + path)
            ids = raw_ids(page.evaluate(VISIBLE_TEXT), built_site)
            if ids:
                found[name] = ids[:8]
        assert not found, f"raw ids shown to readers: {found}"
    finally:
        context.close()


def test_every_note_sign_carries_its_verdict(wide, site_url, built_site) -> None:
    for path in reading_pages(built_site):
        wide.goto(site_url + path)
        signs = wide.evaluate("""() => Array.from(document.querySelectorAll('.source-text .note-sign')).map(s => ({
            id: s.id, verdict: s.dataset.verdict, cls: s.className, words: s.getAttribute('title') || '',
            mark: getComputedStyle(s.querySelector('.sign-verdict') || s, '::before').content }))""")
        for sign in signs:
            assert sign["verdict"] in VERDICTS, f"{path} #{sign['id']}: no verdict"
            assert f"pe-verdict-{sign['verdict']}" in sign["cls"].split()
            assert "Verdict: " in sign["words"] and "not yet given" not in sign["words"], sign
            # a mark as well as a colour (never colour alone)
            assert sign["mark"] not in ("none", "normal", '""'), f"{path} #{sign['id']}: no verdict mark"


def test_the_note_panel_stays_below_the_navigation_and_shows_the_scholarship(wide, site_url, built_site) -> None:
    for path in reading_pages(built_site):
        wide.goto(site_url + path)
        signs = wide.locator(".source-text a.note-sign")
        if signs.count() == 0:
            continue
        wide.evaluate("window.scrollTo(0, 0)")
        # a sign whose note cites the scholarship
        index = wide.evaluate("""() => Array.from(document.querySelectorAll('.source-text a.note-sign')).findIndex(s => {
            const n = document.getElementById(s.dataset.note); return n && n.querySelector('.pe-app-scholarship'); })""")
        if index < 0:
            continue
        sign = signs.nth(index)
        sign.scroll_into_view_if_needed()
        wide.evaluate("window.scrollTo(0, 0)")
        sign.evaluate("el => el.click()")
        panel = wide.locator("#pe-panel")
        panel.wait_for(state="visible")
        box = panel.bounding_box()
        nav = wide.locator(".site-header").bounding_box()
        assert box["y"] >= nav["y"] + nav["height"], f"{path}: the panel covers the navigation"
        assert box["y"] + box["height"] <= WIDE["height"], f"{path}: the panel runs off the screen"
        scholarship = panel.locator(".pe-app-scholarship").bounding_box()
        assert scholarship["y"] < box["y"] + box["height"], f"{path}: the scholarship is below the panel's view"
        wide.keyboard.press("Escape")


def test_notes_sit_in_the_margin_on_a_wide_screen(wide, site_url, built_site) -> None:
    for path in reading_pages(built_site):
        wide.goto(site_url + path)
        wide.wait_for_load_state("load")
        signs = wide.evaluate("new Set(Array.from(document.querySelectorAll('.source-text a.note-sign'))"
                              ".filter(s => s.checkVisibility()).map(s => s.dataset.note)).size")
        notes = wide.locator(".margin-notes .margin-note")
        assert notes.count() == signs, path
        boxes = [notes.nth(i).bounding_box() for i in range(notes.count())]
        text = wide.locator(".source-text").bounding_box()
        for a, b in zip(boxes, boxes[1:]):
            assert a["y"] + a["height"] <= b["y"] + 0.5, f"{path}: margin notes overlap"
        assert all(b["x"] >= text["x"] + text["width"] for b in boxes), f"{path}: a margin note covers the text"
        if boxes:
            notes.first.click()
            wide.locator("#pe-panel").wait_for(state="visible")


def test_notes_numbered_per_text_and_kind_paragraphs_without_gaps(wide, site_url, built_site) -> None:
    for path in reading_pages(built_site):
        wide.goto(site_url + path)
        facts = wide.evaluate("""() => ({
            source: Array.from(document.querySelectorAll('section.footnotes:not(.editorial-notes) li')).map(l => l.value),
            editors: Array.from(document.querySelectorAll('section.editorial-notes li')).map(l => l.value),
            signs: Array.from(document.querySelectorAll('.source-text .fn-editorial sup')).map(s => s.textContent),
            pnums: Array.from(document.querySelectorAll('.source-text .pnum')).filter(a => a.checkVisibility())
              .map(a => Number(a.textContent)),
            claims: Array.from(document.querySelectorAll('.app-notes > li')).map(l => l.value) })""")
        for key in ("source", "editors", "claims", "pnums"):
            assert facts[key] == list(range(1, len(facts[key]) + 1)), f"{path}: {key} numbered {facts[key]}"
        assert facts["signs"] == [chr(96 + n) for n in facts["editors"]][:len(facts["signs"])]


def test_page_breaks_are_citable_markers(wide, site_url, built_site) -> None:
    for path in reading_pages(built_site):
        wide.goto(site_url + path)
        markers = wide.locator(".source-text .pb-marker")
        for i in range(markers.count()):
            marker = markers.nth(i)
            assert marker.get_attribute("id")
            if marker.evaluate("el => el.tagName") == "A":
                assert marker.get_attribute("href") == "#" + marker.get_attribute("id")
            assert marker.inner_text().strip().endswith(str(i + 1))


def test_no_stray_space_where_the_edited_view_hides_a_gloss(wide, site_url, built_site) -> None:
    for path in reading_pages(built_site):
        wide.goto(site_url + path)
        text = wide.inner_text(".source-text")
        stray = re.findall(r".{12}\w [,;:)].{8}", text)
        assert not stray, f"{path}: {stray[:5]}"


def test_search_excerpts_do_not_run_words_together(built_site) -> None:
    """What Pagefind indexes keeps blocks apart ("Figure 681,692", not "Figure681,692") and leaves
    out what is no word of a text (note signs, paragraph numbers, page-break markers)."""
    import gzip
    import json

    joined = []
    for fragment in sorted((built_site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        record = json.loads(data[data.index(b"{"):])
        content = record.get("content", "")
        joined += [(record.get("url"), content[max(0, m.start() - 20):m.end() + 20])
                   for m in re.finditer(r"(?<![/.=%])\b[A-Za-z]+[0-9]{1,3}(?:,[0-9]{3})+|(?<!%)(?<!%[0-9A-F])[0-9][A-Z][a-z]", content)]
    assert not joined, joined[:5]


def test_each_source_is_named_by_its_one_short_title_on_its_page_and_in_the_claims(built_site: Path) -> None:
    """The short title of tei/edition.xml, and only it, heads each reading page and each source's
    column of a claim page (reading pages get the description without its list of sources: the
    name must come from the catalogue then)."""
    from lxml import html

    from teipub.edition import load_edition
    from teipub.project import PATHS

    sources = load_edition(PATHS.tei).sources
    for source in sources:
        page = html.parse(str(built_site / "sources" / f"{source.siglum}.html"))
        heading = " ".join(page.xpath("string(//h1)").split())
        assert heading.endswith(source.title), (source.siglum, heading)
    for claim_page in sorted((built_site / "claims").glob("claim-*.html")):
        claim = html.parse(str(claim_page))
        for source in sources:
            for column in claim.xpath(f"//*[@id='syn-col-{source.siglum}']"):
                head = " ".join(column.xpath("string((.//h3 | .//h4 | .//a)[1])").split())
                assert source.title in head, (claim_page.name, source.siglum, head)
