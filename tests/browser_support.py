"""Helpers for the browser tests: Debian's Chromium under Playwright, the page types of the
edition, a recorder of console errors and failed requests, and keyboard navigation.

Chromium is never downloaded: Playwright drives /usr/bin/chromium (`make browser-deps`
installs it), or $CHROMIUM_PATH.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# A person every test can rely on: the variant spelling and the name the index uses.
VARIANT, PERSON, PERSON_ENTRY = "Ezhov", "Yezhov", "indexes/persons/per-yezhov.html"


def page_types(site: Path) -> dict[str, str]:
    """Every kind of page in the built site: name -> path from the site root.

    One page of each kind is enough for what is the same on all of them (they come from one
    stylesheet); the reading pages are all listed, since each source has its own features."""
    def first(pattern: str) -> str:
        found = sorted(site.glob(pattern))
        assert found, f"the built site has no page matching {pattern}"
        return found[0].relative_to(site).as_posix()

    pages = {
        "home": "index.html",
        "claims-overview": "claims/index.html",
        "claim": first("claims/claim-*.html"),
        "indexes": "indexes/index.html",
        "persons-index": "indexes/persons/index.html",
        "places-index": "indexes/places/index.html",
        "organisations-index": "indexes/organisations/index.html",
        "person-entry": PERSON_ENTRY,
        "place-entry": first("indexes/places/pla-*.html"),
        "organisation-entry": first("indexes/organisations/org-*.html"),
        "chronology": "chronology.html",
        "method": "method.html",
        "guidelines": "guidelines.html",
        "about": "about.html",
        "licence": "licence.html",
        "cite": "cite.html",
        "search": "search.html",
        "bibliography": "bibliography.html",
        "not-found": "404.html",
    }
    for source in sorted((site / "sources").glob("*.html")):
        pages[f"reading-{source.stem}"] = f"sources/{source.name}"
    missing = [p for p in pages.values() if not (site / p).is_file()]
    assert not missing, f"pages missing from the build: {missing}"
    return pages


@dataclass
class Problems:
    """What went wrong while a page loaded and ran: console errors, uncaught exceptions,
    requests that failed or answered 4xx/5xx (Chromium's own favicon probe included).

    A request the browser aborted (net::ERR_ABORTED) counts only if the page has not navigated
    since it was sent: leaving a page cancels what it was still loading, which is no failure.
    That is judged when the problems are read, once the navigation has happened."""

    console: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    aborted: list[tuple[str, int]] = field(default_factory=list)  # (message, navigations when sent)
    navigations: int = 0  # main-frame navigations so far

    def all(self) -> list[str]:
        unexplained = [message for message, sent in self.aborted if sent == self.navigations]
        return self.console + self.exceptions + self.requests + unexplained


def record_problems(page) -> Problems:
    found = Problems()
    sent: dict[object, int] = {}  # request -> navigations when it was sent

    def navigated(frame) -> None:
        if frame == page.main_frame:
            found.navigations += 1

    def failed(request) -> None:
        message = f"failed: {request.url} ({request.failure})"
        if "ERR_ABORTED" in (request.failure or ""):
            found.aborted.append((message, sent.get(request, found.navigations)))
        else:
            found.requests.append(message)

    page.on("console", lambda m: found.console.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: found.exceptions.append(f"uncaught: {e}"))
    page.on("framenavigated", navigated)
    page.on("request", lambda r: sent.__setitem__(r, found.navigations))
    page.on("requestfailed", failed)
    page.on("response", lambda r: found.requests.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    return found


FOCUSABLE = ("a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), "
             "textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])")


def tab_to(page, selector: str) -> None:
    """Reach the first element matching `selector` with the Tab key: focus the focusable
    element just before it in document order, press Tab, and check the focus landed on it."""
    page.evaluate(
        """([sel, focusable]) => {
            const target = document.querySelector(sel);
            const all = Array.from(document.querySelectorAll(focusable))
                .filter(el => el.offsetParent !== null || el === target);
            const i = all.indexOf(target);
            if (i < 0) throw new Error('not focusable: ' + sel);
            if (i === 0) { document.activeElement && document.activeElement.blur(); }
            else { all[i - 1].focus(); }
        }""",
        [selector, FOCUSABLE],
    )
    page.keyboard.press("Tab")
    assert page.evaluate("sel => document.activeElement === document.querySelector(sel)", selector), \
        f"Tab did not reach {selector}"
