"""Property-based fuzzing (Hypothesis).

* Random and mutated requests at /oai and /dts through the WSGI app (teipub.server.App): every
  OAI-PMH answer is HTTP 200 and valid against the official schemas (schema/oai-pmh/, loaded
  as tests/test_oai_*.py do); every DTS answer is a 2xx with JSON-LD or TEI, or a 4xx with a
  problem document; nothing is ever a 500.
* Random mutations of the edition's real TEI files (byte flips, truncations, deleted tags,
  changed or hostile attribute values, duplicated elements) at the validator core: it always
  answers with located problems of registered rules, or success; never an exception, and never
  the internal-error rule (a crashed check).

Already covered: tests/test_oai_protocol.py fuzzes Provider.respond with argument pairs;
tests/test_oai_tokens.py fuzzes the token codec. Here the raw query strings and bodies go
through the application, and DTS and the validator are fuzzed too.
"""
from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from oai_support import NAMESPACE, oai_app, validate, write_fixture_index
from teipub.project import ROOT
from teipub.server import App, request_once
from teipub.validate import load_rules
from teipub.validate import validate as run_validator

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                         HealthCheck.too_slow])

VERBS = ["Identify", "ListMetadataFormats", "ListSets", "ListIdentifiers", "ListRecords", "GetRecord"]
ARGS = ["verb", "identifier", "metadataPrefix", "from", "until", "set", "resumptionToken"]
VALUES = ["oai_dc", "tei", f"oai:{NAMESPACE}:alpha", f"oai:{NAMESPACE}:beta", "2026-11-20", "2026-11-20T00:00:00Z",
          "genre", "genre:encyclopedia", "1900-01-01", "9999-12-31T23:59:59Z", "", "*"]
REAL_QUERIES = ["verb=Identify", "verb=ListRecords&metadataPrefix=oai_dc", "verb=ListIdentifiers&metadataPrefix=tei",
                f"verb=GetRecord&identifier=oai:{NAMESPACE}:alpha&metadataPrefix=oai_dc", "verb=ListSets",
                "verb=ListRecords&metadataPrefix=tei&from=2026-01-01&until=2026-12-31", "verb=ListMetadataFormats"]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> App:
    from oai_support import FIXTURES

    return oai_app(write_fixture_index(tmp_path_factory.mktemp("fuzz") / "index.sqlite"), FIXTURES, page_size=2)


def pairs_to_query(pairs: list[tuple[str, str]]) -> str:
    return "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)


def mutate(text: str, data: st.DataObject) -> str:
    """One or two edits of a string: delete, insert, replace or duplicate a short slice."""
    for _ in range(data.draw(st.integers(1, 2))):
        if not text:
            text = data.draw(st.text(max_size=8))
            continue
        i = data.draw(st.integers(0, len(text) - 1))
        j = data.draw(st.integers(i, min(len(text), i + 6)))
        how = data.draw(st.sampled_from(["delete", "insert", "replace", "duplicate"]))
        piece = data.draw(st.sampled_from(["%", "%00", "%ff", "&", "=", "%26", "+", "\x00", "é", "verb=", ";", "#"])
                          | st.text(max_size=4))
        text = {"delete": text[:i] + text[j:], "insert": text[:i] + piece + text[i:],
                "replace": text[:i] + piece + text[j:], "duplicate": text[:j] + text[i:j] + text[j:]}[how]
    return text


def oai_query(data: st.DataObject) -> str:
    kind = data.draw(st.sampled_from(["pairs", "mutated", "raw"]))
    if kind == "pairs":
        names = st.sampled_from(ARGS) | st.text(max_size=6)
        values = st.sampled_from(VERBS + VALUES) | st.text(max_size=20)
        return pairs_to_query(data.draw(st.lists(st.tuples(names, values), max_size=6)))
    if kind == "mutated":
        return mutate(data.draw(st.sampled_from(REAL_QUERIES)), data)
    return data.draw(st.text(max_size=60))


def call(app: App, method: str, path: str, query: str, body: bytes = b"",
         ctype: str = "application/x-www-form-urlencoded") -> tuple[int, dict[str, str], bytes]:
    """One request through the WSGI interface, the query passed raw (as a server would)."""
    from wsgiref.util import setup_testing_defaults

    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query.encode("utf-8", "surrogatepass")
               .decode("latin-1"), "wsgi.input": io.BytesIO(body), "CONTENT_LENGTH": str(len(body)),
               "CONTENT_TYPE": ctype}
    setup_testing_defaults(environ)
    seen: dict[str, object] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: object = None) -> None:
        seen["status"], seen["headers"] = status, dict(headers)

    out = b"".join(app(environ, start_response))
    return int(str(seen["status"]).split()[0]), seen["headers"], out  # type: ignore[return-value]


@FAST
@given(data=st.data())
def test_any_oai_get_request_is_a_valid_oai_response(app, data) -> None:
    status, headers, body = call(app, "GET", "/oai", oai_query(data))
    assert status == 200
    assert headers["Content-Type"].startswith("text/xml")
    validate(body)  # several errors at once are allowed (badArgument and badVerb), all schema-valid


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_oai_post_request_is_a_valid_oai_response(app, data) -> None:
    body = oai_query(data).encode("utf-8", "surrogatepass")
    ctype = data.draw(st.sampled_from(["application/x-www-form-urlencoded", "text/plain", "",
                                       "application/x-www-form-urlencoded; charset=utf-8", "multipart/form-data"]))
    status, _, reply = call(app, "POST", "/oai", "", body, ctype)
    assert status == 200
    validate(reply)


