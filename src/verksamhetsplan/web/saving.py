"""A form's save: the change made by the CLI's editing core, refused if someone else saved
the same thing since the form was shown, written and committed with the person as author.
Runs with the repository's lock held (work_pages._save)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from ..common.problems import Refused
from ..edit.recorded import save
from ..followup.words import period_name


class Conflict(Exception):
    """Someone saved the same thing after this form was shown."""


def fingerprint(value: Any) -> str:
    """What the person saw when the form was made, short: a later save compares it."""
    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def current(kind: str, item: Any, period: str, extra: str = "") -> Any:
    """The thing a form changes, as it stands: a value (`extra` is "period|gender"), the
    period's assessments of a goal, an activity's history, or a section's text."""
    if kind == "value":
        chosen, _, gender = extra.partition("|")
        return item.value(chosen, gender or "T")
    if kind == "assessment":
        return [a.model_dump() for a in item.goal.assessments if str(a.period) == period]
    if kind == "activity":
        return [h.model_dump() for h in item.history]
    return item.analysis


def _conflict(kind: str, item: Any, period: str, form: dict[str, str]) -> None:
    extra, seen = form.get("period", ""), form.get("seen", "")
    if kind == "value":
        extra = f"{extra}|{form.get('gender', 'T') or 'T'}"
        try:
            seen = json.loads(seen).get(extra, "")
        except (ValueError, AttributeError):
            seen = ""
    if fingerprint(current(kind, item, period, extra)) != seen:
        what = {
            "value": f"värdet för {_period_words(extra)}",
            "assessment": "bedömningen",
            "activity": "aktivitetens uppföljning",
            "analysis": "analystexten",
        }[kind]
        raise Conflict(
            f"någon annan har sparat {what} efter att du öppnade formuläret; din ändring är "
            "inte sparad. Det som nu gäller visas här; din text står kvar i formuläret, så "
            "att du kan jämföra och spara igen."
        )


GENDER_WORDS = {"T": "", "K": " (kvinnor)", "M": " (män)"}


def _period_words(extra: str) -> str:
    period, _, gender = extra.partition("|")
    return period_name(period) + GENDER_WORDS.get(gender, "")


def _checked_value_form(found: Any, period: str, form: dict[str, str]) -> None:
    """The period and gender a value form names are among those the form offered."""
    if form.get("period", "") not in {p for p, _, _ in found.periods}:
        raise Refused(f"perioden {form.get('period', '')!r} hör inte till {period_name(period)}")
    if (form.get("gender") or "T") not in found.genders:
        raise Refused(f"nyckeltalet {found.indicator.id} redovisas inte per kön")


class FieldRefused(Refused):
    """A refusal that belongs to one field of the form, where the page shows it."""

    def __init__(self, field: str, refused: Refused) -> None:
        super().__init__(refused.message, refused.problems, refused.hint, refused.usage)
        self.field = field


def _at(field: str | Callable[[Refused], str], action: Callable[[], Any]) -> Any:
    try:
        return action()
    except FieldRefused:
        raise
    except Refused as refused:
        raise FieldRefused(field(refused) if callable(field) else field, refused) from None


def _assessment_field(refused: Refused) -> str:
    return "reason" if "skäl" in refused.message else "status"


def make_change(
    kind: str, opened: Any, here: Any, item: Any, ident: str, form: dict[str, str]
) -> str | None:
    """Save the form's change to `item` (found in `here`, the person's work in its plan);
    what was done, in a line, or None when nothing changed."""
    repository, account = opened.repository, opened.account
    root, today, period = repository.root, opened.today, opened.period
    if kind == "value":
        _checked_value_form(item, period, form)
    _conflict(kind, item, period, form)
    ref = f"{here.plan_file.plan.id}/{ident}"
    if kind == "value":
        from ..edit.data import add_value

        chosen, gender = form.get("period", ""), form.get("gender") or "T"
        text = form.get("value", "").strip()
        if not text:
            raise FieldRefused("value", Refused("skriv ett värde, t.ex. 12,5"))
        note = form.get("note", "").strip()
        changes = _at(
            "value", lambda: add_value(repository, ident, chosen, text, gender, None, note, today)
        )
        shown = "" if gender == "T" else f" ({gender})"
        subject = f"Värde: {ident} {chosen}{shown} = {text}"
    elif kind == "assessment":
        from ..edit.plans import assess

        status = form.get("status", "")
        comment = form.get("comment", "").strip()
        if not comment:
            raise FieldRefused("comment", Refused("skriv en kommentar till bedömningen"))
        reason = form.get("reason", "").strip() or None
        change = _at(
            _assessment_field,
            lambda: assess(repository, ref, period, status, comment, reason, account.name, today),
        )
        changes = [change]
        subject = f"Bedömning: {ident} för {period}"
    elif kind == "activity":
        from ..edit.plans import change_activity

        status = form.get("status", "")
        said = form.get("comment", "").strip() or None
        changes = [
            _at(
                "status",
                lambda: change_activity(repository, ref, status, said, account.name, today),
            )
        ]
        subject = f"Aktivitet: {ident}"
    else:
        from ..edit.analysis_text import set_section

        plan = here.plan_file.plan
        changes = [
            _at("text", lambda: set_section(root, plan, period, ident, form.get("text", "")))
        ]
        subject = f"Analys: {ident} för {period}"
    if not save(root, changes, account.author, subject):
        return None
    return " ".join(line for change in changes for line in change.done)
