"""The internkontroll follow-up in Word: the section the nämnd report and the separate
uppföljning av internkontrollplanen share (matrix, risks, controls with results, deviations
and actions, the analysis), and the separate document around it."""

from __future__ import annotations

import io
from typing import Any

from ...common.text import xml_safe
from .word_blocks import DocxBlocks
from .word_template import open_document


class DocxControl(DocxBlocks):
    def internal_control(self, ic: dict[str, Any], analysis: Any, level: int) -> None:
        """One internkontrollplan's follow-up; its subheadings at `level`."""
        self.para(ic["summary"])
        self.heading("Riskmatris", level)
        columns = ic["matrix"]["columns"]
        self.table(
            ["Sannolikhet", *(f"Konsekvens {c['step']}: {c['label']}" for c in columns)],
            [
                [
                    f"{row['probability']}: {row['label']}",
                    *(
                        [[f"{cell['value']} {cell['level']}"], *([r] for r in cell["risks"])]
                        for cell in row["cells"]
                    ),
                ]
                for row in ic["matrix"]["rows"]
            ],
            [30, 35, 35, 35, 35],
            "Riskerna efter sannolikhet (rader) och konsekvens (kolumner); riskvärdet är "
            f"sannolikhet × konsekvens, 1–16, och från {ic['control_from']} ska risken "
            "kontrolleras eller åtgärdas",
        )
        self.heading("Risker", level)
        self.table(
            ["Risk", "Kategori", "Sannolikhet", "Konsekvens", "Riskvärde", "Beslut"],
            [
                [
                    [[r["id"]], [f"{r['process']}: {r['text']}"]],
                    r["category"],
                    f"{r['probability']} {r['probability_word']}",
                    f"{r['consequence']} {r['consequence_word']}",
                    f"{r['value']} {r['level']}",
                    [
                        [r["decision"] + (f": {r['reason']}" if r["reason"] else "")],
                        *([_action_text(a)] for a in r["actions"]),
                    ],
                ]
                for r in ic["risks"]
            ],
            [44, 28, 22, 24, 20, 42],
            "Riskanalysen, högst riskvärde först",
        )
        self.heading("Kontroller och resultat", level)
        if ic["controls"]:
            self.table(
                ["Kontroll", "Risk", "Metod och ansvarig", "Resultat"],
                [
                    [
                        [[c["id"]], [c["what"]]],
                        c["risk"],
                        f"{c['method']}; {c['responsible']}",
                        [_period_line(p) for p in c["periods"]]
                        or "Inga kontrolltillfällen under perioden",
                    ]
                    for c in ic["controls"]
                ],
                [50, 30, 34, 66],
                "Kontrollmomenten med resultat per period",
            )
        else:
            self.para("Planen har inga kontrollmoment.")
        self.heading("Avvikelser och åtgärder", level)
        if not ic["deviations"]:
            self.para("Inga avvikelser under perioden.")
        for d in ic["deviations"]:
            p = self.doc.add_paragraph(style=self._style("List Bullet"))
            p.add_run(f"{d['control']}, {d['period_name']}: ").bold = True
            p.add_run(d["comment"] or "avvikelse utan kommentar")
            for action in d["actions"] or [None]:
                q = self.doc.add_paragraph(style=self._style("List Bullet 2"))
                q.add_run(_action_text(action) if action else "Ingen åtgärd beslutad.")
        if analysis:
            self.heading("Förvaltningens analys", level)
            self.richtext(analysis, level)


def _period_line(p: dict[str, Any]) -> list[Any]:
    after = f" ({p['date_text']})" if p["date_text"] else ""
    if p["comment"]:
        after += f": {p['comment']}"
    return [f"{p['period_name']}: ", p["state"], after]


def _action_text(action: dict[str, Any]) -> str:
    text = (
        f"Åtgärd: {action['what']} – {action['responsible']}, senast {action['due_text']} "
        f"({action['status']})"
    )
    return text + (f". {action['comment']}" if action["comment"] else "")


def control_to_docx(context: dict[str, Any]) -> bytes:
    """The uppföljning av internkontrollplanen as a Word document."""
    writer = _Writer(open_document(None, None))
    writer.write(xml_safe(context))
    out = io.BytesIO()
    writer.doc.save(out)
    return out.getvalue()


class _Writer(DocxControl):
    def __init__(self, document: Any) -> None:
        self.doc = document

    def write(self, c: dict[str, Any]) -> None:
        from .word_parts import update_fields_on_open

        ic = c["ic"]
        properties = self.doc.core_properties
        properties.title = f"{c['title']} – {ic['board']}, {ic['organisation']}"
        properties.author = f"{ic['organisation']} – {ic['board']}"
        properties.subject = f"{ic['title']}, {c['period']['text']}"
        properties.language = "sv-SE"
        self.doc.add_paragraph(f"{ic['organisation']} – {ic['board']}").runs[0].bold = True
        self.doc.add_paragraph(c["title"], style=self._style("Title"))
        self.doc.add_paragraph(ic["title"], style=self._style("Subtitle"))
        facts = [("Period", c["period"]["text"])]
        if c["adopted"]:
            by = f" av {c['adopted_by']}" if c["adopted_by"] else ""
            facts.append(("Planen antogs", c["adopted"] + by))
        if c["reference"]:
            facts.append(("Beslut", c["reference"]))
        facts.append(("Resultat kända per", ic["as_of_text"]))
        for label, value in facts:
            p = self.doc.add_paragraph()
            p.add_run(f"{label}: ").bold = True
            p.add_run(value)
        self.heading("Uppföljning", 1)
        for row in ic["counts"]:
            p = self.doc.add_paragraph(style=self._style("List Bullet"))
            self._status_runs(p, row)
            p.add_run(f": {row['text']}")
        self.internal_control(ic, c["ic_analysis"], 2)
        self.heading("Metod", 1)
        self.para(c["method"])
        update_fields_on_open(self.doc)
