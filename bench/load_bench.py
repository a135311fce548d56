"""Load benchmark of `cli.py serve` on loopback: readers, searchers and harvesters at once.

    .venv/bin/python bench/load_bench.py                  # 60 s, 16 clients, writes bench/RESULTS-load.md
    .venv/bin/python bench/load_bench.py --seconds 10 --clients 8 --no-write

Builds the real edition into bench/out/load/ (unless --site names a built one), starts
`cli.py serve` in its own process on a free port of 127.0.0.1, and runs client threads, each
on its own keep-alive connection, for a fixed time. Every client draws its next task from a
fixed mix: read a page (every page of the sitemap), search (the files the Pagefind interface
fetches: its entry, script, WebAssembly, index chunks and fragments), harvest (a complete
OAI-PMH ListRecords with its resumption tokens, or one GetRecord) and DTS navigation. Any
answer other than 200, or any connection error, is a failure. Memory is the server process's
resident set (VmRSS) at start, half-way and end. Not a test: `make test` does not run it.
"""
from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MIX = {"page": 0.55, "search": 0.25, "harvest": 0.08, "record": 0.07, "dts": 0.05}


def build_site(out: Path) -> Path:
    from teipub.build import build
    from teipub.project import Paths

    report = build(Paths(edition_dir=out), validate=False)
    return report.site.resolve()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    bytes: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, size: int) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            self.bytes += size

    def fail(self, what: str) -> None:
        with self.lock:
            self.failures.append(what)


class Client:
    def __init__(self, port: int, stats: Stats) -> None:
        self.port, self.stats = port, stats
        self.conn: http.client.HTTPConnection | None = None

    def get(self, kind: str, target: str) -> bytes | None:
        for attempt in (1, 2):  # a keep-alive connection the server closed is reopened once
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            started = time.perf_counter()
            try:
                self.conn.request("GET", target)
                resp = self.conn.getresponse()
                body = resp.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError) as exc:
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    self.stats.fail(f"{kind} {target}: {type(exc).__name__}")
                    return None
                continue
            except Exception as exc:  # noqa: BLE001 - every failure is counted, none stops the run
                self.conn.close()
                self.conn = None
                self.stats.fail(f"{kind} {target}: {type(exc).__name__}: {exc}")
                return None
            elapsed = time.perf_counter() - started
            if resp.status != 200:
                self.stats.fail(f"{kind} {target}: HTTP {resp.status}")
                return None
            if resp.getheader("Connection", "").lower() == "close":
                self.conn.close()
                self.conn = None
            self.stats.add(kind, elapsed, len(body))
            return body
        return None


def targets(site: Path) -> dict[str, list[str]]:
    pages = sorted("/" + p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    search = ["/search.html", "/pagefind/pagefind.js", "/pagefind/pagefind-ui.js", "/pagefind/pagefind-ui.css",
              "/pagefind/pagefind-entry.json"]
    pf = site / "pagefind"
    for pattern in ("*.pf_meta", "wasm.*.pagefind", "index/*.pf_index", "fragment/*.pf_fragment",
                    "filter/*.pf_filter"):
        found = sorted(pf.glob(pattern))
        search += ["/pagefind/" + p.relative_to(pf).as_posix() for p in found]
    search = [s for s in search if (site / s.lstrip("/")).is_file()]
    return {"page": pages, "search": search}


def run(port: int, seconds: float, clients: int, site: Path, pid: int) -> tuple[Stats, list[tuple[str, float]]]:
    stats = Stats()
    urls = targets(site)
    stop = time.monotonic() + seconds
    memory = [("start", rss_mb(pid))]
    ids: list[str] = []

    def harvest(client: Client, rng: random.Random) -> None:
        prefix = rng.choice(["oai_dc", "tei"])
        target = f"/oai?verb=ListRecords&metadataPrefix={prefix}"
        while target and time.monotonic() < stop + 30:
            body = client.get("harvest", target)
            if body is None:
                return
            found = re.findall(rb"<identifier>([^<]+)</identifier>", body)
            if found and not ids:
                ids.extend(i.decode() for i in found)
            token = re.search(rb"<resumptionToken[^>]*>([^<]+)</resumptionToken>", body)
            target = f"/oai?verb=ListRecords&resumptionToken={quote(token.group(1).decode(), safe='')}" if token else ""

    def worker(n: int) -> None:
        rng = random.Random(n)
        client = Client(port, stats)
        kinds, weights = list(MIX), list(MIX.values())
        while time.monotonic() < stop:
            kind = rng.choices(kinds, weights)[0]
            if kind == "page":
                client.get("page", rng.choice(urls["page"]))
            elif kind == "search":
                for target in rng.sample(urls["search"], k=min(6, len(urls["search"]))):
                    client.get("search", target)
            elif kind == "harvest":
                harvest(client, rng)
            elif kind == "record":
                if ids:
                    client.get("record", f"/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier={quote(rng.choice(ids))}")
                else:
                    client.get("record", "/oai?verb=Identify")
            else:
                client.get("dts", rng.choice(["/dts/", "/dts/collection", "/dts/collection?id=" + quote(
                    rng.choice(ids).rsplit(":", 1)[-1]) if ids else "/dts/collection"]))
        if client.conn is not None:
            client.conn.close()

    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(clients)]
    for t in threads:
        t.start()
    time.sleep(seconds / 2)
    memory.append(("middle", rss_mb(pid)))
    for t in threads:
        t.join()
    memory.append(("end", rss_mb(pid)))
    return stats, memory


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))] * 1000


