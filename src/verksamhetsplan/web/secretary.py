"""The secretary's view: who has reported what for the period and what is missing, the
changes since the last approval, approve and lock, and the report in every format."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..common.git import git
from ..common.problems import Refused
from ..edit.accounts import load_accounts
from ..edit.approval import last_approval, locked, record
from ..edit.recorded import save
from ..followup.work import responsible_names, work
from .app import page, require, saving
from .cache import SOURCES
from .security import NotFound, check_csrf
from .work_pages import open_work

FORMATS = {
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _since(root: Path, commit: str | None) -> list[list[str]]:
    span = [f"{commit}..HEAD"] if commit else ["-n", "30"]
    answer = git(
        root, "log", "--date=short", "--format=%h%x09%an%x09%ad%x09%s", *span, "--", *SOURCES
    )
    if answer.returncode != 0:
        return []
    return [line.split("\t", 3) for line in answer.stdout.decode("utf-8", "replace").splitlines()]


def _plan_diff(root: Path, commit: str | None) -> Any:
    if commit is None:
        return None
    from ..output.terminal.plandiff import to_markdown
    from ..plan.plandiff import diff
    from .preview import markdown_preview

    try:
        return markdown_preview(to_markdown(diff(root, commit, None)).split("\n", 1)[1])
    except Refused:
        return None


def overview(request: Request) -> dict[str, Any]:
    account = require(request, secretary=True)
    opened = open_work(request, account)
    repository, period, root = opened.repository, opened.period, opened.repository.root
    accounts = list(load_accounts(root).values())
    names = sorted({n for here in opened.plans for n in responsible_names(here.plan_file.plan)})
    # each person's work once, by plan: not once for every plan they appear in
    by_name = {
        name: {w.plan_file.plan.id: w for w in work(repository, period, [name], opened.today)}
        for name in names
    }
    plans = []
    for here in opened.plans:
        plan = here.plan_file.plan
        people = []
        attributed: set[str] = set()
        for name in responsible_names(plan):
            reported = by_name[name].get(plan.id)
            items = reported.due if reported else []
            attributed |= {p.message for p in items}
            people.append(
                {
                    "name": name,
                    "accounts": [
                        a.name
                        for a in accounts
                        if name.casefold() in {r.casefold() for r in a.responsible}
                    ],
                    "due": [p.message for p in items],
                    "goals": len(reported.goals) if reported else 0,
                    "assessed": sum(g.assessed or bool(g.analysis) for g in reported.goals)
                    if reported
                    else 0,
                }
            )
        approval = last_approval(root, plan.id, period)
        plans.append(
            {
                "plan": plan,
                "people": people,
                "unowned": [p.message for p in here.due if p.message not in attributed],
                "approval": approval,
                "locked": locked(root, plan.id, period),
                "log": _since(root, approval.commit if approval else None),
                "diff": _plan_diff(root, approval.commit if approval else None),
            }
        )
    return {"account": account, "period": period, "plans": plans, "formats": list(FORMATS)}


async def secretary_page(request: Request) -> Response:
    context = await run_in_threadpool(overview, request)
    return page(request, "secretary.html.j2", **context)


def _event(event: str) -> Any:
    async def view(request: Request) -> Response:
        account = require(request, secretary=True)
        form = await request.form()
        check_csrf(request, form)
        plan_id = request.path_params["plan"]

        def act() -> str:
            with saving(request):
                opened = open_work(request, account, evaluate=False)
                if plan_id not in {p.plan_file.plan.id for p in opened.plans}:
                    raise NotFound(f"planen {plan_id!r} har inget för {opened.period}")
                root = opened.repository.root
                head = git(root, "rev-parse", "HEAD").stdout.decode().strip() or None
                change = record(
                    root, plan_id, opened.period, event, account.name, opened.today, head
                )
                word = "Godkänt" if event == "approved" else "Låst"
                save(root, [change], account.author, f"{word}: {plan_id} för {opened.period}")
                return change.done[0]

        request.session["flash"] = await run_in_threadpool(act)
        return RedirectResponse("/sekreterare", 303)

    return view


async def report(request: Request) -> Response:
    account = require(request, secretary=True)
    plan_id, fmt = request.path_params["plan"], request.path_params["format"]
    if fmt not in FORMATS:
        raise NotFound(f"formatet {fmt!r} finns inte; välj html, md, docx eller pdf")

    def make() -> tuple[bytes, str]:
        opened = open_work(request, account, evaluate=False)
        if plan_id not in {p.plan.id for p in opened.repository.plans}:
            raise NotFound(f"planen {plan_id!r} finns inte")
        root = Path(os.path.abspath(opened.repository.root))
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / f"rapport.{fmt}"
            period = opened.period
            when = ["--year", period] if period.isdigit() else ["--period", period]
            command = [sys.executable, "-m", "verksamhetsplan", "report", "--plan", plan_id,
                       *when, "--format", fmt, "--output", str(target)]  # fmt: skip
            done = subprocess.run(command, cwd=root, capture_output=True, timeout=300)
            if done.returncode != 0 or not target.is_file():
                said = done.stderr.decode("utf-8", "replace").strip().splitlines()
                raise Refused(
                    "rapporten kunde inte skrivas: " + (said[-1] if said else "okänt fel")
                )
            return target.read_bytes(), period

    content, period = await run_in_threadpool(make)
    name = f"{plan_id}-{period}.{fmt}"
    return Response(
        content,
        media_type=FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


routes = [
    Route("/sekreterare", secretary_page),
    Route("/godkann/{plan}", _event("approved"), methods=["POST"]),
    Route("/las/{plan}", _event("locked"), methods=["POST"]),
    Route("/rapport/{plan}/{format}", report),
]