DTS_PARAMS = ["id", "ref", "start", "end", "down", "tree", "page", "nav", "mediaType", "resource"]
DTS_VALUES = ["alpha", "beta", "genre", "encyclopedia", "0", "1", "-1", "2", "99999999999999999999", "",
              "alpha-div1", "alpha-p1", "application/tei+xml", "text/html", "children", "parents"]


def dts_request(data: st.DataObject) -> tuple[str, str]:
    endpoint = data.draw(st.sampled_from(["", "collection", "navigation", "document", "collection/",
                                          "navigation/x", "x", "%2e%2e"]) | st.text(max_size=10))
    pairs = data.draw(st.lists(st.tuples(st.sampled_from(DTS_PARAMS) | st.text(max_size=5),
                                         st.sampled_from(DTS_VALUES) | st.text(max_size=12)), max_size=5))
    query = pairs_to_query(pairs)
    if data.draw(st.booleans()):
        query = mutate(query, data)
    return "/dts/" + endpoint, query


@FAST
@given(data=st.data())
def test_any_dts_request_is_an_answer_or_a_client_error(app, data) -> None:
    path, query = dts_request(data)
    status, headers, body = call(app, "GET", path, query)
    assert status < 500, (path, query, body[:200])
    ctype = headers["Content-Type"]
    if status >= 400:
        if ctype.startswith("application/problem+json"):
            problem = json.loads(body)
            assert problem.get("status", status) == status
        else:
            assert ctype.startswith("text/plain") and body.startswith(str(status).encode())
    elif ctype.startswith("application/ld+json"):
        json.loads(body)
    else:
        assert "xml" in ctype
        etree.fromstring(body)
    assert headers["X-Content-Type-Options"] == "nosniff"


# ------------------------------------------------------------------------------ the validator

REAL = ["essay", "notes"]  # two of the five sources (17 and 26 kB): the rules are the same for all


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the real collection (tei/ without raw/), where one file at a time is mutated."""
    root = tmp_path_factory.mktemp("collection") / "tei"
    shutil.copytree(ROOT / "tei", root, ignore=shutil.ignore_patterns("raw"))
    return root


TAG = re.compile(rb"<[^<>]+>")
ATTR = re.compile(rb'([a-zA-Z:]+)="([^"]*)"')
HOSTILE_VALUES = [b"", b"&amp;", b"&quot;&gt;&lt;script&gt;", b"file:///etc/passwd", b"../../../../etc/passwd#x",
                  b"http://127.0.0.1:1/x", b"#", b"per:", b":", b"1937-13", b"-1", b"1e999", b"NaN", b"\xc3\xa9",
                  b"claim:claim:x", b" ", b"#nowhere", b"per:yezhov per:yezhov"]


def mutate_tei(data: bytes, draw: st.DataObject) -> bytes:
    kind = draw.draw(st.sampled_from(["flip", "truncate", "delete-tag", "attribute", "duplicate", "swap-tags"]))
    if kind == "flip":
        i = draw.draw(st.integers(0, len(data) - 1))
        return data[:i] + bytes([draw.draw(st.integers(0, 255))]) + data[i + 1:]
    if kind == "truncate":
        return data[:draw.draw(st.integers(0, len(data) - 1))]
    tags = list(TAG.finditer(data))
    if kind == "delete-tag":
        m = tags[draw.draw(st.integers(0, len(tags) - 1))]
        return data[:m.start()] + data[m.end():]
    if kind == "swap-tags":
        a, b = sorted(draw.draw(st.lists(st.integers(0, len(tags) - 1), min_size=2, max_size=2, unique=True)))
        ma, mb = tags[a], tags[b]
        return data[:ma.start()] + mb.group() + data[ma.end():mb.start()] + ma.group() + data[mb.end():]
    if kind == "duplicate":
        m = tags[draw.draw(st.integers(0, len(tags) - 1))]
        return data[:m.end()] + m.group() + data[m.end():]
    attrs = list(ATTR.finditer(data))
    m = attrs[draw.draw(st.integers(0, len(attrs) - 1))]
    value = draw.draw(st.sampled_from(HOSTILE_VALUES) | st.binary(max_size=6).map(
        lambda b: b.replace(b'"', b"").replace(b"<", b"").replace(b"&", b"")))
    return data[:m.start(2)] + value + data[m.end(2):]


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                HealthCheck.too_slow])
@given(draw=st.data())
def test_a_mutated_real_file_gets_located_problems_or_success(collection: Path, draw) -> None:
    name = draw.draw(st.sampled_from(REAL))
    path = collection / "sources" / f"{name}.xml"
    original = (ROOT / "tei" / "sources" / f"{name}.xml").read_bytes()
    mutated = mutate_tei(original, draw)
    path.write_bytes(mutated)
    try:
        report = run_validator([path], collection=collection)
    finally:
        path.write_bytes(original)
    rules = load_rules()
    lines = mutated.count(b"\n") + 1
    for p in report.problems:
        assert p.rule in rules, p
        assert p.rule != "internal-error", p.message
        assert p.file.endswith(f"{name}.xml") or p.file.endswith(".xml"), p
        assert 1 <= p.line <= max(lines, 1) + 1 and p.column >= 1, p
        assert p.message and p.severity in ("error", "warning")
    if mutated != original and report.ok:
        etree.fromstring(mutated)  # a mutation the validator accepts is at least well-formed XML


def test_the_unmutated_real_files_are_valid(collection: Path) -> None:
    report = run_validator([collection / "sources" / f"{n}.xml" for n in REAL], collection=collection)
    assert report.ok, [p.render() for p in report.problems][:5]


def test_app_request_once_agrees_with_the_fuzzing_call(app) -> None:
    """The fuzzing helper answers like the one-request helper of the package."""
    status, _, body = request_once(app, "/oai?verb=Identify")
    assert status.startswith("200") and call(app, "GET", "/oai", "verb=Identify")[2] == body