def report(stats: Stats, memory: list[tuple[str, float]], seconds: float, clients: int, site: Path) -> str:
    total = sum(len(v) for v in stats.latencies.values())
    rows = []
    for kind in [*MIX, *[k for k in stats.latencies if k not in MIX]]:
        lat = stats.latencies.get(kind, [])
        if not lat:
            continue
        rows.append(f"| {kind} | {len(lat)} | {pct(lat, 50):.1f} | {pct(lat, 90):.1f} | {pct(lat, 99):.1f} | "
                    f"{max(lat) * 1000:.1f} | {statistics.fmean(lat) * 1000:.1f} |")
    every = [x for v in stats.latencies.values() for x in v]
    rows.append(f"| **all** | {total} | {pct(every, 50):.1f} | {pct(every, 90):.1f} | {pct(every, 99):.1f} | "
                f"{max(every) * 1000:.1f} | {statistics.fmean(every) * 1000:.1f} |")
    fails = "\n".join(f"- {f}" for f in stats.failures[:20]) or "none"
    return f"""# Load benchmark: `cli.py serve` under concurrent readers, searchers and harvesters

Produced by `bench/load_bench.py` (not a test). {clients} client threads, each on a keep-alive
connection to `cli.py serve` (waitress, settings `teipub.server.WAITRESS_SETTINGS`, 4 worker
threads) on 127.0.0.1, for {seconds:.0f} s, against the edition built from `tei/` ({len(list(site.rglob('*.html')))}
pages). Mix of tasks: {', '.join(f'{k} {v:.0%}' for k, v in MIX.items())} (a *search* task
fetches six of the files the Pagefind interface loads; a *harvest* is a complete OAI-PMH
ListRecords with its resumption tokens; *record* is GetRecord; *dts* the DTS collections).
Machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}; client and server share it.

## Result

- requests: {total} in {seconds:.0f} s ({total / seconds:.0f} per second), {stats.bytes / 1e6:.1f} MB served
- failed requests: **{len(stats.failures)}** ({fails})

| task | requests | p50 ms | p90 ms | p99 ms | max ms | mean ms |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
{chr(10).join(rows)}

Server memory (resident set of the `cli.py serve` process):

| when | MB |
| --- | ---: |
{chr(10).join(f'| {when} | {mb:.1f} |' for when, mb in memory)}

Notes: memory grows in the first seconds (connections, buffers, SQLite
pages) and is flat from the middle of the run to its end. Waitress logs a queue-depth warning
whenever its four threads are all busy; the benchmark sends the server's output to
`bench/out/load-server.log`: a pipe nobody drains would fill and stall the server.

Run again: `.venv/bin/python bench/load_bench.py` (`--seconds`, `--clients`, `--site DIR`).
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--site", type=Path, help="an already built edition (default: build into bench/out/load/)")
    parser.add_argument("--no-write", action="store_true", help="print the report, do not write bench/RESULTS-load.md")
    args = parser.parse_args()
    site = args.site.resolve() if args.site else build_site(ROOT / "bench" / "out" / "load")
    port = free_port()
    log_path = ROOT / "bench" / "out" / "load-server.log"  # waitress logs (queue depth warnings)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("wb")
    server = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "serve", "--host", "127.0.0.1", "--port",
                               str(port), "--site", str(site), "--index", str(site / ".records.sqlite")],
                              cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start")
                time.sleep(0.1)
        stats, memory = run(port, args.seconds, args.clients, site, server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
    text = report(stats, memory, args.seconds, args.clients, site)
    print(text)
    if not args.no_write:
        (ROOT / "bench" / "RESULTS-load.md").write_text(text, encoding="utf-8")
    return 1 if stats.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
