"""`vp status` at national scale: 290 municipalities, 40 goals each, millions of data rows.

Run from the project root:

    .venv/bin/python benchmarks/national_scale.py --rows 1000000 --rows 10000000

For each size it writes a plan repository (one plan and one data file per municipality,
in plans/<kommun>/ and indicators-data/<kommun>/), then times `vp status --format json`
in it as a new process and reads its peak memory. Budgets: 10 million rows in at most 10 s
and 4 GiB, with time growing linearly with the number of rows (the attainment issue); at
most 0.8 × DuckDB and 900 MiB (the performance issue). The peer, where DuckDB is installed
(pip install -e '.[bench]'), runs in the same run: a Python process that reads every data
file with DuckDB's read_csv and groups the years' values by file, key figure and gender,
the aggregation status starts from (without any of its judging). Beside it, what the
reader vp chose costs alone: pyarrow reading every file on a thread per core with the columns
as vp asks for them (dictionary-encoded text), in a process that imports nothing else. It
shows how much of DuckDB's time is left for vp's plans, checks and judging.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bytecode import compile_vp

BIN = Path(sys.executable).parent
KEY_FIGURES = 60  # per municipality; goals use the first 20
FREQUENCIES = ["month", "quarter", "year"]
PER_YEAR = {"month": 12, "quarter": 4, "year": 1}


def periods(frequency: str, year: int) -> list[str]:
    if frequency == "month":
        return [f"{year}-{m:02d}" for m in range(1, 13)]
    if frequency == "quarter":
        return [f"{year}-Q{q}" for q in range(1, 5)]
    return [str(year)]


def indicators(count: int) -> list[tuple[str, str]]:
    return [(f"nyckeltal-{i:03d}", FREQUENCIES[i % 3]) for i in range(count)]


def plan_yaml(
    municipality: str, goals: int, defined: list[tuple[str, str]], used: list[tuple[str, str]]
) -> str:
    lines = [
        f"id: {municipality}-sn-2018-2019",
        "kind: verksamhetsplan",
        f"title: Verksamhetsplan {municipality}",
        f"organisation: {municipality}",
        "period: {start: 2018, end: 2019}",
        "areas:",
        "  - id: omrade",
        "    title: Område",
        "indicators:",
    ]
    for ident, frequency in defined:
        lines += [
            f"  - id: {ident}",
            f"    title: {ident}",
            "    unit: percent",
            f"    frequency: {frequency}",
            "    combine: mean",
            "    better: lower",
            "    by_gender: true",
        ]
    lines.append("goals:")
    for g in range(goals):
        ident, _ = used[g % len(used)]
        year = 2018 + g % 2
        lines += [
            f"  - id: mal-{g}",
            "    area: omrade",
            f"    year: {year}",
            "    text: Andelen minskar med 10 %.",
            f"    indicator: {ident}",
            "    target: {kind: relative_change, percent: -10}",
            "    baseline: {previous_year: true}",
        ]
    return "\n".join(lines) + "\n"


def data_lines(defined: list[tuple[str, str]], years: range, rng: random.Random) -> list[str]:
    """A data file's lines: each key figure's values (a random walk) in every period of the
    years at its frequency, in total and for women and men."""
    out = ["indicator,period,value,gender"]
    for ident, frequency in defined:
        level = rng.uniform(5, 50)
        for year in years:
            for period in periods(frequency, year):
                level *= rng.uniform(0.97, 1.02)
                out += (
                    f"{ident},{period},{level:.2f},T",
                    f"{ident},{period},{level * 1.1:.2f},K",
                    f"{ident},{period},{level * 0.9:.2f},M",
                )
    return out


def write_repository(root: Path, rows: int, municipalities: int, goals: int) -> int:
    """A repository with about `rows` data rows; returns the exact number written.

    Plans keep the same size whatever the number of rows (60 key figures, 40 goals); more
    rows means more years of history, as in a national database.
    """
    rng = random.Random(290)
    # Rows a key figure gets per year: three genders at its frequency (month, quarter, year).
    per_year = KEY_FIGURES * 3 * sum(PER_YEAR.values()) / len(FREQUENCIES)
    span = max(2, round(rows / municipalities / per_year))
    years = range(2020 - span, 2020)
    all_indicators = indicators(KEY_FIGURES)
    used = all_indicators[:20]
    written = 0
    for m in range(municipalities):
        name = f"kommun-{m:03d}"
        (root / "plans" / name).mkdir(parents=True)
        text = plan_yaml(name, goals, all_indicators, used)
        (root / "plans" / name / "plan.yaml").write_text(text, "utf-8")
        out = data_lines(all_indicators, years, rng)
        (root / "indicators-data" / name).mkdir(parents=True)
        (root / "indicators-data" / name / "data.csv").write_text("\n".join(out) + "\n", "utf-8")
        written += len(out) - 1
    return written


DUCKDB = """
import duckdb
columns = {'indicator': 'VARCHAR', 'period': 'VARCHAR', 'value': 'DOUBLE', 'gender': 'VARCHAR'}
found = duckdb.sql(
    "SELECT filename, indicator, gender, substr(period, 1, 4) AS year, avg(value), count(*) "
    "FROM read_csv('indicators-data/*/data.csv', filename = true, header = true, "
    f"columns = {columns}) "
    "WHERE substr(period, 1, 4) IN ('2018', '2019') GROUP BY ALL"
).fetchall()
print(len(found))
"""

PYARROW = """
import io, os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
import pyarrow as pa, pyarrow.csv as pacsv
text = pa.dictionary(pa.int32(), pa.string())
columns = dict.fromkeys(["indicator", "period", "value", "gender"], text)
options = pacsv.ConvertOptions(column_types=columns)
def read(path):
    return pacsv.read_csv(io.BytesIO(path.read_bytes()), convert_options=options).num_rows
