"""`vp control status` for people (the matrix and a table per risk, in words and symbols) and
for tools (JSON in vp's envelope)."""

from __future__ import annotations

import json
from typing import Any

from ... import __version__
from ...common.swedish import printable
from .console import buffered
from .problems import plural

# Below this width a table of five columns would break the ids (what a person types next,
# `vp control result ID`) inside the word: the risks are listed as blocks instead.
WIDE = 120


def to_text(found: list[dict[str, Any]], like: Any) -> str:
    from rich.markup import escape

    console, buffer = buffered(like)
    wide = like.width >= WIDE
    for record in found:
        when = f"{record['period']}, " if record["period"] else ""
        console.print(
            f"[bold]{escape(record['title'])}[/bold] ({escape(record['id'])}) – {when}känt "
            f"{record['as_of_text']}"
        )
        console.print(record["summary"], markup=False)
        console.print(_matrix(record, wide))
        if not wide:
            for row in record["matrix"]["rows"]:
                for cell in row["cells"]:
                    if cell["risks"]:
                        console.print(
                            f"  {cell['value']} {cell['level']} ({row['probability']} × "
                            f"{cell['consequence']}): {', '.join(cell['risks'])}",
                            markup=False,
                        )
        console.print()
        if wide:
            console.print(_risk_table(record))
        else:
            _risk_blocks(console, record)
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


def _matrix(record: dict[str, Any], wide: bool) -> Any:
    """The 4 × 4 grid; in a narrow terminal each cell says how many risks it holds and the
    ids are listed beneath it, whole."""
    from rich.table import Table

    matrix = Table(
        title="Riskmatris: sannolikhet (rader) × konsekvens (kolumner) = riskvärde",
        title_justify="left",
    )
    matrix.add_column("Sannolikhet", overflow="fold")
    for column in record["matrix"]["columns"]:
        matrix.add_column(f"{column['step']} {column['label']}", overflow="fold")
    for row in record["matrix"]["rows"]:
        cells = []
        for cell in row["cells"]:
            said = f"{cell['value']} {cell['level']}"
            if wide:
                said += "".join(f"\n{r}" for r in cell["risks"])
            elif cell["risks"]:
                said += "\n" + plural(len(cell["risks"]), "risk", "risker")
            cells.append(said)
        matrix.add_row(f"{row['probability']} {row['label']}", *cells)
    return matrix


def _risk_table(record: dict[str, Any]) -> Any:
    from rich.table import Table

    table = Table(title="Risker och kontroller", title_justify="left", show_lines=True)
    for name in ("Risk", "Värde", "Beslut", "Kontroll", "Resultat"):
        table.add_column(name, overflow="fold")
    controls = {c["id"]: c for c in record["controls"]}
    for risk in record["risks"]:
        own = [controls[c] for c in risk["controls"]]
        table.add_row(
            f"{risk['id']}\n{risk['process']}",
            f"{risk['value']} {risk['level']}\n({risk['probability']} × {risk['consequence']})",
            _decision(risk),
            "\n".join(f"{c['id']} ({c['method']})" for c in own) or "–",
            "\n".join(_periods(c) for c in own) or "–",
        )
    return table


def _risk_blocks(console: Any, record: dict[str, Any]) -> None:
    """Each risk as a few lines: the id first and whole, then its value, decision and
    controls with their results."""
    console.print("Risker och kontroller", style="italic")
    controls = {c["id"]: c for c in record["controls"]}
    for risk in record["risks"]:
        console.print(f"{risk['id']} – {risk['process']}", markup=False, style="bold")
        console.print(
            f"  riskvärde {risk['value']} {risk['level']} ({risk['probability']} × "
            f"{risk['consequence']}); {_decision(risk)}".replace("\n", "; "),
            markup=False,
        )
        for control_id in risk["controls"]:
            control = controls[control_id]
            results = _periods(control).replace("\n", "; ")
            console.print(
                f"  {control['id']} ({control['method']}): {results or 'inga tillfällen'}",
                markup=False,
            )


def _decision(risk: dict[str, Any]) -> str:
    decision: str = risk["decision"] + (f": {risk['reason']}" if risk["reason"] else "")
    return decision + "".join(
        f"\nÅtgärd: {a['what']} ({a['status']}, {a['due']})" for a in risk["actions"]
    )


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
