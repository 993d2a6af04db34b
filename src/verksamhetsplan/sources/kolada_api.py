"""Kolada's API: every page of an answer, as `KoladaValue`s (`vp data fetch`).

The standard library's urllib does the HTTP: a few GET requests for JSON need no client
library, urllib honours the proxy settings municipal networks use (HTTPS_PROXY), and vp
gains no dependency. Every page is followed (`next_url` in v3, `next_page` in v2, only on
the same host); 429 and 5xx answers and broken connections are retried with growing
pauses (Kolada's Retry-After is respected); every request says who asks (User-Agent) and
waits a moment before the next, to stay polite.
"""

from __future__ import annotations

import http.client
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from .. import __version__
from ..common.problems import Refused
from .kolada_file import KoladaValue, kolada_records

DEFAULT_URL = "https://api.kolada.se/v3"
USER_AGENT = f"vp/{__version__} (verksamhetsplan; kommunal verksamhetsuppföljning)"
RETRIES = 4
TIMEOUT = 30.0
MAX_PAGES = 1000


@dataclass
class Fetched:
    values: list[KoladaValue] = field(default_factory=list)
    pages: int = 0


def api_url(given: str | None) -> str:
    return (given or os.environ.get("VP_KOLADA_URL") or DEFAULT_URL).rstrip("/")


def data_url(base: str, kpis: list[str], municipality: str, years: list[int]) -> str:
    def quote(text: str) -> str:
        return urllib.parse.quote(text, safe=",")

    return (
        f"{base}/data/kpi/{quote(','.join(kpis))}/municipality/{quote(municipality)}"
        f"/year/{','.join(map(str, years))}"
    )


def fetch(url: str, pause: float | None = None) -> Fetched:
    """Every page of the answer to `url`."""
    pause = _pause() if pause is None else pause
    fetched = Fetched()
    host = urllib.parse.urlsplit(url).netloc
    while url:
        fetched.pages += 1
        where = f"{url} (sida {fetched.pages})"
        if fetched.pages > MAX_PAGES:
            raise Refused(f"Kolada svarade med fler än {MAX_PAGES} sidor; {where} hämtades inte")
        body = _get(url, where, pause)
        try:
            document = json.loads(body.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise Refused(
                f"Koladas svar på {where} är inte JSON ({error}); ingenting har skrivits",
                hint="Försök igen senare; säg till Kolada (RKA) om felet består.",
            ) from None
        fetched.values.extend(kolada_records(document, where))
        following = (
            document.get("next_url") or document.get("next_page")
            if isinstance(document, dict)
            else None
        )
        if following and urllib.parse.urlsplit(following).netloc != host:
            raise Refused(f"Koladas svar på {where} pekar ut nästa sida på en annan värd")
        url = following or ""
        if url and pause:
            time.sleep(pause / 4)  # a moment between pages, not a burst
    return fetched


def _get(url: str, where: str, pause: float) -> bytes:
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"}
    )
    why = ""
    for attempt in range(RETRIES + 1):
        if attempt:
            time.sleep(pause * 2 ** (attempt - 1))
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
                return bytes(answer.read())
        except urllib.error.HTTPError as error:
            why = f"HTTP {error.code}"
            if error.code != 429 and error.code < 500:
                raise Refused(
                    f"Kolada svarade {why} på {where}; ingenting har skrivits",
                    hint="Kontrollera KPI-id och kommunens id (kolada_id i planen).",
                ) from None
            wait = error.headers.get("Retry-After") if error.headers else None
            if wait and wait.isdigit():
                time.sleep(min(float(wait), 60.0))
        except (TimeoutError, urllib.error.URLError, http.client.HTTPException, OSError) as error:
            # a refused or broken connection, or an answer cut off before its end
            reason = getattr(error, "reason", None) or error
            why = f"{type(error).__name__}: {reason}"
    raise Refused(
        f"Kolada svarade inte på {where} efter {RETRIES + 1} försök ({why}); ingenting har "
        "skrivits",
        hint="Försök igen senare, eller ange en spegel med --api-url.",
    )


@dataclass
class Compared:
    """Every municipality's values of some KPIs, and the members of comparison groups."""

    rows: set[tuple[str, str, str, str, float]] = field(default_factory=set)
    members: set[tuple[str, str]] = field(default_factory=set)


def fetch_comparisons(base: str, kpis: list[str], years: list[int], groups: list[str]) -> Compared:
    """`vp data fetch --compare`: every municipality's values of the KPIs for the years (the
    API gives one KPI's years for all municipalities in one answer), and the members of the
    comparison groups."""
    compared = Compared()
    for kpi in kpis:
        url = f"{base}/data/kpi/{urllib.parse.quote(kpi)}/year/{','.join(map(str, years))}"
        for value in fetch(url).values:
            if value.value is None or value.group or value.ou:
                continue
            compared.rows.add((value.kpi, value.kommun, value.period, value.gender, value.value))
    for group in groups:
        if not group.startswith("G"):
            continue
        document = json.loads(_get(f"{base}/municipality_groups/{group}", group, _pause()))
        for entry in document.get("values", []) if isinstance(document, dict) else []:
            for member in entry.get("members", []) if isinstance(entry, dict) else []:
                if isinstance(member, dict) and member.get("id"):
                    compared.members.add((group, str(member["id"])))
    return compared


def _pause() -> float:
    return float(os.environ.get("VP_KOLADA_PAUSE", "1"))
