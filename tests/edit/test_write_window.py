"""Another program's write in the last instant before vp's rename is never lost: vp swaps its
file in atomically and undoes the swap when what it swapped out is not what it read."""

from __future__ import annotations

from pathlib import Path

import pytest

from verksamhetsplan.common import files

PERSONAL = Path("indicators-data/degerfors/personal.csv")


def _meanwhile(monkeypatch, target: Path, content: bytes, at: int = 1) -> None:
    """Another program writes `content` to `target` right after vp has prepared its own new
    file number `at` (1 = the first), past every check vp makes before writing."""
    prepare = files._beside
    seen = []

    def preparing(where: Path, data: bytes) -> Path:
        temporary = prepare(where, data)
        seen.append(where)
        if len(seen) == at:
            target.write_bytes(content)
        return temporary

    monkeypatch.setattr(files, "_beside", preparing)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "utan-renameat2"])
def test_a_write_in_the_last_instant_is_kept_and_vp_refuses(
    repo_copy, run_vp, monkeypatch, exchange
) -> None:
    if not exchange:
        monkeypatch.setattr(files, "_exchange", lambda one, other: False)
    theirs = PERSONAL.read_bytes() + b"andel-heltider,2020-Q1,50,T,skrivet av ett annat program\n"
    _meanwhile(monkeypatch, PERSONAL.resolve(), theirs)
    result = run_vp("data", "remove", "andel-heltider", "2016-Q1")
    assert result.exit_code == 1
    assert "har ändrats av något annat medan vp arbetade; ingenting har ändrats" in result.stderr
    assert PERSONAL.read_bytes() == theirs
    assert _leftovers(PERSONAL.parent) == []


def test_every_file_of_a_change_is_put_back_when_one_was_written_meanwhile(
    tmp_path, monkeypatch
) -> None:
    one, two = tmp_path / "ett.txt", tmp_path / "tva.txt"
    one.write_bytes(b"ett\n")
    two.write_bytes(b"tva\n")
    _meanwhile(monkeypatch, two, b"tva, enligt det andra programmet\n", at=2)
    with pytest.raises(files.ChangedMeanwhile) as changed:
        files.replace_all_if_unchanged([(one, b"ett\n", b"ETT\n"), (two, b"tva\n", b"TVA\n")])
    assert changed.value.path == two
    assert one.read_bytes() == b"ett\n"  # vp's first swap undone
    assert two.read_bytes() == b"tva, enligt det andra programmet\n"
    assert _leftovers(tmp_path) == []


def test_a_new_file_that_appeared_meanwhile_is_not_replaced(tmp_path, monkeypatch) -> None:
    new = tmp_path / "ny.csv"
    _meanwhile(monkeypatch, new, b"deras\n")
    with pytest.raises(files.ChangedMeanwhile):
        files.replace_all_if_unchanged([(new, None, b"vara\n")])
    assert new.read_bytes() == b"deras\n"
    assert _leftovers(tmp_path) == []


def test_without_interference_every_file_is_written_with_its_mode(tmp_path) -> None:
    one = tmp_path / "ett.txt"
    one.write_bytes(b"ett\n")
    one.chmod(0o640)
    files.replace_all_if_unchanged([(one, b"ett\n", b"ETT\n"), (tmp_path / "ny", None, b"ny\n")])
    assert one.read_bytes() == b"ETT\n" and (tmp_path / "ny").read_bytes() == b"ny\n"
    assert oct(one.stat().st_mode & 0o777) == "0o640"
    assert _leftovers(tmp_path) == []
