"""Peak memory and time of `cli.py validate` on generated collections, beside jing (issue 13).

For each collection (as written by `bench/generate.py N`, e.g. bench/out/c500/tei), one run of

    cli.py validate --collection DIR --max-bytes BYTES --format json

under /usr/bin/time (wall, user and system CPU, including the schema workers, and peak resident
memory), then jing on the same files (`java -jar jing.jar schema/purges.rng FILES`, in as few
JVMs as the command line allows). Prints one table row per collection, the load average before
and after each run, and the ratios of peak memory to the first collection's and of validate's
wall time to jing's. The problems are written to OUT/cN.json, so two versions can be compared
byte for byte (their "elapsed" aside).

Usage: .venv/bin/python bench/validate_memory.py bench/out/c500/tei bench/out/c5000/tei \
           [--max-bytes 33554432] [--out /tmp/validate-memory]
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from teipub.checks_schema import RNG_PATH, jing_jar  # noqa: E402
from teipub.xmlinput import xml_files  # noqa: E402

_FIELDS = {"wall": r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)",
           "user": r"User time \(seconds\): (\S+)", "system": r"System time \(seconds\): (\S+)",
           "rss_kb": r"Maximum resident set size \(kbytes\): (\d+)"}


def _seconds(clock: str) -> float:
    total = 0.0
    for part in clock.split(":"):
        total = total * 60 + float(part)
    return total


def timed(command: list[str], stdout: Path | None = None) -> dict[str, float]:
    """Run `command` under /usr/bin/time -v; wall, user, system (s) and peak RSS (MiB)."""
    with open(stdout or os.devnull, "wb") as out:
        done = subprocess.run(["/usr/bin/time", "-v", *command], stdout=out, stderr=subprocess.PIPE,
                              text=True, cwd=ROOT, check=False)
    found = {k: re.search(p, done.stderr) for k, p in _FIELDS.items()}
    if not all(found.values()):
        raise RuntimeError(f"no timing from /usr/bin/time for {command[:3]}: {done.stderr[-500:]}")
    row = {k: float(m.group(1)) if k != "wall" else _seconds(m.group(1)) for k, m in found.items()}  # type: ignore[union-attr]
    row["rss_mib"] = row.pop("rss_kb") / 1024
    row["exit"] = done.returncode
    return row


def jing(files: list[Path]) -> dict[str, float] | None:
    """jing over `files`, in chunks that fit a command line; times summed, peak the largest."""
    jar = jing_jar()
    if jar is None:
        return None
    total = {"wall": 0.0, "user": 0.0, "system": 0.0, "rss_mib": 0.0}
    chunk: list[str] = []
    size = 0
    chunks: list[list[str]] = []
    for f in map(str, files):
        if size + len(f) > 100_000 and chunk:
            chunks.append(chunk)
            chunk, size = [], 0
        chunk.append(f)
        size += len(f) + 1
    chunks.append(chunk)
    for part in chunks:
        row = timed(["java", "-jar", str(jar), str(RNG_PATH), *part])
        for key in ("wall", "user", "system"):
            total[key] += row[key]
        total["rss_mib"] = max(total["rss_mib"], row["rss_mib"])
    return total


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("collections", nargs="+", type=Path)
    parser.add_argument("--max-bytes", type=int, default=32 * 1024 * 1024,
                        help="passed to cli.py validate (the register of c5000 is over 16 MiB)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/validate-memory"))
    parser.add_argument("--no-jing", action="store_true")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    print("| collection | files | validate wall s (user+sys) | peak MiB | jing wall s | validate / jing "
          "| peak / first | load before → after |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    first: float | None = None
    for tei in args.collections:
        files = xml_files(tei.resolve())
        before = load()
        row = timed([sys.executable, "cli.py", "validate", "--collection", str(tei), "--max-bytes",
                     str(args.max_bytes), "--format", "json"], args.out / f"{tei.resolve().parent.name}.json")
        ref = None if args.no_jing else jing(files)
        after = load()
        first = first or row["rss_mib"]
        ratio = f"{row['wall'] / ref['wall']:.2f}" if ref else "–"
        print(f"| {tei} | {len(files)} | {row['wall']:.1f} ({row['user'] + row['system']:.1f}) "
              f"| {row['rss_mib']:.1f} | {ref['wall'] if ref else float('nan'):.1f} | {ratio} "
              f"| {row['rss_mib'] / first:.2f} | {before} → {after} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
