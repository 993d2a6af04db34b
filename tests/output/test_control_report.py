"""The uppföljning av internkontrollplanen and the Intern kontroll section as the nämnd and
KS read them: HTML, Markdown through pandoc, Word opened with python-docx and converted by
LibreOffice, PDF read with poppler's tools; checked by what they say about the shipped
example, worked out by hand from internal-control/degerfors/socialnamnden-2018.yaml."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_report_formats import docx_text, libreoffice_pdf, need, pdf_info, pdf_text, squash

from conftest import ROOT

AS_OF = ["--as-of", "2019-01-15"]
# On 15 January 2019: eleven occasions, lakemedel T3 never reported, the attest action open.
SUMMARY = (
    "Kontrolltillfällen: 6 utan anmärkning, 4 med avvikelse, 1 ej rapporterat, 0 planerade. "
    "Öppna åtgärder: 1."
)
MATRIX_ROW_3 = ["3: möjlig", "3 låg", "6 medel", "9 hög", "12 mycket hög"]


def control_report(run_vp, tmp_path: Path, output_format: str) -> Path:
    target = tmp_path / f"ik.{output_format}"
    result = run_vp(
        "control", "report", "-y", "2018", *AS_OF, "-f", output_format, "-o", str(target)
    )
    assert result.exit_code == 0, result.output
    return target


def test_markdown_through_pandoc_has_the_matrix_risks_and_deviations(
    in_repo, run_vp, tmp_path
) -> None:
    source = control_report(run_vp, tmp_path, "md")
    html = subprocess.run(
        [need("pandoc"), "-f", "gfm", "-t", "html", str(source)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    tables = re.findall(r"<table>.*?</table>", html, re.S)
    assert len(tables) == 3  # matrix, risks, controls
    rows = [
        [
            squash(re.sub(r"<[^>]+>", "", c))
            for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S)
        ]
        for r in re.findall(r"<tr.*?</tr>", tables[0], re.S)
    ]
    assert len(rows) == 5 and all(len(r) == 5 for r in rows)
    assert rows[2][:3] == MATRIX_ROW_3[:3]
    assert rows[2][3] == "9 hög: utbetalning-fbs, informationssakerhet-treserva"
    assert rows[2][4] == "12 mycket hög: dokumentation-sol"
    text = squash(re.sub(r"<[^>]+>", "", html))
    assert SUMMARY in text
    assert "attest-stickprov, 2018: Två av tjugo fakturor" in text
    assert (
        "treserva-behorigheter, tertial 2 2018: Två personer som slutat hade kvar behörighet; "
        "rutinen är ännu inte införd. Ingen åtgärd beslutad." in text
    )


def test_word_has_the_matrix_as_a_table_and_libreoffice_converts_it(
    in_repo, run_vp, tmp_path
) -> None:
    import docx

    source = control_report(run_vp, tmp_path, "docx")
    document = docx.Document(str(source))
    matrix = document.tables[0]
    assert [c.text for c in matrix.rows[0].cells][1] == "Konsekvens 1: lindrig"
    row = [squash(c.text) for c in matrix.rows[2].cells]
    assert row[0] == "3: möjlig" and row[3] == "9 hög utbetalning-fbs informationssakerhet-treserva"
    text = docx_text(document)
    assert SUMMARY in text
    assert "Åtgärd: Attestförteckningen uppdateras" in text
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["Uppföljning", "Riskmatris", "Risker"]
    converted = libreoffice_pdf(source, tmp_path, tmp_path / "lo-out")
    assert "12 mycket hög" in pdf_text(converted)


def test_pdf_is_tagged_and_says_the_same(in_repo, run_vp, tmp_path) -> None:
    source = control_report(run_vp, tmp_path, "pdf")
    info = pdf_info(source)
    assert re.search(r"Tagged:\s+yes", info)
    assert "Uppföljning av internkontrollplan 2018" in info
    text = squash(pdf_text(source))
    assert SUMMARY in text
    assert "dokumentation-sol" in text and "Förvaltningens analys" not in text


@pytest.mark.parametrize(
    ("option", "when", "has", "lacks"),
    [
        # the delårsrapport: occasions up to August; the December attest deviation is not in it
        ("--period", "2018-T2", "treserva-behorigheter, tertial 2 2018", "attest-stickprov, 2018:"),
        ("--year", "2018", "attest-stickprov, 2018:", "tertial 2 2018: ○ planerad"),
    ],
)
def test_the_board_report_has_the_section_in_every_format(
    in_repo, run_vp, tmp_path, option, when, has, lacks
) -> None:
    import docx

    base = ["report", option, when, "-p", "degerfors-sn-2018-2019", *AS_OF]
    md = run_vp(*base, "-f", "md", "-o", "-").stdout
    section = md[md.index("## Intern kontroll") : md.index("## Nyckeltal")]
    assert has in section.replace("\\", "") and lacks not in section.replace("\\", "")
    assert "### Riskmatris" in section
    target = tmp_path / "r.docx"
    assert run_vp(*base, "-f", "docx", "-o", str(target)).exit_code == 0
    text = docx_text(docx.Document(str(target)))
    assert "Intern kontroll" in text and has in text and lacks not in text
    target = tmp_path / "r.pdf"
    assert run_vp(*base, "-f", "pdf", "-o", str(target)).exit_code == 0
    assert has in squash(pdf_text(target))


def test_the_analysis_internkontroll_text_goes_into_the_section(run_vp, repo_copy) -> None:
    shutil.copytree(ROOT / "internal-control", repo_copy / "internal-control")
    folder = repo_copy / "analyses" / "degerfors-sn-2018-2019"
    folder.mkdir(parents=True)
    (folder / "2018.md").write_text(
        "# Ekonomi\n\nBudgeten hölls.\n\n# Internkontroll\n\nBehörigheterna är nu i ordning.\n",
        encoding="utf-8",
    )
    md = run_vp(
        "report", "-y", "2018", "-p", "degerfors-sn-2018-2019", "-f", "md", "-o", "-"
    ).stdout
    assert md.count("## Intern kontroll") == 1 and "## Internkontroll" not in md
    assert md.index("## Ekonomi") < md.index("## Intern kontroll") < md.index("## Nyckeltal")
    section = md[md.index("## Intern kontroll") : md.index("## Nyckeltal")]
    assert "### Förvaltningens analys\n\nBehörigheterna är nu i ordning." in section
    alone = run_vp("control", "report", "-y", "2018", "-f", "md", "-o", "-").stdout
    assert "Behörigheterna är nu i ordning." in alone


SECOND = """\
id: tekniska-ik-2018
title: Internkontrollplan 2018 för Tekniska nämnden
organisation: Degerfors kommun
board: Tekniska nämnden
year: 2018
scales:
  probability: [osannolik, mindre sannolik, möjlig, sannolik]
  consequence: [lindrig, kännbar, allvarlig, mycket allvarlig]
