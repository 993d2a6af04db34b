"""vp's modules compiled to bytecode before anything is measured, as an installed vp has them.

pip compiles a wheel's modules when it installs them, and in an editable install Python
writes the bytecode on first use, unless PYTHONDONTWRITEBYTECODE is set (as on this
machine and many CI runners): then every measured run would compile vp's modules again,
about 40 ms of a short command, which no user pays. The floors and peers it is compared
with are installed packages, compiled already.
"""

from __future__ import annotations

import compileall
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "src"


def compile_vp() -> None:
    compileall.compile_dir(SOURCE, quiet=1)
