"""A full harvest by a real third-party client (Sickle) from the app served by waitress on loopback,
following resumption tokens, by GET and by POST, in both formats; every response is validated."""
from __future__ import annotations

from pathlib import Path

import pytest
import requests
from lxml import etree
from sickle import Sickle, oaiexceptions

from oai_support import (FIXTURES, NAMESPACE, OAI, oai_app, running, validate, write_fixture_index)
from teipub.project import PATHS
from teipub.record_index import collection_files, write_index

ALL = ["bibliography", "persons", "beta", "gamma", "alpha", "claims"]
TEI = "{http://www.tei-c.org/ns/1.0}"


class Recorder:
    """A requests response hook that keeps (and validates) every response the client received."""

    def __init__(self) -> None:
        self.responses: list[requests.Response] = []

    def __call__(self, response: requests.Response, *args, **kwargs) -> None:
        assert response.status_code == 200, response.status_code
        validate(response.content)
        self.responses.append(response)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = write_fixture_index(tmp_path_factory.mktemp("harvest") / "index.sqlite")
    with running(oai_app(db, FIXTURES, page_size=2)) as base:
        yield base


def client(base: str, method: str) -> tuple[Sickle, Recorder]:
    recorder = Recorder()
    return Sickle(f"{base}/oai", http_method=method, hooks={"response": [recorder]}, timeout=30), recorder


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("prefix", ["oai_dc", "tei"])
def test_full_harvest_gets_every_record(server, method: str, prefix: str) -> None:
    sickle, recorder = client(server, method)
    records = list(sickle.ListRecords(metadataPrefix=prefix))
    assert [r.header.identifier for r in records] == [f"oai:{NAMESPACE}:{i}" for i in ALL]
    assert len(recorder.responses) == 3  # 6 records, 2 a page: two resumption tokens followed
    for rec in records:
        if prefix == "oai_dc":
            assert rec.metadata["title"][0] and rec.metadata["format"] == ["application/tei+xml"]
        else:
            tei = rec.xml.find(f"{OAI}metadata/{TEI}TEI")
            assert tei is not None and tei.get("{http://www.w3.org/XML/1998/namespace}id") == rec.header.identifier.rsplit(":", 1)[1]
    if method == "POST":
        assert all(r.request.method == "POST" for r in recorder.responses)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_every_verb_through_sickle(server, method: str) -> None:
    sickle, recorder = client(server, method)
    identify = sickle.Identify()
    assert identify.granularity == "YYYY-MM-DD" and identify.deletedRecord == "no"
    assert [f.metadataPrefix for f in sickle.ListMetadataFormats()] == ["oai_dc", "tei"]
    assert "genre:encyclopedia" in [s.setSpec for s in sickle.ListSets()]
    headers = list(sickle.ListIdentifiers(metadataPrefix="oai_dc", set="apparatus"))
    assert [h.identifier.rsplit(":", 1)[1] for h in headers] == ["bibliography", "persons", "claims"]
    record = sickle.GetRecord(identifier=f"oai:{NAMESPACE}:gamma", metadataPrefix="oai_dc")
    assert record.metadata["title"] == ["Gamma: a pamphlet", "Gamma"] and record.header.datestamp == "2026-11-22"
    assert len(recorder.responses) >= 6


@pytest.mark.parametrize(("kwargs", "exc"), [
    ({"verb": "GetRecord", "identifier": f"oai:{NAMESPACE}:nope", "metadataPrefix": "oai_dc"}, oaiexceptions.IdDoesNotExist),
    ({"verb": "GetRecord", "identifier": f"oai:{NAMESPACE}:alpha", "metadataPrefix": "marc"}, oaiexceptions.CannotDisseminateFormat),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2031-01-01"}, oaiexceptions.NoRecordsMatch),
    ({"verb": "ListRecords", "resumptionToken": "forged"}, oaiexceptions.BadResumptionToken),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-11-01T00:00:00Z"}, oaiexceptions.BadArgument),
])
def test_errors_reach_the_client_as_oai_errors(server, kwargs, exc) -> None:
    """Errors come with HTTP 200, so the client reads the error element and raises it itself."""
    sickle, recorder = client(server, "GET")
    with pytest.raises(exc):
        sickle.iterator(sickle, dict(kwargs))  # Sickle's iterator checks the first response
    assert len(recorder.responses) == 1


def test_a_bad_verb_is_an_oai_error_with_http_200(server) -> None:
    sickle, recorder = client(server, "GET")
    response = sickle.harvest(verb="Harvest")  # no Sickle method for an unknown verb: the raw call
    assert response.http_response.status_code == 200
    assert response.xml.find(f".//{OAI}error").get("code") == "badVerb"


def test_the_edition_collection_harvests_completely(tmp_path: Path) -> None:
    """The real tei/ collection as it stands: every file a record, in both formats, valid."""
    files = collection_files(PATHS.tei)
    db = tmp_path / "edition.sqlite"
    assert write_index(PATHS.tei, db) == len(files)
    if not files:
        return
    with running(oai_app(db, FIXTURES, page_size=2)) as base:
        for prefix in ("oai_dc", "tei"):
            sickle, recorder = client(base, "GET")
            got = {r.header.identifier for r in sickle.ListRecords(metadataPrefix=prefix)}
            expected = {f"oai:{NAMESPACE}:{etree.parse(str(f)).getroot().get('{http://www.w3.org/XML/1998/namespace}id') or f.stem}" for f in files}
            assert got == expected
            assert len(recorder.responses) == -(-len(files) // 2)
