"""The report as a tagged PDF, rendered from the report's HTML by WeasyPrint.

WeasyPrint is a pip package (no browser to install) that writes PDF/UA-1: a tagged PDF
with the document's language, its title as the window title, and bookmarks from the
headings. Page numbers, the cover, the contents page with page numbers and keeping
headings with what follows them come from the HTML's print stylesheet (CSS paged media),
so the PDF and the web page are the same document.
"""

from __future__ import annotations

import logging

from ...common.problems import Refused


def to_pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML, URLFetcher
    except OSError as error:  # WeasyPrint loads Pango from the system when imported
        raise Refused(
            f"PDF kan inte skrivas: systembiblioteket Pango saknas ({error})",
            hint="Installera Pango (Debian/Ubuntu: apt install libpango-1.0-0 "
            "libpangoft2-1.0-0), eller skriv rapporten som HTML eller Word.",
        ) from None

    # WeasyPrint warns on its logger about CSS it ignores (the screen-only rules); those are
    # not the user's concern, and a report command prints only what the user must act on.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    # Offline and private: a template's image or stylesheet may be embedded as a data: URL,
    # but nothing is fetched from the network or read from elsewhere on the disk.
    fetcher = URLFetcher(allowed_protocols={"data"}, timeout=1)
    document = HTML(string=html, base_url=None, url_fetcher=fetcher)
    data = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    assert data is not None  # with no target, write_pdf returns the bytes
    return bytes(data)
