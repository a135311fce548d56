"""The WSGI application (the project's only HTTP code) and the waitress server that runs it.

Routes:
  /oai                 OAI-PMH 2.0 by GET and POST (teipub.oai); every answer is HTTP 200
  /dts/, /dts/{collection,navigation,document}   Distributed Text Services 1.0 (teipub.dts)
  /…                   the built edition's files (GET and HEAD): ETag and Last-Modified with 304
                       answers, gzip where the client accepts it (teipub.static), the site's own
                       404.html for a missing page, its SVG icon at /favicon.ico

Static files are served only from inside the site folder: a path with `..`, `.`, a hidden segment
(the record index is a dot-file), a backslash or a NUL is refused, and the real path of the file
(symbolic links resolved) must lie inside the real path of the site. Every response, errors
included, carries the security headers of `security_headers(path)` (strict for pages, stricter
still for the data of /oai and /dts). An unexpected exception is logged
and answered with a bare 500; a client never sees a stack trace.
"""
from __future__ import annotations

import logging
import os
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, quote
from wsgiref.util import application_uri

from . import static
from .dts import DTS
from .oai import Provider, RepositoryConfig, badArgument
from .record_index import RecordIndex
from .tokens import TokenCodec

log = logging.getLogger("teipub.server")

_OTHER_SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "DENY"),
)
# The pages: only the edition's own scripts, styles and images.
SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("Content-Security-Policy",
     "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
     "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
     "frame-ancestors 'none'"),
    *_OTHER_SECURITY_HEADERS,
)
# The data answers of /oai and /dts: nothing may load or run, but the browser's own XML viewer
# draws its tree with inline styles and data: images (the fold arrows), which 'self' would block.
DATA_SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("Content-Security-Policy",
     "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; "
     "frame-ancestors 'none'"),
    *_OTHER_SECURITY_HEADERS,
)


def security_headers(path: str) -> tuple[tuple[str, str], ...]:
    """The security headers of an answer at `path` (a PATH_INFO)."""
    return DATA_SECURITY_HEADERS if path == "/oai" or path == "/dts" or path.startswith("/dts/") else SECURITY_HEADERS


CONTENT_TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".wasm": "application/wasm",
    ".pdf": "application/pdf",
    ".zip": "application/zip",
}

MAX_QUERY = 8192  # bytes of query string (or form body) accepted
MAX_FIELDS = 64
DTS_ENDPOINTS = ("", "collection", "navigation", "document")
NOT_FOUND_PAGE = "/404.html"
FAVICON_PATH = "/favicon.ico"
FAVICON_FALLBACK = "/assets/favicon.svg"  # answered at /favicon.ico when the site has no .ico
REASONS = {200: "OK", 301: "Moved Permanently", 304: "Not Modified", 400: "Bad Request", 404: "Not Found",
           405: "Method Not Allowed", 414: "URI Too Long", 500: "Internal Server Error"}

StartResponse = Callable[..., object]


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes | Iterable[bytes]
    headers: tuple[tuple[str, str], ...] = ()
    length: int | None = None


def _text(status: int, message: str | None = None, headers: tuple[tuple[str, str], ...] = ()) -> Response:
    body = f"{status} {message or REASONS.get(status, '')}\n".encode()
    return Response(status, "text/plain; charset=utf-8", body, headers)


