"""Speed of the editing commands on a copy of the shipped example: vp assess, vp activity,
vp data add, vp data import and vp diff. Each run is a new process, as a user runs it.

Run from the project root: .venv/bin/python benchmarks/edit_speed.py [--runs 9]
Every command validates the whole repository before and after its change, so its time is
about that of `vp validate` plus the change itself.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bytecode import compile_vp

ROOT = Path(__file__).resolve().parent.parent
VP = str(Path(sys.executable).parent / "vp")
KOLADA = str(ROOT / "tests/cases/kolada/v2-degerfors.json")


def main() -> None:
    compile_vp()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for part in ("plans", "indicators-data"):
            shutil.copytree(ROOT / part, work / part)
        git = ["git", "-c", "user.name=vp", "-c", "user.email=vp@vp.invalid"]
        subprocess.run([*git, "init", "-q"], cwd=work, check=True)
        subprocess.run([*git, "add", "-A"], cwd=work, check=True)
        subprocess.run([*git, "commit", "-qm", "plan"], cwd=work, check=True)
        commands = {
            "vp assess": [
                VP,
                "assess",
                "koll-huvudverktyg-2018",
                "-y",
                "2018",
                "-s",
                "partial",
                "-c",
                "Benchmark",
            ],
            "vp activity": [VP, "activity", "koll", "-s", "ongoing", "-c", "Benchmark"],
            "vp data add": [VP, "data", "add", "andel-heltider", "2019-Q1", "41,5"],
            "vp data import": [VP, "data", "import", KOLADA],
            "vp diff": [VP, "diff"],
        }
        for label, command in commands.items():
            found = []
            for _ in range(runs):
                start = time.perf_counter()
                subprocess.run(command, cwd=work, capture_output=True, check=True)
                found.append(time.perf_counter() - start)
            print(f"{label:16} fastest {min(found):.3f} s, median {statistics.median(found):.3f} s")


if __name__ == "__main__":
    main()
