"""A new source from a plain text: `cli.py new-source RAW --siglum S --title T [--genre G]`.

Three files change, all or none:

* ``tei/raw/{RAW's name}``: the text exactly as received, copied byte for byte (the witness the
  fidelity test compares the encoding with);
* ``tei/sources/{S}.xml``: a valid TEI file: the full header of ENCODING.md §3 with every
  statement the editors must make marked ``TO COMPLETE``, and the text as paragraphs
  (``{S}-p1``, ``{S}-p2``… split at blank lines), every word kept;
* ``tei/edition.xml``: the source registered at the end of the reading order, and a change.

The core is pure: `plan_source` takes the raw bytes, the request, the edition description, the ids
of the collection and today's date, and returns a `Plan` (the three files' new contents) or a
`Refusal` (why nothing can be done). `new_source` is the edge: it reads the files, calls the core
and writes the plan atomically (each file written beside its target and renamed into place; a
failure removes what was already placed), so a refused or failed request changes nothing.
"""
from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from teipub.edition import Edition, EditionError, edition_file, parse_edition
from teipub.project import NS, XML_NS

SIGLUM = re.compile(r"^[a-z][a-z0-9]{0,31}$")  # an NCName, and unambiguous before "-p4" in ids
TO_COMPLETE = "TO COMPLETE:"  # marks every statement the encoder still has to make
# characters XML 1.0 cannot hold (a raw text with them is refused, never silently changed)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True)
class Request:
    raw_name: str  # the file name the raw text keeps in tei/raw/
    siglum: str
    title: str  # short title: the original's title
    genre: str | None = None


@dataclass(frozen=True)
class Refusal:
    """Why the source cannot be added; `io` when a file could not be read or written."""

    reason: str
    io: bool = False


@dataclass(frozen=True)
class Plan:
    """The new contents of the files (relative to tei/): raw copy, source, edition description."""

    files: dict[str, bytes]
    paragraphs: int


# ------------------------------------------------------------------ the pure core

def check_request(req: Request, edition: Edition, ids: dict[str, str], existing: set[str]) -> Refusal | None:
    """Refuse a siglum that is no valid id or is taken, a title that is empty, an unknown genre,
    a raw file name already in tei/raw/. `ids`: xml:id -> the file holding it; `existing`: the
    collection's files relative to tei/ (raw/ included)."""
    s = req.siglum
    if not SIGLUM.match(s):
        return Refusal(f'the siglum "{s}" is not a valid id: use a lower-case letter, then up to 31 '
                       f"lower-case letters or digits (like {', '.join(edition.sigla[:3]) or 'memoir'})")
    if s in edition.sigla:
        return Refusal(f'the siglum "{s}" is already taken by a source of {edition_file(Path("tei"))}')
    if f"sources/{s}.xml" in existing:
        return Refusal(f'the siglum "{s}" is taken: tei/sources/{s}.xml exists')
    clash = next((i for i in sorted(ids) if i == s or i.startswith(s + "-")), None)
    if clash is not None:
        return Refusal(f'the siglum "{s}" is taken: the id "{clash}" in {ids[clash]} '
                       f"{'is' if clash == s else 'starts with'} it, and a source's ids must be its own")
    if not req.title.strip():
        return Refusal("the title is empty: give the original's title with --title")
    if req.genre is None and len(edition.genres) != 1:
        return Refusal(f"say the source's genre with --genre: one of {', '.join(edition.genres)}")
    if req.genre is not None and req.genre not in edition.genres:
        return Refusal(f'"{req.genre}" is not a genre of the edition: one of {", ".join(edition.genres)} '
                       "(a new genre is a category of the taxonomy in tei/edition.xml)")
    if f"raw/{req.raw_name}" in existing:
        return Refusal(f"tei/raw/{req.raw_name} exists already: the received files are never replaced; "
                       "rename the new file")
    return None


