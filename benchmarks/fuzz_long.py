"""The fuzz targets' long profile: every property of tests/fuzz with thousands of examples
(Kolada answers and next pages, workbooks, CSV files, plans, site ids, typed and pasted
texts). CI runs the same targets with the short profile on every build.

Run from the project root: .venv/bin/python benchmarks/fuzz_long.py [pytest arguments]
It takes a quarter of an hour or more; it exits as pytest does.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    command = [sys.executable, "-m", "pytest", "tests/fuzz", "--hypothesis-profile=long", "-q"]
    sys.exit(subprocess.run([*command, *sys.argv[1:]], cwd=ROOT).returncode)
