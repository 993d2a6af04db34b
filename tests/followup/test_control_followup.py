"""The internkontroll follow-up worked out by hand on the shipped example (Degerfors
Socialnämnden 2018): risk values and levels, the matrix, each control occasion's state on a
day, open and late actions, what `vp due` lists and what `vp lint` finds."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import textwrap

import pytest

from conftest import ROOT

EXAMPLE = ROOT / "internal-control/degerfors/socialnamnden-2018.yaml"


@pytest.fixture(scope="module")
def example():
    from verksamhetsplan.plan.control import load_control_plan

    loaded, problems = load_control_plan(EXAMPLE)
    assert problems == []
    return loaded


def follow(example, day: str, period: str | None = None):
    from verksamhetsplan.followup.control import follow_up

    return follow_up(example, dt.date.fromisoformat(day), period)


def test_risk_value_is_probability_times_consequence_and_its_level(example) -> None:
    found = {r.risk.id: (r.value, r.level) for r in follow(example, "2018-12-31").risks}
    assert found == {
        "dokumentation-sol": (12, "mycket hög"),  # 3 × 4
        "utbetalning-fbs": (9, "hög"),  # 3 × 3
        "informationssakerhet-treserva": (9, "hög"),
        "lakemedel": (8, "hög"),  # 2 × 4: exactly the band's lower bound
        "orosanmalningar": (8, "hög"),
        "attest-fakturor": (6, "medel"),  # 2 × 3
        "bemanning-sommar": (4, "medel"),  # 2 × 2: the lower bound of medel
        "rapportering-ivo": (3, "låg"),  # 1 × 3
    }
    # highest first, file order among equals
    assert [r.risk.id for r in follow(example, "2018-12-31").risks][:3] == [
        "dokumentation-sol",
        "utbetalning-fbs",
        "informationssakerhet-treserva",
    ]


def test_matrix_rows_are_probability_from_four_and_columns_consequence(example) -> None:
    matrix = follow(example, "2018-12-31").matrix()
    assert matrix[0] == [[], [], [], []]  # probability 4: nothing sannolik
    assert matrix[1][3] == ["dokumentation-sol"]  # probability 3, consequence 4
    assert sorted(matrix[1][2]) == ["informationssakerhet-treserva", "utbetalning-fbs"]
    assert sorted(matrix[2][3]) == ["lakemedel", "orosanmalningar"]  # 2, 4
    assert matrix[2][1] == ["bemanning-sommar"] and matrix[2][2] == ["attest-fakturor"]
    assert matrix[3][2] == ["rapportering-ivo"]  # probability 1, consequence 3
    assert sum(len(cell) for row in matrix for cell in row) == 8


@pytest.mark.parametrize(
    ("day", "period", "expected"),
    [
        # after the T2 results were written: every occasion up to August is reported
        ("2018-09-30", "2018-T2", {"no_remark": 3, "deviation": 3, "missing": 0, "planned": 0}),
        # before them: T2 ended 31 August, three occasions are late (fbs, treserva, lakemedel)
        ("2018-09-10", "2018-T2", {"no_remark": 1, "deviation": 2, "missing": 3, "planned": 0}),
        # the year on its last day: T3 and the year have not ended, lakemedel T3 is planned
        ("2018-12-31", None, {"no_remark": 6, "deviation": 4, "missing": 0, "planned": 1}),
        # the day after, it is missing
        ("2019-01-01", None, {"no_remark": 6, "deviation": 4, "missing": 1, "planned": 0}),
    ],
)
def test_control_occasions_by_state_on_a_day(example, day, period, expected) -> None:
    assert follow(example, day, period).counts() == expected


def test_a_control_is_as_bad_as_its_worst_occasion(example) -> None:
    states = {c.control.id: c.state for _, c in follow(example, "2019-01-01").controls()}
    assert states == {
        "sol-akter": "deviation",  # H1 deviation, H2 without remark
        "fbs-stickprov": "no_remark",
        "treserva-behorigheter": "deviation",
        "lakemedel-avvikelser": "missing",  # T2 fine, T3 never reported
        "attest-stickprov": "deviation",
    }


def test_actions_open_and_late_count_from_their_dates(example) -> None:
    def summary(day: str) -> list[tuple[str, bool]]:
        found = follow(example, day).actions()
        return sorted((a.action.id, a.overdue) for a in found if a.action.open_on(a_day(day)))

    def a_day(day: str) -> dt.date:
        return dt.date.fromisoformat(day)

    # treserva-rutin is done from 30 November; on 30 September it is open, due that day
    assert summary("2018-09-30") == [("treserva-rutin", False)]
    assert summary("2018-10-01") == [("treserva-rutin", True)]
    # after December's attest deviation its action is open until its date, then late
    assert summary("2018-12-31") == [("attestforteckning", False)]
    assert summary("2019-04-01") == [("attestforteckning", True)]


@pytest.fixture
def control_repo(repo_copy):
    shutil.copytree(ROOT / "internal-control", repo_copy / "internal-control")
    return repo_copy


def due_items(run_vp, period: str) -> list[dict]:
    result = run_vp("due", "--period", period, "--plan", "degerfors-sn-2018-2019", "-f", "json")
    items = json.loads(result.stdout)["problems"]
    return [i for i in items if i["code"] in ("VP606", "VP607")]


def test_due_lists_controls_not_reported_and_late_actions(run_vp, control_repo) -> None:
    year = due_items(run_vp, "2018")
    assert [(i["code"], i["message"]) for i in year] == [
        ("VP606", "kontrollen lakemedel-avvikelser saknar resultat för 2018-T3"),
        (
            "VP607",
            "åtgärden attestforteckning (attest-stickprov) skulle vara klar 2019-03-31",
        ),
    ]
    text = EXAMPLE.read_text().splitlines()
    assert "- id: lakemedel-avvikelser" in text[year[0]["line"] - 1]
    assert "due: 2019-03-31" in text[year[1]["line"] - 1]
    assert due_items(run_vp, "2018-T2") == []  # everything up to August is reported and done


LINT = textwrap.dedent(
    """\
    id: lint-ik-2018
    title: Internkontrollplan 2018
    organisation: Degerfors kommun
    board: Socialnämnden
    year: 2018
    scales:
      probability: [osannolik, mindre sannolik, möjlig, sannolik]
      consequence: [lindrig, kännbar, allvarlig, mycket allvarlig]
      control_from: 9
    risks:
      - id: hog-utan-kontroll
        process: P
        text: Riskvärde 9, lika med gränsen.
        category: finance
        probability: 3
        consequence: 3
        decision: control
      - id: under-gransen
        process: P
        text: Riskvärde 8, under gränsen 9.
        category: finance
        probability: 2
        consequence: 4
        decision: control
      - id: godtagen
        process: P
        text: Godtas utan skäl.
        category: legal
        probability: 1
        consequence: 1
        decision: accept
      - id: aterkommande
        process: P
        text: Samma avvikelse två gånger.
        category: it
        probability: 1
        consequence: 2
        decision: control
    controls:
      - id: behorighet
        risk: aterkommande
        what: Avstämning.
        method: reconciliation
        responsible: Systemförvaltare
        periods: [2018-T1, 2018-T2]
    results:
      - control: behorighet
        period: 2018-T1
        date: 2018-05-01
        by: Systemförvaltare
        outcome: deviation
      - control: behorighet
        period: 2018-T2
        date: 2018-09-01
        by: Systemförvaltare
        outcome: deviation
    """
)


def lint_findings(run_vp, root, text: str) -> list[tuple[str, str]]:
    path = root / "internal-control" / "degerfors" / "lint.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    result = run_vp("lint", "-f", "json")
    problems = json.loads(result.stdout)["problems"]
    return [(p["code"], p["message"]) for p in problems if p["file"].endswith("lint.yaml")]


def test_lint_finds_high_risk_without_control_acceptance_without_reason_and_recurrence(
    run_vp, repo_copy
) -> None:
    found = lint_findings(run_vp, repo_copy, LINT)
    assert [code for code, _ in found] == ["VP509", "VP510", "VP511"]
    assert "hog-utan-kontroll har riskvärdet 9 (3 × 3)" in found[0][1]
    assert "godtagen" in found[1][1]
    assert "2018-T1 och 2018-T2 utan någon åtgärd" in found[2][1]
    # an action on the second deviation answers it; a reason answers the acceptance
    answered = LINT.replace(
        "    date: 2018-09-01\n    by: Systemförvaltare\n    outcome: deviation\n",
        "    date: 2018-09-01\n    by: Systemförvaltare\n    outcome: deviation\n"
        "    actions:\n      - what: Ny rutin.\n        responsible: IT-chef\n"
        "        due: 2018-12-31\n",
    ).replace("    decision: accept\n", "    decision: accept\n    reason: Obetydlig.\n")
    assert [code for code, _ in lint_findings(run_vp, repo_copy, answered)] == ["VP509"]
    # the nämnd accepts a finding with its reason under the risk's lint:
    accepted = answered.replace(
        "    decision: control\n  - id: under",
        "    decision: control\n    lint: {VP509: Kontrolleras av revisionen 2018.}\n  - id: under",
    )
    assert lint_findings(run_vp, repo_copy, accepted) == []


def test_the_shipped_example_has_no_lint_findings(run_vp, in_repo) -> None:
    result = run_vp("lint", "-f", "json")
    files = {p["file"] for p in json.loads(result.stdout)["problems"]}
    assert not any(f.startswith("internal-control/") for f in files)
