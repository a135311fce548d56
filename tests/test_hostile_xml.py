"""Hostile XML at `cli.py validate`, each file in its own subprocess under resource limits
(address space 1 GiB, 60 s of CPU): the right rule at a position, in bounded CPU time and memory
(the validator's own, from os.times and VmHWM of /proc/self/status), nothing fetched (a loopback listener and a named pipe
outside the project, watched by fixtures/hostile/tripwire.py), nothing expanded, and no input
file written to (hash and mtime before and after).

Already covered in test_validate_input.py (in-process): the rule and position of the files in
fixtures/validate/hostile, no traceback through click, no socket connect, the size limit.
This file adds the subprocess, the limits and measurements, quadratic blow-up, network and
parameter entities, XInclude of a URL and of a pipe, DOCTYPE behind a BOM or a comment,
100,000 nested elements, a file at the size limit, binary and truncated files.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from teipub.project import ROOT
from teipub.xmlinput import DEFAULT_MAX_BYTES

HOSTILE = ROOT / "tests" / "fixtures" / "validate" / "hostile"
GOOD = ROOT / "tests" / "fixtures" / "validate" / "good"
TRIPWIRE = ROOT / "tests" / "fixtures" / "hostile" / "tripwire.py"
VALID = (HOSTILE / "valid.xml").read_bytes()
TEI_OPEN = b'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="fx-valid">'
MEMORY_LIMIT = 1 << 30  # address space of the validator's process
# CPU time of the validator on one file, start-up included; not wall clock, which depends on what
# else the machine is doing. The file at the size limit needs 7-13 s (the Schematron rules are
# quadratic in the element count), every other case under 0.2 s; an expanded entity bomb would
# run into RLIMIT_CPU (60 s) instead.
MAX_CPU_SECONDS = 40.0
MAX_RSS_MB = 250


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (60, 60))


# Runs cli.py in the child and, on the way out, writes the child's own peak RSS to stderr.
# VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss across fork and exec, so a child of
# a large pytest process would report the parent's size at the fork; exec resets VmHWM.
WRAPPER = """
import os, runpy, sys
sys.argv = [sys.argv[1], *sys.argv[2:]]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
finally:
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    cpu = os.times()
    sys.stderr.write("\\nmaxrss-kb %s cpu-s %.3f\\n" % (peak, cpu.user + cpu.system))
