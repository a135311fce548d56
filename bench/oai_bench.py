"""Benchmark of the harvesting interface: is listing and paging as cheap at 100,000 records as at 5?

Builds two generated record indexes (5 and 100,000 records, same shape: two formats, four
genre sets) in bench/out/, serves each with waitress on 127.0.0.1 (a free port), and measures

- requests per second, over HTTP, for GetRecord, the first ListRecords page, a ListRecords page
  resumed near the end of the list, and a ListIdentifiers page narrowed by set and dates;
- the index's own cost (no HTTP) of computing a list's span and reading one page at its start,
  middle and end;
- the wall time of a complete harvest with Sickle: the edition's own tei/ collection in both
  formats, the 5-record index, and the 100,000-record index by ListIdentifiers.

Usage: .venv/bin/python bench/oai_bench.py [--requests N] [--page-size N] [--skip-full]
Every loop is bounded in count; the server listens on loopback only and stops at the end.
"""
from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
from sickle import Sickle  # noqa: E402

from teipub.dts import DTS  # noqa: E402
from teipub.oai import Provider, RepositoryConfig  # noqa: E402
from teipub.edition import load_edition  # noqa: E402
from teipub.record_index import Record, RecordIndex, write_index, write_records  # noqa: E402
from teipub.server import App, serving  # noqa: E402
from teipub.tokens import ListState, TokenCodec  # noqa: E402

OUT = ROOT / "bench" / "out"
NS = "bench.example.org"
KEY = b"benchmark key, loopback only...."
GENRES = load_edition(ROOT / "tei").genres  # the edition description's genre terms
DC = ('<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
      "<dc:title>Generated record {i}</dc:title><dc:type>Text</dc:type><dc:format>application/tei+xml</dc:format>"
      "<dc:date>{d}</dc:date></oai_dc:dc>")
TEI = ('<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="r{i}"><teiHeader><fileDesc><titleStmt><title>Generated {i}'
       "</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>"
       '</teiHeader><text><body><div type="section" xml:id="r{i}-div1"><p xml:id="r{i}-p1">{body}</p></div></body></text></TEI>')
FILLER = "Lorem ipsum dolor sit amet. " * 40  # about 1 KB of text per record


def generated(n: int) -> Iterator[Record]:
    for i in range(n):
        day = 1 + (i * 7919) % 3650  # datestamps spread over ten years, not in id order
        d = time.strftime("%Y-%m-%d", time.gmtime(946684800 + day * 86400))
        genre = GENRES[i % len(GENRES)]
        yield Record(f"r{i}", d, ("genre", f"genre:{genre}"), f"Generated {i}", f"sources/r{i}.xml",
                     {"oai_dc": DC.format(i=i, d=d), "tei": TEI.format(i=i, body=FILLER)})


def app_for(db: Path, page_size: int) -> tuple[App, Provider]:
    index = RecordIndex(db)
    provider = Provider(index, RepositoryConfig(namespace=NS, page_size=page_size), TokenCodec(KEY, 3600))
    return App(ROOT / "edition", provider, DTS(index)), provider


@contextmanager
def served(app: App) -> Iterator[str]:
    with serving(app) as (host, port):
        yield f"http://{host}:{port}/oai"


def rate(session: requests.Session, url: str, queries: Callable[[int], str], count: int) -> tuple[float, float]:
    """Requests per second and median latency (ms) for `count` sequential requests."""
    times = []
    start = time.perf_counter()
    for i in range(count):
        t = time.perf_counter()
        r = session.get(f"{url}?{queries(i)}", timeout=30)
        times.append(time.perf_counter() - t)
        if r.status_code != 200 or b"<error" in r.content:
            raise SystemExit(f"unexpected answer to {queries(i)}: {r.content[:300]!r}")
    return count / (time.perf_counter() - start), statistics.median(times) * 1000


def token_at(provider: Provider, verb: str, pos: int) -> str:
    span = provider.index.span("oai_dc", "", None, None)
    assert span is not None
    lo, hi = span
    state = ListState(verb, "oai_dc", "", "", "", lo + pos, hi, hi - lo + 1, pos, provider.index.snapshot,
                      provider.tokens.expiry())
    return quote(provider.tokens.encode(state))


