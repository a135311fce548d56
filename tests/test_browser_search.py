"""Search in a real browser: Pagefind's interface on search.html, served by the edition itself,
finds a person by a variant spelling, filters by entity type, source and genre, and the search
box in every page's header leads to it."""
from __future__ import annotations

import pytest

from browser_support import PERSON, PERSON_ENTRY, VARIANT, record_problems

RESULT = ".pagefind-ui__result"
RESULT_LINK = ".pagefind-ui__result-link"


@pytest.fixture()
def search(page, site_url):
    problems = record_problems(page)
    page.goto(site_url + "search.html")
    page.wait_for_selector(".pagefind-ui__search-input")
    yield page
    assert not problems.all(), problems.all()


def run_query(page, text: str) -> list[str]:
    box = page.locator(".pagefind-ui__search-input")
    box.click()
    page.keyboard.type(text, delay=20)
    return result_titles(page, text)


def result_titles(page, text: str) -> list[str]:
    """The titles of the results of the query `text`, once the interface has shown them all."""
    page.wait_for_selector(RESULT)
    page.wait_for_function(
        "q => (document.querySelector('.pagefind-ui__message') || {}).textContent?.includes(q)", arg=text)
    # The interface fills in each result's title as its fragment arrives: read them once none is
    # still loading, or a snapshot may hold only the first few.
    page.wait_for_function("() => !document.querySelector('.pagefind-ui__loading')")
    return page.locator(RESULT_LINK).all_inner_texts()


def test_a_variant_spelling_finds_the_person(search, site_url) -> None:
    titles = run_query(search, VARIANT)
    assert any(PERSON in t for t in titles), titles
    first = search.locator(RESULT_LINK).first
    assert PERSON in first.inner_text()
    assert first.get_attribute("href").endswith(PERSON_ENTRY)
    first.click()
    search.wait_for_url("**/" + PERSON_ENTRY)
    assert "Also written" in search.locator("main").inner_text()


def test_the_sources_text_is_searched(search) -> None:
    titles = run_query(search, "Bourgeosis")  # a slip of the student's notes, only in that source
    assert any("revision notes" in t for t in titles), titles


def filter_box(page, group: str, value: str):
    section = page.locator("details.pagefind-ui__filter-block", has_text=group)
    if section.get_attribute("open") is None:
        section.locator("summary").click()
    return section.locator("label", has_text=value).locator("xpath=preceding-sibling::input[1]")


def test_filters_by_entity_type_source_and_genre(search) -> None:
    run_query(search, "Moscow")
    groups = search.locator(".pagefind-ui__filter-name").all_inner_texts()
    for expected in ("Entity type", "Source", "Genre", "Page type"):
        assert any(expected in g for g in groups), groups
    places = filter_box(search, "Entity type", "Places")
    places.check()
    only(search, "/indexes/places/")
    hrefs = [a.get_attribute("href") for a in search.locator(RESULT_LINK).all()]
    assert hrefs and all("/indexes/places/" in h for h in hrefs), hrefs
    places.uncheck()
    filter_box(search, "Genre", "student notes").check()
    only(search, "/sources/notes.html")


def only(page, part: str) -> None:
    """Wait until the results are not empty and every one links to a URL containing `part`."""
    page.wait_for_function(
        "part => { const links = [...document.querySelectorAll('.pagefind-ui__result-link')];"
        " return links.length > 0 && links.every(a => a.href.includes(part)); }", arg=part)


def test_the_header_search_box_leads_to_the_results(page, site_url) -> None:
    problems = record_problems(page)
    page.goto(site_url + "index.html")
    page.fill("#site-search-q", VARIANT)
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=" + VARIANT)
    assert any(PERSON in t for t in result_titles(page, VARIANT))
    assert not problems.all(), problems.all()


def reading_pages_with(site, text: str) -> set[str]:
    """The reading pages whose source text holds `text`."""
    import lxml.html
    found = set()
    for path in sorted((site / "sources").glob("*.html")):
        doc = lxml.html.parse(str(path)).getroot()
        if any(text in el.text_content() for el in doc.xpath("//section[contains(@class, 'source-text')]"
                                                            " | //section[contains(@class, 'footnotes')]")):
            found.add("/sources/" + path.name)
    return found


@pytest.mark.parametrize("query, within", [("681,692", 4), (VARIANT, 5)])
def test_the_texts_do_not_rank_last(search, built_site, query: str, within: int) -> None:
    """A reading page that holds the words comes near the top, not after every short page that
    names them (the source's text weighs more; long pages are hardly penalised)."""
    holders = reading_pages_with(built_site, query)
    assert holders, query
    run_query(search, query)
    # the pages in ranked order (each result's own link, not its sub-results)
    hrefs = search.evaluate("() => [...document.querySelectorAll('.pagefind-ui__result')]"
                            ".map(r => r.querySelector('.pagefind-ui__result-link').getAttribute('href'))")
    ranks = [i for i, h in enumerate(hrefs, 1) if any(h.endswith(p) for p in holders)]
    assert ranks and ranks[0] <= within, (query, hrefs)


def test_on_the_phone_the_results_begin_near_the_top(browser, site_url) -> None:
    from browser_support import PHONE
    context = browser.new_context(viewport=PHONE)
    try:
        tab = context.new_page()
        tab.goto(site_url + "search.html?q=" + VARIANT, wait_until="networkidle")
        tab.wait_for_selector(RESULT)
        # measured once the interface has settled: every result and filter loaded, the styles applied
        tab.wait_for_function("() => !document.querySelector('.pagefind-ui__loading')")
        tab.wait_for_load_state("networkidle")
        top = tab.evaluate("() => document.querySelector('.pagefind-ui__result').getBoundingClientRect().top + scrollY")
        assert top < 500, top  # the four filter menus fold into two rows above the results
    finally:
        context.close()
