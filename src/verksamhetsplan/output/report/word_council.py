"""Kommunstyrelsens målavstämning as a Word document, with the nämnd report's building
blocks (`word`, `word_goals`): per council goal the consolidated status and every board's
goals beneath it."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ...common.files import display_path
from ...common.text import xml_safe
from .word_goals import DocxGoals
from .word_template import open_document


def council_to_docx(
    context: dict[str, Any], template: Path | None, notes: list[str] | None = None
) -> bytes:
    """Kommunstyrelsens målavstämning as Word, with the same building blocks."""
    writer = _CouncilWriter(open_document(template, notes))
    if template is not None:
        writer.template_name = display_path(template)
    writer.write(xml_safe(context))
    out = io.BytesIO()
    writer.doc.save(out)
    return out.getvalue()


class _CouncilWriter(DocxGoals):
    def __init__(self, document: Any) -> None:
        self.doc = document

    def write(self, c: dict[str, Any]) -> None:
        properties = self.doc.core_properties
        properties.title = f"{c['title']} – {c['plan']['organisation']}"
        properties.author = f"{c['plan']['organisation']} – {c['plan']['board']}"
        properties.language = "sv-SE"
        self.doc.add_paragraph(c["plan"]["organisation"]).runs[0].bold = True
        self.doc.add_paragraph(c["title"], style=self._style("Title"))
        self.doc.add_paragraph(f"{c['subtitle']}. {c['plan']['title']}.")
        self.heading("Sammanfattning", 1)
        self.para(
            f"{c['served']} av {len(c['goals'])} mål från kommunfullmäktige tjänas av någon nämnd."
        )
        self.table(
            ["KF-mål", "Samlad status", "Bedömda", "Prognos för helåret"],
            [
                [
                    g["title"],
                    g["status"] if g["boards"] else "ingen nämnd tjänar målet",
                    g["coverage"],
                    [[f"{f['count']} ", {**f, "word": f["word"]}] for f in g["forecasts"]] or "–",
                ]
                for g in c["goals"]
            ],
            [60, 40, 30, 40],
            "Kommunfullmäktiges mål med samlad status och prognos",
        )
        if c["gaps"]:
            self.para("KF-mål som ingen nämnd tjänar: " + "; ".join(c["gaps"]) + ".")
        self._good_management(c.get("good_management"))
        if c["absent"]:
            self.para(
                "Nämnder som ombetts bidra men inte tjänar målet: " + "; ".join(c["absent"]) + "."
            )
        for goal in (g for g in c["goals"] if g["boards"]):
            self.heading(goal["title"], 1, page_break=True)
            self.para("Samlad status: ", status=goal["status"], after=f" ({goal['coverage']}).")
            for board in goal["boards"]:
                self.heading(f"{board['board']}: {board['plan']}", 2)
                self.para("Status: ", status=board["status"], after=f" ({board['coverage']}).")
                for g in board["goals"]:
                    p = self.doc.add_paragraph(style=self._style("List Bullet"))
                    p.add_run(f"{g['text']}: ")
                    self._status_runs(p, g["status"])
                    if g["forecast"]:
                        p.add_run(" – prognos: ")
                        self._status_runs(p, g["forecast"])
                    for below in g["below"]:
                        for x in below["goals"]:
                            q = self.doc.add_paragraph(style=self._style("List Bullet 2"))
                            q.add_run(f"{below['unit']}: {x['text']}: ")
                            self._status_runs(q, x["status"])
        self._internal_control(c.get("internal_control") or [])

    def _internal_control(self, plans: list[dict[str, Any]]) -> None:
        """KS's sammanställning of every board's internal control."""
        if not plans:
            return
        self.heading("Intern kontroll i nämnderna", 1, page_break=True)
        self.table(
            [
                "Nämnd",
                *((r["symbol"], r["word"], r["key"]) for r in plans[0]["counts"]),
                "Öppna åtgärder",
                "Varav försenade",
            ],
            [
                [
                    [[ic["board"]], [ic["title"]]],
                    *(str(row["count"]) for row in ic["counts"]),
                    str(ic["open_actions"]),
                    str(ic["overdue_actions"]),
                ]
                for ic in plans
            ],
            [46, 22, 22, 22, 20, 20, 20],
            "Nämndernas internkontrollplaner: kontrolltillfällen per resultat och öppna åtgärder",
            numeric_from=1,
        )
        for ic in plans:
            self.heading(ic["board"], 2)
            for d in ic["deviations"]:
                p = self.doc.add_paragraph(style=self._style("List Bullet"))
                p.add_run(f"Avvikelse i {d['control']}, {d['period_name']}: ").bold = True
                p.add_run(f"{d['what']} {d['comment'] or ''}".strip())
                if not d["actions"]:
                    p.add_run(" Ingen åtgärd beslutad.")
            if not ic["deviations"]:
                self.para("Inga avvikelser.")
            for a in ic["open_action_list"]:
                self.doc.add_paragraph(
                    f"Öppen åtgärd: {a['what']} ({a['origin']}) – {a['responsible']}, senast "
                    f"{a['due_text']}: {a['status']}",
                    style=self._style("List Bullet"),
                )

    def _good_management(self, gm: dict[str, Any] | None) -> None:
        """The judgement of god ekonomisk hushållning and its basis."""
        if not gm:
            return
        self.heading("God ekonomisk hushållning", 1)
        self.para("", status=gm["status"], after=f": {gm['reason']}." if gm["reason"] else ".")
        if gm["rule"]:
            self.para(f"Fullmäktiges regel: {gm['rule']}")
        header = ["Finansiellt mål", "Utfall hittills" if gm["forecast"] else "Utfall", "Status"]
        if gm["forecast"]:
            header += ["Prognos", "Prognosbedömning"]
        rows = []
        for f in gm["financial"]:
            row = [f["text"], f["value"], f["status"]]
            if gm["forecast"]:
                row += [f["forecast_value"], f["forecast"] or "–"]
            rows.append(row)
        widths = [70, 25, 35] + ([25, 35] if gm["forecast"] else [])
        self.table(header, rows, widths, "Finansiella mål")
        self.para(f"Verksamhetsmålen: {gm['operational']}.")
