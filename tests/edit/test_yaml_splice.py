"""Editing a YAML file in place: the change is exactly the one asked for, byte for byte."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CASES, ROOT, only_added_lines
from verksamhetsplan.edit.yaml_splice import Document, EditError
from verksamhetsplan.plan.yaml_reader import parse

PLANS = [p for p in sorted((ROOT / "plans").rglob("*.yaml")) if "\ngoals:" in p.read_text("utf-8")]


def _goal_indexes(document: Document) -> list[int]:
    return list(range(len(document.data.get("goals") or [])))


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.name)
def test_appending_an_assessment_to_every_goal_only_adds_lines(plan) -> None:
    text = plan.read_text(encoding="utf-8")
    document = Document(text)
    assert len(_goal_indexes(document)) >= 2
    for index in _goal_indexes(document):
        entry = {"period": 2019, "status": "achieved", "comment": f"Bedömning {index}: klar"}
        document.append(("goals", index, "assessments"), entry)
    added = only_added_lines(text.encode(), document.text.encode())
    assert sum(line.strip().startswith("- period: 2019") for line in added) == len(
        _goal_indexes(document)
    )
    data, _ = parse(document.text)
    assert all(goal["assessments"][-1]["period"] == 2019 for goal in data["goals"])


def test_setting_an_existing_value_changes_that_line_only() -> None:
    plan = ROOT / "plans/degerfors/socialnamnden-2018-2019.yaml"
    text = plan.read_text(encoding="utf-8")
    document = Document(text)
    index = next(i for i, a in enumerate(document.data["activities"]) if "goals" in a)
    document.set(("activities", index, "status"), "done")
    document.set(("activities", index, "status"), "delayed")
    old, new = text.splitlines(), document.text.splitlines()
    assert len(new) == len(old) + 1
    added = only_added_lines(text.encode(), document.text.encode())
    assert [line.strip() for line in added] == ["status: delayed"]


def test_replacing_an_item_keeps_its_neighbours() -> None:
    text = (
        "id: p  # planen\ngoals:\n  - id: a\n    assessments:\n"
        "      - period: 2018  # första\n        status: partial\n"
        "      - period: 2019\n        status: achieved\n  - id: b\n"
    )
    document = Document(text)
    document.replace_item(("goals", 0, "assessments", 0), {"period": 2018, "status": "achieved"})
    assert document.text == text.replace(
        "      - period: 2018  # första\n        status: partial\n",
        "      - period: 2018\n        status: achieved\n",
    )


def test_crlf_bom_and_comments_survive() -> None:
    text = (
        "id: p\r\n# kommentar\r\nactivities:\r\n- id: a   # egen\r\n  text: 'x'\r\n\r\nmeta: {}\r\n"
    )
    document = Document(text)
    document.set(("activities", 0, "status"), "done")
    document.set(("activities", 0, "comment"), "rad ett\nrad två")
    assert document.text == text.replace(
        "  text: 'x'\r\n",
        "  text: 'x'\r\n  status: done\r\n  comment: |-\r\n    rad ett\r\n    rad två\r\n",
    )


def test_an_empty_flow_list_becomes_a_block_list() -> None:
    text = "goals:\n  - id: a\n    assessments: []  # inga än\n    text: t\n"
    document = Document(text)
    document.append(("goals", 0, "assessments"), {"period": 2018, "status": "partial"})
    assert parse(document.text)[0]["goals"][0]["assessments"] == [
        {"period": 2018, "status": "partial"}
    ]
    assert document.text.endswith("    text: t\n")


def test_indentless_lists_keep_their_style() -> None:
    text = "goals:\n- id: a\n  text: t\n"
    document = Document(text)
    document.append(("goals", 0, "assessments"), {"period": 2018})
    assert document.text == text + "  assessments:\n  - period: 2018\n"


def test_a_flow_mapping_is_refused_rather_than_rewritten() -> None:
    document = Document("activities:\n  - {id: a, text: t}\n")
    with pytest.raises(EditError, match="flödesstil"):
        document.set(("activities", 0, "status"), "done")


def test_an_edit_through_an_anchor_is_refused() -> None:
    # Changing an anchored mapping would change every alias of it too.
    text = "base: &b\n  id: a\n  text: t\nactivities:\n  - *b\n"
    document = Document(text)
    with pytest.raises(EditError):
        document.set(("base", "status"), "done")
    assert document.text == text


@pytest.mark.parametrize("case", sorted((CASES / "valid").glob("*.yaml")), ids=lambda p: p.name)
def test_every_valid_case_accepts_a_new_top_level_key(case) -> None:
    text = case.read_text(encoding="utf-8")
    document = Document(text)
    document.set(("granskning",), {"datum": dt.date(2026, 11, 23), "av": "Revisorn"})
    added = only_added_lines(text.encode(), document.text.encode())
    assert [line.rstrip("\n") for line in added] == [
        "granskning:",
        "  datum: 2026-11-23",
        "  av: Revisorn",
    ]


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc")) | st.just("\n"), min_size=1, max_size=60
    )
)
def test_any_comment_text_round_trips_and_nothing_else_moves(comment) -> None:
    text = "id: p\nactivities:\n  - id: a  # behåll\n    text: Aktivitet\n  - id: b\n    text: B\n"
    document = Document(text)
    document.set(("activities", 0, "comment"), "första")
    document.set(("activities", 0, "comment"), comment)
    data, _ = parse(document.text)
    assert data["activities"][0]["comment"] == comment
    assert data["activities"][1] == {"id": "b", "text": "B"}
    assert document.text.startswith(
        "id: p\nactivities:\n  - id: a  # behåll\n    text: Aktivitet\n"
    )
    assert document.text.endswith("  - id: b\n    text: B\n")
