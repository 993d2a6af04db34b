"""What several commands share: output helpers and the usage-error exit."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

USAGE_ERROR = 2
# The CLI works on the repository in the working folder; the core is handed it as its root.
HERE = Path(".")


class ProblemFormat(StrEnum):
    """How located problems are listed: `vp validate`, `vp due`, `vp lint`."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


# Options shared by the commands that compute; declared once so they read alike everywhere.
AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="Räkna som om det vore detta datum (ÅÅÅÅ-MM-DD); standard: i dag."
    ),
]


FollowUpPeriod = Annotated[
    str | None,
    typer.Option(
        "--period",
        help="En uppföljning inom året: tertial (2018-T2, delåret januari–augusti; även "
        "2018-delår), kvartal (2018-Q3), halvår (2018-H1) eller månad (2018-05). Visar utfallet "
        "hittills, prognosen för helåret och periodens bedömningar.",
    ),
]


def any_period(text: str, what: str = "--period") -> str:
    """A follow-up period, the whole year included (2018, 2018-T2, 2018-delår, 2018-05), or a
    usage error naming where the text came from."""
    from ..data.periods import follow_up_period

    period = follow_up_period(text)
    if period is None:
        usage_error(
            f"{what} {text!r} är ingen period",
            "Skriv 2018, 2018-T2 (delåret, även 2018-delår), 2018-Q3, 2018-H1 eller 2018-05.",
        )
    return period


def parse_period(text: str | None, year: int | None) -> str | None:
    """--period as a follow-up period; it cannot be combined with --year."""
    if text is None:
        return None
    from ..data.periods import follow_up_period

    period = follow_up_period(text)
    if period is None or len(period) == 4:
        usage_error(
            f"--period {text!r} är ingen period inom ett år",
            "Skriv till exempel 2018-T2 (delåret), 2018-Q3, 2018-H1 eller 2018-05; "
            "för helåret --year.",
        )
    if year is not None:
        usage_error("ange antingen --year eller --period", "--period anger också året.")
    return period


def year_option(default_text: str) -> Any:
    return typer.Option("--year", "-y", help=f"Året att följa upp (standard: {default_text}).")


def usage_error(message: str, hint: str | None = None) -> NoReturn:
    typer.echo(f"vp: {message}", err=True)
    if hint:
        typer.echo(f"    tips: {hint}", err=True)
    raise typer.Exit(USAGE_ERROR)


# The repository's inputs: an output file (-o) never goes in among them.
INPUT_FOLDERS = ("plans", "indicators-data", "analyses", "templates")


def inside_inputs(path: Path) -> str | None:
    """The input folder of the repository (here) that a path is in, if any."""
    resolved = path.resolve()
    for folder in INPUT_FOLDERS:
        if resolved.is_relative_to((HERE / folder).resolve()):
            return folder
    return None


def inside_repository(path: Path) -> bool:
    return path.resolve().is_relative_to(HERE.resolve())


def guard_output(output: Path | None) -> None:
    """-o never points in among the repository's plans, data, analyses or templates.
    Commands call this before doing their work, and write_output again before writing."""
    if output is None or str(output) == "-":
        return
    guarded = inside_inputs(output)
    if guarded:
        usage_error(
            f"{output} ligger i {guarded}/, bland planförrådets indata; vp skriver inte över "
            "planer, data, analyser eller mallar",
            "Skriv utdata någon annanstans, till exempel i reports/.",
        )


def write_output(content: str | bytes, output: Path | None) -> None:
    """Write to a file atomically, or to standard output when no file (or '-') is given."""
    if output is None or str(output) == "-":
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
            sys.stdout.buffer.flush()
        else:
            typer.echo(content, nl=False)
        return
    from ..common.files import write_bytes_atomic

    guard_output(output)
    try:
        data = content.encode("utf-8") if isinstance(content, str) else content
        write_bytes_atomic(output, data)
    except OSError as error:
        usage_error(f"kan inte skriva {output}: {error.strerror}")


def parse_as_of(text: str | None, option: str = "--as-of") -> dt.date:
    """A date option (--as-of, --date), today when not given; errors name the option."""
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        usage_error(f"{option} {text!r} är inget datum", "Skriv datumet som ÅÅÅÅ-MM-DD.")


def parse_record_date(text: str | None) -> dt.date:
    """--date of something recorded (an assessment, a follow-up): today unless given, and
    never after today, since it counts from its date."""
    day = parse_as_of(text, "--date")
    if day > dt.date.today():
        usage_error(
            f"--date {day.isoformat()} ligger efter i dag",
            "Det som registreras gäller från sitt datum och kan inte dateras i förväg.",
        )
    return day


def open_repository_for_editing() -> Any:
    """The repository, held by this command until it ends: from reading the files to
    renaming the changed ones into place, no other vp command changes them."""
    from typer._click.globals import get_current_context

    from ..common.files import repository_lock
    from ..common.problems import Refused

    try:
        get_current_context().with_resource(repository_lock(HERE))
    except Refused as error:
        refused(error)
    return open_repository_or_exit()


