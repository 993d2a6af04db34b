"""Mitt arbete and its four forms: a value for an indicator period, an assessment of a goal,
an activity's status, and a goal's analysis text. Each form shows what `vp status` would say
beside it; each save is checked on the server (the person answers for it, the period is
open, nobody saved the same thing since the form was shown) and then made by the CLI's own
editing core, committed with the person as author."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, NoReturn

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..common.problems import Refused
from ..edit.accounts import Account
from ..edit.approval import check_unlocked
from ..followup.attainment import Result
from ..followup.words import STATUS
from ..followup.work import PlanWork, work
from ..plan.vocabulary import Status
from .app import page, require, saving
from .cache import state
from .saving import Conflict, current, fingerprint
from .security import Forbidden, NotFound, check_csrf

# an assessment's statuses, in the words every report uses for them
GOAL_CHOICES = [(s.value, STATUS[Result(s.value)][0]) for s in Status]


@dataclass
class Opened:
    repository: Any
    account: Account
    period: str
    plans: list[PlanWork]
    today: dt.date

    def plan(self, plan_id: str) -> PlanWork:
        found = next((p for p in self.plans if p.plan_file.plan.id == plan_id), None)
        if found is None:
            if self.account.sees_everything:
                raise NotFound(f"planen {plan_id!r} har inget att följa upp för {self.period}")
            raise Forbidden(f"du har inget att rapportera i planen {plan_id!r} för {self.period}")
        return found

    def refuse(self, what: str, yours: str) -> NoReturn:
        """Not there for the secretary (404); not theirs for a reporter (403), who is not
        told whether it exists."""
        if self.account.sees_everything:
            raise NotFound(f"{what} finns inte i planen för {self.period}")
        raise Forbidden(f"{what} är inte {yours} att rapportera")


def open_work(request: Request, account: Account, evaluate: bool = True) -> Opened:
    """The repository as it is now, and what this person answers for in the open period."""
    from ..followup.repository import open_repository
    from ..output.terminal.problems import to_text

    settings = request.app.state.settings
    cache = request.app.state.cache
    now = state(settings.root)
    repository, result = cache.get(("repository", now), lambda: open_repository(settings.root))
    if repository is None:
        raise Refused(
            "planförrådet har fel som måste rättas innan något kan sparas:\n" + to_text(result)
        )
    years = sorted({y for p in repository.plans for y in p.plan.period.years})
    # the latest year that has begun; a repository whose plans all lie ahead opens at its first
    begun = [y for y in years if y <= settings.day().year]
    period = settings.period or str(begun[-1] if begun else years[0])
    names = None if account.sees_everything else tuple(sorted(account.responsible))
    today = settings.day()
    found = cache.get(
        ("work", now, names, period, today, evaluate),
        lambda: work(repository, period, None if names is None else list(names), today, evaluate),
    )
    return Opened(repository, account, period, found, today)


async def my_work(request: Request) -> Response:
    account = require(request)
    opened = await run_in_threadpool(open_work, request, account)
    return page(request, "work.html.j2", account=account, work=opened.plans, period=opened.period)


# ---- the forms: each a pair of views, showing (GET) and saving (POST)


# what a form may be about: where Mitt arbete keeps it, its id, and how it is named
ITEMS: dict[str, tuple[str, Callable[[Any], str], str, str]] = {
    "indicator": ("indicators", lambda i: str(i.indicator.id), "nyckeltalet", "ditt"),
    "goal": ("goals", lambda g: str(g.goal.id), "målet", "ditt"),
    "activity": ("activities", lambda a: str(a.id), "aktiviteten", "din"),
}


def _item(opened: Opened, plan_id: str, ident: str, which: str) -> tuple[PlanWork, Any]:
    """The person's item in the plan, or the refusal: 403 for a reporter, 404 otherwise."""
    here = opened.plan(plan_id)
    attribute, key, word, yours = ITEMS[which]
    found = next((x for x in getattr(here, attribute) if key(x) == ident), None)
    if found is None:
        opened.refuse(f"{word} {ident!r}", yours)
    return here, found


def _analysed(opened: Opened, plan_id: str, ident: str) -> tuple[PlanWork, Any]:
    """What an analysis form is about: one of the person's goals, or, for those who see
    everything, the plan's summary (its id) or an area, with the section's text as it is."""
    here = opened.plan(plan_id)
    goal = next((g for g in here.goals if g.goal.id == ident), None)
    if goal is not None or not opened.account.sees_everything:
        return _item(opened, plan_id, ident, "goal")
    from ..edit.analysis_text import section_text
    from ..plan.analysis import PLAN_SUBJECT
    from ..plan.model import iter_areas

    plan = here.plan_file.plan
    titles = {plan.id: PLAN_SUBJECT, **{a.id: a.title for a, _ in iter_areas(plan.areas)}}
    if ident not in titles:
        opened.refuse(f"målet eller området {ident!r}", "ditt")
    root = opened.repository.root
    subject = SimpleNamespace(id=ident, text=titles[ident], short=None, assessments=[])
    text = section_text(root, plan, opened.period, ident)
    return here, SimpleNamespace(goal=subject, evaluation=None, analysis=text, assessed=False)


