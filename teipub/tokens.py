"""Resumption tokens: the state of an incomplete list, signed so that it cannot be forged.

A token carries everything needed to answer the next page (the verb, the metadataPrefix, the set,
the from/until range, the next position and the last position of the list, its complete size and
the cursor), the snapshot id of the record index it was issued against, and an expiry time. It is
`base64url(JSON) "." base64url(HMAC-SHA256(secret, JSON))`.

So a token cannot be altered (the signature fails), cannot be replayed against another verb (the
verb is inside), cannot be replayed against a rebuilt index (the snapshot differs) and stops
working when it expires. Every such case is a `TokenError`, which the protocol answers with
badResumptionToken.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields


class TokenError(Exception):
    """The token is malformed, forged, expired or issued against another snapshot of the index."""


@dataclass(frozen=True)
class ListState:
    verb: str
    prefix: str
    spec: str  # '' for no set
    date_from: str  # '' for none
    date_until: str  # '' for none
    next_pos: int
    last_pos: int
    size: int  # completeListSize
    cursor: int  # how many records came before the next page
    snapshot: str
    expires: int  # seconds since the epoch, UTC


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class TokenCodec:
    """Issues and checks tokens with one secret key and one lifetime."""

    def __init__(self, secret: bytes, ttl_seconds: int = 3600, clock: Callable[[], float] = time.time) -> None:
        if len(secret) < 16:
            raise ValueError("the resumption token secret must be at least 16 bytes")
        self._secret = secret
        self.ttl = ttl_seconds
        self._clock = clock

    def expiry(self) -> int:
        return int(self._clock()) + self.ttl

    def _sign(self, payload: bytes) -> bytes:
        return hmac.new(self._secret, payload, hashlib.sha256).digest()

    def encode(self, state: ListState) -> str:
        payload = json.dumps(asdict(state), separators=(",", ":"), sort_keys=True).encode()
        return f"{_b64(payload)}.{_b64(self._sign(payload))}"

    def decode(self, token: str, snapshot: str) -> ListState:
        body, dot, sig = token.partition(".")
        if not dot or not body or not sig or len(token) > 2048:
            raise TokenError("malformed resumption token")
        try:
            payload, signature = _unb64(body), _unb64(sig)
        except (binascii.Error, ValueError) as exc:
            raise TokenError("malformed resumption token") from exc
        if not hmac.compare_digest(signature, self._sign(payload)):
            raise TokenError("the resumption token was not issued by this repository")
        try:
            data = json.loads(payload)
        except ValueError as exc:
            raise TokenError("malformed resumption token") from exc
        if not isinstance(data, dict) or set(data) != set(_TYPES) or any(
            type(data[name]) is not kind for name, kind in _TYPES.items()
        ):
            raise TokenError("malformed resumption token")
        state = ListState(**data)
        if state.snapshot != snapshot:
            raise TokenError("the repository has changed since this resumption token was issued; start the list again")
        if state.expires < self._clock():
            raise TokenError("the resumption token has expired")
        if not (0 <= state.next_pos <= state.last_pos and 0 <= state.cursor < state.size):
            raise TokenError("malformed resumption token")
        return state


# field name -> the one Python type its JSON value must have (bool is not accepted as int)
_TYPES: dict[str, type] = {f.name: int if f.type in (int, "int") else str for f in fields(ListState)}