def open_repository_or_exit() -> Any:
    """The repository in this folder, or the problems that stop a computation, and exit 1."""
    from ..followup.repository import open_repository
    from ..output.terminal.problems import to_text

    if not (HERE / "plans").is_dir():
        usage_error(
            "hittar ingen katalog plans/ här",
            "Kör kommandot i planförrådets rot (där plans/ och indicators-data/ finns).",
        )
    repository, result = open_repository(HERE)
    if repository is None:
        typer.echo(to_text(result), err=True, nl=False)
        typer.echo("vp: rätta felen ovan först; ingenting har beräknats.", err=True)
        raise typer.Exit(1)
    return repository


def guard_publication(plan_files: list[Any]) -> None:
    """The publishing guard before a report or the site is written: personal data in their
    text is listed, and a personnummer stops the writing (exit 1, nothing written)."""
    from ..common.problems import CheckResult
    from ..output.terminal.problems import to_text
    from ..plan.publishing import publishing_problems

    found = publishing_problems(HERE, plan_files)
    if not found:
        return
    files = sorted({p.file for p in found if p.file})
    typer.echo(to_text(CheckResult(files, found)), err=True, nl=False)
    if any(p.severity == "error" for p in found):
        typer.echo(
            "vp: personuppgifter i det som skulle publiceras; ingenting har skrivits.", err=True
        )
        raise typer.Exit(1)


def say_withheld(repository: Any) -> None:
    """What the small-cell limit kept out of what was just published."""
    if not repository.withheld:
        return
    by_indicator: dict[str, list[str]] = {}
    for indicator, period, gender in sorted(repository.withheld):
        by_indicator.setdefault(indicator, []).append(f"{period} {gender}")
    listed = "; ".join(f"{i}: {', '.join(p)}" for i, p in by_indicator.items())
    typer.echo(
        f"Visas inte (under gränsen för små tal): {len(repository.withheld)} "
        f"{'värde' if len(repository.withheld) == 1 else 'värden'} – {listed}",
        err=True,
    )


def chosen_plans(repository: Any, plan: str | None) -> list[Any]:
    """The plan named by --plan, or every plan with goals; an unknown id is a usage error."""
    from ..common.problems import Refused
    from ..followup.select import chosen_plans as choose

    try:
        return choose(repository, plan)
    except Refused as error:
        refused(error)


def refused(error: Any) -> NoReturn:
    """A change that was not made (common.problems.Refused): why, the problems, and a hint."""
    from ..common.problems import CheckResult
    from ..output.terminal.problems import to_text

    if error.problems:
        files = sorted({p.file for p in error.problems if p.file})
        typer.echo(to_text(CheckResult(files, error.problems)), err=True, nl=False)
    typer.echo(f"vp: {error.message}", err=True)
    if error.hint:
        typer.echo(f"    tips: {error.hint}", err=True)
    raise typer.Exit(USAGE_ERROR if error.usage else 1)


Quiet = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="Bara sammanfattningen, inte detaljerna."),
]
DryRun = Annotated[
    bool,
    typer.Option("--dry-run", "-n", help="Visa ändringen som en diff utan att skriva något."),
]


def apply_changes(changes: list[Any], dry_run: bool = False) -> None:
    """Write the changes atomically and say what each did; a refusal exits without writing.
    A dry run prints the unified diff it would write instead, and writes nothing."""
    from ..common.problems import Refused
    from ..edit.safe_write import write_changes

    if dry_run:
        from ..output.terminal.changes import unified_diff

        typer.echo(unified_diff([(str(c.path), c.before, c.after) for c in changes]), nl=False)
        for change in changes:
            for line in change.done:
                typer.echo(f"(provkörning) {line}", err=True)
        typer.echo("Provkörning: ingenting har skrivits.", err=True)
        return
    try:
        write_changes(changes)
    except Refused as error:
        refused(error)
    for change in changes:
        for line in change.done:
            typer.echo(line)


def change_files(work: Any, dry_run: bool) -> None:
    """An editing command's whole run: the repository held and opened, the change made by
    `work` (a core function of the repository), then written, or shown with --dry-run."""
    from ..common.problems import Refused

    repository = open_repository_for_editing()
    try:
        changes = work(repository)
    except Refused as error:
        refused(error)
    apply_changes(changes if isinstance(changes, list) else [changes], dry_run)


def gender_option(value: str) -> str:
    """--gender as the data writes it (K, M or T), or a usage error listing them."""
    chosen = value.strip().upper()
    if chosen not in ("K", "M", "T"):
        from ..common.problems import Refused

        refused(Refused(f"könet {value!r} är inte tillåtet", hint="Tillåtna: K, M, T.", usage=True))
    return chosen


def text_option(
    value: str | None, option: str, multiline: bool = False, blank: bool = True
) -> str | None:
    """A free-text option (--comment, --by, --note) as it may be stored, or a usage error;
    with blank=False (a goal's --text) a text of nothing but white space is refused too."""
    if value is None:
        return None
    from ..common.text import typed_text

    try:
        typed = typed_text(value, option, multiline)
    except ValueError as error:
        usage_error(str(error))
    if not blank and not typed.strip():
        usage_error(f"{option} får inte vara tom", "Skriv texten som den står i planen.")
    return typed


@contextlib.contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on the terminal (standard error) for long work; nothing when the output
    goes to a file or CI's log, or NO_COLOR asks for plain output."""
    import os

    if not sys.stderr.isatty() or os.environ.get("NO_COLOR"):
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance
