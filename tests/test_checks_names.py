"""The untagged-name search: its pattern (a tree of the forms' characters) finds what an
alternation of the forms sorted by length finds, and a source's runs searched as one string hold
the same runs as the walk that locates the mentions."""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from teipub.checks_names import _SEPARATOR, _pattern, _runs_joined, _text_runs
from teipub.project import NS
from teipub.xmlinput import hardened_parser

FORMS = {"Stalin": "per-stalin", "Nikolai Yezhov": "per-yezhov", "Ezhov": "per-yezhov",
         "CPSU(b)": "org-cpsu", "Shil'man": "per-shilman", "Moscow Trials": "x", "Moscow": "pla-moscow",
         "Stalingrad": "pla-stalingrad", "Nikolai": "per-nikolai", "(The) Times": "org-times",
         "Ezhov-era": "x-era"}
PIECES = st.sampled_from(["Stalin", "Stalin's", "Stalinist", "Stalingrad", "Stalingrads", "Nikolai",
                          "Nikolai\nYezhov", "Nikolai Yezhovshchina", "Ezhov-era", "Ezhov-eras", "CPSU(b)",
                          "Shil'man", "Moscow", "Trials", "(The)", "Times", "the", " ", "  ", "\n", "-",
                          ",", "(", "’s"])
ROOT = Path(__file__).resolve().parent.parent


def _alternation(forms: dict[str, str]) -> re.Pattern[str]:
    """The plain form of the pattern: every form, longest first."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f).replace(r"\ ", r"\s+")
                                                 for f in sorted(forms, key=len, reverse=True)) + r")(?![\w-])")


@settings(max_examples=400)
@given(st.lists(PIECES, max_size=30))
def test_the_tree_of_forms_finds_what_the_alternation_finds(pieces: list[str]) -> None:
    run = " ".join(pieces)
    pattern = _pattern(FORMS)
    assert pattern is not None
    assert ([(m.span(), m.group(0)) for m in pattern.finditer(run)]
            == [(m.span(), m.group(0)) for m in _alternation(FORMS).finditer(run)])


def test_no_match_spans_the_separator_of_two_runs() -> None:
    pattern = _pattern(FORMS)
    assert pattern is not None
    assert [m.group(0) for m in pattern.finditer(f"Stalin{_SEPARATOR}grad Moscow{_SEPARATOR}Trials")] == [
        "Stalin", "Moscow"]


def test_the_runs_joined_are_the_runs_of_the_walk() -> None:
    files = sorted((ROOT / "tei" / "sources").glob("*.xml")) + sorted(
        (ROOT / "tests" / "fixtures" / "validate").rglob("*.xml"))
    compared = 0
    for path in files:
        try:
            tree = etree.parse(str(path), hardened_parser())
        except (etree.XMLSyntaxError, OSError):  # the unreadable hostile fixtures
            continue
        text = tree.getroot().find("tei:text", NS)
        if text is None or b"<![CDATA[" in path.read_bytes():
            continue
        runs = [run for run, _, _ in _text_runs(text)]
        assert str(_runs_joined()(tree)) == "".join(run + _SEPARATOR for run in runs), path
        compared += 1
    assert compared > 10
