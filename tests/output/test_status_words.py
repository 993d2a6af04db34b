"""A plan's own status words (follow_up.status_words) reach every sentence of its report:
the statuses, the forecast verdicts, the counts and the method paragraph."""

from __future__ import annotations

import re
from pathlib import Path

SN = Path("plans/degerfors/socialnamnden-2018-2019.yaml")
ARGS = ["--period", "2018-T2", "--plan", "degerfors-sn-2018-2019", "--as-of", "2020-03-01"]


def _own_words() -> None:
    text = SN.read_text(encoding="utf-8")
    SN.write_text(
        text.replace(
            "follow_up:\n",
            "follow_up:\n  status_words: {achieved: uppfyllt, partial: delvis uppfyllt, "
            "not_achieved: ej uppfyllt}\n",
            1,
        ),
        encoding="utf-8",
    )


def test_the_report_speaks_the_plans_words_everywhere(repo_copy, run_vp) -> None:
    _own_words()
    assert run_vp("validate").exit_code == 0
    result = run_vp("report", *ARGS, "-f", "md", "-o", "-")
    assert result.exit_code == 0, result.output
    text = result.stdout
    # the plan's own texts may say uppnås; vp's own sentences may not
    ours = "\n".join(line for line in text.splitlines() if not line.startswith(("#### ", "|")))
    assert not re.search(r"\buppnått\b|\buppnås\b", ours), [
        line for line in ours.splitlines() if re.search(r"\buppnått\b|\buppnås\b", line)
    ]
    assert "bedöms uppfyllt" in text  # All In's measure: 34,75 against minst 30
    assert "Ett mål är uppfyllt när utfallet når målvärdet" in text
    assert "annars är det ej uppfyllt" in text
    assert "(bedöms uppfyllt, bedöms delvis uppfyllt, bedöms ej uppfyllt)" in text


def test_status_and_explain_speak_them_too(repo_copy, run_vp) -> None:
    _own_words()
    table = run_vp("status", "--period", "2018-T2", "--plan", "degerfors-sn-2018-2019",
                   "--as-of", "2020-03-01").stdout  # fmt: skip
    assert "bedöms" in table and "uppnås" not in table
    explained = run_vp("explain", "all-in-2018", "--period", "2018-T2", "--as-of", "2020-03-01")
    assert "Prognosbedömning för helåret: ✔ bedöms uppfyllt" in explained.stdout


def test_dates_are_written_as_swedish_long_dates() -> None:
    """CLDR's sv long date (d MMMM y), as Babel wrote it before vp did: no leading zero,
    the month in lower case."""
    import datetime as dt

    from verksamhetsplan.followup.words import long_date

    assert long_date(dt.date(2017, 11, 29)) == "29 november 2017"
    assert long_date(dt.date(2018, 1, 1)) == "1 januari 2018"
    assert long_date(dt.date(2200, 5, 9)) == "9 maj 2200"
