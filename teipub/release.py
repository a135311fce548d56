"""A release: one version of the edition as a BagIt bag a library can ingest, and its check.

`release(out_dir)` writes ``OUT/purges-in-dispute-{version}/``, a BagIt bag (Library of Congress
BagIt, RFC 8493, written by the ``bagit`` library) with sha256 and sha512 manifests. Its payload
(``data/``) is also an RO-Crate 1.1 (``data/ro-crate-metadata.json``):

    data/tei/            the collection as it is in the repository: edition.xml, sources/,
                         indexes/ (with authority-evidence.csv when present), claims.xml,
                         bibliography.xml, and raw/ (the witnesses, byte for byte)
    data/schema/         the ODD, the RELAX NG schemas, the Schematron, ENCODING.md
    data/site/           the static reading edition, built by the project's own build into a
                         temporary folder for the version's own address (base URL
                         ``{base}versions/{version}/``); without the Pagefind search index and the
                         server's hidden files (see SITE_LEFT_OUT)
    data/exports/        claims and indexes as CSV and JSON and the teiCorpus (the site's
                         downloads, the same bytes), and the authority lists for reconciliation
    data/CHANGELOG.md, data/README.md
    data/CITATION.cff    how to cite this version (Citation File Format 1.2.0)
    data/datacite.json   DataCite metadata (kernel 4) for a DOI deposit; the DOI is left to be
                         assigned by the repository (``"doi": null``), none is invented
    data/ro-crate-metadata.json

``bag-info.txt`` records the version, the date, the source commit and a contact.

Reproducible: the only date is the edition's (the latest ``revisionDesc/change/@when`` of the
collection, as the build uses); files are copied in sorted order without their metadata, every
file's time is set to that date, the manifests are sorted, and no path of the machine is written.
Two releases of the same commit have identical manifests (tests/test_build_release.py).

Atomic: the bag is assembled in a hidden folder beside its destination and renamed into place
only when complete; on any failure the folder is removed, so there is never half a bag. (A
release killed outright leaves its hidden ``.purges-in-dispute-*.tmp-*`` folder, never a bag.)
`bagit.make_bag` changes the process's working directory while it runs: call `release` from one
thread at a time.

`verify(bag)` checks fixity (every checksum of every manifest) and completeness (no file missing,
none extra) and returns one `Damage` per file. `publish(bag, root)` puts a verified bag's site at
``ROOT/versions/{version}/``.
"""
from __future__ import annotations

import calendar
import datetime
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from lxml import etree

from teipub.edition import Edition, EditionError, load_edition
from teipub.project import NS, PATHS, Paths

CHECKSUMS = ("sha256", "sha512")
NAME = "purges-in-dispute"  # the bag's folder is NAME-{version}
VERSIONS_PATH = "versions/{version}/"  # a version's address below the edition's base URL
SCHEMA_FILES = ("ENCODING.md", "purges.odd", "purges.rng", "purges.sch", "purges.simple.rng")
EXPORT_FILES = ("claims.csv", "claims.json", "indexes.csv", "indexes.json", "purges-corpus.xml")
# Left out of data/site: the Pagefind index is not byte-reproducible (its filter and metadata
# files change from run to run, Pagefind/pagefind#638), and the dot-files are the server's record
# index and the incremental build's page keys. `publish` (`cli.py release --verify BAG --publish
# ROOT`) makes the search index again where the version is published.
SITE_LEFT_OUT = ("pagefind",)
LICENCES = {  # licence URL -> SPDX id (CITATION.cff and DataCite want the id)
    "https://creativecommons.org/licenses/by/4.0/": "CC-BY-4.0",
    "https://creativecommons.org/licenses/by-sa/4.0/": "CC-BY-SA-4.0",
    "https://creativecommons.org/licenses/by-nc/4.0/": "CC-BY-NC-4.0",
    "https://creativecommons.org/publicdomain/zero/1.0/": "CC0-1.0",
}
ROCRATE_CONTEXT = "https://w3id.org/ro/crate/1.1/context"
ROCRATE_SPEC = "https://w3id.org/ro/crate/1.1"


class ReleaseError(Exception):
    """The release cannot be made; nothing was written. The message says why."""


