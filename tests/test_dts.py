"""Distributed Text Services 1.0: entry, collection, navigation and document endpoints."""
from __future__ import annotations

import json

import pytest
from lxml import etree

from oai_support import FIXTURES, get, oai_app, write_fixture_index

CONTEXT = "https://dtsapi.org/context/v1.0.json"
TEI = "{http://www.tei-c.org/ns/1.0}"
DTS = "{https://w3id.org/api/dts#}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return oai_app(write_fixture_index(tmp_path_factory.mktemp("dts") / "index.sqlite"), FIXTURES)


def ld(app, target: str, status: int = 200) -> dict:
    code, headers, body = get(app, target)
    assert code == status, body[:300]
    if status == 200:
        assert headers["Content-Type"].startswith("application/ld+json")
        data = json.loads(body)
        assert data["@context"] == CONTEXT and data["dtsVersion"] == "1.0"
        return data
    assert headers["Content-Type"].startswith("application/problem+json")
    return json.loads(body)


def test_entry_point_gives_the_three_uri_templates(app) -> None:
    for path in ("/dts/", "/dts"):
        data = ld(app, path)
        assert data["@type"] == "EntryPoint"
        assert data["collection"] == "/dts/collection{?id,page,nav}"
        assert data["navigation"] == "/dts/navigation{?resource,ref,start,end,down,tree,page}"
        assert data["document"] == "/dts/document{?resource,ref,start,end,tree,mediaType}"


def test_root_collection_lists_the_top_level_sets(app) -> None:
    data = ld(app, "/dts/collection")
    assert data["@id"] == "edition" and data["@type"] == "Collection" and data["totalParents"] == 0
    assert [m["@id"] for m in data["member"]] == ["apparatus", "genre"]
    assert data["totalChildren"] == len(data["member"])


def test_a_genre_collection_holds_its_resources(app) -> None:
    data = ld(app, "/dts/collection?id=genre")
    assert [m["@id"] for m in data["member"]] == ["genre:encyclopedia", "genre:polemical-pamphlet", "genre:school-essay"]
    leaf = ld(app, "/dts/collection?id=genre%3Aencyclopedia")
    (resource,) = leaf["member"]
    assert resource["@id"] == "alpha" and resource["@type"] == "Resource"
    assert resource["document"] == "/dts/document?resource=alpha{&ref,start,end,tree,mediaType}"
    assert resource["mediaTypes"] == ["application/tei+xml"]
    assert resource["dublinCore"]["title"][0] == "Alpha: an encyclopedia article"


def test_parents_of_a_resource(app) -> None:
    data = ld(app, "/dts/collection?id=persons&nav=parents")
    assert data["@type"] == "Resource" and [m["@id"] for m in data["member"]] == ["apparatus:indexes"]
    assert data["totalParents"] == 1 and data["totalChildren"] == 0


def test_citation_tree_follows_divisions_and_paragraphs(app) -> None:
    tree = ld(app, "/dts/collection?id=alpha")["citationTrees"][0]["citeStructure"]
    assert tree[0]["citeType"] == "section"
    assert [c["citeType"] for c in tree[0]["citeStructure"]] == ["paragraph", "subsection"]
    assert tree[0]["citeStructure"][1]["citeStructure"] == [{"@type": "CiteStructure", "citeType": "paragraph"}]
    flat = ld(app, "/dts/collection?id=beta")["citationTrees"][0]["citeStructure"]
    assert flat == [{"@type": "CiteStructure", "citeType": "paragraph"}]


def ids(data: dict) -> list[str]:
    return [m["identifier"] for m in data["member"]]


def test_navigation_down_from_the_root(app) -> None:
    top = ld(app, "/dts/navigation?resource=alpha&down=1")
    assert top["@type"] == "Navigation" and top["resource"]["@id"] == "alpha"
    assert top["@id"] == "http://127.0.0.1/dts/navigation?resource=alpha&down=1"
    assert ids(top) == ["alpha-div1", "alpha-div3"]
    assert top["member"][0] == {"identifier": "alpha-div1", "@type": "CitableUnit", "level": 1, "parent": None,
                                "citeType": "section", "dublinCore": {"title": ["First section"]}}
    everything = ld(app, "/dts/navigation?resource=alpha&down=-1")
    assert ids(everything) == ["alpha-div1", "alpha-p1", "alpha-div2", "alpha-p2", "alpha-p3", "alpha-div3", "alpha-p4"]
    assert [m["level"] for m in everything["member"]] == [1, 2, 2, 3, 3, 1, 2]