risks:
  - id: upphandling
    process: Direktupphandling
    text: Direktupphandlingar dokumenteras inte.
    category: legal
    probability: 3
    consequence: 2
    decision: control
controls:
  - id: upphandling-stickprov
    risk: upphandling
    what: Tio direktupphandlingar granskas.
    method: sample
    responsible: Upphandlare
    periods: [2018]
results:
  - control: upphandling-stickprov
    period: 2018
    date: 2018-12-10
    by: Upphandlare
    outcome: deviation
    comment: Tre av tio saknade dokumentation.
"""


def test_ks_sammanstallning_lists_every_boards_deviations(run_vp, repo_copy, tmp_path) -> None:
    import docx

    shutil.copytree(ROOT / "internal-control", repo_copy / "internal-control")
    (repo_copy / "internal-control/degerfors/tekniska-2018.yaml").write_text(
        SECOND, encoding="utf-8"
    )
    base = ["report", "-y", "2018", "-p", "degerfors-kf-2018-2019", *AS_OF]
    md = run_vp(*base, "-f", "md", "-o", "-").stdout.replace("\\", "")
    section = md[md.index("## Intern kontroll i nämnderna") :]
    assert (
        "| Socialnämnden: Internkontrollplan 2018 för Socialnämnden | 6 | 4 | 1 | 0 | 1 | 0 |"
        in section
    )
    assert (
        "| Tekniska nämnden: Internkontrollplan 2018 för Tekniska nämnden | 0 | 1 | 0 | 0 | 0 | 0 |"
        in section
    )
    for deviation in (
        "sol-akter, halvår 1 2018",
        "treserva-behorigheter, tertial 1 2018",
        "treserva-behorigheter, tertial 2 2018",
        "attest-stickprov, 2018",
        "upphandling-stickprov, 2018",
    ):
        assert f"Avvikelse i **{deviation}:**" in section
    assert "Tre av tio saknade dokumentation. Ingen åtgärd beslutad." in section
    target = tmp_path / "ks.docx"
    assert run_vp(*base, "-f", "docx", "-o", str(target)).exit_code == 0
    document = docx.Document(str(target))
    text = docx_text(document)
    assert "Intern kontroll i nämnderna" in text and "upphandling-stickprov, 2018" in text
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Nämnd")
    header = [squash(c.text) for c in table.rows[0].cells]
    assert header == [
        "Nämnd",
        "✓ utan anmärkning",
        "✗ avvikelse",
        "? ej rapporterad",
        "○ planerad",
        "Öppna åtgärder",
        "Varav försenade",
    ]
    assert [squash(c.text) for c in table.rows[1].cells] == [
        "Socialnämnden Internkontrollplan 2018 för Socialnämnden",
        "6",
        "4",
        "1",
        "0",
        "1",
        "0",
    ]
    html = run_vp(*base, "-f", "html", "-o", "-").stdout
    assert "Tekniska nämnden" in html and "Intern kontroll i nämnderna" in html


def test_a_personnummer_in_the_internkontrollplan_stops_every_report(run_vp, repo_copy) -> None:
    from conftest import snapshot

    shutil.copytree(ROOT / "internal-control", repo_copy / "internal-control")
    path = repo_copy / "internal-control/degerfors/socialnamnden-2018.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "Fyra personer som slutat", "Fyra personer (bl.a. 19121212-1212) som slutat"
    )
    path.write_text(text, encoding="utf-8")
    before = snapshot(repo_copy)
    for args in (
        ["control", "report", "-y", "2018", "-o", "ik.html"],
        ["report", "-y", "2018", "-p", "degerfors-sn-2018-2019", "-o", "r.html"],
        ["report", "-y", "2018", "-p", "degerfors-kf-2018-2019", "-o", "ks.html"],
    ):
        result = run_vp(*args)
        assert result.exit_code == 1, args
        assert "VP701" in result.output and "socialnamnden-2018.yaml" in result.output
        assert "19121212-1212" not in result.output  # the number itself is masked
    assert snapshot(repo_copy) == before