def decode_raw(data: bytes, name: str) -> str | Refusal:
    """The raw text as a string, or why it cannot be a source (empty, not UTF-8, not XML-safe)."""
    if not data.strip():
        return Refusal(f"{name} is empty: there is no text to encode")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return Refusal(f"{name} is not UTF-8 (byte 0x{data[exc.start]:02x} on line {line}): "
                       "convert it to UTF-8 first (the edition keeps witnesses as received, in UTF-8)")
    if (bad := NOT_XML.search(text)) is not None:
        line = text.count("\n", 0, bad.start()) + 1
        return Refusal(f"{name} holds the control character U+{ord(bad.group()):04X} on line {line}, "
                       "which XML cannot hold: say in the encoding what it stands for")
    if not text.lstrip("\ufeff").strip():
        return Refusal(f"{name} is empty: there is no text to encode")
    return text


def paragraphs(text: str) -> list[str]:
    """The text split at blank lines; line breaks inside a paragraph are kept as they are."""
    body = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").strip()
    return [p.strip() for p in PARAGRAPH_BREAK.split(body) if p.strip()]


def _todo(what: str) -> str:
    return f"{TO_COMPLETE} {what}"


def source_tei(req: Request, genre: str, paras: list[str], edition: Edition, prefixes: str, today: str) -> str:
    """The new source's TEI file: the whole header of ENCODING.md §3, what only the editors can
    say marked TO COMPLETE, and the text as numbered paragraphs."""
    s, t = req.siglum, escape(req.title.strip())
    editors = "".join(f'        <editor ref={quoteattr(e.ref)}>{escape(e.name)}</editor>\n' for e in edition.editors)
    first = edition.editors[0] if edition.editors else None
    who = first.ref if first else ""
    resp = (f"        <respStmt>\n          <resp>{_todo('what the encoding editors did')}</resp>\n"
            f"          <name ref={quoteattr(first.ref)}>{escape(first.name)}</name>\n        </respStmt>\n") if first else ""
    decl = "".join(f"        <{part}>\n          <p>{_todo(what)}</p>\n        </{part}>\n" for part, what in (
        ("correction", "how the source's slips are shown (sic/corr with resp), ENCODING.md §7"),
        ("normalization", "what is kept as received and what is regularised, ENCODING.md §8"),
        ("quotation", "how quotation marks are kept"),
        ("hyphenation", "how hyphens and words split across lines or pages are kept"),
        ("segmentation", "what seg marks in this source (artefacts of transmission, claims), ENCODING.md §8–9"),
        ("interpretation", "what is tagged: names, dates, numbers, claims (ENCODING.md §5, §6, §9); "
                           "nothing is tagged yet")))
    body = "".join(f'      <p xml:id="{s}-p{n}">{escape(p)}</p>\n' for n, p in enumerate(paras, start=1))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="../../schema/purges.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
