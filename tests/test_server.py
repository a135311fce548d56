"""The WSGI app under waitress on loopback: safe static serving, security headers, methods,
oversized requests, and no stack trace ever reaching a client."""
from __future__ import annotations

import gzip
import http.client
import os
import socket
from pathlib import Path

from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from oai_support import error_codes, get, oai_app, running, validate, write_fixture_index
from teipub.server import SECURITY_HEADERS, App, security_headers

SECRET_TEXT = "outside the site: must never be served"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A small built edition, with a secret file beside it and symlinks pointing out of it."""
    base = tmp_path_factory.mktemp("server")
    root = base / "site"
    (root / "sources").mkdir(parents=True)
    (root / "assets").mkdir()
    (root / "index.html").write_text("<!doctype html><title>Home</title>", encoding="utf-8")
    (root / "sources" / "index.html").write_text("<!doctype html><title>Sources</title>", encoding="utf-8")
    (root / "sources" / "encyc.html").write_text("<!doctype html><title>Encyc</title>", encoding="utf-8")
    (root / "assets" / "edition.css").write_text("body{}", encoding="utf-8")
    (root / "assets" / "edition.js").write_text("1;", encoding="utf-8")
    (root / "assets" / "search.wasm").write_bytes(b"\0asm")
    (root / "encyc.xml").write_text("<TEI/>", encoding="utf-8")
    (root / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    (root / ".records.sqlite").write_bytes(b"hidden")
    (base / "secret.txt").write_text(SECRET_TEXT, encoding="utf-8")
    os.symlink(base / "secret.txt", root / "leak.txt")
    os.symlink(base, root / "up")
    os.symlink(root / "index.html", root / "inside-link.html")  # a link that stays inside is fine
    return root


@pytest.fixture(scope="module")
def app(site, tmp_path_factory) -> App:
    return oai_app(write_fixture_index(tmp_path_factory.mktemp("idx") / "index.sqlite"), site)


@pytest.fixture(scope="module")
def base(app):
    with running(app) as url:
        yield url


def raw(base: str, path: str, method: str = "GET", body: bytes | None = None, headers: dict | None = None):
    """Send the path exactly as written (no client-side normalisation of dot segments)."""
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.putrequest(method, path, skip_accept_encoding=True)
    for k, v in (headers or {}).items():
        conn.putheader(k, v)
    if body is not None:
        conn.putheader("Content-Length", str(len(body)))
    conn.endheaders(body)
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data


def assert_secure(headers: dict, target: str = "/") -> None:
    """The security headers of an answer to `target`: the pages' or, at /oai and /dts, the data's."""
    for name, value in security_headers(urlsplit(target).path):
        assert headers.get(name.lower()) == value, name


@pytest.mark.parametrize(("path", "ctype"), [
    ("/", "text/html; charset=utf-8"),
    ("/sources/encyc.html", "text/html; charset=utf-8"),
    ("/sources/", "text/html; charset=utf-8"),
    ("/assets/edition.css", "text/css; charset=utf-8"),
    ("/assets/edition.js", "text/javascript; charset=utf-8"),
    ("/assets/search.wasm", "application/wasm"),
    ("/encyc.xml", "application/xml"),
    ("/inside-link.html", "text/html; charset=utf-8"),
])
def test_static_files_with_their_content_types(base, site, path: str, ctype: str) -> None:
    status, headers, body = raw(base, path)
    assert status == 200 and headers["content-type"] == ctype
    assert_secure(headers)
    expected = site / path.lstrip("/")
    expected = expected / "index.html" if expected.is_dir() else expected
    assert body == expected.read_bytes()


def test_a_folder_without_slash_redirects(base) -> None:
    status, headers, _ = raw(base, "/sources")
    assert status == 301 and headers["location"] == "/sources/"


@pytest.mark.parametrize("path", [
    "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/sources/../../secret.txt",
    "/sources/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/..%5csecret.txt", "//../secret.txt",
    "/leak.txt", "/up/secret.txt", "/up/", "/up", "/.records.sqlite", "/%2erecords.sqlite",
    "/etc/passwd", "//etc/passwd", "/%2fetc%2fpasswd", "/sources/encyc.html%00.txt", "/nothing-here",
])
def test_nothing_outside_the_site_is_served(base, path: str) -> None:
    status, headers, body = raw(base, path)
    assert status in (400, 404), (path, status)
    assert SECRET_TEXT.encode() not in body and b"root:" not in body
    assert_secure(headers)


def test_absolute_and_odd_request_targets_are_refused(base) -> None:
    status, _, body = raw(base, "http://127.0.0.1/../secret.txt")
    assert status in (400, 404) and SECRET_TEXT.encode() not in body


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"])
@pytest.mark.parametrize("path", ["/", "/oai", "/dts/collection", "/assets/edition.css"])
def test_other_methods_are_405(base, method: str, path: str) -> None:
    status, headers, _ = raw(base, path, method, body=b"")
    assert status == 405 and "GET" in headers["allow"]
    assert_secure(headers, path)


def test_head_gives_headers_without_a_body(base, site) -> None:
    status, headers, body = raw(base, "/sources/encyc.html", "HEAD")
    assert status == 200 and body == b""
    assert int(headers["content-length"]) == (site / "sources" / "encyc.html").stat().st_size


@pytest.mark.parametrize("path", ["/oai?verb=Identify", "/oai?verb=Nope", "/dts/", "/dts/navigation", "/missing"])
def test_security_headers_on_every_kind_of_response(base, path: str) -> None:
    _, headers, _ = raw(base, path)
    assert_secure(headers, path)


def test_csp_allows_only_the_editions_own_scripts_and_styles() -> None:
    csp = dict(SECURITY_HEADERS)["Content-Security-Policy"]
    directives = {d.split()[0]: d.split()[1:] for d in csp.split("; ")}
    assert directives["script-src"] == ["'self'", "'wasm-unsafe-eval'"]  # the search index runs WebAssembly
    assert directives["style-src"] == ["'self'"] and directives["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp and "*" not in csp


def test_a_huge_query_string_is_refused_cleanly(base) -> None:
    long = "x" * 20000
    assert raw(base, f"/?q={long}")[0] == 414
    assert raw(base, f"/dts/collection?id={long}")[0] == 414
    status, headers, body = raw(base, f"/oai?verb=Identify&x={long}")
    assert status == 200 and error_codes(validate(body)) == ["badArgument"]
    status, _, body = raw(base, "/oai", "POST", ("verb=Identify&x=" + long).encode(),
                          {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and error_codes(validate(body)) == ["badArgument"]


def test_a_request_line_beyond_the_servers_limit_is_not_a_500(base) -> None:
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(b"GET /oai?verb=Identify&x=" + b"y" * 300_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        reply = b""
        try:
            while chunk := s.recv(65536):
                reply += chunk
        except ConnectionResetError:  # waitress answers early and closes while the request streams in
            pass
    assert reply == b"" or 400 <= int(reply.split(b" ", 2)[1]) < 500, reply[:80]


def test_many_arguments_are_a_bad_argument(base) -> None:
    query = "&".join(f"a{i}=1" for i in range(200))
    status, _, body = raw(base, f"/oai?verb=Identify&{query}")
    assert status == 200 and error_codes(validate(body)) == ["badArgument"]


def test_an_unexpected_failure_is_a_bare_500(site) -> None:
    class Broken:
        def respond(self, *args):
            raise RuntimeError("secret internals")

    status, headers, body = get(App(site, Broken(), None), "/oai?verb=Identify")
    assert status == 500 and b"secret internals" not in body and b"Traceback" not in body
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_without_an_index_oai_and_dts_answer_404(site) -> None:
    assert get(App(site, None, None), "/oai?verb=Identify")[0] == 404
    assert get(App(site, None, None), "/dts/")[0] == 404
    assert get(App(site, None, None), "/")[0] == 200


def test_cli_serve_get_answers_one_request(site, tmp_path) -> None:
    from cli import cli

    db = write_fixture_index(tmp_path / "i.sqlite")
    result = CliRunner().invoke(cli, ["serve", "--site", str(site), "--index", str(db), "--oai-namespace",
                                      "example.org", "--get", "/oai?verb=Identify"])
    assert result.exit_code == 0, result.output
    assert "<repositoryIdentifier>example.org</repositoryIdentifier>" in result.output
    bad = CliRunner().invoke(cli, ["serve", "--site", str(site), "--index", str(db), "--oai-namespace", "not a domain"])
    assert bad.exit_code == 2 and "domain name" in bad.output
    missing = CliRunner().invoke(cli, ["serve", "--site", str(site), "--index", str(tmp_path / "none.sqlite")])
    assert missing.exit_code == 1 and "no record index" in missing.output


def test_cli_serve_takes_settings_from_the_environment(site, tmp_path) -> None:
    from cli import cli

    db = write_fixture_index(tmp_path / "i.sqlite")
    env = {"OAI_REPOSITORY_NAME": "From the environment", "OAI_ADMIN_EMAIL": "x@example.org y@example.org",
           "OAI_PAGE_SIZE": "1"}
    result = CliRunner().invoke(cli, ["serve", "--site", str(site), "--index", str(db), "--get",
                                      "/oai?verb=ListIdentifiers&metadataPrefix=tei"], env=env)
    assert result.exit_code == 0
    assert result.output.count("<header>") == 1 and 'completeListSize="6"' in result.output
    ident = CliRunner().invoke(cli, ["serve", "--site", str(site), "--index", str(db), "--get", "/oai?verb=Identify"], env=env)
    assert "From the environment" in ident.output and ident.output.count("<adminEmail>") == 2


def test_every_serve_option_is_documented_in_the_readme() -> None:
    from cli import serve

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Harvesting (OAI-PMH and DTS)", 1)[1]
    for param in serve.params:
        names = [o for o in param.opts if o.startswith("--")]
        if param.envvar:
            assert param.envvar in section, f"{param.envvar} is not in the README's harvesting section"
        else:
            assert f"`{names[0]}`" in section or f" {names[0]} " in section, f"{names[0]} is not in the README"


def test_the_built_edition_with_its_index_sitemap_and_robots(site_url: str) -> None:
    """The real build (conftest's built_site): OAI-PMH from the index the build wrote, a sitemap
    whose every page is served with the security headers, and robots.txt."""
    import requests
    from lxml import etree
    from sickle import Sickle

    from teipub.project import PATHS
    from teipub.record_index import collection_files

    def check(response, *args, **kwargs) -> None:  # a hook that returns None keeps the response
        validate(response.content)

    records = list(Sickle(f"{site_url}oai", timeout=30, hooks={"response": [check]}).ListRecords(metadataPrefix="oai_dc"))
    assert len(records) == len(collection_files(PATHS.tei))
    robots = requests.get(f"{site_url}robots.txt", timeout=10)
    assert robots.status_code == 200 and "Sitemap: " in robots.text and "Disallow: /oai" in robots.text
    sitemap = requests.get(f"{site_url}sitemap.xml", timeout=10)
    assert sitemap.status_code == 200 and sitemap.headers["Content-Type"] == "application/xml"
    locs = [e.text for e in etree.fromstring(sitemap.content).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(u.endswith("/sources/encyc.html") for u in locs)
    with requests.Session() as session:
        for loc in locs:
            path = "/" + loc.split("/", 3)[3]  # the sitemap's default base is the default serve address
            resp = session.get(site_url.rstrip("/") + path, timeout=10)
            assert resp.status_code == 200, path
            assert_secure({k.lower(): v for k, v in resp.headers.items()})


def test_pages_are_gzipped_for_clients_that_accept_it(base, site) -> None:
    page = site / "big.html"
    page.write_text("<!doctype html><title>Big</title>" + "<p>Yezhov</p>" * 2000, encoding="utf-8")
    status, headers, body = raw(base, "/big.html", headers={"Accept-Encoding": "gzip, deflate"})
    assert (status, headers["content-encoding"], headers["vary"]) == (200, "gzip", "Accept-Encoding")
    assert gzip.decompress(body) == page.read_bytes() and int(headers["content-length"]) == len(body)
    status, headers, body = raw(base, "/big.html")
    assert status == 200 and "content-encoding" not in headers and body == page.read_bytes()
    assert headers["vary"] == "Accept-Encoding"


def test_unchanged_files_are_answered_304_by_etag_and_by_date(base) -> None:
    for accept in ({}, {"Accept-Encoding": "gzip"}):
        status, first, _ = raw(base, "/assets/edition.css", headers=accept)
        assert status == 200 and first["etag"] and first["last-modified"]
        status, headers, body = raw(base, "/assets/edition.css", headers={**accept, "If-None-Match": first["etag"]})
        assert (status, body, headers["etag"]) == (304, b"", first["etag"])
        assert "content-length" not in headers and "content-type" not in headers
        assert_secure(headers)
        status, _, body = raw(base, "/assets/edition.css", headers={**accept, "If-Modified-Since": first["last-modified"]})
        assert (status, body) == (304, b"")
        status, _, body = raw(base, "/assets/edition.css", headers={**accept, "If-None-Match": '"stale"'})
        assert status == 200 and body


def test_a_missing_page_gets_the_sites_own_404_page(base, site) -> None:
    status, headers, body = raw(base, "/no/such/page.html")
    assert status == 404 and headers["content-type"] == "text/plain; charset=utf-8"  # no 404.html yet
    (site / "404.html").write_text('<!doctype html><title>Not found</title><nav><a href="/">Home</a></nav>',
                                   encoding="utf-8")
    try:
        status, headers, body = raw(base, "/no/such/page.html")
        assert (status, headers["content-type"]) == (404, "text/html; charset=utf-8")
        assert b"<nav>" in body
        assert_secure(headers)
        status, _, body = raw(base, "/oai/../x")  # refused paths stay plain
        assert status in (400, 404)
    finally:
        (site / "404.html").unlink()


def test_data_answers_let_the_browsers_xml_viewer_style_them_and_run_nothing() -> None:
    from teipub.server import DATA_SECURITY_HEADERS

    csp = dict(DATA_SECURITY_HEADERS)["Content-Security-Policy"]
    directives = {d.split()[0]: d.split()[1:] for d in csp.split("; ")}
    assert directives["default-src"] == ["'none'"] and directives["style-src"] == ["'unsafe-inline'"]
    assert "script-src" not in directives  # falls back to default-src 'none'
    assert security_headers("/oai") == security_headers("/dts/collection") == DATA_SECURITY_HEADERS
    assert security_headers("/oai.html") == security_headers("/") == SECURITY_HEADERS
