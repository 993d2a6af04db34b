"""Speed and memory of `vp --help` and `vp validate`, against the budgets of the plan-format issue.

Run from the project root after `pip install -e '.[dev,bench]'`:

    .venv/bin/python benchmarks/validate_speed.py [--runs 7]

It generates 100 plan files of about 600 lines each, times the commands as a user runs them
(a new process each time, several runs) and, when check-jsonschema is installed, times it on
the same files with vp's own JSON Schema, so the ratio is measured in one run.

The fastest and the median run are both printed. Budgets are judged on the fastest run: on a
shared virtual machine the same command's CPU time varies by more than half between runs,
and the fastest run is the one closest to the work the program itself does.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bytecode import compile_vp

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BUDGETS = {"help": 0.25, "shipped": 0.4, "hundred": 1.5}


def plan_text(number: int) -> str:
    """A valid plan of about 600 lines, shaped like the shipped Degerfors plan."""
    lines = [
        f"id: generated-{number:03d}",
        "kind: verksamhetsplan",
        f"title: Verksamhetsplan för nämnd {number} 2018–2019",
        "organisation: Exempelkommun",
        "board: Socialnämnden",
        "period: {start: 2018, end: 2019}",
        "adopted: {date: 2017-11-29, by: Socialnämnden}",
        "sections:",
        "  - id: inledning",
        "    title: Inledning",
        "    text: |",
    ]
    lines += ["      Verksamhetsplanen anger utvecklingsområden, mål och indikatorer."] * 20
    lines.append("areas:")
    for a in range(4):
        lines += [f"  - id: omrade-{a}", f"    title: Målområde {a}", "    areas:"]
        lines += [f"      - id: omrade-{a}-{s}\n        title: Delområde {a}.{s}" for s in range(3)]
    lines.append("indicators:")
    for i in range(20):
        lines += [
            f"  - id: nyckeltal-{i}",
            f"    title: Nyckeltal {i}",
            f"    area: omrade-{i % 4}",
            "    unit: percent",
            "    frequency: month",
            "    combine: mean",
            "    better: higher",
        ]
    lines.append("goals:")
    for g in range(40):
        year = 2018 + g % 2
        lines += [
            f"  - id: mal-{g}",
            f"    area: omrade-{g % 4}-{g % 3}",
            f"    year: {year}",
            f"    text: Andelen i nyckeltal {g % 20} ökar med 10 % jämfört med föregående år.",
            f"    indicator: nyckeltal-{g % 20}",
            "    target: {kind: relative_change, percent: 10}",
            "    baseline: {previous_year: true}",
            "    responsible: Verksamhetschef",
        ]
    lines.append("activities:")
    for a in range(20):
        lines += [
            f"  - id: aktivitet-{a}",
            f"    area: omrade-{a % 4}",
            f"    text: Aktivitet {a} genomförs i förvaltningen.",
            f"    goals: [mal-{a}, mal-{a + 20}]",
            "    status: planned",
        ]
    return "\n".join(lines) + "\n"


@dataclass
class Timing:
    fastest: float
    median: float
    exit_code: int
    peak_kib: int

    def show(self) -> str:
        return f"{self.fastest:6.3f} s  (median {self.median:.3f})"


def timed(command: list[str], runs: int) -> Timing:
    """Wall times of a command run as a new process each time, and its peak memory."""
    times, code = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        code = subprocess.run(command, capture_output=True, check=False).returncode
        times.append(time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return Timing(min(times), statistics.median(times), code, peak)


def main() -> None:
    compile_vp()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    vp = str(BIN / "vp")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "plans"
        folder.mkdir()
        for number in range(100):
            (folder / f"plan-{number:03d}.yaml").write_text(plan_text(number), encoding="utf-8")
        one = folder / "plan-000.yaml"
        line_count = len(one.read_text(encoding="utf-8").splitlines())
        results = {
            "help": timed([vp, "--help"], runs),
            "shipped": timed([vp, "validate", str(ROOT / "plans")], runs),
            "one": timed([vp, "validate", str(one)], runs),
            "hundred": timed([vp, "validate", str(folder)], runs),
        }
        for name, timing in results.items():
            if timing.exit_code != 0:
                sys.exit(f"vp failed on '{name}' (exit {timing.exit_code}); input must be valid")
        print(f"python {sys.version.split()[0]}, {runs} runs each: fastest (median) wall time")
        rows = [
            ("vp --help", results["help"], BUDGETS["help"]),
            ("vp validate plans/ (shipped, 3 files)", results["shipped"], BUDGETS["shipped"]),
            (f"vp validate, 1 plan of {line_count} lines", results["one"], None),
            (
                f"vp validate, 100 plans of {line_count} lines",
                results["hundred"],
                BUDGETS["hundred"],
            ),
        ]
        for label, timing, budget in rows:
            print(f"  {label:<42} {timing.show()}" + (f"   budget {budget} s" if budget else ""))
        peak = max(t.peak_kib for t in results.values()) / 1024
        print(f"  {'peak memory of the vp runs':<42} {peak:6.1f} MiB")
        checker = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which(
            "check-jsonschema"
        )
        ratio = None
        if checker is None:
            print("check-jsonschema is not installed: pip install -e '.[bench]' for the ratio")
        else:
            schema = str(ROOT / "schema" / "plan.schema.json")
            files = sorted(str(p) for p in folder.iterdir())
            base = [checker, "--schemafile", schema]
            one_cj = timed([*base, str(one)], max(3, runs // 2))
            all_cj = timed([*base, *files], max(3, runs // 2))
            ratio = all_cj.fastest / results["hundred"].fastest
            print(f"  {'check-jsonschema, 1 plan':<42} {one_cj.show()}")
            print(f"  {'check-jsonschema, 100 plans':<42} {all_cj.show()}")
            print(
                f"  {'ratio check-jsonschema / vp, 100 plans':<42} {ratio:6.1f}×"
                f"  (median {all_cj.median / results['hundred'].median:.1f}×)   budget ≥ 5×"
            )
        over = [label for label, timing, budget in rows if budget and timing.fastest > budget]
        if ratio is not None and ratio < 5:
            over.append("ratio to check-jsonschema")
        print("over budget: " + ", ".join(over) if over else "all budgets met")


if __name__ == "__main__":
    main()