<!-- Made by `cli.py new-source` from tei/raw/{escape(req.raw_name).replace("--", "-")}. Every statement marked
     "{TO_COMPLETE}" is the encoder's to write (ENCODING.md §3); the text below is the raw text
     split at blank lines, every word kept, nothing tagged yet (§4–§9). -->
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{s}" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title type="main">{escape(edition.title)}: {t}</title>
        <title type="sub">{t}</title>
{editors}{resp}      </titleStmt>
      <editionStmt>
        <edition n={quoteattr(edition.version)}>Version {escape(edition.version)}</edition>
      </editionStmt>
      <publicationStmt>
        <publisher>{escape(edition.publisher)}</publisher>
        <pubPlace>{escape(edition.pub_place)}</pubPlace>
        <date when="{today}">{today[:4]}</date>
        <idno type="edition">{s}</idno>
        <availability>
          <licence target={quoteattr(edition.licence)}>The encoding is published under the edition's licence ({escape(edition.licence)}).</licence>
          <p>{_todo("the rights in the original and the terms on which its wording is reproduced")}</p>
        </availability>
      </publicationStmt>
      <sourceDesc>
        <bibl>
          <title>{t}</title>
          <author>{_todo("the author, or who the original says wrote it")}</author>
          <date notAfter="{today}">{_todo("the original's date (when, or notBefore/notAfter); known so far: not after " + today + ", when it was received")}</date>
          <note type="medium">{_todo("the original's medium")}</note>
          <note type="transmission">Received as a UTF-8 plain text (tei/raw/{escape(req.raw_name)}). {_todo("how the text reached the edition and what copying did to it")}</note>
        </bibl>
      </sourceDesc>
    </fileDesc>
    <encodingDesc>
      <projectDesc>
        <p>{escape(edition.title)}: {escape(edition.subtitle)}.</p>
      </projectDesc>
      <editorialDecl>
{decl}      </editorialDecl>
{prefixes}
    </encodingDesc>
    <profileDesc>
      <langUsage>
        <language ident="en">English</language>
      </langUsage>
      <textClass>
        <keywords scheme="#genre">
          <term>{escape(genre)}</term>
        </keywords>
        <keywords scheme="#stance">
          <term>unassessed</term>
        </keywords>
      </textClass>
    </profileDesc>
    <revisionDesc>
      <change when="{today}" who={quoteattr(who)}>Made from the raw text by cli.py new-source: header to complete, text not yet tagged.</change>
    </revisionDesc>
  </teiHeader>
  <text xml:lang="en">
    <body>
{body}    </body>
  </text>
