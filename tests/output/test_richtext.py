"""Safe Markdown: what people write in an analysis, as HTML and Markdown again."""

from __future__ import annotations

from verksamhetsplan.output.report.richtext import parse, plain, to_html, to_markdown

WRITTEN = """Hej **fet** och *kursiv*, [kommunen](https://www.degerfors.se) och
[ond](javascript:alert(1)) och [data](data:text/html,x) och ![karta](http://evil.example/k.png)
<script>alert(1)</script> <img src=x onerror=alert(2)>

## Åtgärder

1. ett | två
2. tre

> citat
"""


def test_html_keeps_structure_and_drops_everything_active() -> None:
    html = to_html(parse(WRITTEN), heading_level=2)
    assert "<strong>fet</strong>" in html and "<em>kursiv</em>" in html
    assert '<a href="https://www.degerfors.se">kommunen</a>' in html
    assert html.count("<a ") == 1  # javascript: and data: links are text
    assert "<img" not in html and "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "[Bild: karta]" in html  # an image is its description, never fetched
    assert "<h3>Åtgärder</h3>" in html  # one level below the section's h2
    assert "<ol><li><p>ett | två</p></li><li><p>tre</p></li></ol>" in html
    assert "<blockquote><p>citat</p></blockquote>" in html


def test_markdown_again_is_the_same_safe_model() -> None:
    again = to_markdown(parse(WRITTEN), heading_level=3)
    assert "#### Åtgärder" in again
    assert "1. ett \\| två" in again
    # Reading vp's Markdown again gives the same text in the same kinds of blocks, with the
    # same links: nothing was lost, and nothing became active.
    first, second = parse(WRITTEN), parse(again)
    assert [b.kind for b in second] == [b.kind for b in first]
    assert plain(second) == plain(first)
    links = [s.href for b in second for s in b.spans if s.href]
    assert links == ["https://www.degerfors.se"]
    assert "<script>" not in again.replace("\\<script\\>", "")


def test_plain_text_for_search_and_checks() -> None:
    assert plain(parse("# Rubrik\n\nText *med* [länk](https://x.se)")) == "Rubrik Text med länk"