class App:
    """The WSGI application: `App(site, provider, dts)`; provider and dts may be None (no index)."""

    def __init__(self, site: Path, provider: Provider | None, dts: DTS | None, base_url: str = "") -> None:
        self.site = site
        self.provider = provider
        self.dts = dts
        self.base_url = base_url.rstrip("/")

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        try:
            resp = self.route(environ)
        except Exception:  # noqa: BLE001 - the one place every failure is turned into a bare 500
            log.exception("unhandled error for %s %s", environ.get("REQUEST_METHOD"), environ.get("PATH_INFO"))
            resp = _text(500)
        body = resp.body
        headers = [*((("Content-Type", resp.content_type),) if resp.content_type else ()), *resp.headers,
                   *security_headers(environ.get("PATH_INFO", ""))]
        if resp.status == 304:  # no body, and no length of one (RFC 9110 15.4.5)
            body = b""
        elif isinstance(body, bytes):
            headers.append(("Content-Length", str(len(body))))
        elif resp.length is not None:
            headers.append(("Content-Length", str(resp.length)))
        start_response(f"{resp.status} {REASONS.get(resp.status, 'Error')}", headers)
        if environ.get("REQUEST_METHOD") == "HEAD":
            if hasattr(body, "close"):
                body.close()
            return [b""]
        return [body] if isinstance(body, bytes) else body

    # --- routing -------------------------------------------------------------------------------
    def route(self, environ: dict) -> Response:
        method = environ.get("REQUEST_METHOD", "GET")
        try:
            path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8")
        except UnicodeError:
            return _text(400)
        if path == "/oai":
            if method not in ("GET", "POST"):
                return _text(405, headers=(("Allow", "GET, POST"),))
            return self.oai(environ, method)
        if path == "/dts" or path.startswith("/dts/"):
            if method not in ("GET", "HEAD"):
                return _text(405, headers=(("Allow", "GET, HEAD"),))
            return self.dts_endpoint(environ, path)
        if method not in ("GET", "HEAD"):
            return _text(405, headers=(("Allow", "GET, HEAD"),))
        if len(environ.get("QUERY_STRING", "")) > MAX_QUERY:
            return _text(414)
        if path == FAVICON_PATH:  # browsers ask for it unbidden; the edition's icon is an SVG
            own = self.resolve(path)
            path = path if own is not None and own.is_file() else FAVICON_FALLBACK
        return self.static(path, environ)

    def _base(self, environ: dict) -> str:
        return self.base_url or application_uri(environ).rstrip("/")

    def oai(self, environ: dict, method: str) -> Response:
        if self.provider is None:
            return _text(404, "no record index: build the edition first")
        base_url = f"{self._base(environ)}/oai"
        cors = (("Access-Control-Allow-Origin", "*"),)
        ctype = "text/xml; charset=utf-8"
        if method == "POST":
            kind = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = -1
            if kind != "application/x-www-form-urlencoded":
                return Response(200, ctype, self._oai_error(base_url, "POST requests must be application/x-www-form-urlencoded"), cors)
            if not 0 <= length <= MAX_QUERY:
                return Response(200, ctype, self._oai_error(base_url, "the request is too long"), cors)
            raw = environ["wsgi.input"].read(length).decode("latin-1") if length else ""
        else:
            raw = environ.get("QUERY_STRING", "")
            if len(raw) > MAX_QUERY:
                return Response(200, ctype, self._oai_error(base_url, "the request is too long"), cors)
        try:
            pairs = parse_qsl(raw, keep_blank_values=True, max_num_fields=MAX_FIELDS, encoding="utf-8", errors="replace")
        except ValueError:
            return Response(200, ctype, self._oai_error(base_url, "too many arguments"), cors)
        return Response(200, ctype, self.provider.respond(pairs, base_url).encode("utf-8"), cors)

    def _oai_error(self, base_url: str, message: str) -> bytes:
        assert self.provider is not None
        return self.provider.error(badArgument(message), base_url).encode("utf-8")

    def dts_endpoint(self, environ: dict, path: str) -> Response:
        if self.dts is None:
            return _text(404, "no record index: build the edition first")
        query = environ.get("QUERY_STRING", "")
        if len(query) > MAX_QUERY:
            return _text(414)
        endpoint = path[len("/dts"):].strip("/")
        if endpoint not in DTS_ENDPOINTS:
            return _text(404)
        try:
            params = parse_qsl(query, keep_blank_values=True, max_num_fields=MAX_FIELDS, encoding="utf-8", errors="replace")
        except ValueError:
            return _text(400, "too many parameters")
        url = self._base(environ) + path + (f"?{query}" if query else "")
        reply = self.dts.handle(endpoint, params, url)
        ctype = reply.media_type + ("; charset=utf-8" if reply.media_type.endswith(("xml", "json")) else "")
        return Response(reply.status, ctype, reply.body, (*reply.headers, ("Access-Control-Allow-Origin", "*")))

    # --- static files --------------------------------------------------------------------------
    def resolve(self, path: str) -> Path | None:
        """The file a URL path names inside the site, or None if it must not be served."""
        if "\x00" in path or "\\" in path or not path.startswith("/"):
            return None
        parts = [p for p in path.split("/") if p]
        if any(p in (".", "..") or p.startswith(".") for p in parts):
            return None
        root = os.path.realpath(self.site)
        real = os.path.realpath(os.path.join(root, *parts))
        if real != root and not real.startswith(root + os.sep):
            return None
        return Path(real)

    def static(self, path: str, environ: dict) -> Response:
        target = self.resolve(path)
        if target is None or not target.exists():
            return self.not_found()
        if path.endswith("/") and not target.is_dir():  # "page.html/": its relative links would break
            return self.not_found()
        if target.is_dir():
            if not path.endswith("/"):
                return _text(301, headers=(("Location", quote(path + "/")),))
            target = target / "index.html"
            if self.resolve(path + "index.html") is None or not target.is_file():
                return self.not_found()
        if not target.is_file():
            return self.not_found()
        ctype = CONTENT_TYPES.get(target.suffix.lower(), "application/octet-stream")
        stat = target.stat()
        gzip = static.compressible(target, stat.st_size)
        coding = "gzip" if gzip and static.accepts_gzip(environ) else ""
        current = static.version(stat, coding)
        headers: tuple[tuple[str, str], ...] = (("Cache-Control", "no-cache"), *current.headers(),
                                                *((("Vary", "Accept-Encoding"),) if gzip else ()))
        if static.not_modified(environ, current):
            return Response(304, "", b"", headers)
        if coding:
            return Response(200, ctype, static.gzipped(target, stat), (*headers, ("Content-Encoding", "gzip")))
        return Response(200, ctype, _chunks(target), headers, stat.st_size)

    def not_found(self) -> Response:
        """The site's own 404 page (with its navigation) when the build wrote one, else plain text."""
        page = self.resolve(NOT_FOUND_PAGE)
        if page is None or not page.is_file():
            return _text(404)
        return Response(404, CONTENT_TYPES[".html"], page.read_bytes(), (("Cache-Control", "no-cache"),))


