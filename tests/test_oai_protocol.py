"""OAI-PMH 2.0 conformance of teipub.oai, in-process: every verb, every error code, paging,
selective harvesting, and every response validated against the official schemas."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from oai_support import (FIXTURES, NAMESPACE, OAI, error_codes, get, oai_app, provider, validate,
                         write_bare_index, write_fixture_index, write_flat_index)
from teipub.oai import ERRORS, METADATA_FORMATS, VERBS, parse_arguments, badArgument

REQUESTS = FIXTURES / "requests"
DC = "{http://purl.org/dc/elements/1.1/}"
TEI = "{http://www.tei-c.org/ns/1.0}"
BASE = "http://127.0.0.1/oai"


@pytest.fixture(scope="module")
def indexes(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("oai")
    return {"fixture": write_fixture_index(d / "fixture.sqlite"), "flat": write_flat_index(d / "flat.sqlite"),
            "bare": write_bare_index(d / "bare.sqlite")}


def ask(db: Path, query: str, page_size: int = 2, **kw) -> etree._Element:
    xml = provider(db, page_size, **kw).respond(parse_qsl(query, keep_blank_values=True), BASE)
    return validate(xml)


def fixture_lines() -> list[tuple[str, str, str]]:
    cases = []
    for path in sorted(REQUESTS.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        index = lines[0].split(":", 1)[1].strip()
        cases += [(path.stem, index, line) for line in lines[1:] if line.strip() and not line.startswith("#")]
    return cases


def test_there_is_a_fixture_for_every_verb_and_every_error_code() -> None:
    names = {p.stem for p in REQUESTS.glob("*.txt")}
    assert names == set(VERBS) | set(ERRORS), names ^ (set(VERBS) | set(ERRORS))
    assert set(ERRORS) == {"badVerb", "badArgument", "badResumptionToken", "cannotDisseminateFormat",
                           "idDoesNotExist", "noRecordsMatch", "noMetadataFormats", "noSetHierarchy"}


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize(("name", "index", "query"), fixture_lines())
def test_fixture_request(indexes, name: str, index: str, query: str, method: str) -> None:
    app = oai_app(indexes[index], FIXTURES)
    if method == "GET":
        status, headers, body = get(app, f"/oai?{query}")
    else:
        status, headers, body = post(app, query)
    assert status == 200 and headers["Content-Type"].startswith("text/xml")
    root = validate(body)
    request = root.find(f"{OAI}request")
    assert request.text == "http://127.0.0.1/oai"
    if name in VERBS:
        assert error_codes(root) == [] and root.find(f"{OAI}{name}") is not None
        assert request.get("verb") == name
    else:
        assert error_codes(root) == [name], etree.tostring(root)[:600]
        if name in ("badVerb", "badArgument"):
            assert dict(request.attrib) == {}, "badVerb/badArgument responses echo no arguments"
        else:
            assert request.get("verb") and set(request.attrib) <= {"verb", *dict(parse_qsl(query))}


def post(app, query: str):
    import io
    from wsgiref.util import setup_testing_defaults

    body = query.encode()
    env = {"REQUEST_METHOD": "POST", "PATH_INFO": "/oai", "QUERY_STRING": "",
           "CONTENT_TYPE": "application/x-www-form-urlencoded", "CONTENT_LENGTH": str(len(body)),
           "wsgi.input": io.BytesIO(body)}
    setup_testing_defaults(env)
    seen = {}
    out = b"".join(app(env, lambda s, h, e=None: seen.update(s=s, h=h)))
    return int(seen["s"].split()[0]), dict(seen["h"]), out


def test_post_with_another_content_type_is_a_bad_argument(indexes) -> None:
    import io
    from wsgiref.util import setup_testing_defaults

    app = oai_app(indexes["fixture"], FIXTURES)
    env = {"REQUEST_METHOD": "POST", "PATH_INFO": "/oai", "CONTENT_TYPE": "application/json",
           "CONTENT_LENGTH": "17", "wsgi.input": io.BytesIO(b'{"verb":"Identify"}')}
    setup_testing_defaults(env)
    seen = {}
    body = b"".join(app(env, lambda s, h, e=None: seen.update(s=s)))
    assert seen["s"].startswith("200") and error_codes(validate(body)) == ["badArgument"]


def test_identify_declares_the_configured_repository(indexes) -> None:
    root = ask(indexes["fixture"], "verb=Identify", repository_name="Test repository",
               admin_emails=("a@example.org", "b@example.org"))
    ident = root.find(f"{OAI}Identify")
    text = {el.tag.replace(OAI, ""): el.text for el in ident}
    assert text["repositoryName"] == "Test repository"
    assert [e.text for e in ident.findall(f"{OAI}adminEmail")] == ["a@example.org", "b@example.org"]
    assert text["baseURL"] == BASE and text["protocolVersion"] == "2.0"
    assert text["granularity"] == "YYYY-MM-DD" and text["deletedRecord"] == "no"
    assert text["earliestDatestamp"] == "2026-11-18"  # bibliography.xml's only change
    oai_id = "{http://www.openarchives.org/OAI/2.0/oai-identifier}"
    assert ident.find(f".//{oai_id}repositoryIdentifier").text == NAMESPACE
    assert ident.find(f".//{oai_id}sampleIdentifier").text.startswith(f"oai:{NAMESPACE}:")


def identifiers(root: etree._Element) -> list[str]:
    return [h.findtext(f"{OAI}identifier") for h in root.iter(f"{OAI}header")]


def harvest(db: Path, query: str, page_size: int = 2) -> tuple[list[str], list[etree._Element]]:
    """Follow resumption tokens to the end; return all identifiers and every resumptionToken."""
    verb = dict(parse_qsl(query))["verb"]
    root = ask(db, query, page_size)
    ids, tokens = identifiers(root), []
    while (tok := root.find(f".//{OAI}resumptionToken")) is not None:
        tokens.append(tok)
        if not tok.text:
            break
        root = ask(db, f"verb={verb}&resumptionToken={quote(tok.text)}", page_size)
        ids += identifiers(root)
    return ids, tokens


@pytest.mark.parametrize("prefix", sorted(METADATA_FORMATS))
@pytest.mark.parametrize("verb", ["ListRecords", "ListIdentifiers"])
def test_paging_follows_tokens_through_the_whole_list(indexes, verb: str, prefix: str) -> None:
    ids, tokens = harvest(indexes["fixture"], f"verb={verb}&metadataPrefix={prefix}", page_size=2)
    local = [i.rsplit(":", 1)[1] for i in ids]
    assert local == ["bibliography", "persons", "beta", "gamma", "alpha", "claims"]  # datestamp order
    assert [t.get("cursor") for t in tokens] == ["0", "2", "4"]
    assert {t.get("completeListSize") for t in tokens} == {"6"}
    assert tokens[-1].text is None and tokens[-1].get("expirationDate") is None
    assert all(t.get("expirationDate", "").endswith("Z") for t in tokens[:-1])


def test_a_list_that_fits_one_page_has_no_token(indexes) -> None:
    root = ask(indexes["fixture"], "verb=ListIdentifiers&metadataPrefix=oai_dc", page_size=6)
    assert len(identifiers(root)) == 6 and root.find(f".//{OAI}resumptionToken") is None


@pytest.mark.parametrize(("query", "expected"), [
    ("from=2026-11-21&until=2026-11-22", ["beta", "gamma"]),  # inclusive at both ends
    ("from=2026-11-23", ["alpha", "claims"]),
    ("until=2026-11-19", ["bibliography", "persons"]),
    ("set=genre", ["beta", "gamma", "alpha"]),  # a set includes its subsets
    ("set=genre:encyclopedia", ["alpha"]),
    ("set=apparatus", ["bibliography", "persons", "claims"]),
    ("set=apparatus&from=2026-11-19&until=2026-11-23", ["persons", "claims"]),
])
def test_selective_harvesting(indexes, query: str, expected: list[str]) -> None:
    ids, _ = harvest(indexes["fixture"], f"verb=ListIdentifiers&metadataPrefix=tei&{query}", page_size=2)
    assert [i.rsplit(":", 1)[1] for i in ids] == expected


def test_datestamps_come_from_the_latest_revision_to_the_day(indexes) -> None:
    root = ask(indexes["fixture"], "verb=ListIdentifiers&metadataPrefix=oai_dc", page_size=10)
    stamps = {h.findtext(f"{OAI}identifier").rsplit(":", 1)[1]: h.findtext(f"{OAI}datestamp")
              for h in root.iter(f"{OAI}header")}
    assert stamps["alpha"] == "2026-11-23"  # changes 2026-11-20 and 2026-11-23
    assert stamps["gamma"] == "2026-11-22"  # change when="2026-11-22T10:15:00"


def test_get_record_in_oai_dc_is_crosswalked_from_the_header(indexes) -> None:
    root = ask(indexes["fixture"], f"verb=GetRecord&identifier=oai:{NAMESPACE}:alpha&metadataPrefix=oai_dc")
    dc = root.find(f".//{OAI}metadata/{{http://www.openarchives.org/OAI/2.0/oai_dc/}}dc")
    values = lambda name: [e.text for e in dc.findall(f"{DC}{name}")]  # noqa: E731
    assert values("title") == ["Alpha: an encyclopedia article", "Alpha"]
    assert values("creator") == ["A. Author"] and values("contributor") == ["Encoding editor"]
    assert values("subject") == ["encyclopedia", "mainstream"]
    assert values("language") == ["en"] and values("type") == ["Text"]
    assert values("format") == ["application/tei+xml"] and values("identifier") == ["alpha"]
    assert values("rights")[0] == "https://creativecommons.org/licenses/by/4.0/"
    assert values("source") == ["A. Author. Alpha. Fixture Press. 2001. https://example.org/alpha"]
    headers = root.find(f".//{OAI}header")
    assert [s.text for s in headers.findall(f"{OAI}setSpec")] == ["genre", "genre:encyclopedia"]


def test_get_record_in_tei_is_the_whole_document(indexes) -> None:
    root = ask(indexes["fixture"], f"verb=GetRecord&identifier=oai:{NAMESPACE}:alpha&metadataPrefix=tei")
    tei = root.find(f".//{OAI}metadata/{TEI}TEI")
    source = etree.parse(str(FIXTURES / "tei" / "sources" / "alpha.xml")).getroot()
    assert etree.tostring(tei, method="c14n", exclusive=True) == etree.tostring(source, method="c14n", exclusive=True)


def test_list_metadata_formats_names_schema_and_namespace(indexes) -> None:
    root = ask(indexes["fixture"], "verb=ListMetadataFormats")
    formats = {f.findtext(f"{OAI}metadataPrefix"): (f.findtext(f"{OAI}schema"), f.findtext(f"{OAI}metadataNamespace"))
               for f in root.iter(f"{OAI}metadataFormat")}
    assert formats == {p: (m.schema, m.namespace) for p, m in METADATA_FORMATS.items()}
    assert formats["tei"][1] == "http://www.tei-c.org/ns/1.0"


def test_list_sets_names_every_set_once(indexes) -> None:
    root = ask(indexes["fixture"], "verb=ListSets")
    specs = [s.findtext(f"{OAI}setSpec") for s in root.iter(f"{OAI}set")]
    assert specs == sorted(set(specs))
    assert {"genre", "genre:encyclopedia", "genre:school-essay", "genre:polemical-pamphlet", "apparatus",
            "apparatus:indexes", "apparatus:claims", "apparatus:bibliography"} == set(specs)
    assert all(s.findtext(f"{OAI}setName") for s in root.iter(f"{OAI}set"))


# --- resumption tokens cannot be forged, replayed elsewhere, or outlive their time ------------------

def first_token(db: Path, verb: str = "ListRecords", **kw) -> str:
    root = ask(db, f"verb={verb}&metadataPrefix=oai_dc", 2, **kw)
    return root.find(f".//{OAI}resumptionToken").text


def test_a_tampered_token_is_refused(indexes) -> None:
    token = first_token(indexes["fixture"])
    body, sig = token.split(".")
    flipped = body[:-2] + ("A" if body[-2] != "A" else "B") + body[-1]
    for bad in (f"{flipped}.{sig}", f"{body}.{sig[:-1]}", token + "x", token.replace(".", "")):
        root = ask(indexes["fixture"], f"verb=ListRecords&resumptionToken={quote(bad)}")
        assert error_codes(root) == ["badResumptionToken"]


def test_a_token_from_another_key_is_refused(indexes) -> None:
    from teipub.record_index import RecordIndex
    from teipub.tokens import ListState, TokenCodec

    index = RecordIndex(indexes["fixture"])
    forged = TokenCodec(b"someone else's secret key").encode(
        ListState("ListRecords", "oai_dc", "", "", "", 0, 5, 6, 0, index.snapshot, 2**40))
    assert error_codes(ask(indexes["fixture"], f"verb=ListRecords&resumptionToken={forged}")) == ["badResumptionToken"]


def test_a_token_cannot_continue_another_verb(indexes) -> None:
    token = first_token(indexes["fixture"], "ListRecords")
    root = ask(indexes["fixture"], f"verb=ListIdentifiers&resumptionToken={quote(token)}")
    assert error_codes(root) == ["badResumptionToken"]


def test_an_expired_token_is_refused(indexes) -> None:
    now = [1_800_000_000.0]
    token = first_token(indexes["fixture"], clock=lambda: now[0])
    assert error_codes(ask(indexes["fixture"], f"verb=ListRecords&resumptionToken={quote(token)}",
                           clock=lambda: now[0])) == []
    now[0] += 601  # the test codec's lifetime is 600 s
    root = ask(indexes["fixture"], f"verb=ListRecords&resumptionToken={quote(token)}", clock=lambda: now[0])
    assert error_codes(root) == ["badResumptionToken"]


def test_a_token_dies_when_the_index_is_rebuilt_from_changed_files(indexes, tmp_path) -> None:
    import shutil

    from teipub.record_index import write_index

    tei = tmp_path / "tei"
    shutil.copytree(FIXTURES / "tei", tei)
    db = tmp_path / "x.sqlite"
    write_index(tei, db)
    token = first_token(db)
    alpha = tei / "sources" / "alpha.xml"
    alpha.write_text(alpha.read_text().replace("A nested paragraph.", "A revised paragraph."))
    write_index(tei, db)
    assert error_codes(ask(db, f"verb=ListRecords&resumptionToken={quote(token)}")) == ["badResumptionToken"]


def test_the_same_collection_gives_the_same_snapshot(tmp_path) -> None:
    from teipub.record_index import RecordIndex

    a = RecordIndex(write_fixture_index(tmp_path / "a.sqlite"))
    b = RecordIndex(write_fixture_index(tmp_path / "b.sqlite"))
    assert a.snapshot == b.snapshot


# --- robustness: no input makes an invalid response or an exception ---------------------------------

NAMES = st.sampled_from(["verb", "identifier", "metadataPrefix", "from", "until", "set", "resumptionToken", "x"])
VALUES = st.one_of(st.sampled_from([*VERBS, "oai_dc", "tei", "genre", f"oai:{NAMESPACE}:alpha", "2026-11-20",
                                    "2026-11-20T00:00:00Z", ""]), st.text(max_size=30))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(NAMES, VALUES), max_size=5))
def test_any_arguments_give_a_valid_response(indexes, pairs) -> None:
    xml = provider(indexes["fixture"]).respond(pairs, BASE)
    root = validate(xml)
    assert len(error_codes(root)) <= 1


def test_parse_arguments_reports_the_first_problem() -> None:
    with pytest.raises(badArgument, match="repeated"):
        parse_arguments([("verb", "ListSets"), ("resumptionToken", "a"), ("resumptionToken", "a")])


def test_the_validator_rejects_an_invalid_response(indexes) -> None:
    """The schema check is real: a Dublin Core element that does not exist fails it."""
    xml = provider(indexes["fixture"]).respond([("verb", "GetRecord"), ("identifier", f"oai:{NAMESPACE}:beta"),
                                                ("metadataPrefix", "oai_dc")], BASE)
    with pytest.raises(AssertionError, match="invalid"):
        validate(xml.replace("<dc:type>Text</dc:type>", "<dc:kind>Text</dc:kind>"))
    with pytest.raises(AssertionError, match="invalid"):
        validate(xml.replace("<datestamp>2026-11-21</datestamp>", "<datestamp>2026-11-21T00:00</datestamp>"))
