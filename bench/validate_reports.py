"""The validator's reports on the edition, collections and the test fixtures, for comparing two versions.

A change meant to make `cli.py validate` faster must not change what it reports. This script runs
`cli.py validate --format json` on:

* the edition (no argument);
* each collection given (`--collection DIR`, e.g. bench/out/c500/tei);
* every fixture of tests/fixtures/validate (the good collection, each bad and hostile file with the
  good collection beside it) and of tests/fixtures/claims (the valid collection, and each bad
  register in a copy of it),

and writes one JSON file per run into OUT, with the "elapsed" field dropped, the problems sorted
and the paths of temporary copies replaced by TMP, so that the folders written by two versions
compare with `diff -r`:

    .venv/bin/python bench/validate_reports.py /tmp/before [bench/out/c500/tei ...]
    (change, or check out another version)
    .venv/bin/python bench/validate_reports.py /tmp/after [bench/out/c500/tei ...]
    diff -r /tmp/before /tmp/after
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def report(out: Path, name: str, args: list[str], replace: dict[str, str] | None = None) -> None:
    """Run cli.py validate with `args`; write its report, normalised, to OUT/name.json."""
    done = subprocess.run([sys.executable, str(ROOT / "cli.py"), "validate", "--format", "json", *args],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    text = done.stdout
    for old, new in (replace or {}).items():
        text = text.replace(old, new)
    try:
        found = json.loads(text)
        found.pop("elapsed", None)
        found["problems"] = sorted(json.dumps(p, sort_keys=True, ensure_ascii=False) for p in found["problems"])
    except (json.JSONDecodeError, KeyError, TypeError):
        found = {"stdout": text, "stderr": done.stderr[-2000:]}
    found["exit"] = done.returncode
    (out / f"{name}.json").write_text(json.dumps(found, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                                      encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the reports (created)")
    parser.add_argument("collections", nargs="*", type=Path, help="collection folders to validate as well")
    args = parser.parse_args()
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    report(out, "edition", [])
    for folder in args.collections:
        report(out, "collection-" + "-".join(folder.resolve().parts[-2:]), ["--collection", str(folder.resolve())])
    good = FIXTURES / "validate" / "good"
    report(out, "good", [str(good), "--collection", str(good)])
    for kind in ("bad", "hostile"):
        for path in sorted((FIXTURES / "validate" / kind).glob("*.xml")):
            report(out, f"{kind}-{path.stem}", [str(path), "--collection", str(good)])
    valid = FIXTURES / "claims" / "valid"
    report(out, "claims-valid", [str(valid), "--collection", str(valid)])
    for path in sorted((FIXTURES / "claims" / "bad").glob("*.xml")):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "coll"
            shutil.copytree(valid, folder)
            shutil.copy(path, folder / "claims.xml")
            # as cli.py shows it (relative to ROOT), then as given
            shown = {os.path.relpath(folder, ROOT): "TMP", str(folder): "TMP"}
            report(out, f"claims-bad-{path.stem}", [str(folder), "--collection", str(folder)], shown)
    print(f"reports written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
