"""Tab completion speed: one `vp` process per key press, against the adoption issue's budget.

Run from the project root: .venv/bin/python benchmarks/completion_speed.py [--runs 9]

Completion of a goal id on the shipped repository (three plan files), as bash asks for it.
Budget: under 0.2 s a key press, judged on the fastest run (see validate_speed.py for why).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VP = Path(sys.executable).parent / "vp"
BUDGET = 0.2
CASES = {
    "vp sta<TAB>": ("vp sta", "1"),
    "vp explain fors<TAB>": ("vp explain fors", "2"),
    "vp status --plan deg<TAB>": ("vp status --plan deg", "3"),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    for label, (words, cword) in CASES.items():
        env = {
            **os.environ,
            "_VP_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": cword,
        }
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([str(VP)], cwd=ROOT, env=env, capture_output=True, check=True)
            times.append(time.perf_counter() - start)
        fastest = min(times)
        verdict = "inom" if fastest <= BUDGET else "ÖVER"
        print(
            f"{label:28} fastest {fastest:.3f} s, median {statistics.median(times):.3f} s   "
            f"budget {BUDGET} s ({verdict})"
        )


if __name__ == "__main__":
    main()