def _chunks(path: Path, size: int = 65536) -> Iterable[bytes]:
    with path.open("rb") as fh:
        while chunk := fh.read(size):
            yield chunk


@dataclass(frozen=True)
class ServerSettings:
    site: Path
    index: Path
    repository: RepositoryConfig = RepositoryConfig()
    token_secret: bytes | None = None  # None: a random key per process (tokens end with it)
    token_ttl: int = 3600
    base_url: str = ""


def make_app(settings: ServerSettings) -> App:
    """The application for a built site and its record index (OAI/DTS answer 404 without one)."""
    provider = dts = None
    if settings.index.is_file():
        index = RecordIndex(settings.index)
        tokens = TokenCodec(settings.token_secret or secrets.token_bytes(32), settings.token_ttl)
        provider = Provider(index, settings.repository, tokens)
        dts = DTS(index, title=settings.repository.repository_name)
    return App(settings.site, provider, dts, settings.base_url)


# waitress settings of `serve` (the tests start their servers with the same). Reading requests
# and writing answers is asynchronous, so a slow client holds no worker thread; what a crowd of
# slow or idle clients could exhaust is the connection limit, so idle connections are dropped
# after `channel_timeout` seconds (waitress: 120) and more of them are allowed (waitress: 100).
WAITRESS_SETTINGS: dict[str, object] = {
    "threads": 4,
    "channel_timeout": 20,
    "connection_limit": 500,
    "cleanup_interval": 5,
    "max_request_header_size": 65536,
    "max_request_body_size": 1 << 20,
    "ident": "purges-edition",
}


def _secure_channel_class() -> type:
    """waitress's channel, answering its own errors (a malformed request line, an oversized
    header or body) with SECURITY_HEADERS, as the application answers everything else."""
    from waitress.channel import HTTPChannel
    from waitress.task import ErrorTask

    class SecureErrorTask(ErrorTask):
        def execute(self) -> None:
            self.response_headers.extend(SECURITY_HEADERS)
            super().execute()

    class SecureChannel(HTTPChannel):
        error_task_class = SecureErrorTask

    return SecureChannel


def create_server(app: App, host: str, port: int, **settings: object):  # -> waitress server
    """waitress.create_server with WAITRESS_SETTINGS (overridden by `settings`) and secure errors."""
    import waitress
    from waitress.server import BaseWSGIServer

    server = waitress.create_server(app, host=host, port=port, **{**WAITRESS_SETTINGS, **settings})
    channel_class = _secure_channel_class()
    listeners = [server] if isinstance(server, BaseWSGIServer) else [
        s for s in server.map.values() if isinstance(s, BaseWSGIServer)]  # one per address (MultiSocketServer)
    for listener in listeners:
        listener.channel_class = channel_class
    return server


@contextmanager
def serving(app: App, host: str = "127.0.0.1", port: int = 0) -> Iterator[tuple[str, int]]:
    """Run `app` under waitress (WAITRESS_SETTINGS) in a background thread; yield (host, port).

    For tests and benchmarks: port 0 takes a free port. On exit the listening socket, every open
    connection and the worker threads are closed, so no server outlives its `with` block (a
    thread that will not stop is an error).
    """
    server = create_server(app, host, port)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield host, server.effective_port
    finally:
        # Close every socket from inside the loop's own thread (through its trigger), so the loop
        # never polls a descriptor closed under it; with its map empty the loop returns.
        from waitress import wasyncore

        server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
        thread.join(timeout=5)
        server.task_dispatcher.shutdown()
        if thread.is_alive():
            raise RuntimeError("the waitress thread did not stop")


def serve(app: App, host: str = "127.0.0.1", port: int = 8000, threads: int = 4) -> None:
    """Run the application with waitress until interrupted."""
    logging.basicConfig()
    server = create_server(app, host, port, threads=threads)
    server.print_listen("Serving on http://{}:{}")
    server.run()


def request_once(app: App, target: str, method: str = "GET") -> tuple[str, list[tuple[str, str]], bytes]:
    """Answer one request in-process (no socket): `serve --get` and the tests use it."""
    import io
    from urllib.parse import unquote, urlsplit
    from wsgiref.util import setup_testing_defaults

    parts = urlsplit(target)
    environ = {"REQUEST_METHOD": method, "PATH_INFO": unquote(parts.path).encode("utf-8").decode("latin-1"),
               "QUERY_STRING": parts.query, "wsgi.input": io.BytesIO()}
    setup_testing_defaults(environ)
    seen: dict[str, object] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: object = None) -> None:
        seen["status"], seen["headers"] = status, headers

    body = b"".join(app(environ, start_response))
    return str(seen["status"]), list(seen["headers"]), body  # type: ignore[arg-type]
