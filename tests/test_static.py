"""teipub.static: validators, conditional requests and gzip, as pure functions."""
from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from teipub import static


@pytest.fixture()
def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.html"
    path.write_text("<p>" + "Yezhov " * 400 + "</p>", encoding="utf-8")
    os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    return path


def test_each_representation_has_its_own_strong_etag(page: Path) -> None:
    plain, packed = static.version(page.stat()), static.version(page.stat(), "gzip")
    assert plain.etag.startswith('"') and plain.etag.endswith('"') and not plain.etag.startswith("W/")
    assert plain.etag != packed.etag and plain.last_modified == packed.last_modified
    assert plain.last_modified == "Tue, 14 Nov 2023 22:13:20 GMT"


def test_a_changed_file_changes_its_etag(page: Path) -> None:
    before = static.version(page.stat())
    page.write_text("<p>changed</p>", encoding="utf-8")
    assert static.version(page.stat()) != before


@pytest.mark.parametrize(("headers", "expected"), [
    ({}, False),
    ({"HTTP_IF_NONE_MATCH": "{etag}"}, True),
    ({"HTTP_IF_NONE_MATCH": '"other", {etag}'}, True),
    ({"HTTP_IF_NONE_MATCH": "W/{etag}"}, True),  # weak comparison for If-None-Match
    ({"HTTP_IF_NONE_MATCH": "*"}, True),
    ({"HTTP_IF_NONE_MATCH": '"other"'}, False),
    ({"HTTP_IF_NONE_MATCH": '"other"', "HTTP_IF_MODIFIED_SINCE": "{date}"}, False),  # ETag decides
    ({"HTTP_IF_MODIFIED_SINCE": "{date}"}, True),
    ({"HTTP_IF_MODIFIED_SINCE": "Mon, 13 Nov 2023 22:13:20 GMT"}, False),  # a day earlier
    ({"HTTP_IF_MODIFIED_SINCE": "yesterday"}, False),  # unreadable: ignored
])
def test_conditional_requests(page: Path, headers: dict[str, str], expected: bool) -> None:
    current = static.version(page.stat())
    environ = {k: v.format(etag=current.etag, date=current.last_modified) for k, v in headers.items()}
    assert static.not_modified(environ, current) is expected


@pytest.mark.parametrize(("accept", "expected"), [
    ("", False), ("gzip", True), ("deflate, gzip;q=0.5", True), ("gzip;q=0", False),
    ("*", True), ("*;q=0", False), ("br", False), ("gzip;q=x", False), ("GZIP", True),
])
def test_accept_encoding(accept: str, expected: bool) -> None:
    assert static.accepts_gzip({"HTTP_ACCEPT_ENCODING": accept}) is expected


def test_gzip_is_deterministic_and_gives_back_the_file(page: Path) -> None:
    packed = static.gzipped(page, page.stat())
    assert gzip.decompress(packed) == page.read_bytes() and len(packed) < page.stat().st_size / 5
    assert packed == static._gzipped.__wrapped__(str(page), page.stat().st_size, page.stat().st_mtime_ns)


def test_only_text_of_a_useful_size_is_compressed(tmp_path: Path) -> None:
    assert static.compressible(tmp_path / "a.html", 5000)
    assert not static.compressible(tmp_path / "a.html", 100)
    assert not static.compressible(tmp_path / "a.png", 5000)
    assert not static.compressible(tmp_path / "a.wasm", 5000)
