"""teipub.search: Pagefind run over a site, its summary read, failures turned into SearchError;
and on the built edition: what is indexed and what is not."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from teipub.search import BUNDLE, SearchError, index_site, pagefind_binary, parse_summary

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><header>site shell</header><main {body}><h1>{title}</h1>
<p class="badge" data-pagefind-filter="Genre">{genre}</p><p>{text}</p></main></body></html>"""


def write(site: Path, name: str, *, title: str, text: str, genre: str = "essay", indexed: bool = True) -> None:
    path = site / name
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "data-pagefind-body" if indexed else ""
    path.write_text(PAGE.format(title=title, text=text, genre=genre, body=body), encoding="utf-8")


def test_parse_summary_reads_the_totals() -> None:
    log = ("Language en:\n  Indexed 3 pages\n  Indexed 40 words\n  Indexed 2 filters\n"
           "Total:\n  Indexed 1 language\n  Indexed 3 pages\n  Indexed 40 words\n  Indexed 2 filters\n")
    assert parse_summary(log) == (3, 40, 2)
    assert parse_summary("Indexed 1 page\nIndexed 1 word\nIndexed 1 filter") == (1, 1, 1)
    assert parse_summary("nothing") == (0, 0, 0)


def test_the_package_ships_the_binary() -> None:
    assert pagefind_binary().is_file()


def test_index_a_small_site(tmp_path: Path) -> None:
    write(tmp_path, "index.html", title="Home", text="Nikolai Yezhov, also written Ezhov")
    write(tmp_path, "sub/page.html", title="Second", text="Genrikh Yagoda", genre="encyclopedia")
    write(tmp_path, "search.html", title="Search", text="not indexed", indexed=False)
    report = index_site(tmp_path)
    assert (report.pages, report.filters) == (2, 1)
    assert report.words >= 8
    bundle = tmp_path / BUNDLE
    assert report.bundle == bundle
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-entry.json"):
        assert (bundle / name).is_file(), name
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == 2


def test_indexing_is_repeatable(tmp_path: Path) -> None:
    """Same pages, same bundle: the build stays byte-identical."""
    write(tmp_path, "index.html", title="Home", text="Kirov was murdered in December 1934")
    index_site(tmp_path)
    first = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / BUNDLE).rglob("*") if p.is_file()}
    index_site(tmp_path)
    second = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / BUNDLE).rglob("*") if p.is_file()}
    assert first == second


