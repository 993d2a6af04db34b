"""The report as a Word document, built with python-docx from the same data as the HTML.

Written as Word's own structure, not converted text: Word's heading styles (so the
contents field and the navigation pane work), a cover page, a contents field, page numbers
"Sida X av Y", real tables with repeated header rows and widths that fit A4 portrait,
charts as pictures with a description and their values in a table beside them, sv-SE as
the language, and title and author in the file's properties. A municipality's own .docx
gives the styles, fonts, headers and logo; its body is replaced by the report.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..common.problems import Refused
from .docx_parts import (
    TEXT_WIDTH_MM,
    align_right,
    cant_split,
    field_begin,
    field_end,
    fix_widths,
    header_row,
    hyperlink,
    language,
    outline_level,
    page_setup,
    simple_field,
    update_fields_on_open,
)
from .richtext import Block, Span

COLOURS = {  # the HTML report's status colours, AA contrast on white
    "achieved": "1B5E20",
    "partial": "7A4F00",
    "not_achieved": "B00020",
    "no_data": "0D47A1",
    "not_due": "4A4A4A",
    "not_assessable": "6A1B9A",
}
# A font that has every status symbol whole (✔ ◐ ✘ ○) on Windows; Word and LibreOffice
# substitute one that has them elsewhere.
SYMBOL_FONT = "Segoe UI Symbol"


def _table_text_size() -> Any:
    from docx.shared import Pt

    return Pt(9)


def to_docx(context: dict[str, Any], template: Path | None) -> bytes:

    document = _open(template)
    writer = _Writer(document, context, own_template=template is not None)
    writer.write()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _open(template: Path | None) -> Any:
    from docx import Document

    if template is None:
        document = Document()
        page_setup(document)
        language(document)
        return document
    try:
        document = Document(str(template))
    except Exception as error:  # python-docx raises zip, XML and package errors alike
        raise Refused(
            f"Word-mallen {template} går inte att läsa ({type(error).__name__})",
            hint="Ange en .docx sparad i Word eller LibreOffice (inte .dotx eller .doc).",
        ) from None
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    language(document)
    return document


class _Writer:
    def __init__(self, document: Any, context: dict[str, Any], own_template: bool) -> None:
        self.doc = document
        self.c = context
        self.own_template = own_template

    # --- the document, in the HTML report's order -------------------------------------

    def write(self) -> None:
        c = self.c
        self._properties()
        self._cover()
        self._contents()
        self.heading("Sammanfattning", 1)
        summary = c["summary"]
        partial = f", följda upp för {c['period']['text']}" if c["period"]["partial"] else ""
        self.para(
            f"{summary['total']} mål för {c['year']}{partial}. Samlad status: ",
            status=summary["status"],
            after=f" ({summary['coverage']}).",
        )
        if c["forecast_counts"]:
            p = self.doc.add_paragraph("Prognos för helåret, räknad för sig och inte som utfall: ")
            for i, row in enumerate(c["forecast_counts"]):
                p.add_run(f"{row['count']} ")
                self._status_runs(p, row)
                p.add_run(", " if i + 1 < len(c["forecast_counts"]) else ".")
        self._summary_table()
        if c["analysis"]:
            self.heading("Sammanfattande analys", 1)
            self.richtext(c["analysis"], 1)
        self.heading("Sammanställning av mål", 1)
        self._matrix()
        for area in c["areas"]:
            self.heading(area["title"], 1, page_break=True)
            self.para("Samlad status: ", status=area["status"], after=f" ({area['coverage']}).")
            if area["analysis"]:
                self.richtext(area["analysis"], 1)
            self.heading(f"Mål {c['year']}", 2)
            for goal in area["goals"]:
                self._goal(goal)
        self.heading("Nyckeltal", 1, page_break=True)
        self._key_figures()
        self.heading("Strategiska aktiviteter", 1)
        self.table(
            ["Målområde", "Aktivitet", "Status", "Ansvarig"],
            [[a["area"], a["text"], a["status"], a["responsible"]] for a in c["activities"]],
            [32, 80, 24, 34],
            "Strategiska aktiviteter med status och ansvarig",
        )
        self._council()
        self.heading("Metod", 1)
        self.para(c["method_text"])
        self.para(c["version_text"])
        if c["method"]["sources"]:
            self.para("Egna datakällor: " + ", ".join(c["method"]["sources"]) + ".")
        if c["method"]["kolada"]:
            self.para(c["method"]["kolada"])
        self._footer()

    def _properties(self) -> None:
        plan = self.c["plan"]
        properties = self.doc.core_properties
        properties.title = f"{self.c['title']} – {plan['board']}, {plan['organisation']}"
        properties.author = f"{plan['organisation']} – {plan['board']}"
        properties.subject = f"{self.c['subtitle']}, {self.c['period']['text']}"
        properties.language = "sv-SE"
        properties.keywords = f"verksamhetsplan; uppföljning; {plan['id']}"
        properties.comments = "Skriven av vp – verksamhetsplan."
        properties.last_modified_by = "vp"

    def _cover(self) -> None:
        from docx.enum.text import WD_BREAK
        from docx.shared import Pt

        plan = self.c["plan"]
        for _ in range(4):
            self.doc.add_paragraph()
        organisation = self.doc.add_paragraph()
        run = organisation.add_run(
            plan["organisation"] + (f" – {plan['board']}" if plan["board"] else "")
        )
        run.bold, run.font.size = True, Pt(14)
        self.doc.add_paragraph(self.c["title"], style=self._style("Title"))
        self.doc.add_paragraph(self.c["subtitle"], style=self._style("Subtitle"))
        facts = [("Period", self.c["period"]["text"]), ("Plan", plan["title"])]
        if plan["adopted"]:
            by = f" av {plan['adopted_by']}" if plan["adopted_by"] else ""
            facts.append(("Planen antogs", f"{plan['adopted']}{by}"))
        if plan["reference"]:
            facts.append(("Diarienummer", plan["reference"]))
        facts.append(("Data till och med", self.c["data_through"] or "–"))
        if self.c["as_of"]:
            facts.append(("Beräknat per", self.c["as_of"]))
        for label, value in facts:
            p = self.doc.add_paragraph()
            p.add_run(f"{label}: ").bold = True
            p.add_run(value)
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _contents(self) -> None:
        """A contents field Word fills in with page numbers (it asks to update fields when
        the file opens); until then it lists the headings, so it is never empty."""
        from docx.enum.text import WD_BREAK
        from docx.shared import Mm

        self.doc.add_paragraph("Innehåll", style=self._style("TOC Heading", "Heading 1"))
        entries = self._toc_entries()
        first = self.doc.add_paragraph()
        field_begin(first, 'TOC \\o "1-2" \\h \\z \\u')
        paragraphs = [first] + [self.doc.add_paragraph() for _ in entries[1:]]
        for paragraph, (text, level) in zip(paragraphs, entries, strict=True):
            paragraph.add_run(text)
            paragraph.paragraph_format.left_indent = Mm(6 * (level - 1))
        field_end(paragraphs[-1])
        update_fields_on_open(self.doc)
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _toc_entries(self) -> list[tuple[str, int]]:
        c = self.c
        entries = [("Sammanfattning", 1)]
        if c["analysis"]:
            entries.append(("Sammanfattande analys", 1))
        entries.append(("Sammanställning av mål", 1))
        for area in c["areas"]:
            entries += [(area["title"], 1), (f"Mål {c['year']}", 2)]
        entries += [
            ("Nyckeltal", 1),
            ("Strategiska aktiviteter", 1),
            ("Kommunfullmäktiges mål", 1),
            ("Metod", 1),
        ]
        return entries

    def _summary_table(self) -> None:
        c = self.c
        header = ["Målområde", "Samlad status", "Bedömda"] + [
            (r["symbol"], r["word"], r["key"]) for r in c["summary"]["counts"]
        ]
        rows = [
            [a["title"], a["status"], a["coverage"]] + [str(r["count"]) for r in a["counts"]]
            for a in c["areas"]
        ]
        summary = c["summary"]
        rows.append(
            ["Totalt", summary["status"], summary["coverage"]]
            + [str(r["count"]) for r in summary["counts"]]
        )
        self.table(
            header,
            rows,
            [26, 24, 20] + [20] * len(summary["counts"]),
            f"Antal mål per status och målområde {c['year']}",
            numeric_from=3,
        )

    def _matrix(self) -> None:
        matrix = self.c["matrix"]
        rows = []
        for row in matrix["rows"]:
            cells: list[Any] = [row["area"]]
            for cell in row["cells"]:
                cells.append(
                    [
                        [g["text"] + ": ", g["status"]]
                        + ([" – prognos: ", g["forecast_status"]] if g["forecast_status"] else [])
                        for g in cell
                    ]
                )
            rows.append(cells)
        years = len(matrix["years"])
        self.table(
            ["Målområde", *(str(y) for y in matrix["years"])],
            rows,
            [34] + [(TEXT_WIDTH_MM - 34) // max(years, 1)] * years,
            "Målen per målområde och år, med status",
        )

    def _goal(self, goal: dict[str, Any]) -> None:
        self.heading(goal["text"], 3)
        p = self.doc.add_paragraph("Status: ")
        self._status_runs(p, goal["status"])
        if goal["basis"] == "assessment":
            p.add_run(" (bedömning)")
        if goal["forecast_status"]:
            p.add_run(" · prognos för helåret: ")
            self._status_runs(p, goal["forecast_status"])
        if goal["computed"]:
            p = self.doc.add_paragraph("Bedömd status ")
            self._status_runs(p, goal["status"])
            p.add_run("; beräknad ")
            self._status_runs(p, goal["computed"])
            p.add_run(f". Skäl: {goal['override_reason']}")
        if goal["override_ignored"]:
            self.para(
                "En bedömning avviker från den beräknade statusen men saknar skäl: bedömningen "
                "saknar skäl och har inte ändrat statusen.",
                italic=True,
            )
        if goal["measures"]:
            self.table(
                ["Mått", "Status", "Mål", "Basvärde", "Målvärde", "Utfall", "Framsteg"],
                [
                    [
                        m["text"],
                        m["status"],
                        m["target_text"],
                        m["baseline"],
                        m["target"],
                        m["outcome"] + (" (prognos)" if m["forecast"] else ""),
                        m["progress"],
                    ]
                    for m in goal["measures"]
                ],
                [44, 26, 26, 18, 18, 20, 18],
                f"Målets mått: {goal['verdict']}",
            )
        elif goal["milestone"]:
            self.para("Milstolpe. Kriterier:")
            for criterion in goal["criteria"]:
                self.doc.add_paragraph(criterion, style=self._style("List Bullet"))
        else:
            self._figures(goal)
        if goal["forecast"]:
            p = self.doc.add_paragraph()
            p.add_run("Prognos för helåret: ").bold = True
            if goal["forecast_status"]:
                self._status_runs(p, goal["forecast_status"])
            else:
                p.add_run("ingen prognosbedömning")
            note = f"; {goal['forecast_note']}" if goal["forecast_note"] else ""
            p.add_run(
                f" ({goal['forecast_method'] or 'ingen prognos'}{note}). "
                "Prognosen är ingen uppmätt status."
            )
        if goal["comparison"]:
            p = self.doc.add_paragraph()
            p.add_run("Jämförelse (Kolada): ").bold = True
            p.add_run(f"{goal['comparison']}. Jämförelsen är ingen del av måluppfyllelsen.")
        if goal["baseline_note"]:
            self.para(f"Basvärdet: {goal['baseline_note']}", italic=True)
        if goal["reason"]:
            self.para(goal["reason"], italic=True)
        if goal["assessments"]:
            p = self.doc.add_paragraph()
            p.add_run(f"Bedömningar för {self.c['period']['text']}:").bold = True
            for a in goal["assessments"]:
                p = self.doc.add_paragraph(style=self._style("List Bullet"))
                measure = f" (måttet {a['measure']})" if a["measure"] else ""
                p.add_run(f"{a['date'] or 'Utan datum'}{', ' + a['by'] if a['by'] else ''}")
                p.add_run(f"{measure}: ")
                if a["status"]:
                    self._status_runs(p, a["status"])
                    p.add_run(". ")
                p.add_run(a["comment"] or "")
                if a["reason"]:
                    p.add_run(f" Skäl: {a['reason']}")
        elif goal["assessment"]:
            p = self.doc.add_paragraph()
            p.add_run("Bedömning: ").bold = True
            p.add_run(goal["assessment"])
        if goal["analysis"]:
            self.richtext(goal["analysis"], 3)
        for activity in goal["activities"]:
            self.doc.add_paragraph(
                f"Aktivitet: {activity['text']} ({activity['status']})",
                style=self._style("List Bullet"),
            )

    def _figures(self, goal: dict[str, Any]) -> None:
        so_far = (
            " (preliminärt)" if goal["preliminary"] else (" hittills" if goal["forecast"] else "")
        )
        header = ["Basvärde", "Målvärde", f"Utfall{so_far}", "Framsteg", "Trend"]
        row = [goal["baseline"], goal["target"], goal["outcome"], goal["progress"], goal["trend"]]
        for split in goal["by_gender"]:
            header.append(f"Utfall{so_far} {split['gender']}")
            row.append(split["value"])
        if goal["forecast"]:
            header.append("Prognos helår")
            row.append(goal["forecast_value"])
            for split in goal["by_gender"]:
                header.append(f"Prognos {split['gender']}")
                row.append(split["forecast"])
        forecast = ", prognos för året" if goal["forecast"] else ""
        self.table(
            header,
            [row],
            [TEXT_WIDTH_MM // len(header)] * len(header),
            f"Mätning av målet ({goal['indicator']}): {goal['target_text']}{forecast}",
        )

    def _key_figures(self) -> None:
        from docx.shared import Mm

        from .chart_image import line_chart

        figures = self.c["key_figures"]
        self.table(
            ["Målområde", "Nyckeltal", "Redovisas", "Basvärde", "Senaste värde"],
            [
                [
                    f["area"],
                    f["title"] + (f" (Kolada {f['kolada']})" if f["kolada"] else ""),
                    f["frequency"],
                    f["baseline"],
                    f"{f['recent'][-1]['period']}: {f['recent'][-1]['value']}"
                    if f["recent"]
                    else "–",
                ]
                for f in figures
            ],
            [30, 56, 20, 24, 40],
            "Nyckeltal för uppföljning, med basvärde och senaste värde",
            numeric_from=3,
        )
        compared = [f for f in figures if f["comparison"]]
        if compared:
            p = self.doc.add_paragraph()
            p.add_run("Jämförelse med andra kommuner (Kolada; plats 1 är bäst). ").bold = True
            p.add_run("Jämförelsen är ingen del av måluppfyllelsen.")
            for figure in compared:
                self.doc.add_paragraph(
                    f"{figure['title']}: {figure['comparison']}", style=self._style("List Bullet")
                )
        for figure in figures:
            picture = (
                line_chart(
                    figure["series"], figure["recent"][0]["period"], figure["recent"][-1]["period"]
                )
                if figure["recent"]
                else None
            )
            if picture is None:
                continue
            title = self.doc.add_paragraph(style=self._style("Caption"))
            title.add_run(f"Utvecklingen för {figure['title']}").bold = True
            title.paragraph_format.keep_with_next = True
            values = "; ".join(f"{v['period']} {v['value']}" for v in figure["recent"])
            layout = self.doc.add_table(rows=1, cols=2)
            layout.autofit = False
            chart_cell, values_cell = layout.rows[0].cells
            fix_widths(layout, [95, TEXT_WIDTH_MM - 95])
            run = chart_cell.paragraphs[0].add_run()
            shape = run.add_picture(io.BytesIO(picture), width=Mm(90))
            description = (
                f"Linjediagram över {figure['title']}. Värdena står i tabellen bredvid: {values}."
            )
            shape._inline.docPr.set("descr", description)
            shape._inline.docPr.set("title", f"Utvecklingen för {figure['title']}")
            inner = values_cell.add_table(rows=1, cols=2)
            inner.style = self._table_style()
            header_row(inner.rows[0], ["Period", "Värde"])
            for value in figure["recent"]:
                cells = inner.add_row().cells
                cells[0].text, cells[1].text = value["period"], value["value"]
                align_right(cells[1])
            fix_widths(inner, [30, TEXT_WIDTH_MM - 95 - 35])
            values_cell.paragraphs[0].text = "Värdena i diagrammet"

    def _council(self) -> None:
        c = self.c
        self.heading("Kommunfullmäktiges mål", 1)
        self.table(
            ["KF-mål", "Områden som tjänar målet", "Status", "Bedömda"],
            [
                [
                    (f"{g['number']}. " if g["number"] else "") + g["title"],
                    ", ".join(g["areas"]) if g["areas"] else "inget område",
                    g["status"],
                    g["coverage"],
                ]
                for g in c["council"]
            ],
            [60, 50, 30, 30],
            "Kommunfullmäktiges mål och de områden som tjänar dem",
        )
        if c["council_gaps"]:
            p = self.doc.add_paragraph()
            p.add_run("KF-mål som inget område tjänar: ").bold = True
            p.add_run("; ".join(c["council_gaps"]) + ".")

    def _footer(self) -> None:
        for section in self.doc.sections:
            section.different_first_page_header_footer = True
            footer = section.footer
            if self.own_template and any(p.text.strip() for p in footer.paragraphs):
                continue  # the municipality's own footer stays as it is
            paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
            paragraph.text = ""
            paragraph.add_run(f"{self.c['title']}\t\tSida ")
            simple_field(paragraph, "PAGE", "1")
            paragraph.add_run(" av ")
            simple_field(paragraph, "NUMPAGES", "1")

    # --- building blocks -------------------------------------------------------------

    def _style(self, name: str, fallback: str = "Normal") -> Any:
        """A style by name; a municipality's template may lack some of Word's built-ins."""
        styles = self.doc.styles
        for candidate in (name, fallback, "Normal"):
            try:
                return styles[candidate]
            except KeyError:
                continue
        return None

    def _table_style(self) -> Any:
        return self._style("Table Grid", "Normal Table")

    def heading(self, text: str, level: int, page_break: bool = False) -> None:
        try:
            paragraph = self.doc.add_heading(text, level)
        except KeyError:  # a template without Word's heading style for the level
            paragraph = self.doc.add_paragraph(text)
            outline_level(paragraph, level)
        paragraph.paragraph_format.keep_with_next = True
        if page_break:
            paragraph.paragraph_format.page_break_before = True

    def para(
        self, text: str, status: dict[str, Any] | None = None, after: str = "", italic: bool = False
    ) -> None:
        paragraph = self.doc.add_paragraph()
        run = paragraph.add_run(text)
        run.italic = italic
        if status is not None:
            self._status_runs(paragraph, status)
        if after:
            paragraph.add_run(after)

    def _status_runs(self, paragraph: Any, status: dict[str, Any]) -> None:
        from docx.shared import RGBColor

        colour = RGBColor.from_string(COLOURS.get(status["key"], "1A1A1A"))
        symbol = paragraph.add_run(status["symbol"])
        symbol.font.name = SYMBOL_FONT
        symbol.font.color.rgb = colour
        word = paragraph.add_run(f" {status['word']}")
        word.bold = True
        word.font.color.rgb = colour

    def table(
        self,
        header: list[Any],
        rows: list[list[Any]],
        widths_mm: list[int],
        caption: str,
        numeric_from: int | None = None,
    ) -> None:
        """A captioned table whose header row repeats on every page and whose rows are not
        split across pages; columns get fixed widths that add up to A4's text width."""
        caption_paragraph = self.doc.add_paragraph(style=self._style("Caption"))
        caption_paragraph.add_run(caption).bold = True
        caption_paragraph.paragraph_format.keep_with_next = True
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = self._table_style()
        table.autofit = False
        scale = min(1.0, TEXT_WIDTH_MM / sum(widths_mm))
        widths = [int(w * scale) for w in widths_mm]
        header_row(table.rows[0], header, self._status_runs)
        for values in rows:
            cells = table.add_row().cells
            for index, value in enumerate(values):
                self._cell(cells[index], value)
                if numeric_from is not None and index >= numeric_from:
                    align_right(cells[index])
        fix_widths(table, widths)
        for row in table.rows:
            cant_split(row)
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = _table_text_size()

    def _cell(self, cell: Any, value: Any) -> None:
        paragraph = cell.paragraphs[0]
        if isinstance(value, dict):  # a status
            self._status_runs(paragraph, value)
        elif isinstance(value, list):  # lines of text and statuses
            for index, line in enumerate(value):
                if index:
                    paragraph = cell.add_paragraph()
                for part in line:
                    if isinstance(part, dict):
                        self._status_runs(paragraph, part)
                    else:
                        paragraph.add_run(part)
        else:
            paragraph.add_run(str(value))

    def richtext(self, blocks: Iterable[Block], heading_level: int) -> None:
        """The administration's analysis: its subheadings one level below the section's."""
        for block in blocks:
            if block.kind == "heading":
                self.heading(_plain(block.spans), min(9, heading_level + block.level))
            elif block.kind == "paragraph":
                self._runs(self.doc.add_paragraph(), block.spans)
            elif block.kind in ("bullets", "numbers"):
                style = "List Bullet" if block.kind == "bullets" else "List Number"
                for item in block.items:
                    for inner in item:
                        self._runs(self.doc.add_paragraph(style=self._style(style)), inner.spans)
            elif block.kind == "quote":
                for inner in block.items[0]:
                    self._runs(self.doc.add_paragraph(style=self._style("Quote")), inner.spans)
            elif block.kind == "code":
                run = self.doc.add_paragraph().add_run(block.spans[0].text)
                run.font.name = "Consolas"

    def _runs(self, paragraph: Any, spans: tuple[Span, ...]) -> None:
        for span in spans:
            if span.href:
                hyperlink(paragraph, span.text, span.href)
                continue
            run = paragraph.add_run(span.text)
            run.bold, run.italic = span.bold or None, span.italic or None
            if span.code:
                run.font.name = "Consolas"


def _plain(spans: tuple[Span, ...]) -> str:
    return "".join(s.text for s in spans)
