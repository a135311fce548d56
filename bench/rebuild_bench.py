"""Incremental rebuild benchmark: what a build costs after one source of a collection changes.

For a collection (e.g. bench/out/c500/tei, written by bench/generate.py), the collection is copied
into a scratch folder (bench/out is never changed), built from nothing, then three rebuilds are
timed, each after one change to the source in the middle of the reading order:

1. nothing changed;
2. a paragraph's text changed (a word added to its first paragraph that has an xml:id);
3. a name added (a persName pointing at the index entry the source names most, after that
   paragraph's new word): it reaches the catalogue.

Each build is `teipub.build.build` in this process, without validation (as the scale benchmark
builds; the collection is validated apart), with one worker per CPU. For each it prints the wall
seconds, the pages copied and the transformations run, grouped by stage.

Usage: .venv/bin/python bench/rebuild_bench.py bench/out/c500/tei [--keep DIR]
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from teipub import collection  # noqa: E402
from teipub.build import build  # noqa: E402
from teipub.project import Paths  # noqa: E402

_PARAGRAPH = re.compile(r'(<p\b[^>]*\bxml:id="[^"]+"[^>]*>)')
_NAME = re.compile(r'<persName\b[^>]*\bref="([^"]+)"')


def _run(paths: Paths, label: str) -> None:
    started = time.perf_counter()
    report = build(paths, validate=False)
    seconds = time.perf_counter() - started
    stages = Counter(name.split(":")[0] for name in report.rebuilt)
    shown = ", ".join(f"{stage} {n}" for stage, n in stages.items()) or "none"
    print(f"| {label} | {seconds:.1f} | {report.pages} | {report.reused} | {shown} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tei", type=Path)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    scratch = args.keep or Path(tempfile.mkdtemp(prefix="rebuild-bench-"))
    try:
        shutil.copytree(args.tei, scratch / "tei")
        shutil.copytree(ROOT / "edition" / "assets", scratch / "edition" / "assets")
        paths = Paths(ROOT, tei_dir=scratch / "tei", edition_dir=scratch / "edition")
        sigla = collection.sigla(paths)
        changed = paths.sources / f"{sigla[len(sigla) // 2]}.xml"
        print(f"collection: {args.tei} ({len(sigla)} sources); the source changed: {changed.name}")
        print("| build | wall s | pages | pages copied | transformations run, by stage |")
        print("| --- | ---: | ---: | ---: | --- |")
        _run(paths, "from nothing")
        _run(paths, "nothing changed")
        text = changed.read_text(encoding="utf-8")
        body = text.index("<text")
        found = _PARAGRAPH.search(text, body)
        if found is None:
            raise SystemExit(f"{changed}: no paragraph with an xml:id")
        at = found.end()
        text = text[:at] + "Edited " + text[at:]
        changed.write_text(text, encoding="utf-8")
        _run(paths, "a paragraph's text changed")
        ref = Counter(_NAME.findall(text, body)).most_common(1)
        if not ref:
            raise SystemExit(f"{changed}: no persName with a ref")
        at += len("Edited ")
        text = text[:at] + f'<persName ref="{ref[0][0]}">Koba</persName> ' + text[at:]
        changed.write_text(text, encoding="utf-8")
        _run(paths, "a name added")
    finally:
        if args.keep is None:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
