"""teipub/scaffold.py and `cli.py new-source`: a new source takes one command, bad input changes nothing.

Everything runs on temporary copies of the collection, never on tei/ itself.
"""
from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

import cli
from teipub.edition import load_edition
from teipub.project import NS, PATHS
from teipub.scaffold import Plan, Refusal, Request, paragraphs, plan_source, write_atomically
from teipub.validate import validate

from test_fidelity import assert_faithful

TEXT = ("Memoir of the Terror\n\nIn 1937 the NKVD arrested my father & two of his colleagues <at night>.\n"
        "He came back in 1940.\n\n\n   The lists were signed in Moscow.\n")
GENRE = load_edition(PATHS.tei).genres[-1]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def collection(tmp_path: Path) -> Path:
    """A copy of the edition's collection (raw texts included)."""
    shutil.copytree(PATHS.tei, tmp_path / "tei")
    return tmp_path / "tei"


def new_source(tei: Path, raw: Path, *args: str):
    return CliRunner().invoke(cli.cli, ["new-source", str(raw), *args, "--tei", str(tei)])


# ------------------------------------------------------------------ the pure core

def plan(raw: bytes = TEXT.encode(), siglum: str = "memoir", title: str = "Memoir", genre: str | None = GENRE,
         ids: dict[str, str] | None = None, existing: set[str] | None = None) -> Plan | Refusal:
    description = (PATHS.tei / "edition.xml").read_bytes()
    return plan_source(raw, Request("memoir.txt", siglum, title, genre), description, ids or {}, existing or set(),
                       "", "2026-12-05")


def test_the_plan_copies_the_raw_text_unchanged_and_registers_the_source() -> None:
    result = plan()
    assert isinstance(result, Plan) and result.paragraphs == 3
    assert result.files["raw/memoir.txt"] == TEXT.encode()
    root = etree.fromstring(result.files["sources/memoir.xml"])
    assert [p.get("{http://www.w3.org/XML/1998/namespace}id") for p in root.iterfind(".//tei:body/tei:p", NS)] \
        == ["memoir-p1", "memoir-p2", "memoir-p3"]
    assert "TO COMPLETE:" in result.files["sources/memoir.xml"].decode()
    description = result.files["edition.xml"].decode()
    old = (PATHS.tei / "edition.xml").read_text(encoding="utf-8")
    assert description.startswith(old[:old.index("</listBibl>")].rstrip())  # an insertion, the rest as it was
    assert '<idno type="edition">memoir</idno>' in description and '<idno type="raw">memoir.txt</idno>' in description


def test_paragraphs_split_at_blank_lines_and_keep_line_breaks() -> None:
    assert paragraphs("\ufeffa\nb\n\n  \n c \r\n\r\nd") == ["a\nb", "c", "d"]


@pytest.mark.parametrize("kwargs, says", [
    ({"siglum": "encyc" if "encyc" in load_edition(PATHS.tei).sigla else load_edition(PATHS.tei).sigla[0]},
     "already taken"),
    ({"siglum": "memoir", "ids": {"memoir-p1": "sources/other.xml"}}, "starts with it"),
    ({"siglum": "memoir", "existing": {"sources/memoir.xml"}}, "exists"),
    ({"siglum": "Memoir"}, "not a valid id"),
    ({"siglum": "mem oir"}, "not a valid id"),
    ({"siglum": "1937"}, "not a valid id"),
    ({"genre": "novel"}, "not a genre"),
    ({"genre": None}, "--genre"),
    ({"title": "  "}, "title is empty"),
    ({"raw": b""}, "empty"),
    ({"raw": b" \n\n "}, "empty"),
    ({"raw": "caf\u00e9".encode("latin-1")}, "not UTF-8"),
    ({"raw": b"a\x0cb"}, "control character"),
    ({"existing": {"raw/memoir.txt"}}, "exists already"),
])
def test_bad_input_is_refused_with_a_reason(kwargs: dict, says: str) -> None:
    result = plan(**kwargs)
    assert isinstance(result, Refusal) and says in result.reason, result


