"""`vp site` for 290 municipalities: time and memory, and the cost of its writes alone.

Run from the project root: .venv/bin/python benchmarks/site_national.py [--rows 1000000]

The national-scale repository (benchmarks/national_scale.py: one plan of 60 key figures and
40 goals and one data file per municipality) built into a site of some 60 000 files.
Budgets (the performance issue): at most 600 MiB, and at most 1.2 × the jinja2 floor.

Two floors are measured in the same run, each from a process that already holds what it
needs. The writes floor writes the site's files as safely as vp does (each synced and
renamed into place, each folder synced). The jinja2 floor renders every page with the same
templates in vp's own template environment (sandboxed, as every vp page is rendered) from
the contexts vp handed its templates, and writes them and the other files (CSV, JSON, the
catalogue) as safely: what is left beyond it is reading the plans and data, following the
plans up and making the pages' contexts. The contexts are caught in a run of vp's own
site builder before the floor (not timed) and kept in a pickle, whose loading is not timed
either.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from bytecode import compile_vp

sys.path.insert(0, str(Path(__file__).parent))

from national_scale import measured, write_repository

VP = Path(sys.executable).parent / "vp"
WRITE = """
def write_safely(out, files):
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
"""
FLOOR = (
    """
import os, sys, tempfile
from pathlib import Path
site, out = Path(sys.argv[1]), Path(sys.argv[2])
files = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
"""
    + WRITE
    + """
write_safely(out, files)
print(len(files))
"""
)
# The pages' contexts as vp's site builder hands them to its templates, kept for the floor:
# a page stands in the files as its number between NUL characters.
CATCH = r"""
import datetime as dt, pickle, sys
from pathlib import Path
from verksamhetsplan.followup.repository import open_repository
from verksamhetsplan.output.site.pages import build_site
repository, _ = open_repository(Path("."))
repository.published = True
pages = []
def caught(name, **context):
    pages.append((name, context))
    return f"\0{len(pages) - 1}\0"
files = []
for path, content in build_site(repository, dt.date(2020, 6, 30), caught):
    page = int(content.strip(b"\0")) if content.startswith(b"\0") else None
    files.append((path, page, None if page is not None else content))
with open(sys.argv[1], "wb") as out:
    pickle.dump((pages, files), out, protocol=pickle.HIGHEST_PROTOCOL)
"""
JINJA2_FLOOR = (
    """
import os, pickle, sys, tempfile, time
from pathlib import Path
from verksamhetsplan.output.report.render import site_renderer
with open(sys.argv[1], "rb") as stream:
    pages, files = pickle.load(stream)
start = time.perf_counter()
render = site_renderer(None)
rendered = [render(name, **context).encode() for name, context in pages]
"""
    + WRITE
    + """
write_safely(Path(sys.argv[2]), {p: rendered[n] if n is not None else c for p, n, c in files})
print(f"{time.perf_counter() - start:.3f}")
"""
)


def main() -> None:
    compile_vp()
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
        caught = Path(scratch) / "sidor.pickle"
        measured([sys.executable, "-c", CATCH, str(caught)], root)
        _, _, out = measured(
            [sys.executable, "-c", JINJA2_FLOOR, str(caught), str(Path(scratch) / "golv2")], root
        )
        jinja2_floor = float(out.strip())
        ratio = took / jinja2_floor
        print(
            f"  golv (samma sidor ur jinja2 med vp:s mallar och sammanhang, skrivna lika säkert): "
            f"{jinja2_floor:.1f} s; vp = {ratio:.2f} × golvet (budget 1.2 ×: "
            f"{'inom' if ratio <= 1.2 else 'ÖVER'})"
        )
        os.sync()


if __name__ == "__main__":
    main()