def test_errors(tmp_path: Path) -> None:
    with pytest.raises(SearchError, match="no site"):
        index_site(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(SearchError, match="Pagefind failed"):
        index_site(tmp_path / "empty")
    fake = tmp_path / "pagefind-broken"
    fake.write_text("#!/bin/sh\necho 'Error: broken' >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    with pytest.raises(SearchError, match="exit 3"):
        index_site(tmp_path / "empty", binary=fake)


def test_the_time_pagefind_is_given_grows_with_the_pages(tmp_path: Path, monkeypatch) -> None:
    """A large site is not cut off after a fixed time: the limit is a base plus a time per page."""
    from teipub import search

    for i in range(4):
        write(tmp_path, f"p{i}.html", title=f"P{i}", text="words")
    slow = tmp_path / "pagefind-slow"
    slow.write_text("#!/bin/sh\nsleep 1\necho 'Indexed 4 pages'\n", encoding="utf-8")
    slow.chmod(0o755)
    monkeypatch.setattr(search, "TIMEOUT", 0.2)
    monkeypatch.setattr(search, "TIMEOUT_PER_PAGE", 0.05)  # 0.4 s in all: too short
    with pytest.raises(SearchError, match="timed out after 0.4"):
        index_site(tmp_path, binary=slow)
    monkeypatch.setattr(search, "TIMEOUT_PER_PAGE", 1.0)  # 4.2 s: enough
    assert index_site(tmp_path, binary=slow).pages == 4


def test_the_edition_is_indexed(built_site: Path) -> None:
    entry = json.loads((built_site / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = sum(lang["page_count"] for lang in entry["languages"].values())
    html = [p for p in built_site.rglob("*.html") if BUNDLE not in p.relative_to(built_site).parts]
    assert pages == len(html) - 2  # every page but search.html and 404.html
    assert "data-pagefind-body" not in (built_site / "404.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in (built_site / "search.html").read_text(encoding="utf-8")


def test_variant_spellings_are_in_the_indexed_text(built_site: Path) -> None:
    import lxml.html

    entry = lxml.html.parse(str(built_site / "indexes/persons/per-yezhov.html")).getroot()
    body = entry.xpath("//*[@data-pagefind-body]")
    assert len(body) == 1 and "Ezhov" in body[0].text_content()
    reading = lxml.html.parse(str(built_site / "sources/notes.html")).getroot()
    body = reading.xpath("//*[@data-pagefind-body]")[0]
    assert "Ezhov" in " ".join(body.xpath(".//*[@id='entry-per-yezhov']//text()"))


def entity_names(index: Path) -> dict[str, list[str]]:
    """Every entry of a TEI index (per-, pla-, org- ids) and all the names it records."""
    from lxml import etree

    from teipub.project import NS

    names = {}
    for entry in etree.parse(str(index)).xpath("//tei:person | //tei:place | //tei:org", namespaces=NS):
        ident = entry.get("{http://www.w3.org/XML/1998/namespace}id", "")
        if ident.startswith(("per-", "pla-", "org-")):
            found = entry.xpath("tei:persName | tei:placeName | tei:orgName", namespaces=NS)
            names[ident] = [" ".join("".join(n.itertext()).split()) for n in found]
    return names


@pytest.mark.parametrize("index,folder", [("persons", "persons"), ("places", "places"),
                                          ("organisations", "organisations")])
def test_every_recorded_name_is_searchable(built_site: Path, index: str, folder: str) -> None:
    """Whatever spelling the index records for an entity is text of that entity's indexed page."""
    import lxml.html

    from teipub.project import PATHS

    names = entity_names(PATHS.tei / "indexes" / f"{index}.xml")
    assert names
    missing = []
    for ident, spellings in names.items():
        page = built_site / "indexes" / folder / f"{ident}.html"
        assert page.is_file(), page
        body = lxml.html.parse(str(page)).getroot().xpath("//*[@data-pagefind-body]")
        text = " ".join(" ".join(body[0].itertext()).split()) if body else ""
        missing += [f"{ident}: {name!r}" for name in spellings if name and name not in text]
    assert not missing, "\n".join(missing[:30])


def test_the_chronologys_copies_of_the_sources_words_are_not_indexed(built_site: Path) -> None:
    """The words round a date in the chronology are copies of a source's text: the search finds
    them on the reading page, so those copies carry data-pagefind-ignore."""
    import lxml.html

    chronology = lxml.html.parse(str(built_site / "chronology.html")).getroot()
    contexts = chronology.xpath("//span[contains(@class, 'pe-context')]")
    assert contexts and all(c.get("data-pagefind-ignore") is not None for c in contexts)


def test_an_index_entry_indexes_the_names_not_the_words_round_them(built_site: Path) -> None:
    """On an index entry page the words round each mention are copies of the source's text (found
    on the reading page) and carry data-pagefind-ignore; the name as the source writes it is the
    entry's own and is indexed, so a variant spelling finds the entry."""
    import lxml.html

    entry = lxml.html.parse(str(built_site / "indexes/persons/per-yezhov.html")).getroot()
    contexts = entry.xpath("//span[contains(@class, 'pe-context')]")
    assert contexts
    for context in contexts:
        marks = context.xpath("mark")
        assert len(marks) == 1 and marks[0].get("data-pagefind-ignore") is None
        assert "Yezhov" in marks[0].text_content() or "Ezhov" in marks[0].text_content()
        words = [n for n in context if n.tag != "mark"]
        assert all(n.get("data-pagefind-ignore") is not None for n in words)
        assert "".join(n.text_content() for n in context) == context.text_content()
