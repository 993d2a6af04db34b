"""The report as the board gets it: Word opened with python-docx and converted by LibreOffice,
PDF read with poppler's tools and pypdf, Markdown through pandoc, all on the shipped
Degerfors plan's delårsrapport, and checked by what they say.

LibreOffice (libreoffice-writer-nogui), poppler-utils and pandoc come from Debian; .ci/run
installs them and sets VP_REQUIRE_TOOLS, so there a missing tool fails instead of skipping.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT

SN = "degerfors-sn-2018-2019"
PERIOD = ["--period", "2018-T2", "--plan", SN, "--as-of", "2020-01-31"]
TOOLS = {"soffice": "libreoffice-writer-nogui", "pdfinfo": "poppler-utils", "pandoc": "pandoc"}


def need(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        message = f"{tool} saknas (apt-get install {TOOLS.get(tool, tool)})"
        if os.environ.get("VP_REQUIRE_TOOLS"):
            pytest.fail(f"the test must run here: {message}", pytrace=False)
        pytest.skip(message)
    return found


def libreoffice_pdf(source: Path, tmp_path: Path, out: Path) -> Path:
    """The Word file converted to PDF by LibreOffice (with a profile of its own), which must
    succeed; the converted file."""
    done = subprocess.run(
        [
            need("soffice"),
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    converted = out / f"{source.stem}.pdf"
    assert done.returncode == 0 and converted.is_file(), done.stderr
    return converted


def verdict(goal: dict) -> str:
    """A goal's status as the reports write it: symbol and word."""
    from verksamhetsplan.followup.attainment import Result
    from verksamhetsplan.followup.words import STATUS

    word, symbol, _ = STATUS[Result(goal["status"])]
    return f"{symbol} {word}"


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def status_t2() -> dict:
    from typer.testing import CliRunner

    from verksamhetsplan.cli import app

    here = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, ["status", "--format", "json", *PERIOD])
    finally:
        os.chdir(here)
    return json.loads(result.stdout)["plans"][0]


