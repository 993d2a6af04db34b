"""vp completion: the tab-completion script for a shell."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from . import app


class Shell(StrEnum):
    BASH = "bash"
    ZSH = "zsh"
    FISH = "fish"


@app.command()
def completion(
    shell: Annotated[
        Shell,
        typer.Argument(
            metavar="bash|zsh|fish", help="Skalet: bash, zsh eller fish.", show_default=False
        ),
    ],
) -> None:
    """Skriv ut skriptet för tabbkomplettering av kommandon, flaggor och id (planer, mål,
    områden, nyckeltal, aktiviteter) ur planförrådet.

    Till exempel: eval "$(vp completion bash)" i ~/.bashrc, eval "$(vp completion zsh)" i
    ~/.zshrc, eller vp completion fish > ~/.config/fish/completions/vp.fish.
    """
    from typer._completion_shared import get_completion_script

    typer.echo(
        get_completion_script(prog_name="vp", complete_var="_VP_COMPLETE", shell=shell.value)
    )
