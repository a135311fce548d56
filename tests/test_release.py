"""`cli.py release` without a build: verify names each damaged, missing or extra file; a failed
release leaves nothing; the version agrees everywhere; OAI-PMH records carry it.

The bag here is a real release of the collection with a one-page stand-in for the site
(`release(..., site=...)`), so no build is run; tests/test_build_release.py releases the real site.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import bagit
import pytest
from click.testing import CliRunner
from lxml import etree

import cli
from teipub import release as rel
from teipub.edition import load_edition
from teipub.project import PATHS, Paths

VERSION = load_edition(PATHS.tei).version


@pytest.fixture(scope="module")
def bag(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site")
    (site / "index.html").write_text(f"<p>Version {VERSION}, {rel.version_url(load_edition(PATHS.tei))}</p>",
                                     encoding="utf-8")
    (site / "downloads").mkdir()
    (site / "downloads" / "claims.csv").write_text("claim\n", encoding="utf-8")
    report = rel.release(tmp_path_factory.mktemp("out"), site=site)
    assert bagit.Bag(str(report.bag)).validate()
    return report.bag


@pytest.fixture()
def copy(bag: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(bag, tmp_path / bag.name))


def test_an_intact_bag_verifies(bag: Path) -> None:
    assert rel.verify(bag) == []
    result = CliRunner().invoke(cli.cli, ["release", "--verify", str(bag)])
    assert result.exit_code == 0 and "valid" in result.output


def test_publish_needs_verify() -> None:
    result = CliRunner().invoke(cli.cli, ["release", "--publish", "somewhere"])
    assert result.exit_code == 2 and "--verify" in result.output



def test_a_changed_payload_file_fails_verify_and_is_named(copy: Path) -> None:
    target = copy / "data/tei/claims.xml"
    target.write_bytes(target.read_bytes().replace(b"</TEI>", b"<!-- x --></TEI>"))
    (copy / "data/exports/claims.csv").unlink()
    (copy / "data/site/extra.html").write_text("not in the manifest", encoding="utf-8")
    damage = rel.verify(copy)
    assert {(d.kind, d.path) for d in damage} == {("damaged", "data/tei/claims.xml"),
                                                 ("missing", "data/exports/claims.csv"),
                                                 ("extra", "data/site/extra.html")}
    result = CliRunner().invoke(cli.cli, ["release", "--verify", str(copy)])
    assert result.exit_code == 1
    for words in ("damaged: data/tei/claims.xml", "missing: data/exports/claims.csv", "extra: data/site/extra.html"):
        assert words in result.output


def test_a_same_size_change_and_a_damaged_tag_file_are_found(copy: Path) -> None:
    target = copy / "data/CHANGELOG.md"
    data = bytearray(target.read_bytes())
    data[0] = ord("X") if data[0] != ord("X") else ord("Y")
    target.write_bytes(bytes(data))
    info = copy / "bag-info.txt"
    info.write_text(info.read_text(encoding="utf-8").replace("Contact-Name", "Contact-Nom"), encoding="utf-8")
    assert {(d.kind, d.path) for d in rel.verify(copy)} == {("damaged", "data/CHANGELOG.md"),
                                                           ("damaged", "bag-info.txt")}


def test_not_a_bag(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli.cli, ["release", "--verify", str(tmp_path)])
    assert result.exit_code == 1 and "not a readable BagIt bag" in result.output


def test_the_changelog_has_the_current_version() -> None:
    text = (PATHS.root / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{VERSION}]" in text


def test_every_file_gives_the_version_of_the_edition_description() -> None:
    assert rel.version_disagreements(PATHS, VERSION) == []


def test_a_version_disagreement_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    tei = Path(shutil.copytree(PATHS.tei, tmp_path / "tei"))
    claims = tei / "claims.xml"
    claims.write_text(claims.read_text(encoding="utf-8").replace(f'<edition n="{VERSION}"', '<edition n="9.9.9"', 1),
                      encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(rel.ReleaseError, match="claims.xml"):
        rel.release(out, Paths(tei_dir=tei))
    assert not out.exists() or not any(out.iterdir())


def test_a_failed_release_leaves_no_half_bag(tmp_path: Path, monkeypatch) -> None:
    def broken(paths, site_dir, payload):
        (payload / "tei").mkdir()
        (payload / "tei/half.xml").write_text("<half/>", encoding="utf-8")
        raise rel.ReleaseError("disk full (simulated)")

    monkeypatch.setattr(rel, "assemble", broken)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(rel.version_url(load_edition(PATHS.tei)), encoding="utf-8")
    with pytest.raises(rel.ReleaseError, match="simulated"):
        rel.release(tmp_path / "out", site=site)
    assert list((tmp_path / "out").iterdir()) == []


def test_oai_dc_records_carry_the_version() -> None:
    from teipub.record_index import read_collection

    records = read_collection(PATHS.tei)
    assert records
    for record in records:
        dc = etree.fromstring(record.formats["oai_dc"])
        descriptions = dc.xpath("//dc:description/text()", namespaces={"dc": "http://purl.org/dc/elements/1.1/"})
        assert f"Edition version {VERSION}" in descriptions, record.local_id


def test_a_damaged_bag_is_not_published(copy: Path, tmp_path: Path) -> None:
    (copy / "data/site/index.html").write_text("changed", encoding="utf-8")
    result = CliRunner().invoke(cli.cli, ["release", "--verify", str(copy), "--publish", str(tmp_path / "web")])
    assert result.exit_code == 1 and "damaged: data/site/index.html" in result.output
    assert not (tmp_path / "web").exists()


@pytest.mark.parametrize("name", ["manifest-sha512.txt", "tagmanifest-sha256.txt", "bag-info.txt"])
def test_a_missing_tag_file_is_named(copy: Path, name: str) -> None:
    (copy / name).unlink()
    result = CliRunner().invoke(cli.cli, ["release", "--verify", str(copy)])
    assert result.exit_code == 1 and f"missing: {name}" in result.output


def test_a_site_built_for_another_address_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>https://elsewhere.example/</p>", encoding="utf-8")
    result = CliRunner().invoke(cli.cli, ["release", "--out", str(tmp_path / "out"), "--site", str(site)])
    assert result.exit_code == 1 and "--base-url" in result.output
    assert not any((tmp_path / "out").iterdir())
