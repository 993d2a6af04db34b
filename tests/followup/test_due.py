"""vp due: what is missing before a period's report, worked out by hand on the shipped
Degerfors plan, in the three formats, and nothing due once everything is done."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import ROOT

SN_ID = "degerfors-sn-2018-2019"


def _due(run_vp, *args: str) -> tuple[int, dict]:
    result = run_vp("due", "--plan", SN_ID, "--format", "json", *args)
    return result.exit_code, json.loads(result.stdout)


def _ids(items: list[dict], code: str) -> list[str]:
    return [i["message"].split()[1] for i in items if i["code"] == code]


def test_what_is_due_before_the_delarsrapport(repo_copy, run_vp) -> None:
    shutil.copytree(ROOT / "analyses", repo_copy / "analyses")
    code, found = _due(run_vp, "--period", "2018-T2")
    assert code == 1
    (plan,) = found["plans"]
    assert plan["period"] == "2018-T2" and plan["since"] == "2018-05-01"
    items = plan["items"]
    # 2018's milestones (and goals with a milestone measure) without a 2018-T2 assessment:
    # koll-installerat-2018 has one (2018-08-31); heltid-modell-2018's is for 2018 only.
    assert _ids(items, "VP602") == [
        "heltid-modell-2018",
        "koll-huvudverktyg-2018",
        "medarbetarskap-projekt-2018",
        "enhetschefer-ledarskap-2018",
        "trygg-utskrivning-2018",
        "all-in-2018",
        "introduktionsanstallningar-2018",
        "infocenter-2018",
    ]
    # The measured 2018 goals are subventionerade-40, forsorjningsstod, barnhushall and
    # individuell-plan; the 2018-T2 analysis has sections on the first two.
    assert _ids(items, "VP603") == [
        "barnhushall-forsorjningsstod-2018",
        "individuell-plan-2018",
    ]
    # Every activity but dialogutbildning (2019) has no follow-up at all.
    assert len(_ids(items, "VP604")) == 12 and "dialogutbildning" not in _ids(items, "VP604")
    assert all(i["line"] and i["file"].endswith(".yaml") for i in items)
    assert not _ids(items, "VP601")  # the example data has every month


def test_a_missing_value_and_a_follow_up_since_a_date(repo_copy, run_vp) -> None:
    assert run_vp("data", "remove", "andel-hushall-forsorjningsstod", "2018-07").exit_code == 0
    assert run_vp("activity", "koll", "--status", "pågår", "--date", "2018-06-10").exit_code == 0
    _, found = _due(run_vp, "--period", "2018-T2", "--date", "2018-06-01")
    items = found["plans"][0]["items"]
    missing = [i for i in items if i["code"] == "VP601"]
    assert [i["message"] for i in missing] == [
        "nyckeltalet andel-hushall-forsorjningsstod saknar värde för 2018-07"
    ]
    assert "koll" not in _ids(items, "VP604")
    _, later = _due(run_vp, "--period", "2018-T2", "--date", "2018-07-01")
    assert "koll" in _ids(later["plans"][0]["items"], "VP604")


def test_text_and_github_formats(repo_copy, run_vp) -> None:
    text = run_vp("due", "--period", "2018-T2", "--plan", SN_ID)
    assert text.exit_code == 1
    assert "Milstolpar utan bedömning (8):" in text.stdout
    line = _line_of("- id: heltid-modell-2018")
    assert (
        f"    rad {line}: milstolpen heltid-modell-2018 saknar bedömning för 2018-T2" in text.stdout
    )
    assert text.stdout.rstrip().endswith("saker att göra före rapporten.")
    github = run_vp("due", "--period", "2018-T2", "--plan", SN_ID, "--format", "github")
    first = github.stdout.splitlines()[0]
    assert first.startswith(
        f"::warning file=plans/degerfors/socialnamnden-2018-2019.yaml,line={line},col=9,"
    )


def test_nothing_due_once_everything_is_done(tmp_path, monkeypatch, run_vp) -> None:
    assert run_vp("init", str(tmp_path / "ny"), "--as-of", "2026-03-15").exit_code == 0
    monkeypatch.chdir(tmp_path / "ny")
    plan_id = json.loads(run_vp("status", "-f", "json").stdout)["plans"][0]["plan"]
    result = run_vp("due", "--period", "2026-01")
    assert result.exit_code == 1
    assert run_vp(
        "assess", "rutin-avvikelser-2026", "--period", "2026-01", "--status", "delvis",
        "--comment", "Rutinen är beslutad.", "--date", "2026-02-01",
    ).exit_code == 0  # fmt: skip
    analysis = Path("analyses") / plan_id / "2026-01.md"
    analysis.parent.mkdir(parents=True)
    analysis.write_text(
        "# sjukfranvaro-2026\n\nLägre än i fjol.\n\n# nojda-hemtjanst-2026\n\nMäts i höst.\n",
        encoding="utf-8",
    )
    followed = run_vp("activity", "avvikelserutin", "--status", "pågår", "--date", "2026-01-20")
    assert followed.exit_code == 0, followed.output
    done = run_vp("due", "--period", "2026-01")
    assert done.exit_code == 0, done.stdout
    assert "Inget att göra" in done.stdout


def test_a_bad_period_is_a_usage_error(in_repo, run_vp) -> None:
    result = run_vp("due", "--period", "2018-13")
    assert result.exit_code == 2 and "är ingen period" in result.stderr


def _line_of(text: str) -> int:
    """The line of the shipped Degerfors plan that holds `text`, counted from 1."""
    from conftest import ROOT

    plan = ROOT / "plans" / "degerfors" / "socialnamnden-2018-2019.yaml"
    return next(n for n, line in enumerate(plan.read_text("utf-8").splitlines(), 1) if text in line)
