"""`vp site`: the shipped repository and a generated one of 30 boards × 40 goals.

Run from the project root: .venv/bin/python benchmarks/site_speed.py

Budgets (the municipality issue): the shipped repository's site in at most 2 s; 30 boards
of 40 goals in at most 15 s, growing linearly with the goals (10 boards are timed too).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bytecode import compile_vp
from national_scale import indicators, plan_yaml

ROOT = Path(__file__).resolve().parent.parent
VP = Path(sys.executable).parent / "vp"


def timed(cwd: Path, out: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [str(VP), "site", str(out), "--as-of", "2020-06-30"],
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        sys.exit(done.stderr[-2000:])
    return time.perf_counter() - start


def main() -> None:
    compile_vp()
    with tempfile.TemporaryDirectory() as scratch:
        shipped = timed(ROOT, Path(scratch) / "shipped")
        print(
            f"vp site, det medföljande förrådet: {shipped:.2f} s   budget 2 s "
            f"({'inom' if shipped <= 2 else 'ÖVER'})"
        )
        results = []
        for boards in (10, 30):
            root = Path(scratch) / f"repo-{boards}"
            defined = indicators(20)
            for b in range(boards):
                folder = root / "plans" / f"namnd-{b:02d}"
                folder.mkdir(parents=True)
                (folder / "plan.yaml").write_text(
                    plan_yaml(f"namnd-{b:02d}", 40, defined, defined), "utf-8"
                )
            took = timed(root, Path(scratch) / f"site-{boards}")
            results.append((boards * 40, took))
            print(
                f"vp site, {boards} nämnder × 40 mål: {took:.2f} s"
                + (f"   budget 15 s ({'inom' if took <= 15 else 'ÖVER'})" if boards == 30 else "")
            )
        (small, t_small), (large, t_large) = results
        print(
            f"tid per mål: {t_small / small * 1000:.1f} ms mot {t_large / large * 1000:.1f} ms "
            "(linjärt: ungefär lika)"
        )


if __name__ == "__main__":
    main()
