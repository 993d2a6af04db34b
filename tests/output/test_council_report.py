"""Kommunstyrelsens målavstämning: vp report on the council plan, in every format."""

from __future__ import annotations

import re
import subprocess

from test_report_formats import need

KF = ["--plan", "degerfors-kf-2018-2019", "--period", "2018-T2", "--as-of", "2020-01-31"]


def test_council_report_shows_each_kf_goal_with_its_boards_and_the_gaps(in_repo, run_vp) -> None:
    result = run_vp("report", *KF, "-f", "md", "-o", "-")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("# Degerfors kommun: Målavstämning – delårsrapport januari–augusti")
    # four by the Socialnämnden plan, Ekonomi i balans by Vård och Omsorg's budget goal
    assert "5 av 8 mål från kommunfullmäktige tjänas av någon nämnd." in text
    assert (
        "| Goda livsvillkor genom hela livet | ◐ delvis uppnått | 3 av 4 mål bedömda | "
        "1 ✔ bedöms uppnås, 2 ◐ bedöms delvis uppnås |" in text
    )
    assert "**KF-mål som ingen nämnd tjänar:** Ökande befolkning i en bra boendemiljö;" in text
    section = text[text.index("## Kvalitet i verksamhet och service") :]
    assert "### Socialnämnden: Verksamhetsplan för Socialnämnden 2018–2019" in section
    # the verksamhetsområde's goal beneath the nämnd goal it serves; its assessment is for
    # the year, so at the delår it has none yet, and its activity (hemgang-infora) is under
    # way: a milestone with activities started is partly achieved
    assert "  - Vård och Omsorg: Gemensam rutin för trygg hemgång: ◐ delvis uppnått" in section
    year = run_vp(
        "report", *KF[:2], "--year", "2018", "--as-of", "2020-01-31", "-f", "md", "-o", "-"
    ).stdout
    assert "  - Vård och Omsorg: Gemensam rutin för trygg hemgång: ✔ uppnått" in year


def test_council_report_as_word_and_tagged_pdf(in_repo, run_vp, tmp_path) -> None:
    from docx import Document

    docx = tmp_path / "kf.docx"
    assert run_vp("report", *KF, "-f", "docx", "-o", str(docx)).exit_code == 0
    document = Document(str(docx))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "Sammanfattning",
        "God ekonomisk hushållning",  # the KF plan's financial goals and the judgement
        "Goda livsvillkor genom hela livet",
        "Ekonomi i balans och effektiv förvaltning",  # served by VoO's budget goal
        "Attraktivitet",
        "Kvalitet i verksamhet och service",
        "Integration",
        "Intern kontroll i nämnderna",  # KS's sammanställning of the boards' internal control
    ]
    pdf = tmp_path / "kf.pdf"
    assert run_vp("report", *KF, "-f", "pdf", "-o", str(pdf)).exit_code == 0
    info = subprocess.run([need("pdfinfo"), str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Title:\s+Målavstämning", info, re.M)


def test_a_broken_word_template_for_the_council_report_is_a_swedish_error(
    in_repo, run_vp, tmp_path
) -> None:
    template = tmp_path / "trasig.docx"
    template.write_bytes(b"PK\x03\x04 inte en riktig docx")
    target = tmp_path / "kf.docx"
    result = run_vp("report", *KF, "-f", "docx", "--template", str(template), "-o", str(target))
    assert result.exit_code == 1
    assert f"Word-mallen {template} går inte att läsa" in result.stderr
    assert "internt fel" not in result.stderr and not target.exists()


def test_council_report_in_html_names_the_period_in_words(in_repo, run_vp) -> None:
    """The secretary reads "tertial 2 2018 (januari–augusti, delåret)", as in the nämnd's
    own report, not the key 2018-T2 the command line takes."""
    text = run_vp("report", *KF, "-f", "html", "-o", "-").stdout
    assert "<dt>Period</dt><dd>tertial 2 2018 (januari–augusti, delåret)</dd>" in text
    assert "2018-T2" not in text
    year = run_vp("report", *KF[:2], "--year", "2018", "-f", "html", "-o", "-").stdout
    assert "<dt>Period</dt><dd>2018</dd>" in year
