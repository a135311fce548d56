"""Resumption tokens (teipub.tokens): signed, bound to a snapshot, expiring; anything else refused."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import asdict, replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from teipub.tokens import ListState, TokenCodec, TokenError

KEY = b"0123456789abcdef0123456789abcdef"
STATE = ListState("ListRecords", "oai_dc", "genre", "2026-01-01", "", 50, 99, 100, 50, "snap", 2_000_000_000)


def codec(now: float = 1_900_000_000) -> TokenCodec:
    return TokenCodec(KEY, 3600, lambda: now)


def signed(payload: dict) -> str:
    raw = json.dumps(payload).encode()
    b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()  # noqa: E731
    return f"{b64(raw)}.{b64(hmac.new(KEY, raw, hashlib.sha256).digest())}"


def test_round_trip() -> None:
    assert codec().decode(codec().encode(STATE), "snap") == STATE


def test_tokens_are_url_safe() -> None:
    token = codec().encode(STATE)
    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")


@pytest.mark.parametrize(("state", "snapshot", "now", "why"), [
    (STATE, "other", 1_900_000_000, "changed"),
    (STATE, "snap", 2_000_000_001, "expired"),
    (replace(STATE, next_pos=100), "snap", 1_900_000_000, "malformed"),
    (replace(STATE, cursor=100), "snap", 1_900_000_000, "malformed"),
])
def test_refused_states(state, snapshot: str, now: float, why: str) -> None:
    with pytest.raises(TokenError, match=why):
        codec(now).decode(codec().encode(state), snapshot)


def test_a_correctly_signed_payload_of_the_wrong_shape_is_refused() -> None:
    good = asdict(STATE)
    for bad in ({**good, "cursor": True}, {**good, "cursor": "50"}, {k: v for k, v in good.items() if k != "spec"},
                {**good, "extra": 1}, [1, 2]):
        with pytest.raises(TokenError, match="malformed"):
            codec().decode(signed(bad), "snap")
    assert codec().decode(signed(good), "snap") == STATE


def test_a_short_key_is_refused() -> None:
    with pytest.raises(ValueError):
        TokenCodec(b"short")


@given(st.text(max_size=300))
def test_any_string_is_refused_with_a_token_error(text: str) -> None:
    with pytest.raises(TokenError):
        codec().decode(text, "snap")