@dataclass(frozen=True)
class ReleaseReport:
    bag: Path
    version: str
    date: str
    commit: str
    files: int  # payload files
    bytes: int  # payload bytes
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Damage:
    path: str  # relative to the bag
    kind: str  # "damaged" | "missing" | "extra" | "bag"
    detail: str = ""

    def render(self) -> str:
        return f"{self.kind}: {self.path}" + (f" ({self.detail})" if self.detail else "")


# ------------------------------------------------------------------ facts of the version

def edition_of(paths: Paths) -> Edition:
    try:
        return load_edition(paths.tei)
    except EditionError as exc:
        raise ReleaseError(str(exc)) from None


def release_date(paths: Paths) -> str:
    """The latest revisionDesc/change/@when of the collection (YYYY-MM-DD): the build's date."""
    from teipub import collection

    try:
        date = collection.collection_metadata(paths).build_date[:10]
    except collection.CollectionError as exc:
        raise ReleaseError(str(exc)) from None
    try:
        datetime.date.fromisoformat(date)
    except ValueError:
        raise ReleaseError(f"the collection has no usable revision date ({date!r}): "
                           "every file's revisionDesc/change needs @when") from None
    return date


def version_disagreements(paths: Paths, version: str) -> list[str]:
    """Files whose own editionStmt/edition/@n is not the edition description's version."""
    wrong = []
    for path in sorted(paths.tei.rglob("*.xml")):
        if paths.raw in path.parents:
            continue
        found = etree.parse(str(path)).xpath("/tei:TEI/tei:teiHeader/tei:fileDesc/tei:editionStmt/tei:edition/@n",
                                             namespaces=NS)
        if found and found[0] != version:
            wrong.append(f"{path.relative_to(paths.tei)} ({found[0]})")
    return wrong


def source_commit(root: Path) -> str:
    """The commit the release is made from; '+modified' when the release's inputs differ from it."""
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                              check=True).stdout.strip()
    try:
        commit = git("rev-parse", "HEAD")
        changed = git("status", "--porcelain", "--", "tei", "schema", "xslt", "teipub", "edition/assets",
                      "CHANGELOG.md", "README.md")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return commit + ("+modified" if changed else "")


def version_url(edition: Edition) -> str:
    """The address the version is published at, beside the current site (Endings: older versions
    stay where they were cited)."""
    base = edition.base_url if edition.base_url.endswith("/") else edition.base_url + "/"
    return base + VERSIONS_PATH.format(version=edition.version) if edition.base_url else ""


# ------------------------------------------------------------------ the payload

def _copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)


def _files(folder: Path, skip_top: Iterable[str] = ()) -> list[Path]:
    """Every regular file under `folder`, sorted, without hidden files/folders and `skip_top`."""
    skip = set(skip_top)
    found = []
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        if any(part.startswith(".") or part == "__pycache__" for part in rel.parts) or rel.parts[0] in skip:
            continue
        if path.is_file():
            found.append(path)
    return sorted(found)


def build_site(paths: Paths, base_url: str, into: Path, jobs: int | None = None) -> Path:
    """The project's own build of the collection into `into` (never edition/site), without the
    search stage. Returns the built site's folder."""
    from teipub import build as builder
    from teipub.saxon import XsltError

    stages = tuple(s for s in builder.STAGES if s.name != "search")
    try:
        report = builder.build(Paths(root=paths.root, tei_dir=paths.tei, edition_dir=into), stages=stages,
                               base_url=base_url, incremental=False, jobs=jobs)
    except (builder.BuildError, XsltError) as exc:
        raise ReleaseError(f"the build failed: {exc}") from None
    return report.site.resolve()


def assemble(paths: Paths, site_dir: Path, payload: Path) -> None:
    """Copy the collection, schema, site, exports and documents into `payload` (becomes data/)."""
    for path in _files(paths.tei):
        _copy(path, payload / "tei" / path.relative_to(paths.tei))
    for name in SCHEMA_FILES:
        if (paths.schema / name).is_file():
            _copy(paths.schema / name, payload / "schema" / name)
    for path in _files(site_dir, SITE_LEFT_OUT):
        _copy(path, payload / "site" / path.relative_to(site_dir))
    downloads = site_dir / "downloads"
    for name in EXPORT_FILES:
        if (downloads / name).is_file():
            _copy(downloads / name, payload / "exports" / name)
    from teipub import authorities

    try:
        authorities.write_reconcile(paths, payload / "exports")
    except authorities.AuthorityError as exc:
        raise ReleaseError(str(exc)) from None
    for name in ("CHANGELOG.md", "README.md"):
        if (paths.root / name).is_file():
            _copy(paths.root / name, payload / name)


