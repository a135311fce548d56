"""Shared helpers for the OAI-PMH, DTS and server tests: the official schemas, the fixture
indexes, an in-process WSGI call and a waitress server on a free loopback port."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import xmlschema
from lxml import etree

from teipub.oai import Provider, RepositoryConfig
from teipub.project import PATHS
from teipub.record_index import Record, write_records
from teipub.server import App, request_once, serving
from teipub.tokens import TokenCodec

FIXTURES = Path(__file__).parent / "fixtures" / "oai"
FIXTURE_TEI = FIXTURES / "tei"
NAMESPACE = "purges-in-dispute.example.org"
SECRET = b"a test key that is long enough"
OAI = "{http://www.openarchives.org/OAI/2.0/}"


def schemas_dir() -> Path:
    """The official XSDs: the repository's copies (schema/oai-pmh/PROVENANCE.md), or $OAI_SCHEMAS_DIR."""
    return Path(os.environ.get("OAI_SCHEMAS_DIR", PATHS.schema / "oai-pmh"))


@lru_cache(maxsize=1)
def oai_schema() -> xmlschema.XMLSchema:
    """OAI-PMH.xsd with oai_dc, simple DC, oai-identifier and xml.xsd from the local copies.

    The schemas import each other by their http URLs; those are mapped to the local files and
    nothing is fetched. The tei payload is checked only for its TEI root (tei-lax.xsd)."""
    d = schemas_dir()
    if not (d / "OAI-PMH.xsd").is_file():
        raise FileNotFoundError(f"the official OAI-PMH schemas are expected in {d} (set OAI_SCHEMAS_DIR)")
    mapping = {
        "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd": str(d / "OAI-PMH.xsd"),
        "http://www.openarchives.org/OAI/2.0/oai_dc.xsd": str(d / "oai_dc.xsd"),
        "http://dublincore.org/schemas/xmls/simpledc20021212.xsd": str(d / "simpledc20021212.xsd"),
        "http://www.w3.org/2001/03/xml.xsd": str(d / "xml.xsd"),
        "http://www.w3.org/2001/xml.xsd": str(d / "xml.xsd"),
        "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd": str(d / "oai-identifier.xsd"),
    }
    locations = [
        ("http://www.openarchives.org/OAI/2.0/oai_dc/", str(d / "oai_dc.xsd")),
        ("http://www.openarchives.org/OAI/2.0/oai-identifier", str(d / "oai-identifier.xsd")),
        ("http://www.tei-c.org/ns/1.0", str(FIXTURES / "tei-lax.xsd")),
    ]
    return xmlschema.XMLSchema(str(d / "OAI-PMH.xsd"), uri_mapper=mapping, locations=locations, allow="local")


def validate(xml: bytes | str) -> etree._Element:
    """Parse a response, assert it is valid against the official schemas, return its root."""
    root = etree.fromstring(xml.encode("utf-8") if isinstance(xml, str) else xml)
    errors = list(oai_schema().iter_errors(root, use_location_hints=False))
    assert not errors, f"invalid OAI-PMH response: {errors[0]}"
    return root


def write_fixture_index(db: Path) -> Path:
    from teipub.record_index import write_index

    write_index(FIXTURE_TEI, db)
    return db


DC = ('<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title></oai_dc:dc>')
TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{0}"><text><body><p>{0}</p></body></text></TEI>'


def write_flat_index(db: Path) -> Path:
    """One record in no set: a repository without a set hierarchy."""
    write_records([Record("solo", "2026-11-23", (), "Solo", "sources/solo.xml",
                          {"oai_dc": DC.format("Solo"), "tei": TEI.format("solo")})], db)
    return db


def write_bare_index(db: Path) -> Path:
    """One record with no metadata format at all."""
    write_records([Record("bare", "2026-11-23", (), "Bare", "sources/bare.xml", {})], db)
    return db


def provider(db: Path, page_size: int = 2, clock=None, **config) -> Provider:
    from teipub.record_index import RecordIndex

    cfg = RepositoryConfig(namespace=NAMESPACE, page_size=page_size, **config)
    tokens = TokenCodec(SECRET, 600, clock) if clock else TokenCodec(SECRET, 600)
    return Provider(RecordIndex(db), cfg, tokens, clock) if clock else Provider(RecordIndex(db), cfg, tokens)


def oai_app(db: Path, site: Path, page_size: int = 2) -> App:
    from teipub.dts import DTS
    from teipub.record_index import RecordIndex

    p = provider(db, page_size)
    return App(site, p, DTS(RecordIndex(db)))


def get(app: App, target: str, method: str = "GET"):
    status, headers, body = request_once(app, target, method)
    return int(status.split()[0]), dict(headers), body


@contextmanager
def running(app: App) -> Iterator[str]:
    """Serve `app` with waitress on 127.0.0.1 on a free port; yield its base URL."""
    with serving(app) as (host, port):
        yield f"http://{host}:{port}"


def error_codes(root: etree._Element) -> list[str]:
    return [e.get("code") for e in root.iter(f"{OAI}error")]
