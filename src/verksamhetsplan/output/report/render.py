"""The report's templates: rendering the report context as HTML, Markdown or the method
text in jinja2's sandbox, with the municipality's own templates and the safe-Markdown
filters for the administration's analysis."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ...common.swedish import markdown_text, number

TEMPLATES = {
    "html": "report.html.j2",
    "md": "report.md.j2",
    "text": "partials/method.j2",
    "council-html": "council.html.j2",
    "council-md": "council.md.j2",
    "control-html": "control.html.j2",
    "control-md": "control.md.j2",
}


def render(context: dict[str, Any], output: str, overrides: Path | None) -> str:
    """The report as HTML or Markdown (or the method section as plain text, "text"); a
    repository's templates/ overrides ours by name.

    Templates are code that anyone can put in a pull request, so every template renders in
    jinja2's sandbox (no attribute access to Python internals, no shell), and a template
    that is a link to a file outside the repository is not read. Undefined variables are
    errors (StrictUndefined), and HTML is autoescaped: plan text is data, never markup.
    """
    environment = _environment(output, overrides)
    return _bounded(environment, TEMPLATES[output], context)


def site_renderer(overrides: Path | None) -> Any:
    """A function rendering one of the site's templates (HTML, sandboxed like the report's)."""
    environment = _environment("site-html", overrides)

    def render_page(name: str, **context: Any) -> str:
        return _bounded(environment, f"site/{name}", context)

    return render_page


def _environment(output: str, overrides: Path | None) -> Any:
    from importlib.resources import files

    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined

    loaders: list[Any] = []
    if overrides is not None and overrides.is_dir():
        # The repository is the folder that holds templates/; nothing is read from beyond it.
        repository = Path(os.path.abspath(overrides)).parent.resolve()
        outside = [
            path
            for path in sorted(overrides.rglob("*"))
            if path.is_file()
            and path.resolve() != Path(os.path.abspath(path))
            and not path.resolve().is_relative_to(repository)
        ]
        if outside:
            raise TemplateOutside(outside[0])
        loaders.append(_inside_loader(overrides, repository))
    loaders.append(FileSystemLoader(str(files("verksamhetsplan.templates"))))
    environment = _sandbox()(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=output.endswith("html"),
        # Markdown has no autoescape: every value is escaped as it is written instead.
        finalize=_markdown_value if output.endswith("md") else None,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["richtext_html"] = _richtext_html
    environment.filters["richtext_md"] = _richtext_md
    return environment


class SafeMarkdown(str):
    """Markdown vp wrote itself from the safe model: written as it is, not escaped again."""


def _markdown_value(value: object) -> object:
    return value if isinstance(value, SafeMarkdown) else markdown_text(value)


def _richtext_html(blocks: Any, heading_level: int) -> Any:
    from markupsafe import Markup

    from .richtext import to_html

    return Markup(to_html(blocks, heading_level)) if blocks else ""


def _richtext_md(blocks: Any, heading_level: int) -> SafeMarkdown:
    from .richtext import to_markdown

    return SafeMarkdown(to_markdown(blocks, heading_level) if blocks else "")


class TemplateFailure(Exception):
    """A municipality's template that vp will not render (a link out, too costly)."""


class TemplateOutside(TemplateFailure):
    """A template in templates/ that links to a file outside the repository."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def template_error(error: Exception) -> str:
    """Where in which template an error is, and what it is, for the author of a template."""
    place = getattr(error, "filename", None) or getattr(error, "name", None)
    line = getattr(error, "lineno", None)
    trace = error.__traceback__
    while trace is not None:  # jinja2 puts the template's own file and line into the trace
        if trace.tb_frame.f_code.co_filename.endswith(".j2"):
            place, line = trace.tb_frame.f_code.co_filename, trace.tb_lineno
        trace = trace.tb_next
    where = f"{place}:{line}" if place and line else str(place or "rapportmallen")
    kind = (
        "använder ett värde som inte finns"
        if type(error).__name__ == "UndefinedError"
        else "är fel"
    )
    return f"{where}: mallen {kind} ({getattr(error, 'message', None) or error})"


# What a template may cost: a municipality's template is code from a pull request, and the
# sandbox alone stops neither a loop of loops nor 'x' * 4000000000.
MAX_SECONDS = 20
MAX_OUTPUT = 100_000_000  # characters of one rendered document
MAX_TEXT = 10_000_000  # characters of one value a template builds with * or **


class TemplateTooCostly(TemplateFailure):
    """A template that would take too long, grow too large or include itself."""


def _bounded(environment: Any, name: str, context: dict[str, Any]) -> str:
    """The template rendered within MAX_SECONDS and MAX_OUTPUT, or TemplateTooCostly."""
    template = environment.get_template(name)
    parts, size = [], 0
    try:
        with _deadline(name):
            for chunk in template.generate(**context):
                size += len(chunk)
                if size > MAX_OUTPUT:
                    raise TemplateTooCostly(
                        f"mallen {name} skriver mer än {MAX_OUTPUT // 1_000_000} miljoner tecken"
                    )
                parts.append(chunk)
    except RecursionError:
        raise TemplateTooCostly(
            f"mallen {name} tar med sig själv i en ändlös kedja (include eller extends)"
        ) from None
    return "".join(parts)


@contextlib.contextmanager
def _deadline(name: str) -> Iterator[None]:
    """An alarm after MAX_SECONDS; only the main thread can take a signal, so elsewhere (a
    web server's worker) the output limit is the only bound."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise TemplateTooCostly(f"mallen {name} tog längre än {MAX_SECONDS} sekunder")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _sandbox() -> Any:
    """jinja2's sandbox, with * and ** on text and lists bounded to MAX_TEXT."""
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment

    class Sandbox(SandboxedEnvironment):
        intercepted_binops = frozenset(["*", "**"])

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "*" and _too_long(left, right):
                raise SecurityError(
                    f"mallen bygger en text eller lista längre än {number(MAX_TEXT)} tecken"
                )
            if operator == "**" and isinstance(right, int) and abs(right) > 1000:
                raise SecurityError("mallen räknar med en för stor exponent")
            return super().call_binop(context, operator, left, right)

    return Sandbox


def _too_long(left: Any, right: Any) -> bool:
    for sequence, times in ((left, right), (right, left)):
        if isinstance(sequence, (str, list, tuple)) and isinstance(times, int):
            return len(sequence) * times > MAX_TEXT
    return False


def _inside_loader(folder: Path, repository: Path) -> Any:
    """The repository's templates/, read only where a template's real path stays inside the
    repository: a linked folder (templates/etc -> /etc) is refused when a template is taken
    from it, not only when it is listed."""
    from jinja2 import FileSystemLoader

    class Inside(FileSystemLoader):
        def get_source(self, environment: Any, template: str) -> Any:
            source, filename, uptodate = super().get_source(environment, template)
            if not Path(filename).resolve().is_relative_to(repository):
                raise TemplateOutside(Path(filename))
            return source, filename, uptodate

    return Inside(folder)


def template_failure(error: Exception) -> str:
    """What went wrong with a template, in Swedish, for its author."""
    if isinstance(error, TemplateOutside):
        return f"mallen {error.path} är en länk till en fil utanför planförrådet och läses inte"
    if isinstance(error, TemplateTooCostly):
        return f"{error}; vp avbröt den"
    return template_error(error)
