"""teipub/streaming.py through validate(): sources are checked and released one at a time, and the
checks that reach across files still see what they need."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from teipub import streaming
from teipub.project import ROOT
from teipub.validate import validate

GOOD = ROOT / "tests" / "fixtures" / "validate" / "good"


@pytest.fixture(params=["in memory", "spilled"])
def tei(request, tmp_path: Path, monkeypatch) -> Path:
    """The good collection; each test runs with the stand-ins' bulk in memory and in the
    temporary file of a large run (teipub.streaming.Spill)."""
    if request.param == "spilled":
        monkeypatch.setattr("teipub.validate.SPILL_FROM", 0)
    shutil.copytree(GOOD, tmp_path / "tei")
    return tmp_path / "tei"


def _copy_source(tei: Path, name: str, edit=lambda t: t) -> Path:
    text = (tei / "sources" / "encyc.xml").read_text(encoding="utf-8")
    out = tei / "sources" / f"{name}.xml"
    out.write_text(edit(text), encoding="utf-8")
    return out


def test_the_good_collection_stays_valid_when_streamed(tei: Path):
    report = validate(collection=tei)
    assert report.ok, [p.render() for p in report.problems]


def test_a_source_is_released_after_its_checks(tei: Path, monkeypatch):
    released: list[str] = []
    real = streaming.release
    monkeypatch.setattr(streaming, "release", lambda doc, *rest: (released.append(doc.path.name), real(doc, *rest))[1])
    validate(collection=tei)
    assert released == ["encyc.xml"]


def test_an_id_repeated_in_two_sources_is_reported_in_both(tei: Path):
    _copy_source(tei, "zcopy")  # the same ids as encyc.xml, in a file read after it
    report = validate(collection=tei, rules=["id-duplicate"])
    files = {Path(p.file).name for p in report.problems}
    assert files == {"encyc.xml", "zcopy.xml"}
    assert all("also used at" in p.message for p in report.problems)


def test_a_pointer_into_a_source_not_read_yet_resolves(tei: Path):
    text = (tei / "sources" / "encyc.xml").read_text(encoding="utf-8")
    first_id = text.split('xml:id="encyc-', 1)[1].split('"', 1)[0]
    _copy_source(tei, "zlater", lambda t: t.replace('xml:id="encyc', 'xml:id="zlater').replace("#encyc-", "#zlater-"))
    pointing = _copy_source(tei, "aearly", lambda t: t.replace('xml:id="encyc', 'xml:id="aearly').replace("#encyc-", "#aearly-"))
    body = pointing.read_text(encoding="utf-8")
    body = body.replace("<body>", f'<body><p xml:id="aearly-p999"><ref target="zlater.xml#zlater-{first_id}">x</ref> '
                                  f'<ref target="zlater.xml#zlater-nothing">y</ref></p>', 1)
    pointing.write_text(body, encoding="utf-8")
    report = validate([pointing], collection=tei, rules=["pointer-unresolved"])
    assert len(report.problems) == 1 and "zlater-nothing" in report.problems[0].message


def _no_lxml(value, seen=None) -> bool:
    """True if nothing reachable from `value` (attributes, containers) is an lxml object."""
    from lxml import etree
    seen = set() if seen is None else seen
    if id(value) in seen:
        return True
    seen.add(id(value))
    if isinstance(value, (etree._Element, etree._ElementTree)):
        return False
    if isinstance(value, dict):
        return all(_no_lxml(k, seen) and _no_lxml(v, seen) for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return all(_no_lxml(v, seen) for v in value)
    slots = [getattr(value, n) for n in getattr(type(value), "__slots__", ()) if hasattr(value, n)]
    if slots and not _no_lxml(slots, seen):
        return False
    if hasattr(value, "__dict__"):
        return _no_lxml(vars(value), seen)
    return True


def _released_example():
    from lxml import etree
    from teipub.xmlinput import Document

    root = etree.fromstring('<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="s"><text><body>'
                            '<p xml:id="s-p1">one</p><p xml:id="s-p2" ana="claim:x" corresp="../claims.xml#claim-x">'
                            'two <num value="12">twelve</num> <corr>three</corr></p>'
                            '</body></text></TEI>')
    doc = Document(Path("/x/sources/s.xml"), "s.xml", root.getroottree())
    return streaming.release(doc, streaming.id_hashes({"s-p2"}))


def test_released_ids_answer_membership_and_keep_only_wanted_spans():
    stand_in = _released_example()
    assert stand_in.released and stand_in.kind == "source"
    assert "s-p1" in stand_in.ids and "s-p3" not in stand_in.ids
    assert stand_in.ids.get("s-p1") is None and stand_in.ids.get("s-p2") is not None
    assert stand_in.tokens == ("../claims.xml#claim-x",)


def test_spilled_ids_answer_as_in_memory_ones():
    """With a Spill, the hashes and facts live in the temporary file: the same answers, and the
    hashes come back in order a block at a time (more than one block here)."""
    ids = [f"s-p{n}" for n in range(1, 300)]
    kept = {"s-p7": ["facts of p7"], "s-p250": ["facts of p250"]}
    spill = streaming.Spill()
    try:
        on_disk = streaming.IdHashes(ids, kept, spill)
        in_memory = streaming.IdHashes(ids, kept)
        for probe in ids + ["s-p0", "s-p300", "other", ""]:
            assert (probe in on_disk) == (probe in in_memory) == (probe in ids), probe
            assert on_disk.get(probe) == in_memory.get(probe) == kept.get(probe)
        assert list(on_disk.sorted_hashes()) == list(in_memory.sorted_hashes()) == sorted(hash(i) for i in ids)
        assert dict(on_disk.items()) == kept
        assert on_disk._hashes is None and on_disk._kept is None  # here: only the kept ids' hashes and places
    finally:
        spill.close()


def test_a_spill_that_cannot_be_written_is_a_clear_error(monkeypatch):
    spill = streaming.Spill()

    def full(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(streaming.os, "pwrite", full)
    try:
        with pytest.raises(streaming.InputError, match="No space left on device"):
            streaming.IdHashes(["a"], {}, spill)
    finally:
        spill.close()


def test_a_stand_in_holds_no_lxml_tree():
    stand_in = _released_example()
    assert stand_in.root is None and stand_in.tree is None
    assert _no_lxml(stand_in)
    assert not _no_lxml(streaming.IdHashes([], {"x": [etree.Element("p")]}))  # the probe sees into slots


def test_the_register_checks_still_see_a_released_span():
    from teipub.checks_claims import ana_claims, quote_matches, span_numbers, unmatched_numbers

    span = _released_example().ids.get("s-p2")[0]
    assert ana_claims(span) == {"x"}
    assert span_numbers(span) == [12.0] and unmatched_numbers([12.0, 13.0], [span]) == [13.0]
    assert quote_matches("two twelve", [span])  # its diplomatic words (the correction left out)
    assert not quote_matches("one two", [span])


def test_problems_are_the_same_whether_sources_are_streamed_or_kept(tei: Path, monkeypatch):
    """The stand-ins answer the cross-file checks as the full trees would (a claim span's words,
    figures and @ana; ids; pointers), on a collection with problems of every such kind."""
    text = (tei / "claims.xml").read_text(encoding="utf-8")
    spans = [t.split('"', 1)[0] for t in text.split('corresp="sources/encyc.xml#')[1:]]
    assert spans, "the fixture's register points into encyc.xml"
    _copy_source(tei, "zcopy")  # repeated ids
    source = tei / "sources" / "encyc.xml"
    tree = etree.parse(str(source))
    for ident in spans:  # other words, other figures, another claim
        span = tree.find(f".//*[@{{http://www.w3.org/XML/1998/namespace}}id='{ident}']")
        span.set("ana", (span.get("ana") or "") + " claim:nothing")
        span.text = "Other words"
        for el in span.iterdescendants():
            el.text = el.tail = None
        for num in span.iter("{http://www.tei-c.org/ns/1.0}num"):
            num.set("value", "7")
    tree.write(str(source), encoding="utf-8")
    body = source.read_text(encoding="utf-8")
    source.write_text(body.replace("<body>", '<body><p><ref target="#encyc-missing">x</ref></p>', 1), encoding="utf-8")
    (tei / "claims.xml").write_text(text.replace(f'#{spans[-1]}"', f'#{spans[-1]} sources/encyc.xml#encyc-nowhere"', 1),
                                    encoding="utf-8")
    streamed = [p.render() for p in validate(collection=tei).problems]
    monkeypatch.setattr(streaming, "releasable", lambda doc: False)
    kept = [p.render() for p in validate(collection=tei).problems]
    assert streamed == kept
    rules = {p.split(" [")[-1] for p in streamed}
    assert {"claim-quote-mismatch", "claim-value-mismatch", "claim-span-orphan", "pointer-unresolved",
            "id-duplicate"} <= {r for r in (p.rule for p in validate(collection=tei).problems)}, rules


def test_problems_are_the_same_with_sources_checked_in_worker_threads(tei: Path, monkeypatch):
    """Sources checked in batches, each in a thread of its own (validate.STREAM_BATCH), give the
    problems of one thread, and `visit` still sees every file once, in order."""
    import threading

    from teipub import validate as validator

    for n in range(3):  # repeated ids, and pointers into sources read later
        _copy_source(tei, f"zcopy{n}")
    (tei / "sources" / "zcopy1.xml").write_text(
        (tei / "sources" / "zcopy1.xml").read_text(encoding="utf-8").replace('ref="per:', 'ref="per:nobody-', 1),
        encoding="utf-8")

    def run():
        seen: list[tuple[str, str]] = []
        report = validator.validate(collection=tei, visit=lambda path, root, data: seen.append(
            (path.name, threading.current_thread().name)))
        return [p.render() for p in report.problems], seen

    one_thread, seen_one = run()
    monkeypatch.setattr(validator, "STREAM_BATCH", 2)
    batched, seen_batched = run()
    assert batched == one_thread and any("per:nobody-" in p for p in batched)
    assert [name for name, _ in seen_batched] == [name for name, _ in seen_one]
    threads = {thread for name, thread in seen_batched if name.startswith("zcopy")}
    assert len(threads) == 2 and threading.current_thread().name not in threads


def _with_schema_problems(tei: Path) -> None:
    """Sources with RELAX NG and Schematron problems, enough of them to be judged in workers."""
    for n in range(4):
        _copy_source(tei, f"zs{n}", lambda t, n=n: t.replace('xml:id="encyc', f'xml:id="zs{n}').replace(
            "#encyc-", f"#zs{n}-").replace("<p ", '<p foo="1" ', 1 if n % 2 else 0).replace(
            'subtype="approx"', 'subtype="nearly"', 1))


def test_problems_are_the_same_with_schema_verdicts_from_worker_processes(tei: Path, monkeypatch):
    from teipub import validate as validator

    _with_schema_problems(tei)
    alone = [p.render() for p in validator.validate(collection=tei).problems]
    assert any("[rng-invalid]" in p for p in alone) and any("[sch-" in p for p in alone)
    calls: list[int] = []
    real = validator._schema_workers
    monkeypatch.setattr(validator, "PARALLEL_FROM", 2)
    monkeypatch.setattr(validator, "_schema_workers", lambda count: calls.append(real(count)) or max(calls[-1], 1))
    with_workers = [p.render() for p in validator.validate(collection=tei).problems]
    assert calls and with_workers == alone


def test_the_workers_are_given_a_few_files_ahead_and_judge_them_all(tei: Path, monkeypatch):
    """The workers are asked for VERDICTS_AHEAD files at a time, never the whole run at once, and
    every source asked for still has their verdicts."""
    from teipub import checks_schema
    from teipub import validate as validator

    _with_schema_problems(tei)
    alone = [p.render() for p in validator.validate(collection=tei).problems]
    monkeypatch.setattr(validator, "PARALLEL_FROM", 2)
    monkeypatch.setattr(validator, "_schema_workers", lambda count: 1)
    monkeypatch.setattr(validator, "VERDICTS_AHEAD", 2)
    judged_here: list[str] = []
    real_errors = checks_schema.rng_errors
    monkeypatch.setattr(checks_schema, "rng_errors", lambda tree, schema=None: (
        judged_here.append(tree.getroot().get("{http://www.w3.org/XML/1998/namespace}id")), real_errors(tree, schema))[1])
    assert [p.render() for p in validator.validate(collection=tei).problems] == alone
    sources = {p.stem for p in (tei / "sources").glob("*.xml")}
    assert len(sources) == 5 and not sources & set(judged_here)  # none judged in this process


def test_a_verdict_on_other_bytes_is_not_used(tei: Path, monkeypatch):
    """A file changed between the worker's reading and the validator's is judged again here."""
    from teipub import checks_schema
    from teipub import validate as validator

    _with_schema_problems(tei)
    alone = [p.render() for p in validator.validate(collection=tei).problems]
    monkeypatch.setattr(validator, "PARALLEL_FROM", 2)
    monkeypatch.setattr(validator, "_schema_workers", lambda count: 1)
    monkeypatch.setattr(checks_schema, "digest", lambda data: b"another file")  # the workers' digests differ
    assert [p.render() for p in validator.validate(collection=tei).problems] == alone


def test_few_sources_start_no_worker():
    from teipub import validate as validator

    assert validator._schema_workers(validator.PARALLEL_FROM - 1) == 0


def test_a_worker_never_reads_a_file_over_the_size_limit(tmp_path: Path):
    from teipub import checks_schema

    big = tmp_path / "big.xml"
    big.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">' + "<p>x</p>" * 100 + "</TEI>", encoding="utf-8")
    assert checks_schema.verdicts_of(str(big), 100) is None
    assert checks_schema.verdicts_of(str(big), 10_000) is not None