</TEI>
"""


def register(description: str, req: Request, genre_id: str, today: str, who: str) -> str | Refusal:
    """The edition description with the source added at the end of the reading order and a change
    recorded (text edits in place: the rest of the file stays byte for byte)."""
    listing = re.search(r'<listBibl type="sources">.*?\n([ \t]*)</listBibl>', description, re.S)
    if listing is None:
        return Refusal('tei/edition.xml has no <listBibl type="sources"> to add the source to')
    indent = listing.group(1) + "  "
    entry = (f'{indent}<bibl corresp="sources/{req.siglum}.xml" ana="#{genre_id}">\n'
             f"{indent}  <title>{escape(req.title.strip())}</title>\n"
             f'{indent}  <idno type="edition">{req.siglum}</idno>\n'
             f'{indent}  <idno type="raw">{escape(req.raw_name)}</idno>\n'
             f"{indent}</bibl>\n")
    at = listing.start(1)
    text = description[:at] + entry + description[at:]
    changes = re.search(r"\n([ \t]*)</revisionDesc>", text)
    if changes is None:
        return Refusal("tei/edition.xml has no revisionDesc to record the change in")
    change = (f'{changes.group(1)}  <change when="{today}" who={quoteattr(who)}>Source {req.siglum} added '
              f"by cli.py new-source.</change>\n")
    return text[:changes.start(1)] + change + text[changes.start(1):]


def plan_source(raw: bytes, req: Request, description: bytes, ids: dict[str, str], existing: set[str],
                prefixes: str, today: str) -> Plan | Refusal:
    """Everything new-source writes, or why it writes nothing (pure: no file is touched)."""
    try:
        edition = parse_edition(description)
    except EditionError as exc:
        return Refusal(str(exc))
    refused = check_request(req, edition, ids, existing)
    if refused is not None:
        return refused
    text = decode_raw(raw, req.raw_name)
    if isinstance(text, Refusal):
        return text
    genre = req.genre or edition.genres[0]
    root = etree.fromstring(description)
    genre_id = next((c.get(f"{{{XML_NS}}}id") for c in root.iterfind(".//tei:taxonomy/tei:category/tei:category", NS)
                     if c.get("n") == genre), None)
    if not genre_id:
        return Refusal(f'the genre "{genre}" has no xml:id in tei/edition.xml to point to')
    paras = paragraphs(text)
    who = edition.editors[0].ref if edition.editors else ""
    updated = register(description.decode("utf-8"), req, genre_id, today, who)
    if isinstance(updated, Refusal):
        return updated
    source = source_tei(req, genre, paras, edition, prefixes, today)
    return Plan({f"raw/{req.raw_name}": raw, f"sources/{req.siglum}.xml": source.encode("utf-8"),
                 "edition.xml": updated.encode("utf-8")}, len(paras))


# ------------------------------------------------------------------ the edge: reading and writing

def collection_ids(tei_dir: Path) -> dict[str, str]:
    """Every xml:id of the collection -> the file (relative to tei/) that holds it."""
    ids: dict[str, str] = {}
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    for path in sorted(tei_dir.rglob("*.xml")):
        rel = path.relative_to(tei_dir).as_posix()
        if rel.startswith("raw/"):
            continue
        try:
            tree = etree.parse(str(path), parser)
        except (OSError, etree.XMLSyntaxError):
            continue  # the validator reports it; its ids cannot clash with anything yet
        for el in tree.iter():
            if isinstance(el.tag, str) and (ident := el.get(f"{{{XML_NS}}}id")):
                ids.setdefault(ident, rel)
    return ids


def prefix_block(tei_dir: Path, edition: Edition) -> str:
    """The listPrefixDef of the first source, as text (the new source declares the same prefixes)."""
    for source in edition.sources:
        try:
            text = (tei_dir / source.file).read_text(encoding="utf-8")
        except OSError:
            continue
        found = re.search(r"[ \t]*<listPrefixDef>.*?</listPrefixDef>", text, re.S)
        if found:
            return found.group(0)
    return ""


def new_source(tei_dir: Path, raw_path: Path, siglum: str, title: str, genre: str | None, today: str) -> Plan | Refusal:
    """Add the source to the collection in tei_dir (see the module's docstring); nothing changes on a Refusal."""
    try:
        raw = raw_path.read_bytes()
    except FileNotFoundError:
        return Refusal(f"{raw_path}: no such file", io=True)
    except OSError as exc:
        return Refusal(f"{raw_path}: cannot be read: {exc.strerror or exc}", io=True)
    try:
        description = edition_file(tei_dir).read_bytes()
        edition = parse_edition(description)
    except OSError as exc:
        return Refusal(f"cannot read the edition description {edition_file(tei_dir)}: {exc.strerror or exc}", io=True)
    except EditionError as exc:
        return Refusal(str(exc))
    existing = {p.relative_to(tei_dir).as_posix() for p in tei_dir.rglob("*") if p.is_file()}
    plan = plan_source(raw, Request(raw_path.name, siglum, title, genre), description, collection_ids(tei_dir),
                       existing, prefix_block(tei_dir, edition), today)
    if isinstance(plan, Refusal):
        return plan
    try:
        write_atomically(tei_dir, plan.files)
    except OSError as exc:
        return Refusal(f"nothing written: {exc}", io=True)
    return plan


def write_atomically(folder: Path, files: dict[str, bytes]) -> None:
    """Write every file (relative to folder) or none: each is written and synced beside its target,
    then all are renamed into place; if anything fails, what was placed is undone."""
    staged: list[tuple[Path, Path, bytes | None]] = []  # (temporary, target, previous content or None)
    try:
        for rel, data in files.items():
            target = folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            staged.append((Path(tmp), target, target.read_bytes() if target.exists() else None))
    except BaseException:
        for tmp, _, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    placed: list[tuple[Path, bytes | None]] = []
    try:
        for tmp, target, previous in staged:
            os.chmod(tmp, target.stat().st_mode & 0o777 if previous is not None else 0o644)
            os.replace(tmp, target)
            placed.append((target, previous))
    except BaseException:
        for target, previous in reversed(placed):
            if previous is None:
                target.unlink(missing_ok=True)
            else:
                target.write_bytes(previous)
        for tmp, _, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
