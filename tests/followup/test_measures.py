"""Goals with several measures: the verdict rules, worked out by hand per line."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from verksamhetsplan.data.observation import Observation
from verksamhetsplan.followup.measures import combine, evaluate_goal
from verksamhetsplan.followup.thresholds import Result
from verksamhetsplan.plan.goals import Goal
from verksamhetsplan.plan.model import Indicator
from verksamhetsplan.plan.vocabulary import ActivityStatus, VerdictRule

A, P, N, D = Result.ACHIEVED, Result.PARTIAL, Result.NOT_ACHIEVED, Result.NO_DATA
ALL, ANY, AT_LEAST = VerdictRule.ALL, VerdictRule.ANY, VerdictRule.AT_LEAST


def judged(*statuses: Result) -> list:
    return [(None, s) for s in statuses]


@pytest.mark.parametrize(
    ("rule", "count", "statuses", "expected"),
    [
        (ALL, None, (A, A), A),  # both met
        (ALL, None, (A, N), P),  # one of two: partly
        (ALL, None, (N, N), N),
        (ALL, None, (P, N), P),
        # One unknown: if it were met the goal is achieved, if not it is partial: unknown.
        (ALL, None, (A, D), D),
        # One partial: the goal can at best be partial, and at worst it is partial: partial.
        (ALL, None, (P, D), P),
        (ANY, None, (N, A), A),
        (ANY, None, (N, N), N),
        (ANY, None, (P, N), P),
        (ANY, None, (A, D), A),  # one met decides, whatever the other
        (ANY, None, (N, D), D),  # could still be met
        (AT_LEAST, 2, (A, A, N), A),  # 2 of 3
        (AT_LEAST, 2, (A, N, N), P),
        (AT_LEAST, 2, (A, A, D), A),
        (AT_LEAST, 3, (A, A, D), D),  # the third decides between achieved and partial
        (AT_LEAST, 2, (N, N, D), D),  # best case 1 met: partial; worst: not achieved
    ],
)
def test_combine(rule, count, statuses, expected):
    assert combine(rule, count, judged(*statuses))[0] is expected


def indicator(**changes) -> Indicator:
    data = {"id": "deltagare", "title": "Deltagare", "unit": "count", "frequency": "year"}
    return Indicator.model_validate({**data, "better": "higher", **changes})


def goal(**changes) -> Goal:
    data = {
        "id": "all-in",
        "area": "integration",
        "year": 2018,
        "text": "All In är etablerat och fungerar bra. Minst 30 deltagare har deltagit.",
        "measures": [
            {
                "id": "etablerat",
                "text": "All In är etablerat och fungerar bra.",
                "target": {"kind": "milestone", "criteria": ["Etablerat."]},
            },
            {
                "id": "deltagare",
                "text": "Minst 30 deltagare har deltagit.",
                "indicator": "deltagare",
                "target": {"kind": "at_least", "value": 30},
            },
        ],
    }
    return Goal.model_validate({**data, **changes})


def run(g: Goal, value: float, as_of=dt.date(2019, 3, 1), activities=()) -> object:
    series = [Observation("2018", value)]
    return evaluate_goal(
        g,
        2018,
        lambda ref: indicator(),
        lambda i, gender: series,
        as_of,
        activity_statuses=activities,
    )


def test_each_measure_is_judged_and_the_goal_by_the_rule():
    # 34 ≥ 30: the count is met; the milestone follows its activity (done: met).
    e = run(goal(), 34, activities=(ActivityStatus.DONE,))
    assert [(m.measure.id, m.status) for m in e.measures] == [("etablerat", A), ("deltagare", A)]
    assert e.status is A and e.reason == "2 av 2 mått nådda; alla 2 mått ska nås"
    # 24 of 30: the count is not met (no baseline, so no partial); the milestone met: partial.
    e = run(goal(), 24, activities=(ActivityStatus.DONE,))
    assert [m.status for m in e.measures] == [A, N]
    assert e.status is P


def test_a_measure_is_judged_by_its_own_assessment_and_only_from_its_date():
    assessed = goal(
        assessments=[
            {"period": 2018, "measure": "etablerat", "status": "achieved", "date": "2019-01-20"}
        ]
    )
    before = run(assessed, 34, as_of=dt.date(2019, 1, 19))
    assert [m.status for m in before.measures] == [D, A] and before.status is D
    after = run(assessed, 34, as_of=dt.date(2019, 1, 20))
    assert [m.status for m in after.measures] == [A, A] and after.status is A


def test_the_assessment_rule_needs_a_person():
    by_person = goal(verdict={"rule": "assessment"})
    assert run(by_person, 34).status is D
    judged_goal = goal(
        verdict={"rule": "assessment"},
        assessments=[{"period": 2018, "status": "partial", "date": "2019-02-01"}],
    )
    e = run(judged_goal, 34)
    assert e.status is P and e.assessed  # no reason needed: the rule says a person decides


def test_a_goal_level_override_needs_a_reason():
    # Computed: achieved (34 ≥ 30, activity done). An assessment saying partial without a
    # reason is shown but does not change the status.
    g = goal(assessments=[{"period": 2018, "status": "partial", "date": "2019-02-01"}])
    e = run(g, 34, activities=(ActivityStatus.DONE,))
    assert e.status is A and e.override_without_reason


def test_measures_in_json_csv_explain_and_report(repo_copy, run_vp):
    result = run_vp("status", "--format", "json", "--year", "2018", "--as-of", "2019-03-01")
    plans = json.loads(result.stdout)["plans"]
    goal_record = next(g for p in plans for g in p["goals"] if g["goal"] == "all-in-2018")
    assert goal_record["target_kind"] == "measures"
    assert goal_record["target_text"] == "alla 2 mått ska nås"
    assert [(m["measure"], m["status"], m["target"]) for m in goal_record["measures"]] == [
        ("all-in-etablerat", "no_data", None),
        ("all-in-deltagare", "achieved", 30.0),  # 34 deltagare in December 2018
    ]
    explained = run_vp("explain", "all-in-2018", "--as-of", "2019-03-01").stdout
    assert "Målet följs upp med 2 mått; alla 2 mått ska nås." in explained
    assert "Mått all-in-deltagare:" in explained and "Målet i ord: minst 30" in explained
    result = "Resultat för målet: ? ej mätbart – alla 2 mått ska nås, och måttet ”Deltagande i"
    assert f"{result} ESF-projektet ”All In” är etablerat och fungerar bra.” saknar underlag" in (
        explained
    )
    report = run_vp(
        "report", "--year", "2018", "--plan", "degerfors-sn-2018-2019", "--format", "md", "-o", "-"
    )
    assert "- **Mått** (alla 2 mått ska nås):" in report.stdout
    assert "✔ uppnått: Minst 30 deltagare har deltagit. – minst 30" in report.stdout
