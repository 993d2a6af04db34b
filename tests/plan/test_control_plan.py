"""The internkontrollplan's format and checks: `vp validate` on bad input gives located
Swedish messages and exit 1; the shipped example is valid."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT

PLAN = textwrap.dedent(
    """\
    id: test-ik-2018
    title: Internkontrollplan 2018
    organisation: Degerfors kommun
    board: Socialnämnden
    plan: degerfors-sn-2018-2019
    year: 2018
    scales:
      probability: [osannolik, mindre sannolik, möjlig, sannolik]
      consequence: [lindrig, kännbar, allvarlig, mycket allvarlig]
    risks:
      - id: utbetalning
        process: Utbetalning av försörjningsstöd
        text: Fel belopp betalas ut.
        category: finance
        probability: 3
        consequence: 3
        decision: control
    controls:
      - id: stickprov
        risk: utbetalning
        what: Tio utbetalningar per tertial.
        method: sample
        responsible: Enhetschef
        periods: [2018-T1, 2018-T2]
    results:
      - control: stickprov
        period: 2018-T1
        date: 2018-05-08
        by: Enhetschef
        outcome: deviation
        comment: Två saknade underlag.
        actions:
          - what: Ny checklista.
            responsible: Enhetschef
            due: 2018-09-30
    """
)


def write_plan(root: Path, text: str = PLAN) -> Path:
    path = root / "internal-control" / "degerfors" / "sn-2018.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems(validate_json, path: Path) -> list[dict]:
    code, report = validate_json(path)
    assert code == 1
    return report["problems"]


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_the_shipped_internkontrollplan_is_valid(validate_json, in_repo) -> None:
    code, report = validate_json("internal-control")
    assert code == 0, report["problems"]
    assert "internal-control/degerfors/socialnamnden-2018.yaml" in report["files"]


def test_a_good_plan_is_valid(validate_json, repo_copy) -> None:
    code, report = validate_json(write_plan(repo_copy))
    assert (code, report["problems"]) == (0, [])


def test_probability_outside_the_scale_names_the_scale(validate_json, repo_copy) -> None:
    path = write_plan(repo_copy, PLAN.replace("probability: 3", "probability: 5"))
    [found] = problems(validate_json, path)
    assert found["code"] == "VP801"
    assert found["line"] == line_of(path, "probability: 5")
    assert "sannolikheten 5 ligger utanför skalan 1–4" in found["message"]
    assert "1 osannolik, 2 mindre sannolik, 3 möjlig, 4 sannolik" in found["hint"]


def test_a_scale_needs_four_steps(validate_json, repo_copy) -> None:
    path = write_plan(
        repo_copy, PLAN.replace("[lindrig, kännbar, allvarlig, mycket allvarlig]", "[låg, hög]")
    )
    [found] = problems(validate_json, path)
    assert found["line"] == line_of(path, "consequence: [låg")
    assert found["code"].startswith("VP1")


def test_a_control_for_an_unknown_risk(validate_json, repo_copy) -> None:
    path = write_plan(repo_copy, PLAN.replace("risk: utbetalning", "risk: utbetalningar"))
    [found] = problems(validate_json, path)
    assert (found["code"], found["line"]) == ("VP202", line_of(path, "risk: utbetalningar"))
    assert "utbetalningar" in found["message"] and "utbetalning" in found["hint"]


def test_a_result_for_a_period_the_control_is_not_planned_for(validate_json, repo_copy) -> None:
    path = write_plan(repo_copy, PLAN.replace("period: 2018-T1", "period: 2018-T3"))
    [found] = problems(validate_json, path)
    assert (found["code"], found["line"]) == ("VP802", line_of(path, "period: 2018-T3"))
    assert "2018-T1, 2018-T2" in found["hint"]


ACTION = "        responsible: Enhetschef\n        due: 2018-09-30\n"


@pytest.mark.parametrize(
    ("kept", "missing"),
    [("        due: 2018-09-30\n", "responsible"), ("        responsible: Enhetschef\n", "due")],
)
def test_an_action_needs_responsible_and_date(validate_json, repo_copy, kept, missing) -> None:
    assert PLAN.count(ACTION) == 1
    path = write_plan(repo_copy, PLAN.replace(ACTION, kept))
    [found] = problems(validate_json, path)
    assert found["code"] == "VP102"
    assert missing in found["message"]
    assert found["line"] == line_of(path, "- what: Ny checklista.")


def test_a_result_dated_in_the_future(validate_json, repo_copy) -> None:
    later = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    path = write_plan(repo_copy, PLAN.replace("date: 2018-05-08", f"date: {later}"))
    [found] = problems(validate_json, path)
    assert (found["code"], found["line"]) == ("VP803", line_of(path, f"date: {later}"))


def test_an_unknown_key_and_a_wrong_board_plan(validate_json, repo_copy) -> None:
    text = PLAN.replace("plan: degerfors-sn-2018-2019", "plan: degerfors-xx").replace(
        "    method: sample", "    metod: sample\n    method: sample"
    )
    path = write_plan(repo_copy, text)
    found = {p["code"]: p for p in problems(validate_json, path)}
    assert found["VP101"]["line"] == line_of(path, "metod:")
    # the reference is judged only once the file loads; here the unknown key stops it
    path = write_plan(repo_copy, PLAN.replace("plan: degerfors-sn-2018-2019", "plan: degerfors-xx"))
    [missing] = problems(validate_json, path)
    assert (missing["code"], missing["line"]) == ("VP202", line_of(path, "plan: degerfors-xx"))


def test_validate_with_no_path_checks_the_internkontrollplaner(run_vp, repo_copy) -> None:
    write_plan(repo_copy, PLAN.replace("probability: 3", "probability: 0"))
    result = run_vp("validate", "--format", "json")
    assert result.exit_code == 1
    assert [p["code"] for p in json.loads(result.stdout)["problems"]] == ["VP801"]


def test_the_schema_of_the_example_is_what_vp_reads() -> None:
    from verksamhetsplan.plan.control import load_control_plan

    loaded, found = load_control_plan(ROOT / "internal-control/degerfors/socialnamnden-2018.yaml")
    assert found == [] and loaded is not None
    assert len(loaded.plan.risks) == 8