with ThreadPoolExecutor(os.cpu_count()) as pool:
    print(sum(pool.map(read, sorted(Path("indicators-data").glob("*/data.csv")))))
"""


def measured(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """Seconds, peak resident memory (MiB) and output of one process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        took = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            sys.exit(f"{command[0]} failed ({child.returncode}):\n{err.read().decode()[-2000:]}")
        return took, usage.ru_maxrss / 1024, out.read().decode()


def main() -> None:
    compile_vp()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, action="append", help="data rows (repeatable)")
    parser.add_argument("--municipalities", type=int, default=290)
    parser.add_argument("--goals", type=int, default=40)
    args = parser.parse_args()
    sizes = args.rows or [1_000_000, 10_000_000]
    results = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as scratch:
            root = Path(scratch)
            start = time.perf_counter()
            written = write_repository(root, size, args.municipalities, args.goals)
            made = time.perf_counter() - start
            command = ["status", "--format", "json", "--year", "2019", "--as-of", "2020-06-30"]
            wall, peak, out = measured([str(BIN / "vp"), *command], root)
            goals = out.count('"goal":')
            results.append((written, wall, peak))
            print(
                f"{written:>11,} rows, {args.municipalities} plans, {goals:,} goals: "
                f"{wall:6.2f} s, peak memory {peak:5.0f} MiB (data written in {made:.0f} s)"
            )
            if importlib.util.find_spec("duckdb") is None:
                print("  (DuckDB is not installed: pip install -e '.[bench]' for the peer)")
                continue
            peer, peer_peak, _ = measured([sys.executable, "-c", DUCKDB], root)
            ratio = wall / peer
            print(
                f"  peer DuckDB read_csv + GROUP BY: {peer:.2f} s, {peer_peak:.0f} MiB; "
                f"vp = {ratio:.2f} × DuckDB (budget 0.8 ×: {'inom' if ratio <= 0.8 else 'ÖVER'}), "
                f"memory {'inom' if peak <= 900 else 'ÖVER'} 900 MiB"
            )
            alone, _, _ = measured([sys.executable, "-c", PYARROW], root)
            print(
                f"  pyarrow reading the files alone, as vp reads them: {alone:.2f} s "
                f"= {alone / peer:.2f} × DuckDB"
            )
    if len(results) > 1:
        (small, t_small, _), (large, t_large, _) = results[0], results[-1]
        per_million = (t_large - t_small) / (large - small) * 1e6
        fixed = t_small - per_million * small / 1e6
        print(
            f"each further million rows costs {per_million:.2f} s; the rest, {fixed:.1f} s, is "
            "start-up, the plans and the goals (linear growth: the cost per row is constant)"
        )
    print("budget: 10 million rows in 10 s and 4 GiB")


if __name__ == "__main__":
    main()
