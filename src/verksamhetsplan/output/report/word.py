"""The report as a Word document, built with python-docx from the same data as the HTML.

Written as Word's own structure, not converted text: Word's heading styles (so the
navigation pane works), a cover page, a contents page whose numbers are page references that
Word and LibreOffice both lay out, page numbers
"Sida X av Y", real tables with repeated header rows and widths that fit A4 portrait,
charts as pictures with a description and their values in a table beside them, sv-SE as
the language, and title and author in the file's properties. A municipality's own .docx
gives the styles, fonts, headers and logo; its body is replaced by the report.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ...common.files import display_path
from ...common.text import xml_safe
from .word_control import DocxControl
from .word_economy import DocxEconomy
from .word_goals import DocxGoals
from .word_parts import (
    TEXT_WIDTH_MM,
    align_right,
    contents_entry,
    fix_widths,
    header_row,
    simple_field,
    update_fields_on_open,
)
from .word_template import open_document


def to_docx(
    context: dict[str, Any], template: Path | None, notes: list[str] | None = None
) -> bytes:
    """The report as Word; what was taken out of the template is added to `notes`."""
    document = open_document(template, notes)
    writer = _Writer(document, xml_safe(context), own_template=template is not None)
    if template is not None:
        writer.template_name = display_path(template)
    writer.write()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class _Writer(DocxGoals, DocxControl, DocxEconomy):
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
        self._status_chart()
        self._summary_table()
        if c["summary"]["overrides"]:
            self.para(
                "Räknat med bedömningar som avviker från den beräknade statusen (med skäl): "
                + "; ".join(c["summary"]["overrides"])
                + ".",
                italic=True,
            )
        if c["analysis"]:
            self.heading("Sammanfattande analys", 1)
            self.richtext(c["analysis"], 1)
        self._free_sections(c["free_before"])
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
        self._free_sections(c["free_after"], page_break=True)
        self.heading("Nyckeltal", 1, page_break=True)
        self._key_figures()
        self.heading("Strategiska aktiviteter", 1)
        self.table(
            ["Målområde", "Aktivitet", "Status", "Senast uppföljd", "Kommentar", "Ansvarig"],
            [
                [
                    a["area"],
                    a["text"],
                    a["status"],
                    a["followed_up"] + (" (inte uppföljd under perioden)" if a["stale"] else ""),
                    a["comment"] or "–",
                    a["responsible"],
                ]
                for a in c["activities"]
            ],
            [24, 50, 18, 26, 32, 20],
            "Strategiska aktiviteter med status vid periodens slut, senaste uppföljning och "
            "ansvarig",
        )
        self._council()
        self.heading("Metod", 1)
        self.para(c["method_text"])
        if c["method"]["sources"]:
            self.para("Egna datakällor: " + ", ".join(c["method"]["sources"]) + ".")
        if c["method"]["kolada"]:
            self.para(c["method"]["kolada"])
        self.para(c["version_text"], italic=True)  # the colophon
        self._footer()
        self._fill_contents()

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
        facts.extend(("Planen reviderades", revision) for revision in plan["revisions"])
        facts.append(("Data till och med", self.c["data_through"] or "–"))
        if self.c["as_of"]:
            facts.append(("Beräknat per", self.c["as_of"]))
        for label, value in facts:
            p = self.doc.add_paragraph()
            p.add_run(f"{label}: ").bold = True
            p.add_run(value)
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _contents(self) -> None:
        """The contents page's heading; its lines are filled in once every heading is
        written (`_fill_contents`), so they list exactly what the document holds."""
        from docx.enum.text import WD_BREAK

        self.doc.add_paragraph("Innehåll", style=self._style("TOC Heading", "Heading 1"))
        self._contents_end = self.doc.add_paragraph()
        self._contents_end.add_run().add_break(WD_BREAK.PAGE)
        self.contents = []

    def _fill_contents(self) -> None:
        for text, level, target in self.contents or []:
            contents_entry(self._contents_end.insert_paragraph_before(), text, level, target)
        update_fields_on_open(self.doc)

    def _status_chart(self) -> None:
        """The summary's counts as bars, a picture with its words as description."""
        from ..small_charts import counts_said, status_bars_png

        rows = self.c["summary"]["bars"]["rows"]
        description = " ".join(f"{label}: {counts_said(counts)}." for label, counts in rows)
        self.picture(status_bars_png(rows), description, "Måluppfyllelse per målområde")

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

    def _free_sections(self, sections: list[dict[str, Any]], page_break: bool = False) -> None:
        """The analysis's own sections (Viktiga händelser, Ekonomi …) under their headings."""
        for index, section in enumerate(sections):
            self.heading(section["title"], 1, page_break=page_break and index == 0)
            controls = section.get("internal_control") or []
            for i, ic in enumerate(controls):  # the analysis's text after the last plan
                self.internal_control(ic, section["blocks"] if i + 1 == len(controls) else None, 2)
            if section.get("economy"):
                self.economy(section["economy"], section["blocks"], section["economy_warning"])
            elif not controls:
                self.richtext(section["blocks"], 1)

    def _key_figures(self) -> None:

        from ..small_charts import line_chart

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
        if self.c["key_figures_left_out"]:
            self.para(self.c["key_figures_left_out"], italic=True)
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
            description = (
                f"Linjediagram över {figure['title']}. Värdena står i tabellen bredvid: {values}."
            )
            title_text = f"Utvecklingen för {figure['title']}"
            run = chart_cell.paragraphs[0].add_run()
            self.picture(picture, description, title_text, run, width_mm=90)
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
