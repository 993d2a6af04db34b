"""Performance cliffs: inputs that are almost the same must cost almost the same.

Run from the project root: .venv/bin/python benchmarks/cliffs.py [--runs 3]

Budgets (the hardening issue), each judged on the fastest of the runs:
- `vp validate` on 5 million rows with one blank line at the end: at most 1.5 × the same
  file without it;
- `vp validate` on 2 million rows with one value that is not a number: at most 1.5 × the
  time and memory of the clean file (only the lines around a problem take the slow path);
- `vp data add` on a repository with a 10 MB data file: at most 1.2 × `vp validate` on it;
- `vp validate` on 1 000 plans: at most 3 ms per plan.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bytecode import compile_vp
from national_scale import indicators, periods, plan_yaml

VP = Path(sys.executable).parent / "vp"
KEY_FIGURES = 60


def write_repository(root: Path, rows: int, name: str = "kommun") -> Path:
    """One plan and one data file of about `rows` rows; returns the data file. Large files
    hold many key figures (a region's database), so that the years stay in this century."""
    rng = random.Random(5)
    defined = indicators(max(KEY_FIGURES, rows // 1700))
    (root / "plans" / name).mkdir(parents=True)
    (root / "plans" / name / "plan.yaml").write_text(
        plan_yaml(name, 40, defined, defined[:20]), "utf-8"
    )
    folder = root / "indicators-data" / name
    folder.mkdir(parents=True)
    out = ["indicator,period,value,gender"]
    year = 2019
    while len(out) <= rows:
        for ident, frequency in defined:
            for period in periods(frequency, year):
                level = rng.uniform(5, 50)
                out += (
                    f"{ident},{period},{level:.2f},T",
                    f"{ident},{period},{level * 1.1:.2f},K",
                    f"{ident},{period},{level * 0.9:.2f},M",
                )
        year -= 1
    data = folder / "data.csv"
    data.write_text("\n".join(out[: rows + 1]) + "\n", "utf-8")
    return data


# Each run in its own small parent, so that its children's peak memory is this run's alone.
_MEASURE = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], capture_output=True)\n"
    "sys.stderr.buffer.write(done.stdout[-2000:] + done.stderr[-2000:])\n"
    "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def timed(args: list[str], cwd: Path, runs: int, ok: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """Fastest wall time and the peak memory (GiB) of `vp args` in cwd."""
    best, peak = float("inf"), 0.0
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _MEASURE, str(VP), *args],
            cwd=cwd,
            capture_output=True,
            text=True,
        )
        best = min(best, time.perf_counter() - start)
        code, kib = map(int, done.stdout.split())
        if code not in ok:
            sys.exit(f"vp {' '.join(args)} failed ({code}):\n{done.stderr}")
        peak = max(peak, kib / 1024 / 1024)
    return best, peak


def verdict(ratio: float, budget: float) -> str:
    return f"{ratio:.2f} × (budget {budget} ×: {'inom' if ratio <= budget else 'ÖVER'})"


def main() -> None:
    compile_vp()
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "blank"
        data = write_repository(root, 5_000_000)
        clean, _ = timed(["validate"], root, runs)
        data.write_bytes(data.read_bytes() + b"\n")
        blank, _ = timed(["validate"], root, runs)
        print(
            f"5 M rader: {clean:.2f} s; med en tom rad sist: {blank:.2f} s, "
            f"{verdict(blank / clean, 1.5)}"
        )
        shutil.rmtree(root)

        root = Path(scratch) / "bad"
        data = write_repository(root, 2_000_000)
        clean, clean_memory = timed(["validate"], root, runs)
        lines = data.read_bytes().split(b"\n")
        middle = len(lines) // 2
        lines[middle] = lines[middle].replace(b",", b",x", 2).replace(b",x", b",", 1)
        data.write_bytes(b"\n".join(lines))
        bad, bad_memory = timed(["validate"], root, runs, ok=(1,))
        print(
            f"2 M rader: {clean:.2f} s, {clean_memory:.2f} GiB; med ett felaktigt värde: "
            f"{bad:.2f} s {verdict(bad / clean, 1.5)}, {bad_memory:.2f} GiB "
            f"{verdict(bad_memory / clean_memory, 1.5)}"
        )
        shutil.rmtree(root)

        root = Path(scratch) / "add"
        data = write_repository(root, 330_000)  # about 10 MB
        size = data.stat().st_size / 1e6
        validate, _ = timed(["validate"], root, runs)
        add, _ = timed(["data", "add", "nyckeltal-002", "2030", "12,5"], root, runs)
        print(
            f"vp data add i en fil på {size:.0f} MB: {add:.2f} s mot vp validate "
            f"{validate:.2f} s, {verdict(add / validate, 1.2)}"
        )
        shutil.rmtree(root)

        root = Path(scratch) / "plans"
        defined = indicators(KEY_FIGURES)
        for count in (100, 1000):
            for n in range(count):
                name = f"kommun-{n:04d}"
                if not (root / "plans" / name).exists():
                    (root / "plans" / name).mkdir(parents=True)
                    (root / "plans" / name / "plan.yaml").write_text(
                        plan_yaml(name, 40, defined, defined[:20]), "utf-8"
                    )
            if count == 100:
                hundred, _ = timed(["validate"], root, runs)
        whole, _ = timed(["validate"], root, runs)
        per_plan = whole / 1000 * 1000
        marginal = (whole - hundred) / 900 * 1000
        print(
            f"vp validate, 1 000 planer (631 rader var): {whole:.2f} s, {per_plan:.2f} ms per plan "
            f"med start; {marginal:.2f} ms för varje plan utöver de 100 första (budget 3 ms: "
            f"{'inom' if marginal <= 3 else 'ÖVER'})"
        )


if __name__ == "__main__":
    main()
