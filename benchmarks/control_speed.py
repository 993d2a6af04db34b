"""Intern kontroll at a municipality's size: 40 boards × 30 risks, each risk with a control
checked every tertial and its results, followed up by `vp control status --format json`.

Run from the project root: .venv/bin/python benchmarks/control_speed.py

Budget (the internkontroll issue): 40 boards × 30 risks follow up in under 1 s. Measured two
ways: the follow-up itself in one process (load, check, follow up, records: what every
report and the KS sammanställning do), and the whole command as a user runs it, with
`vp --version` in the same run as the start-up floor. 10 boards are timed too, to show the
cost grows linearly.
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bytecode import compile_vp

ROOT = Path(__file__).resolve().parent.parent
VP = Path(sys.executable).parent / "vp"


def plan_yaml(board: int, risks: int) -> str:
    lines = [
        f"id: namnd-{board:02d}-ik-2018",
        f"title: Internkontrollplan 2018 för nämnd {board}",
        "organisation: Degerfors kommun",
        f"board: Nämnd {board:02d}",
        "year: 2018",
        "scales:",
        "  probability: [osannolik, mindre sannolik, möjlig, sannolik]",
        "  consequence: [lindrig, kännbar, allvarlig, mycket allvarlig]",
        "risks:",
    ]
    for r in range(risks):
        lines += [
            f"  - id: risk-{r}",
            f"    process: Process {r}",
            f"    text: Risk {r} i ord.",
            "    category: finance",
            f"    probability: {1 + r % 4}",
            f"    consequence: {1 + (r // 4) % 4}",
            "    decision: control",
        ]
    lines.append("controls:")
    for r in range(risks):
        lines += [
            f"  - id: kontroll-{r}",
            f"    risk: risk-{r}",
            "    what: Stickprov.",
            "    method: sample",
            "    responsible: Enhetschef",
            "    periods: [2018-T1, 2018-T2, 2018-T3]",
        ]
    lines.append("results:")
    for r in range(risks):
        for t in (1, 2):
            deviation = (r + t) % 5 == 0
            lines += [
                f"  - control: kontroll-{r}",
                f"    period: 2018-T{t}",
                f"    date: 2018-{4 * t + 1:02d}-15",
                "    by: Enhetschef",
                f"    outcome: {'deviation' if deviation else 'no_remark'}",
            ]
            if deviation:
                lines += [
                    "    actions:",
                    "      - what: Åtgärd.",
                    "        responsible: Enhetschef",
                    "        due: 2018-11-30",
                ]
    return "\n".join(lines) + "\n"


def repository(scratch: Path, boards: int) -> Path:
    root = scratch / f"repo-{boards}"
    shutil.copytree(ROOT / "plans", root / "plans")
    folder = root / "internal-control" / "degerfors"
    folder.mkdir(parents=True)
    for b in range(boards):
        (folder / f"namnd-{b:02d}.yaml").write_text(plan_yaml(b, 30), "utf-8")
    return root


def in_process(root: Path) -> float:
    from verksamhetsplan.followup.control import follow_up
    from verksamhetsplan.output.control_records import records
    from verksamhetsplan.plan.control import check_control_plans, control_paths, load_control_plans

    start = time.perf_counter()
    loaded, problems = load_control_plans(control_paths(root))
    problems += check_control_plans(loaded, None, dt.date(2019, 1, 15))
    assert not problems, problems[:3]
    found = [records(follow_up(c, dt.date(2019, 1, 15))) for c in loaded]
    took = time.perf_counter() - start
    assert len(found) == len(loaded) and all(len(r["risks"]) == 30 for r in found)
    return took


def command(root: Path, *args: str) -> float:
    start = time.perf_counter()
    done = subprocess.run([str(VP), *args], cwd=root, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(done.stderr[-2000:])
    return time.perf_counter() - start


def main() -> None:
    compile_vp()
    with tempfile.TemporaryDirectory() as scratch:
        results = {}
        for boards in (10, 40):
            root = repository(Path(scratch), boards)
            core = statistics.median(in_process(root) for _ in range(5))
            whole = statistics.median(
                command(root, "control", "status", "--as-of", "2019-01-15", "-f", "json")
                for _ in range(3)
            )
            floor = statistics.median(command(root, "--version") for _ in range(3))
            results[boards] = core
            verdict = f"   budget 1 s ({'inom' if whole <= 1 else 'ÖVER'})" if boards == 40 else ""
            print(
                f"{boards} nämnder × 30 risker: uppföljningen {core:.3f} s, hela kommandot "
                f"{whole:.2f} s (vp --version {floor:.2f} s){verdict}"
            )
        per_board = {b: t / b for b, t in results.items()}
        linear = per_board[40] <= 1.3 * per_board[10]
        print(
            f"per nämnd: {per_board[10] * 1000:.1f} ms (10) och {per_board[40] * 1000:.1f} ms "
            f"(40): {'linjärt' if linear else 'VÄXER snabbare än linjärt'}"
        )


if __name__ == "__main__":
    main()