# ------------------------------------------------------------------ the metadata

ROLES = (  # (path prefix, role in words, encoding format); the first that matches
    ("tei/raw/", "raw witness: a source exactly as received, never edited", "text/plain"),
    ("tei/sources/", "TEI P5 encoding of a source", "application/tei+xml"),
    ("tei/indexes/authority-evidence.csv", "evidence for the indexes' authority ids", "text/csv"),
    ("tei/indexes/", "TEI index (persons, places or organisations)", "application/tei+xml"),
    ("tei/claims.xml", "TEI register of contested claims", "application/tei+xml"),
    ("tei/bibliography.xml", "TEI bibliography of the works cited", "application/tei+xml"),
    ("tei/edition.xml", "TEI edition description: identity, sources, indexes, version", "application/tei+xml"),
    ("tei/", "part of the TEI collection", None),
    ("schema/purges.odd", "schema: TEI ODD customisation (source of the schemas)", "application/tei+xml"),
    ("schema/ENCODING.md", "schema: the encoding manual", "text/markdown"),
    ("schema/", "schema: generated from the ODD", None),
    ("site/downloads/", "reading edition: a download (copy of the data)", None),
    ("site/", "reading edition: static web site", None),
    ("exports/reconcile-", "export: index entries for Wikidata reconciliation (OpenRefine)", "text/csv"),
    ("exports/purges-corpus.xml", "export: the whole collection as one teiCorpus", "application/tei+xml"),
    ("exports/", "export: data derived from the TEI", None),
    ("CITATION.cff", "how to cite this version (Citation File Format)", "application/x-yaml"),
    ("datacite.json", "DataCite metadata for a DOI deposit (DOI to be assigned)", "application/json"),
    ("CHANGELOG.md", "the edition's changes, version by version", "text/markdown"),
    ("README.md", "the project's documentation", "text/markdown"),
)
FORMATS = {".xml": "application/xml", ".html": "text/html", ".css": "text/css", ".js": "text/javascript",
           ".json": "application/json", ".csv": "text/csv", ".txt": "text/plain", ".md": "text/markdown",
           ".rng": "application/xml", ".sch": "application/xml", ".svg": "image/svg+xml", ".png": "image/png",
           ".woff2": "font/woff2", ".ico": "image/vnd.microsoft.icon"}


def role(rel: str) -> tuple[str, str]:
    for prefix, words, fmt in ROLES:
        if rel.startswith(prefix):
            return words, fmt or FORMATS.get(Path(rel).suffix, "application/octet-stream")
    return "part of the release", FORMATS.get(Path(rel).suffix, "application/octet-stream")


def _creators(edition: Edition) -> list[dict[str, str]]:
    """The editors (groups of the edition, not persons), with the edition's address as their URL."""
    url = {"url": edition.base_url} if edition.base_url else {}
    return [{"@id": "#" + e.ref.replace(":", "-"), "@type": "Organization", "name": e.name, **url}
            for e in edition.editors]


