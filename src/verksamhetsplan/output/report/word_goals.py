"""A goal in the Word report: its status, its measures or figures, its forecast, the
period's assessments, its analysis and its activities."""

from __future__ import annotations

from typing import Any

from .word_blocks import DocxBlocks
from .word_parts import TEXT_WIDTH_MM


class DocxGoals(DocxBlocks):
    c: dict[str, Any]

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
            running = any(m["forecast"] for m in goal["measures"])
            so_far = " hittills" if running else ""
            headers = ["Mått", f"Status{so_far}", "Mål", "Basvärde", "Målvärde", f"Utfall{so_far}"]
            rows = [
                [m["text"], m["status"], m["target_text"], m["baseline"], m["target"], m["outcome"]]
                + [m["progress"]]
                + ([_measure_forecast(m)] if running else [])
                for m in goal["measures"]
            ]
            self.table(
                [*headers, "Framsteg", *(["Prognos för helåret"] if running else [])],
                rows,
                [34, 22, 22, 16, 16, 18, 16, 26] if running else [44, 26, 26, 18, 18, 20, 18],
                f"Målets mått: {goal['verdict']}",
            )
        elif goal["milestone"]:
            self.para("Milstolpe. Kriterier:")
            for criterion in goal["criteria"]:
                self.doc.add_paragraph(criterion, style=self._style("List Bullet"))
        else:
            self._figures(goal)
            if goal["chart"]:
                self._chart(goal["chart"])
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
                f"Aktivitet: {activity['text']} ({activity['follow_up']})",
                style=self._style("List Bullet"),
            )

    def _chart(self, chart: dict[str, Any]) -> None:
        """The goal's chart as a picture with its text alternative, and its values in a
        table beneath (Word shows no SVG everywhere: the same chart, drawn as PNG)."""
        from ..chart_png import png

        self.picture(png(chart["data"]), chart["text"], chart["data"].title)
        widths = [30] + [30] * (len(chart["header"]) - 1)
        self.table(
            chart["header"],
            chart["rows"],
            widths,
            f"Värden i diagrammet: {chart['data'].title}",
            numeric_from=1,
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


def _measure_forecast(measure: dict[str, Any]) -> Any:
    """A running measure's full-year forecast and its verdict, as a table cell."""
    if not measure["forecast"]:
        return "–"
    if not measure["forecast_status"]:
        return f"{measure['forecast_value']} (ingen prognosbedömning)"
    return [[f"{measure['forecast_value']}: ", measure["forecast_status"]]]
