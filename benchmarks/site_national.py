"""`vp site` for 290 municipalities: time and memory, and the cost of its writes alone.

Run from the project root: .venv/bin/python benchmarks/site_national.py [--rows 1000000]

The national-scale repository (benchmarks/national_scale.py: one plan of 60 key figures and
40 goals and one data file per municipality) built into a site of some 60 000 files. Budget
(the performance issue): at most 600 MiB. The floor measured in the same run writes the
same files as safely as vp does (each synced and renamed into place, each folder synced)
from a process that already holds them: what is left beyond it is reading the data,
following the plans up and rendering the pages. The issue's floor also rendered the pages
with jinja2; that part is not measured here.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from national_scale import measured, write_repository

VP = Path(sys.executable).parent / "vp"
FLOOR = """
import os, sys, tempfile
from pathlib import Path
site, out = Path(sys.argv[1]), Path(sys.argv[2])
files = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
folders = set()
for name, data in files.items():
    target = out / name
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, target)
    folders.add(target.parent)
for folder in folders:
    descriptor = os.open(folder, os.O_RDONLY)
    os.fsync(descriptor)
    os.close(descriptor)
print(len(files))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--municipalities", type=int, default=290)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "repo"
        rows = write_repository(root, args.rows, args.municipalities, 40)
        site = Path(scratch) / "site"
        took, peak, _ = measured([str(VP), "site", str(site), "--as-of", "2020-06-30"], root)
        files = sum(1 for p in site.rglob("*") if p.is_file())
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        print(
            f"vp site, {args.municipalities} planer, {rows:,} rader: {took:.1f} s, {peak:.0f} MiB "
            f"({files:,} filer, {size / 2**20:,.0f} MiB); budget 600 MiB: "
            f"{'inom' if peak <= 600 else 'ÖVER'}"
        )
        floor, _, _ = measured(
            [sys.executable, "-c", FLOOR, str(site), str(Path(scratch) / "golv")], root
        )
        print(
            f"  golv (samma filer skrivna lika säkert, redan i minnet): {floor:.1f} s; "
            f"vp = {took / floor:.1f} × golvet"
        )
        os.sync()


if __name__ == "__main__":
    main()