def ro_crate(edition: Edition, date: str, files: list[str], description: str) -> dict:
    """RO-Crate 1.1 metadata: the root dataset (name, description, datePublished, license,
    version, creators) and one File entity per payload file with its role, format, licence."""
    creators = _creators(edition)
    who = [{"@id": c["@id"]} for c in creators]
    licence = {"@id": edition.licence}
    url = version_url(edition)
    entities: list[dict] = [
        {"@id": "ro-crate-metadata.json", "@type": "CreativeWork",
         "conformsTo": {"@id": ROCRATE_SPEC}, "about": {"@id": "./"}},
        {"@id": "./", "@type": "Dataset", "name": f"{edition.title}: {edition.subtitle}" if edition.subtitle else edition.title,
         "description": description, "datePublished": date, "version": edition.version,
         "license": licence, "author": who, "creator": who, "publisher": {"@id": "#publisher"},
         **({"url": url} if url else {}),
         "identifier": f"{NAME}-{edition.version}",
         "hasPart": [{"@id": quote(f)} for f in files]},
        {"@id": edition.licence, "@type": "CreativeWork", "name": LICENCES.get(edition.licence, edition.licence)},
        {"@id": "#publisher", "@type": "Organization", "name": edition.publisher,
         **({"url": edition.base_url} if edition.base_url else {})},
        *creators,
    ]
    for rel in files:
        words, fmt = role(rel)
        entities.append({"@id": quote(rel), "@type": "File", "name": Path(rel).name, "description": words,
                         "encodingFormat": fmt, "license": licence, "creator": who, "version": edition.version})
    return {"@context": ROCRATE_CONTEXT, "@graph": entities}


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def citation_cff(edition: Edition, date: str, abstract: str) -> str:
    """CITATION.cff (CFF 1.2.0) for this version; no DOI (none is assigned yet)."""
    lines = [
        "# How to cite this version of the edition (Citation File Format 1.2.0, https://citation-file-format.github.io/).",
        "cff-version: 1.2.0",
        'message: "If you use this edition, please cite this version of it as below."',
        "type: dataset",
        f"title: {_yaml(edition.title + (': ' + edition.subtitle if edition.subtitle else ''))}",
        f"version: {_yaml(edition.version)}",
        f"date-released: {date}",
        "authors:",
        *(f"  - name: {_yaml(e.name)}" for e in edition.editors),
        f"abstract: {_yaml(abstract)}",
    ]
    if edition.licence in LICENCES:
        lines.append(f"license: {LICENCES[edition.licence]}")
    if version_url(edition):
        lines.append(f"url: {_yaml(version_url(edition))}")
    lines += ["keywords:", *(f"  - {_yaml(k)}" for k in ("TEI", "digital scholarly edition",
                                                        "Communist Party of the Soviet Union", "purges"))]
    return "\n".join(lines) + "\n"


def datacite(edition: Edition, date: str, abstract: str) -> dict:
    """DataCite metadata (kernel 4, as the DataCite REST API's JSON) ready for a DOI deposit. The
    DOI is null: the repository assigns it at deposit (a draft DOI gets one from its prefix)."""
    licence = {"rights": LICENCES.get(edition.licence, edition.licence), "rightsUri": edition.licence}
    if edition.licence in LICENCES:
        licence |= {"rightsIdentifier": LICENCES[edition.licence].lower(), "rightsIdentifierScheme": "SPDX"}
    url = version_url(edition)
    return {"data": {"type": "dois", "attributes": {
        "doi": None,
        "types": {"resourceTypeGeneral": "Dataset", "resourceType": "Digital scholarly edition (TEI P5)"},
        "titles": [{"title": edition.title, "lang": "en"},
                   *([{"title": edition.subtitle, "titleType": "Subtitle", "lang": "en"}] if edition.subtitle else [])],
        "creators": [{"name": e.name, "nameType": "Organizational"} for e in edition.editors],
        "publisher": {"name": edition.publisher},
        "publicationYear": int(date[:4]),
        "version": edition.version,
        "dates": [{"date": date, "dateType": "Issued"}],
        "language": "en",
        "subjects": [{"subject": s} for s in ("Communist Party of the Soviet Union", "Purges", "Soviet Union--History--1925-1953")],
        "rightsList": [licence],
        "descriptions": [
            {"description": abstract, "descriptionType": "Abstract", "lang": "en"},
            {"description": "The DOI is not yet assigned: the repository assigns it when this version is deposited. "
                            "The package is a BagIt bag whose payload is an RO-Crate 1.1.",
             "descriptionType": "TechnicalInfo", "lang": "en"}],
        "formats": ["application/tei+xml", "text/html", "text/csv", "application/json"],
        "alternateIdentifiers": [{"alternateIdentifier": f"{NAME}-{edition.version}", "alternateIdentifierType": "Local"}],
        **({"url": url} if url else {}),
        "schemaVersion": "http://datacite.org/schema/kernel-4",
    }}}


def abstract_of(paths: Paths) -> str:
    found = etree.parse(str(paths.tei / "edition.xml")).xpath(
        "string(//tei:encodingDesc/tei:projectDesc/tei:p[1])", namespaces=NS)
    return " ".join(str(found).split())


def _dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def write_metadata(paths: Paths, edition: Edition, date: str, payload: Path) -> None:
    abstract = abstract_of(paths)
    (payload / "CITATION.cff").write_text(citation_cff(edition, date, abstract), encoding="utf-8")
    (payload / "datacite.json").write_text(_dump(datacite(edition, date, abstract)), encoding="utf-8")
    files = [p.relative_to(payload).as_posix() for p in _files(payload)]
    (payload / "ro-crate-metadata.json").write_text(_dump(ro_crate(edition, date, files, abstract)), encoding="utf-8")


