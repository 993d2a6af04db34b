"""vp lint, the auditor's checklist, on the shipped plans (findings worked out by reading
them), on plans changed to trip each rule, and in git against the plan as adopted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SN = Path("plans/degerfors/socialnamnden-2018-2019.yaml")
BROMOLLA = Path("plans/bromolla/socialforvaltningen-2010-2011.yaml")


def _findings(run_vp, *args: str) -> tuple[int, dict]:
    result = run_vp("lint", "--format", "json", *args)
    return result.exit_code, json.loads(result.stdout)


def _by_code(found: dict, code: str) -> list[str]:
    return [f["message"] for f in found["problems"] if f["code"] == code]


def test_the_shipped_degerfors_plan(in_repo, run_vp) -> None:
    code, found = _findings(run_vp, "--plan", "degerfors-sn-2018-2019")
    assert code == 1
    # "Ökat med 10 %" and "minskar med 10 %" on shares: per cent or percentage points?
    assert [m.split()[1] for m in _by_code(found, "VP503")] == [
        "heltid-okning-2019",
        "forsorjningsstod-2018",
        "forsorjningsstod-2019",
    ]
    # Milestones whose only criterion is the goal's own text.
    assert [m.split()[1] for m in _by_code(found, "VP501")] == [
        "enhetschefer-ledarskap-2018",
        "trygg-utskrivning-2018",
        "integrationsplan-implementerad",
        "infocenter-2018",
    ]
    # 25 goals, none with a responsible person; two of them have two measures each.
    assert len(_by_code(found, "VP508")) == 25 - 2 + 4
    # The plan gives baseline_period 2017 and is bound to years; 13 goals is under 20.
    assert not {"VP502", "VP504", "VP507"} & {f["code"] for f in found["problems"]}


def test_the_shipped_bromolla_plan(in_repo, run_vp) -> None:
    _, found = _findings(run_vp, "--plan", "bromolla-sf-2010-2011")
    # Every goal is for the whole period 2010–2011.
    goals, _ = __import__("verksamhetsplan.plan.yaml_reader", fromlist=["x"]).read_file(BROMOLLA)
    assert len(_by_code(found, "VP504")) == len(goals["goals"]) == 15
    assert [m.split()[1] for m in _by_code(found, "VP506")] == ["valdeltagande", "trygghet"]
    assert _by_code(found, "VP501") == [
        "målet flexibla-scheman saknar ett mätbart målvärde: det anger ett tal men bedöms som "
        "milstolpe"
    ]


def test_limit_missing_baseline_and_accepted_findings(repo_copy, run_vp) -> None:
    text = SN.read_text(encoding="utf-8")
    text = text.replace("  baseline_period: 2017\n", "  max_goals: 12\n")
    text = text.replace(
        "    target: {kind: at_least, value: 40}\n",
        "    target: {kind: at_least, value: 40}\n"
        "    lint: {VP502: Antalet räknas från noll varje år.}\n",
    )
    SN.write_text(text, encoding="utf-8")
    assert run_vp("validate").exit_code == 0
    _, found = _findings(run_vp, "--plan", "degerfors-sn-2018-2019")
    assert _by_code(found, "VP507") == ["planen har 13 mål för 2018; gränsen är 12"]
    # Level goals without a baseline of their own, now that the plan gives none:
    # subventionerade-40-2018 accepts it with a reason; the others are findings.
    missing = [m.split()[1] for m in _by_code(found, "VP502")]
    assert "subventionerade-40-2018" not in missing
    assert {"sjuktal-2019", "individuell-plan-2018", "all-in-deltagare"} <= set(missing)
    (accepted,) = [a for a in found["accepted"] if a["code"] == "VP502"]
    assert accepted["reason"] == "Antalet räknas från noll varje år."
    text_result = run_vp("lint", "--plan", "degerfors-sn-2018-2019")
    assert "skäl: Antalet räknas från noll varje år." in text_result.stdout
    assert "1 fynd godtagna med skäl" in text_result.stdout


def test_a_share_target_that_says_which(repo_copy, run_vp) -> None:
    assert run_vp(
        "goal", "edit", "heltid-okning-2019",
        "--text", "Andelen heltidsanställningar har ökat med 10 procent.",
    ).exit_code == 0  # fmt: skip
    assert run_vp(
        "goal", "edit", "forsorjningsstod-2019", "--target", "minska 1 procentenheter",
        "--text", "Andelen hushåll med försörjningsstöd minskar med 1 procentenhet.",
    ).exit_code == 0  # fmt: skip
    _, found = _findings(run_vp, "--plan", "degerfors-sn-2018-2019")
    assert [m.split()[1] for m in _by_code(found, "VP503")] == ["forsorjningsstod-2018"]


def test_key_figures_changed_since_adoption(repo_copy, run_vp, monkeypatch) -> None:
    for key in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{key}_NAME", "Anna Berg")
        monkeypatch.setenv(f"GIT_{key}_EMAIL", "anna@example.se")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(repo_copy.parent))
    subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run(["git", "add", "-A"], check=True)
    subprocess.run(["git", "commit", "-qm", "Antagen"], check=True)
    adopted = subprocess.run(
        ["git", "rev-parse", "--short=7", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert run_vp("indicator", "edit", "antal-avvikelser", "--unit", "index").exit_code == 0
    subprocess.run(["git", "commit", "-qam", "Nytt mått"], check=True)
    text = SN.read_text(encoding="utf-8").replace("id: kostnader-hemgang", "id: hemgang-kostnad")
    SN.write_text(text.replace("indicator: kostnader-hemgang", "indicator: hemgang-kostnad"))
    for data in Path("indicators-data").rglob("*.csv"):
        data.write_bytes(data.read_bytes().replace(b"kostnader-hemgang", b"hemgang-kostnad"))
    _, found = _findings(run_vp, "--plan", "degerfors-sn-2018-2019")
    # Sorted by place: the lost id is reported at `indicators:`, before the items.
    assert _by_code(found, "VP505") == [
        f"nyckeltalet kostnader-hemgang i den antagna planen ({adopted}) heter nu hemgang-kostnad",
        f"nyckeltalet antal-avvikelser har ändrats sedan den antagna planen ({adopted}): "
        "enhet count → index",
    ]
    # Against the latest commit instead, the unit change is already in it.
    head = subprocess.run(
        ["git", "rev-parse", "--short=7", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    _, since = _findings(run_vp, "--plan", "degerfors-sn-2018-2019", "--since", "HEAD")
    assert _by_code(since, "VP505") == [
        f"nyckeltalet kostnader-hemgang i den antagna planen ({head}) heter nu hemgang-kostnad"
    ]


def test_outside_git_the_comparison_is_said_to_be_skipped(repo_copy, run_vp, monkeypatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(repo_copy.parent))
    result = run_vp("lint", "--plan", "degerfors-sn-2018-2019")
    assert "inget git-förråd" in result.stderr and "VP505" in result.stderr


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_formats(in_repo, run_vp, fmt) -> None:
    result = run_vp("lint", "--plan", "degerfors-sn-2018-2019", "--format", fmt)
    first = result.stdout.splitlines()[0]
    if fmt == "github":
        assert first.startswith("::warning file=plans/degerfors/socialnamnden-2018-2019.yaml,")
    else:
        line = _line_of("- id: heltid-modell-2018")
        assert first.startswith(f"plans/degerfors/socialnamnden-2018-2019.yaml:{line}:9: VP508")
    assert result.stdout.rstrip().endswith("fynd i 1 fil.")


def test_the_opt_in_hook_stops_a_goal_nobody_owns(tmp_path, monkeypatch, run_vp) -> None:
    """`vp init --lint` puts vp lint in pre-commit; its entry passes the example plan and
    stops once a goal without a responsible person is added."""
    assert run_vp("init", str(tmp_path / "ny"), "--lint").exit_code == 0
    config = (tmp_path / "ny" / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "      - id: vp-lint\n        name: vp lint\n        entry: vp lint\n" in config
    monkeypatch.chdir(tmp_path / "ny")
    vp = str(Path(sys.executable).parent / "vp")
    assert subprocess.run([vp, "lint"], capture_output=True, check=False).returncode == 0
    year = json.loads(run_vp("status", "-f", "json").stdout)["plans"][0]["year"]
    added = run_vp(
        "goal", "add", "--area", "trygg-omsorg", "--year", str(year),
        "--text", "Alla enheter har en rutin för värdegrundsarbete.",
        "--target", "milstolpe", "--criterion", "Varje enhet har en skriftlig rutin.",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    stopped = subprocess.run([vp, "lint"], capture_output=True, text=True, check=False)
    assert stopped.returncode == 1
    assert f"VP508: målet alla-enheter-har-en-rutin-{year} saknar ansvarig" in stopped.stdout
    without = run_vp("init", str(tmp_path / "utan"))
    assert without.exit_code == 0
    plain = (tmp_path / "utan" / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "      # - id: vp-lint\n" in plain


def _line_of(text: str) -> int:
    """The line of the shipped Degerfors plan that holds `text`, counted from 1."""
    from conftest import ROOT

    plan = ROOT / "plans" / "degerfors" / "socialnamnden-2018-2019.yaml"
    return next(n for n, line in enumerate(plan.read_text("utf-8").splitlines(), 1) if text in line)
