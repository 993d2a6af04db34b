"""`vp lint` on the internkontrollplaner: a risk at or above the plan's limit that nothing
controls or acts on (VP509), a risk accepted without a reason (VP510), and a control that
found the same deviation twice with no action after it (VP511). A finding the nämnd accepts
is written with its reason under the risk's `lint:`."""

from __future__ import annotations

import itertools

from ..common.problems import Problem, Severity
from .control import ControlFile
from .control_model import Decision, Outcome
from .load import located_problem


def control_findings(control_file: ControlFile) -> list[tuple[dict[str, str], Problem]]:
    """Each finding with the `lint:` table that may accept it (the risk's, else the plan's)."""
    plan = control_file.plan
    found = []

    def finding(path: tuple[str | int, ...], code: str, message: str, hint: str) -> Problem:
        return located_problem(control_file, path, code, message, hint, Severity.WARNING)

    for i, risk in enumerate(plan.risks):
        controls = [c for c in plan.controls if c.risk == risk.id]
        if risk.value >= plan.scales.control_from and not controls and not risk.actions:
            found.append(
                (
                    risk.lint,
                    finding(
                        ("risks", i, "id"),
                        "VP509",
                        f"risken {risk.id} har riskvärdet {risk.value} ({risk.probability} × "
                        f"{risk.consequence}) men ingen kontroll eller åtgärd; planens gräns "
                        f"är {plan.scales.control_from}",
                        "Lägg till en kontroll under controls: eller en åtgärd under risken.",
                    ),
                )
            )
        if risk.decision is Decision.ACCEPT and not (risk.reason or "").strip():
            found.append(
                (
                    risk.lint,
                    finding(
                        ("risks", i, "decision"),
                        "VP510",
                        f"risken {risk.id} godtas utan att skälet står",
                        "Skriv skälet under reason:, så att nämnden och revisorerna ser det.",
                    ),
                )
            )
    for j, control in enumerate(plan.controls):
        deviations = sorted(
            (r for r in plan.results if r.control == control.id and r.outcome is Outcome.DEVIATION),
            key=lambda r: r.date,
        )
        for earlier, later in itertools.pairwise(deviations):
            if not earlier.actions and not later.actions:
                owner = next((r for r in plan.risks if r.id == control.risk), None)
                found.append(
                    (
                        owner.lint if owner is not None else {},
                        finding(
                            ("controls", j, "id"),
                            "VP511",
                            f"kontrollen {control.id} fann avvikelse både {earlier.period} och "
                            f"{later.period} utan någon åtgärd",
                            "Skriv en åtgärd (vad, vem, till när) under resultatets actions:.",
                        ),
                    )
                )
    return found