def contact_email(edition: Edition) -> str:
    """editors@ the host of the edition's base URL (as the OAI-PMH adminEmail), or '' without one."""
    from urllib.parse import urlsplit

    host = urlsplit(edition.base_url).hostname if edition.base_url else None
    return f"editors@{host}" if host else ""


def bag_info(edition: Edition, date: str, commit: str) -> dict[str, str]:
    import bagit

    return {
        "Source-Organization": edition.publisher,
        "Contact-Name": edition.publisher,
        **({"Contact-Email": contact_email(edition)} if contact_email(edition) else {}),
        "External-Description": f"{edition.title}, version {edition.version}: the TEI collection, schema, raw "
                                "witnesses, reading edition and exports. The payload is an RO-Crate 1.1.",
        "External-Identifier": f"{NAME}-{edition.version}",
        "Edition-Version": edition.version,
        "Edition-Date": date,
        "Source-Commit": commit,
        "Bagging-Date": date,
        "Bag-Software-Agent": f"bagit.py v{bagit.VERSION} (purges-edition release)",
        **({"Edition-URL": version_url(edition)} if version_url(edition) else {}),
    }


def _sort_manifests(bag: Path) -> None:
    """bagit lists files in directory-walk order; sort every manifest by path (payload manifests
    first, then the tag manifests, whose checksums of the payload manifests are made again)."""
    for alg in CHECKSUMS:
        path = bag / f"manifest-{alg}.txt"
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text("".join(f"{line}\n" for line in sorted(lines, key=lambda l: l.split(maxsplit=1)[1])),
                        encoding="utf-8")
    for alg in CHECKSUMS:
        path = bag / f"tagmanifest-{alg}.txt"
        names = sorted(line.split(maxsplit=1)[1] for line in path.read_text(encoding="utf-8").splitlines())
        path.write_text("".join(f"{_digest(bag / name, alg)} {name}\n" for name in names), encoding="utf-8")


def _fix_times(folder: Path, date: str) -> None:
    stamp = calendar.timegm(datetime.date.fromisoformat(date).timetuple())
    for path in sorted(folder.rglob("*"), reverse=True):
        os.utime(path, (stamp, stamp), follow_symlinks=False)
    os.utime(folder, (stamp, stamp))


