"""`cli.py release` of the real edition: the bag, its metadata, and that it is reproducible.

Runs the whole build twice (two releases of the same commit must be identical), into temporary
folders; never touches edition/site. (A test_build* module: the tier of whole builds.) The
checks that need no build are in tests/test_release.py. The bag's checks use the `bagit` library itself and
`cffconvert`.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import bagit
import pytest
from click.testing import CliRunner

import cli
from teipub import release as rel
from teipub.edition import load_edition
from teipub.project import PATHS

VERSION = load_edition(PATHS.tei).version


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two releases of the same working tree, in two different folders."""
    made = []
    for name in ("first", "second"):
        out = tmp_path_factory.mktemp(f"release-{name}")
        result = CliRunner().invoke(cli.cli, ["release", "--out", str(out)])
        assert result.exit_code == 0, result.output
        made.append(out / f"{rel.NAME}-{VERSION}")
    return made[0], made[1]


@pytest.fixture(scope="module")
def bag(releases: tuple[Path, Path]) -> Path:
    return releases[0]


@pytest.fixture()
def copy(bag: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(bag, tmp_path / bag.name))


def payload(bag: Path) -> set[str]:
    return {p.relative_to(bag / "data").as_posix() for p in (bag / "data").rglob("*") if p.is_file()}


def test_the_bag_validates_with_bagit(bag: Path) -> None:
    made = bagit.Bag(str(bag))
    assert made.validate()
    assert sorted(made.algorithms) == ["sha256", "sha512"]
    assert rel.verify(bag) == []
    result = CliRunner().invoke(cli.cli, ["release", "--verify", str(bag)])
    assert result.exit_code == 0 and "valid" in result.output


def test_the_bag_holds_the_edition(bag: Path) -> None:
    files = payload(bag)
    ed = load_edition(PATHS.tei)
    expected = {"tei/edition.xml", "tei/claims.xml", "tei/bibliography.xml",
                *(f"tei/{s.file}" for s in ed.sources), *(f"tei/raw/{s.raw}" for s in ed.sources),
                *(f"tei/{k.file}" for k in ed.indexes),
                "schema/purges.odd", "schema/purges.rng", "schema/purges.sch", "schema/ENCODING.md",
                "site/index.html", *(f"site/sources/{s.siglum}.html" for s in ed.sources),
                "exports/claims.csv", "exports/claims.json", "exports/indexes.csv", "exports/indexes.json",
                "exports/purges-corpus.xml", *(f"exports/reconcile-{k.name}.csv" for k in ed.indexes),
                "CITATION.cff", "datacite.json", "ro-crate-metadata.json", "CHANGELOG.md"}
    assert expected <= files, expected - files
    # the witnesses are byte for byte the repository's
    for s in ed.sources:
        assert (bag / "data/tei/raw" / s.raw).read_bytes() == (PATHS.raw / s.raw).read_bytes()
    # no hidden files and no search index (not reproducible): see teipub.release.SITE_LEFT_OUT
    assert not any(part.startswith(".") for f in files for part in f.split("/"))
    assert not any(f.startswith("site/pagefind/") for f in files)


def test_every_page_and_citation_of_the_site_shows_the_version(bag: Path) -> None:
    pages = sorted((bag / "data/site").rglob("*.html"))
    assert pages
    missing = [p.name for p in pages if f"Version {VERSION}" not in p.read_text(encoding="utf-8")]
    assert not missing, missing
    # the citations are of the version's own address
    url = rel.version_url(load_edition(PATHS.tei))
    cite = (bag / "data/site/sources" / f"{load_edition(PATHS.tei).sigla[0]}.html").read_text(encoding="utf-8")
    assert url + "sources/" in cite and f"version {VERSION}" in cite


