"""The closed sets of values the plan format allows (kinds, frequencies, units, statuses …),
English in the YAML; their Swedish words live where they are shown."""

from __future__ import annotations

from enum import StrEnum


class PlanKind(StrEnum):
    VERKSAMHETSPLAN = "verksamhetsplan"
    HANDLINGSPLAN = "handlingsplan"
    MAL_OCH_BUDGET = "mal_och_budget"
    STRATEGISK_PLAN = "strategisk_plan"
    VERKSAMHETSBERATTELSE = "verksamhetsberattelse"


class Frequency(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    TERTIAL = "tertial"
    YEAR = "year"


class Combine(StrEnum):
    LAST = "last"
    MEAN = "mean"
    SUM = "sum"


class Better(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"
    NONE = "none"


class Unit(StrEnum):
    PERCENT = "percent"
    COUNT = "count"
    FTE = "fte"
    DAYS = "days"
    SEK = "sek"
    TSEK = "tsek"
    INDEX = "index"


class Status(StrEnum):
    ACHIEVED = "achieved"
    PARTIAL = "partial"
    NOT_ACHIEVED = "not_achieved"
    NO_DATA = "no_data"


class ActivityStatus(StrEnum):
    PLANNED = "planned"
    ONGOING = "ongoing"
    DONE = "done"
    CANCELLED = "cancelled"
    DELAYED = "delayed"


class Gender(StrEnum):
    K = "K"
    M = "M"
    T = "T"


class PartialRule(StrEnum):
    PROGRESS_HALF = "progress_half"
    TARGET_80 = "target_80"
    RIGHT_DIRECTION = "right_direction"


class PartialKind(StrEnum):
    SHARE_OF_TARGET = "share_of_target"
    SHARE_OF_WAY = "share_of_way"
    RIGHT_DIRECTION = "right_direction"


class CouncilGoalKind(StrEnum):
    VISION_AREA = "vision_area"
    DEVELOPMENT_AREA = "development_area"
    COUNCIL_GOAL = "council_goal"


class VerdictRule(StrEnum):
    ALL = "all"
    ANY = "any"
    AT_LEAST = "at_least"
    ASSESSMENT = "assessment"


class ForecastMethod(StrEnum):
    SEASONAL = "seasonal"
    LINEAR = "linear"
    LAST = "last"
    NONE = "none"
    PROGNOS = "prognos"  # the economy's own full-year forecast (an indicator from economy data)
