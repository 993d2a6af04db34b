"""The publishing guard, tried as a secretary who pastes too much: a personnummer in any text
that reaches the site or the report stops both (nothing written, the place named); an e-mail
address or phone number is listed; values under an indicator's small-cell limit are withheld
from every published output with the reason, and the commands say what was withheld."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from verksamhetsplan.plan.personal import find_personal, luhn_ok

PLAN = Path("plans/degerfors/socialnamnden-2018-2019.yaml")
ANALYSIS = Path("analyses/degerfors-sn-2018-2019/2018-T2.md")
T2 = ["--period", "2018-T2", "--plan", "degerfors-sn-2018-2019"]
# 19121212-1212 is Skatteverket's example: 1·2+9·1… the control digit 2 makes the Luhn sum 40.
NUMBER = "19121212-1212"


def test_luhn_and_the_forms_of_a_personnummer() -> None:
    assert luhn_ok("8112189876") and not luhn_ok("8112189875")
    kinds = [f.kind for f in find_personal(f"{NUMBER}, 121212+1212 och 191212121212")]
    assert kinds == ["personnummer"] * 3
    # samordningsnummer: the day plus 60 (12 → 72), its own control digit
    assert [f.kind for f in find_personal("701063-2391")] == ["samordningsnummer"]
    assert [f.shown for f in find_personal(f"Ärendet {NUMBER}.")] == ["19121212-****"]


@pytest.mark.parametrize(
    "text",
    ["2018-2019", "2018-08-31", "4 799 tkr", "5,56 %", "2019-Q4 42,9 %", "19121212-1213",
     "SN 2017/123", "KPI N31807", "20180831-1234"],
)  # fmt: skip
def test_numbers_of_a_plan_are_not_personal(text: str) -> None:
    assert list(find_personal(text)) == []


def test_e_mail_and_phone_numbers_are_found() -> None:
    found = {(f.kind, f.shown) for f in find_personal("anna.berg@degerfors.se, 0586-480 00")}
    assert found == {("e-post", "a…@degerfors.se"), ("telefonnummer", "0586-480 **")}


def _plant(where: str, run_vp) -> str:
    """The personnummer in one text that reaches the site; the place the guard must name."""
    if where == "assessment":
        text = PLAN.read_text(encoding="utf-8")
        old = "Installerat och implementerat; används i 9 av 14 enheter."
        PLAN.write_text(text.replace(old, f"{old} Gäller {NUMBER}."), encoding="utf-8")
        line = next(n for n, t in enumerate(PLAN.read_text("utf-8").splitlines(), 1) if NUMBER in t)
        return f"{PLAN}:{line}:"
    if where == "activity":
        done = run_vp("activity", "update", "heltidsmodell", "-s", "ongoing", "--date",
                      "2018-05-02", "-c", f"Samtal med {NUMBER} om modellen.")  # fmt: skip
        assert done.exit_code == 0, done.output
        line = next(n for n, t in enumerate(PLAN.read_text("utf-8").splitlines(), 1) if NUMBER in t)
        return f"{PLAN}:{line}:"
    if where == "goal":
        text = PLAN.read_text(encoding="utf-8")
        old = "Andelen heltidsanställningar har ökat med 10 %."
        assert old in text
        PLAN.write_text(text.replace(old, f"{old} Kontakt {NUMBER}.", 1), encoding="utf-8")
        line = next(n for n, t in enumerate(PLAN.read_text("utf-8").splitlines(), 1) if NUMBER in t)
        return f"{PLAN}:{line}:"
    lines = ANALYSIS.read_text(encoding="utf-8").splitlines()
    lines.insert(9, f"Brukaren {NUMBER} har klagat.")
    ANALYSIS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f"{ANALYSIS}:10:"


@pytest.mark.parametrize("where", ["goal", "assessment", "activity", "analysis"])
def test_a_personnummer_stops_the_site_and_the_report(where: str, repo_copy, run_vp) -> None:
    import shutil

    from conftest import ROOT

    shutil.copytree(ROOT / "analyses", repo_copy / "analyses")
    place = _plant(where, run_vp)
    site = run_vp("site", "webb")
    assert site.exit_code == 1
    assert f"{place}" in site.stderr and "fel VP701: personnummer" in site.stderr
    assert NUMBER not in site.stderr + site.stdout  # the guard does not repeat it
    assert "ingenting har skrivits" in site.stderr and not Path("webb").exists()
    report = run_vp("report", *T2, "-o", "r.html")
    assert report.exit_code == 1 and "VP701" in report.stderr and not Path("r.html").exists()
    strict = run_vp("validate", "--strict")
    assert strict.exit_code == 1 and "VP701" in strict.stdout
    assert run_vp("validate").exit_code == 0  # for computing, the plan is still valid


def test_e_mail_and_phone_are_listed_but_do_not_stop(repo_copy, run_vp) -> None:
    text = PLAN.read_text(encoding="utf-8")
    old = "Installerat och implementerat; används i 9 av 14 enheter."
    added = f"{old} Frågor till anna.berg@degerfors.se eller 0586-480 00."
    PLAN.write_text(text.replace(old, added), encoding="utf-8")
    site = run_vp("site", "webb")
    assert site.exit_code == 0
    assert "varning VP702: e-post i texten (a…@degerfors.se)" in site.stderr
    assert "varning VP703: telefonnummer i texten (0586-480 **)" in site.stderr
    assert Path("webb/index.html").is_file()
    assert run_vp("validate", "--strict").exit_code == 1


def test_values_under_the_small_cell_limit_are_withheld_from_what_is_published(
    repo_copy, run_vp
) -> None:
    # All In's participants: 3 in January 2018, then 5, 8 …; a limit of 5 withholds the 3.
    text = PLAN.read_text(encoding="utf-8")
    old = "    key_figure: false\n    unit: count\n"
    assert text.count(old) >= 1
    PLAN.write_text(text.replace(old, old + "    small_cell_limit: 5\n", 1), encoding="utf-8")
    assert run_vp("validate", "--strict").exit_code == 0
    site = run_vp("site", "webb", "--as-of", "2020-01-31")
    assert site.exit_code == 0, site.output
    said = "Visas inte (under gränsen för små tal): 1 värde – deltagare-all-in: 2018-01 T"
    assert said in site.stderr
    folder = Path("webb/degerfors-sn-2018-2019/nyckeltal")
    rows = (folder / "deltagare-all-in.csv").read_text(encoding="utf-8").splitlines()
    january = next(r for r in rows if ",2018-01,T," in r)
    assert ',2018-01,T,,count,"färre än 5, visas inte",' in january
    values = json.loads((folder / "deltagare-all-in.json").read_text("utf-8"))["values"]
    assert {"period": "2018-01", "gender": "T", "value": None,
            "missing": "färre än 5, visas inte"} in values  # fmt: skip
    page = (folder / "deltagare-all-in.html").read_text(encoding="utf-8")
    assert '<td class="number">– (färre än 5, visas inte)</td>' in page
    report = run_vp("report", *T2, "-f", "md", "-o", "r.md")
    assert report.exit_code == 0 and said in report.stderr
    # vp status is for the administration's own use: it still sees the value
    status = run_vp("status", *T2, "--format", "json")
    assert "withheld" not in status.stdout and status.exit_code == 0


def test_a_person_is_published_only_by_the_role_the_plan_gives(repo_copy, run_vp) -> None:
    text = PLAN.read_text(encoding="utf-8")
    text = text.replace(
        "  Exempel (påhittad bedömning): verksamhetsutvecklare (påhittad bedömning)\n",
        "  Anna Berg: enhetschef för IFO\n",
    )
    old = "Installerat och implementerat; används i 9 av 14 enheter."
    text = text.replace(old, f"{old} Anna Berg har följt upp.")
    PLAN.write_text(text.replace("by: Exempel (påhittad bedömning)", "by: Anna Berg"), "utf-8")
    done = run_vp("activity", "update", "heltidsmodell", "-s", "ongoing", "--date", "2018-05-02",
                  "-c", "Anna Berg leder arbetet.", "--by", "Okänd Person")  # fmt: skip
    assert done.exit_code == 0, done.output
    assert run_vp("report", *T2, "-f", "md", "-o", "r.md").exit_code == 0
    assert run_vp("site", "webb", "--as-of", "2018-09-01").exit_code == 0
    report = Path("r.md").read_text(encoding="utf-8")
    assert "31 augusti 2018, enhetschef för IFO: ◐ delvis uppnått." in report
    assert "enhetschef för IFO har följt upp." in report
    assert "enhetschef för IFO leder arbetet." in report  # the activity's comment
    published = report + "".join(
        p.read_text(encoding="utf-8") for p in Path("webb").rglob("*.html")
    )
    assert "Anna Berg" not in published and "Okänd Person" not in published
    assert "Anna Berg" in PLAN.read_text(encoding="utf-8")  # the plan itself keeps the name