def index_costs(index: RecordIndex, page_size: int, reps: int = 200) -> dict[str, float]:
    """Microseconds for span(), one record by id, and one page at the start, middle and end (no HTTP)."""
    out = {}
    span = index.span("oai_dc", "", None, None)
    assert span is not None
    lo, hi = span
    t = time.perf_counter()
    for _ in range(reps):
        index.span("oai_dc", "genre:encyclopedia", "2003-01-01", "2007-12-31")
    out["span"] = (time.perf_counter() - t) / reps * 1e6
    n = index.count
    t = time.perf_counter()
    for i in range(reps):
        local = f"r{random.Random(i).randrange(n)}"
        index.header(local)
        index.metadata(local, "oai_dc")
    out["one record (random id)"] = (time.perf_counter() - t) / reps * 1e6
    for name, pos in (("first page", lo), ("middle page", (lo + hi) // 2), ("last page", max(lo, hi - page_size + 1))):
        t = time.perf_counter()
        for _ in range(reps):
            index.page("oai_dc", "", pos, hi, page_size, True)
        out[name] = (time.perf_counter() - t) / reps * 1e6
    return out


def harvest_time(url: str, prefix: str, verb: str = "ListRecords") -> tuple[float, int]:
    sickle = Sickle(url, timeout=60)
    start = time.perf_counter()
    items = getattr(sickle, verb)(metadataPrefix=prefix)
    n = sum(1 for _ in items)
    return time.perf_counter() - start, n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--requests", type=int, default=300, help="requests per measurement (default 300)")
    ap.add_argument("--page-size", type=int, default=5,
                    help="records per page (default 5: the same page at both sizes, so the work per request is equal)")
    ap.add_argument("--full-page-size", type=int, default=1000, help="page size of the full 100,000-record harvest")
    ap.add_argument("--skip-full", action="store_true", help="skip the full 100,000-record harvest")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    rows: list[str] = []
    print(f"# {platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"{args.requests} requests per row, page size {args.page_size}\n")

    with tempfile.TemporaryDirectory() as tmp:
        real = Path(tmp) / "edition.sqlite"
        n_real = write_index(ROOT / "tei", real)
        app, _ = app_for(real, args.page_size)
        with served(app) as url:
            for prefix in ("oai_dc", "tei"):
                secs, n = harvest_time(url, prefix)
                rows.append(f"| full harvest with Sickle, the edition's tei/ ({n_real} files) | {prefix} | {n} records | {secs * 1000:.0f} ms |")

    sizes = (5, 100_000)
    results: dict[int, dict[str, str]] = {size: {} for size in sizes}
    apps: dict[int, tuple[App, Provider]] = {}
    for size in sizes:
        db = OUT / f"oai-{size}.sqlite"
        t = time.perf_counter()
        write_records(generated(size), db)
        results[size]["build the index"] = f"{time.perf_counter() - t:.2f} s"
        results[size]["size on disk"] = f"{db.stat().st_size / 1e6:.1f} MB"
        apps[size] = app_for(db, args.page_size)
        for name, us in index_costs(apps[size][1].index, args.page_size).items():
            results[size][f"index only: {name}"] = f"{us:.0f} µs"

    # Both servers run side by side and every probe alternates between them, round by round, so
    # that load from elsewhere on the machine falls on both sizes alike.
    with served(apps[5][0]) as url5, served(apps[100_000][0]) as url100k, requests.Session() as session:
        urls = {5: url5, 100_000: url100k}
        for size in sizes:
            rate(session, urls[size], lambda i: "verb=Identify", 50)  # warm up
        ids = {size: [f"oai:{NS}:r{random.Random(i).randrange(size)}" for i in range(args.requests)] for size in sizes}
        near_end = token_at(apps[100_000][1], "ListRecords", 100_000 - args.page_size - 1)
        probes: dict[str, Callable[[int], Callable[[int], str] | None]] = {
            "GetRecord oai_dc": lambda size: lambda i: f"verb=GetRecord&metadataPrefix=oai_dc&identifier={ids[size][i]}",
            "GetRecord tei": lambda size: lambda i: f"verb=GetRecord&metadataPrefix=tei&identifier={ids[size][i]}",
            "ListRecords oai_dc, first page": lambda size: lambda i: "verb=ListRecords&metadataPrefix=oai_dc",
            "ListIdentifiers, set + from/until": lambda size: lambda i: (
                "verb=ListIdentifiers&metadataPrefix=oai_dc&set=genre:school-essay&from=2001-01-01&until=2009-12-31"),
            "ListRecords oai_dc, resumed near the end": lambda size: (
                (lambda i: f"verb=ListRecords&resumptionToken={near_end}") if size > 5 else None),
        }
        rounds = 5
        for name, make in probes.items():
            samples: dict[int, list[tuple[float, float]]] = {size: [] for size in sizes}
            for _ in range(rounds):
                for size in sizes:
                    query = make(size)
                    if query is not None:
                        samples[size].append(rate(session, urls[size], query, max(1, args.requests // rounds)))
            for size in sizes:
                if samples[size]:
                    best = max(r for r, _ in samples[size])
                    median = statistics.median(m for _, m in samples[size])
                    results[size][name] = f"{best:.0f} req/s (median {median:.2f} ms)"
        for prefix in ("oai_dc", "tei"):
            secs, n = harvest_time(url5, prefix)
            rows.append(f"| full harvest with Sickle, generated index | {prefix} | {n} records | {secs * 1000:.0f} ms |")
    if not args.skip_full:
        big, _ = app_for(OUT / "oai-100000.sqlite", args.full_page_size)
        with served(big) as url:
            for verb in ("ListIdentifiers", "ListRecords"):
                secs, n = harvest_time(url, "oai_dc", verb)
                rows.append(f"| full harvest with Sickle, generated index ({verb}, {args.full_page_size} a page) "
                            f"| oai_dc | {n} items | {secs:.1f} s |")

    print("| measurement | 5 records | 100,000 records |\n|---|---|---|")
    for key in results[100_000]:
        print(f"| {key} | {results[5].get(key, '–')} | {results[100_000][key]} |")
    print("\nreq/s: the best of 5 rounds of sequential requests on one keep-alive connection; "
          "median: the median of the rounds' median latencies.")
    print("\n| harvest | format | items | wall time |\n|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
