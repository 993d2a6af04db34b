"""`vp economy` for people (a table per plan, units indented under the nämnd), for tools
(JSON in vp's envelope, CSV with plain numbers) and the explanation of one unit's figures."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ... import __version__
from ...common.swedish import printable, spreadsheet_number
from .console import buffered


def to_text(found: list[dict[str, Any]], like: Any) -> str:
    from rich import box
    from rich.table import Table

    console, buffer = buffered(like)
    for record in found:
        table = Table(
            title=f"Ekonomi {record['board']} – {record['period_text']} (tkr)",
            title_justify="left",
            box=box.SIMPLE_HEAD,  # no side borders: seven columns fit 80 characters
            padding=(0, 1),
            pad_edge=False,
            collapse_padding=True,
        )
        table.add_column("Verksamhet", overflow="fold", min_width=12)
        for column in record["columns"]:
            table.add_column(column["title"].replace(" ", "\n", 1), justify="right", no_wrap=True)
        for unit in record["units"]:
            table.add_row(
                "  " * unit["depth"] + unit["title"],
                *(unit["shown"][c["key"]] for c in record["columns"]),
            )
        console.print(table)
        console.print(record["summary"], markup=False)
        for unit in record["units"]:
            for note in unit["notes"]:
                console.print(f"{unit['title']}: {note}", markup=False)
        console.print()
    return printable(buffer.getvalue())


def to_json(found: list[dict[str, Any]]) -> str:
    plans = [{k: v for k, v in record.items() if k != "chart"} for record in found]
    document = {"version": __version__, "command": "economy", "plans": plans}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_csv(found: list[dict[str, Any]], excel: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if excel else ",", lineterminator="\n")
    keys = [key for key, _ in _all_columns()]
    writer.writerow(["plan", "period", "unit", "title", *keys])
    for record in found:
        for unit in record["units"]:
            values = [unit["values"].get(key) for key in keys]
            shown = [
                "" if v is None else (spreadsheet_number(v) if excel else repr(round(v, 2)))
                for v in values
            ]
            writer.writerow(
                [
                    record["plan"],
                    record["period"] or record["year"],
                    unit["id"],
                    unit["title"],
                    *shown,
                ]
            )
    text = out.getvalue()
    return ("\ufeff" + text) if excel else text


def _all_columns() -> tuple[tuple[str, str], ...]:
    from ..economy_records import COLUMNS

    return COLUMNS