def _goals_using(here: PlanWork, indicator_id: str) -> list[Any]:
    return [g for g in here.goals if any(part.indicator == indicator_id for part in g.goal.parts())]


def _find(kind: str, opened: Opened, plan_id: str, ident: str) -> tuple[PlanWork, Any]:
    """What a form of this kind is about, if the person may change it (else 403 or 404)."""
    if kind == "analysis":
        return _analysed(opened, plan_id, ident)
    return _item(
        opened, plan_id, ident, {"value": "indicator", "assessment": "goal"}.get(kind, kind)
    )


def _context(kind: str, opened: Opened, plan_id: str, ident: str) -> dict[str, Any]:
    here, item = _find(kind, opened, plan_id, ident)
    if kind != "value":
        return {"here": here, "item": item, "seen": fingerprint(current(kind, item, opened.period))}
    seen = json.dumps(
        {
            f"{p}|{g}": fingerprint(item.value(p, g))
            for p, _, _ in item.periods
            for g in item.genders
        }
    )
    return {"here": here, "item": item, "goals": _goals_using(here, ident), "seen": seen}


TEMPLATES = {
    "value": "value.html.j2",
    "assessment": "assessment.html.j2",
    "activity": "activity.html.j2",
    "analysis": "analysis.html.j2",
}


async def _form_page(
    request: Request,
    kind: str,
    account: Account,
    status: int = 200,
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    preview: Any = None,
    seen: str | None = None,
) -> Response:
    """A form as it stands now, with what the person wrote and why it was not saved."""
    plan_id, ident = request.path_params["plan"], request.path_params["item"]
    opened = await run_in_threadpool(open_work, request, account)
    context = _context(kind, opened, plan_id, ident)
    if seen is not None:  # a preview keeps what the person saw when they began
        context["seen"] = seen
    return page(
        request,
        TEMPLATES[kind],
        status,
        account=account,
        period=opened.period,
        form=form or {},
        errors=errors or {},
        preview=preview,
        **context,
    )


def _show(kind: str) -> Any:
    async def view(request: Request) -> Response:
        return await _form_page(request, kind, require(request))

    return view


def _save(kind: str) -> Any:
    async def view(request: Request) -> Response:
        account = require(request)
        form = {k: str(v) for k, v in (await request.form()).items() if isinstance(v, str)}
        check_csrf(request, form)
        plan_id, ident = request.path_params["plan"], request.path_params["item"]

        if kind == "analysis" and form.get("action") == "preview":
            from .preview import markdown_preview

            shown = markdown_preview(form.get("text", ""))
            return await _form_page(
                request, kind, account, form=form, preview=shown, seen=form.get("seen")
            )

        def save() -> str | None:
            from .saving import make_change

            with saving(request):
                opened = open_work(request, account, evaluate=False)
                here, item = _find(kind, opened, plan_id, ident)  # theirs, or Forbidden
                check_unlocked(opened.repository.root, plan_id, opened.period)
                return make_change(kind, opened, here, item, ident, form)

        try:
            done = await run_in_threadpool(save)
        except (Refused, Conflict) as error:
            conflict = isinstance(error, Conflict)
            message = str(error) if conflict else error.message  # type: ignore[union-attr]
            field = "conflict" if conflict else getattr(error, "field", "form")
            errors = {field: message, **_problem_lines(error)}
            status = 409 if conflict else 422
            return await _form_page(request, kind, account, status, form, errors)
        request.session["flash"] = done or "Ingenting behövde ändras."
        return RedirectResponse("/arbete", 303)

    return view


def _problem_lines(error: Exception) -> dict[str, str]:
    problems = getattr(error, "problems", None) or []
    return {"details": "\n".join(p.message for p in problems)} if problems else {}


def _item_routes(kind: str, path: str) -> list[Route]:
    return [
        Route(f"/{path}/{{plan}}/{{item}}", _show(kind), methods=["GET"]),
        Route(f"/{path}/{{plan}}/{{item}}", _save(kind), methods=["POST"]),
    ]


routes = [
    Route("/arbete", my_work),
    *_item_routes("value", "varde"),
    *_item_routes("assessment", "bedomning"),
    *_item_routes("activity", "aktivitet"),
    *_item_routes("analysis", "analys"),
]
