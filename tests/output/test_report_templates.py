"""A municipality's own templates are code from a pull request: vp reads nothing outside the
repository through them, stops one that would run for ever, grow without end or include
itself, and takes out of a Word template whatever it would fetch from elsewhere."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from conftest import snapshot

PLAN = ["--plan", "degerfors-sn-2018-2019", "--year", "2018", "--as-of", "2019-03-01"]


def _report(run_vp, *extra: str):
    started = time.monotonic()
    result = run_vp("report", *PLAN, *extra)
    return result, time.monotonic() - started


def _own_template(text: str, name: str = "report.html.j2") -> None:
    (Path("templates") / name).parent.mkdir(parents=True, exist_ok=True)
    (Path("templates") / name).write_text(text, encoding="utf-8")


def test_a_linked_template_folder_is_not_read(repo_copy, run_vp, tmp_path_factory) -> None:
    secret = tmp_path_factory.mktemp("utanfor")
    (secret / "hemligt.txt").write_text("LÖSENORD=hunter2\n", encoding="utf-8")
    Path("templates").mkdir()
    Path("templates/etc").symlink_to(secret)
    _own_template("{% include 'etc/hemligt.txt' %}")
    result, _ = _report(run_vp, "-o", "r.html")
    assert result.exit_code == 1
    assert "är en länk till en fil utanför planförrådet" in result.stderr
    assert "hunter2" not in result.output and not Path("r.html").exists()


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{{ 'x' * 4000000000 }}", "längre än 10 000 000 tecken"),
        ("{% set s = [1] * 3000000000 %}{{ s | length }}", "längre än 10 000 000 tecken"),
        ("{{ 10 ** 100000000 }}", "för stor exponent"),
        ("{% include 'report.html.j2' %}", "ändlös kedja"),
    ],
    ids=["text", "lista", "exponent", "sig-själv"],
)
def test_a_costly_template_is_refused_within_seconds(repo_copy, run_vp, template, message):
    _own_template(template)
    before = snapshot(repo_copy)
    result, took = _report(run_vp, "-o", "r.html")
    assert result.exit_code == 1
    said = result.stderr.replace("\u00a0", " ")
    assert message in said and "ingen rapport skrevs" in said
    assert "Traceback" not in result.output and "internt fel" not in result.stderr
    assert took < 10
    assert snapshot(repo_copy) == before


def test_a_template_that_loops_for_ever_is_stopped(repo_copy, run_vp, monkeypatch) -> None:
    from verksamhetsplan.output.report import render

    monkeypatch.setattr(render, "MAX_SECONDS", 1)
    # 10¹⁰ steps that write nothing: only the clock can stop them.
    _own_template(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    )
    result, took = _report(run_vp, "-o", "r.html")
    assert result.exit_code == 1
    assert "mallen report.html.j2 tog längre än 1 sekunder" in result.stderr
    assert took < 8


def test_a_site_template_that_includes_itself_is_refused(repo_copy, run_vp) -> None:
    _own_template("{% include 'site/site_plan.html.j2' %}", "site/site_plan.html.j2")
    result = run_vp("site", "public", "--as-of", "2019-03-01")
    assert result.exit_code == 1
    assert "ändlös kedja" in result.stderr and "ingenting har skrivits" in result.stderr
    assert not Path("public").exists()


def test_a_word_template_without_table_styles_is_refused_by_name(repo_copy, run_vp) -> None:
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE

    document = Document()
    for style in list(document.styles):
        if style.type == WD_STYLE_TYPE.TABLE:
            style.element.getparent().remove(style.element)
    document.save("mall.docx")
    result, took = _report(run_vp, "-f", "docx", "--template", "mall.docx", "-o", "r.docx")
    assert result.exit_code == 1
    assert "Word-mallen mall.docx har inget tabellformat" in result.stderr
    assert "internt fel" not in result.stderr and took < 10
    assert not Path("r.docx").exists()


def test_a_word_templates_outside_references_are_taken_out(repo_copy, run_vp) -> None:
    from docx import Document
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    document = Document()
    header = document.sections[0].header
    part = header.part
    link = part.relate_to("https://www.degerfors.se/", RT.HYPERLINK, is_external=True)
    image = part.relate_to("http://127.0.0.1:9/spion.png", RT.IMAGE, is_external=True)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    r = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    a = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    header.paragraphs[0]._p.append(
        parse_xml(
            f'<w:hyperlink {w} {r} r:id="{link}"><w:r><w:t>degerfors.se</w:t></w:r></w:hyperlink>'
        )
    )
    header.paragraphs[0]._p.append(
        parse_xml(f'<w:r {w} {r} {a}><w:drawing><a:blip r:link="{image}"/></w:drawing></w:r>')
    )
    settings = document.part._settings_part
    dotm = settings.relate_to(
        "file:///C:/Mallar/makron.dotm",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate",
        is_external=True,
    )
    settings.element.append(parse_xml(f'<w:attachedTemplate {w} {r} r:id="{dotm}"/>'))
    document.save("mall.docx")
    with zipfile.ZipFile("mall.docx") as built:
        assert sum(b'TargetMode="External"' in built.read(n) for n in built.namelist()) == 2
    result, _ = _report(run_vp, "-f", "docx", "--template", "mall.docx", "-o", "r.docx")
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert "Word-mallen mall.docx pekade ut innehåll utanför dokumentet" in said
    assert "länk till https://www.degerfors.se/" in said
    assert "länkad bild till http://127.0.0.1:9/spion.png" in said
    assert "bifogad dokumentmall till file:///C:/Mallar/makron.dotm" in said
    with zipfile.ZipFile("r.docx") as report:
        parts = {name: report.read(name) for name in report.namelist()}
    assert not any(b'TargetMode="External"' in data for data in parts.values())
    assert not any(b"attachedTemplate" in data for data in parts.values())
    headers = b"".join(data for name, data in parts.items() if "header" in name)
    assert b"degerfors.se" in headers  # the link's text stays, without the link
    assert Document("r.docx").paragraphs  # and the report opens