def test_bag_info_names_version_date_commit_and_contact(bag: Path) -> None:
    info = bagit.Bag(str(bag)).info
    assert info["Edition-Version"] == VERSION
    assert info["Bagging-Date"] == info["Edition-Date"] == rel.release_date(PATHS)
    head = subprocess.run(["git", "-C", str(PATHS.root), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    assert info["Source-Commit"].startswith(head)
    assert "@" in info["Contact-Email"] and info["Contact-Name"]


def test_two_releases_are_identical(releases: tuple[Path, Path]) -> None:
    first, second = releases
    for name in ("manifest-sha256.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt", "bag-info.txt"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    lines = (first / "manifest-sha256.txt").read_text(encoding="utf-8").splitlines()
    assert [line.split("  ", 1)[1] for line in lines] == sorted(line.split("  ", 1)[1] for line in lines)


def test_no_path_of_the_machine_is_written(bag: Path) -> None:
    machine = [str(bag.parent).encode(), str(PATHS.root).encode(), b"purges-release-build-", b".tmp-"]
    for path in sorted(bag.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            assert not [m for m in machine if m in data], path.relative_to(bag)


def test_citation_cff_is_valid(bag: Path) -> None:
    cffconvert = Path(sys.executable).with_name("cffconvert")
    done = subprocess.run([str(cffconvert), "--validate", "-i", str(bag / "data/CITATION.cff")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    text = (bag / "data/CITATION.cff").read_text(encoding="utf-8")
    assert f'version: "{VERSION}"' in text and "doi" not in text.lower()


def test_ro_crate_lists_every_payload_file_with_the_required_properties(bag: Path) -> None:
    crate = json.loads((bag / "data/ro-crate-metadata.json").read_text(encoding="utf-8"))
    assert crate["@context"] == "https://w3id.org/ro/crate/1.1/context"
    graph = {e["@id"]: e for e in crate["@graph"]}
    assert len(graph) == len(crate["@graph"])  # every @id once
    assert all("@type" in e for e in crate["@graph"])
    # RO-Crate 1.1 §4: the metadata descriptor
    descriptor = graph["ro-crate-metadata.json"]
    assert descriptor["@type"] == "CreativeWork"
    assert descriptor["about"] == {"@id": "./"}
    assert descriptor["conformsTo"] == {"@id": "https://w3id.org/ro/crate/1.1"}
    # the root data entity: Dataset with name, description, datePublished (ISO 8601), license
    root = graph["./"]
    assert root["@type"] == "Dataset"
    assert root["name"] and root["description"] and root["license"]["@id"] in graph
    assert root["datePublished"] == rel.release_date(PATHS) and root["version"] == VERSION
    assert all(c["@id"] in graph for c in root["creator"])
    # every payload file (but the metadata file itself) is a File entity the root has as a part
    files = payload(bag) - {"ro-crate-metadata.json"}
    parts = {p["@id"] for p in root["hasPart"]}
    assert parts == files
    for f in files:
        entity = graph[f]
        assert entity["@type"] == "File" and entity["description"] and entity["encodingFormat"]
        assert entity["license"] == root["license"] and entity["version"] == VERSION


def test_datacite_metadata_is_ready_for_a_doi_and_invents_none(bag: Path) -> None:
    attrs = json.loads((bag / "data/datacite.json").read_text(encoding="utf-8"))["data"]["attributes"]
    assert attrs["doi"] is None  # assigned by the repository at deposit
    for field in ("creators", "titles", "publisher", "publicationYear", "types"):  # DataCite's mandatory properties
        assert attrs[field], field
    assert attrs["types"]["resourceTypeGeneral"] == "Dataset"
    assert attrs["version"] == VERSION and attrs["publicationYear"] == int(rel.release_date(PATHS)[:4])


def test_an_existing_release_is_never_overwritten(bag: Path) -> None:
    before = (bag / "manifest-sha256.txt").read_bytes()
    result = CliRunner().invoke(cli.cli, ["release", "--out", str(bag.parent)])
    assert result.exit_code == 1 and "exists already" in result.output
    assert (bag / "manifest-sha256.txt").read_bytes() == before


def test_publish_puts_the_version_beside_the_current_site(bag: Path, tmp_path: Path) -> None:
    web = tmp_path / "web"
    (web / "index.html").parent.mkdir()
    (web / "index.html").write_text("the current site", encoding="utf-8")
    result = CliRunner().invoke(cli.cli, ["release", "--verify", str(bag), "--publish", str(web)])
    assert result.exit_code == 0, result.output
    dest = web / "versions" / VERSION
    assert (dest / "index.html").read_bytes() == (bag / "data/site/index.html").read_bytes()
    assert (dest / "pagefind" / "pagefind-entry.json").is_file()  # the search index, made where it is published
    assert (web / "index.html").read_text(encoding="utf-8") == "the current site"
    again = CliRunner().invoke(cli.cli, ["release", "--verify", str(bag), "--publish", str(web)])
    assert again.exit_code == 1 and "never replaced" in again.output

def test_ro_crate_passes_the_ro_crate_validator(bag: Path, monkeypatch) -> None:
    """roc-validator's RO-Crate 1.1 profile, required and recommended checks. Offline: the JSON-LD
    context is the one ro-crate-py ships (RO-Crate 1.3, whose terms include 1.1's), and the two
    checks that only download the context from w3id.org (3.1, 3.2) are skipped."""
    import rocrate
    from rocrate_validator import models, services
    from rocrate_validator.utils import document_loader

    context = json.loads((Path(rocrate.__file__).parent / "data" / "ro-crate.jsonld").read_text(encoding="utf-8"))

    def offline(url: str):
        if url.rstrip("/") == "https://w3id.org/ro/crate/1.1/context":
            return context
        raise RuntimeError(f"offline: {url}")

    monkeypatch.setattr(document_loader, "_fetch_json_ld", offline)
    settings = services.ValidationSettings(rocrate_uri=str(bag / "data"), profile_identifier="ro-crate-1.1",
                                           requirement_severity=models.Severity.RECOMMENDED,
                                           skip_checks=["ro-crate-1.1_3.1", "ro-crate-1.1_3.2"])
    result = services.validate(settings)
    issues = [f"{i.severity.name} {i.check.identifier}: {i.message} ({getattr(i, 'violatingEntity', '')})"
              for i in result.get_issues()]
    assert not issues, issues
