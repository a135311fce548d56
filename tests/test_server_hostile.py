"""The server against hostile clients, on a real waitress on 127.0.0.1 with the settings of
`cli.py serve` (teipub.server.WAITRESS_SETTINGS): encoded and double-encoded traversal, raw
backslashes and NULs, malformed and oversized requests, slow and idle clients that must not
hold up the others, security headers on errors too, and no stack trace for any failure.

Already covered in test_server.py: `..`, `%2e%2e`, `%2f`, `%5c`, `%00`, hidden files,
symlinks out of the site, absolute request targets, a 20,000-byte query (414 / badArgument),
a 300 kB request line, 200 arguments, PUT/DELETE/PATCH/OPTIONS/TRACE/PROPFIND (405), headers
on 200/404 and OAI/DTS answers, a bare in-process 500.
"""
from __future__ import annotations

import http.client
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from urllib.parse import urlsplit

import pytest

from oai_support import error_codes, validate, write_fixture_index
from teipub.dts import DTS
from teipub.oai import Provider, RepositoryConfig
from teipub.record_index import RecordIndex
from teipub.server import WAITRESS_SETTINGS, App, security_headers, serving
from teipub.tokens import TokenCodec

SECRET = "outside the site: never served"
BIG = 4 * 1024 * 1024
ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hostile-server")
    root = base / "site"
    (root / "sources").mkdir(parents=True)
    (root / "index.html").write_text("<!doctype html><title>Home</title>", encoding="utf-8")
    (root / "sources" / "encyc.html").write_text("<!doctype html><title>Encyc</title>", encoding="utf-8")
    (root / "big.xml").write_bytes(b"<x>" + b"a" * BIG + b"</x>")
    (root / "assets").mkdir()
    (root / "assets" / "favicon.svg").write_text(ICON, encoding="utf-8")
    (base / "secret.txt").write_text(SECRET, encoding="utf-8")
    (base / "site-other").mkdir()
    (base / "site-other" / "secret.txt").write_text(SECRET, encoding="utf-8")
    os.symlink(base / "site-other", root / "sources" / "other")  # a link to a sibling with a shared prefix
    os.symlink("/etc", root / "etc")
    return root


class Exploding:
    """An OAI provider whose every answer fails inside the application."""

    def respond(self, *args: object) -> str:
        raise RuntimeError("Traceback (most recent call last): secret internals at /work/main/teipub")


@pytest.fixture(scope="module")
def app(site: Path, tmp_path_factory: pytest.TempPathFactory) -> App:
    index = RecordIndex(write_fixture_index(tmp_path_factory.mktemp("idx") / "i.sqlite"))
    provider = Provider(index, RepositoryConfig(namespace="example.org"), TokenCodec(b"k" * 32, 600))
    return App(site, provider, DTS(index))


@contextmanager
def running(app: object) -> Iterator[tuple[str, int]]:
    with serving(app) as addr:  # type: ignore[arg-type]
        yield addr


@pytest.fixture(scope="module")
def addr(app: App) -> Iterator[tuple[str, int]]:
    with running(app) as a:
        yield a


@pytest.fixture(scope="module")
def broken_addr(site: Path) -> Iterator[tuple[str, int]]:
    with running(App(site, Exploding(), None)) as a:  # type: ignore[arg-type]
        yield a


def send_raw(addr: tuple[str, int], data: bytes, timeout: float = 10) -> tuple[int, dict[str, str], bytes]:
    """Send bytes exactly as given; parse the status, headers and body of the answer."""
    with socket.create_connection(addr, timeout=timeout) as s:
        reply = b""
        try:
            # a server refusing an oversized request may answer and close before all is sent
            s.sendall(data)
        except (ConnectionResetError, BrokenPipeError):
            pass
        try:
            while chunk := s.recv(65536):
                reply += chunk
        except (ConnectionResetError, socket.timeout):
            pass
    head, _, body = reply.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1]) if lines and lines[0].startswith("HTTP/") else 0
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return status, headers, body


def get(addr: tuple[str, int], target: str, method: str = "GET", extra: bytes = b"") -> tuple[int, dict, bytes]:
    return send_raw(addr, f"{method} ".encode() + target.encode("latin-1") + b" HTTP/1.1\r\nHost: x\r\n"
                    + extra + b"Connection: close\r\n\r\n")