"""


def run_validator(*files: Path) -> tuple[int, dict, float, float]:
    """(exit status, JSON report, CPU seconds, peak RSS in MB) of `cli.py validate` on `files`."""
    proc = subprocess.run([sys.executable, "-c", WRAPPER, str(ROOT / "cli.py"), "validate", "--format", "json",
                           "--collection", str(GOOD), *map(str, files)],
                          cwd=ROOT, capture_output=True, preexec_fn=_limits, timeout=120)
    assert b"Traceback" not in proc.stdout + proc.stderr, proc.stderr.decode(errors="replace")
    peak_kb, cpu_seconds = proc.stderr.rsplit(b"maxrss-kb ", 1)[1].split(b" cpu-s ")
    return proc.returncode, json.loads(proc.stdout) if proc.stdout.strip() else {}, float(cpu_seconds), int(peak_kb) / 1024


def tei(body: bytes) -> bytes:
    return VALID.replace(b"      <p>Hostile input fixture.</p>\n", body)


def quadratic_blowup() -> bytes:
    big = b"a" * 50_000
    refs = b"&big;" * 20_000  # 1 GB if expanded
    return (b'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY big "' + big + b'">]>\n'
            + TEI_OPEN + b"<text><body><p>" + refs + b"</p></body></text></TEI>\n")


@pytest.fixture(scope="module")
def wire(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path, Path]]:
    outside = tmp_path_factory.mktemp("outside")
    fifo, log = outside / "secret.xml", outside / "events.log"
    os.mkfifo(fifo)
    proc = subprocess.Popen([sys.executable, str(TRIPWIRE), str(log), str(fifo)], stdout=subprocess.PIPE)
    assert proc.stdout is not None
    port = int(proc.stdout.readline())
    try:
        yield port, fifo, log
    finally:
        proc.kill()
        proc.wait()


def cases(port: int, fifo: Path) -> dict[str, tuple[bytes, str, int]]:
    """name -> (content, the rule of the first problem, its line)."""
    net = f"http://127.0.0.1:{port}".encode()
    pipe = fifo.as_uri().encode()
    size_limit = DEFAULT_MAX_BYTES
    para = b"      <p>Many plain paragraphs of words, each one closed, to fill the file.</p>\n"
    at_limit = tei(para * ((size_limit - len(VALID) - 200) // len(para)))
    rng = random.Random(7)
    return {
        "billion-laughs": ((HOSTILE / "billion-laughs.xml").read_bytes(), "xml-dtd-refused", 2),
        "quadratic-blowup": (quadratic_blowup(), "xml-dtd-refused", 2),
        "xxe-file": ((HOSTILE / "xxe.xml").read_bytes(), "xml-dtd-refused", 3),
        "xxe-pipe": (b'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY x SYSTEM "' + pipe + b'">]>\n'
                     + TEI_OPEN + b"<text><body><p>&x;</p></body></text></TEI>", "xml-dtd-refused", 2),
        "xxe-network": (b'<!DOCTYPE TEI [<!ENTITY x SYSTEM "' + net + b'/entity">]>\n'
                        + TEI_OPEN + b"<text><body><p>&x;</p></body></text></TEI>", "xml-dtd-refused", 1),
        "parameter-entity": (b'<!DOCTYPE TEI [<!ENTITY % p SYSTEM "' + net + b'/param"> %p;]>\n'
                             + TEI_OPEN + b"</TEI>", "xml-dtd-refused", 1),
        "external-dtd": (b'<!DOCTYPE TEI SYSTEM "' + net + b'/tei.dtd">\n' + TEI_OPEN + b"</TEI>",
                         "xml-dtd-refused", 1),
        "doctype-after-bom-and-comment": (b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- x -->\n<!DOCTYPE TEI ["
                                          b'<!ENTITY x SYSTEM "' + net + b'/bom">]>\n' + TEI_OPEN + b"&x;</TEI>",
                                          "xml-bom", 1),
        "xinclude-network": (tei(b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="' + net
                                 + b'/inc.xml"/>\n'), "xml-xinclude-refused", 31),
        "xinclude-pipe": (tei(b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="' + pipe
                              + b'" parse="text"/>\n'), "xml-xinclude-refused", 31),
        "deep-100000": (TEI_OPEN + b"<text><body>" + b"<div>" * 100_000 + b"</div>" * 100_000
                        + b"</body></text></TEI>", "xml-too-deep", 1),
        "at-the-size-limit": (at_limit, "pointer-unresolved", 23),
        "over-the-size-limit": (at_limit + b"<!--" + b"x" * 1024 + b"-->", "xml-too-large", 1),
        "invalid-utf8": ((HOSTILE / "invalid-utf8.xml").read_bytes(), "xml-encoding", 3),
        "nul-byte": (tei(b"<p>a\x00b</p>\n"), "xml-not-well-formed", 31),
        "bom": ((HOSTILE / "bom.xml").read_bytes(), "xml-bom", 1),
        "empty": (b"", "xml-empty", 1),
        "whitespace-only": (b" \n\t\n", "xml-empty", 1),
        "binary": (bytes(rng.randrange(256) for _ in range(4096)), "xml-encoding", 1),
        "binary-png": (b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(4096)), "xml-encoding", 1),
        "binary-ascii": (bytes(rng.randrange(1, 128) for _ in range(4096)), "xml-not-well-formed", 1),
        "truncated-in-header": (VALID[:400], "xml-not-well-formed", 8),
        "truncated-in-a-tag": (VALID[:VALID.index(b"<listPerson>") + 6], "xml-not-well-formed", 28),
        "truncated-before-the-end": (VALID[:-8], "xml-not-well-formed", 33),
    }


@pytest.fixture(scope="module")
def results(wire, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, dict, float, float, Path]]:
    port, fifo, _ = wire
    folder = tmp_path_factory.mktemp("hostile-xml")
    files = {}
    for name, (content, _, _) in cases(port, fifo).items():
        path = folder / f"{name}.xml"
        path.write_bytes(content)
        files[name] = path
    before = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in files.values()}
    out = {}
    for name, path in files.items():
        code, report, seconds, rss = run_validator(path)
        out[name] = (code, report, seconds, rss, path)
    after = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in files.values()}
    assert before == after, "the validator wrote to an input file"
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in files.values())
    if os.environ.get("HOSTILE_REPORT"):
        for name, (code, report, seconds, rss, path) in out.items():
            print(f"{name:32} {path.stat().st_size:>10} B  exit {code}  {seconds:5.2f} s CPU  peak {rss:6.1f} MB")
    return out


CASE_NAMES = list(cases(1, Path("/x")))


@pytest.mark.parametrize("name", CASE_NAMES)
def test_each_hostile_file_gets_its_rule_in_bounded_time_and_memory(results, wire, name: str) -> None:
    port, fifo, _ = wire
    code, report, seconds, rss, path = results[name]
    _, rule, line = cases(port, fifo)[name]
    problems = report["problems"]
    assert problems, report
    first = problems[0]
    assert (first["rule"], first["line"]) == (rule, line), first
    assert first["column"] >= 1 and first["file"].endswith(path.name) and first["message"]
    assert code == (1 if report["errors"] else 0)
    assert seconds < MAX_CPU_SECONDS, f"{name}: {seconds:.1f} s of CPU"
    assert rss < MAX_RSS_MB, f"{name}: {rss:.0f} MB"


def test_nothing_was_fetched_or_opened_outside(results, wire) -> None:
    _, _, log = wire
    time.sleep(0.2)
    assert not log.exists() or log.read_text(encoding="utf-8") == ""


def test_no_entity_is_expanded(results) -> None:
    for name in ("billion-laughs", "quadratic-blowup", "xxe-file", "xxe-pipe", "xxe-network"):
        code, report, _, _, _ = results[name]
        text = json.dumps(report)
        assert "lol" not in text and "aaaaaaaaaa" not in text and "root:" not in text and "OUTSIDE" not in text
        assert code == 1 and "never expanded" in report["problems"][0]["message"]


def test_a_dtd_after_a_bom_is_refused_as_well(results) -> None:
    _, report, _, _, _ = results["doctype-after-bom-and-comment"]
    assert [p["rule"] for p in report["problems"]] == ["xml-bom", "xml-dtd-refused"]


def test_the_tripwire_would_notice(wire) -> None:
    """The detector works: an unconfined parser reading the same network entity is logged."""
    port, fifo, log = wire
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/probe", timeout=5) as resp:
        resp.read()
    time.sleep(0.2)
    assert "tcp GET /probe HTTP/1.1" in log.read_text(encoding="utf-8")
    log.write_text("", encoding="utf-8")


def test_the_memory_measure_is_the_validators_own_peak(tmp_path: Path) -> None:
    """A large test process must not inflate the child's figure (ru_maxrss survives fork and exec)."""
    ballast = bytearray(2 * MAX_RSS_MB << 20)  # touched, so it is resident in this process
    ballast[::4096] = b"x" * len(ballast[::4096])
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    code, report, _, rss = run_validator(empty)
    assert len(ballast) and code == 1 and report["problems"][0]["rule"] == "xml-empty"
    assert rss < MAX_RSS_MB / 2, f"{rss:.0f} MB reported for an empty file"
