"""`vp site` memory: flat in plans × rows, within 1.5 × what `vp status` needs.

Run from the project root: .venv/bin/python benchmarks/site_memory.py [--plans 5 20]
[--years 10 40]

One organisation with P plans (60 key figures, 40 goals each, all on the same data) and
Y years of monthly, quarterly and yearly values of every key figure (about 1 000 rows a
year). Every plan publishes its key figures' values as open data, so the site's files grow
with plans × rows; what it holds in memory must not (it was about half a kilobyte per plan
and row: 21.5 GiB for 1 000 plans and 5 million rows). Budget (the performance issue): the
peak memory of `vp site` at most 1.5 × that of `vp status --format json` on the same
repository, at every size.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bytecode import compile_vp
from national_scale import data_lines, indicators, measured, plan_yaml

VP = Path(sys.executable).parent / "vp"
BUDGET = 1.5


def write_repository(root: Path, plans: int, years: int) -> int:
    """The repository; returns its number of data rows."""
    defined = indicators(60)
    (root / "plans" / "kommun").mkdir(parents=True)
    for p in range(plans):
        text = plan_yaml(f"kommun-{p:03d}", 40, defined, defined[:20])
        (root / "plans" / "kommun" / f"plan-{p:03d}.yaml").write_text(text, "utf-8")
    out = data_lines(defined, range(2020 - years, 2020), random.Random(1))
    (root / "indicators-data" / "kommun").mkdir(parents=True)
    (root / "indicators-data" / "kommun" / "data.csv").write_text("\n".join(out) + "\n", "utf-8")
    return len(out) - 1


def main() -> None:
    compile_vp()
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, nargs="+", default=[5, 20])
    parser.add_argument("--years", type=int, nargs="+", default=[10, 40])
    args = parser.parse_args()
    for plans in args.plans:
        for years in args.years:
            with tempfile.TemporaryDirectory() as scratch:
                root = Path(scratch) / "repo"
                rows = write_repository(root, plans, years)
                as_of = ["--as-of", "2020-06-30"]
                _, status, _ = measured([str(VP), "status", "--format", "json", *as_of], root)
                site_command = [str(VP), "site", str(Path(scratch) / "site"), *as_of]
                took, site, _ = measured(site_command, root)
                size = sum(f.stat().st_size for f in (Path(scratch) / "site").rglob("*"))
                verdict = "inom" if site <= BUDGET * status else "ÖVER"
                print(
                    f"{plans:>4} planer × {rows:>7,} rader: vp site {took:6.1f} s, "
                    f"{site:6.0f} MiB (webbplatsen {size / 2**20:,.0f} MiB); vp status "
                    f"{status:5.0f} MiB; {site / status:.2f} × status (budget {BUDGET} ×: "
                    f"{verdict})"
                )


if __name__ == "__main__":
    main()
