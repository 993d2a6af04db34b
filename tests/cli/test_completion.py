"""Tab completion: the scripts for bash, zsh and fish, and ids completed from the plans."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT


def complete(*words: str) -> list[str]:
    """What bash would be offered for the last word, as vp answers the completion script."""
    env = {
        **os.environ,
        "_VP_COMPLETE": "complete_bash",
        "COMP_WORDS": " ".join(["vp", *words]),
        "COMP_CWORD": str(len(words)),
    }
    script = "from verksamhetsplan.cli import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    return result.stdout.split()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["sta"], ["status"]),
        (["explain", "forsorjningsstod-"], ["forsorjningsstod-2018", "forsorjningsstod-2019"]),
        (["assess", "koll-h"], ["koll-huvudverktyg-2018"]),
        (
            ["status", "--plan", "degerfors-"],
            ["degerfors-kf-2018-2019", "degerfors-sn-2018-2019", "degerfors-voo-2018-2019"],
        ),
        (["status", "--area", "minskat-u"], ["minskat-utanforskap"]),
        (["activity", "ko"], ["koll"]),
        (
            ["data", "add", "sjukfranvaro-"],
            ["sjukfranvaro-korttid", "sjukfranvaro-langtid", "sjukfranvaro-total"],
        ),
    ],
)
def test_ids_are_completed_from_the_plans(words, expected):
    assert complete(*words) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ([""], None),  # every command: the list below is checked against vp --help
        (["data", ""], ["add", "remove", "import", "fetch"]),
        (["--"], ["--version", "--help"]),
        (["status", "--are"], ["--area"]),
        (["--version", "sta"], ["vp", "0.2.0", "status"]),  # typer's own answer, unchanged
    ],
)
def test_commands_and_options_are_completed(run_vp, words, expected):
    """Only the command being completed is built (see cli.complete.narrow): what is offered
    must still be every command, every subcommand of a group and every option."""
    if expected is None:
        shown = run_vp("--help").stdout.split("Kommandon:")[1]
        expected = [line.split()[0] for line in shown.splitlines() if line.strip()]
        assert len(expected) > 20
        assert sorted(complete(*words)) == sorted(expected)
    else:
        assert complete(*words) == expected


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_completion_script_for_each_shell(run_vp, shell):
    result = run_vp("completion", shell)
    assert result.exit_code == 0
    assert "_VP_COMPLETE" in result.stdout
    assert "complete_" + shell in result.stdout
