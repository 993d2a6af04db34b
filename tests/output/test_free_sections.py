"""The analysis file may have sections of its own (Viktiga händelser, Ekonomi, Personal,
Framtid, Lokaler …): each appears in the report under its heading, in its customary place,
in the contents and in every format; a heading written like a mistyped id is still VP401."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from docx import Document

from conftest import ROOT

ANALYSIS = Path("analyses/degerfors-sn-2018-2019/2018.md")
TEXT = """Skrivet av förvaltningen (exempel).

# Framtid

Nästa år väntas fler ansökningar om försörjningsstöd.

# Sammanfattande analys

Året har gått enligt plan.

# Ekonomi

Nämnden redovisar ett **överskott** på 1,2 miljoner kronor.

# Viktiga händelser

- Infocenter öppnade i april.

# Lokaler

Flytten till nya lokaler är klar.

# Personal

Sjukfrånvaron har minskat.
"""
ARGS = ["--year", "2018", "--plan", "degerfors-sn-2018-2019", "--as-of", "2019-03-01"]
# Viktiga händelser after the summary; after the goals Ekonomi, Personal, then the file's
# own (Lokaler), and Framtid last.
ORDER = ["Sammanfattande analys", "Viktiga händelser", "Sammanställning av mål", "Ekonomi",
         "Personal", "Lokaler", "Framtid", "Nyckeltal"]  # fmt: skip


def _with_analysis(root: Path) -> None:
    shutil.copytree(ROOT / "analyses", root / "analyses")
    ANALYSIS.write_text(TEXT, encoding="utf-8")


def _positions(text: str, headings: list[str]) -> list[int]:
    return [text.index(heading) for heading in headings]


def test_free_sections_in_markdown_and_html(repo_copy, run_vp) -> None:
    _with_analysis(repo_copy)
    assert run_vp("validate").exit_code == 0
    md = run_vp("report", *ARGS, "-f", "md", "-o", "-").stdout
    headings = [f"\n## {h}\n" for h in ORDER]
    positions = _positions(md, headings)
    assert positions == sorted(positions)
    assert "Nämnden redovisar ett **överskott** på 1,2 miljoner kronor." in md
    assert "- Infocenter öppnade i april." in md
    assert "Skrivet av förvaltningen" not in md  # the writers' note is not published
    assert run_vp("report", *ARGS, "-o", "r.html").exit_code == 0
    html = Path("r.html").read_text(encoding="utf-8")
    contents = html[html.index('<nav class="contents"') : html.index("</nav>")]
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', contents)
    for anchor, title in links:
        assert f'id="{anchor}"' in html, title
    titles = [title for _, title in links]
    assert titles.index("Viktiga händelser") < titles.index("Sammanställning av mål")
    assert titles.index("Ekonomi") < titles.index("Lokaler") < titles.index("Framtid")
    assert "<strong>överskott</strong>" in html


def test_free_sections_in_word_and_its_contents(repo_copy, run_vp) -> None:
    _with_analysis(repo_copy)
    assert run_vp("report", *ARGS, "-f", "docx", "-o", "r.docx").exit_code == 0
    document = Document("r.docx")
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    found = [h for h in headings if h in ORDER]
    assert found == ORDER
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Flytten till nya lokaler är klar." in body


def test_a_heading_like_a_mistyped_id_is_still_an_error(repo_copy, run_vp) -> None:
    _with_analysis(repo_copy)
    ANALYSIS.write_text(TEXT + "\n# sjuktal-2081\n\nText.\n", encoding="utf-8")
    result = run_vp("validate")
    assert result.exit_code == 1
    assert "VP401" in result.stdout and "'sjuktal-2081'" in result.stdout