def assert_secure(headers: dict[str, str], target: str = "/") -> None:
    """The security headers of an answer to `target`: the pages' or, at /oai and /dts, the data's."""
    for name, value in security_headers(urlsplit(target).path):
        assert headers.get(name.lower()) == value, (name, headers)


@pytest.mark.parametrize("target", [
    "/%252e%252e/secret.txt", "/%252e%252e%252fsecret.txt", "/sources/%252e%252e/%252e%252e/secret.txt",
    "/..\\secret.txt", "/sources\\..\\..\\secret.txt", "/%5c..%5csecret.txt", "/.%2e/secret.txt",
    "/%2e./secret.txt", "/sources/%2E%2e/%2e%2E/secret.txt", "/..;/secret.txt", "/%c0%ae%c0%ae/secret.txt",
    "/%e0%80%ae%e0%80%ae/secret.txt", "/sources/other/secret.txt", "/sources/other/", "/etc/passwd",
    "/etc/hostname", "//etc//passwd", "/./../secret.txt", "/sources/./../../secret.txt", "/%00/etc/passwd",
    "/index.html%00", "/%ff%fe", "/sources/encyc.html/", "/sources/encyc.html/..", "/" + "../" * 50 + "etc/passwd",
])
def test_traversal_variants_are_refused(addr, target: str) -> None:
    status, headers, body = get(addr, target)
    assert status in (400, 404), (target, status)
    assert SECRET.encode() not in body and b"root:" not in body
    assert_secure(headers)


