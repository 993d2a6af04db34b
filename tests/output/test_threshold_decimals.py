"""A value judged exactly at a declared threshold is printed with the decimals that let the
reader redo the judgement: 0,364 against 0,4 at 91 % (0,91 × 0,4 = 0,364, delvis uppnått)
is printed 0,364, since 0,36 would read as below the threshold."""

from __future__ import annotations

from fractions import Fraction

from verksamhetsplan.followup.thresholds import Rule, decimals_to_judge, edges
from verksamhetsplan.plan.vocabulary import Better, PartialKind

PLAN = """id: test-plan
kind: verksamhetsplan
title: Testplan
organisation: Testkommun
period: {start: 2018, end: 2018}
follow_up:
  partial: {kind: share_of_target, percent: 91}
areas:
  - id: omrade
    title: Område
indicators:
  - id: andel
    title: Andel
    unit: percent
    frequency: year
    better: higher
goals:
  - id: mal
    area: omrade
    year: 2018
    text: Andelen är minst 0,4 procent.
    indicator: andel
    target: {kind: at_least, value: 0.4}
"""


def test_the_decimals_follow_the_limits() -> None:
    rule = Rule(PartialKind.SHARE_OF_TARGET, Fraction(91))
    limits = edges(0.4, None, Better.HIGHER, rule)
    assert limits == [Fraction(2, 5), Fraction(91, 250)]  # 0,4 and 0,364
    assert decimals_to_judge(0.364, limits) == 3  # 0,36 < 0,364 ≤ 0,364
    assert decimals_to_judge(0.3639, limits) == 2  # 0,36 is below, as 0,3639 is
    assert decimals_to_judge(0.3641, limits) == 3  # above: 0,364, not 0,36
    assert decimals_to_judge(0.35, limits) == 2  # far from every limit
    way = Rule(PartialKind.SHARE_OF_WAY, Fraction(50))
    assert edges(10, 2, Better.HIGHER, way) == [Fraction(10), Fraction(6)]
    assert edges(5.4, 6, Better.LOWER, way) == [Fraction(27, 5), Fraction(57, 10)]


def _report(tmp_path, monkeypatch, run_vp, value: str) -> str:
    """The year's Markdown report of the plan above with one outcome."""
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "indicators-data").mkdir()
    (tmp_path / "indicators-data" / "data.csv").write_text(
        f"indicator,period,value\nandel,2018,{value}\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert run_vp("validate").exit_code == 0
    report = run_vp("report", "--year", "2018", "--as-of", "2019-03-01", "-f", "md", "-o", "-")
    assert report.exit_code == 0, report.output
    return report.stdout.replace("\u00a0", " ")


def test_the_report_prints_0_364(tmp_path, monkeypatch, run_vp) -> None:
    text = _report(tmp_path, monkeypatch, run_vp, "0.364")
    assert "**Utfall:** 0,364 %" in text
    assert "◐ delvis uppnått" in text


def test_a_value_of_31_digits_is_judged_and_printed(tmp_path, monkeypatch, run_vp) -> None:
    # 10^30 has 31 digits, more than decimal's default 28 of precision: rounded like any other.
    assert decimals_to_judge(1e30, [Fraction(10**30), Fraction(91 * 10**28)]) == 2
    text = _report(tmp_path, monkeypatch, run_vp, "1" + "0" * 30)
    assert "**Utfall:** 1 000 000 000 000 000 000 000 000 000 000 %" in text
    assert "✔ uppnått" in text
