"""The Ekonomi section in Word: the table per verksamhet, the chart of accumulated utfall
against budget (as a picture with its text alternative and its values in a table), the
warning of a deficit without åtgärder, and the administration's text."""

from __future__ import annotations

from typing import Any

from .word_blocks import DocxBlocks


class DocxEconomy(DocxBlocks):
    def economy(self, ec: dict[str, Any], blocks: Any, warning: str | None) -> None:
        from ..chart_png import png

        self.para(ec["summary"])
        self.table(
            ["Verksamhet", *(c["title"] for c in ec["columns"])],
            [
                ["  " * u["depth"] + u["title"], *(u["shown"][c["key"]] for c in ec["columns"])]
                for u in ec["units"]
            ],
            [44] + [int(126 / max(1, len(ec["columns"])))] * len(ec["columns"]),
            f"Budget, utfall och {'utfall' if ec['year_ended'] else 'prognos'} per verksamhet, "
            f"{ec['period_text']}, tkr. Positiv avvikelse är bättre än budget.",
            numeric_from=1,
        )
        for unit in ec["units"]:
            for note in unit["notes"]:
                self.para(f"{unit['title']}: {note}.", italic=True)
        chart = ec["chart"]
        self.picture(png(chart["data"]), chart["text"], chart["data"].title)
        self.table(chart["header"], chart["rows"], [30, 45, 45], "Värden i diagrammet, tkr", 1)
        if warning:
            self.para(f"Åtgärder saknas: {warning}", italic=True)
        if blocks:
            self.heading("Förvaltningens analys", 2)
            self.richtext(blocks, 2)