def test_a_raw_nul_or_control_character_in_the_request_line_is_not_a_500(addr) -> None:
    for target in (b"/index.html\x00.txt", b"/\x01\x02", b"/index.html\r"):
        status, _, body = send_raw(addr, b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert status in (0, 400, 404), (target, status)
        assert b"Traceback" not in body


@pytest.mark.parametrize("query", [
    "%", "%%%", "%zz", "%u0041", "verb=%ff%fe", "verb=Identify&&&&", "=&=&=", "verb", "verb=Identify;x=1",
    "verb=Identify&verb=Identify", "verb=" + "%" * 4000, "a[]=1&a[x]=2", "verb=Identify#frag", "\u00e9=\u00e9",
])
def test_malformed_query_strings_at_the_oai_endpoint_give_valid_oai_answers(addr, query: str) -> None:
    target = "/oai?" + query.encode("utf-8").decode("latin-1")
    status, headers, body = get(addr, target)
    if status == 400 and not query.isascii():  # raw non-ASCII bytes: waitress refuses the request line
        return
    assert status == 200, (query, status)
    root = validate(body)
    assert len(error_codes(root)) <= 1
    assert_secure(headers, target)


@pytest.mark.parametrize("query", ["%", "id=%ff", "ref=" + "%" * 500, "id=&id=&id=", "=", "page=-1", "page=1e999"])
def test_malformed_query_strings_at_dts_are_client_errors(addr, query: str) -> None:
    for endpoint in ("collection", "navigation", "document"):
        status, headers, body = get(addr, f"/dts/{endpoint}?{query}")
        assert status in (200, 400, 404), (endpoint, query, status)
        assert b"Traceback" not in body
        assert_secure(headers, f"/dts/{endpoint}")


def test_oversized_headers_and_bodies_are_refused_without_a_500(addr) -> None:
    status, _, _ = send_raw(addr, b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 200_000 + b"\r\n\r\n")
    assert status in (0, 400, 431)
    many = b"".join(b"X-H%d: v\r\n" % i for i in range(10000))
    status, _, _ = send_raw(addr, b"GET / HTTP/1.1\r\nHost: x\r\n" + many + b"\r\n")
    assert status in (0, 400, 431)
    body = b"verb=Identify&x=" + b"y" * (2 << 20)
    status, _, reply = send_raw(addr, b"POST /oai HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
                                b"\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % len(body) + body)
    assert status in (0, 200, 400, 413) and b"Traceback" not in reply
    status, _, reply = send_raw(addr, b"POST /oai HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\nConnection: close\r\n\r\n")
    assert status in (200, 400) and b"Traceback" not in reply


@pytest.mark.parametrize("method", ["FOO", "CONNECT", "get", "G\tET", "M-SEARCH", "BREW"])
def test_unknown_methods_are_refused_with_headers(addr, method: str) -> None:
    status, headers, body = get(addr, "/", method)
    assert status in (400, 405, 501), (method, status)
    if status == 405:
        assert_secure(headers)
    assert b"Traceback" not in body


@pytest.mark.parametrize(("target", "status"), [
    ("/sources", 301), ("/missing", 404), ("/oai?verb=Identify", 200), ("/?" + "q" * 9000, 414),
])
def test_security_headers_on_redirects_and_errors_over_the_wire(addr, target: str, status: int) -> None:
    got, headers, _ = get(addr, target)
    assert got == status
    assert_secure(headers, target)
    got, headers, _ = get(addr, "/", "DELETE")
    assert got == 405
    assert_secure(headers)


def test_an_internal_error_over_the_wire_is_a_bare_500_with_headers(broken_addr) -> None:
    status, headers, body = get(broken_addr, "/oai?verb=Identify")
    assert status == 500
    assert body == b"500 Internal Server Error\n"
    assert_secure(headers, "/oai")
    status, headers, body = send_raw(broken_addr, b"POST /oai HTTP/1.1\r\nHost: x\r\nContent-Type: "
                                     b"application/x-www-form-urlencoded\r\nContent-Length: 13\r\n"
                                     b"Connection: close\r\n\r\nverb=Identify")
    assert status == 500 and b"secret internals" not in body and b"Traceback" not in body


def timed_get(addr: tuple[str, int], target: str = "/sources/encyc.html") -> float:
    started = time.perf_counter()
    conn = http.client.HTTPConnection(*addr, timeout=10)
    conn.request("GET", target)
    resp = conn.getresponse()
    resp.read()
    conn.close()
    assert resp.status == 200
    return time.perf_counter() - started


def test_slow_clients_do_not_block_the_others(addr) -> None:
    """Twenty clients each send their headers one byte at a time (slowloris) and eight more ask
    for a 4 MB file and never read it; meanwhile ordinary requests are answered at once."""
    stop = threading.Event()
    request = b"GET /sources/encyc.html HTTP/1.1\r\nHost: x\r\nUser-Agent: slow\r\n"

    def slow() -> None:
        with socket.create_connection(addr, timeout=10) as s:
            for byte in request:
                if stop.is_set():
                    return
                s.send(bytes([byte]))
                time.sleep(0.05)

    slow_threads = [threading.Thread(target=slow, daemon=True) for _ in range(20)]
    for t in slow_threads:
        t.start()
    sinks = []
    for _ in range(8):
        s = socket.create_connection(addr, timeout=10)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.sendall(b"GET /big.xml HTTP/1.1\r\nHost: x\r\n\r\n")
        sinks.append(s)
    try:
        time.sleep(0.5)
        latencies = [timed_get(addr) for _ in range(20)]
        assert max(latencies) < 1.0, latencies
        assert timed_get(addr, "/oai?verb=Identify") < 1.0
    finally:
        stop.set()
        for s in sinks:
            s.close()
        for t in slow_threads:
            t.join(timeout=5)


def test_idle_connections_are_dropped_and_a_crowd_of_them_does_not_lock_others_out() -> None:
    assert WAITRESS_SETTINGS["channel_timeout"] <= 30
    assert WAITRESS_SETTINGS["connection_limit"] >= 300


def test_many_idle_connections_leave_room_for_real_clients(addr) -> None:
    idle = []
    try:
        for _ in range(150):  # more than waitress's default limit of 100 connections
            s = socket.create_connection(addr, timeout=10)
            s.sendall(b"GET / HTTP/1.1\r\n")  # and never finishes
            idle.append(s)
        time.sleep(0.3)
        assert timed_get(addr) < 2.0
    finally:
        for s in idle:
            s.close()


@pytest.mark.parametrize("raw", [
    b"GARBAGE\r\n\r\n",                                                  # no method, path or version
    b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",                 # a header line without a colon
    b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n",  # over max_request_header_size
    b"POST /oai HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",  # a broken chunk
])
def test_errors_that_waitress_writes_itself_carry_the_security_headers(addr, raw: bytes) -> None:
    status, headers, body = send_raw(addr, raw)
    assert 400 <= status < 500, (raw[:40], status)
    assert b"Traceback" not in body
    assert_secure(headers)


def test_favicon_ico_is_answered_with_the_editions_icon(addr) -> None:
    status, headers, body = get(addr, "/favicon.ico")
    assert (status, headers["content-type"], body) == (200, "image/svg+xml", ICON.encode())
    assert_secure(headers)