def release(out_dir: Path, paths: Paths | None = None, *, site: Path | None = None,
            jobs: int | None = None) -> ReleaseReport:
    """Write the bag OUT/purges-in-dispute-{version}/ (see the module's docstring).

    `site`: an existing build to take instead of building one (it must have been built from the
    same collection with the version's base URL for its citations to be right). Raises
    ReleaseError, leaving nothing behind, when the release cannot be made."""
    import bagit

    started = time.perf_counter()
    paths = paths or PATHS
    timings: dict[str, float] = {}
    edition = edition_of(paths)
    if not edition.version:
        raise ReleaseError("tei/edition.xml has no version (editionStmt/edition/@n)")
    wrong = version_disagreements(paths, edition.version)
    if wrong:
        raise ReleaseError(f"these files give another version than tei/edition.xml ({edition.version}): "
                           + ", ".join(wrong))
    date = release_date(paths)
    commit = source_commit(paths.root)
    final = out_dir / f"{NAME}-{edition.version}"
    if final.exists():
        raise ReleaseError(f"{final} exists already: a release is never overwritten (remove it or choose another --out)")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{final.name}.tmp-", dir=out_dir))
        staging.chmod(0o755)  # mkdtemp's 0700 would be the bag's and data/'s mode
    except OSError as exc:
        raise ReleaseError(f"cannot write in {out_dir}: {exc.strerror or exc}") from None
    try:
        with tempfile.TemporaryDirectory(prefix="purges-release-build-") as work:
            if site is None:
                t = time.perf_counter()
                site = build_site(paths, version_url(edition), Path(work), jobs)
                timings["build"] = time.perf_counter() - t
            elif not (site / "index.html").is_file():
                raise ReleaseError(f"{site} is not a built edition (no index.html)")
            elif version_url(edition) and version_url(edition).encode() not in (site / "index.html").read_bytes():
                raise ReleaseError(f"{site} was not built for this version's address: build it with "
                                   f"`cli.py build --base-url {version_url(edition)}`, or leave out --site")
            t = time.perf_counter()
            assemble(paths, site, staging)
        write_metadata(paths, edition, date, staging)
        timings["assemble"] = time.perf_counter() - t
        t = time.perf_counter()
        try:
            made = bagit.make_bag(str(staging), bag_info(edition, date, commit), checksums=list(CHECKSUMS))
        except (bagit.BagError, OSError, RuntimeError) as exc:
            raise ReleaseError(f"bagit could not make the bag: {exc}") from None
        _sort_manifests(staging)
        _fix_times(staging, date)
        timings["bag"] = time.perf_counter() - t
        oxum = made.info["Payload-Oxum"].split(".")
        staging.rename(final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return ReleaseReport(final, edition.version, date, commit, int(oxum[1]), int(oxum[0]),
                         time.perf_counter() - started, timings)


# ------------------------------------------------------------------ verification

def _digest(path: Path, alg: str) -> str:
    h = hashlib.new(alg)
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def verify(bag_dir: Path) -> list[Damage]:
    """Every problem of the bag, one per file: checksum mismatches (payload and tag files), files
    in a manifest but missing, payload files in no manifest; then bagit's own full validation
    (structure, bagit.txt, Payload-Oxum). An empty list: the bag is complete and intact."""
    import bagit

    try:
        bag = bagit.Bag(str(bag_dir))
    except bagit.BagError as exc:
        return [Damage(str(bag_dir), "bag", f"not a readable BagIt bag: {exc}")]
    damage: list[Damage] = []
    missing, extra = bag.compare_manifests_with_fs()
    damage += [Damage(p, "missing", "listed in a manifest, not in the bag") for p in sorted(missing)]
    damage += [Damage(f"tagmanifest-{alg}.txt", "missing", f"the bag has a {alg} manifest but no {alg} tag manifest")
               for alg in sorted(bag.algorithms) if not (bag_dir / f"tagmanifest-{alg}.txt").is_file()]
    damage += [Damage(p, "extra", "in the bag, in no manifest") for p in sorted(extra)]
    gone = set(missing)
    for rel, hashes in sorted(bag.entries.items()):
        path = bag_dir / rel
        if rel in gone or not path.is_file():
            if rel not in gone:  # a tag file listed in a tag manifest
                damage.append(Damage(rel, "missing", "listed in the tag manifest, not in the bag"))
            continue
        bad = [alg for alg, value in sorted(hashes.items()) if _digest(path, alg) != value.lower()]
        if bad:
            damage.append(Damage(rel, "damaged", f"{', '.join(bad)} checksum differs from the manifest"))
    if not damage:
        try:
            bag.validate()
        except bagit.BagValidationError as exc:
            details = getattr(exc, "details", None) or []
            damage += [Damage(getattr(d, "path", str(bag_dir)), "bag", str(d)) for d in details] \
                or [Damage(str(bag_dir), "bag", exc.message)]
        except bagit.BagError as exc:
            damage.append(Damage(str(bag_dir), "bag", str(exc)))
    return damage


# ------------------------------------------------------------------ publishing a version

def publish(bag_dir: Path, web_root: Path) -> Path:
    """Put the site of a verified bag at WEB_ROOT/versions/{version}/ (the address its citations
    give), with its search index made there; returns that folder. A published version is never
    replaced: an existing folder is refused. Written beside its place and renamed in at the end."""
    import bagit

    from teipub import search

    damage = verify(bag_dir)
    if damage:
        raise ReleaseError(f"{bag_dir} is not intact, not published: " + "; ".join(d.render() for d in damage))
    version = bagit.Bag(str(bag_dir)).info.get("Edition-Version", "")
    if not isinstance(version, str) or not version:
        raise ReleaseError(f"{bag_dir}/bag-info.txt has no Edition-Version")
    dest = web_root / VERSIONS_PATH.format(version=version)
    if dest.exists():
        raise ReleaseError(f"{dest} exists already: a published version is never replaced")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{version}.tmp-", dir=dest.parent))
    except OSError as exc:
        raise ReleaseError(f"cannot write in {dest.parent}: {exc.strerror or exc}") from None
    try:
        work.chmod(0o755)
        shutil.copytree(bag_dir / "data" / "site", work, dirs_exist_ok=True)
        try:
            search.index_site(work)
        except search.SearchError as exc:
            raise ReleaseError(f"the search index could not be made: {exc}") from None
        work.rename(dest)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return dest
