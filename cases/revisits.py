"""Revisit satisfaction (R10), counted one way wherever it is shown: per unit in the periodic report
(exports/periodic.py) and per Work Day in its statistics (workdays/analysis.py).

A revisit counts once; `reached` when the citizen was reached; `satisfied` / `unsatisfied` among the
reached ones that gave an answer; the rate = satisfied / (satisfied + unsatisfied), in percent with
one decimal, None when nobody answered."""

from __future__ import annotations

from django.db.models import Count, Q

# Named apart from the model's fields `reached` and `satisfied` (an annotation may not shadow them).
SATISFACTION_COUNTS = {
    "n_revisits": Count("id"),
    "n_reached": Count("id", filter=Q(reached=True)),
    "n_satisfied": Count("id", filter=Q(reached=True, satisfied=True)),
    "n_unsatisfied": Count("id", filter=Q(reached=True, satisfied=False)),
}


def satisfaction_rate(satisfied: int, unsatisfied: int) -> float | None:
    answered = satisfied + unsatisfied
    return round(satisfied * 100 / answered, 1) if answered else None


def satisfaction_row(counts: dict) -> dict:
    """`{revisits, reached, satisfied, unsatisfied, satisfaction_rate}` from the SATISFACTION_COUNTS of
    an aggregate or of one annotated row."""
    row = {key: counts.get(f"n_{key}") or 0 for key in ("revisits", "reached", "satisfied", "unsatisfied")}
    row["satisfaction_rate"] = satisfaction_rate(row["satisfied"], row["unsatisfied"])
    return row
