"""Tab completion speed: one `vp` process per key press, against its budgets and its floor.

Run from the project root: .venv/bin/python benchmarks/completion_speed.py [--runs 9]

Completion of a command, a goal id and a plan id on the shipped repository (three plan
files), as bash asks for it. Budgets, judged on the fastest run (see validate_speed.py for
why): under 0.2 s a key press (the adoption issue, and what the README says), and at most
1.5 × the import floor measured in the same run (the performance issue): a Python process
that imports typer, pydantic, ruamel.yaml and rich and does nothing else.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bytecode import compile_vp

ROOT = Path(__file__).resolve().parent.parent
VP = Path(sys.executable).parent / "vp"
BUDGET = 0.2
FLOOR_BUDGET = 1.5
CASES = {
    "vp sta<TAB>": ("vp sta", "1"),
    "vp explain fors<TAB>": ("vp explain fors", "2"),
    "vp status --plan deg<TAB>": ("vp status --plan deg", "3"),
}
FLOOR = [sys.executable, "-c", "import typer, pydantic, ruamel.yaml, rich"]


def timings(command: list[str], env: dict[str, str], runs: int) -> list[float]:
    found = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=True)
        found.append(time.perf_counter() - start)
    return found


def main() -> None:
    compile_vp()
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    floor = min(timings(FLOOR, dict(os.environ), runs))
    print(f"{'golv (import typer, pydantic, ruamel.yaml, rich)':50} fastest {floor:.3f} s")
    for label, (words, cword) in CASES.items():
        env = {
            **os.environ,
            "_VP_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": cword,
        }
        times = timings([str(VP)], env, runs)
        # The floor again, between the cases: a shared machine's speed drifts within a run.
        floor = min(floor, *timings(FLOOR, dict(os.environ), max(3, runs // 3)))
        fastest = min(times)
        print(
            f"{label:28} fastest {fastest:.3f} s, median {statistics.median(times):.3f} s   "
            f"budget {BUDGET} s ({'inom' if fastest <= BUDGET else 'ÖVER'}); "
            f"{fastest / floor:.2f} × golvet (budget {FLOOR_BUDGET} ×: "
            f"{'inom' if fastest <= FLOOR_BUDGET * floor else 'ÖVER'})"
        )


if __name__ == "__main__":
    main()
