"""Click's and typer's own texts in Swedish: the usage line, headings, the help option,
metavars without Python types, and every usage error, with a suggestion where one fits.

Typer vendors its own click, whose texts are English literals (a few go through gettext
in typer's core). They are replaced here, in one place: headings through typer's gettext
hook, the usage line through the help formatter, the help option and metavars through the
command classes every vp command uses, and usage errors by `show_usage_error`, which
`main` calls instead of click's English `UsageError.show`.
"""

from __future__ import annotations

import difflib
import re
import sys
from typing import Any

import typer
import typer.core
from typer import _click as click
from typer._click import exceptions as click_errors
from typer._click.formatting import HelpFormatter

from .complete import KINDS, completer

HELP_TEXT = "Visa den här hjälpen och avsluta."
OPTIONS_METAVAR = "[FLAGGOR]"
SUBCOMMAND_METAVAR = "KOMMANDO [ARGUMENT]..."

# The texts typer's core passes through gettext.
TEXTS = {
    "Arguments": "Argument",
    "Options": "Flaggor",
    "Commands": "Kommandon",
    "default: {default}": "standard: {default}",
    "required": "krävs",
    "(dynamic)": "(beräknas)",
    "Aborted!": "Avbrutet.",
    "Missing command.": "Ett kommando saknas.",
    "No such command {name!r}.": "Okänt kommando {name!r}.",
    "env var: {var}": "miljövariabel: {var}",
}

# Metavars by parameter name: what the value is, in Swedish, never a Python type.
METAVARS = {
    "year": "ÅR",
    "plan": "PLAN",
    "area": "OMRÅDE",
    "period": "PERIOD",
    "as_of": "DATUM",
    "date": "DATUM",
    "status": "STATUS",
    "comment": "TEXT",
    "reason": "TEXT",
    "note": "TEXT",
    "by": "NAMN",
    "outcome": "RESULTAT",
    "action": "TEXT",
    "action_responsible": "NAMN",
    "action_due": "DATUM",
    "action_id": "ID",
    "gender": "K|M|T",
    "file": "FIL",
    "output": "FIL",
    "source": "FIL",
    "kommun": "KOMMUN",
    "organisation": "KOMMUN",
    "board": "NÄMND",
    "goal": "MÅL",
    "indicator": "NYCKELTAL",
    "value": "VÄRDE",
    "paths": "[SÖKVÄG]...",
    "directory": "KATALOG",
    "activity_id": "ID",
    "rev_a": "[REV_A]",
    "rev_b": "[REV_B]",
    "since": "REV",
    "text": "TEXT",
    "short": "TEXT",
    "title": "TEXT",
    "description": "TEXT",
    "method": "TEXT",
    "baseline_note": "TEXT",
    "criterion": "KRITERIUM",
    "target": "MÅLVÄRDE",
    "baseline": "BASVÄRDE",
    "measure": "MÅTT",
    "verdict": "REGEL",
    "responsible": "NAMN",
    "reference": "BESLUT",
    "serves": "REF",
    "parent": "OMRÅDE",
    "number": "NUMMER",
    "ident": "ID",
    "kolada": "KPI",
    "system": "SYSTEM",
}

# Typer's and pydantic's messages for a bad value, and what to say instead.
VALUE_MESSAGES = [
    (
        re.compile(r"'(?P<value>[^']*)' is not one of (?P<choices>.*?)\.?$"),
        "{value!r} är inte tillåtet; tillåtna värden: {choices}",
    ),
    (re.compile(r"valid integer"), "värdet ska vara ett heltal"),
    (re.compile(r"valid number|valid float"), "värdet ska vara ett tal"),
    (re.compile(r"(?P<what>\w+) '(?P<value>.*)' does not exist"), "{value!r} finns inte"),
]


class SwedishFormatter(HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "Användning: " if prefix is None else prefix)


def _swedish_params(command: Any) -> None:
    for param in command.params:
        if getattr(param, "metavar", None) is None:
            descriptor = getattr(param, "type_descriptor", None)
            if descriptor is not None and descriptor.is_choice:
                values = [str(getattr(c, "value", c)) for c in descriptor.choices or ()]
                param.metavar = "|".join(values)
            elif param.name in METAVARS and not getattr(param, "is_flag", False):
                param.metavar = METAVARS[param.name]
        if param.name in KINDS and getattr(param, "_custom_shell_complete", None) is None:
            param._custom_shell_complete = completer(KINDS[param.name])
        if getattr(param, "param_type_name", "") == "argument":
            # Typer writes a required argument as {goal} and its Python type beside it;
            # people read MÅL, and [MÅL] when it may be left out.
            param._usage_display_name = _argument_usage(param)
            param.display_type_rich = lambda ctx: None