def test_a_failed_write_leaves_every_file_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("old a")
    before = snapshot(tmp_path)
    real_replace = __import__("os").replace
    calls = []

    def failing_replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("disk full")
        real_replace(src, dst)

    monkeypatch.setattr("teipub.scaffold.os.replace", failing_replace)
    with pytest.raises(OSError):
        write_atomically(tmp_path, {"a.txt": b"new a", "sub/b.txt": b"new b"})
    assert snapshot(tmp_path) == before


# ------------------------------------------------------------------ the command

@pytest.mark.parametrize("content, args, says, status", [
    (TEXT.encode(), ["--siglum", "per", "--title", "T", "--genre", GENRE], "taken", 1),
    (TEXT.encode(), ["--siglum", "bad-id", "--title", "T", "--genre", GENRE], "not a valid id", 1),
    (b"", ["--siglum", "memoir", "--title", "T", "--genre", GENRE], "empty", 1),
    (b"\xff\xfe", ["--siglum", "memoir", "--title", "T", "--genre", GENRE], "not UTF-8", 1),
    (None, ["--siglum", "memoir", "--title", "T", "--genre", GENRE], "no such file", 2),
])
def test_the_command_refuses_bad_input_and_changes_nothing(collection: Path, tmp_path: Path, content: bytes | None,
                                                           args: list[str], says: str, status: int) -> None:
    raw = tmp_path / "memoir.txt"
    if content is not None:
        raw.write_bytes(content)
    before = snapshot(collection)
    result = new_source(collection, raw, *args)
    assert result.exit_code == status and says in result.output and "nothing was changed" in result.output
    assert snapshot(collection) == before


@pytest.mark.site  # a whole build: the full suite's tier, not make check's
def test_a_sixth_source_validates_is_faithful_builds_and_is_counted_everywhere(collection: Path, tmp_path: Path) -> None:
    raw = tmp_path / "memoir.txt"
    raw.write_text(TEXT, encoding="utf-8")
    before = load_edition(collection).sigla
    result = new_source(collection, raw, "--siglum", "memoir", "--title", "A memoir of the Terror", "--genre", GENRE)
    assert result.exit_code == 0, result.output
    edition = load_edition(collection)
    assert edition.sigla == (*before, "memoir")
    assert (collection / "raw" / "memoir.txt").read_bytes() == raw.read_bytes()

    report = validate(collection=collection)
    assert report.ok, "\n".join(p.render() for p in report.problems)
    assert_faithful(collection, edition.source("memoir"))  # what test_fidelity checks for every source

    out = tmp_path / "out"
    result = CliRunner().invoke(cli.cli, ["build", "--tei", str(collection), "--out", str(out), "--no-progress"])
    assert result.exit_code == 0, result.output
    site = out / "site"
    page = (site / "sources" / "memoir.html").read_text(encoding="utf-8")
    assert "memoir-p2" in page and "NKVD arrested my father &amp; two" in page

    header = next(csv.reader(io.StringIO((site / "downloads" / "indexes.csv").read_text(encoding="utf-8"))))
    assert [h for h in header if h.startswith("mentions_")] == [f"mentions_{s}" for s in edition.sigla]

    oai = CliRunner().invoke(cli.cli, ["serve", "--site", str(site), "--index", str(site / ".records.sqlite"), "--get",
                                       "/oai?verb=GetRecord&metadataPrefix=oai_dc"
                                       "&identifier=oai:purges-in-dispute.example.org:memoir"])
    assert oai.exit_code == 0 and "A memoir of the Terror" in oai.output and "<error" not in oai.output
    assert f"genre:{GENRE}" in oai.output

    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="sources/memoir.html"' in home
    count = len(edition.sources)
    words = {6: "six", 7: "seven"}
    for name in ("index.html", "search.html", "about.html", "indexes/persons/index.html"):
        text = (site / name).read_text(encoding="utf-8").lower()
        # the version history quotes past changes and versions as they were recorded ("the five sources")
        text = re.sub(r'<section class="prose version-history".*?</section>', "", text, flags=re.S)
        assert "five" not in text, name
    assert f"{words[count]} sources" in home.lower()
