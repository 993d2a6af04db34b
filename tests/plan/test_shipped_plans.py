"""The shipped plans against their sources in shared/seeds: nothing lost, nothing invented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from verksamhetsplan.plan.goals import Milestone
from verksamhetsplan.plan.load import load_plan
from verksamhetsplan.plan.model import Plan, iter_areas
from verksamhetsplan.plan.vocabulary import Frequency

DEGERFORS = ROOT / "plans" / "degerfors" / "socialnamnden-2018-2019.yaml"
DEGERFORS_KF = ROOT / "plans" / "degerfors" / "kommunfullmaktige-2018-2019.yaml"
BROMOLLA = ROOT / "plans" / "bromolla" / "socialforvaltningen-2010-2011.yaml"
DEGERFORS_SEED = SEEDS / "degerfors-socialnamnden-verksamhetsplan-2018-2019.md"
BROMOLLA_SEED = SEEDS / "bromolla-socialforvaltningen-handlingsplan-2010-2011.txt"

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds ligger inte bredvid")

# Evident typos in the seed: the goal's text keeps them (it is the text as adopted), its
# short text has the corrected spelling.
CORRECTIONS = {"sjuväts": "sjösatt", "Civilsambället": "civilsamhället"}


def _plan(path: Path) -> Plan:
    plan_file, problems = load_plan(path)
    assert problems == []
    assert plan_file is not None
    return plan_file.plan


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("*", "")).strip().rstrip(".")


@needs_seeds
def test_every_goal_text_is_the_seeds_own_wording() -> None:
    for plan_path, seed_path in ((DEGERFORS, DEGERFORS_SEED), (BROMOLLA, BROMOLLA_SEED)):
        seed = _normal(seed_path.read_text(encoding="utf-8"))
        for goal in _plan(plan_path).goals:
            assert _normal(goal.text) in seed, goal.id
    for goal in _plan(DEGERFORS).goals:
        for wrong, right in CORRECTIONS.items():
            if wrong in goal.text:
                assert goal.short is not None and right in goal.short, goal.id


def test_shipped_plans_validate_strictly(run_vp) -> None:
    result = run_vp("validate", "--strict", str(ROOT / "plans"))
    assert result.exit_code == 0, result.stdout
    assert "4 filer" in result.stdout


@needs_seeds
def test_every_degerfors_goal_of_the_seed_is_in_the_plan() -> None:
    seed = DEGERFORS_SEED.read_text(encoding="utf-8")
    body = seed[seed.index("#### Attraktivitet") : seed.index("### Sammanställning av mål")]
    seed_goals: dict[int, list[str]] = {2018: [], 2019: []}
    year = None
    for line in (raw.strip() for raw in body.splitlines()):
        heading = re.search(r"Mål (\d{4}):", line)
        if heading:
            year = int(heading[1])
        elif line.startswith("*") and not line.startswith("**") and year is not None:
            seed_goals[year].append(_normal(line))  # the goals are the italic lines
        elif line:
            year = None
    plan = _plan(DEGERFORS)
    ours = {year: [_normal(g.text) for g in plan.goals if year in g.years] for year in seed_goals}
    assert len(seed_goals[2018]) == 13 and len(seed_goals[2019]) == 12
    for year, texts in seed_goals.items():
        assert sorted(ours[year]) == sorted(texts), year


@needs_seeds
def test_every_key_figure_of_the_appendix_keeps_its_area_and_frequency() -> None:
    seed = DEGERFORS_SEED.read_text(encoding="utf-8")
    table = seed[seed.index("Målområde\tNyckeltal\tRedovisas") : seed.index("### Strategiska")]
    words = {"Månad": Frequency.MONTH, "Kvartal": Frequency.QUARTER, "År": Frequency.YEAR}
    plan = _plan(DEGERFORS)
    area_titles = {area.id: area.title for area, _ in iter_areas(plan.areas)}
    by_title = {i.title: i for i in plan.indicators}
    rows, area = [], None
    for line in table.splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) < 3 or not cells[1].strip():
            continue
        area = cells[0].strip() or area
        rows.append((area, cells[1].strip(), cells[2].strip()))
    assert len(rows) == 17
    for area_title, title, frequency in rows:
        indicator = by_title[title]
        assert indicator.key_figure
        # The seed abbreviates area names ("Minskat utanförskap – ökat innanförskap").
        assert area_titles[indicator.area or ""].split()[0] == area_title.split()[0]
        if frequency:  # one row has no frequency in the seed; the YAML says which it chose
            assert indicator.frequency is words[frequency]
    assert sum(i.key_figure for i in plan.indicators) == 17


@needs_seeds
def test_every_strategic_activity_of_the_seed_is_in_the_plan() -> None:
    seed = DEGERFORS_SEED.read_text(encoding="utf-8")
    table = seed[seed.index("Målområde\tAktivitet") :]
    seed_texts = [_normal(line.split("\t")[1]) for line in table.splitlines()[1:] if "\t" in line]
    plan = _plan(DEGERFORS)
    assert sorted(_normal(a.text) for a in plan.activities) == sorted(seed_texts)


def test_degerfors_areas_serve_the_council_development_areas() -> None:
    kf = _plan(DEGERFORS_KF)
    plan = _plan(DEGERFORS)
    development = {g.id for g in kf.council_goals if g.kind.value == "development_area"}
    assert development == {"attraktivitet", "kvalitet", "integration"}
    served = {ref.split("/")[1] for area in plan.areas for ref in area.serves}
    assert development <= served
    assert kf.vision and "lättbodd" in kf.vision


def test_degerfors_goal_kinds_are_explicit() -> None:
    plan = _plan(DEGERFORS)
    parts = [part for g in plan.goals for part in g.parts()]
    milestones = [p for p in parts if isinstance(p.target, Milestone)]
    measurable = [p for p in parts if not isinstance(p.target, Milestone)]
    assert all(p.target.criteria for p in milestones if isinstance(p.target, Milestone))
    assert all(p.indicator for p in measurable)
    # The seed's two-part goals are goals with two measures, both to be met.
    two_parts = {g.id: g for g in plan.goals if g.measures}
    assert set(two_parts) == {"all-in-2018", "introduktionsanstallningar-2018"}
    for goal in two_parts.values():
        kinds = [m.target.kind for m in goal.measures]
        assert kinds == ["milestone", "at_least"]
        assert goal.verdict is not None and goal.verdict.rule == "all"
    repeated = {g.id: g for g in plan.goals}["forsorjningsstod-2019"]
    assert repeated.baseline is not None and repeated.baseline.previous_year


@needs_seeds
def test_bromolla_has_all_council_goals_and_focus_areas() -> None:
    seed = BROMOLLA_SEED.read_text(encoding="utf-8")
    seed_goals = [
        line.strip("· ").strip().rstrip(".")
        for line in seed[
            seed.index("Denna version innefattar") : seed.index("3. Insats")
        ].splitlines()
        if line.strip().startswith("·")
    ]
    plan = _plan(BROMOLLA)
    assert [g.title for g in plan.council_goals] == seed_goals
    seed_numbers = set(re.findall(r"^(3\.\d(?:\.\d)?)\b", seed, re.M))
    our_numbers = {area.number for area, _ in iter_areas(plan.areas)}
    assert our_numbers == seed_numbers
    assert plan.contact is not None and plan.contact.name == "Jennika Anderberg"
    assert [str(r.date) for r in plan.revisions] == ["2010-03-09"]


def test_bromolla_coverage_gap_is_data() -> None:
    plan = _plan(BROMOLLA)
    served = {ref for area, _ in iter_areas(plan.areas) for ref in area.serves}
    unserved = [g.id for g in plan.council_goals if g.id not in served]
    assert unserved == ["valdeltagande", "trygghet"]


def test_bromolla_goals_have_method_as_the_plan_requires() -> None:
    plan = _plan(BROMOLLA)
    assert plan.follow_up.requires_method
    assert plan.goals and all(g.method for g in plan.goals)
    assert all(g.years == [2010, 2011] for g in plan.goals)


def test_a_baseline_choice_that_changes_a_verdict_is_stated_in_report_and_explain(
    run_vp, monkeypatch
):
    monkeypatch.chdir(ROOT)
    report = run_vp(
        "report", "--year", "2019", "--plan", "degerfors-sn-2018-2019", "-f", "md", "-o", "-"
    )
    assert "- **Basvärdet:** Heltidsmodellen tas fram 2018" in report.stdout
    explained = run_vp("explain", "heltid-okning-2019").stdout
    assert "Basvärdets val: Heltidsmodellen tas fram 2018" in explained
