"""The package's shape: layers import only downward, and start-up stays light.

Each subpackage's docstring says which others it may import ("May import: `plan`, …");
the layer test reads those lines, so the rule and its documentation cannot drift apart.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "verksamhetsplan"


def allowed_imports(package: Path) -> dict[str, set[str]]:
    """Per subpackage, the subpackages it may import, read from its docstring."""
    allowed = {}
    for init in sorted(package.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        found = re.search(r"May import:(.*?)(?:\n\n|$)", doc, re.S)
        if found is None:
            continue
        allowed[init.parent.name] = set(re.findall(r"`(\w+)`", found.group(1).split("Not ")[0]))
    return allowed


def imported_subpackages(module: Path, package: Path) -> list[tuple[int, str]]:
    """(line, subpackage) for every import of the package in a module, lazy ones included."""
    parts = module.relative_to(package).with_suffix("").parts
    here = list(parts[:-1])  # the module's own package, relative to the top
    found = []
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - (node.level - 1)]
                target = [*base, *(node.module.split(".") if node.module else [])]
                if not target:  # `from .. import x`: x is the subpackage (or a top module)
                    target = [node.names[0].name]
            elif node.module and node.module.split(".")[0] == package.name:
                target = node.module.split(".")[1:] or [node.names[0].name]
            else:
                continue
        elif isinstance(node, ast.Import):
            names = [a.name.split(".") for a in node.names if a.name.startswith(package.name)]
            if not names:
                continue
            target = names[0][1:2]
        else:
            continue
        if target:
            found.append((node.lineno, target[0]))
    return found


def layer_violations(package: Path) -> list[str]:
    allowed = allowed_imports(package)
    violations = []
    for module in sorted(package.rglob("*.py")):
        parts = module.relative_to(package).parts
        if len(parts) < 2 or parts[0] not in allowed:
            continue  # top-level modules (__init__, __main__) and cli/ may import anything
        layer = parts[0]
        for line, target in imported_subpackages(module, package):
            if target != layer and (package / target).is_dir() and target not in allowed[layer]:
                violations.append(f"{module.relative_to(package)}:{line}: {layer} imports {target}")
    return violations


def test_every_subpackage_declares_what_it_may_import():
    subpackages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert set(allowed_imports(PACKAGE)) == subpackages - {"cli"}
    assert allowed_imports(PACKAGE)["common"] == set()


def test_layers_import_only_downward():
    assert layer_violations(PACKAGE) == []


def test_sources_import_neither_edit_nor_output():
    # A new source (an economy export, SCB's PxWeb) is one module that returns values.
    assert allowed_imports(PACKAGE)["sources"] <= {"data", "plan", "common"}
    assert "sources" in allowed_imports(PACKAGE)["edit"]
    assert "sources" not in allowed_imports(PACKAGE)["output"]


def test_modules_stay_small():
    sizes = {
        module.relative_to(PACKAGE).as_posix(): len(module.read_text("utf-8").splitlines())
        for module in PACKAGE.rglob("*.py")
    }
    assert {name: lines for name, lines in sizes.items() if lines > 400} == {}


def working_folder_reads(module: Path) -> list[int]:
    """Lines where a module finds something from the process's working folder: Path("."),
    Path(), Path.cwd(), os.getcwd() or a change of it (chdir)."""
    found = []
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = ast.unparse(node.func)
        dotted = name in ("Path", "pathlib.Path") and (
            not node.args or (isinstance(node.args[0], ast.Constant) and node.args[0].value == ".")
        )
        if dotted or name.endswith(("Path.cwd", "os.getcwd", "chdir")):
            found.append(node.lineno)
    return found


def test_the_core_takes_the_repository_root_and_never_the_working_folder():
    # The CLI works where it is started; every other front end (the Python API, the web
    # application) hands the core a root, so nothing below cli/ may look at the cwd.
    reads = {
        module.relative_to(PACKAGE).as_posix(): working_folder_reads(module)
        for module in sorted(PACKAGE.rglob("*.py"))
        if module.relative_to(PACKAGE).parts[0] != "cli"
    }
    assert {name: lines for name, lines in reads.items() if lines} == {}


def test_the_working_folder_check_sees_its_reads(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        "import os\nfrom pathlib import Path\n"
        "a = Path('.')\nb = Path.cwd()\nc = os.getcwd()\nd = Path('plans')\n"
    )
    assert working_folder_reads(module) == [3, 4, 5]


def test_the_layer_check_finds_an_import_from_a_higher_layer(tmp_path):
    package = tmp_path / "verksamhetsplan"
    for name, doc in [
        ("plan", "The plan.\n\nMay import: `common`."),
        ("common", "Leaves.\n\nMay import: nothing of vp."),
        ("output", "Rendering.\n\nMay import: `plan`, `common`. Not `edit`."),
        ("edit", "Edits.\n\nMay import: `plan`, `common`."),
    ]:
        (package / name).mkdir(parents=True)
        (package / name / "__init__.py").write_text(f'"""{doc}"""\n')
    (package / "plan" / "model.py").write_text("from ..common import problems\n")
    (package / "plan" / "load.py").write_text(
        "def f():\n    from ..output.report import render  # lazy, still counted\n"
    )
    (package / "output" / "report.py").write_text(
        "from verksamhetsplan.edit.data import add\nfrom .. import plan\n"
    )
    assert layer_violations(package) == [
        "output/report.py:1: output imports edit",
        "plan/load.py:2: plan imports output",
    ]


def test_completion_does_not_import_the_data_stack():
    """Nor pydantic: a key press reads ids with the YAML reader and leaves the words as
    written (typer would build a pydantic adapter per parameter to coerce them)."""
    env = {"_VP_COMPLETE": "complete_bash", "COMP_WORDS": "vp explain fors", "COMP_CWORD": "2"}
    loaded = modules_loaded([], ROOT, env)
    heavy = {"pyarrow", "numpy", "pandas", "jinja2", "babel", "rich", "pydantic"}
    assert loaded & heavy == set()


def modules_loaded(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> set[str]:
    """The modules a real `vp` run has imported by the time it exits."""
    script = (
        "import json, os, sys\n"
        "from verksamhetsplan.cli import main\n"
        f"sys.argv = ['vp', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "with open(os.environ['VP_MODULES_OUT'], 'w') as out:\n"
        "    json.dump(sorted(sys.modules), out)\n"
    )
    out = cwd / ".modules.json"
    subprocess.run(
        [sys.executable, "-c", script],
        cwd=cwd,
        env={**os.environ, **(env or {}), "VP_MODULES_OUT": str(out)},
        capture_output=True,
        check=True,
    )
    loaded = set(json.loads(out.read_text()))
    out.unlink()
    return {name.split(".")[0] for name in loaded}


HEAVY = {"pydantic", "rich", "jinja2", "babel", "pyarrow", "numpy", "pandas"}
DOCUMENTS = {"docx", "weasyprint", "PIL", "lxml", "markdown_it"}  # Word, PDF, charts


@pytest.mark.parametrize(
    ("args", "not_imported"),
    [
        (["--help"], HEAVY | DOCUMENTS),
        # validate reads the analyses' headings with markdown-it (28 ms), nothing else of it
        (["validate"], HEAVY - {"pydantic"} | DOCUMENTS - {"markdown_it"}),
        (["validate", "--format", "json"], HEAVY - {"pydantic"} | DOCUMENTS - {"markdown_it"}),
        # Typer itself brings pydantic in once a command's options are parsed.
        (["status", "--help"], HEAVY - {"pydantic"} | DOCUMENTS),
        (["report", "--help"], HEAVY - {"pydantic"} | DOCUMENTS),
        (["status", "--format", "json"], {"jinja2", "pyarrow", "numpy", "pandas"} | DOCUMENTS),
        (["explain", "forsorjningsstod-2019"], {"jinja2", "pyarrow", "numpy", "pandas"}),
        # The HTML report needs neither Word nor the PDF engine.
        (
            ["report", "--year", "2018", "--plan", "degerfors-sn-2018-2019", "-o", "-"],
            {"docx", "weasyprint", "PIL", "pandas"},
        ),
    ],
    ids=" ".join,
)
def test_start_up_imports_only_what_the_command_needs(args, not_imported):
    loaded = modules_loaded(args, ROOT)
    assert loaded & not_imported == set()


def test_the_start_up_check_sees_heavy_imports(tmp_path):
    # The report needs jinja2: the same check must see it, or it proves nothing.
    args = ["report", "--year", "2018", "--plan", "degerfors-sn-2018-2019", "-o"]
    loaded = modules_loaded([*args, str(tmp_path / "r.html")], ROOT)
    assert {"jinja2", "pydantic"} <= loaded
    args = [
        "report",
        "-f",
        "docx",
        "--plan",
        "degerfors-sn-2018-2019",
        "-o",
        str(tmp_path / "r.docx"),
    ]
    loaded = modules_loaded(args, ROOT)
    assert {"docx", "PIL"} <= loaded


def test_large_data_is_read_without_pandas(tmp_path):
    # Above validate.LARGE_DATA_BYTES the data goes through pyarrow and numpy; pyarrow's
    # to_numpy and its conversions of Python values import pandas only to ask whether it is
    # installed (a quarter of a second a run). The reader takes its numbers from the buffers
    # instead, and must read the same values: the status is the small repository's.
    import shutil

    from verksamhetsplan.data.validate import LARGE_DATA_BYTES

    for folder in ("plans", "indicators-data", "economy-data"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    data = tmp_path / "indicators-data/degerfors/personal.csv"
    header, *rows = data.read_text(encoding="utf-8").splitlines()
    # every row's note (free text, read by neither the values nor the verdicts) padded until
    # the organisation's data is large
    padding = "x" * (LARGE_DATA_BYTES // len(rows) + 100)
    data.write_text(
        "\n".join([header, *(row.rsplit(",", 1)[0] + "," + padding for row in rows)]) + "\n",
        encoding="utf-8",
    )
    args = ["status", "--year", "2019", "--as-of", "2020-01-31", "--format", "json", "-o"]
    loaded = modules_loaded([*args, str(tmp_path / "large.json")], tmp_path)
    assert "pyarrow" in loaded  # the large-data path was taken
    assert "pandas" not in loaded
    modules_loaded([*args, str(tmp_path / "small.json")], ROOT)
    large = json.loads((tmp_path / "large.json").read_text(encoding="utf-8"))
    small = json.loads((tmp_path / "small.json").read_text(encoding="utf-8"))
    assert large == small and "sjuktal-2019" in json.dumps(large)