def test_navigation_by_ref(app) -> None:
    only = ld(app, "/dts/navigation?resource=alpha&ref=alpha-div2")
    assert only["ref"]["parent"] == "alpha-div1" and "member" not in only
    sub = ld(app, "/dts/navigation?resource=alpha&ref=alpha-div1&down=1")
    assert ids(sub) == ["alpha-div1", "alpha-p1", "alpha-div2"]
    siblings = ld(app, "/dts/navigation?resource=alpha&ref=alpha-p2&down=0")
    assert ids(siblings) == ["alpha-p2", "alpha-p3"]


def test_navigation_by_range(app) -> None:
    data = ld(app, "/dts/navigation?resource=alpha&start=alpha-p1&end=alpha-div2&down=-1")
    assert data["start"]["identifier"] == "alpha-p1" and data["end"]["identifier"] == "alpha-div2"
    assert ids(data) == ["alpha-p1", "alpha-div2", "alpha-p2", "alpha-p3"]
    no_members = ld(app, "/dts/navigation?resource=alpha&start=alpha-p1&end=alpha-p4")
    assert "member" not in no_members


def test_a_resource_without_divisions_has_an_empty_tree(app) -> None:
    data = ld(app, "/dts/navigation?resource=persons&down=-1")
    assert data["member"] == [] and data["resource"]["citationTrees"][0]["citeStructure"] == []


@pytest.mark.parametrize(("query", "status"), [
    ("", 400), ("resource=alpha", 400), ("resource=alpha&down=0", 400),
    ("resource=alpha&ref=alpha-p1&start=alpha-p1&end=alpha-p2", 400), ("resource=alpha&start=alpha-p1", 400),
    ("resource=alpha&down=x", 400), ("resource=alpha&down=-2", 400), ("resource=alpha&start=alpha-p4&end=alpha-p1", 400),
    ("resource=alpha&bogus=1&down=1", 400), ("resource=alpha&down=1&down=2", 400),
    ("resource=nope&down=1", 404), ("resource=alpha&ref=nope", 404), ("resource=alpha&down=1&tree=other", 404),
    ("resource=alpha&down=1&page=2", 404),
])
def test_navigation_errors(app, query: str, status: int) -> None:
    problem = ld(app, f"/dts/navigation?{query}", status)
    assert problem["status"] == status and problem["detail"]


def test_collection_errors(app) -> None:
    assert ld(app, "/dts/collection?id=nope", 404)["status"] == 404
    assert ld(app, "/dts/collection?nav=sideways", 400)["status"] == 400
    assert get(app, "/dts/elsewhere")[0] == 404


def document(app, query: str) -> tuple[dict, etree._Element]:
    status, headers, body = get(app, f"/dts/document?{query}")
    assert status == 200 and headers["Content-Type"].startswith("application/tei+xml")
    assert headers["Link"].startswith("</dts/collection?id=") and 'rel="collection"' in headers["Link"]
    return headers, etree.fromstring(body)


def test_document_returns_the_whole_tei(app) -> None:
    _, root = document(app, "resource=alpha")
    source = etree.parse(str(FIXTURES / "tei" / "sources" / "alpha.xml")).getroot()
    assert etree.tostring(root, method="c14n") == etree.tostring(source, method="c14n")


def test_document_by_ref_wraps_the_unit(app) -> None:
    _, root = document(app, "resource=alpha&ref=alpha-div2")
    assert root.tag == f"{TEI}TEI" and root.find(f"{TEI}teiHeader") is not None
    (unit,) = root.find(f"{DTS}wrapper")
    assert unit.get(XML_ID) == "alpha-div2" and [p.get(XML_ID) for p in unit.iter(f"{TEI}p")] == ["alpha-p2", "alpha-p3"]


def test_document_by_range_gives_each_unit_once(app) -> None:
    _, root = document(app, "resource=alpha&start=alpha-p1&end=alpha-p3")
    assert [u.get(XML_ID) for u in root.find(f"{DTS}wrapper")] == ["alpha-p1", "alpha-div2"]


@pytest.mark.parametrize(("query", "status"), [
    ("", 400), ("resource=alpha&ref=a&start=b&end=c", 400), ("resource=alpha&end=alpha-p1", 400),
    ("resource=nope", 404), ("resource=alpha&ref=nope", 404), ("resource=alpha&mediaType=text/html", 404),
])
def test_document_errors(app, query: str, status: int) -> None:
    assert get(app, f"/dts/document?{query}")[0] == status
