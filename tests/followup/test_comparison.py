"""Kolada's comparison: place 1 is the best value whichever way is better."""

from __future__ import annotations

from verksamhetsplan.followup.comparison import KoladaComparisons
from verksamhetsplan.plan.vocabulary import Better

VALUES = {("N1", 2019): {"1862": 6.0, "1814": 4.0, "1880": 8.0, "0180": 5.0, "1860": 7.0}}
GROUPS = {"G1": {"1814", "1880", "1862"}}


def test_lower_is_better_counts_the_lower_values_ahead() -> None:
    compared = KoladaComparisons(VALUES, GROUPS).compare("N1", 2019, "1862", Better.LOWER, ["G1"])
    assert compared is not None
    # 4 and 5 are better (lower) than 6: place 3 of 5; 3/5 = 0.6 -> third quarter.
    assert (compared.rank, compared.count, compared.quartile) == (3, 5, 3)
    # The group without Degerfors itself: 4 and 8, median 6.
    assert (compared.group_median, compared.group_size) == (6.0, 2)


def test_higher_is_better_and_a_list_of_municipalities_as_group() -> None:
    compared = KoladaComparisons(VALUES, {}).compare(
        "N1", 2019, "1862", Better.HIGHER, ["1880", "0180", "9999"]
    )
    assert compared is not None
    assert (compared.rank, compared.quartile) == (3, 3)  # 8 and 7 are ahead
    assert (compared.group_median, compared.group_size) == (6.5, 2)  # 8 and 5; 9999 has none


def test_no_comparison_without_a_direction_or_an_own_value() -> None:
    data = KoladaComparisons(VALUES, GROUPS)
    assert data.compare("N1", 2019, "1862", Better.NONE, []) is None
    assert data.compare("N1", 2019, "2584", Better.HIGHER, []) is None
    assert data.compare("N1", 2018, "1862", Better.HIGHER, []) is None
