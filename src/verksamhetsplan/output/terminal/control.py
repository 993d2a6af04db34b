"""`vp control status` for people (the matrix and a table per risk, in words and symbols) and
for tools (JSON in vp's envelope)."""

from __future__ import annotations

import json
from typing import Any

from ... import __version__
from ...common.swedish import printable
from .console import buffered
from .problems import plural


def to_text(found: list[dict[str, Any]], like: Any) -> str:
    from rich.table import Table

    console, buffer = buffered(like)
    for record in found:
        when = f"{record['period']}, " if record["period"] else ""
        console.print(
            f"[bold]{record['title']}[/bold] ({record['id']}) – {when}känt {record['as_of_text']}",
            markup=True,
        )
        console.print(record["summary"], markup=False)
        matrix = Table(
            title="Riskmatris: sannolikhet (rader) × konsekvens (kolumner) = riskvärde",
            title_justify="left",
        )
        # ids are what a person types next (vp control result ID): folded, never cut
        matrix.add_column("Sannolikhet", overflow="fold")
        for column in record["matrix"]["columns"]:
            matrix.add_column(f"{column['step']} {column['label']}", overflow="fold")
        for row in record["matrix"]["rows"]:
            matrix.add_row(
                f"{row['probability']} {row['label']}",
                *(
                    f"{cell['value']} {cell['level']}" + "".join(f"\n{r}" for r in cell["risks"])
                    for cell in row["cells"]
                ),
            )
        console.print(matrix)
        table = Table(title="Risker och kontroller", title_justify="left", show_lines=True)
        for name in ("Risk", "Värde", "Beslut", "Kontroll", "Resultat"):
            table.add_column(name, overflow="fold")
        controls = {c["id"]: c for c in record["controls"]}
        for risk in record["risks"]:
            own = [controls[c] for c in risk["controls"]]
            decision = risk["decision"] + (f": {risk['reason']}" if risk["reason"] else "")
            decision += "".join(
                f"\nÅtgärd: {a['what']} ({a['status']}, {a['due']})" for a in risk["actions"]
            )
            table.add_row(
                f"{risk['id']}\n{risk['process']}",
                f"{risk['value']} {risk['level']}\n({risk['probability']} × {risk['consequence']})",
                decision,
                "\n".join(f"{c['id']} ({c['method']})" for c in own) or "–",
                "\n".join(_periods(c) for c in own) or "–",
            )
        console.print(table)
        for deviation in record["deviations"]:
            console.print(
                f"Avvikelse {deviation['control']} {deviation['period']}: "
                f"{deviation['comment'] or '(ingen kommentar)'}",
                markup=False,
            )
            for action in deviation["actions"]:
                console.print(
                    f"  Åtgärd: {action['what']} – {action['responsible']}, senast "
                    f"{action['due']} ({action['status']})",
                    markup=False,
                )
        console.print()
    return printable(buffer.getvalue())


def _periods(control: dict[str, Any]) -> str:
    return "\n".join(
        f"{p['period']} {p['state']['symbol']} {p['state']['word']}" for p in control["periods"]
    )


def to_json(found: list[dict[str, Any]]) -> str:
    document = {
        "version": __version__,
        "command": "control status",
        "plans": found,
        "summary": plural(len(found), "internkontrollplan", "internkontrollplaner"),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
