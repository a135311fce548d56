"""The untagged-name search tries its long pattern only where a form can start, and finds the same."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from teipub.checks_names import _first_tokens, _matches, _pattern

FORMS = {"Stalin": "per-stalin", "Nikolai Yezhov": "per-yezhov", "Ezhov": "per-yezhov",
         "CPSU(b)": "org-cpsu", "Shil'man": "per-shilman", "Moscow Trials": "x", "Moscow": "pla-moscow"}
PIECES = st.sampled_from(["Stalin", "Stalin's", "Stalinist", "Nikolai", "Nikolai\nYezhov", "Ezhov-era",
                          "CPSU(b)", "Shil'man", "Moscow", "Trials", "the", " ", "  ", "\n", "-", ",", "(", "’s"])


@settings(max_examples=300)
@given(st.lists(PIECES, max_size=30))
def test_same_matches_as_scanning_every_position(pieces: list[str]) -> None:
    run = " ".join(pieces)
    pattern = _pattern(FORMS)
    assert pattern is not None
    expected = [(m.start(), m.group(0)) for m in pattern.finditer(run)]
    assert [(m.start(), m.group(0)) for m in _matches(pattern, _first_tokens(FORMS), run)] == expected


def test_a_form_that_starts_with_no_word_falls_back_to_scanning() -> None:
    forms = {"(The) Times": "org-times", "Stalin": "per-stalin"}
    assert _first_tokens(forms) is None
    pattern = _pattern(forms)
    assert [m.group(0) for m in _matches(pattern, None, "(The) Times on Stalin")] == ["(The) Times", "Stalin"]