class Headings(HTMLParser):
    """The HTML report's headings, level and text, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[int, str]] = []
        self._level: int | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self._level, self._text = int(tag[1]), ""

    def handle_endtag(self, tag):
        if self._level is not None and tag == f"h{self._level}":
            self.found.append((self._level, squash(self._text)))
            self._level = None

    def handle_data(self, data):
        if self._level is not None:
            self._text += data


def html_headings(run_vp, tmp_path) -> list[tuple[int, str]]:
    target = tmp_path / "r.html"
    assert run_vp("report", *PERIOD, "-o", str(target)).exit_code == 0
    parser = Headings()
    parser.feed(target.read_text(encoding="utf-8"))
    return parser.found


def write(run_vp, tmp_path: Path, output_format: str, *extra: str) -> Path:
    target = tmp_path / f"rapport.{output_format}"
    result = run_vp("report", *PERIOD, "--format", output_format, "-o", str(target), *extra)
    assert result.exit_code == 0, result.output
    assert f"Skrev {target}" in result.stderr
    return target


# --- Word ---------------------------------------------------------------------------


def docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]

    def cells(table):
        for row in table.rows:
            for cell in row.cells:
                yield cell.text
                for inner in cell.tables:
                    yield from cells(inner)

    for table in document.tables:
        parts.extend(cells(table))
    return squash(" ".join(parts))


def test_word_is_real_word_with_headings_metadata_and_every_goal(
    in_repo, run_vp, tmp_path, status_t2
) -> None:
    from docx import Document
    from docx.oxml.ns import qn

    document = Document(str(write(run_vp, tmp_path, "docx")))
    properties = document.core_properties
    assert (
        properties.title == "Delårsrapport januari–augusti 2018 – Socialnämnden, Degerfors kommun"
    )
    assert properties.author == "Degerfors kommun – Socialnämnden"
    assert properties.language == "sv-SE"
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:lang')}").get(qn("w:val")) == "sv-SE"

    # Word's heading styles, the same headings as the HTML report one level up (the HTML's
    # h1 is the cover's title and "Innehåll" is the contents field's own heading).
    headings = [
        (int(p.style.name.split()[-1]), squash(p.text))
        for p in document.paragraphs
        if p.style.name.startswith("Heading ")
    ]
    expected = [(level - 1, text) for level, text in html_headings(run_vp, tmp_path)]
    assert headings == [h for h in expected if h[0] >= 1 and h[1] != "Innehåll"]
    assert ("Title", "Delårsrapport januari–augusti 2018") in [
        (p.style.name, p.text) for p in document.paragraphs
    ]

    text = docx_text(document)
    for goal in status_t2["goals"]:
        assert squash(goal["text"]) in text, goal["goal"]
    # Every goal's verdict as symbol and word, in the goal's own status line.
    status_lines = [p.text for p in document.paragraphs if p.text.startswith("Status: ")]
    assert [line.split(": ", 1)[1].split(" (")[0].split(" ·")[0] for line in status_lines] == [
        verdict(goal) for goal in status_t2["goals"]
    ]
    assert "Bedömningar för tertial 2 2018 (januari–augusti, delåret):" in text
    assert "Installerat och implementerat; används i 9 av 14 enheter." in text
    assert "Används vid medarbetarsamtal i samtliga enheter sedan november." not in text  # 2018's
    assert "Exempeltext skriven för vp:s exempelplan" in text  # the analysis


def test_word_tables_repeat_their_header_and_fit_a4_portrait(in_repo, run_vp, tmp_path) -> None:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Mm

    document = Document(str(write(run_vp, tmp_path, "docx")))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    text_width = section.page_width - section.left_margin - section.right_margin
    data_tables = [t for t in document.tables if len(t.rows) > 1]
    assert len(data_tables) >= 10
    for table in data_tables:
        header = table.rows[0]._tr
        assert header.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert sum(grid) * 635 <= text_width + Mm(1), [c.text for c in header.iter(qn("w:t"))]
    matrix = next(
        t
        for t in document.tables
        if t.rows[0].cells[0].text == "Målområde" and t.rows[0].cells[1].text == "2018"
    )
    attraktivitet = matrix.rows[1].cells[1].text.splitlines()
    assert attraktivitet == [
        "Modell för fler heltidsanställningar klar: ? ej mätbart",
        "40 subventionerade heltidstjänster: ◐ delvis uppnått – prognos: ◐ bedöms delvis uppnås",
    ]


def test_word_has_contents_page_numbers_and_charts_with_their_values(
    in_repo, run_vp, tmp_path
) -> None:
    from docx import Document
    from docx.oxml.ns import qn

    document = Document(str(write(run_vp, tmp_path, "docx")))
    body = document.element.body
    instructions = [t.text.strip() for t in body.iter(qn("w:instrText"))]
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    page_refs = [i.split()[1] for i in instructions if i.startswith("PAGEREF ")]
    # One page reference per level-1 and level-2 heading, each to a bookmark on it.
    assert len(page_refs) >= 15 and set(page_refs) <= bookmarks
    footer = document.sections[0].footer
    footer_fields = [t.text.strip() for t in footer._element.iter(qn("w:instrText"))]
    assert footer_fields == ["PAGE", "NUMPAGES"]
    assert "Sida" in footer.paragraphs[0].text and " av " in footer.paragraphs[0].text
    assert document.sections[0].different_first_page_header_footer  # no number on the cover
    pictures = list(
        body.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")
    )
    assert pictures
    andel_heltider = next(p for p in pictures if "Andel heltider" in p.get("descr"))
    # The description carries the values, as the table beside it does.
    assert "2018-Q2 38,3\u00a0%" in andel_heltider.get("descr")
    assert "2018-Q2 38,3 %" in docx_text(document)  # the table beside the chart


def test_libreoffice_converts_the_word_report_without_error(in_repo, run_vp, tmp_path) -> None:
    need("pdfinfo")
    source = write(run_vp, tmp_path, "docx")
    converted = libreoffice_pdf(source, tmp_path, tmp_path / "lo-out")
    pages = int(re.search(r"Pages:\s+(\d+)", pdf_info(converted))[1])
    assert pages >= 8
    text = pdf_text(converted)
    assert "Delårsrapport januari–augusti 2018" in text
    assert f"Sida 2 av {pages}" in text


def test_a_municipality_template_gives_styles_and_header_and_loses_its_body(
    in_repo, run_vp, tmp_path
) -> None:
    from docx import Document
    from docx.shared import Pt

    own = Document()
    own.styles["Normal"].font.name = "Georgia"
    own.styles["Normal"].font.size = Pt(11)
    own.sections[0].header.paragraphs[0].text = "DEGERFORS KOMMUN – logotyp"
    own.add_paragraph("Mallens exempeltext som inte ska med")
    template = tmp_path / "kommunmall.docx"
    own.save(str(template))
    document = Document(str(write(run_vp, tmp_path, "docx", "--template", str(template))))
    assert document.styles["Normal"].font.name == "Georgia"
    assert document.sections[0].header.paragraphs[0].text == "DEGERFORS KOMMUN – logotyp"
    text = docx_text(document)
    assert "Mallens exempeltext" not in text
    assert "Sammanställning av mål" in text


def test_a_broken_word_template_is_a_clear_error_and_nothing_is_written(
    in_repo, run_vp, tmp_path
) -> None:
    template = tmp_path / "trasig.docx"
    template.write_bytes(b"PK\x03\x04 inte en riktig docx")
    target = tmp_path / "rapport.docx"
    result = run_vp("report", *PERIOD, "-f", "docx", "--template", str(template), "-o", str(target))
    assert result.exit_code == 1
    assert f"Word-mallen {template} går inte att läsa" in result.stderr
    assert "Traceback" not in result.output
    assert not target.exists()
    wrong = run_vp("report", *PERIOD, "-f", "pdf", "--template", str(template))
    assert wrong.exit_code == 2 and "--template gäller bara --format docx" in wrong.stderr


# --- PDF ----------------------------------------------------------------------------


def pdf_info(path: Path) -> str:
    return subprocess.run(
        [need("pdfinfo"), str(path)], capture_output=True, text=True, check=True
    ).stdout


def pdf_text(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        [need("pdftotext"), *pages, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_pdf_is_tagged_swedish_titled_and_numbered(in_repo, run_vp, tmp_path, status_t2) -> None:
    from pypdf import PdfReader

    target = write(run_vp, tmp_path, "pdf")
    info = pdf_info(target)
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Title:\s+Delårsrapport januari–augusti 2018 – Socialnämnden", info, re.M)
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])
    assert pages >= 8
    reader = PdfReader(str(target))
    assert reader.trailer["/Root"]["/Lang"] == "sv"
    text = squash(pdf_text(target))
    for goal in status_t2["goals"]:
        assert squash(goal["text"]) in text, goal["goal"]
        assert verdict(goal).split(" ", 1)[1] in text
    for page in range(2, pages + 1):
        assert f"Sida {page} av {pages}" in pdf_text(target, page)
    assert "Sida 1 av" not in pdf_text(target, 1)  # the cover
    # The contents page gives every section's page number.
    contents = squash(pdf_text(target, 2))
    assert re.search(r"Nyckeltal \.+ \d+", contents) or re.search(r"Nyckeltal[ .]+\d+", contents)


def test_pdf_bookmarks_are_the_reports_headings(in_repo, run_vp, tmp_path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(write(run_vp, tmp_path, "pdf")))

    def walk(outline, depth=1):
        for item in outline:
            if isinstance(item, list):
                yield from walk(item, depth + 1)
            else:
                yield squash(item.title)

    assert list(walk(reader.outline)) == [t for _, t in html_headings(run_vp, tmp_path)]


def test_pdf_leaves_no_heading_alone_at_the_bottom_of_a_page(in_repo, run_vp, tmp_path) -> None:
    target = write(run_vp, tmp_path, "pdf")
    headings = {t for _, t in html_headings(run_vp, tmp_path)}
    pages = int(re.search(r"Pages:\s+(\d+)", pdf_info(target))[1])
    for page in range(2, pages + 1):
        lines = [
            squash(line)
            for line in pdf_text(target, page).splitlines()
            if line.strip() and not line.startswith("Sida ") and "Delårsrapport" not in line
        ]
        assert lines and lines[-1] not in headings, (page, lines[-1])


# --- Markdown -----------------------------------------------------------------------


class Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = ""
        elif tag == "br" and self._cell is not None:
            self._cell += "\n"

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(self._cell)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def markdown_tables(text: str) -> list[list[list[str]]]:
    """Pipe tables as vp wrote them: cells split at unescaped |, escapes undone."""
    tables: list[list[list[str]]] = []
    previous = ""
    for line in text.splitlines():
        if line.startswith("|"):
            if not previous.startswith("|"):
                tables.append([])
            if not re.fullmatch(r"\|(\s*:?-+:?\s*\|)+\s*", line):
                cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
                tables[-1].append(
                    [re.sub(r"\\(.)", r"\1", c.strip()).replace("<br>", "\n") for c in cells]
                )
        previous = line
    return tables


def test_pandoc_reads_every_table_cell_of_the_markdown(in_repo, run_vp, tmp_path) -> None:
    pandoc = need("pandoc")
    source = write(run_vp, tmp_path, "md")
    html = subprocess.run(
        # -smart: pandoc would otherwise make typographic quotes of straight ones
        [pandoc, "-f", "markdown-smart", "-t", "html", "--wrap=none", str(source)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    parser = Tables()
    parser.feed(html)
    ours = markdown_tables(source.read_text(encoding="utf-8"))
    assert len(ours) >= 6
    assert [[[squash(c) for c in row] for row in t] for t in parser.tables] == [
        [[squash(c) for c in row] for row in t] for t in ours
    ]
    matrix = next(t for t in parser.tables if t[0][:2] == ["Målområde", "2018"])
    assert matrix[1][1].splitlines() == [
        "? Modell för fler heltidsanställningar klar",
        "◐ 40 subventionerade heltidstjänster (prognos: ◐ bedöms delvis uppnås)",
    ]


HOSTILE = (
    "Infocenter | används\\n# Rubrik <img src=http://evil.example/x.png> "
    "[klick](javascript:alert(1)) ![bild](http://evil.example/y.png) <script>alert(1)</script>"
)


def test_plan_text_and_analysis_cannot_break_the_markdown(repo_copy, run_vp, tmp_path) -> None:
    pandoc = need("pandoc")
    plan = repo_copy / "plans" / "degerfors" / "socialnamnden-2018-2019.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace(
            "short: Infocenter används för föräldraskapsstöd",
            f'short: "{HOSTILE}"',
        ).replace(
            "text: Infocenter används för föräldraskapsstöd.",
            f'text: "{HOSTILE}"',
        ),
        "utf-8",
    )
    analyses = repo_copy / "analyses" / SN
    analyses.mkdir(parents=True)
    (analyses / "2018-T2.md").write_text(
        "# Sammanfattande analys\n\nSe <img src=x onerror=alert(1)> och "
        "[länk](javascript:alert(1)) och ![spår](http://evil.example/z.png) och "
        "[kommunen](https://www.degerfors.se).\n\n<script>alert(2)</script>\n",
        "utf-8",
    )
    result = run_vp("report", *PERIOD, "-f", "md", "-o", "r.md")
    assert result.exit_code == 0, result.output
    html = subprocess.run(
        [pandoc, "-f", "markdown-smart", "-t", "html", "--wrap=none", "r.md"],
        capture_output=True,
        text=True,
        check=True,
        cwd=repo_copy,
    ).stdout
    # Nothing from plan or analysis becomes markup: no image, script, javascript: link or
    # heading; the one http(s) link of the analysis stays a link.
    assert "<img" not in html and "<script" not in html
    assert not re.search(r"(href|src)=\"(javascript|http://evil)", html)
    assert re.findall(r'href="([^"#]+)"', html) == ["https://www.degerfors.se"]
    assert not re.search(r"<h\d[^>]*>\s*Rubrik", html)
    # ... and stays text: the goal's whole text in one cell of the goal matrix.
    parser = Tables()
    parser.feed(html)
    for table in parser.tables:
        assert len({len(row) for row in table}) == 1  # no row grew a cell
    matrix = next(t for t in parser.tables if t[0][:2] == ["Målområde", "2018"])
    cell = squash(next(row[1] for row in matrix if "Infocenter" in row[1]))
    assert squash(HOSTILE.replace("\\n", " ")) in cell
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # the analysis's HTML, as text


def test_pdf_tables_repeat_their_header_row_on_every_page(in_repo, run_vp, tmp_path) -> None:
    target = write(run_vp, tmp_path, "pdf")
    pages = int(re.search(r"Pages:\s+(\d+)", pdf_info(target))[1])
    texts = {page: squash(pdf_text(target, page)) for page in range(2, pages + 1)}

    def page_of(text: str) -> int:
        return next(page for page, content in texts.items() if text in content)

    # The key figures table's first and last rows stand on different pages; every page from
    # the one to the other starts its part of the table with the header row.
    # (Indicators without values are left out of the table, so its first row is Andel
    # heltider, with its frequency beside it.)
    first, last = page_of("Andel heltider Kvartal"), page_of("Andel barn som varit i samverkan")
    assert last > first, "the table should span pages for this check to mean anything"
    for page in range(first, last + 1):  # (text order within the header row varies)
        for header in ("Målområde", "Redovisas", "Utveckling", "Senaste värden"):
            assert header in texts[page], (page, header)


def test_no_word_of_a_word_table_is_broken_inside(in_repo, run_vp, tmp_path) -> None:
    """Word's tables as LibreOffice lays them out: every header word stands whole on a line
    ('Redovisas', not 'Redovisa' above 's'), and so do the cells' words where the columns
    have room ('ledningssystemet' in a measure's text took room from no other column and
    broke; a number and its unit go on two lines rather than 'heltid/er'), in the
    delårsrapport and the year's report."""
    from docx import Document

    need("pdftotext")
    for name, args in (("delar", PERIOD), ("ar", ["--year", "2019", "--plan", SN])):
        source = tmp_path / f"{name}.docx"
        assert run_vp("report", *args, "-f", "docx", "-o", str(source)).exit_code == 0
        converted = libreoffice_pdf(source, tmp_path, tmp_path / "lo-out")
        laid_out = subprocess.run(
            ["pdftotext", "-layout", str(converted), "-"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        words = {
            word.strip("()")
            for table in Document(str(source)).tables
            for cell in table.rows[0].cells
            for word in cell.text.split()
            if len(word.strip("()")) >= 5 and re.fullmatch(r"[\wåäöÅÄÖ]+", word.strip("()"))
        }
        assert len(words) > 20  # the check sees the report's header words
        assert sorted(w for w in words if w not in laid_out) == [], name
        cells = {
            word.strip('().,:;"”')
            for table in Document(str(source)).tables
            for row in table.rows[1:]
            for cell in row.cells
            for word in re.split(r"[ \t\n\u00a0]+", cell.text)
        }
        cells = {w for w in cells if len(w) >= 5 and re.fullmatch(r"[\wåäöÅÄÖ-]+", w)}
        assert len(cells) > 100
        assert sorted(w for w in cells if w not in laid_out) == [], name


def test_word_contents_show_page_numbers_when_libreoffice_opens_the_file(
    in_repo, run_vp, tmp_path
) -> None:
    """The contents page as LibreOffice lays it out: every line ends in the number of the
    page its heading stands on, and the numbers are there in the rendered picture."""
    from PIL import Image

    need("pdftoppm")
    source = write(run_vp, tmp_path, "docx")
    converted = libreoffice_pdf(source, tmp_path, tmp_path)
    pages = int(re.search(r"Pages:\s+(\d+)", pdf_info(converted))[1])
    headings = {n: _large_lines(converted, n) for n in range(3, pages + 1)}
    contents = [
        re.fullmatch(r"(.+?)\.{3,}\s*(\d+)", line.strip())
        for line in pdf_text(converted, 2).splitlines()
        if "...." in line
    ]
    assert len(contents) >= 15 and all(contents)
    assert [m[1] for m in contents[:4]] == [  # type: ignore[index]
        "Sammanfattning", "Sammanfattande analys", "Åtgärder", "Sammanställning av mål"
    ]  # fmt: skip
    after = 3
    for entry in contents:
        title, shown = entry[1], int(entry[2])  # type: ignore[index]
        on = next(n for n in range(after, pages + 1) if title in headings[n])
        assert shown == on, title
        after = on
    # The picture: ink where pdftotext puts each page number.
    subprocess.run(
        ["pdftoppm", "-f", "2", "-l", "2", "-r", "72", "-gray", "-png", str(converted),
         str(tmp_path / "innehall")],
        check=True,
    )  # fmt: skip
    image = Image.open(next(tmp_path.glob("innehall*.png"))).convert("L")
    numbers = [  # the dots and the number are one word to poppler; the footer is left out
        w for w in _words(converted, 2) if re.fullmatch(r"\S*\.\d+", w[4])
    ]
    assert [int(w[4].rsplit(".", 1)[1]) for w in numbers] == [int(m[2]) for m in contents]  # type: ignore[index]
    for _, y0, x1, y1, word in numbers:
        width = 5.5 * len(word.rsplit(".", 1)[1])  # about a digit's width in points
        crop = image.crop((int(x1 - width), int(y0), int(x1) + 1, int(y1) + 1))
        assert crop.getextrema()[0] < 100  # dark pixels: the number is drawn
        assert image.crop((int(x1) + 3, int(y0), int(x1) + 40, int(y1))).getextrema()[0] > 200


def _words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """Each word on the page with its box in points, as poppler lays it out."""
    boxes = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        boxes,
    )
    return [(float(a), float(b), float(c), float(d), word) for a, b, c, d, word in found]


def _large_lines(pdf: Path, page: int) -> list[str]:
    """The page's lines in heading size (words taller than the 11-point body's)."""
    lines: dict[float, list[str]] = {}
    for _, y0, _, y1, word in _words(pdf, page):
        if y1 - y0 > 15:
            lines.setdefault(y0, []).append(word)
    return [" ".join(words) for _, words in sorted(lines.items())]


def test_no_pdf_text_runs_past_the_right_margin(in_repo, run_vp, tmp_path) -> None:
    """A wide table once ran off the page: a measure's forecast read "bedöms delvis up".
    Every word on every page of both reports ends inside the 18 mm right margin."""
    need("pdftotext")
    right_edge = 595.28 - 18 / 25.4 * 72  # A4's width less the margin, in points
    for name, args in (("delar", PERIOD), ("ar", ["--year", "2019", "--plan", SN])):
        target = tmp_path / f"{name}.pdf"
        assert run_vp("report", *args, "-f", "pdf", "-o", str(target)).exit_code == 0
        pages = int(re.search(r"Pages:\s+(\d+)", pdf_info(target))[1])
        past = [
            (page, word)
            for page in range(1, pages + 1)
            for _, _, x1, _, word in _words(target, page)
            if x1 > right_edge + 1
        ]
        assert past == [], name


def test_a_tables_columns_make_room_for_words_and_let_units_go_not_numbers() -> None:
    from verksamhetsplan.output.report.word_blocks import _loosened, column_widths

    # 'arbetsmarknaden': 15 letters at 1,5 mm and 4 mm of margins = 26,5 → 27 mm; the other
    # column needs 'heltider', 16 mm, and gives the 7 mm from its 30.
    rows = [["arbetsmarknaden", "minst 10\u00a0heltider"]]
    assert column_widths([20, 30], ["Mått", "Mål"], rows) == [27, 23]
    # a header word keeps its room: 'Framsteg' (8 bold letters, 20 mm) gives nothing
    assert column_widths([20, 20], ["Mått", "Framsteg"], rows) == [20, 20]
    # 18 mm hold (18 − 4) / 1,5 = 9,3 letters: '335 000 tkr' (11) lets its unit go
    assert _loosened("335\u00a0000\u00a0tkr", 18) == "335\u00a0000 tkr"
    assert _loosened("30\u00a0%", 18) == "30\u00a0%"
    assert _loosened([["9,33\u00a0heltider: ", {"word": "delvis"}]], 18) == [
        ["9,33 heltider: ", {"word": "delvis"}]
    ]