def _argument_usage(param: Any) -> Any:
    def usage() -> str:
        name = str(param.display_name_raw)
        if param.required or name.startswith("["):
            return name
        return f"[{name}]"

    return usage


class _Swedish:
    """What vp's commands and groups share: Swedish metavars and help option."""

    def _swedish(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        if kwargs.get("options_metavar") in (None, "[OPTIONS]"):
            kwargs["options_metavar"] = OPTIONS_METAVAR
        return kwargs

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_TEXT
        return option


class SwedishCommand(_Swedish, typer.core.TyperCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **self._swedish(kwargs))
        _swedish_params(self)


class SwedishGroup(_Swedish, typer.core.TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["subcommand_metavar"] = SUBCOMMAND_METAVAR
        super().__init__(*args, **self._swedish(kwargs))
        _swedish_params(self)


def _gettext(message: str) -> str:
    return TEXTS.get(message, message)


def install() -> None:
    """Swedish for the parts of typer and click that are not vp's own."""
    typer.core._ = _gettext  # type: ignore[attr-defined]
    click.Context.formatter_class = SwedishFormatter


def _option_names(ctx: Any) -> list[str]:
    names: list[str] = []
    for param in ctx.command.get_params(ctx):
        names.extend(o for o in getattr(param, "opts", []) if o.startswith("-"))
    return names


def _param_label(param: Any) -> str:
    opts = [str(o) for o in getattr(param, "opts", []) if o.startswith("--")]
    if opts:
        return opts[0]
    return str(param.metavar or (param.name or "").upper())


def _value_message(message: str) -> str:
    for pattern, swedish in VALUE_MESSAGES:
        found = pattern.search(message)
        if found:
            values = found.groupdict()
            if "choices" in values:
                values["choices"] = ", ".join(re.findall(r"'([^']*)'", values["choices"]))
            return swedish.format(**values)
    return message


def translate(error: Any) -> tuple[str, str | None]:
    """A usage error as a Swedish message and a hint (often "Menade du …?")."""
    ctx = error.ctx
    if isinstance(error, click_errors.NoSuchOption):
        close = difflib.get_close_matches(error.option_name, _option_names(ctx) if ctx else [], 1)
        hint = f"Menade du {close[0]}?" if close else None
        return f"okänd flagga {error.option_name}", hint
    if isinstance(error, click_errors.MissingParameter):
        param = error.param
        if param is not None and getattr(param, "param_type_name", "") == "argument":
            return f"argumentet {_param_label(param)} saknas", None
        label = _param_label(param) if param is not None else "ett värde"
        return f"flaggan {label} saknas", None
    if isinstance(error, click_errors.BadParameter):
        label = _param_label(error.param) if error.param is not None else "ett värde"
        return f"ogiltigt värde för {label}: {_value_message(error.message)}", None
    message = error.message
    extra = re.match(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)", message)
    if extra:
        shown = ", ".join(repr(a) for a in extra["args"].split())
        return f"oväntat argument: {shown}", None
    command = re.match(r"(?:No such command|Okänt kommando) '(?P<name>[^']*)'", message)
    if command:
        names = list(getattr(ctx.command, "commands", {})) if ctx else []
        close = difflib.get_close_matches(command["name"], names, 1)
        return f"okänt kommando {command['name']!r}", (
            f"Menade du {close[0]!r}?" if close else None
        )
    needs = re.match(r"Option '(?P<opt>[^']*)' requires (?P<what>.*)\.", message)
    if needs:
        return f"flaggan {needs['opt']} kräver ett värde", None
    takes = re.match(r"Option '(?P<opt>[^']*)' does not take a value\.", message)
    if takes:
        return f"flaggan {takes['opt']} tar inget värde", None
    return TEXTS.get(message, message), None


def show_usage_error(error: Any) -> None:
    """Click's usage error, said in Swedish: the usage line, what is wrong, a hint."""
    message, hint = translate(error)
    ctx = error.ctx
    if ctx is not None:
        print(ctx.get_usage(), file=sys.stderr)
    print(f"vp: {message}", file=sys.stderr)
    help_hint = f"Skriv '{ctx.command_path} -h' för hjälp." if ctx is not None else None
    tips = " ".join(part for part in (hint, help_hint) if part)
    if tips:
        print(f"    tips: {tips}", file=sys.stderr)
