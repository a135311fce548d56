"""HTTP for the edition's static files: validators, conditional requests and compression.

Pure functions over a file's stat and the request's headers, so the server (teipub.server) only
routes. A file's validators come from its size and modification time: the build rewrites a page
only when it changes (teipub.incremental), so an unchanged page keeps its ETag across builds. A
compressed answer is another representation of the same file and has its own ETag.
"""
from __future__ import annotations

import gzip
import os
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from functools import lru_cache
from pathlib import Path

# Types worth compressing (images and fonts are compressed already); files outside these bounds
# are sent as they are: tiny ones gain nothing, huge ones would hold a worker too long.
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".txt", ".csv", ".svg"}
MIN_COMPRESS = 1024
MAX_COMPRESS = 16 << 20


@dataclass(frozen=True)
class Version:
    """The validators of one representation of a file."""

    etag: str  # quoted, strong
    last_modified: str  # an HTTP-date
    mtime: int  # whole seconds, for If-Modified-Since

    def headers(self) -> tuple[tuple[str, str], ...]:
        return (("ETag", self.etag), ("Last-Modified", self.last_modified))


def version(stat: os.stat_result, coding: str = "") -> Version:
    """The validators of a file (`coding` "gzip" for its compressed representation)."""
    tag = f"{stat.st_size:x}-{stat.st_mtime_ns:x}" + (f"-{coding}" if coding else "")
    return Version(f'"{tag}"', formatdate(stat.st_mtime, usegmt=True), int(stat.st_mtime))


def _etags(header: str) -> set[str]:
    """The entity tags of an If-None-Match header, weak ones compared as strong (RFC 9110 13.1.2)."""
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def not_modified(environ: dict, current: Version) -> bool:
    """Whether a GET/HEAD may be answered 304: If-None-Match decides when present, otherwise
    If-Modified-Since (RFC 9110 13.2.2)."""
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        tags = _etags(if_none_match)
        return "*" in tags or current.etag in tags
    since = environ.get("HTTP_IF_MODIFIED_SINCE")
    if not since:
        return False
    try:
        return current.mtime <= int(parsedate_to_datetime(since).timestamp())
    except (TypeError, ValueError, OverflowError):
        return False  # an unreadable date is ignored, as the RFC asks


def accepts_gzip(environ: dict) -> bool:
    """Whether Accept-Encoding allows gzip (a q of 0 refuses it; `*` stands for it)."""
    offered: dict[str, float] = {}
    for item in environ.get("HTTP_ACCEPT_ENCODING", "").split(","):
        name, _, params = item.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if name:
            offered[name.strip().lower()] = q
    return offered.get("gzip", offered.get("*", 0.0)) > 0


def compressible(path: Path, size: int) -> bool:
    return path.suffix.lower() in COMPRESSIBLE and MIN_COMPRESS <= size <= MAX_COMPRESS


def gzipped(path: Path, stat: os.stat_result) -> bytes:
    """The file gzipped (deterministic: no name, no time), cached per path, size and mtime."""
    return _gzipped(str(path), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=512)
def _gzipped(path: str, size: int, mtime_ns: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
