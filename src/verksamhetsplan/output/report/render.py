"""The report's templates: rendering the report context as HTML, Markdown or the method
text in jinja2's sandbox, with the municipality's own templates and the safe-Markdown
filters for the administration's analysis."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ...common.swedish import markdown_text

TEMPLATES = {
    "html": "report.html.j2",
    "md": "report.md.j2",
    "text": "partials/method.j2",
    "council-html": "council.html.j2",
    "council-md": "council.md.j2",
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
    return str(environment.get_template(TEMPLATES[output]).render(**context))


def site_renderer(overrides: Path | None) -> Any:
    """A function rendering one of the site's templates (HTML, sandboxed like the report's)."""
    environment = _environment("site-html", overrides)

    def render_page(name: str, **context: Any) -> str:
        return str(environment.get_template(f"site/{name}").render(**context))

    return render_page


def _environment(output: str, overrides: Path | None) -> Any:
    from importlib.resources import files

    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

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
        loaders.append(FileSystemLoader(overrides))
    loaders.append(FileSystemLoader(str(files("verksamhetsplan.templates"))))
    environment = SandboxedEnvironment(
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


class TemplateOutside(Exception):
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
