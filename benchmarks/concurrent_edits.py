"""Lost updates under concurrency: rounds of two editing commands started at once.

Run from the project root: .venv/bin/python benchmarks/concurrent_edits.py [--rounds 200]

Each round copies nothing: it adds a value with `vp data add` while `vp activity` records a
follow-up in the plan, both in one copy of the shipped repository, then checks that both
changes are there. The hardening issue's bar: no lost change in 200 rounds.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bytecode import compile_vp

ROOT = Path(__file__).resolve().parent.parent
VP = Path(sys.executable).parent / "vp"


def main() -> None:
    compile_vp()
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200)
    rounds = parser.parse_args().rounds
    lost = 0
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        repo = Path(folder)
        for name in ("plans", "indicators-data"):
            shutil.copytree(ROOT / name, repo / name)
        data = repo / "indicators-data/degerfors/personal.csv"
        plan = repo / "plans/degerfors/socialnamnden-2018-2019.yaml"
        with ThreadPoolExecutor(max_workers=3) as pool:
            for n in range(rounds):
                value = f"{5 + n / 1000:.3f}"
                day = f"2019-{1 + n // 28 % 12:02d}-{1 + n % 28:02d}"
                jobs = [
                    ["data", "add", "sjukfranvaro-total", "2019-09", value],
                    ["activity", "koll", "-s", "pågår", "--date", day, "-c", f"runda {n}"],
                    ["data", "add", "sjukfranvaro-total", "2019-10", value],
                ]
                runs = list(
                    pool.map(
                        lambda job: subprocess.run(
                            [str(VP), *job], cwd=repo, capture_output=True, text=True
                        ),
                        jobs,
                    )
                )
                text = data.read_text(encoding="utf-8")
                ok = all(r.returncode == 0 for r in runs)
                ok = ok and f"sjukfranvaro-total,2019-09,{float(value):g}," in text
                ok = ok and f"sjukfranvaro-total,2019-10,{float(value):g}," in text
                ok = ok and f"runda {n}" in plan.read_text(encoding="utf-8")
                lost += not ok
    seconds = time.perf_counter() - start
    print(
        f"{rounds} rundor med tre samtidiga kommandon: {lost} förlorade ändringar ({seconds:.0f} s)"
    )


if __name__ == "__main__":
    main()
