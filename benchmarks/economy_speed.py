"""Ekonomi at a large board's size: a year of monthly economy data for 300 units (300 × 12
utfall, budgets and prognoses) imported from an ekonomisystem's export and followed up.

Run from the project root: .venv/bin/python benchmarks/economy_speed.py

Budget (the economy issue): the import and the follow-up together in under 2 s. The peer in
the same run is the indicator follow-up of the same size: 300 monthly indicators' values,
`vp data add`-free, in indicators-data/ and followed up by `vp status`.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bytecode import compile_vp
from control_speed import command as run  # a vp command timed as a user runs it

UNITS = 300


def plan(units: int) -> str:
    lines = [
        "id: stor-namnd",
        "kind: verksamhetsplan",
        "title: Stor nämnd",
        "organisation: Testkommun",
        "board: Stora nämnden",
        "period: {start: 2018, end: 2018}",
        "areas:",
        "  - {id: omrade, title: Område}",
        "indicators:",
    ]
    lines += [
        f"  - {{id: nyckeltal-{i}, title: Nyckeltal {i}, unit: count, frequency: month, "
        "combine: sum, better: lower}"
        for i in range(units)
    ]
    lines += ["goals:"]
    lines += [
        f"  - {{id: mal-{i}, area: omrade, year: 2018, text: Mål {i}., indicator: nyckeltal-{i}, "
        "target: {kind: at_most, value: 1000}}"
        for i in range(units)
    ]
    lines += ["economy:", "  units:", "    - {id: namnd, title: Nämnden}"]
    lines += [f"    - {{id: e{i}, title: Enhet {i}, parent: namnd}}" for i in range(1, units)]
    lines += [
        "  import:",
        "    columns: {Ansvar: unit, Period: period, Typ: kind, Belopp: amount}",
        "    sign: costs_negative",
    ]
    return "\n".join(lines) + "\n"


def export(units: int) -> str:
    rows = ["Ansvar;Period;Typ;Belopp"]
    for i in range(1, units):
        rows.append(f"e{i};2018;Budget;-{1200 + i}")
        rows += [f"e{i};2018-{m:02d};Utfall;-{100 + (i * m) % 7},5" for m in range(1, 13)]
        rows += [f"e{i};2018-T{t};Prognos;-{1210 + i}" for t in (1, 2)]
    return "\n".join(rows) + "\n"


def indicator_data(units: int) -> str:
    rows = ["indicator,period,value"]
    for i in range(units):
        rows += [f"nyckeltal-{i},2018-{m:02d},{50 + (i * m) % 9}" for m in range(1, 13)]
    return "\n".join(rows) + "\n"


def main() -> None:
    compile_vp()
    with tempfile.TemporaryDirectory() as scratch:
        economy_times, indicator_times = [], []
        for attempt in range(3):
            root = Path(scratch) / f"repo-{attempt}"
            (root / "plans").mkdir(parents=True)
            (root / "plans" / "plan.yaml").write_text(plan(UNITS), "utf-8")
            (root / "export.csv").write_text(export(UNITS), "utf-8")
            (root / "indicators-data").mkdir()
            (root / "indicators-data" / "data.csv").write_text(indicator_data(UNITS), "utf-8")
            imported = run(
                root, "economy", "import", "export.csv", "--to", "economy-data/ekonomi.csv"
            )
            followed = run(
                root, "economy", "status", "-y", "2018", "--as-of", "2018-09-15", "-f", "json"
            )
            economy_times.append(imported + followed)
            indicator_times.append(
                run(root, "status", "-y", "2018", "--as-of", "2018-09-15", "-f", "json")
            )
        economy = statistics.median(economy_times)
        peer = statistics.median(indicator_times)
        verdict = "inom" if economy <= 2 else "ÖVER"
        print(
            f"{UNITS} enheter, ett år per månad: import och uppföljning {economy:.2f} s   "
            f"budget 2 s ({verdict}); målens uppföljning med {UNITS} månadsnyckeltal "
            f"{peer:.2f} s ({economy / peer:.2f} × den)"
        )


if __name__ == "__main__":
    main()
