"""Kolada's API: every page of an answer, as `KoladaValue`s (`vp data fetch`).

The standard library's urllib does the HTTP: a few GET requests for JSON need no client
library, urllib honours the proxy settings municipal networks use (HTTPS_PROXY), and vp
gains no dependency. Every page is followed (`next_url` in v3, `next_page` in v2); 429 and
5xx answers and broken connections are retried with growing pauses (Kolada's Retry-After
is respected); every request says who asks (User-Agent) and waits a moment before the
next, to stay polite.

A server is not trusted to end what it starts: one `Client` per command talks only to the
API's own origin (scheme, host and port; next pages and redirects alike), stops the whole
fetch at a deadline however slowly the bytes drip, reads at most `MAX_BODY` bytes an answer
and waits at most `MAX_WAITING` seconds in all for 429s and retries.
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
from typing import Any

from .. import __version__
from ..common.problems import Refused
from ..common.swedish import parse_number
from .kolada_file import KoladaValue, kolada_records

DEFAULT_URL = "https://api.kolada.se/v3"
USER_AGENT = f"vp/{__version__} (verksamhetsplan; kommunal verksamhetsuppföljning)"
RETRIES = 4
TIMEOUT = 30.0  # seconds without a byte before a connection is given up
DEADLINE = 600.0  # seconds for the whole fetch, every page and retry included
MAX_WAITING = 120.0  # seconds of pauses for 429 and retries, over every page
MAX_BODY = 64 * 1024 * 1024  # a page of Kolada's is about a megabyte
MAX_PAGES = 1000
NOT_WRITTEN = "ingenting har skrivits"
BROKEN = (TimeoutError, urllib.error.URLError, http.client.HTTPException, OSError)


@dataclass
class Fetched:
    values: list[KoladaValue] = field(default_factory=list)
    pages: int = 0


def api_url(given: str | None) -> str:
    """The API's address (--api-url, VP_KOLADA_URL or Kolada's own), refused unless it is
    an http(s) address with a host."""
    url = (given or os.environ.get("VP_KOLADA_URL") or DEFAULT_URL).rstrip("/")
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - a port that is no number raises here
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused(
            f"API-adressen {url!r} är ingen http- eller https-adress",
            hint="Skriv hela adressen, t.ex. --api-url https://api.kolada.se/v3.",
            usage=True,
        )
    return url


def pause_seconds() -> float:
    """VP_KOLADA_PAUSE: seconds between requests (1 by default; 0 for a local mirror)."""
    text = os.environ.get("VP_KOLADA_PAUSE", "1")
    try:
        pause = parse_number(text)
    except ValueError:
        pause = -1.0
    if not 0 <= pause <= 60:
        raise Refused(
            f"VP_KOLADA_PAUSE={text!r} är inget antal sekunder mellan 0 och 60",
            hint="Ta bort variabeln (1 sekund), eller sätt den till 0 för en lokal spegel.",
            usage=True,
        )
    return pause


def data_url(base: str, kpis: list[str], municipality: str, years: list[int]) -> str:
    def quote(text: str) -> str:
        return urllib.parse.quote(text, safe=",")

    return (
        f"{base}/data/kpi/{quote(','.join(kpis))}/municipality/{quote(municipality)}"
        f"/year/{','.join(map(str, years))}"
    )


def _origin(url: str) -> tuple[str, str, int | None] | None:
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:
        return None
    return parts.scheme, (parts.hostname or "").lower(), port


class _SameOrigin(urllib.request.HTTPRedirectHandler):
    """Redirects are followed only within the API's origin."""

    def __init__(self, origin: tuple[str, str, int | None] | None) -> None:
        self.origin = origin

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str):  # type: ignore[no-untyped-def]
        if _origin(newurl) != self.origin:
            raise Refused(
                f"Kolada skickade vidare till {newurl!r}, utanför API:ets adress; {NOT_WRITTEN}",
                hint="vp talar bara med den adress som --api-url (eller VP_KOLADA_URL) anger.",
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class Client:
    """One command's conversation with the API: one origin, one deadline, one wait budget."""

    def __init__(self, base: str, pause: float | None = None) -> None:
        self.base = base
        self.origin = _origin(base)
        self.pause = pause_seconds() if pause is None else pause
        self.deadline = time.monotonic() + DEADLINE
        self.waited = 0.0
        # No proxy handler is dropped: municipal networks reach Kolada through HTTPS_PROXY.
        self.opener = urllib.request.build_opener(_SameOrigin(self.origin))

    def fetch(self, url: str) -> Fetched:
        """Every page of the answer to `url`."""
        fetched = Fetched()
        while url:
            fetched.pages += 1
            where = f"{url} (sida {fetched.pages})"
            if fetched.pages > MAX_PAGES:
                raise Refused(
                    f"Kolada svarade med fler än {MAX_PAGES} sidor; {where} hämtades inte"
                )
            document = self.get_json(url, where)
            fetched.values.extend(kolada_records(document, where))
            url = self._following(document, where)
            if url:
                self._sleep(self.pause / 4, where)  # a moment between pages, not a burst
        return fetched

    def _following(self, document: Any, where: str) -> str:
        following = (
            document.get("next_url") or document.get("next_page")
            if isinstance(document, dict)
            else None
        )
        if not following:
            return ""
        if not isinstance(following, str):
            raise Refused(
                f"Koladas svar på {where} anger nästa sida som {following!r}, ingen adress"
            )
        if _origin(following) != self.origin:
            raise Refused(
                f"Koladas svar på {where} pekar ut nästa sida utanför API:ets adress "
                f"({following[:200]!r}); {NOT_WRITTEN}"
            )
        return following

    def get_json(self, url: str, where: str) -> Any:
        body = self.get(url, where)
        try:
            return json.loads(body.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise Refused(
                f"Koladas svar på {where} är inte JSON ({error}); {NOT_WRITTEN}",
                hint="Försök igen senare; säg till Kolada (RKA) om felet består.",
            ) from None
        except RecursionError:
            raise Refused(
                f"Koladas svar på {where} är för djupt nästlat för att vara ett svar från "
                f"Kolada; {NOT_WRITTEN}"
            ) from None

    def get(self, url: str, where: str) -> bytes:
        request = urllib.request.Request(
            url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"}
        )
        why = ""
        for attempt in range(RETRIES + 1):
            if attempt:
                self._sleep(self.pause * 2 ** (attempt - 1), where)
            try:
                with self.opener.open(request, timeout=self._timeout(where)) as answer:
                    return self._read(answer, where)
            except urllib.error.HTTPError as error:
                why = f"HTTP {error.code}"
                if error.code != 429 and error.code < 500:
                    raise Refused(
                        f"Kolada svarade {why} på {where}; {NOT_WRITTEN}",
                        hint="Kontrollera KPI-id och kommunens id (kolada_id i planen).",
                    ) from None
                wait = error.headers.get("Retry-After") if error.headers else None
                if wait and wait.isdigit():
                    self._sleep(min(float(wait), 60.0), where)
            except (
                TimeoutError,
                urllib.error.URLError,
                http.client.HTTPException,
                OSError,
            ) as error:
                # a refused or broken connection, or an answer cut off before its end
                reason = getattr(error, "reason", None) or error
                if isinstance(reason, Refused):  # a redirect away from the API
                    raise reason from None
                why = f"{type(error).__name__}: {reason}"
        raise Refused(
            f"Kolada svarade inte på {where} efter {RETRIES + 1} försök ({why}); {NOT_WRITTEN}",
            hint="Försök igen senare, eller ange en spegel med --api-url.",
        )

    def _read(self, answer: Any, where: str) -> bytes:
        """The body, a chunk as it comes: never more than MAX_BODY, never past the deadline."""
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = answer.read1(65536)
            if not chunk:
                if getattr(answer, "length", None):  # closed before Content-Length was met
                    raise http.client.IncompleteRead(b"".join(chunks), answer.length)
                return b"".join(chunks)
            size += len(chunk)
            if size > MAX_BODY:
                raise Refused(
                    f"Koladas svar på {where} är större än {MAX_BODY // (1024 * 1024)} MiB; "
                    f"{NOT_WRITTEN}"
                )
            chunks.append(chunk)
            self._timeout(where)

    def _timeout(self, where: str) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise Refused(
                f"Kolada har inte svarat färdigt på {where} inom {DEADLINE:.0f} sekunder; "
                f"{NOT_WRITTEN}",
                hint="Försök igen senare, eller ange en spegel med --api-url.",
            )
        return min(TIMEOUT, left)

    def _sleep(self, seconds: float, where: str) -> None:
        self.waited += seconds
        if self.waited > MAX_WAITING:
            raise Refused(
                f"Kolada har bett vp vänta mer än {MAX_WAITING:.0f} sekunder sammanlagt "
                f"(vid {where}); {NOT_WRITTEN}",
                hint="Försök igen senare.",
            )
        self._timeout(where)
        time.sleep(seconds)


@dataclass
class Compared:
    """Every municipality's values of some KPIs, and the members of comparison groups."""

    rows: set[tuple[str, str, str, str, float]] = field(default_factory=set)
    members: set[tuple[str, str]] = field(default_factory=set)


def fetch_comparisons(
    client: Client, kpis: list[str], years: list[int], groups: list[str]
) -> Compared:
    """`vp data fetch --compare`: every municipality's values of the KPIs for the years (the
    API gives one KPI's years for all municipalities in one answer), and the members of the
    comparison groups. Only values of the KPIs asked for, of municipalities with a plain id,
    for a year, are kept: the file written from them is read as data."""
    compared = Compared()
    wanted_years = {str(year) for year in years}
    for kpi in kpis:
        url = f"{client.base}/data/kpi/{urllib.parse.quote(kpi)}/year/{','.join(map(str, years))}"
        for value in client.fetch(url).values:
            if value.value is None or value.group or value.ou or value.kpi != kpi:
                continue
            if not _plain_id(value.kommun) or value.period not in wanted_years:
                continue
            if value.gender not in ("K", "M", "T"):
                continue
            compared.rows.add((value.kpi, value.kommun, value.period, value.gender, value.value))
    for group in groups:
        if not group.startswith("G"):
            continue
        where = f"{client.base}/municipality_groups/{group}"
        document = client.get_json(where, f"{where} (jämförelsegruppen {group})")
        entries = document.get("values") if isinstance(document, dict) else None
        if not isinstance(entries, list):
            raise Refused(
                f"Koladas svar om jämförelsegruppen {group} har ingen lista 'values'; {NOT_WRITTEN}"
            )
        for entry in entries:
            for member in entry.get("members", []) if isinstance(entry, dict) else []:
                if isinstance(member, dict) and _plain_id(str(member.get("id") or "")):
                    compared.members.add((group, str(member["id"])))
    return compared


def _plain_id(text: str) -> bool:
    """A municipality's id as Kolada writes it (0180, 1862): nothing a spreadsheet or a CSV
    reader could take for a formula or a new row."""
    return 0 < len(text) <= 16 and text.isascii() and text.isalnum()
