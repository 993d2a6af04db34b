"""Where the running vp came from, so that the pre-commit hook and the workflow `vp init`
writes install the same vp: from the package index pinned to its version, from its git
repository at the exact commit, or as the user says with `--vp-source`.

Read from the installed distribution's PEP 610 `direct_url.json`: absent for an install
from an index; `vcs_info` for a git URL; `dir_info` for a local folder, which another
machine (or CI) cannot install from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .. import __version__

NAME = "verksamhetsplan"


@dataclass(frozen=True)
class InstallSource:
    requirement: str  # a pip requirement: verksamhetsplan==0.2.0, verksamhetsplan @ git+…
    how: str  # in Swedish, for the comment in the written files
    warning: str | None = None  # said when the source will not work on another machine


def from_index(version: str = __version__) -> InstallSource:
    return InstallSource(f"{NAME}=={version}", f"från paketindexet, låst till version {version}")


def installed_source() -> InstallSource:
    """The source of the vp that is running, from its PEP 610 record."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        record = distribution(NAME).read_text("direct_url.json")
    except PackageNotFoundError:
        record = None
    if not record:
        return from_index()
    try:
        direct = json.loads(record)
    except ValueError:
        return from_index()
    return from_direct_url(direct)


def from_direct_url(direct: dict[str, object]) -> InstallSource:
    """The requirement that installs what a PEP 610 record describes."""
    url = str(direct.get("url", ""))
    vcs = direct.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and vcs.get("commit_id"):
        commit = str(vcs["commit_id"])
        shown = str(vcs.get("requested_revision") or commit[:12])
        source = InstallSource(
            f"{NAME} @ git+{url}@{commit}", f"från vp:s git-förråd, {shown} (commit {commit[:12]})"
        )
        if url.startswith("file:"):
            return InstallSource(source.requirement, source.how, _LOCAL.format(where=url))
        return source
    if "archive_info" in direct and url.startswith(("https://", "http://")):
        return InstallSource(f"{NAME} @ {url}", f"från {url}")
    return InstallSource(
        from_index().requirement, from_index().how, _LOCAL.format(where=url or "en lokal mapp")
    )


_LOCAL = (
    "vp är installerat från {where}, som kroken och flödet inte kan installera från på en "
    "annan dator; de installerar i stället vp från paketindexet. Ange källan med "
    "--vp-source, t.ex. --vp-source git+https://github.com/<organisation>/vp@v"
    + __version__
    + " eller --vp-source verksamhetsplan=="
    + __version__
    + "."
)


def given_source(text: str) -> InstallSource:
    """`--vp-source`: a version (0.2.0), a pip requirement, or a git or https URL."""
    import re

    from ..common.problems import Refused

    spoken = text.strip()
    # It is written into YAML and a shell line: nothing that could end a string there.
    if not re.fullmatch(r"[A-Za-z0-9_.+\-=<>!~@:/#%?&\[\], ]+", spoken):
        raise Refused(
            f"--vp-source {text!r} går inte att använda",
            hint="Ange en version (0.2.0), ett paketkrav (verksamhetsplan==0.2.0) eller en "
            "adress (git+https://…/vp@v0.2.0).",
            usage=True,
        )
    if spoken[:1].isdigit():
        return from_index(spoken)
    if spoken.startswith(("git+", "https://", "http://")):
        return InstallSource(f"{NAME} @ {spoken}", f"från {spoken} (--vp-source)")
    return InstallSource(spoken, f"som angivet: {spoken} (--vp-source)")
